"""Reading table 四 (政府信息公开行政复议、行政诉讼情况): its one data row of fifteen cells (or
its values over several lines, a digit run, the totals alone, a row read by cell position),
into :class:`~govinfo.model.ReviewLitigation`.
"""

from __future__ import annotations

from collections.abc import Sequence

from govinfo.checks import _layout as checks_layout
from govinfo.model import ResultCounts, ReviewLitigation
from govinfo.readers import split as splitter
from govinfo.readers.cells import _is_data, _Line
from govinfo.readers.columns import (
    _adds_up,
    _long_row_cells,
    _place_long_row,
    _place_short_row,
    _report_long_row,
    _with_lead,
)
from govinfo.readers.normal import normalise
from govinfo.readers.numbers import _BLANKS, Slot, SlotLike, _all_counts
from govinfo.readers.raw import RawLine
from govinfo.readers.result import DiagnosticCode
from govinfo.readers.runs import _digits, _gathered_run, _slots_from_solution, _splittable
from govinfo.readers.state import _cell_paths, _State
from govinfo.readers.tables import _region_lines
from govinfo.registry import Edition, ReviewBlock, ReviewResult

_BLOCK_WIDTH = len(ReviewResult)
_RESULT_KEYS = tuple(r.key for r in ReviewResult)


def _review(
    state: _State, lines: Sequence[RawLine], region: Sequence[int] | None
) -> ReviewLitigation | None:
    if region is None:
        return None
    split = _region_lines(state, lines, region)
    width = _BLOCK_WIDTH * len(ReviewBlock)
    data = [line for line in split if _is_data(line)]
    if not data:
        blank = next((x for x in split if not x.slots and len(x.lead) >= width), None)
        if blank is None:
            return None
        data = [blank._replace(slots=blank.lead[-width:])]  # a data row printed all blank
    slots: list[SlotLike | None]
    if state.glued and len(data) == 1 and not data[0].explicit:
        data = [data[0]._replace(slots=tuple(_gathered_run(state, data[0].slots, width)))]
    if len(data) == 1 and len(data[0].slots) == 1 and data[0].slots[0].run:
        slot = data[0].slots[0]
        if _splittable(state, slot, "review_litigation", width):
            solution = splitter.solve_review(_digits(slot.raw))
            slots = list(_slots_from_solution(state, solution, "review_litigation", slot, width))
        else:
            slots = [None] * width
    else:
        if len(data) > 1:
            data = _without_stray_number(state, data, width)
        slots = (
            list(_with_lead(data[0], width))
            if len(data) == 1
            else [s for line in data for s in line.slots]
        )
        if (
            len(data) == 1
            and len(slots) != width
            and not data[0].explicit
            and data[0].cells >= width
        ):
            slots = _by_position(state, lines[data[0].at], width)
        elif len(slots) > width:
            printed = _without_blank_tail([s for s in slots if s is not None], width)
            slots = (
                list(printed)
                if len(printed) == width
                else _place_long_row(state, "table 四", _flat_paths(), printed, _each_block_adds_up)
            )
        elif len(slots) == len(ReviewBlock) and _totals_only(split):
            state.report(
                DiagnosticCode.AMBIGUOUS_LAYOUT,
                "table 四: its header names only each block's 总计, and 3 values follow: read "
                "as the three totals, the results not reported",
                data[0].location,
            )
            results: list[SlotLike | None] = [None] * (_BLOCK_WIDTH - 1)
            slots = [cell for total in slots for cell in (*results, total)]
        elif len(slots) < width:
            flat = _flat_paths()
            slots = _place_short_row(
                state,
                checks_layout(Edition.V2021, None, True),
                {},
                "review_litigation",
                flat,
                [s for s in slots if s is not None],
                data[0],
            )
    blocks = {}
    for b, block in enumerate(ReviewBlock):
        cells = slots[b * _BLOCK_WIDTH : (b + 1) * _BLOCK_WIDTH]
        paths = _cell_paths(f"review_litigation.{block.key}", _RESULT_KEYS)
        blocks[block.key] = ResultCounts.from_values(state.counts(paths, cells))
    if len(data) > 1:
        _check_gathered(state, blocks, data)
    return ReviewLitigation(**blocks)


def _without_blank_tail(slots: list[SlotLike], width: int) -> list[SlotLike]:
    """``slots`` without the blank cells past table 四's ``width`` at their end (an explicit
    table wider than its data row pads it; a blank reads as nothing)."""
    end = len(slots)
    while end > width and slots[end - 1].blank:
        end -= 1
    return slots[:end]


def _flat_paths() -> list[str]:
    """Table 四's fifteen cell paths, block by block."""
    return [p for b in ReviewBlock for p in _cell_paths(f"review_litigation.{b.key}", _RESULT_KEYS)]


def _totals_only(split: Sequence[_Line]) -> bool:
    """Whether table 四's header names each block's 总计 and none of its results (a table
    printed with the totals only)."""
    header = " ".join(line.label for line in split if not line.slots)
    return header.count("总计") >= len(ReviewBlock) and not any(
        r.zh in header for r in ReviewResult if r is not ReviewResult.TOTAL
    )


def _without_stray_number(state: _State, data: list[_Line], width: int) -> list[_Line]:
    """Table 四's data lines without a number on a line of its own that is none of its cells
    (a page number between the header and the values, or among values printed one per line),
    when there is one number too many and leaving out exactly one such number makes every
    block add up (R4); the number is reported. Otherwise ``data`` as it is."""
    slots = [s for line in data for s in line.slots]
    if len(slots) != width + 1:
        return data
    lone = [k for k, line in enumerate(data) if len(line.slots) == 1 and not line.label]
    fits = [
        k
        for k in lone
        if _blocks_add_up([s for m, x in enumerate(data) if m != k for s in x.slots])
    ]
    if len(fits) != 1:
        return data
    (k,) = fits
    stray = data[k].slots[0]
    state.report(
        DiagnosticCode.UNPLACED_NUMBER,
        f"table 四: {stray.raw!r}, alone on its line, is none of its cells (a page number?): "
        "without it every block adds up",
        stray.location,
        raw=stray.raw,
    )
    return [line for m, line in enumerate(data) if m != k]


def _blocks_add_up(slots: Sequence[SlotLike]) -> bool:
    """Whether table 四's values, in order, make blocks whose results add up to their totals
    (R4), with no cell blank."""
    values = _all_counts(slots)
    if values is None:
        return False
    blocks = [values[b : b + _BLOCK_WIDTH] for b in range(0, len(values), _BLOCK_WIDTH)]
    return all(sum(block[:-1]) == block[-1] for block in blocks)


def _each_block_adds_up(slots: Sequence[SlotLike]) -> bool:
    """Whether table 四's values, in order, make blocks whose results add up to their totals
    (R4), a blank cell adding nothing; not when a value is unreadable."""
    return all(_adds_up(slots[b : b + _BLOCK_WIDTH]) for b in range(0, len(slots), _BLOCK_WIDTH))


def _check_gathered(state: _State, blocks: dict[str, ResultCounts], data: Sequence[_Line]) -> None:
    """Warn when table 四's values, gathered from several lines in reading order, break a
    block's total: either the report is wrong or the text interleaves the blocks (``pdftotext``
    without ``-layout`` reads a wide table column by column), and the reader cannot tell."""
    broken = []
    for key, counts in blocks.items():
        values = [getattr(counts, r.key) for r in ReviewResult]
        if None not in values and sum(values[:-1]) != values[-1]:
            broken.append(key)
    if broken:
        state.report(
            DiagnosticCode.AMBIGUOUS_LAYOUT,
            f"table 四: its values were gathered from {len(data)} lines in reading order, and "
            f"{', '.join(broken)} do not add up to their totals: the report may be wrong, or "
            "the text may interleave the blocks (as text extracted column by column does); "
            "read in order, check them against the source",
            data[0].location,
            cells=[f"review_litigation.{key}" for key in broken],
        )


def _by_position(state: _State, line: RawLine, width: int) -> list[SlotLike | None]:
    """Table 四's data row read by cell position (tab-separated text keeps empty cells); when
    it has more cells than columns, as a row printing too many values
    (:func:`~govinfo.readers.columns._place_long_row`)."""
    cells: list[SlotLike] = []
    for cell in line.cells:
        text = normalise(cell.text)
        cells.append(Slot(text, cell.location, blank=text == "" or text in _BLANKS))
    printed = cells = _without_blank_tail(cells, width)
    keep: tuple[int, ...] | None = None
    if len(cells) > width:
        keep, why = _long_row_cells(cells, width, _each_block_adds_up)
        if keep is None:
            _report_long_row(state, "table 四", _flat_paths(), cells, keep, why)
            return [None] * width
        cells = [cells[k] for k in keep]
    out: list[SlotLike | None] = [s if s.raw else None for s in cells]
    out += [None] * (width - len(out))
    numbers = sum(1 for s in printed if s.raw)
    reading = "; ".join(
        f"{block.key} "
        + "/".join(
            "—" if s is None else s.raw for s in out[b * _BLOCK_WIDTH : (b + 1) * _BLOCK_WIDTH]
        )
        for b, block in enumerate(ReviewBlock)
    )
    state.report(
        DiagnosticCode.AMBIGUOUS_LAYOUT,
        f"table 四: the data row has {numbers} numbers under {width} columns; read by cell "
        f"position ({reading})"
        + (f"; {len(printed) - width} number(s) not among its cells" if keep else ""),
        line.location,
        cells=["review_litigation"],
        candidates=["by position (chosen)", "from the left (行政复议 first)"],
    )
    if keep is not None:
        _report_long_row(state, "table 四", _flat_paths(), printed, keep, why)
    return out
