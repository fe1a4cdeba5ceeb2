"""Reading: digit runs, a row's cells that lost their separators (crawler text). Gathering a
row's tokens into one run, telling whether the solver can take it, handing it to
:mod:`govinfo.readers.split` (the pure solver) with what the tables' arithmetic and the
narrative say, and turning its answer into slots and diagnostics.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from govinfo.readers import split as splitter
from govinfo.readers.cells import _Line
from govinfo.readers.columns import _WIDTH
from govinfo.readers.normal import normalise
from govinfo.readers.numbers import _BLANK_MARK, Slot, SlotLike, _count_or_none, _with_raw
from govinfo.readers.result import DiagnosticCode
from govinfo.readers.state import _listed, _State
from govinfo.registry import CellKind, Edition, RequestRow, Row

_TRAILING_BLANKS = re.compile(rf"(?:{_BLANK_MARK})+$")


def _digits(raw: str) -> str:
    """A digit run as the splitter takes it: ASCII digits (a run may be printed full-width),
    thousands separators and stray spaces (see :func:`_gathered_run`) dropped."""
    return normalise(raw).replace(",", "").replace(" ", "")


def _gathered_run(state: _State, slots: Sequence[SlotLike], width: int) -> Sequence[SlotLike]:
    """In run-together text, a row's digit tokens as one run when they cannot be its cells
    as printed: crawler copies lose the separators between cells but keep a stray space here
    and there (``230 000023`` for 23/0/0/0/0/0/23). They cannot be the cells when there are
    not ``width`` of them, or when one is a zero-padded number (``000023``), which no report
    prints; then the digits, read in order, are split by the tables' rules as any run is."""
    if state.glued and len(slots) == 1 and "/" in slots[0].raw:
        parts = normalise(slots[0].raw).split("/")
        if len(parts) == width and all(p.isascii() and p.isdigit() for p in parts):
            return [Slot(p, slots[0].location) for p in parts]  # cells kept apart by slashes
    if not state.glued or (len(slots) < 2 and not (slots and slots[0].raw.startswith("0"))):
        return slots
    tokens = [_digits(s.raw) for s in slots]
    if not all(t.isascii() and t.isdigit() for t in tokens):
        return slots
    padded = any(len(t) > 1 and t.startswith("0") for t in tokens)
    if (len(tokens) == width and not padded) or sum(map(len, tokens)) < width:
        return slots
    return (Slot(" ".join(s.raw for s in slots), slots[0].location, run=True),)


def _splittable(
    state: _State,
    slot: SlotLike,
    prefix: str,
    width: int,
    *,
    signed: bool = False,
    money: bool = False,
) -> bool:
    """Whether ``slot`` is a run the splitter can take: digits, with one sign inside for a row
    with a ``signed`` cell and one decimal point for a row with a ``money`` cell; if not, say
    so: its cells are left not reported, never guessed."""
    run = _digits(slot.raw)
    if signed:
        run = re.sub(r"(?<=[0-9])[-+](?=[0-9])", "", run, count=1)
    if money:
        run = run.replace(".", "", 1)
    if run.isascii() and run.isdigit():
        return True
    state.report(
        DiagnosticCode.UNREADABLE_RUN,
        f"{prefix}: the run {slot.raw!r} holds more than digits and cannot be split into its "
        f"{width} cells; they are left not reported",
        slot.location,
        raw=slot.raw,
    )
    return False


def _split_run_proactive(state: _State, row: Row, slot: SlotLike) -> list[SlotLike]:
    kinds = [c.kind for c in row.columns]
    marks = _TRAILING_BLANKS.search(slot.raw.rstrip())
    blanks = len(re.findall(_BLANK_MARK, marks.group())) if marks else 0
    if marks is not None and 0 < blanks < len(kinds):  # the last cells printed as blanks
        head = _with_raw(slot, slot.raw.rstrip()[: marks.start()])
        short = attrs.evolve(row, columns=row.columns[: len(kinds) - blanks])
        split = _split_run_proactive(state, short, head)
        return [*split, *(Slot("", slot.location, blank=True) for _ in range(blanks))]
    signed = CellKind.SIGNED in kinds
    run = _digits(slot.raw)
    if signed:  # a plus sign only marks a positive change: the splitter knows minus signs
        run = re.sub(r"(?<=[0-9])\+(?=[0-9])", "", run, count=1)
    unit = next((u for u in ("万元", "元") if run.endswith(u)), "")
    if unit and kinds[-1] is CellKind.MONEY:  # the amount's unit, kept with the amount
        run = run[: -len(unit)]
        slot = _with_raw(slot, slot.raw.rstrip().removesuffix(unit))
    money = CellKind.MONEY in kinds
    if not _splittable(state, slot, f"proactive.{row.key}", len(kinds), signed=signed, money=money):
        return [Slot("", slot.location, blank=True) for _ in kinds]
    solution = splitter.solve_proactive_row(run, kinds)
    dash = _dash_as_blank(run, kinds)
    if dash is not None and solution.unique and len(solution.candidates) == 1:
        return _dash_ambiguity(state, f"proactive.{row.key}", slot, solution.candidates[0], dash)
    slots = _slots_from_solution(state, solution, f"proactive.{row.key}", slot, len(kinds))
    if unit and not slots[-1].blank:
        slots[-1] = _with_raw(slots[-1], slots[-1].raw + unit)
    return slots


def _agreed(row: splitter.RowSolution) -> list[Any]:
    """The cells of a row that every reading agrees on (``None`` where readings differ): all of
    a determined row; an ambiguous row's readings are all listed, so the cells they share are
    known too; nothing of an unresolved row, whose list may be partial."""
    if row.status is splitter.RowStatus.UNRESOLVED or not row.candidates:
        return []
    first = row.candidates[0]
    return [v if all(c[k] == v for c in row.candidates) else None for k, v in enumerate(first)]


_COUNT_TEXT = re.compile(r"0|[1-9][0-9]*")


def _dash_as_blank(run: str, kinds: Sequence[CellKind]) -> tuple[int, None, int] | None:
    """The other reading of a ``-`` inside an edition-2019 run of three cells (上一年项目数量,
    本年增/减, 处理决定数量): not a minus sign but the blank mark of the middle cell, the
    digits before it the first cell and those after it the last (``25-21``: 25, blank, 21,
    as well as 25, −2, 1). ``None`` when the run cannot be read so."""
    if list(kinds) != [CellKind.COUNT, CellKind.SIGNED, CellKind.COUNT] or run.count("-") != 1:
        return None
    before, _, after = run.partition("-")
    if not (_COUNT_TEXT.fullmatch(before) and _COUNT_TEXT.fullmatch(after)):
        return None
    return int(before), None, int(after)


def _dash_ambiguity(
    state: _State,
    prefix: str,
    slot: SlotLike,
    signed: Sequence[Any],
    dash: tuple[int, None, int],
) -> list[SlotLike]:
    """Slots of a run that reads one way with its ``-`` as a minus sign and another with it as
    a blank mark: the cells both readings agree on, and the ambiguity reported."""
    agreed = [a if a == b else None for a, b in zip(signed, dash, strict=True)]
    shown = ["/".join(map(str, signed)), "/".join("—" if v is None else str(v) for v in dash)]
    state.report(
        DiagnosticCode.AMBIGUOUS_DIGITS,
        f"{prefix}: the run {slot.raw!r} reads {shown[0]} with its '-' a minus sign and "
        f"{shown[1]} with it the blank mark of 本年增/减; {_kept(agreed)}",
        slot.location,
        raw=slot.raw,
        candidates=shown,
    )
    return [
        Slot("", slot.location, blank=True) if v is None else Slot(str(v), slot.location)
        for v in agreed
    ]


def _kept(agreed: Sequence[Any]) -> str:
    """What an ambiguous run's diagnostic says of its cells, given :func:`_agreed`'s."""
    kept = sum(v is not None for v in agreed)
    if not kept:
        return "cells left not reported"
    return f"the {kept} cell(s) every split agrees on are kept, the others left not reported"


def _slots_from_solution(
    state: _State, solution: splitter.Solution, prefix: str, slot: SlotLike, width: int
) -> list[SlotLike]:
    candidates = list(solution.candidates)
    if solution.unique and len(candidates) == 1:
        values = candidates[0]
        state.report(
            DiagnosticCode.DIGITS_SPLIT,
            f"{prefix}: the run {slot.raw!r} split as {'/'.join(map(str, values))}",
            slot.location,
            raw=slot.raw,
        )
        return [Slot(str(v), slot.location) for v in values]
    agreed: list[Any] = []
    for row in solution.rows.values():
        cells = _agreed(row)
        agreed += cells or [None] * len(row.candidates[0] if row.candidates else ())
    if len(agreed) != width:
        agreed = [None] * width
    if not candidates:
        _no_split(state, prefix, slot)
        return [Slot("", slot.location, blank=True) for _ in range(width)]
    state.report(
        DiagnosticCode.AMBIGUOUS_DIGITS,
        f"{prefix}: the run {slot.raw!r} has {len(candidates)} splits; {_kept(agreed)}",
        slot.location,
        raw=slot.raw,
        candidates=_listed(candidates),
    )
    return [
        Slot("", slot.location, blank=True) if v is None else Slot(str(v), slot.location)
        for v in agreed
    ]


def _is_run(state: _State, line: _Line) -> bool:
    """A row printed as one digit run (its cells lost their separators)."""
    if len(line.slots) != 1:
        return False
    slot = line.slots[0]
    return slot.run or (state.glued and slot.raw.isdigit() and len(slot.raw) >= _WIDTH)


def _solve_runs(
    state: _State,
    data: Sequence[_Line],
    expected: Sequence[RequestRow],
    assigned: dict[int, int],
    edition: Edition,
) -> dict[int, list[SlotLike | None]]:
    """Split every digit run of table 三 at once, so that row totals (R3), column rules
    (R1, R2) and the figures the narrative states all constrain the splits.

    A table without a run (the usual one) has nothing to split and nothing to say: the rows
    are not gathered for the splitter then, which would be all this does."""
    if not any(_is_run(state, data[i]) for i in assigned.values()):
        return {}
    runs: dict[str, str | list[int | None]] = {}
    indexes: dict[str, int] = {}
    unsplittable: dict[int, list[SlotLike | None]] = {}
    for j, member in enumerate(expected):
        i = assigned.get(j)
        if i is not None and _is_run(state, data[i]):
            if not _splittable(state, data[i].slots[0], f"requests.{member.key}", _WIDTH):
                runs[member.key] = [None] * _WIDTH
                unsplittable[i] = [None] * _WIDTH
                continue
            runs[member.key] = _digits(data[i].slots[0].raw)
            indexes[member.key] = i
        elif i is not None and len(data[i].slots) == _WIDTH:
            runs[member.key] = [_count_or_none(s) for s in data[i].slots]
        else:
            runs[member.key] = [None] * _WIDTH
    if not indexes:
        return unsplittable
    solution = splitter.solve_requests(runs, edition=edition, known=state.known)
    out: dict[int, list[SlotLike | None]] = dict(unsplittable)
    checked = solution.satisfiable or not solution.complete
    if not checked:
        first = data[min(indexes.values())].slots[0]
        state.report(
            DiagnosticCode.DIGITS_SPLIT_UNCHECKED,
            "table 三: no split of its digit runs satisfies R1 and R2, so a cell may be blank "
            "(printing nothing) or misprinted; each run was split by its own row's total (R3) "
            "alone: check them against the source",
            first.location,
            cells=[f"requests.{key}" for key in indexes],
        )
    for key, i in indexes.items():
        slot = data[i].slots[0]
        row = solution.rows[key]
        values = row.values
        path = f"requests.{key}"
        if values is not None:
            state.report(
                DiagnosticCode.DIGITS_SPLIT,
                f"{path}: the run {slot.raw!r} split as {'/'.join(map(str, values))}"
                + ("" if checked else ", the one way its row adds up (R3)"),
                slot.location,
                raw=slot.raw,
            )
            out[i] = [Slot(str(v), slot.location) for v in values]
        elif not row.candidates:
            _no_split(state, path, slot)
            out[i] = [None] * _WIDTH
        else:
            agreed = _agreed(row) or [None] * _WIDTH
            rules = "the table's rules" if checked else "its row's total (R3)"
            state.report(
                DiagnosticCode.AMBIGUOUS_DIGITS,
                f"{path}: the run {slot.raw!r} has {len(row.candidates)} splits that satisfy "
                f"{rules}; {_kept(agreed)}",
                slot.location,
                raw=slot.raw,
                candidates=_listed(row.candidates),
            )
            out[i] = [None if v is None else Slot(str(v), slot.location) for v in agreed]
    return out


def _no_split(state: _State, prefix: str, slot: SlotLike) -> None:
    state.report(
        DiagnosticCode.UNREADABLE_RUN,
        f"{prefix}: no split of the run {slot.raw!r} satisfies the table's rules (a cell may be "
        "blank, printing nothing, or misprinted); its cells are left not reported",
        slot.location,
        raw=slot.raw,
    )
