"""The lenient first stage of reading: raw cells with their source locations.

Every format front-end (plain text, Markdown, HTML, PDF, DOCX) turns its input into a
:class:`RawDocument`: the document's lines in reading order, each a tuple of :class:`RawCell`
with the :class:`Location` it came from. A paragraph or heading is a line of one cell; a table
row is a line of its cells (merged cells repeated into every position they cover, the copies
of a cell merged across columns with that cell's location; blank cells kept as empty strings so
that positions mean something). Nothing is interpreted here: the
strict second stage (:mod:`govinfo.readers.assembler`) recognises sections and tables, maps
labels to the registry, parses numbers and reports every problem.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from attrs import field, frozen

__all__ = ["Location", "RawCell", "RawDocument", "RawLine"]


@frozen
class Location:
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


@frozen
class RawCell:
    """The text of one cell (or of a whole paragraph) exactly as read, and where."""

    text: str
    location: Location


@frozen
class RawLine:
    """A paragraph or heading (one cell), or a table row (its cells).

    ``table`` is the 1-based index of the table the row belongs to when the format marks
    tables explicitly (Markdown, HTML, PDF, DOCX), else ``None``.
    """

    cells: tuple[RawCell, ...]
    table: int | None = None
    spaced: bool = False
    """The cells were told apart by runs of spaces (``pdftotext -layout``), so where each
    stands on the line says which column it is in; a blank cell there leaves only spaces."""
    text: str = field(init=False, eq=False, repr=False)
    """The cells' text joined by tabs (joined once: every stage of reading looks at it)."""

    @text.default
    def _join(self) -> str:
        cells = self.cells
        if len(cells) == 1:
            return cells[0].text  # what joining one cell gives, without building the join
        return "\t".join([c.text for c in cells])

    @property
    def location(self) -> Location:
        return self.cells[0].location if self.cells else Location()


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
