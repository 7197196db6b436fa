"""公示 of exactly the fixed list: start, withdraw, objections, and the list left after them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.domain.naming import (
    ObjectionOutcome,
    removed_by_objections,
)
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.calendar import work_calendar
from dangjian_desktop.services.common import (
    Actor,
    ensure_writable,
    get_round,
    ident,
    label,
    log,
)
from dangjian_desktop.services.naming.candidates import (
    Proposal,
    evaluation_current,
    proposal,
    reopen,
)
from dangjian_desktop.services.naming.state import current_list, get_announcement, list_snapshot
from dangjian_desktop.store.models import (
    Announcement,
    Branch,
    CandidateList,
    Member,
    Objection,
    Round,
)


def start_announcement(
    session: Session, *, actor: Actor, first_year: int, starts_on: dt.date, days: int | None = None
) -> Announcement:
    """Post exactly the fixed list for N working days on the working calendar."""
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    if get_announcement(session, rnd) is not None:
        raise UserError(f"{label(rnd)}已经在公示了。要重新公示，请先撤回这次公示。")
    if rnd.approved_at is not None:
        raise UserError("评估结果已经审批，不能再发起公示。")
    fixed = current_list(session, rnd)
    if fixed is None:
        raise UserError("候选名单还没有确定。请先审验、检查核实，再在“公示与表彰”里确定名单。")
    snap = list_snapshot(fixed)
    evaluation_current(session, rnd, "发起公示")
    if proposal_ids(proposal(session, rnd)) != snapshot_ids(snap):
        raise UserError(
            "确定名单后评分或提名有变动，名单已不是现在的结果。请重新打开名单、重新确定后再公示。"
        )
    days = days or rnd.announcement_days
    if not 1 <= days <= 30:
        raise UserError("公示期应为1到30个工作日。")
    ends_on = work_calendar(session).add_working_days(starts_on, days)
    announcement = Announcement(
        round_id=ident(rnd), starts_on=starts_on, ends_on=ends_on, days=days, list_id=fixed.id
    )
    session.add(announcement)
    session.flush()
    log(
        session,
        actor,
        "announce",
        announcement,
        f"{label(rnd)}评选结果公示：{starts_on.isoformat()}至{ends_on.isoformat()}（{days}个工作日），"
        f"先进党组织{len(snap['branches'])}个、优秀共产党员{len(snap['members'])}名",
        new={
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "days": days,
            "digest": fixed.digest,
        },
    )
    return announcement


def withdraw_announcement(
    session: Session, *, actor: Actor, first_year: int, reason: str
) -> Announcement:
    """Withdraw the 公示 (it stays on record) and reopen the list; a new list needs a new 公示."""
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    announcement = get_announcement(session, rnd)
    if announcement is None:
        raise UserError("没有正在进行的公示，无需撤回。")
    if rnd.approved_at is not None:
        raise UserError("评估结果已经审批，不能撤回公示。请先由审批人撤回审批。")
    if len(reason.strip()) < 4:
        raise UserError("撤回公示必须写明原因。")
    announcement.withdrawn_at = clock.now()
    announcement.withdraw_reason = reason.strip()
    session.add(announcement)
    log(
        session,
        actor,
        "withdraw",
        announcement,
        f"撤回{label(rnd)}评选结果公示（{announcement.starts_on.isoformat()}起）",
        reason=reason.strip(),
    )
    fixed = current_list(session, rnd)
    if fixed is not None:
        reopen(session, actor, rnd, fixed, f"公示撤回：{reason.strip()}")
    return announcement


def objections(session: Session, rnd: Round) -> list[Objection]:
    announcement = get_announcement(session, rnd)
    if announcement is None:
        return []
    return list(
        session.exec(
            select(Objection)
            .where(Objection.announcement_id == announcement.id)
            .order_by(col(Objection.id))
        )
    )


def decision_blocker(session: Session, rnd: Round, today: dt.date) -> str | None:
    """Why the approval / decision must still wait, or None."""
    announcement = get_announcement(session, rnd)
    if announcement is None:
        return "评选结果还没有公示。请先在“审验与名单”里确定候选名单，再在“公示名单”里发起公示。"
    if today <= announcement.ends_on:
        return f"公示期到{announcement.ends_on.isoformat()}才结束，期满后才能审批和表彰。"
    open_objections = [o for o in objections(session, rnd) if o.upheld is None]
    if open_objections:
        return f"还有{len(open_objections)}条公示异议没有处理完，处理后才能审批和表彰。"
    return None


def objection_to_handle(session: Session, objection_id: int) -> Objection:
    """The objection, refused once the round is closed or its results approved."""
    objection = session.get(Objection, objection_id)
    if objection is None:
        raise UserError("找不到这条异议。")
    announcement = session.get(Announcement, objection.announcement_id)
    assert announcement is not None
    rnd = session.get(Round, announcement.round_id)
    assert rnd is not None
    ensure_writable(rnd)
    if rnd.approved_at is not None:
        raise UserError("评估结果已经审批，不能再改异议的处理。")
    return objection


def keep_despite_objection(
    session: Session, *, actor: Actor, objection_id: int, decision: str
) -> Objection:
    """异议成立 but the leading group decided to keep the candidate: the decision is recorded."""
    objection = objection_to_handle(session, objection_id)
    if objection.upheld is not True:
        raise UserError("只有“异议成立”的才需要记录保留的决定。")
    if len(decision.strip()) < 4:
        raise UserError("请写明领导小组保留该候选的决定（会议、日期、理由）。")
    objection.keep_decision = decision.strip()
    session.add(objection)
    log(
        session,
        actor,
        "keep",
        objection,
        "异议成立，领导小组决定保留候选",
        new={"decision": decision.strip()},
    )
    return objection


# ------------------------------------------------------------------ the approved list


@dataclass(frozen=True)
class FinalList:
    """The posted list less what upheld objections removed."""

    branches: list[dict[str, Any]]
    members: list[dict[str, Any]]
    removed: list[str]
    kept: list[str]
    digest: str


def final_list(session: Session, rnd: Round) -> FinalList | None:
    announcement = get_announcement(session, rnd)
    if announcement is None or announcement.list_id is None:
        return None
    fixed = session.get(CandidateList, announcement.list_id)
    assert fixed is not None
    snap = list_snapshot(fixed)
    outcomes = [
        ObjectionOutcome(o.branch_id, o.member_id, o.upheld, o.keep_decision)
        for o in objections(session, rnd)
    ]
    gone_branches, gone_members = removed_by_objections(outcomes)
    removed = [f"{b['name']}（异议成立）" for b in snap["branches"] if b["id"] in gone_branches]
    removed += [
        f"{m['branch']}{m['name']}（异议成立）" for m in snap["members"] if m["id"] in gone_members
    ]
    kept = []
    for o in objections(session, rnd):
        if o.upheld and o.keep_decision:
            who = _objection_target(session, o)
            kept.append(f"{who}：异议成立，领导小组决定保留（{o.keep_decision}）")
    return FinalList(
        branches=[b for b in snap["branches"] if b["id"] not in gone_branches],
        members=[m for m in snap["members"] if m["id"] not in gone_members],
        removed=removed,
        kept=kept,
        digest=fixed.digest,
    )


def _objection_target(session: Session, objection: Objection) -> str:
    if objection.member_id is not None:
        member = session.get(Member, objection.member_id)
        return member.name if member else ""
    branch = session.get(Branch, objection.branch_id) if objection.branch_id else None
    return branch.name if branch else ""


def proposal_ids(found: Proposal) -> tuple[list[int], list[int]]:
    return [b.branch_id for b in found.branches], [m.member_id for m in found.members]


def snapshot_ids(snap: dict[str, Any]) -> tuple[list[int], list[int]]:
    return [b["id"] for b in snap["branches"]], [m["id"] for m in snap["members"]]
