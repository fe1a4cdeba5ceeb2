"""Tidy records: one flat dict per table cell, and one per finding, for pandas, CSV and Parquet.

Cells (:func:`records`)
    Each record names the cell (``table``, ``row`` and ``column`` as canonical keys of
    :mod:`govinfo.registry`), its ``value`` — an ``int``, ``None`` when the report does not
    report the cell, or for money a decimal *string* in 万元 so that no binary float ever
    touches it — and its ``kind`` (``count``, ``signed`` or ``money``). It names the report
    (``agency``, ``year``, ``edition``, ``level``, ``agency_kind``, ``region``) and the document
    it was read from (``source``, ``sha256``, ``report_index``), so that two copies of one
    report (a PDF and its text) or the reports of a compilation never merge. A table the
    report lacks yields no records.

Findings (:func:`finding_records`)
    One record per finding of the checks and, for a :class:`~govinfo.readers.ReadResult`, per
    problem met while reading, with the same document and report fields (see
    :data:`FINDING_FIELDS`).

Both take reports or read results, one or many:

>>> import pandas as pd                                   # doctest: +SKIP
>>> frame = pd.DataFrame(govinfo.records(results))        # doctest: +SKIP

:func:`govinfo.to_frame` and :func:`govinfo.findings_frame` give typed pandas frames.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, TypeAlias

from govinfo._reports import SomeReports, as_items
from govinfo.checks import Finding, check
from govinfo.model import Report
from govinfo.readers import meta
from govinfo.readers.result import ReadResult

__all__ = [
    "FINDING_FIELDS",
    "RECORD_FIELDS",
    "RECORD_VERSION",
    "Reports",
    "finding_records",
    "records",
    "region",
]

Reports: TypeAlias = "SomeReports | Iterable[SomeReports]"
"""What the functions of this module take: one report, read result or file read by
:func:`govinfo.read_many`, or many."""

RECORD_VERSION = 2
"""The version of the cell records' shape. Version 1 had the first seven of
:data:`RECORD_FIELDS`; version 2 added the rest after them, keeping those seven as they were
(``value`` still holds money as a decimal string), so a consumer that reads fields by name
needs no change."""

_CELL_FIELDS = ("agency", "year", "edition", "table", "row", "column", "value")
_REPORT_FIELDS = ("source", "sha256", "report_index", "level", "agency_kind", "region")

RECORD_FIELDS = (*_CELL_FIELDS, "kind", *_REPORT_FIELDS)
"""The keys of every cell record, in order (the CSV header)."""

FINDING_FIELDS = (
    "source",
    "sha256",
    "report_index",
    "agency",
    "year",
    "edition",
    "level",
    "agency_kind",
    "region",
    "origin",
    "code",
    "severity",
    "status",
    "location",
    "cells",
    "expected",
    "actual",
    "culprit",
    "suggested",
    "message_zh",
    "message_en",
)
"""The keys of every :func:`finding_records` record, in order.

``origin`` is ``"check"`` for a finding of :func:`govinfo.check` (``code`` its rule id,
``status`` ``fail`` or ``uncertain``) and ``"read"`` for a problem met while reading (``code``
its :class:`~govinfo.readers.DiagnosticCode`, ``status`` ``None``, ``message_zh`` ``None``).
``location`` is where in the document it points (a finding: its likely culprit cell, else
the stated figure its rule compares with, when read from a file). ``cells`` is a tuple of
canonical cell paths; ``expected`` and ``actual`` are what the rule computes and what the
report states (an ``int``, a :class:`~decimal.Decimal` or a date; ``None`` for a reading
problem); ``culprit`` and ``suggested`` name the likely wrong cell and the value that makes
every rule hold, when there is one."""


def region(agency: str) -> str | None:
    """The six-digit administrative division code (GB/T 2260) of ``agency``'s place, from
    :func:`govinfo.regions.region_of` when the ``regions`` extra is installed; ``None`` when
    it is not, or when the name does not tell one place."""
    from govinfo import regions  # noqa: PLC0415 - the division list loads on first use

    if not regions.available():
        return None
    found = regions.region_of(agency)
    return None if found is None else found.code


def _items(reports: Reports) -> Iterator[Report | ReadResult]:
    return as_items(reports)


def _identity(item: Report | ReadResult) -> tuple[Report, dict[str, Any]]:
    """The report of ``item`` and the fields naming its document and the report."""
    if isinstance(item, ReadResult):
        report, index = item.report, item.index
        source = item.name
    else:
        report, index = item, None
        source = None
    if source is None and report.source is not None:
        source = report.source.location
    level = report.level or meta.level(report.agency)
    kind = report.agency_kind or meta.agency_kind(report.agency)
    return report, {
        "source": source,
        "sha256": None if report.source is None else report.source.sha256,
        "report_index": index,
        "level": None if level is None else level.value,
        "agency_kind": None if kind is None else kind.value,
        "region": region(report.agency),
    }


def records(reports: Reports) -> Iterator[dict[str, Any]]:
    """Yield one record per cell of ``reports``, in template order (see the module docs).

    ``reports`` is a :class:`~govinfo.model.Report`, a :class:`~govinfo.readers.ReadResult`,
    or an iterable of them. ``source`` is the read result's name (its path), else the
    report's :attr:`~govinfo.model.Report.source` location; ``report_index`` is the read
    result's place in its document (0 for the first or only report), ``None`` for a bare
    report, which does not know it. ``level`` and ``agency_kind`` are the report's, else what
    the agency's name shows.
    """
    for item in _items(reports):
        report, document = _identity(item)
        yield from _report_records(report, document)


def _report_records(report: Report, document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    agency, year, edition = report.agency, report.year, report.edition.value
    for table_key, content in (
        ("proactive", report.proactive),
        ("requests", report.requests),
        ("review_litigation", report.review_litigation),
    ):
        if content is None:
            continue
        for row, cells in content.rows():
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
                    "kind": column.kind.value,
                    **document,
                }


def finding_records(
    reports: Reports,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield one record per finding and reading problem of ``reports`` (see
    :data:`FINDING_FIELDS`): for each report, its reading problems in document order, then
    its findings in catalogue order.

    ``select`` and ``ignore`` narrow the checks to rule ids or tags, as for
    :func:`govinfo.check`; a reading problem is always listed.
    """
    select = None if select is None else tuple(select)
    ignore = None if ignore is None else tuple(ignore)
    for item in _items(reports):
        report, document = _identity(item)
        head = {
            **document,
            "agency": report.agency,
            "year": report.year,
            "edition": report.edition.value,
        }
        if isinstance(item, ReadResult):
            for diagnostic in item.diagnostics:
                yield _ordered(
                    head,
                    origin="read",
                    code=str(diagnostic.code),
                    severity=str(diagnostic.severity),
                    location=None if diagnostic.location is None else diagnostic.location.short(),
                    cells=diagnostic.cells,
                    message_en=diagnostic.message,
                )
            found = item.check(select=select, ignore=ignore)
        else:
            found = check(report, select=select, ignore=ignore)
        for finding in found:
            culprit = finding.culprit
            yield _ordered(
                head,
                origin="check",
                code=finding.rule,
                severity=str(finding.severity),
                status=str(finding.status),
                location=where(item, finding),
                cells=finding.cells,
                expected=finding.expected,
                actual=finding.actual,
                culprit=None if culprit is None else culprit.path,
                suggested=None if culprit is None else culprit.suggested,
                message_zh=finding.message_zh,
                message_en=finding.message_en,
            )


def _ordered(head: dict[str, Any], **fields: Any) -> dict[str, Any]:
    merged = {**head, **fields}
    return {key: merged.get(key) for key in FINDING_FIELDS}


def where(item: Report | ReadResult, finding: Finding) -> str | None:
    """Where in its document ``finding`` points: at its likely culprit cell when it has one,
    else at the stated figure its rule compares with (a table rule lists the parts, then the
    total: ``R3`` points at the row's 总计, not its first cell), each only if it was read;
    ``None`` for a bare report."""
    if not isinstance(item, ReadResult):
        return None
    culprit = [finding.culprit.path] if finding.culprit is not None else []
    for path in (*culprit, *reversed(finding.cells)):
        found = item.provenance.get(path)
        if found is not None:
            return found.location.short()
    return None
