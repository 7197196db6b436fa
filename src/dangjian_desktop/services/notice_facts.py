"""The facts a notice is written from: which stage it is about, when it is naturally signed,
and the names, dates and figures its text needs, gathered from the round's records.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable

from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.documents import notice_texts
from dangjian_desktop.documents.data import NOTICE_KINDS as NOTICE_KINDS
from dangjian_desktop.documents.data import Issuer, NoticeData
from dangjian_desktop.domain.calendar import INTAKE_STAGES, Stage, Timeliness, add_working_days
from dangjian_desktop.domain.honours import HonourEventKind, HonourKind, HonourState
from dangjian_desktop.domain.scoring import Grade
from dangjian_desktop.errors import UserError
from dangjian_desktop.services import intake
from dangjian_desktop.services.commendation import honours
from dangjian_desktop.services.common import label
from dangjian_desktop.services.document_forms import saved_results
from dangjian_desktop.services.document_output import issuer_of
from dangjian_desktop.services.naming import get_announcement, posted_names
from dangjian_desktop.services.township import require_township
from dangjian_desktop.store.models import Branch, Honour, HonourEvent, Member, Round, Township


def _overdue(
    session: Session, rnd: Round, today: dt.date, stage: Stage | None
) -> tuple[Stage, list[str]]:
    for candidate in (stage,) if stage else _past_intake_stages(rnd, today):
        assert candidate is not None
        missing = [
            line.branch_name
            for line in intake.intake_lines(session, rnd, candidate, today)
            if line.timeliness == Timeliness.MISSING
        ]
        if missing:
            return candidate, missing
    raise UserError("目前没有逾期未报的党组织，不需要发催报通知。")


def _past_intake_stages(rnd: Round, today: dt.date) -> list[Stage]:
    """Hand-in stages whose date has passed, the latest first (a reminder is about the one the
    office is waiting for now, not about a plan overdue since last year)."""
    return [stage for stage in reversed(INTAKE_STAGES) if _due(rnd, stage) < today]


def _due(rnd: Round, stage: Stage) -> dt.date:
    return {
        Stage.PLAN: rnd.plan_due,
        Stage.REPORT_H2: rnd.report_h2_due,
        Stage.REPORT_H1: rnd.report_h1_due,
        Stage.MATERIALS: rnd.materials_due,
    }[stage]


def _report_period(rnd: Round, stage: Stage | None, today: dt.date) -> Stage:
    period = stage or (Stage.REPORT_H2 if today <= rnd.report_h2_due else Stage.REPORT_H1)
    if period not in (Stage.REPORT_H2, Stage.REPORT_H1):
        raise UserError("半年书面汇报只有下半年和上半年两期。")
    return period


def resolve_stage(session: Session, rnd: Round, kind: str, stage: Stage | None) -> Stage | None:
    """The stage a reminder or a report call is about (the one asked for, else today's)."""
    today = clock.today()
    if kind == "reminder":
        return stage or _overdue(session, rnd, today, None)[0]
    if kind == "report-call":
        return _report_period(rnd, stage, today)
    return None


def _signing_window(
    session: Session, rnd: Round, kind: str, stage: Stage | None, honour_id: int | None
) -> tuple[dt.date, dt.date]:
    """When a notice of `kind` is naturally signed in the round: (earliest, latest)."""
    if kind == "plan-call":
        return rnd.opens, rnd.plan_due - dt.timedelta(days=7)
    if kind == "report-call" and stage is not None:
        due = _due(rnd, stage)
        return due - dt.timedelta(days=30), due - dt.timedelta(days=7)
    if kind == "reminder" and stage is not None:
        due = _due(rnd, stage)
        return due + dt.timedelta(days=1), due + dt.timedelta(days=20)
    if kind == "schedule":
        return rnd.materials_due - dt.timedelta(days=15), rnd.evaluation_start
    if kind == "announcement":
        announcement = get_announcement(session, rnd)
        if announcement is not None:
            return announcement.starts_on, announcement.starts_on
        return rnd.evaluation_end + dt.timedelta(days=1), rnd.naming_end
    if kind == "decision":
        approved = rnd.approved_at.date() if rnd.approved_at else rnd.naming_end
        return approved, max(approved, rnd.commendation_due)
    if kind in ("rectification", "criticism"):
        event_kind = (
            HonourEventKind.ORDER_RECTIFICATION
            if kind == "rectification"
            else HonourEventKind.CIRCULATE_CRITICISM
        )
        happened = latest_event(session, rnd, event_kind, honour_id).happened_on
        return happened, happened + dt.timedelta(days=30)
    today = clock.today()
    return today, today


def default_signed_on(
    session: Session, rnd: Round, kind: str, stage: Stage | None, honour_id: int | None = None
) -> dt.date:
    """The 成文日期 offered for a notice: today while the stage is under way (or still ahead),
    else the stage's own date — never today for a stage that is long past."""
    start, end = _signing_window(session, rnd, kind, stage, honour_id)
    today = clock.today()
    if today > end:
        return start
    return today


def latest_event(
    session: Session, rnd: Round, kind: HonourEventKind, honour_id: int | None
) -> HonourEvent:
    query = select(HonourEvent).where(
        HonourEvent.round_id == rnd.id, HonourEvent.kind == kind.value
    )
    if honour_id is not None:
        query = query.where(HonourEvent.honor_id == honour_id)
    event = session.exec(query.order_by(col(HonourEvent.id).desc())).first()
    if event is None:
        what = {"order_rectification": "限期整改", "circulate_criticism": "通报批评"}[kind.value]
        raise UserError(f"{label(rnd)}还没有{what}的记录。请先在“动态管理”里登记。")
    return event


def _member_pairs(session: Session, items: list[Honour]) -> list[tuple[str, str]]:
    pairs = []
    for honour in items:
        if honour.kind == HonourKind.MEMBER:
            data = json.loads(honour.snapshot or "{}")
            pairs.append((str(data.get("name", "")), str(data.get("branch", ""))))
    return pairs


def _branch_names(session: Session, items: list[Honour]) -> list[str]:
    names = []
    for honour in items:
        if honour.kind == HonourKind.BRANCH:
            branch = session.get(Branch, honour.branch_id)
            names.append(branch.name if branch else "")
    return names


def _year_month(iso: object) -> str:
    """'1988-04-12' -> '1988年4月' (no leading zero, as a form is filled in by hand)."""
    text = str(iso or "")
    if len(text) < 7 or not text[:4].isdigit() or not text[5:7].isdigit():
        return text
    return f"{text[:4]}年{int(text[5:7])}月"


def recommendation_fields(session: Session, honour: Honour) -> tuple[str, list[tuple[str, str]]]:
    data = json.loads(honour.snapshot or "{}")
    if honour.kind == HonourKind.MEMBER:
        return str(data.get("name", "")), [
            ("性别", str(data.get("gender", ""))),
            ("民族", str(data.get("ethnicity", ""))),
            ("出生年月", _year_month(data.get("birth_date"))),
            ("入党时间", _year_month(data.get("joined_on"))),
            ("所在党组织", str(data.get("branch", ""))),
            ("党内职务", str(data.get("post", ""))),
        ]
    branch = session.get(Branch, honour.branch_id)
    assert branch is not None
    members = len(
        list(
            session.exec(
                select(Member.id).where(
                    Member.branch_id == branch.id, col(Member.deleted_at).is_(None)
                )
            )
        )
    )
    return branch.name, [
        ("党组织书记", branch.secretary),
        ("党员人数", f"{members}名"),
        ("所属领域", branch.sector),
        ("成立时间", _year_month(branch.founded.isoformat() if branch.founded else None)),
        ("联系电话", branch.phone),
        ("荣誉称号", honour.title),
    ]


@dataclasses.dataclass(frozen=True)
class _Ask:
    """What a notice is asked for: the round, its number and date, and whom or when it is about."""

    session: Session
    rnd: Round
    township: Township
    number: str
    signed_on: dt.date
    stage: Stage | None
    honour_id: int | None

    @property
    def issuer(self) -> Issuer:
        return issuer_of(self.township)

    @property
    def round_name(self) -> str:
        return label(self.rnd)

    @property
    def contact(self) -> dict[str, str]:
        return {"contact": self.township.contact_person, "phone": self.township.contact_phone}


def _plan_call(a: _Ask) -> NoticeData:
    return notice_texts.plan_call(
        a.issuer, a.number, a.round_name, a.rnd.plan_due, a.signed_on, **a.contact
    )


def _reminder(a: _Ask) -> NoticeData:
    # who was missing on the day the reminder is signed, not on the day it is printed
    overdue_stage, missing = _overdue(a.session, a.rnd, a.signed_on, a.stage)
    return notice_texts.reminder(
        a.issuer,
        a.number,
        a.round_name,
        a.rnd.first_year,
        overdue_stage,
        _due(a.rnd, overdue_stage),
        missing,
        add_working_days(a.signed_on, 5),
        a.signed_on,
        **a.contact,
    )


def _report_call(a: _Ask) -> NoticeData:
    period = _report_period(a.rnd, a.stage, clock.today())
    return notice_texts.report_call(
        a.issuer,
        a.number,
        a.round_name,
        notice_texts.half_year(period, a.rnd.first_year),
        _due(a.rnd, period),
        a.signed_on,
        **a.contact,
    )


def _schedule(a: _Ask) -> NoticeData:
    start, end = a.rnd.evaluation_start, a.rnd.evaluation_end
    span = (end - start).days
    self_end = start + dt.timedelta(days=max(1, span // 4))
    assess_end = self_end + dt.timedelta(days=max(1, span // 2))
    return notice_texts.schedule(
        a.issuer,
        a.number,
        a.round_name,
        a.signed_on,
        materials_due=a.rnd.materials_due,
        self_check=(start, self_end),
        assessment=(self_end + dt.timedelta(days=1), assess_end),
        evaluation=(assess_end + dt.timedelta(days=1), end),
        summary_due=end,
    )


def _announcement(a: _Ask) -> NoticeData:
    session, rnd = a.session, a.rnd
    results = saved_results(session, rnd)
    branches = [line.branch_name for line in results.lines if line.grade == Grade.ADVANCED.value]
    posted = posted_names(session, rnd)  # the 公示 posts exactly the fixed list
    if posted is not None:
        branches = posted[0]
    if not branches and posted is None:
        raise UserError("还没有综合评价为“先进”的单位，请先在“评估材料与评分”里计算综合评价。")
    announcement = get_announcement(session, rnd)
    start = announcement.starts_on if announcement else a.signed_on
    end = announcement.ends_on if announcement else add_working_days(start, rnd.announcement_days)
    members = posted[1] if posted else _member_pairs(session, honours(session, rnd))
    return notice_texts.announcement(
        a.issuer,
        a.number,
        a.round_name,
        branches,
        members,
        start,
        end,
        a.township.contact_phone,
        a.signed_on,
    )


def _decision(a: _Ask) -> NoticeData:
    if a.rnd.approved_at is None:
        raise UserError("评选结果还没有经审批人审批，不能印发表彰决定。")
    granted = [h for h in honours(a.session, a.rnd) if h.state != HonourState.REVOKED.value]
    if not granted:
        raise UserError("本年度还没有命名任何先进，不能生成表彰决定。请先在“公示与表彰”里命名。")
    return notice_texts.decision(
        a.issuer,
        a.number,
        a.round_name,
        _branch_names(a.session, granted),
        _member_pairs(a.session, granted),
        a.signed_on,
    )


def _rectification(a: _Ask) -> NoticeData:
    event = latest_event(a.session, a.rnd, HonourEventKind.ORDER_RECTIFICATION, a.honour_id)
    branch = a.session.get(Branch, event.branch_id)
    assert branch is not None and event.deadline is not None
    return notice_texts.rectification(
        a.issuer, a.number, a.round_name, branch.name, [event.reason], event.deadline, a.signed_on
    )


def _criticism(a: _Ask) -> NoticeData:
    event = latest_event(a.session, a.rnd, HonourEventKind.CIRCULATE_CRITICISM, a.honour_id)
    branch = a.session.get(Branch, event.branch_id)
    honour = a.session.get(Honour, event.honor_id) if event.honor_id else None
    assert branch is not None
    return notice_texts.criticism(
        a.issuer,
        a.number,
        a.round_name,
        branch.name,
        event.reason,
        honour.title if honour else "",
        a.signed_on,
    )


_WRITERS: dict[str, Callable[[_Ask], NoticeData]] = {
    "plan-call": _plan_call,
    "reminder": _reminder,
    "report-call": _report_call,
    "schedule": _schedule,
    "announcement": _announcement,
    "decision": _decision,
    "rectification": _rectification,
    "criticism": _criticism,
}


def notice_facts(
    session: Session,
    *,
    kind: str,
    rnd: Round,
    number: str,
    signed_on: dt.date,
    stage: Stage | None = None,
    honour_id: int | None = None,
) -> NoticeData:
    """The text of a notice of `kind` for the round, from what the database holds."""
    writer = _WRITERS.get(kind)
    if writer is None:
        raise UserError(f"不认识的文书类别“{kind}”。可选：{'、'.join(NOTICE_KINDS)}。")
    township = require_township(session)
    return writer(_Ask(session, rnd, township, number, signed_on, stage, honour_id))
