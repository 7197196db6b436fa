"""Dynamic management (动态管理) of an honour: the states it goes through and what moves it.

An honour belongs to one round: a branch that holds the title must apply anew in the next
round (获得荣誉称号的，新一轮评选时需重新申报), so nothing here carries over between rounds.

Transitions (anything else is refused with a Chinese message):

    GRANTED / CRITICISED / RESTORED --criticise-->       CRITICISED
    GRANTED / CRITICISED / RESTORED --order_rectification (deadline after today)--> RECTIFYING
    RECTIFYING                --rectification_passed-->  RESTORED
    RECTIFYING                --rectification_failed-->  REVOKED (reason: rectification_failed)
    any state but REVOKED     --revoke (reason)-->       REVOKED
                                 (reason fraud also needs a circulated criticism, 通报批评)
    any state                 --circulate_criticism / hold_accountable--> unchanged
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from dangjian_desktop.domain.text import arabic_date
from dangjian_desktop.errors import UserError


class HonourKind(StrEnum):
    """Who holds the title: a branch (先进基层党组织) or a member (优秀共产党员)."""

    BRANCH = "branch"
    MEMBER = "member"


class HonourState(StrEnum):
    GRANTED = "granted"
    CRITICISED = "criticised"
    RECTIFYING = "rectifying"
    RESTORED = "restored"
    REVOKED = "revoked"


HONOUR_STATE_NAMES: dict[HonourState, str] = {
    HonourState.GRANTED: "有效",
    HonourState.CRITICISED: "已批评",
    HonourState.RECTIFYING: "限期整改中",
    HonourState.RESTORED: "整改合格（恢复）",
    HonourState.REVOKED: "已撤销",
}


class HonourEventKind(StrEnum):
    CRITICISE = "criticise"
    ORDER_RECTIFICATION = "order_rectification"
    RECTIFICATION_PASSED = "rectification_passed"
    RECTIFICATION_FAILED = "rectification_failed"
    REVOKE = "revoke"
    CIRCULATE_CRITICISM = "circulate_criticism"
    HOLD_ACCOUNTABLE = "hold_accountable"


EVENT_NAMES: dict[HonourEventKind, str] = {
    HonourEventKind.CRITICISE: "批评",
    HonourEventKind.ORDER_RECTIFICATION: "限期整改",
    HonourEventKind.RECTIFICATION_PASSED: "整改合格",
    HonourEventKind.RECTIFICATION_FAILED: "整改不合格",
    HonourEventKind.REVOKE: "撤销荣誉称号",
    HonourEventKind.CIRCULATE_CRITICISM: "通报批评",
    HonourEventKind.HOLD_ACCOUNTABLE: "追究责任",
}


class RevocationReason(StrEnum):
    FRAUD = "fraud"
    SERIOUS_PROBLEM = "serious_problem"
    RECTIFICATION_FAILED = "rectification_failed"


REVOCATION_REASON_NAMES: dict[RevocationReason, str] = {
    RevocationReason.FRAUD: "评选中弄虚作假",
    RevocationReason.SERIOUS_PROBLEM: "发生严重问题",
    RevocationReason.RECTIFICATION_FAILED: "整改不合格",
}

_ANY_STATE = (HonourEventKind.CIRCULATE_CRITICISM, HonourEventKind.HOLD_ACCOUNTABLE)

_MOVES: dict[HonourEventKind, tuple[frozenset[HonourState], HonourState]] = {
    HonourEventKind.CRITICISE: (  # a second 批评 is a fact too: it is recorded, not refused
        frozenset({HonourState.GRANTED, HonourState.CRITICISED, HonourState.RESTORED}),
        HonourState.CRITICISED,
    ),
    HonourEventKind.ORDER_RECTIFICATION: (
        frozenset({HonourState.GRANTED, HonourState.CRITICISED, HonourState.RESTORED}),
        HonourState.RECTIFYING,
    ),
    HonourEventKind.RECTIFICATION_PASSED: (
        frozenset({HonourState.RECTIFYING}),
        HonourState.RESTORED,
    ),
    HonourEventKind.RECTIFICATION_FAILED: (
        frozenset({HonourState.RECTIFYING}),
        HonourState.REVOKED,
    ),
    HonourEventKind.REVOKE: (
        frozenset(s for s in HonourState if s is not HonourState.REVOKED),
        HonourState.REVOKED,
    ),
}


def allowed_events(state: HonourState) -> tuple[HonourEventKind, ...]:
    """The events a clerk may record on an honour in this state (for enabling buttons)."""
    return tuple(kind for kind in HonourEventKind if kind in _ANY_STATE or state in _MOVES[kind][0])


def apply_event(
    state: HonourState,
    kind: HonourEventKind,
    *,
    deadline: dt.date | None = None,
    today: dt.date | None = None,
    reason: RevocationReason | None = None,
    with_circulated_criticism: bool = False,
) -> HonourState:
    """The state after recording `kind`; UserError (Chinese) when the event is not allowed.

    A failed rectification revokes the title; its reason is RECTIFICATION_FAILED (given or not).
    `today` is the day the event happened, needed for order_rectification (the deadline must
    be after it; an order recorded afterwards may have a deadline already past).
    """
    event = EVENT_NAMES[kind]
    if kind in _ANY_STATE:
        return state
    sources, target = _MOVES[kind]
    if state not in sources:
        now = HONOUR_STATE_NAMES[state]
        if state is HonourState.REVOKED:
            raise UserError(f"荣誉称号已撤销，不能再{event}；只能通报批评或追究责任。")
        if kind in (HonourEventKind.RECTIFICATION_PASSED, HonourEventKind.RECTIFICATION_FAILED):
            raise UserError(f"该荣誉称号没有在限期整改中（现在是“{now}”），不能登记{event}。")
        raise UserError(f"该荣誉称号现在是“{now}”，不能{event}。")
    if kind is HonourEventKind.ORDER_RECTIFICATION:
        if deadline is None:
            raise UserError("限期整改必须填写整改期限，请填写。")
        if today is None:
            raise ValueError("today is required for order_rectification")
        if deadline <= today:
            raise UserError(
                f"整改期限（{arabic_date(deadline)}）应晚于下达整改的日子（{arabic_date(today)}），"
                "请修改。"
            )
    if kind is HonourEventKind.RECTIFICATION_FAILED and reason not in (
        None,
        RevocationReason.RECTIFICATION_FAILED,
    ):
        raise UserError("整改不合格撤销荣誉称号的原因只能是“整改不合格”。")
    if kind is HonourEventKind.REVOKE:
        if reason is None:
            raise UserError("撤销荣誉称号必须选择撤销原因，请选择。")
        if reason is RevocationReason.FRAUD and not with_circulated_criticism:
            raise UserError("因弄虚作假撤销荣誉称号，必须同时通报批评。")
    return target


def rectification_overdue(state: HonourState, deadline: dt.date | None, today: dt.date) -> bool:
    """True when the honour is still under rectification after its deadline."""
    return state is HonourState.RECTIFYING and deadline is not None and today > deadline
