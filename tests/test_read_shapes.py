"""Report shapes the template does not foresee, built from a sample's reading written out by
:mod:`govinfo.render`: compilations whose agencies stand above their titles, and tables found
by what they hold wherever the headings put them."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from govinfo import render, samples
from govinfo import strategies as gst
from govinfo.model import Report
from govinfo.readers import ReadResult, read, read_all
from govinfo.readers.result import DiagnosticSeverity
from govinfo.registry import Edition, Section

AGENCIES = (
    "淮安市水利局",
    "淮安市教育局",
    "洛阳市市场监督管理局",
    "临江市自然资源和规划局",
    "淮安市人民政府办公室",
    "平潭综合实验区",
)


@settings(max_examples=12, deadline=None)
@given(
    agencies=st.lists(st.sampled_from(AGENCIES), min_size=2, max_size=4, unique=True),
    signed=st.booleans(),
    wrapped=st.booleans(),
)
def test_compilation_agency_above_a_title_without_it(
    agencies: list[str], signed: bool, wrapped: bool
) -> None:
    """A compilation whose every report prints its agency on its own line (or two) above a
    title without it keeps each report's agency: it was 'unknown agency' after the first, the
    agency's line read as the end of the report before."""
    base = samples.load("luoyang-scjgj-2020")
    parts = []
    for agency in agencies:
        lines = render.to_text(attrs.evolve(base, agency=agency)).splitlines()
        head = [agency[:-1], agency[-1:]] if wrapped and len(agency) > 6 else [agency]
        lines[0:1] = [*head, f"{base.year}年政府信息公开工作年度报告"]
        if signed:  # the agency and the date under the report, before the next one
            lines += [agency, "2021年1月20日"]
        parts.append("\n".join(lines))
    results = read_all("\n".join(parts), format="text")
    assert [r.report.agency for r in results] == agencies
    for result, after in zip(results, agencies[1:], strict=False):
        assert result.report.requests == base.requests
        assert after not in (result.report.other_matters or "")  # the next report's agency


# --- tables found by what they hold --------------------------------------------------------

TABLES = (Section.PROACTIVE, Section.REQUESTS, Section.REVIEW_LITIGATION)
FORMATS = ("text", "markdown", "html")


def _heading(fmt: str, text: str, level: int = 2) -> str:
    if fmt == "text":
        return text
    if fmt == "markdown":
        return "#" * level + " " + text
    return f"<h{level}>{text}</h{level}>"


def _parts(fmt: str, report: Report) -> tuple[list[str], dict[Section, list[str]]]:
    """The report rendered in ``fmt``, as the lines before section 一 and each section's lines
    after its heading."""
    lines = render.render(report, fmt).splitlines()
    headings = {s: _heading(fmt, s.heading) for s in Section}
    at = {s: lines.index(h) for s, h in headings.items() if h in lines}
    ordered = sorted(at.items(), key=lambda kv: kv[1])
    bodies = {
        s: lines[i + 1 : (ordered[k + 1][1] if k + 1 < len(ordered) else len(lines))]
        for k, (s, i) in enumerate(ordered)
    }
    head = lines[: ordered[0][1]] if ordered else lines
    if fmt == "html":  # the page's end is no section's
        closing = ["</body>", "</html>"]
        last = bodies[ordered[-1][0]]
        bodies[ordered[-1][0]] = [x for x in last if x not in closing]
    return head, bodies


def _page(fmt: str, lines: list[str]) -> str:
    return "\n".join([*lines, "</body>", "</html>"] if fmt == "html" else lines) + "\n"


def _renumbered(fmt: str, report: Report, numbers: dict[Section, str]) -> str:
    """The report with some section headings under other numbers."""
    head, bodies = _parts(fmt, report)
    out = list(head)
    for section, body in bodies.items():
        out += [_heading(fmt, numbers.get(section, section.number) + "、" + section.zh), *body]
    return _page(fmt, out)


def _appended(fmt: str, report: Report, captions: str) -> str:
    """The report's text first, its tables after it: under headings numbered anew
    (``captions="numbered"``), under ``附表`` and ``表二``… (``"appendix"``), or with the text
    pointing at them under the template's headings and the tables under ``附表1``…
    (``"pointed"``)."""
    head, bodies = _parts(fmt, report)
    out = list(head)
    narrative = [s for s in bodies if s not in TABLES]
    for k, section in enumerate(narrative):
        if captions == "pointed" and section is Section.PROBLEMS:
            for table in TABLES:
                if table in bodies:
                    out += [_heading(fmt, table.heading), _paragraph(fmt, "详见附表。")]
        number = section.number if captions == "pointed" else "一二三四五六"[k]
        out += [_heading(fmt, f"{number}、{section.zh}"), *bodies[section]]
    if captions == "appendix":
        out.append(_heading(fmt, "附表"))
    for k, table in enumerate(t for t in TABLES if t in bodies):
        caption = {
            "numbered": f"{'一二三'[k]}、{table.zh}",
            "appendix": f"表{table.number} {table.zh}",
            "pointed": f"附表{k + 1}：{table.zh}",
        }[captions]
        out += [_heading(fmt, caption, 3), *bodies[table]]
    return _page(fmt, out)


def _paragraph(fmt: str, text: str) -> str:
    return f"<p>{text}</p>" if fmt == "html" else text


def _without_block_heading(fmt: str, report: Report) -> str:
    """Table 二 without its 第二十条第（六）项 line: 行政处罚 and 行政强制 follow the （五）
    rows directly (the header line under it kept or left out too)."""
    caption = "第二十条第（六）项"
    lines = render.render(report, fmt).splitlines()
    if fmt == "html":
        lines = [x for x in lines if caption not in x]
    else:
        at = next(i for i, x in enumerate(lines) if caption in x)
        if fmt == "markdown":  # one pipe table: the caption row, its rule and header gone
            del lines[at - 1 : at + 3]
        else:
            del lines[at]
    return "\n".join(lines) + "\n"


def _tables(report: Report) -> tuple[object, ...]:
    return (report.proactive, report.requests, report.review_litigation)


def _codes(result: ReadResult) -> set[str]:
    return {str(d.code) for d in result.diagnostics}


def _errors(result: ReadResult) -> set[str]:
    return {str(d.code) for d in result.diagnostics if d.severity is DiagnosticSeverity.ERROR}


def _read_as(report: Report, fmt: str, text: str) -> ReadResult:
    plain = read(render.render(report, fmt), format=fmt)
    result = read(text, format=fmt)
    assert _tables(result.report) == _tables(report)
    assert _errors(result) <= _errors(plain)  # nothing lost that the template's layout keeps
    if fmt == "markdown":  # the narrative sections still carry the text (Markdown: exactly)
        assert result.report.problems == report.problems
        assert result.report.other_matters == report.other_matters
    return result


SHAPES = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "numbers",
    [
        {Section.REQUESTS: "二"},  # a numbering slip
        {Section.REVIEW_LITIGATION: "三"},
        {Section.PROACTIVE: "三", Section.REQUESTS: "二"},  # two headings swapped
        {s: "一二三四五"[k] for k, s in enumerate(list(Section)[1:])},  # numbered on after 一
    ],
    ids=["requests-as-2", "review-as-3", "swapped", "shifted"],
)
@SHAPES
@given(report=gst.reports(not_reported=True))
def test_tables_under_misnumbered_headings(
    fmt: str, numbers: dict[Section, str], report: Report
) -> None:
    result = _read_as(report, fmt, _renumbered(fmt, report, numbers))
    shown = {s for s in numbers if s in _parts(fmt, report)[1]}
    if shown:
        assert "section-number" in _codes(result)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("captions", ["numbered", "appendix", "pointed"])
@SHAPES
@given(report=gst.reports(not_reported=True))
def test_tables_appended_after_the_text(fmt: str, captions: str, report: Report) -> None:
    result = _read_as(report, fmt, _appended(fmt, report, captions))
    if any(t is not None for t in _tables(report)):
        assert "table-elsewhere" in _codes(result)


@pytest.mark.parametrize("fmt", FORMATS)
@SHAPES
@given(report=gst.reports(edition=Edition.V2021, not_reported=True))
def test_table_two_without_a_block_heading(fmt: str, report: Report) -> None:
    assume(report.proactive is not None)
    _read_as(report, fmt, _without_block_heading(fmt, report))


@pytest.mark.parametrize("fmt", FORMATS)
@SHAPES
@given(report=gst.reports(not_reported=True))
def test_table_three_without_its_heading(fmt: str, report: Report) -> None:
    """Table 三's heading left out: it follows table 二 in section 二's place."""
    assume(report.proactive is not None and report.requests is not None)
    head, bodies = _parts(fmt, report)
    out = list(head)
    for section, body in bodies.items():
        if section is not Section.REQUESTS:
            out.append(_heading(fmt, section.heading))
        out += body
    result = _read_as(report, fmt, _page(fmt, out))
    assert "table-elsewhere" in _codes(result)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_overview_parts_numbered_like_headings_stay_the_overview(fmt: str) -> None:
    """An overview whose parts are numbered 一、主动公开情况, 二、依申请公开情况 … and a report
    whose section 二 heading is left out: those parts are no section headings (the overview
    keeps its text), and table 二 is read where its rows are."""
    report = samples.load("luoyang-scjgj-2020")
    assert report.overview is not None
    text = render.render(report, fmt)
    for k, part in enumerate(report.overview.parts):
        text = text.replace(part.heading, "一二三四五"[k] + "、" + part.heading[3:], 1)
    dropped = _heading(fmt, Section.PROACTIVE.heading) + "\n"
    assert dropped in text
    result = read(text.replace(dropped, "", 1), format=fmt)
    assert result.report.proactive == report.proactive
    assert "table-elsewhere" in _codes(result)
    overview = result.report.overview
    assert overview is not None
    for part in report.overview.parts:
        assert part.text.split("\n")[0] in overview.text
