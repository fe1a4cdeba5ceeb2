"""Row access on the model: rows(), from_rows(), cell() and with_cell()."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings

from govinfo import InvalidValue, samples
from govinfo import strategies as gst
from govinfo.model import ApplicantCounts, Report, Requests


@settings(max_examples=50, deadline=None)
@given(gst.requests_tables(consistent=False))
def test_from_rows_inverts_rows(requests: Requests) -> None:
    assert Requests.from_rows({row.key: counts for row, counts in requests.rows()}) == requests


def test_from_rows_names_missing_and_unknown_keys() -> None:
    report = samples.load("luoyang-scjgj-2020")
    assert report.requests is not None
    rows = {row.key: counts for row, counts in report.requests.rows()}
    with pytest.raises(KeyError, match="carried_forward"):
        Requests.from_rows({k: v for k, v in rows.items() if k != "carried_forward"})
    with pytest.raises(KeyError, match="subtotal"):
        Requests.from_rows({**rows, "subtotal": ApplicantCounts.not_reported()})


def test_cell_and_with_cell() -> None:
    report: Report = samples.load("luoyang-scjgj-2020")
    assert report.cell("proactive.procurement.amount") == Decimal("1085.02")
    assert report.cell("review_litigation.review.upheld") is None
    for bad in ("requests", "requests.withheld", "agency", "requests.disclosed.nope", "x.y.z"):
        with pytest.raises(KeyError):
            report.cell(bad)
    changed = report.with_cell("requests.withheld.state_secret.total", 3)
    assert changed.cell("requests.withheld.state_secret.total") == 3
    assert report.cell("requests.withheld.state_secret.total") == 0  # frozen: a copy
    with pytest.raises(InvalidValue, match=">= 0"):
        report.with_cell("requests.disclosed.total", -1)
    with pytest.raises(KeyError):
        report.with_cell("requests.withheld", 3)
