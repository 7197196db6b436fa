"""命名表彰 as DESIGN.md §2a has it: 审验 → 检查核实 → 初步确定评估结果 (a fixed list of branches
and 优秀共产党员, ties decided by the leading group) → 公示 of exactly that list → 报镇党委审批 of
the posted list less upheld objections.

Everything here changes data only through these functions, each with its audit entry.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.domain.naming import (
    MemberFacts,
    ObjectionOutcome,
    list_digest,
    member_refusal,
    removed_by_objections,
    tie_choice_refusal,
    tie_places,
)
from dangjian_desktop.domain.scoring import Grade
from dangjian_desktop.errors import UserError
from dangjian_desktop.services import evaluation
from dangjian_desktop.services.calendar import work_calendar
from dangjian_desktop.services.common import (
    Actor,
    ensure_writable,
    find_enrollment,
    get_branch,
    get_member,
    get_round,
    ident,
    label,
    log,
)
from dangjian_desktop.services.enrolment import enrolled_branches
from dangjian_desktop.services.office import (
    double_entry_note,
    office_rules,
    require_approver,
)
from dangjian_desktop.services.submissions import submission_facts
from dangjian_desktop.store import attachments as attachment_store
from dangjian_desktop.store.models import (
    Announcement,
    Attachment,
    AuditEntry,
    Branch,
    CandidateList,
    Member,
    NamingCheck,
    Nomination,
    Objection,
    Operator,
    Round,
    TieDecision,
)

REVIEW = "review"  # 审验
VERIFY = "verify"  # 检查核实
CHECK_OWNER = "naming_check"
MINUTES_OWNER = "committee_minutes"


def computed_by(session: Session, rnd: Round) -> str | None:
    """Who last computed the 综合评价 (from the audit log, which no one can edit)."""
    return session.exec(
        select(AuditEntry.operator)
        .where(
            AuditEntry.action == "compute",
            AuditEntry.object_type == "round",
            AuditEntry.object_id == rnd.id,
        )
        .order_by(col(AuditEntry.id).desc())
    ).first()


# ------------------------------------------------------------------ 审验 and 检查核实


def _guard_open_list(session: Session, rnd: Round) -> None:
    ensure_writable(rnd)
    if current_list(session, rnd) is not None:
        raise UserError("候选名单已经确定。要修改，请先在“公示与表彰”里重新打开名单（写明原因）。")


def record_review(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    branch_id: int,
    passed: bool,
    checked_by: str,
    checked_on: dt.date,
    findings: str = "",
) -> NamingCheck:
    """审验: the leading group's 通过 / 不通过 for one enrolled branch. A later one replaces it."""
    return _record_check(
        session,
        actor=actor,
        first_year=first_year,
        branch_id=branch_id,
        step=REVIEW,
        passed=passed,
        checked_by=checked_by,
        checked_on=checked_on,
        findings=findings,
    )


def record_verification(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    branch_id: int,
    checked_by: str,
    checked_on: dt.date,
    findings: str,
) -> NamingCheck:
    """检查核实: an on-site check of one branch (date, who, findings)."""
    return _record_check(
        session,
        actor=actor,
        first_year=first_year,
        branch_id=branch_id,
        step=VERIFY,
        passed=None,
        checked_by=checked_by,
        checked_on=checked_on,
        findings=findings,
    )


def _record_check(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    branch_id: int,
    step: str,
    passed: bool | None,
    checked_by: str,
    checked_on: dt.date,
    findings: str,
) -> NamingCheck:
    rnd = get_round(session, first_year)
    _guard_open_list(session, rnd)
    branch = get_branch(session, branch_id)
    if find_enrollment(session, rnd, branch_id) is None:
        raise UserError(f"{branch.name}没有申报{label(rnd)}的创建活动，不用审验。")
    what = "审验" if step == REVIEW else "检查核实"
    if not checked_by.strip():
        raise UserError(f"请写明由谁{what}（领导小组成员姓名）。")
    if checked_on > clock.today():
        raise UserError(f"{what}日期{checked_on.isoformat()}还没到，请检查。")
    if checked_on < rnd.opens:
        raise UserError(f"{what}日期早于{label(rnd)}开始的日子，请检查。")
    if step == REVIEW and not passed and not findings.strip():
        raise UserError("审验不通过时，请写明原因（例如缺哪些材料）。")
    if step == VERIFY and not findings.strip():
        raise UserError("请写明检查核实的情况。")
    check = NamingCheck(
        round_id=ident(rnd),
        branch_id=branch_id,
        step=step,
        passed=passed,
        findings=findings.strip(),
        checked_by=checked_by.strip(),
        checked_on=checked_on,
        operator_id=actor.id,
        created_at=clock.now(),
    )
    session.add(check)
    session.flush()
    outcome = "" if passed is None else ("：通过" if passed else "：不通过")
    log(
        session,
        actor,
        step,
        check,
        f"{branch.name}{what}{outcome}（{check.checked_by}，{checked_on.isoformat()}）",
        new={"passed": passed, "findings": check.findings, "checked_by": check.checked_by},
    )
    return check


def attach_check_file(
    session: Session, *, actor: Actor, check_id: int, source: Path, store_root: Path
) -> Attachment:
    check = session.get(NamingCheck, check_id)
    if check is None or check.deleted_at is not None:
        raise UserError("找不到这条审验或检查核实记录。")
    rnd = session.get(Round, check.round_id)
    assert rnd is not None
    ensure_writable(rnd)
    return _attach(session, actor, CHECK_OWNER, check_id, source, store_root, "检查核实记录")


def _attach(
    session: Session,
    actor: Actor,
    owner: str,
    owner_id: int,
    source: Path,
    store_root: Path,
    what: str,
) -> Attachment:
    sha, size = attachment_store.store_file(store_root, source)
    attachment = Attachment(
        owner_type=owner,
        owner_id=owner_id,
        sha256=sha,
        original_name=source.name,
        size=size,
        added_at=clock.now(),
    )
    session.add(attachment)
    session.flush()
    log(
        session,
        actor,
        "attach",
        attachment,
        f"{what}附加文件{source.name}",
        new={"sha256": sha, "size": size, "name": source.name},
    )
    return attachment


def _attachment_count(session: Session, owner: str, owner_id: int) -> int:
    return len(
        session.exec(
            select(Attachment.id).where(
                Attachment.owner_type == owner,
                Attachment.owner_id == owner_id,
                col(Attachment.deleted_at).is_(None),
            )
        ).all()
    )


@dataclass(frozen=True)
class ReviewLine:
    """One enrolled branch in the 审验 / 检查核实 table."""

    branch_id: int
    branch_name: str
    missing: list[str]
    late: list[str]
    review: str  # 未审验 | 通过 | 不通过
    review_passed: bool | None
    reviewed_by: str
    reviewed_on: dt.date | None
    review_findings: str
    verifications: int
    last_verified_on: dt.date | None
    attachments: int

    @property
    def handed_in_text(self) -> str:
        return "；".join(self.missing + self.late) or "齐全，均按时报送"


def review_lines(session: Session, rnd: Round, today: dt.date) -> list[ReviewLine]:
    handed = submission_facts(session, rnd, today)
    checks = session.exec(
        select(NamingCheck)
        .where(NamingCheck.round_id == rnd.id, col(NamingCheck.deleted_at).is_(None))
        .order_by(col(NamingCheck.id))
    ).all()
    lines = []
    for _enrollment, branch in enrolled_branches(session, rnd):
        branch_id = ident(branch)
        _name, missing, late = handed[branch_id]
        own = [c for c in checks if c.branch_id == branch_id]
        reviews = [c for c in own if c.step == REVIEW]
        verifications = [c for c in own if c.step == VERIFY]
        last = reviews[-1] if reviews else None
        lines.append(
            ReviewLine(
                branch_id=branch_id,
                branch_name=branch.name,
                missing=missing,
                late=late,
                review="未审验" if last is None else ("通过" if last.passed else "不通过"),
                review_passed=None if last is None else bool(last.passed),
                reviewed_by=last.checked_by if last else "",
                reviewed_on=last.checked_on if last else None,
                review_findings=last.findings if last else "",
                verifications=len(verifications),
                last_verified_on=verifications[-1].checked_on if verifications else None,
                attachments=sum(_attachment_count(session, CHECK_OWNER, ident(c)) for c in own),
            )
        )
    return lines


# ------------------------------------------------------------------ ties


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
    _guard_open_list(session, rnd)
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
    results = evaluation.stored_results(session, rnd)
    if results is None:
        return None
    tied = [ln for ln in results.lines if ln.tie_at_quota]
    if not tied:
        return None
    shared_rank = min(ln.rank or 0 for ln in tied)
    return sorted(ln.branch_id for ln in tied), tie_places(results.quota, shared_rank)


def tie_decision(session: Session, rnd: Round) -> TieDecision | None:
    """The latest decision, if it is about the tie the saved results show now."""
    tie = current_tie(session, rnd)
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
    _guard_open_list(session, rnd)
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
    _guard_open_list(session, rnd)
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
    results = evaluation.stored_results(session, rnd)
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
    grades = {
        ln.branch_id: Grade(ln.grade) if ln.grade else None
        for ln in (evaluation.stored_results(session, rnd) or _no_results()).lines
    }
    enrolled = {ident(b) for _e, b in enrolled_branches(session, rnd)}
    failed = {
        ln.branch_id
        for ln in review_lines(session, rnd, clock.today())
        if ln.review_passed is False
    }
    lines = []
    for nomination in _nominations(session, rnd):
        member = session.get(Member, nomination.member_id)
        branch = session.get(Branch, nomination.branch_id)
        assert member is not None and branch is not None
        facts = MemberFacts(
            name=member.name,
            kind=member.kind,
            removed=member.deleted_at is not None,
            branch_name=branch.name,
            branch_enrolled=ident(branch) in enrolled,
            branch_active=branch.status == "active",
            branch_grade=grades.get(ident(branch)),
            branch_review_failed=ident(branch) in failed,
            moved_from_nominating_branch=member.branch_id != nomination.branch_id,
            discipline=nomination.discipline,
        )
        lines.append(
            NominationLine(
                id=ident(nomination),
                member_id=nomination.member_id,
                member_name=member.name,
                branch_id=nomination.branch_id,
                branch_name=branch.name,
                deeds=nomination.deeds,
                nominated_on=nomination.nominated_on,
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
    out = Proposal()
    results = evaluation.stored_results(session, rnd)
    if results is None:
        out.blockers.append("还没有计算综合评价。")
        return out
    if not evaluation.results_saved(session, rnd, evaluation.preview_results(session, rnd)):
        out.blockers.append("评分在上次计算综合评价之后有变动，请重新计算综合评价。")
    if unresolved := evaluation.disagreements(session, rnd):
        out.blockers.append(f"还有{len(unresolved)}处两遍录入不一致的评分。")
    out.quota = results.quota
    out.member_quota = member_quota(session, rnd)
    reviews = {ln.branch_id: ln for ln in review_lines(session, rnd, clock.today())}
    decision = tie_decision(session, rnd)
    tie = current_tie(session, rnd)
    if tie is not None and decision is None:
        names = "、".join(ln.branch_name for ln in results.lines if ln.tie_at_quota)
        out.blockers.append(f"{names}在名额线上并列（剩{tie[1]}个名额），需先记录领导小组的决定。")
    chosen = set(json.loads(decision.chosen)) if decision else set()
    branches = {ident(b): b for _e, b in enrolled_branches(session, rnd)}
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
                level=branches[line.branch_id].level,
                combined=str(line.combined),
                rank=line.rank,
                note="并列，领导小组决定保留" if line.tie_at_quota else "名额内",
            )
        )
    for nom in nomination_lines(session, rnd):
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


def current_list(session: Session, rnd: Round) -> CandidateList | None:
    return session.exec(
        select(CandidateList)
        .where(CandidateList.round_id == rnd.id, col(CandidateList.reopened_at).is_(None))
        .order_by(col(CandidateList.id).desc())
    ).first()


def fix_list(session: Session, *, actor: Actor, first_year: int) -> CandidateList:
    """初步确定评估结果: freeze the list of branches and members with a digest."""
    rnd = get_round(session, first_year)
    _guard_open_list(session, rnd)
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
    return _reopen(session, actor, rnd, fixed, reason)


def _reopen(
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


def list_snapshot(fixed: CandidateList) -> dict[str, Any]:
    snap: dict[str, Any] = json.loads(fixed.snapshot)
    if list_digest(snap) != fixed.digest:
        raise UserError("候选名单的校验码对不上，名单可能被改动过。请在“设置”里运行数据检查。")
    return snap


# ------------------------------------------------------------------ 公示


def get_announcement(session: Session, rnd: Round) -> Announcement | None:
    """The 公示 in force (a withdrawn one stays on record but does not count)."""
    return session.exec(
        select(Announcement).where(
            Announcement.round_id == rnd.id, col(Announcement.withdrawn_at).is_(None)
        )
    ).first()


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
    if _proposal_ids(proposal(session, rnd)) != _snapshot_ids(snap):
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
        _reopen(session, actor, rnd, fixed, f"公示撤回：{reason.strip()}")
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


def keep_despite_objection(
    session: Session, *, actor: Actor, objection_id: int, decision: str
) -> Objection:
    """异议成立 but the leading group decided to keep the candidate: the decision is recorded."""
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


def _proposal_ids(found: Proposal) -> tuple[list[int], list[int]]:
    return [b.branch_id for b in found.branches], [m.member_id for m in found.members]


def _snapshot_ids(snap: dict[str, Any]) -> tuple[list[int], list[int]]:
    return [b["id"] for b in snap["branches"]], [m["id"] for m in snap["members"]]


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
    announcement = get_announcement(session, rnd)
    assert announcement is not None
    fixed = current_list(session, rnd)
    if fixed is None or announcement.list_id != fixed.id:
        raise UserError(
            "公示的名单已不是当前确定的名单。请撤回公示、重新确定名单并重新公示后再审批。"
        )
    posted = list_snapshot(fixed)
    if _proposal_ids(proposal(session, rnd)) != _snapshot_ids(posted):
        raise UserError(
            "公示后评分或提名有变动，现在的结果与公示的名单不一致。"
            "请撤回公示、重新确定名单并重新公示后再审批。"
        )
    one_person = False
    computer = computed_by(session, rnd)
    if computer is not None and computer == actor.name:
        if not office_rules(session).one_person:
            raise UserError(
                f"综合评价是{actor.name}计算的，按分工不能由本人审批。请由另一名审批人审批；"
                "只有一人的办公室可在“设置”里打开一人办公模式（审批记录上会注明）。"
            )
        one_person = True
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
        _attach(session, actor, MINUTES_OWNER, ident(rnd), minutes, store_root, "党委会会议纪要")
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


def approval_record(session: Session, rnd: Round) -> ApprovalRecord | None:
    if rnd.approved_at is None:
        return None
    approver = session.get(Operator, rnd.approved_by_id) if rnd.approved_by_id else None
    result = final_list(session, rnd)
    return ApprovalRecord(
        approved_by=approver.name if approver else "",
        approved_at=rnd.approved_at,
        meeting=rnd.committee_meeting,
        meeting_on=rnd.committee_meeting_on,
        minutes=_attachment_count(session, MINUTES_OWNER, ident(rnd)),
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


def posted_members(session: Session, rnd: Round) -> list[tuple[int, str]]:
    """(member id, "姓名（党组织）") of the 优秀共产党员 on the 公示 in force, for objections."""
    announcement = get_announcement(session, rnd)
    if announcement is None or announcement.list_id is None:
        return []
    fixed = session.get(CandidateList, announcement.list_id)
    assert fixed is not None
    return [(m["id"], f"{m['name']}（{m['branch']}）") for m in list_snapshot(fixed)["members"]]
