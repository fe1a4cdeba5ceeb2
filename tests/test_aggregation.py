"""govinfo.aggregation: adding reports up cell by cell, and the failure summary."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from decimal import Decimal, localcontext
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo import samples
from govinfo import strategies as gst
from govinfo.aggregation import (
    SUMMARY_FIELDS,
    AggregationError,
    AggregationWarning,
    Missing,
    MixedEditions,
    NothingToAggregate,
    _applicant_columns,
    _result_columns,
    aggregate,
    failure_summary,
)
from govinfo.checks import Status, check, rules
from govinfo.errors import GovinfoError
from govinfo.model import (
    ApplicantCounts,
    Decisions2021,
    Documents2021,
    Fees2021,
    NotProcessed,
    OtherHandling,
    Proactive2019,
    Proactive2021,
    Report,
    Requests,
    ResultCounts,
    ReviewLitigation,
    Source,
    Unavailable,
    Withheld,
)
from govinfo.readers import ReadResult
from govinfo.registry import Applicant, Edition, Level, RequestRow, ReviewResult

# The properties below add up reports of any years, and generated sources may repeat: what
# aggregate() warns about is tested on its own at the end.
pytestmark = pytest.mark.filterwarnings("ignore::govinfo.aggregation.AggregationWarning")

MODES: tuple[Missing, ...] = ("skip", "propagate")
FEW_REPORTS = settings(max_examples=25, deadline=None)


def tables(report: Report) -> tuple[Any, ...]:
    """Everything but identity and metadata: what aggregation computes."""
    return (report.edition, report.proactive, report.requests, report.review_litigation)


def report_lists(
    edition: Edition, *, min_size: int = 1, max_size: int = 4, **options: bool
) -> st.SearchStrategy[list[Report]]:
    return st.lists(gst.reports(edition=edition, **options), min_size=min_size, max_size=max_size)


def any_edition_lists(**options: Any) -> st.SearchStrategy[list[Report]]:
    return gst.editions().flatmap(lambda e: report_lists(e, **options))


# --- hand-made reports ---------------------------------------------------------------------


def requests_table(cell: Callable[[str, str], int | None], *, single: bool) -> Requests:
    """Table 三 with ``cell(row_key, column_key)`` in every cell; （六） as one row or three."""
    layout = Edition.V2019 if single else Edition.V2021
    rows = {
        r.key: ApplicantCounts(**{a.key: cell(r.key, a.key) for a in Applicant})
        for r in RequestRow
        if layout in r.editions
    }

    def group(name: str, cls: Callable[..., Any]) -> Any:
        prefix = f"{name}."
        return cls(**{k.removeprefix(prefix): v for k, v in rows.items() if k.startswith(prefix)})

    return Requests(
        new_requests=rows["new_requests"],
        carried_over=rows["carried_over"],
        disclosed=rows["disclosed"],
        partially_disclosed=rows["partially_disclosed"],
        withheld=group("withheld", Withheld),
        unavailable=group("unavailable", Unavailable),
        not_processed=group("not_processed", NotProcessed),
        other_handling=rows["other_handling"] if single else group("other_handling", OtherHandling),
        handled_total=rows["handled_total"],
        carried_forward=rows["carried_forward"],
    )


def report_2021(
    *,
    requests: Requests | None = None,
    proactive: Proactive2021 | None = None,
    review: ReviewLitigation | None = None,
    year: int = 2022,
    agency: str = "某市某局",
    level: Level | None = None,
) -> Report:
    return Report(
        agency=agency,
        year=year,
        edition=Edition.V2021,
        level=level,
        overview=None,
        proactive=proactive,
        requests=requests,
        review_litigation=review,
        problems=None,
        other_matters=None,
    )


def proactive_2021(fees: Decimal | None = None, licensing: int | None = 0) -> Proactive2021:
    documents = Documents2021(issued=1, repealed=0, in_force=5)
    return Proactive2021(
        regulations=documents,
        normative_documents=documents,
        licensing=Decisions2021(decisions=licensing),
        penalties=Decisions2021(decisions=2),
        coercive_measures=Decisions2021(decisions=None),
        fees=Fees2021(amount=fees),
    )


def ones(row: str, column: str) -> int:
    """1 in every cell (not consistent: for cell-by-cell tests)."""
    del row, column
    return 1


def test_column_extractors_follow_the_registry_order() -> None:
    counts = ApplicantCounts.from_values(list(range(7)))
    assert [column[0] for column in _applicant_columns([counts])] == list(counts.values())
    assert [a.name for a in attrs.fields(ApplicantCounts)] == [a.key for a in Applicant]
    results = ResultCounts.from_values(list(range(5)))
    assert [column[0] for column in _result_columns([results])] == list(results.values())
    assert [a.name for a in attrs.fields(ResultCounts)] == [r.key for r in ReviewResult]


# --- properties ------------------------------------------------------------------------------


@FEW_REPORTS
@given(any_edition_lists(consistent=True))
def test_aggregate_of_consistent_reports_is_consistent(reports: list[Report]) -> None:
    assert check(aggregate(reports), select=["arithmetic"]) == ()


@FEW_REPORTS
@given(any_edition_lists(consistent=True))
def test_propagate_never_produces_a_failing_finding(reports: list[Report]) -> None:
    # Blanked cells can only hide parts, so a rule may become uncertain but never fail.
    findings = check(aggregate(reports, missing="propagate"), select=["arithmetic"])
    assert all(f.status is Status.UNCERTAIN for f in findings)


@FEW_REPORTS
@given(any_edition_lists(min_size=2, max_size=2, consistent=False), st.sampled_from(MODES))
def test_aggregate_is_commutative(reports: list[Report], missing: Missing) -> None:
    a, b = reports
    assert tables(aggregate([a, b], missing=missing)) == tables(aggregate([b, a], missing=missing))


@FEW_REPORTS
@given(any_edition_lists(min_size=3, max_size=3, consistent=False), st.sampled_from(MODES))
def test_aggregate_is_associative(reports: list[Report], missing: Missing) -> None:
    a, b, c = reports
    left = aggregate([aggregate([a, b], missing=missing), c], missing=missing)
    right = aggregate([a, aggregate([b, c], missing=missing)], missing=missing)
    flat = aggregate([a, b, c], missing=missing)
    assert tables(left) == tables(right) == tables(flat)


@FEW_REPORTS
@given(gst.reports(consistent=False), st.sampled_from(MODES))
def test_aggregate_of_one_report_is_its_tables(report: Report, missing: Missing) -> None:
    result = aggregate([report], missing=missing)
    assert tables(result) == tables(report)
    assert result.agency == "合计（1份报告）"
    assert result.year == report.year
    assert (result.overview, result.problems, result.other_matters) == (None, None, None)
    assert (result.level, result.agency_kind, result.published, result.period) == (None,) * 4
    assert result.source is None


@FEW_REPORTS
@given(report_lists(Edition.V2019, min_size=2, consistent=False))
def test_skip_sums_reported_values_and_propagate_blanks(reports: list[Report]) -> None:
    """Cell by cell, against a direct definition of both policies."""
    skip, propagate = aggregate(reports), aggregate(reports, missing="propagate")
    for path in ("requests.disclosed.natural_person", "review_litigation.review.total"):
        having = [r for r in reports if _has_table(r, path)]
        values = [r.cell(path) for r in having]
        if not having:
            with pytest.raises(KeyError):
                skip.cell(path)
            continue
        reported = [v for v in values if v is not None]
        assert skip.cell(path) == (sum(v for v in reported) if reported else None)
        assert propagate.cell(path) == (None if None in values else sum(v for v in reported))


def _has_table(report: Report, path: str) -> bool:
    return getattr(report, path.partition(".")[0]) is not None


# --- the None policy by hand ---------------------------------------------------------------


def test_none_policy_skip_and_propagate() -> None:
    a = report_2021(proactive=proactive_2021(licensing=None))
    b = report_2021(proactive=proactive_2021(licensing=3))
    c = report_2021(proactive=proactive_2021(licensing=None))
    path = "proactive.licensing.decisions"
    assert aggregate([a, b]).cell(path) == 3
    assert aggregate([a, b], missing="skip").cell(path) == 3
    assert aggregate([a, b], missing="propagate").cell(path) is None
    assert aggregate([a, c]).cell(path) is None
    assert aggregate([a, c], missing="propagate").cell(path) is None
    assert aggregate([b, b, b], missing="propagate").cell(path) == 9
    # A reported 0 is not a blank.
    zero = report_2021(proactive=proactive_2021(licensing=0))
    assert aggregate([a, zero]).cell(path) == 0
    assert aggregate([zero, a], missing="propagate").cell(path) is None
    # coercive_measures is blank in every input.
    assert aggregate([a, b]).cell("proactive.coercive_measures.decisions") is None
    assert aggregate([a, b]).cell("proactive.penalties.decisions") == 4


def test_a_table_missing_from_some_inputs_is_summed_over_the_others() -> None:
    requests = requests_table(ones, single=False)
    with_table = report_2021(requests=requests)
    without = report_2021(proactive=proactive_2021())
    for missing in MODES:
        result = aggregate([with_table, without, with_table], missing=missing)
        assert result.cell("requests.disclosed.natural_person") == 2
        assert result.proactive == proactive_2021()
        assert result.review_litigation is None


def test_money_is_summed_exactly() -> None:
    reports = [report_2021(proactive=proactive_2021(fees=Decimal("0.1"))) for _ in range(10)]
    amount = aggregate(reports).cell("proactive.fees.amount")
    assert isinstance(amount, Decimal)
    assert amount == Decimal("1.0")
    assert str(amount) == "1.0"
    mixed = [
        report_2021(proactive=proactive_2021(fees=Decimal("96171.6"))),
        report_2021(proactive=proactive_2021(fees=Decimal("0.0004"))),
        report_2021(proactive=proactive_2021(fees=None)),
    ]
    assert aggregate(mixed).cell("proactive.fees.amount") == Decimal("96171.6004")
    with localcontext(prec=3):  # the caller's context does not round the sums
        assert aggregate(mixed).cell("proactive.fees.amount") == Decimal("96171.6004")
    assert aggregate(mixed, missing="propagate").cell("proactive.fees.amount") is None


def test_money_zero_with_blanks_stays_decimal() -> None:
    reports = [
        report_2021(proactive=proactive_2021(fees=Decimal("0.00"))),
        report_2021(proactive=proactive_2021(fees=None)),
    ]
    amount = aggregate(reports).cell("proactive.fees.amount")
    assert isinstance(amount, Decimal)
    assert amount == 0


def with_items_change(report: Report, value: int | None) -> Report:
    proactive = report.proactive
    assert isinstance(proactive, Proactive2019)
    licensing = attrs.evolve(proactive.licensing, items_change=value)
    return attrs.evolve(report, proactive=attrs.evolve(proactive, licensing=licensing))


def test_items_change_sums_with_its_sign() -> None:
    report = samples.load("luoyang-scjgj-2020")
    down, up = with_items_change(report, -7), with_items_change(report, 3)
    path = "proactive.licensing.items_change"
    assert aggregate([down, up]).cell(path) == -4
    assert aggregate([down, down]).cell(path) == -14
    cancel = [up, with_items_change(report, -3), with_items_change(report, None)]
    assert aggregate(cancel).cell(path) == 0
    assert aggregate(cancel, missing="propagate").cell(path) is None


# --- （六）其他处理 shapes ----------------------------------------------------------------------


def test_breakdowns_stay_broken_down() -> None:
    a = report_2021(requests=requests_table(ones, single=False))
    result = aggregate([a, a, a])
    assert result.requests is not None
    assert isinstance(result.requests.other_handling, OtherHandling)
    assert result.cell("requests.other_handling.unpaid_fee.natural_person") == 3
    assert result.cell("requests.other_handling.unpaid_fee.total") == 3


def test_a_single_other_handling_row_collapses_the_breakdowns() -> None:
    def cell(row: str, column: str) -> int | None:
        if row == "other_handling.unpaid_fee" and column == "research_institution":
            return None
        return {"other_handling.no_correction": 1, "other_handling.unpaid_fee": 2}.get(row, 4)

    broken_down = report_2021(requests=requests_table(cell, single=False))
    single = report_2021(requests=requests_table(lambda r, c: 10, single=True))
    for order in ([broken_down, single], [single, broken_down]):
        result = aggregate(order)
        assert result.requests is not None
        other = result.requests.other_handling
        assert isinstance(other, ApplicantCounts)
        # 10 (single row) + 1 + 2 + 4 (no_correction, unpaid_fee, other)
        assert other.natural_person == 17
        assert other.research_institution == 15  # the blank unpaid_fee cell is skipped
        propagated = aggregate(order, missing="propagate").requests
        assert propagated is not None
        assert isinstance(propagated.other_handling, ApplicantCounts)
        assert propagated.other_handling.natural_person == 17
        assert propagated.other_handling.research_institution is None
        assert result.cell("requests.disclosed.total") == 14


@FEW_REPORTS
@given(report_lists(Edition.V2021, min_size=2, max_size=4, consistent=True))
def test_collapsing_keeps_the_aggregate_consistent(reports: list[Report]) -> None:
    result = aggregate(reports)
    shapes = {type(r.requests.other_handling) for r in reports if r.requests is not None}
    if result.requests is not None:
        expected = ApplicantCounts if ApplicantCounts in shapes else OtherHandling
        assert type(result.requests.other_handling) is expected
    assert check(result, select=["arithmetic"]) == ()


# --- identity and errors -------------------------------------------------------------------


def test_identity_defaults_and_overrides() -> None:
    a = report_2021(year=2022)
    b = report_2021(year=2024)
    assert aggregate([a, a]).year == 2022
    assert aggregate([a, b]).year == 2024
    assert aggregate([b, a]).agency == "合计（2份报告）"
    named = aggregate(iter([a, b]), agency="某省合计", year=2023)
    assert (named.agency, named.year, named.edition) == ("某省合计", 2023, Edition.V2021)


def test_mixed_editions_raise() -> None:
    sample = samples.load("luoyang-scjgj-2020")
    with pytest.raises(MixedEditions, match="2019, 2021") as caught:
        aggregate([sample, report_2021(), sample])
    assert caught.value.editions == (Edition.V2019, Edition.V2021)
    assert isinstance(caught.value, GovinfoError)
    assert isinstance(caught.value, AggregationError)


def test_empty_input_raises() -> None:
    with pytest.raises(NothingToAggregate):
        aggregate([])
    with pytest.raises(GovinfoError):
        aggregate(iter(()))


def test_unknown_missing_policy_raises() -> None:
    with pytest.raises(ValueError, match="missing="):
        aggregate([report_2021()], missing="zero")  # type: ignore[arg-type]


# --- failure_summary -------------------------------------------------------------------------


def test_failure_summary_counts() -> None:
    good = samples.load("luoyang-scjgj-2020")
    assert good.requests is not None
    assert good.cell("requests.disclosed.natural_person") == 8
    typo = attrs.evolve(
        good,
        requests=attrs.evolve(
            good.requests,
            disclosed=ApplicantCounts.from_values([9, 0, 0, 0, 0, 0, 8]),
        ),
    )
    county = attrs.evolve(good, level=None)
    rows = failure_summary([good, typo, county])
    assert all(tuple(row) == SUMMARY_FIELDS for row in rows)
    by_key = {(row["rule"], row["level"]): row for row in rows}
    # Every catalogue rule of edition 2019, for each of the two (year, edition, level) groups.
    # Cross-year rules need a series of reports: check() never reports them.
    per_report = {
        r.id for r in rules() if Edition.V2019 in r.editions and "cross-year" not in r.tags
    }
    assert {rule for rule, _ in by_key} == per_report
    assert "R1" in per_report
    assert "X1" not in per_report
    assert {level for _, level in by_key} == {"prefectural", "unknown"}
    assert len(rows) == len(by_key)
    r2 = by_key[("R2", "prefectural")]
    assert r2 == {
        "rule": "R2",
        "year": 2020,
        "edition": "2019",
        "level": "prefectural",
        "reports": 2,
        "failing_reports": 1,
        "findings": 1,
        "share": 0.5,
    }
    assert by_key[("R3", "prefectural")]["failing_reports"] == 1
    assert by_key[("R1", "prefectural")]["failing_reports"] == 0
    assert by_key[("R2", "unknown")]["reports"] == 1
    assert by_key[("R2", "unknown")]["failing_reports"] == 0
    # The sample's blank 行政复议 row: an S3 warning in every report.
    s3 = by_key[("S3", "prefectural")]
    assert (s3["failing_reports"], s3["findings"], s3["share"]) == (2, 2, 1.0)
    # Sorted by rule (catalogue order), then year, edition, level (known levels first).
    order = [(row["rule"], row["level"]) for row in rows]
    assert order[:2] == [("R1", "prefectural"), ("R1", "unknown")]


def test_failure_summary_sorting_and_selection() -> None:
    good = samples.load("luoyang-scjgj-2020")
    reports = [
        attrs.evolve(good, level=Level.COUNTY),
        attrs.evolve(good, level=None),
        attrs.evolve(good, level=Level.NATIONAL, year=2019),
        attrs.evolve(good, level=Level.NATIONAL),
    ]
    rows = failure_summary(reports, select=["arithmetic"])
    assert [row["rule"] for row in rows] == ["R1"] * 4 + ["R2"] * 4 + ["R3"] * 4 + ["R4"] * 4
    assert [(row["year"], row["level"]) for row in rows[:4]] == [
        (2019, "national"),
        (2020, "national"),
        (2020, "county"),
        (2020, "unknown"),
    ]
    assert all(row["failing_reports"] == 0 and row["share"] == 0.0 for row in rows)
    assert failure_summary(reports, select=["R4"], ignore=["R4"]) == []
    assert failure_summary([]) == []
    with pytest.raises(KeyError):
        failure_summary(reports, select=["R99"])


def test_failure_summary_share_is_rounded() -> None:
    good = samples.load("luoyang-scjgj-2020")
    assert good.requests is not None
    typo = attrs.evolve(
        good,
        requests=attrs.evolve(
            good.requests, disclosed=ApplicantCounts.from_values([9, 0, 0, 0, 0, 0, 9])
        ),
    )
    rows = failure_summary([typo, good, good], select=["R2"])
    assert rows == [
        {
            "rule": "R2",
            "year": 2020,
            "edition": "2019",
            "level": "prefectural",
            "reports": 3,
            "failing_reports": 1,
            "findings": 2,  # columns natural_person and total
            "share": 0.3333,
        }
    ]


# --- warnings: several years, one document twice ----------------------------------------------


def _luoyang(year: int = 2020, *, sha: str = "a" * 64, location: str = "a.txt") -> Report:
    report = samples.load("luoyang-scjgj-2020")
    return attrs.evolve(report, year=year, source=Source(location=location, sha256=sha))


def test_reports_of_several_years_warn() -> None:
    with pytest.warns(AggregationWarning, match=r"2 years \(2019, 2020\)") as caught:
        total = aggregate([_luoyang(2020), _luoyang(2019, sha="b" * 64, location="b.txt")])
    assert len(caught) == 1
    assert total.year == 2020


def test_the_same_document_twice_warns_and_is_counted_twice() -> None:
    report = _luoyang()
    with pytest.warns(
        AggregationWarning,
        match=r"a\.txt \(sha256 a{12}…\): the same report is given 2",
    ):
        total = aggregate([report, report])
    assert total.requests is not None
    assert report.requests is not None
    assert total.requests.new_requests.total == 2 * (report.requests.new_requests.total or 0)


def test_the_same_text_under_two_names_is_the_same_document() -> None:
    with pytest.warns(AggregationWarning, match=r"a\.txt and copy/a\.txt .*given 2 times"):
        aggregate([_luoyang(location="a.txt"), _luoyang(location="copy/a.txt")])


@settings(max_examples=15, deadline=None)
@given(st.lists(gst.reports(edition=Edition.V2021), min_size=1, max_size=4))
def test_distinct_documents_of_one_year_do_not_warn(reports: list[Report]) -> None:
    reports = [
        attrs.evolve(r, year=2024, source=Source(location=f"{i}.txt", sha256=f"{i:064x}"))
        for i, r in enumerate(reports)
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        aggregate(reports)


def test_reports_of_one_compilation_are_not_the_same_report() -> None:
    report = _luoyang()
    results = [ReadResult(report=report, format="text", index=i) for i in range(3)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        total = aggregate(results)
    with pytest.warns(AggregationWarning, match="given 2 times"):
        assert aggregate([*results, results[1]]) != total


def test_a_report_without_a_known_document_is_never_a_duplicate() -> None:
    report = attrs.evolve(samples.load("luoyang-scjgj-2020"), source=None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        aggregate([report, report])
