"""What the 命名表彰 tab reads, by the round's first year, in plain values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from dangjian_desktop import clock
from dangjian_desktop.errors import UserError
from dangjian_desktop.services import evaluation
from dangjian_desktop.services.common import get_round
from dangjian_desktop.services.naming.candidates import (
    NominationLine,
    Proposal,
    current_tie,
    judged_nominations,
    proposal_from,
)
from dangjian_desktop.services.naming.checks import ReviewLine, enrolled_names, review_lines
from dangjian_desktop.services.naming.state import current_list, get_announcement


@dataclass(frozen=True)
class NamingView:
    """The 审验 lines, the proposed list, the 优秀共产党员 nominations, the digest of the fixed
    list (None while nothing is fixed) and whether a 公示 is in force."""

    reviews: list[ReviewLine]
    proposal: Proposal
    nominations: list[NominationLine]
    digest: str | None
    announced: bool


def naming_view(session: Session, first_year: int, today: dt.date) -> NamingView:
    """Each part read once: the saved results, the reviews and the nominations serve the
    proposal too (they were read again for it, three times over at county scale)."""
    rnd = get_round(session, first_year)
    fixed = current_list(session, rnd)
    results = evaluation.stored_results(session, rnd)
    reviews = review_lines(session, rnd, today)
    # the proposal judges the nominations as of today, as `proposal` does
    judged = reviews if today == clock.today() else review_lines(session, rnd, clock.today())
    nominations = judged_nominations(session, rnd, results, judged)
    return NamingView(
        reviews=reviews,
        proposal=proposal_from(session, rnd, results, judged, nominations),
        nominations=nominations,
        digest=fixed.digest if fixed else None,
        announced=get_announcement(session, rnd) is not None,
    )


def tie_choices(
    session: Session, first_year: int, today: dt.date
) -> tuple[list[tuple[int, str]], int]:
    """The tied branches to decide between, as (branch id, name), and the places left for them."""
    rnd = get_round(session, first_year)
    tie = current_tie(session, rnd)
    if tie is None:
        raise UserError("现在没有并列的单位需要决定：名单已刷新，请再看一下。")
    names = {branch_id: name for branch_id, name, _level in enrolled_names(session, rnd)}
    return [(b, names[b]) for b in tie[0]], tie[1]
