"""Where a round stands, worked out from plain facts: the stage counts, who is overdue, what was
sent back and the next steps the 工作台 lists.

The facts are read by `services.status` through the ORM, or by `services.first_view` with plain
sqlite3 for the window's first paint; both derive the figures here, so the two paths cannot
disagree. Nothing here touches the database (and nothing imports SQLAlchemy).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from dangjian_desktop.domain.calendar import (
    INTAKE_STAGES,
    STAGE_NAMES,
    ReceiptStatus,
    RoundDates,
    Stage,
    Timeliness,
    WorkCalendar,
    current_stage,
    days_overdue,
    stage_title,
)
from dangjian_desktop.domain.text import round_label
from dangjian_desktop.services.work_days import due_on_days_off, years_unknown


@dataclass
class StageStatus:
    key: str
    name: str
    due: str
    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0
    overdue: list[str] = field(default_factory=list)


@dataclass
class Milestone:
    """A naming step that happens once for the round: 公示, 审批, 表彰."""

    key: str
    name: str
    due: str
    done: str  # the day it happened (ISO), or ""
    state: str  # what a clerk reads: 未发起, 公示中, 已审批 …
    warning: str = ""


@dataclass
class RoundStatusReport:
    round: int
    label: str
    today: str
    current_stage: str
    enrolled: int
    stages: list[StageStatus]
    milestones: list[Milestone] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "round": self.round,
            "label": self.label,
            "today": self.today,
            "current_stage": self.current_stage,
            "enrolled": self.enrolled,
            "stages": [asdict(stage) for stage in self.stages],
            "milestones": [asdict(step) for step in self.milestones],
        }


@dataclass(frozen=True)
class OverdueLine:
    """A branch that has not handed in something whose due date has passed."""

    branch_id: int
    branch_name: str
    stage: Stage
    stage_name: str
    due: dt.date
    days_overdue: int


@dataclass(frozen=True)
class ReturnedItem:
    """A plan or report sent back for revision and not handed in again yet."""

    branch_id: int
    branch_name: str
    stage: Stage
    what: str
    reason: str


@dataclass(frozen=True)
class OverdueRectification:
    """An honour under 限期整改 whose deadline has passed without a result."""

    honour_id: int
    name: str
    title: str
    deadline: dt.date
    days_over: int


@dataclass(frozen=True)
class RoundOverview:
    """What the 工作台 shows of a round, in plain values."""

    report: RoundStatusReport
    dates: RoundDates
    overdue: list[OverdueLine]
    actions: list[str]
    returned: list[ReturnedItem]


class StageLine(Protocol):
    """One enrolled branch's state at one hand-in stage (`services.intake.IntakeLine` is one)."""

    @property
    def branch_id(self) -> int: ...
    @property
    def branch_name(self) -> str: ...
    @property
    def timeliness(self) -> Timeliness: ...
    @property
    def status(self) -> str | None: ...
    @property
    def remark(self) -> str: ...
    @property
    def due(self) -> dt.date: ...


@dataclass(frozen=True)
class RoundFacts:
    """What the figures of a round are derived from, however they were read."""

    first_year: int
    closed: bool
    approved: bool
    dates: RoundDates
    lines: Mapping[Stage, Sequence[StageLine]]  # each hand-in stage, branches by id
    enrolled: Sequence[tuple[int, int, str]]  # (enrolment id, branch id, branch name) by branch
    evaluated: set[int]  # enrolments whose combined score is worked out
    calendar: WorkCalendar
    active_branches: bool  # an active branch on file (status only, as `next_actions` asks)
    reminders: Mapping[Stage, dt.date]  # the day the last 催报通知 of each stage was signed
    has_assessors: bool
    rectifications: Sequence[OverdueRectification]

    @property
    def label(self) -> str:
        return round_label(self.first_year)


def _count(status: StageStatus, outcome: Timeliness, name: str) -> None:
    if outcome == Timeliness.ON_TIME:
        status.on_time += 1
    elif outcome == Timeliness.LATE:
        status.late += 1
    elif outcome == Timeliness.MISSING:
        status.missing += 1
        status.overdue.append(name)
    else:
        status.pending += 1


def status_report(
    facts: RoundFacts, today: dt.date, milestones: list[Milestone] | None = None
) -> RoundStatusReport:
    dates = facts.dates
    stages: list[StageStatus] = []
    for stage in INTAKE_STAGES:
        due = dates.due(stage)
        assert due is not None
        status = StageStatus(stage.value, stage_title(stage, facts.first_year), due.isoformat())
        for line in facts.lines[stage]:
            _count(status, line.timeliness, line.branch_name)
        stages.append(status)
    evaluation = StageStatus(
        Stage.EVALUATION.value, STAGE_NAMES[Stage.EVALUATION], dates.evaluation_end.isoformat()
    )
    for enrollment_id, _branch_id, branch_name in facts.enrolled:
        if enrollment_id in facts.evaluated:
            evaluation.on_time += 1
        elif today > dates.evaluation_end:
            evaluation.missing += 1
            evaluation.overdue.append(branch_name)
        else:
            evaluation.pending += 1
    stages.append(evaluation)
    return RoundStatusReport(
        round=facts.first_year,
        label=facts.label,
        today=today.isoformat(),
        current_stage=(
            "已结束" if facts.closed else STAGE_NAMES[current_stage(dates, today, facts.calendar)]
        ),
        enrolled=len(facts.enrolled),
        stages=stages,
        milestones=milestones or [],
    )


def overdue_of(facts: RoundFacts, today: dt.date) -> list[OverdueLine]:
    """Every missing item past its due date, the longest overdue first (for the workbench)."""
    found: list[OverdueLine] = []
    for stage in INTAKE_STAGES:
        title = stage_title(stage, facts.first_year)
        for line in facts.lines[stage]:
            if line.timeliness == Timeliness.MISSING:
                found.append(
                    OverdueLine(
                        line.branch_id,
                        line.branch_name,
                        stage,
                        title,
                        line.due,
                        days_overdue(line.due, today),
                    )
                )
    end = facts.dates.evaluation_end
    if today > end:
        for enrollment_id, branch_id, branch_name in facts.enrolled:
            if enrollment_id not in facts.evaluated:
                found.append(
                    OverdueLine(
                        branch_id,
                        branch_name,
                        Stage.EVALUATION,
                        STAGE_NAMES[Stage.EVALUATION],
                        end,
                        days_overdue(end, today),
                    )
                )
    found.sort(key=lambda line: (-line.days_overdue, line.stage_name, line.branch_id))
    return found


def returned_of(facts: RoundFacts) -> list[ReturnedItem]:
    """Every receipt of the round whose status is 退回修改, with the reason written on it."""
    items = []
    for stage in INTAKE_STAGES:
        for line in facts.lines[stage]:
            if line.status == ReceiptStatus.RETURNED:
                what = "实施方案" if stage is Stage.PLAN else stage_title(stage, facts.first_year)
                items.append(
                    ReturnedItem(line.branch_id, line.branch_name, stage, what, line.remark)
                )
    return items


def reminders_of(rows: Sequence[tuple[str, dt.date]], first_year: int) -> dict[Stage, dt.date]:
    """The day the last 催报通知 of each hand-in stage was signed, from the round's reminders
    (title, signed on): a reminder names its item in its title, 关于催报…的通知."""
    if not rows:  # no reminder sent: the wording module is not even imported (the first paint)
        return {}
    from dangjian_desktop.documents.notice_texts import overdue_item

    sent: dict[Stage, dt.date] = {}
    for stage in INTAKE_STAGES:
        title = f"关于催报{overdue_item(stage, round_label(first_year), first_year)}的通知"
        days = [signed for t, signed in rows if t == title]
        if days:
            sent[stage] = max(days)
    return sent


def month_day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def actions_of(facts: RoundFacts, report: RoundStatusReport, today: dt.date) -> list[str]:
    """What the office should do next, as plain sentences derived from where the round stands."""
    name = facts.label
    if facts.closed:
        return [f"{name}已结束，数据只能查看。要办理新的年度，请在上方选择年度或在“设置”里新建。"]
    dates = facts.dates
    actions: list[str] = []
    if report.enrolled == 0:
        if not facts.active_branches:
            actions.append(
                "还没有党组织。第一步：在“党组织与党员”里从Excel导入名册，或逐个添加党组织。"
            )
        else:
            actions.append(f"还没有党组织申报{name}的创建活动，请在“申报与方案”里登记申报。")
    intake = [s for s in report.stages if s.key != Stage.EVALUATION.value]
    for status in intake:
        if status.missing:
            due = dt.date.fromisoformat(status.due)
            what = "实施方案" if status.key == Stage.PLAN.value else status.name
            sent = facts.reminders.get(Stage(status.key))
            if sent is None:
                actions.append(
                    f"还有{status.missing}个党组织的{what}未报（{month_day(due)}已截止），"
                    "可发催报通知。"
                )
            else:
                actions.append(
                    f"{month_day(sent)}已发催报通知，仍有{status.missing}个党组织的{what}未报"
                    "，收到后请及时登记。"
                )
    upcoming = sorted(
        (s for s in intake if s.pending and dt.date.fromisoformat(s.due) >= today),
        key=lambda s: s.due,
    )
    for index, status in enumerate(upcoming):
        due = dt.date.fromisoformat(status.due)
        if index > 0 and (due - today).days > 31:
            break  # the nearest deadline always, later ones only within a month
        actions.append(
            f"{status.name}{month_day(due)}截止，还有{status.pending}个党组织未报"
            f"（还有{(due - today).days}天）。"
        )
    if report.enrolled and today <= dates.evaluation_end and not facts.has_assessors:
        actions.append(
            f"考核组还没有成员。总结评估{month_day(dates.evaluation_start)}开始，"
            "请在“评估材料与评分”里添加考核组成员。"
        )
    if today > dates.evaluation_end and not facts.approved and report.enrolled:
        actions.append("综合评价结果还没有审批，请在“公示与表彰”里办理公示和审批。")
    rectifications = facts.rectifications
    if rectifications:
        names = "、".join(r.name for r in rectifications[:3])
        more = "等" if len(rectifications) > 3 else ""
        actions.append(
            f"{names}{more}的限期整改已过期限（共{len(rectifications)}项），"
            "请在“动态管理”里登记整改结果。"
        )
    actions.extend(calendar_actions(facts, today))
    if not actions:
        actions.append("眼下没有要催办的事。")
    return actions


def calendar_actions(facts: RoundFacts, today: dt.date) -> list[str]:
    """Holiday data the round needs but the program lacks; deadlines still ahead on a day off."""
    lines = [
        f"程序里还没有{year}年的法定节假日安排，公示期等工作日只扣除了周末。"
        f"请在“文件 → 节假日安排”里照国务院办公厅的通知录入{year}年的安排。"
        for year in years_unknown(facts.calendar, facts.first_year)
    ]
    ahead = [item for item in due_on_days_off(facts.calendar, facts.dates) if item.day >= today]
    if ahead:
        lines.append(
            "、".join(f"{item.name}（{month_day(item.day)}，{item.why}）" for item in ahead)
            + "落在休息日，可在“文件 → 节假日安排”里顺延到下一个工作日。"
        )
    late = late_commendation_warning(facts.first_year, facts.dates.commendation_due)
    if late and not facts.approved:
        lines.append(late + "请在“设置”里把表彰截止日期改到7月1日以前。")
    return lines


def july_first(first_year: int) -> dt.date:
    """七一 of the round: the seed has advanced units commended before it."""
    return dt.date(first_year + 1, 7, 1)


def late_commendation_warning(first_year: int, day: dt.date) -> str:
    """A sentence when `day` is after 七一 of the round, else ""."""
    if day <= july_first(first_year):
        return ""
    return (
        f"表彰日期{month_day(day)}晚于七一（{first_year + 1}年7月1日），创建方案要求在七一前表彰。"
    )


def overview_of(
    facts: RoundFacts, today: dt.date, milestones: list[Milestone] | None = None
) -> RoundOverview:
    """The round's status, overdue branches, next steps and returned forms."""
    report = status_report(facts, today, milestones)
    actions = actions_of(facts, report, today)
    returned = returned_of(facts)
    if returned and not facts.closed:
        actions.append(
            f"有{len(returned)}份退回修改的材料还没重新报送（原因见右边“退回修改”），"
            "收到改好的材料后双击那一行登记。"
        )
    return RoundOverview(report, facts.dates, overdue_of(facts, today), actions, returned)
