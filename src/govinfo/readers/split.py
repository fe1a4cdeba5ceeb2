"""Recover table cells from digit runs whose separators were lost.

Crawled copies of report pages often drop every separator between table cells, so a table 三
row such as 217 | 1 | 0 | 0 | 0 | 0 | 218 reaches the reader as the run ``"21710000218"``.
The cells cannot be read back from the run alone; they can be recovered by searching the
ways to cut it that satisfy the tables' own arithmetic (format.md §7, 勾稽关系):

- **R1** per column of table 三: ``new_requests + carried_over = handled_total +
  carried_forward``;
- **R2** per column of table 三: ``handled_total`` = the sum of every outcome row;
- **R3** per row of table 三: ``total`` = the sum of the six applicant columns;
- **R4** per block of table 四: ``total = upheld + corrected + other + pending``;

together with figures the narrative states (``known``: "全年办理政府信息公开申请218件").
Table 二 has no arithmetic rule, so its rows are recovered only when a single reading exists
or a narrative figure fixes one.

Nothing here guesses. When several readings satisfy every rule, the row is *ambiguous* and
lists them all; when none does, the solution says so and falls back to the readings that
satisfy the per-row rule (R3 or R4) alone. Every search is capped; when a cap is hit the
affected rows are *unresolved*, with the reason, instead of the search running on.

Every function here is pure (no I/O). The entry points are :func:`splits`,
:func:`solve_requests` (table 三), :func:`solve_review` (table 四) and
:func:`solve_proactive_row` (a table 二 row); each solver returns a :class:`Solution`.

``known`` keys are canonical cell paths, with or without the table prefix:
``"handled_total.total"`` or ``"requests.handled_total.total"`` for table 三,
``"review.total"`` or ``"review_litigation.review.total"`` for table 四; for a table 二 row,
the 0-based index of the cell in the row.
"""

from __future__ import annotations

import enum
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Literal, overload

from attrs import field, frozen

from govinfo.checks import _layout
from govinfo.errors import GovinfoError
from govinfo.registry import (
    Applicant,
    CellKind,
    Edition,
    RequestRow,
    ReviewBlock,
    ReviewResult,
)

__all__ = [
    "Cells",
    "RowSolution",
    "RowStatus",
    "Solution",
    "solve_proactive_row",
    "solve_requests",
    "solve_review",
    "splits",
]

Number = int | Decimal
Cells = tuple[int | Decimal | None, ...]
"""The cells of one row (one block of table 四), in template column order."""

RowInput = str | Sequence[int | None]
"""A row as the caller has it: a digit run, or cell values read normally (``None``: blank)."""

MAX_CANDIDATES = 10_000
"""Default cap on the readings of one row (one run) that satisfy its own rule."""
MAX_SOLUTIONS = 1_000
"""Default cap on the whole-table solutions kept."""
MAX_STEPS = 500_000
"""Default cap on the search steps (one per node of a search tree)."""

_NOTHING_KNOWN: Mapping[str, int] = MappingProxyType({})
_NO_KNOWN_CELLS: Mapping[int, Number] = MappingProxyType({})

_APPLICANT_KEYS = tuple(a.key for a in Applicant)
_RESULT_KEYS = tuple(r.key for r in ReviewResult)
_BLOCK_KEYS = tuple(b.key for b in ReviewBlock)
_OTHER_HANDLING = RequestRow.OTHER_HANDLING.key

_PIECES = {
    CellKind.COUNT: re.compile(r"0|[1-9][0-9]*"),
    CellKind.SIGNED: re.compile(r"0|-?[1-9][0-9]*"),
    CellKind.MONEY: re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"),
}
"""A valid number of each kind: no leading zeros (a lone ``0`` is fine, ``05`` is not), at
most one decimal point inside a money amount, a minus sign only on a signed count."""
_RUN_CHARS = re.compile(r"[0-9.\-]*")
_DIGITS = re.compile(r"[0-9]*")


def _read_only(rows: Mapping[str, RowSolution]) -> Mapping[str, RowSolution]:
    return MappingProxyType(dict(rows))


# --- results ---------------------------------------------------------------------------------


class RowStatus(enum.StrEnum):
    """What the solver could say about one row."""

    DETERMINED = "determined"
    """Exactly one reading of the row takes part in a solution."""
    AMBIGUOUS = "ambiguous"
    """Several readings of the row take part in solutions: all are listed."""
    UNRESOLVED = "unresolved"
    """A cap was hit, or the run has no reading at all: see the row's ``reason``."""


@frozen(kw_only=True)
class RowSolution:
    """The readings of one row (a table 四 block, a table 二 row).

    ``candidates`` are the distinct readings, in order. For a ``determined`` or ``ambiguous``
    row they are exact: each takes part in at least one solution (or, when the table has no
    solution, satisfies the row's own rule, see :attr:`Solution.satisfiable`). For an
    ``unresolved`` row they may be empty, partial or a superset: ``reason`` says which.
    ``given`` marks a row passed in as values rather than as a run; it is kept as given
    (blanks stay ``None``).
    """

    key: str
    status: RowStatus
    candidates: tuple[Cells, ...]
    reason: str | None = None
    given: bool = False

    @property
    def values(self) -> Cells | None:
        """The row's cells when it is determined, else ``None``."""
        return self.candidates[0] if self.status is RowStatus.DETERMINED else None


@frozen(kw_only=True)
class Solution:
    """What a solver found for one table (or one table 二 row).

    ``rows`` maps each row key (table 三 row, table 四 block, or the key given for a table 二
    row) to its :class:`RowSolution`, in template order. ``count`` is the number of
    assignments of every row that satisfy every rule applied and every known figure (exact
    when ``complete``, a lower bound otherwise); ``assignments`` holds the first of them (at
    most the solver's ``max_solutions``), each a mapping of row key to cells, so readings
    that only go together can be told apart. ``complete`` is false when a cap cut the search
    short. When ``count`` is 0 and the search was complete, nothing satisfies the rules: the
    rows then hold the readings that satisfy the per-row rule only (R3 or R4, no known
    figure), and ``explanation`` says so. ``rules`` names what was applied.
    """

    table: str
    rows: Mapping[str, RowSolution] = field(converter=_read_only)
    count: int
    complete: bool
    assignments: tuple[Mapping[str, Cells], ...] = ()
    rules: tuple[str, ...] = ()
    explanation: str = ""

    def __getitem__(self, key: str) -> RowSolution:
        return self.rows[key]

    @property
    def satisfiable(self) -> bool:
        """Whether some assignment satisfies every rule and known figure."""
        return self.count > 0

    @property
    def unique(self) -> bool:
        """Exactly one assignment satisfies everything, and the search was complete."""
        return self.complete and self.count == 1

    @property
    def determined(self) -> dict[str, Cells]:
        """The cells of every determined row, by key."""
        return {
            k: r.candidates[0] for k, r in self.rows.items() if r.status is RowStatus.DETERMINED
        }

    @property
    def ambiguous(self) -> tuple[str, ...]:
        """The keys of the ambiguous rows."""
        return tuple(k for k, r in self.rows.items() if r.status is RowStatus.AMBIGUOUS)

    @property
    def unresolved(self) -> tuple[str, ...]:
        """The keys of the unresolved rows."""
        return tuple(k for k, r in self.rows.items() if r.status is RowStatus.UNRESOLVED)


# --- caps ----------------------------------------------------------------------------------


class _Capped(Exception):
    """A search cap was hit."""


class _Budget:
    """Counts search steps; raises :class:`_Capped` past ``limit``."""

    __slots__ = ("limit", "steps")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.steps = 0

    def tick(self) -> None:
        self.steps += 1
        if self.steps > self.limit:
            raise _Capped


def _check_cap(name: str, value: int) -> int:
    if type(value) is not int or value < 1:
        raise GovinfoError(f"{name}: must be a positive int, got {value!r}")
    return value


# --- splits ----------------------------------------------------------------------------------


def _parse(piece: str, kind: CellKind) -> Number | None:
    if _PIECES[kind].fullmatch(piece) is None:
        return None
    return Decimal(piece) if kind is CellKind.MONEY else int(piece)


def _check_run(run: object) -> str:
    if not isinstance(run, str) or _RUN_CHARS.fullmatch(run) is None:
        raise GovinfoError(f"a run holds digits ('.' and '-' in numbers) only, got {run!r}")
    return run


def _cuts(run: str, kinds: Sequence[CellKind]) -> Iterator[tuple[Number, ...]]:
    """Every way to cut ``run`` into one number per kind, in order (lazy).

    A table of which ``(position, piece index)`` states can still be completed is built first,
    so the enumeration never enters a dead end: its cost is proportional to its output.
    """
    n, k = len(run), len(kinds)
    if k == 0 or n < k:
        return iter(())
    values: dict[tuple[int, int, int], Number | None] = {}

    def value(i: int, j: int, idx: int) -> Number | None:
        key = (i, j, idx)
        if key not in values:
            values[key] = _parse(run[i:j], kinds[idx])
        return values[key]

    # ends[idx][i]: the ends j of a valid piece idx starting at i from which the rest completes
    ends: list[list[list[int]]] = [[[] for _ in range(n + 1)] for _ in range(k)]
    for i in range(n):
        if value(i, n, k - 1) is not None:
            ends[k - 1][i].append(n)
    for idx in range(k - 2, -1, -1):
        for i in range(n):
            ends[idx][i] = [
                j
                for j in range(i + 1, n - (k - 1 - idx) + 1)
                if ends[idx + 1][j] and value(i, j, idx) is not None
            ]

    def walk(i: int, idx: int) -> Iterator[tuple[Number, ...]]:
        for j in ends[idx][i]:
            v = value(i, j, idx)
            assert v is not None
            if idx == k - 1:
                yield (v,)
            else:
                for rest in walk(j, idx + 1):
                    yield (v, *rest)

    return walk(0, 0)


@overload
def splits(
    run: str, count: int, *, decimals: Literal[False] = False
) -> Iterator[tuple[int, ...]]: ...
@overload
def splits(run: str, count: int, *, decimals: Literal[True]) -> Iterator[tuple[Decimal, ...]]: ...
@overload
def splits(run: str, count: int, *, decimals: bool) -> Iterator[tuple[int | Decimal, ...]]: ...
def splits(run: str, count: int, *, decimals: bool = False) -> Iterator[tuple[int | Decimal, ...]]:
    """Every way to cut the digit string ``run`` into ``count`` numbers, in order (lazily).

    No number has a leading zero (a lone ``"0"`` is a number, ``"05"`` is not). With
    ``decimals=True`` a number may hold one decimal point with digits on both sides (money:
    ``"18651.06"``) and every number is a :class:`~decimal.Decimal`; otherwise every number
    is an ``int`` and a run holding a ``"."`` has no split. Joining the digits of any split
    gives ``run`` back. Raises :class:`~govinfo.errors.GovinfoError` when ``run`` holds
    anything but digits and points, or ``count`` is not positive.

    >>> list(splits("1005", 2))
    [(100, 5)]
    """
    _check_cap("count", count)
    if _RUN_CHARS.fullmatch(run) is None or "-" in run:
        raise GovinfoError(f"a run holds digits and decimal points only, got {run!r}")
    kind = CellKind.MONEY if decimals else CellKind.COUNT
    return _cuts(run, (kind,) * count)


def _sum_to(
    run: str, i: int, end: int, parts: int, target: int, budget: _Budget
) -> Iterator[tuple[int, ...]]:
    """Cuts of ``run[i:end]`` into ``parts`` counts summing to ``target``.

    Pruned on the sum: a piece larger than what is left ends the loop (pieces only grow with
    their length), and the digits left must fit ``parts - 1`` numbers each at most the rest.
    """
    budget.tick()
    if parts == 1:
        piece = run[i:end]
        if (len(piece) == 1 or piece[0] != "0") and int(piece) == target:
            yield (target,)
        return
    longest = end - i - (parts - 1)
    if run[i] == "0":
        longest = min(longest, 1)
    for j in range(i + 1, i + longest + 1):
        v = int(run[i:j])
        if v > target:
            break
        room = target - v
        if end - j > (parts - 1) * len(str(room)):
            continue
        for rest in _sum_to(run, j, end, parts - 1, room, budget):
            yield (v, *rest)


def _summing(run: str, parts: int, budget: _Budget, limit: int) -> list[tuple[int, ...]]:
    """Every cut of ``run`` into ``parts`` counts followed by their sum (R3, R4).

    The total is the last piece; every part is at most the total, so the parts use at most
    ``parts`` times the total's digits. Raises :class:`_Capped` past ``limit`` readings or
    the budget's steps.
    """
    n = len(run)
    found: list[tuple[int, ...]] = []
    for size in range(1, n - parts + 1):
        cut = n - size
        if (size > 1 and run[cut] == "0") or cut > parts * size:
            continue
        total = int(run[cut:])
        for head in _sum_to(run, 0, cut, parts, total, budget):
            found.append((*head, total))
            if len(found) > limit:
                raise _Capped
    return found


# --- shared helpers -----------------------------------------------------------------------------


def _given(key: str, values: Sequence[int | None], width: int) -> Cells:
    cells = tuple(values)
    if len(cells) != width or not all(v is None or (type(v) is int and v >= 0) for v in cells):
        raise GovinfoError(
            f"row {key!r}: expected {width} non-negative ints or None, got {list(values)!r}"
        )
    return cells


def _zeroed(cells: Cells) -> tuple[int, ...]:
    """A given row for arithmetic: blanks are zeros (reports leave zero cells blank)."""
    return tuple(0 if v is None else int(v) for v in cells)


def _known_cells(
    known: Mapping[str, int], prefix: str, rows: Sequence[str], columns: Sequence[str]
) -> dict[tuple[int, int], int]:
    """``known`` as ``(row index, column index) -> value``; keys may carry the table prefix."""
    out: dict[tuple[int, int], int] = {}
    for path, value in known.items():
        bare = path.removeprefix(f"{prefix}.")
        row, _, column = bare.rpartition(".")
        if row not in rows or column not in columns:
            raise GovinfoError(
                f"known: {path!r} is not a cell of this table "
                f"(expected '<row>.<column>', e.g. '{rows[0]}.{columns[-1]}')"
            )
        if type(value) is not int or value < 0:
            raise GovinfoError(f"known: {path!r} must be a non-negative int, got {value!r}")
        out[(rows.index(row), columns.index(column))] = value
    return out


def _row_solution(key: str, candidates: Sequence[Cells], *, given: bool = False) -> RowSolution:
    distinct = tuple(dict.fromkeys(candidates))
    if not distinct:
        return RowSolution(
            key=key,
            status=RowStatus.UNRESOLVED,
            candidates=(),
            reason="no reading of the run satisfies the row's own rule",
            given=given,
        )
    status = RowStatus.DETERMINED if len(distinct) == 1 else RowStatus.AMBIGUOUS
    return RowSolution(key=key, status=status, candidates=distinct, given=given)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --- table 三 --------------------------------------------------------------------------------


def _request_keys(runs: Mapping[str, RowInput], edition: Edition) -> tuple[str, tuple[str, ...]]:
    """The （六） shape the key set implies and the row keys in template order."""
    breakdown = [
        r.key for r in RequestRow if r.group is not None and r.group.key == _OTHER_HANDLING
    ]
    if _OTHER_HANDLING in runs:
        shape = "single"
    elif any(k in runs for k in breakdown):
        shape = "breakdown"
        if edition is Edition.V2019:
            raise GovinfoError(
                "runs: edition 2019 has one （六）其他处理 row ('other_handling'), not a breakdown"
            )
    else:
        shape = "single"
    keys = tuple(
        r.key
        for r in RequestRow
        if (r.key == _OTHER_HANDLING and shape == "single")
        or (r.key in breakdown and shape == "breakdown")
        or (r.key != _OTHER_HANDLING and r.key not in breakdown)
    )
    missing = [k for k in keys if k not in runs]
    unknown = [k for k in runs if k not in keys]
    if missing or unknown:
        raise GovinfoError(
            f"runs: table 三 rows must be given exactly once; missing {missing}, "
            f"unexpected {unknown}"
        )
    return shape, keys


Domains = list[list[tuple[int, ...]]]
Term = tuple[int, int, int]
"""``(row index, column index, coefficient)`` of a linear equation ``sum(terms) == 0``."""


def _propagate(domains: Domains, equations: Sequence[Sequence[Term]]) -> Domains | None:
    """Bounds consistency on the equations: drop every reading of a row that cannot be
    completed whatever the other rows' readings (by their minima and maxima); ``None`` when a
    row is left with none. Works on a copy; inner lists are replaced, never mutated."""
    if not all(domains):
        return None
    domains = list(domains)
    bounds: dict[tuple[int, int], tuple[int, int]] = {}

    def span(r: int, c: int) -> tuple[int, int]:
        got = bounds.get((r, c))
        if got is None:
            column = [v[c] for v in domains[r]]
            got = bounds[(r, c)] = (min(column), max(column))
        return got

    changed = True
    while changed:
        changed = False
        for eq in equations:
            spans = []
            low = high = 0
            for r, c, a in eq:
                lo, hi = span(r, c)
                lo, hi = (lo, hi) if a > 0 else (-hi, -lo)
                spans.append((lo, hi))
                low += lo
                high += hi
            if low > 0 or high < 0:
                return None
            for (r, c, a), (lo, hi) in zip(eq, spans, strict=True):
                # a * v[c] must lie in [-(high - hi), -(low - lo)]
                floor, ceiling = lo - high, hi - low
                if lo >= floor and hi <= ceiling:
                    continue
                kept = [v for v in domains[r] if floor <= a * v[c] <= ceiling]
                if not kept:
                    return None
                domains[r] = kept
                for cc in range(len(kept[0])):
                    bounds.pop((r, cc), None)
                changed = True
    return domains


class _Search:
    """Every assignment of one reading per row satisfying the equations (depth first,
    propagating at each node, branching on the row with the fewest readings)."""

    def __init__(
        self, equations: Sequence[Sequence[Term]], max_solutions: int, max_steps: int
    ) -> None:
        self.equations = equations
        self.max_solutions = max_solutions
        self.budget = _Budget(max_steps)
        self.found: list[tuple[tuple[int, ...], ...]] = []
        self.root: Domains | None = None
        self.complete = True

    def run(self, domains: Domains) -> None:
        try:
            self.root = _propagate(domains, self.equations)
            if self.root is not None:
                self._dfs(self.root)
        except _Capped:
            self.complete = False

    def _dfs(self, domains: Domains) -> None:
        self.budget.tick()
        open_rows = [(len(d), r) for r, d in enumerate(domains) if len(d) > 1]
        if not open_rows:
            if len(self.found) == self.max_solutions:
                raise _Capped
            self.found.append(tuple(d[0] for d in domains))
            return
        _, r = min(open_rows)
        for reading in domains[r]:
            branch = list(domains)
            branch[r] = [reading]
            narrowed = _propagate(branch, self.equations)
            if narrowed is not None:
                self._dfs(narrowed)


def _unresolved(key: str, reason: str, candidates: Sequence[Cells] = ()) -> RowSolution:
    return RowSolution(
        key=key,
        status=RowStatus.UNRESOLVED,
        candidates=tuple(dict.fromkeys(candidates)),
        reason=reason,
    )


def _request_equations(
    edition: Edition, shape: str, keys: Sequence[str]
) -> list[tuple[str, list[Term]]]:
    """R1 and R2 of :func:`govinfo.checks._layout` as ``(rule, terms)`` over ``(row, column)``
    indexes of ``keys`` × the applicant columns (R3 is applied to each run on its own)."""
    layout = _layout(edition, shape, False)
    where = {
        f"requests.{key}.{column}": (r, c)
        for r, key in enumerate(keys)
        for c, column in enumerate(_APPLICANT_KEYS)
    }
    out: list[tuple[str, list[Term]]] = []
    for eq in layout.equations:
        if eq.rule in ("R1", "R2"):
            terms = [(*where[layout.paths[i]], 1) for i in eq.parts]
            terms += [(*where[layout.paths[i]], -1) for i in eq.whole]
            out.append((eq.rule, terms))
    return out


def solve_requests(
    runs: Mapping[str, RowInput],
    *,
    edition: Edition,
    known: Mapping[str, int] = _NOTHING_KNOWN,
    max_candidates: int = MAX_CANDIDATES,
    max_solutions: int = MAX_SOLUTIONS,
    max_steps: int = MAX_STEPS,
) -> Solution:
    """Recover table 三 (收到和处理政府信息公开申请情况) from runs of its rows.

    ``runs`` maps every table 三 row key (``"new_requests"``, ``"withheld.state_secret"``...)
    to either the row's digit run (its seven cells, six applicant columns then 总计, run
    together; a trailing item number of the next row's label, as in ``"30000035.属于…"``,
    must already be stripped) or its cells as read normally (``None`` for a blank). The key
    set says how （六）其他处理 is printed: one row ``"other_handling"`` or the three
    edition-2021 rows ``"other_handling.*"`` (edition 2019 has only the one row).

    Rules (format.md §7): **R3** per row, ``total`` = the sum of the six applicant columns,
    applied to each run on its own first; then **R1** per column, ``new_requests +
    carried_over = handled_total + carried_forward``, and **R2** per column, ``handled_total``
    = the sum of every outcome row, by bounds propagation and depth-first search; and every
    ``known`` figure. ``known`` keys are cell paths with or without the ``requests.`` prefix:
    the narrative's "全年办理政府信息公开申请218件" is ``{"handled_total.total": 218}``,
    "本年新收政府信息公开申请…件" is ``{"new_requests.total": …}``.

    Rows given as values are taken as read, blanks counting as 0 in the arithmetic; no
    equation made only of given cells is checked (it cannot tell splits apart;
    :func:`govinfo.checks.check` reports it). A run with more than ``max_candidates``
    readings satisfying R3 is unresolved, and the equations through it are not applied. A
    search past ``max_steps`` nodes or ``max_solutions`` solutions stops: the rows it had not
    settled are unresolved and list the readings left by propagation (a superset).

    When nothing satisfies every rule, each row lists its readings satisfying R3 alone, and
    the explanation says whether R1–R3 could be satisfied without the ``known`` figures.
    """
    for name, cap in (
        ("max_candidates", max_candidates),
        ("max_solutions", max_solutions),
        ("max_steps", max_steps),
    ):
        _check_cap(name, cap)
    shape, keys = _request_keys(runs, edition)
    fixed = _known_cells(known, "requests", keys, _APPLICANT_KEYS)
    given, own, capped = _request_readings(runs, keys, max_candidates, max_steps)
    active = sorted(own)
    position = {r: i for i, r in enumerate(active)}
    equations = [
        [(position[r], c, a) for r, c, a in terms]
        for _, terms in _request_equations(edition, shape, keys)
        if {r for r, _, _ in terms} <= own.keys() and not {r for r, _, _ in terms} <= given.keys()
    ]

    def domains(with_known: bool) -> Domains:
        return [
            [
                v
                for v in own[r]
                if not with_known or all(v[c] == x for (rr, c), x in fixed.items() if rr == r)
            ]
            for r in active
        ]

    rules = ("R1", "R2", "R3", *(("known",) if fixed else ()))
    search = _Search(equations, max_solutions, max_steps)
    search.run(domains(with_known=True))

    def settled(r: int, readings: Sequence[tuple[int, ...]]) -> RowSolution:
        if r in given:
            return RowSolution(
                key=keys[r], status=RowStatus.DETERMINED, candidates=(given[r],), given=True
            )
        return _row_solution(keys[r], sorted(set(readings)))

    rows: dict[str, RowSolution] = {}
    if search.complete and search.found:
        explanation = (
            f"{_plural(len(search.found), 'solution')} satisfy {', '.join(rules)} (format.md §7)"
        )
        for r in active:
            rows[keys[r]] = settled(r, [s[position[r]] for s in search.found])
    elif search.complete:
        explanation = (
            f"nothing satisfies {', '.join(rules)}; each row lists its readings satisfying R3 alone"
        )
        for r in active:
            rows[keys[r]] = settled(r, own[r])
        if fixed:
            retry = _Search(equations, max_solutions, max_steps)
            retry.run(domains(with_known=False))
            explanation += _without_known(retry)
    else:
        explanation = (
            f"search capped (at {max_solutions} solutions or {max_steps} steps) after "
            f"{_plural(len(search.found), 'solution')}"
        )
        reason = explanation + "; the candidates are those left by propagation, a superset"
        root = search.root if search.root is not None else domains(with_known=True)
        for r in active:
            readings = root[position[r]]
            if r in given or len(readings) == 1:
                rows[keys[r]] = settled(r, readings)
            else:
                rows[keys[r]] = _unresolved(keys[r], reason, sorted(readings))
    for r, reason in capped.items():
        rows[keys[r]] = _unresolved(keys[r], reason)
    if capped:
        explanation += f"; unresolved runs: {', '.join(keys[r] for r in capped)}"
    return Solution(
        table="requests",
        rows={key: rows[key] for key in keys},
        count=len(search.found),
        complete=search.complete and not capped,
        assignments=tuple(
            {keys[r]: given.get(r, s[position[r]]) for r in active} for s in search.found
        ),
        rules=rules,
        explanation=explanation,
    )


def _request_readings(
    runs: Mapping[str, RowInput], keys: Sequence[str], max_candidates: int, max_steps: int
) -> tuple[dict[int, Cells], dict[int, list[tuple[int, ...]]], dict[int, str]]:
    """Per row index: the given cells, the readings satisfying R3 (a given row's one reading,
    blanks as 0) and, for a run whose enumeration was capped, the reason instead."""
    width = len(_APPLICANT_KEYS)
    given: dict[int, Cells] = {}
    own: dict[int, list[tuple[int, ...]]] = {}
    capped: dict[int, str] = {}
    for r, key in enumerate(keys):
        row = runs[key]
        if not isinstance(row, str):
            given[r] = _given(key, row, width)
            own[r] = [_zeroed(given[r])]
            continue
        if _DIGITS.fullmatch(row) is None:
            raise GovinfoError(f"row {key!r}: a table 三 run holds digits only, got {row!r}")
        try:
            own[r] = _summing(row, width - 1, _Budget(max_steps), max_candidates)
        except _Capped:
            capped[r] = (
                f"more than {max_candidates} readings of the run satisfy R3, or their "
                f"enumeration passed {max_steps} steps; R1 and R2 were not applied through "
                "this row"
            )
    return given, own, capped


def _without_known(retry: _Search) -> str:
    if retry.found:
        return (
            f"; without the known figures {'' if retry.complete else 'at least '}"
            f"{_plural(len(retry.found), 'solution')} satisfy R1–R3: a known figure "
            "contradicts the table"
        )
    if retry.complete:
        return "; R1–R3 cannot be satisfied even without the known figures"
    return "; whether R1–R3 can be satisfied without the known figures is unknown (search capped)"


# --- table 四 --------------------------------------------------------------------------------


def _block_inputs(run: str | Sequence[RowInput]) -> str | tuple[RowInput, ...]:
    if isinstance(run, str):
        if _DIGITS.fullmatch(run) is None:
            raise GovinfoError(f"a table 四 run holds digits only, got {run!r}")
        return run
    blocks = tuple(run)
    if len(blocks) != len(_BLOCK_KEYS):
        raise GovinfoError(
            f"table 四: expected one run for all 15 cells or {len(_BLOCK_KEYS)} blocks "
            f"({', '.join(_BLOCK_KEYS)}), got {len(blocks)}"
        )
    for key, block in zip(_BLOCK_KEYS, blocks, strict=True):
        if isinstance(block, str) and _DIGITS.fullmatch(block) is None:
            raise GovinfoError(f"block {key!r}: a table 四 run holds digits only, got {block!r}")
    return blocks


def _review_assignments(
    run: str,
    allowed: Sequence[Mapping[int, int]],
    budget: _Budget,
    max_candidates: int,
    max_solutions: int,
) -> tuple[list[tuple[tuple[int, ...], ...]], bool]:
    """Every cut of one 15-cell run into three R4 blocks, each agreeing with its known cells;
    and whether the enumeration was complete."""
    n, width, last = len(run), len(_RESULT_KEYS), len(_BLOCK_KEYS) - 1
    memo: dict[tuple[int, int], list[tuple[int, ...]]] = {}
    found: list[tuple[tuple[int, ...], ...]] = []

    def block(i: int, e: int) -> list[tuple[int, ...]]:
        if (i, e) not in memo:
            memo[(i, e)] = _summing(run[i:e], width - 1, budget, max_candidates)
        return memo[(i, e)]

    def walk(i: int, b: int, acc: tuple[tuple[int, ...], ...]) -> None:
        ends = [n] if b == last else range(i + width, n - width * (last - b) + 1)
        for e in ends:
            for cells in block(i, e):
                if any(cells[c] != x for c, x in allowed[b].items()):
                    continue
                if b == last:
                    if len(found) == max_solutions:
                        raise _Capped
                    found.append((*acc, cells))
                else:
                    walk(e, b + 1, (*acc, cells))

    try:
        if n >= width * len(_BLOCK_KEYS):
            walk(0, 0, ())
    except _Capped:
        return found, False
    return found, True


def solve_review(
    run: str | Sequence[RowInput],
    known: Mapping[str, int] = _NOTHING_KNOWN,
    *,
    max_candidates: int = MAX_CANDIDATES,
    max_solutions: int = MAX_SOLUTIONS,
    max_steps: int = MAX_STEPS,
) -> Solution:
    """Recover table 四 (政府信息公开行政复议、行政诉讼情况) from runs.

    ``run`` is either one digit run of all 15 cells (the three blocks 行政复议, 未经复议直接起诉
    and 复议后起诉, each 结果维持 / 结果纠正 / 其他结果 / 尚未审结 / 总计) or a sequence of three
    items, one per block, each a run of its five cells or the cells as read (``None``: blank).

    Rule (format.md §7): **R4** per block, ``total = upheld + corrected + other + pending``,
    and every ``known`` figure; ``known`` keys are cell paths with or without the
    ``review_litigation.`` prefix (``{"review.total": 3}``: "行政复议3件"). A block given as
    values is taken as read. Rows are the blocks, keyed ``review``, ``litigation_direct`` and
    ``litigation_after_review``. When nothing satisfies R4 and the known figures, each block
    lists its readings satisfying R4 alone; the caps work as in :func:`solve_requests`.
    """
    _check_cap("max_candidates", max_candidates)
    _check_cap("max_solutions", max_solutions)
    _check_cap("max_steps", max_steps)
    inputs = _block_inputs(run)
    fixed = _known_cells(known, "review_litigation", _BLOCK_KEYS, _RESULT_KEYS)
    allowed = [{c: x for (b, c), x in fixed.items() if b == i} for i in range(len(_BLOCK_KEYS))]
    rules = ("R4", *(("known",) if fixed else ()))
    caps = (max_candidates, max_solutions, max_steps)
    if isinstance(inputs, str):
        return _review_single(inputs, allowed, rules, caps)
    return _review_blocks(inputs, allowed, rules, caps)


def _review_single(
    run: str,
    allowed: Sequence[Mapping[int, int]],
    rules: tuple[str, ...],
    caps: tuple[int, int, int],
) -> Solution:
    """Table 四 from one run of all 15 cells (blocks coupled by where they are cut)."""
    max_candidates, max_solutions, max_steps = caps
    found, complete = _review_assignments(
        run, allowed, _Budget(max_steps), max_candidates, max_solutions
    )
    picked: Sequence[tuple[tuple[int, ...], ...]] = found
    explanation = f"{_plural(len(found), 'solution')} satisfy {', '.join(rules)} (format.md §7)"
    if complete and not found:
        explanation = f"nothing satisfies {', '.join(rules)}"
        if "known" in rules:
            picked, complete = _review_assignments(
                run, [{}] * len(_BLOCK_KEYS), _Budget(max_steps), max_candidates, max_solutions
            )
            explanation += (
                f"; each block lists its readings satisfying R4 alone "
                f"({_plural(len(picked), 'split')} of the run satisfy R4 in every block)"
            )
    if not complete:
        explanation = (
            f"search capped (at {max_candidates} readings per block, {max_solutions} "
            f"solutions or {max_steps} steps); the candidates are those found so far"
        )
    rows: dict[str, RowSolution] = {}
    for b, key in enumerate(_BLOCK_KEYS):
        readings = [s[b] for s in picked]
        if not complete:
            rows[key] = _unresolved(key, explanation, readings)
        elif readings:
            rows[key] = _row_solution(key, readings)
        else:
            rows[key] = _unresolved(key, "no split of the run satisfies R4 in every block")
    return Solution(
        table="review_litigation",
        rows=rows,
        count=len(found),
        complete=complete,
        assignments=tuple(dict(zip(_BLOCK_KEYS, s, strict=True)) for s in found),
        rules=rules,
        explanation=explanation,
    )


def _review_blocks(
    inputs: Sequence[RowInput],
    allowed: Sequence[Mapping[int, int]],
    rules: tuple[str, ...],
    caps: tuple[int, int, int],
) -> Solution:
    """Table 四 from one input per block: the blocks are independent."""
    max_candidates, max_solutions, max_steps = caps
    width = len(_RESULT_KEYS)
    rows: dict[str, RowSolution] = {}
    options: list[list[Cells]] = []
    unsatisfied: list[str] = []
    capped: list[str] = []
    for b, (key, block) in enumerate(zip(_BLOCK_KEYS, inputs, strict=True)):
        if not isinstance(block, str):
            cells = _given(key, block, width)
            rows[key] = RowSolution(
                key=key, status=RowStatus.DETERMINED, candidates=(cells,), given=True
            )
            own: list[Cells] = [cells]
            kept = [v for v in own if all(_zeroed(v)[c] == x for c, x in allowed[b].items())]
        else:
            try:
                own = list(_summing(block, width - 1, _Budget(max_steps), max_candidates))
            except _Capped:
                capped.append(key)
                rows[key] = _unresolved(
                    key,
                    f"more than {max_candidates} readings of the run satisfy R4, or their "
                    f"enumeration passed {max_steps} steps",
                )
                options.append([])
                continue
            kept = [v for v in own if all(v[c] == x for c, x in allowed[b].items())]
            # when nothing agrees with the known figures, R4 alone (unresolved when none)
            rows[key] = _row_solution(key, kept or own)
        options.append(kept)
        if not kept:
            unsatisfied.append(key)
    count = 1
    for o in options:
        count *= len(o)
    complete = not capped
    if capped:
        explanation = "; ".join(f"{k}: {rows[k].reason}" for k in capped)
    elif count:
        explanation = f"{_plural(count, 'solution')} satisfy {', '.join(rules)} (format.md §7)"
    else:
        explanation = (
            f"nothing satisfies {', '.join(rules)} in {', '.join(unsatisfied)}; those blocks "
            "list their readings satisfying R4 alone"
        )
    return Solution(
        table="review_litigation",
        rows=rows,
        count=count,
        complete=complete,
        assignments=tuple(
            dict(zip(_BLOCK_KEYS, s, strict=True))
            for s in itertools.islice(itertools.product(*options), max_solutions)
        ),
        rules=rules,
        explanation=explanation,
    )


# --- table 二 --------------------------------------------------------------------------------


def solve_proactive_row(
    run: str,
    kinds: Sequence[CellKind],
    known: Mapping[int, Number] = _NO_KNOWN_CELLS,
    *,
    key: str = "row",
    max_candidates: int = MAX_CANDIDATES,
) -> Solution:
    """Recover one table 二 (主动公开政府信息情况) row from its run.

    ``kinds`` are the row's cell kinds in column order (``[c.kind for c in row.columns]`` of
    ``table("proactive").rows_for(edition)``): a count has no leading zero, a signed count
    (edition 2019's 本年增/减) may start with ``-``, money may hold one decimal point. Table
    二 has no arithmetic rule (format.md §7 has none for it), so a row of several cells is
    usually ambiguous unless ``known`` fixes cells: it maps a cell's 0-based index to the
    figure the narrative states ("制发行政规范性文件62件" → ``{0: 62}`` for 本年制发件数).
    The row is keyed ``key`` in the solution. Past ``max_candidates`` readings the row is
    unresolved, listing the first ones found. When no reading agrees with ``known``, the row
    lists every reading of the run and the explanation says so.
    """
    _check_cap("max_candidates", max_candidates)
    kinds = tuple(CellKind(k) for k in kinds)
    _check_run(run)
    for i, value in known.items():
        if type(i) is not int or not 0 <= i < len(kinds):
            raise GovinfoError(f"known: {i!r} is not a cell index of a {len(kinds)}-cell row")
        if not isinstance(value, int | Decimal) or isinstance(value, bool):
            raise GovinfoError(f"known: cell {i} must be an int or Decimal, got {value!r}")
    rules = ("known",) if known else ()

    def readings(with_known: bool) -> tuple[list[Cells], bool]:
        out: list[Cells] = []
        for cells in _cuts(run, kinds):
            if with_known and any(cells[i] != x for i, x in known.items()):
                continue
            if len(out) == max_candidates:
                return out, False
            out.append(cells)
        return out, True

    found, complete = readings(with_known=True)
    shown = found
    if complete and not found and known:
        shown, complete = readings(with_known=False)
        explanation = (
            f"no reading agrees with the known figures; the row lists all "
            f"{_plural(len(shown), 'reading')} of the run"
        )
    elif complete:
        explanation = f"{_plural(len(found), 'reading')} of the run"
        if known:
            explanation += " agree with the known figures"
        if len(found) > 1:
            explanation += " (table 二 has no arithmetic rule to choose among them)"
    else:
        explanation = f"more than {max_candidates} readings of the run; the first are listed"
    row = _row_solution(key, shown) if complete else _unresolved(key, explanation, shown)
    if complete and not shown:
        row = _unresolved(key, f"the run cannot be cut into {len(kinds)} cells of these kinds")
    return Solution(
        table="proactive",
        rows={key: row},
        count=len(found),
        complete=complete,
        assignments=tuple({key: cells} for cells in found[:MAX_SOLUTIONS]),
        rules=rules,
        explanation=explanation,
    )
