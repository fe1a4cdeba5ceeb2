"""The public strategies keep their promises, checked by a small rule checker written here,
independently of the strategies (and of any checker in src)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from govinfo import Edition, Report
from govinfo import strategies as gst
from govinfo.model import (
    ApplicantCounts,
    OtherHandling,
    Proactive2019,
    Proactive2021,
    Requests,
    ResultCounts,
    ReviewLitigation,
)
from govinfo.registry import RequestRow

REPORTS = settings(max_examples=40, deadline=None)
TABLES = settings(max_examples=50, deadline=None)
FIND = settings(
    max_examples=500, deadline=None, database=None, phases=[Phase.generate], derandomize=True
)
"""For :func:`hypothesis.find`: we only need an example, and shrinking a report is slow."""

# --- an independent checker of R1–R4 (None counts as 0) ---------------------------------------

APPLICANTS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_interest_org",
    "legal_service_org",
    "other_org",
)
RESULTS = ("upheld", "corrected", "other", "pending")
BLOCKS = ("review", "litigation_direct", "litigation_after_review")
OUTCOMES = (
    "disclosed",
    "partially_disclosed",
    "withheld.state_secret",
    "withheld.prohibited_by_law",
    "withheld.security_stability",
    "withheld.third_party_rights",
    "withheld.internal_affairs",
    "withheld.process_information",
    "withheld.enforcement_files",
    "withheld.inquiry_matters",
    "unavailable.not_held",
    "unavailable.needs_creation",
    "unavailable.unclear_after_correction",
    "not_processed.complaint",
    "not_processed.repeated",
    "not_processed.publication",
    "not_processed.excessive",
    "not_processed.reissue",
)
"""Outcome rows (format.md §5) other than （六）其他处理."""
OTHER_HANDLING_BREAKDOWN = (
    "other_handling.no_correction",
    "other_handling.unpaid_fee",
    "other_handling.other",
)


def n(value: int | None) -> int:
    return 0 if value is None else value


def get(obj: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def outcome_keys(requests: Requests) -> tuple[str, ...]:
    if isinstance(requests.other_handling, ApplicantCounts):
        return (*OUTCOMES, "other_handling")
    return (*OUTCOMES, *OTHER_HANDLING_BREAKDOWN)


def row_sum_violations(name: str, row: Any, columns: tuple[str, ...]) -> list[str]:
    """R3 / R4: the row's total is the sum of its other columns."""
    parts = sum(n(getattr(row, c)) for c in columns)
    if n(row.total) != parts:
        return [f"{name}: total {row.total} != {parts}"]
    return []


def requests_violations(requests: Requests) -> list[str]:
    found: list[str] = []
    outcomes = outcome_keys(requests)
    for column in (*APPLICANTS, "total"):

        def cell(key: str, column: str = column) -> int:
            return n(getattr(get(requests, key), column))

        if cell("new_requests") + cell("carried_over") != cell("handled_total") + cell(
            "carried_forward"
        ):
            found.append(f"R1 {column}")
        if cell("handled_total") != sum(cell(key) for key in outcomes):
            found.append(f"R2 {column}")
    for key in (*outcomes, "new_requests", "carried_over", "handled_total", "carried_forward"):
        found.extend(f"R3 {v}" for v in row_sum_violations(key, get(requests, key), APPLICANTS))
    return found


def review_violations(review: ReviewLitigation) -> list[str]:
    return [
        f"R4 {v}"
        for block in BLOCKS
        for v in row_sum_violations(block, getattr(review, block), RESULTS)
    ]


def violations(report: Report) -> list[str]:
    """Every R1–R4 rule the report breaks, treating a not-reported cell as 0."""
    found: list[str] = []
    if report.requests is not None:
        found.extend(requests_violations(report.requests))
    if report.review_litigation is not None:
        found.extend(review_violations(report.review_litigation))
    return found


def leaves(value: Any) -> Iterator[Any]:
    """Every cell of an attrs table (or row), recursively."""
    for item in attrs.asdict(value, recurse=False).values():
        if attrs.has(type(item)):
            yield from leaves(item)
        else:
            yield item


def table_cells(report: Report) -> list[Any]:
    return [
        cell
        for t in (report.proactive, report.requests, report.review_litigation)
        if t is not None
        for cell in leaves(t)
    ]


def test_checker_constants_match_the_registry() -> None:
    """The hand-written outcome lists above are the registry's, so the checker stays honest."""
    assert tuple(r.key for r in RequestRow.outcomes(Edition.V2019)) == (
        *OUTCOMES,
        "other_handling",
    )
    assert tuple(r.key for r in RequestRow.outcomes(Edition.V2021)) == (
        *OUTCOMES,
        *OTHER_HANDLING_BREAKDOWN,
    )


@settings(max_examples=30, deadline=None)
@given(report=gst.reports(not_reported=False), data=st.data())
def test_checker_catches_any_one_changed_cell(report: Report, data: st.DataObject) -> None:
    """The checker is not vacuous: changing one cell of table 三 breaks at least R3."""
    assert report.requests is not None
    key = data.draw(st.sampled_from(outcome_keys(report.requests)))
    column = data.draw(st.sampled_from((*APPLICANTS, "total")))
    row = get(report.requests, key)
    changed_row = attrs.evolve(row, **{column: getattr(row, column) + 1})
    *parents, leaf = key.split(".")
    if parents:
        group = getattr(report.requests, parents[0])
        requests = attrs.evolve(
            report.requests, **{parents[0]: attrs.evolve(group, **{leaf: changed_row})}
        )
    else:
        requests = attrs.evolve(report.requests, **{leaf: changed_row})
    assert violations(report) == []
    assert violations(attrs.evolve(report, requests=requests)) != []


# --- consistent strategies satisfy R1–R4 --------------------------------------------------------


@pytest.mark.parametrize("edition", list(Edition))
@REPORTS
@given(data=st.data())
def test_consistent_reports_satisfy_every_rule(edition: Edition, data: st.DataObject) -> None:
    # None cells stand where 0 is meant: the rules hold with every None read as 0.
    report = data.draw(gst.reports(edition=edition))
    assert violations(report) == []


@REPORTS
@given(gst.reports(not_reported=False))
def test_fully_reported_consistent_reports_satisfy_every_rule(report: Report) -> None:
    assert violations(report) == []


@TABLES
@given(gst.requests_tables())
def test_requests_tables_satisfy_r1_to_r3(requests: Requests) -> None:
    assert requests_violations(requests) == []


@TABLES
@given(gst.review_litigation_tables())
def test_review_litigation_tables_satisfy_r4(review: ReviewLitigation) -> None:
    assert review_violations(review) == []


@TABLES
@given(gst.applicant_counts(), gst.result_counts())
def test_single_rows_add_up(applicants: ApplicantCounts, results: ResultCounts) -> None:
    assert row_sum_violations("row", applicants, APPLICANTS) == []
    assert row_sum_violations("block", results, RESULTS) == []


@TABLES
@given(gst.reports())
def test_counts_are_non_negative_ints_and_money_decimals(report: Report) -> None:
    for cell in table_cells(report):
        assert cell is None or type(cell) is int or type(cell) is Decimal
        if type(cell) is Decimal:
            assert cell.is_finite()
            assert not cell.is_signed()
            assert cell < gst.MAX_MONEY
            assert -4 <= cell.as_tuple().exponent <= 0  # type: ignore[operator]
    for t in (report.requests, report.review_litigation):
        if t is not None:
            assert all(c is None or (type(c) is int and c >= 0) for c in leaves(t))


# --- not_reported ---------------------------------------------------------------------------


@pytest.mark.parametrize("consistent", [True, False], ids=["consistent", "any"])
@REPORTS
@given(data=st.data())
def test_not_reported_false_leaves_no_cell_blank(consistent: bool, data: st.DataObject) -> None:
    report = data.draw(gst.reports(consistent=consistent, not_reported=False))
    assert report.proactive is not None
    assert report.requests is not None
    assert report.review_litigation is not None
    assert None not in table_cells(report)


@TABLES
@given(
    st.tuples(
        gst.requests_tables(not_reported=False, consistent=False),
        gst.review_litigation_tables(not_reported=False),
        gst.proactive_tables(not_reported=False),
        gst.applicant_counts(not_reported=False),
        gst.result_counts(not_reported=False, consistent=False),
    )
)
def test_not_reported_false_tables_have_no_blank_cell(tables: tuple[Any, ...]) -> None:
    for t in tables:
        assert None not in list(leaves(t))


def test_not_reported_cells_occur() -> None:
    """With the default not_reported=True, blank cells occur (and, in inconsistent reports,
    missing tables)."""
    report = find(gst.reports(), lambda r: None in table_cells(r), settings=FIND)
    assert violations(report) == []
    find(gst.reports(consistent=False), lambda r: r.requests is None, settings=FIND)
    requests = find(
        gst.requests_tables(),
        lambda t: any(row.total is None for _, row in t.rows()),
        settings=FIND,
    )
    assert requests_violations(requests) == []
    find(
        gst.proactive_tables(),
        lambda t: any(c is None for c in leaves(t)) and any(c for c in leaves(t)),
        settings=FIND,
    )


# --- editions and shapes ------------------------------------------------------------------------

YEARS = {Edition.V2019: range(2019, 2021), Edition.V2021: range(2021, gst.LAST_YEAR + 1)}
PROACTIVE = {Edition.V2019: Proactive2019, Edition.V2021: Proactive2021}


@pytest.mark.parametrize("edition", list(Edition))
@REPORTS
@given(data=st.data())
def test_reports_follow_their_edition(edition: Edition, data: st.DataObject) -> None:
    report = data.draw(gst.reports(edition=edition, consistent=data.draw(st.booleans())))
    assert report.edition is edition
    assert report.year in YEARS[edition]
    assert Edition.for_year(report.year) is edition
    if report.proactive is not None:
        assert type(report.proactive) is PROACTIVE[edition]
    if report.requests is not None and edition is Edition.V2019:
        assert isinstance(report.requests.other_handling, ApplicantCounts)
    if report.period is not None:
        assert date(report.year, 1, 1) <= report.period.start <= report.period.end
        assert report.period.end <= date(report.year, 12, 31)
    assert report.agency.strip()
    assert re.search(r"[\u4e00-\u9fff]", report.agency)


@TABLES
@given(gst.requests_tables(edition=Edition.V2019, consistent=False))
def test_edition_2019_other_handling_is_always_one_row(requests: Requests) -> None:
    assert isinstance(requests.other_handling, ApplicantCounts)


@pytest.mark.parametrize("edition", list(Edition))
@TABLES
@given(data=st.data())
def test_proactive_tables_follow_their_edition(edition: Edition, data: st.DataObject) -> None:
    assert type(data.draw(gst.proactive_tables(edition=edition))) is PROACTIVE[edition]


@pytest.mark.parametrize("edition", list(Edition))
def test_either_edition_when_none_is_given(edition: Edition) -> None:
    find(gst.editions(), lambda e: e is edition, settings=FIND)
    find(gst.reports(), lambda r: r.edition is edition, settings=FIND)
    find(gst.proactive_tables(), lambda t: type(t) is PROACTIVE[edition], settings=FIND)


def test_edition_2021_other_handling_takes_both_shapes() -> None:
    shapes = {OtherHandling, ApplicantCounts}
    find(
        gst.requests_tables(edition=Edition.V2021),
        all_seen(shapes, lambda t: {type(t.other_handling)}),
        settings=FIND,
    )


@pytest.mark.parametrize("shape", [OtherHandling, ApplicantCounts])
def test_edition_2021_other_handling_of_either_shape_adds_up(shape: type) -> None:
    requests = find(
        gst.requests_tables(edition=Edition.V2021, not_reported=False),
        lambda t: type(t.other_handling) is shape and t.handled_total.total > 0,
        settings=FIND,
    )
    assert requests_violations(requests) == []


def test_items_change_can_be_negative() -> None:
    find(
        gst.proactive_tables(edition=Edition.V2019),
        lambda t: t.licensing.items_change is not None and t.licensing.items_change < 0,
        settings=FIND,
    )


def all_seen(wanted: set[Any], seen_in: Callable[[Any], set[Any]]) -> Callable[[Any], bool]:
    """A :func:`find` condition that holds once every ``wanted`` thing has been seen in some
    example (so one search covers several "sometimes" promises)."""
    seen: set[Any] = set()

    def condition(example: Any) -> bool:
        seen.update(seen_in(example))
        return wanted <= seen

    return condition


OPTIONAL = ("level", "agency_kind", "published", "period", "source", "overview", "problems")


def test_optional_parts_are_sometimes_missing_and_sometimes_present() -> None:
    find(
        gst.reports(consistent=False),
        all_seen(
            {(name, missing) for name in OPTIONAL for missing in (True, False)},
            lambda r: {(name, getattr(r, name) is None) for name in OPTIONAL},
        ),
        settings=FIND,
    )


# --- consistent=False ---------------------------------------------------------------------------


def test_inconsistent_strategies_can_break_the_rules() -> None:
    report = find(gst.reports(consistent=False), lambda r: violations(r) != [], settings=FIND)
    assert violations(report)
    find(
        gst.requests_tables(consistent=False),
        all_seen({"R1", "R2", "R3"}, lambda t: {v[:2] for v in requests_violations(t)}),
        settings=FIND,
    )
    find(
        gst.review_litigation_tables(consistent=False),
        lambda t: review_violations(t) != [],
        settings=FIND,
    )
    find(
        gst.applicant_counts(consistent=False),
        lambda row: row_sum_violations("row", row, APPLICANTS) != [],
        settings=FIND,
    )


def test_inconsistent_reports_include_a_single_near_miss() -> None:
    """Half of consistent=False draws are consistent tables with a cell or so changed."""
    find(
        gst.requests_tables(consistent=False, not_reported=False),
        lambda t: 0 < len(requests_violations(t)) <= 3,
        settings=FIND,
    )


# --- small strategies and arguments ----------------------------------------------------------


@TABLES
@given(gst.periods(year=2022), gst.periods(), gst.sources())
def test_periods_and_sources(period: Any, any_period: Any, source: Any) -> None:
    assert date(2022, 1, 1) <= period.start <= period.end <= date(2022, 12, 31)
    assert any_period.start.year == any_period.end.year
    assert source.location
    assert source.sha256 is None or re.fullmatch(r"[0-9a-f]{64}", source.sha256)


def test_edition_may_be_given_as_its_value() -> None:
    find(gst.reports(edition="2021"), lambda r: r.edition is Edition.V2021, settings=FIND)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "call",
    [
        lambda: gst.reports(edition="2020"),  # type: ignore[arg-type]
        lambda: gst.requests_tables(edition=2021),  # type: ignore[arg-type]
        lambda: gst.proactive_tables(edition="V2021"),  # type: ignore[call-overload]
        lambda: gst.reports(consistent="yes"),  # type: ignore[arg-type]
        lambda: gst.review_litigation_tables(not_reported=1),  # type: ignore[arg-type]
        lambda: gst.applicant_counts(consistent=None),  # type: ignore[arg-type]
        lambda: gst.periods(year=2022.0),  # type: ignore[arg-type]
    ],
)
def test_invalid_arguments(call: Any) -> None:
    with pytest.raises(InvalidArgument):
        call()


@settings(max_examples=50)
@given(gst.reports())
def test_narrative_text_has_no_line_that_reads_as_a_heading(report: Report) -> None:
    # printed, a text line "（六）其他处理" (a string constant hypothesis drew from the code)
    # is a sub-part heading, and the report no longer reads back as itself
    heading = re.compile(
        r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+\s*[、.．])"
    )
    texts = [report.problems or "", report.other_matters or ""]
    if report.overview is not None:
        texts += [report.overview.text, *(p.text for p in report.overview.parts)]
    assert not any(heading.match(line) for text in texts for line in text.split("\n"))
