"""Reading table 三 (收到和处理政府信息公开申请情况): header, subtotal and group lines left out,
values printed one per line gathered into rows, the rows aligned to the template's (the
edition's variant of （六）其他处理 chosen by the alignment), label-less rows placed by order,
loose labels or the arithmetic, digit runs split table-wide, into :class:`~govinfo.model.Requests`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from functools import cache

from govinfo.checks import _layout as checks_layout
from govinfo.model import ApplicantCounts, Requests
from govinfo.readers.cells import _is_data, _Line
from govinfo.readers.columns import (
    _APPLICANT_KEYS,
    _SUBTOTAL_WORDS,
    _WIDTH,
    _column_anchors,
    _column_order,
    _columns,
    _in_template_order,
    _known_cells,
    _place_by_columns,
    _place_short_row,
    _stream_rows,
    _subtotal_at,
    _subtotal_row_keys,
)
from govinfo.readers.labels import _align, _found_profile, _template_profile, similarity
from govinfo.readers.normal import label_key
from govinfo.readers.numbers import Slot, SlotLike, _count_or_none
from govinfo.readers.raw import RawLine
from govinfo.readers.result import DiagnosticCode
from govinfo.readers.runs import _gathered_run, _solve_runs
from govinfo.readers.state import _cell_paths, _State
from govinfo.readers.tables import _region_lines
from govinfo.registry import RESULTS_LABEL, Edition, RequestRow, table

_HEADER_WORDS = (
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益",
    "法律服务",
    "申请人情况",
    "数据1",
    "本列数据",
)


_HEADER_KEYS = tuple(label_key(w) for w in _HEADER_WORDS)


@cache
def _group_keys(edition: Edition) -> frozenset[str]:
    """Label keys of table 三's group headings in ``edition`` (三、本年度办理结果, （三）不予公开
    …): merged label cells over rows, which a table may print as rows of their own."""
    groups = {r.group.zh for r in RequestRow if edition in r.editions and r.group is not None}
    return frozenset(label_key(g) for g in {*groups, RESULTS_LABEL})


def _is_group_heading(label: str, edition: Edition) -> bool:
    return _found_profile(label)[0] in _group_keys(edition)


def _is_header(line: _Line) -> bool:
    if line.slots:
        return False
    key = _found_profile(line.label)[0]
    return any(w in key for w in _HEADER_KEYS)


def _requests(
    state: _State, lines: Sequence[RawLine], region: Sequence[int] | None, edition: Edition
) -> Requests | None:
    if region is None:
        return None
    split = _region_lines(state, lines, region)
    data: list[_Line] = []
    labels_before: list[Sequence[str]] = []  # () when none: one list less for each row
    pending: list[str] = []
    stream: list[_Line] = []

    def flush() -> None:
        nonlocal pending
        if not stream:
            return
        gathered = [s for line in stream for s in line.slots]
        if len(gathered) < _WIDTH and pending:
            # fewer values right under a label than a row has: one row whose blank cells
            # printed nothing (one value per line), read as a row of few values is (values
            # after another row's values, such as a page number, are no row of their own)
            rows = [_Line(stream[0].at, "", tuple(gathered), stream[0].location)]
        else:
            rows = _stream_rows(state, stream, _WIDTH)
        for n, row in enumerate(rows):
            data.append(row)
            labels_before.append(pending if n == 0 and pending else ())
        pending = []
        stream.clear()

    anchors = _column_anchors([x for x in split if lines[x.at].spaced], _WIDTH)
    subtotal_rows = _subtotal_row_keys(split)
    for each in split:
        line = each
        if _is_header(line):
            flush()
            pending = []
            continue
        if line.slots and _found_profile(line.label)[0] in subtotal_rows:
            flush()
            state.report(
                DiagnosticCode.SUBTOTAL_ROW,
                f"table 三: a {line.label} row, not in the template, was left out (its "
                f"{len(line.slots)} numbers are not the template's cells)",
                line.location,
            )
            continue
        if (
            not line.slots
            and len(line.lead) >= _WIDTH
            and line.label
            and not _is_group_heading(line.label, edition)
        ):
            line = line._replace(slots=line.lead[-_WIDTH:])  # a row printed all blank
        if state.glued and line.slots and not line.explicit:
            line = line._replace(slots=tuple(_gathered_run(state, line.slots, _WIDTH)))
        if anchors and 0 < len(line.slots) < _WIDTH and _is_data(line) and lines[line.at].spaced:
            line = _place_by_columns(state, line, anchors, _WIDTH)
        if stream and len(line.slots) < _WIDTH and _is_garbled_value(line.label):
            # among values printed one per line, a word with a digit and no ideograph (1O,
            # ٣) is a cell printed unreadably, not a row's label: it keeps its cell's place
            line = _garbled_as_value(line, lines[line.at])
        if _is_data(line) and not line.label and len(line.slots) < _WIDTH:
            stream.append(line)  # values one or a few per line: cut into rows below
            continue
        flush()
        if _is_data(line):
            data.append(line)
            labels_before.append(pending or ())
            if pending:
                pending = []
        elif line.label:
            pending.append(line.label)
    flush()
    if not data:
        return None
    _join_fragments(lines, data, labels_before)
    labels_after = [*labels_before[1:], pending]
    subtotal_at = _subtotal_at(split)
    order = _column_order(state, split)
    subtotal = subtotal_at is not None or any(
        w in line.label for line in split for w in _SUBTOTAL_WORDS
    )
    variants = [Edition.V2019] if edition is Edition.V2019 else [Edition.V2021, Edition.V2019]
    if len(variants) > 1:
        printed = _other_handling_printed(data)
        if printed is not None:  # a row's label says how （六） is printed
            variants = [Edition.V2021 if printed == "breakdown" else Edition.V2019]
    # the variant whose row count matches is tried first; a gapless alignment settles it
    variants.sort(key=lambda v: len(table("requests").rows_for(v)) != len(data))
    best: tuple[float, list[RequestRow], list[tuple[int, int]]] | None = None
    for variant in variants:
        expected = [r for r in RequestRow if variant in r.editions]
        if best is not None and len(best[2]) == len(data) == len(best[1]):
            break
        score, pairs = _align(data, labels_before, labels_after, [r.value for r in expected])
        if len(expected) == len(data):
            score += 1.5  # the row count itself is strong evidence for a variant
        if best is None or score > best[0] + 1e-9:
            best = (score, expected, pairs)
    assert best is not None
    _, expected, pairs = best
    single = RequestRow.OTHER_HANDLING in expected
    if single and edition is Edition.V2021:
        state.report(
            DiagnosticCode.OTHER_HANDLING_SINGLE_ROW,
            "table 三 prints （六）其他处理 as one row although the edition is 2021; "
            "kept as one row",
            cells=["requests.other_handling"],
        )
    pairs = _decided_pairs(state, data, labels_before, pending, pairs, expected, edition)
    assigned = {j: i for i, j in pairs}
    solved = _solve_runs(state, data, expected, assigned, edition)
    paired = {p[0] for p in pairs}
    for i, line in enumerate(data):
        if i not in paired:
            for s in line.slots:
                if s.blank and not s.raw.strip():
                    continue  # an empty cell: no number to lose
                state.report(
                    DiagnosticCode.UNPLACED_NUMBER,
                    f"table 三: {s.raw!r} (row labelled {line.label!r}) matches no row of the "
                    f"template",
                    s.location,
                    raw=s.raw,
                )
    rows: dict[str, ApplicantCounts] = {}
    short: dict[str, tuple[list[SlotLike], _Line]] = {}
    for j, member in enumerate(expected):
        path = f"requests.{member.key}"
        if j not in assigned:
            state.report(
                DiagnosticCode.ROW_NOT_FOUND,
                f"table 三 row {member.zh} ({member.key}) was not found",
                cells=[path],
            )
            rows[member.key] = ApplicantCounts.not_reported()
            continue
        line = data[assigned[j]]
        if line.label and similarity(line.label, member.zh) < 0.6:
            state.report(
                DiagnosticCode.LABEL_MISMATCH,
                f"table 三 row read as {member.key} by position; its label {line.label!r} "
                f"differs from {member.zh!r}",
                line.location,
            )
        if line.withheld:
            state.report(
                DiagnosticCode.RAGGED_VALUES,
                f"table 三 row {member.zh} ({member.key}): {line.withheld}",
                line.location,
                cells=_cell_paths(path, _APPLICANT_KEYS),
                raw="/".join(s.raw for s in line.slots),
            )
            rows[member.key] = ApplicantCounts.not_reported()
            continue
        slots = (
            solved[assigned[j]]
            if assigned[j] in solved
            else _columns(
                state,
                line,
                path,
                _WIDTH,
                subtotal=subtotal,
                subtotal_at=subtotal_at,
                anchors=anchors if lines[line.at].spaced else (),
            )
        )
        if len(slots) < _WIDTH:
            # placed once the other rows are read
            short[member.key] = ([s for s in slots if s is not None], line)
            rows[member.key] = ApplicantCounts.not_reported()
            continue
        rows[member.key] = ApplicantCounts.from_values(
            state.counts(_cell_paths(path, _APPLICANT_KEYS), _in_template_order(slots, order))
        )
    if short:
        shape = "single" if RequestRow.OTHER_HANDLING in expected else "breakdown"
        layout = checks_layout(edition, shape, False)
        found = {expected[j].key for j in assigned}
        known = _known_cells(
            state, {f"requests.{k}": r for k, r in rows.items() if k in found and k not in short}
        )
        for key, (values, line) in short.items():
            path = f"requests.{key}"
            paths = _cell_paths(path, _APPLICANT_KEYS)
            placed = _place_short_row(state, layout, known, path, paths, values, line)
            rows[key] = ApplicantCounts.from_values(
                state.counts(paths, _in_template_order(placed, order))
            )
    return Requests.from_rows(rows)


def _is_garbled_value(label: str) -> bool:
    """Whether a line's label text is one word with a digit and no ideograph (``1O``, ``٣``,
    ``3a``): no label of the template, but a cell's value printed unreadably."""
    return (
        0 < len(label) <= _GARBLED_LONGEST
        and not any(c.isspace() or "\u3400" <= c <= "\u9fff" for c in label)
        and any(c.isdecimal() for c in label)
    )


_GARBLED_LONGEST = 12
"""Characters of a garbled value at most (longer words are text, not one cell)."""


def _garbled_as_value(line: _Line, raw: RawLine) -> _Line:
    """``line`` with its label (a garbled value, :func:`_is_garbled_value`) a value among its
    values, where it stands on the line; ``line`` as it is when that is not known."""
    at = raw.text.find(line.label)
    columns = [s.location.column for s in line.slots]
    if at < 0 or None in columns:
        return line
    slot = Slot(line.label, line.location._replace(column=at + 1))
    before = sum(1 for c in columns if c is not None and c <= at)
    return line._replace(label="", slots=(*line.slots[:before], slot, *line.slots[before:]))


def _other_handling_printed(data: Sequence[_Line]) -> str | None:
    """How table 三 prints （六）其他处理 when its rows' labels say it and agree: ``"single"``
    when a row's label ends with （六）其他处理 itself, ``"breakdown"`` when one ends with a
    label of its edition-2021 rows (1.申请人无正当理由逾期不补正…) other than 3.其他, which
    other groups' labels end with too; ``None`` otherwise."""
    single = _template_profile(RequestRow.OTHER_HANDLING.zh)[0]
    parts = [
        _template_profile(r.zh)[0]
        for r in RequestRow
        if r.group is not None and r.group.key == RequestRow.OTHER_HANDLING.key
    ]
    parts = [p for p in parts if len(p) > len(single)]  # 3.其他: too short to tell
    found = set()
    for line in data:
        key = _found_profile(line.label)[0]
        if key.endswith(single):
            found.add("single")
        elif any(key.endswith(p) for p in parts):
            found.add("breakdown")
    return found.pop() if len(found) == 1 else None


def _join_fragments(
    lines: Sequence[RawLine], data: list[_Line], labels_before: list[Sequence[str]]
) -> None:
    """Join, in place, a labelled row printed all blank at the end of one explicit table and
    the row without a label that opens the next: a converter cut the table there, leaving
    the label's numbers to the next fragment (``| （二）部分公开 | | … |`` then
    ``| | | 447 | 7 | … |``)."""
    i = 0
    while i + 1 < len(data):
        here, there = data[i], data[i + 1]
        if (
            here.explicit
            and there.explicit
            and here.label
            and not there.label
            and all(s.blank and not s.raw.strip() for s in here.slots)
            and any(not s.blank for s in there.slots)
            and lines[here.at].table != lines[there.at].table
        ):
            data[i] = there._replace(label=here.label, lead=())
            del data[i + 1]
            labels_before[i] = [*labels_before[i], *labels_before[i + 1]]
            del labels_before[i + 1]
        i += 1


_MAX_ORDERINGS = 5000
"""Placements of label-less rows in a stretch of the template the arithmetic tries at most."""


def _decided_pairs(
    state: _State,
    data: Sequence[_Line],
    labels_before: Sequence[Sequence[str]],
    last: Sequence[str],
    pairs: list[tuple[int, int]],
    expected: Sequence[RequestRow],
    edition: Edition,
) -> list[tuple[int, int]]:
    """``pairs`` (data row, template row) without the rows printed without a label that
    neither the template's row order nor the arithmetic places: between the labelled rows
    around them, a stretch of template rows as long as the label-less rows in it decides them
    (each in turn); so do as many template labels, standing as lines of their own among or
    around those rows (a converter's loose labels), in the template's order; else a longer
    stretch decides them only when exactly one placement satisfies the tables' rules (R1–R3,
    the stretch's other rows unknown). Each row left out is reported with the template rows
    it may be."""
    labelled = [(i, j) for i, j in pairs if data[i].label.strip()]
    loose = {i for i, _ in pairs if not data[i].label.strip()}
    if not loose:
        return pairs
    kept = [p for p in pairs if p[0] not in loose]
    bounds = [(-1, -1), *labelled, (len(data), len(expected))]
    shape = "single" if RequestRow.OTHER_HANDLING in expected else "breakdown"
    for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
        rows = [i for i in range(i0 + 1, i1) if i in loose]
        slots = list(range(j0 + 1, j1))
        if not rows:
            continue
        if len(rows) == len(slots):
            kept += zip(rows, slots, strict=True)
            continue
        texts = [
            t for i in range(i0 + 1, i1 + 1) for t in (labels_before[i] if i < len(data) else last)
        ]
        named = _loose_labels(texts, slots, expected)
        if len(named) == len(rows):
            kept += zip(rows, named, strict=True)
            continue
        fits = (
            _orderings_that_add_up(state, data, kept, rows, slots, expected, edition, shape)
            if math.comb(len(slots), len(rows)) <= _MAX_ORDERINGS
            else []
        )
        if len(fits) == 1:
            kept += zip(rows, fits[0], strict=True)
            continue
        for n, i in enumerate(rows):
            possible = dict.fromkeys(
                at[n] for at in fits or itertools.combinations(slots, len(rows))
            )
            names = [expected[j].key for j in possible]
            state.report(
                DiagnosticCode.AMBIGUOUS_LAYOUT,
                f"table 三: a row of numbers without a label "
                f"({'/'.join(s.raw or '(blank)' for s in data[i].slots)}) stands where "
                f"{len(names)} template rows may be, and neither the row order nor the "
                "tables' sums tell which; its numbers are not placed",
                data[i].location,
                cells=[f"requests.{k}" for k in names],
                candidates=names,
            )
    return sorted(kept)


def _loose_labels(
    texts: Sequence[str], slots: Sequence[int], expected: Sequence[RequestRow]
) -> list[int]:
    """The template rows among ``slots`` that ``texts`` (lines of their own) name, each as
    the template prints it (its key ends the text's), in the order they stand; ``[]`` when
    they name one twice or out of the template's order."""
    named: list[int] = []
    for text in texts:
        key = _found_profile(text)[0]
        if not key:
            continue
        hits = [j for j in slots if key.endswith(_template_profile(expected[j].zh)[0])]
        if len(hits) > 1:
            # a label whose key ends another's (其他 of （六）3.其他): the longest
            longest = max(len(_template_profile(expected[j].zh)[0]) for j in hits)
            hits = [j for j in hits if len(_template_profile(expected[j].zh)[0]) == longest]
        if len(hits) != 1:
            continue
        if named and hits[0] <= named[-1]:
            return []
        named.append(hits[0])
    return named


def _orderings_that_add_up(
    state: _State,
    data: Sequence[_Line],
    kept: Sequence[tuple[int, int]],
    rows: Sequence[int],
    slots: Sequence[int],
    expected: Sequence[RequestRow],
    edition: Edition,
    shape: str,
) -> list[tuple[int, ...]]:
    """The placements of the label-less ``rows`` (in order) in the template ``slots`` under
    which every rule whose cells are all known holds (the rows of ``kept`` as paired, the
    other rows unknown); ``[]`` when some row is no full row of counts."""
    layout = checks_layout(edition, shape, False)
    index = {p: n for n, p in enumerate(layout.paths)}

    def counts(i: int) -> list[int] | None:
        line = data[i]
        if len(line.slots) != _WIDTH:
            return None
        out = []
        for s in line.slots:
            v = 0 if s.blank else _count_or_none(s)
            if v is None:
                return None
            out.append(v)
        return out

    base: list[int | None] = [None] * len(layout.paths)
    for i, j in kept:
        values = counts(i)
        if values is not None:
            for key, v in zip(_APPLICANT_KEYS, values, strict=True):
                base[index[f"requests.{expected[j].key}.{key}"]] = v
    mine = [counts(i) for i in rows]
    if any(v is None for v in mine):
        return []
    fits = []
    for at in itertools.combinations(slots, len(rows)):
        vector = list(base)
        for values, j in zip(mine, at, strict=True):
            for key, v in zip(_APPLICANT_KEYS, values or (), strict=True):
                vector[index[f"requests.{expected[j].key}.{key}"]] = v
        if all(
            sum(vector[n] or 0 for n in eq.parts) == sum(vector[n] or 0 for n in eq.whole)
            for eq in layout.equations
            if all(vector[n] is not None for n in (*eq.parts, *eq.whole))
        ):
            fits.append(at)
    return fits
