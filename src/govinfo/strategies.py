"""Hypothesis strategies for govinfo reports and their tables (the ``strategies`` extra).

Install with ``pip install 'govinfo[strategies]'``. The functions here are shaped like
hypothesis's own: each takes keyword-only options and returns a
:class:`~hypothesis.strategies.SearchStrategy`::

    from hypothesis import given

    import govinfo
    from govinfo import Edition
    from govinfo import strategies as gst

    @given(gst.reports(edition=Edition.V2021))
    def test_round_trip(report):
        assert govinfo.from_json(govinfo.to_json(report)) == report

Public strategies: :func:`editions`, :func:`applicant_counts`, :func:`result_counts`,
:func:`requests_tables`, :func:`review_litigation_tables`, :func:`proactive_tables`,
:func:`overviews`, :func:`periods`, :func:`sources` and :func:`reports`.

What the options mean
---------------------

``consistent=True`` (the default)
    The report passes every single-report rule of :mod:`govinfo.checks`, so ``check(report)``
    is empty: every section and table is present (S1, S2), no row is wholly blank (S3), a
    publication date, when set, is by 31 January of the next year (D1), section 六 states the
    information-processing fees (T5), and every consistency
    rule of the report format (勾稽关系) holds *by construction*, nothing is filtered: **R1**
    per column of table 三, ``new_requests + carried_over = handled_total +
    carried_forward``; **R2** per column, ``handled_total`` is the sum of every outcome row
    (``disclosed``, ``partially_disclosed``, ``withheld.*``, ``unavailable.*``,
    ``not_processed.*`` and ``other_handling``, whether one row or the three edition-2021
    sub-rows); **R3** per row of table 三, ``total`` is the sum of the six applicant columns;
    **R4** per block of table 四, ``total = upheld + corrected + other + pending``; **R5**
    counts are non-negative ``int``, money a finite non-negative :class:`~decimal.Decimal`, and
    only ``items_change`` may be negative. The outcome cells and ``carried_forward`` are drawn,
    ``handled_total`` is their sum, ``carried_over`` is drawn at most ``handled_total +
    carried_forward`` and ``new_requests`` is what R1 leaves, so it is never negative; totals
    are row sums.

``consistent=False``
    Any valid model values: every count is an arbitrary non-negative ``int`` (or ``None``), so
    the rules above may fail. Half of the draws are consistent tables with one to three cells
    replaced by arbitrary values, so single, near-miss violations are common too.

``not_reported=True`` (the default)
    Some cells are ``None`` (not reported, which is not the same as ``0``). In tables 三 and 四
    of a consistent draw a ``None`` only ever stands where the true value is ``0``, as published
    reports leave zero cells blank: substituting ``0`` for every ``None`` satisfies every rule;
    a row is never blank as a whole. Table 二 may have ``None`` in any cell but not in a whole
    row. With ``consistent=False`` a report may also lack a table or a narrative section
    altogether (``None``).

``not_reported=False``
    No table cell is ``None``, and :func:`reports` always includes all three tables.

Other shapes follow published reports: edition 2021's （六）其他处理 is usually the
:class:`~govinfo.model.OtherHandling` breakdown but sometimes one
:class:`~govinfo.model.ApplicantCounts` row (a real deviation, e.g. 淮安市洪泽区 2023), edition
2019's is always one row; report years match the edition (2019–2020 for ``2019``, 2021–2035
for ``2021``); agency names are non-empty Chinese text; narrative sections and metadata
(``level``, ``agency_kind``, ``published``, ``period``, ``source``) are sometimes ``None``.
Drawn counts are at most :data:`MAX_COUNT` (stated totals, being sums, can be larger); money
has zero to four decimal places and is below :data:`MAX_MONEY` 万元.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, TypeVar, get_type_hints, overload

import attrs

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "govinfo.strategies needs hypothesis: pip install 'govinfo[strategies]'"
    ) from exc

from govinfo.model import (
    CELL_KIND,
    PROACTIVE_CLASSES,
    ApplicantCounts,
    Overview,
    OverviewSection,
    Period,
    Proactive2019,
    Proactive2021,
    Report,
    Requests,
    ResultCounts,
    ReviewLitigation,
    Source,
)
from govinfo.narrative import figures_in_text
from govinfo.registry import (
    AgencyKind,
    Applicant,
    CellKind,
    Edition,
    Level,
    OverviewPart,
    RequestRow,
    ReviewBlock,
    ReviewResult,
    table,
)

if TYPE_CHECKING:
    from hypothesis.strategies import DrawFn, SearchStrategy

__all__ = [
    "LAST_YEAR",
    "MAX_COUNT",
    "MAX_MONEY",
    "applicant_counts",
    "editions",
    "overviews",
    "periods",
    "proactive_tables",
    "reports",
    "requests_tables",
    "result_counts",
    "review_litigation_tables",
    "sources",
]

T = TypeVar("T")

MAX_COUNT = 100_000
"""The largest count a strategy draws for a single cell (totals are sums and may be larger)."""
MAX_MONEY = Decimal(10_000_000)
"""Drawn money amounts (万元) are below this."""
LAST_YEAR = 2035
"""The latest report year :func:`reports` draws."""

_EDITIONS = st.sampled_from(Edition)
_YEARS: dict[Edition, tuple[int, int]] = {
    Edition.V2019: (2019, 2020),
    Edition.V2021: (2021, LAST_YEAR),
}
_APPLICANT_COLUMNS = tuple(a.key for a in Applicant if a is not Applicant.TOTAL)
_RESULT_COLUMNS = tuple(r.key for r in ReviewResult if r is not ReviewResult.TOTAL)

_Grid = dict[str, list[int | None]]
"""Table cells by row key, each row's cells in template column order (total last)."""
_BlankMode = Literal["never", "some", "all"]


# --- argument checking ------------------------------------------------------------------------


def _edition_arg(edition: object) -> Edition | None:
    if edition is None or isinstance(edition, Edition):
        return edition
    if isinstance(edition, str) and edition in {e.value for e in Edition}:
        return Edition(edition)
    raise InvalidArgument(
        f"edition={edition!r} is not a template edition; expected one of "
        f"{[e.value for e in Edition]} or None"
    )


def _bool_arg(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be a bool")
    return value


# --- leaves -------------------------------------------------------------------------------


# Strategies drawn many times per report are built once: building one costs more than
# drawing from it.

_BOOLEANS = st.booleans()
_COUNTS = st.one_of(st.just(0), st.integers(1, 20), st.integers(0, MAX_COUNT))
"""A non-negative count; zeros and small numbers are common, as in published tables."""
_OPTIONAL_COUNTS = st.one_of(st.none(), _COUNTS)
_SIGNED = st.one_of(st.just(0), st.integers(-20, 20), st.integers(-MAX_COUNT, MAX_COUNT))
_PLACES = st.integers(0, 4)
_MONEY_UNITS = tuple(st.integers(0, int(MAX_MONEY) * 10**places - 1) for places in range(5))


@st.composite
def _money(draw: DrawFn) -> Decimal:
    """A finite non-negative amount in 万元 with zero to four decimal places."""
    places = draw(_PLACES)
    return Decimal(draw(_MONEY_UNITS[places])).scaleb(-places)


_MONEY = _money()
_CELL_VALUES: dict[CellKind, SearchStrategy[int | Decimal]] = {
    CellKind.COUNT: _COUNTS,
    CellKind.SIGNED: _SIGNED,
    CellKind.MONEY: _MONEY,
}
_BLANK_MODES: dict[bool, SearchStrategy[_BlankMode]] = {
    False: st.just("never"),
    True: st.sampled_from(("never", "some", "all")),
}
"""How a table leaves zero cells blank (never, some of them, or all), by ``not_reported``."""


def _optional_counts(not_reported: bool) -> SearchStrategy[int | None]:
    return _OPTIONAL_COUNTS if not_reported else _COUNTS


@functools.cache
def _count_rows(width: int) -> SearchStrategy[tuple[int, ...]]:
    """``width`` counts (tuples draw faster than fixed-size lists)."""
    return st.tuples(*[_COUNTS] * width)


@functools.cache
def _optional_count_rows(width: int, not_reported: bool) -> SearchStrategy[tuple[int | None, ...]]:
    return st.tuples(*[_optional_counts(not_reported)] * width)


def _blank_zero(draw: DrawFn, value: int, mode: _BlankMode) -> int | None:
    if value != 0 or mode == "never":
        return value
    if mode == "all":
        return None
    return None if draw(_BOOLEANS) else 0


def _summed(draw: DrawFn, leaves: Sequence[int], mode: _BlankMode) -> list[int | None]:
    """The row ``leaves`` followed by their sum, zeros blanked as ``mode`` says; a row of
    zeros keeps its first cell, since a wholly blank row means missing figures, not zeros."""
    row = [_blank_zero(draw, v, mode) for v in (*leaves, sum(leaves))]
    if all(v is None for v in row):
        row[0] = 0
    return row


def _sometimes_none(strategy: SearchStrategy[T]) -> SearchStrategy[T | None]:
    """``None`` about half of the time (metadata and narrative)."""
    return st.one_of(st.none(), strategy)


_ONE_IN_EIGHT = st.integers(0, 7)


@st.composite
def _rarely_none(draw: DrawFn, strategy: SearchStrategy[T]) -> T | None:
    """``None`` about one time in eight (whole tables); shrinks towards ``None``."""
    if draw(_ONE_IN_EIGHT) == 0:
        return None
    return draw(strategy)


# --- grids: tables 三 and 四 as rows of cells ------------------------------------------------


@st.composite
def _consistent_rows(draw: DrawFn, width: int, not_reported: bool) -> list[int | None]:
    mode = draw(_BLANK_MODES[not_reported])
    return _summed(draw, draw(_count_rows(width)), mode)


@st.composite
def _arbitrary_grid(draw: DrawFn, keys: tuple[str, ...], width: int, not_reported: bool) -> _Grid:
    """Every cell (totals included) drawn on its own: rules usually fail."""
    return {key: list(draw(_optional_count_rows(width + 1, not_reported))) for key in keys}


@st.composite
def _perturbed_grid(
    draw: DrawFn, consistent: SearchStrategy[_Grid], width: int, not_reported: bool
) -> _Grid:
    """A consistent grid with one to three cells replaced by arbitrary values."""
    grid = draw(consistent)
    keys = list(grid)
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(keys))
        grid[key][draw(st.integers(0, width))] = draw(_optional_counts(not_reported))
    return grid


def _grids(
    consistent_grid: SearchStrategy[_Grid],
    keys: tuple[str, ...],
    width: int,
    *,
    consistent: bool,
    not_reported: bool,
) -> SearchStrategy[_Grid]:
    if consistent:
        return consistent_grid
    return st.one_of(
        _arbitrary_grid(keys, width, not_reported),
        _perturbed_grid(consistent_grid, width, not_reported),
    )


# --- table 三 -------------------------------------------------------------------------------


def _request_rows(single_other_handling: bool) -> tuple[RequestRow, ...]:
    """The rows of table 三 with （六） as one row (edition 2019's layout) or three."""
    layout = Edition.V2019 if single_other_handling else Edition.V2021
    return tuple(r for r in RequestRow if layout in r.editions)


@st.composite
def _consistent_requests_grid(
    draw: DrawFn, rows: tuple[RequestRow, ...], not_reported: bool
) -> _Grid:
    mode = draw(_BLANK_MODES[not_reported])
    width = len(_APPLICANT_COLUMNS)
    outcomes = [r.key for r in rows if r.is_outcome]
    leaves: dict[str, Sequence[int]] = {key: draw(_count_rows(width)) for key in outcomes}
    handled = [sum(leaves[key][i] for key in outcomes) for i in range(width)]
    forward = draw(_count_rows(width))
    # At most what R1 leaves room for, so new_requests is never negative (shrinks to 0).
    over = [draw(_COUNTS) % (h + f + 1) for h, f in zip(handled, forward, strict=True)]
    leaves[RequestRow.HANDLED_TOTAL.key] = handled
    leaves[RequestRow.CARRIED_FORWARD.key] = forward
    leaves[RequestRow.CARRIED_OVER.key] = over
    leaves[RequestRow.NEW_REQUESTS.key] = [
        h + f - o for h, f, o in zip(handled, forward, over, strict=True)
    ]
    return {r.key: _summed(draw, leaves[r.key], mode) for r in rows}


def _requests_from_grid(grid: _Grid) -> Requests:
    return Requests.from_rows({key: ApplicantCounts.from_values(v) for key, v in grid.items()})


_SINGLE_OTHER_HANDLING: dict[Edition, SearchStrategy[bool]] = {
    Edition.V2019: st.just(True),
    Edition.V2021: st.integers(0, 4).map(lambda n: n == 4),
}
"""Whether （六）其他处理 is one row: always in 2019, about one time in five in 2021."""


@functools.cache
def _requests_grids(single: bool, consistent: bool, not_reported: bool) -> SearchStrategy[_Grid]:
    rows = _request_rows(single)
    return _grids(
        _consistent_requests_grid(rows, not_reported),
        tuple(r.key for r in rows),
        len(_APPLICANT_COLUMNS),
        consistent=consistent,
        not_reported=not_reported,
    )


@st.composite
def _requests(
    draw: DrawFn, edition: Edition | None, consistent: bool, not_reported: bool
) -> Requests:
    chosen = draw(_EDITIONS) if edition is None else edition
    single = draw(_SINGLE_OTHER_HANDLING[chosen])
    return _requests_from_grid(draw(_requests_grids(single, consistent, not_reported)))


RowT = TypeVar("RowT", ApplicantCounts, ResultCounts)


def _single_rows(
    cls: type[RowT], width: int, consistent: object, not_reported: object
) -> SearchStrategy[RowT]:
    """Rows of ``width`` parts and their total: summed when consistent, else drawn freely."""
    cells: SearchStrategy[Sequence[int | None]]
    if _bool_arg("consistent", consistent):
        cells = _consistent_rows(width, _bool_arg("not_reported", not_reported))
    else:
        cells = _optional_count_rows(width + 1, _bool_arg("not_reported", not_reported))
    return cells.map(cls.from_values)


def applicant_counts(
    *, consistent: bool = True, not_reported: bool = True
) -> SearchStrategy[ApplicantCounts]:
    """One row of table 三.

    With ``consistent=True`` its ``total`` is the sum of the six applicant columns (R3) and
    ``None`` cells (``not_reported=True``) stand for zeros; with ``consistent=False`` every
    cell, ``total`` included, is drawn on its own.
    """

    return _single_rows(ApplicantCounts, len(_APPLICANT_COLUMNS), consistent, not_reported)


def requests_tables(
    *, edition: Edition | None = None, consistent: bool = True, not_reported: bool = True
) -> SearchStrategy[Requests]:
    """Table 三 of ``edition`` (either edition when ``None``).

    See the module documentation for ``consistent`` (R1–R3 hold) and ``not_reported``. In
    edition 2021 （六）其他处理 is usually the :class:`~govinfo.model.OtherHandling` breakdown and
    sometimes a single row; in edition 2019 it is always a single row.
    """
    return _requests(
        _edition_arg(edition),
        _bool_arg("consistent", consistent),
        _bool_arg("not_reported", not_reported),
    )


# --- table 四 -------------------------------------------------------------------------------


@st.composite
def _consistent_review_grid(draw: DrawFn, not_reported: bool) -> _Grid:
    mode = draw(_BLANK_MODES[not_reported])
    width = len(_RESULT_COLUMNS)
    return {b.key: _summed(draw, draw(_count_rows(width)), mode) for b in ReviewBlock}


def result_counts(
    *, consistent: bool = True, not_reported: bool = True
) -> SearchStrategy[ResultCounts]:
    """One block of table 四; with ``consistent=True`` its ``total`` is the sum (R4)."""

    return _single_rows(ResultCounts, len(_RESULT_COLUMNS), consistent, not_reported)


def review_litigation_tables(
    *, consistent: bool = True, not_reported: bool = True
) -> SearchStrategy[ReviewLitigation]:
    """Table 四 (the same in both editions); with ``consistent=True`` R4 holds per block."""
    not_reported = _bool_arg("not_reported", not_reported)
    grid = _grids(
        _consistent_review_grid(not_reported),
        tuple(b.key for b in ReviewBlock),
        len(_RESULT_COLUMNS),
        consistent=_bool_arg("consistent", consistent),
        not_reported=not_reported,
    )
    return grid.map(
        lambda g: ReviewLitigation(
            **{key: ResultCounts.from_values(cells) for key, cells in g.items()}
        )
    )


# --- table 二 -------------------------------------------------------------------------------


def _proactive_layout(edition: Edition) -> tuple[tuple[str, Any, tuple[CellKind, ...]], ...]:
    """Each table 二 row of ``edition``: its key, its model class and its cells' kinds."""
    row_classes = get_type_hints(PROACTIVE_CLASSES[edition])
    return tuple(
        (
            spec.key,
            row_classes[spec.key],
            tuple(a.metadata[CELL_KIND] for a in attrs.fields(row_classes[spec.key])),
        )
        for spec in table("proactive").rows_for(edition)
    )


_PROACTIVE_LAYOUT = {e: _proactive_layout(e) for e in Edition}


@st.composite
def _proactive(
    draw: DrawFn, edition: Edition | None, consistent: bool, not_reported: bool
) -> Proactive2019 | Proactive2021:
    chosen = draw(_EDITIONS) if edition is None else edition
    some_blank = not_reported and draw(_BOOLEANS)
    rows: dict[str, Any] = {}
    for key, row_cls, kinds in _PROACTIVE_LAYOUT[chosen]:
        values: list[int | Decimal | None] = []
        for kind in kinds:
            value: int | Decimal = draw(_CELL_VALUES[kind])
            values.append(None if some_blank and draw(_BOOLEANS) else value)
        if consistent:
            _make_plausible(values, kinds)
        rows[key] = row_cls.from_values(values)
    return PROACTIVE_CLASSES[chosen](**rows)


def _make_plausible(values: list[int | Decimal | None], kinds: tuple[CellKind, ...]) -> None:
    """Keep a table 二 row within the single-report rules: not wholly blank (S3), and items
    last year plus this year's change not negative (R5)."""
    if all(v is None for v in values):
        values[0] = 0 if kinds[0] is not CellKind.MONEY else Decimal(0)
    if CellKind.SIGNED in kinds:
        i = kinds.index(CellKind.SIGNED)
        last, change = values[i - 1], values[i]
        if isinstance(last, int) and isinstance(change, int) and last + change < 0:
            values[i] = -last


@overload
def proactive_tables(
    *, edition: Literal[Edition.V2019], consistent: bool = ..., not_reported: bool = ...
) -> SearchStrategy[Proactive2019]: ...
@overload
def proactive_tables(
    *, edition: Literal[Edition.V2021], consistent: bool = ..., not_reported: bool = ...
) -> SearchStrategy[Proactive2021]: ...
@overload
def proactive_tables(
    *, edition: Edition | None = ..., consistent: bool = ..., not_reported: bool = ...
) -> SearchStrategy[Proactive2019 | Proactive2021]: ...
def proactive_tables(
    *, edition: Edition | None = None, consistent: bool = True, not_reported: bool = True
) -> SearchStrategy[Proactive2019 | Proactive2021]:
    """Table 二 of ``edition`` (:class:`~govinfo.model.Proactive2019` or
    :class:`~govinfo.model.Proactive2021`; either when ``None``).

    With ``not_reported=True`` cells may be ``None``. With ``consistent=True`` no row is wholly
    blank and ``items_last_year + items_change`` is not negative; ``items_change`` itself may be
    negative. Money is a :class:`~decimal.Decimal` in 万元.
    """
    return _proactive(
        _edition_arg(edition),
        _bool_arg("consistent", consistent),
        _bool_arg("not_reported", not_reported),
    )


# --- narrative and metadata -------------------------------------------------------------------

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_TEXT_CHARACTERS = st.one_of(
    _CJK,
    st.sampled_from("，。、；：（）“”《》%—·0123456789"),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from("\n\u3000"),
)
_AGENCY_SUFFIXES = (
    "人民政府",
    "人民政府办公室",
    "市场监督管理局",
    "教育局",
    "财政局",
    "公安局",
    "生态环境局",
    "自然资源和规划局",
    "卫生健康委员会",
    "街道办事处",
)
_HOSTS = ("www.gov.cn", "www.beijing.gov.cn", "www.ly.gov.cn", "xxgk.example.gov.cn")


def _text(*, min_size: int = 0, max_size: int = 120) -> SearchStrategy[str]:
    """Narrative text, none of whose lines starts as a heading does (``二、…``, ``（六）…``):
    printed, such a line is the heading of a section or sub-part, so a report holding it
    in its text could not be told from one that has the heading (hypothesis also tries
    string constants of the code it tests, such as ``（六）其他处理``)."""
    return st.text(_TEXT_CHARACTERS, min_size=min_size, max_size=max_size).filter(
        _has_no_heading_line
    )


_HEADING_START = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+\s*[、.．])", re.M
)


def _has_no_heading_line(text: str) -> bool:
    return _HEADING_START.search(text) is None


def _agencies() -> SearchStrategy[str]:
    """Chinese agency names such as 洛阳市市场监督管理局: a place and a kind of agency.

    Places are made of characters that place names use, so a generated name never spells
    words of the template itself (本年制发件数…), which no agency is called."""
    return st.builds(
        "".join,
        st.tuples(
            st.text(_PLACE_CHARACTERS, min_size=1, max_size=4),
            st.sampled_from(("市", "县", "区", "省", "市新城区", "县")),
            st.sampled_from(_AGENCY_SUFFIXES),
        ),
    )


_PLACE_CHARACTERS = st.sampled_from(
    "洛阳淮安洪泽沭平潭江苏河南福建山东广州杭州宁波温州嘉兴湖州绍兴金华衢舟台丽"
)
"""Characters of real place names."""


@st.composite
def _overview_sections(draw: DrawFn, text: SearchStrategy[str]) -> OverviewSection:
    part = draw(st.one_of(st.sampled_from(OverviewPart), st.none()))
    if part is not None:
        heading = f"{part.number}{part.zh}"
    else:  # a sub-part some reports add, numbered as reports number theirs
        heading = f"（{draw(_NUMERALS)}）{draw(_EXTRA_PARTS)}"
    return OverviewSection(part=part, heading=heading, text=draw(text))


_NUMERALS = st.sampled_from("一二三四五六七八九")
_EXTRA_PARTS = st.sampled_from(("工作考核", "社会评议", "责任追究", "队伍建设", "工作培训"))
"""Sub-parts of section 一 beyond the template's five (government reports add 工作考核、社会评议
和责任追究, 条例 Art. 50)."""


def overviews() -> SearchStrategy[Overview]:
    """Section 一 (总体情况): introductory text and zero or more sub-parts."""
    return _overviews(_text())


def _overviews(text: SearchStrategy[str]) -> SearchStrategy[Overview]:
    return st.builds(
        Overview,
        text=text,
        parts=st.lists(_overview_sections(text), max_size=6).map(tuple),
    )


def _states_no_figure(text: str) -> bool:
    """Whether ``text`` states none of the figures the text rules (T1–T5) compare with the
    tables: random text may (hypothesis also tries string constants of the code it tests,
    such as ``全年共受理政府信息公开申请 3119 件``)."""
    return not figures_in_text(text)


@st.composite
def _periods(draw: DrawFn, year: int | None) -> Period:
    chosen = draw(st.integers(2019, LAST_YEAR)) if year is None else year
    if not draw(_BOOLEANS):
        return Period.calendar_year(chosen)
    start = draw(st.dates(date(chosen, 1, 1), date(chosen, 12, 31)))
    end = draw(st.dates(start, date(chosen, 12, 31)))
    return Period(start=start, end=end)


def periods(*, year: int | None = None) -> SearchStrategy[Period]:
    """A statistical period within ``year`` (any report year when ``None``): usually the
    calendar year, sometimes a part of it."""
    if year is not None and (type(year) is not int or not 1 <= year <= 9998):
        raise InvalidArgument(f"year={year!r} must be an int between 1 and 9998 or None")
    return _periods(year)


def _locations() -> SearchStrategy[str]:
    names = st.text(_CJK, min_size=1, max_size=12)
    files = st.builds(
        "{}{}".format, names, st.sampled_from((".pdf", ".docx", ".doc", ".html", ".wps"))
    )
    urls = st.builds(
        "https://{}/xxgk/{}/{}.html".format,
        st.sampled_from(_HOSTS),
        st.integers(2019, LAST_YEAR + 1),
        st.integers(1, 10**9),
    )
    return st.one_of(files, urls)


def sources() -> SearchStrategy[Source]:
    """Where a report was read from: a file name or URL and, sometimes, a SHA-256 digest."""
    digests = st.binary(max_size=64).map(lambda b: hashlib.sha256(b).hexdigest())
    return st.builds(Source, location=_locations(), sha256=_sometimes_none(digests))


def editions() -> SearchStrategy[Edition]:
    """Either template edition (shrinks towards ``2019``)."""
    return _EDITIONS


# --- reports -------------------------------------------------------------------------------


@attrs.frozen
class _ReportParts:
    """The strategies :func:`reports` draws from, built once per combination of options."""

    years: SearchStrategy[int]
    proactive: SearchStrategy[Proactive2019 | Proactive2021 | None]
    requests: SearchStrategy[Requests | None]
    review_litigation: SearchStrategy[ReviewLitigation | None]


@functools.cache
def _report_parts(edition: Edition, consistent: bool, not_reported: bool) -> _ReportParts:
    def table(strategy: SearchStrategy[T]) -> SearchStrategy[T | None]:
        return _rarely_none(strategy) if not_reported and not consistent else strategy

    return _ReportParts(
        years=st.integers(*_YEARS[edition]),
        proactive=table(_proactive(edition, consistent, not_reported)),
        requests=table(_requests(edition, consistent, not_reported)),
        review_litigation=table(
            review_litigation_tables(consistent=consistent, not_reported=not_reported)
        ),
    )


@functools.cache
def _dated(
    year: int, on_time: bool
) -> tuple[SearchStrategy[date | None], SearchStrategy[Period | None]]:
    """Publication dates (``on_time``: by 31 January, the earlier statutory deadline) and
    statistical periods for a report on ``year``."""
    last = date(year + 1, 1, 31) if on_time else date(year + 1, 12, 31)
    return (
        _sometimes_none(st.dates(date(year + 1, 1, 1), last)),
        _sometimes_none(periods(year=year)),
    )


_AGENCIES = _agencies()
_LEVELS = _sometimes_none(st.sampled_from(Level))
_AGENCY_KINDS = _sometimes_none(st.sampled_from(AgencyKind))
_SOURCES = _sometimes_none(sources())
_OVERVIEWS = _sometimes_none(overviews())
_TEXT = _text()
_NARRATIVES = _sometimes_none(_TEXT)
_FIGURELESS = _TEXT.filter(_states_no_figure)
"""The text of a consistent report: it states no figure its tables could contradict."""
_CONSISTENT_OVERVIEWS = _overviews(_FIGURELESS)
_FEES_STATED = _FIGURELESS.map(lambda text: text + "本年度未收取信息处理费。")
"""Section 六 of a consistent report: it states the information-processing fees (T5)."""


@st.composite
def _reports(draw: DrawFn, edition: Edition | None, consistent: bool, not_reported: bool) -> Report:
    chosen = draw(_EDITIONS) if edition is None else edition
    parts = _report_parts(chosen, consistent, not_reported)
    year = draw(parts.years)
    published, period = _dated(year, consistent)
    overview, narrative = (
        (_CONSISTENT_OVERVIEWS, _FIGURELESS) if consistent else (_OVERVIEWS, _NARRATIVES)
    )
    other_matters = _FEES_STATED if consistent else _NARRATIVES
    return Report(
        agency=draw(_AGENCIES),
        year=year,
        edition=chosen,
        level=draw(_LEVELS),
        agency_kind=draw(_AGENCY_KINDS),
        published=draw(published),
        period=draw(period),
        source=draw(_SOURCES),
        overview=draw(overview),
        proactive=draw(parts.proactive),
        requests=draw(parts.requests),
        review_litigation=draw(parts.review_litigation),
        problems=draw(narrative),
        other_matters=draw(other_matters),
    )


def reports(
    *, edition: Edition | None = None, consistent: bool = True, not_reported: bool = True
) -> SearchStrategy[Report]:
    """Whole reports of ``edition`` (either edition when ``None``).

    The report year matches the edition, the tables follow the edition's template, and
    ``consistent`` and ``not_reported`` mean what the module documentation says; with
    ``not_reported=False`` all three tables are present and no cell is ``None``.
    """
    return _reports(
        _edition_arg(edition),
        _bool_arg("consistent", consistent),
        _bool_arg("not_reported", not_reported),
    )
