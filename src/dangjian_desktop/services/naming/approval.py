"""报镇党委审批 of the posted list less upheld objections, and what was approved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from dangjian_desktop import clock
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.attachments import add_attachment
from dangjian_desktop.services.common import (
    Actor,
    ensure_writable,
    get_round,
    ident,
    label,
    log,
)
from dangjian_desktop.services.naming.announcement import (
    decision_blocker,
    final_list,
    proposal_ids,
    snapshot_ids,
)
from dangjian_desktop.services.naming.candidates import evaluation_current, proposal
from dangjian_desktop.services.naming.checks import attachment_count
from dangjian_desktop.services.naming.state import (
    MINUTES_OWNER,
    computed_by,
    current_list,
    get_announcement,
    list_snapshot,
)
from dangjian_desktop.services.office import (
    double_entry_note,
    office_rules,
    require_approver,
)
from dangjian_desktop.store.models import Announcement, CandidateList, Operator, Round


def _posted_list_current(session: Session, rnd: Round) -> tuple[Announcement, CandidateList]:
    """The 公示 in force and the fixed list it posted, once the results still match that list."""
    announcement = get_announcement(session, rnd)
    assert announcement is not None
    fixed = current_list(session, rnd)
    if fixed is None or announcement.list_id != fixed.id:
        raise UserError(
            "公示的名单已不是当前确定的名单。请撤回公示、重新确定名单并重新公示后再审批。"
        )
    posted = list_snapshot(fixed)
    if proposal_ids(proposal(session, rnd)) != snapshot_ids(posted):
        raise UserError(
            "公示后评分或提名有变动，现在的结果与公示的名单不一致。"
            "请撤回公示、重新确定名单并重新公示后再审批。"
        )
    return announcement, fixed


def _one_person_approval(session: Session, rnd: Round, actor: Actor) -> bool:
    """Whether the approver also computed the results (one-person mode); refused otherwise."""
    computer = computed_by(session, rnd)
    if computer is None or computer != actor.name:
        return False
    if not office_rules(session).one_person:
        raise UserError(
            f"综合评价是{actor.name}计算的，按分工不能由本人审批。请由另一名审批人审批；"
            "只有一人的办公室可在“设置”里打开一人办公模式（审批记录上会注明）。"
        )
    return True


def approve_results(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    meeting_on: dt.date,
    meeting: str,
    minutes: Path | None = None,
    store_root: Path | None = None,
) -> Round:
    """报镇党委审批: the 审批人 approves exactly the posted list less upheld objections; scores lock."""
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    require_approver(session, actor, "审批评估结果")
    if rnd.approved_at is not None:
        raise UserError(f"{label(rnd)}的评估结果已经审批过了。")
    today = clock.today()
    if blocker := decision_blocker(session, rnd, today):
        raise UserError(blocker)
    evaluation_current(session, rnd, "审批")
    announcement, fixed = _posted_list_current(session, rnd)
    one_person = _one_person_approval(session, rnd, actor)
    if not meeting.strip():
        raise UserError("请填写审批的镇党委会（会议名称或期数，例如“第12次党委会”）。")
    if meeting_on <= announcement.ends_on:
        raise UserError(
            f"党委会日期{meeting_on.isoformat()}不在公示期满（{announcement.ends_on.isoformat()}）之后，请检查。"
        )
    if meeting_on > today:
        raise UserError(f"党委会日期{meeting_on.isoformat()}还没到，请检查。")
    result = final_list(session, rnd)
    assert result is not None
    if not result.branches and not result.members:
        raise UserError("公示名单去掉异议成立的之后已经没有人选，不能审批。请重新确定名单。")
    rnd.approved_at = clock.now()
    rnd.approved_by_id = actor.id
    rnd.approved_list_id = fixed.id
    rnd.committee_meeting_on = meeting_on
    rnd.committee_meeting = meeting.strip()
    rnd.approval_one_person = one_person
    session.add(rnd)
    if minutes is not None:
        if store_root is None:
            raise ValueError("store_root is needed to keep the minutes")
        add_attachment(
            session,
            actor,
            owner=MINUTES_OWNER,
            owner_id=ident(rnd),
            source=minutes,
            store_root=store_root,
            what="党委会会议纪要",
        )
    log(
        session,
        actor,
        "approve",
        rnd,
        f"审批{label(rnd)}评估结果（{meeting.strip()}，{meeting_on.isoformat()}）：先进党组织"
        f"{len(result.branches)}个、优秀共产党员{len(result.members)}名，评分锁定"
        + ("；一人办公模式，计算与审批为同一人" if one_person else ""),
        new={
            "approved_by": actor.name,
            "digest": fixed.digest,
            "removed": result.removed,
            "kept": result.kept,
            "one_person": one_person,
        },
    )
    return rnd


def approved_ids(session: Session, rnd: Round) -> tuple[set[int], set[int]]:
    """(branch ids, member ids) the committee approved; empty before approval."""
    if rnd.approved_at is None:
        return set(), set()
    result = final_list(session, rnd)
    if result is None:
        return set(), set()
    return {b["id"] for b in result.branches}, {m["id"] for m in result.members}


@dataclass(frozen=True)
class ApprovalRecord:
    """审批记录 as the page shows and prints it."""

    approved_by: str
    approved_at: dt.datetime
    meeting: str
    meeting_on: dt.date | None
    minutes: int
    one_person: bool
    computed_by: str
    branches: list[str]
    members: list[str]
    removed: list[str]
    kept: list[str]
    digest: str
    double_entry: str

    def lines(self) -> list[str]:
        out = [
            f"审批人：{self.approved_by}（{self.approved_at:%Y-%m-%d}）",
            f"镇党委会：{self.meeting}，{self.meeting_on.isoformat() if self.meeting_on else ''}"
            f"，会议纪要{'已附' if self.minutes else '未附'}",
            f"综合评价计算人：{self.computed_by or '—'}",
        ]
        if self.one_person:
            out.append("本办公室为一人办公模式：计算结果与审批为同一人。")
        out.append(self.double_entry)
        out.append("批准先进党组织：" + ("、".join(self.branches) or "无"))
        out.append("批准优秀共产党员：" + ("、".join(self.members) or "无"))
        out.append("公示后变动：" + ("；".join(self.removed + self.kept) or "无"))
        out.append(f"公示名单校验码：{self.digest[:16]}")
        return out


def approval_record(session: Session, first_year: int) -> ApprovalRecord | None:
    rnd = get_round(session, first_year)
    if rnd.approved_at is None:
        return None
    approver = session.get(Operator, rnd.approved_by_id) if rnd.approved_by_id else None
    result = final_list(session, rnd)
    return ApprovalRecord(
        approved_by=approver.name if approver else "",
        approved_at=rnd.approved_at,
        meeting=rnd.committee_meeting,
        meeting_on=rnd.committee_meeting_on,
        minutes=attachment_count(session, MINUTES_OWNER, ident(rnd)),
        one_person=rnd.approval_one_person,
        computed_by=computed_by(session, rnd) or "",
        branches=[b["name"] for b in result.branches] if result else [],
        members=[f"{m['branch']}{m['name']}" for m in result.members] if result else [],
        removed=result.removed if result else [],
        kept=result.kept if result else [],
        digest=result.digest if result else "",
        double_entry=double_entry_note(session, rnd),
    )


def posted_names(session: Session, rnd: Round) -> tuple[list[str], list[tuple[str, str]]] | None:
    """(branch names, (member, branch) pairs) of the 公示 in force, for its notice."""
    announcement = get_announcement(session, rnd)
    if announcement is None or announcement.list_id is None:
        return None
    fixed = session.get(CandidateList, announcement.list_id)
    assert fixed is not None
    snap = list_snapshot(fixed)
    return [b["name"] for b in snap["branches"]], [
        (m["name"], m["branch"]) for m in snap["members"]
    ]


def posted_members(session: Session, first_year: int) -> list[tuple[int, str]]:
    """(member id, "姓名（党组织）") of the 优秀共产党员 on the 公示 in force, for objections."""
    rnd = get_round(session, first_year)
    announcement = get_announcement(session, rnd)
    if announcement is None or announcement.list_id is None:
        return []
    fixed = session.get(CandidateList, announcement.list_id)
    assert fixed is not None
    return [(m["id"], f"{m['name']}（{m['branch']}）") for m in list_snapshot(fixed)["members"]]
