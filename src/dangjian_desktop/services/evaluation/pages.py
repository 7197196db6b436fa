"""What the evaluation tabs read, by the round's first year, in plain values."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session

from dangjian_desktop.domain.rounds import RoundStatus
from dangjian_desktop.domain.text import round_label
from dangjian_desktop.services.common import get_round
from dangjian_desktop.services.enrolment import enrolled_branches
from dangjian_desktop.services.evaluation.assessors import list_assessors
from dangjian_desktop.services.evaluation.common import is_announced
from dangjian_desktop.services.evaluation.results import (
    Results,
    draft_work_summary,
    preview_results,
    results_saved,
    stored_results,
)
from dangjian_desktop.services.evaluation.scores import Disagreement, disagreements
from dangjian_desktop.services.evaluation.views import ScoreItem, score_items


@dataclass(frozen=True)
class RoundView:
    """What the tabs need to know about the round shown."""

    year: int
    label: str
    closed: bool
    approved: bool
    announced: bool
    double_entry: bool
    quota_percent: Decimal
    items: list[ScoreItem]


def round_view(session: Session, first_year: int) -> RoundView:
    rnd = get_round(session, first_year)
    return RoundView(
        year=first_year,
        label=round_label(first_year),
        closed=rnd.status == RoundStatus.CLOSED,
        approved=rnd.approved_at is not None,
        announced=is_announced(session, rnd),
        double_entry=rnd.double_entry,
        quota_percent=rnd.quota_percent,
        items=score_items(session, first_year),
    )


def assessor_names(session: Session, first_year: int) -> list[tuple[int, str]]:
    """(assessor id, name) of the round's 考核组, in the order they were added."""
    return [(a.id, a.name) for a in list_assessors(session, get_round(session, first_year)) if a.id]


def results_view(session: Session, first_year: int) -> tuple[Results | None, bool]:
    """The results to show and whether they are saved: the stored ones once the round is
    closed, otherwise a fresh calculation (saved when it equals what was last stored)."""
    rnd = get_round(session, first_year)
    if rnd.status == RoundStatus.CLOSED:
        return stored_results(session, rnd), True
    enrolled = enrolled_branches(session, rnd)
    live = preview_results(session, rnd, enrolled)
    return live, results_saved(session, rnd, live, enrolled)


def scores_entered(session: Session, first_year: int) -> bool:
    """Whether any 统一考核 score of the round has been entered (either pass)."""
    rnd = get_round(session, first_year)
    session.flush()
    found = session.connection().exec_driver_sql(
        "SELECT 1 FROM assessment AS s JOIN assessor AS a ON a.id = s.assessor_id"
        " WHERE a.round_id = ? AND a.deleted_at IS NULL LIMIT 1",
        (rnd.id,),
    )
    return found.first() is not None


def score_disagreements(session: Session, first_year: int) -> list[Disagreement]:
    """The 双人录入 cells that differ or were keyed only once (none under single entry)."""
    return disagreements(session, get_round(session, first_year))


@dataclass(frozen=True)
class WorkSummary:
    """The round's 工作总结: the saved text, or a draft from the results when nothing is saved;
    `nobody_enrolled` says the draft's figures are all zeros because no branch enrolled."""

    text: str
    draft: bool
    nobody_enrolled: bool


def work_summary(session: Session, first_year: int) -> WorkSummary:
    rnd = get_round(session, first_year)
    nobody = not enrolled_branches(session, rnd)
    if rnd.work_summary:
        return WorkSummary(rnd.work_summary, False, nobody)
    return WorkSummary(draft_work_summary(session, first_year), True, nobody)
