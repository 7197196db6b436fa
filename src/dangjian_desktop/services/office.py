"""Who does what in the office (设置 → 办公室分工): the 审批人 as a role of its own, a one-person
office, and 双人录入 by two different operators. Kept in the settings table."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import ROLE_NAMES, Actor, log
from dangjian_desktop.store.models import Assessment, Round, Setting

ONE_PERSON_KEY = "office.one_person"
SAME_OPERATOR_KEY = "office.double_entry_same_operator"


# ------------------------------------------------------------------ office rules


@dataclass(frozen=True)
class OfficeRules:
    one_person: bool = False
    """一人办公: the clerk who computed the results may also approve them (printed on the record)."""
    same_operator_double_entry: bool = False
    """双人录入 may be keyed twice by the same operator (the results table then says so)."""


def office_rules(session: Session) -> OfficeRules:
    def flag(key: str) -> bool:
        row = session.get(Setting, key)
        return row is not None and row.value == "1"

    return OfficeRules(flag(ONE_PERSON_KEY), flag(SAME_OPERATOR_KEY))


def set_office_rules(
    session: Session, *, actor: Actor, one_person: bool, same_operator_double_entry: bool
) -> OfficeRules:
    if not actor.has_role("admin"):
        raise UserError("修改办公室分工需要“管理员”身份。请切换到管理员。")
    old = office_rules(session)
    for key, value in (
        (ONE_PERSON_KEY, one_person),
        (SAME_OPERATOR_KEY, same_operator_double_entry),
    ):
        row = session.get(Setting, key) or Setting(key=key, value="0")
        row.value = "1" if value else "0"
        session.add(row)
    new = OfficeRules(one_person, same_operator_double_entry)
    words = []
    if new.one_person != old.one_person:
        words.append("一人办公模式" + ("打开" if one_person else "关闭"))
    if new.same_operator_double_entry != old.same_operator_double_entry:
        words.append(
            "双人录入" + ("允许同一人录两遍" if same_operator_double_entry else "须两名操作员")
        )
    log(
        session,
        actor,
        "update",
        Setting(key="office", value=""),
        "办公室分工：" + ("；".join(words) or "未改动"),
        old={"one_person": old.one_person, "same_operator": old.same_operator_double_entry},
        new={"one_person": one_person, "same_operator": same_operator_double_entry},
    )
    return new


def may_approve(session: Session, actor: Actor) -> bool:
    """审批人 is a role of its own; an administrator approves only in a one-person office."""
    if actor.role == "approver":
        return True
    return actor.role == "admin" and office_rules(session).one_person


def require_approver(session: Session, actor: Actor, what: str) -> None:
    if not may_approve(session, actor):
        raise UserError(
            f"{what}需要“审批人”身份，当前操作员{actor.name}是“"
            f"{ROLE_NAMES.get(actor.role, actor.role)}”。请由审批人登录后操作"
            "（管理员不自动拥有审批权；只有一人的办公室可在“设置”里打开一人办公模式）。"
        )


def second_entry_refusal(
    session: Session, rnd: Round, assessor_id: int, entry: int, actor: Actor
) -> str | None:
    """双人录入: the other pass of this sheet must have been keyed by someone else."""
    if not rnd.double_entry or actor.id is None or office_rules(session).same_operator_double_entry:
        return None
    other = session.exec(
        select(Assessment.id).where(
            Assessment.assessor_id == assessor_id,
            Assessment.entry == (2 if entry == 1 else 1),
            Assessment.operator_id == actor.id,
        )
    ).first()
    if other is None:
        return None
    return (
        f"这张评分表的另一遍是{actor.name}录入的。双人录入要由两名不同的操作员各录一遍，"
        "请换另一名操作员登录后录入（只有一人的办公室可在“设置”里允许同一人录两遍）。"
    )


def double_entry_note(session: Session, rnd: Round) -> str:
    """How the scores were keyed, for the results table."""
    if not rnd.double_entry:
        return "评分为单人录入（本年度未采用双人录入）。"
    if office_rules(session).same_operator_double_entry:
        return "评分双人录入，本办公室设置为允许同一名操作员录入两遍。"
    return "评分双人录入，两遍由两名不同的操作员录入，不一致处已核对一致。"
