"""Tidy records: one flat dict per table cell, for pandas, CSV and Parquet.

Each record names the report (``agency``, ``year``, ``edition``), the cell (``table``, ``row``
and ``column`` as canonical keys of :mod:`govinfo.registry`) and its ``value``: an ``int``,
``None`` when the report does not report the cell, or for money a decimal *string* in 万元 so
that no binary float ever touches it. A table the report lacks yields no records.

>>> import pandas as pd                                   # doctest: +SKIP
>>> frame = pd.DataFrame(govinfo.records(report))          # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from govinfo._reports import SomeReports, as_reports
from govinfo.model import Report

__all__ = ["RECORD_FIELDS", "records"]

RECORD_FIELDS = ("agency", "year", "edition", "table", "row", "column", "value")
"""The keys of every record, in order (the CSV header)."""


def records(reports: SomeReports | Iterable[SomeReports]) -> Iterator[dict[str, Any]]:
    """Yield one record per cell of ``reports`` (one report or many; reports, read results or
    files read by :func:`govinfo.read_many`), in template order."""
    for report in as_reports(reports):
        yield from _report_records(report)


def _report_records(report: Report) -> Iterator[dict[str, Any]]:
    agency, year, edition = report.agency, report.year, report.edition.value
    for table_key, table in (
        ("proactive", report.proactive),
        ("requests", report.requests),
        ("review_litigation", report.review_litigation),
    ):
        if table is None:
            continue
        for row, cells in table.rows():
            for column in row.columns:
                value = getattr(cells, column.key)
                yield {
                    "agency": agency,
                    "year": year,
                    "edition": edition,
                    "table": table_key,
                    "row": row.key,
                    "column": column.key,
                    "value": format(value, "f") if isinstance(value, Decimal) else value,
                }
