"""Front-ends for plain text (as extracted from PDF or Word) and Markdown.

Plain text keeps each line's cells: split on tabs when the line has any (blank cells kept, so a
cell's position means something), else on pipes when it has two or more or starts or ends with
one (``a | 0 | | 3``, ``8 |``: page scrapers join table cells so, or end each cell's line with
one), else on runs of two or more spaces (``pdftotext -layout``).
Each cell's location is its line and the 1-based character column where it starts. Markdown
pipe tables become table rows (separator rows dropped); other lines stay text.
"""

from __future__ import annotations

import codecs
import re

from govinfo.readers.raw import RawDocument, RawLine, new_cell, new_line
from govinfo.render import unescape_markdown

__all__ = ["BOMS", "decode", "markdown_document", "text_document"]

_SPACES = re.compile(r"\S+(?: \S+)*")
"""Runs of text separated by two or more spaces (single spaces stay inside a cell)."""
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""Byte-order marks and the encodings they announce (UTF-32's before UTF-16's, whose mark
begins UTF-32 LE's)."""


def decode(data: bytes) -> str:
    """Text from bytes: the encoding a byte-order mark announces (Windows Notepad saves
    "Unicode" text as UTF-16 with one), else UTF-8, else GB18030, which Chinese government
    sites often use."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _unescape(text: str) -> str:
    """:func:`unescape_markdown`, run only when ``text`` holds what every escape and character
    reference starts with (a backslash or an ampersand): most text holds neither, and is its
    own unescaped form."""
    return unescape_markdown(text) if "\\" in text or "&" in text else text


_EMPHASIS = re.compile(r"(?<![\\*])(\*\*|\*|__)(?=\S)(.+?)(?<=[^\s\\])\1(?!\*)")
r"""Bold or italic text (``**3119**``, ``*3119*``, ``__3119__``); an escaped ``\*`` is no
marker."""


def _without_emphasis(text: str) -> str:
    """``text`` without Markdown's bold and italic markers (a bold count is the count)."""
    if "*" not in text and "__" not in text:
        return text
    return _EMPHASIS.sub(r"\2", _EMPHASIS.sub(r"\2", text))  # twice: ***bold italic***


def _shared(strings: dict[str, str], text: str) -> str:
    """``text``, or the equal string met before."""
    return strings.setdefault(text, text)


def _markdown_cell(part: str) -> str:
    """A pipe-table cell's text, as printed."""
    return _unescape(_without_emphasis(part.strip()))


def _table_cells(row: str) -> list[str]:
    """The cells of a pipe-table row (an escaped pipe stays inside its cell)."""
    inner = row.strip()
    inner = inner.removeprefix("|")
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return _UNESCAPED_PIPE.split(inner)


def _text_line(line: str, number: int, page: int | None = None) -> RawLine:
    if "\t" in line:
        cells = []
        column = 1
        for part in line.split("\t"):
            cells.append(
                new_cell(
                    (part.strip(), None, None, None, number, column)
                    if page is None
                    else (part.strip(), None, None, None, number, column, page)
                )
            )
            column += len(part) + 1
        return new_line(tuple(cells))
    if "|" in line and (
        line.count("|") >= 2 or line.strip().startswith("|") or line.strip().endswith("|")
    ):
        return _piped_line(line, number, page)
    text = line.strip()
    if text and "  " not in text and text.isprintable():
        # no whitespace in it but single spaces (most lines): one cell, as _SPACES would find
        # (the ASCII space is the one whitespace character str.isprintable() allows)
        column = len(line) - len(line.lstrip()) + 1 if line[0].isspace() else 1
        return new_line(
            (
                new_cell(
                    (text, None, None, None, number, column)
                    if page is None
                    else (text, None, None, None, number, column, page)
                ),
            )
        )
    found = [
        new_cell(
            (m.group(), None, None, None, number, m.start() + 1)
            if page is None
            else (m.group(), None, None, None, number, m.start() + 1, page)
        )
        for m in _SPACES.finditer(line)
    ]
    return RawLine(tuple(found), spaced=len(found) > 1)


def _piped_line(line: str, number: int, page: int | None) -> RawLine:
    """A line whose cells are separated by pipes; blank cells kept, outer pipes dropped.

    The parts are found one after another rather than by ``split`` (a line of a hundred
    thousand cells would otherwise be held twice: its parts, and its cells' texts), and
    cells of the same text share one string."""
    cells = []
    strings: dict[str, str] = {}
    share = strings.setdefault
    start = 0
    find = line.find
    while True:
        end = find("|", start)
        last = end < 0
        part = line[start:] if last else line[start:end]
        text = part.strip()
        if text:
            indent = len(part) - len(part.lstrip()) if part[0].isspace() else 0
            text = share(text, text)
            cells.append(
                new_cell(
                    (text, None, None, None, number, start + 1 + indent)
                    if page is None
                    else (text, None, None, None, number, start + 1 + indent, page)
                )
            )
        elif start and not last:  # a blank cell between two pipes: where it starts
            cells.append(
                new_cell(
                    ("", None, None, None, number, start + 1)
                    if page is None
                    else ("", None, None, None, number, start + 1, page)
                )
            )
        if last:
            return new_line(tuple(cells))
        start = end + 1


def text_document(
    text: str, *, name: str | None = None, content: bytes | None = None
) -> RawDocument:
    """Plain text, one :class:`RawLine` per non-empty line. In text with form feeds (the page
    breaks ``pdftotext`` writes) each cell's location has its page too."""
    lines = []
    page = 1 if "\f" in text else None
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        if line.strip():
            raw = _text_line(line.rstrip("\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029"), number, page)
            if raw.cells:  # not a line of bare pipes
                lines.append(raw)
        if page is not None and line.endswith("\f"):
            page += 1
    return RawDocument.of(lines, format="text", name=name, content=content)


def _pipe_table_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines that are rows of a pipe table (separator rows included).

    A line starting with ``|`` is a row. So is, in GitHub-flavoured Markdown, a table without
    outer pipes: a header line with a pipe, a separator row with a pipe under it
    (``--- | ---``), and the lines with a pipe that follow, up to a blank line.
    """
    rows = {i for i, line in enumerate(lines) if _is_piped_row(line.strip(" \t"))}
    for i, line in enumerate(lines):
        separator = line.strip(" \t")
        if i == 0 or "|" not in separator or not _MD_SEPARATOR.match(separator):
            continue
        if not _UNESCAPED_PIPE.search(lines[i - 1]):
            continue
        rows.update((i - 1, i))
        for j in range(i + 1, len(lines)):
            if not lines[j].strip() or not _UNESCAPED_PIPE.search(lines[j]):
                break
            rows.add(j)
    return rows


def _is_piped_row(stripped: str) -> bool:
    return stripped.startswith("|") and stripped.count("|") >= 2


def markdown_document(
    text: str, *, name: str | None = None, content: bytes | None = None
) -> RawDocument:
    """Markdown: pipe tables as table rows, every other non-empty line as text."""
    lines = []
    table = 0
    in_table = False
    row = 0
    source = text.splitlines()
    table_rows = _pipe_table_lines(source)
    share: dict[str, str] = {}  # the cells of the same text share one string
    for number, line in enumerate(source, start=1):
        stripped = line.strip(" \t")  # an ideographic space is text (paragraph indent)
        if number - 1 in table_rows:
            if _MD_SEPARATOR.match(stripped):
                continue
            if not in_table:
                table += 1
                row = 0
                in_table = True
            row += 1
            cells = tuple(
                [  # (text, table, row, cell, line): see new_cell
                    new_cell((_shared(share, _markdown_cell(p)), table, row, i, number))
                    for i, p in enumerate(_table_cells(stripped), start=1)
                ]
            )
            lines.append(new_line(cells, table))
            continue
        in_table = False
        if stripped:
            if stripped[0] == "#":
                stripped = _HEADING_MARK.sub("", stripped)
            text = _unescape(_without_emphasis(stripped))
            lines.append(new_line((new_cell((text, None, None, None, number)),)))
    return RawDocument.of(lines, format="markdown", name=name, content=content)
