"""初步确定评估结果: tie decisions at the quota line, 优秀共产党员 nominations, the proposal and
the fixed candidate list (a snapshot with its digest)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.domain.naming import (
    MemberFacts,
    list_digest,
    member_refusal,
    tie_choice_refusal,
    tie_places,
)
from dangjian_desktop.domain.scoring import Grade
from dangjian_desktop.domain.validation import BranchStatus
from dangjian_desktop.errors import UserError
from dangjian_desktop.services import evaluation
from dangjian_desktop.services.common import (
    Actor,
    ensure_writable,
    get_branch,
    get_member,
    get_round,
    ident,
    label,
    log,
)
from dangjian_desktop.services.enrolment import enrolled_branches
from dangjian_desktop.services.naming.checks import ReviewLine, enrolled_names, review_lines
from dangjian_desktop.services.naming.state import current_list, get_announcement, guard_open_list
from dangjian_desktop.store.models import (
    Branch,
    CandidateList,
    Member,
    Nomination,
    Round,
    TieDecision,
)


def record_tie_decision(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    chosen: list[int],
    decided_on: dt.date,
    decided_by: str,
    basis: str = "",
) -> TieDecision:
    """The leading group's decision on which of the branches tied across the quota line stay."""
    rnd = get_round(session, first_year)
    guard_open_list(session, rnd)
    evaluation_current(session, rnd, "记录并列的决定")
    tie = current_tie(session, rnd)
    if tie is None:
        raise UserError("综合评价里没有在名额线上并列的单位，不需要领导小组决定。")
    tied, places = tie
    names = {ident(b): b.name for _e, b in enrolled_branches(session, rnd)}
    if refusal := tie_choice_refusal(tied, chosen, places, names):
        raise UserError(refusal)
    if not decided_by.strip():
        raise UserError("请写明作出决定的会议或领导小组成员。")
    if decided_on > clock.today():
        raise UserError(f"决定日期{decided_on.isoformat()}还没到，请检查。")
    decision = TieDecision(
        round_id=ident(rnd),
        tied=json.dumps(sorted(tied)),
        chosen=json.dumps(sorted(set(chosen))),
        decided_on=decided_on,
        decided_by=decided_by.strip(),
        basis=basis.strip(),
        operator_id=actor.id,
        created_at=clock.now(),
    )
    session.add(decision)
    session.flush()
    kept = "、".join(names[b] for b in sorted(set(chosen))) or "（都不保留）"
    log(
        session,
        actor,
        "decide_tie",
        decision,
        f"{label(rnd)}名额线并列：{'、'.join(names[b] for b in sorted(tied))}，"
        f"领导小组决定保留{kept}（{decision.decided_by}，{decided_on.isoformat()}）",
        new={"tied": sorted(tied), "chosen": sorted(set(chosen)), "basis": decision.basis},
    )
    return decision


def current_tie(session: Session, rnd: Round) -> tuple[list[int], int] | None:
    """(branch ids tied across the quota line, places left for them) in the saved results."""
    return _tie_in(evaluation.stored_results(session, rnd))


def _tie_in(results: evaluation.Results | None) -> tuple[list[int], int] | None:
    if results is None:
        return None
    tied = [ln for ln in results.lines if ln.tie_at_quota]
    if not tied:
        return None
    shared_rank = min(ln.rank or 0 for ln in tied)
    return sorted(ln.branch_id for ln in tied), tie_places(results.quota, shared_rank)


def tie_decision(session: Session, rnd: Round) -> TieDecision | None:
    """The latest decision, if it is about the tie the saved results show now."""
    return _decision_on(session, rnd, current_tie(session, rnd))


def _decision_on(
    session: Session, rnd: Round, tie: tuple[list[int], int] | None
) -> TieDecision | None:
    if tie is None:
        return None
    latest = session.exec(
        select(TieDecision)
        .where(TieDecision.round_id == rnd.id)
        .order_by(col(TieDecision.id).desc())
    ).first()
    if latest is None or json.loads(latest.tied) != tie[0]:
        return None
    return latest


# ------------------------------------------------------------------ 优秀共产党员


def nominate(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    member_id: int,
    deeds: str,
    nominated_on: dt.date,
    discipline: str = "",
) -> Nomination:
    """A branch nominates one of its members; at most the per-branch quota from 设置."""
    rnd = get_round(session, first_year)
    guard_open_list(session, rnd)
    member = get_member(session, member_id)
    branch = get_branch(session, member.branch_id)
    if not deeds.strip():
        raise UserError(f"请填写{member.name}的主要事迹。")
    if nominated_on > clock.today():
        raise UserError(f"提名日期{nominated_on.isoformat()}还没到，请检查。")
    active = _nominations(session, rnd)
    if any(n.member_id == member_id for n in active):
        raise UserError(f"{member.name}已经被提名了。")
    from_branch = [n for n in active if n.branch_id == branch.id]
    if len(from_branch) >= rnd.member_quota_per_branch:
        raise UserError(
            f"{branch.name}已提名{len(from_branch)}名，每个党组织最多提名"
            f"{rnd.member_quota_per_branch}名（在“设置”里可以修改）。"
        )
    nomination = Nomination(
        round_id=ident(rnd),
        member_id=member_id,
        branch_id=ident(branch),
        deeds=deeds.strip(),
        discipline=discipline.strip(),
        nominated_on=nominated_on,
        operator_id=actor.id,
        created_at=clock.now(),
    )
    session.add(nomination)
    session.flush()
    log(
        session,
        actor,
        "nominate",
        nomination,
        f"{branch.name}提名{member.name}为{label(rnd)}优秀共产党员",
        new={"member": member.name, "deeds": nomination.deeds[:60]},
    )
    return nomination


def withdraw_nomination(
    session: Session, *, actor: Actor, nomination_id: int, reason: str
) -> Nomination:
    nomination = session.get(Nomination, nomination_id)
    if nomination is None or nomination.withdrawn_at is not None:
        raise UserError("找不到这条提名，可能已经撤回。")
    rnd = session.get(Round, nomination.round_id)
    assert rnd is not None
    guard_open_list(session, rnd)
    if not reason.strip():
        raise UserError("撤回提名请写明原因。")
    nomination.withdrawn_at = clock.now()
    session.add(nomination)
    member = session.get(Member, nomination.member_id)
    log(
        session,
        actor,
        "withdraw",
        nomination,
        f"撤回{member.name if member else ''}的优秀共产党员提名",
        reason=reason.strip(),
    )
    return nomination


def _nominations(session: Session, rnd: Round) -> list[Nomination]:
    return list(
        session.exec(
            select(Nomination)
            .where(Nomination.round_id == rnd.id, col(Nomination.withdrawn_at).is_(None))
            .order_by(col(Nomination.id))
        )
    )


def member_quota(session: Session, rnd: Round) -> int:
    """Township places for 优秀共产党员: the setting, or as many as branch places."""
    if rnd.member_quota is not None:
        return rnd.member_quota
    return _member_quota(rnd, evaluation.stored_results(session, rnd))


def _member_quota(rnd: Round, results: evaluation.Results | None) -> int:
    if rnd.member_quota is not None:
        return rnd.member_quota
    return results.quota if results else 0


@dataclass(frozen=True)
class NominationLine:
    id: int
    member_id: int
    member_name: str
    branch_id: int
    branch_name: str
    deeds: str
    nominated_on: dt.date
    refusal: str | None

    @property
    def eligibility(self) -> str:
        return "符合条件" if self.refusal is None else self.refusal


def nomination_lines(session: Session, rnd: Round) -> list[NominationLine]:
    return judged_nominations(
        session,
        rnd,
        evaluation.stored_results(session, rnd),
        review_lines(session, rnd, clock.today()),
    )


def judged_nominations(
    session: Session,
    rnd: Round,
    results: evaluation.Results | None,
    reviews: list[ReviewLine],
) -> list[NominationLine]:
    """The nominations with what keeps each one off the list, from the saved `results` and the
    `reviews` of the round: one query for the nominations, their members and branches."""
    grades = {
        ln.branch_id: Grade(ln.grade) if ln.grade else None
        for ln in (results or _no_results()).lines
    }
    enrolled = {line.branch_id for line in reviews}
    failed = {line.branch_id for line in reviews if line.review_passed is False}
    rows = (
        session.connection()
        .execute(
            sa_select(
                col(Nomination.id),
                col(Nomination.member_id),
                col(Nomination.branch_id),
                col(Nomination.deeds),
                col(Nomination.nominated_on),
                col(Nomination.discipline),
                col(Member.name),
                col(Member.kind),
                col(Member.deleted_at),
                col(Member.branch_id),
                col(Branch.name),
                col(Branch.status),
            )
            .join(Member, col(Member.id) == Nomination.member_id)
            .join(Branch, col(Branch.id) == Nomination.branch_id)
            .where(col(Nomination.round_id) == rnd.id, col(Nomination.withdrawn_at).is_(None))
            .order_by(col(Nomination.id))
        )
        .all()
    )
    lines = []
    for (
        nomination_id,
        member_id,
        branch_id,
        deeds,
        nominated_on,
        discipline,
        member_name,
        kind,
        removed_at,
        member_branch,
        branch_name,
        branch_status,
    ) in rows:
        facts = MemberFacts(
            name=member_name,
            kind=kind,
            removed=removed_at is not None,
            branch_name=branch_name,
            branch_enrolled=branch_id in enrolled,
            branch_active=branch_status == BranchStatus.ACTIVE,
            branch_grade=grades.get(branch_id),
            branch_review_failed=branch_id in failed,
            moved_from_nominating_branch=member_branch != branch_id,
            discipline=discipline,
        )
        lines.append(
            NominationLine(
                id=nomination_id or 0,
                member_id=member_id,
                member_name=member_name,
                branch_id=branch_id,
                branch_name=branch_name,
                deeds=deeds,
                nominated_on=nominated_on,
                refusal=member_refusal(facts),
            )
        )
    return lines


def _no_results() -> evaluation.Results:
    return evaluation.Results(lines=[], quota=0, enrolled=0, missing_cells=0, disagreements=0)


# ------------------------------------------------------------------ the proposal and the list


def evaluation_current(session: Session, rnd: Round, what: str) -> None:
    """The list is drawn from the saved 综合评价, which must match the scores as they are now."""
    if evaluation.stored_results(session, rnd) is None:
        raise UserError(f"还没有计算综合评价。请先在“评估材料与评分”里计算综合评价，再{what}。")
    if not evaluation.results_saved(session, rnd, evaluation.preview_results(session, rnd)):
        raise UserError(
            f"评分在上次计算综合评价之后有变动。请先在“评估材料与评分”里重新计算综合评价，再{what}。"
        )


@dataclass(frozen=True)
class ProposedBranch:
    branch_id: int
    name: str
    level: str
    combined: str
    rank: int | None
    note: str  # 名额内 / 并列，领导小组决定保留


@dataclass(frozen=True)
class ProposedMember:
    member_id: int
    name: str
    branch_id: int
    branch_name: str
    nomination_id: int


@dataclass
class Proposal:
    """What the list would be if fixed now, what keeps it from being fixed, and who is left out."""

    branches: list[ProposedBranch] = field(default_factory=list)
    members: list[ProposedMember] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # "某党支部：审验不通过（…）"
    blockers: list[str] = field(default_factory=list)
    quota: int = 0
    member_quota: int = 0

    def snapshot(self, first_year: int) -> dict[str, Any]:
        return {
            "round": first_year,
            "quota": self.quota,
            "member_quota": self.member_quota,
            "branches": [
                {
                    "id": b.branch_id,
                    "name": b.name,
                    "level": b.level,
                    "combined": b.combined,
                    "rank": b.rank,
                }
                for b in self.branches
            ],
            "members": [
                {
                    "id": m.member_id,
                    "name": m.name,
                    "branch_id": m.branch_id,
                    "branch": m.branch_name,
                }
                for m in self.members
            ],
        }


def proposal(session: Session, rnd: Round) -> Proposal:
    results = evaluation.stored_results(session, rnd)
    reviews = review_lines(session, rnd, clock.today())
    return proposal_from(
        session, rnd, results, reviews, judged_nominations(session, rnd, results, reviews)
    )


def proposal_from(
    session: Session,
    rnd: Round,
    results: evaluation.Results | None,
    review_list: list[ReviewLine],
    nominations: list[NominationLine],
) -> Proposal:
    """The proposal from the saved `results`, the round's reviews and its nominations."""
    out = Proposal()
    if results is None:
        out.blockers.append("还没有计算综合评价。")
        return out
    if not evaluation.results_saved(session, rnd, evaluation.preview_results(session, rnd)):
        out.blockers.append("评分在上次计算综合评价之后有变动，请重新计算综合评价。")
    if unresolved := evaluation.disagreements(session, rnd):
        out.blockers.append(f"还有{len(unresolved)}处两遍录入不一致的评分。")
    out.quota = results.quota
    out.member_quota = _member_quota(rnd, results)
    reviews = {ln.branch_id: ln for ln in review_list}
    tie = _tie_in(results)
    decision = _decision_on(session, rnd, tie)
    if tie is not None and decision is None:
        names = "、".join(ln.branch_name for ln in results.lines if ln.tie_at_quota)
        out.blockers.append(f"{names}在名额线上并列（剩{tie[1]}个名额），需先记录领导小组的决定。")
    chosen = set(json.loads(decision.chosen)) if decision else set()
    levels = {branch_id: level for branch_id, _name, level in enrolled_names(session, rnd)}
    for line in results.lines:
        if line.grade != Grade.ADVANCED.value:
            continue
        if line.tie_at_quota and line.branch_id not in chosen:
            if decision is not None:
                out.left_out.append(f"{line.branch_name}：并列，领导小组决定不保留")
            continue
        review = reviews.get(line.branch_id)
        if review is None or review.review_passed is None:
            out.blockers.append(f"{line.branch_name}还没有审验。")
            continue
        if not review.review_passed:
            out.left_out.append(f"{line.branch_name}：审验不通过（{review.review_findings}）")
            continue
        if review.verifications == 0:
            out.blockers.append(f"{line.branch_name}还没有检查核实记录。")
        out.branches.append(
            ProposedBranch(
                branch_id=line.branch_id,
                name=line.branch_name,
                level=levels[line.branch_id],
                combined=str(line.combined),
                rank=line.rank,
                note="并列，领导小组决定保留" if line.tie_at_quota else "名额内",
            )
        )
    for nom in nominations:
        if nom.refusal is not None:
            out.left_out.append(f"{nom.branch_name}{nom.member_name}：{nom.refusal}")
            continue
        out.members.append(
            ProposedMember(nom.member_id, nom.member_name, nom.branch_id, nom.branch_name, nom.id)
        )
    if len(out.members) > out.member_quota:
        out.blockers.append(
            f"符合条件的优秀共产党员提名有{len(out.members)}名，超过全镇名额{out.member_quota}名，"
            "请先撤回多余的提名。"
        )
    if not out.branches and not out.members and not out.blockers:
        out.blockers.append("名单里没有任何先进党组织或优秀共产党员，不能确定名单。")
    return out


def fix_list(session: Session, *, actor: Actor, first_year: int) -> CandidateList:
    """初步确定评估结果: freeze the list of branches and members with a digest."""
    rnd = get_round(session, first_year)
    guard_open_list(session, rnd)
    if rnd.approved_at is not None:
        raise UserError("评估结果已经审批，不能再确定名单。")
    found = proposal(session, rnd)
    if found.blockers:
        raise UserError("名单还不能确定：" + "；".join(found.blockers))
    snap = found.snapshot(rnd.first_year)
    fixed = CandidateList(
        round_id=ident(rnd),
        snapshot=json.dumps(snap, ensure_ascii=False, sort_keys=True),
        digest=list_digest(snap),
        fixed_at=clock.now(),
        fixed_by_id=actor.id,
    )
    session.add(fixed)
    session.flush()
    log(
        session,
        actor,
        "fix_list",
        fixed,
        f"确定{label(rnd)}候选名单：先进党组织{len(found.branches)}个，优秀共产党员"
        f"{len(found.members)}名（校验码{fixed.digest[:12]}）",
        new={"digest": fixed.digest, "left_out": found.left_out},
    )
    return fixed


def reopen_list(session: Session, *, actor: Actor, first_year: int, reason: str) -> CandidateList:
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    fixed = current_list(session, rnd)
    if fixed is None:
        raise UserError("候选名单还没有确定，不用重新打开。")
    if rnd.approved_at is not None:
        raise UserError("评估结果已经审批，不能重新打开名单。")
    if get_announcement(session, rnd) is not None:
        raise UserError("名单正在公示或已公示。要修改名单，请先撤回公示（写明原因）。")
    return reopen(session, actor, rnd, fixed, reason)


def reopen(
    session: Session, actor: Actor, rnd: Round, fixed: CandidateList, reason: str
) -> CandidateList:
    if len(reason.strip()) < 4:
        raise UserError("请写明重新打开名单的原因。")
    fixed.reopened_at = clock.now()
    fixed.reopen_reason = reason.strip()
    session.add(fixed)
    log(
        session, actor, "reopen_list", fixed, f"重新打开{label(rnd)}候选名单", reason=reason.strip()
    )
    return fixed


# ------------------------------------------------------------------ 公示
