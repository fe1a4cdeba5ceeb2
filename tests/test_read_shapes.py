"""Report shapes the template does not foresee, built from a sample's reading written out by
:mod:`govinfo.render`: compilations whose agencies stand above their titles, and tables found
by what they hold wherever the headings put them."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo import render, samples
from govinfo.readers import read_all

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
