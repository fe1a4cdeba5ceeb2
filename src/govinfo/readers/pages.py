"""What a page break does to a document's lines, undone: rows cut in two, header rows printed
again, a title wrapped before its last characters.

This works on the raw lines any front-end produces (:mod:`govinfo.readers.raw`), whatever PDF
engine read the pages: it needs only each table row's table number and page. The assembler
calls :func:`mend` on every document before reading it; lines without page breaks inside a
table (HTML, Word, Markdown, text) pass through as they are, except for a wrapped title.

* **A row cut by a page break** — Word lets a table row break across pages: its label starts
  at the foot of one page, with the row's values, and ends at the head of the next, in a row
  whose value cells are empty (or the other way round, the values going with the label's
  end). Two rows of one table, one ending a page and the next starting the next page, are one
  row when one of them holds no value at all, no text of either stands where the other has a
  value, and their labels joined read more like a row label of the template
  (:mod:`govinfo.registry`) than the row with values does alone: ``4.保`` and
  ``护第三方合法权益`` are one row; ``（三）不予公开`` at the foot of a page and
  ``1.属于国家秘密`` with its values at the head of the next are two (a group's label, and its
  first row), and so are ``行政处罚`` with its values and a row ``行政强制`` whose cells are blank.
  The joined row keeps the locations of the cells with values, and each label cell that of
  its first part; the label's two parts are joined with a line break, as lines inside a cell
  are.
* **A header row printed again** — a table whose header rows repeat at the head of each page
  (Word's "repeat as header row"): rows at the head of a page, inside a table continued from
  the previous page, that are the table's first rows again (the same text in every cell,
  whitespace aside), none of them holding a number, are dropped.
* **A wrapped title** — a title whose last characters stand on the next line
  (``…政府信息公开工作年度报`` / ``告``): two text lines that make a title (政府信息公开 …
  年度报告) only together, the second short (at most :data:`_TITLE_TAIL` characters), are one
  line, with the first line's location.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Sequence
from functools import cache

from govinfo.readers.raw import RawCell, RawDocument, RawLine
from govinfo.registry import RequestRow, table

__all__ = ["mend", "mended"]

_TITLE_TAIL = 6
"""The most characters a title's wrapped end may have (``告``, ``年度报告``)."""
_HEADER_ROWS = 4
"""The most rows a table repeats as its header (table 三 has three)."""
_VALUE = re.compile(
    r"[-+]?[0-9０-９](?:[0-9０-９,.，．]*[0-9０-９])?(?:万?元|件)?|[/／\-—–－―无]{1,2}"
)
"""A cell holding a value: a number (with a unit), or a mark for a blank (``—``, ``/``, ``无``);
not a label's numbering (``4.``)."""
_NUMBER = re.compile(r"[0-9０-９]")
_NUMBERING_POINTS = (".", "、", "．", "，", ",")
"""What follows a label's number (``2.``, ``2、``)."""


def mended(doc: RawDocument) -> RawDocument:
    """``doc`` with its lines mended (:func:`mend`); ``doc`` itself when nothing changed."""
    lines = mend(doc.lines)
    if len(lines) == len(doc.lines) and all(map(operator.is_, lines, doc.lines)):
        return doc
    return RawDocument(lines=tuple(lines), format=doc.format, name=doc.name, sha256=doc.sha256)


def mend(lines: Sequence[RawLine]) -> list[RawLine]:
    """``lines`` with rows cut by page breaks joined, header rows printed again at the head of
    a page dropped, and a title wrapped before its last characters joined (see the module
    documentation)."""
    out: list[RawLine] = []
    first_rows: dict[int, list[RawLine]] = {}  # each table's first rows, as printed
    origin: dict[int, int] = {}  # a table continuing another from the previous page: that one
    last: int | None = None  # the last table row so far: its index in ``out``
    i = 0
    while i < len(lines):
        line = lines[i]
        number = line.table
        if number is None:
            if i + 1 < len(lines) and _wrapped_title(line, lines[i + 1]):
                text = line.cells[0].text.rstrip() + lines[i + 1].cells[0].text.strip()
                out.append(RawLine(cells=(RawCell(text, line.cells[0].location),)))
                i += 2
                continue
            out.append(line)
            i += 1
            continue
        if last is not None and _continues(out, last, line, first_rows):
            previous = out[last]
            assert previous.table is not None
            table_origin = origin.get(previous.table, previous.table)
            if number != previous.table:
                origin.setdefault(number, table_origin)
            repeated = _repeated_header(lines, i, first_rows[table_origin])
            if repeated:
                i += repeated
                continue
            joined = _joined(previous, line)
            if joined is not None:
                out[last] = joined
                i += 1
                continue
        rows = first_rows.setdefault(number, [])
        if len(rows) < _HEADER_ROWS:
            rows.append(line)
        last = len(out)
        out.append(line)
        i += 1
    return out


def _continues(
    out: Sequence[RawLine], last: int, line: RawLine, first_rows: dict[int, list[RawLine]]
) -> bool:
    """Whether ``line`` is the first row on a new page of the table whose row ``out[last]``
    ended the previous page: a row of the same table, or the first row of a table that follows
    with nothing but page furniture (page numbers, the title printed on every page) between
    (a front-end numbers the part on the next page as a table of its own when its merged cells
    make it narrower or wider)."""
    if not _new_page(out[last], line):
        return False
    if line.table == out[last].table:
        return True
    from govinfo.readers.normal import normalise
    from govinfo.readers.segment import _is_page_furniture

    return line.table not in first_rows and all(
        _is_page_furniture(normalise(between.text)) for between in out[last + 1 :]
    )


def _new_page(before: RawLine, line: RawLine) -> bool:
    a, b = before.location.page, line.location.page
    return a is not None and b is not None and b > a


def _squeezed(text: str) -> str:
    return "".join(text.split())


# --- a wrapped title ----------------------------------------------------------------------------


def _is_title(text: str) -> bool:
    return "政府信息公开" in text and "年度报告" in text


def _wrapped_title(line: RawLine, after: RawLine) -> bool:
    if (
        after.table is not None
        or len(line.cells) != 1
        or len(after.cells) != 1
        or "政府信息公开" not in line.cells[0].text
    ):
        return False
    head, tail = _squeezed(line.cells[0].text), _squeezed(after.cells[0].text)
    return (
        0 < len(tail) <= _TITLE_TAIL
        and not _is_title(head)
        and _NUMBER.search(tail) is None
        and _is_title(head + tail)
    )


# --- a header row printed again ----------------------------------------------------------------


def _repeated_header(lines: Sequence[RawLine], start: int, first: Sequence[RawLine]) -> int:
    """How many lines from ``start`` on are the table's first rows printed again (with the
    same text in each cell, merged cells' copies aside), the table going on after them."""
    count = 0
    while count < len(first) and start + count < len(lines):
        line, header = lines[start + count], first[count]
        if line.table != lines[start].table:
            break
        texts = _collapsed(line)
        if texts != _collapsed(header) or any(map(_is_value, texts)):
            break
        count += 1
    end = start + count
    return count if count and end < len(lines) and lines[end].table == lines[start].table else 0


def _collapsed(line: RawLine) -> list[str]:
    """A row's cell texts, whitespace squeezed out, each run of equal texts (a merged cell's
    copies) once."""
    texts = [_squeezed(c.text) for c in line.cells]
    return [t for k, t in enumerate(texts) if not k or t != texts[k - 1]]


# --- a row cut in two ---------------------------------------------------------------------------


def _is_value(text: str) -> bool:
    return _VALUE.fullmatch(text) is not None


def _joined(before: RawLine, after: RawLine) -> RawLine | None:
    """The two parts of a row cut by a page break as one row, or ``None`` when they are two
    rows."""
    from govinfo.readers.normal import label_key

    # each merged cell once (its copies carry its location); parts of different widths (merged
    # cells read as fewer columns on one page) are aligned on their last cells, the values
    upper_cells, copies = _distinct(before)
    lower_cells, _ = _distinct(after)
    shift = len(lower_cells) - len(upper_cells)
    if any(cell.text.strip() for cell in lower_cells[: max(shift, 0)]):
        return None  # the lower part's own first cells hold text the upper has no place for
    none = RawCell("", after.location)
    lower_cells = [
        lower_cells[k + shift] if k + shift >= 0 else none for k in range(len(upper_cells))
    ]
    top = [_squeezed(c.text) for c in upper_cells]
    bottom = [_squeezed(c.text) for c in lower_cells]
    # the label's columns: up to the last cell of either part holding text that is no value; a
    # number among them is no value only as a label's numbering cut before its point (``2`` /
    # ``.申请人逾期…``), else the parts are no row cut in two
    start = 1 + max(
        (i for part in (top, bottom) for i, t in enumerate(part) if t and not _is_value(t)),
        default=-1,
    )
    for a, b in itertools.chain(
        zip(top[:start], bottom[:start], strict=True), zip(bottom[:start], top[:start], strict=True)
    ):
        if a and _is_value(a) and not b.startswith(_NUMBERING_POINTS):
            return None
    top_values = [i >= start and _is_value(t) for i, t in enumerate(top)]
    bottom_values = [i >= start and _is_value(t) for i, t in enumerate(bottom)]
    if any(top_values) == any(bottom_values):
        return None  # both parts hold values (two rows), or neither (nothing to place)
    valued, bare, values = (
        (top, bottom, top_values) if any(top_values) else (bottom, top, bottom_values)
    )
    if any(bare[start:]) or not any(bare):
        return None  # the part without values has text among the other's values, or none
    # the cell cut in two (the last holding text in both parts: a label merged across columns
    # repeats in each) must read more like a row label of the template joined than alone
    cut = [k for k in range(start) if top[k] and bottom[k]]
    if not cut:
        return None
    k = cut[-1]
    if _fit(top[k] + bottom[k]) < _fit(valued[k]) and label_key(bare[k]):
        return None
    cells = []
    for upper, lower, value in zip(upper_cells, lower_cells, values, strict=True):
        if value:
            cells.append(upper if upper.text.strip() else lower)
        elif upper.text.strip() and lower.text.strip():
            text = f"{upper.text.rstrip()}\n{lower.text.lstrip()}"
            cells.append(RawCell(text, upper.location))
        else:
            cells.append(upper if upper.text.strip() else lower)
    return RawLine(
        cells=tuple(cell for cell, n in zip(cells, copies, strict=True) for _ in range(n)),
        table=before.table,
        spaced=before.spaced,
    )


def _distinct(line: RawLine) -> tuple[list[RawCell], list[int]]:
    """A row's cells, each merged cell once, and how many positions each covers."""
    cells: list[RawCell] = []
    counts: list[int] = []
    for cell in line.cells:
        if cells and cell.location == cells[-1].location:
            counts[-1] += 1
        else:
            cells.append(cell)
            counts.append(1)
    return cells, counts


@cache
def _row_labels() -> tuple[str, ...]:
    """Every data row label of tables 二 and 三, both editions."""
    return tuple(
        dict.fromkeys([r.zh for r in RequestRow] + [r.zh for r in table("proactive").rows])
    )


def _fit(label: str) -> float:
    """How well ``label`` reads as one of the template's row labels (0–1)."""
    from govinfo.readers.labels import similarity

    return max(similarity(label, expected) for expected in _row_labels())
