"""What the evaluation services share: the change guard, rubric items and the branches' facts."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from dangjian_desktop.domain.eligibility import BranchFacts
from dangjian_desktop.domain.honours import HonourEventKind, HonourKind, HonourState
from dangjian_desktop.domain.rounds import ensure_change_allowed
from dangjian_desktop.domain.scoring import Veto
from dangjian_desktop.domain.validation import BranchStatus
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import ensure_writable, label
from dangjian_desktop.store.models import (
    Announcement,
    Branch,
    Enrolment,
    Evaluation,
    Honour,
    HonourEvent,
    Round,
    RubricItem,
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


def guard_change(session: Session, rnd: Round, reason: str) -> None:
    ensure_writable(rnd)
    ensure_change_allowed(rnd.approved_at is not None, reason, announced=is_announced(session, rnd))


def rubric_item(session: Session, rnd: Round, code: str) -> RubricItem:
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
            select(HonourEvent.branch_id)
            .join(Honour, col(Honour.id) == HonourEvent.honor_id)
            .where(
                Honour.kind == HonourKind.BRANCH,  # a member's revoked title is not the branch's
                col(HonourEvent.kind).in_(
                    (HonourEventKind.REVOKE.value, HonourEventKind.RECTIFICATION_FAILED.value)
                ),
                HonourEvent.happened_on >= rnd.opens,
                HonourEvent.happened_on < ends,
            )
        )
    )
    revoked |= set(
        session.exec(
            select(Honour.branch_id).where(
                Honour.round_id == rnd.id, Honour.state == HonourState.REVOKED.value
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
        sa_select(col(Honour.branch_id), col(Honour.state)).where(
            col(Honour.kind) == HonourKind.BRANCH
        )
    ):
        if branch_id in wanted and state == HonourState.RECTIFYING.value:
            rectifying.add(branch_id)
    revoked = _revoked_during(session, rnd)
    return {
        b.id: BranchFacts(
            name=b.name,
            enrolled=True,
            active=b.status == BranchStatus.ACTIVE,
            under_rectification=b.id in rectifying,
            revoked_this_round=b.id in revoked,
        )
        for b in branches
        if b.id is not None
    }


def start_scoring(session: Session, rnd: Round) -> None:
    if not rnd.scoring_started:
        rnd.scoring_started = True  # the rubric and weights are frozen from here on
        session.add(rnd)


def evaluations_by_enrolment(session: Session, rnd: Round) -> dict[int, Evaluation]:
    """The round's evaluation rows (indicators, vetoes, results) by enrolment id."""
    return {
        ev.enrollment_id: ev
        for ev in session.exec(
            select(Evaluation)
            .join(Enrolment, col(Enrolment.id) == Evaluation.enrollment_id)
            .where(Enrolment.round_id == rnd.id)
        )
    }


def plain_rows(session: Session, sql: str, params: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    """`sql`'s rows as plain tuples straight from sqlite3, on the session's own connection (its
    transaction, its unflushed changes flushed first as an ORM query would): for the tens of
    thousands of score cells a county round has, SQLAlchemy's per-row wrapping costs more than
    the query. Read it to the end before the next query on the session."""
    session.flush()
    raw = session.connection().connection.driver_connection
    assert raw is not None
    return iter(raw.execute(sql, params))  # row by row: no list of every row held at once


def round_self_scores(session: Session, rnd: Round) -> dict[tuple[int, int], Decimal]:
    """Every 自检自查 score keyed for the round by (enrollment id, item id): plain values from
    SQLite, not ORM objects (a county round has some twelve thousand); each distinct text
    becomes a Decimal once."""
    decimals: dict[str, Decimal] = {}
    scores: dict[tuple[int, int], Decimal] = {}
    for enrollment_id, item_id, text in plain_rows(
        session,
        "SELECT s.enrollment_id, s.item_id, s.score FROM selfassessment AS s"
        " JOIN enrollment AS e ON e.id = s.enrollment_id WHERE e.round_id = ?",
        (rnd.id,),
    ):
        value = decimals.get(text)
        if value is None:
            value = decimals[text] = Decimal(text)
        scores[(enrollment_id, item_id)] = value
    return scores
