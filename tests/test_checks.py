"""The rule catalogue and check(): properties over generated reports, and worked cases."""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo import GovinfoError, samples
from govinfo import strategies as gst
from govinfo.checks import (
    Culprit,
    InconsistentReport,
    Severity,
    Status,
    _layout,
    _requests_shape,
    check,
    check_series,
    is_consistent,
    rule,
    rules,
    validate,
)
from govinfo.model import Report
from govinfo.registry import AgencyKind, Edition

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _count_paths(report: Report) -> list[str]:
    """Every reported cell of tables 三 and 四 (the cells single-report rules constrain)."""
    paths = []
    for key, tbl in (
        ("requests", report.requests),
        ("review_litigation", report.review_litigation),
    ):
        assert tbl is not None
        for row, counts in tbl.rows():
            for column in row.columns:
                if getattr(counts, column.key) is not None:
                    paths.append(f"{key}.{row.key}.{column.key}")
    return paths


# --- the catalogue ---------------------------------------------------------------------------


def test_catalogue() -> None:
    ids = [r.id for r in rules()]
    assert ids[:5] == ["R1", "R2", "R3", "R4", "R5"]
    assert len(ids) == len(set(ids))
    assert {"S1", "S2", "S3", "D1", "X1", "X2", "X3", "T1", "T5"} <= set(ids)
    assert all(r.title_zh and r.title_en and r.source for r in rules())
    assert rule("R1").basis == "official"
    assert rule("X1").severity is Severity.WARNING
    assert [r.id for r in rules(select=["cross-year"])] == ["X1", "X2", "X3"]
    assert "R4" not in {r.id for r in rules(ignore=["review_litigation"])}
    with pytest.raises(KeyError, match="R9"):
        rules(select=["R9"])
    with pytest.raises(KeyError, match="no rule"):
        rule("nope")


# --- properties ------------------------------------------------------------------------------


@SETTINGS
@given(gst.reports())
def test_consistent_reports_have_no_finding(report: Report) -> None:
    assert check(report) == ()
    assert is_consistent(report)
    assert validate(report) is report


def test_a_consistent_report_never_says_a_figure_of_the_narrative_examples() -> None:
    # hypothesis draws text from string constants of the code under test too: the narrative
    # module's example "全年共受理政府信息公开申请 3119 件" became a consistent report's
    # overview, and T1 found it against a table of 9
    assert not gst._states_no_figure("全年共受理政府信息公开申请 3119 件")
    assert gst._states_no_figure("本机关认真做好政府信息公开工作。")


@SETTINGS
@given(gst.reports(), st.data())
def test_any_single_change_is_caught_and_localised(report: Report, data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(_count_paths(report)), label="cell")
    original = report.cell(path)
    assert isinstance(original, int)
    changed = data.draw(
        st.integers(min_value=0, max_value=original + 1000).filter(lambda v: v != original),
        label="new value",
    )
    findings = check(report.with_cell(path, changed), select=["arithmetic"])
    assert findings, "a single changed count must break at least one rule"
    expected = Culprit(path, changed, original)
    for finding in findings:
        assert expected in finding.candidates
        if path.startswith("requests."):
            assert finding.culprit == expected  # table 三 always pins the one cell
        else:
            assert finding.culprit in (expected, None)  # table 四: one equation, five cells


@SETTINGS
@given(gst.reports(not_reported=False), st.data())
def test_blanks_never_give_a_false_fail(report: Report, data: st.DataObject) -> None:
    paths = data.draw(st.lists(st.sampled_from(_count_paths(report)), unique=True, max_size=6))
    blanked = report
    for path in paths:
        blanked = blanked.with_cell(path, None)
    for finding in check(blanked, select=["arithmetic"]):
        assert finding.status is Status.UNCERTAIN


@SETTINGS
@given(gst.reports(consistent=False))
def test_check_is_pure_and_total(report: Report) -> None:
    first = check(report)
    assert check(report) == first
    for finding in first:
        assert finding.message_zh
        assert finding.message_en
        if isinstance(finding.expected, date) and isinstance(finding.actual, date):
            assert finding.difference == (finding.actual - finding.expected).days
        elif finding.expected is not None and finding.actual is not None:
            assert not isinstance(finding.expected, date)
            assert not isinstance(finding.actual, date)
            assert finding.difference == finding.actual - finding.expected
        for operand in finding.operands:
            assert operand.path in finding.cells


# --- worked cases ----------------------------------------------------------------------------


def test_bundled_sample_only_lacks_the_review_block() -> None:
    report = samples.load("luoyang-scjgj-2020")
    (finding,) = check(report)
    assert finding.rule == "S3"
    assert finding.cells[0] == "review_litigation.review.upheld"
    assert is_consistent(report)


def test_typo_in_handled_total_breaks_three_rules_and_names_the_cell() -> None:
    report = samples.load("luoyang-scjgj-2020").with_cell(
        "requests.handled_total.natural_person", 80
    )
    findings = check(report, select=["arithmetic"])
    assert [f.rule for f in findings] == ["R1", "R2", "R3"]
    for f in findings:
        assert f.culprit == Culprit("requests.handled_total.natural_person", 80, 8)
        assert f.severity is Severity.ERROR
        assert f.status is Status.FAIL
    r1 = findings[0]
    assert (r1.expected, r1.actual, r1.difference) == (8, 80, 72)
    assert r1.cells == (
        "requests.new_requests.natural_person",
        "requests.carried_over.natural_person",
        "requests.handled_total.natural_person",
        "requests.carried_forward.natural_person",
    )
    with pytest.raises(InconsistentReport, match="R1 fail") as info:
        validate(report)
    assert isinstance(info.value, GovinfoError)
    assert not is_consistent(report)
    assert is_consistent(report, ignore=["arithmetic"])


def test_blank_hiding_a_number_is_uncertain_and_the_blank_is_the_culprit() -> None:
    report = samples.load("luoyang-scjgj-2020").with_cell("requests.disclosed.natural_person", None)
    findings = check(report, select=["arithmetic"])
    assert {f.rule for f in findings} == {"R2", "R3"}
    assert all(f.status is Status.UNCERTAIN for f in findings)
    assert all(f.culprit == Culprit("requests.disclosed.natural_person", None, 8) for f in findings)


def test_parts_exceeding_a_total_fail_even_with_blanks() -> None:
    report = (
        samples.load("luoyang-scjgj-2020")
        .with_cell("requests.disclosed.commercial_enterprise", None)
        .with_cell("requests.disclosed.natural_person", 9)
    )
    r3 = next(f for f in check(report) if f.rule == "R3")
    assert r3.status is Status.FAIL  # a blank cannot be negative


def test_table_four_typo_lists_candidates() -> None:
    report = samples.load("luoyang-scjgj-2020").with_cell(
        "review_litigation.litigation_direct.total", 3
    )
    (finding,) = check(report, select=["R4"])
    assert finding.culprit is None
    assert Culprit("review_litigation.litigation_direct.total", 3, 2) in finding.candidates
    assert len(finding.candidates) == 5


def test_structure_rules() -> None:
    report = attrs.evolve(samples.load("luoyang-scjgj-2020"), requests=None, problems=None)
    findings = check(report, select=["structure"])
    assert [(f.rule, f.severity, f.cells) for f in findings] == [
        ("S1", Severity.WARNING, ("problems",)),
        ("S2", Severity.ERROR, ("requests",)),
        ("S3", Severity.WARNING, findings[2].cells),
    ]
    assert not is_consistent(report)
    assert check(report, select=["arithmetic"]) == ()  # table 四 still adds up on its own


def test_items_change_range() -> None:
    report = samples.load("luoyang-scjgj-2020").with_cell("proactive.licensing.items_change", -20)
    (finding,) = check(report, select=["R5"])
    assert finding.cells == (
        "proactive.licensing.items_last_year",
        "proactive.licensing.items_change",
    )
    assert finding.actual == -6


# --- across years --------------------------------------------------------------------------


def _next_year(report: Report) -> Report:
    """The same agency a year later, carrying over exactly what it carried forward."""
    assert report.requests is not None
    nxt = attrs.evolve(report, year=report.year + 1)
    for key in ("natural_person", "other_org", "total"):
        value = report.cell(f"requests.carried_forward.{key}")
        nxt = nxt.with_cell(f"requests.carried_over.{key}", value)
    return nxt


def test_series_carry_over() -> None:
    base = samples.load("luoyang-scjgj-2020").with_cell(
        "requests.carried_forward.natural_person", 0
    )
    later = attrs.evolve(base, year=2021, edition=Edition.V2019, proactive=None)
    assert check_series([later, base], select=["X1"]) == ()
    wrong = later.with_cell("requests.carried_over.natural_person", 2)
    (finding,) = check_series([base, wrong], select=["X1"])
    assert finding.rule == "X1"
    assert finding.severity is Severity.WARNING
    assert finding.cells == (
        "2021:requests.carried_over.natural_person",
        "2020:requests.carried_forward.natural_person",
    )
    assert (finding.expected, finding.actual) == (0, 2)


def test_series_proactive_2019() -> None:
    base = samples.load("luoyang-scjgj-2020").with_cell("proactive.licensing.items_change", 2)
    later = attrs.evolve(base, year=2021).with_cell("proactive.licensing.items_last_year", 16)
    rules_hit = {f.cells[0] for f in check_series([base, later], select=["X3"])}
    assert "2021:proactive.licensing.items_last_year" not in rules_hit
    assert "2021:proactive.normative_documents.published_total" in rules_hit  # 19 ≠ 19 + 8


def test_series_rejects_mixed_agencies_and_duplicate_years() -> None:
    report = samples.load("luoyang-scjgj-2020")
    with pytest.raises(GovinfoError, match="one agency"):
        check_series([report, attrs.evolve(report, agency="别的局")])
    with pytest.raises(GovinfoError, match="one year"):
        check_series([report, report])
    assert check_series([report]) == ()


# --- timeliness ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "kind", "expected"),
    [
        ("2021-01-31", AgencyKind.DEPARTMENT, None),
        ("2021-02-01", AgencyKind.DEPARTMENT, (Status.FAIL, 1)),
        ("2021-03-31", AgencyKind.GOVERNMENT, None),
        ("2021-04-10", AgencyKind.GOVERNMENT, (Status.FAIL, 10)),
        ("2021-02-20", None, (Status.UNCERTAIN, 20)),
        ("2021-04-01", None, (Status.FAIL, 1)),
    ],
)
def test_timeliness(
    published: str, kind: AgencyKind | None, expected: tuple[Status, int] | None
) -> None:
    report = attrs.evolve(
        samples.load("luoyang-scjgj-2020"),
        published=date.fromisoformat(published),
        agency_kind=kind,
    )
    findings = check(report, select=["D1"])
    if expected is None:
        assert findings == ()
    else:
        (finding,) = findings
        assert (finding.status, finding.difference) == expected
        assert finding.severity is Severity.WARNING
        assert finding.actual == report.published


# --- the fast arithmetic and blank-row paths are the plain ones ------------------------------


def _plain_arithmetic(
    report: Report, active: frozenset[str]
) -> list[tuple[str, Status, object, object]]:
    """Each equation evaluated on its own, blanks read as 0: (rule, status, expected, actual)
    of every broken one."""
    layout = _layout(report.edition, _requests_shape(report), report.review_litigation is not None)
    values = [report.cell(path) for path in layout.paths]
    broken: list[tuple[str, Status, object, object]] = []
    for eq in layout.equations:
        if eq.rule not in active:
            continue
        parts = [values[i] for i in eq.parts]
        whole = [values[i] for i in eq.whole]
        expected = sum(v for v in parts if v is not None)
        actual = sum(v for v in whole if v is not None)
        if expected != actual:
            hidden = (expected < actual and None in parts) or (expected > actual and None in whole)
            broken.append((eq.rule, Status.UNCERTAIN if hidden else Status.FAIL, expected, actual))
    return broken


def _plain_blank_rows(report: Report) -> list[tuple[str, ...]]:
    """The cells of every row of tables 二、三、四 with no cell reported."""
    found = []
    for key in ("proactive", "requests", "review_litigation"):
        tbl = getattr(report, key)
        if tbl is None:
            continue
        for row, cells in tbl.rows():
            if all(v is None for v in cells.values()):
                found.append(tuple(f"{key}.{row.key}.{c.key}" for c in row.columns))
    return found


@SETTINGS
@given(
    st.one_of(gst.reports(consistent=False), gst.reports()),
    st.sets(st.sampled_from(["R1", "R2", "R3", "R4"]), min_size=1).map(frozenset),
)
def test_arithmetic_and_blank_rows_are_the_plain_ones(
    report: Report, active: frozenset[str]
) -> None:
    found = check(report, select=sorted(active))
    assert [(f.rule, f.status, f.expected, f.actual) for f in found] == sorted(
        _plain_arithmetic(report, active), key=lambda b: b[0]
    )
    blank = [f.cells for f in check(report, select=["S3"])]
    assert blank == _plain_blank_rows(report)
