"""The raw layer's light objects and the front-ends' fast paths give what the plain forms give.

Cells, lines and locations are named tuples built without a :class:`Location` per token
(:func:`~govinfo.readers.raw.new_cell`); a piped text line is scanned pipe by pipe; an HTML
row without merged cells skips the placement map; an HTML piece that is tags only is dropped
before cleaning. Each is checked here against the plain computation it stands for.
"""

from __future__ import annotations

import pickle

from hypothesis import example, given
from hypothesis import strategies as st

from govinfo.readers import formats
from govinfo.readers.numbers import Slot, _with_raw
from govinfo.readers.raw import Location, RawCell, RawLine, new_cell, new_line
from govinfo.readers.text import _piped_line

_PART = st.none() | st.integers(min_value=1, max_value=10**6)
_PARTS = st.tuples(_PART, _PART, _PART, _PART, _PART, _PART)


def _stored(text: str, parts: tuple[int | None, ...]) -> tuple[str | int | None, ...]:
    """A cell's tuple as front-ends build it for new_cell (RawCell's docstring): text, table,
    row, cell, then line, column, page as far as one is set."""
    line, column, page, table, row, cell = parts
    tail = [line, column, page]
    while tail and tail[-1] is None:
        tail.pop()
    return (text, table, row, cell, *tail)


@given(st.text(max_size=8), _PARTS)
def test_a_cell_made_fast_is_the_cell_made_plainly(
    text: str, parts: tuple[int | None, ...]
) -> None:
    location = Location(*parts)
    plain = RawCell(text, location)
    fast = new_cell(_stored(text, parts))
    assert fast == plain
    assert hash(fast) == hash(plain)
    assert tuple(fast) == _stored(text, parts)  # stored compactly, however it was made
    assert fast.text == text
    assert fast.location == location
    assert type(fast.location) is Location
    assert repr(fast) == f"RawCell(text={text!r}, location={location!r})"
    assert pickle.loads(pickle.dumps(fast)) == plain
    line, column, page, table, row, cell = parts
    assert (fast.line, fast.column, fast.page) == (line, column, page)
    assert (fast.table, fast.row, fast.cell) == (table, row, cell)
    assert (location.line, location.column, location.page) == (line, column, page)
    assert (location.table, location.row, location.cell) == (table, row, cell)
    assert (
        Location(line=line, column=column, page=page, table=table, row=row, cell=cell) == location
    )
    # the named tuple's API speaks of the seven fields, as stored compactly
    assert RawCell._fields == ("text", "line", "column", "page", "table", "row", "cell")
    assert fast._asdict() == dict(zip(RawCell._fields, (text, *parts), strict=True))
    assert RawCell._make((text, *parts)) == plain
    assert fast._replace(text="x") == RawCell("x", location)
    assert fast._replace(row=7) == RawCell(text, location._replace(row=7))


@given(st.text(max_size=8), _PARTS, st.text(max_size=8))
def test_a_cell_read_as_printed_is_the_slot_made_of_it(
    text: str, parts: tuple[int | None, ...], other: str
) -> None:
    # the later stages carry a cell read as printed as its own slot (numbers.SlotLike): it
    # must read as Slot(text, cell) would, and a changed token must make that slot changed
    cell = new_cell(_stored(text, parts))
    slot = Slot(text, cell)
    for name in ("raw", "blank", "run", "location"):
        assert getattr(cell, name) == getattr(slot, name), name
    assert cell.where is cell
    assert _with_raw(cell, other) == slot._replace(raw=other)
    assert _with_raw(slot, other) == slot._replace(raw=other)


@given(st.lists(st.text(max_size=4), min_size=1, max_size=5), _PART, st.booleans())
def test_a_line_joins_its_cells_with_tabs(
    texts: list[str], table: int | None, spaced: bool
) -> None:
    cells = tuple(RawCell(t, Location(line=i)) for i, t in enumerate(texts, start=1))
    line = RawLine(cells, table=table, spaced=spaced)
    assert line.text == "\t".join(texts)
    assert (line.cells, line.table, line.spaced) == (cells, table, spaced)
    assert line.location == Location(line=1)
    assert RawLine(cells=cells, table=table) == new_line(cells, table)
    assert pickle.loads(pickle.dumps(line)) == line
    assert RawLine(()).location == Location()


def _piped_plainly(line: str, number: int, page: int | None) -> RawLine:
    """The piped line as split on every pipe (the form before the scan)."""
    parts = line.split("|")
    column = 1
    cells = []
    last = len(parts) - 1
    for i, part in enumerate(parts):
        text = part.strip()
        if text or 0 < i < last:
            indent = len(part) - len(part.lstrip()) if text else 0
            cells.append(RawCell(text, Location(number, column + indent, page)))
        column += len(part) + 1
    return RawLine(cells=tuple(cells))


@given(st.text(alphabet="|ab \u3000\t1", max_size=30), st.none() | st.integers(1, 9))
@example("| a | | 3 |", None)
@example("a|", 2)
@example("||", None)
def test_a_piped_line_scanned_is_the_piped_line_split(line: str, page: int | None) -> None:
    assert _piped_line(line, 7, page) == _piped_plainly(line, 7, page)


def _grid_plainly(rows: list[list[formats._Cell]]) -> list[list[formats._Cell | None]]:
    """Every row through the placement map (the form without the fast path)."""
    grid: list[list[formats._Cell | None]] = []
    pending: dict[int, tuple[int, formats._Cell]] = {}
    for row in rows:
        placed = {column: cell for column, (_, cell) in pending.items()}
        pending = {c: (n - 1, cell) for c, (n, cell) in pending.items() if n > 1}
        column = 0
        for cell in row:
            while column in placed:
                column += 1
            rowspan = cell.rowspan or len(rows)
            for c in range(column, column + cell.colspan):
                placed[c] = cell
                if rowspan > 1:
                    pending[c] = (rowspan - 1, cell)
            column += cell.colspan
        width = max(placed) + 1 if placed else 0
        grid.append([placed.get(c) for c in range(width)])
    width = max((len(r) for r in grid), default=0)
    return [r + [None] * (width - len(r)) for r in grid]


_SPANS = st.sampled_from([(1, 1)] * 6 + [(2, 1), (1, 2), (0, 1), (3, 2)])


@given(st.lists(st.lists(_SPANS, max_size=5), max_size=6))
def test_rows_without_merged_cells_take_the_short_way_to_the_same_grid(
    spans: list[list[tuple[int, int]]],
) -> None:
    rows = [[formats._table_cell(r, c) for r, c in row] for row in spans]
    fast = formats._grid(rows)
    plain = _grid_plainly(rows)
    assert [[id(c) for c in row] for row in fast] == [[id(c) for c in row] for row in plain]


_FRAGMENTS = st.sampled_from(
    ["<div>", "</div>", "<span>", "</span>", "<p>", "<b>", " ", "\n", "x", "&nbsp;", "一",
     "<", ">", '"', "<x <p>", "<br/>", "\x01"]
)  # fmt: skip


@given(st.lists(_FRAGMENTS, min_size=1, max_size=12).map("".join), st.booleans())
@example("<x <p>", False)
@example("<span>&nbsp;</span>", False)
def test_a_piece_of_tags_only_cleans_to_nothing(raw: str, quoted: bool) -> None:
    output = formats._HtmlOutput(raw, quoted=quoted)
    if output.only_tags(raw):
        assert formats._clean(raw, output.block, output.any_tag) == [""]


@given(st.lists(_FRAGMENTS, max_size=30).map("".join))
def test_pages_read_alike_whether_tag_only_pieces_are_dropped_early_or_late(body: str) -> None:
    page = f"<html><body>{body}<table><tr><td>{body}</td><td>1</td></tr></table>{body}</body>"
    early = formats.html_document(page)
    late_only_tags = formats._HtmlOutput.only_tags
    try:
        formats._HtmlOutput.only_tags = lambda self, raw: False  # type: ignore[method-assign]
        late = formats.html_document(page)
    finally:
        formats._HtmlOutput.only_tags = late_only_tags  # type: ignore[method-assign]
    assert early == late
