"""govinfo.dates: the working-day calendar, reply deadlines (Art. 33) and publication
deadlines (Art. 49)."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

import chinese_calendar  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo.dates import (
    CalendarOutOfRange,
    ProvisionalCalendarWarning,
    RuleNotInForce,
    add_working_days,
    calendar_years,
    count_working_days,
    holiday_notices,
    is_working_day,
    provisional_years,
    publication_deadline,
    reply_deadline,
)
from govinfo.errors import GovinfoError
from govinfo.registry import AgencyKind
from tools import make_holidays

D = dt.date
FIRST = D(calendar_years().start, 1, 1)
LAST = D(calendar_years().stop - 1, 12, 31)
END = D(provisional_years().stop - 1, 12, 31)
IN_FORCE = D(2019, 5, 15)
COVERED = st.dates(min_value=FIRST, max_value=LAST)
RECEIVED = st.dates(min_value=IN_FORCE, max_value=LAST)
PROPERTIES = settings(max_examples=300, deadline=None)


def _data() -> dict[str, Any]:
    text = (resources.files("govinfo") / "data" / "holidays_cn.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@contextmanager
def _provisional_warnings() -> Iterator[list[warnings.WarningMessage]]:
    """Record the warnings of the block (the suite turns every warning into an error)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


def _provisional(caught: list[warnings.WarningMessage]) -> bool:
    """Whether a :class:`ProvisionalCalendarWarning` was given, and nothing else was."""
    assert all(w.category is ProvisionalCalendarWarning for w in caught), caught
    return bool(caught)


def _days(year: int) -> list[dt.date]:
    day, days = D(year, 1, 1), []
    while day.year == year:
        days.append(day)
        day += dt.timedelta(days=1)
    return days


# --- (a) the shipped calendar agrees with chinesecalendar, day by day ---------------------


def test_covers_2019_to_2026_at_least() -> None:
    years = calendar_years()
    assert years.step == 1
    assert years.start <= 2019
    assert years.stop - 1 >= 2026


@pytest.mark.parametrize("year", calendar_years())
def test_every_day_agrees_with_chinese_calendar(year: int) -> None:
    disagree = [
        day for day in _days(year) if is_working_day(day) != chinese_calendar.is_workday(day)
    ]
    assert disagree == []


@pytest.mark.parametrize("year", calendar_years())
def test_shipped_days_equal_chinese_calendar_tables(year: int) -> None:
    entry = _data()["years"][str(year)]
    assert set(entry["holidays"]) == {
        d.isoformat() for d in chinese_calendar.holidays if d.year == year
    }
    assert set(entry["workdays"]) == {
        d.isoformat() for d in chinese_calendar.workdays if d.year == year
    }


def test_data_file_is_what_the_generator_writes() -> None:
    built, shipped = make_holidays.build(), _data()
    built["source"].pop("version")
    shipped["source"].pop("version")
    assert built == shipped, "the data file is stale: run python tools/make_holidays.py"


def test_generator_check_mode_passes_on_the_shipped_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    if _data()["source"]["version"] != make_holidays.build()["source"]["version"]:
        pytest.skip("installed chinesecalendar differs from the one the file was built with")
    assert make_holidays.main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_library_does_not_import_chinese_calendar() -> None:
    code = (
        "import sys, datetime, govinfo.dates as d\n"
        "d.reply_deadline(datetime.date(2024, 9, 27))\n"
        "assert 'chinese_calendar' not in sys.modules, 'chinese_calendar was imported'\n"
        "assert 'holidays' not in sys.modules, 'holidays was imported for a covered date'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- known facts from the notices, checked by hand -----------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # 2020: Spring Festival extended to 2 February (国办发明电〔2020〕1号, COVID-19);
        # the make-up Saturday 1 February of the original notice was cancelled.
        (D(2020, 1, 31), False),
        (D(2020, 2, 1), False),
        (D(2020, 2, 2), False),
        (D(2020, 2, 3), True),
        (D(2020, 1, 19), True),  # a make-up Sunday
        # 2024: Spring Festival 10-17 February, make-up Sundays 4 and 18 February.
        (D(2024, 2, 4), True),
        (D(2024, 2, 9), True),  # 除夕 was a working day in 2024
        (D(2024, 2, 10), False),
        (D(2024, 2, 16), False),  # a Friday off
        (D(2024, 2, 17), False),
        (D(2024, 2, 18), True),
        # 2019: Labour Day extended to 1-4 May (国办发明电〔2019〕3号), make-up 28 April, 5 May.
        (D(2019, 4, 28), True),
        (D(2019, 5, 2), False),
        (D(2019, 5, 5), True),
        # 2026: Spring Festival 15-23 February, make-up Saturdays 14 and 28 February.
        (D(2026, 2, 14), True),
        (D(2026, 2, 23), False),
        (D(2026, 2, 28), True),
        (D(2026, 10, 10), True),
        # ordinary days
        (D(2024, 3, 6), True),  # a Wednesday
        (D(2024, 3, 9), False),  # a Saturday
    ],
)
def test_known_days(day: dt.date, working: bool) -> None:
    assert is_working_day(day) is working


def test_datetime_counts_as_its_date() -> None:
    assert is_working_day(dt.datetime(2024, 2, 10, 9, 30)) is False
    assert reply_deadline(dt.datetime(2024, 9, 27, 16, 0)) == D(2024, 10, 30)


def test_non_date_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        is_working_day("2024-01-01")  # type: ignore[arg-type]


def test_holiday_notices() -> None:
    assert holiday_notices(2024) == (
        "国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）",
    )
    assert any("延长2020年春节假期" in n for n in holiday_notices(2020))
    assert any("调整2019年劳动节" in n for n in holiday_notices(2019))
    # 31 December 2022 was a day off under the notice for 2023.
    assert any("2023年部分节假日" in n for n in holiday_notices(2022))
    for year in calendar_years():
        assert any(f"关于{year}年部分节假日安排的通知" in n for n in holiday_notices(year))


# --- (b) reply deadlines (Art. 33) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "plain", "extended"),
    [
        # Friday before the 2024 National Day break (1-7 Oct; make-up 29 Sep Sun, 12 Oct Sat).
        (D(2024, 9, 27), D(2024, 10, 30), D(2024, 11, 27)),
        # Friday before the 2024 Spring Festival (make-up Sun 4 Feb is day 1, Sun 18 Feb day 7).
        (D(2024, 2, 2), D(2024, 3, 6), None),
        # Friday before the 2020 Spring Festival, extended for COVID-19 to 2 February.
        (D(2020, 1, 17), D(2020, 2, 21), None),
        # Received on a make-up Saturday: that day is not counted either.
        (D(2024, 10, 12), D(2024, 11, 8), None),
        # Friday before the nine-day 2026 Spring Festival (make-up Sat 14 Feb is day 1).
        (D(2026, 2, 13), D(2026, 3, 19), None),
        # Received on a holiday (Labour Day 2025, 1-5 May): day 1 is Tue 6 May; the Dragon
        # Boat break (31 May - 2 June) pushes day 20 to Tue 3 June.
        (D(2025, 5, 1), D(2025, 6, 3), None),
        # Four plain weeks: Monday 6 March + 20 = Monday 3 April. The extension crosses 清明
        # (Wed 5 April off), the make-up Sunday 23 April and Labour Day (29 April - 3 May).
        (D(2023, 3, 6), D(2023, 4, 3), D(2023, 5, 4)),
        # The first day the revised regulation applied.
        (D(2019, 5, 15), D(2019, 6, 13), None),
    ],
)
def test_reply_deadline_by_hand(
    received: dt.date, plain: dt.date, extended: dt.date | None
) -> None:
    assert reply_deadline(received) == plain
    assert count_working_days(received, plain) == 20
    if extended is not None:
        assert reply_deadline(received, extended=True) == extended
        assert reply_deadline(received, True) == extended


def test_extension_doubles_the_count() -> None:
    received = D(2024, 9, 27)
    assert reply_deadline(received, extended=True) == add_working_days(received, 40)
    assert add_working_days(reply_deadline(received), 20) == reply_deadline(received, True)


def test_reply_before_the_revised_regulation_raises() -> None:
    with pytest.raises(RuleNotInForce, match="2019-05-15") as caught:
        reply_deadline(D(2019, 5, 14))
    assert isinstance(caught.value, GovinfoError)
    assert isinstance(caught.value, ValueError)


def _expect_count(received: dt.date, count: int, extended: bool) -> None:
    with _provisional_warnings() as caught:
        deadline = reply_deadline(received, extended=extended)
    # Past the shipped calendar, and only then, the deadline comes with a warning.
    assert _provisional(caught) == (deadline > LAST)
    with _provisional_warnings():
        assert count_working_days(received, deadline) == count
        assert is_working_day(deadline)
        # The day before the deadline still leaves a working day to go.
        assert count_working_days(received, deadline - dt.timedelta(days=1)) == count - 1
    assert deadline > received


@PROPERTIES
@given(received=RECEIVED)
def test_plain_deadline_is_the_20th_working_day(received: dt.date) -> None:
    _expect_count(received, 20, extended=False)


@PROPERTIES
@given(received=RECEIVED)
def test_extended_deadline_is_the_40th_working_day(received: dt.date) -> None:
    _expect_count(received, 40, extended=True)


@PROPERTIES
@given(received=RECEIVED)
def test_extended_deadline_is_not_earlier(received: dt.date) -> None:
    with _provisional_warnings():
        assert reply_deadline(received, extended=True) > reply_deadline(received)


@PROPERTIES
@given(start=COVERED, count=st.integers(min_value=0, max_value=300))
def test_add_and_count_working_days_are_inverse(start: dt.date, count: int) -> None:
    with _provisional_warnings() as caught:
        end = add_working_days(start, count)
    assert _provisional(caught) == (end > LAST)
    with _provisional_warnings():
        assert count_working_days(start, end) == count
        if count:
            assert is_working_day(end)
    assert end >= start


@PROPERTIES
@given(start=COVERED, days=st.integers(min_value=0, max_value=60))
def test_count_matches_a_day_by_day_walk(start: dt.date, days: int) -> None:
    end = min(start + dt.timedelta(days=days), LAST)
    walk = sum(
        is_working_day(start + dt.timedelta(days=i)) for i in range(1, (end - start).days + 1)
    )
    assert count_working_days(start, end) == walk


def test_add_working_days_edges() -> None:
    assert add_working_days(D(2024, 2, 10), 0) == D(2024, 2, 10)
    assert add_working_days(D(2024, 2, 9), 1) == D(2024, 2, 18)
    assert add_working_days(LAST - dt.timedelta(days=1), 1) == LAST
    with pytest.warns(ProvisionalCalendarWarning):
        assert add_working_days(LAST, 1) > LAST
    with pytest.raises(CalendarOutOfRange), _provisional_warnings():
        add_working_days(END, 1)
    with pytest.raises(GovinfoError, match="count"):
        add_working_days(D(2024, 1, 1), -1)


def test_count_working_days_rejects_reversed_range() -> None:
    assert count_working_days(D(2024, 1, 1), D(2024, 1, 1)) == 0
    with pytest.raises(GovinfoError, match="before"):
        count_working_days(D(2024, 1, 2), D(2024, 1, 1))


# --- (c) publication deadlines (Art. 49) --------------------------------------------------


@pytest.mark.parametrize(
    ("year", "kind", "deadline"),
    [
        (2018, AgencyKind.DEPARTMENT, D(2019, 3, 31)),
        (2018, AgencyKind.GOVERNMENT, D(2019, 3, 31)),
        (2018, None, D(2019, 3, 31)),
        (2008, AgencyKind.DEPARTMENT, D(2009, 3, 31)),
        (2019, AgencyKind.DEPARTMENT, D(2020, 1, 31)),
        (2019, AgencyKind.GOVERNMENT, D(2020, 3, 31)),
        (2019, None, D(2020, 1, 31)),
        (2024, AgencyKind.DEPARTMENT, D(2025, 1, 31)),
        (2024, AgencyKind.GOVERNMENT, D(2025, 3, 31)),
        (2030, None, D(2031, 1, 31)),  # no calendar needed: a fixed date
    ],
)
def test_publication_deadline(year: int, kind: AgencyKind | None, deadline: dt.date) -> None:
    assert publication_deadline(year, agency_kind=kind) == deadline


def test_publication_deadline_default_is_department() -> None:
    for year in range(2008, 2040):
        assert publication_deadline(year) == publication_deadline(
            year, agency_kind=AgencyKind.DEPARTMENT
        )


@given(year=st.integers(min_value=2008, max_value=9000))
def test_publication_deadline_is_early_next_year(year: int) -> None:
    department = publication_deadline(year, agency_kind=AgencyKind.DEPARTMENT)
    government = publication_deadline(year, agency_kind=AgencyKind.GOVERNMENT)
    assert department.year == government.year == year + 1
    assert department <= government == D(year + 1, 3, 31)


def test_publication_deadline_before_any_report_raises() -> None:
    with pytest.raises(RuleNotInForce, match="2008"):
        publication_deadline(2007)


# --- (d) out of range: the govinfo error naming the covered range, nothing else ---------------


OUTSIDE = [FIRST - dt.timedelta(days=1), END + dt.timedelta(days=1), D.min, D.max, D(1999, 6, 1)]


def _names_the_range(error: CalendarOutOfRange) -> None:
    message = str(error)
    assert FIRST.isoformat() in message
    assert LAST.isoformat() in message
    assert error.years == calendar_years()
    assert isinstance(error, GovinfoError)
    assert isinstance(error, ValueError)


@pytest.mark.parametrize("day", OUTSIDE, ids=str)
def test_outside_dates_raise_calendar_out_of_range(day: dt.date) -> None:
    calls: list[Callable[[], object]] = [
        lambda: is_working_day(day),
        lambda: add_working_days(day, 1),
        lambda: add_working_days(day, 0),
        lambda: count_working_days(day, D(2024, 1, 1)),
        lambda: count_working_days(D(2024, 1, 1), day),
        lambda: reply_deadline(day),
        lambda: reply_deadline(day, extended=True),
    ]
    for call in calls:
        with pytest.raises(CalendarOutOfRange) as caught, _provisional_warnings():
            call()
        _names_the_range(caught.value)
        assert END.isoformat() in str(caught.value)


def test_outside_years_have_no_notice() -> None:
    with pytest.raises(CalendarOutOfRange) as caught:
        holiday_notices(LAST.year + 1)
    _names_the_range(caught.value)


def test_count_running_past_the_shipped_calendar_warns() -> None:
    """Worked by hand from the statutory holidays of 2027 (全国年节及纪念日放假办法 as revised
    by 国务院令第795号): 元旦 Fri 1 Jan; 春节 除夕 Fri 5 Feb to 初三 Mon 8 Feb, the two on the
    weekend made up (补假) on Tue 9 and Wed 10 Feb; no make-up working day is known."""
    assert reply_deadline(D(2026, 11, 20)) == D(2026, 12, 18)
    cases = [
        (D(2026, 11, 20), True, D(2027, 1, 18)),  # 29 working days in 2026, 1 Jan off
        (D(2026, 12, 5), False, D(2027, 1, 4)),  # the example: it raised
        (D(2026, 12, 5), True, D(2027, 2, 1)),
        (D(2027, 1, 29), False, D(2027, 3, 4)),  # 5-10 Feb off
    ]
    for received, extended, deadline in cases:
        with pytest.warns(ProvisionalCalendarWarning, match="2027") as caught:
            assert reply_deadline(received, extended=extended) == deadline
        assert len(caught) == 1
        assert "调休" in str(caught[0].message)
        assert LAST.isoformat() in str(caught[0].message)


def test_provisional_days_are_the_statutory_holidays() -> None:
    with pytest.warns(ProvisionalCalendarWarning):
        days_off = [d for d in _days(2027) if d.weekday() < 5 and not is_working_day(d)]
    assert days_off == [
        D(2027, 1, 1),
        D(2027, 2, 5),
        D(2027, 2, 8),
        D(2027, 2, 9),
        D(2027, 2, 10),
        D(2027, 4, 5),
        D(2027, 5, 3),
        D(2027, 5, 4),
        D(2027, 6, 9),
        D(2027, 9, 15),
        D(2027, 10, 1),
        D(2027, 10, 4),
        D(2027, 10, 5),
    ]
    with pytest.warns(ProvisionalCalendarWarning):
        assert not any(is_working_day(d) for d in _days(2027) if d.weekday() >= 5)


def test_official_dates_give_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert reply_deadline(D(2026, 11, 20)) == D(2026, 12, 18)
        assert count_working_days(FIRST, LAST) > 0


REFRESH_DAYS = 60
"""The shipped calendar must run at least this long past today, or be refreshed."""


def _next_notice_available(year: int) -> list[str]:
    """The installed sources that already have the State Council's schedule for ``year``."""
    from holidays.countries.china import China

    found = []
    if any(day.year == year for day in chinese_calendar.holidays):
        found.append(f"chinesecalendar {chinese_calendar.__version__}")
    if year in getattr(China, "special_public_holidays", {}):
        found.append(f"holidays {importlib.metadata.version('holidays')}")
    return found


def test_shipped_calendar_is_refreshed_in_time() -> None:
    """Fails once the shipped calendar is within 60 days of its end and a source has the next
    year's notice (refresh: upgrade it and run tools/make_holidays.py), or once it has ended.
    Until a source has the notice (the State Council issues it in November or so), deadlines
    into the next year are told from the statutory holidays with a warning."""
    today = dt.date.today()
    left = (LAST - today).days
    if left >= REFRESH_DAYS:
        return
    assert left >= 0, f"the shipped calendar ended on {LAST}: run tools/make_holidays.py"
    sources = _next_notice_available(LAST.year + 1)
    assert not sources, (
        f"the shipped calendar ends in {left} days ({LAST}) and {', '.join(sources)} has "
        f"{LAST.year + 1}'s notice: add it to tools/make_holidays.py and run it"
    )
    with pytest.warns(ProvisionalCalendarWarning):
        assert reply_deadline(today, extended=True) > LAST


@settings(max_examples=300, deadline=None)
@given(day=st.dates(), count=st.integers(min_value=0, max_value=10_000), extended=st.booleans())
def test_only_govinfo_errors_escape(day: dt.date, count: int, extended: bool) -> None:
    calls: list[Callable[[], object]] = [
        lambda: is_working_day(day),
        lambda: add_working_days(day, count),
        lambda: count_working_days(min(day, END), END),
        lambda: count_working_days(FIRST, day),
        lambda: reply_deadline(day, extended=extended),
    ]
    for call in calls:
        try:
            with _provisional_warnings() as caught:
                call()
        except CalendarOutOfRange as error:
            _names_the_range(error)
        except RuleNotInForce:
            assert FIRST <= day < IN_FORCE
        _provisional(caught)
    if FIRST <= day <= END:  # every day that can be told is told
        with _provisional_warnings():
            is_working_day(day)


# --- (e) the shipped data file is consistent -------------------------------------------------


def test_data_file_years_are_the_covered_years() -> None:
    assert [int(y) for y in _data()["years"]] == list(calendar_years())


@pytest.mark.parametrize("year", calendar_years())
def test_data_file_year_is_consistent(year: int) -> None:
    entry = _data()["years"][str(year)]
    holidays = {D.fromisoformat(d) for d in entry["holidays"]}
    makeup = {D.fromisoformat(d) for d in entry["workdays"]}
    assert holidays
    assert not holidays & makeup, "a day is both a holiday and a make-up working day"
    assert all(day.year == year for day in holidays | makeup)
    assert all(day.weekday() >= 5 for day in makeup), "a make-up day is not a weekend day"
    assert entry["notices"]
    assert all(n.startswith("国务院办公厅关于") and "国办发明电" in n for n in entry["notices"])
    assert set(entry["holidays"].values()) | set(entry["workdays"].values()) <= {
        "元旦",
        "春节",
        "清明节",
        "劳动节",
        "端午节",
        "中秋节",
        "国庆节",
    }
