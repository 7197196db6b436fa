import datetime as dt

import pytest

from dangjian_desktop.domain.honours import (
    EVENT_NAMES,
    HONOUR_STATE_NAMES,
    REVOCATION_REASON_NAMES,
    HonourEventKind,
    HonourState,
    RevocationReason,
    allowed_events,
    apply_event,
    rectification_overdue,
)
from dangjian_desktop.errors import UserError

S = HonourState
E = HonourEventKind
R = RevocationReason
TODAY = dt.date(2026, 9, 1)
DEADLINE = dt.date(2026, 10, 31)


def _do(state: HonourState, kind: HonourEventKind) -> HonourState:
    """Apply with whatever arguments a well-formed event of this kind needs."""
    return apply_event(
        state,
        kind,
        deadline=DEADLINE,
        today=TODAY,
        reason=R.RECTIFICATION_FAILED if kind is E.RECTIFICATION_FAILED else R.SERIOUS_PROBLEM,
    )


ALLOWED: dict[tuple[HonourState, HonourEventKind], HonourState] = {
    (S.GRANTED, E.CRITICISE): S.CRITICISED,
    (S.RESTORED, E.CRITICISE): S.CRITICISED,
    (S.CRITICISED, E.CRITICISE): S.CRITICISED,  # a repeated 批评 is recorded
    (S.GRANTED, E.ORDER_RECTIFICATION): S.RECTIFYING,
    (S.CRITICISED, E.ORDER_RECTIFICATION): S.RECTIFYING,
    (S.RESTORED, E.ORDER_RECTIFICATION): S.RECTIFYING,
    (S.RECTIFYING, E.RECTIFICATION_PASSED): S.RESTORED,
    (S.RECTIFYING, E.RECTIFICATION_FAILED): S.REVOKED,
    **{(s, E.REVOKE): S.REVOKED for s in S if s is not S.REVOKED},
    **{(s, k): s for s in S for k in (E.CIRCULATE_CRITICISM, E.HOLD_ACCOUNTABLE)},
}


@pytest.mark.parametrize(("state", "kind"), list(ALLOWED), ids=str)
def test_allowed_transition(state: HonourState, kind: HonourEventKind) -> None:
    assert _do(state, kind) is ALLOWED[(state, kind)]
    assert kind in allowed_events(state)


REFUSED = [(s, k) for s in S for k in E if (s, k) not in ALLOWED]


@pytest.mark.parametrize(("state", "kind"), REFUSED, ids=str)
def test_refused_transition(state: HonourState, kind: HonourEventKind) -> None:
    with pytest.raises(UserError) as err:
        _do(state, kind)
    assert EVENT_NAMES[kind] in err.value.message
    assert kind not in allowed_events(state)


def test_refusal_counts() -> None:
    # 5 states x 7 events = 35; 8 + 4 revokes + 10 any-state events allowed
    assert len(ALLOWED) == 22 and len(REFUSED) == 13


def test_revoked_refusal_message() -> None:
    with pytest.raises(UserError) as err:
        apply_event(S.REVOKED, E.CRITICISE)
    assert err.value.message == "荣誉称号已撤销，不能再批评；只能通报批评或追究责任。"


def test_fraud_revocation_needs_circulated_criticism() -> None:
    with pytest.raises(UserError) as err:
        apply_event(S.GRANTED, E.REVOKE, reason=R.FRAUD)
    assert err.value.message == "因弄虚作假撤销荣誉称号，必须同时通报批评。"
    assert (
        apply_event(S.GRANTED, E.REVOKE, reason=R.FRAUD, with_circulated_criticism=True)
        is S.REVOKED
    )


def test_revoke_needs_a_reason() -> None:
    with pytest.raises(UserError, match="撤销原因"):
        apply_event(S.CRITICISED, E.REVOKE)


def test_rectification_needs_future_deadline() -> None:
    with pytest.raises(UserError, match="整改期限"):
        apply_event(S.GRANTED, E.ORDER_RECTIFICATION, today=TODAY)
    with pytest.raises(UserError, match="应晚于下达整改的日子"):
        apply_event(S.GRANTED, E.ORDER_RECTIFICATION, deadline=TODAY, today=TODAY)
    with pytest.raises(ValueError):
        apply_event(S.GRANTED, E.ORDER_RECTIFICATION, deadline=DEADLINE)


def test_failed_rectification_reason() -> None:
    assert apply_event(S.RECTIFYING, E.RECTIFICATION_FAILED) is S.REVOKED
    with pytest.raises(UserError, match="整改不合格"):
        apply_event(S.RECTIFYING, E.RECTIFICATION_FAILED, reason=R.FRAUD)


def test_full_story() -> None:
    state = S.GRANTED
    state = apply_event(state, E.CRITICISE)
    state = apply_event(state, E.ORDER_RECTIFICATION, deadline=DEADLINE, today=TODAY)
    assert rectification_overdue(state, DEADLINE, dt.date(2026, 11, 1))
    assert not rectification_overdue(state, DEADLINE, DEADLINE)
    state = apply_event(state, E.RECTIFICATION_PASSED)
    assert state is S.RESTORED
    assert not rectification_overdue(state, DEADLINE, dt.date(2026, 11, 1))
    state = apply_event(state, E.REVOKE, reason=R.SERIOUS_PROBLEM)
    assert state is S.REVOKED
    assert apply_event(state, E.CIRCULATE_CRITICISM) is S.REVOKED


def test_names() -> None:
    assert set(HONOUR_STATE_NAMES) == set(S) and HONOUR_STATE_NAMES[S.RECTIFYING] == "限期整改中"
    assert set(EVENT_NAMES) == set(E)
    assert REVOCATION_REASON_NAMES[R.FRAUD] == "评选中弄虚作假"
