"""Where a round stands: each stage's due date, on time / late / missing / pending, and who is overdue.

The facts are read here through the ORM; the figures are worked out in `services.round_figures`,
which the window's first paint (`services.first_view`) shares with plain sqlite3 reads.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func as sa_func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from dangjian_desktop.domain.calendar import INTAKE_STAGES
from dangjian_desktop.domain.rounds import RoundStatus
from dangjian_desktop.domain.validation import BranchStatus
from dangjian_desktop.services.calendar import work_calendar
from dangjian_desktop.services.common import find_round, round_dates
from dangjian_desktop.services.dynamic import overdue_rectifications
from dangjian_desktop.services.evaluation import list_assessors
from dangjian_desktop.services.intake import intake_lines
from dangjian_desktop.services.round_figures import (
    Milestone,
    OverdueLine,
    ReturnedItem,
    RoundFacts,
    RoundOverview,
    RoundStatusReport,
    StageStatus,
    actions_of,
    late_commendation_warning,
    month_day,
    overdue_of,
    overview_of,
    reminders_of,
    returned_of,
    status_report,
)
from dangjian_desktop.store.models import Branch, Enrolment, Evaluation, Notice, Round

__all__ = [
    "Milestone",
    "OverdueLine",
    "ReturnedItem",
    "RoundOverview",
    "RoundStatusReport",
    "StageStatus",
    "milestones",
    "next_actions",
    "overdue_lines",
    "returned_items",
    "round_facts",
    "round_overview",
    "round_status",
]

_month_day = month_day


def _evaluated(session: Session, rnd: Round) -> set[int]:
    """Enrolments whose 总结评估 is done: their combined score has been worked out."""
    return {
        enrollment_id
        for (enrollment_id,) in session.execute(
            sa_select(col(Evaluation.enrollment_id))
            .join(Enrolment, col(Enrolment.id) == Evaluation.enrollment_id)
            .where(col(Enrolment.round_id) == rnd.id, col(Evaluation.combined).is_not(None))
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


def round_facts(session: Session, rnd: Round, today: dt.date) -> RoundFacts:
    """What the round's figures are worked out from, read once (each stage's lines once)."""
    reminders = session.execute(
        sa_select(col(Notice.title), col(Notice.signed_on)).where(
            col(Notice.round_id) == rnd.id, col(Notice.kind) == "reminder"
        )
    ).all()
    active = session.execute(
        sa_select(sa_func.count(col(Branch.id))).where(col(Branch.status) == BranchStatus.ACTIVE)
    ).scalar_one()
    return RoundFacts(
        first_year=rnd.first_year,
        closed=rnd.status == RoundStatus.CLOSED,
        approved=rnd.approved_at is not None,
        dates=round_dates(rnd),
        lines={stage: intake_lines(session, rnd, stage, today) for stage in INTAKE_STAGES},
        enrolled=_enrolled(session, rnd),
        evaluated=_evaluated(session, rnd),
        calendar=work_calendar(session),
        active_branches=bool(active),
        reminders=reminders_of([(t, d) for t, d in reminders], rnd.first_year),
        has_assessors=bool(list_assessors(session, rnd)),
        rectifications=overdue_rectifications(session, today),
    )


def round_status(session: Session, rnd: Round, today: dt.date) -> RoundStatusReport:
    return status_report(round_facts(session, rnd, today), today, milestones(session, rnd, today))


def overdue_lines(session: Session, rnd: Round, today: dt.date) -> list[OverdueLine]:
    """Every missing item past its due date, the longest overdue first (for the workbench)."""
    return overdue_of(round_facts(session, rnd, today), today)


def returned_items(session: Session, rnd: Round, today: dt.date) -> list[ReturnedItem]:
    """Every receipt of the round whose status is 退回修改, with the reason written on it."""
    return returned_of(round_facts(session, rnd, today))


def next_actions(
    session: Session, rnd: Round, today: dt.date, report: RoundStatusReport | None = None
) -> list[str]:
    """What the office should do next, as plain sentences derived from where the round stands.
    `report`: the round's `round_status` when the caller has it already."""
    facts = round_facts(session, rnd, today)
    return actions_of(facts, report or status_report(facts, today), today)


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


def round_overview(
    session: Session, first_year: int | None, today: dt.date
) -> RoundOverview | None:
    """The round's status, overdue branches, next steps and returned forms; None when no year
    is chosen or there is no such round."""
    rnd = find_round(session, first_year)
    if rnd is None:
        return None
    return overview_of(round_facts(session, rnd, today), today, milestones(session, rnd, today))
