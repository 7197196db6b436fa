"""总结评估: 自检自查, 统一考核 (assessors, double entry), 综合评价 and the 工作总结.

Scores of approved results are locked: a later change needs a reason and is audited with it.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.domain.eligibility import (
    BranchFacts,
    assessor_recusal,
    scoring_refusal,
    selection_refusal,
)
from dangjian_desktop.domain.honours import HonourEventKind, HonourState
from dangjian_desktop.domain.rounds import ensure_change_allowed
from dangjian_desktop.domain.rubric import parse_score
from dangjian_desktop.domain.scoring import (
    GRADE_NAMES,
    VETO_NAMES,
    Candidate,
    Grade,
    Veto,
    Weights,
    combined_score,
    item_mean,
    quota_for,
    rank,
)
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import (
    Actor,
    ensure_writable,
    get_branch,
    get_enrollment,
    get_member,
    get_round,
    label,
    log,
)
from dangjian_desktop.services.enrolment import enrolled_branches, evaluation_for
from dangjian_desktop.services.office import second_entry_refusal
from dangjian_desktop.services.rounds import rubric
from dangjian_desktop.services.submissions import submission_paragraph
from dangjian_desktop.store.models import (
    Announcement,
    Assessment,
    Assessor,
    Branch,
    Enrollment,
    Evaluation,
    Honor,
    HonorEvent,
    Round,
    RubricItem,
    SelfAssessment,
)

VETO_FIELDS = {
    Veto.SERIOUS_INCIDENT: "veto_serious_incident",
    Veto.FRAUD: "veto_fraud",
    Veto.TARGET_FAILED: "veto_target_failed",
}


def is_announced(session: Session, rnd: Round) -> bool:
    return (
        session.exec(
            select(Announcement.id).where(
                Announcement.round_id == rnd.id, col(Announcement.withdrawn_at).is_(None)
            )
        ).first()
        is not None
    )


def _guard(session: Session, rnd: Round, reason: str) -> None:
    ensure_writable(rnd)
    ensure_change_allowed(rnd.approved_at is not None, reason, announced=is_announced(session, rnd))


def _item(session: Session, rnd: Round, code: str) -> RubricItem:
    item = session.exec(
        select(RubricItem).where(RubricItem.round_id == rnd.id, RubricItem.code == code)
    ).first()
    if item is None:
        raise UserError(f"{label(rnd)}没有编号为{code}的考核指标。")
    return item


def branch_facts(session: Session, rnd: Round, branch: Branch, enrolled: bool) -> BranchFacts:
    facts = facts_by_branch(session, rnd, [branch])[branch.id]  # type: ignore[index]
    return dataclasses.replace(facts, enrolled=enrolled)


def _revoked_during(session: Session, rnd: Round) -> set[int]:
    """Branches whose title (of any round) was revoked while this round ran, or this round's."""
    ends = rnd.opens.replace(year=rnd.opens.year + 1)
    revoked = set(
        session.exec(
            select(HonorEvent.branch_id)
            .join(Honor, col(Honor.id) == HonorEvent.honor_id)
            .where(
                Honor.kind == "branch",  # a member's revoked title is not the branch's
                col(HonorEvent.kind).in_(
                    (HonourEventKind.REVOKE.value, HonourEventKind.RECTIFICATION_FAILED.value)
                ),
                HonorEvent.happened_on >= rnd.opens,
                HonorEvent.happened_on < ends,
            )
        )
    )
    revoked |= set(
        session.exec(
            select(Honor.branch_id).where(
                Honor.round_id == rnd.id, Honor.state == HonourState.REVOKED.value
            )
        )
    )
    return revoked


def facts_by_branch(session: Session, rnd: Round, branches: list[Branch]) -> dict[int, BranchFacts]:
    """`branch_facts` of many enrolled branches from one query (not one per branch: a county
    has a thousand)."""
    wanted = {b.id for b in branches}
    rectifying: set[int] = set()
    for branch_id, state in session.execute(
        sa_select(col(Honor.branch_id), col(Honor.state)).where(col(Honor.kind) == "branch")
    ):
        if branch_id in wanted and state == HonourState.RECTIFYING.value:
            rectifying.add(branch_id)
    revoked = _revoked_during(session, rnd)
    return {
        b.id: BranchFacts(
            name=b.name,
            enrolled=True,
            active=b.status == "active",
            under_rectification=b.id in rectifying,
            revoked_this_round=b.id in revoked,
        )
        for b in branches
        if b.id is not None
    }


def _start_scoring(session: Session, rnd: Round) -> None:
    if not rnd.scoring_started:
        rnd.scoring_started = True  # the rubric and weights are frozen from here on
        session.add(rnd)


def set_self_score(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    branch_id: int,
    code: str,
    score: str | Decimal,
    reason: str = "",
) -> SelfAssessment:
    """One 自检自查 cell: the same checks and audit as `save_self_scores`."""
    save_self_scores(
        session,
        actor=actor,
        first_year=first_year,
        branch_id=branch_id,
        scores={code: score},
        reason=reason,
    )
    rnd = get_round(session, first_year)
    enrollment = get_enrollment(session, rnd, branch_id)
    row = session.exec(
        select(SelfAssessment).where(
            SelfAssessment.enrollment_id == enrollment.id,
            SelfAssessment.item_id == _item(session, rnd, code).id,
        )
    ).one()
    return row


def add_assessor(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    name: str,
    unit: str = "",
    branch_id: int | None = None,
    member_id: int | None = None,
) -> Assessor:
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    name = name.strip()
    if not name:
        raise UserError("考核组成员姓名不能为空。")
    if member_id is not None:  # a party member's own branch is where he must stand aside
        member = get_member(session, member_id)
        if branch_id is not None and branch_id != member.branch_id:
            raise UserError(f"{member.name}是另一个党组织的党员，请重新选择所在党组织。")
        branch_id = member.branch_id
    if branch_id is not None:
        get_branch(session, branch_id)
    clash = session.exec(
        select(Assessor).where(
            Assessor.round_id == rnd.id, Assessor.name == name, col(Assessor.deleted_at).is_(None)
        )
    ).first()
    if clash:
        raise UserError(f"考核组里已经有{name}了。同名的请在姓名后加单位区分。")
    assessor = Assessor(
        round_id=rnd.id,  # type: ignore[arg-type]
        name=name,
        unit=unit.strip(),
        branch_id=branch_id,
        member_id=member_id,
    )
    session.add(assessor)
    session.flush()
    log(
        session,
        actor,
        "create",
        assessor,
        f"{label(rnd)}考核组增加成员{name}",
        new={"name": name, "unit": unit},
    )
    return assessor


def remove_assessor(session: Session, *, actor: Actor, assessor_id: int) -> Assessor:
    assessor = session.get(Assessor, assessor_id)
    if assessor is None or assessor.deleted_at is not None:
        raise UserError("找不到这名考核组成员。")
    rnd = session.get(Round, assessor.round_id)
    assert rnd is not None
    ensure_writable(rnd)
    has_scores = session.exec(
        select(Assessment).where(Assessment.assessor_id == assessor_id)
    ).first()
    if has_scores is not None:
        raise UserError(f"{assessor.name}已经录入了评分，不能移出考核组。")
    assessor.deleted_at = clock.now()
    session.add(assessor)
    log(session, actor, "delete", assessor, f"考核组移出{assessor.name}")
    return assessor


def list_assessors(session: Session, rnd: Round) -> list[Assessor]:
    return list(
        session.exec(
            select(Assessor)
            .where(Assessor.round_id == rnd.id, col(Assessor.deleted_at).is_(None))
            .order_by(col(Assessor.id))
        )
    )


def recusal_reason(session: Session, assessor: Assessor, branch: Branch) -> str | None:
    assert branch.id is not None
    return assessor_recusal(
        assessor.branch_id, branch.id, assessor_name=assessor.name, branch_name=branch.name
    )


def _sheet_of(
    session: Session, actor: Actor, first_year: int, assessor_id: int, entry: int, reason: str
) -> tuple[Round, Assessor]:
    """The round and assessor of a score sheet, after the checks every sheet edit needs."""
    rnd = get_round(session, first_year)
    _guard(session, rnd, reason)
    if entry not in (1, 2):
        raise ValueError(entry)
    if entry == 2 and not rnd.double_entry:
        raise UserError("本年度没有采用双人录入，只需录入一遍。")
    if refusal := second_entry_refusal(session, rnd, assessor_id, entry, actor):
        raise UserError(refusal)
    assessor = session.get(Assessor, assessor_id)
    if assessor is None or assessor.round_id != rnd.id or assessor.deleted_at is not None:
        raise UserError("这名考核组成员不在本年度考核组里。")
    return rnd, assessor


def set_score(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    assessor_id: int,
    branch_id: int,
    code: str,
    score: str | Decimal | None,
    entry: int = 1,
    reason: str = "",
) -> Assessment | None:
    """One cell of an assessor's sheet (entry 1 or 2, 双人录入); None clears it. The same checks
    and audit as `save_sheet`."""
    save_sheet(
        session,
        actor=actor,
        first_year=first_year,
        assessor_id=assessor_id,
        scores={(branch_id, code): score},
        entry=entry,
        reason=reason,
    )
    rnd = get_round(session, first_year)
    enrollment = get_enrollment(session, rnd, branch_id)
    return session.exec(
        select(Assessment).where(
            Assessment.assessor_id == assessor_id,
            Assessment.enrollment_id == enrollment.id,
            Assessment.item_id == _item(session, rnd, code).id,
            Assessment.entry == entry,
        )
    ).first()


class Cell(NamedTuple):
    """One assessor's score cell. A tuple: a round has over a hundred thousand of them, and a
    tuple hashes and compares in C where a frozen dataclass calls Python for each."""

    assessor_id: int
    enrollment_id: int
    item_id: int


@dataclass(frozen=True)
class Disagreement:
    assessor: str
    branch: str
    item: str
    code: str
    first: Decimal | None
    second: Decimal | None
    assessor_id: int
    branch_id: int


def _cells(session: Session, rnd: Round) -> dict[Cell, dict[int, Decimal]]:
    # Plain rows straight from SQLite, not ORM objects nor typed Core rows: a county's round has
    # over a hundred thousand cells, read on every refresh of the score pages and every export.
    # Scores are stored as text (store.types.DecimalText) and become Decimals here. Flushed
    # first, as an ORM query would autoflush: scores saved earlier in this session count.
    session.flush()
    rows = session.connection().exec_driver_sql(
        "SELECT s.assessor_id, s.enrollment_id, s.item_id, s.entry, s.score"
        " FROM assessment AS s JOIN assessor AS a ON a.id = s.assessor_id"
        " WHERE a.round_id = ? AND a.deleted_at IS NULL",
        (rnd.id,),
    )
    cells: dict[Cell, dict[int, Decimal]] = defaultdict(dict)
    for assessor_id, enrollment_id, item_id, entry, score in rows:
        cells[Cell(assessor_id, enrollment_id, item_id)][entry] = Decimal(score)
    return cells


def agreed_scores(session: Session, rnd: Round) -> dict[Cell, Decimal]:
    """Cells that count: keyed once (single entry) or keyed twice with the same value."""
    agreed: dict[Cell, Decimal] = {}
    for cell, entries in _cells(session, rnd).items():
        if not rnd.double_entry:
            if 1 in entries:
                agreed[cell] = entries[1]
        elif 1 in entries and 2 in entries and entries[1] == entries[2]:
            agreed[cell] = entries[1]
    return agreed


def disagreements(session: Session, rnd: Round) -> list[Disagreement]:
    """Every cell keyed twice with different values, or keyed only once under double entry."""
    if not rnd.double_entry:
        return []
    assessors = {a.id: a for a in list_assessors(session, rnd)}
    items = {i.id: i for i in rubric(session, rnd)}
    branches = {e.id: b for e, b in enrolled_branches(session, rnd)}
    found = []
    for cell, entries in _cells(session, rnd).items():
        first, second = entries.get(1), entries.get(2)
        if first is not None and second is not None and first == second:
            continue
        branch = branches.get(cell.enrollment_id)
        if branch is None:
            continue
        found.append(
            Disagreement(
                assessor=assessors[cell.assessor_id].name,
                branch=branch.name,
                item=items[cell.item_id].name,
                code=items[cell.item_id].code,
                first=first,
                second=second,
                assessor_id=cell.assessor_id,
                branch_id=branch.id,  # type: ignore[arg-type]
            )
        )
    found.sort(key=lambda d: (d.assessor_id, d.branch_id, d.code))
    return found


def set_indicators(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    branch_id: int,
    credibility_above_average: bool | None = None,
    secretary_rank: int | None = None,
    targets_all_passed: bool | None = None,
    annual_rank: int | None = None,
    reason: str = "",
) -> Evaluation:
    """The seed's area indicators; 目标管理考核不合格 is also a veto."""
    rnd = get_round(session, first_year)
    _guard(session, rnd, reason)
    branch = get_branch(session, branch_id)
    evaluation = evaluation_for(session, get_enrollment(session, rnd, branch_id))
    for rank_value in (secretary_rank, annual_rank):
        if rank_value is not None and rank_value < 1:
            raise UserError("全县排名从1开始，请填写正整数。")
    old = {
        "credibility_above_average": evaluation.credibility_above_average,
        "secretary_rank": evaluation.secretary_rank,
        "targets_all_passed": evaluation.targets_all_passed,
        "annual_rank": evaluation.annual_rank,
        "veto_target_failed": evaluation.veto_target_failed,
    }
    evaluation.credibility_above_average = credibility_above_average
    evaluation.secretary_rank = secretary_rank
    evaluation.targets_all_passed = targets_all_passed
    evaluation.annual_rank = annual_rank
    if targets_all_passed is not None:  # a blank answer leaves a veto set by hand alone
        evaluation.veto_target_failed = not targets_all_passed
    session.add(evaluation)
    new = {
        "credibility_above_average": credibility_above_average,
        "secretary_rank": secretary_rank,
        "targets_all_passed": targets_all_passed,
        "annual_rank": annual_rank,
        "veto_target_failed": evaluation.veto_target_failed,
    }
    log(
        session,
        actor,
        "update",
        evaluation,
        f"{branch.name}考核指标情况",
        old=old,
        new=new,
        reason=reason,
    )
    return evaluation


def set_veto(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    branch_id: int,
    veto: Veto,
    active: bool,
    note: str = "",
    reason: str = "",
) -> Evaluation:
    rnd = get_round(session, first_year)
    _guard(session, rnd, reason)
    branch = get_branch(session, branch_id)
    evaluation = evaluation_for(session, get_enrollment(session, rnd, branch_id))
    if active and not note.strip():
        raise UserError(f"认定“{VETO_NAMES[veto]}”要写明具体情况。")
    field_name = VETO_FIELDS[veto]
    old = getattr(evaluation, field_name)
    setattr(evaluation, field_name, active)
    if note.strip():
        evaluation.veto_note = note.strip()
    session.add(evaluation)
    log(
        session,
        actor,
        "veto" if active else "unveto",
        evaluation,
        f"{branch.name}{'认定' if active else '取消'}一票否决：{VETO_NAMES[veto]}",
        old={field_name: old},
        new={field_name: active, "note": note.strip()},
        reason=reason,
    )
    return evaluation


@dataclass
class ResultLine:
    branch_id: int
    branch_name: str
    level: str
    sector: str
    self_total: Decimal | None
    assessment_total: Decimal | None
    combined: Decimal | None
    vetoes: list[str]
    rank: int | None
    grade: str
    grade_name: str
    within_quota: bool
    tie_at_quota: bool
    reason: str
    missing: list[str] = field(default_factory=list)
    item_scores: dict[str, Decimal | None] = field(default_factory=dict)


@dataclass
class Results:
    lines: list[ResultLine]
    quota: int
    enrolled: int
    missing_cells: int
    disagreements: int


def _vetoes(evaluation: Evaluation) -> frozenset[Veto]:
    return frozenset(v for v, name in VETO_FIELDS.items() if getattr(evaluation, name))


def compute_results(
    session: Session, *, actor: Actor, first_year: int, reason: str = ""
) -> Results:
    """Combine the scores, rank and grade every enrolled branch, and store the outcome."""
    rnd = get_round(session, first_year)
    _guard(session, rnd, reason)
    results = _calculate(session, rnd)
    by_branch = {line.branch_id: line for line in results.lines}
    for enrollment, branch in enrolled_branches(session, rnd):
        line = by_branch[branch.id]  # type: ignore[index]
        evaluation = evaluation_for(session, enrollment)
        evaluation.self_total = line.self_total
        evaluation.assessment_total = line.assessment_total
        evaluation.combined = line.combined
        evaluation.rank = line.rank
        evaluation.grade = line.grade
        evaluation.within_quota = line.within_quota
        evaluation.tie_at_quota = line.tie_at_quota
        evaluation.reason = line.reason
        session.add(evaluation)
    advanced = sum(1 for line in results.lines if line.grade == Grade.ADVANCED.value)
    log(
        session,
        actor,
        "compute",
        rnd,
        f"{label(rnd)}综合评价：{results.enrolled}个单位参评，名额{results.quota}个，"
        f"先进候选{advanced}个",
        new={"quota": results.quota, "advanced": advanced, "missing_cells": results.missing_cells},
        reason=reason,
    )
    return results


def _calculate(session: Session, rnd: Round) -> Results:
    items = rubric(session, rnd)
    enrolled = enrolled_branches(session, rnd)
    assessors = list_assessors(session, rnd)
    agreed = agreed_scores(session, rnd)
    self_scores: dict[tuple[int, int], Decimal] = {
        (row.enrollment_id, row.item_id): row.score
        for row in session.exec(
            select(SelfAssessment)
            .join(Enrollment, col(Enrollment.id) == SelfAssessment.enrollment_id)
            .where(Enrollment.round_id == rnd.id)
        )
    }
    evaluations = {
        ev.enrollment_id: ev
        for ev in session.exec(
            select(Evaluation)
            .join(Enrollment, col(Enrollment.id) == Evaluation.enrollment_id)
            .where(Enrollment.round_id == rnd.id)
        )
    }
    facts = facts_by_branch(session, rnd, [b for _e, b in enrolled])
    weights = Weights(self_check=rnd.self_weight, assessment=rnd.assessment_weight)
    # A branch merged or dissolved mid-round takes no place in the quota's base.
    quota = quota_for(sum(1 for _e, b in enrolled if b.status == "active"), rnd.quota_percent)
    candidates: list[Candidate] = []
    partial: dict[int, ResultLine] = {}
    missing_cells = 0
    for enrollment, branch in enrolled:
        assert enrollment.id is not None and branch.id is not None
        missing: list[str] = []
        self_values = [self_scores.get((enrollment.id, item.id)) for item in items]  # type: ignore[arg-type]
        if any(v is None for v in self_values):
            missing.append(f"自检自查缺{sum(v is None for v in self_values)}项")
        self_total = None if missing else sum((v for v in self_values if v is not None), Decimal(0))
        scorers = [a for a in assessors if recusal_reason(session, a, branch) is None]
        item_scores: dict[str, Decimal | None] = {}
        lacking = 0
        for item in items:
            values = []
            for assessor in scorers:
                value = agreed.get(Cell(assessor.id, enrollment.id, item.id))  # type: ignore[arg-type]
                if value is None:
                    lacking += 1
                else:
                    values.append(value)
            item_scores[item.code] = (
                item_mean(values) if values and len(values) == len(scorers) else None
            )
        if not scorers:
            missing.append("没有可以评分的考核组成员")
        if lacking:
            missing.append(f"统一考核缺{lacking}个评分（未录入或两遍录入不一致）")
            missing_cells += lacking
        assessment_total = (
            None
            if not scorers or lacking
            else sum((v for v in item_scores.values() if v is not None), Decimal(0))
        )
        combined = (
            combined_score(self_total, assessment_total, weights)
            if self_total is not None and assessment_total is not None
            else None
        )
        evaluation = evaluations.get(enrollment.id)
        vetoes = _vetoes(evaluation) if evaluation else frozenset()
        refusal = selection_refusal(facts[branch.id])
        candidates.append(
            Candidate(key=branch.id, score=combined, vetoes=vetoes, ineligible_reason=refusal)
        )
        partial[branch.id] = ResultLine(
            branch_id=branch.id,
            branch_name=branch.name,
            level=branch.level,
            sector=branch.sector,
            self_total=self_total,
            assessment_total=assessment_total,
            combined=combined,
            vetoes=[VETO_NAMES[v] for v in sorted(vetoes)],
            rank=None,
            grade="",
            grade_name="",
            within_quota=False,
            tie_at_quota=False,
            reason="",
            missing=missing,
            item_scores=item_scores,
        )
    lines = []
    for standing in rank(candidates, quota, rnd.advanced_min, rnd.pass_min):
        line = partial[standing.key]
        line.rank = standing.rank
        line.grade = standing.grade.value
        line.grade_name = GRADE_NAMES[standing.grade]
        line.within_quota = standing.within_quota
        line.tie_at_quota = standing.tie_at_quota
        line.reason = standing.reason if not line.missing else "；".join(line.missing)
        lines.append(line)
    return Results(
        lines=lines,
        quota=quota,
        enrolled=len(enrolled),
        missing_cells=missing_cells,
        disagreements=len(disagreements(session, rnd)),
    )


def preview_results(session: Session, rnd: Round) -> Results:
    """The same calculation without storing anything (for the screen while scores are keyed)."""
    return _calculate(session, rnd)


def draft_work_summary(session: Session, rnd: Round) -> str:
    """A first draft of the round's 工作总结 from the figures; the clerk edits it before printing."""
    results = _calculate(session, rnd)
    advanced = [line for line in results.lines if line.grade == Grade.ADVANCED.value]
    qualified = [line for line in results.lines if line.grade == Grade.QUALIFIED.value]
    unqualified = [line for line in results.lines if line.grade == Grade.UNQUALIFIED.value]
    vetoed = [line for line in results.lines if line.vetoes]
    names = "、".join(line.branch_name for line in advanced) or "（暂无）"
    paragraphs = [
        f"根据镇党委创建基层党组织建设先进单位实施方案，{label(rnd)}全镇共有{results.enrolled}个"
        f"党支部（总支）申报参加创建活动。" + submission_paragraph(session, rnd, clock.today()),
        f"镇党委于{rnd.evaluation_start.month}月{rnd.evaluation_start.day}日至"
        f"{rnd.evaluation_end.month}月{rnd.evaluation_end.day}日，结合党建工作考核，按照自检自查、"
        f"统一考核、综合评价、形成工作总结的程序进行了检查验收。综合评价按自检自查占"
        f"{(rnd.self_weight * 100).normalize()}%、统一考核占{(rnd.assessment_weight * 100).normalize()}%计算。",
        f"经综合评价，达到先进标准并在名额内的有{len(advanced)}个：{names}；合格{len(qualified)}个；"
        f"不合格{len(unqualified)}个。"
        + (f"另有{len(vetoed)}个单位因一票否决事项不参加评选。" if vetoed else ""),
        "下一步，镇党委将对评选出的先进党支部（总支）实行动态管理，对工作滑坡或发生严重问题的，"
        "视情况给予批评和限期整改；对在评选中弄虚作假的，撤销其荣誉称号并给予通报批评。"
        "各党支部（总支）要充分利用报刊、广播、电视、网络等媒体，大力宣传先进典型，"
        "营造学习先进、崇尚先进、争当先进的良好风气。",
    ]
    return "\n\n".join(paragraphs)


def set_work_summary(session: Session, *, actor: Actor, first_year: int, text: str) -> Round:
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    old = rnd.work_summary
    rnd.work_summary = text.strip()
    session.add(rnd)
    log(
        session,
        actor,
        "update",
        rnd,
        f"修改{label(rnd)}工作总结",
        old={"length": len(old)},
        new={"length": len(rnd.work_summary)},
    )
    return rnd


def save_sheet(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    assessor_id: int,
    scores: dict[tuple[int, str], str | Decimal | None],
    entry: int = 1,
    reason: str = "",
) -> int:
    """Save many cells of one assessor's sheet at once ({(branch_id, code): score}).

    Every cell is checked exactly as `set_score` checks it; one bad cell saves nothing. One audit
    entry lists every changed cell with its old and new value. Returns how many cells changed.
    """
    rnd, assessor = _sheet_of(session, actor, first_year, assessor_id, entry, reason)
    items = {item.code: item for item in rubric(session, rnd)}
    enrolled = {b.id: (e, b) for e, b in enrolled_branches(session, rnd)}
    facts = facts_by_branch(session, rnd, [b for _e, b in enrolled.values()])
    existing = {
        (row.enrollment_id, row.item_id): row
        for row in session.exec(
            select(Assessment).where(
                Assessment.assessor_id == assessor_id, Assessment.entry == entry
            )
        )
    }
    checked: set[int] = set()
    old: dict[str, str | None] = {}
    new: dict[str, str | None] = {}
    fresh: list[dict[str, object]] = []
    for (branch_id, code), raw in scores.items():
        if branch_id not in enrolled:
            branch = get_branch(session, branch_id)
            raise UserError(f"{branch.name}没有申报{label(rnd)}的创建活动，不能评分。")
        enrollment, branch = enrolled[branch_id]
        if branch_id not in checked:
            if refusal := scoring_refusal(facts[branch_id]):
                raise UserError(refusal)
            if recused := recusal_reason(session, assessor, branch):
                raise UserError(recused)
            checked.add(branch_id)
        item = items.get(code)
        if item is None:
            raise UserError(f"{label(rnd)}没有编号为{code}的考核指标。")
        row = existing.get((enrollment.id, item.id))  # type: ignore[arg-type]
        key = f"{branch.name}/{item.name}"
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if row is not None:
                old[key], new[key] = str(row.score), None
                session.delete(row)
            continue
        value = parse_score(raw, item.points, item_name=f"{branch.name}“{item.name}”")
        if row is None:
            # New cells go in as one multi-row insert below: a county sheet has ~13,000 cells.
            fresh.append(
                {
                    "assessor_id": assessor_id,
                    "enrollment_id": enrollment.id,
                    "item_id": item.id,
                    "entry": entry,
                    "score": value,
                    "operator_id": actor.id,
                }
            )
            old[key] = None
            new[key] = str(value)
            continue
        if row.score == value:
            continue
        old[key] = str(row.score)
        row.score = value
        row.operator_id = actor.id
        new[key] = str(value)
        session.add(row)
    if not new:
        return 0
    _start_scoring(session, rnd)
    session.flush()
    if fresh:
        session.execute(insert(Assessment), fresh)
    entry_text = "（第二遍录入）" if entry == 2 else ""
    log(
        session,
        actor,
        "score",
        assessor,
        f"保存{assessor.name}的统一考核评分表{entry_text}：{len(new)}个评分",
        old=old,
        new=new,
        reason=reason,
    )
    return len(new)


def save_self_scores(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    branch_id: int,
    scores: dict[str, str | Decimal],
    reason: str = "",
) -> int:
    """A branch's whole 自检自查 sheet at once ({code: score}); one bad value saves nothing."""
    rnd = get_round(session, first_year)
    _guard(session, rnd, reason)
    branch = get_branch(session, branch_id)
    enrollment = get_enrollment(session, rnd, branch_id)
    if refusal := scoring_refusal(branch_facts(session, rnd, branch, True)):
        raise UserError(refusal)
    items = {item.code: item for item in rubric(session, rnd)}
    existing = {
        row.item_id: row
        for row in session.exec(
            select(SelfAssessment).where(SelfAssessment.enrollment_id == enrollment.id)
        )
    }
    old: dict[str, str | None] = {}
    new: dict[str, str] = {}
    for code, raw in scores.items():
        item = items.get(code)
        if item is None:
            raise UserError(f"{label(rnd)}没有编号为{code}的考核指标。")
        value = parse_score(raw, item.points, item_name=item.name)
        row = existing.get(item.id)  # type: ignore[arg-type]
        if row is not None and row.score == value:
            continue
        old[item.name] = str(row.score) if row else None
        if row is None:
            row = SelfAssessment(enrollment_id=enrollment.id, item_id=item.id, score=value)  # type: ignore[arg-type]
        row.score = value
        new[item.name] = str(value)
        session.add(row)
    if not new:
        return 0
    _start_scoring(session, rnd)
    session.flush()
    evaluation = evaluation_for(session, enrollment)
    log(
        session,
        actor,
        "score",
        evaluation,
        f"保存{branch.name}的自检自查评分：{len(new)}项",
        old=old,
        new=new,
        reason=reason,
    )
    return len(new)


# ---------------------------------------------------------------- read helpers for the window


@dataclass(frozen=True)
class ScoreItem:
    """One rubric item as the score forms show it."""

    code: str
    area_code: str
    area_name: str
    name: str
    short_name: str
    points: Decimal
    description: str


def _short_name(name: str) -> str:
    """'战斗堡垒作用（五个好）' -> '战斗堡垒作用': the bracketed gloss does not fit a column head."""
    for bracket in ("（", "("):
        if bracket in name:
            return name.split(bracket, 1)[0]
    return name


def score_items(session: Session, rnd: Round) -> list[ScoreItem]:
    return [
        ScoreItem(
            code=item.code,
            area_code=item.area_code,
            area_name=item.area_name,
            name=item.name,
            short_name=_short_name(item.name),
            points=item.points,
            description=item.description,
        )
        for item in rubric(session, rnd)
    ]


@dataclass(frozen=True)
class SelfCheckLine:
    """A branch in the 自检自查 list: how many items it has filled and their total."""

    branch_id: int
    branch_name: str
    filled: int
    items: int
    total: Decimal | None
    refusal: str | None


def self_check_lines(session: Session, rnd: Round) -> list[SelfCheckLine]:
    items = rubric(session, rnd)
    item_ids = {item.id for item in items}
    scores: dict[int, list[Decimal]] = defaultdict(list)
    for row in session.exec(
        select(SelfAssessment)
        .join(Enrollment, col(Enrollment.id) == SelfAssessment.enrollment_id)
        .where(Enrollment.round_id == rnd.id)
    ):
        if row.item_id in item_ids:
            scores[row.enrollment_id].append(row.score)
    lines = []
    enrolled = enrolled_branches(session, rnd)
    facts = facts_by_branch(session, rnd, [b for _e, b in enrolled])
    for enrollment, branch in enrolled:
        values = scores.get(enrollment.id, [])  # type: ignore[arg-type]
        lines.append(
            SelfCheckLine(
                branch_id=branch.id,  # type: ignore[arg-type]
                branch_name=branch.name,
                filled=len(values),
                items=len(items),
                total=sum(values, Decimal(0)) if values else None,
                refusal=scoring_refusal(facts[branch.id]),  # type: ignore[index]
            )
        )
    return lines


def self_scores(session: Session, rnd: Round, branch_id: int) -> dict[str, Decimal]:
    """A branch's saved 自检自查 scores by item code (empty when it did not enrol)."""
    enrollment = get_enrollment(session, rnd, branch_id)
    codes = {item.id: item.code for item in rubric(session, rnd)}
    return {
        codes[row.item_id]: row.score
        for row in session.exec(
            select(SelfAssessment).where(SelfAssessment.enrollment_id == enrollment.id)
        )
        if row.item_id in codes
    }


@dataclass(frozen=True)
class AssessorLine:
    """A member of the round's 考核组, with the branches he must step aside from (回避)."""

    assessor_id: int
    name: str
    unit: str
    branch_id: int | None
    branch_name: str
    recused_from: list[str]
    scores_entered: int


def assessor_lines(session: Session, rnd: Round) -> list[AssessorLine]:
    enrolled = [b for _, b in enrolled_branches(session, rnd)]
    counts: dict[int, int] = defaultdict(int)
    for cell in _cells(session, rnd):
        counts[cell.assessor_id] += 1
    lines = []
    for assessor in list_assessors(session, rnd):
        own = session.get(Branch, assessor.branch_id) if assessor.branch_id is not None else None
        lines.append(
            AssessorLine(
                assessor_id=assessor.id,  # type: ignore[arg-type]
                name=assessor.name,
                unit=assessor.unit,
                branch_id=assessor.branch_id,
                branch_name=own.name if own else "",
                recused_from=[
                    b.name for b in enrolled if recusal_reason(session, assessor, b) is not None
                ],
                scores_entered=counts[assessor.id],  # type: ignore[index]
            )
        )
    return lines


@dataclass(frozen=True)
class SheetRow:
    """A branch on an assessor's sheet; `blocked` says why its cells cannot be keyed."""

    branch_id: int
    branch_name: str
    blocked: str | None


@dataclass
class Sheet:
    """One assessor's 统一考核评分表 as keyed in one entry (双人录入: entry 2 is keyed blind)."""

    assessor_id: int
    assessor_name: str
    entry: int
    rows: list[SheetRow]
    scores: dict[tuple[int, str], Decimal]
    differing: set[tuple[int, str]]
    """Cells keyed in both entries with different values (values not given: entry 2 is blind)."""


def sheet(session: Session, rnd: Round, assessor_id: int, entry: int) -> Sheet:
    assessor = session.get(Assessor, assessor_id)
    if assessor is None or assessor.round_id != rnd.id or assessor.deleted_at is not None:
        raise UserError("这名考核组成员不在本年度考核组里。")
    codes = {item.id: item.code for item in rubric(session, rnd)}
    rows: list[SheetRow] = []
    branch_of: dict[int, int] = {}
    enrolled = enrolled_branches(session, rnd)
    facts = facts_by_branch(session, rnd, [b for _e, b in enrolled])
    for enrollment, branch in enrolled:
        assert enrollment.id is not None and branch.id is not None
        branch_of[enrollment.id] = branch.id
        blocked = scoring_refusal(facts[branch.id]) or recusal_reason(session, assessor, branch)
        rows.append(SheetRow(branch.id, branch.name, blocked))
    scores: dict[tuple[int, str], Decimal] = {}
    both: dict[tuple[int, str], dict[int, Decimal]] = defaultdict(dict)
    for row in session.exec(select(Assessment).where(Assessment.assessor_id == assessor_id)):
        if row.enrollment_id not in branch_of or row.item_id not in codes:
            continue
        key = (branch_of[row.enrollment_id], codes[row.item_id])
        both[key][row.entry] = row.score
        if row.entry == entry:
            scores[key] = row.score
    differing = {key for key, values in both.items() if len(values) == 2 and values[1] != values[2]}
    return Sheet(assessor_id, assessor.name, entry, rows, scores, differing)


@dataclass(frozen=True)
class IndicatorLine:
    """A branch's area indicators and 一票否决 flags as last saved."""

    branch_id: int
    branch_name: str
    credibility_above_average: bool | None
    secretary_rank: int | None
    targets_all_passed: bool | None
    annual_rank: int | None
    vetoes: list[Veto]
    veto_note: str


def indicator_lines(session: Session, rnd: Round) -> list[IndicatorLine]:
    evaluations = {
        ev.enrollment_id: ev
        for ev in session.exec(
            select(Evaluation)
            .join(Enrollment, col(Enrollment.id) == Evaluation.enrollment_id)
            .where(Enrollment.round_id == rnd.id)
        )
    }
    lines = []
    for enrollment, branch in enrolled_branches(session, rnd):
        ev = evaluations.get(enrollment.id)  # type: ignore[arg-type]
        lines.append(
            IndicatorLine(
                branch_id=branch.id,  # type: ignore[arg-type]
                branch_name=branch.name,
                credibility_above_average=ev.credibility_above_average if ev else None,
                secretary_rank=ev.secretary_rank if ev else None,
                targets_all_passed=ev.targets_all_passed if ev else None,
                annual_rank=ev.annual_rank if ev else None,
                vetoes=sorted(_vetoes(ev)) if ev else [],
                veto_note=ev.veto_note if ev else "",
            )
        )
    return lines


def stored_results(session: Session, rnd: Round) -> Results | None:
    """The results as last computed and saved (what was approved); None if never computed."""
    enrolled = enrolled_branches(session, rnd)
    evaluations = {
        ev.enrollment_id: ev
        for ev in session.exec(
            select(Evaluation)
            .join(Enrollment, col(Enrollment.id) == Evaluation.enrollment_id)
            .where(Enrollment.round_id == rnd.id)
        )
    }
    if not any(ev.grade for ev in evaluations.values()):
        return None
    lines = []
    for enrollment, branch in enrolled:
        ev = evaluations.get(enrollment.id)  # type: ignore[arg-type]
        grade = ev.grade if ev and ev.grade else ""
        lines.append(
            ResultLine(
                branch_id=branch.id,  # type: ignore[arg-type]
                branch_name=branch.name,
                level=branch.level,
                sector=branch.sector,
                self_total=ev.self_total if ev else None,
                assessment_total=ev.assessment_total if ev else None,
                combined=ev.combined if ev else None,
                vetoes=[VETO_NAMES[v] for v in sorted(_vetoes(ev))] if ev else [],
                rank=ev.rank if ev else None,
                grade=grade,
                grade_name=GRADE_NAMES[Grade(grade)] if grade else "",
                within_quota=bool(ev and ev.within_quota),
                tie_at_quota=bool(ev and ev.tie_at_quota),
                reason=ev.reason if ev and ev.grade else "上次计算时还没有这个单位的结果",
            )
        )
    lines.sort(key=lambda line: (line.rank is None, line.rank or 0, line.branch_id))
    return Results(
        lines=lines,
        quota=quota_for(len(enrolled), rnd.quota_percent),
        enrolled=len(enrolled),
        missing_cells=0,
        disagreements=len(disagreements(session, rnd)),
    )


def results_saved(session: Session, rnd: Round, results: Results) -> bool:
    """Whether `results` (a preview) is what was last computed and saved."""
    stored = stored_results(session, rnd)
    if stored is None:
        return False

    def key(r: Results) -> list[tuple[object, ...]]:
        return sorted(
            (
                line.branch_id,
                line.self_total,
                line.assessment_total,
                line.combined,
                line.rank,
                line.grade,
                line.within_quota,
                line.tie_at_quota,
            )
            for line in r.lines
        )

    return key(stored) == key(results)
