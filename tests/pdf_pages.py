"""PDFs of a report whose table crosses a page break, made with reportlab at test time.

A report is laid out as Word prints the official template: its title, the section headings,
and each table ruled, with the template's merged cells (the layout :mod:`govinfo.render`
writes, so every label comes from :mod:`govinfo.registry`). One table may be cut by a page
break (:class:`Cut`): between two rows, or inside a row, whose label then starts at the foot of
the first page with the row's values and ends at the head of the next page with its value
cells empty; the next page may repeat the table's header rows first. The title may be wrapped
so that its last characters stand on a line of their own. Each page is as tall as its content,
so the cut table always reaches the foot of its page.

The CJK font is reportlab's built-in CID font STSong-Light: nothing is downloaded or embedded.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal

import attrs
from attrs import frozen
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Table, TableStyle

from govinfo import render
from govinfo.model import (
    PROACTIVE_CLASSES,
    ApplicantCounts,
    Report,
    Requests,
    ResultCounts,
    ReviewLitigation,
)
from govinfo.registry import CellKind, Edition, ReviewBlock, Section, table

FONT = "STSong-Light"
SIZE = 8.0
LEADING = 10.0
TITLE_SIZE = 16.0
MARGIN = 40.0
WIDTH = 595.0  # A4
TABLE_WIDTH = WIDTH - 2 * MARGIN

_TABLES = {
    "proactive": Section.PROACTIVE,
    "requests": Section.REQUESTS,
    "review_litigation": Section.REVIEW_LITIGATION,
}
HEADER_ROWS = {"proactive": 2, "requests": 3, "review_litigation": 3}
"""The rows a table repeats at the head of each page (Word's "repeat as header row")."""


AGENCY = {Edition.V2019: "洛阳市市场监督管理局", Edition.V2021: "淮安市水利局"}
YEAR = {Edition.V2019: 2020, Edition.V2021: 2024}


def template_report(edition: Edition) -> Report:
    """A report of ``edition`` with every cell of the template's tables a different value
    (so that a value read into another cell shows), and no narrative."""
    counter = itertools.count(1)

    def value(kind: CellKind) -> int | Decimal:
        n = next(counter)
        if kind is CellKind.MONEY:
            return Decimal(n) + Decimal("0.5")
        return -n if kind is CellKind.SIGNED and n % 2 else n

    def values(spec: Any) -> list[int | Decimal]:
        return [value(c.kind) for c in spec.columns]

    cls = PROACTIVE_CLASSES[edition]
    fields = attrs.fields_dict(attrs.resolve_types(cls))
    rows: dict[str, Any] = {}
    for spec in table("proactive").rows_for(edition):
        row_class: Any = fields[spec.key].type
        rows[spec.key] = row_class.from_values(values(spec))
    proactive = cls(**rows)
    requests = Requests.from_rows(
        {
            spec.key: ApplicantCounts.from_values(values(spec))
            for spec in table("requests").rows_for(edition)
        }
    )
    review = ReviewLitigation(
        **{b.key: ResultCounts.from_values(values(b.value)) for b in ReviewBlock}
    )
    return Report(
        agency=AGENCY[edition],
        year=YEAR[edition],
        edition=edition,
        overview=None,
        proactive=proactive,
        requests=requests,
        review_litigation=review,
        problems=None,
        other_matters=None,
    )


@frozen(kw_only=True)
class Cut:
    """Where a table is cut by a page break.

    ``row`` is the index of the table's first row (headers counted) that starts on the next
    page; with ``at``, that row starts at the foot of the first page instead, holding its
    values and the first ``at`` characters of its label, and the rest of its label stands at
    the head of the next page in a row of empty cells.
    """

    table: str
    row: int
    at: int | None = None
    repeat_header: bool = False
    merged: Literal["top", "centre"] = "top"
    """Where a merged label cell cut by the break shows its text: in its part on the first page
    (``top``), or in the part holding its middle row (``centre``, Word's vertical centring)."""
    values: Literal["foot", "head"] = "foot"
    """Which part of a row cut in two holds its values: the one at the foot of the first page
    (Word's way with values at the top of their cells), or the one at the head of the next."""
    ruled: bool = True
    """Whether a rule closes the table at the foot of the first page and opens it at the head
    of the next (some writers draw none there: the vertical rules just stop)."""


@frozen
class _Cell:
    text: str
    label: bool
    r0: int
    c0: int
    rows: int
    columns: int


def _cells(report: Report, key: str) -> tuple[list[_Cell], int, int]:
    """The table's cells (each once, at its top-left position), its width and its row count."""
    table = render._table(report, _TABLES[key])
    assert table is not None, key
    cells: list[_Cell] = []
    r = 0
    for block in table.blocks:
        extra = table.width - render._width(block[0])
        taken: set[tuple[int, int]] = set()
        for row in block:
            c = 0
            for i, cell in enumerate(row):
                while (r, c) in taken:
                    c += 1
                columns = cell.colspan + (extra if i == len(row) - 1 else 0)
                label = cell.kind is not render._Kind.VALUE
                cells.append(_Cell(cell.text, label, r, c, cell.rowspan, columns))
                taken.update(
                    (r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(columns)
                )
                c += columns
            r += 1
    return cells, table.width, r


def _widths(key: str, width: int) -> list[float]:
    if key == "requests":
        labels = [50.0, 60.0, 105.0]
        return labels + [(TABLE_WIDTH - sum(labels)) / (width - len(labels))] * (width - 3)
    if key == "proactive":
        return [155.0] + [(TABLE_WIDTH - 155.0) / (width - 1)] * (width - 1)
    return [TABLE_WIDTH / width] * width


def _wrap(text: str, width: float) -> str:
    """``text`` broken into lines as narrow as a cell ``width`` points wide."""
    per_line = max(1, int((width - 6) // SIZE))
    return "\n".join(text[i : i + per_line] for i in range(0, len(text), per_line)) or ""


def _item_label(cells: Sequence[_Cell], row: int) -> _Cell:
    """The label of ``row`` that a cut splits: the last label cell starting on that row."""
    starting = [c for c in cells if c.r0 == row and c.label]
    assert starting, f"row {row} starts no label"
    return max(starting, key=lambda c: c.c0)


_Page = list[tuple[int, str]]
"""A page's table rows: (the table's row index, ``whole`` / ``head`` / ``foot`` / ``header``)."""


def _table_flowable(
    cells: Sequence[_Cell], widths: list[float], page: _Page, key: str, cut: Cut | None
) -> Table:
    width = len(widths)
    data = [[""] * width for _ in page]
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    item = _item_label(cells, cut.row) if cut is not None and cut.at is not None else None
    for cell in cells:
        last = cell.r0 + cell.rows - 1
        mine = [
            i
            for i, (r, part) in enumerate(page)
            if cell.r0 <= r <= last and (part != "header" or last < HEADER_ROWS[key])
        ]
        if not mine:
            continue
        text = cell.text
        if cell is item:
            assert cut is not None
            assert cut.at is not None
            text = text[: cut.at] if page[mine[0]][1] == "foot" else text[cut.at :]
        elif not cell.label:
            empty = "foot" if cut is not None and cut.values == "head" else "head"
            text = "" if page[mine[0]][1] == empty else text
        elif cut is not None and cell.rows > 1 and not _shows_text(cell, page, mine, cut):
            text = ""
        column_width = sum(widths[cell.c0 : cell.c0 + cell.columns])
        data[mine[0]][cell.c0] = _wrap(text, column_width) if cell.label else text
        if cell.columns > 1 or len(mine) > 1:
            spans.append(((cell.c0, mine[0]), (cell.c0 + cell.columns - 1, mine[-1])))
    table = Table(data, colWidths=widths)
    opened = cut is None or cut.ruled or page[0][0] < cut.row or page[0][1] == "header"
    closed = cut is None or cut.ruled or (page[-1][0] >= cut.row and page[-1][1] != "foot")
    style: list[Any] = [
        ("FONT", (0, 0), (-1, -1), FONT, SIZE, LEADING),
        ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("LINEBEFORE", (0, 0), (0, -1), 0.5, colors.black),
        ("LINEAFTER", (-1, 0), (-1, -1), 0.5, colors.black),
        *([("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.black)] if opened else []),
        *([("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.black)] if closed else []),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        *(("SPAN", a, b) for a, b in spans),
    ]
    table.setStyle(TableStyle(style))
    return table


def _shows_text(cell: _Cell, page: _Page, mine: list[int], cut: Cut) -> bool:
    """Whether this page's part of a merged label cell shows the cell's text."""
    rows = [page[i] for i in mine]
    if cut.merged == "centre":
        middle = cell.r0 + (cell.rows - 1) // 2
        if middle == cut.row and cut.at is not None:
            return any(part == "foot" for _, part in rows)
        return any(r == middle and part != "head" for r, part in rows)
    return any(r == cell.r0 and part != "head" for r, part in rows)


def _pages(rows: int, cut: Cut) -> tuple[_Page, _Page]:
    first: _Page = [(r, "whole") for r in range(cut.row)]
    second: _Page = []
    if cut.repeat_header:
        second += [(r, "header") for r in range(HEADER_ROWS[cut.table])]
    if cut.at is not None:
        first.append((cut.row, "foot"))
        second.append((cut.row, "head"))
    else:
        second.append((cut.row, "whole"))
    second += [(r, "whole") for r in range(cut.row + 1, rows)]
    return first, second


def cut_rows(report: Report, key: str) -> list[tuple[int, str]]:
    """The rows of the table ``key`` that a cut may split inside: each data row's index (header
    rows counted, as :attr:`Cut.row` counts) and the label a cut splits."""
    cells, _, _ = _cells(report, key)
    starts = sorted({c.r0 for c in cells if not c.label})
    return [(row, _item_label(cells, row).text) for row in starts if _labelled(cells, row)]


def _labelled(cells: Sequence[_Cell], row: int) -> bool:
    return any(c.r0 == row and c.label for c in cells)


_Item = tuple[str, str | Table]
"""What a page shows, top to bottom: a line of text (``text`` or ``title``) or a table."""


def report_pdf(
    report: Report,
    cut: Cut,
    *,
    title_break: int | None = None,
    tables: Sequence[str] = tuple(_TABLES),
) -> bytes:
    """The report's title and ``tables`` (all three by default) under their section headings
    as a PDF of two pages, the break cutting a table as ``cut`` says; ``title_break`` wraps
    the title after that many characters (negative: before its last ones)."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    title = render.title(report)
    first: list[_Item] = []
    if title_break is None:
        first.append(("title", title))
    else:
        first += [("title", title[:title_break]), ("title", title[title_break:])]
    pages = [first, []]
    current = first
    for key in tables:
        section = _TABLES[key]
        cells, width, rows = _cells(report, key)
        current.append(("text", section.heading))
        widths = _widths(key, width)
        if key != cut.table:
            whole = [(r, "whole") for r in range(rows)]
            current.append(("table", _table_flowable(cells, widths, whole, key, None)))
            continue
        one, two = _pages(rows, cut)
        if one:
            current.append(("table", _table_flowable(cells, widths, one, key, cut)))
        current = pages[1]
        current.append(("table", _table_flowable(cells, widths, two, key, cut)))
    current.append(("text", Section.PROBLEMS.heading))
    current.append(("text", "无。"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pageCompression=0)
    for items in pages:
        heights = [_height(item) for item in items]
        height = sum(heights) + 2 * MARGIN
        pdf.setPageSize((WIDTH, height))
        y = height - MARGIN
        for (kind, item), h in zip(items, heights, strict=True):
            y -= h
            if isinstance(item, Table):
                item.drawOn(pdf, MARGIN, y)
            elif kind == "title":
                pdf.setFont(FONT, TITLE_SIZE)
                pdf.drawCentredString(WIDTH / 2, y + 4, item)
            else:
                pdf.setFont(FONT, 12)
                pdf.drawString(MARGIN, y + 4, item)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _height(item: _Item) -> float:
    kind, content = item
    if isinstance(content, Table):
        return float(content.wrap(TABLE_WIDTH, 1e6)[1]) + 6
    return TITLE_SIZE * 1.6 if kind == "title" else 18.0
