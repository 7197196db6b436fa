"""The office's working calendar: statutory holidays and 调休 days, built in and entered by hand.

The years the `chinese-calendar` package knows come built in. An office PC that never goes online
gets no updates, so each later year's arrangement (published by the State Council at the end of
the year before) is typed in by the clerk; a year entered by hand replaces the built-in one.
Every working-day count of the program (the 公示 period, deadlines on the workbench) uses
`work_calendar()`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlmodel import Session, col, select

from dangjian_desktop.domain.calendar import DATE_FIELD_NAMES, WorkCalendar
from dangjian_desktop.domain.text import arabic_date
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import Actor, get_round, log, put_setting, round_dates
from dangjian_desktop.store.models import Setting

KEY_PREFIX = "calendar.holidays."
MAX_NAME = 20

# chinese-calendar names holidays in English; the office reads them in Chinese.
_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


@dataclass(frozen=True)
class HolidayYear:
    """One year's arrangement: days off and 调休 working days, each with its name."""

    year: int
    days_off: tuple[tuple[dt.date, str], ...]
    workdays: tuple[tuple[dt.date, str], ...]
    source: str  # "built_in" | "entered" | "none"

    @property
    def source_name(self) -> str:
        return {"built_in": "程序内置", "entered": "本单位录入", "none": "没有节假日安排"}[
            self.source
        ]


@cache
def _built_in() -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    from chinese_calendar import constants  # imported on first use: about 3,000 dates

    def chinese(table: Mapping[dt.date, Any]) -> dict[dt.date, str]:
        return {day: _HOLIDAY_NAMES.get(str(name), str(name)) for day, name in table.items()}

    days_off = {day: name for day, name in chinese(constants.holidays).items()}
    workdays = {day: f"{name}调休上班" for day, name in chinese(constants.workdays).items()}
    return days_off, workdays


def built_in_years() -> frozenset[int]:
    days_off, _workdays = _built_in()
    return frozenset(day.year for day in days_off)


def _entered(session: Session) -> dict[int, tuple[dict[dt.date, str], dict[dt.date, str]]]:
    rows = session.exec(select(Setting).where(col(Setting.key).startswith(KEY_PREFIX))).all()
    years: dict[int, tuple[dict[dt.date, str], dict[dt.date, str]]] = {}
    for row in rows:
        try:
            year = int(row.key.removeprefix(KEY_PREFIX))
            data = json.loads(row.value)
            days_off = {dt.date.fromisoformat(k): str(v) for k, v in data["days_off"].items()}
            workdays = {dt.date.fromisoformat(k): str(v) for k, v in data["workdays"].items()}
        except (ValueError, KeyError, TypeError, AttributeError):
            continue  # a damaged entry is shown as "no data" for its year and can be typed again
        years[year] = (days_off, workdays)
    return years


def work_calendar(session: Session) -> WorkCalendar:
    """The calendar every working-day count uses: built-in years, then the office's own."""
    built_off, built_work = _built_in()
    entered = _entered(session)
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


def holiday_year(session: Session, year: int) -> HolidayYear:
    entered = _entered(session).get(year)
    if entered is not None:
        off, work = entered
        source = "entered"
    else:
        built_off, built_work = _built_in()
        off = {d: n for d, n in built_off.items() if d.year == year}
        work = {d: n for d, n in built_work.items() if d.year == year}
        source = "built_in" if year in built_in_years() else "none"
    return HolidayYear(
        year=year,
        days_off=tuple(sorted(off.items())),
        workdays=tuple(sorted(work.items())),
        source=source,
    )


def _check_days(year: int, days: Mapping[dt.date, str], what: str) -> dict[dt.date, str]:
    checked: dict[dt.date, str] = {}
    for day, raw_name in sorted(days.items()):
        name = raw_name.strip()
        if day.year != year:
            raise UserError(f"{arabic_date(day)}不在{year}年，请在{day.year}年的安排里填写。")
        if not name:
            raise UserError(f"{arabic_date(day)}（{what}）还没有填写名称，如“春节”。")
        if len(name) > MAX_NAME:
            raise UserError(f"{arabic_date(day)}的名称太长，请写在{MAX_NAME}个字以内。")
        checked[day] = name
    return checked


def save_holiday_year(
    session: Session,
    *,
    actor: Actor,
    year: int,
    days_off: Mapping[dt.date, str],
    workdays: Mapping[dt.date, str],
) -> HolidayYear:
    """Record the office's arrangement for `year`; it replaces the built-in one of that year."""
    if not 2000 <= year <= 2100:
        raise UserError("年份应在2000到2100之间。")
    off = _check_days(year, days_off, "放假")
    work = _check_days(year, workdays, "调休上班")
    both = sorted(set(off) & set(work))
    if both:
        raise UserError(f"{arabic_date(both[0])}不能既放假又调休上班，请删去其中一个。")
    for day in work:
        if day.weekday() < 5:
            raise UserError(
                f"{arabic_date(day)}是星期{'一二三四五'[day.weekday()]}，本来就上班；"
                "调休上班只填周六、周日。"
            )
    before = holiday_year(session, year)
    key = f"{KEY_PREFIX}{year}"
    value = json.dumps(
        {
            "days_off": {d.isoformat(): n for d, n in off.items()},
            "workdays": {d.isoformat(): n for d, n in work.items()},
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    row = put_setting(session, key, value)
    after = holiday_year(session, year)
    log(
        session,
        actor,
        "update",
        row,
        f"录入{year}年节假日安排：放假{len(off)}天，调休上班{len(work)}天",
        old=_as_audit(before),
        new=_as_audit(after),
    )
    return after


def clear_holiday_year(session: Session, *, actor: Actor, year: int) -> HolidayYear:
    """Drop the office's entry for `year`, going back to the built-in arrangement (if any)."""
    row = session.get(Setting, f"{KEY_PREFIX}{year}")
    if row is None:
        raise UserError(f"{year}年的节假日安排不是本单位录入的，没有可以撤回的内容。")
    before = holiday_year(session, year)
    session.delete(row)
    session.flush()
    after = holiday_year(session, year)
    log(
        session,
        actor,
        "delete",
        row,
        f"撤回本单位录入的{year}年节假日安排，改用{after.source_name}",
        old=_as_audit(before),
        new=_as_audit(after),
    )
    return after


def _as_audit(year: HolidayYear) -> dict[str, Any]:
    return {
        "source": year.source_name,
        "days_off": {d.isoformat(): n for d, n in year.days_off},
        "workdays": {d.isoformat(): n for d, n in year.workdays},
    }


@dataclass(frozen=True)
class DueOnDayOff:
    """A round date that falls on a day the office does not work."""

    field: str
    name: str
    day: dt.date
    why: str  # "星期日", "端午节"
    next_working_day: dt.date


def due_dates_on_days_off(session: Session, first_year: int) -> list[DueOnDayOff]:
    """Round dates that fall on a weekend or holiday, with the working day after each."""
    calendar = work_calendar(session)
    dates = round_dates(get_round(session, first_year))
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


def years_without_holidays(session: Session, first_year: int) -> list[int]:
    """The calendar years a round spans whose holidays the program does not know."""
    calendar = work_calendar(session)
    return [y for y in (first_year, first_year + 1) if not calendar.knows(y)]


def move_due_dates_to_working_days(session: Session, *, actor: Actor, first_year: int) -> int:
    """Move every round date that falls on a day off to the next working day; returns how many.

    A deadline on a Sunday or holiday is in practice the next working day; the office chooses
    whether to move them (the seed's dates are calendar dates).
    """
    from dangjian_desktop.services.rounds import update_settings

    moving = due_dates_on_days_off(session, first_year)
    if not moving:
        return 0
    update_settings(
        session,
        actor=actor,
        first_year=first_year,
        dates={item.field: item.next_working_day for item in moving},
    )
    return len(moving)
