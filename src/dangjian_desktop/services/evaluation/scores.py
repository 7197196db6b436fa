"""自检自查 and 统一考核 scores: the assessors, their sheets keyed once or twice, and what disagrees."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import insert
from sqlmodel import Session, col, select

from dangjian_desktop.domain.eligibility import BranchFacts, scoring_refusal
from dangjian_desktop.domain.rubric import parse_score
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import (
    Actor,
    get_branch,
    get_enrolment,
    get_round,
    label,
    log,
)
from dangjian_desktop.services.enrolment import enrolled_branches, evaluation_for
from dangjian_desktop.services.evaluation.assessors import list_assessors, recusal_reason
from dangjian_desktop.services.evaluation.common import (
    branch_facts,
    facts_by_branch,
    guard_change,
    plain_rows,
    rubric_item,
    start_scoring,
)
from dangjian_desktop.services.office import second_entry_refusal
from dangjian_desktop.services.rounds import rubric
from dangjian_desktop.store.models import (
    Assessment,
    Assessor,
    Branch,
    Enrolment,
    Round,
    SelfAssessment,
)


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
    enrolment = get_enrolment(session, rnd, branch_id)
    row = session.exec(
        select(SelfAssessment).where(
            SelfAssessment.enrollment_id == enrolment.id,
            SelfAssessment.item_id == rubric_item(session, rnd, code).id,
        )
    ).one()
    return row


def _sheet_of(
    session: Session, actor: Actor, first_year: int, assessor_id: int, entry: int, reason: str
) -> tuple[Round, Assessor]:
    """The round and assessor of a score sheet, after the checks every sheet edit needs."""
    rnd = get_round(session, first_year)
    guard_change(session, rnd, reason)
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
    enrolment = get_enrolment(session, rnd, branch_id)
    return session.exec(
        select(Assessment).where(
            Assessment.assessor_id == assessor_id,
            Assessment.enrollment_id == enrolment.id,
            Assessment.item_id == rubric_item(session, rnd, code).id,
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


def keyed_cells(session: Session, rnd: Round) -> dict[Cell, dict[int, Decimal]]:
    # Plain rows straight from SQLite, not ORM objects nor typed Core rows: a county's round has
    # over a hundred thousand cells, read on every refresh of the score pages and every export.
    # Scores are stored as text (store.types.DecimalText) and become Decimals here. Flushed
    # first, as an ORM query would autoflush: scores saved earlier in this session count.
    rows = plain_rows(
        session,
        "SELECT s.assessor_id, s.enrollment_id, s.item_id, s.entry, s.score"
        " FROM assessment AS s JOIN assessor AS a ON a.id = s.assessor_id"
        " WHERE a.round_id = ? AND a.deleted_at IS NULL",
        (rnd.id,),
    )
    decimals: dict[str, Decimal] = {}
    cells: dict[Cell, dict[int, Decimal]] = defaultdict(dict)
    for assessor_id, enrollment_id, item_id, entry, score in rows:
        value = decimals.get(score)
        if value is None:
            value = decimals[score] = Decimal(score)
        cells[Cell(assessor_id, enrollment_id, item_id)][entry] = value
    return cells


AgreedScores = dict[tuple[int, int, int], Decimal]
"""Agreed scores by (assessor id, enrollment id, item id): plain tuples, equal to `Cell`s."""


def agreed_scores(session: Session, rnd: Round) -> AgreedScores:
    """Cells that count: keyed once (single entry) or keyed twice with the same value.

    Under 双人录入 SQLite pairs each first entry with its second through the unique index and
    hands back only the cells keyed twice (half the rows); text that differs may still be the
    same number ("8" and "8.0"), so those are compared as Decimals. Each distinct text becomes a
    Decimal once: a county round has some sixty thousand cells but only a hundred values."""
    if rnd.double_entry:
        sql = (
            "SELECT f.assessor_id, f.enrollment_id, f.item_id, f.score, s.score"
            " FROM assessment AS f JOIN assessor AS a ON a.id = f.assessor_id"
            " JOIN assessment AS s ON s.assessor_id = f.assessor_id"
            "  AND s.enrollment_id = f.enrollment_id AND s.item_id = f.item_id AND s.entry = 2"
            " WHERE a.round_id = ? AND a.deleted_at IS NULL AND f.entry = 1"
        )
    else:
        sql = (
            "SELECT f.assessor_id, f.enrollment_id, f.item_id, f.score, f.score"
            " FROM assessment AS f JOIN assessor AS a ON a.id = f.assessor_id"
            " WHERE a.round_id = ? AND a.deleted_at IS NULL AND f.entry = 1"
        )
    decimals: dict[str, Decimal] = {}
    agreed: AgreedScores = {}
    for assessor_id, enrollment_id, item_id, first, second in plain_rows(session, sql, (rnd.id,)):
        value = decimals.get(first)
        if value is None:
            value = decimals[first] = Decimal(first)
        if first != second and Decimal(second) != value:
            continue
        agreed[(assessor_id, enrollment_id, item_id)] = value
    return agreed


def _unsettled_cells(session: Session, rnd: Round) -> dict[Cell, dict[int, Decimal]]:
    """The cells keyed only once, or twice as different text, with their entries: SQLite groups
    the round's cells (over a hundred thousand) and hands back only these few. Text that differs
    may still be the same number ("8" and "8.0"): the caller compares the Decimals."""
    rows = plain_rows(
        session,
        "SELECT s.assessor_id, s.enrollment_id, s.item_id, s.entry, s.score"
        " FROM assessment AS s JOIN ("
        "  SELECT c.assessor_id, c.enrollment_id, c.item_id"
        "  FROM assessment AS c JOIN assessor AS a ON a.id = c.assessor_id"
        "  WHERE a.round_id = ? AND a.deleted_at IS NULL"
        "  GROUP BY c.assessor_id, c.enrollment_id, c.item_id"
        "  HAVING COUNT(*) < 2 OR MIN(c.score) <> MAX(c.score)"
        " ) AS u USING (assessor_id, enrollment_id, item_id)",
        (rnd.id,),
    )
    cells: dict[Cell, dict[int, Decimal]] = defaultdict(dict)
    for assessor_id, enrollment_id, item_id, entry, score in rows:
        cells[Cell(assessor_id, enrollment_id, item_id)][entry] = Decimal(score)
    return cells


def disagreements(
    session: Session, rnd: Round, enrolled: list[tuple[Enrolment, Branch]] | None = None
) -> list[Disagreement]:
    """Every cell keyed twice with different values, or keyed only once under double entry."""
    if not rnd.double_entry:
        return []
    assessors = {a.id: a for a in list_assessors(session, rnd)}
    items = {i.id: i for i in rubric(session, rnd)}
    if enrolled is None:
        enrolled = enrolled_branches(session, rnd)
    branches = {e.id: b for e, b in enrolled}
    found = []
    for cell, entries in _unsettled_cells(session, rnd).items():
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


def _sheet_cells(
    session: Session, assessor_id: int, entry: int
) -> dict[tuple[int, int], tuple[int, Decimal]]:
    """The cells of one sheet as saved, by (enrolment id, item id): (row id, score).

    Plain columns, not ORM objects: a county sheet has ~20,000 cells and a save usually
    changes a few of them (`_change_rows` loads only those)."""
    cells = select(
        col(Assessment.id),
        col(Assessment.enrollment_id),
        col(Assessment.item_id),
        col(Assessment.score),
    ).where(Assessment.assessor_id == assessor_id, Assessment.entry == entry)
    return {
        (enrollment_id, item_id): (row_id or 0, score)  # a saved row has an id
        for row_id, enrollment_id, item_id, score in session.exec(cells)
    }


def _change_rows(session: Session, changed: dict[int, Decimal | None], actor: Actor) -> None:
    """Give the saved cells `changed` (row id → new score, None: clear it) their new scores,
    loading only those rows, in chunks SQLite accepts."""
    ids = list(changed)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in session.exec(select(Assessment).where(col(Assessment.id).in_(chunk))):
            value = changed[row.id]  # type: ignore[index]
            if value is None:
                session.delete(row)
                continue
            row.score = value
            row.operator_id = actor.id
            session.add(row)


class _ScoringCheck:
    """Whether an assessor may score a branch, asked once per branch of a sheet."""

    def __init__(
        self,
        session: Session,
        rnd: Round,
        assessor: Assessor,
        enrolled: dict[int | None, tuple[Enrolment, Branch]],
        facts: dict[int, BranchFacts],
    ) -> None:
        self.session, self.rnd, self.assessor = session, rnd, assessor
        self.enrolled, self.facts = enrolled, facts
        self.checked: set[int] = set()

    def __call__(self, branch_id: int) -> tuple[Enrolment, Branch]:
        """The branch's enrolment; a UserError saying why when it may not be scored."""
        if branch_id not in self.enrolled:
            branch = get_branch(self.session, branch_id)
            raise UserError(f"{branch.name}没有申报{label(self.rnd)}的创建活动，不能评分。")
        enrolment, branch = self.enrolled[branch_id]
        if branch_id not in self.checked:
            if refusal := scoring_refusal(self.facts[branch_id]):
                raise UserError(refusal)
            if recused := recusal_reason(self.session, self.assessor, branch):
                raise UserError(recused)
            self.checked.add(branch_id)
        return enrolment, branch


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
    existing = _sheet_cells(session, assessor_id, entry)
    may_score = _ScoringCheck(session, rnd, assessor, enrolled, facts)
    old: dict[str, str | None] = {}
    new: dict[str, str | None] = {}
    fresh: list[dict[str, object]] = []
    changed: dict[int, Decimal | None] = {}  # saved row id → its new score (None: cleared)
    for (branch_id, code), raw in scores.items():
        enrolment, branch = may_score(branch_id)
        item = items.get(code)
        if item is None:
            raise UserError(f"{label(rnd)}没有编号为{code}的考核指标。")
        row = existing.get((enrolment.id, item.id))  # type: ignore[arg-type]
        key = f"{branch.name}/{item.name}"
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if row is not None:
                old[key], new[key] = str(row[1]), None
                changed[row[0]] = None
            continue
        value = parse_score(raw, item.points, item_name=f"{branch.name}“{item.name}”")
        if row is None:
            # New cells go in as one multi-row insert below: a county sheet has ~13,000 cells.
            fresh.append(
                {
                    "assessor_id": assessor_id,
                    "enrollment_id": enrolment.id,
                    "item_id": item.id,
                    "entry": entry,
                    "score": value,
                    "operator_id": actor.id,
                }
            )
            old[key] = None
            new[key] = str(value)
            continue
        if row[1] == value:
            continue
        old[key] = str(row[1])
        changed[row[0]] = value
        new[key] = str(value)
    if not new:
        return 0
    _change_rows(session, changed, actor)
    start_scoring(session, rnd)
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
    guard_change(session, rnd, reason)
    branch = get_branch(session, branch_id)
    enrolment = get_enrolment(session, rnd, branch_id)
    if refusal := scoring_refusal(branch_facts(session, rnd, branch, True)):
        raise UserError(refusal)
    items = {item.code: item for item in rubric(session, rnd)}
    existing = {
        row.item_id: row
        for row in session.exec(
            select(SelfAssessment).where(SelfAssessment.enrollment_id == enrolment.id)
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
            row = SelfAssessment(enrollment_id=enrolment.id, item_id=item.id, score=value)  # type: ignore[arg-type]
        row.score = value
        new[item.name] = str(value)
        session.add(row)
    if not new:
        return 0
    start_scoring(session, rnd)
    session.flush()
    evaluation = evaluation_for(session, enrolment)
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
