"""The working calendar from plain values: the built-in holiday years, the years the office
typed in (as stored, JSON per year), and the round dates that fall on a day off.

No database here: `services.calendar` reads the entered years through the ORM, the window's first
paint (`services.first_view`) with plain sqlite3, and both build the calendar with these functions.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from dangjian_desktop.domain.calendar import DATE_FIELD_NAMES, RoundDates, WorkCalendar

KEY_PREFIX = "calendar.holidays."

# chinese-calendar names holidays in English; the office reads them in Chinese.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

Entered = dict[int, tuple[dict[dt.date, str], dict[dt.date, str]]]
"""Year → (days off, 调休 working days), each day with its name, as the office entered them."""


@cache
def built_in() -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    from chinese_calendar import constants  # imported on first use: about 3,000 dates

    def chinese(table: Mapping[dt.date, Any]) -> dict[dt.date, str]:
        return {day: HOLIDAY_NAMES.get(str(name), str(name)) for day, name in table.items()}

    days_off = {day: name for day, name in chinese(constants.holidays).items()}
    workdays = {day: f"{name}调休上班" for day, name in chinese(constants.workdays).items()}
    return days_off, workdays


def built_in_years() -> frozenset[int]:
    days_off, _workdays = built_in()
    return frozenset(day.year for day in days_off)


def parse_entered(rows: Iterable[tuple[str, str]]) -> Entered:
    """The years entered by hand from their settings rows (key, JSON value)."""
    years: Entered = {}
    for key, value in rows:
        try:
            year = int(key.removeprefix(KEY_PREFIX))
            data = json.loads(value)
            days_off = {dt.date.fromisoformat(k): str(v) for k, v in data["days_off"].items()}
            workdays = {dt.date.fromisoformat(k): str(v) for k, v in data["workdays"].items()}
        except (ValueError, KeyError, TypeError, AttributeError):
            continue  # a damaged entry is shown as "no data" for its year and can be typed again
        years[year] = (days_off, workdays)
    return years


def calendar_of(entered: Entered) -> WorkCalendar:
    """The calendar every working-day count uses: built-in years, then the office's own."""
    built_off, built_work = built_in()
    days_off = {day: name for day, name in built_off.items() if day.year not in entered}
    workdays = {day: name for day, name in built_work.items() if day.year not in entered}
    for off, work in entered.values():
        days_off.update(off)
        workdays.update(work)
    return WorkCalendar(
        days_off=days_off,
        workdays=workdays,
        known_years=built_in_years() | frozenset(entered),
    )


@dataclass(frozen=True)
class DueOnDayOff:
    """A round date that falls on a day the office does not work."""

    field: str
    name: str
    day: dt.date
    why: str  # "星期日", "端午节"
    next_working_day: dt.date


def due_on_days_off(calendar: WorkCalendar, dates: RoundDates) -> list[DueOnDayOff]:
    """Round dates that fall on a weekend or holiday, with the working day after each."""
    found: list[DueOnDayOff] = []
    for field_name, name in DATE_FIELD_NAMES.items():
        if field_name == "opens":
            continue  # the round opening is not a deadline
        day: dt.date = getattr(dates, field_name)
        if not calendar.is_working_day(day):
            found.append(
                DueOnDayOff(
                    field_name,
                    name,
                    day,
                    calendar.day_off_name(day),
                    calendar.next_working_day(day),
                )
            )
    return found


def years_unknown(calendar: WorkCalendar, first_year: int) -> list[int]:
    """The calendar years a round spans whose holidays the program does not know."""
    return [y for y in (first_year, first_year + 1) if not calendar.knows(y)]
