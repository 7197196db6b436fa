"""申报: a branch enters a round. Every round is applied for anew; old titles do not carry over."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.domain.validation import BRANCH_STATUS_NAMES, BranchStatus
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import (
    Actor,
    RoundInfo,
    ensure_writable,
    find_enrolment,
    find_round,
    get_branch,
    get_round,
    label,
    log,
    round_info,
)
from dangjian_desktop.store.models import Branch, Enrolment, Evaluation, Round


def enrol(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    branch_id: int,
    applied_on: dt.date | None = None,
    remark: str = "",
) -> Enrolment:
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    branch = get_branch(session, branch_id)
    if branch.status != BranchStatus.ACTIVE:
        raise UserError(f"{branch.name}{BRANCH_STATUS_NAMES[branch.status]}，不能申报。")
    if rnd.approved_at is not None:
        raise UserError(f"{label(rnd)}的评估结果已经审批，不能再登记申报。")
    if find_enrolment(session, rnd, branch_id) is not None:
        raise UserError(f"{branch.name}已经申报了{label(rnd)}的创建活动。")
    applied_on = applied_on or clock.today()
    withdrawn = session.exec(
        select(Enrolment).where(Enrolment.round_id == rnd.id, Enrolment.branch_id == branch_id)
    ).first()
    if withdrawn is not None:  # applying again after withdrawing revives the same row
        withdrawn.withdrawn_at = None
        withdrawn.applied_on = applied_on
        enrolment = withdrawn
    else:
        enrolment = Enrolment(
            round_id=rnd.id,  # type: ignore[arg-type]
            branch_id=branch_id,
            applied_on=applied_on,
            remark=remark.strip(),
        )
    session.add(enrolment)
    session.flush()
    log(
        session,
        actor,
        "enrol",
        enrolment,
        f"{branch.name}申报{label(rnd)}创建活动",
        new={"branch": branch.name, "applied_on": applied_on.isoformat()},
    )
    return enrolment


def withdraw(
    session: Session, *, actor: Actor, first_year: int, branch_id: int, reason: str
) -> Enrolment:
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    branch = get_branch(session, branch_id)
    enrolment = find_enrolment(session, rnd, branch_id)
    if enrolment is None:
        raise UserError(f"{branch.name}没有申报{label(rnd)}，无需撤回。")
    if rnd.scoring_started:
        raise UserError("已开始评分，不能再撤回申报。")
    if not reason.strip():
        raise UserError("撤回申报要写明原因。")
    enrolment.withdrawn_at = clock.now()
    session.add(enrolment)
    log(
        session,
        actor,
        "withdraw",
        enrolment,
        f"{branch.name}撤回{label(rnd)}的申报",
        reason=reason,
    )
    return enrolment


def enrolled_branches(session: Session, rnd: Round) -> list[tuple[Enrolment, Branch]]:
    rows = session.exec(
        select(Enrolment, Branch)
        .join(Branch, col(Branch.id) == Enrolment.branch_id)
        .where(Enrolment.round_id == rnd.id, col(Enrolment.withdrawn_at).is_(None))
        .order_by(col(Branch.id))
    ).all()
    return [(e, b) for e, b in rows]


def enrolled_choices(session: Session, first_year: int) -> list[tuple[int, str]]:
    """(branch id, name) of the branches enrolled in that round; empty when there is no round."""
    rnd = find_round(session, first_year)
    if rnd is None:
        return []
    return [(b.id, b.name) for _e, b in enrolled_branches(session, rnd) if b.id is not None]


def enrolled_count(session: Session, rnd: Round) -> int:
    return len(enrolled_branches(session, rnd))


def evaluation_for(session: Session, enrolment: Enrolment) -> Evaluation:
    """The evaluation row of an enrolment, created on first use."""
    found = session.exec(select(Evaluation).where(Evaluation.enrollment_id == enrolment.id)).first()
    if found is None:
        found = Evaluation(enrollment_id=enrolment.id)  # type: ignore[arg-type]
        session.add(found)
        session.flush()
    return found


@dataclass(frozen=True)
class EnrolmentLine:
    """A branch and whether it has applied for the round, for the 申报 table."""

    branch_id: int
    branch_name: str
    level: str
    branch_status: str
    enrolled: bool
    applied_on: dt.date | None
    withdrawn_on: dt.date | None


def enrolment_view(
    session: Session, first_year: int | None
) -> tuple[RoundInfo | None, list[EnrolmentLine]]:
    """The round (None when there is none) and every branch's enrolment, for the 申报 tab."""
    info = round_info(session, first_year)
    if info is None:
        return None, []
    return info, enrolment_lines(session, get_round(session, info.first_year))


def enrolment_lines(session: Session, rnd: Round) -> list[EnrolmentLine]:
    """Every active branch, plus any inactive one that is still enrolled, in register order:
    plain columns, not ORM objects (a county has a thousand branches, read at every refresh)."""
    enrolments = {
        branch_id: (applied_on, withdrawn_at)
        for branch_id, applied_on, withdrawn_at in session.execute(
            sa_select(
                col(Enrolment.branch_id), col(Enrolment.applied_on), col(Enrolment.withdrawn_at)
            ).where(col(Enrolment.round_id) == rnd.id)
        )
    }
    lines = []
    for branch_id, name, level, status in session.execute(
        sa_select(col(Branch.id), col(Branch.name), col(Branch.level), col(Branch.status))
        .where(col(Branch.deleted_at).is_(None))
        .order_by(col(Branch.id))
    ):
        found = enrolments.get(branch_id)
        enrolled = found is not None and found[1] is None
        if status != BranchStatus.ACTIVE and not enrolled:
            continue
        lines.append(
            EnrolmentLine(
                branch_id=branch_id,
                branch_name=name,
                level=level,
                branch_status=status,
                enrolled=enrolled,
                applied_on=found[0] if found is not None and enrolled else None,
                withdrawn_on=clock.local(found[1]).date()
                if found is not None and found[1] is not None
                else None,
            )
        )
    return lines
