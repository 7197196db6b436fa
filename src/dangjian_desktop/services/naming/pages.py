"""What the 命名表彰 tab reads, by the round's first year, in plain values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import get_round
from dangjian_desktop.services.naming.candidates import (
    NominationLine,
    Proposal,
    current_tie,
    nomination_lines,
    proposal,
)
from dangjian_desktop.services.naming.checks import ReviewLine, review_lines
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
    rnd = get_round(session, first_year)
    fixed = current_list(session, rnd)
    return NamingView(
        reviews=review_lines(session, rnd, today),
        proposal=proposal(session, rnd),
        nominations=nomination_lines(session, rnd),
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
    names = {line.branch_id: line.branch_name for line in review_lines(session, rnd, today)}
    return [(b, names[b]) for b in tie[0]], tie[1]
