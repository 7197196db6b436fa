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
from typing import Any

from sqlmodel import Session, col, select

from dangjian_desktop.domain.calendar import WorkCalendar
from dangjian_desktop.domain.text import arabic_date
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import Actor, get_round, log, put_setting, round_dates
from dangjian_desktop.services.work_days import (
    KEY_PREFIX,
    DueOnDayOff,
    Entered,
    built_in,
    built_in_years,
    calendar_of,
    due_on_days_off,
    parse_entered,
    years_unknown,
)
from dangjian_desktop.store.models import Setting

MAX_NAME = 20


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


def _entered(session: Session) -> Entered:
    rows = session.exec(select(Setting).where(col(Setting.key).startswith(KEY_PREFIX))).all()
    return parse_entered((row.key, row.value) for row in rows)


def work_calendar(session: Session) -> WorkCalendar:
    """The calendar every working-day count uses: built-in years, then the office's own."""
    return calendar_of(_entered(session))


def holiday_year(session: Session, year: int) -> HolidayYear:
    entered = _entered(session).get(year)
    if entered is not None:
        off, work = entered
        source = "entered"
    else:
        built_off, built_work = built_in()
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


def due_dates_on_days_off(session: Session, first_year: int) -> list[DueOnDayOff]:
    """Round dates that fall on a weekend or holiday, with the working day after each."""
    return due_on_days_off(work_calendar(session), round_dates(get_round(session, first_year)))


def years_without_holidays(session: Session, first_year: int) -> list[int]:
    """The calendar years a round spans whose holidays the program does not know."""
    return years_unknown(work_calendar(session), first_year)


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
