"""The renderers write every cell, label and text of a report in the official layout.

Each format is parsed back here with a small parser of its own and compared with grids built
independently from the registry and the model: the Markdown and text tables cell by cell, the
HTML tables after expanding their merged cells. The bundled sample is held to snapshots under
``tests/snapshots/render/``; after an intended change of layout, regenerate them with
``GOVINFO_UPDATE_SNAPSHOTS=1 pytest tests/test_render.py`` and review the diff.
"""

from __future__ import annotations

import itertools
import os
import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from govinfo import Edition, Report, registry, render, samples
from govinfo import strategies as gst
from govinfo.model import (
    ApplicantCounts,
    Decisions2021,
    Documents2021,
    Fees2021,
    OtherHandling,
    Period,
    Proactive2021,
    Requests,
)
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
    ReviewBlock,
    ReviewResult,
    Section,
)

SNAPSHOTS = Path(__file__).parent / "snapshots" / "render"
UPDATE_SNAPSHOTS = os.environ.get("GOVINFO_UPDATE_SNAPSHOTS") == "1"
SAMPLE = "luoyang-scjgj-2020"
SUFFIXES = {"markdown": "md", "html": "html", "text": "txt"}
DASH = "—"
TABLE_WIDTHS = {Section.PROACTIVE: 4, Section.REQUESTS: 10, Section.REVIEW_LITIGATION: 15}
"""Columns of each table in the templates (the 2021 template's tables have 4, 10 and 15)."""
LABEL_COLUMNS = {Section.PROACTIVE: 1, Section.REQUESTS: 3, Section.REVIEW_LITIGATION: 0}
HEADER_ROWS = {Section.PROACTIVE: 2, Section.REQUESTS: 3, Section.REVIEW_LITIGATION: 3}
"""Header rows per block (table 二: per sub-table, its caption and 信息内容 rows)."""

RENDER = settings(max_examples=60, deadline=None)


# --- strategies ---------------------------------------------------------------------------


def _with_other_handling(report: Report, other: ApplicantCounts | OtherHandling) -> Report:
    if report.requests is None:
        return report
    return attrs.evolve(report, requests=attrs.evolve(report.requests, other_handling=other))


_COUNTS = gst.applicant_counts(consistent=False)
_REPORTS_2021_SINGLE = st.builds(
    _with_other_handling, gst.reports(edition=Edition.V2021, consistent=False), _COUNTS
)
_REPORTS_2021_BREAKDOWN = st.builds(
    _with_other_handling,
    gst.reports(edition=Edition.V2021, consistent=False),
    st.builds(OtherHandling, no_correction=_COUNTS, unpaid_fee=_COUNTS, other=_COUNTS),
)
REPORTS = st.one_of(
    gst.reports(edition=Edition.V2019),
    gst.reports(edition=Edition.V2021),
    gst.reports(edition=Edition.V2019, consistent=False),
    _REPORTS_2021_SINGLE,
    _REPORTS_2021_BREAKDOWN,
)
"""Both editions, both shapes of （六）其他处理, blank cells, and (inconsistent draws) missing
tables and sections."""


# --- the expected layout, from the registry --------------------------------------------------


def token(value: int | Decimal | None) -> str:
    if value is None:
        return DASH
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def column_label(column: Column) -> str:
    unit = "（单位：万元）"
    if column.kind is CellKind.MONEY and not column.zh.endswith(unit):
        return column.zh + unit
    return column.zh


Grid = list[list[str]]


def expected_blocks(report: Report, section: Section) -> list[Grid] | None:
    """The table of ``section`` with every merged cell's text copied into each position it
    covers; table 二 as one block per caption at its natural width."""
    if section is Section.PROACTIVE:
        if report.proactive is None:
            return None
        blocks = []
        for caption, group in itertools.groupby(report.proactive.rows(), lambda r: r[0].caption):
            rows = list(group)
            columns = rows[0][0].columns
            width = 1 + len(columns)
            block = [[str(caption)] * width, [PROACTIVE_HEADER, *map(column_label, columns)]]
            block += [[spec.zh, *map(token, cells.values())] for spec, cells in rows]
            blocks.append(block)
        return blocks
    if section is Section.REQUESTS:
        if report.requests is None:
            return None
        applicants = [a.zh for a in Applicant]
        organisations = applicants[1:-1]
        header = [
            [REQUESTS_NOTE] * 3 + [APPLICANT_HEADER] * 7,
            [REQUESTS_NOTE] * 3 + [applicants[0], *[ORGANISATIONS_HEADER] * 5, applicants[-1]],
            [REQUESTS_NOTE] * 3 + applicants,
        ]
        assert len(organisations) == 5
        data = list(report.requests.rows())
        grid: Grid = []
        for i, (spec, cells) in enumerate(data):
            # every row but the first two and the last is under 三、本年度办理结果
            if i < 2 or i == len(data) - 1:
                labels = [spec.zh] * 3
            elif spec.group is None:
                labels = [RESULTS_LABEL, spec.zh, spec.zh]
            else:
                labels = [RESULTS_LABEL, spec.group.zh, spec.zh]
            grid.append(labels + list(map(token, cells.values())))
        return [header + grid]
    if report.review_litigation is None:
        return None
    results = [r.zh for r in ReviewResult]
    review, *litigation = [b.zh for b in ReviewBlock]
    header = [
        [review] * 5 + [LITIGATION_HEADER] * 10,
        results + [litigation[0]] * 5 + [litigation[1]] * 5,
        results * 3,
    ]
    values = [token(v) for _, cells in report.review_litigation.rows() for v in cells.values()]
    return [[*header, values]]


def flat_rows(block: Grid, section: Section) -> Grid:
    """A block as Markdown and text write it: a header cell's text in its first position only,
    a row label spanning label columns in its first column only, group labels repeated."""
    out = []
    for r, row in enumerate(block):
        flat = list(row)
        for c in range(len(row) - 1, 0, -1):
            left = row[c] == row[c - 1]
            if r < HEADER_ROWS[section]:
                if left or (r > 0 and row[c] == block[r - 1][c]):
                    flat[c] = ""
            elif c < LABEL_COLUMNS[section] and left:
                flat[c] = ""
        if r < HEADER_ROWS[section] and r > 0 and row[0] == block[r - 1][0]:
            flat[0] = ""
        out.append(flat)
    return out


def html_grid(blocks: list[Grid], section: Section) -> Grid:
    """The blocks as one HTML table: narrower sub-tables widen their last cell."""
    width = TABLE_WIDTHS[section]
    return [row + [row[-1]] * (width - len(row)) for block in blocks for row in block]


def registry_values(report: Report) -> list[str]:
    """Every value of the report's tables, in registry order, read through ``Report.cell``."""
    out: list[str] = []
    for table in registry.tables():
        rows = table.rows_for(report.edition) if table.key == "proactive" else table.rows
        for row in rows:
            try:
                report.cell(f"{table.key}.{row.key}.{row.columns[0].key}")
            except KeyError:
                continue  # the other edition's row, or the other shape of （六）其他处理
            out.extend(token(report.cell(f"{table.key}.{row.key}.{c.key}")) for c in row.columns)
    return out


def table_sections(report: Report) -> list[Section]:
    return [s for s in TABLE_WIDTHS if expected_blocks(report, s) is not None]


def present_headings(report: Report) -> list[str]:
    return [s.heading for s in Section if getattr(report, s.key) is not None]


# --- parsers ------------------------------------------------------------------------------

_PIPE = re.compile(r"(?<!\\)\|")


def markdown_blocks(text: str) -> list[str]:
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
    return text[:-1].split("\n\n")


def markdown_sections(text: str) -> dict[str, list[str]]:
    """Blocks under each ``##`` heading (unescaped heading → its blocks)."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for block in markdown_blocks(text):
        if block.startswith("## "):
            current = sections.setdefault(render.unescape_markdown(block[3:]), [])
        elif current is not None:
            current.append(block)
    return sections


def markdown_table(block: str) -> Grid:
    lines = block.split("\n")
    assert len(lines) >= 2
    assert set(lines[1]) <= {"|", "-"}, lines[1]
    rows = []
    for line in [lines[0], *lines[2:]]:
        assert line.startswith("| "), line
        assert line.endswith(" |"), line
        cells = _PIPE.split(line)[1:-1]
        rows.append([render.unescape_markdown(c.strip()) for c in cells])
    assert len({len(r) for r in rows}) == 1, "a pipe table's rows have equal widths"
    return rows


def markdown_paragraphs(blocks: list[str]) -> str:
    return "\n".join(render.unescape_markdown(b) for b in blocks)


def text_section(text: str, heading: str) -> list[str]:
    """The lines under ``heading`` up to the blank line before the next heading."""
    assert text.endswith("\n")
    lines = text[:-1].split("\n")
    start = lines.index(heading) + 1
    headings = {s.heading for s in Section}
    end = start
    while end < len(lines) and not (
        lines[end] == "" and end + 1 < len(lines) and lines[end + 1] in headings
    ):
        end += 1
    return lines[start:end]


_VOID = frozenset({"meta", "br", "hr", "img", "link", "input"})


class HTMLDocument(HTMLParser):
    """Checks nesting while collecting headings, paragraphs and tables (cells with spans)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.blocks: list[tuple[str, str]] = []
        """(tag, text) of every h1/h2/h3/p, and ("table", index) of every table."""
        self.tables: list[list[list[tuple[str, str, int, int]]]] = []
        self.text: str | None = None
        self.span = (1, 1)
        self.doctype: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.stack.append(tag)
        attributes = dict(attrs)
        if tag == "table":
            assert self.text is None
            self.tables.append([])
            self.blocks.append(("table", str(len(self.tables) - 1)))
        elif tag == "tr":
            assert self.stack[-2] == "table", self.stack
            self.tables[-1].append([])
        elif tag in {"td", "th", "h1", "h2", "h3", "p"}:
            assert self.text is None, f"<{tag}> inside another text element"
            self.text = ""
            self.span = (int(attributes.get("colspan") or 1), int(attributes.get("rowspan") or 1))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1:] == [tag], f"</{tag}> closes {self.stack}"
        self.stack.pop()
        if tag in {"td", "th"}:
            assert self.text is not None
            self.tables[-1][-1].append((tag, self.text, *self.span))
            self.text = None
        elif tag in {"h1", "h2", "h3", "p"}:
            assert self.text is not None
            self.blocks.append((tag, self.text))
            self.text = None

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text += data
        elif self.stack and self.stack[-1] in {"table", "tr"}:
            assert not data.strip(), f"text {data!r} outside a cell"

    @classmethod
    def parse(cls, text: str) -> HTMLDocument:
        document = cls()
        document.feed(text)
        document.close()
        assert not document.stack, f"unclosed elements {document.stack}"
        return document

    def paragraphs_after(self, heading: tuple[str, str]) -> list[str]:
        i = self.blocks.index(heading) + 1
        out = []
        while i < len(self.blocks) and self.blocks[i][0] == "p":
            out.append(self.blocks[i][1])
            i += 1
        return out


def expand(rows: list[list[tuple[str, str, int, int]]]) -> list[list[tuple[str, str]]]:
    """An HTML table's (tag, text) grid, every merged cell copied into each position it covers;
    fails on overlapping cells, spans beyond the table and ragged rows."""
    grid: dict[tuple[int, int], tuple[str, str]] = {}
    for r, row in enumerate(rows):
        c = 0
        for tag, text, colspan, rowspan in row:
            while (r, c) in grid:
                c += 1
            assert r + rowspan <= len(rows), "rowspan beyond the table"
            for dr, dc in itertools.product(range(rowspan), range(colspan)):
                assert (r + dr, c + dc) not in grid, "overlapping cells"
                grid[r + dr, c + dc] = (tag, text)
            c += colspan
    width = 1 + max(c for _, c in grid)
    assert len(grid) == width * len(rows), "ragged rows"
    return [[grid[r, c] for c in range(width)] for r in range(len(rows))]


# --- every cell in every format -----------------------------------------------------------


@RENDER
@given(REPORTS)
def test_markdown_has_every_cell_and_label(report: Report) -> None:
    text = render.to_markdown(report)
    blocks = markdown_blocks(text)
    assert blocks[0] == "# " + render.escape_markdown(render.title(report), paragraph=False)
    sections = markdown_sections(text)
    assert list(sections) == present_headings(report)
    values: list[str] = []
    for section in TABLE_WIDTHS:
        expected = expected_blocks(report, section)
        if expected is None:
            assert section.heading not in sections
            continue
        tables = [markdown_table(b) for b in sections[section.heading]]
        assert tables == [flat_rows(b, section) for b in expected]
        values += [v for t in tables for row in t[HEADER_ROWS[section] :] for v in row]
    assert [v for v in values if not _is_label(v)] == registry_values(report)


def _is_label(cell: str) -> bool:
    return cell == "" or not re.fullmatch(rf"{DASH}|-?[0-9]+(\.[0-9]+)?", cell)


@RENDER
@given(REPORTS)
def test_text_has_every_cell_and_label(report: Report) -> None:
    text = render.to_text(report)
    lines = text.split("\n")
    assert lines[0] == render.title(report)
    assert text.endswith("\n")
    headings = [line for line in lines if line in {s.heading for s in Section}]
    assert headings == present_headings(report)
    values: list[str] = []
    for section in TABLE_WIDTHS:
        expected = expected_blocks(report, section)
        if expected is None:
            continue
        rows = [line.split("\t") for line in text_section(text, section.heading)]
        flat = [row for b in expected for row in flat_rows(b, section)]
        assert rows == [_strip_trailing(row) for row in flat]
        assert not any(line.endswith("\t") for line in text_section(text, section.heading))
        values += [v for row in rows for v in row if not _is_label(v)]
    assert values == registry_values(report)


def _strip_trailing(row: list[str]) -> list[str]:
    row = list(row)
    while row and not row[-1]:
        row.pop()
    return row


@RENDER
@given(REPORTS)
def test_html_is_well_formed_with_the_template_grid(report: Report) -> None:
    document = HTMLDocument.parse(render.to_html(report))
    assert document.doctype is not None
    assert document.doctype.lower() == "doctype html"
    assert document.blocks[0] == ("h1", render.title(report))
    assert [t for tag, t in document.blocks if tag == "h2"] == present_headings(report)
    sections = table_sections(report)
    assert len(document.tables) == len(sections)
    values: list[str] = []
    for section, rows in zip(sections, document.tables, strict=True):
        blocks = expected_blocks(report, section)
        assert blocks is not None
        i = document.blocks.index(("table", str(document.tables.index(rows))))
        assert document.blocks[i - 1] == ("h2", section.heading)
        grid = expand(rows)
        assert all(len(row) == TABLE_WIDTHS[section] for row in grid)
        assert [[text for _, text in row] for row in grid] == html_grid(blocks, section)
        # header, caption and label cells are <th>, values <td>
        header_rows = _header_rows(blocks, section)
        for r, row in enumerate(grid):
            for c, (tag, _) in enumerate(row):
                is_value = r not in header_rows and c >= LABEL_COLUMNS[section]
                assert tag == ("td" if is_value else "th"), (section, r, c)
        values += [text for row in rows for tag, text, _, _ in row if tag == "td"]
    assert values == registry_values(report)


def _header_rows(blocks: list[Grid], section: Section) -> set[int]:
    out: set[int] = set()
    start = 0
    for block in blocks:
        out.update(range(start, start + HEADER_ROWS[section]))
        start += len(block)
    return out


RENDERERS = {"markdown": render.to_markdown, "html": render.to_html, "text": render.to_text}


def _registry_labels() -> frozenset[str]:
    labels = {
        PROACTIVE_HEADER,
        REQUESTS_NOTE,
        RESULTS_LABEL,
        APPLICANT_HEADER,
        ORGANISATIONS_HEADER,
        LITIGATION_HEADER,
    }
    for table in registry.tables():
        for row in table.rows:
            labels.add(row.zh)
            labels.update(c.zh for c in row.columns)
            if row.caption is not None:
                labels.add(row.caption)
            if row.group is not None:
                labels.add(row.group.zh)
    labels.update(a.zh for a in Applicant)
    labels.update(r.zh for r in ReviewResult)
    return frozenset(labels)


REGISTRY_LABELS = _registry_labels()
PROCUREMENT_HEADER = "采购总金额（单位：万元）"
"""The one table label not printed verbatim by the registry: edition 2019's money column with
the unit the 2021 template prints (本年收费金额（单位：万元）)."""


def test_the_unit_note_is_the_registry_s() -> None:
    fees = registry.table("proactive").row("fees", Edition.V2021).columns[0]
    procurement = registry.table("proactive").row("procurement", Edition.V2019).columns[1]
    assert fees.kind is procurement.kind is CellKind.MONEY
    assert fees.zh.endswith(render.MONEY_UNIT)
    assert procurement.zh + render.MONEY_UNIT == PROCUREMENT_HEADER


@RENDER
@given(REPORTS)
def test_render_dispatches_and_labels_come_from_the_registry(report: Report) -> None:
    for name, renderer in RENDERERS.items():
        assert render.render(report, name) == renderer(report)
    document = HTMLDocument.parse(render.to_html(report, standalone=False))
    labels = {
        text for rows in document.tables for row in rows for tag, text, *_ in row if tag == "th"
    }
    assert labels <= REGISTRY_LABELS | {PROCUREMENT_HEADER}
    headings = {text for tag, text in document.blocks if tag == "h2"}
    assert headings <= {s.heading for s in Section}


def test_render_rejects_an_unknown_format() -> None:
    report = samples.load(SAMPLE)
    with pytest.raises(
        ValueError, match="unknown format 'pdf'; expected one of markdown, html, text"
    ):
        render.render(report, "pdf")


# --- narrative text -------------------------------------------------------------------------

NARRATIVES = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(" \n\u3000\t-+#|*_`<>&1.)\\a中")),
    st.lists(st.sampled_from(["1. 政务网站", "- x", "", " ", "&#10;", "\\", "## 二"])).map(
        "\n".join
    ),
)


def _with_texts(report: Report, text: str) -> Report:
    """The sample with ``text`` as section 五, section 六 and a part's heading and text."""
    assert report.overview is not None
    first = attrs.evolve(report.overview.parts[0], heading=text, text=text)
    overview = attrs.evolve(report.overview, parts=(first, *report.overview.parts[1:]))
    return attrs.evolve(report, overview=overview, problems=text, other_matters=text)


@settings(max_examples=150, deadline=None)
@given(NARRATIVES)
def test_markdown_text_is_recovered_exactly(text: str) -> None:
    report = _with_texts(samples.load(SAMPLE), text)
    markdown = render.to_markdown(report)
    sections = markdown_sections(markdown)
    for section in (Section.PROBLEMS, Section.OTHER_MATTERS):
        assert markdown_paragraphs(sections[section.heading]) == text
    overview = sections[Section.OVERVIEW.heading]
    part = next(i for i, b in enumerate(overview) if b.startswith("### "))
    assert render.unescape_markdown(overview[part][4:]) == text
    after = overview[part + 1 :]
    end = next((i for i, b in enumerate(after) if b.startswith("### ")), len(after))
    assert markdown_paragraphs(after[:end]) == text
    # one paragraph per line of the text: each block is one line
    assert all("\n" not in b for b in markdown_blocks(markdown) if not b.startswith("|"))


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_escape_markdown_round_trips(text: str) -> None:
    for paragraph in (True, False):
        escaped = render.escape_markdown(text, paragraph=paragraph)
        assert render.unescape_markdown(escaped) == text
        assert len(escaped.splitlines()) <= 1
        assert escaped == escaped.strip(" \t")


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("1. 政务网站", "1\\. 政务网站"),
        ("12) 项", "12\\) 项"),
        ("- 条", "\\- 条"),
        ("+ 条", "\\+ 条"),
        ("# 标题", "\\# 标题"),
        ("a|b*c_d`e<f>g&h[i]j~k\\l", "a\\|b\\*c\\_d\\`e\\<f\\>g\\&h\\[i\\]j\\~k\\\\l"),
        ("  两端  ", "&#32; 两端 &#32;"),
        ("甲\t乙", "甲&#9;乙"),
        ("2020年1.5万元", "2020年1.5万元"),
        ("\u3000\u3000正文", "\u3000\u3000正文"),
    ],
)
def test_escape_markdown_examples(text: str, escaped: str) -> None:
    assert render.escape_markdown(text) == escaped
    assert render.unescape_markdown(escaped) == text


def test_markdown_paragraphs_are_lines() -> None:
    report = attrs.evolve(samples.load(SAMPLE), problems="甲\n乙\n\n丙\n", other_matters="")
    sections = markdown_sections(render.to_markdown(report))
    assert sections[Section.PROBLEMS.heading] == ["甲", "乙&#10;&#10;丙&#10;"]
    assert sections[Section.OTHER_MATTERS.heading] == []


TEXT_ALPHABET = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from("\n\u3000，。"),
)


@settings(max_examples=100, deadline=None)
@given(st.text(TEXT_ALPHABET))
def test_html_and_text_keep_every_line(text: str) -> None:
    assume(not set(text.split("\n")) & {s.heading for s in Section})
    report = _with_texts(samples.load(SAMPLE), text)
    document = HTMLDocument.parse(render.to_html(report))
    for section in (Section.PROBLEMS, Section.OTHER_MATTERS):
        paragraphs = document.paragraphs_after(("h2", section.heading))
        assert "\n".join(paragraphs) == text
        assert paragraphs == (text.split("\n") if text else [])
    plain = render.to_text(report)
    assert "\n".join(text_section(plain, Section.PROBLEMS.heading)) == text
    assert "\n".join(text_section(plain, Section.OTHER_MATTERS.heading)) == text


# --- metadata, missing parts, values --------------------------------------------------------


def test_metadata_lines() -> None:
    report = attrs.evolve(
        samples.load(SAMPLE),
        published=date(2021, 1, 29),
        period=Period(start=date(2020, 1, 1), end=date(2020, 12, 31)),
    )
    period = "本年报所列数据的统计期限为2020年1月1日至2020年12月31日。"
    published = "发布日期：2021年1月29日"
    title = "洛阳市市场监督管理局2020年政府信息公开工作年度报告"
    assert render.to_text(report).split("\n")[:4] == [title, period, published, ""]
    assert markdown_blocks(render.to_markdown(report))[:3] == [f"# {title}", period, published]
    document = HTMLDocument.parse(render.to_html(report))
    assert document.blocks[:3] == [("h1", title), ("p", period), ("p", published)]
    bare = attrs.evolve(report, published=None, period=None)
    assert render.to_text(bare).split("\n")[:3] == [title, "", Section.OVERVIEW.heading]
    assert markdown_blocks(render.to_markdown(bare))[1] == f"## {Section.OVERVIEW.heading}"


def test_period_and_dates_without_leading_zeros() -> None:
    period = Period(start=date(2021, 3, 5), end=date(2021, 10, 9))
    assert render.period_line(period) == "本年报所列数据的统计期限为2021年3月5日至2021年10月9日。"
    assert render.published_line(date(2022, 1, 7)) == "发布日期：2022年1月7日"


def _blank(requests: Requests) -> Requests:
    rows = {spec.key: ApplicantCounts.not_reported() for spec, _ in requests.rows()}
    return Requests.from_rows(rows)


def test_missing_table_has_no_heading_and_blank_table_is_all_dashes() -> None:
    report = samples.load(SAMPLE)
    assert report.requests is not None
    missing = attrs.evolve(report, requests=None, problems=None)
    blank = attrs.evolve(report, requests=_blank(report.requests))
    for renderer in RENDERERS.values():
        absent = renderer(missing)
        assert Section.REQUESTS.heading not in absent
        assert Section.PROBLEMS.heading not in absent
        assert Section.REVIEW_LITIGATION.heading in absent
    table = markdown_table(
        markdown_sections(render.to_markdown(blank))[Section.REQUESTS.heading][0]
    )
    assert {v for row in table[3:] for v in row[3:]} == {DASH}
    rows = [
        line.split("\t") for line in text_section(render.to_text(blank), Section.REQUESTS.heading)
    ]
    assert {v for row in rows[3:] for v in row[3:]} == {DASH}
    document = HTMLDocument.parse(render.to_html(blank))
    assert {t for row in document.tables[1] for tag, t, *_ in row if tag == "td"} == {DASH}


def test_empty_narratives_keep_their_headings() -> None:
    report = attrs.evolve(samples.load(SAMPLE), problems="", other_matters=None)
    text = render.to_text(report)
    assert text.endswith(f"\n\n{Section.PROBLEMS.heading}\n")
    assert render.to_markdown(report).endswith(f"\n\n## {Section.PROBLEMS.heading}\n")
    assert render.to_html(report, standalone=False).endswith(
        f"<h2>{Section.PROBLEMS.heading}</h2>\n"
    )


@pytest.mark.parametrize(
    ("amount", "written"),
    [
        (Decimal("1085.02"), "1085.02"),
        (Decimal("96171.6000"), "96171.6000"),
        (Decimal("1E+3"), "1000"),
        (Decimal("0"), "0"),
        (Decimal("0.5"), "0.5"),
        (Decimal("123456789.12"), "123456789.12"),
    ],
)
def test_money_is_a_plain_decimal(amount: Decimal, written: str) -> None:
    report = samples.load(SAMPLE).with_cell("proactive.procurement.amount", amount)
    rows = [line.split("\t") for line in render.to_text(report).split("\n")]
    assert ["政府集中采购", "3", written] in rows
    assert ["信息内容", "采购项目数量", PROCUREMENT_HEADER] in rows


def test_counts_have_no_separators_and_changes_keep_their_sign() -> None:
    report = (
        samples.load(SAMPLE)
        .with_cell("proactive.licensing.items_change", -3)
        .with_cell("proactive.licensing.decisions", 1234567)
        .with_cell("proactive.penalties.items_change", None)
    )
    rows = [line.split("\t") for line in render.to_text(report).split("\n")]
    assert ["行政许可", "14", "-3", "1234567"] in rows
    assert ["行政处罚", "551", DASH, "2473"] in rows


def test_html_escapes_text_and_has_a_fragment_form() -> None:
    report = attrs.evolve(samples.load(SAMPLE), agency="<script>&局", problems='a < b & "c"\n</p>')
    page = render.to_html(report)
    assert "<script>" not in page
    assert "<h1>&lt;script&gt;&amp;局2020年政府信息公开工作年度报告</h1>" in page
    assert "<p>a &lt; b &amp; &quot;c&quot;</p>\n<p>&lt;/p&gt;</p>" in page
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">')
    fragment = render.to_html(report, standalone=False)
    assert fragment.startswith("<h1>")
    assert "<html" not in fragment
    assert "<meta" not in fragment
    assert fragment in page
    HTMLDocument.parse(fragment)


def test_html_merged_cells_follow_the_2021_template() -> None:
    """The 2021 template: table 三's label cells and table 四's header, merged as in the .docx."""
    report = samples.load(SAMPLE)
    page = render.to_html(report)
    assert (
        f'<tr><th colspan="3" rowspan="3">{REQUESTS_NOTE}</th>'
        f'<th colspan="7">{APPLICANT_HEADER}</th></tr>'
    ) in page
    assert f'<th rowspan="20">{RESULTS_LABEL}</th>' in page  # edition 2019: 20 result rows
    assert f'<th rowspan="8">{registry.GROUP_WITHHELD.zh}</th>' in page
    assert (
        f'<tr><th colspan="5">行政复议</th><th colspan="10">{LITIGATION_HEADER}</th></tr>' in page
    )
    assert '<tr><th colspan="4">第二十条第（一）项</th></tr>' in page
    assert f'<th colspan="2">{PROCUREMENT_HEADER}</th>' in page


# --- snapshots ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", render.FORMATS)
def test_sample_snapshot(name: str) -> None:
    rendered = render.render(samples.load(SAMPLE), name)
    path = SNAPSHOTS / f"luoyang.{SUFFIXES[name]}"
    if UPDATE_SNAPSHOTS:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, encoding="utf-8", newline="\n")
    assert path.is_file(), (
        f"missing snapshot {path}; create it with GOVINFO_UPDATE_SNAPSHOTS=1 pytest {__file__}"
    )
    expected = path.read_text(encoding="utf-8")
    assert rendered == expected, (
        f"render.render(sample {SAMPLE!r}, {name!r}) differs from {path}. If the change is "
        f"intended, regenerate the snapshots with GOVINFO_UPDATE_SNAPSHOTS=1 pytest {__file__} "
        "and review the diff."
    )


def _blank_2021_report() -> Report:
    requests = Requests.from_rows(
        {
            r.key: ApplicantCounts.not_reported()
            for r in registry.table("requests").rows_for(Edition.V2021)
        }
    )
    proactive = Proactive2021(
        regulations=Documents2021.not_reported(),
        normative_documents=Documents2021.not_reported(),
        licensing=Decisions2021.not_reported(),
        penalties=Decisions2021.not_reported(),
        coercive_measures=Decisions2021.not_reported(),
        fees=Fees2021.not_reported(),
    )
    return attrs.evolve(
        samples.load(SAMPLE),
        year=2021,
        edition=Edition.V2021,
        proactive=proactive,
        requests=requests,
    )


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_tables(path: Path) -> list[list[list[tuple[str, int, int]]]]:
    """The template's tables as HTML would have them: (text, colspan, rowspan) per cell."""
    docx = pytest.importorskip("docx")
    tables = []
    for table in docx.Document(str(path)).tables:
        grid: list[list[tuple[str, int, str | None]]] = []  # text, colspan, vMerge per cell
        for tr in table._tbl.tr_lst:
            row = []
            for tc in tr.tc_lst:
                properties = tc.tcPr
                span, merge = 1, None
                if properties is not None:
                    found = properties.find(f"{_W}gridSpan")
                    span = int(found.get(f"{_W}val")) if found is not None else 1
                    found = properties.find(f"{_W}vMerge")
                    merge = None if found is None else found.get(f"{_W}val") or "continue"
                text = "".join(t.text or "" for t in tc.iter(f"{_W}t")).strip("\u3000 ")
                row.append((text, span, merge))
            grid.append(row)
        positions = [
            dict(zip(itertools.accumulate([0] + [c[1] for c in row]), row, strict=False))
            for row in grid
        ]
        out = []
        for r, at in enumerate(positions):
            cells = []
            for column, (text, span, merge) in at.items():
                if merge == "continue":
                    continue
                rowspan = 1
                if merge == "restart":
                    while (
                        r + rowspan < len(positions)
                        and positions[r + rowspan].get(column, ("", 0, None))[2] == "continue"
                    ):
                        rowspan += 1
                cells.append((text, span, rowspan))
            out.append(cells)
        tables.append(out)
    return tables


def test_html_tables_match_the_2021_template_document(shared_dir: Path) -> None:
    """Every row of the official 2021 template (.docx) has the same cells, labels and merged
    cells as the HTML of a 2021 report (values aside: the template's are empty)."""
    template = _docx_tables(shared_dir / "samples" / "template-2021.docx")
    document = HTMLDocument.parse(render.to_html(_blank_2021_report()))
    assert len(document.tables) == len(template) == 3
    for ours, theirs in zip(document.tables, template, strict=True):
        assert len(ours) == len(theirs)
        for row, expected in zip(ours, theirs, strict=True):
            got = [(DASH if tag == "td" else text, cs, rs) for tag, text, cs, rs in row]
            want = [(text or DASH, cs, rs) for text, cs, rs in expected]
            assert got == want


def test_html_highlights_the_cells_of_findings() -> None:
    import govinfo
    from govinfo import samples
    from govinfo.render import to_html

    report = samples.load("luoyang-scjgj-2020").with_cell("requests.disclosed.natural_person", 6)
    findings = govinfo.check(report, select=["arithmetic"])
    page = to_html(report, findings=findings)
    marked = re.findall(r'<td class="govinfo-finding" title="([^"]*)">([^<]*)</td>', page)
    highlighted = {path for f in findings for path in f.cells}
    assert len(marked) == len(highlighted)
    assert any(value == "6" and "R3" in title and "R2" in title for title, value in marked)
    assert "govinfo-finding" not in to_html(report)


def _summary_and_rest(page: str) -> tuple[str, str]:
    head, _, rest = page.partition("</div>")
    return head, rest


def test_report_notebook_view_opens_with_a_summary_then_tables_then_folded_narrative() -> None:
    import govinfo
    from govinfo import samples

    report = samples.load("luoyang-scjgj-2020").with_cell("requests.disclosed.natural_person", 6)
    findings = govinfo.check(report)
    page = report._repr_html_()
    summary, rest = _summary_and_rest(page)
    assert '<div class="govinfo-summary">' in summary
    assert f"<h3>{report.agency}</h3>" in summary
    assert "2020 · template edition 2019" in summary
    errors = sum(f.severity is govinfo.Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    assert errors
    assert warnings
    assert f"findings: {errors} error(s), {warnings} warning(s); reading: none" in summary
    assert summary.count("<li>") == len(findings)
    for finding in findings:
        assert f"<b>{finding.rule}</b> {finding.severity}: {finding.message_zh}" in summary
    # then the tables, the failing cells marked, before the narrative, which is folded
    assert rest.index("<table>") < rest.index("<details>")
    assert "govinfo-finding" not in summary.replace("td.govinfo-finding", "")
    assert re.search(r'<td class="govinfo-finding" title="[^"]*">', rest)
    assert rest.count('class="govinfo-finding"') == len({p for f in findings for p in f.cells})
    details = rest[rest.index("<details>") :]
    assert report.problems is not None
    assert report.problems.split("\n")[0] in details
    assert report.problems.split("\n")[0] not in rest[: rest.index("<details>")]
    assert "一、总体情况" in details
    assert "三、收到和处理政府信息公开申请情况" not in details


def test_notebook_view_escapes_what_the_report_says() -> None:
    import attrs

    from govinfo import samples

    report = attrs.evolve(samples.load("luoyang-scjgj-2020"), problems="<b>x</b> & y")
    page = report._repr_html_()
    assert "<b>x</b> &" not in page
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in page


def test_a_report_without_findings_says_none() -> None:
    from govinfo import samples
    from govinfo.render import notebook_html

    page = notebook_html(samples.load("luoyang-scjgj-2020"))
    assert "findings: none; reading: none" in page
    assert "<ul>" not in page
    assert "govinfo-finding" not in page.replace("td.govinfo-finding", "")


def test_read_result_shows_its_findings_in_notebooks(shared_dir: Path) -> None:
    import govinfo

    result = govinfo.read(shared_dir / "samples" / "hongzequ-2023.txt")
    page = result._repr_html_()
    assert page.count('class="govinfo-finding"') == 10  # table 四's two R4 blocks
    summary, _ = _summary_and_rest(page)
    assert str(result.name) in summary
    findings = result.check()
    assert summary.count("<li>") == len(findings) + len(result.diagnostics)
    for diagnostic in result.diagnostics:
        assert f"<b>{diagnostic.code}</b> {diagnostic.severity}:" in summary
    reading = {"error": 0, "warning": 0, "info": 0}
    for diagnostic in result.diagnostics:
        reading[str(diagnostic.severity)] += 1
    shown = ", ".join(f"{n} {s}(s)" for s, n in reading.items() if n) or "none"
    assert f"reading: {shown}</p>" in summary
    # each finding says where it points: its stated total, as read
    for finding in findings:
        where = result.provenance[finding.cells[-1]].location.short()
        assert f"<small>{where}</small>" in summary


def test_luoyang_reading_errors_are_in_its_notebook_view(shared_dir: Path) -> None:
    import govinfo

    result = govinfo.read(shared_dir / "samples" / "luoyang-scjgj-2020.txt")
    summary, _ = _summary_and_rest(result._repr_html_())
    assert "reading: 1 error(s), 1 warning(s)" in summary
    assert "<b>unplaced-number</b> error:" in summary
