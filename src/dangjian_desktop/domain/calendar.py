"""The round's calendar: stages, due dates, lateness and working days.

A round (创建年度) runs from August of year Y to July of Y+1. The default dates follow the seed:
plans by 8月25日, a written progress report every half year, materials in early May, evaluation
in mid/late May, naming in June, a five-working-day 公示, commendation before 七一.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dangjian_desktop.domain.text import arabic_date
from dangjian_desktop.errors import UserError

ONE_DAY = dt.timedelta(days=1)


class Stage(StrEnum):
    ENROLMENT = "enrolment"
    PLAN = "plan"
    REPORT_H2 = "report_h2"  # progress report for the second half of Y, due 12-31 of Y
    REPORT_H1 = "report_h1"  # progress report for the first half of Y+1, due 06-30 of Y+1
    MATERIALS = "materials"
    EVALUATION = "evaluation"
    NAMING = "naming"
    ANNOUNCEMENT = "announcement"
    COMMENDATION = "commendation"


STAGE_NAMES: dict[Stage, str] = {
    Stage.ENROLMENT: "申报",
    Stage.PLAN: "制定方案（实施方案）",
    Stage.REPORT_H2: "下半年书面汇报",
    Stage.REPORT_H1: "上半年书面汇报",
    Stage.MATERIALS: "创建工作材料",
    Stage.EVALUATION: "总结评估（自检自查、统一考核、综合评价）",
    Stage.NAMING: "命名（审验、核实、审批）",
    Stage.ANNOUNCEMENT: "公示",
    Stage.COMMENDATION: "表彰",
}

INTAKE_STAGES: tuple[Stage, ...] = (
    Stage.PLAN,
    Stage.REPORT_H2,
    Stage.REPORT_H1,
    Stage.MATERIALS,
)


def stage_title(stage: Stage, first_year: int) -> str:
    """The stage's name with the year where it matters: '2025年下半年书面汇报'."""
    if stage is Stage.REPORT_H2:
        return f"{first_year}年{STAGE_NAMES[stage]}"
    if stage is Stage.REPORT_H1:
        return f"{first_year + 1}年{STAGE_NAMES[stage]}"
    return STAGE_NAMES[stage]


DATE_FIELD_NAMES: dict[str, str] = {
    "opens": "创建年度开始日期",
    "plan_due": "实施方案报送截止日期",
    "report_h2_due": "下半年书面汇报截止日期",
    "report_h1_due": "上半年书面汇报截止日期",
    "materials_due": "创建工作材料报送截止日期",
    "evaluation_start": "总结评估开始日期",
    "evaluation_end": "总结评估结束日期",
    "naming_end": "命名结束日期",
    "commendation_due": "表彰截止日期",
}

# (earlier, later, strictly_before): the first date must come before (or on) the second.
_ORDER: tuple[tuple[str, str, bool], ...] = (
    ("opens", "plan_due", True),
    ("plan_due", "report_h2_due", True),
    ("report_h2_due", "materials_due", True),
    ("report_h2_due", "report_h1_due", True),
    ("materials_due", "evaluation_start", False),
    ("evaluation_start", "evaluation_end", False),
    ("evaluation_end", "naming_end", True),
    ("evaluation_end", "commendation_due", True),
    ("naming_end", "commendation_due", False),
)

MAX_ANNOUNCEMENT_DAYS = 30


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class RoundDates:
    opens: dt.date
    plan_due: dt.date
    report_h2_due: dt.date
    report_h1_due: dt.date
    materials_due: dt.date
    evaluation_start: dt.date
    evaluation_end: dt.date
    naming_end: dt.date
    commendation_due: dt.date
    announcement_days: int = 5

    def problems(self) -> list[str]:
        """Every ordering problem, as Chinese sentences (empty when the dates make sense)."""
        found: list[str] = []
        for earlier, later, strict in _ORDER:
            first: dt.date = getattr(self, earlier)
            second: dt.date = getattr(self, later)
            wrong = first >= second if strict else first > second
            if wrong:
                relation = "早于" if strict else "不晚于"
                found.append(
                    f"“{DATE_FIELD_NAMES[earlier]}”（{arabic_date(first)}）应{relation}"
                    f"“{DATE_FIELD_NAMES[later]}”（{arabic_date(second)}），请修改其中一个日期。"
                )
        if not 1 <= self.announcement_days <= MAX_ANNOUNCEMENT_DAYS:
            found.append(
                f"公示期应为1到{MAX_ANNOUNCEMENT_DAYS}个工作日，"
                f"现在是{self.announcement_days}个工作日，请修改。"
            )
        return found

    def check(self) -> None:
        """Raise UserError with the first problem, if any."""
        found = self.problems()
        if found:
            raise UserError(found[0])

    def with_overrides(self, **changes: Any) -> RoundDates:
        """A copy with some dates changed; refuses dates in the wrong order (UserError)."""
        changed = dataclasses.replace(self, **changes)
        changed.check()
        return changed

    def shifted(self, years: int = 1) -> RoundDates:
        """The same calendar moved by whole years (29 February becomes 28 February)."""
        moved: dict[str, Any] = {
            name: _shift_year(getattr(self, name), years) for name in DATE_FIELD_NAMES
        }
        return dataclasses.replace(self, **moved)

    def announcement_window(self, calendar: WorkCalendar | None = None) -> tuple[dt.date, dt.date]:
        """The 公示 period: the last `announcement_days` working days before commendation_due.

        The decision (表彰决定) is issued on commendation_due, so the announcement ends on the
        last working day before it. The start never falls before the day after evaluation ends.
        Working days follow `calendar` (weekends only when none is given).
        """
        calendar = calendar or WEEKENDS_ONLY
        end = calendar.previous_working_day(self.commendation_due - ONE_DAY)
        start = end
        counted = 1
        while counted < self.announcement_days:
            start -= ONE_DAY
            if calendar.is_working_day(start):
                counted += 1
        earliest = self.evaluation_end + ONE_DAY
        if start < earliest:
            start = earliest
        end = max(end, start)
        return start, end

    def due(self, stage: Stage, calendar: WorkCalendar | None = None) -> dt.date | None:
        """The due date of an intake stage, or the last day of any other stage."""
        match stage:
            case Stage.ENROLMENT | Stage.PLAN:
                return self.plan_due
            case Stage.REPORT_H2:
                return self.report_h2_due
            case Stage.REPORT_H1:
                return self.report_h1_due
            case Stage.MATERIALS:
                return self.materials_due
            case Stage.EVALUATION:
                return self.evaluation_end
            case Stage.NAMING:
                return self.naming_end
            case Stage.ANNOUNCEMENT:
                return self.announcement_window(calendar)[1]
            case Stage.COMMENDATION:
                return self.commendation_due
        return None  # pragma: no cover - every stage is handled above

    def to_dict(self) -> dict[str, str | int]:
        data: dict[str, str | int] = {
            name: getattr(self, name).isoformat() for name in DATE_FIELD_NAMES
        }
        data["announcement_days"] = self.announcement_days
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RoundDates:
        """Inverse of to_dict (ISO date strings; date objects are accepted too)."""
        values: dict[str, Any] = {}
        for name in DATE_FIELD_NAMES:
            raw = data[name]
            values[name] = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))
        values["announcement_days"] = int(data.get("announcement_days", 5))
        return cls(**values)


def default_dates(first_year: int) -> RoundDates:
    """The seed's calendar for the round that starts in August of first_year."""
    y, n = first_year, first_year + 1
    return RoundDates(
        opens=dt.date(y, 8, 1),
        plan_due=dt.date(y, 8, 25),
        report_h2_due=dt.date(y, 12, 31),
        report_h1_due=dt.date(n, 6, 30),
        materials_due=dt.date(n, 5, 10),
        evaluation_start=dt.date(n, 5, 11),
        evaluation_end=dt.date(n, 5, 31),
        naming_end=dt.date(n, 6, 30),
        commendation_due=dt.date(n, 6, 30),
    )


class ReceiptStatus(StrEnum):
    """Where a form a branch handed in stands: received, sent back for changes, or accepted."""

    RECEIVED = "received"
    RETURNED = "returned"
    ACCEPTED = "accepted"


RECEIPT_STATUS_NAMES: dict[str, str] = {
    ReceiptStatus.RECEIVED: "已收到",
    ReceiptStatus.RETURNED: "退回修改",
    ReceiptStatus.ACCEPTED: "已审核通过",
}


class Timeliness(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    PENDING = "pending"


TIMELINESS_NAMES: dict[Timeliness, str] = {
    Timeliness.ON_TIME: "按时",
    Timeliness.LATE: "逾期报送",
    Timeliness.MISSING: "未报（已逾期）",
    Timeliness.PENDING: "未到期",
}


def timeliness(due: dt.date, received: dt.date | None, today: dt.date) -> Timeliness:
    """Lateness is recorded and shown, never a reason to refuse what a branch hands in."""
    if received is not None:
        return Timeliness.ON_TIME if received <= due else Timeliness.LATE
    return Timeliness.MISSING if today > due else Timeliness.PENDING


def days_late(due: dt.date, received: dt.date) -> int:
    """Whole days after the due date (0 when on time)."""
    return max(0, (received - due).days)


def days_overdue(due: dt.date, today: dt.date) -> int:
    """Days that something not yet received is overdue (0 before or on the due date)."""
    return max(0, (today - due).days)


def late_text(days: int) -> str:
    """How late, as every screen, sheet and form words it: 逾期3天."""
    return f"逾期{days}天"


WEEKDAY_NAMES = "一二三四五六日"


@dataclass(frozen=True)
class WorkCalendar:
    """Which days an office works: Monday to Friday, less statutory holidays, plus 调休 days.

    `days_off` are weekdays (or any days) not worked, with the holiday's name; `workdays` are
    weekend days that are worked (调休上班), with what they make up for. `known_years` are the
    years whose holiday arrangement is known; for other years only weekends are days off, and
    the program says so (`unknown_years`). The State Council publishes each year's arrangement in
    the previous November or December, so an offline PC needs the clerk to enter new years.
    """

    days_off: Mapping[dt.date, str] = dataclasses.field(default_factory=dict, hash=False)
    workdays: Mapping[dt.date, str] = dataclasses.field(default_factory=dict, hash=False)
    known_years: frozenset[int] = frozenset()

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def day_off_name(self, day: dt.date) -> str:
        """Why a day is not worked ("端午节", "星期六"), or "" for a working day."""
        if self.is_working_day(day):
            return ""
        return self.days_off.get(day) or f"星期{WEEKDAY_NAMES[day.weekday()]}"

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when it is worked, else the first working day after it."""
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def previous_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when it is worked, else the last working day before it."""
        while not self.is_working_day(day):
            day -= ONE_DAY
        return day

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The last day of a period of n working days that starts on `start`.

        Convention: `start` counts as day 1 when it is a working day; otherwise day 1 is the
        first working day after it. So a 5-day 公示 starting Monday 2026-06-15 ends Monday
        2026-06-22 when 06-19 is 端午节 (19 June is a holiday, 20 and 21 a weekend).
        n must be at least 1.
        """
        if n < 1:
            raise ValueError("n must be at least 1")
        day = self.next_working_day(start)
        counted = 1
        while counted < n:
            day += ONE_DAY
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, first: dt.date, last: dt.date) -> int:
        """How many working days lie in first … last, both included."""
        count = 0
        day = first
        while day <= last:
            count += self.is_working_day(day)
            day += ONE_DAY
        return count

    def knows(self, year: int) -> bool:
        return year in self.known_years

    def unknown_years(self, *days: dt.date) -> list[int]:
        """The years among `days` whose holidays the calendar does not know, in order."""
        return sorted({day.year for day in days if day.year not in self.known_years})


WEEKENDS_ONLY = WorkCalendar()
"""Saturdays and Sundays off, no holidays known: what is left when nothing else is known."""


def is_working_day(day: dt.date, calendar: WorkCalendar = WEEKENDS_ONLY) -> bool:
    return calendar.is_working_day(day)


def add_working_days(start: dt.date, n: int, calendar: WorkCalendar = WEEKENDS_ONLY) -> dt.date:
    """The last day of n working days from `start` (see WorkCalendar.add_working_days)."""
    return calendar.add_working_days(start, n)


def timeline(
    dates: RoundDates, calendar: WorkCalendar | None = None
) -> list[tuple[Stage, dt.date, dt.date]]:
    """(stage, first day, last day) for each stage in chronological order, for drawing.

    Intake stages run from the end of the previous intake to their due date; stages may overlap
    (the first-half report is collected alongside materials, evaluation and naming).
    """
    announcement_start, announcement_end = dates.announcement_window(calendar)
    rows = [
        (Stage.ENROLMENT, dates.opens, dates.plan_due),
        (Stage.PLAN, dates.opens, dates.plan_due),
        (Stage.REPORT_H2, dates.plan_due + ONE_DAY, dates.report_h2_due),
        (Stage.MATERIALS, dates.report_h2_due + ONE_DAY, dates.materials_due),
        (Stage.REPORT_H1, dates.report_h2_due + ONE_DAY, dates.report_h1_due),
        (Stage.EVALUATION, dates.evaluation_start, dates.evaluation_end),
        (Stage.NAMING, dates.evaluation_end + ONE_DAY, dates.naming_end),
        (Stage.ANNOUNCEMENT, announcement_start, announcement_end),
        (
            Stage.COMMENDATION,
            min(announcement_end + ONE_DAY, dates.commendation_due),
            dates.commendation_due,
        ),
    ]
    return sorted(rows, key=lambda row: (row[1], row[2]))


def current_stage(dates: RoundDates, today: dt.date, calendar: WorkCalendar | None = None) -> Stage:
    """The main-line stage the office is working on today.

    Before the round opens: ENROLMENT. Up to plan_due: PLAN (enrolment runs alongside). Then the
    second-half report, materials, evaluation (including any gap before it starts), naming,
    announcement and commendation. REPORT_H1 is collected alongside the later stages and is
    returned only when its due date falls after commendation; after everything, COMMENDATION.
    """
    announcement_start, announcement_end = dates.announcement_window(calendar)
    if today < dates.opens:
        return Stage.ENROLMENT
    if today <= dates.plan_due:
        return Stage.PLAN
    if today <= dates.report_h2_due:
        return Stage.REPORT_H2
    if today <= dates.materials_due:
        return Stage.MATERIALS
    if today <= dates.evaluation_end:
        return Stage.EVALUATION
    if today < announcement_start and today <= dates.naming_end:
        return Stage.NAMING
    if today <= announcement_end:
        return Stage.ANNOUNCEMENT
    if today <= dates.commendation_due:
        return Stage.COMMENDATION
    if today <= dates.report_h1_due:
        return Stage.REPORT_H1
    return Stage.COMMENDATION


def round_year_for(today: dt.date) -> int:
    """The first year of the round containing today (rounds run August to July)."""
    return today.year if today.month >= 8 else today.year - 1
