"""Adding up many reports, and summarising where many reports fail the checks.

:func:`aggregate` adds reports of one template edition cell by cell into one report-shaped
result (a roll-up of a government's departments, or of a whole province); :func:`failure_summary`
counts, for each rule, year, edition and administrative level, how many reports break it.

Not-reported cells when adding up (``missing=``)
    ``"skip"`` (the default)
        A cell of the result is ``None`` only when *no* input reported it; otherwise it is the
        sum of the values that were reported. Reports leave zero cells blank, so this is the
        sum with blanks read as 0, the reading :mod:`govinfo.checks` uses: the aggregate of
        reports that add up adds up too.
    ``"propagate"``
        A cell of the result is ``None`` as soon as *any* input left it blank: a figure is
        only given when every input gave one. The aggregate of reports that add up then has
        no ``fail`` finding, only ``uncertain`` ones where blanks hide a part.

    Both policies only concern inputs that have the table: a table missing from an input
    (``report.requests is None``, say) is summed over the inputs that have it, and is
    ``None`` in the result when no input has it.

（六）其他处理 in edition 2021
    When every input that has table 三 prints the three-row breakdown
    (:class:`~govinfo.model.OtherHandling`), the result keeps the breakdown, row by row. When
    any input prints （六） as one row (:class:`~govinfo.model.ApplicantCounts`, a real
    deviation), the result has one row too: each cell is the sum over the single rows and
    over all three rows of every breakdown, under the same ``missing`` policy.

Speed
    Adding up 100,000 reports takes well under two seconds on one core (see
    ``benchmarks/bench_checks.py`` and ``docs/aggregation.md``): the work is done column by
    column over all reports, with C-level loops (list comprehensions over slotted attributes
    and :func:`sum`), and ``None`` is only looked for in a column that has one.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import MAX_PREC, Decimal, localcontext
from functools import cache
from operator import attrgetter
from typing import Any, Literal, TypeAlias, get_type_hints

import attrs

from govinfo._reports import SomeReports, as_items, as_reports
from govinfo.checks import check, rules
from govinfo.errors import AggregationError, MixedEditions, NothingToAggregate
from govinfo.model import (
    PROACTIVE_CLASSES,
    ApplicantCounts,
    OtherHandling,
    Proactive2019,
    Proactive2021,
    Report,
    Requests,
    ResultCounts,
    ReviewLitigation,
)
from govinfo.readers.result import ReadResult
from govinfo.registry import Edition, Level, RequestRow, ReviewBlock

__all__ = [
    "SUMMARY_FIELDS",
    "UNKNOWN_LEVEL",
    "AggregationError",
    "AggregationWarning",
    "Missing",
    "MixedEditions",
    "NothingToAggregate",
    "aggregate",
    "failure_summary",
]

Missing: TypeAlias = Literal["skip", "propagate"]
"""How :func:`aggregate` treats not-reported cells (see the module documentation)."""

_Value: TypeAlias = int | Decimal | None


class AggregationWarning(UserWarning):
    """What :func:`aggregate` adds up but may not mean to: reports of several years, or one
    report of one document given twice."""


_Combine: TypeAlias = Callable[[Sequence[Any]], Any]


# --- adding up columns -------------------------------------------------------------------------


def _sum_skip(values: Sequence[Any]) -> Any:
    """The sum of the reported values, ``None`` when none is reported (``missing="skip"``)."""
    try:
        return sum(values)  # the common case: no blank, C-level int fast path
    except TypeError:  # a None among the values
        pass
    total = sum(filter(None, values))  # dropping zeros does not change the sum
    if total:
        return total
    first = next((v for v in values if v is not None), None)
    if first is None:
        return None
    return first * 0 + total  # 0 of the column's type: int, or Decimal for money


def _sum_propagate(values: Sequence[Any]) -> Any:
    """The sum of the values, ``None`` when any is ``None`` (``missing="propagate"``)."""
    try:
        return sum(values)
    except TypeError:  # a None among the values
        return None


_COMBINE: dict[str, _Combine] = {"skip": _sum_skip, "propagate": _sum_propagate}


def _applicant_columns(rows: Sequence[ApplicantCounts]) -> tuple[list[Any], ...]:
    """The seven columns of ``rows`` (table 三), in template order."""
    # Written out: a list comprehension over a slotted attribute is about twice as fast as
    # map(attrgetter(...)); tests hold the order to the registry's.
    return (
        [r.natural_person for r in rows],
        [r.commercial_enterprise for r in rows],
        [r.research_institution for r in rows],
        [r.public_interest_org for r in rows],
        [r.legal_service_org for r in rows],
        [r.other_org for r in rows],
        [r.total for r in rows],
    )


def _result_columns(rows: Sequence[ResultCounts]) -> tuple[list[Any], ...]:
    """The five columns of ``rows`` (table 四 blocks), in template order."""
    return (
        [r.upheld for r in rows],
        [r.corrected for r in rows],
        [r.other for r in rows],
        [r.pending for r in rows],
        [r.total for r in rows],
    )


def _sum_applicant_rows(rows: Sequence[ApplicantCounts], combine: _Combine) -> list[Any]:
    return [combine(column) for column in _applicant_columns(rows)]


# --- per-edition layout ----------------------------------------------------------------------


@attrs.frozen
class _ProactiveRow:
    key: str
    cls: Any
    getter: Callable[[Any], Any]
    columns: tuple[Callable[[Any], Any], ...]


@attrs.frozen
class _Layout:
    proactive_class: type[Proactive2019] | type[Proactive2021]
    proactive: tuple[_ProactiveRow, ...]
    requests: tuple[tuple[str, Callable[[Any], ApplicantCounts]], ...]
    """Every table 三 row but （六）其他处理: key and getter."""


_BREAKDOWN = tuple(
    r.key for r in RequestRow if r.group is not None and r.group.key == "other_handling"
)
_BREAKDOWN_GETTERS = tuple(attrgetter(key.split(".")[1]) for key in _BREAKDOWN)


@cache
def _layout(edition: Edition) -> _Layout:
    proactive_class = PROACTIVE_CLASSES[edition]
    rows = []
    for spec_key, row_cls in _row_classes(proactive_class).items():
        names = tuple(a.name for a in attrs.fields(row_cls))
        rows.append(
            _ProactiveRow(
                key=spec_key,
                cls=row_cls,
                getter=attrgetter(spec_key),
                columns=tuple(attrgetter(name) for name in names),
            )
        )
    request_rows = tuple(
        (r.key, attrgetter(r.key))
        for r in RequestRow
        if edition in r.editions and r.key.split(".")[0] != "other_handling"
    )
    return _Layout(proactive_class, tuple(rows), request_rows)


def _row_classes(cls: type[Proactive2019] | type[Proactive2021]) -> dict[str, type[Any]]:
    """Table 二's rows, by key in template order, with their row classes."""
    hints = get_type_hints(cls)
    return {a.name: hints[a.name] for a in attrs.fields(cls)}


# --- the tables ------------------------------------------------------------------------------


def _present(tables: list[Any]) -> list[Any]:
    """The tables that are not ``None`` (model objects are always true)."""
    return list(filter(None, tables))


def _aggregate_proactive(
    tables: list[Any], layout: _Layout, combine: _Combine
) -> Proactive2019 | Proactive2021:
    rows = {}
    for spec in layout.proactive:
        cells = list(map(spec.getter, tables))
        values = [combine(list(map(column, cells))) for column in spec.columns]
        rows[spec.key] = spec.cls.from_values(values)
    return layout.proactive_class(**rows)


def _aggregate_requests(tables: list[Requests], layout: _Layout, combine: _Combine) -> Requests:
    rows: dict[str, ApplicantCounts] = {}
    for key, getter in layout.requests:
        rows[key] = ApplicantCounts.from_values(
            _sum_applicant_rows(list(map(getter, tables)), combine)
        )
    handling = [t.other_handling for t in tables]
    if all(type(h) is OtherHandling for h in handling):
        for key, getter in zip(_BREAKDOWN, _BREAKDOWN_GETTERS, strict=True):
            rows[key] = ApplicantCounts.from_values(
                _sum_applicant_rows(list(map(getter, handling)), combine)
            )
    else:
        # Collapse: one row summing every single row and every row of every breakdown.
        singles = [h for h in handling if type(h) is ApplicantCounts]
        breakdowns = [h for h in handling if type(h) is OtherHandling]
        parts = [_sum_applicant_rows(singles, combine)]
        parts += [
            _sum_applicant_rows(list(map(getter, breakdowns)), combine)
            for getter in _BREAKDOWN_GETTERS
            if breakdowns
        ]
        rows[RequestRow.OTHER_HANDLING.key] = ApplicantCounts.from_values(
            [combine(column) for column in zip(*parts, strict=True)]
        )
    return Requests.from_rows(rows)


def _aggregate_review(tables: list[ReviewLitigation], combine: _Combine) -> ReviewLitigation:
    blocks = {}
    for block in ReviewBlock:
        cells = list(map(attrgetter(block.key), tables))
        blocks[block.key] = ResultCounts.from_values(
            [combine(column) for column in _result_columns(cells)]
        )
    return ReviewLitigation(**blocks)


def _warn_of_surprises(items: Sequence[Report | ReadResult]) -> None:
    """Warn (:class:`AggregationWarning`) when ``items`` span several report years, and for
    each report given more than once: the same report of the same document (by SHA-256)."""
    years = sorted({_report(item).year for item in items})
    if len(years) > 1:
        warnings.warn(
            f"aggregate: the reports are of {len(years)} years ({', '.join(map(str, years))}); "
            "their figures are added up as one",
            AggregationWarning,
            stacklevel=3,
        )
    names: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for item in items:
        report = _report(item)
        if report.source is not None and report.source.sha256 is not None:
            names[_document_key(item, report.source.sha256)].append(report.source.location)
    for (sha256, *_), seen in names.items():
        if len(seen) > 1:
            shown = " and ".join(sorted(set(seen)))
            warnings.warn(
                f"aggregate: {shown} (sha256 {str(sha256)[:12]}…): the same report is given "
                f"{len(seen)} times and counted each time",
                AggregationWarning,
                stacklevel=3,
            )


def _report(item: Report | ReadResult) -> Report:
    return item if isinstance(item, Report) else item.report


def _document_key(item: Report | ReadResult, sha256: str) -> tuple[object, ...]:
    """What tells one report of one document from another: its document's SHA-256 and its
    place in the document (for a bare report, which does not know its place, its agency and
    year)."""
    if isinstance(item, ReadResult):
        return (sha256, item.index)
    return (sha256, item.agency, item.year)


def aggregate(
    reports: Iterable[SomeReports],
    *,
    agency: str | None = None,
    year: int | None = None,
    missing: Missing = "skip",
) -> Report:
    """Add up ``reports`` of one template edition, cell by cell, into one report.

    The result has tables 二, 三 and 四 (each the cell-by-cell sum over the inputs that have
    it, ``None`` when none has it), no narrative sections and no metadata (``level``,
    ``agency_kind``, ``published``, ``period``, ``source`` are ``None``). Counts add up as
    ``int``, ``items_change`` (which may be negative) too, and money as exact
    :class:`~decimal.Decimal` (万元), whatever the current decimal context's precision.
    Stated totals are added up like any cell, so the result adds up whenever the inputs do
    (with ``missing="skip"``).

    ``missing`` says what a blank cell does (see the module documentation): ``"skip"`` leaves
    it out (the result cell is ``None`` only when no input reported it), ``"propagate"`` makes
    the result cell ``None`` when any input left it blank.

    ``agency`` defaults to ``"合计（N份报告）"`` (N reports in all); ``year`` to the inputs'
    common report year, or the latest one when they differ.

    ``reports`` may be read results (:class:`~govinfo.readers.ReadResult`). An
    :class:`AggregationWarning` says when the reports are of several years, and when one
    report of one document is given twice (the same SHA-256 and, for read results, the same
    place in the document; for bare reports, the same agency and year): each is still added.

    Raises :class:`NothingToAggregate` for no input and :class:`MixedEditions` for inputs of
    different editions (both are :class:`~govinfo.errors.GovinfoError`).
    """
    combine = _COMBINE.get(missing)
    if combine is None:
        raise ValueError(f"missing={missing!r}: expected 'skip' or 'propagate'")
    given = list(as_items(reports))
    if not given:
        raise NothingToAggregate("aggregate() needs at least one report, got none")
    _warn_of_surprises(given)
    items = list(map(_report, given))
    editions = set(map(_EDITION, items))
    if len(editions) > 1:
        raise MixedEditions(editions)
    (edition,) = editions
    layout = _layout(edition)

    proactive = _present(list(map(_PROACTIVE, items)))
    requests = _present(list(map(_REQUESTS, items)))
    review = _present(list(map(_REVIEW, items)))
    # Money: exact sums whatever the caller's decimal context (additions never round here).
    with localcontext(prec=MAX_PREC):
        proactive_sum = _aggregate_proactive(proactive, layout, combine) if proactive else None
    return Report(
        agency=f"合计（{len(items)}份报告）" if agency is None else agency,
        year=max(map(_YEAR, items)) if year is None else year,
        edition=edition,
        overview=None,
        proactive=proactive_sum,
        requests=_aggregate_requests(requests, layout, combine) if requests else None,
        review_litigation=_aggregate_review(review, combine) if review else None,
        problems=None,
        other_matters=None,
    )


_EDITION = attrgetter("edition")
_YEAR = attrgetter("year")
_PROACTIVE = attrgetter("proactive")
_REQUESTS = attrgetter("requests")
_REVIEW = attrgetter("review_litigation")


# --- failure summary ---------------------------------------------------------------------------

_CROSS_YEAR = "cross-year"
"""The tag of the rules :func:`govinfo.checks.check` does not evaluate (they need a series)."""
_LEVEL_ORDER = {level.value: i for i, level in enumerate(Level)}
UNKNOWN_LEVEL = "unknown"
"""The ``level`` of a :func:`failure_summary` row for reports whose level is not known."""

SUMMARY_FIELDS = (
    "rule",
    "year",
    "edition",
    "level",
    "reports",
    "failing_reports",
    "findings",
    "share",
)
"""The keys of every :func:`failure_summary` row, in order."""


def failure_summary(
    reports: Iterable[SomeReports],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """How often each rule fails, by report year, edition and administrative level.

    Runs :func:`govinfo.checks.check` (with ``select`` and ``ignore``, rule ids or tags) on
    every report and returns tidy rows, ready for ``pandas.DataFrame``: one per selected rule
    that applies to the edition and per ``(year, edition, level)`` with at least one report,
    keyed as :data:`SUMMARY_FIELDS`:

    ``rule``, ``year``, ``edition`` (``"2019"`` or ``"2021"``), ``level`` (a
    :class:`~govinfo.registry.Level` value, or ``"unknown"`` when the report does not say);
    ``reports``, the number of reports in the group; ``failing_reports``, how many of them have
    at least one finding of the rule (status ``fail`` or ``uncertain``); ``findings``, the
    number of findings of the rule in the group; ``share``, ``failing_reports / reports`` as a
    float rounded to 4 places.

    Rows are sorted by rule (catalogue order), year, edition and level (national to township,
    then unknown). Cross-year rules (tag ``cross-year``: X1–X3) are left out, since they
    compare consecutive reports of one agency and :func:`~govinfo.checks.check` never reports
    them (see :func:`~govinfo.checks.check_series`).
    """
    select = None if select is None else tuple(select)
    ignore = None if ignore is None else tuple(ignore)
    # rules() raises KeyError for an unknown id or tag. Cross-year rules compare reports of
    # consecutive years (govinfo.checks.check_series); check() never reports them.
    catalogue = tuple(r for r in rules(select=select, ignore=ignore) if _CROSS_YEAR not in r.tags)
    order = {r.id: i for i, r in enumerate(catalogue)}
    group_sizes: dict[tuple[int, str, str], int] = defaultdict(int)
    failing: dict[tuple[str, int, str, str], int] = defaultdict(int)
    findings: dict[tuple[str, int, str, str], int] = defaultdict(int)
    for report in as_reports(reports):
        group = (
            report.year,
            report.edition.value,
            UNKNOWN_LEVEL if report.level is None else report.level.value,
        )
        group_sizes[group] += 1
        seen: set[str] = set()
        for finding in check(report, select=select, ignore=ignore):
            findings[(finding.rule, *group)] += 1
            seen.add(finding.rule)
        for rule_id in seen:
            failing[(rule_id, *group)] += 1
    rows: list[dict[str, Any]] = []
    for rule in catalogue:
        for group, size in group_sizes.items():
            if Edition(group[1]) not in rule.editions:
                continue
            key = (rule.id, *group)
            rows.append(
                {
                    "rule": rule.id,
                    "year": group[0],
                    "edition": group[1],
                    "level": group[2],
                    "reports": size,
                    "failing_reports": failing[key],
                    "findings": findings[key],
                    "share": round(failing[key] / size, 4),
                }
            )
    rows.sort(
        key=lambda row: (
            order[row["rule"]],
            row["year"],
            row["edition"],
            _LEVEL_ORDER.get(row["level"], len(_LEVEL_ORDER)),
        )
    )
    return rows
