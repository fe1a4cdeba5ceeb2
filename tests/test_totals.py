"""govinfo.totals: totals derived from their parts (R2, R3, R4), fill_totals and strip_totals."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo import samples
from govinfo import strategies as gst
from govinfo.checks import check
from govinfo.model import ApplicantCounts, OtherHandling, Report, Requests, ResultCounts
from govinfo.registry import Applicant, Edition, RequestRow, ReviewResult, cells
from govinfo.totals import (
    block_total,
    derive,
    fill_totals,
    handled_total,
    row_total,
    strip_totals,
    total_paths,
)

REPORT_EXAMPLES = settings(max_examples=40, deadline=None)
PARTIES = tuple(a.key for a in Applicant if a is not Applicant.TOTAL)
RESULTS = tuple(r.key for r in ReviewResult if r is not ReviewResult.TOTAL)
COLUMNS = tuple(a.key for a in Applicant)


def cell_paths(report: Report) -> list[str]:
    """Every cell path of ``report``'s tables (a missing table has none)."""
    paths = []
    for tbl, row, column in cells(report.edition):
        value = getattr(report, tbl.key)
        if value is None:
            continue
        if tbl.key == "requests" and row.key.startswith("other_handling"):
            single = isinstance(value.other_handling, ApplicantCounts)
            if single != (row.key == "other_handling"):
                continue
        paths.append(f"{tbl.key}.{row.key}.{column.key}")
    return paths


def with_cell(obj: Any, path: str, value: object) -> Any:
    """``obj`` with the cell at the dotted ``path`` set to ``value``."""
    head, _, rest = path.partition(".")
    if not rest:
        return attrs.evolve(obj, **{head: value})
    return attrs.evolve(obj, **{head: with_cell(getattr(obj, head), rest, value)})


def parts_of(report: Report, path: str) -> list[int | None]:
    """The cells a total at ``path`` is derived from (after R3 for handled_total.total)."""
    table_key, *row_path, column = path.split(".")
    row_key = ".".join(row_path)
    if table_key == "review_litigation":
        block = getattr(report.review_litigation, row_key)
        return [getattr(block, c) for c in RESULTS]
    assert report.requests is not None
    if row_key == "handled_total":
        outcomes = [c for r, c in report.requests.rows() if RequestRow.from_key(r.key).is_outcome]
        columns = PARTIES if column == "total" else (column,)
        return [getattr(c, col) for c in outcomes for col in columns]
    row = report.requests.row(row_key)
    return [getattr(row, c) for c in PARTIES]


# --- derive ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([], None),
        ([None], None),
        ([None, None, None], None),
        ([0, None], 0),
        ([None, 5], 5),
        ([1, 2, 3], 6),
        ([1, None, 2, None], 3),
    ],
)
def test_derive_reads_blank_as_zero_unless_every_part_is_blank(
    parts: list[int | None], expected: int | None
) -> None:
    assert derive(parts) == expected


def test_row_and_block_totals_ignore_the_stated_total() -> None:
    row = ApplicantCounts.from_values([1, 2, None, 0, None, 4, 999])
    assert row_total(row) == 7
    assert row_total(ApplicantCounts.not_reported()) is None
    assert row_total(attrs.evolve(ApplicantCounts.not_reported(), total=5)) is None
    block = ResultCounts.from_values([1, None, 2, 3, 0])
    assert block_total(block) == 6
    assert block_total(ResultCounts.not_reported()) is None


def test_handled_total_sums_every_outcome_row_per_column() -> None:
    report = samples.load("luoyang-scjgj-2020")
    assert report.requests is not None
    derived = handled_total(report.requests)
    assert derived == report.requests.handled_total
    # Change one outcome cell: only that column and the total column follow.
    changed = with_cell(report.requests, "withheld.state_secret.legal_service_org", 3)
    changed = with_cell(changed, "withheld.state_secret.total", 4)
    derived2 = handled_total(changed)
    assert derived2.legal_service_org == (derived.legal_service_org or 0) + 3
    assert derived2.total == (derived.total or 0) + 4
    assert derived2.natural_person == derived.natural_person


def doubled(row: ApplicantCounts) -> ApplicantCounts:
    return ApplicantCounts.from_values([None if v is None else 2 * v for v in row.values()])


@settings(max_examples=30, deadline=None)
@given(gst.requests_tables(edition=Edition.V2021, consistent=True))
def test_handled_total_includes_the_other_handling_rows(requests: Requests) -> None:
    # Doubling （六） moves the derived handled total by the （六） rows, whatever their shape.
    other = requests.other_handling
    bumped: ApplicantCounts | OtherHandling
    if isinstance(other, ApplicantCounts):
        rows = [other]
        bumped = doubled(other)
    else:
        rows = [other.no_correction, other.unpaid_fee, other.other]
        bumped = OtherHandling(
            no_correction=doubled(other.no_correction),
            unpaid_fee=doubled(other.unpaid_fee),
            other=doubled(other.other),
        )
    before = handled_total(requests)
    after = handled_total(attrs.evolve(requests, other_handling=bumped))
    for key in COLUMNS:
        extra = sum(getattr(row, key) or 0 for row in rows)
        assert (getattr(after, key) or 0) == (getattr(before, key) or 0) + extra


# --- derived totals agree with stated ones on consistent reports ----------------------------


@REPORT_EXAMPLES
@given(gst.reports(consistent=True, not_reported=False))
def test_derived_totals_equal_stated_totals(report: Report) -> None:
    assert report.requests is not None
    assert report.review_litigation is not None
    for _row, counts in report.requests.rows():
        assert row_total(counts) == counts.total
    assert handled_total(report.requests) == report.requests.handled_total
    for _block, block in report.review_litigation.rows():
        assert block_total(block) == block.total


@REPORT_EXAMPLES
@given(gst.reports(consistent=True))
def test_derived_totals_equal_stated_totals_reading_blanks_as_zero(report: Report) -> None:
    if report.requests is not None:
        for _row, counts in report.requests.rows():
            assert (row_total(counts) or 0) == (counts.total or 0)
        derived = handled_total(report.requests)
        for key in COLUMNS:
            assert (getattr(derived, key) or 0) == (
                getattr(report.requests.handled_total, key) or 0
            )
    if report.review_litigation is not None:
        for _block, block in report.review_litigation.rows():
            assert (block_total(block) or 0) == (block.total or 0)


# --- strip_totals and total_paths --------------------------------------------------------------


def test_total_paths_of_the_sample() -> None:
    report = samples.load("luoyang-scjgj-2020")
    paths = total_paths(report)
    # edition 2019: 22 row totals, the seven cells of （七）总计, three table 四 totals.
    assert len(paths) == 22 + 7 + 3
    assert paths[0] == "requests.new_requests.total"
    assert "requests.handled_total.total" not in paths[:22]
    assert paths[22:29] == tuple(f"requests.handled_total.{c}" for c in COLUMNS)
    assert paths[-1] == "review_litigation.litigation_after_review.total"
    assert total_paths(attrs.evolve(report, requests=None, review_litigation=None)) == ()


@REPORT_EXAMPLES
@given(gst.reports(consistent=False))
def test_strip_totals_blanks_every_total_and_nothing_else(report: Report) -> None:
    stripped = strip_totals(report)
    totals = set(total_paths(report))
    assert total_paths(stripped) == total_paths(report)
    for path in cell_paths(report):
        if path in totals:
            assert stripped.cell(path) is None, path
        else:
            assert stripped.cell(path) == report.cell(path), path
    assert stripped.proactive == report.proactive
    assert (stripped.agency, stripped.year, stripped.overview) == (
        report.agency,
        report.year,
        report.overview,
    )


# --- fill_totals -------------------------------------------------------------------------------


@REPORT_EXAMPLES
@given(gst.reports(consistent=True, not_reported=False))
def test_fill_restores_stripped_totals(report: Report) -> None:
    assert fill_totals(strip_totals(report)) == report


@REPORT_EXAMPLES
@given(gst.reports(consistent=True))
def test_fill_restores_stripped_totals_with_blanks(report: Report) -> None:
    """With blank cells (which stand for 0 in a consistent draw) a filled total equals the
    stated one whenever both are reported; where they differ, one is blank and the other 0:
    a stated total is blank (left for 0), or every part is blank so nothing can be derived."""
    filled = fill_totals(strip_totals(report))
    totals = set(total_paths(report))
    for path in cell_paths(report):
        stated, got = report.cell(path), filled.cell(path)
        if path not in totals or (stated is not None and got is not None):
            assert got == stated, path
        elif got is None:
            assert stated in (None, 0), path
            assert all(p is None for p in parts_of(report, path)), path
        else:
            assert stated is None, path
            assert got == 0, path


@REPORT_EXAMPLES
@given(gst.reports(consistent=True))
def test_filled_totals_satisfy_the_arithmetic_rules(report: Report) -> None:
    assert check(fill_totals(strip_totals(report)), select=["arithmetic"]) == ()


@REPORT_EXAMPLES
@given(gst.reports(consistent=True, not_reported=False))
def test_fill_returns_the_report_itself_when_no_total_is_missing(report: Report) -> None:
    assert fill_totals(report) is report


@REPORT_EXAMPLES
@given(gst.reports(consistent=False), st.data())
def test_fill_never_overwrites_a_reported_total(report: Report, data: st.DataObject) -> None:
    # Make some totals deliberately wrong (off by 1 to 5) and blank some others.
    paths = total_paths(report)
    wrong = data.draw(st.lists(st.sampled_from(paths), unique=True) if paths else st.just([]))
    blank = data.draw(st.lists(st.sampled_from(paths), unique=True) if paths else st.just([]))
    for path in wrong:
        report = with_cell(report, path, (report.cell(path) or 0) + data.draw(st.integers(1, 5)))
    for path in blank:
        if path not in wrong:
            report = with_cell(report, path, None)
    filled = fill_totals(report)
    for path in cell_paths(report):
        if report.cell(path) is not None or path not in paths:
            assert filled.cell(path) == report.cell(path), path
    for path in paths:
        if report.cell(path) is None and filled.cell(path) is None:
            assert all(p is None for p in parts_of(filled, path)), path


def test_fill_order_row_totals_before_the_handled_total() -> None:
    """handled_total.total comes from the outcome rows' totals, which step 1 fills first."""
    report = samples.load("luoyang-scjgj-2020")
    assert report.requests is not None
    stated = report.requests.handled_total.total
    assert stated is not None
    blanked = report
    for row, _counts in report.requests.rows():
        if RequestRow.from_key(row.key).is_outcome or row.key == "handled_total":
            blanked = with_cell(blanked, f"requests.{row.key}.total", None)
    filled = fill_totals(blanked)
    assert filled.cell("requests.handled_total.total") == stated
    assert filled == report


def test_fill_uses_the_total_column_when_only_totals_are_printed() -> None:
    """A report printing only the 总计 column: handled_total.total is still derived (R2 on the
    total column), while its applicant columns stay blank (nothing to add up)."""
    report = samples.load("luoyang-scjgj-2020")
    assert report.requests is not None
    only_totals = report
    for row, _counts in report.requests.rows():
        for column in PARTIES:
            only_totals = with_cell(only_totals, f"requests.{row.key}.{column}", None)
    only_totals = with_cell(only_totals, "requests.handled_total.total", None)
    filled = fill_totals(only_totals)
    assert filled.cell("requests.handled_total.total") == report.cell(
        "requests.handled_total.total"
    )
    assert all(filled.cell(f"requests.handled_total.{c}") is None for c in PARTIES)


def test_fill_leaves_a_total_blank_when_every_part_is_blank() -> None:
    report = samples.load("luoyang-scjgj-2020")
    # table 四 行政复议 is entirely blank in the sample: nothing to derive.
    assert report.cell("review_litigation.review.total") is None
    assert fill_totals(report) is report
    assert fill_totals(strip_totals(report)).cell("review_litigation.review.total") is None


def test_fill_and_strip_without_tables() -> None:
    report = attrs.evolve(samples.load("luoyang-scjgj-2020"), requests=None, review_litigation=None)
    assert fill_totals(report) is report
    assert strip_totals(report) == report
