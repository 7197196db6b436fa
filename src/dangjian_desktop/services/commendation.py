"""命名表彰: 公示 and objections, the committee's approval, honours and recommendations upward.

Order: results computed → 公示 (working days) → every objection handled and the period over →
审批人 approves (scores lock) → honours granted and certificates numbered → 表彰 before 七一.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.documents.data import BRANCH_TITLE, GENERAL_BRANCH_TITLE, MEMBER_TITLE
from dangjian_desktop.domain.eligibility import selection_refusal
from dangjian_desktop.domain.honours import HONOUR_STATE_NAMES, HonourKind, HonourState
from dangjian_desktop.domain.rounds import RoundStatus
from dangjian_desktop.domain.scoring import Grade
from dangjian_desktop.domain.text import round_label
from dangjian_desktop.domain.validation import LEVEL_NAMES, BranchLevel
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import (
    Actor,
    ensure_writable,
    get_branch,
    get_enrolment,
    get_member,
    get_round,
    label,
    log,
)
from dangjian_desktop.services.evaluation import branch_facts
from dangjian_desktop.services.naming import (
    approved_ids,
    decision_blocker,
    get_announcement,
    objection_to_handle,
    objections,
)
from dangjian_desktop.services.office import require_approver
from dangjian_desktop.store.models import (
    Branch,
    Enrolment,
    Evaluation,
    Honour,
    HonourEvent,
    Member,
    Nomination,
    Objection,
    Operator,
    Recommendation,
    Round,
)

BRANCH_TITLES = {
    BranchLevel.BRANCH.value: BRANCH_TITLE,
    BranchLevel.GENERAL.value: GENERAL_BRANCH_TITLE,
}
LEVELS_UP = ("县", "州", "省")


def add_objection(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    received_on: dt.date,
    content: str,
    raised_by: str = "",
    branch_id: int | None = None,
    member_id: int | None = None,
) -> Objection:
    """An objection names the branch or the 优秀共产党员 it is about (or neither)."""
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    announcement = get_announcement(session, rnd)
    if announcement is None:
        raise UserError("还没有发起公示，不能登记异议。")
    if not content.strip():
        raise UserError("请写明异议的内容。")
    if received_on < announcement.starts_on:
        raise UserError("异议的收到日期早于公示开始日期，请检查。")
    if rnd.approved_at is not None:
        raise UserError("评估结果已经审批，不能再登记公示异议。")
    if member_id is not None:
        branch_id = get_member(session, member_id).branch_id
    if branch_id is not None:
        get_branch(session, branch_id)
    objection = Objection(
        announcement_id=announcement.id,  # type: ignore[arg-type]
        received_on=received_on,
        raised_by=raised_by.strip() or "匿名",
        branch_id=branch_id,
        member_id=member_id,
        content=content.strip(),
    )
    session.add(objection)
    session.flush()
    late = "（公示期满后收到）" if received_on > announcement.ends_on else ""
    log(
        session,
        actor,
        "object",
        objection,
        f"登记公示异议{late}：{content.strip()[:30]}",
        new={"content": content.strip()},
    )
    return objection


def handle_objection(
    session: Session, *, actor: Actor, objection_id: int, handling: str, upheld: bool
) -> Objection:
    objection = objection_to_handle(session, objection_id)
    if not handling.strip():
        raise UserError("请写明核查和处理情况。")
    objection.handling = handling.strip()
    objection.upheld = upheld
    if not upheld:
        objection.keep_decision = ""
    objection.handled_on = clock.today()
    objection.handled_by_id = actor.id
    session.add(objection)
    log(
        session,
        actor,
        "handle",
        objection,
        f"处理公示异议：{'异议成立，从名单中去掉（除非领导小组决定保留）' if upheld else '异议不成立'}",
        new={"handling": handling.strip(), "upheld": upheld},
    )
    return objection


def unlock_results(session: Session, *, actor: Actor, first_year: int, reason: str) -> Round:
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    require_approver(session, actor, "撤回审批")
    if rnd.approved_at is None:
        raise UserError("评估结果还没有审批，无需撤回。")
    if len(reason.strip()) < 4:
        raise UserError("撤回审批必须写明原因。")
    old = rnd.approved_at.isoformat()
    rnd.approved_at = None
    rnd.approved_by_id = None
    rnd.approved_list_id = None
    rnd.approval_one_person = False
    session.add(rnd)
    log(
        session,
        actor,
        "unapprove",
        rnd,
        f"撤回{label(rnd)}评估结果的审批",
        old={"approved_at": old},
        reason=reason,
    )
    return rnd


def _next_certificate_number(session: Session, rnd: Round, kind: HonourKind) -> str:
    """Numbers are never reused: honours are never deleted, so the count only grows."""
    used = session.exec(
        select(func.count())
        .select_from(Honour)
        .where(Honour.round_id == rnd.id, Honour.kind == kind)
    ).one()
    word = "先" if kind == HonourKind.BRANCH else "优"
    return f"{rnd.first_year + 1}{word}字第{used + 1:03d}号"


def _require_decision(session: Session, rnd: Round) -> None:
    ensure_writable(rnd)
    if rnd.approved_at is None:
        raise UserError("评估结果还没有经镇党委审批，不能命名表彰。")


def _grant_day(rnd: Round, granted_on: dt.date | None) -> dt.date:
    day = granted_on or clock.today()
    if rnd.committee_meeting_on is not None and day < rnd.committee_meeting_on:
        raise UserError(
            f"表彰日期{day.isoformat()}早于镇党委会审批的日子"
            f"（{rnd.committee_meeting_on.isoformat()}），请检查。"
        )
    return day


def grant_branch_honour(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    branch_id: int,
    granted_on: dt.date | None = None,
) -> Honour:
    rnd = get_round(session, first_year)
    _require_decision(session, rnd)
    branch = get_branch(session, branch_id)
    get_enrolment(session, rnd, branch_id)
    if branch_id not in approved_ids(session, rnd)[0]:
        raise UserError(
            f"{branch.name}不在镇党委审批的名单上（公示名单去掉异议成立的），不能命名为先进。"
        )
    if _branch_honour(session, rnd, branch_id) is not None:
        raise UserError(f"{branch.name}已经被命名为本年度先进了。")
    if refusal := selection_refusal(branch_facts(session, rnd, branch, True)):
        raise UserError(refusal)
    honour = Honour(
        round_id=rnd.id,  # type: ignore[arg-type]
        kind=HonourKind.BRANCH,
        branch_id=branch_id,
        title=BRANCH_TITLES[branch.level],
        certificate_number=_next_certificate_number(session, rnd, HonourKind.BRANCH),
        granted_on=_grant_day(rnd, granted_on),
        snapshot=json.dumps(
            {
                "name": branch.name,
                "level": branch.level,
                "sector": branch.sector,
                "secretary": branch.secretary,
            },
            ensure_ascii=False,
        ),
    )
    return _record_grant(
        session,
        actor,
        honour,
        f"命名{branch.name}为{label(rnd)}“{honour.title}”，证书{honour.certificate_number}",
        {"title": honour.title},
    )


def _record_grant(
    session: Session, actor: Actor, honour: Honour, summary: str, new: dict[str, str]
) -> Honour:
    """Store a new honour and write its 授予 audit entry (the certificate number always in it)."""
    session.add(honour)
    session.flush()
    log(
        session,
        actor,
        "grant",
        honour,
        summary,
        new={**new, "certificate_number": honour.certificate_number},
    )
    return honour


def _branch_honour(session: Session, rnd: Round, branch_id: int) -> Honour | None:
    return session.exec(
        select(Honour).where(
            Honour.round_id == rnd.id,
            Honour.branch_id == branch_id,
            Honour.kind == HonourKind.BRANCH,
        )
    ).first()


def grant_member_honour(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    member_id: int,
    deeds: str = "",
    granted_on: dt.date | None = None,
) -> Honour:
    """优秀共产党员: nominated by a branch with deeds text; the member's data is snapshotted."""
    rnd = get_round(session, first_year)
    _require_decision(session, rnd)
    member = get_member(session, member_id)
    branch = get_branch(session, member.branch_id)
    if member_id not in approved_ids(session, rnd)[1]:
        raise UserError(f"{member.name}不在镇党委审批的优秀共产党员名单上，不能表彰。")
    if not deeds.strip():
        nomination = session.exec(
            select(Nomination).where(
                Nomination.round_id == rnd.id,
                Nomination.member_id == member_id,
                col(Nomination.withdrawn_at).is_(None),
            )
        ).first()
        deeds = nomination.deeds if nomination else ""
    if not deeds.strip():
        raise UserError("请填写优秀共产党员的主要事迹。")
    existing = session.exec(
        select(Honour).where(Honour.round_id == rnd.id, Honour.member_id == member_id)
    ).first()
    if existing is not None:
        raise UserError(f"{member.name}已经被评为本年度优秀共产党员了。")
    honour = Honour(
        round_id=rnd.id,  # type: ignore[arg-type]
        kind=HonourKind.MEMBER,
        branch_id=branch.id,  # type: ignore[arg-type]
        member_id=member_id,
        title=MEMBER_TITLE,
        certificate_number=_next_certificate_number(session, rnd, HonourKind.MEMBER),
        granted_on=_grant_day(rnd, granted_on),
        deeds=deeds.strip(),
        snapshot=json.dumps(
            {
                "name": member.name,
                "gender": member.gender,
                "ethnicity": member.ethnicity,
                "birth_date": member.birth_date.isoformat() if member.birth_date else None,
                "joined_on": member.joined_on.isoformat() if member.joined_on else None,
                "post": member.post,
                "branch": branch.name,
            },
            ensure_ascii=False,
        ),
    )
    return _record_grant(
        session,
        actor,
        honour,
        f"评{branch.name}{member.name}为{label(rnd)}优秀共产党员，证书{honour.certificate_number}",
        {"member": member.name},
    )


def recommend(
    session: Session, *, actor: Actor, honour_id: int, level: str, on: dt.date | None = None
) -> Honour:
    """Recommend an honoured branch or member upward to 县、州 or 省, each level kept on its own.

    Allowed after the round closes: the county often asks for names months later.
    """
    honour = session.get(Honour, honour_id)
    if honour is None:
        raise UserError("找不到这项荣誉。")
    if level not in LEVELS_UP:
        raise UserError("只能向县、州、省推荐。")
    if honour.state == HonourState.REVOKED.value:
        raise UserError("荣誉称号已撤销，不能再向上推荐。")
    day = on or clock.today()
    if day < honour.granted_on:
        raise UserError(
            f"推荐日期{day.isoformat()}早于命名的日子（{honour.granted_on.isoformat()}），请检查。"
        )
    levels = recommended_levels(session, honour_id)
    if level in levels:
        raise UserError(f"{honour_display_name(session, honour)}已经推荐到{level}了。")
    row = Recommendation(
        honor_id=honour_id,
        level=level,
        recommended_on=day,
        operator_id=actor.id,
        created_at=clock.now(),
    )
    session.add(row)
    old = honour.recommended_to
    # The honour row keeps the latest level (the 推荐表 prints it); every level has its own row.
    honour.recommended_to = level
    honour.recommended_on = day
    session.add(honour)
    log(
        session,
        actor,
        "recommend",
        honour,
        f"{honour_display_name(session, honour)}推荐到{level}",
        old={"recommended_to": old},
        new={"recommended_to": level, "levels": sorted({*levels, level}), "on": day.isoformat()},
    )
    return honour


def recommended_levels(session: Session, honour_id: int) -> dict[str, dt.date]:
    return {
        row.level: row.recommended_on
        for row in session.exec(select(Recommendation).where(Recommendation.honor_id == honour_id))
    }


def members_to_commend(session: Session, first_year: int) -> list[int]:
    """Ids of the 优秀共产党员 on the approved list who have no certificate yet."""
    rnd = get_round(session, first_year)
    done = {h.member_id for h in honours(session, rnd)}
    return sorted(approved_ids(session, rnd)[1] - done)


def honour_display_name(session: Session, honour: Honour) -> str:
    if honour.kind == HonourKind.MEMBER:
        data = json.loads(honour.snapshot or "{}")
        return f"{data.get('branch', '')}{data.get('name', '')}"
    branch = session.get(Branch, honour.branch_id)
    return branch.name if branch else ""


def honours(session: Session, rnd: Round) -> list[Honour]:
    return list(
        session.exec(
            select(Honour)
            .where(Honour.round_id == rnd.id)
            .order_by(col(Honour.kind), col(Honour.id))
        )
    )


def member_of(session: Session, honour: Honour) -> Member | None:
    return session.get(Member, honour.member_id) if honour.member_id else None


# ------------------------------------------------------------------ read helpers for the window


@dataclass(frozen=True)
class CommendationState:
    """Where the round stands between results and commendation, as the page shows it."""

    computed: bool
    writable: bool
    starts_on: dt.date | None
    ends_on: dt.date | None
    days: int | None
    announcement_over: bool
    open_objections: int
    approved_at: dt.datetime | None
    approved_by: str
    blocker: str | None


def commendation_state(session: Session, first_year: int, today: dt.date) -> CommendationState:
    rnd = get_round(session, first_year)
    announcement = get_announcement(session, rnd)
    approver = session.get(Operator, rnd.approved_by_id) if rnd.approved_by_id else None
    graded = session.exec(
        select(func.count())
        .select_from(Evaluation)
        .join(Enrolment, col(Enrolment.id) == Evaluation.enrollment_id)
        .where(
            Enrolment.round_id == rnd.id,
            col(Enrolment.withdrawn_at).is_(None),
            col(Evaluation.grade).is_not(None),
        )
    ).one()
    return CommendationState(
        computed=graded > 0,
        writable=rnd.status == RoundStatus.OPEN.value,
        starts_on=announcement.starts_on if announcement else None,
        ends_on=announcement.ends_on if announcement else None,
        days=announcement.days if announcement else None,
        announcement_over=announcement is not None and today > announcement.ends_on,
        open_objections=sum(1 for o in objections(session, rnd) if o.upheld is None),
        approved_at=rnd.approved_at,
        approved_by=approver.name if approver else "",
        blocker=None if rnd.approved_at else decision_blocker(session, rnd, today),
    )


@dataclass(frozen=True)
class ShortlistLine:
    """One branch of the preliminary list (综合评价 grade 先进), as stored by compute_results."""

    branch_id: int
    branch_name: str
    level_name: str
    sector: str
    combined: Decimal | None
    rank: int | None
    tie_at_quota: bool
    honour_id: int | None
    certificate_number: str


def shortlist(session: Session, first_year: int) -> list[ShortlistLine]:
    rnd = get_round(session, first_year)
    rows = session.exec(
        select(Evaluation, Branch)
        .join(Enrolment, col(Enrolment.id) == Evaluation.enrollment_id)
        .join(Branch, col(Branch.id) == Enrolment.branch_id)
        .where(
            Enrolment.round_id == rnd.id,
            col(Enrolment.withdrawn_at).is_(None),
            Evaluation.grade == Grade.ADVANCED.value,
        )
    ).all()
    lines = []
    for saved, branch in rows:
        assert branch.id is not None
        honour = _branch_honour(session, rnd, branch.id)
        lines.append(
            ShortlistLine(
                branch_id=branch.id,
                branch_name=branch.name,
                level_name=LEVEL_NAMES.get(BranchLevel(branch.level), branch.level),
                sector=branch.sector,
                combined=saved.combined,
                rank=saved.rank,
                tie_at_quota=saved.tie_at_quota,
                honour_id=honour.id if honour else None,
                certificate_number=honour.certificate_number if honour else "",
            )
        )
    return sorted(lines, key=lambda line: (line.rank is None, line.rank or 0, line.branch_name))


@dataclass(frozen=True)
class ObjectionLine:
    id: int
    received_on: dt.date
    raised_by: str
    branch_name: str
    content: str
    handling: str
    upheld: bool | None
    handled_on: dt.date | None
    handled_by: str

    @property
    def conclusion(self) -> str:
        if self.upheld is None:
            return "未处理"
        return "成立" if self.upheld else "不成立"


def objection_lines(session: Session, first_year: int) -> list[ObjectionLine]:
    rnd = get_round(session, first_year)
    lines = []
    for objection in objections(session, rnd):
        assert objection.id is not None
        branch = session.get(Branch, objection.branch_id) if objection.branch_id else None
        member = session.get(Member, objection.member_id) if objection.member_id else None
        handler = (
            session.get(Operator, objection.handled_by_id) if objection.handled_by_id else None
        )
        lines.append(
            ObjectionLine(
                id=objection.id,
                received_on=objection.received_on,
                raised_by=objection.raised_by,
                branch_name=(branch.name if branch else "")
                + (f" · 优秀共产党员{member.name}" if member else ""),
                content=objection.content,
                handling=objection.handling,
                upheld=objection.upheld,
                handled_on=objection.handled_on,
                handled_by=handler.name if handler else "",
            )
        )
    return lines


@dataclass(frozen=True)
class HonourLine:
    """One honour as lists show it; `name` is the branch or the member as snapshotted."""

    id: int
    first_year: int
    round_label: str
    kind: str
    kind_name: str
    name: str
    branch_id: int
    branch_name: str
    title: str
    certificate_number: str
    state: HonourState
    state_name: str
    granted_on: dt.date
    recommended_to: str
    deadline: dt.date | None
    deeds: str


def honour_lines(session: Session, first_year: int | None = None) -> list[HonourLine]:
    """The honours of one round, or of every round (newest round first) when rnd is None.

    Plain columns only: a join that loaded `Round` objects brought each round's work summary
    (tens of kilobytes) along once per honour, hundreds of megabytes at county scale."""
    rnd_id = None if first_year is None else get_round(session, first_year).id
    query = (
        sa_select(
            col(Honour.id),
            col(Round.first_year),
            col(Honour.kind),
            col(Honour.branch_id),
            col(Honour.title),
            col(Honour.certificate_number),
            col(Honour.state),
            col(Honour.granted_on),
            col(Honour.deeds),
            col(Honour.snapshot),
        )
        .join(Round, col(Round.id) == Honour.round_id)
        .order_by(col(Round.first_year).desc(), col(Honour.kind), col(Honour.id))
    )
    if rnd_id is not None:
        query = query.where(col(Honour.round_id) == rnd_id)
    deadlines: dict[int, dt.date] = {}
    for honor_id, deadline in session.execute(
        sa_select(col(HonourEvent.honor_id), col(HonourEvent.deadline))
        .where(col(HonourEvent.deadline).is_not(None), col(HonourEvent.honor_id).is_not(None))
        .order_by(col(HonourEvent.id))
    ):
        assert honor_id is not None and deadline is not None
        deadlines[honor_id] = deadline
    levels: dict[int, set[str]] = {}
    for honor_id, level in session.exec(select(Recommendation.honor_id, Recommendation.level)):
        levels.setdefault(honor_id, set()).add(level)
    rows = session.connection().execute(query).all()
    # every branch named once, in one query (not one lookup per honour)
    wanted = {row[3] for row in rows}
    branch_names: dict[int, str] = {
        branch_id: name
        for branch_id, name in session.exec(
            select(Branch.id, Branch.name).where(col(Branch.id).in_(wanted))
        )
        if branch_id is not None
    }
    return [_honour_line(row, branch_names, deadlines, levels) for row in rows]


def _honour_line(
    row: tuple[Any, ...],
    branch_names: dict[int, str],
    deadlines: dict[int, dt.date],
    levels: dict[int, set[str]],
) -> HonourLine:
    (honour_id, year, kind, branch_id, title, number, state_value, granted_on, deeds, snap) = row
    data = json.loads(snap or "{}")
    member = kind == HonourKind.MEMBER
    branch_name = (data.get("branch") if member else data.get("name")) or branch_names.get(
        branch_id, ""
    )
    state = HonourState(state_value)
    return HonourLine(
        id=honour_id,
        first_year=year,
        round_label=round_label(year),
        kind=kind,
        kind_name="优秀共产党员" if member else "先进党组织",
        name=data.get("name", "") if member else branch_name,
        branch_id=branch_id,
        branch_name=branch_name,
        title=title,
        certificate_number=number,
        state=state,
        state_name=HONOUR_STATE_NAMES[state],
        granted_on=granted_on,
        recommended_to="、".join(lv for lv in LEVELS_UP if lv in levels.get(honour_id, ())),
        deadline=deadlines.get(honour_id) if state is HonourState.RECTIFYING else None,
        deeds=deeds,
    )
