"""命名表彰: 公示 and objections, the committee's approval, honours and recommendations upward.

Order: results computed → 公示 (working days) → every objection handled and the period over →
审批人 approves (scores lock) → honours granted and certificates numbered → 表彰 before 七一.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.domain.eligibility import selection_refusal
from dangjian_desktop.domain.honours import HONOUR_STATE_NAMES, HonourState
from dangjian_desktop.domain.rounds import RoundStatus
from dangjian_desktop.domain.scoring import Grade
from dangjian_desktop.domain.validation import LEVEL_NAMES, BranchLevel
from dangjian_desktop.errors import UserError
from dangjian_desktop.services import evaluation
from dangjian_desktop.services.calendar import work_calendar
from dangjian_desktop.services.common import (
    Actor,
    ensure_writable,
    get_branch,
    get_enrollment,
    get_member,
    get_round,
    label,
    log,
    require_role,
)
from dangjian_desktop.services.enrolment import evaluation_for
from dangjian_desktop.services.evaluation import branch_facts, disagreements
from dangjian_desktop.store.models import (
    Announcement,
    Branch,
    Enrollment,
    Evaluation,
    Honor,
    HonorEvent,
    Member,
    Objection,
    Operator,
    Round,
)

BRANCH_TITLES = {
    BranchLevel.BRANCH.value: "基层党组织建设先进党支部",
    BranchLevel.GENERAL.value: "基层党组织建设先进党总支",
}
MEMBER_TITLE = "优秀共产党员"
LEVELS_UP = ("县", "州", "省")


def ensure_results_current(session: Session, rnd: Round, what: str) -> None:
    """公示 and approval act on the saved 综合评价, which must match the scores as they are now."""
    if evaluation.stored_results(session, rnd) is None:
        raise UserError(f"还没有计算综合评价。请先在“评估材料与评分”里计算综合评价，再{what}。")
    if not evaluation.results_saved(session, rnd, evaluation.preview_results(session, rnd)):
        raise UserError(
            f"评分在上次计算综合评价之后有变动。请先在“评估材料与评分”里重新计算综合评价，再{what}。"
        )


def get_announcement(session: Session, rnd: Round) -> Announcement | None:
    return session.exec(select(Announcement).where(Announcement.round_id == rnd.id)).first()


def start_announcement(
    session: Session, *, actor: Actor, first_year: int, starts_on: dt.date, days: int | None = None
) -> Announcement:
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    if get_announcement(session, rnd) is not None:
        raise UserError(f"{label(rnd)}已经公示过了。")
    if rnd.approved_at is not None:
        raise UserError("评估结果已经审批，不能再发起公示。")
    ensure_results_current(session, rnd, "发起公示")
    unresolved = disagreements(session, rnd)
    if unresolved:
        raise UserError(f"还有{len(unresolved)}处两遍录入不一致的评分，请先核对一致后再公示。")
    days = days or rnd.announcement_days
    if not 1 <= days <= 30:
        raise UserError("公示期应为1到30个工作日。")
    ends_on = work_calendar(session).add_working_days(starts_on, days)
    announcement = Announcement(
        round_id=rnd.id,  # type: ignore[arg-type]
        starts_on=starts_on,
        ends_on=ends_on,
        days=days,
    )
    session.add(announcement)
    session.flush()
    log(
        session,
        actor,
        "announce",
        announcement,
        f"{label(rnd)}评选结果公示：{starts_on.isoformat()}至{ends_on.isoformat()}（{days}个工作日）",
        new={"starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat(), "days": days},
    )
    return announcement


def add_objection(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    received_on: dt.date,
    content: str,
    raised_by: str = "",
    branch_id: int | None = None,
) -> Objection:
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    announcement = get_announcement(session, rnd)
    if announcement is None:
        raise UserError("还没有发起公示，不能登记异议。")
    if not content.strip():
        raise UserError("请写明异议的内容。")
    if received_on < announcement.starts_on:
        raise UserError("异议的收到日期早于公示开始日期，请检查。")
    if branch_id is not None:
        get_branch(session, branch_id)
    objection = Objection(
        announcement_id=announcement.id,  # type: ignore[arg-type]
        received_on=received_on,
        raised_by=raised_by.strip() or "匿名",
        branch_id=branch_id,
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
    objection = session.get(Objection, objection_id)
    if objection is None:
        raise UserError("找不到这条异议。")
    announcement = session.get(Announcement, objection.announcement_id)
    assert announcement is not None
    rnd = session.get(Round, announcement.round_id)
    assert rnd is not None
    ensure_writable(rnd)
    if not handling.strip():
        raise UserError("请写明核查和处理情况。")
    objection.handling = handling.strip()
    objection.upheld = upheld
    objection.handled_on = clock.today()
    objection.handled_by_id = actor.id
    session.add(objection)
    log(
        session,
        actor,
        "handle",
        objection,
        f"处理公示异议：{'异议成立' if upheld else '异议不成立'}",
        new={"handling": handling.strip(), "upheld": upheld},
    )
    return objection


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
        return "评选结果还没有公示。请先在“公示与表彰”里发起公示。"
    if today <= announcement.ends_on:
        return f"公示期到{announcement.ends_on.isoformat()}才结束，期满后才能审批和表彰。"
    open_objections = [o for o in objections(session, rnd) if o.upheld is None]
    if open_objections:
        return f"还有{len(open_objections)}条公示异议没有处理完，处理后才能审批和表彰。"
    return None


def approve_results(session: Session, *, actor: Actor, first_year: int) -> Round:
    """The committee member's approval: results become final and scores lock."""
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    require_role(actor, "approver", "审批评估结果")
    if rnd.approved_at is not None:
        raise UserError(f"{label(rnd)}的评估结果已经审批过了。")
    if blocker := decision_blocker(session, rnd, clock.today()):
        raise UserError(blocker)
    ensure_results_current(session, rnd, "审批")
    rnd.approved_at = clock.now()
    rnd.approved_by_id = actor.id
    session.add(rnd)
    log(
        session,
        actor,
        "approve",
        rnd,
        f"审批{label(rnd)}评估结果，评分锁定",
        new={"approved_by": actor.name},
    )
    return rnd


def unlock_results(session: Session, *, actor: Actor, first_year: int, reason: str) -> Round:
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    require_role(actor, "approver", "撤回审批")
    if rnd.approved_at is None:
        raise UserError("评估结果还没有审批，无需撤回。")
    if len(reason.strip()) < 4:
        raise UserError("撤回审批必须写明原因。")
    old = rnd.approved_at.isoformat()
    rnd.approved_at = None
    rnd.approved_by_id = None
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


def _next_certificate_number(session: Session, rnd: Round, kind: str) -> str:
    """Numbers are never reused: honours are never deleted, so the count only grows."""
    used = session.exec(
        select(func.count()).select_from(Honor).where(Honor.round_id == rnd.id, Honor.kind == kind)
    ).one()
    word = "先" if kind == "branch" else "优"
    return f"{rnd.first_year + 1}{word}字第{used + 1:03d}号"


def _require_decision(session: Session, rnd: Round) -> None:
    ensure_writable(rnd)
    if rnd.approved_at is None:
        raise UserError("评估结果还没有经镇党委审批，不能命名表彰。")


def grant_branch_honour(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    branch_id: int,
    granted_on: dt.date | None = None,
) -> Honor:
    rnd = get_round(session, first_year)
    _require_decision(session, rnd)
    branch = get_branch(session, branch_id)
    evaluation = evaluation_for(session, get_enrollment(session, rnd, branch_id))
    if evaluation.grade != Grade.ADVANCED.value:
        raise UserError(f"{branch.name}的综合评价不是“先进”，不能命名。{evaluation.reason}")
    if _branch_honour(session, rnd, branch_id) is not None:
        raise UserError(f"{branch.name}已经被命名为本年度先进了。")
    if refusal := selection_refusal(branch_facts(session, rnd, branch, True)):
        raise UserError(refusal)
    honour = Honor(
        round_id=rnd.id,  # type: ignore[arg-type]
        kind="branch",
        branch_id=branch_id,
        title=BRANCH_TITLES[branch.level],
        certificate_number=_next_certificate_number(session, rnd, "branch"),
        granted_on=granted_on or clock.today(),
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
    session.add(honour)
    session.flush()
    log(
        session,
        actor,
        "grant",
        honour,
        f"命名{branch.name}为{label(rnd)}“{honour.title}”，证书{honour.certificate_number}",
        new={"title": honour.title, "certificate_number": honour.certificate_number},
    )
    return honour


def _branch_honour(session: Session, rnd: Round, branch_id: int) -> Honor | None:
    return session.exec(
        select(Honor).where(
            Honor.round_id == rnd.id, Honor.branch_id == branch_id, Honor.kind == "branch"
        )
    ).first()


def grant_member_honour(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    member_id: int,
    deeds: str,
    granted_on: dt.date | None = None,
) -> Honor:
    """优秀共产党员: nominated by a branch with deeds text; the member's data is snapshotted."""
    rnd = get_round(session, first_year)
    _require_decision(session, rnd)
    member = get_member(session, member_id)
    branch = get_branch(session, member.branch_id)
    if not deeds.strip():
        raise UserError("请填写优秀共产党员的主要事迹。")
    if member.kind != "正式党员":
        raise UserError(f"{member.name}是预备党员，按规定评选优秀共产党员应为正式党员。")
    existing = session.exec(
        select(Honor).where(Honor.round_id == rnd.id, Honor.member_id == member_id)
    ).first()
    if existing is not None:
        raise UserError(f"{member.name}已经被评为本年度优秀共产党员了。")
    honour = Honor(
        round_id=rnd.id,  # type: ignore[arg-type]
        kind="member",
        branch_id=branch.id,  # type: ignore[arg-type]
        member_id=member_id,
        title=MEMBER_TITLE,
        certificate_number=_next_certificate_number(session, rnd, "member"),
        granted_on=granted_on or clock.today(),
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
    session.add(honour)
    session.flush()
    log(
        session,
        actor,
        "grant",
        honour,
        f"评{branch.name}{member.name}为{label(rnd)}优秀共产党员，证书{honour.certificate_number}",
        new={"member": member.name, "certificate_number": honour.certificate_number},
    )
    return honour


def recommend(
    session: Session, *, actor: Actor, honour_id: int, level: str, on: dt.date | None = None
) -> Honor:
    """Recommend an honoured branch or member upward to 县、州 or 省."""
    honour = session.get(Honor, honour_id)
    if honour is None:
        raise UserError("找不到这项荣誉。")
    rnd = session.get(Round, honour.round_id)
    assert rnd is not None
    ensure_writable(rnd)
    if level not in LEVELS_UP:
        raise UserError("只能向县、州、省推荐。")
    if honour.state == HonourState.REVOKED.value:
        raise UserError("荣誉称号已撤销，不能再向上推荐。")
    old = honour.recommended_to
    honour.recommended_to = level
    honour.recommended_on = on or clock.today()
    session.add(honour)
    log(
        session,
        actor,
        "recommend",
        honour,
        f"{honour_display_name(session, honour)}推荐到{level}",
        old={"recommended_to": old},
        new={"recommended_to": level},
    )
    return honour


def honour_display_name(session: Session, honour: Honor) -> str:
    if honour.kind == "member":
        data = json.loads(honour.snapshot or "{}")
        return f"{data.get('branch', '')}{data.get('name', '')}"
    branch = session.get(Branch, honour.branch_id)
    return branch.name if branch else ""


def honours(session: Session, rnd: Round) -> list[Honor]:
    return list(
        session.exec(
            select(Honor).where(Honor.round_id == rnd.id).order_by(col(Honor.kind), col(Honor.id))
        )
    )


def member_of(session: Session, honour: Honor) -> Member | None:
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


def commendation_state(session: Session, rnd: Round, today: dt.date) -> CommendationState:
    announcement = get_announcement(session, rnd)
    approver = session.get(Operator, rnd.approved_by_id) if rnd.approved_by_id else None
    graded = session.exec(
        select(func.count())
        .select_from(Evaluation)
        .join(Enrollment, col(Enrollment.id) == Evaluation.enrollment_id)
        .where(
            Enrollment.round_id == rnd.id,
            col(Enrollment.withdrawn_at).is_(None),
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


def shortlist(session: Session, rnd: Round) -> list[ShortlistLine]:
    rows = session.exec(
        select(Evaluation, Branch)
        .join(Enrollment, col(Enrollment.id) == Evaluation.enrollment_id)
        .join(Branch, col(Branch.id) == Enrollment.branch_id)
        .where(
            Enrollment.round_id == rnd.id,
            col(Enrollment.withdrawn_at).is_(None),
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


def objection_lines(session: Session, rnd: Round) -> list[ObjectionLine]:
    lines = []
    for objection in objections(session, rnd):
        assert objection.id is not None
        branch = session.get(Branch, objection.branch_id) if objection.branch_id else None
        handler = (
            session.get(Operator, objection.handled_by_id) if objection.handled_by_id else None
        )
        lines.append(
            ObjectionLine(
                id=objection.id,
                received_on=objection.received_on,
                raised_by=objection.raised_by,
                branch_name=branch.name if branch else "",
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


def honour_lines(session: Session, rnd: Round | None = None) -> list[HonourLine]:
    """The honours of one round, or of every round (newest round first) when rnd is None."""
    query = select(Honor, Round).join(Round, col(Round.id) == Honor.round_id)
    if rnd is not None:
        query = query.where(Honor.round_id == rnd.id)
    query = query.order_by(col(Round.first_year).desc(), col(Honor.kind), col(Honor.id))
    deadlines: dict[int, dt.date] = {}
    for event in session.exec(
        select(HonorEvent)
        .where(col(HonorEvent.deadline).is_not(None), col(HonorEvent.honor_id).is_not(None))
        .order_by(col(HonorEvent.id))
    ):
        assert event.honor_id is not None and event.deadline is not None
        deadlines[event.honor_id] = event.deadline
    lines = []
    for honour, honour_round in session.exec(query).all():
        assert honour.id is not None
        data = json.loads(honour.snapshot or "{}")
        branch = session.get(Branch, honour.branch_id)
        branch_name = (data.get("branch") if honour.kind == "member" else data.get("name")) or (
            branch.name if branch else ""
        )
        state = HonourState(honour.state)
        lines.append(
            HonourLine(
                id=honour.id,
                first_year=honour_round.first_year,
                round_label=label(honour_round),
                kind=honour.kind,
                kind_name="优秀共产党员" if honour.kind == "member" else "先进党组织",
                name=data.get("name", "") if honour.kind == "member" else branch_name,
                branch_id=honour.branch_id,
                branch_name=branch_name,
                title=honour.title,
                certificate_number=honour.certificate_number,
                state=state,
                state_name=HONOUR_STATE_NAMES[state],
                granted_on=honour.granted_on,
                recommended_to=honour.recommended_to,
                deadline=deadlines.get(honour.id) if state is HonourState.RECTIFYING else None,
                deeds=honour.deeds,
            )
        )
    return lines
