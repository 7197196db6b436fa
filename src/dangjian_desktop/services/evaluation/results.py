"""综合评价: the area indicators and vetoes, the ranking within the quota, and the 工作总结.

Scores of approved results are locked: a later change needs a reason and is audited with it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal

from sqlmodel import Session

from dangjian_desktop import clock
from dangjian_desktop.domain.eligibility import selection_refusal
from dangjian_desktop.domain.numbers import weight_percent
from dangjian_desktop.domain.scoring import (
    GRADE_NAMES,
    TRIM_FROM,
    VETO_NAMES,
    Candidate,
    Grade,
    Standing,
    Veto,
    Weights,
    combined_score,
    item_mean,
    quota_for,
    rank,
)
from dangjian_desktop.domain.validation import BranchStatus
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import (
    Actor,
    ensure_writable,
    get_branch,
    get_enrolment,
    get_round,
    label,
    log,
)
from dangjian_desktop.services.enrolment import enrolled_branches, evaluation_for
from dangjian_desktop.services.evaluation.assessors import (
    assessor_name,
    list_assessors,
    recusal_reason,
)
from dangjian_desktop.services.evaluation.common import (
    VETO_FIELDS,
    evaluations_by_enrolment,
    facts_by_branch,
    guard_change,
    round_self_scores,
)
from dangjian_desktop.services.evaluation.scores import AgreedScores, agreed_scores, disagreements
from dangjian_desktop.services.rounds import rubric
from dangjian_desktop.services.submissions import submission_paragraph
from dangjian_desktop.store.models import (
    Assessor,
    Branch,
    Enrolment,
    Evaluation,
    Round,
    RubricItem,
)

Enrolled = list[tuple[Enrolment, Branch]]
"""A round's enrolled branches as `enrolled_branches` gives them (read once, handed on)."""


def _evaluation_to_change(
    session: Session, first_year: int, branch_id: int, reason: str
) -> tuple[Branch, Evaluation]:
    """The branch and its evaluation row, once the round allows the change (with `reason` after
    公示 or approval)."""
    rnd = get_round(session, first_year)
    guard_change(session, rnd, reason)
    branch = get_branch(session, branch_id)
    return branch, evaluation_for(session, get_enrolment(session, rnd, branch_id))


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
    branch, evaluation = _evaluation_to_change(session, first_year, branch_id, reason)
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
    branch, evaluation = _evaluation_to_change(session, first_year, branch_id, reason)
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


@dataclass(frozen=True)
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
    scorers: list[str] = field(default_factory=list)
    """The assessors who score this branch: the 考核组 less those who stand aside (回避) now."""
    set_aside: list[str] = field(default_factory=list)
    """Why keyed scores of an assessor who must now stand aside do not count."""

    @property
    def trimmed(self) -> bool:
        """Whether each item drops its highest and lowest score (five or more scorers)."""
        return len(self.scorers) >= TRIM_FROM

    @property
    def scorer_text(self) -> str:
        """'5人，去掉最高最低分' / '4人，取平均分' for the results table ('' before computing)."""
        if not self.scorers:
            return ""
        rule = "去掉最高最低分" if self.trimmed else "取平均分"
        return f"{len(self.scorers)}人，{rule}"


@dataclass(frozen=True)
class Results:
    lines: list[ResultLine]
    quota: int
    enrolled: int
    missing_cells: int
    disagreements: int


def vetoes_of(evaluation: Evaluation) -> frozenset[Veto]:
    return frozenset(v for v, name in VETO_FIELDS.items() if getattr(evaluation, name))


def compute_results(
    session: Session, *, actor: Actor, first_year: int, reason: str = ""
) -> Results:
    """Combine the scores, rank and grade every enrolled branch, and store the outcome."""
    rnd = get_round(session, first_year)
    guard_change(session, rnd, reason)
    results = _calculate(session, rnd)
    by_branch = {line.branch_id: line for line in results.lines}
    for enrolment, branch in enrolled_branches(session, rnd):
        line = by_branch[branch.id]  # type: ignore[index]
        evaluation = evaluation_for(session, enrolment)
        evaluation.self_total = line.self_total
        evaluation.assessment_total = line.assessment_total
        evaluation.combined = line.combined
        evaluation.rank = line.rank
        evaluation.grade = line.grade
        evaluation.within_quota = line.within_quota
        evaluation.tie_at_quota = line.tie_at_quota
        evaluation.reason = line.reason
        evaluation.scorers = "、".join(line.scorers)
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


def _item_means(
    agreed: AgreedScores,
    scorers: list[Assessor],
    enrollment_id: int,
    items: list[RubricItem],
) -> tuple[dict[str, Decimal | None], int]:
    """Each item's mean of the agreed scores of those who may score the branch (None until all
    have scored it), and how many of their cells are missing."""
    item_scores: dict[str, Decimal | None] = {}
    lacking = 0
    for item in items:
        values = []
        for assessor in scorers:
            value = agreed.get((assessor.id, enrollment_id, item.id))  # type: ignore[arg-type]
            if value is None:
                lacking += 1
            else:
                values.append(value)
        item_scores[item.code] = (
            item_mean(values) if values and len(values) == len(scorers) else None
        )
    return item_scores, lacking


def _scorers(
    session: Session,
    assessors: list[Assessor],
    branch: Branch,
    enrollment_id: int,
    keyed: set[tuple[int, int]],
) -> tuple[list[Assessor], list[str]]:
    """Who scores the branch (the 考核组 less those who must stand aside from it now), and why
    scores keyed earlier by one who must now stand aside (he moved into the branch) do not count."""
    scorers, set_aside = [], []
    for assessor in assessors:
        why = recusal_reason(session, assessor, branch)
        if why is None:
            scorers.append(assessor)
        elif (assessor.id, enrollment_id) in keyed:
            set_aside.append(f"{why}已录入的评分不计入")
    return scorers, set_aside


@dataclass(frozen=True)
class _Assessed:
    """A branch's 统一考核 part: who scored it, each item's mean, the total, what is lacking."""

    scorers: list[str]
    set_aside: list[str]
    item_scores: dict[str, Decimal | None]
    total: Decimal | None
    lacking: int
    missing: list[str]


def _assessed(
    session: Session,
    assessors: list[Assessor],
    branch: Branch,
    enrollment_id: int,
    items: list[RubricItem],
    agreed: AgreedScores,
    keyed: set[tuple[int, int]],
) -> _Assessed:
    scorers, set_aside = _scorers(session, assessors, branch, enrollment_id, keyed)
    item_scores, lacking = _item_means(agreed, scorers, enrollment_id, items)
    missing = []
    if not scorers:
        missing.append("没有可以评分的考核组成员")
    if lacking:
        missing.append(f"统一考核缺{lacking}个评分（未录入或两遍录入不一致）")
    total = (
        None
        if not scorers or lacking
        else sum((v for v in item_scores.values() if v is not None), Decimal(0))
    )
    return _Assessed(
        scorers=[assessor_name(session, a) for a in scorers],
        set_aside=set_aside,
        item_scores=item_scores,
        total=total,
        lacking=lacking,
        missing=missing,
    )


def _ranked(partial: dict[int, ResultLine], standings: list[Standing]) -> list[ResultLine]:
    """The lines in ranking order with their rank, grade, quota place and explanation."""
    lines = []
    for standing in standings:
        line = partial[standing.key]
        told = ([standing.reason] if not line.missing else line.missing) + line.set_aside
        lines.append(
            dataclasses.replace(
                line,
                rank=standing.rank,
                grade=standing.grade.value,
                grade_name=GRADE_NAMES[standing.grade],
                within_quota=standing.within_quota,
                tie_at_quota=standing.tie_at_quota,
                reason="；".join(part for part in told if part),
            )
        )
    return lines


def _calculate(session: Session, rnd: Round, enrolled: Enrolled | None = None) -> Results:
    items = rubric(session, rnd)
    if enrolled is None:
        enrolled = enrolled_branches(session, rnd)
    assessors = list_assessors(session, rnd)
    agreed = agreed_scores(session, rnd)
    keyed = {(assessor_id, enrollment_id) for assessor_id, enrollment_id, _item in agreed}
    self_scores = round_self_scores(session, rnd)
    evaluations = evaluations_by_enrolment(session, rnd)
    facts = facts_by_branch(session, rnd, [b for _e, b in enrolled])
    weights = Weights(self_check=rnd.self_weight, assessment=rnd.assessment_weight)
    # A branch merged or dissolved mid-round takes no place in the quota's base.
    quota = quota_for(
        sum(1 for _e, b in enrolled if b.status == BranchStatus.ACTIVE), rnd.quota_percent
    )
    candidates: list[Candidate] = []
    partial: dict[int, ResultLine] = {}
    missing_cells = 0
    for enrolment, branch in enrolled:
        assert enrolment.id is not None and branch.id is not None
        missing: list[str] = []
        self_values = [self_scores.get((enrolment.id, item.id)) for item in items]  # type: ignore[arg-type]
        if any(v is None for v in self_values):
            missing.append(f"自检自查缺{sum(v is None for v in self_values)}项")
        self_total = None if missing else sum((v for v in self_values if v is not None), Decimal(0))
        assessed = _assessed(session, assessors, branch, enrolment.id, items, agreed, keyed)
        missing += assessed.missing
        missing_cells += assessed.lacking
        assessment_total = assessed.total
        combined = (
            combined_score(self_total, assessment_total, weights)
            if self_total is not None and assessment_total is not None
            else None
        )
        evaluation = evaluations.get(enrolment.id)
        vetoes = vetoes_of(evaluation) if evaluation else frozenset()
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
            item_scores=assessed.item_scores,
            scorers=assessed.scorers,
            set_aside=assessed.set_aside,
        )
    return Results(
        lines=_ranked(partial, rank(candidates, quota, rnd.advanced_min, rnd.pass_min)),
        quota=quota,
        enrolled=len(enrolled),
        missing_cells=missing_cells,
        disagreements=len(disagreements(session, rnd, enrolled)),
    )


def preview_results(session: Session, rnd: Round, enrolled: Enrolled | None = None) -> Results:
    """The same calculation without storing anything (for the screen while scores are keyed)."""
    return _calculate(session, rnd, enrolled)


def draft_work_summary(session: Session, first_year: int) -> str:
    """A first draft of the round's 工作总结 from the figures; the clerk edits it before printing."""
    rnd = get_round(session, first_year)
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
        f"{weight_percent(rnd.self_weight)}、统一考核占{weight_percent(rnd.assessment_weight)}计算。",
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


def stored_results(session: Session, rnd: Round) -> Results | None:
    """The results as last computed and saved (what was approved); None if never computed."""
    enrolled = enrolled_branches(session, rnd)
    lines = _stored_lines(session, rnd, enrolled)
    if lines is None:
        return None
    return Results(
        lines=lines,
        quota=quota_for(len(enrolled), rnd.quota_percent),
        enrolled=len(enrolled),
        missing_cells=0,
        disagreements=len(disagreements(session, rnd)),
    )


def _stored_lines(session: Session, rnd: Round, enrolled: Enrolled) -> list[ResultLine] | None:
    """The saved result lines in ranking order; None if never computed."""
    evaluations = evaluations_by_enrolment(session, rnd)
    if not any(ev.grade for ev in evaluations.values()):
        return None
    lines = []
    for enrolment, branch in enrolled:
        ev = evaluations.get(enrolment.id)  # type: ignore[arg-type]
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
                vetoes=[VETO_NAMES[v] for v in sorted(vetoes_of(ev))] if ev else [],
                rank=ev.rank if ev else None,
                grade=grade,
                grade_name=GRADE_NAMES[Grade(grade)] if grade else "",
                within_quota=bool(ev and ev.within_quota),
                tie_at_quota=bool(ev and ev.tie_at_quota),
                reason=ev.reason if ev and ev.grade else "上次计算时还没有这个单位的结果",
                scorers=ev.scorers.split("、") if ev and ev.scorers else [],
            )
        )
    lines.sort(key=lambda line: (line.rank is None, line.rank or 0, line.branch_id))
    return lines


def results_saved(
    session: Session, rnd: Round, results: Results, enrolled: Enrolled | None = None
) -> bool:
    """Whether `results` (a preview) is what was last computed and saved; `enrolled`: the
    round's enrolled branches when the caller has them already."""
    if enrolled is None:
        enrolled = enrolled_branches(session, rnd)
    stored = _stored_lines(session, rnd, enrolled)
    if stored is None:
        return False

    def key(lines: list[ResultLine]) -> list[tuple[object, ...]]:
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
            for line in lines
        )

    return key(stored) == key(results.lines)
