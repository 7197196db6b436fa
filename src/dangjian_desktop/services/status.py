"""Where a round stands: each stage's due date, on time / late / missing / pending, and who is overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func as sa_func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from dangjian_desktop.domain.calendar import (
    INTAKE_STAGES,
    STAGE_NAMES,
    ReceiptStatus,
    RoundDates,
    Stage,
    Timeliness,
    current_stage,
    days_overdue,
    stage_title,
)
from dangjian_desktop.domain.rounds import RoundStatus
from dangjian_desktop.domain.validation import BranchStatus
from dangjian_desktop.services.calendar import (
    due_dates_on_days_off,
    work_calendar,
    years_without_holidays,
)
from dangjian_desktop.services.common import find_round, label, round_dates
from dangjian_desktop.services.dynamic import overdue_rectifications
from dangjian_desktop.services.evaluation import list_assessors
from dangjian_desktop.services.intake import intake_lines
from dangjian_desktop.store.models import Branch, Enrolment, Evaluation, Notice, Round


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


def _evaluated(session: Session, rnd: Round) -> set[int]:
    """Enrolments whose 总结评估 is done: their combined score has been worked out."""
    return {
        ev.enrollment_id
        for ev in session.exec(
            select(Evaluation)
            .join(Enrolment, col(Enrolment.id) == Evaluation.enrollment_id)
            .where(Enrolment.round_id == rnd.id, col(Evaluation.combined).is_not(None))
        )
    }


def _enrolled(session: Session, rnd: Round) -> list[tuple[int, int, str]]:
    """(enrolment id, branch id, branch name) of the round's branches, as plain columns."""
    rows = session.execute(
        sa_select(col(Enrolment.id), col(Branch.id), col(Branch.name))
        .join(Branch, col(Branch.id) == Enrolment.branch_id)
        .where(col(Enrolment.round_id) == rnd.id, col(Enrolment.withdrawn_at).is_(None))
        .order_by(col(Branch.id))
    )
    return [(enrollment_id, branch_id, name) for enrollment_id, branch_id, name in rows]


def round_status(session: Session, rnd: Round, today: dt.date) -> RoundStatusReport:
    dates = round_dates(rnd)
    stages: list[StageStatus] = []
    for stage in INTAKE_STAGES:
        due = dates.due(stage)
        assert due is not None
        status = StageStatus(stage.value, stage_title(stage, rnd.first_year), due.isoformat())
        for line in intake_lines(session, rnd, stage, today):
            _count(status, line.timeliness, line.branch_name)
        stages.append(status)
    evaluated = _evaluated(session, rnd)
    evaluation = StageStatus(
        Stage.EVALUATION.value, STAGE_NAMES[Stage.EVALUATION], dates.evaluation_end.isoformat()
    )
    enrolled = _enrolled(session, rnd)
    for enrollment_id, _branch_id, branch_name in enrolled:
        if enrollment_id in evaluated:
            evaluation.on_time += 1
        elif today > dates.evaluation_end:
            evaluation.missing += 1
            evaluation.overdue.append(branch_name)
        else:
            evaluation.pending += 1
    stages.append(evaluation)
    return RoundStatusReport(
        round=rnd.first_year,
        label=label(rnd),
        today=today.isoformat(),
        current_stage=(
            "已结束"
            if rnd.status == RoundStatus.CLOSED
            else STAGE_NAMES[current_stage(dates, today, work_calendar(session))]
        ),
        enrolled=len(enrolled),
        stages=stages,
        milestones=milestones(session, rnd, today),
    )


@dataclass(frozen=True)
class OverdueLine:
    """A branch that has not handed in something whose due date has passed."""

    branch_id: int
    branch_name: str
    stage: Stage
    stage_name: str
    due: dt.date
    days_overdue: int


def overdue_lines(session: Session, rnd: Round, today: dt.date) -> list[OverdueLine]:
    """Every missing item past its due date, the longest overdue first (for the workbench)."""
    found: list[OverdueLine] = []
    for stage in INTAKE_STAGES:
        title = stage_title(stage, rnd.first_year)
        for line in intake_lines(session, rnd, stage, today):
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
    end = round_dates(rnd).evaluation_end
    if today > end:
        evaluated = _evaluated(session, rnd)
        for enrollment_id, branch_id, branch_name in _enrolled(session, rnd):
            if enrollment_id not in evaluated:
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


def _month_day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def _reminders(session: Session, rnd: Round) -> dict[Stage, dt.date]:
    """The day the last 催报通知 of each hand-in stage was signed (a reminder names its item in
    its title, 关于催报…的通知)."""
    from dangjian_desktop.documents.notice_texts import overdue_item

    rows = session.execute(
        sa_select(col(Notice.title), col(Notice.signed_on)).where(
            col(Notice.round_id) == rnd.id, col(Notice.kind) == "reminder"
        )
    ).all()
    sent: dict[Stage, dt.date] = {}
    for stage in INTAKE_STAGES:
        title = f"关于催报{overdue_item(stage, label(rnd), rnd.first_year)}的通知"
        days = [signed for t, signed in rows if t == title]
        if days:
            sent[stage] = max(days)
    return sent


@dataclass(frozen=True)
class ReturnedItem:
    """A plan or report sent back for revision and not handed in again yet."""

    branch_id: int
    branch_name: str
    stage: Stage
    what: str
    reason: str


def returned_items(session: Session, rnd: Round, today: dt.date) -> list[ReturnedItem]:
    """Every receipt of the round whose status is 退回修改, with the reason written on it."""
    items = []
    for stage in INTAKE_STAGES:
        for line in intake_lines(session, rnd, stage, today):
            if line.status == ReceiptStatus.RETURNED:
                what = "实施方案" if stage is Stage.PLAN else stage_title(stage, rnd.first_year)
                items.append(
                    ReturnedItem(line.branch_id, line.branch_name, stage, what, line.remark)
                )
    return items


def next_actions(
    session: Session, rnd: Round, today: dt.date, report: RoundStatusReport | None = None
) -> list[str]:
    """What the office should do next, as plain sentences derived from where the round stands.
    `report`: the round's `round_status` when the caller has it already (it is not read twice)."""
    name = label(rnd)
    if rnd.status == RoundStatus.CLOSED:
        return [f"{name}已结束，数据只能查看。要办理新的年度，请在上方选择年度或在“设置”里新建。"]
    if report is None:
        report = round_status(session, rnd, today)
    dates = round_dates(rnd)
    actions: list[str] = []
    if report.enrolled == 0:
        has_branches = session.execute(
            sa_select(sa_func.count(col(Branch.id))).where(
                col(Branch.status) == BranchStatus.ACTIVE
            )
        ).scalar_one()
        if not has_branches:
            actions.append(
                "还没有党组织。第一步：在“党组织与党员”里从Excel导入名册，或逐个添加党组织。"
            )
        else:
            actions.append(f"还没有党组织申报{name}的创建活动，请在“申报与方案”里登记申报。")
    intake = [s for s in report.stages if s.key != Stage.EVALUATION.value]
    reminded = _reminders(session, rnd)
    for status in intake:
        if status.missing:
            due = dt.date.fromisoformat(status.due)
            what = "实施方案" if status.key == Stage.PLAN.value else status.name
            sent = reminded.get(Stage(status.key))
            if sent is None:
                actions.append(
                    f"还有{status.missing}个党组织的{what}未报（{_month_day(due)}已截止），"
                    "可发催报通知。"
                )
            else:
                actions.append(
                    f"{_month_day(sent)}已发催报通知，仍有{status.missing}个党组织的{what}未报"
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
            f"{status.name}{_month_day(due)}截止，还有{status.pending}个党组织未报"
            f"（还有{(due - today).days}天）。"
        )
    if report.enrolled and today <= dates.evaluation_end and not list_assessors(session, rnd):
        actions.append(
            f"考核组还没有成员。总结评估{_month_day(dates.evaluation_start)}开始，"
            "请在“评估材料与评分”里添加考核组成员。"
        )
    if today > dates.evaluation_end and rnd.approved_at is None and report.enrolled:
        actions.append("综合评价结果还没有审批，请在“公示与表彰”里办理公示和审批。")
    rectifications = overdue_rectifications(session, today)
    if rectifications:
        names = "、".join(r.name for r in rectifications[:3])
        more = "等" if len(rectifications) > 3 else ""
        actions.append(
            f"{names}{more}的限期整改已过期限（共{len(rectifications)}项），"
            "请在“动态管理”里登记整改结果。"
        )
    actions.extend(_calendar_actions(session, rnd, today))
    if not actions:
        actions.append("眼下没有要催办的事。")
    return actions


def _calendar_actions(session: Session, rnd: Round, today: dt.date) -> list[str]:
    """Holiday data the round needs but the program lacks; deadlines still ahead on a day off."""
    lines = [
        f"程序里还没有{year}年的法定节假日安排，公示期等工作日只扣除了周末。"
        f"请在“文件 → 节假日安排”里照国务院办公厅的通知录入{year}年的安排。"
        for year in years_without_holidays(session, rnd.first_year)
    ]
    ahead = [item for item in due_dates_on_days_off(session, rnd.first_year) if item.day >= today]
    if ahead:
        lines.append(
            "、".join(f"{item.name}（{_month_day(item.day)}，{item.why}）" for item in ahead)
            + "落在休息日，可在“文件 → 节假日安排”里顺延到下一个工作日。"
        )
    late = late_commendation_warning(rnd.first_year, round_dates(rnd).commendation_due)
    if late and rnd.approved_at is None:
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
        f"表彰日期{_month_day(day)}晚于七一（{first_year + 1}年7月1日），创建方案要求在七一前表彰。"
    )


def _step_state(step: str, done: bool, overdue: bool) -> str:
    """已审批 / 已过期限，还未审批 / 未审批 (the same for 表彰)."""
    if done:
        return f"已{step}"
    return f"已过期限，还未{step}" if overdue else f"未{step}"


def milestones(session: Session, rnd: Round, today: dt.date) -> list[Milestone]:
    """公示, 审批 and 表彰 with their due dates, what happened and what is late."""
    from dangjian_desktop.store.models import Announcement, Honour

    dates = round_dates(rnd)
    planned_start, planned_end = dates.announcement_window(work_calendar(session))
    announcement = session.exec(
        select(Announcement).where(
            Announcement.round_id == rnd.id, col(Announcement.withdrawn_at).is_(None)
        )
    ).first()
    if announcement is None:
        state = "已过计划日期，还未发起" if today > planned_start else "未发起"
        announced = Milestone(
            "announcement",
            "评选结果公示",
            planned_end.isoformat(),
            "",
            f"{state}（计划{_month_day(planned_start)}至{_month_day(planned_end)}）",
        )
    else:
        running = today <= announcement.ends_on
        announced = Milestone(
            "announcement",
            "评选结果公示",
            announcement.ends_on.isoformat(),
            announcement.starts_on.isoformat(),
            f"公示中，{_month_day(announcement.ends_on)}期满" if running else "公示期已满",
        )
    approved_on = rnd.approved_at.date() if rnd.approved_at else None
    approval = Milestone(
        "approval",
        "报镇党委审批",
        dates.naming_end.isoformat(),
        approved_on.isoformat() if approved_on else "",
        _step_state("审批", approved_on is not None, today > dates.naming_end),
    )
    first_granted = session.exec(
        select(sa_func.min(col(Honour.granted_on))).where(Honour.round_id == rnd.id)
    ).first()
    warning = late_commendation_warning(rnd.first_year, first_granted or dates.commendation_due)
    commended = Milestone(
        "commendation",
        "命名表彰",
        dates.commendation_due.isoformat(),
        first_granted.isoformat() if first_granted else "",
        _step_state("表彰", first_granted is not None, today > dates.commendation_due),
        warning,
    )
    return [announced, approval, commended]


@dataclass(frozen=True)
class RoundOverview:
    """What the 工作台 shows of a round, in plain values."""

    report: RoundStatusReport
    dates: RoundDates
    overdue: list[OverdueLine]
    actions: list[str]
    returned: list[ReturnedItem]


def round_overview(
    session: Session, first_year: int | None, today: dt.date
) -> RoundOverview | None:
    """The round's status, overdue branches, next steps and returned forms; None when no year
    is chosen or there is no such round."""
    rnd = find_round(session, first_year)
    if rnd is None:
        return None
    report = round_status(session, rnd, today)
    actions = next_actions(session, rnd, today, report)
    returned = returned_items(session, rnd, today)
    if returned and rnd.status != RoundStatus.CLOSED:
        actions.append(
            f"有{len(returned)}份退回修改的材料还没重新报送（原因见右边“退回修改”），"
            "收到改好的材料后双击那一行登记。"
        )
    return RoundOverview(
        report, round_dates(rnd), overdue_lines(session, rnd, today), actions, returned
    )
