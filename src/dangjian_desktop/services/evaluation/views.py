"""Read helpers for the window: the rubric, self-check lines, assessors, sheets and indicators as plain rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, select

from dangjian_desktop.domain.eligibility import scoring_refusal
from dangjian_desktop.domain.scoring import Veto
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import get_enrolment, get_round
from dangjian_desktop.services.enrolment import enrolled_branches
from dangjian_desktop.services.evaluation.assessors import recusal_reason
from dangjian_desktop.services.evaluation.common import (
    evaluations_by_enrolment,
    facts_by_branch,
    plain_rows,
    round_self_scores,
)
from dangjian_desktop.services.evaluation.results import vetoes_of
from dangjian_desktop.services.rounds import rubric
from dangjian_desktop.store.models import (
    Assessor,
    SelfAssessment,
)


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


def score_items(session: Session, first_year: int) -> list[ScoreItem]:
    rnd = get_round(session, first_year)
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


def self_check_lines(session: Session, first_year: int) -> list[SelfCheckLine]:
    rnd = get_round(session, first_year)
    items = rubric(session, rnd)
    item_ids = {item.id for item in items}
    scores: dict[int, list[Decimal]] = defaultdict(list)
    for (enrollment_id, item_id), score in round_self_scores(session, rnd).items():
        if item_id in item_ids:
            scores[enrollment_id].append(score)
    lines = []
    enrolled = enrolled_branches(session, rnd)
    facts = facts_by_branch(session, rnd, [b for _e, b in enrolled])
    for enrolment, branch in enrolled:
        values = scores.get(enrolment.id, [])  # type: ignore[arg-type]
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


def self_scores(session: Session, first_year: int, branch_id: int) -> dict[str, Decimal]:
    """A branch's saved 自检自查 scores by item code (empty when it did not enrol)."""
    rnd = get_round(session, first_year)
    enrolment = get_enrolment(session, rnd, branch_id)
    codes = {item.id: item.code for item in rubric(session, rnd)}
    return {
        codes[row.item_id]: row.score
        for row in session.exec(
            select(SelfAssessment).where(SelfAssessment.enrollment_id == enrolment.id)
        )
        if row.item_id in codes
    }


@dataclass(frozen=True)
class SheetRow:
    """A branch on an assessor's sheet; `blocked` says why its cells cannot be keyed."""

    branch_id: int
    branch_name: str
    blocked: str | None


@dataclass(frozen=True)
class Sheet:
    """One assessor's 统一考核评分表 as keyed in one entry (双人录入: entry 2 is keyed blind)."""

    assessor_id: int
    assessor_name: str
    entry: int
    rows: list[SheetRow]
    scores: dict[tuple[int, str], Decimal]
    differing: set[tuple[int, str]]
    """Cells keyed in both entries with different values (values not given: entry 2 is blind)."""


def sheet(session: Session, first_year: int, assessor_id: int, entry: int) -> Sheet:
    rnd = get_round(session, first_year)
    assessor = session.get(Assessor, assessor_id)
    if assessor is None or assessor.round_id != rnd.id or assessor.deleted_at is not None:
        raise UserError("这名考核组成员不在本年度考核组里。")
    codes = {item.id: item.code for item in rubric(session, rnd)}
    rows: list[SheetRow] = []
    branch_of: dict[int, int] = {}
    enrolled = enrolled_branches(session, rnd)
    facts = facts_by_branch(session, rnd, [b for _e, b in enrolled])
    for enrolment, branch in enrolled:
        assert enrolment.id is not None and branch.id is not None
        branch_of[enrolment.id] = branch.id
        blocked = scoring_refusal(facts[branch.id]) or recusal_reason(session, assessor, branch)
        rows.append(SheetRow(branch.id, branch.name, blocked))
    scores: dict[tuple[int, str], Decimal] = {}
    both: dict[tuple[int, str], dict[int, Decimal]] = defaultdict(dict)
    # Plain rows from sqlite3, not ORM objects nor typed rows: a county sheet has ~24,000 saved
    # cells (both entries); each distinct score text becomes a Decimal once.
    decimals: dict[str, Decimal] = {}
    for enrollment_id, item_id, row_entry, text in plain_rows(
        session,
        "SELECT enrollment_id, item_id, entry, score FROM assessment WHERE assessor_id = ?",
        (assessor_id,),
    ):
        if enrollment_id not in branch_of or item_id not in codes:
            continue
        score = decimals.get(text)
        if score is None:
            score = decimals[text] = Decimal(text)
        key = (branch_of[enrollment_id], codes[item_id])
        both[key][row_entry] = score
        if row_entry == entry:
            scores[key] = score
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


def indicator_lines(session: Session, first_year: int) -> list[IndicatorLine]:
    rnd = get_round(session, first_year)
    evaluations = evaluations_by_enrolment(session, rnd)
    lines = []
    for enrolment, branch in enrolled_branches(session, rnd):
        ev = evaluations.get(enrolment.id)  # type: ignore[arg-type]
        lines.append(
            IndicatorLine(
                branch_id=branch.id,  # type: ignore[arg-type]
                branch_name=branch.name,
                credibility_above_average=ev.credibility_above_average if ev else None,
                secretary_rank=ev.secretary_rank if ev else None,
                targets_all_passed=ev.targets_all_passed if ev else None,
                annual_rank=ev.annual_rank if ev else None,
                vetoes=sorted(vetoes_of(ev)) if ev else [],
                veto_note=ev.veto_note if ev else "",
            )
        )
    return lines
