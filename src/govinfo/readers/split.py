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
:func:`solve_proactive_row` (a table 二 row), and :func:`solve_row` for a lone table 三 row
or table 四 block when the rest of its table is not at hand; each returns a
:class:`Solution`.

``known`` keys are canonical cell paths, with or without the table prefix:
``"handled_total.total"`` or ``"requests.handled_total.total"`` for table 三,
``"review.total"`` or ``"review_litigation.review.total"`` for table 四; for a table 二 row,
the 0-based index of the cell in the row.
"""

from __future__ import annotations

import enum
import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
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
    "MAX_CANDIDATES",
    "MAX_SOLUTIONS",
    "MAX_STEPS",
    "Cells",
    "RowSolution",
    "RowStatus",
    "Solution",
    "solve_proactive_row",
    "solve_requests",
    "solve_review",
    "solve_row",
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
MAX_STEPS = 200_000
"""Default cap on the work of one call, in steps: a state of a row's enumeration is one step
(about 10 µs), a node of the table search one step per row it assigns (about 10 µs each), so
the default bounds a call to a second or two."""

_ENTRIES_PER_STEP = 10
"""Entries of a row enumeration's tables (one count tried at one position) that make one step
of :data:`MAX_STEPS`: one step is a state only while a state tries a few counts."""

_NOTHING_KNOWN: Mapping[str, int] = MappingProxyType({})
_NO_KNOWN_CELLS: Mapping[int, Number] = MappingProxyType({})
_NO_KNOWN_COUNTS: Mapping[int, int] = MappingProxyType({})

_APPLICANT_KEYS = tuple(a.key for a in Applicant)
_RESULT_KEYS = tuple(r.key for r in ReviewResult)
_BLOCK_KEYS = tuple(b.key for b in ReviewBlock)
_OTHER_HANDLING = RequestRow.OTHER_HANDLING.key

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
    short: ``count`` is then a lower bound, and each row the search could not settle is
    unresolved (rows still ``determined`` or ``ambiguous`` are exact). When ``count`` is 0
    and the search was complete, nothing satisfies the rules: the rows then hold the readings
    that satisfy the per-row rule alone (R3 or R4, no known figure), and ``explanation`` says
    so. ``rules`` names what was applied; ``explanation`` is a one-line summary.
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
    def candidates(self) -> tuple[Cells, ...]:
        """Each assignment kept, flattened: the cells of every row in row order, one tuple
        per solution (for a one-row solution, that row's readings). A unique solution has
        exactly one; none when nothing satisfies the rules."""
        return tuple(tuple(v for cells in a.values() for v in cells) for a in self.assignments)

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
    """A cap was hit; the message says which."""


class _Budget:
    """Counts search steps; raises :class:`_Capped` past ``limit``."""

    __slots__ = ("limit", "steps")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.steps = 0

    def tick(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps > self.limit:
            raise _Capped(f"the work budget of {self.limit} steps ran out")


def _check_cap(name: str, value: int) -> int:
    if type(value) is not int or value < 1:
        raise GovinfoError(f"{name}: must be a positive int, got {value!r}")
    return value


# --- splits ----------------------------------------------------------------------------------


def _parse(piece: str, kind: CellKind) -> Number:
    return Decimal(piece) if kind is CellKind.MONEY else int(piece)


def _check_run(run: object) -> str:
    if not isinstance(run, str) or _RUN_CHARS.fullmatch(run) is None:
        raise GovinfoError(f"a run holds digits ('.' and '-' in numbers) only, got {run!r}")
    return run


def _piece_ends(run: str, kind: CellKind, digits_end: Sequence[int]) -> list[list[range]]:
    """For each start ``i``, the ends ``j`` making ``run[i:j]`` a number of ``kind``, as
    ranges. A count is ``0`` or digits not starting with ``0`` (``05`` is no number); a
    signed count may start with ``-`` (not ``-0``); money may go on with one ``.`` and
    digits. ``digits_end[i]`` is where the digits starting at ``i`` end."""
    n = len(run)
    out: list[list[range]] = []
    for i in range(n):
        ranges: list[range] = []
        start = i + 1 if kind is CellKind.SIGNED and run[i] == "-" else i
        if start < n and run[start].isdigit() and (start == i or run[start] != "0"):
            whole = start + 1 if run[start] == "0" else digits_end[start]
            ranges.append(range(start + 1, whole + 1))
            if (
                kind is CellKind.MONEY
                and whole + 1 < n
                and run[whole] == "."
                and run[whole + 1].isdigit()
            ):
                ranges.append(range(whole + 2, digits_end[whole + 1] + 1))
        out.append(ranges)
    return out


def _cuts(run: str, kinds: Sequence[CellKind]) -> Iterator[tuple[Number, ...]]:
    """Every way to cut ``run`` into one number per kind, in order (lazy).

    Which ``(piece, position)`` states can still be completed is computed first, right to
    left (each piece's possible ends form at most two ranges, counted with prefix sums, so
    this is linear in pieces × length); the enumeration then never enters a dead end.
    """
    n, k = len(run), len(kinds)
    if k == 0 or n < k:
        return iter(())
    digits_end = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        digits_end[i] = digits_end[i + 1] if run[i].isdigit() else i
    ends = {kind: _piece_ends(run, kind, digits_end) for kind in set(kinds)}
    # feasible[idx][j]: run[j:] can be cut into pieces idx, idx + 1, ...
    feasible = [[False] * (n + 1) for _ in range(k + 1)]
    feasible[k][n] = True
    for idx in range(k - 1, -1, -1):
        counts = list(itertools.accumulate(feasible[idx + 1], initial=0))
        for i in range(n):
            feasible[idx][i] = any(
                counts[r.stop] > counts[r.start] for r in ends[kinds[idx]][i] if r
            )

    def walk(i: int, idx: int) -> Iterator[tuple[Number, ...]]:
        for r in ends[kinds[idx]][i]:
            for j in r:
                if not feasible[idx + 1][j]:
                    continue
                v = _parse(run[i:j], kinds[idx])
                if idx == k - 1:
                    yield (v,)
                else:
                    for rest in walk(j, idx + 1):
                        yield (v, *rest)

    return walk(0, 0) if feasible[0][0] else iter(())


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


class _SumCuts:
    """Cuts of a run into counts followed by their sum, for one choice of the total.

    ``run[:end]`` is to be cut into ``parts`` counts summing to ``target`` (the total, which
    is ``run[end:]``). Every count is at most the total, so at most ``width`` digits long.
    For every suffix ``run[j:end]`` and number of pieces, the least and greatest sum of its
    cuts are computed first (dynamic programming, right to left); the depth-first search then
    only enters a piece when what is left can still be reached exactly, and memoises the
    tails of each ``(position, pieces, rest of the sum)``, as different cuts of a prefix
    often leave the same rest. A memoised list is a set of tails of readings, so none is
    longer than ``limit``.
    """

    def __init__(
        self, run: str, end: int, parts: int, width: int, budget: _Budget, limit: int
    ) -> None:
        self.run, self.end, self.budget, self.limit = run, end, budget, limit
        # the tables below cost end × width × parts: charged before they are built (a step is
        # some ten of their entries), so that a long run ends the budget, not the machine
        budget.tick(end * min(width, end) * (parts + 1) // _ENTRIES_PER_STEP)
        # values[j]: the counts that start at j, by their end
        self.values: list[list[tuple[int, int]]] = []
        for j in range(end):
            longest = 1 if run[j] == "0" else min(width, end - j)
            self.values.append(
                [(j + size, int(run[j : j + size])) for size in range(1, longest + 1)]
            )
        # low[k][j], high[k][j]: least and greatest sum of k pieces cutting run[j:end]
        none: list[int | None] = [None] * (end + 1)
        self.low: list[list[int | None]] = [list(none)]
        self.high: list[list[int | None]] = [list(none)]
        self.low[0][end] = self.high[0][end] = 0
        for k in range(1, parts + 1):
            low, high = list(none), list(none)
            for j in range(end):
                for after, v in self.values[j]:
                    lo, hi = self.low[k - 1][after], self.high[k - 1][after]
                    if lo is None or hi is None:
                        continue
                    low_j, high_j = low[j], high[j]
                    low[j] = v + lo if low_j is None else min(low_j, v + lo)
                    high[j] = v + hi if high_j is None else max(high_j, v + hi)
            self.low.append(low)
            self.high.append(high)
        self.memo: dict[tuple[int, int, int], list[tuple[int, ...]]] = {}

    def reachable(self, j: int, pieces: int, target: int) -> bool:
        lo, hi = self.low[pieces][j], self.high[pieces][j]
        return lo is not None and hi is not None and lo <= target <= hi

    def cuts(self, i: int, pieces: int, target: int) -> list[tuple[int, ...]]:
        """Every cut of ``run[i:end]`` into ``pieces`` counts summing to ``target``."""
        key = (i, pieces, target)
        got = self.memo.get(key)
        if got is not None:
            return got
        self.budget.tick(1 + len(self.values[i]) // _ENTRIES_PER_STEP)  # each piece tried
        out: list[tuple[int, ...]] = []
        if pieces == 1:
            out.extend((v,) for after, v in self.values[i] if after == self.end and v == target)
        else:
            for after, v in self.values[i]:
                if v > target:
                    break
                if not self.reachable(after, pieces - 1, target - v):
                    continue
                for tail in self.cuts(after, pieces - 1, target - v):
                    out.append((v, *tail))
                    if len(out) > self.limit:
                        raise _Capped(f"more than {self.limit} readings of the run")
        self.memo[key] = out
        return out


def _summing(run: str, parts: int, budget: _Budget, limit: int) -> list[tuple[int, ...]]:
    """Every cut of ``run`` into ``parts`` counts followed by their sum (R3, R4).

    The total is the last piece; every part is at most the total, so the parts use at most
    ``parts`` times the total's digits. A number is congruent to the sum of its digits modulo
    9, so however the parts are cut their sum is congruent to the digit sum of all of them:
    a total that is not is skipped at once. Raises :class:`_Capped` past ``limit`` readings
    or the budget's steps.
    """
    n = len(run)
    found: list[tuple[int, ...]] = []
    digit_sums = list(itertools.accumulate((int(d) for d in run), initial=0))
    for size in range(1, n - parts + 1):
        cut = n - size
        if (size > 1 and run[cut] == "0") or cut > parts * size:
            continue
        total = int(run[cut:])
        if (total - digit_sums[cut]) % 9:
            continue
        budget.tick()
        cutter = _SumCuts(run, cut, parts, size, budget, limit)
        if not cutter.reachable(0, parts, total):
            continue
        for head in cutter.cuts(0, parts, total):
            found.append((*head, total))
            if len(found) > limit:
                raise _Capped(f"more than {limit} readings of the run")
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
                # the others sum to [low - lo, high - hi], so a * v[c] must lie in
                # [-(high - hi), -(low - lo)]
                floor, ceiling = hi - high, lo - low
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


class _TooMany(Exception):
    """More solutions than the search keeps."""


class _Found(Exception):
    """A solution, found by a search that only asks whether one exists."""

    def __init__(self, solution: tuple[tuple[int, ...], ...]) -> None:
        super().__init__()
        self.solution = solution


class _Search:
    """The assignments of one reading per row satisfying the equations.

    Depth first, propagating (:func:`_propagate`) at each node and branching on the row with
    the fewest readings left. Past ``max_solutions`` solutions the enumeration stops, and
    each reading not yet seen in a solution is checked on its own (is there a solution with
    it?), so that the rows' candidates stay exact even when the solutions are too many to
    list (independent ambiguities multiply). When the work budget runs out, ``capped`` says
    so and only the rows whose check had finished are ``exact``.
    """

    def __init__(
        self, equations: Sequence[Sequence[Term]], max_solutions: int, budget: _Budget
    ) -> None:
        self.equations = equations
        self.max_solutions = max_solutions
        self.budget = budget
        self.found: list[tuple[tuple[int, ...], ...]] = []
        self.more = False
        """More solutions exist than ``found`` holds."""
        self.capped: str | None = None
        self.root: Domains | None = None
        """The readings left by propagation before any branching (a superset)."""
        self.candidates: list[list[tuple[int, ...]]] = []
        """Per row, the readings seen in a solution."""
        self.exact: list[bool] = []
        """Per row, whether ``candidates`` are exactly the readings that take part in one."""

    def run(self, domains: Domains) -> None:
        self.root = root = _propagate(domains, self.equations)
        if root is None:
            self.candidates = [[] for _ in domains]
            self.exact = [True] * len(domains)
            return
        try:
            self._dfs(root, self._keep)
        except _TooMany:
            self.more = True
        except _Capped as capped:
            self.capped = str(capped)
        seen = [dict.fromkeys(s[r] for s in self.found) for r in range(len(root))]
        self.exact = [not self.more and self.capped is None] * len(root)
        if self.more:
            try:
                for r, readings in enumerate(root):
                    for reading in readings:
                        if reading not in seen[r]:
                            self._support(root, r, reading, seen)
                    self.exact[r] = True
            except _Capped as capped:
                self.capped = str(capped)
        self.candidates = [sorted(s) for s in seen]

    def _support(
        self,
        root: Domains,
        r: int,
        reading: tuple[int, ...],
        seen: list[dict[tuple[int, ...], None]],
    ) -> None:
        """Look for one solution with row ``r`` read as ``reading``; mark all its readings."""
        branch = list(root)
        branch[r] = [reading]
        try:
            self._dfs(branch, self._stop)
        except _Found as found:
            for rr, vv in enumerate(found.solution):
                seen[rr][vv] = None

    def _keep(self, solution: tuple[tuple[int, ...], ...]) -> None:
        if len(self.found) == self.max_solutions:
            raise _TooMany
        self.found.append(solution)

    @staticmethod
    def _stop(solution: tuple[tuple[int, ...], ...]) -> None:
        raise _Found(solution)

    def _dfs(self, domains: Domains, sink: Callable[[tuple[tuple[int, ...], ...]], None]) -> None:
        self.budget.tick(len(domains))
        narrowed = _propagate(domains, self.equations)
        if narrowed is None:
            return
        open_rows = [(len(d), r) for r, d in enumerate(narrowed) if len(d) > 1]
        if not open_rows:
            sink(tuple(d[0] for d in narrowed))
            return
        _, r = min(open_rows)
        for reading in narrowed[r]:
            branch = list(narrowed)
            branch[r] = [reading]
            self._dfs(branch, sink)


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
    search past ``max_solutions`` solutions stops, and so does a call past ``max_steps`` steps
    of work (:data:`MAX_STEPS`, shared by the enumerations and the search): the rows it had not
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
    budget = _Budget(max_steps)
    given, own, capped = _request_readings(runs, keys, max_candidates, budget)
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
    search = _Search(equations, max_solutions, budget)
    search.run(domains(with_known=True))

    def settled(r: int, readings: Sequence[tuple[int, ...]]) -> RowSolution:
        if r in given:
            return RowSolution(
                key=keys[r], status=RowStatus.DETERMINED, candidates=(given[r],), given=True
            )
        return _row_solution(keys[r], sorted(set(readings)))

    rows: dict[str, RowSolution] = {}
    listed = ", ".join(rules)
    if search.found and not search.more and search.capped is None:
        explanation = f"{_plural(len(search.found), 'solution')} satisfy {listed} (format.md §7)"
    elif search.more:
        explanation = (
            f"more than {max_solutions} solutions satisfy {listed} (format.md §7); the first "
            f"{max_solutions} are kept and every other reading of a row was checked on its own"
        )
    elif search.capped is None:
        explanation = f"nothing satisfies {listed}; each row lists its readings satisfying R3 alone"
        if fixed:
            retry = _Search(equations, max_solutions, _Budget(max_steps))
            retry.run(domains(with_known=False))
            explanation += _without_known(retry)
    else:
        explanation = f"search stopped after {_plural(len(search.found), 'solution')}"
    if search.capped is not None:
        explanation += f": {search.capped}"
    unsatisfiable = not search.found and search.capped is None
    root = search.root if search.root is not None else []
    for r in active:
        i = position[r]
        if unsatisfiable:
            rows[keys[r]] = settled(r, own[r])
        elif search.exact[i] or r in given or len(root[i]) == 1:
            rows[keys[r]] = settled(r, search.candidates[i] if search.exact[i] else root[i])
        else:
            rows[keys[r]] = _unresolved(
                keys[r],
                f"{search.capped}; the candidates are the readings left by propagation, a superset",
                sorted(root[i]),
            )
    for r, reason in capped.items():
        rows[keys[r]] = _unresolved(keys[r], reason)
    if capped:
        explanation += f"; unresolved runs: {', '.join(keys[r] for r in capped)}"
    return Solution(
        table="requests",
        rows={key: rows[key] for key in keys},
        count=len(search.found),
        complete=not (search.more or search.capped or capped),
        assignments=tuple(
            {keys[r]: given.get(r, s[position[r]]) for r in active} for s in search.found
        ),
        rules=rules,
        explanation=explanation,
    )


def _request_readings(
    runs: Mapping[str, RowInput], keys: Sequence[str], max_candidates: int, budget: _Budget
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
            own[r] = _summing(row, width - 1, budget, max_candidates)
        except _Capped as stop:
            capped[r] = f"R3 enumeration stopped ({stop}); R1 and R2 not applied through it"
    return given, own, capped


def _without_known(retry: _Search) -> str:
    if retry.found:
        exact = not retry.more and retry.capped is None
        return (
            f"; without the known figures {'' if exact else 'at least '}"
            f"{_plural(len(retry.found), 'solution')} satisfy R1–R3: a known figure "
            "contradicts the table"
        )
    if retry.capped is None:
        return "; R1–R3 cannot be satisfied even without the known figures"
    return f"; whether R1–R3 can be satisfied without the known figures is unknown ({retry.capped})"


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
) -> tuple[list[tuple[tuple[int, ...], ...]], str | None]:
    """Every cut of one 15-cell run into three R4 blocks, each agreeing with its known cells;
    and, when a cap stopped the enumeration, which."""
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
                        raise _Capped(f"more than {max_solutions} solutions")
                    found.append((*acc, cells))
                else:
                    walk(e, b + 1, (*acc, cells))

    try:
        if n >= width * len(_BLOCK_KEYS):
            walk(0, 0, ())
    except _Capped as stop:
        return found, str(stop)
    return found, None


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
    found, stop = _review_assignments(
        run, allowed, _Budget(max_steps), max_candidates, max_solutions
    )
    picked: Sequence[tuple[tuple[int, ...], ...]] = found
    explanation = f"{_plural(len(found), 'solution')} satisfy {', '.join(rules)} (format.md §7)"
    if stop is None and not found:
        explanation = f"nothing satisfies {', '.join(rules)}"
        if "known" in rules:
            picked, stop = _review_assignments(
                run, [{}] * len(_BLOCK_KEYS), _Budget(max_steps), max_candidates, max_solutions
            )
            explanation += (
                f"; each block lists its readings satisfying R4 alone "
                f"({_plural(len(picked), 'split')} of the run satisfy R4 in every block)"
            )
    if stop is not None:
        explanation = f"search stopped ({stop}); the candidates are those found so far"
    rows: dict[str, RowSolution] = {}
    for b, key in enumerate(_BLOCK_KEYS):
        readings = [s[b] for s in picked]
        if stop is not None:
            rows[key] = _unresolved(key, explanation, readings)
        elif readings:
            rows[key] = _row_solution(key, sorted(readings))
        else:
            rows[key] = _unresolved(key, "no split of the run satisfies R4 in every block")
    return Solution(
        table="review_litigation",
        rows=rows,
        count=len(found),
        complete=stop is None,
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
    budget = _Budget(max_steps)
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
                own = list(_summing(block, width - 1, budget, max_candidates))
            except _Capped as stop:
                capped.append(key)
                rows[key] = _unresolved(key, f"R4 enumeration stopped ({stop})")
                options.append([])
                continue
            kept = [v for v in own if all(v[c] == x for c, x in allowed[b].items())]
            # when nothing agrees with the known figures, R4 alone (unresolved when none)
            rows[key] = _row_solution(key, sorted(kept or own))
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


# --- one row on its own ---------------------------------------------------------------------


def solve_row(
    run: str,
    width: int,
    known: Mapping[int, int] = _NO_KNOWN_COUNTS,
    *,
    key: str = "row",
    max_candidates: int = MAX_CANDIDATES,
    max_steps: int = MAX_STEPS,
) -> Solution:
    """Recover one row whose last cell is the sum of the others, on its own.

    For a table 三 row (``width`` 7, rule **R3**: ``total`` = the six applicant columns) or
    a table 四 block (``width`` 5, rule **R4**), format.md §7, when the rest of its table is
    not at hand; :func:`solve_requests` and :func:`solve_review` use the whole table and
    settle far more rows. ``known`` maps a cell's 0-based index to a figure the narrative
    states. The row is keyed ``key``; when no reading agrees with ``known`` it lists its
    readings satisfying the sum alone, and the caps work as in :func:`solve_requests`.
    """
    _check_cap("width", width)
    _check_cap("max_candidates", max_candidates)
    _check_cap("max_steps", max_steps)
    if width < 2:
        raise GovinfoError(f"width: a row with a total has at least 2 cells, got {width}")
    if _DIGITS.fullmatch(run) is None:
        raise GovinfoError(f"row {key!r}: a run holds digits only, got {run!r}")
    for i, value in known.items():
        if type(i) is not int or not 0 <= i < width or type(value) is not int or value < 0:
            raise GovinfoError(
                f"known: expected a cell index below {width} and a non-negative int, "
                f"got {i!r}: {value!r}"
            )
    rule = {7: "R3", 5: "R4"}.get(width, "total = sum")
    rules = (rule, *(("known",) if known else ()))
    try:
        own: list[Cells] = list(_summing(run, width - 1, _Budget(max_steps), max_candidates))
    except _Capped as stop:
        return Solution(
            table="row",
            rows={key: _unresolved(key, f"enumeration stopped ({stop})")},
            count=0,
            complete=False,
            rules=rules,
            explanation=f"enumeration stopped ({stop})",
        )
    found = sorted(v for v in own if all(v[i] == x for i, x in known.items()))
    if found:
        explanation = f"{_plural(len(found), 'reading')} of the run satisfy {', '.join(rules)}"
    else:
        explanation = f"nothing satisfies {', '.join(rules)}"
        if known and own:
            explanation += "; the row lists its readings satisfying the sum alone"
    return Solution(
        table="row",
        rows={key: _row_solution(key, found or sorted(own))},
        count=len(found),
        complete=True,
        assignments=tuple({key: cells} for cells in found[:MAX_SOLUTIONS]),
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
    max_steps: int = MAX_STEPS,
) -> Solution:
    """Recover one table 二 (主动公开政府信息情况) row from its run.

    ``kinds`` are the row's cell kinds in column order (``[c.kind for c in row.columns]`` of
    ``table("proactive").rows_for(edition)``): a count has no leading zero, a signed count
    (edition 2019's 本年增/减) may start with ``-``, money may hold one decimal point. Table
    二 has no arithmetic rule (format.md §7 has none for it), so a row of several cells is
    usually ambiguous unless ``known`` fixes cells: it maps a cell's 0-based index to the
    figure the narrative states ("制发行政规范性文件62件" → ``{0: 62}`` for 本年制发件数).
    The row is keyed ``key`` in the solution. Past ``max_candidates`` readings, or
    ``max_steps`` readings looked at, the row is unresolved, listing the first ones found.
    When no reading agrees with ``known``, the row lists every reading of the run and the
    explanation says so.
    """
    _check_cap("max_candidates", max_candidates)
    _check_cap("max_steps", max_steps)
    kinds = tuple(CellKind(k) for k in kinds)
    _check_run(run)
    for i, value in known.items():
        if type(i) is not int or not 0 <= i < len(kinds):
            raise GovinfoError(f"known: {i!r} is not a cell index of a {len(kinds)}-cell row")
        if not isinstance(value, int | Decimal) or isinstance(value, bool):
            raise GovinfoError(f"known: cell {i} must be an int or Decimal, got {value!r}")
    rules = ("known",) if known else ()

    def readings(with_known: bool) -> tuple[list[Cells], str | None]:
        out: list[Cells] = []
        budget = _Budget(max_steps)
        try:
            for cells in _cuts(run, kinds):
                budget.tick()
                if with_known and any(cells[i] != x for i, x in known.items()):
                    continue
                if len(out) == max_candidates:
                    raise _Capped(f"more than {max_candidates} readings of the run")
                out.append(cells)
        except _Capped as stop:
            return out, str(stop)
        return out, None

    found, stop = readings(with_known=True)
    shown = found
    if stop is None and not found and known:
        shown, stop = readings(with_known=False)
        explanation = (
            f"no reading agrees with the known figures; the row lists all "
            f"{_plural(len(shown), 'reading')} of the run"
        )
    else:
        explanation = f"{_plural(len(found), 'reading')} of the run"
        if known:
            explanation += " agree with the known figures"
        if len(found) > 1:
            explanation += " (table 二 has no arithmetic rule to choose among them)"
    complete = stop is None
    if stop is not None:
        explanation = f"enumeration stopped ({stop}); the first readings found are listed"
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
