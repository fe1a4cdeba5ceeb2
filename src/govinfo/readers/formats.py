"""Front-ends for HTML, PDF and Word (DOCX): documents into raw cells with their locations.

Each front-end is lenient: it reads whatever it is given and never judges the content (that is
the assembler's job). The only error it raises on content is :class:`UnreadableDocument`, for a
document it cannot read at all (a PDF whose text layer is glyph codes or missing, a file that is
not a PDF or DOCX); a missing optional dependency raises :class:`MissingExtra`.

What every front-end produces (see :mod:`govinfo.readers.raw`):

* a paragraph or heading is a line of one cell, blank ones are skipped;
* a table row is a line of one cell per grid position, the text of a merged cell repeated into
  every position it covers, blank cells kept as ``""``; every row of a table has the table's
  full width (short rows are padded with ``""``); a cell's location is its *grid* position, so
  ``line.cells[i].location.cell == i + 1`` always;
* the text of a cell keeps its line structure: its paragraphs (HTML blocks and ``<br>``, Word
  paragraphs, PDF text lines) are joined with ``"\\n"``, blank ones dropped;
* a table that holds another table, or that has a single cell, is a *layout* table (a frame,
  a page wrapper): it gets no table number and its content is read as ordinary lines and
  tables of its own, in order.

HTML (:func:`html_document`) — stdlib only, a compiled-regex tokenizer (about ten times faster
than :mod:`html.parser` on a saved government page). ``<script>``, ``<style>``, ``<head>``,
``<title>``, ``<noscript>``, ``<template>``, ``<textarea>``, ``<iframe>``, ``<object>``, ``<svg>``
and comments are skipped; block elements (``p``, ``div``, ``h1``–``h6``, ``li``, ``br``, ``tr``...)
end a line; inline elements are joined without adding anything (Word splits labels across
``<span>`` s); entities are decoded; whitespace runs, ``&nbsp;`` and U+3000 included, collapse to
one space, and a source line break between two CJK characters is removed (as browsers do), so a
label wrapped in the source stays whole. ``rowspan`` / ``colspan`` are expanded (``rowspan=0``
runs to the end of the table). Text between a table's cells (a ``<caption>``, stray text) comes
before the table, as browsers show it. Locations: ``line`` (the source line where the text
starts) for text, ``table``/``row``/``cell`` for table cells.

PDF (:func:`pdf_document`) — pdfplumber (extra ``pdf``). Per page: ruled tables found by their
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
import html as _html
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from govinfo.errors import GovinfoError
from govinfo.readers.raw import Location, RawCell, RawDocument, RawLine

if TYPE_CHECKING:
    from types import ModuleType

__all__ = [
    "MissingExtra",
    "UnreadableDocument",
    "decode_html",
    "docx_document",
    "html_document",
    "pdf_document",
]

PathOrBytes = bytes | str | os.PathLike[str]


class UnreadableDocument(GovinfoError):
    """A document that cannot be read at all: its :attr:`reason`, and its :attr:`name`.

    For example a PDF whose text layer is unmapped glyph codes (``(cid:NNN)``) or missing (a
    scan), or a file that is not the PDF or DOCX it claims to be. The message names both::

        report.pdf: unreadable document: the PDF's text layer is unreadable ...
    """

    def __init__(self, reason: str, name: str | None = None) -> None:
        self.reason = reason
        self.name = name
        super().__init__(f"{name or 'document'}: unreadable document: {reason}")


class MissingExtra(GovinfoError, ImportError):
    """An optional dependency is not installed; the message names the extra to install.

    It is both a :class:`~govinfo.errors.GovinfoError` and an :class:`ImportError`.
    """

    def __init__(self, what: str, module: str, extra: str) -> None:
        self.extra = extra
        super().__init__(
            f"reading {what} needs {module}, which is not installed: "
            f"pip install 'govinfo[{extra}]'"
        )


def _content_and_name(data: PathOrBytes, name: str | None) -> tuple[bytes, str | None]:
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data), name
    path = Path(data)
    try:
        return path.read_bytes(), name or os.fspath(data)
    except OSError as exc:
        raise UnreadableDocument(f"cannot read the file: {exc.strerror}", name or str(path)) from None


# ---------------------------------------------------------------------------------------------
# HTML

_TAG_BODY = r"""[^>"']*+(?:(?:"[^"]*+"|'[^']*+'|["'])[^>"']*+)*+"""
"""A tag's attributes: quoted values may hold ``>``; possessive, so a malformed tag cannot
make the expression backtrack."""
_SKIPPED = "iframe|head|noscript|object|s(?:cript|tyle|vg)|te(?:mplate|xtarea)|title"
_TOKEN = re.compile(
    r"<(?:!--.*?(?:--!?>|\Z)"
    r"|(" + _SKIPPED + r")\b" + _TAG_BODY + r">.*?</\1\s*>"
    r"|(/(?=t(?:able|body|head|foot|r)\b))?(t(?:able|body|head|foot|[rdh]))\b(" + _TAG_BODY + r")>)",
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
_BLOCK = re.compile(r"</?(?:" + _BLOCK_NAMES + r")\b[^>]*+>")
"""Tags that end a line of text (or a paragraph inside a cell). Here and in :data:`_ANY_TAG` a
``>`` inside an attribute value ends the tag (a third faster, and harmless: at worst the rest of
that value shows as text)."""
_ANY_TAG = re.compile(r"<[a-zA-Z/!?][^>]*+>")
_UPPER_TAG = re.compile(r"</?[a-z0-9:_-]*+[A-Z][a-zA-Z0-9:_-]*+")
_UPPER_START = re.compile(r"</?[A-Z]")
_CJK = "\u2e80-\u2fff\u3001-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_SEGMENT_BREAK = re.compile(f"([{_CJK}])[ \\t\\r\\f]*\\n[ \\t\\r\\n\\f]*(?=[{_CJK}])")
"""A source line break between two CJK characters: not rendered (CSS Text 3)."""
_SPACE = re.compile(r"\s+")
_PARAGRAPH_MARK = re.compile(" ?\x01[ \x01]*")
_LEADING = re.compile(r"(?:\s++|<" + _TAG_BODY + r">|&nbsp;|&#160;|&#xa0;)*+")
_SPAN = re.compile(r"\b(rowspan|colspan)\s*=\s*[\"']?\s*(\d+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_GB_ALIASES = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn", "csgb2312", "gb18030"}


def decode_html(data: bytes) -> tuple[str, str]:
    """The text of an HTML page and the encoding it was decoded with.

    In order: a byte-order mark; UTF-8 when the bytes are valid UTF-8 (pages re-saved as UTF-8
    often keep a stale ``gb2312`` declaration, while GBK text is practically never valid
    UTF-8); the ``<meta>`` charset of the first 4 KB (``gb2312`` and ``gbk`` read as their
    superset GB18030); GB18030, which Chinese government sites use. The last candidate decodes
    with replacement characters rather than fail.
    """
    for bom, encoding in _BOMS:
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
        if label in _GB_ALIASES:
            label = "gb18030"
        try:
            candidates.append(codecs.lookup(label).name)
        except LookupError:
            pass
    candidates.append("gb18030")
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode(candidates[0], errors="replace"), candidates[0]


class _Cell:
    __slots__ = ("colspan", "items", "piece", "rowspan")

    def __init__(self, rowspan: int, colspan: int) -> None:
        self.rowspan = rowspan
        self.colspan = colspan
        self.items: list[_Raw | _Table] = []
        self.piece = -2  # the index of its text among the pieces to clean, once known


class _Table:
    __slots__ = ("cell", "nested", "row_open", "rows", "stray")

    def __init__(self) -> None:
        self.rows: list[list[_Cell]] = []
        self.stray: list[_Raw | _Table] = []  # text and tables between cells: shown before
        self.cell: _Cell | None = None
        self.row_open = False
        self.nested = False  # a cell holds a table

    def is_layout(self) -> bool:
        return self.nested or (len(self.rows) == 1 and len(self.rows[0]) == 1)


_Raw = tuple[int, str]
"""A stretch of source (text with inline tags) and its offset in the source."""


def _spans(attributes: str) -> tuple[int, int]:
    rowspan = colspan = 1
    for key, value in _SPAN.findall(attributes):
        number = int(value[:6])
        if key.lower() == "rowspan":
            rowspan = min(number, 65534)  # 0: to the end of the table
        else:
            colspan = min(max(number, 1), 1000)
    return rowspan, colspan


def _parse_html(text: str) -> list[_Raw | _Table]:
    """First pass: the document as a flow of raw stretches and tables (with their cells).

    Only table structure is looked at (``</td>`` not even that: a cell ends where the next
    cell, row or table boundary starts); everything else is kept as raw stretches of source.
    """
    root: list[_Raw | _Table] = []
    stack: list[_Table] = []
    table: _Table | None = None
    sink = root  # where text goes: the root flow, a cell's items, or a table's stray text
    stray: list[_Raw | _Table] | None = None  # the current table's stray text
    pos = 0
    for m in _TOKEN.finditer(text):
        start = m.start()
        if start > pos and (sink is not stray or not text[pos:start].isspace()):
            sink.append((pos, text[pos:start]))
        pos = m.end()
        name, attributes = m.group(3, 4)
        if name is None:
            continue  # a comment or a skipped element
        if name == "td" or name == "th":
            if table is None:
                continue
            if not table.row_open:
                table.rows.append([])
                table.row_open = True
            if "pan" in attributes or "PAN" in attributes:
                cell = _Cell(*_spans(attributes))
            else:
                cell = _Cell(1, 1)
            table.rows[-1].append(cell)
            table.cell = cell
            sink = cell.items
            continue
        if name == "table":
            if m.group(2):
                if stack:
                    stack.pop()
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
                sink = table.cell.items if table.cell is not None else stray
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
    if pos < len(text):
        sink.append((pos, text[pos:]))
    return root


def _grid(rows: Sequence[Sequence[_Cell]]) -> list[list[_Cell | None]]:
    """Rows of cells into the table's grid, merged cells repeated into every position."""
    grid: list[list[_Cell | None]] = []
    pending: dict[int, tuple[int, _Cell]] = {}  # column → (rows still to cover, cell)
    for row in rows:
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
        width = max(placed) + 1 if placed else 0
        grid.append([placed.get(c) for c in range(width)])
    width = max((len(r) for r in grid), default=0)
    for r in grid:
        if len(r) < width:
            r.extend([None] * (width - len(r)))
    return grid


class _HtmlOutput:
    """Second pass: flows and tables into pending lines, all text cleaned at the end at once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pieces: list[str] = []  # raw source to clean, one per text line or table cell
        self.records: list[tuple[int, int, int, list[int]] | tuple[int, list[_Raw]]] = []
        """A table row (table, row, pieces of its cells) or a text line (piece, stretches)."""
        self.tables = 0

    def flow(self, items: Iterable[_Raw | _Table]) -> None:
        stretches: list[_Raw] = []
        for item in items:
            if isinstance(item, _Table):
                self.flush(stretches)
                stretches = []
                self.table(item)
                continue
            offset, raw = item
            last = 0
            for m in _BLOCK.finditer(raw):
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
        if raw.isspace():
            return
        self.records.append((len(self.pieces), stretches))
        self.pieces.append(raw)

    def table(self, table: _Table) -> None:
        self.flow(table.stray)
        if not table.rows:
            return
        if table.is_layout():
            for row in table.rows:
                for cell in row:
                    self.flow(cell.items)
            return
        self.tables += 1
        number = self.tables
        pieces = self.pieces
        for r, row in enumerate(_grid(table.rows), start=1):
            line = []
            for cell in row:
                if cell is None:
                    line.append(-1)
                    continue
                if cell.piece == -2:
                    # no nested table here: every item is raw text
                    items = cast("list[_Raw]", cell.items)
                    if not items:
                        cell.piece = -1
                    else:
                        cell.piece = len(pieces)
                        pieces.append(
                            items[0][1] if len(items) == 1 else "".join(i[1] for i in items)
                        )
                line.append(cell.piece)
            self.records.append((number, r, line))

    def lines(self) -> list[RawLine]:
        texts = _clean("\x00".join(self.pieces)) if self.pieces else []
        texts.append("")  # piece -1: an empty cell
        source = self.text
        out: list[RawLine] = []
        at_offset, at_line = 0, 1
        for record in self.records:
            if len(record) == 3:
                number, r, ids = record
                out.append(
                    RawLine(
                        cells=tuple(
                            [
                                RawCell(texts[i], Location(table=number, row=r, cell=c))
                                for c, i in enumerate(ids, start=1)
                            ]
                        ),
                        table=number,
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
            out.append(RawLine(cells=(RawCell(text, Location(line=at_line)),)))
        return out


def _clean(raw: str) -> list[str]:
    """Markup into text: paragraphs marked, tags dropped, entities decoded, spaces collapsed.

    ``raw`` is many pieces joined by NUL, cleaned at once (one pass of each expression over the
    page rather than one per cell); paragraph breaks inside a piece come out as ``"\\n"``.
    """
    raw = _BLOCK.sub("\x01", raw)
    raw = _ANY_TAG.sub("", raw)
    if "&" in raw:
        raw = _html.unescape(raw)
    if "\n" in raw:
        raw = _SEGMENT_BREAK.sub(r"\1", raw)
    raw = _SPACE.sub(" ", raw)
    if "\x01" in raw:
        raw = _PARAGRAPH_MARK.sub("\n", raw)
    return [piece.strip() for piece in raw.split("\x00")]


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
    output = _HtmlOutput(text)
    output.flow(_parse_html(text))
    return RawDocument.of(output.lines(), format="html", name=name, content=content)
