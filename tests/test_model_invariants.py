"""The model's validators: what each field accepts and rejects, and that they check types, not
the 勾稽关系 (an inconsistent report is still a report)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo import GovinfoError, InvalidValue, Report, UnsupportedEdition
from govinfo import strategies as gst
from govinfo.model import (
    CELL_KIND,
    ApplicantCounts,
    Decisions2021,
    Documents2019,
    Documents2021,
    FeeItems2019,
    Fees2021,
    Items2019,
    OtherHandling,
    Period,
    Procurement2019,
    ResultCounts,
    Source,
)
from govinfo.registry import CellKind, Edition

REPORTS = settings(max_examples=30, deadline=None)
CELLS = settings(max_examples=100, deadline=None)

ROW_CLASSES: tuple[Any, ...] = (
    ApplicantCounts,
    ResultCounts,
    Documents2019,
    Items2019,
    FeeItems2019,
    Procurement2019,
    Documents2021,
    Decisions2021,
    Fees2021,
)
"""Every row-of-cells class of the model."""


def cells_of_kind(kind: CellKind) -> list[tuple[Any, str]]:
    return [
        (cls, a.name)
        for cls in ROW_CLASSES
        for a in attrs.fields(cls)
        if a.metadata[CELL_KIND] is kind
    ]


COUNT_CELLS = cells_of_kind(CellKind.COUNT)
SIGNED_CELLS = cells_of_kind(CellKind.SIGNED)
MONEY_CELLS = cells_of_kind(CellKind.MONEY)

VALID = {
    CellKind.COUNT: st.one_of(st.none(), st.integers(min_value=0)),
    CellKind.SIGNED: st.one_of(st.none(), st.integers()),
    CellKind.MONEY: st.one_of(
        st.none(), st.decimals(min_value=0, allow_nan=False, allow_infinity=False).map(abs)
    ),
}


@st.composite
def valid_rows(draw: st.DrawFn, cls: Any) -> Any:
    """A valid row of ``cls``: any values its validators accept."""
    return cls.from_values([draw(VALID[a.metadata[CELL_KIND]]) for a in attrs.fields(cls)])


def cell_and_row(cells: list[tuple[Any, str]]) -> st.SearchStrategy[tuple[Any, str]]:
    """A cell name and a valid row of its class."""
    return st.sampled_from(cells).flatmap(
        lambda cell: st.tuples(valid_rows(cell[0]), st.just(cell[1]))
    )


def test_cell_lists_cover_the_model() -> None:
    assert len(COUNT_CELLS) == 7 + 5 + 3 + 2 + 1 + 1 + 3 + 1
    assert {name for _, name in SIGNED_CELLS} == {"items_change"}
    assert {cls for cls, _ in MONEY_CELLS} == {Procurement2019, Fees2021}


def test_invalid_value_is_a_govinfo_error_and_a_value_error() -> None:
    assert issubclass(InvalidValue, GovinfoError)
    assert issubclass(InvalidValue, ValueError)
    assert issubclass(UnsupportedEdition, GovinfoError)


# --- counts -------------------------------------------------------------------------------


@CELLS
@given(cell=cell_and_row(COUNT_CELLS), value=st.integers(max_value=-1))
def test_negative_count_is_rejected(cell: tuple[Any, str], value: int) -> None:
    row, name = cell
    with pytest.raises(InvalidValue, match=name):
        attrs.evolve(row, **{name: value})


@CELLS
@given(cell=cell_and_row(COUNT_CELLS), value=st.one_of(st.none(), st.integers(min_value=0)))
def test_non_negative_count_or_none_is_accepted(cell: tuple[Any, str], value: int | None) -> None:
    row, name = cell
    assert getattr(attrs.evolve(row, **{name: value}), name) == value


NOT_INTS = st.one_of(
    st.booleans(),
    st.floats(),
    st.decimals(),
    st.text(max_size=3),
    st.fractions(),
    st.lists(st.integers(), max_size=2),
)


@CELLS
@given(cell=cell_and_row(COUNT_CELLS + SIGNED_CELLS), value=NOT_INTS)
def test_count_must_be_an_int_not_a_bool_or_float(cell: tuple[Any, str], value: object) -> None:
    row, name = cell
    with pytest.raises(InvalidValue):
        attrs.evolve(row, **{name: value})


@pytest.mark.parametrize("value", [True, False, 1.0, 0.0, Decimal(1), "1"])
def test_count_rejects_lookalikes(value: object) -> None:
    with pytest.raises(InvalidValue):
        ApplicantCounts.from_values([value, *[0] * 6])


@CELLS
@given(cell=cell_and_row(SIGNED_CELLS), value=st.one_of(st.none(), st.integers()))
def test_items_change_accepts_negatives(cell: tuple[Any, str], value: int | None) -> None:
    row, name = cell
    assert getattr(attrs.evolve(row, **{name: value}), name) == value


# --- money -------------------------------------------------------------------------------


@CELLS
@given(
    cell=cell_and_row(MONEY_CELLS),
    value=st.decimals(min_value=0, allow_nan=False, allow_infinity=False).map(abs),
)
def test_money_accepts_finite_non_negative_decimals(cell: tuple[Any, str], value: Decimal) -> None:
    row, name = cell
    assert getattr(attrs.evolve(row, **{name: value}), name) == value


BAD_MONEY = st.one_of(
    st.decimals(max_value=Decimal("-1e-8"), allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal(-1)]
    ),
    st.floats(),
    st.integers(),
    st.booleans(),
    st.text(max_size=5),
)


@CELLS
@given(cell=cell_and_row(MONEY_CELLS), value=BAD_MONEY)
def test_money_rejects_anything_but_a_finite_non_negative_decimal(
    cell: tuple[Any, str], value: object
) -> None:
    row, name = cell
    with pytest.raises(InvalidValue):
        attrs.evolve(row, **{name: value})


# --- reports -------------------------------------------------------------------------------


@REPORTS
@given(data=st.data())
def test_proactive_table_must_match_the_edition(data: st.DataObject) -> None:
    report = data.draw(gst.reports(not_reported=False))
    other = Edition.V2021 if report.edition is Edition.V2019 else Edition.V2019
    wrong = data.draw(gst.proactive_tables(edition=other))
    with pytest.raises(InvalidValue, match="proactive"):
        attrs.evolve(report, proactive=wrong)
    assert attrs.evolve(report, proactive=None).proactive is None


@REPORTS
@given(
    report=gst.reports(edition=Edition.V2019, not_reported=False),
    breakdown=st.builds(
        OtherHandling,
        no_correction=gst.applicant_counts(),
        unpaid_fee=gst.applicant_counts(),
        other=gst.applicant_counts(),
    ),
)
def test_edition_2019_other_handling_is_one_row(report: Report, breakdown: OtherHandling) -> None:
    assert report.requests is not None
    requests = attrs.evolve(report.requests, other_handling=breakdown)  # a table on its own: fine
    with pytest.raises(InvalidValue, match="other_handling"):
        attrs.evolve(report, requests=requests)
    # ... and the same table is fine in an edition 2021 report, as is a single row there.
    as_2021 = attrs.evolve(report, year=2021, edition=Edition.V2021, proactive=None)
    assert attrs.evolve(as_2021, requests=requests).requests == requests
    assert attrs.evolve(as_2021, requests=report.requests).requests == report.requests


@REPORTS
@given(data=st.data())
def test_other_handling_must_be_a_row_or_a_breakdown(data: st.DataObject) -> None:
    requests = data.draw(gst.requests_tables())
    wrong = data.draw(st.one_of(st.none(), gst.result_counts(), st.integers()))
    with pytest.raises(InvalidValue, match="other_handling"):
        attrs.evolve(requests, other_handling=wrong)  # type: ignore[arg-type]


@REPORTS
@given(report=gst.reports(), year=st.integers(max_value=2018))
def test_report_years_before_2019_are_unsupported(report: Report, year: int) -> None:
    with pytest.raises(UnsupportedEdition, match=str(year)):
        attrs.evolve(report, year=year)


@REPORTS
@given(report=gst.reports(), year=st.one_of(st.booleans(), st.floats(), st.text(max_size=4)))
def test_report_year_must_be_an_int(report: Report, year: object) -> None:
    with pytest.raises(InvalidValue, match="year"):
        attrs.evolve(report, year=year)  # type: ignore[arg-type]


@REPORTS
@given(report=gst.reports(), agency=st.text(" \t\n\u3000", max_size=4))
def test_agency_must_not_be_blank(report: Report, agency: str) -> None:
    with pytest.raises(InvalidValue, match="agency"):
        attrs.evolve(report, agency=agency)


@REPORTS
@given(report=gst.reports())
def test_edition_is_converted_from_its_value_and_checked(report: Report) -> None:
    assert attrs.evolve(report, edition=report.edition.value).edition is report.edition
    with pytest.raises(UnsupportedEdition):
        attrs.evolve(report, edition="2020")


@REPORTS
@given(report=gst.reports(not_reported=False), extra=st.integers(1, 1000))
def test_inconsistent_report_is_still_constructible(report: Report, extra: int) -> None:
    """Validators check types only; totals that do not add up are data to be checked later."""
    assert report.requests is not None
    assert report.review_litigation is not None
    handled = report.requests.handled_total
    assert handled.total is not None
    requests = attrs.evolve(
        report.requests, handled_total=attrs.evolve(handled, total=handled.total + extra)
    )
    review = report.review_litigation.review
    assert review.total is not None
    review_litigation = attrs.evolve(
        report.review_litigation, review=attrs.evolve(review, total=review.total + extra)
    )
    broken = attrs.evolve(report, requests=requests, review_litigation=review_litigation)
    assert broken.cell("requests.handled_total.total") == handled.total + extra
    assert broken.cell("review_litigation.review.total") == review.total + extra
    assert broken != report


@REPORTS
@given(gst.reports(consistent=False))
def test_inconsistent_reports_are_valid_models(report: Report) -> None:
    assert attrs.evolve(report) == report  # every validator passes again


# --- metadata ------------------------------------------------------------------------------


@CELLS
@given(period=gst.periods(), days=st.integers(1, 3650))
def test_period_end_must_not_precede_start(period: Period, days: int) -> None:
    end = period.start.fromordinal(period.start.toordinal() - days)
    with pytest.raises(InvalidValue, match="period"):
        attrs.evolve(period, end=end)


@CELLS
@given(
    source=gst.sources(),
    digest=st.one_of(
        st.text("0123456789abcdef", max_size=63),
        st.text("0123456789abcdef", min_size=65, max_size=70),
        st.text("0123456789ABCDEF", min_size=64, max_size=64).filter(lambda s: s != s.lower()),
    ),
)
def test_sha256_must_be_64_lowercase_hex_digits(source: Source, digest: str) -> None:
    with pytest.raises(InvalidValue, match="sha256"):
        attrs.evolve(source, sha256=digest)


def test_cells_default_nothing() -> None:
    """Every cell must be given: there is no silent default of 0 or None."""
    for cls in ROW_CLASSES:
        assert all(a.default is attrs.NOTHING for a in attrs.fields(cls))
        with pytest.raises(TypeError):
            cls()
