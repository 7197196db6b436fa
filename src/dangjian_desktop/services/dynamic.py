"""动态管理: criticism, 限期整改 with its outcome, revocation (fraud → 通报批评), 追究责任."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.domain.honours import (
    EVENT_NAMES,
    REVOCATION_REASON_NAMES,
    HonourEventKind,
    HonourKind,
    HonourState,
    RevocationReason,
    apply_event,
    rectification_overdue,
)
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.commendation import honour_display_name
from dangjian_desktop.services.common import Actor, get_branch, get_round, label, log
from dangjian_desktop.services.round_figures import OverdueRectification as OverdueRectification
from dangjian_desktop.store.models import Branch, Honour, HonourEvent, Operator, Round


def _honour(session: Session, honour_id: int) -> tuple[Honour, Round]:
    honour = session.get(Honour, honour_id)
    if honour is None:
        raise UserError("找不到这项荣誉称号。")
    rnd = session.get(Round, honour.round_id)
    assert rnd is not None
    # Dynamic management goes on after a round is closed: an honour can be revoked years later.
    return honour, rnd


def _event(
    session: Session,
    actor: Actor,
    honour: Honour,
    kind: HonourEventKind,
    *,
    on: dt.date,
    reason: str,
    deadline: dt.date | None = None,
    revocation_reason: RevocationReason | None = None,
) -> HonourEvent:
    event = HonourEvent(
        honor_id=honour.id,
        branch_id=honour.branch_id,
        round_id=honour.round_id,
        kind=kind.value,
        happened_on=on,
        deadline=deadline,
        reason=reason.strip(),
        revocation_reason=revocation_reason.value if revocation_reason else "",
        operator_id=actor.id,
    )
    session.add(event)
    session.flush()
    return event


def _transition(
    session: Session,
    actor: Actor,
    honour_id: int,
    kind: HonourEventKind,
    *,
    reason: str,
    on: dt.date | None = None,
    deadline: dt.date | None = None,
    revocation_reason: RevocationReason | None = None,
    with_circulated_criticism: bool = False,
) -> HonourEvent:
    honour, rnd = _honour(session, honour_id)
    if not reason.strip():
        raise UserError(f"{EVENT_NAMES[kind]}要写明事实和理由。")
    today = clock.today()
    on = on or today
    if on > today:
        raise UserError(f"{EVENT_NAMES[kind]}的日期{on.isoformat()}还没到，请检查。")
    if on < honour.granted_on:
        raise UserError(
            f"{EVENT_NAMES[kind]}的日期{on.isoformat()}早于命名的日子"
            f"（{honour.granted_on.isoformat()}），请检查。"
        )
    new_state = apply_event(
        HonourState(honour.state),
        kind,
        deadline=deadline,
        today=on,  # a 限期整改 recorded late keeps the deadline it was given
        reason=revocation_reason,
        with_circulated_criticism=with_circulated_criticism,
    )
    event = _event(
        session,
        actor,
        honour,
        kind,
        on=on,
        reason=reason,
        deadline=deadline,
        revocation_reason=revocation_reason,
    )
    old_state = honour.state
    honour.state = new_state.value
    session.add(honour)
    extra = f"，限{deadline.isoformat()}前整改" if deadline else ""
    log(
        session,
        actor,
        kind.value,
        honour,
        f"{honour_display_name(session, honour)}（{label(rnd)}{honour.title}）：{EVENT_NAMES[kind]}{extra}",
        old={"state": old_state},
        new={"state": new_state.value, "event_id": event.id},
        reason=reason.strip(),
    )
    return event


def criticise(
    session: Session, *, actor: Actor, honour_id: int, reason: str, on: dt.date | None = None
) -> HonourEvent:
    return _transition(session, actor, honour_id, HonourEventKind.CRITICISE, reason=reason, on=on)


def order_rectification(
    session: Session,
    *,
    actor: Actor,
    honour_id: int,
    reason: str,
    deadline: dt.date,
    on: dt.date | None = None,
) -> HonourEvent:
    return _transition(
        session,
        actor,
        honour_id,
        HonourEventKind.ORDER_RECTIFICATION,
        reason=reason,
        deadline=deadline,
        on=on,
    )


def record_rectification(
    session: Session,
    *,
    actor: Actor,
    honour_id: int,
    passed: bool,
    reason: str,
    on: dt.date | None = None,
) -> HonourEvent:
    """整改合格 restores the honour; 整改不合格 revokes it."""
    if passed:
        return _transition(
            session, actor, honour_id, HonourEventKind.RECTIFICATION_PASSED, reason=reason, on=on
        )
    return _transition(
        session,
        actor,
        honour_id,
        HonourEventKind.RECTIFICATION_FAILED,
        reason=reason,
        on=on,
        revocation_reason=RevocationReason.RECTIFICATION_FAILED,
    )


def revoke(
    session: Session,
    *,
    actor: Actor,
    honour_id: int,
    revocation_reason: RevocationReason,
    reason: str,
    on: dt.date | None = None,
) -> list[HonourEvent]:
    """Revoke a title. For fraud (弄虚作假) the seed requires a circulated criticism as well."""
    fraud = revocation_reason == RevocationReason.FRAUD
    events = [
        _transition(
            session,
            actor,
            honour_id,
            HonourEventKind.REVOKE,
            reason=reason,
            on=on,
            revocation_reason=revocation_reason,
            with_circulated_criticism=fraud,
        )
    ]
    if fraud:
        events.append(
            _transition(
                session, actor, honour_id, HonourEventKind.CIRCULATE_CRITICISM, reason=reason, on=on
            )
        )
    return events


def circulate_criticism(
    session: Session, *, actor: Actor, honour_id: int, reason: str, on: dt.date | None = None
) -> HonourEvent:
    return _transition(
        session, actor, honour_id, HonourEventKind.CIRCULATE_CRITICISM, reason=reason, on=on
    )


def hold_accountable(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    branch_id: int,
    person: str,
    reason: str,
    on: dt.date | None = None,
) -> HonourEvent:
    """追究责任: the seed's sanction for 领导不重视、工作不得力、措施不具体 — against a branch, no honour needed."""
    rnd = get_round(session, first_year)
    branch = get_branch(session, branch_id)
    if not person.strip() or not reason.strip():
        raise UserError("追究责任要写明责任人和理由。")
    event = HonourEvent(
        honor_id=None,
        branch_id=branch_id,
        round_id=rnd.id,  # type: ignore[arg-type]
        kind=HonourEventKind.HOLD_ACCOUNTABLE.value,
        happened_on=on or clock.today(),
        reason=reason.strip(),
        person=person.strip(),
        operator_id=actor.id,
    )
    session.add(event)
    session.flush()
    log(
        session,
        actor,
        HonourEventKind.HOLD_ACCOUNTABLE.value,
        event,
        f"追究{branch.name}{person.strip()}的责任",
        new={"person": person.strip()},
        reason=reason.strip(),
    )
    return event


def history(session: Session, honour_id: int) -> list[HonourEvent]:
    return list(
        session.exec(
            select(HonourEvent)
            .where(HonourEvent.honor_id == honour_id)
            .order_by(col(HonourEvent.id))
        )
    )


def overdue_rectifications(session: Session, today: dt.date) -> list[OverdueRectification]:
    found = []
    for honour in session.exec(select(Honour).where(Honour.state == HonourState.RECTIFYING.value)):
        events = [e for e in history(session, honour.id) if e.deadline]  # type: ignore[arg-type]
        if not events:
            continue
        deadline = events[-1].deadline
        assert deadline is not None and honour.id is not None
        if rectification_overdue(HonourState(honour.state), deadline, today):
            found.append(
                OverdueRectification(
                    honour_id=honour.id,
                    name=honour_display_name(session, honour),
                    title=honour.title,
                    deadline=deadline,
                    days_over=(today - deadline).days,
                )
            )
    return found


@dataclass(frozen=True)
class EventLine:
    """One 动态管理 record as lists show it."""

    id: int
    happened_on: dt.date
    kind: HonourEventKind
    kind_name: str
    reason: str
    deadline: dt.date | None
    revocation_reason: str
    person: str
    branch_name: str
    round_label: str
    operator: str


def _event_line(session: Session, event: HonourEvent) -> EventLine:
    assert event.id is not None
    kind = HonourEventKind(event.kind)
    branch = session.get(Branch, event.branch_id)
    rnd = session.get(Round, event.round_id)
    operator = session.get(Operator, event.operator_id) if event.operator_id else None
    revocation = (
        REVOCATION_REASON_NAMES[RevocationReason(event.revocation_reason)]
        if event.revocation_reason
        else ""
    )
    return EventLine(
        id=event.id,
        happened_on=event.happened_on,
        kind=kind,
        kind_name=EVENT_NAMES[kind],
        reason=event.reason,
        deadline=event.deadline,
        revocation_reason=revocation,
        person=event.person,
        branch_name=branch.name if branch else "",
        round_label=label(rnd) if rnd else "",
        operator=operator.name if operator else "",
    )


def history_lines(session: Session, honour_id: int) -> list[EventLine]:
    return [_event_line(session, event) for event in history(session, honour_id)]


def accountability_lines(session: Session, rnd: Round | None = None) -> list[EventLine]:
    """追究责任 records of one round, or of every round when rnd is None."""
    query = select(HonourEvent).where(HonourEvent.kind == HonourEventKind.HOLD_ACCOUNTABLE.value)
    if rnd is not None:
        query = query.where(HonourEvent.round_id == rnd.id)
    return [
        _event_line(session, event)
        for event in session.exec(query.order_by(col(HonourEvent.happened_on), col(HonourEvent.id)))
    ]


# ------------------------------------------------------------------ notices


def _latest(session: Session, honour: Honour, kind: HonourEventKind) -> HonourEvent | None:
    events = [e for e in history(session, honour.id) if e.kind == kind.value]  # type: ignore[arg-type]
    return events[-1] if events else None


def notice_refusal(session: Session, honour_id: int, kind: str) -> str | None:
    """Why the 限期整改通知书 ('rectification') or 通报批评 ('criticism') cannot be made now."""
    honour, _rnd = _honour(session, honour_id)
    if kind == "rectification":
        if honour.kind != HonourKind.BRANCH:
            return "限期整改通知书发给党组织，优秀共产党员的整改请另行通知本人。"
        if honour.state != HonourState.RECTIFYING.value:
            return "该荣誉称号没有在限期整改中，不需要限期整改通知书。"
        return None
    if _latest(session, honour, HonourEventKind.CIRCULATE_CRITICISM) is None:
        return "该荣誉称号没有通报批评的记录，不能生成通报。"
    return None
