"""Reading: column placement. A row's values put under the table's columns: by where they stand
in layout text (:func:`_column_anchors`, :func:`_place_by_columns`), by the tables' arithmetic
when a row prints fewer values than columns (:func:`_place_short_row`), as a stream of values
printed one per line (:func:`_stream_rows`), when a row prints more values than columns
(:func:`_place_long_row`), without a subtotal column, in the order the
headers name the organisation columns (:func:`_column_order`).
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from govinfo.readers.cells import _is_data, _Line
from govinfo.readers.labels import _found_profile
from govinfo.readers.numbers import Slot, SlotLike, _all_counts, _count_or_none
from govinfo.readers.result import DiagnosticCode
from govinfo.readers.state import _LISTED, _cell_paths, _State
from govinfo.registry import ORGANISATIONS_HEADER, Applicant

_WIDTH = len(Applicant)
_APPLICANT_KEYS = tuple(a.key for a in Applicant)


def _in_template_order(
    slots: Sequence[SlotLike | None], order: list[int] | None
) -> list[SlotLike | None]:
    """A table 三 row's cells as printed, in the template's column order (see
    :func:`_column_order`)."""
    if order is None:
        return list(slots)
    out = list(slots)
    for column, organisation in enumerate(order):
        out[1 + organisation] = slots[1 + column]
    return out


def _known_cells(state: _State, rows: dict[str, Any]) -> dict[str, int | None]:
    """The cells of ``rows`` (row path to its read cells) for the arithmetic that places a
    short row: a blank cell counts as 0, as it does in the tables' sums; a cell whose text was
    unreadable is unknown (``None``)."""
    unreadable = {
        c
        for d in state.diagnostics
        if d.code
        in (
            DiagnosticCode.UNREADABLE_NUMBER,
            DiagnosticCode.NEGATIVE_COUNT,
            DiagnosticCode.RAGGED_VALUES,
            DiagnosticCode.UNPLACED_NUMBER,
        )
        for c in d.cells
    }
    known: dict[str, int | None] = {}
    for prefix, row in rows.items():
        for key in attrs.fields_dict(type(row)):
            path = f"{prefix}.{key}"
            value = getattr(row, key)
            known[path] = None if path in unreadable else (value or 0)
    return known


def _place_short_row(
    state: _State,
    layout: Any,
    known: dict[str, int | None],
    name: str,
    paths: Sequence[str],
    slots: Sequence[SlotLike],
    line: _Line,
    code: DiagnosticCode = DiagnosticCode.AMBIGUOUS_LAYOUT,
) -> list[SlotLike | None]:
    """A row printed with fewer values than its ``keys`` (its blank cells printed nothing, and
    nothing tells which): placed where the tables' arithmetic (``layout``'s equations: the
    row's own total, the table's column sums) allows exactly one placement of its values, in
    their order, the other cells blank; otherwise every cell is left not reported and the
    placements the arithmetic allows are listed. ``known`` holds the other rows' cells
    (:func:`_known_cells`); rows not in it are unknown, and a rule through them is not
    applied."""
    width = len(paths)
    values = [_count_or_none(s) for s in slots]
    unreadable = [s.raw for s, v in zip(slots, values, strict=True) if v is None and not s.blank]
    every = (*paths, *known) if layout is None else layout.paths
    index = {p: i for i, p in enumerate(every)}
    mine = {index[p] for p in paths}
    equations = [] if layout is None else layout.equations
    equations = [eq for eq in equations if mine & {*eq.parts, *eq.whole}]
    vector: list[int | None] = [known.get(p) for p in every]
    fits: list[tuple[int, ...]] = []
    for at in itertools.combinations(range(width), len(slots)):
        for p in paths:
            vector[index[p]] = 0  # a cell that printed nothing adds nothing
        for n, k in enumerate(at):
            # a blank mark adds nothing; an unreadable token is unknown
            vector[index[paths[k]]] = 0 if slots[n].blank else values[n]
        if all(
            sum(vector[i] or 0 for i in eq.parts) == sum(vector[i] or 0 for i in eq.whole)
            for eq in equations
            if all(vector[i] is not None for i in (*eq.parts, *eq.whole))
        ):
            fits.append(at)
    shown = "/".join(s.raw or "(blank)" for s in slots)
    short = len(name) + 1
    listed = [
        ", ".join(f"{paths[k][short:]}={slots[n].raw}" for n, k in enumerate(at))
        for at in fits[:_LISTED]
    ]
    if len(fits) == 1 and not unreadable:
        state.report(
            code,
            f"{name}: {len(slots)} values ({shown}) for {width} columns; placed where the "
            f"tables' sums put them, the one placement of {math.comb(width, len(slots))} that "
            "adds up; the other cells are blank",
            line.location,
            cells=[name],
            candidates=listed,
        )
        placed: list[SlotLike | None] = [None] * width
        for n, k in enumerate(fits[0]):
            placed[k] = slots[n]
        return placed
    if layout is None:
        why = f"{len(fits)} placements, and no rule ties the row's columns"
    elif fits:
        why = f"{len(fits)} placements add up (the tables' sums cannot tell which)"
    else:
        why = "no placement of them adds up"
    state.report(
        code,
        f"{name}: {len(slots)} values ({shown}) for {width} columns and nothing says which "
        f"columns they stand in: {why}; the row's cells are left not reported",
        line.location,
        cells=list(paths),
        raw=shown,
        candidates=listed,
    )
    return [None] * width


_MOST_EXTRA = 2
"""Values after its columns a row may print for the tables' arithmetic to still say they are
none of its cells."""


def _long_row_cells(
    slots: Sequence[SlotLike],
    width: int,
    adds_up: Callable[[Sequence[SlotLike]], bool] | None,
    label_line: int | None = None,
) -> tuple[tuple[int, ...] | None, str]:
    """Which of a row's ``slots``, more than its ``width`` columns, are its cells (their
    indices), and why; ``None`` when nothing tells (see :func:`_place_long_row`)."""
    lines = {s.location.line for s in slots[:width]}
    first, *others = lines
    if not others and first is not None and (width == 1 or first == label_line):
        below = slots[width:]
        if all(s.location.line is not None and s.location.line > first for s in below):
            return tuple(range(width)), "on a line after the row's, is beyond its columns"
    if adds_up is not None and len(slots) - width <= _MOST_EXTRA:
        keep = tuple(range(width))
        if adds_up([slots[k] for k in keep]):
            return keep, "is none of its cells: the row adds up without it"
    return None, ""


def _report_long_row(
    state: _State,
    name: str,
    paths: Sequence[str],
    slots: Sequence[SlotLike],
    keep: tuple[int, ...] | None,
    why: str,
) -> None:
    """Report the values of a long row that are not its cells (``keep`` the indices of those
    that are), or, when ``keep`` is ``None``, the row, its cells left not reported."""
    if keep is None:
        shown = "/".join(s.raw or "(blank)" for s in slots)
        state.report(
            DiagnosticCode.UNPLACED_NUMBER,
            f"{name}: {len(slots)} values ({shown}) for {len(paths)} columns: some are not "
            "its cells (a stray number, or a number split by a space), and nothing tells "
            "which; the row's cells are left not reported",
            slots[0].location,
            cells=list(paths),
            raw=shown,
        )
        return
    for k, s in enumerate(slots):
        if k not in keep:
            state.report(
                DiagnosticCode.UNPLACED_NUMBER, f"{name}: {s.raw!r} {why}", s.location, raw=s.raw
            )


def _place_long_row(
    state: _State,
    name: str,
    paths: Sequence[str],
    slots: Sequence[SlotLike],
    adds_up: Callable[[Sequence[SlotLike]], bool] | None,
    label_line: int | None = None,
) -> list[SlotLike | None]:
    """A row printing more values than its columns (``paths``): a number that is none of its
    cells stands among them (a page or note number, a value split by a space, a stray
    digit), and one too many shifts every cell after it. Its cells are read only when it is
    clear which values are not cells:

    - the row fills its columns on its label's line (``label_line``), or its one column,
      and the extra values stand on lines after it (numbers below the row);
    - or the values after its first ``width`` are few (at most :data:`_MOST_EXTRA`) and
      without them the row adds up (``adds_up``, the table's rule): numbers after the row,
      as a note or page number. Leaving out values from among the others is never tried: it
      would shift the cells around them, and a row shifted so may add up by chance (a
      value repeated, a cell split in two that keeps the sum: ``3.0 01`` for 4).

    The values left out are reported. Otherwise no cell of the row is read: the row is
    reported with its values (``name`` says which), and its cells are left not reported."""
    keep, why = _long_row_cells(slots, len(paths), adds_up, label_line)
    _report_long_row(state, name, paths, slots, keep, why)
    return [None] * len(paths) if keep is None else [slots[k] for k in keep]


def _midpoints(line: _Line) -> tuple[float, ...] | None:
    """Where each value of a text line sits: the middle of its token, in characters."""
    mids = []
    for slot in line.slots:
        column = slot.location.column
        if column is None or slot.run:
            return None
        mids.append(column + len(slot.raw) / 2)
    return tuple(mids)


_Anchor = tuple[int, int | None, tuple[float, ...]]
"""A full row of a text table: its line index, its page, where each of its values sits."""


def _column_anchors(split: Sequence[_Line], width: int) -> list[_Anchor]:
    """Where the ``width`` columns of a text table stand, page by page (``pdftotext -layout``
    keeps columns by padding with spaces, and they shift from page to page): the rows that
    fill every column, or, on a page without one, the points where the page's values cluster
    when they make exactly ``width`` clusters."""
    anchors: list[_Anchor] = []
    by_page: dict[int | None, list[tuple[int, tuple[float, ...]]]] = {}
    for line in split:
        if line.explicit or not _is_data(line):
            continue
        mids = _midpoints(line)
        if mids is None:
            continue
        by_page.setdefault(line.location.page, []).append((line.at, mids))
        if len(mids) == width and all(a < b for a, b in itertools.pairwise(mids)):
            anchors.append((line.at, line.location.page, mids))
    for page, rows in by_page.items():
        if any(a[1] == page for a in anchors):
            continue
        # no full row on this page: the columns are where its values cluster, if they make
        # exactly ``width`` clusters
        clusters = _clusters(sorted(m for _, mids in rows for m in mids))
        if len(clusters) == width:
            at = rows[len(rows) // 2][0]
            anchors.append((at, page, tuple(statistics.median(c) for c in clusters)))
    return anchors


_CLUSTER_GAP = 3.5
"""Characters between neighbouring values of one text column at most (the middles of a
column's values stand within about three characters of each other in ``pdftotext -layout``
text, numbers of different widths being centred on a character grid; columns stand five or
more apart)."""


def _clusters(points: Sequence[float]) -> list[list[float]]:
    """Sorted ``points`` grouped where they stand within :data:`_CLUSTER_GAP` of the next."""
    groups: list[list[float]] = []
    for p in points:
        if groups and p - groups[-1][-1] <= _CLUSTER_GAP:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _place_by_columns(state: _State, line: _Line, anchors: Sequence[_Anchor], width: int) -> _Line:
    """``line`` with blank cells where its text leaves a column empty, its values placed under
    the nearest anchor of :func:`_column_anchors` on its page; ``line`` unchanged when its
    values do not sit clearly under distinct columns (then the usual readings apply)."""
    mids = _midpoints(line)
    page = line.location.page
    near = [a for a in anchors if a[1] == page]
    if mids is None or line.explicit or not near:
        return line
    _, _, columns = min(near, key=lambda a: abs(a[0] - line.at))
    gaps = [b - a for a, b in itertools.pairwise(columns)]
    # as near a column as the values of one column stand to each other, and near no other:
    # where the full rows of the page put each column's values (they wobble by a character
    # or three with the numbers' widths), a value within reach of two columns is under
    # neither clearly
    tolerance = min(0.6 * sum(gaps) / len(gaps), _CLUSTER_GAP)
    spots = [[a[2][c] for a in near] for c in range(width)]
    placed: list[SlotLike | None] = [None] * width
    last = -1
    for slot, mid in zip(line.slots, mids, strict=True):
        within = [c for c in range(width) if min(abs(p - mid) for p in spots[c]) <= tolerance]
        if len(within) != 1 or within[0] <= last:
            return line
        k = within[0]
        placed[k] = slot
        last = k
    if not _adds_up(placed):
        return line  # the row's total says the positions mislead: the arithmetic decides
    state.report(
        DiagnosticCode.LAYOUT_COLUMNS,
        f"table 三: {len(line.slots)} values for {width} columns, placed under their columns "
        "by where they stand in the text, as the values of the rows around them stand; the "
        "other cells are blank",
        line.location,
    )
    return line._replace(
        slots=tuple(s if s is not None else Slot("", line.location, blank=True) for s in placed)
    )


def _under_columns(
    line: _Line, anchors: Sequence[_Anchor], width: int
) -> Callable[[Sequence[SlotLike]], bool] | None:
    """For a row of layout text: whether some of its values stand under distinct columns, in
    order, each under the column nearest its middle (the anchors of :func:`_column_anchors`
    nearest the row on its page); ``None`` when nothing tells where its columns stand. Two
    values under one column are one cell split by a space, or a cell and a stray number:
    not two cells."""
    page = line.location.page
    near = [a for a in anchors if a[1] == page]
    if line.explicit or not near or _midpoints(line) is None:
        return None
    _, _, columns = min(near, key=lambda a: abs(a[0] - line.at))

    def under(slots: Sequence[SlotLike]) -> bool:
        last = -1
        for slot in slots:
            mid = (slot.location.column or 0) + len(slot.raw) / 2
            k = min(range(width), key=lambda c: abs(columns[c] - mid))
            if k <= last:
                return False
            last = k
        return True

    return under


def _adds_up(placed: Sequence[SlotLike | None]) -> bool:
    """Whether a row's cells as placed add up (R3: the last is the sum of the others), a
    blank cell adding nothing; not when a value is unreadable."""
    values = [None if s is None or s.blank else _count_or_none(s) for s in placed]
    if any(
        v is None and s is not None and not s.blank for v, s in zip(values, placed, strict=True)
    ):
        return False
    return sum(v or 0 for v in values[:-1]) == (values[-1] or 0)


def _stream_rows(state: _State, stream: Sequence[_Line], width: int) -> list[_Line]:
    """Rows from a stream of values printed one or a few per line (``pdftotext`` without
    ``-layout``). Values come row by row, or column by column for a block of rows; the
    reading chosen is the one whose rows add up (R3: the last cell is the sum of the others).
    When the values make no whole number of rows (a value is missing or one too many, and
    every row after it may be shifted), or not every row they make adds up, each row is
    :attr:`~_Line.withheld`.
    """
    slots = [s for line in stream for s in line.slots]
    values = [_count_or_none(s) for s in slots]
    n = len(slots)
    if n % width:
        state.report(
            DiagnosticCode.RAGGED_VALUES,
            f"table 三: {n} values printed one per line is not a whole number of rows of {width}",
            stream[0].location,
        )

    def adds_up(row: Sequence[int | None]) -> bool:
        return sum(v or 0 for v in row[:-1]) == (row[-1] or 0)

    # best[i]: (rows that do not add up, column blocks used, plan) for the first i values;
    # on a tie, row by row wins (identical rows, such as all zeros, read the same either way)
    best: dict[int, tuple[int, int, list[tuple[int, int, bool]]]] = {0: (0, 0, [])}
    for i in range(0, n - width + 1, width):
        if i not in best:
            continue
        bad, blocks, plan = best[i]
        for k in range(1, (n - i) // width + 1):
            size = k * width
            chunk = values[i : i + size]
            by_rows = [chunk[r * width : (r + 1) * width] for r in range(k)]
            by_columns = [[chunk[c * k + r] for c in range(width)] for r in range(k)]
            for transposed, rows in ((False, by_rows), (True, by_columns)):
                if k == 1 and transposed:
                    continue
                if k > 1 and not transposed:
                    continue  # row by row is k blocks of one row
                cost = (
                    bad + sum(not adds_up(r) for r in rows),
                    blocks + transposed,
                    [*plan, (i, k, transposed)],
                )
                j = i + size
                if j not in best or cost[:2] < best[j][:2]:
                    best[j] = cost
    end = max(best)
    _, _, plan = best[end]
    out: list[_Line] = []
    # the rows stand where the plan puts them only when the values make whole rows (a value
    # missing or one too many shifts every cell after it, and a shifted stream may still add
    # up by chance: zeros do, read either way), and each row adds up (which values form a
    # row is the arithmetic's reading, not the page's)
    if n % width:
        doubt = (
            f"the {n} values printed one per line around it make no whole number of rows of "
            f"{width} (a value is missing or one too many, and nothing tells where)"
        )
    elif best[end][0]:
        doubt = (
            f"not every row that the {end} values printed one per line around it make adds "
            "up, so which values form which row is not clear"
        )
    else:
        doubt = ""
    for start, k, transposed in plan:
        block: list[_Line] = []
        for r in range(k):
            if transposed:
                picked = [slots[start + c * k + r] for c in range(width)]
            else:
                picked = slots[start + r * width : start + (r + 1) * width]
            block.append(_Line(stream[0].at, "", tuple(picked), picked[0].location))
        if doubt:
            block = [
                row._replace(
                    withheld=f"its {width} values ({'/'.join(x.raw for x in row.slots)}) may "
                    f"be shifted: {doubt}; its cells are left not reported"
                )
                for row in block
            ]
        out.extend(block)
        if transposed:
            state.report(
                DiagnosticCode.COLUMN_MAJOR,
                f"table 三: {k} rows printed column by column were read as a block (their "
                f"totals add up)",
                slots[start].location,
            )
    for s in slots[end:]:
        state.report(
            DiagnosticCode.UNPLACED_NUMBER,
            f"table 三: {s.raw!r} fits no row",
            s.location,
            raw=s.raw,
        )
    return out


def _without_padding(slots: list[SlotLike], width: int) -> list[SlotLike]:
    """``slots`` without the blank cells past the table's ``width`` at their end: an explicit
    table wider than the row (Markdown's ``| 2418 | | |`` under a wider header) pads it."""
    end = len(slots)
    while end > width and slots[end - 1].blank and not slots[end - 1].raw.strip():
        end -= 1
    return slots if end == len(slots) else slots[:end]


def _with_lead(line: _Line, width: int) -> list[SlotLike]:
    """The slots of ``line``, with the blank cells before its first value counted as cells
    when the row needs exactly that many to fill the table's ``width`` (an explicit row whose
    first columns are blank: ``（一）予以公开 | | 12 | … | 12``)."""
    slots = list(line.slots)
    need = width - len(slots)
    if 0 < need <= len(line.lead):
        slots[:0] = line.lead[-need:]
    return slots


def _columns(
    state: _State,
    line: _Line,
    path: str,
    width: int,
    *,
    subtotal: bool = False,
    subtotal_at: int | None = None,
    anchors: Sequence[_Anchor] = (),
) -> list[SlotLike | None]:
    """The slots of a data row mapped to its ``width`` columns (digit runs are split before,
    table-wide, by :func:`_solve_runs`); fewer than ``width`` when the row has fewer values
    and nothing says which columns they stand in (see :func:`_place_short_row`). A row with
    more values than columns is read by :func:`_place_long_row`, a reading of layout text
    also keeping its values under distinct columns (``anchors``, :func:`_under_columns`)."""
    full = width if subtotal_at is None else width + 1  # with the subtotal's cell
    slots = _without_padding(_with_lead(line, full), full)
    if len(slots) == width:
        return list(slots)
    if len(slots) == width + 1 and subtotal_at is not None:
        state.report(
            DiagnosticCode.SUBTOTAL_COLUMN,
            f"{path}: a 法人或其他组织 subtotal column was dropped",
            slots[subtotal_at].location,
            raw=slots[subtotal_at].raw,
        )
        return [*slots[:subtotal_at], *slots[subtotal_at + 1 :]]
    if len(slots) == width + 1 and subtotal:
        # no header says where the subtotal stands: the usual place, after 自然人, when the
        # value there is the sum of the next five
        values = [_count_or_none(s) for s in slots]
        if (
            values[1] is not None
            and all(v is not None for v in values[2:7])
            and values[1] == sum(v or 0 for v in values[2:7])
        ):
            state.report(
                DiagnosticCode.SUBTOTAL_COLUMN,
                f"{path}: a 法人或其他组织 subtotal column was dropped",
                slots[1].location,
                raw=slots[1].raw,
            )
            return [slots[0], *slots[2:]]
    if len(slots) > width:
        under = _under_columns(line, anchors, width)
        fits = _adds_up if under is None else (lambda kept: _adds_up(kept) and under(kept))
        paths = _cell_paths(path, _APPLICANT_KEYS)
        return _place_long_row(state, path, paths, slots, fits, line.location.line)
    # fewer values than columns: placed by the tables' arithmetic once every row is read
    return list(slots)


_SUBTOTAL_WORDS = ("小计", "合计")


_ORGANISATIONS = tuple(a.zh for a in Applicant)[1:6]
"""Table 三's five organisation columns, in the template's order."""


def _organisation_columns(label: str) -> list[int] | None:
    """Where a header line (its label text) names each organisation column, in the
    template's order; ``None`` unless it names all five once (其他 counted apart from the
    法人或其他组织 over them)."""
    # a header cell's name may wrap onto two lines (商业企 业)
    text = label.replace(" ", "").replace(ORGANISATIONS_HEADER, "#" * len(ORGANISATIONS_HEADER))
    if any(text.count(name) != 1 for name in _ORGANISATIONS):
        return None
    return [text.find(name) for name in _ORGANISATIONS]


def _subtotal_row_keys(split: Sequence[_Line]) -> frozenset[str]:
    """Label keys of table 三 rows that are a group's subtotal, not the template's: 小计, and
    合计 when a 总计 row is there too (else 合计 may be the table's own total row)."""
    keys = {_found_profile(line.label)[0] for line in split if line.slots}
    has_total = any(key.endswith("总计") for key in keys)
    return frozenset({"小计", "合计"} if has_total else {"小计"})


def _subtotal_at(split: Sequence[_Line]) -> int | None:
    """Where table 三 prints a 法人或其他组织 subtotal column, as an index among a row's values:
    1 when its header names it before the organisations (``小计 商业企业 …``), 6 after them
    (``… 法律服务机构 其他 小计``); ``None`` when no header line names one beside the
    organisations' columns."""
    for line in split:
        if line.slots:
            continue  # a header line has no values
        label = line.label.replace(" ", "")  # as _organisation_columns reads it
        at = next((label.find(w) for w in _SUBTOTAL_WORDS if w in label), -1)
        columns = _organisation_columns(label)
        if at < 0 or columns is None:
            continue
        if at < min(columns):
            return 1
        if at > max(columns):
            return 6
    named = any(w in line.label for line in split if not line.slots for w in _SUBTOTAL_WORDS)
    return _subtotal_by_sums(split) if named else None


def _subtotal_by_sums(split: Sequence[_Line]) -> int | None:
    """Where the subtotal column stands when a header names 小计 but not where (its words
    wrapped over the header's lines): the one place, before or after the organisations, where
    in every full row the value is the sum of the five organisations' values; ``None`` when
    neither or both fit."""
    rows = [
        values
        for line in split
        if len(line.slots) == _WIDTH + 1 and (values := _all_counts(line.slots)) is not None
    ]
    fits = [
        at
        for at in (1, 6)
        if rows
        and all(
            row[at] == sum(v for k, v in enumerate(row[1:7], start=1) if k != at) for row in rows
        )
    ]
    return fits[0] if len(fits) == 1 else None


def _column_order(state: _State, split: Sequence[_Line]) -> list[int] | None:
    """The template index of the organisation printed in each of the five organisation
    columns, when a header line prints them in another order than the template's (said in a
    diagnostic); ``None`` when in the template's order or not told by a header."""
    for line in split:
        if line.slots:
            continue
        columns = _organisation_columns(line.label)
        if columns is None:
            continue
        order = sorted(range(len(columns)), key=lambda k: columns[k])
        if order == sorted(order):
            return None
        state.report(
            DiagnosticCode.COLUMN_ORDER,
            "table 三 prints its organisation columns in another order than the template's ("
            + "、".join(_ORGANISATIONS[k] for k in order)
            + "); each value was read under the column its header names",
            line.location,
        )
        return order
    return None
