"""Front-ends for HTML, PDF and Word (DOCX): documents into raw cells with their locations.

Each front-end is lenient: it reads whatever it is given and never judges the content (that is
the assembler's job). The only error it raises on content is :class:`UnreadableDocument`, for a
document it cannot read at all (a PDF whose text layer is glyph codes or missing, a file that is
not a PDF or DOCX); a missing optional dependency raises :class:`MissingExtra`.

What every front-end produces (see :mod:`govinfo.readers.raw`):

* a paragraph or heading is a line of one cell, blank ones are skipped;
* a table row is a line of one cell per grid position, the text of a merged cell repeated into
  every position it covers, blank cells kept as ``""``; every row of a table has the table's
  full width (short rows are padded with ``""``); a cell's location is the *grid* position
  where its cell starts, so ``line.cells[i].location.cell == i + 1`` except for the copies of
  a cell merged across columns, which carry the location of the cell they copy (a value cell
  spanning two columns is one value, not two, and the assembler reads it once);
* the text of a cell keeps its line structure: its paragraphs (HTML blocks and ``<br>``, Word
  paragraphs, PDF text lines) are joined with ``"\\n"``, blank ones dropped;
* a table that holds another table, or that has a single cell, is a *layout* table (a frame,
  a page wrapper): it gets no table number and its content is read as ordinary lines and
  tables of its own, in order.

HTML (:func:`html_document`) — stdlib only: compiled regular expressions that look at table
structure tag by tag and clean all the text in a few passes over the whole page (the whole read
takes a quarter of the time :mod:`html.parser` needs just to tokenize a saved government page).
``<script>``, ``<style>``, ``<head>``, ``<title>``, ``<noscript>``, ``<template>``,
``<textarea>``, ``<iframe>``, ``<object>``, ``<svg>`` and comments are skipped (but a page
showing no report whose article is kept escaped in a hidden ``<textarea>`` is read from there);
block elements
(``p``, ``div``, ``h1``–``h6``, ``li``, ``br``, ``tr``...) end a line; inline elements are
joined without adding anything (Word splits labels across ``<span>`` s); entities are decoded;
whitespace runs, ``&nbsp;`` and U+3000 included, collapse to one space, and a source line break
between two CJK characters is removed (as browsers do), so a label wrapped in the source stays
whole. ``rowspan`` / ``colspan`` are expanded (``rowspan=0`` runs to the end of the table); end
tags may be omitted (``<td>a<td>b``). Text between a table's cells (a ``<caption>``, stray
text) comes before the table, as browsers show it. Bytes are decoded by :func:`decode_html`.
Locations: ``line`` (the source line where the text starts) for text, ``table``/``row``/``cell``
for table cells.

PDF (:func:`pdf_document`) — extra ``pdf``: read by pdfium (:mod:`govinfo.readers.pdfium`, what
pdfplumber gives, sooner) or by pdfplumber. Per page: ruled tables found by their
drawn rules (filled rectangles wider than a rule, such as white paragraph backgrounds, are not
rules), pdfplumber's ``None`` for a position covered by a merged cell filled from the covering
cell, and the page's text lines outside the tables; tables and lines interleaved by vertical
position. A table continuing on the next page (the previous page ends with a table and this one
starts with a table of the same width, page numbers aside) keeps its table number and its rows
are numbered on. Page footers (``- 4 -``) stay as text lines. Glyphs without a Unicode mapping
(``(cid:NNN)``) are replaced by U+FFFD so that their codes never read as numbers; a document
where such glyphs dominate, or with no text at all, raises :class:`UnreadableDocument`.
Locations: ``page`` and ``line`` (the 1-based index of the text line on its page) for text,
``page`` and ``table``/``row``/``cell`` for table cells.

DOCX (:func:`docx_document`) — python-docx (extra ``docx``). Body paragraphs and tables in
document order (content controls unwrapped); ``gridSpan``, ``vMerge``, ``hMerge``,
``gridBefore`` and ``gridAfter`` expanded. Text of a paragraph: its runs (including inserted and
hyperlinked ones, not deleted ones), tabs as ``"\\t"``, breaks as ``"\\n"``. Locations: ``line``
for a paragraph is its 1-based index among the document's paragraphs read as text, blank ones
counted (without layout tables, ``Document.paragraphs[line - 1]`` is that paragraph);
``table``/``row``/``cell`` for table cells.
"""

from __future__ import annotations

import codecs
import contextlib
import html as _html
import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, cast

from govinfo._text import RAISED_NOTE_MARK
from govinfo.errors import GovinfoError, MissingConverter, MissingExtra, UnreadableDocument
from govinfo.limits import current_limits
from govinfo.readers.raw import Location, RawCell, RawDocument, RawLine, new_cell, new_line
from govinfo.readers.text import BOMS

__all__ = [
    "MissingExtra",
    "UnreadableDocument",
    "decode_html",
    "doc_document",
    "docx_document",
    "html_document",
    "pdf_document",
]

PathOrBytes = bytes | str | os.PathLike[str]


def _content_and_name(data: PathOrBytes, name: str | None) -> tuple[bytes, str | None]:
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data), name
    path = Path(data)
    try:
        return path.read_bytes(), name or os.fspath(data)
    except OSError as exc:
        raise UnreadableDocument(
            f"cannot read the file: {exc.strerror}", name or str(path)
        ) from None


# ---------------------------------------------------------------------------------------------
# HTML

_TAG_BODY = r"""(?>[^>"'\x00]*(?:(?:"[^"\x00]*"|'[^'\x00]*'|["'])[^>"'\x00]*)*)"""
"""A tag's attributes: quoted values may hold ``>``; an atomic group, so a malformed tag
cannot make the expression backtrack. No tag spans a NUL: :func:`_clean` joins the pieces it cleans
with one (a page's own NULs are dropped first), and an unclosed ``<i`` in one cell must not
swallow the cells up to the next ``>``."""
_SKIPPED = "iframe|head|noscript|object|s(?:cript|tyle|vg)|te(?:mplate|xtarea)|title"
_TOKEN = re.compile(
    r"<(?:!--.*?(?:--!?>|\Z)"
    r"|(" + _SKIPPED + r")\b" + _TAG_BODY + r">.*?</\1\s*>"
    r"|(/(?=t(?:able|body|head|foot|r)\b))?(t(?:able|body|head|foot|[rdh]))\b("
    + _TAG_BODY
    + r")>)",
    re.DOTALL,
)
"""What the first pass looks at: comments and elements to skip, and table structure.

Every expression here matches lowercase tag names only (case-insensitive matching is several
times slower); :func:`html_document` lowercases the names of a page's tags first when needed.
"""
_BLOCK_NAMES = (
    r"a(?:ddress|rticle|side)|b(?:lockquote|r)|c(?:aption|enter)|d(?:[dlt]|etails|i(?:alog|[rv]))"
    r"|f(?:i(?:eldset|g(?:caption|ure))|o(?:oter|rm))|h(?:[1-6r]|eader)|li|m(?:ain|enu)|nav|ol"
    r"|p(?:re)?|s(?:ection|ummary)|t(?:able|body|[dhr]|foot|head)|ul"
)
_BLOCK = re.compile(r"</?(?:" + _BLOCK_NAMES + r")\b[^>\x00]*+>")
"""Tags that end a line of text (or a paragraph inside a cell). Here and in :data:`_ANY_TAG` a
``>`` inside an attribute value would end the tag; they are a third faster than the
expressions that know quotes (:data:`_BLOCK_QUOTED`, :data:`_ANY_TAG_QUOTED`), which a page is
read again with when the rest of such a value shows in its text (``ms-visible="list.length>0"``
leaves ``0">``)."""
_ANY_TAG = re.compile(r"<[a-zA-Z/!?][^>\x00]*+>")
_BLOCK_QUOTED = re.compile(r"</?(?:" + _BLOCK_NAMES + r")\b" + _TAG_BODY + ">")
_ANY_TAG_QUOTED = re.compile(r"<[a-zA-Z/!?]" + _TAG_BODY + ">")

_UPPER_TAG = re.compile(r"</?[a-z0-9:_-]*+[A-Z][a-zA-Z0-9:_-]*+")
_UPPER_START = re.compile(r"</?[A-Z]")
_CJK = "\u2e80-\u2fff\u3001-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_SEGMENT_BREAK = re.compile(f"([{_CJK}])[ \\t\\r\\f]*\\n[ \\t\\r\\n\\f]*(?=[{_CJK}])")
"""A source line break between two CJK characters: not rendered (CSS Text 3)."""
_SPACE = re.compile(r"\s+")
_PARAGRAPH_MARK = re.compile(" ?\x01[ \x01]*")
_LEADING = re.compile(r"(?>(?:\s+|<" + _TAG_BODY + r">|&nbsp;|&#160;|&#xa0;)*)")
_SPAN = re.compile(r"\b(rowspan|colspan)\s*=\s*\\?[\"']?\s*(\d+)", re.IGNORECASE)
"""A span attribute, its value quoted or not, the quote escaped or not (``colspan=\\"2\\"``, as
pages kept inside JavaScript strings have it)."""
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_GB_ALIASES = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn", "csgb2312", "gb18030"}


def decode_html(data: bytes) -> tuple[str, str]:
    """The text of an HTML page and the encoding it was decoded with.

    In order: a byte-order mark; UTF-8 when the bytes are valid UTF-8 (pages re-saved as UTF-8
    often keep a stale ``gb2312`` declaration, while GBK text is practically never valid
    UTF-8); the ``<meta>`` charset of the first 4 KB (``gb2312`` and ``gbk`` read as their
    superset GB18030); GB18030, which Chinese government sites use. The last candidate decodes
    with replacement characters rather than fail.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    found = _META_CHARSET.search(data, 0, 4096)
    if found:
        label = found.group(1).decode("ascii").lower()
        with contextlib.suppress(LookupError):
            declared = "gb18030" if label in _GB_ALIASES else codecs.lookup(label).name
            "".encode(declared)  # LookupError for a codec that is no text encoding (base64)
            if declared != "utf-8":  # already tried
                candidates.append(declared)
    if "gb18030" not in candidates:
        candidates.append("gb18030")
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode(candidates[0], errors="replace"), candidates[0]


class _Cell(list["_Span | _Table"]):
    """A table cell: the list of what it holds (raw stretches, nested tables), with its spans.

    The cell is its own list of items (not an object holding one): a page of a hundred
    thousand cells keeps them all until its tables are laid out. A cell spanning one row and
    one column (nearly all) keeps no spans of its own: :class:`_SpannedCell` does."""

    __slots__ = ("piece",)
    rowspan = 1
    colspan = 1

    def __init__(self) -> None:
        super().__init__()
        self.piece = -2  # the index of its text among the pieces to clean, once known


class _SpannedCell(_Cell):
    """A cell with a ``rowspan`` or ``colspan`` other than 1."""

    __slots__ = ("colspan", "rowspan")

    def __init__(self, rowspan: int, colspan: int) -> None:
        super().__init__()
        self.rowspan = rowspan
        self.colspan = colspan


def _table_cell(rowspan: int, colspan: int) -> _Cell:
    """A parse-tree cell: a plain one unless it spans more than one row or column."""
    return _Cell() if rowspan == colspan == 1 else _SpannedCell(rowspan, colspan)


class _Table:
    __slots__ = ("cell", "foot_end", "foot_start", "nested", "row_open", "rows", "stray")

    def __init__(self) -> None:
        self.rows: list[list[_Cell]] = []
        self.stray: list[_Span | _Table] = []  # text and tables between cells: shown before
        self.cell: _Cell | None = None
        self.row_open = False
        self.nested = False  # a cell holds a table
        self.foot_start: int | None = None  # where a <tfoot>'s rows start, as read
        self.foot_end: int | None = None  # and end (at </tfoot> or the <tbody> after it)

    def close(self) -> None:
        """At ``</table>``: a ``<tfoot>`` written before the body (as HTML 4 had it) shown,
        as browsers show it, after the body's rows."""
        start, end = self.foot_start, self.foot_end
        if start is not None and end is not None and end < len(self.rows):
            self.rows[start:] = [*self.rows[end:], *self.rows[start:end]]

    def is_layout(self) -> bool:
        return self.nested or sum(len(row) for row in self.rows) == 1


_Raw = tuple[int, str]
"""A stretch of source (text with inline tags) and its offset in the source."""
_Span = int
"""A stretch of source as the first pass keeps it: ``start * _STRETCH + end`` (one small object
for each cell's text rather than an offset, a string and a tuple)."""
_STRETCH = 2**40
_MAX_NESTING = 50
"""Tables nested deeper are read as part of the table around them (reading is recursive)."""


def _spans(attributes: str) -> tuple[int, int]:
    rowspan = colspan = 1
    for key, value in _SPAN.findall(attributes):
        number = int(value[:6])
        if key.lower() == "rowspan":
            rowspan = min(number, 65534)  # 0: to the end of the table
        else:
            colspan = min(max(number, 1), 1000)
    return rowspan, colspan


def _parse_html(text: str) -> list[_Span | _Table]:
    """First pass: the document as a flow of raw stretches and tables (with their cells).

    Only table structure is looked at (``</td>`` not even that: a cell ends where the next
    cell, row or table boundary starts); everything else is kept as raw stretches of source.
    """
    root: list[_Span | _Table] = []
    stack: list[_Table] = []
    table: _Table | None = None
    sink = root  # where text goes: the root flow, a cell's items, or a table's stray text
    stray: list[_Span | _Table] | None = None  # the current table's stray text
    ignored = 0  # tables opened deeper than _MAX_NESTING, and not yet closed
    pos = 0
    for m in _TOKEN.finditer(text):
        start = m.start()
        if start > pos and (sink is not stray or not text[pos:start].isspace()):
            sink.append(pos * _STRETCH + start)
        pos = m.end()
        name, attributes = m.group(3, 4)
        if name is None:
            continue  # a comment or a skipped element
        if name in ("td", "th"):
            if table is None:
                continue
            if not table.row_open:
                table.rows.append([])
                table.row_open = True
            if "pan" in attributes or "PAN" in attributes:
                cell = _table_cell(*_spans(attributes))
            else:
                cell = _Cell()
            table.rows[-1].append(cell)
            table.cell = cell
            sink = cell
            continue
        if name == "table":
            if m.group(2):
                if ignored:
                    ignored -= 1
                    continue
                if stack:
                    stack.pop().close()
            elif len(stack) >= _MAX_NESTING:
                ignored += 1
                continue
            else:
                if table is not None and table.cell is not None:
                    table.nested = True
                new = _Table()
                sink.append(new)
                stack.append(new)
            table = stack[-1] if stack else None
            if table is None:
                sink = root
                stray = None
            else:
                stray = table.stray
                sink = table.cell if table.cell is not None else stray
            continue
        if table is None:
            continue  # table structure outside any table
        table.cell = None
        sink = stray = table.stray
        if name == "tr" and not m.group(2):
            table.rows.append([])
            table.row_open = True
        else:  # </tr>, or a row group
            table.row_open = False
            closing = bool(m.group(2))
            if name == "tfoot" and not closing and table.foot_start is None:
                table.foot_start = len(table.rows)
            elif (
                table.foot_start is not None
                and table.foot_end is None
                and ((name == "tfoot" and closing) or (name == "tbody" and not closing))
            ):
                table.foot_end = len(table.rows)
    if pos < len(text):
        sink.append(pos * _STRETCH + len(text))
    return root


def _grid(rows: Sequence[Sequence[_Cell]]) -> list[Sequence[_Cell | None]]:
    """Rows of cells into the table's grid, merged cells repeated into every position. A row
    without merged cells (most) is its own grid row, not a copy (a table of many rows would
    be held twice); none of ``rows`` is changed.

    Raises :class:`~govinfo.errors.LimitExceeded` when a row is wider than ``max_row_width``
    or the grid holds more than ``max_table_cells`` positions (checked row by row, before the
    row is built)."""
    limits = current_limits()
    cells = 0
    grid: list[Sequence[_Cell | None]] = []
    pending: dict[int, tuple[int, _Cell]] = {}  # column → (rows still to cover, cell)
    for row in rows:
        if not pending and len(row) <= limits.max_row_width and _plain(row):
            # no merged cell here or above (most rows): the row is its own grid row
            cells += len(row)
            if cells > limits.max_table_cells:
                raise limits.exceeded("max_table_cells", cells, "cells in an HTML table")
            grid.append(row)
            continue
        placed = {column: cell for column, (_, cell) in pending.items()}
        if pending:
            pending = {c: (n - 1, cell) for c, (n, cell) in pending.items() if n > 1}
        column = 0
        for cell in row:
            while column in placed:
                column += 1
            rowspan = cell.rowspan or len(rows)  # rowspan=0: to the end of the table
            colspan = cell.colspan
            if colspan == 1:
                placed[column] = cell
                if rowspan > 1:
                    pending[column] = (rowspan - 1, cell)
            else:
                for c in range(column, column + colspan):
                    placed[c] = cell
                    if rowspan > 1:
                        pending[c] = (rowspan - 1, cell)
            column += colspan
            if column > limits.max_row_width:
                raise limits.exceeded("max_row_width", column, "columns in an HTML table row")
        width = max(placed) + 1 if placed else 0
        if width > limits.max_row_width:
            raise limits.exceeded("max_row_width", width, "columns in an HTML table row")
        cells += width
        if cells > limits.max_table_cells:
            raise limits.exceeded("max_table_cells", cells, "cells in an HTML table")
        grid.append([placed.get(c) for c in range(width)])
    width = max((len(r) for r in grid), default=0)
    if width * len(grid) > limits.max_table_cells:  # every row is made as wide as the widest
        raise limits.exceeded("max_table_cells", width * len(grid), "cells in an HTML table")
    for i, r in enumerate(grid):
        if len(r) < width:
            grid[i] = [*r, *[None] * (width - len(r))]
    return grid


def _plain(row: Sequence[_Cell]) -> bool:
    """No cell of ``row`` spans more than its own row and column."""
    return all(cell.rowspan == 1 and cell.colspan == 1 for cell in row)


def _fresh(positions: Sequence[_Cell | None]) -> bool:
    """Every position of a grid row holds a cell of its own (no column span), not yet read
    (no row span from above) and not empty."""
    return all(
        cell is not None and cell.piece == -2 and cell.colspan == 1 and cell for cell in positions
    )


class _HtmlOutput:
    """Second pass: flows and tables into pending lines, all text cleaned at the end at once."""

    def __init__(self, text: str, *, quoted: bool = False) -> None:
        self.text = text
        self.block = _BLOCK_QUOTED if quoted else _BLOCK
        self.any_tag = _ANY_TAG_QUOTED if quoted else _ANY_TAG
        self.pieces: list[str | _Span] = []
        """Raw source to clean, one per text line or table cell (a cell of one stretch as
        its span: its source is taken when all are joined, not held once more till then)."""
        self.records: list[
            tuple[int, int, Sequence[int], Sequence[int]] | tuple[int, list[_Raw]]
        ] = []
        """A table row (table, row, pieces of its cells, the column each cell starts at) or a
        text line (piece, stretches)."""
        self.tables = 0

    def flow(self, items: Iterable[_Span | _Table]) -> None:
        stretches: list[_Raw] = []
        for item in items:
            if isinstance(item, _Table):
                self.flush(stretches)
                stretches = []
                self.table(item)
                continue
            offset, end = divmod(item, _STRETCH)
            raw = self.text[offset:end]
            last = 0
            for m in self.block.finditer(raw):
                if m.start() > last:
                    stretches.append((offset + last, raw[last : m.start()]))
                if stretches:
                    self.flush(stretches)
                    stretches = []
                last = m.end()
            if last < len(raw):
                stretches.append((offset + last, raw[last:]))
        self.flush(stretches)

    def flush(self, stretches: list[_Raw]) -> None:
        if not stretches:
            return
        raw = stretches[0][1] if len(stretches) == 1 else "".join(s for _, s in stretches)
        if raw.isspace() or self.only_tags(raw):
            return
        self.records.append((len(self.pieces), stretches))
        self.pieces.append(raw)

    def source(self, spans: list[_Span]) -> str:
        """The source of ``spans``, joined."""
        text = self.text
        if len(spans) == 1:
            start, end = divmod(spans[0], _STRETCH)
            return text[start:end]
        return "".join([text[start:end] for start, end in (divmod(s, _STRETCH) for s in spans)])

    def joined(self) -> str:
        """The pieces' source joined by NULs, joined a thousand pieces at a time (each
        cell's source string lives only until its thousand are joined)."""
        text = self.text
        pieces = self.pieces
        chunks = []
        for at in range(0, len(pieces), 1024):
            chunk: list[str] = []
            for piece in pieces[at : at + 1024]:
                if isinstance(piece, str):
                    chunk.append(piece)
                else:
                    start, end = divmod(piece, _STRETCH)
                    chunk.append(text[start:end])
            chunks.append("\x00".join(chunk))
        return "\x00".join(chunks)

    def only_tags(self, raw: str) -> bool:
        """``raw`` is tags and spaces only, so that :func:`_clean` makes it ``""`` and
        :meth:`lines` would drop it: it need not be kept until then (a page of nested
        ``<div><span>`` is one such piece per tag). Exactly the test :func:`_clean` makes,
        tried only where a piece starts and ends with a tag."""
        if "&" in raw or not raw.lstrip().startswith("<") or not raw.rstrip().endswith(">"):
            return False
        rest = self.any_tag.sub("", self.block.sub("\x01", raw))
        return not rest.replace("\x01", "").strip()

    def table(self, table: _Table) -> None:
        self.flow(table.stray)
        if not any(table.rows):
            return
        if table.is_layout():
            for row in table.rows:
                for each in row:
                    self.flow(each)
            return
        self.tables += 1
        number = self.tables
        pieces = self.pieces
        for r, positions in enumerate(_grid(table.rows), start=1):
            if _fresh(positions):
                # every position its own cell, met for the first time, with text: the
                # pieces are the next ones in turn, the columns 1, 2, 3 ... (kept as ranges:
                # no number held for each cell of a row of thousands)
                first = len(pieces)
                for cell in positions:
                    items = cast("list[_Span]", cell)
                    cell.piece = len(pieces)  # type: ignore[union-attr]
                    pieces.append(items[0] if len(items) == 1 else self.source(items))
                self.records.append(
                    (number, r, range(first, len(pieces)), range(1, len(positions) + 1))
                )
                continue
            line = []
            origin: list[int] = []  # the column where each position's cell starts
            previous: _Cell | None = None
            for c, cell in enumerate(positions, start=1):
                spans = cell is not None and cell is previous
                origin.append(origin[-1] if spans else c)
                previous = cell
                if cell is None:
                    line.append(-1)
                    continue
                if cell.piece == -2:
                    # no nested table here: every item is raw text
                    items = cast("list[_Span]", cell)
                    if not items:
                        cell.piece = -1
                    else:
                        cell.piece = len(pieces)
                        pieces.append(items[0] if len(items) == 1 else self.source(items))
                line.append(cell.piece)
            self.records.append((number, r, line, origin))

    def lines(self) -> list[RawLine]:
        texts = _clean(self.joined(), self.block, self.any_tag) if self.pieces else []
        self.pieces = []  # all in texts now: let them go before the lines are built (once)
        texts.append("")  # piece -1: an empty cell
        source = self.text
        out: list[RawLine] = []
        at_offset, at_line = 0, 1
        for record in self.records:
            if len(record) == 4:
                number, r, ids, origin = record
                out.append(
                    new_line(
                        tuple(
                            [  # (text, table, row, cell): see new_cell
                                new_cell((texts[i], number, r, c))
                                for c, i in zip(origin, ids, strict=True)
                            ]
                        ),
                        number,
                    )
                )
                continue
            i, stretches = record
            text = texts[i]
            if not text:
                continue
            offset = stretches[0][0]
            for start, raw in stretches:
                skip = _LEADING.match(raw)
                if skip is not None and skip.end() < len(raw):
                    offset = start + skip.end()
                    break
            if offset < at_offset:
                at_offset, at_line = 0, 1
            at_line += source.count("\n", at_offset, offset)
            at_offset = offset
            out.append(new_line((new_cell((text, None, None, None, at_line)),)))
        return out


_HUGE_CHARREF = re.compile(
    r"&#(?:0*+[1-9][0-9]{7}[0-9]*+|[xX]0*+[1-9a-fA-F][0-9a-fA-F]{6}[0-9a-fA-F]*+);?"
)
"""A numeric character reference beyond U+10FFFF by its digits alone (8 decimal digits, or 7
hex ones, after leading zeros)."""


def _unescape_html(raw: str) -> str:
    """:func:`html.unescape`, which turns a reference to no character into U+FFFD but raises
    on one of more than 4,300 digits (Python's integer conversion limit): such references are
    made U+FFFD first."""
    if "&#" in raw:
        raw = _HUGE_CHARREF.sub("\ufffd", raw)
    return _html.unescape(raw)


def _clean(
    raw: str, block: re.Pattern[str] = _BLOCK, any_tag: re.Pattern[str] = _ANY_TAG
) -> list[str]:
    """Markup into text: paragraphs marked, tags dropped, entities decoded, spaces collapsed.

    ``raw`` is many pieces joined by NUL, cleaned at once (one pass of each expression over the
    page rather than one per cell); paragraph breaks inside a piece come out as ``"\\n"``.
    ``block`` and ``any_tag`` find the tags (see :data:`_BLOCK`).
    """
    raw = block.sub("\x01", raw)
    raw = any_tag.sub("", raw)
    if "&" in raw:
        raw = _unescape_html(raw)
    if "\n" in raw:
        raw = _SEGMENT_BREAK.sub(r"\1", raw)
    raw = _SPACE.sub(" ", raw)
    if "\x01" in raw:
        raw = _PARAGRAPH_MARK.sub("\n", raw)
    # as many pieces as were joined (no tag pattern spans a NUL); the cells of the same text
    # share one string
    share: dict[str, str] = {}
    return [share.setdefault(text, text) for text in (p.strip() for p in raw.split("\x00"))]


def html_document(data: str | bytes, *, name: str | None = None) -> RawDocument:
    """Read an HTML page (text, or bytes decoded by :func:`decode_html`) into raw lines."""
    content: bytes | None = None
    if isinstance(data, bytes | bytearray | memoryview):
        content = bytes(data)
        text, _ = decode_html(content)
    else:
        text = data
    if "\x00" in text or "\x01" in text:
        text = text.replace("\x00", "").replace("\x01", "")
    if _UPPER_START.search(text):
        text = _UPPER_TAG.sub(lambda m: m.group().lower(), text)
    if "<textarea" in text:
        text = _with_article_from_textarea(text)
    if "none" in text or "hidden" in text:
        text = _without_hidden(text)
    if "<sup" in text:
        text = _NOTE_SUP.sub("", text)
    if "<pre" in text:
        text = _PRE.sub(_pre_lines, text)
    output = _HtmlOutput(text)
    output.flow(_parse_html(text))
    body = output.lines()
    if any('">' in line.text or "'>" in line.text for line in body):
        # the rest of an attribute value holding ">" shows: read the page again knowing quotes
        # (the second pass marks the cells it has read, so the first pass is made anew too)
        output = _HtmlOutput(text, quoted=True)
        output.flow(_parse_html(text))
        body = output.lines()
    lines = [*_head_lines(text), *body]
    return RawDocument.of(lines, format="html", name=name, content=content)


_PRE = re.compile(r"<pre\b" + _TAG_BODY + r">.*?</pre\s*>", re.DOTALL)


def _pre_lines(m: re.Match[str]) -> str:
    """A ``<pre>`` element with each of its line breaks a ``<br>``: preformatted text keeps
    its lines (a heading and its text are not joined as a source line break between Chinese
    characters elsewhere is), and every line keeps its number."""
    return m.group().replace("\n", "<br>\n")


_NOTE_SUP = re.compile(
    r"(?<=[0-9０-９])<sup\b" + _TAG_BODY + rf">\s*{RAISED_NOTE_MARK}\s*</sup\s*>"
)
"""A note's mark raised after a number (``101<sup>1</sup>``, read as 1011): not the number's.
(``m<sup>2</sup>`` stays: no digit before it.)"""
_HIDDEN_BEFORE = {
    "none": re.compile(r"display\s*:\s*$"),
    "hidden": re.compile(r"(?:visibility\s*:\s*|\s)$"),
}
"""What comes before ``none`` and ``hidden`` when they hide an element: ``display:none``,
``visibility:hidden``, the ``hidden`` attribute."""


def _hidden_marks(text: str) -> list[int]:
    """Where ``display:none``, ``visibility:hidden`` or a ``hidden`` attribute ends in
    ``text``, in order (found by plain search for the two words: a regular expression with
    alternatives scans a page several times slower)."""
    ends = []
    for word, before in _HIDDEN_BEFORE.items():
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            attribute = word == "none" or end == len(text) or text[end] in " \t\n/>="
            if attribute and before.search(text, max(0, at - 24), at):
                ends.append(end)
            at = text.find(word, end)
    return sorted(ends)


_HIDDEN_START = re.compile(
    r"<(span|font|sup|sub|b|i|u|em|strong|small|a|label|p|li|td|th|tr)\b" + _TAG_BODY + ">"
)


def _without_hidden(text: str) -> str:
    """``text`` without the elements a browser does not show (``style="display:none"``,
    ``visibility:hidden``, the ``hidden`` attribute): some sites hide copies of digits in
    cells (``12<span style="display:none">12</span>``) to spoil copying. Only elements that do
    not nest in themselves as written (not ``div``: a hidden copy of a whole article is told
    apart later), so the first end tag is theirs; each leaves its line breaks, so later lines
    keep their numbers. Found from the marks, not by matching every tag of the page."""
    out: list[str] = []
    pos = 0
    for mark in _hidden_marks(text):
        if mark < pos:
            continue
        opening = text.rfind("<", pos, mark)
        tag = _HIDDEN_START.match(text, opening) if opening >= 0 else None
        if tag is None or tag.end() <= mark:
            continue  # not in the opening tag of such an element (CSS, script, text)
        closing = re.compile(rf"</{tag.group(1)}\s*>").search(text, tag.end())
        if closing is None:
            continue
        out.append(text[pos:opening])
        out.append("\n" * text.count("\n", opening, closing.end()))
        pos = closing.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


_TEXTAREA = re.compile(r"<textarea\b" + _TAG_BODY + r">(.*?)</textarea\s*>", re.DOTALL)


def _with_article_from_textarea(text: str) -> str:
    """``text`` with the article a page keeps escaped in a hidden ``<textarea>`` (for its
    scripts to show) put in its place as markup, when the page shows no report of its own
    (no 总体情况 outside it); else ``text``. Escaped markup holds no line break that its
    markup does not, so lines keep their numbers."""
    if "总体情况" in _TEXTAREA.sub("", text):
        return text

    def article(m: re.Match[str]) -> str:
        inner = _unescape_html(m.group(1))
        return inner if "总体情况" in inner and "<" in inner else m.group()

    return _TEXTAREA.sub(article, text)


_HEAD_END = re.compile(r"<body\b|</head\s*>")
_TITLE_ELEMENT = re.compile(r"<title\b" + _TAG_BODY + r">(.*?)</title\s*>", re.DOTALL)
_META = re.compile(r"<meta\b(" + _TAG_BODY + ")>")
_ATTRIBUTE = re.compile(
    r"""\b(name|property|content)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)
_PUBLISHED_META = frozenset(
    {"pubdate", "publishdate", "publishtime", "firstpublishedtime", "article:published_time"}
)
"""Names of the ``<meta>`` a government site gives an article's publication date in."""


def _head_lines(text: str) -> list[RawLine]:
    """What a page's head says of it, as the first lines: its ``<title>``, and its publication
    date (``<meta name="PubDate" content="2026-05-10 12:56">``) as ``发布时间：2026-05-10
    12:56``, the label the page itself would print. A report page whose body has no title or
    date still has them there."""
    end = _HEAD_END.search(text)
    head = text[: end.start()] if end else text[:20000]
    found: list[tuple[int, str]] = []
    title = _TITLE_ELEMENT.search(head)
    if title is not None:
        found.append((title.start(1), title.group(1)))
    for meta in _META.finditer(head):
        values = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in _ATTRIBUTE.finditer(meta.group(1))
        }
        kind = (values.get("name") or values.get("property") or "").lower()
        if kind in _PUBLISHED_META and values.get("content"):
            found.append((meta.start(), f"发布时间：{values['content']}"))
            break
    lines = []
    for offset, raw in found:
        (cleaned,) = _clean(raw)
        if cleaned:
            location = Location(line=text.count("\n", 0, offset) + 1)
            lines.append(RawLine(cells=(RawCell(cleaned, location),)))
    return lines


# ---------------------------------------------------------------------------------------------
# PDF

_CID = re.compile(r"\(cid:\d+\)")
_PAGE_NUMBER = re.compile(
    r"[\s\-—–－_·•]*(?:第\s*)?\d{1,4}\s*页?(?:\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?[\s\-—–－_·•]*"
)
"""A page number line (``- 4 -``, ``第 3 页``, ``3/6``): not content, when deciding whether a
table continues from the previous page."""
_RULE_WIDTH = 2.0
"""A filled shape at most this thick is a drawn rule; a wider one is a background."""
_MOSTLY_CID = 0.5
_SOMEWHAT_CID = 0.2


def _is_rule_or_content(obj: dict[str, Any]) -> bool:
    """Whether a PDF object may count for tables: not a filled, unstroked shape wider than a
    rule (white paragraph backgrounds and cell shading would otherwise make phantom tables)."""
    if obj["object_type"] not in ("rect", "curve") or obj.get("stroke"):
        return True
    thickness: float = min(obj["x1"] - obj["x0"], obj["bottom"] - obj["top"])
    return thickness <= _RULE_WIDTH


def _pdf_text(text: str | None) -> str:
    if not text:
        return ""
    text = text.strip()
    return _CID.sub("\ufffd", text) if "(cid:" in text else text


_CELL_GAP = 1.5
"""A gap between two characters of a text line this wide (in ems) separates table cells: an
unruled table's columns stand apart so, words of a sentence never do."""
_X_TOLERANCE = 3.0
"""A gap this wide (in points) between two characters is a space, as pdfplumber reads one."""
_CELL_VALUE = re.compile(r"[-+]?[0-9０-９][0-9０-９,.，．]*(?:万?元)?|[/／\-—–－无]")


def _pdf_line(item: dict[str, Any], text: str, page: int, number: int) -> RawLine:
    """One text line of a page: one cell, or, when it is a row of an unruled table (cells far
    apart, values among them), its cells, each with the character column where it would
    stand in ``pdftotext -layout`` text (half an em a column), so that the reader can tell
    which column a value is in when cells are blank."""
    chars = item.get("chars") or []
    size = float(chars[0].get("size") or 0) if chars else 0.0
    segments: list[list[dict[str, Any]]] = []
    gap = _CELL_GAP * size
    last_x1 = 0.0
    for char in chars:
        if segments and char["x0"] - last_x1 <= gap:
            segments[-1].append(char)
        else:
            segments.append([char])
        last_x1 = char["x1"]
    texts = [_segment_text(segment) for segment in segments]
    if size <= 0 or len(segments) < 2 or not any(_CELL_VALUE.fullmatch(t) for t in texts[1:]):
        return new_line((new_cell((text, None, None, None, number, None, page)),))
    unit = size / 2
    cells = []
    for segment, cell_text in zip(segments, texts, strict=True):
        middle = (segment[0]["x0"] + segment[-1]["x1"]) / 2 / unit
        column = max(1, round(middle - len(cell_text) / 2) + 1)
        cells.append(new_cell((cell_text, None, None, None, number, column, page)))
    return RawLine(cells=tuple(cells), spaced=True)


def _segment_text(chars: Sequence[dict[str, Any]]) -> str:
    """The text of neighbouring characters, a space where pdfplumber would put one."""
    parts = [chars[0]["text"]]
    last_x1 = chars[0]["x1"]
    for char in chars[1:]:
        if char["x0"] - last_x1 > _X_TOLERANCE:
            parts.append(" ")
        parts.append(char["text"])
        last_x1 = char["x1"]
    return _pdf_text("".join(parts))


def _closing_rules(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Horizontal rules to close tables cut by a page break.

    A table continued on the next page often has no rule along the cut: its vertical rules
    just stop, and the cells of its last (or, on the next page, first) row would be lost. Where
    two or more vertical rules end at the same height and no horizontal rule runs there, one is
    added across them.
    """
    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    added: list[dict[str, Any]] = []
    for end in ("top", "bottom"):
        ordered = sorted(vertical, key=lambda e: float(e[end]))
        start = 0
        for i in range(1, len(ordered) + 1):
            if i < len(ordered) and ordered[i][end] - ordered[i - 1][end] <= _RULE_WIDTH:
                continue
            group, start = ordered[start:i], i
            if len(group) < 2:
                continue
            y = sum(float(e[end]) for e in group) / len(group)
            x0 = min(float(e["x0"]) for e in group)
            x1 = max(float(e["x0"]) for e in group)
            if x1 - x0 < 10 or any(
                abs(h["top"] - y) <= 3 and h["x0"] < x1 and h["x1"] > x0 for h in horizontal
            ):
                continue
            added.append(
                {
                    "object_type": "line",
                    "x0": x0,
                    "x1": x1,
                    "top": y,
                    "bottom": y,
                    "width": x1 - x0,
                    "height": 0.0,
                }
            )
    return added


def _table_grid(table: Any) -> list[list[tuple[str, int]]]:
    """A pdfplumber table as a grid of (text, column where its cell starts), merged cells
    repeated (pdfplumber gives ``None`` for every position a merged cell covers but its
    first); a copy to the right of its cell keeps the cell's column."""
    rows = table.rows
    texts = table.extract()
    xs = sorted({cell[0] for cell in table.cells})
    grid: list[list[tuple[str, int]]] = []
    covers: list[list[tuple[str, tuple[float, float, float, float]] | None]] = []
    tolerance = 1.0
    for r, row in enumerate(rows):
        top = row.bbox[1]
        line: list[tuple[str, int]] = []
        cover_line: list[tuple[str, tuple[float, float, float, float]] | None] = []
        for c, bbox in enumerate(row.cells):
            cover: tuple[str, tuple[float, float, float, float]] | None = None
            start = c + 1
            if bbox is not None:
                cover = (_pdf_text(texts[r][c]), bbox)
            else:
                left = cover_line[c - 1] if c else None
                up = covers[r - 1][c] if r else None
                if left is not None and left[1][2] > xs[c] + tolerance:
                    cover = left
                    start = line[c - 1][1]
                elif up is not None and up[1][3] > top + tolerance:
                    cover = up
            cover_line.append(cover)
            line.append((cover[0] if cover is not None else "", start))
        covers.append(cover_line)
        grid.append(line)
    return grid


def _quiet_pdfminer() -> None:
    """Give pdfminer's logger a :class:`logging.NullHandler`, as libraries do: its warnings
    about a PDF's fonts ("Could not get FontBBox…", once per glyph run) then reach only an
    application that configured logging, instead of Python's last-resort handler on stderr.
    Levels and other handlers are left alone."""
    logger = logging.getLogger("pdfminer")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())


PDF_ENGINES = ("auto", "pdfium", "pdfplumber")
"""The PDF engines: ``pdfium`` (:mod:`govinfo.readers.pdfium`), ``pdfplumber``, and ``auto``
(the default): pdfium, and pdfplumber for a document with a page pdfium's engine does not
model (a page turned by ``/Rotate``, text that is not upright, text pdfium cannot place)."""


def pdf_document(
    data: PathOrBytes, *, name: str | None = None, engine: str = "auto"
) -> RawDocument:
    """Read a PDF (its bytes, or a path) into raw lines: ruled tables and text lines, page by
    page. Needs the ``pdf`` extra (pdfplumber, and pypdfium2 which it installs).

    ``engine`` (one of :data:`PDF_ENGINES`) ``"pdfplumber"`` reads every page with pdfplumber
    (the same lines, several times slower); ``"pdfium"`` with pdfium only, raising
    :class:`UnreadableDocument` for a page its engine does not model; the default, ``"auto"``,
    reads a document with pdfium, or with pdfplumber when it has such a page.

    Raises :class:`UnreadableDocument` for a file that is not a readable PDF, and for a PDF
    whose text layer is missing (a scan) or made of unmapped glyph codes (``(cid:NNN)``).
    """
    if engine not in PDF_ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}: one of {', '.join(PDF_ENGINES)}")
    try:
        import pdfplumber
        from pdfminer.psexceptions import PSException
        from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
    except ImportError:
        raise MissingExtra("PDF", "pdfplumber", "pdf") from None
    content, name = _content_and_name(data, name)
    if engine in ("auto", "pdfium"):
        import pypdfium2

        from govinfo.readers.pdfium import LOCK, NeedsPdfplumber, open_pdf

        try:
            with LOCK, open_pdf(content) as document:
                return _pdf_pages(document, content, name, (), release=True)
        except NeedsPdfplumber as exc:
            if engine == "pdfium":
                reason = f"the pdfium engine does not read {exc} (read it with pdfplumber)"
                raise UnreadableDocument(reason, name) from None
        except pypdfium2.PdfiumError as exc:
            if engine == "pdfium":
                raise UnreadableDocument(f"not a readable PDF ({exc})", name) from None
        # read below by pdfplumber: a shape pdfium's engine does not model, or a file pdfium
        # cannot parse (pdfminer may)
    _quiet_pdfminer()
    broken = (PSException, PdfminerException, MalformedPDFException)
    try:
        pdf = pdfplumber.open(io.BytesIO(content))
    except broken as exc:
        raise UnreadableDocument(f"not a readable PDF ({exc})", name) from None
    except Exception as exc:  # pdfminer fails many ways on a damaged file
        raise UnreadableDocument(
            f"not a readable PDF ({type(exc).__name__}: {exc})", name
        ) from None
    with _closing_quietly(pdf):
        try:
            return _pdf_pages(pdf, content, name, broken)
        except GovinfoError:
            raise
        except Exception as exc:  # TypeError on /MediaBox null, …
            raise UnreadableDocument(
                f"not a readable PDF ({type(exc).__name__}: {exc})", name
            ) from None


def _pdf_pages(
    pdf: Any,
    content: bytes,
    name: str | None,
    broken: tuple[type[Exception], ...],
    *,
    release: bool = False,
) -> RawDocument:
    """The lines of every page of ``pdf`` (a pdfplumber or a pdfium document); with ``release``
    each page is closed once read (pdfium's pages drop their characters and drawings, so that
    only one page's are held at a time)."""
    lines: list[RawLine] = []
    glyphs = unmapped = 0
    tables = 0
    follows: tuple[int, int, int] | None = None  # the table ending the previous page
    current_limits().check("max_pdf_pages", len(pdf.pages), "pages in the PDF", name)
    try:
        for number, page in enumerate(pdf.pages, start=1):
            texts = [char["text"] for char in page.chars]
            # an unmapped glyph's text is "(cid:N)", never blank; a character's text holds
            # no "(cid:" of its own
            page_unmapped = "".join(texts).count("(cid:")
            page_glyphs = len(texts) - sum(map(str.isspace, texts))
            if page_glyphs >= 20 and page_unmapped > _MOSTLY_CID * page_glyphs:
                raise UnreadableDocument(_cid_reason(page_unmapped, page_glyphs, number), name)
            glyphs += page_glyphs
            unmapped += page_unmapped
            if not page_glyphs:
                continue
            tables, follows = _pdf_page(page, number, lines, tables, follows)
            if release:
                page.close()  # its characters and drawings are read: free them before the next
    except broken as exc:
        raise UnreadableDocument(f"not a readable PDF ({exc})", name) from None
    if not glyphs:
        reason = (
            "the PDF has no text layer (a scanned image?): run OCR on it first"
            if len(pdf.pages)
            else "the PDF has no pages"
        )
        raise UnreadableDocument(reason, name)
    if unmapped > _SOMEWHAT_CID * glyphs:
        raise UnreadableDocument(_cid_reason(unmapped, glyphs, None), name)
    return RawDocument.of(lines, format="pdf", name=name, content=content)


@contextlib.contextmanager
def _closing_quietly(pdf: Any) -> Iterator[Any]:
    """Close ``pdf`` at the end, ignoring what closing a damaged file raises (it would replace
    the error that says why the file cannot be read)."""
    try:
        yield pdf
    finally:
        with contextlib.suppress(Exception):
            pdf.close()


def _cid_reason(unmapped: int, glyphs: int, page: int | None) -> str:
    where = f"page {page}'s text layer" if page is not None else "the PDF's text layer"
    return (
        f"{where} is unreadable: {unmapped} of {glyphs} glyphs have no Unicode mapping "
        "(they extract as (cid:NNN) codes, the fonts lack a ToUnicode table); "
        "run OCR on the rendered pages, or find another copy of the document"
    )


def _pdf_page(
    page: Any,
    number: int,
    lines: list[RawLine],
    tables: int,
    follows: tuple[int, int, int] | None,
) -> tuple[int, tuple[int, int, int] | None]:
    """Append one page's lines; return the table count and the table ending this page (its
    number, width and next row number), if the page's content ends with a table."""
    ruled = page.filter(_is_rule_or_content)
    closing = _closing_rules(ruled.edges)
    settings = {"explicit_horizontal_lines": closing} if closing else None
    found = [t for t in ruled.find_tables(settings) if len(t.cells) > 1]
    if found:
        boxes = [t.bbox for t in found]

        def outside(obj: dict[str, Any]) -> bool:
            if obj["object_type"] != "char":
                return True
            x = (obj["x0"] + obj["x1"]) / 2
            y = (obj["top"] + obj["bottom"]) / 2
            for b in boxes:  # noqa: SIM110 - a loop, not all(): called for every character
                if b[0] <= x <= b[2] and b[1] <= y <= b[3]:
                    return False
            return True

        text_lines = page.filter(outside).extract_text_lines(return_chars=True)
    else:
        text_lines = page.extract_text_lines(return_chars=True)
    items: list[tuple[float, int, Any]] = [(t["top"], 0, t) for t in text_lines]
    items += [(t.bbox[1], 1, t) for t in found]
    items.sort(key=lambda item: (item[0], item[1]))
    content = [
        i for i, item in enumerate(items) if item[1] or not _PAGE_NUMBER.fullmatch(item[2]["text"])
    ]
    line_number = 0
    ending: tuple[int, int, int] | None = None
    for i, (_, kind, item) in enumerate(items):
        if not kind:
            text = _pdf_text(item["text"])
            if text:
                line_number += 1
                lines.append(_pdf_line(item, text, number, line_number))
            continue
        grid = _table_grid(item)
        width = len(grid[0]) if grid else 0
        if follows is not None and i == content[0] and follows[1] == width:
            table, first_row = follows[0], follows[2]
        else:
            tables += 1
            table, first_row = tables, 1
        for r, row in enumerate(grid, start=first_row):
            lines.append(
                new_line(
                    tuple([new_cell((text, table, r, c, None, None, number)) for text, c in row]),
                    table,
                )
            )
        if i == content[-1]:
            ending = (table, width, first_row + len(grid))
    return tables, ending


# ---------------------------------------------------------------------------------------------
# DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _R = (f"{_W}{n}" for n in ("p", "tbl", "tr", "tc", "r"))
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"
_WRAPPERS = frozenset({_SDT, _SDT_CONTENT, _CUSTOM_XML})
"""Elements that only wrap content (content controls, custom XML): their content is read."""
_RUN_WRAPPERS = _WRAPPERS | {
    f"{_W}{n}" for n in ("hyperlink", "ins", "smartTag", "fldSimple", "moveTo", "dir", "bdo")
}
"""Elements inside a paragraph whose runs are part of its text (not ``w:del``, ``w:moveFrom``)."""
_RUN_TEXT: dict[object, str | None] = {
    f"{_W}t": None,
    f"{_W}tab": "\t",
    f"{_W}ptab": "\t",
    f"{_W}br": "\n",
    f"{_W}cr": "\n",
    f"{_W}noBreakHyphen": "-",
}
_VAL = f"{_W}val"


class _Xml(Protocol):
    """The little of an lxml element used here (lxml ships no type information)."""

    tag: object  # a str for elements, a function for comments and processing instructions
    text: str | None

    def __iter__(self) -> Iterator[_Xml]: ...

    def find(self, path: str) -> _Xml | None: ...

    def get(self, key: str) -> str | None: ...


def _unwrapped(parent: _Xml, wanted: str | tuple[str, ...]) -> Iterator[_Xml]:
    """The children of ``parent`` with the wanted tags, content controls unwrapped."""
    for child in parent:
        tag = child.tag
        if tag in _WRAPPERS:
            yield from _unwrapped(child, wanted)
        elif tag == wanted or (isinstance(wanted, tuple) and tag in wanted):
            yield child


_RPR, _VANISH, _WEB_HIDDEN, _VERT_ALIGN = (
    f"{_W}{n}" for n in ("rPr", "vanish", "webHidden", "vertAlign")
)
_NOTE_MARK = re.compile(rf"\s*{RAISED_NOTE_MARK}\s*")


def _run_text(run: _Xml) -> str:
    """A run's text; none for hidden text (``w:vanish``, ``w:webHidden``: Word does not show
    it), nor for a note's mark in superscript (``552`` then a raised ``1`` is 552)."""
    properties = run.find(_RPR)
    text = "".join(_RUN_TEXT[item.tag] or item.text or "" for item in run if item.tag in _RUN_TEXT)
    if properties is None:
        return text
    if properties.find(_VANISH) is not None or properties.find(_WEB_HIDDEN) is not None:
        return ""
    align = properties.find(_VERT_ALIGN)
    if align is not None and align.get(_VAL) == "superscript" and _NOTE_MARK.fullmatch(text):
        return ""
    return text


def _paragraph_text(paragraph: _Xml) -> str:
    parts: list[str] = []

    def walk(element: _Xml) -> None:
        for child in element:
            tag = child.tag
            if tag == _R:
                parts.append(_run_text(child))
            elif tag in _RUN_WRAPPERS:
                walk(child)

    walk(paragraph)
    return "".join(parts)


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TEXT_BOX, _ALTERNATE, _FALLBACK = f"{_W}txbxContent", f"{_MC}AlternateContent", f"{_MC}Fallback"


def _text_boxes(element: _Xml) -> list[_Xml]:
    """The text boxes anchored in a paragraph (``w:txbxContent`` inside a drawing or a VML
    shape), each once: of ``mc:AlternateContent``, the boxes of its choice, or of its
    fallback (the copy it holds for older readers) when the choice has none."""
    boxes: list[_Xml] = []
    for child in element:
        if child.tag == _TEXT_BOX:
            boxes.append(child)
        elif child.tag == _ALTERNATE:
            choices = [box for c in child if c.tag != _FALLBACK for box in _text_boxes(c)]
            fallback = [box for c in child if c.tag == _FALLBACK for box in _text_boxes(c)]
            boxes += choices or fallback
        else:
            boxes += _text_boxes(child)
    return boxes


def _int_val(element: _Xml | None, default: int) -> int:
    """The ``w:val`` of a grid count (``gridSpan``, ``gridBefore``...), kept within 0..1000."""
    if element is None:
        return default
    try:
        return min(max(int(element.get(_VAL) or default), 0), 1000)
    except ValueError:
        return default


class _DocxReader:
    def __init__(self) -> None:
        self.lines: list[RawLine] = []
        self.paragraphs = 0
        self.tables = 0

    def blocks(self, parent: _Xml) -> None:
        for block in _unwrapped(parent, (_P, _TBL)):
            if block.tag == _P:
                self.paragraphs += 1
                text = _paragraph_text(block).strip()
                if text:
                    self.lines.append(
                        RawLine(cells=(RawCell(text, Location(line=self.paragraphs)),))
                    )
                for box in _text_boxes(block):  # a table or text in a text box
                    self.blocks(box)
            else:
                self.table(block)

    def table(self, table: _Xml) -> None:
        rows = [list(_unwrapped(tr, _TC)) for tr in _unwrapped(table, _TR)]
        cells = [tc for row in rows for tc in row]
        if not cells:
            return
        if len(cells) == 1 or any(True for tc in cells for _ in _unwrapped(tc, _TBL)):
            for tc in cells:  # a layout table: its content is read as the body is
                self.blocks(tc)
            return
        self.tables += 1
        number = self.tables
        grid: list[list[str]] = []
        origins: list[list[int]] = []  # the column where each position's cell starts
        above: list[str] = []
        for tr, row in zip(_unwrapped(table, _TR), rows, strict=True):
            row_properties = tr.find(f"{_W}trPr")
            line = [""] * (
                _int_val(row_properties.find(f"{_W}gridBefore"), 0)
                if row_properties is not None
                else 0
            )
            origin = list(range(1, len(line) + 1))
            for tc in row:
                properties = tc.find(f"{_W}tcPr")
                span = 1
                merge = None
                if properties is not None:
                    span = max(_int_val(properties.find(f"{_W}gridSpan"), 1), 1)
                    for kind in ("vMerge", "hMerge"):
                        found = properties.find(f"{_W}{kind}")
                        if found is not None and found.get(_VAL) != "restart":
                            merge = kind
                column = len(line)
                start = column + 1
                if merge == "vMerge":
                    text = above[column] if column < len(above) else ""
                elif merge == "hMerge" and line:
                    text = line[-1]
                    start = origin[-1]
                else:
                    paragraphs = (_paragraph_text(p).strip() for p in _unwrapped(tc, _P))
                    text = "\n".join(p for p in paragraphs if p)
                line.extend([text] * span)
                origin.extend([start] * span)
            if row_properties is not None:
                after = _int_val(row_properties.find(f"{_W}gridAfter"), 0)
                line.extend([""] * after)
                origin.extend(range(len(origin) + 1, len(origin) + 1 + after))
            grid.append(line)
            origins.append(origin)
            above = line
        width = max(len(line) for line in grid)
        for r, (line, origin) in enumerate(zip(grid, origins, strict=True), start=1):
            origin.extend(range(len(line) + 1, width + 1))
            line.extend([""] * (width - len(line)))
            self.lines.append(
                new_line(
                    tuple(
                        [
                            new_cell((text, number, r, c))
                            for text, c in zip(line, origin, strict=True)
                        ]
                    ),
                    number,
                )
            )


def docx_document(data: PathOrBytes, *, name: str | None = None) -> RawDocument:
    """Read a Word document (its bytes, or a path) into raw lines: body paragraphs and tables
    in document order. Needs the ``docx`` extra (python-docx).

    Raises :class:`UnreadableDocument` for a file that is not a readable DOCX.
    """
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:
        raise MissingExtra("Word documents", "python-docx", "docx") from None
    content, name = _content_and_name(data, name)
    _check_zip(content, name)
    try:
        document = docx.Document(io.BytesIO(content))
        body = document.element.body
    except GovinfoError:
        raise
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError, zipfile.BadZipFile) as exc:
        raise UnreadableDocument(f"not a readable DOCX ({exc})", name) from None
    except Exception as exc:  # zlib.error, EOFError, … from a damaged archive
        raise UnreadableDocument(
            f"not a readable DOCX ({type(exc).__name__}: {exc})", name
        ) from None
    reader = _DocxReader()
    reader.blocks(cast("_Xml", body))
    return RawDocument.of(reader.lines, format="docx", name=name, content=content)


# ---------------------------------------------------------------------------------------------
# Legacy Word and WPS (.doc, .wps), through LibreOffice

CONVERSION_TIMEOUT = 120.0
"""Seconds LibreOffice may take to convert one document (a first start takes several)."""


def soffice() -> str | None:
    """LibreOffice's command on the ``PATH`` (``soffice`` or ``libreoffice``), if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def doc_document(
    data: PathOrBytes, *, name: str | None = None, timeout: float = CONVERSION_TIMEOUT
) -> RawDocument:
    """Read a legacy Word (``.doc``) or WPS (``.wps``) document: LibreOffice (found on the
    ``PATH``) converts it to DOCX in a temporary folder, which :func:`docx_document` reads.
    The document keeps its name and the hash of its own bytes; its format is ``docx``.

    Raises :class:`MissingConverter` when no LibreOffice is installed, and
    :class:`UnreadableDocument` when it cannot convert the file (or takes longer than
    ``timeout`` seconds).
    """
    content, name = _content_and_name(data, name)
    command = soffice()
    if command is None:
        raise MissingConverter(name)
    with tempfile.TemporaryDirectory(prefix="govinfo-doc-") as folder:
        work = Path(folder)
        source = work / "document.doc"
        source.write_bytes(content)
        arguments = [
            command,
            # a profile of its own: a LibreOffice already running (or another conversion)
            # would otherwise take the job, or lock the profile
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            done = subprocess.run(
                arguments,
                capture_output=True,
                stdin=subprocess.DEVNULL,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise UnreadableDocument(
                f"LibreOffice did not convert it within {timeout:g} s", name
            ) from None
        except OSError as exc:
            raise UnreadableDocument(f"LibreOffice could not be run: {exc}", name) from None
        converted = work / "out" / "document.docx"
        if not converted.is_file():
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[-300:]
            raise UnreadableDocument(
                "LibreOffice could not convert it to DOCX (not a Word or WPS document?)"
                + (f": {said}" if said else ""),
                name,
            )
        document = docx_document(converted.read_bytes(), name=name)
    return RawDocument.of(document.lines, format=document.format, name=name, content=content)


_RATIO_FROM = 2**20
"""Members smaller than this (uncompressed) are not held to ``max_zip_ratio``: a small XML
part of repeated markup compresses well and costs nothing."""


def _check_zip(content: bytes, name: str | None) -> None:
    """Measure a DOCX's archive from its central directory, before anything is inflated:
    :class:`~govinfo.errors.LimitExceeded` for too many members, too much uncompressed data or
    a member inflating too far (a zip bomb); :class:`UnreadableDocument` for an archive that
    Python cannot open (encrypted, compressed by an unsupported method, not a zip) or that
    holds one part twice (which copy Word reads is undefined)."""
    limits = current_limits()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise UnreadableDocument(f"not a readable DOCX ({exc})", name) from None
    limits.check("max_zip_members", len(members), "members in the DOCX archive", name)
    total = sum(m.file_size for m in members)
    limits.check("max_zip_bytes", total, "bytes uncompressed in the DOCX archive", name)
    seen: set[str] = set()
    for member in members:
        if member.file_size > _RATIO_FROM:
            ratio = member.file_size // max(member.compress_size, 1)
            limits.check("max_zip_ratio", ratio, f"times inflated ({member.filename})", name)
        if member.flag_bits & 0x1:
            raise UnreadableDocument(f"the DOCX is encrypted ({member.filename})", name)
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnreadableDocument(
                f"unsupported zip compression {member.compress_type} ({member.filename})", name
            )
        if member.filename in seen:
            raise UnreadableDocument(f"the DOCX holds {member.filename} twice", name)
        seen.add(member.filename)
