"""The lenient first stage of reading: raw cells with their source locations.

Every format front-end (plain text, Markdown, HTML, PDF, DOCX) turns its input into a
:class:`RawDocument`: the document's lines in reading order, each a tuple of :class:`RawCell`
with the :class:`Location` it came from. A paragraph or heading is a line of one cell; a table
row is a line of its cells (merged cells repeated into every position they cover, the copies
of a cell merged across columns with that cell's location; blank cells kept as empty strings so
that positions mean something). Nothing is interpreted here: the
strict second stage (:mod:`govinfo.readers.assembler`) recognises sections and tables, maps
labels to the registry, parses numbers and reports every problem.

Cells, lines and locations are immutable named tuples rather than attrs classes: a front-end
makes one cell for every token of the input (hundreds of thousands in a large page), and a
tuple is built in C, several times faster than an attrs instance, and smaller. A cell keeps its
location's parts in itself, only as many as its format sets (:class:`RawCell`), and builds the
:class:`Location` when asked (most cells' locations are never asked for), so each cell is one
object of four to seven items.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, cast

from attrs import field, frozen

__all__ = [
    "Location",
    "RawCell",
    "RawDocument",
    "RawLine",
    "location_of",
    "new_cell",
    "new_line",
]


class Location(NamedTuple):
    """Where something was read: any of line/column (text), page (PDF), table/row/cell
    (formats with explicit tables). All numbers are 1-based; absent parts are ``None``."""

    line: int | None = None
    column: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None

    def __str__(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.table is not None:
            parts.append(f"table {self.table}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.cell is not None:
            parts.append(f"cell {self.cell}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts) or "unknown location"

    def short(self) -> str:
        """A compact form for ``file:location`` output: ``12:5``, ``p3:t2:r4:c3``."""
        if self.line is not None and self.table is None:
            return f"{self.line}:{self.column}" if self.column is not None else f"{self.line}"
        keys = (("p", self.page), ("t", self.table), ("r", self.row), ("c", self.cell))
        return ":".join(f"{k}{v}" for k, v in keys if v is not None) or "?"


_new: Any = tuple.__new__


class _CellFields(NamedTuple):
    text: str
    table: int | None
    row: int | None
    cell: int | None


_Part = int | None
_FIELDS = ("text", "line", "column", "page", "table", "row", "cell")


def _packed(text: str, location: Location) -> tuple[str | _Part, ...]:
    """A cell's tuple: ``text``, table, row, cell, then line, column, page, without the
    trailing parts that are ``None`` (see :class:`RawCell`)."""
    line, column, page, table, row, cell = location
    if page is not None:
        return text, table, row, cell, line, column, page
    if column is not None:
        return text, table, row, cell, line, column
    if line is not None:
        return text, table, row, cell, line
    return text, table, row, cell


class RawCell(_CellFields):
    """The text of one cell (or of a whole paragraph) exactly as read, and where.

    Made as ``RawCell(text, location)``; the location's parts are kept in the cell (``line``,
    ``column``, ``page``, ``table``, ``row``, ``cell``) and :attr:`location` builds the
    :class:`Location` from them, equal each time it is asked for. It is a named tuple of
    those seven fields (``_fields``, ``_asdict``, ``_replace``, ``_make`` as for any), stored
    compactly: the tuple holds the text, ``table``, ``row`` and ``cell``, then ``line``,
    ``column`` and ``page`` only as far as one of them is set (an HTML table's cell is four
    items long, a text line's six), as :func:`new_cell` builds it. Two cells are equal when
    their texts and locations are.

    A cell read as printed is also its row's value slot for the later stages (``raw``, its
    text; ``where``, itself; never ``blank`` nor a digit ``run``), so that no second object is
    made for each value of a table: see :data:`govinfo.readers.numbers.SlotLike`."""

    __slots__ = ()
    _fields = _FIELDS  # type: ignore[assignment]  # the seven, as stored compactly
    blank: ClassVar[bool] = False
    run: ClassVar[bool] = False
    if TYPE_CHECKING:

        @property
        def raw(self) -> str: ...

    else:
        raw = _CellFields.text

    @property
    def where(self) -> RawCell:
        return self

    def __new__(cls, text: str, location: Location) -> RawCell:
        return cast("RawCell", _new(cls, _packed(text, location)))

    @property
    def line(self) -> int | None:
        return self[4] if len(self) > 4 else None

    @property
    def column(self) -> int | None:
        return self[5] if len(self) > 5 else None

    @property
    def page(self) -> int | None:
        return self[6] if len(self) > 6 else None

    @property
    def location(self) -> Location:
        if len(self) == 6:  # a text line's (the commonest)
            return cast("Location", _new(Location, (self[4], self[5], None, *self[1:4])))
        if len(self) == 4:  # a table's cell (HTML, DOCX)
            return cast("Location", _new(Location, (None, None, None, *self[1:4])))
        if len(self) == 5:
            return cast("Location", _new(Location, (self[4], None, None, *self[1:4])))
        return cast("Location", _new(Location, (*self[4:], *self[1:4])))

    @classmethod
    def _make(cls, iterable: Iterable[Any]) -> RawCell:  # type: ignore[override]
        """A cell from its seven fields in :attr:`_fields`' order."""
        text, *parts = iterable
        return cls(text, Location(*parts))

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(_FIELDS, (self.text, *self.location), strict=True))

    def _replace(self, /, **changes: Any) -> RawCell:
        fields = self._asdict()
        fields.update(changes)
        return RawCell._make(fields[name] for name in _FIELDS)

    def __getnewargs__(self) -> tuple[str, Location]:
        return self.text, self.location

    def __repr__(self) -> str:
        return f"RawCell(text={self.text!r}, location={self.location!r})"


new_cell = cast("Callable[[tuple[str | _Part, ...]], RawCell]", partial(_new, RawCell))
"""A cell from its tuple as :class:`RawCell` stores it, built without a :class:`Location` (what
front-ends use for every token): ``(text, table, row, cell)``, then ``line``, ``column``,
``page`` as far as one is set, never with a trailing ``None`` (``(text, 3, 12, 2)`` for an
HTML table's cell, ``(text, None, None, None, 40, 1)`` for a text line's)."""


def location_of(where: Location | RawCell | RawLine) -> Location:
    """Where ``where`` was read: itself if a :class:`Location`, else the location of the raw
    cell or line (built when asked for)."""
    return where if isinstance(where, Location) else where.location


class _LineFields(NamedTuple):
    cells: tuple[RawCell, ...]
    table: int | None
    spaced: bool
    text: str


class RawLine(_LineFields):
    """A paragraph or heading (one cell), or a table row (its cells).

    ``table`` is the 1-based index of the table the row belongs to when the format marks
    tables explicitly (Markdown, HTML, PDF, DOCX), else ``None``. ``spaced``: the cells were
    told apart by runs of spaces (``pdftotext -layout``), so where each stands on the line
    says which column it is in; a blank cell there leaves only spaces. ``text`` is the cells'
    text joined by tabs (joined once: every stage of reading looks at it).
    """

    __slots__ = ()

    def __new__(
        cls, cells: tuple[RawCell, ...], table: int | None = None, spaced: bool = False
    ) -> RawLine:
        return cast("RawLine", _new(cls, (cells, table, spaced, _joined(cells))))

    @property
    def location(self) -> Location:
        return self.cells[0].location if self.cells else Location()

    def __getnewargs__(self) -> tuple[tuple[RawCell, ...], int | None, bool]:
        return self.cells, self.table, self.spaced

    def __repr__(self) -> str:
        return f"RawLine(cells={self.cells!r}, table={self.table!r}, spaced={self.spaced!r})"


def _joined(cells: tuple[RawCell, ...]) -> str:
    if len(cells) == 1:
        return cells[0].text  # what joining one cell gives, without building the join
    return "\t".join([c.text for c in cells])


def new_line(cells: tuple[RawCell, ...], table: int | None = None) -> RawLine:
    """``RawLine(cells, table)`` for a front-end's loop (not spaced)."""
    text = cells[0].text if len(cells) == 1 else "\t".join([c.text for c in cells])
    return cast("RawLine", _new(RawLine, (cells, table, False, text)))


@frozen
class RawDocument:
    """A document as read by a front-end, before any interpretation."""

    lines: tuple[RawLine, ...]
    format: str
    """``text``, ``markdown``, ``html``, ``pdf`` or ``docx``."""
    name: str | None = None
    """The file name or URL, when known."""
    sha256: str | None = field(default=None)
    """SHA-256 of the bytes read, when known."""

    @classmethod
    def of(
        cls,
        lines: Sequence[RawLine],
        *,
        format: str,
        name: str | None = None,
        content: bytes | None = None,
    ) -> RawDocument:
        """Build a document, hashing ``content`` when given."""
        digest = hashlib.sha256(content).hexdigest() if content is not None else None
        return cls(lines=tuple(lines), format=format, name=name, sha256=digest)
