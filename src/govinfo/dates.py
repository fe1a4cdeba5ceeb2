"""Statutory dates: when an annual report is due, and when a request must be answered.

Two rules of 《中华人民共和国政府信息公开条例》 (revised 2019, 国务院令第711号, in force
2019-05-15; "the regulation" below) are modelled:

* Art. 49, the publication deadline of the annual report: :func:`publication_deadline`.
* Art. 33, the time limit for answering a request, in working days: :func:`reply_deadline`.

Working days follow the State Council's annual holiday notice
(国务院办公厅关于…年部分节假日安排的通知): an official holiday (放假) is a day off even on a
weekday, a make-up working day (调休上班) is a working day even on a Saturday or Sunday, and
otherwise Monday to Friday are working days. The calendar ships with govinfo as package data
(``govinfo/data/holidays_cn.json``, built by ``tools/make_holidays.py`` from the
``chinesecalendar`` package and checked against it day by day in the test suite). It covers the
years :func:`calendar_years` returns.

Past the last covered year, working days are computed from the statutory holidays alone
(全国年节及纪念日放假办法 as revised by 国务院令第795号: the holidays and, for a holiday that
falls on a weekend, the working day after it as the statutory 补假), as the ``holidays``
package computes them for China, with a :class:`ProvisionalCalendarWarning`: the State
Council's notice for such a year is not out yet, and the make-up working days (调休上班) and
days moved by it are not known, so a deadline may still move by a few days. A date before the
first covered year, or past what the ``holidays`` package covers, raises
:class:`CalendarOutOfRange` rather than a guess.

Example::

    >>> import datetime as dt
    >>> publication_deadline(2024, agency_kind=AgencyKind.GOVERNMENT)
    datetime.date(2025, 3, 31)
    >>> reply_deadline(dt.date(2024, 9, 27))  # the Friday before the National Day break
    datetime.date(2024, 10, 30)
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cache
from importlib import resources

from attrs import frozen

from govinfo.errors import CalendarOutOfRange, GovinfoError, RuleNotInForce
from govinfo.registry import AgencyKind

__all__ = [
    "ART49_FIRST_REPORT_YEAR",
    "EXTENSION_WORKING_DAYS",
    "FIRST_REPORT_YEAR",
    "REPLY_WORKING_DAYS",
    "REVISED_REGULATION_IN_FORCE",
    "CalendarOutOfRange",
    "ProvisionalCalendarWarning",
    "RuleNotInForce",
    "add_working_days",
    "calendar_years",
    "count_working_days",
    "holiday_notices",
    "is_working_day",
    "provisional_years",
    "publication_deadline",
    "reply_deadline",
]

REVISED_REGULATION_IN_FORCE = dt.date(2019, 5, 15)
"""The day the revised regulation (国务院令第711号) came into force."""

FIRST_REPORT_YEAR = 2008
"""The first year an annual report was due on: the original regulation (国务院令第492号, in
force 2008-05-01) introduced the report, so the first ones covered 2008."""

ART49_FIRST_REPORT_YEAR = 2019
"""The first report year under Art. 49 of the revised regulation (separate deadlines for
departments and governments): the report on 2019, published in early 2020."""

REPLY_WORKING_DAYS = 20
"""Art. 33: a request is answered within 20 working days of its receipt."""

EXTENSION_WORKING_DAYS = 20
"""Art. 33: an extension, approved by the head of the disclosure office and notified to the
applicant, adds at most 20 working days."""

_DATA = resources.files("govinfo") / "data" / "holidays_cn.json"


class ProvisionalCalendarWarning(UserWarning):
    """A result depends on a year past the shipped calendar: its working days were computed
    from the statutory holidays alone, since the State Council's notice for that year (which
    sets the make-up working days, 调休上班) is not in govinfo yet. The result may still move
    by a few days when the notice is out."""


@frozen
class _Calendar:
    """The shipped calendar, indexed for lookups."""

    years: range
    holidays: frozenset[dt.date]
    makeup_days: frozenset[dt.date]
    notices: dict[int, tuple[str, ...]]
    working: tuple[dt.date, ...]
    """Every working day of the covered years, in order."""

    @property
    def first(self) -> dt.date:
        return dt.date(self.years.start, 1, 1)

    @property
    def last(self) -> dt.date:
        """The last day the State Council's notices cover."""
        return dt.date(self.years.stop - 1, 12, 31)

    @property
    def end(self) -> dt.date:
        """The last day any working day can be told: past :attr:`last`, from the statutory
        holidays alone."""
        return dt.date(provisional_years().stop - 1, 12, 31)

    def coverage(self) -> str:
        """The covered range, for messages."""
        return (
            f"govinfo's working-day calendar covers {self.first.isoformat()} to "
            f"{self.last.isoformat()} (the years {self.years.start}-{self.years.stop - 1}) "
            f"from the State Council's notices, and up to {self.end.isoformat()} from the "
            "statutory holidays alone"
        )

    def out_of_range(self, what: str) -> CalendarOutOfRange:
        error = CalendarOutOfRange(f"{what}: {self.coverage()}")
        error.years = self.years
        return error

    def check(self, day: dt.date) -> dt.date:
        """``day`` as a plain date, or :class:`CalendarOutOfRange` if no working day can be
        told for it."""
        day = _as_date(day)
        if day < self.first or (day > self.last and day > self.end):
            raise self.out_of_range(f"{day.isoformat()} is outside the calendar")
        return day


def _as_date(day: dt.date) -> dt.date:
    """A plain :class:`~datetime.date` (a :class:`~datetime.datetime` loses its time)."""
    if isinstance(day, dt.datetime):
        return day.date()
    if not isinstance(day, dt.date):
        msg = f"expected a datetime.date, got {type(day).__name__}"
        raise TypeError(msg)
    return day


@cache
def _calendar() -> _Calendar:
    """Load the shipped calendar (once)."""
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    by_year = {int(year): entry for year, entry in raw["years"].items()}
    years = range(min(by_year), max(by_year) + 1)
    if sorted(by_year) != list(years):  # pragma: no cover - a broken data file
        msg = f"{_DATA}: the calendar's years are not contiguous: {sorted(by_year)}"
        raise RuntimeError(msg)
    holidays = frozenset(
        dt.date.fromisoformat(day) for entry in by_year.values() for day in entry["holidays"]
    )
    makeup_days = frozenset(
        dt.date.fromisoformat(day) for entry in by_year.values() for day in entry["workdays"]
    )
    first, last = dt.date(years.start, 1, 1), dt.date(years.stop - 1, 12, 31)
    working: list[dt.date] = []
    day = first
    while day <= last:
        if day in makeup_days or (day.weekday() < 5 and day not in holidays):
            working.append(day)
        day += dt.timedelta(days=1)
    return _Calendar(
        years=years,
        holidays=holidays,
        makeup_days=makeup_days,
        notices={year: tuple(entry["notices"]) for year, entry in by_year.items()},
        working=tuple(working),
    )


def _china_holidays() -> Callable[[int], dict[dt.date, str]]:
    """The ``holidays`` package's calendar of China's statutory days off, as a function of the
    year (imported only when needed: the package takes a fifth of a second to import)."""
    from holidays.countries.china import China  # noqa: PLC0415

    def days_off(year: int) -> dict[dt.date, str]:
        return dict(China(years=year, language="zh_CN"))  # type: ignore[no-untyped-call]

    return days_off


_LUNAR_TABLES_END = 2099
"""The last year assumed when the ``holidays`` package does not say how far it reaches."""


@cache
def provisional_years() -> range:
    """The years after :func:`calendar_years` whose working days govinfo computes from the
    statutory holidays alone (with a :class:`ProvisionalCalendarWarning`): up to the last year
    the ``holidays`` package computes China's holidays for."""
    from holidays.countries.china import China  # noqa: PLC0415

    # end_year: the last year the package's lunar calendar reaches (2100 in holidays 0.108)
    end = int(getattr(China, "end_year", _LUNAR_TABLES_END))
    return range(calendar_years().stop, max(end, calendar_years().stop - 1) + 1)


@cache
def _statutory_days_off(year: int) -> frozenset[dt.date]:
    """The statutory days off of ``year`` (holidays, and the 补假 for one on a weekend)."""
    return frozenset(_china_holidays()(year))


@cache
def _official_year(year: int) -> tuple[dt.date, ...]:
    """The working days of a year the shipped calendar covers, in order."""
    working = _calendar().working
    start = bisect_left(working, dt.date(year, 1, 1))
    return working[start : bisect_right(working, dt.date(year, 12, 31))]


@cache
def _provisional_year(year: int) -> tuple[dt.date, ...]:
    """The working days of a year past the shipped calendar: Monday to Friday less the
    statutory days off (no make-up working day is known)."""
    off = _statutory_days_off(year)
    days, day = [], dt.date(year, 1, 1)
    while day.year == year:
        if day.weekday() < 5 and day not in off:
            days.append(day)
        day += dt.timedelta(days=1)
    return tuple(days)


def _working_in(year: int, provisional: set[int]) -> tuple[dt.date, ...]:
    """The working days of ``year``; a year past the shipped calendar is added to
    ``provisional``. The caller has checked that the year can be told."""
    if year in _calendar().years:
        return _official_year(year)
    provisional.add(year)
    return _provisional_year(year)


def _warn(provisional: set[int]) -> None:
    """A :class:`ProvisionalCalendarWarning` naming the years computed without their notice,
    attributed to the caller of the public function that calls this."""
    if not provisional:
        return
    years = "、".join(str(y) for y in sorted(provisional))
    last = _calendar().last.isoformat()
    warnings.warn(
        f"working days in {years} are computed from the statutory holidays alone: govinfo's "
        f"calendar from the State Council's notices ends on {last}, and the make-up working "
        "days (调休上班) and moved days off of a later notice are not yet known, so the "
        "result may still move by a few days",
        ProvisionalCalendarWarning,
        stacklevel=3,
    )


def calendar_years() -> range:
    """The calendar years the shipped working-day calendar covers (for example 2019-2026),
    from the State Council's notices. Later years (see :func:`provisional_years`) are computed
    from the statutory holidays alone, with a :class:`ProvisionalCalendarWarning`."""
    return _calendar().years


def holiday_notices(year: int) -> tuple[str, ...]:
    """The State Council notices that set the holidays and make-up days of calendar ``year``.

    Each is the notice's title and document number, for example
    ``国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）``; a year can have
    more than one (2020's Spring Festival break was extended by 国办发明电〔2020〕1号, and a
    New Year's Day break reaching back into December belongs to the next year's notice).
    Raises :class:`CalendarOutOfRange` for a year the shipped calendar does not cover.
    """
    calendar = _calendar()
    if year not in calendar.years:
        raise calendar.out_of_range(f"no holiday notice for {year}")
    return calendar.notices[year]


def is_working_day(day: dt.date) -> bool:
    """Whether ``day`` is a working day (工作日) in mainland China.

    Per the State Council's holiday notice for the year: an official holiday is a day off even
    on a weekday; a make-up working day (调休上班) is a working day even on a Saturday or
    Sunday; any other Monday to Friday is a working day and any other Saturday or Sunday is not.
    A :class:`~datetime.datetime` counts as its date. A day past :func:`calendar_years` is
    told from the statutory holidays alone, with a :class:`ProvisionalCalendarWarning`. Raises
    :class:`CalendarOutOfRange` for a day before the calendar or past what can be told.
    """
    day = _calendar().check(day)
    provisional: set[int] = set()
    days = _working_in(day.year, provisional)
    index = bisect_left(days, day)
    _warn(provisional)
    return index < len(days) and days[index] == day


def _add(start: dt.date, count: int, provisional: set[int]) -> dt.date:
    """The ``count``-th working day after ``start`` (both checked)."""
    if count == 0:
        return start
    year, remaining = start.year, count
    index = bisect_right(_working_in(year, provisional), start)
    while True:
        days = _working_in(year, provisional)
        if index + remaining <= len(days):
            return days[index + remaining - 1]
        remaining -= len(days) - index
        year, index = year + 1, 0
        if year >= _calendar().years.stop and year not in provisional_years():
            calendar = _calendar()
            what = f"counting {count} working days after {start.isoformat()} runs past "
            raise calendar.out_of_range(what + calendar.end.isoformat())


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The ``count``-th working day after ``start``; ``start`` itself is never counted.

    ``count`` must be at least 0; with 0, ``start`` is returned unchanged (whether or not it is
    a working day). For example, the first working day after the Friday before a long holiday
    is the first working day after the break (or a make-up day falling on the weekend).
    A count that runs past :func:`calendar_years` goes on from the statutory holidays alone,
    with a :class:`ProvisionalCalendarWarning`. Raises :class:`CalendarOutOfRange` if
    ``start`` is before the calendar or past what can be told, or the count runs past that.
    """
    calendar = _calendar()
    start = calendar.check(start)
    if count < 0:
        msg = f"count must be >= 0, got {count}"
        raise GovinfoError(msg)
    provisional: set[int] = set()
    try:
        return _add(start, count, provisional)
    finally:
        _warn(provisional)


def count_working_days(start: dt.date, end: dt.date) -> int:
    """The number of working days after ``start`` up to and including ``end``.

    That is, the working days in the half-open interval (``start``, ``end``], so that
    ``count_working_days(d, add_working_days(d, n)) == n`` for every ``n >= 1``. ``end`` must
    not be before ``start``. Days past :func:`calendar_years` are told from the statutory
    holidays alone, with a :class:`ProvisionalCalendarWarning`. Raises
    :class:`CalendarOutOfRange` if either date is before the calendar or past what can be told.
    """
    calendar = _calendar()
    start, end = calendar.check(start), calendar.check(end)
    if end < start:
        msg = f"end ({end.isoformat()}) is before start ({start.isoformat()})"
        raise GovinfoError(msg)
    provisional: set[int] = set()
    total = 0
    for year in range(start.year, end.year + 1):
        days = _working_in(year, provisional)
        total += bisect_right(days, end) - bisect_right(days, start)
    _warn(provisional)
    return total


def reply_deadline(received: dt.date, extended: bool = False) -> dt.date:
    """The last day to answer a request for government information received on ``received``.

    Art. 33 of the regulation: a request that cannot be answered on the spot is answered within
    20 working days of its receipt (自收到申请之日起20个工作日内); an extension, approved by the
    head of the disclosure office and notified to the applicant, adds at most 20 working days.

    The rule implemented: the day of receipt is not counted (the usual rule for periods
    counted in days, as in 民法典 Art. 201: 开始的当日不计入), and counting starts on the next
    day; the deadline is the 20th working day after the day of receipt, or the 40th with
    ``extended=True``. A request received on a holiday or weekend is handled the same way:
    the first working day after it is day 1. The result is therefore always a working day,
    strictly after ``received``.

    What the caller decides: ``received`` is the day of receipt as Art. 31 defines it (handed
    in: that day; by post: the day the agency signs for it; online: the day both sides
    confirm it); after a request to correct the application (Art. 30), pass the day the
    corrected request was received. Time spent consulting a third party or another agency
    (Art. 32, Art. 33 para. 2) does not count toward the limit and is not deducted here.

    A deadline past :func:`calendar_years` is counted from the statutory holidays alone, with
    a :class:`ProvisionalCalendarWarning`: the make-up working days of a notice not yet out are
    unknown, so it may still move by a few days. Raises :class:`CalendarOutOfRange` only for a
    date before the calendar or past what can be told (the end of :func:`provisional_years`),
    and :class:`RuleNotInForce` for a request received before 2019-05-15, when the original
    regulation's Art. 24 (15 working days, extension at most 15) applied instead.
    """
    calendar = _calendar()
    received = calendar.check(received)
    if received < REVISED_REGULATION_IN_FORCE:
        msg = (
            f"a request received on {received.isoformat()}, before the revised regulation came "
            f"into force on {REVISED_REGULATION_IN_FORCE.isoformat()}, fell under Art. 24 of "
            "the original regulation (国务院令第492号: 15 working days, extension at most 15), "
            "which govinfo does not compute"
        )
        raise RuleNotInForce(msg)
    count = REPLY_WORKING_DAYS + (EXTENSION_WORKING_DAYS if extended else 0)
    provisional: set[int] = set()
    try:
        return _add(received, count, provisional)
    finally:
        _warn(provisional)


def publication_deadline(year: int, *, agency_kind: AgencyKind | None = None) -> dt.date:
    """The statutory deadline for publishing the annual report on ``year``.

    Art. 49 of the regulation: a department (部门) of a government at county level or above
    publishes its report on the previous year by 31 January; the disclosure office of a local
    government publishes the government-level (roll-up) report by 31 March. This applies to
    reports on 2019 onward (the report on 2019, published in early 2020, was the first under
    the revised regulation).

    Before the 2019 revision, Art. 31 of the original regulation (国务院令第492号) set 31 March
    for every agency, so the report on any year from 2008 to 2018 is due on 31 March of the
    next year whatever ``agency_kind`` is.

    ``agency_kind=None`` is treated as :attr:`AgencyKind.DEPARTMENT`, whose deadline is the
    earlier one. The deadline is the calendar date the regulation names; it is not moved when
    it falls on a holiday or weekend. Raises :class:`RuleNotInForce` for a year before 2008,
    when there was no annual report.
    """
    if year < FIRST_REPORT_YEAR:
        msg = (
            f"report year {year}: the annual report was introduced by the original regulation "
            f"(国务院令第492号, in force 2008-05-01); the first reports covered {FIRST_REPORT_YEAR}"
        )
        raise RuleNotInForce(msg)
    if year >= ART49_FIRST_REPORT_YEAR and agency_kind is not AgencyKind.GOVERNMENT:
        return dt.date(year + 1, 1, 31)
    return dt.date(year + 1, 3, 31)
