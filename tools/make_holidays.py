"""Build src/govinfo/data/holidays_cn.json, govinfo's working-day calendar, from chinesecalendar.

The calendar lists, for each covered year, the official holidays (days off, 放假) and the
make-up working days (调休上班) set by the State Council's annual notice
(国务院办公厅关于…年部分节假日安排的通知) and any later notice amending it. The dates come
from the ``chinesecalendar`` package (PyPI; imported as ``chinese_calendar``), which is a test
dependency only: govinfo reads the JSON file at run time and never imports it. The notices'
titles and document numbers are in :data:`NOTICES` below, entered by hand.

To add a year: add its notice to :data:`NOTICES`, upgrade chinesecalendar to a release that
has the year, and rerun this script. The test suite (tests/test_dates.py) checks every day of
the shipped file against the installed package, and fails once the file is within 60 days of its
end while chinesecalendar or the ``holidays`` package already has the next year's notice (or
once the file has ended). Until then, govinfo tells the days past the file from the statutory
holidays alone, with a warning (see govinfo.dates).

Usage::

    .venv/bin/python tools/make_holidays.py          # rewrite the JSON file
    .venv/bin/python tools/make_holidays.py --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
from pathlib import Path
from typing import Any

import chinese_calendar  # type: ignore[import-untyped]

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = REPO_ROOT / "src" / "govinfo" / "data" / "holidays_cn.json"

NOTICES: dict[int, tuple[str, ...]] = {
    2019: (
        "国务院办公厅关于2019年部分节假日安排的通知（国办发明电〔2018〕15号）",
        "国务院办公厅关于调整2019年劳动节假期安排的通知（国办发明电〔2019〕3号）",
    ),
    2020: (
        "国务院办公厅关于2020年部分节假日安排的通知（国办发明电〔2019〕16号）",
        "国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号）",
    ),
    2021: ("国务院办公厅关于2021年部分节假日安排的通知（国办发明电〔2020〕27号）",),
    2022: ("国务院办公厅关于2022年部分节假日安排的通知（国办发明电〔2021〕11号）",),
    2023: ("国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号）",),
    2024: ("国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）",),
    2025: ("国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）",),
    2026: ("国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）",),
}
"""The State Council notices for each holiday year, in the order they were issued.

A notice for year N can set days in December of year N-1 (the New Year's Day break, as the
2023 notice did for 31 December 2022); :func:`build` lists such a notice under N-1 as well.
"""

YEARS = range(min(NOTICES), max(NOTICES) + 1)
"""The calendar years the shipped file covers."""


NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
}
"""chinese_calendar's holiday names → the names the notices use."""


def _day_names(table: dict[dt.date, str], year: int) -> dict[str, str]:
    """The days of ``year`` in a chinese_calendar table, as ISO date → holiday name."""
    days = {day: name for day, name in sorted(table.items()) if day.year == year}
    unknown = sorted(set(days.values()) - set(NAMES))
    if unknown:
        msg = f"{year}: holidays without a Chinese name in NAMES: {unknown}"
        raise SystemExit(msg)
    return {day.isoformat(): NAMES[name] for day, name in days.items()}


def _notices_for(
    year: int, holidays: dict[dt.date, str], workdays: dict[dt.date, str]
) -> list[str]:
    """The notices that set days in calendar ``year``."""
    notices = list(NOTICES[year])
    new_year = chinese_calendar.Holiday.new_years_day.value
    spills = any(
        day.year == year and day.month == 12 and name == new_year
        for table in (holidays, workdays)
        for day, name in table.items()
    )
    if spills:
        if year + 1 not in NOTICES:
            msg = f"{year}: a New Year's Day break reaches into December; add {year + 1}'s notice"
            raise SystemExit(msg)
        notices.extend(NOTICES[year + 1])
    return notices


def build() -> dict[str, Any]:
    """The calendar as a JSON-ready mapping."""
    holidays: dict[dt.date, str] = dict(chinese_calendar.holidays)
    workdays: dict[dt.date, str] = dict(chinese_calendar.workdays)
    available = {day.year for day in holidays}
    missing = [year for year in YEARS if year not in available]
    if missing:
        msg = f"chinesecalendar has no data for {missing}; upgrade it or trim NOTICES"
        raise SystemExit(msg)
    return {
        "description": (
            "Working-day calendar of the People's Republic of China: for each year, the "
            "official holidays (days off, 放假) and make-up working days (调休上班) set by the "
            "State Council's notices. Any other Saturday or Sunday is a day off and any other "
            "weekday a working day."
        ),
        "source": {
            "package": "chinesecalendar",
            "version": importlib.metadata.version("chinesecalendar"),
            "generator": "tools/make_holidays.py",
        },
        "years": {
            str(year): {
                "notices": _notices_for(year, holidays, workdays),
                "holidays": _day_names(holidays, year),
                "workdays": _day_names(workdays, year),
            }
            for year in YEARS
        },
    }


def render() -> str:
    """The exact text of the data file."""
    return json.dumps(build(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check``, compare) the data file; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the data file differs from what would be written",
    )
    args = parser.parse_args(argv)
    text = render()
    current = DATA_FILE.read_text(encoding="utf-8") if DATA_FILE.exists() else None
    where = DATA_FILE.relative_to(REPO_ROOT)
    if current == text:
        print(f"up to date: {where}")
        return 0
    if args.check:
        print(f"out of date: {where} (run python tools/make_holidays.py)")
        return 1
    DATA_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
