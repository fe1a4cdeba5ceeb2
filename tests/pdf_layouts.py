"""PDFs of a report made here in varied layouts, for tests that compare the PDF engines.

Each layout writes the same report (its title, sections, paragraphs and tables, merged cells
spanned) with reportlab in the CID font STSong-Light (the Chinese font every PDF reader has),
the way agencies' tools lay reports out: ruled tables drawn line by line, a whole grid drawn
as one path, rules as thin filled rectangles, shaded header rows, tables without rules,
landscape pages, a small page that cuts tables across pages, values in Helvetica, a label
written one character per line, pages turned by ``/Rotate``.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from govinfo.model import Overview as _Overview
from govinfo.model import Report
from govinfo.render import _Grid, _sections, _Table, title

LAYOUTS = (
    "ruled",
    "one_path_grid",
    "thin_rects",
    "shaded_header",
    "borderless",
    "landscape",
    "across_pages",
    "helvetica_values",
    "vertical_label",
    "rotated",
)


CID_FONT = "STSong-Light"
"""The CID font every PDF reader has: written by name, not embedded."""
_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)


def embeddable_font() -> str | None:
    """A Chinese TrueType font on this machine that reportlab can embed (CI installs
    ``fonts-wqy-microhei``), or ``None``."""
    return next((f for f in _FONT_FILES if Path(f).is_file()), None)


def _font(font: str) -> str:
    """Register ``font`` (:data:`CID_FONT`, or a TrueType file to embed) with reportlab."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    name = font if font == CID_FONT else "Embedded-" + Path(font).stem
    if name not in pdfmetrics.getRegisteredFontNames():
        if font == CID_FONT:
            pdfmetrics.registerFont(UnicodeCIDFont(font))
        else:
            pdfmetrics.registerFont(TTFont(name, font, subfontIndex=0))
    return name


def _positions(grid: _Grid) -> list[tuple[int, int, str, int, int]]:
    """Each cell of an HTML-like grid with its row, column, text and spans."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            placed.append((r, c, cell.text, cell.rowspan, cell.colspan))
            c += cell.colspan
    return placed


def report_pdf(report: Report, layout: str, font: str = CID_FONT) -> bytes:
    """``report`` as a PDF in ``layout`` (one of :data:`LAYOUTS`), its text in ``font``
    (:data:`CID_FONT`, or the path of a TrueType font, embedded)."""
    from reportlab.lib.pagesizes import A4, A5, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    font = _font(font)
    size = {"landscape": landscape(A4), "across_pages": A5}.get(layout, A4)
    text = ParagraphStyle("text", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=7, leading=9, wordWrap="CJK")
    value_font = "Helvetica" if layout == "helvetica_values" else font
    heading = ParagraphStyle("heading", parent=text, fontSize=12, leading=18)
    story: list[Any] = [Paragraph(title(report), heading)]
    for section, content in _sections(report):
        story.append(Paragraph(section.heading, heading))
        if isinstance(content, _Table):
            for grid in content.blocks:
                story.append(_table(grid, layout, cell_style, value_font, size[0]))
                story.append(Spacer(1, 6))
        elif isinstance(content, _Overview):
            for paragraph in (content.text or "").split("\n"):
                if paragraph:
                    story.append(Paragraph(paragraph, text))
        else:
            for paragraph in str(content).split("\n"):
                if paragraph:
                    story.append(Paragraph(paragraph, text))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=36,
        rightMargin=36,
        topMargin=36,
        bottomMargin=36,
        title="report",
    )
    document.build(story)
    data = buffer.getvalue()
    if layout == "rotated":  # pages turned a quarter, as a printer driver leaves landscape
        data = data.replace(b"/Rotate 0 ", b"/Rotate 90")  # the same length: offsets hold
    return data


def _table(grid: _Grid, layout: str, style: Any, value_font: str, page_width: float) -> Any:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, TableStyle

    placed = _positions(grid)
    rows = max(r + rs for r, _, _, rs, _ in placed)
    width = max(c + cs for _, c, _, _, cs in placed)
    values = ParagraphStyle("values", parent=style, fontName=value_font)
    data: list[list[Any]] = [[""] * width for _ in range(rows)]
    commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for r, c, text, rowspan, colspan in placed:
        shown = text
        if layout == "vertical_label" and rowspan > 3 and c == 0:
            shown = "<br/>".join(text)  # one character per line
        number = text.replace(".", "", 1).isdigit()
        data[r][c] = Paragraph(shown, values if number else style)
        if layout == "across_pages" and rowspan > 2:
            continue  # a page break cannot cut a merged cell: a table tall ones keep whole
        if rowspan > 1 or colspan > 1:
            commands.append(("SPAN", (c, r), (c + colspan - 1, r + rowspan - 1)))
    usable = page_width - 72
    first = usable * (0.3 if width > 4 else 0.4)
    widths = [first] + [(usable - first) / max(width - 1, 1)] * (width - 1)
    if layout in (
        "ruled",
        "landscape",
        "across_pages",
        "helvetica_values",
        "vertical_label",
        "rotated",
    ):
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    elif layout == "shaded_header":
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey))
    table = _DrawnTable(data, colWidths=widths, layout=layout)
    table.setStyle(TableStyle(commands))
    return table


def _drawn_table_class(layout: str) -> type:
    from reportlab.platypus import Table

    class DrawnTable(Table):
        """A table whose rules are drawn as one path (``one_path_grid``) or as thin filled
        rectangles (``thin_rects``), from the cells' edges, spans respected (a class per
        layout: reportlab makes the parts of a table cut by a page break of its class)."""

        _layout = layout

        def draw(self) -> None:
            super().draw()
            if self._layout not in ("one_path_grid", "thin_rects"):
                return
            canvas = self.canv
            # set by Table.wrap (reportlab's stubs do not declare them)
            xs = list(getattr(self, "_colpositions"))  # noqa: B009
            ys = list(getattr(self, "_rowpositions"))  # noqa: B009
            segments = _grid_segments(xs, ys, getattr(self, "_spanRanges", {}))
            if self._layout == "one_path_grid":
                path = canvas.beginPath()
                for (x0, y0), (x1, y1) in segments:
                    path.moveTo(x0, y0)
                    path.lineTo(x1, y1)
                canvas.setLineWidth(0.5)
                canvas.drawPath(path, stroke=1, fill=0)
            else:
                for (x0, y0), (x1, y1) in segments:
                    if y0 == y1:
                        canvas.rect(x0, y0 - 0.25, x1 - x0, 0.5, stroke=0, fill=1)
                    else:
                        canvas.rect(x0 - 0.25, y1, 0.5, y0 - y1, stroke=0, fill=1)

    return DrawnTable


def _grid_segments(
    xs: list[float], ys: list[float], spans: dict[tuple[int, int], Any]
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The rules of a grid: each cell's edges, not those inside a merged cell."""
    covered: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for box in spans.values():
        if box is not None:
            c0, r0, c1, r1 = box
            for rr in range(r0, r1 + 1):
                for cc in range(c0, c1 + 1):
                    covered[(cc, rr)] = (c0, r0, c1, r1)
    segments = set()
    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            c0, r0, c1, r1 = covered.get((c, r), (c, r, c, r))
            left, right, top, bottom = xs[c0], xs[c1 + 1], ys[r0], ys[r1 + 1]
            segments.add(((left, top), (right, top)))
            segments.add(((left, bottom), (right, bottom)))
            segments.add(((left, top), (left, bottom)))
            segments.add(((right, top), (right, bottom)))
    return sorted(segments)


_DRAWN: dict[str, type] = {}


def _DrawnTable(data: Any, *, layout: str, **options: Any) -> Any:  # noqa: N802 - a class
    if layout not in _DRAWN:
        _DRAWN[layout] = _drawn_table_class(layout)
    return _DRAWN[layout](data, **options)
