"""What every service shares: who is acting, finding a round, audit snapshots, guards.

Services are functions with a keyword-only `session`; the caller opens one session per user
action (`Database.transaction()`), so a change and its audit entry commit together or not at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlmodel import Session as Session  # the session pages are handed by ctx.read / ctx.act
from sqlmodel import SQLModel, select

from dangjian_desktop.domain.calendar import RoundDates
from dangjian_desktop.domain.rounds import RoundSettings, RoundStatus, ensure_round_open
from dangjian_desktop.domain.scoring import Weights
from dangjian_desktop.domain.text import round_label
from dangjian_desktop.errors import UserError
from dangjian_desktop.store import audit
from dangjian_desktop.store.models import Branch, Enrolment, Member, Round, Setting

ROLE_NAMES = {"clerk": "经办人", "approver": "审批人", "admin": "管理员"}


@dataclass(frozen=True)
class Actor:
    """The operator doing the action, as written into the audit log."""

    name: str
    role: str = "clerk"
    id: int | None = None

    def has_role(self, role: str) -> bool:
        """An administrator may do what a clerk does, but is not a 审批人 (see services/office)."""
        return self.role == role or (self.role == "admin" and role != "approver")


SYSTEM = Actor("系统", "admin")
COMMAND_LINE = Actor("命令行", "admin")
"""Changes made through `dangjian-desktop COMMAND` are audited under this name."""


def snapshot(obj: SQLModel, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    """A row as plain JSON-friendly values, for the audit log's old → new."""
    data = obj.model_dump()
    if fields is not None:
        data = {k: data[k] for k in fields}
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dt.datetime | dt.date):
            out[key] = value.isoformat()
        elif isinstance(value, Decimal):
            out[key] = str(value)
        else:
            out[key] = value
    return out


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the fields that changed, as (old, new)."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def log(
    session: Session,
    actor: Actor,
    action: str,
    obj: SQLModel,
    summary: str,
    *,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    reason: str = "",
) -> None:
    object_id = getattr(obj, "id", None)
    audit.record(
        session,
        actor=actor.name,
        action=action,
        object_type=type(obj).__tablename__,  # type: ignore[arg-type]
        object_id=object_id if isinstance(object_id, int) else None,
        summary=summary,
        old=old,
        new=new,
        reason=reason,
    )


def ident(row: SQLModel) -> int:
    """The id of a row that has been flushed (tables number their rows on insert)."""
    value = getattr(row, "id", None)
    if not isinstance(value, int):
        raise RuntimeError(f"{type(row).__name__} has no id yet: flush the session first")
    return value


def find_round(session: Session, first_year: int | None) -> Round | None:
    """The round of that first year; None when no year is chosen or there is no such round."""
    if first_year is None:
        return None
    return session.exec(select(Round).where(Round.first_year == first_year)).first()


def get_round(session: Session, first_year: int) -> Round:
    found = find_round(session, first_year)
    if found is None:
        raise UserError(f"还没有{round_label(first_year)}，请先在“设置”里新建这个创建年度。")
    return found


@dataclass(frozen=True)
class RoundInfo:
    """A round in plain values for the pages: its first year, whether it is closed, its dates."""

    first_year: int
    closed: bool
    dates: RoundDates


def round_info(session: Session, first_year: int | None) -> RoundInfo | None:
    """The round of that first year; None when no year is chosen or there is no such round."""
    found = find_round(session, first_year)
    if found is None:
        return None
    return RoundInfo(found.first_year, found.status == RoundStatus.CLOSED, round_dates(found))


def latest_round(session: Session) -> Round | None:
    return session.exec(select(Round).order_by(Round.first_year.desc())).first()  # type: ignore[attr-defined]


def label(rnd: Round) -> str:
    return round_label(rnd.first_year)


def ensure_writable(rnd: Round) -> None:
    ensure_round_open(RoundStatus(rnd.status), label(rnd))


def round_dates(rnd: Round) -> RoundDates:
    return RoundDates(
        opens=rnd.opens,
        plan_due=rnd.plan_due,
        report_h2_due=rnd.report_h2_due,
        report_h1_due=rnd.report_h1_due,
        materials_due=rnd.materials_due,
        evaluation_start=rnd.evaluation_start,
        evaluation_end=rnd.evaluation_end,
        naming_end=rnd.naming_end,
        commendation_due=rnd.commendation_due,
        announcement_days=rnd.announcement_days,
    )


def dates_of(session: Session, first_year: int) -> RoundDates:
    """The dates (and 公示 days) of the round of that first year."""
    return round_dates(get_round(session, first_year))


def round_settings(rnd: Round) -> RoundSettings:
    return RoundSettings(
        first_year=rnd.first_year,
        dates=round_dates(rnd),
        quota_percent=rnd.quota_percent,
        weights=Weights(self_check=rnd.self_weight, assessment=rnd.assessment_weight),
        advanced_min=rnd.advanced_min,
        pass_min=rnd.pass_min,
    )


def put_setting(session: Session, key: str, value: str) -> Setting:
    """Create or overwrite one key of the settings table; the caller writes the audit entry."""
    row = session.get(Setting, key)
    if row is None:
        row = Setting(key=key, value=value)
    else:
        row.value = value
    session.add(row)
    session.flush()
    return row


def get_branch(session: Session, branch_id: int) -> Branch:
    branch = session.get(Branch, branch_id)
    if branch is None or branch.deleted_at is not None:
        raise UserError("找不到这个党组织，它可能已被删除。请刷新后再试。")
    return branch


def get_member(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.deleted_at is not None:
        raise UserError("找不到这名党员，可能已被删除。请刷新后再试。")
    return member


def find_enrolment(session: Session, rnd: Round, branch_id: int) -> Enrolment | None:
    return session.exec(
        select(Enrolment).where(
            Enrolment.round_id == rnd.id,
            Enrolment.branch_id == branch_id,
            Enrolment.withdrawn_at.is_(None),  # type: ignore[union-attr]
        )
    ).first()


def get_enrolment(session: Session, rnd: Round, branch_id: int) -> Enrolment:
    enrolment = find_enrolment(session, rnd, branch_id)
    if enrolment is None:
        branch = session.get(Branch, branch_id)
        name = branch.name if branch else "这个党组织"
        raise UserError(f"{name}没有申报{label(rnd)}的创建活动。请先在“申报与方案”里为它登记申报。")
    return enrolment


def require_role(actor: Actor, role: str, what: str) -> None:
    if not actor.has_role(role):
        raise UserError(
            f"{what}需要“{ROLE_NAMES[role]}”身份，当前操作员{actor.name}是“"
            f"{ROLE_NAMES.get(actor.role, actor.role)}”。请切换到有权限的操作员。"
        )
