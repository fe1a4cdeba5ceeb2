"""Render-then-read: for generated reports, every format govinfo writes reads back to the
same report (up to metadata a published report does not show: level, agency kind, source)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from govinfo import render
from govinfo import strategies as gst
from govinfo.model import Report
from govinfo.readers import read

SHOWN = ("agency", "year", "edition", "period", "published")
TABLES = ("proactive", "requests", "review_litigation")
NARRATIVE = ("overview", "problems", "other_matters")


def _shown(report: Report, fmt: str) -> dict[str, object]:
    """What the format carries exactly: Markdown all of it; HTML its narrative up to
    whitespace (a browser collapses it, and so does the reader); plain text does not escape
    narrative (a line holding a tab is ambiguous there), so its narrative is not compared."""
    shown: dict[str, object] = {name: getattr(report, name) for name in SHOWN + TABLES}
    if fmt == "markdown":
        shown.update({name: getattr(report, name) for name in NARRATIVE})
    elif fmt == "html":
        shown["narrative"] = _words(report)
    return shown


def _words(report: Report) -> str:
    texts = [report.problems or "", report.other_matters or ""]
    if report.overview is not None:
        texts.append(report.overview.text)
        texts += [f"{p.heading} {p.text}" for p in report.overview.parts]
    return " ".join(" ".join(texts).split())


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=gst.reports(not_reported=True))
def test_render_then_read(fmt: str, report: Report) -> None:
    if fmt == "html":
        pytest.importorskip("govinfo.readers.formats")
    back = read(render.render(report, fmt), format=fmt).report
    assert _shown(back, fmt) == _shown(report, fmt)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=gst.reports(not_reported=True))
def test_pipe_separated_text_reads_like_tabs(report: Report) -> None:
    """Page scrapers join a table's cells with " | ": read as the tab-separated text is."""
    text = render.render(report, "text")
    piped = "\n".join(
        " | ".join(line.split("\t")) if "\t" in line else line for line in text.splitlines()
    )
    back = read(piped, format="text").report
    assert _shown(back, "text") == _shown(report, "text")


def test_blank_and_missing_tables_stay_apart() -> None:
    from govinfo import samples
    from govinfo.model import ResultCounts

    report = samples.load("luoyang-scjgj-2020")
    assert report.review_litigation is not None
    blank = ResultCounts.not_reported()
    cases = [
        attrs.evolve(report, proactive=None),
        attrs.evolve(
            report,
            review_litigation=attrs.evolve(report.review_litigation, litigation_direct=blank),
        ),
    ]
    for case in cases:
        for fmt in ("markdown", "text"):
            back = read(render.render(case, fmt), format=fmt).report
            assert back.proactive == case.proactive
            assert back.review_litigation == case.review_litigation
