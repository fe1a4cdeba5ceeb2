"""Checks: does a report add up (勾稽关系), and where not, which cell is wrong?

The rule catalogue is data (:func:`rules`); every arithmetic rule is a set of linear equations
derived from :mod:`govinfo.registry`, evaluated by the pure function :func:`check`, which
never raises on a valid :class:`~govinfo.model.Report`.

Not-reported cells
    A blank cell (``None``) is read as 0 first, since reports leave zero cells blank. If the
    rule holds that way, there is no finding. If it does not, but some non-negative value in
    the blank cells would make it hold, the finding's status is ``uncertain`` (the blank may
    hide the difference); only when no such value exists is it ``fail``. A not-reported cell
    therefore never produces a false ``fail``.

Localisation
    One wrong cell usually breaks several equations at once (a typo in a table 三 cell breaks
    its row total and its column's R2 or R1). When every failing equation contains one cell,
    and setting that cell to one value would make every equation hold, that cell is the
    finding's ``culprit`` with the value to set. When several cells would each do (table 四 has
    one equation per block, so any of its five cells could be the typo) they are all listed
    as ``candidates`` and ``culprit`` is ``None``.

Sources of the rules: /shared/reference/format.md §7, the template's own note in table 三, and
the table structure of 国办公开办函〔2019〕60号 and 〔2021〕30号.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from datetime import date
from functools import cache
from itertools import chain, pairwise, repeat
from operator import add, attrgetter, call, itemgetter, mul, pos, sub
from typing import Any

import attrs
from attrs import field, frozen

from govinfo._reports import OneReport, SomeReports, as_report, as_reports
from govinfo.errors import GovinfoError, InconsistentReport
from govinfo.model import ApplicantCounts, Proactive2019, Report
from govinfo.registry import (
    AgencyKind,
    Applicant,
    Edition,
    RequestRow,
    ReviewBlock,
    ReviewResult,
    Row,
    Section,
    table,
)
from govinfo.rulebase import (
    Basis,
    Culprit,
    Finding,
    Number,
    Operand,
    Rule,
    Severity,
    Status,
    Value,  # noqa: F401 - re-exported: it was defined here before govinfo.rulebase
    make_rule,
)

__all__ = [
    "Basis",
    "Culprit",
    "Finding",
    "InconsistentReport",
    "Operand",
    "Rule",
    "Series",
    "SeriesPair",
    "Severity",
    "Status",
    "check",
    "check_each_series",
    "check_series",
    "group_series",
    "is_consistent",
    "rule",
    "rules",
    "validate",
]

_rule = make_rule

_TEMPLATES = "国办公开办函〔2019〕60号 and 国办公开办函〔2021〕30号"

_TABLE_RULES: tuple[Rule, ...] = (
    _rule(
        "R1",
        "本列数据的勾稽关系：第一项加第二项之和，等于第三项加第四项之和",
        "Per column of table 三: new + carried over = handled total + carried forward",
        Severity.ERROR,
        ["arithmetic", "requests"],
        Basis.OFFICIAL,
        f"the top-left cell of table 三 in both templates ({_TEMPLATES})",
    ),
    _rule(
        "R2",
        "办理结果总计等于各项办理结果之和",
        "Per column of table 三: handled total = sum of every outcome row",
        Severity.ERROR,
        ["arithmetic", "requests"],
        Basis.INFERRED,
        "the table structure; the （二）部分公开 label says each request is counted in one "
        "outcome only",
    ),
    _rule(
        "R3",
        "总计等于自然人与法人或其他组织各列之和",
        "Per row of table 三: total = sum of the six applicant columns",
        Severity.ERROR,
        ["arithmetic", "requests"],
        Basis.INFERRED,
        "the table structure (申请人情况 columns and 总计)",
    ),
    _rule(
        "R4",
        "行政复议、行政诉讼各栏总计等于各项结果之和",
        "Per block of table 四: total = upheld + corrected + other + pending",
        Severity.ERROR,
        ["arithmetic", "review_litigation"],
        Basis.INFERRED,
        "the table structure (结果维持、结果纠正、其他结果、尚未审结、总计)",
    ),
    _rule(
        "R5",
        "数值范围：数量为非负整数，金额为非负数",
        "Value ranges: counts are non-negative integers, money is non-negative",
        Severity.ERROR,
        ["range", "proactive"],
        Basis.INFERRED,
        "counts and amounts cannot be negative; the model enforces it for every cell, and "
        "this rule checks derived quantities (table 二 edition 2019: items last year + change "
        "this year must not be negative)",
    ),
    _rule(
        "S1",
        "缺少必备的章节",
        "A required narrative section is missing",
        Severity.WARNING,
        ["structure"],
        Basis.OFFICIAL,
        f"the six sections of the templates ({_TEMPLATES}); 条例 Art. 50",
    ),
    _rule(
        "S2",
        "缺少必备的表格",
        "A required table is missing",
        Severity.ERROR,
        ["structure"],
        Basis.OFFICIAL,
        f"tables 二、三、四 of the templates ({_TEMPLATES})",
    ),
    _rule(
        "S3",
        "整行数据未填报",
        "A whole row of a table is not reported",
        Severity.WARNING,
        ["structure", "completeness"],
        Basis.OFFICIAL,
        "every cell of the templates' tables is to be filled; a single blank usually means 0, "
        "a whole blank row means the figures are missing",
    ),
)
_TABLE_RULES += (
    _rule(
        "D1",
        "年度报告未在法定期限前公布",
        "The report was published after its statutory deadline",
        Severity.WARNING,
        ["timeliness"],
        Basis.OFFICIAL,
        "条例 Art. 49 (国务院令第711号): departments by 31 January, governments' roll-up "
        "reports by 31 March; before the 2019 revision 31 March for all",
    ),
    _rule(
        "X1",
        "本年上年结转数等于上年结转下年度继续办理数",
        "Per column: carried over this year = carried forward last year",
        Severity.WARNING,
        ["cross-year", "requests"],
        Basis.INFERRED,
        "format.md §7; holds across the 2020→2021 template change (table 三's columns are the "
        "same); a warning because agencies are reorganised",
    ),
    _rule(
        "X2",
        "现行有效件数等于上年现行有效件数加本年制发件数减本年废止件数",
        "In force = last year's in force + issued − repealed (edition 2021, table 二 （一）)",
        Severity.WARNING,
        ["cross-year", "proactive"],
        Basis.INFERRED,
        "format.md §7; a warning because documents are also amended or merged",
        editions=frozenset({Edition.V2021}),
    ),
    _rule(
        "X3",
        "对外公开总数量、项目数量与上年衔接",
        "Published total and item counts follow on from last year (edition 2019, table 二)",
        Severity.WARNING,
        ["cross-year", "proactive"],
        Basis.INFERRED,
        "format.md §7: published_total(N) = published_total(N−1) + published(N); "
        "items_last_year(N) = items_last_year(N−1) + items_change(N−1)",
        editions=frozenset({Edition.V2019}),
    ),
)
_TABLE_RULES_BY_ID = {r.id: r for r in _TABLE_RULES}


class _Catalogue:
    """The whole catalogue: the table rules here and the narrative rules (T1–T5).

    A plain class (not attrs, not a named tuple): it is built once, on first use, and costs
    nothing at import.
    """

    __slots__ = ("active", "by_id", "names", "order", "rules", "text_findings", "text_ids")

    def __init__(
        self,
        text_rules: tuple[Rule, ...],
        text_findings: Callable[[Report, AbstractSet[str]], list[Finding]],
    ) -> None:
        every = _TABLE_RULES + text_rules
        self.rules = every
        self.by_id = {r.id: r for r in every}
        self.text_ids = frozenset(r.id for r in text_rules)
        self.text_findings = text_findings
        self.names = frozenset(self.by_id) | {t for r in every for t in r.tags}
        self.order = {r.id: i for i, r in enumerate(every)}
        self.active = {
            edition: frozenset(r.id for r in every if edition in r.editions) for edition in Edition
        }


@cache
def _catalogue() -> _Catalogue:
    """The catalogue, put together on first use.

    The text-against-table rules (T1–T5) live with the narrative figures they compare
    (:mod:`govinfo.narrative`, which builds on :mod:`govinfo.rulebase`, not on this module);
    they join the table rules here, at first use, so that importing this module (as reading a
    document does, for the equations' layout) does not load the narrative module.
    """
    from govinfo.narrative import RULES as TEXT_RULES  # noqa: PLC0415 - see above
    from govinfo.narrative import text_findings  # noqa: PLC0415

    return _Catalogue(TEXT_RULES, text_findings)


def rules(
    *, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> tuple[Rule, ...]:
    """The rule catalogue, optionally narrowed to ``select`` minus ``ignore``.

    Both take rule ids (``"R1"``) or tags (``"arithmetic"``); an unknown id or tag raises
    :class:`KeyError`, so a typo never silently selects nothing.
    """
    chosen = _catalogue().rules
    if select is not None:
        wanted = _names(select)
        chosen = tuple(r for r in chosen if r.id in wanted or not r.tags.isdisjoint(wanted))
    if ignore is not None:
        dropped = _names(ignore)
        chosen = tuple(r for r in chosen if r.id not in dropped and r.tags.isdisjoint(dropped))
    return chosen


def rule(id: str) -> Rule:
    """The rule with id ``id``."""
    by_id = _catalogue().by_id
    try:
        return by_id[id]
    except KeyError:
        raise KeyError(f"no rule {id!r}; known: {', '.join(by_id)}") from None


def _names(names: Iterable[str]) -> frozenset[str]:
    """``names`` as a set, every one of them a known rule id or tag (else :class:`KeyError`)."""
    wanted = frozenset(names)
    unknown = wanted - _catalogue().names
    if unknown:
        raise KeyError(f"unknown rule ids or tags: {', '.join(sorted(unknown))}")
    return wanted


# --- equations -----------------------------------------------------------------------------


_Picker = Callable[[Sequence[int | None]], Sequence[Any]]
"""Picks some cells' values (ints, or None when not reported) out of a cell vector."""


@frozen
class _Equation:
    """``sum(parts) == sum(whole)`` over cell indexes of a flat cell vector."""

    rule: str
    subject_zh: str
    subject_en: str
    parts: tuple[int, ...]
    whole: tuple[int, ...]
    parts_of: _Picker = field(init=False, eq=False, repr=False)
    """The values of ``parts`` in a cell vector (one C call: this is check()'s hot path)."""
    whole_of: _Picker = field(init=False, eq=False, repr=False)

    @parts_of.default
    def _parts_of(self) -> _Picker:
        return _picker(self.parts)

    @whole_of.default
    def _whole_of(self) -> _Picker:
        return _picker(self.whole)


_RowPicker = Callable[[Sequence[tuple[int | None, ...]]], Sequence[Any]]
"""Picks some rows' cells (tuples) out of the list of a report's rows."""


def _picker(indexes: tuple[int, ...]) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """The values at ``indexes``: a slice of the vector when they are evenly spaced, as every
    equation's are (a row's cells, a column's rows: one list slice, no index looked up one by
    one, and no Python call for a single cell)."""
    if not indexes:
        return _nothing
    steps = {b - a for a, b in pairwise(indexes)}
    if len(indexes) == 1 or (len(steps) == 1 and min(steps) > 0):
        step = steps.pop() if steps else 1
        return itemgetter(slice(indexes[0], indexes[-1] + 1, step))
    return itemgetter(*indexes)


def _nothing(_: Sequence[Any]) -> Sequence[Any]:
    return ()


_FIRST = itemgetter(0)
_LAST = itemgetter(-1)


@frozen
class _Layout:
    """The flat cell vector of one report shape and the equations over it."""

    paths: tuple[str, ...]
    rows_of: Callable[[Report], tuple[Any, ...]] = field(eq=False, repr=False)
    """The row objects of the vector, in vector order (one C call: see :func:`_values`)."""
    cells_of: tuple[Callable[[Any], tuple[Any, ...]], ...] = field(eq=False, repr=False)
    """For each of those rows, the getter of its cells in vector order."""
    equations: tuple[_Equation, ...]
    by_cell: tuple[tuple[int, ...], ...]
    """For each cell index, the equations it appears in."""
    rows: tuple[tuple[str, Row, int, int], ...]
    """Each row of the vector: its table key, registry entry, and [start, stop) in the vector."""
    parts_of: tuple[_Picker, ...] = field(init=False, eq=False, repr=False)
    """Each equation's :attr:`_Equation.parts_of`, in order (see :func:`_arithmetic`)."""
    whole_of: tuple[_Picker, ...] = field(init=False, eq=False, repr=False)
    """Each equation's :attr:`_Equation.whole_of`, in order."""

    @parts_of.default
    def _parts_of(self) -> tuple[_Picker, ...]:
        return tuple(eq.parts_of for eq in self.equations)

    @whole_of.default
    def _whole_of(self) -> tuple[_Picker, ...]:
        return tuple(eq.whole_of for eq in self.equations)

    whole_rows: tuple[int, ...] = field(init=False, eq=False, repr=False)
    """The equations that are a whole row, its last cell the sum of the others (R3, R4): for
    each, its row's position in :attr:`rows`, else -1."""

    @whole_rows.default
    def _whole_rows(self) -> tuple[int, ...]:
        return tuple(_whole_row(self, eq) for eq in self.equations)

    columns: tuple[tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]], ...] = field(
        init=False, eq=False, repr=False
    )
    """The other equations in sets of one per column, in column order, each over the same
    rows (R1, R2): the rows of the parts, the rows of the whole, and the equations."""

    @columns.default
    def _columns(self) -> tuple[tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]], ...]:
        return _column_sets(self)

    rows_summed: _RowPicker = field(init=False, eq=False, repr=False)
    """The rows of the whole-row equations, in order (see :func:`_arithmetic`)."""
    columns_of: tuple[tuple[_RowPicker, _RowPicker], ...] = field(init=False, eq=False, repr=False)
    """For each of :attr:`columns`, the getters of its parts' rows and its whole's rows."""
    order: tuple[int, ...] = field(init=False, eq=False, repr=False)
    """The equations as :func:`_arithmetic` sums them: the whole rows', each of
    :attr:`columns`, then the others."""
    other_parts_of: tuple[_Picker, ...] = field(init=False, eq=False, repr=False)
    """:attr:`parts_of` of the equations of neither kind, if any."""
    other_whole_of: tuple[_Picker, ...] = field(init=False, eq=False, repr=False)
    """:attr:`whole_of` of those equations."""

    @rows_summed.default
    def _rows_summed(self) -> _RowPicker:
        return _picker(tuple(r for r in self.whole_rows if r >= 0))

    @columns_of.default
    def _columns_of(self) -> tuple[tuple[_RowPicker, _RowPicker], ...]:
        return tuple((_picker(parts), _picker(whole)) for parts, whole, _ in self.columns)

    @order.default
    def _order(self) -> tuple[int, ...]:
        by_row = [i for i, r in enumerate(self.whole_rows) if r >= 0]
        by_column = [i for _, _, eqs in self.columns for i in eqs]
        taken = {*by_row, *by_column}
        others = [i for i in range(len(self.equations)) if i not in taken]
        return (*by_row, *by_column, *others)

    @other_parts_of.default
    def _other_parts_of(self) -> tuple[_Picker, ...]:
        return tuple(self.parts_of[i] for i in self.order[self._sets() :])

    @other_whole_of.default
    def _other_whole_of(self) -> tuple[_Picker, ...]:
        return tuple(self.whole_of[i] for i in self.order[self._sets() :])

    def _sets(self) -> int:
        """How many equations are summed by whole rows or by columns."""
        return sum(r >= 0 for r in self.whole_rows) + sum(len(c[2]) for c in self.columns)


def _whole_row(layout: _Layout, eq: _Equation) -> int:
    """The position in ``layout.rows`` of the row whose cells are ``eq``'s parts and then its
    whole (one cell), in order; -1 when ``eq`` is not such an equation."""
    if len(eq.whole) != 1:
        return -1
    cells = [*eq.parts, *eq.whole]
    for position, (_, _, start, stop) in enumerate(layout.rows):
        if cells == list(range(start, stop)):
            return position
    return -1


def _column_sets(
    layout: _Layout,
) -> tuple[tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]], ...]:
    """:attr:`_Layout.columns`: the equations (not of a whole row) whose parts are one column's
    cells in some rows and whose whole is that column's cells in some other rows, grouped by
    those rows, where a group has one equation for each column of rows of one width, in order.
    """
    where: dict[int, tuple[int, int]] = {}  # cell: row position, column
    for position, (_, _, start, stop) in enumerate(layout.rows):
        for cell in range(start, stop):
            where[cell] = (position, cell - start)
    groups: dict[tuple[tuple[int, ...], tuple[int, ...]], list[tuple[int, int]]] = {}
    for i, (eq, row) in enumerate(zip(layout.equations, layout.whole_rows, strict=True)):
        if row >= 0:
            continue
        cells = [where[c] for c in (*eq.parts, *eq.whole)]
        if len({column for _, column in cells}) != 1:
            continue
        parts = tuple(where[c][0] for c in eq.parts)
        whole = tuple(where[c][0] for c in eq.whole)
        groups.setdefault((parts, whole), []).append((i, cells[0][1]))
    found = []
    for (parts, whole), members in groups.items():
        widths = {layout.rows[r][3] - layout.rows[r][2] for r in (*parts, *whole)}
        columns = [column for _, column in members]
        if len(widths) == 1 and columns == list(range(widths.pop())):
            found.append((parts, whole, tuple(i for i, _ in members)))
    return tuple(found)


def _rows_getter(paths: Sequence[str]) -> Callable[[Report], tuple[Any, ...]]:
    """The objects at the dotted attribute ``paths`` of a report, as a tuple."""
    if len(paths) == 1:
        only = attrgetter(paths[0])
        return lambda report: (only(report),)
    if not paths:
        return lambda report: ()
    return attrgetter(*paths)


_APPLICANT_KEYS = tuple(a.key for a in Applicant)
_PARTY_KEYS = _APPLICANT_KEYS[:-1]
_RESULT_KEYS = tuple(r.key for r in ReviewResult)


@cache
def _layout(edition: Edition, requests: str | None, review_litigation: bool) -> _Layout:
    """The layout of a report with table 三 of shape ``requests`` (``"single"`` or
    ``"breakdown"`` for （六）, ``None`` when absent) and table 四 when ``review_litigation``."""
    request_rows = [r for r in RequestRow if _has_request_row(r, edition, requests)]
    paths: list[str] = []
    row_paths: list[str] = []
    cells_of: list[Callable[[Any], tuple[Any, ...]]] = []
    rows: list[tuple[str, Row, int, int]] = []
    index: dict[tuple[str, str], int] = {}
    for r in request_rows:
        row_paths.append(f"requests.{r.key}")
        cells_of.append(attrgetter(*_APPLICANT_KEYS))
        start = len(paths)
        for c in _APPLICANT_KEYS:
            index[(r.key, c)] = len(paths)
            paths.append(f"requests.{r.key}.{c}")
        rows.append(("requests", r.value, start, len(paths)))
    blocks = list(ReviewBlock) if review_litigation else []
    for b in blocks:
        row_paths.append(f"review_litigation.{b.key}")
        cells_of.append(attrgetter(*_RESULT_KEYS))
        start = len(paths)
        for c in _RESULT_KEYS:
            index[(b.key, c)] = len(paths)
            paths.append(f"review_litigation.{b.key}.{c}")
        rows.append(("review_litigation", b.value, start, len(paths)))

    equations: list[_Equation] = []
    outcomes = [r for r in request_rows if r.is_outcome]
    for a in Applicant if request_rows else ():
        col = a.key
        equations.append(
            _Equation(
                "R1",
                f"“{a.zh}”列",
                f"column {col}",
                (index[("new_requests", col)], index[("carried_over", col)]),
                (index[("handled_total", col)], index[("carried_forward", col)]),
            )
        )
        equations.append(
            _Equation(
                "R2",
                f"“{a.zh}”列",
                f"column {col}",
                tuple(index[(r.key, col)] for r in outcomes),
                (index[("handled_total", col)],),
            )
        )
    for r in request_rows:
        label = f"{r.group.zh}{r.zh}" if r.group else r.zh
        equations.append(
            _Equation(
                "R3",
                f"“{label}”行",
                f"row {r.key}",
                tuple(index[(r.key, c)] for c in _PARTY_KEYS),
                (index[(r.key, "total")],),
            )
        )
    for b in blocks:
        equations.append(
            _Equation(
                "R4",
                f"“{b.zh}”栏",
                f"block {b.key}",
                tuple(index[(b.key, c)] for c in _RESULT_KEYS[:-1]),
                (index[(b.key, "total")],),
            )
        )
    by_cell: list[list[int]] = [[] for _ in paths]
    for i, eq in enumerate(equations):
        for cell in (*eq.parts, *eq.whole):
            by_cell[cell].append(i)
    return _Layout(
        paths=tuple(paths),
        rows_of=_rows_getter(row_paths),
        cells_of=tuple(cells_of),
        equations=tuple(equations),
        by_cell=tuple(tuple(x) for x in by_cell),
        rows=tuple(rows),
    )


def _has_request_row(row: RequestRow, edition: Edition, shape: str | None) -> bool:
    if shape is None:
        return False
    if row is RequestRow.OTHER_HANDLING:
        return shape == "single"
    if row.group is not None and row.group.key == "other_handling":
        return shape == "breakdown"
    return edition in row.editions


def _values(report: Report, layout: _Layout) -> list[int | None]:
    """The report's cell vector: every row fetched by one getter, each row's cells by its own
    (no Python-level loop: check() reads every cell of tables 三 and 四)."""
    return list(chain.from_iterable(_rows(report, layout)))


def _rows(report: Report, layout: _Layout) -> list[tuple[int | None, ...]]:
    """The cells of each row of the report's cell vector (:func:`_values`), row by row."""
    return list(map(call, layout.cells_of, layout.rows_of(report)))


# --- check ---------------------------------------------------------------------------------


def check(
    report: OneReport,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> tuple[Finding, ...]:
    """Every finding of the selected rules on ``report``, in catalogue order.

    Pure: the same report always gives the same findings, and a valid report never raises.
    ``select`` and ``ignore`` take rule ids or tags, as for :func:`rules`. Given a
    :class:`~govinfo.readers.ReadResult`, this is its :meth:`~govinfo.readers.ReadResult.check`:
    each finding also says where its cells were read.
    """
    if not isinstance(report, Report):
        from govinfo.readers.result import ReadResult  # noqa: PLC0415 - it imports this module

        if isinstance(report, ReadResult):
            return report.check(select=select, ignore=ignore)
        report = as_report(report)
    catalogue = _catalogue()
    if select is None and ignore is None:
        active = catalogue.active[report.edition]
    else:
        active = frozenset(
            r.id for r in rules(select=select, ignore=ignore) if report.edition in r.editions
        )
    findings: list[Finding] = []
    if not active.isdisjoint(("S1", "S2")):
        findings += _structure(report, active)
    arithmetic = not active.isdisjoint(("R1", "R2", "R3", "R4"))
    if arithmetic or "S3" in active:
        layout = _layout(
            report.edition, _requests_shape(report), report.review_litigation is not None
        )
        rows = _rows(report, layout)
        if arithmetic:
            findings += _arithmetic(layout, rows, active)
        if "S3" in active:
            findings += _blank_rows(report, layout, rows)
    if "R5" in active:
        findings += _ranges(report)
    if "D1" in active and report.published is not None:
        findings += _timeliness(report, report.published)
    if not active.isdisjoint(catalogue.text_ids):
        findings += catalogue.text_findings(report, active)
    order = catalogue.order
    return tuple(sorted(findings, key=lambda f: order[f.rule]))


def is_consistent(
    report: OneReport,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> bool:
    """Whether ``report`` has no finding of severity ``error`` (failing or uncertain)."""
    report = as_report(report)
    return not any(
        f.severity is Severity.ERROR for f in check(report, select=select, ignore=ignore)
    )


def validate(
    report: OneReport,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> Report:
    """Return ``report`` unchanged if it is consistent, else raise :class:`InconsistentReport`
    (given a :class:`~govinfo.readers.ReadResult`, its report)."""
    report = as_report(report)
    findings = check(report, select=select, ignore=ignore)
    if any(f.severity is Severity.ERROR for f in findings):
        raise InconsistentReport(report, findings)
    return report


def _structure(report: Report, active: AbstractSet[str]) -> list[Finding]:
    found = []
    sections = [
        (Section.OVERVIEW, report.overview, "S1"),
        (Section.PROACTIVE, report.proactive, "S2"),
        (Section.REQUESTS, report.requests, "S2"),
        (Section.REVIEW_LITIGATION, report.review_litigation, "S2"),
        (Section.PROBLEMS, report.problems, "S1"),
        (Section.OTHER_MATTERS, report.other_matters, "S1"),
    ]
    for section, value, rule_id in sections:
        if value is None and rule_id in active:
            kind_zh, kind_en = ("表格", "table") if rule_id == "S2" else ("章节", "section")
            found.append(
                Finding(
                    rule=rule_id,
                    severity=_TABLE_RULES_BY_ID[rule_id].severity,
                    status=Status.FAIL,
                    cells=(section.key,),
                    expected=None,
                    actual=None,
                    difference=None,
                    operands=(),
                    message_zh=f"缺少{kind_zh}“{section.heading}”",
                    message_en=f"the {kind_en} {section.number} ({section.en}) is missing",
                )
            )
    return found


def _requests_shape(report: Report) -> str | None:
    """How table 三 prints （六）: ``"single"`` (one row), ``"breakdown"``, or ``None`` (no
    table 三)."""
    if report.requests is None:
        return None
    single = isinstance(report.requests.other_handling, ApplicantCounts)
    return "single" if single else "breakdown"


def _arithmetic(
    layout: _Layout,
    rows: Sequence[tuple[int | None, ...]],
    active: AbstractSet[str],
) -> list[Finding]:
    # Every equation's two sums at once: map() keeps the loop in C (this is check()'s hot
    # path). Only the equations whose sums differ are looked at further, and their blanks
    # decide the status.
    try:
        # A whole row's equation (R3, R4) holds when the row adds up to twice its total
        # (its last cell): one sum of the row's tuple, no slice of the vector. A column's
        # equations (R1, R2) are summed a column of the rows at a time, by zip(). A blank
        # makes sum() or * raise (no scan for None: most reports leave no cell blank).
        summed = layout.rows_summed(rows)
        row_sums = list(map(sum, summed))
        totals = list(map(_LAST, summed))
        expected_sums: list[int] = []
        actual_sums: list[int] = []
        for parts_of, whole_of in layout.columns_of:
            expected_sums += _column_sums(parts_of(rows))
            actual_sums += _column_sums(whole_of(rows))
        if layout.other_parts_of:
            values = list(chain.from_iterable(rows))
            expected_sums += map(sum, map(call, layout.other_parts_of, repeat(values)))
            actual_sums += map(sum, map(call, layout.other_whole_of, repeat(values)))
        if expected_sums == actual_sums and row_sums == list(map(mul, totals, repeat(2))):
            return []
        expected_sums, actual_sums = _in_order(layout, row_sums, totals, expected_sums, actual_sums)
        values = list(chain.from_iterable(rows))
    except TypeError:
        # Some equation has a blank (None): the sums over the vector with blanks read as 0,
        # as zeros are.
        values = list(chain.from_iterable(rows))
        zeros = [v or 0 for v in values]
        expected_sums = list(map(sum, map(call, layout.parts_of, repeat(zeros))))
        actual_sums = list(map(sum, map(call, layout.whole_of, repeat(zeros))))
        if expected_sums == actual_sums:
            return []
    equations = layout.equations
    broken: list[tuple[int, Status, int, int]] = []  # equation, status, expected, actual
    for i, (expected, actual) in enumerate(zip(expected_sums, actual_sums, strict=True)):
        if expected == actual or equations[i].rule not in active:
            continue
        eq = equations[i]
        blank_parts = None in eq.parts_of(values)
        blank_whole = None in eq.whole_of(values)
        hidden = (expected < actual and blank_parts) or (expected > actual and blank_whole)
        broken.append((i, Status.UNCERTAIN if hidden else Status.FAIL, expected, actual))
    return _findings_of(layout, values, broken, active)


def _findings_of(
    layout: _Layout,
    values: list[int | None],
    broken: list[tuple[int, Status, int, int]],
    active: AbstractSet[str],
) -> list[Finding]:
    """The findings of the ``broken`` equations (equation, status, expected, actual), each
    with its culprit among the ``active`` rules' cells when one explains them all."""
    if not broken:
        return []
    evaluated = {i for i, eq in enumerate(layout.equations) if eq.rule in active}
    culprits = _localise(layout, values, broken, evaluated)
    found = []
    for i, status, expected, actual in broken:
        eq = layout.equations[i]
        cells = (*eq.parts, *eq.whole)
        found.append(
            Finding(
                rule=eq.rule,
                severity=_TABLE_RULES_BY_ID[eq.rule].severity,
                status=status,
                cells=tuple(layout.paths[c] for c in cells),
                expected=expected,
                actual=actual,
                difference=actual - expected,
                operands=tuple(Operand(layout.paths[c], values[c]) for c in cells),
                message_zh=_message_zh(eq, status, expected, actual),
                message_en=_message_en(eq, status, expected, actual),
                culprit=culprits[0] if len(culprits) == 1 else None,
                candidates=culprits,
            )
        )
    return found


def _column_sums(rows: Sequence[tuple[int | None, ...]]) -> Iterable[int]:
    """The sum of each column of ``rows`` (of one width); :class:`TypeError` for a blank."""
    if len(rows) == 1:
        return map(pos, rows[0])  # type: ignore[arg-type]  # pos(None) raises, as sum() would
    if len(rows) == 2:
        return map(add, rows[0], rows[1])
    return map(sum, zip(*rows, strict=True))


def _in_order(
    layout: _Layout,
    row_sums: Sequence[int],
    totals: Sequence[int],
    expected_others: Sequence[int],
    actual_others: Sequence[int],
) -> tuple[list[int], list[int]]:
    """Each equation's two sums in :attr:`_Layout.equations` order, from :func:`_arithmetic`'s
    sums of the whole rows (parts and total: the parts add up to the row's sum less its
    total) and of the other equations, in :attr:`_Layout.order`."""
    expected = [0] * len(layout.order)
    actual = [0] * len(layout.order)
    sums = chain(
        zip(map(sub, row_sums, totals), totals, strict=True),
        zip(expected_others, actual_others, strict=True),
    )
    for i, (parts, whole) in zip(layout.order, sums, strict=True):
        expected[i] = parts
        actual[i] = whole
    return expected, actual


def _localise(
    layout: _Layout,
    values: Sequence[int | None],
    broken: list[tuple[int, Status, int, int]],
    evaluated: set[int],
) -> tuple[Culprit, ...]:
    """Cells that alone explain every broken equation, with the value that mends them all."""
    failing = {i for i, *_ in broken}
    residual = {i: actual - expected for i, _, expected, actual in broken}
    smallest = min(failing, key=lambda i: len(layout.equations[i].parts))
    eq0 = layout.equations[smallest]
    found = []
    for cell in (*eq0.parts, *eq0.whole):
        touching = [i for i in layout.by_cell[cell] if i in evaluated]
        if set(touching) != failing:
            continue  # it either misses a broken equation or would break a sound one
        deltas = {
            residual[i] if cell in layout.equations[i].parts else -residual[i] for i in touching
        }
        if len(deltas) != 1:
            continue
        current = values[cell]
        suggested = (current or 0) + deltas.pop()
        if suggested >= 0 and suggested != current:
            found.append(Culprit(layout.paths[cell], current, suggested))
    return tuple(found)


def _message_zh(eq: _Equation, status: Status, expected: int, actual: int) -> str:
    text = {
        "R1": f"{eq.subject_zh}：第一项加第二项之和为{expected}，第三项加第四项之和为{actual}",
        "R2": f"{eq.subject_zh}：各项办理结果之和为{expected}，（七）总计为{actual}",
        "R3": f"{eq.subject_zh}：各类申请人之和为{expected}，总计为{actual}",
        "R4": f"{eq.subject_zh}：各项结果之和为{expected}，总计为{actual}",
    }[eq.rule]
    if status is Status.UNCERTAIN:
        text += "（空白单元格按0计；空白处可能另有数字）"
    return text


def _message_en(eq: _Equation, status: Status, expected: int, actual: int) -> str:
    text = {
        "R1": f"{eq.subject_en}: new + carried over = {expected}, "
        f"but handled total + carried forward = {actual}",
        "R2": f"{eq.subject_en}: the outcome rows add up to {expected}, "
        f"but the handled total is {actual}",
        "R3": f"{eq.subject_en}: the applicant columns add up to {expected}, "
        f"but the total is {actual}",
        "R4": f"{eq.subject_en}: the results add up to {expected}, but the total is {actual}",
    }[eq.rule]
    if status is Status.UNCERTAIN:
        text += " (blank cells read as 0; a blank may hide the difference)"
    return text


def _ranges(report: Report) -> list[Finding]:
    if not isinstance(report.proactive, Proactive2019):
        return []
    found = []
    for row, cells in report.proactive.rows():
        last = getattr(cells, "items_last_year", None)
        change = getattr(cells, "items_change", None)
        if last is None or change is None or last + change >= 0:
            continue
        paths = (f"proactive.{row.key}.items_last_year", f"proactive.{row.key}.items_change")
        found.append(
            Finding(
                rule="R5",
                severity=Severity.ERROR,
                status=Status.FAIL,
                cells=paths,
                expected=0,
                actual=last + change,
                difference=last + change,
                operands=(Operand(paths[0], last), Operand(paths[1], change)),
                message_zh=f"“{row.zh}”：上一年项目数量{last}加本年增/减{change}为负数",
                message_en=f"row {row.key}: items last year {last} plus change {change} "
                "is negative",
            )
        )
    return found


def _blank_rows(
    report: Report, layout: _Layout, row_cells: Sequence[tuple[int | None, ...]]
) -> list[Finding]:
    # A row is blank when all its cells are None, so first of all its first cell: only rows
    # starting with a blank are counted out (most rows have a number there).
    found = []
    blank: list[tuple[str, Row]] = []
    if report.proactive is not None:
        rows, cells_of = _proactive_cells(report.edition)
        cells = cells_of(report.proactive)
        blank += [
            ("proactive", row)
            for row, start, stop in rows
            if cells[start] is None and _all_blank(cells[start:stop])
        ]
    if None in map(_FIRST, row_cells):
        blank += [
            (key, row)
            for (key, row, _, _), cells in zip(layout.rows, row_cells, strict=True)
            if cells[0] is None and _all_blank(cells)
        ]
    for key, row in blank:
        paths = tuple(f"{key}.{row.key}.{c.key}" for c in row.columns)
        label = f"{row.group.zh}{row.zh}" if row.group else row.zh
        found.append(
            Finding(
                rule="S3",
                severity=Severity.WARNING,
                status=Status.FAIL,
                cells=paths,
                expected=None,
                actual=None,
                difference=None,
                operands=tuple(Operand(p, None) for p in paths),
                message_zh=f"表{table(key).number}“{label}”整行未填报",
                message_en=f"table {table(key).number} row {row.key}: no cell is reported",
            )
        )
    return found


@cache
def _proactive_cells(
    edition: Edition,
) -> tuple[tuple[tuple[Row, int, int], ...], Callable[[Any], tuple[Any, ...]]]:
    """Table 二's rows in ``edition``, each with [start, stop) in the tuple of its cells, and
    the getter of that tuple (one C call for every cell, as :func:`_values` for 三 and 四)."""
    rows: list[tuple[Row, int, int]] = []
    paths: list[str] = []
    for row in table("proactive").rows_for(edition):
        start = len(paths)
        paths += [f"{row.key}.{c.key}" for c in row.columns]
        rows.append((row, start, len(paths)))
    return tuple(rows), _rows_getter(paths)


def _all_blank(cells: Sequence[Any]) -> bool:
    return cells.count(None) == len(cells)


def _timeliness(report: Report, published: date) -> list[Finding]:
    from govinfo.dates import publication_deadline  # noqa: PLC0415 - loads the calendar

    kind = report.agency_kind
    try:
        if kind is None:  # unknown: late only for certain when after the later deadline
            early = publication_deadline(report.year, agency_kind=AgencyKind.DEPARTMENT)
            late = publication_deadline(report.year, agency_kind=AgencyKind.GOVERNMENT)
        else:
            early = late = publication_deadline(report.year, agency_kind=kind)
    except GovinfoError:
        return []
    if published <= early:
        return []
    status = Status.FAIL if published > late else Status.UNCERTAIN
    deadline = late if status is Status.FAIL else early
    days = (published - deadline).days
    note_zh = "（未知报告主体类型，按部门报告期限计）" if status is Status.UNCERTAIN else ""
    note_en = (
        " (agency kind unknown: late for a department's report, not for a government's)"
        if status is Status.UNCERTAIN
        else ""
    )
    return [
        Finding(
            rule="D1",
            severity=Severity.WARNING,
            status=status,
            cells=("published",),
            expected=deadline,
            actual=published,
            difference=days,
            operands=(Operand("published", published),),
            message_zh=f"{published}公布，晚于法定期限{deadline}{days}天{note_zh}",
            message_en=f"published {published}, {days} days after the deadline {deadline}"
            + note_en,
        )
    ]


# --- across years ------------------------------------------------------------------------


def check_series(
    reports: Iterable[SomeReports],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> tuple[Finding, ...]:
    """Cross-year findings (X1–X3) over reports of one agency, for each pair of consecutive
    years present.

    Cell paths carry the year: ``2021:requests.carried_over.total``. Every cross-year rule is
    a warning (agencies are reorganised, documents amended). The reports are of one agency when
    their names have one :func:`~govinfo.readers.meta.agency_key` (洪泽区人民政府 and
    淮安市洪泽区人民政府 are one district). Reports of different agencies, or two reports of one
    year, raise :class:`~govinfo.errors.GovinfoError`; :func:`check_each_series` sorts a batch
    out first.
    """
    series = sorted(as_reports(reports), key=lambda r: r.year)
    from govinfo.readers.meta import agency_key  # noqa: PLC0415 - on first use

    keys = {agency_key(r.agency): r.agency for r in series}
    if len(keys) > 1:
        raise GovinfoError(
            f"check_series takes the reports of one agency, got {len(keys)}: "
            + ", ".join(sorted(keys.values()))
        )
    years = [r.year for r in series]
    if len(set(years)) != len(years):
        raise GovinfoError(f"check_series got two reports for one year: {years}")
    active = {r.id for r in rules(select=select, ignore=ignore)}
    found: list[Finding] = []
    for before, after in pairwise(series):
        found += _pair_findings(before, after, active)
    return tuple(found)


def _pair_findings(before: Report, after: Report, active: AbstractSet[str]) -> list[Finding]:
    """X1–X3 (those in ``active``) between two reports of one agency; none unless ``after``
    is of the year after ``before``."""
    found: list[Finding] = []
    if after.year != before.year + 1:
        return found
    if "X1" in active:
        found += _carry_over(before, after)
    if "X2" in active and before.edition is after.edition is Edition.V2021:
        found += _proactive_series(before, after, "X2")
    if "X3" in active and before.edition is after.edition is Edition.V2019:
        found += _proactive_series(before, after, "X3")
    return found


@frozen(kw_only=True)
class SeriesPair:
    """Two reports of one agency in consecutive years, and what X1–X3 found between them."""

    before: Report
    after: Report
    findings: tuple[Finding, ...]


@frozen(kw_only=True)
class Series:
    """The reports of one agency across years (see :func:`group_series`)."""

    key: str
    """The agencies' :func:`~govinfo.readers.meta.agency_key`, e.g. ``320813:洪泽区人民政府``."""
    agency: str
    """The name as the latest report prints it."""
    reports: tuple[Report, ...]
    """By year. A year's reports whose tables 二 and 三 differ are all kept; a copy of one
    report (a PDF and its text) is kept once, the first given."""
    pairs: tuple[SeriesPair, ...] = ()
    """Each report with each of the year after, and their findings (:func:`check_each_series`)."""

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({r.year for r in self.reports}))

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for pair in self.pairs for f in pair.findings)


def _same_tables(a: Report, b: Report) -> bool:
    """Whether two reports are copies of one as far as X1–X3 go (a PDF and its text: the
    overview's wording may differ in line breaks)."""
    return (a.year, a.edition, a.proactive, a.requests) == (
        b.year,
        b.edition,
        b.proactive,
        b.requests,
    )


_PLACED_KEY = re.compile(r"\d{6}:")
"""An agency key the division list placed: a GB/T 2260 code, then the agency's own name."""


def group_series(reports: Iterable[Report]) -> tuple[Series, ...]:
    """Sort a batch of reports (a folder) into the series of each agency.

    Reports go together when their agencies have one :func:`~govinfo.readers.meta.agency_key`.
    A name the division list cannot place alone (朝阳区人民政府: Beijing's or Changchun's?)
    joins the one placed series in the batch whose own name it is, if there is exactly one;
    otherwise it is a series of its own. Series come in the order of their first report, each
    sorted by year.
    """
    from govinfo.readers.meta import agency_key  # noqa: PLC0415 - on first use

    groups: dict[str, list[Report]] = {}
    for report in reports:
        key = agency_key(report.agency)
        groups.setdefault(key, [])
        if not any(_same_tables(report, kept) for kept in groups[key]):
            groups[key].append(report)
    placed: dict[str, list[str]] = {}
    for key in groups:
        if _PLACED_KEY.match(key):
            placed.setdefault(key[7:], []).append(key)
    for key in list(groups):
        owners = placed.get(key, [])
        if not _PLACED_KEY.match(key) and len(owners) == 1:
            target = groups[owners[0]]
            for report in groups.pop(key):
                if not any(_same_tables(report, kept) for kept in target):
                    target.append(report)
    series = []
    for key, members in groups.items():
        ordered = tuple(sorted(members, key=attrgetter("year")))  # stable: input order in a year
        series.append(Series(key=key, agency=ordered[-1].agency, reports=ordered))
    return tuple(series)


def check_each_series(
    reports: Iterable[Report],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> tuple[Series, ...]:
    """:func:`group_series`, then X1–X3 between each report and each report of the year after
    in its series (one pair per two consecutive years, unless a year has two different
    reports). The findings are those of :func:`check_series` on each pair."""
    active = {r.id for r in rules(select=select, ignore=ignore)}
    checked = []
    for series in group_series(reports):
        pairs = tuple(
            SeriesPair(before=b, after=a, findings=tuple(_pair_findings(b, a, active)))
            for b in series.reports
            for a in series.reports
            if a.year == b.year + 1
        )
        checked.append(attrs.evolve(series, pairs=pairs))
    return tuple(checked)


def _series_finding(
    rule_id: str,
    terms: Sequence[tuple[int, str, Number | None, int]],
    subject_zh: str,
    subject_en: str,
) -> Finding | None:
    """A finding when ``sum(sign * value)`` over ``terms`` is not 0.

    ``terms`` are (year, path, value, sign); the first term is the stated value (sign -1 is
    not allowed for it) and the rest compute its expected value.
    """
    (year, _, stated, _), *rest = terms
    known = [(sign, v) for _, _, v, sign in rest if v is not None]
    blank = stated is None or len(known) < len(rest)
    status = Status.UNCERTAIN if blank else Status.FAIL
    expected: Number = sum((sign * v for sign, v in known), start=0)
    actual: Number = stated if stated is not None else 0
    if expected == actual:
        return None
    cells = tuple(f"{y}:{p}" for y, p, _, _ in terms)
    blank_zh = "（空白单元格按0计）" if status is Status.UNCERTAIN else ""
    blank_en = " (blank cells read as 0)" if status is Status.UNCERTAIN else ""
    return Finding(
        rule=rule_id,
        severity=Severity.WARNING,
        status=status,
        cells=cells,
        expected=expected,
        actual=actual,
        difference=actual - expected,
        operands=tuple(Operand(c, v) for c, (_, _, v, _) in zip(cells, terms, strict=True)),
        message_zh=f"{subject_zh}：应为{expected}，{year}年报告为{actual}{blank_zh}",
        message_en=f"{subject_en}: expected {expected}, the {year} report says {actual}" + blank_en,
    )


def _carry_over(before: Report, after: Report) -> list[Finding]:
    if before.requests is None or after.requests is None:
        return []
    found = []
    for a in Applicant:
        finding = _series_finding(
            "X1",
            [
                (
                    after.year,
                    f"requests.carried_over.{a.key}",
                    getattr(after.requests.carried_over, a.key),
                    1,
                ),
                (
                    before.year,
                    f"requests.carried_forward.{a.key}",
                    getattr(before.requests.carried_forward, a.key),
                    1,
                ),
            ],
            f"“{a.zh}”列上年结转数（{before.year}年结转下年度{after.year}年）",
            f"column {a.key}: carried over into {after.year} from {before.year}",
        )
        if finding is not None:
            found.append(finding)
    return found


def _proactive_series(before: Report, after: Report, rule_id: str) -> list[Finding]:
    if before.proactive is None or after.proactive is None:
        return []
    found = []
    b, a, y0, y1 = before.proactive, after.proactive, before.year, after.year
    for row in table("proactive").rows_for(after.edition):
        old, new = getattr(b, row.key), getattr(a, row.key)
        terms: list[tuple[int, str, Number | None, int]] = []
        key = f"proactive.{row.key}"
        if rule_id == "X2" and row.columns[0].key == "issued":
            terms = [
                (y1, f"{key}.in_force", new.in_force, 1),
                (y0, f"{key}.in_force", old.in_force, 1),
                (y1, f"{key}.issued", new.issued, 1),
                (y1, f"{key}.repealed", new.repealed, -1),
            ]
        elif rule_id == "X3" and row.columns[0].key == "made":
            terms = [
                (y1, f"{key}.published_total", new.published_total, 1),
                (y0, f"{key}.published_total", old.published_total, 1),
                (y1, f"{key}.published", new.published, 1),
            ]
        elif rule_id == "X3" and row.columns[0].key == "items_last_year":
            terms = [
                (y1, f"{key}.items_last_year", new.items_last_year, 1),
                (y0, f"{key}.items_last_year", old.items_last_year, 1),
                (y0, f"{key}.items_change", old.items_change, 1),
            ]
        if terms:
            finding = _series_finding(rule_id, terms, f"表二“{row.zh}”", f"table 二 {row.key}")
            if finding is not None:
                found.append(finding)
    return found
