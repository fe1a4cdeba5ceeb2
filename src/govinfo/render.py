"""Write a report in the official layout as Markdown, HTML or plain text (tab-separated).

>>> from govinfo import render, samples
>>> report = samples.load("luoyang-scjgj-2020")
>>> render.to_text(report).splitlines()[0]
'洛阳市市场监督管理局2020年政府信息公开工作年度报告'

Every label printed comes from :mod:`govinfo.registry`; the layout is the template's (国办公开办函
〔2019〕60号 and〔2021〕30号), so what is written here can be read back by govinfo's readers.
The rules, common to the three formats unless said otherwise:

Document
    The first heading (or line) is the title ``{agency}{year}年政府信息公开工作年度报告``. Then,
    when the report has them, one line for the statistical period, worded
    ``本年报所列数据的统计期限为2020年1月1日至2020年12月31日。`` (:func:`period_line`), and one for
    the publication date, worded ``发布日期：2021年1月29日`` (:func:`published_line`), in that
    order, before the first section. ``level``, ``agency_kind`` and ``source`` are not part of a
    published report and are not written; the template edition shows in table 二's layout (and
    follows from the year, :meth:`~govinfo.registry.Edition.for_year`).

Sections
    The six sections in order, each under its template heading (:attr:`Section.heading
    <govinfo.registry.Section.heading>`, e.g. ``三、收到和处理政府信息公开申请情况``). A section
    whose content is ``None`` (a missing narrative *or a missing table*) is left out, heading
    included; a table whose cells are all ``None`` is written in full with every value ``—``.
    So a reader tells "table missing" (no heading) from "all cells blank" (a table of ``—``).
    Section 一 is its introductory text, then each part under its heading as the model has it
    (``part.heading``, e.g. ``（一）主动公开``), then the part's text.

Tables
    Table 二: per caption (第二十条第（X）项) a caption row, a header row starting with 信息内容 and
    the data rows, with the edition's rows and columns. Table 三: the template's three header
    rows (top-left cell 本列数据的勾稽关系…, then 申请人情况; 自然人, 法人或其他组织, 总计; the five
    organisation columns), then one row per data row of the report: three label columns and
    seven values. Table 四: the template's three header rows and one row of fifteen values.

Values
    A count is written as a plain integer (no thousands separator; ``items_change`` may be
    negative: ``-3``), money (万元) as a plain decimal, ``format(value, "f")``, with the unit
    in the column header: ``本年收费金额（单位：万元）`` carries it already, edition 2019's
    ``采购总金额`` is written ``采购总金额（单位：万元）``. A cell not reported (``None``) is
    written ``—`` (U+2014, :data:`NOT_REPORTED`); ``0`` is written ``0``.

HTML (:func:`to_html`)
    Headings ``<h1>`` (title), ``<h2>`` (sections), ``<h3>`` (parts of section 一); metadata
    and narrative text one ``<p>`` per line of the text (an empty text has no ``<p>``; text is
    escaped with :func:`html.escape`). Each table is one ``<table>`` with the template's
    merged cells as ``rowspan``/``colspan``: table 二 is one table of four columns whose
    captions span the width and whose narrower sub-tables widen their last cell (as the 2021
    template's ``本年处理决定数量`` spans three columns); table 三 has ten columns (three label
    columns, seven values) with ``三、本年度办理结果`` and the group labels (``（三）不予公开``…)
    merged down their rows; table 四 has fifteen columns. Header, caption and label cells are
    ``<th>``, values ``<td>``. ``standalone=True`` wraps a minimal ``<!DOCTYPE html>`` page
    (``<meta charset="utf-8">``, a small style sheet for borders); ``False`` gives the body
    content alone.

Markdown (:func:`to_markdown`)
    ``#`` title, ``##`` sections, ``###`` parts; blocks separated by one blank line. Tables are
    GFM pipe tables with the template's rows and no merged cells: a merged header cell is
    written in its first position and the positions it covers are left empty, a row label
    spanning label columns is followed by empty cells (``| 一、本年新收政府信息公开申请数量 | | |
    8 | …``), and the merged row labels of table 三 (``三、本年度办理结果`` and the group labels)
    are repeated on every row they cover, so each data row names its whole label path
    (``| 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密 | 0 | …``). A pipe table's first
    row is its header, so it is table 三's and 四's first header row, and for table 二 each
    caption starts its own pipe table whose header row is the caption row.
    Narrative text: each line of the text is one Markdown paragraph (paragraphs separated by a
    blank line, so a reader joins paragraphs with ``"\\n"``); an empty text has no paragraph.
    All text (title, headings, paragraphs, cells) is escaped so that any CommonMark reader
    shows it literally and it can be recovered exactly with :func:`unescape_markdown`
    (CommonMark's own unescaping: backslash escapes and decimal character references):
    ``\\ ` * _ [ ] < > & | ~ #`` are backslash-escaped; a paragraph's leading ``-``/``+`` and
    the ``.``/``)`` of a paragraph's leading number are too (``1\\. 政务网站``, not a list);
    tabs and line breaks, and spaces at either end of a line, are written as character
    references (``&#9;``, ``&#10;``, ``&#32;``). So a newline that is not a paragraph break
    (one of several in a row, or one at the start or end of the text) is ``&#10;`` inside a
    paragraph. Registry labels and values contain none of these characters and are written
    as they are.

Plain text (:func:`to_text`)
    One row per line: the title, the metadata lines, then every heading, narrative line and
    table row on a line of its own, cells separated by tabs, labels first, with the same cells
    as the Markdown tables (table 二's caption row is the caption alone); trailing empty cells
    are dropped, so no line ends with a tab. One blank line precedes every heading after the
    title; any other empty line is an empty line of a narrative text. Text is written as it
    is, without escaping: a narrative line that contains a tab or reads like a heading is
    ambiguous in this format (Markdown and HTML are exact).
"""

from __future__ import annotations

import enum
import html
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from attrs import frozen

if TYPE_CHECKING:
    from govinfo.readers.result import Diagnostic
    from govinfo.rulebase import Finding

from govinfo._reports import OneReport, as_report
from govinfo.model import Overview, Period, Proactive2019, Proactive2021, Report, Requests
from govinfo.model import ReviewLitigation as ReviewLitigationTable
from govinfo.registry import (
    APPLICANT_HEADER,
    LITIGATION_HEADER,
    ORGANISATIONS_HEADER,
    PROACTIVE_HEADER,
    REQUESTS_NOTE,
    RESULTS_LABEL,
    Applicant,
    CellKind,
    Column,
    RequestRow,
    ReviewBlock,
    ReviewResult,
    Row,
    Section,
)

__all__ = [
    "FORMATS",
    "MONEY_UNIT",
    "NOT_REPORTED",
    "escape_markdown",
    "notebook_html",
    "period_line",
    "published_line",
    "render",
    "title",
    "to_html",
    "to_markdown",
    "to_text",
    "unescape_markdown",
]

FORMATS: Final = ("markdown", "html", "text")
"""The formats :func:`render` writes."""
NOT_REPORTED: Final = "—"
"""How a cell that is not reported (``None``) is written in every format (U+2014 EM DASH)."""
MONEY_UNIT: Final = "（单位：万元）"
"""The unit note of money columns, as the 2021 template prints it (本年收费金额（单位：万元）);
added to a money column header that lacks it (edition 2019's 采购总金额)."""


# --- wording --------------------------------------------------------------------------------


def _date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def title(report: Report) -> str:
    """The report's title: ``洛阳市市场监督管理局2020年政府信息公开工作年度报告``."""
    return f"{report.agency}{report.year}年政府信息公开工作年度报告"


def period_line(period: Period) -> str:
    """The statistical-period sentence:
    ``本年报所列数据的统计期限为2020年1月1日至2020年12月31日。``"""
    return f"本年报所列数据的统计期限为{_date(period.start)}至{_date(period.end)}。"


def published_line(published: date) -> str:
    """The publication-date line: ``发布日期：2021年1月29日``."""
    return f"发布日期：{_date(published)}"


def _metadata(report: Report) -> list[str]:
    lines = []
    if report.period is not None:
        lines.append(period_line(report.period))
    if report.published is not None:
        lines.append(published_line(report.published))
    return lines


def _value(value: int | Decimal | None) -> str:
    if value is None:
        return NOT_REPORTED
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _column_label(column: Column) -> str:
    if column.kind is CellKind.MONEY and not column.zh.endswith(MONEY_UNIT):
        return column.zh + MONEY_UNIT
    return column.zh


# --- tables as grids of cells -----------------------------------------------------------------


class _Kind(enum.Enum):
    HEAD = "head"
    """A caption or column header; merged positions stay empty when flattened."""
    LABEL = "label"
    """A row label; flattened, it is repeated down the rows it spans."""
    VALUE = "value"


@frozen
class _Cell:
    text: str
    kind: _Kind
    colspan: int = 1
    rowspan: int = 1
    path: str | None = None
    """The canonical cell path of a value cell (for highlighting findings in HTML)."""


_Grid = tuple[tuple[_Cell, ...], ...]
"""Rows of cells as HTML has them: each cell once, at its top-left position."""


@frozen
class _Table:
    """A table: one or more blocks (table 二's sub-tables) of rows, and its HTML width."""

    width: int
    blocks: tuple[_Grid, ...]


def _head(text: str, colspan: int = 1, rowspan: int = 1) -> _Cell:
    return _Cell(text, _Kind.HEAD, colspan, rowspan)


def _label(text: str, colspan: int = 1, rowspan: int = 1) -> _Cell:
    return _Cell(text, _Kind.LABEL, colspan, rowspan)


def _values(row: str, spec: Row, values: Iterable[int | Decimal | None]) -> tuple[_Cell, ...]:
    """The value cells of the row ``spec`` of the table ``row`` (``"requests"``...)."""
    return tuple(
        _Cell(_value(v), _Kind.VALUE, path=f"{row}.{spec.key}.{column.key}")
        for v, column in zip(values, spec.columns, strict=True)
    )


def _proactive_table(proactive: Proactive2019 | Proactive2021) -> _Table:
    blocks: list[list[tuple[_Cell, ...]]] = []
    caption: str | None = None
    columns: tuple[Column, ...] = ()
    for spec, cells in proactive.rows():
        if spec.caption != caption or spec.columns != columns:
            caption, columns = spec.caption, spec.columns
            width = 1 + len(columns)
            blocks.append(
                [
                    (_head(caption or "", colspan=width),),
                    (_head(PROACTIVE_HEADER), *(_head(_column_label(c)) for c in columns)),
                ]
            )
        blocks[-1].append((_label(spec.zh), *_values("proactive", spec, cells.values())))
    width = max(len(block[1]) for block in blocks)
    return _Table(width, tuple(tuple(block) for block in blocks))


def _is_result(spec: Row) -> bool:
    """Whether a table 三 row sits under 三、本年度办理结果 (the outcomes and （七）总计)."""
    row = RequestRow.from_key(spec.key)
    return row.is_outcome or row is RequestRow.HANDLED_TOTAL


_LABEL_COLUMNS = 3
"""Table 三's label columns: 三、本年度办理结果, the group (（三）不予公开), the item."""


def _requests_table(requests: Requests) -> _Table:
    organisations = [a for a in Applicant if a not in (Applicant.NATURAL_PERSON, Applicant.TOTAL)]
    rows: list[tuple[_Cell, ...]] = [
        (
            _head(REQUESTS_NOTE, colspan=_LABEL_COLUMNS, rowspan=3),
            _head(APPLICANT_HEADER, colspan=len(Applicant)),
        ),
        (
            _head(Applicant.NATURAL_PERSON.zh, rowspan=2),
            _head(ORGANISATIONS_HEADER, colspan=len(organisations)),
            _head(Applicant.TOTAL.zh, rowspan=2),
        ),
        tuple(_head(a.zh) for a in organisations),
    ]
    data = list(requests.rows())
    results = sum(1 for spec, _ in data if _is_result(spec))
    group_sizes: dict[str, int] = {}
    for spec, _ in data:
        if spec.group is not None:
            group_sizes[spec.group.key] = group_sizes.get(spec.group.key, 0) + 1
    results_started = False
    groups_started: set[str] = set()
    for spec, counts in data:
        labels: list[_Cell] = []
        if not _is_result(spec):
            labels.append(_label(spec.zh, colspan=_LABEL_COLUMNS))
        else:
            if not results_started:
                results_started = True
                labels.append(_label(RESULTS_LABEL, rowspan=results))
            if spec.group is None:
                labels.append(_label(spec.zh, colspan=_LABEL_COLUMNS - 1))
            else:
                if spec.group.key not in groups_started:
                    groups_started.add(spec.group.key)
                    labels.append(_label(spec.group.zh, rowspan=group_sizes[spec.group.key]))
                labels.append(_label(spec.zh))
        rows.append((*labels, *_values("requests", spec, counts.values())))
    return _Table(_LABEL_COLUMNS + len(Applicant), (tuple(rows),))


def _review_table(review: ReviewLitigationTable) -> _Table:
    first, *litigation = list(ReviewBlock)
    results = list(ReviewResult)
    rows: list[tuple[_Cell, ...]] = [
        (
            _head(first.zh, colspan=len(results)),
            _head(LITIGATION_HEADER, colspan=len(results) * len(litigation)),
        ),
        (
            *(_head(r.zh, rowspan=2) for r in results),
            *(_head(b.zh, colspan=len(results)) for b in litigation),
        ),
        tuple(_head(r.zh) for _ in litigation for r in results),
        tuple(
            cell
            for spec, counts in review.rows()
            for cell in _values("review_litigation", spec, counts.values())
        ),
    ]
    return _Table(len(results) * len(ReviewBlock), (tuple(rows),))


def _table(report: Report, section: Section) -> _Table | None:
    if section is Section.PROACTIVE and report.proactive is not None:
        return _proactive_table(report.proactive)
    if section is Section.REQUESTS and report.requests is not None:
        return _requests_table(report.requests)
    if section is Section.REVIEW_LITIGATION and report.review_litigation is not None:
        return _review_table(report.review_litigation)
    return None


def _width(row: Sequence[_Cell]) -> int:
    return sum(c.colspan for c in row)


def _flatten(grid: _Grid) -> list[list[str]]:
    """The grid as rows of equal length, merged cells resolved: a header's text in its first
    position only, a row label's repeated down the rows it spans (but not across columns)."""
    width = _width(grid[0])
    out: list[list[str | None]] = [[None] * width for _ in grid]
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while out[r][c] is not None:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    first = dc == 0 and (dr == 0 or cell.kind is _Kind.LABEL)
                    out[r + dr][c + dc] = cell.text if first else ""
            c += cell.colspan
    flat = [[text for text in row if text is not None] for row in out]
    if any(len(row) != width for row in flat):  # pragma: no cover - a layout bug
        raise AssertionError("table grid with gaps")
    return flat


# --- Markdown -------------------------------------------------------------------------------

_MD_PUNCTUATION = frozenset("\\`*_[]<>&|~#")
"""Characters backslash-escaped wherever they occur."""
_MD_LINE_START = re.compile(r"[-+]|[0-9]+[.)]")
"""A line start CommonMark would read as a list item (escaped: ``\\-``, ``1\\.``)."""
_MD_REFERENCES = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x00\t")
"""Characters written as ``&#N;`` wherever they occur: line breaks (for Markdown and for
:meth:`str.splitlines`), NUL, tab."""
_MD_UNESCAPE = re.compile(
    r"\\([!-/:-@\[-`{-~])|&#([0-9]{1,7});|(&(?:#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
)


def _escape_inline(text: str) -> str:
    out = []
    last = len(text) - 1
    for i, char in enumerate(text):
        if char in _MD_PUNCTUATION:
            out.append("\\" + char)
        elif char in _MD_REFERENCES or (char == " " and i in (0, last)):
            out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


def escape_markdown(text: str, *, paragraph: bool = True) -> str:
    """``text`` as Markdown on one line, shown literally by any CommonMark reader.

    Backslash before ``\\ ` * _ [ ] < > & | ~ #`` anywhere; decimal character references
    (``&#10;``) for line breaks, tabs and NUL anywhere and for a space at either end. For a
    paragraph (``paragraph=True``) also a backslash before a leading ``-``/``+`` or the
    ``.``/``)`` of a leading number, which would start a list (``1\\. 政务网站``); headings
    and table cells (``paragraph=False``) need none. :func:`unescape_markdown` undoes it.
    """
    escaped = _escape_inline(text)
    start = _MD_LINE_START.match(escaped) if paragraph else None
    if start is not None:
        end = start.end()
        escaped = f"{escaped[: end - 1]}\\{escaped[end - 1 :]}"
    return escaped


def unescape_markdown(text: str) -> str:
    """Undo :func:`escape_markdown` (and any CommonMark backslash escape or character
    reference): ``1\\. 政务网站`` gives ``1. 政务网站``, ``&#10;`` a newline, ``&nbsp;`` a no-break
    space; a reference to no character gives U+FFFD."""

    def replace(match: re.Match[str]) -> str:
        escaped, code, entity = match.groups()
        if escaped is not None:
            return escaped
        if entity is not None:
            return html.unescape(entity)  # &nbsp; &amp; &#x31; (an unknown name stays as is)
        number = int(code)
        if number > 0x10FFFF or 0xD800 <= number <= 0xDFFF:
            return "\ufffd"  # as CommonMark does
        return chr(number)

    return _MD_UNESCAPE.sub(replace, text)


_PARAGRAPH_BREAK = re.compile(r"(?<=[^\n])\n(?=[^\n])")
"""A newline between two other characters: a paragraph break. Other newlines (runs of them,
or at either end of the text) stay inside a paragraph as ``&#10;``."""


def _markdown_paragraphs(text: str) -> list[str]:
    if not text:
        return []
    return [escape_markdown(p) for p in _PARAGRAPH_BREAK.split(text)]


def _markdown_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(escape_markdown(c, paragraph=False) for c in cells) + " |"


def _markdown_table(table: _Table) -> list[str]:
    out = []
    for block in table.blocks:
        rows = _flatten(block)
        lines = [_markdown_row(rows[0]), "|" + "---|" * len(rows[0])]
        lines.extend(_markdown_row(row) for row in rows[1:])
        out.append("\n".join(lines))
    return out


def to_markdown(report: Report) -> str:
    """The report as Markdown (CommonMark with GFM pipe tables); see the module docs."""
    blocks = [f"# {escape_markdown(title(report), paragraph=False)}"]
    blocks.extend(escape_markdown(line) for line in _metadata(report))
    for section, content in _sections(report):
        blocks.append(f"## {escape_markdown(section.heading, paragraph=False)}")
        if isinstance(content, _Table):
            blocks.extend(_markdown_table(content))
        elif isinstance(content, Overview):
            blocks.extend(_markdown_paragraphs(content.text))
            for part in content.parts:
                blocks.append(f"### {escape_markdown(part.heading, paragraph=False)}")
                blocks.extend(_markdown_paragraphs(part.text))
        else:
            blocks.extend(_markdown_paragraphs(content))
    return "\n\n".join(blocks) + "\n"


# --- HTML -----------------------------------------------------------------------------------

_STYLE = """\
body { font-family: "SimSun", "Songti SC", serif; max-width: 64em; margin: 2em auto; \
line-height: 1.6; }
h1 { text-align: center; font-size: 1.5em; }
h2 { font-size: 1.15em; }
h3 { font-size: 1em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #000; padding: 0.25em 0.5em; text-align: center; }
th { font-weight: normal; }"""


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _html_paragraphs(text: str) -> list[str]:
    if not text:
        return []
    return [f"<p>{_escape(line)}</p>" for line in text.split("\n")]


def _html_cell(cell: _Cell, extra: int, highlight: Mapping[str, str]) -> str:
    tag = "td" if cell.kind is _Kind.VALUE else "th"
    attributes = ""
    if cell.path is not None and cell.path in highlight:
        attributes += f' class="govinfo-finding" title="{_escape(highlight[cell.path])}"'
    if cell.colspan + extra > 1:
        attributes += f' colspan="{cell.colspan + extra}"'
    if cell.rowspan > 1:
        attributes += f' rowspan="{cell.rowspan}"'
    return f"<{tag}{attributes}>{_escape(cell.text)}</{tag}>"


def _html_table(table: _Table, highlight: Mapping[str, str]) -> list[str]:
    out = ["<table>"]
    for block in table.blocks:
        # a narrower sub-table (table 二) widens its last cell to the table's width
        extra = table.width - _width(block[0])
        for row in block:
            cells = [
                _html_cell(c, extra if i == len(row) - 1 else 0, highlight)
                for i, c in enumerate(row)
            ]
            out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</table>")
    return out


def to_html(report: Report, *, standalone: bool = True, findings: Iterable[Finding] = ()) -> str:
    """The report as HTML: a whole page (``standalone=True``) or the body content alone; see
    the module docs. Cells involved in ``findings`` (from :func:`govinfo.check`) are marked
    ``class="govinfo-finding"`` and titled with the findings' messages."""
    highlight = _highlights(findings)
    if highlight:
        body_style = [f"<style>{_FINDING_STYLE}</style>"] if not standalone else []
    else:
        body_style = []
    body = [*body_style, f"<h1>{_escape(title(report))}</h1>"]
    body.extend(f"<p>{_escape(line)}</p>" for line in _metadata(report))
    for section, content in _sections(report):
        body.append(f"<h2>{_escape(section.heading)}</h2>")
        if isinstance(content, _Table):
            body.extend(_html_table(content, highlight))
        elif isinstance(content, Overview):
            body.extend(_html_paragraphs(content.text))
            for part in content.parts:
                body.append(f"<h3>{_escape(part.heading)}</h3>")
                body.extend(_html_paragraphs(part.text))
        else:
            body.extend(_html_paragraphs(content))
    if not standalone:
        return "\n".join(body) + "\n"
    style = f"{_STYLE}\n{_FINDING_STYLE}" if highlight else _STYLE
    page = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_escape(title(report))}</title>",
        f"<style>\n{style}\n</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
    ]
    return "\n".join(page) + "\n"


_FINDING_STYLE = "td.govinfo-finding { background: #fdd; outline: 2px solid #c00; }"


def _highlights(findings: Iterable[Finding]) -> dict[str, str]:
    """Each cell of ``findings`` → the notes (rule and message) of every finding it is in."""
    highlight: dict[str, str] = {}
    for finding in findings:
        for path in finding.cells:
            note = f"{finding.rule}: {finding.message_zh}"
            highlight[path] = f"{highlight[path]}; {note}" if path in highlight else note
    return highlight


def _counted(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{n} {severity}(s)" for severity, n in counts.items() if n) or "none"


def notebook_html(
    report: Report,
    *,
    findings: Sequence[Finding] = (),
    diagnostics: Sequence[Diagnostic] = (),
    source: str | None = None,
    locate: Callable[[Finding], str | None] | None = None,
) -> str:
    """The notebook view of a report (``_repr_html_`` of a report and of a read result).

    It opens with a summary: agency, year, template edition and ``source``; the counts of
    ``findings`` and of reading ``diagnostics`` by severity; every finding (rule, severity,
    status, messages in Chinese and English, where ``locate`` says it points) and every
    diagnostic. Then the tables in the official layout, each cell of a finding marked
    ``class="govinfo-finding"`` and titled with its findings; then the narrative sections,
    folded in one ``<details>`` element.
    """
    findings = tuple(findings)
    highlight = _highlights(findings)
    by_severity = {"error": 0, "warning": 0}
    for finding in findings:
        by_severity[str(finding.severity)] += 1
    reading = {"error": 0, "warning": 0, "info": 0}
    for diagnostic in diagnostics:
        reading[str(diagnostic.severity)] += 1
    about = f"{report.year} · template edition {report.edition.value}"
    if source is not None:
        about += f" · {source}"
    out = [
        f"<style>{_FINDING_STYLE}</style>",
        '<div class="govinfo-summary">',
        f"<h3>{_escape(report.agency)}</h3>",
        f"<p>{_escape(about)}</p>",
        f"<p>findings: {_counted(by_severity)}; reading: {_counted(reading)}</p>",
    ]
    if findings:
        out.append("<ul>")
        for finding in findings:
            where = locate(finding) if locate is not None else None
            status = "" if str(finding.status) == "fail" else f" ({finding.status})"
            at = f" <small>{_escape(where)}</small>" if where else ""
            out.append(
                f"<li><b>{_escape(finding.rule)}</b> {finding.severity}{status}: "
                f"{_escape(finding.message_zh)} — {_escape(finding.message_en)}{at}</li>"
            )
        out.append("</ul>")
    if diagnostics:
        out.append("<ul>")
        for diagnostic in diagnostics:
            where = (
                ""
                if diagnostic.location is None
                else f" <small>{_escape(str(diagnostic.location))}</small>"
            )
            out.append(
                f"<li><b>{_escape(diagnostic.code)}</b> {diagnostic.severity}: "
                f"{_escape(diagnostic.message)}{where}</li>"
            )
        out.append("</ul>")
    out.append("</div>")
    narrative: list[str] = []
    for section, content in _sections(report):
        if isinstance(content, _Table):
            out.append(f"<h4>{_escape(section.heading)}</h4>")
            out.extend(_html_table(content, highlight))
            continue
        narrative.append(f"<h4>{_escape(section.heading)}</h4>")
        if isinstance(content, Overview):
            narrative.extend(_html_paragraphs(content.text))
            for part in content.parts:
                narrative.append(f"<h5>{_escape(part.heading)}</h5>")
                narrative.extend(_html_paragraphs(part.text))
        else:
            narrative.extend(_html_paragraphs(content))
    if narrative:
        out += ["<details>", "<summary>narrative 报告正文</summary>", *narrative, "</details>"]
    return "\n".join(out) + "\n"


# --- plain text -----------------------------------------------------------------------------


def _text_rows(table: _Table) -> Iterator[str]:
    for block in table.blocks:
        for row in _flatten(block):
            while row and not row[-1]:
                row.pop()
            yield "\t".join(row)


def to_text(report: Report) -> str:
    """The report as plain text, table cells separated by tabs; see the module docs."""
    lines = [title(report), *_metadata(report)]
    for section, content in _sections(report):
        lines.extend(("", section.heading))
        if isinstance(content, _Table):
            lines.extend(_text_rows(content))
        elif isinstance(content, Overview):
            lines.extend(content.text.split("\n") if content.text else [])
            for part in content.parts:
                lines.extend(("", part.heading))
                lines.extend(part.text.split("\n") if part.text else [])
        elif content:
            lines.extend(content.split("\n"))
    return "\n".join(lines) + "\n"


# --- common ---------------------------------------------------------------------------------


def _sections(report: Report) -> Iterator[tuple[Section, _Table | Overview | str]]:
    """The sections the report has, in order, with their content."""
    for section in Section:
        table = _table(report, section)
        if table is not None:
            yield section, table
        elif section is Section.OVERVIEW:
            if report.overview is not None:
                yield section, report.overview
        elif section is Section.PROBLEMS:
            if report.problems is not None:
                yield section, report.problems
        elif section is Section.OTHER_MATTERS and report.other_matters is not None:
            yield section, report.other_matters


_RENDERERS: dict[str, Callable[[Report], str]] = {
    "markdown": to_markdown,
    "html": to_html,
    "text": to_text,
}


def render(report: OneReport, format: str) -> str:
    """``report`` (or a :class:`~govinfo.readers.ReadResult`'s) written in ``format``:
    ``"markdown"``, ``"html"`` or ``"text"``."""
    try:
        renderer = _RENDERERS[format]
    except KeyError:
        raise ValueError(
            f"unknown format {format!r}; expected one of {', '.join(FORMATS)}"
        ) from None
    return renderer(as_report(report))
