"""Operators (操作员) and their roles: 经办人, 审批人, 管理员."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from sqlmodel import Session, select

from dangjian_desktop import clock
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import ROLE_NAMES, Actor, log, require_role
from dangjian_desktop.store import seal
from dangjian_desktop.store.models import Operator

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def password_matches(stored: str, password: str) -> bool:
    try:
        _, salt_b64, digest_b64 = stored.split("$")
        salt = base64.b64decode(salt_b64)
        expected = base64.b64decode(digest_b64)
    except ValueError:
        return False
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)
    return hmac.compare_digest(digest, expected)


def list_operators(session: Session, *, include_inactive: bool = False) -> list[Operator]:
    query = select(Operator).order_by(Operator.id)  # type: ignore[arg-type]
    if not include_inactive:
        query = query.where(Operator.active == True)  # noqa: E712
    return list(session.exec(query))


@dataclass(frozen=True)
class OperatorLine:
    """An operator as the window lists them (never the password's hash)."""

    id: int
    name: str
    role: str
    has_password: bool
    active: bool

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)


def operator_lines(session: Session, *, include_inactive: bool = False) -> list[OperatorLine]:
    return [
        OperatorLine(op.id or 0, op.name, op.role, bool(op.password_hash), op.active)
        for op in list_operators(session, include_inactive=include_inactive)
    ]


def create_operator(
    session: Session, *, actor: Actor, name: str, role: str, password: str | None = None
) -> Operator:
    name = name.strip()
    if not name:
        raise UserError("操作员姓名不能为空。")
    if role not in ROLE_NAMES:
        raise UserError("身份只能是经办人、审批人或管理员。")
    existing = list_operators(session, include_inactive=True)
    if existing:  # the very first operator is created by the first-start wizard
        require_role(actor, "admin", "添加操作员")
    if any(op.name == name for op in existing):
        raise UserError(f"已经有名叫“{name}”的操作员了，请换一个名字（可加上科室）。")
    operator = Operator(
        name=name,
        role=role,
        password_hash=hash_password(password) if password else None,
        created_at=clock.now(),
    )
    session.add(operator)
    session.flush()
    log(
        session,
        actor,
        "create",
        operator,
        f"添加操作员{name}（{ROLE_NAMES[role]}）",
        new={"name": name, "role": role, "password": bool(password)},
    )
    return operator


def sign_in(session: Session, name: str, password: str | None = None) -> Actor:
    operator = session.exec(
        select(Operator).where(Operator.name == name, Operator.active == True)  # noqa: E712
    ).first()
    if operator is None:
        raise UserError(f"没有名叫“{name}”的操作员。")
    if not seal.row_intact(seal.query_of(session.connection()), "operator", operator.id or 0):
        raise UserError(
            f"操作员“{name}”的记录（身份或密码）在程序之外被改动过，为安全起见不能用它登录。"
            "请用另一名操作员登录后运行“检查”，或从备份恢复。"
        )
    if operator.password_hash and not password_matches(operator.password_hash, password or ""):
        raise UserError("密码不对，请重新输入。")
    return Actor(operator.name, operator.role, operator.id)


def set_role(session: Session, *, actor: Actor, operator_id: int, role: str) -> Operator:
    require_role(actor, "admin", "修改操作员身份")
    operator = session.get(Operator, operator_id)
    if operator is None:
        raise UserError("找不到这个操作员。")
    if role not in ROLE_NAMES:
        raise UserError("身份只能是经办人、审批人或管理员。")
    old = operator.role
    if old == "admin" and role != "admin":
        admins = [op for op in list_operators(session) if op.role == "admin"]
        if len(admins) <= 1:
            raise UserError("这是唯一的管理员，不能改成其他身份。请先把另一名操作员设为管理员。")
    operator.role = role
    session.add(operator)
    log(
        session,
        actor,
        "update",
        operator,
        f"{operator.name}的身份改为{ROLE_NAMES[role]}",
        old={"role": old},
        new={"role": role},
    )
    return operator


def set_password(
    session: Session, *, actor: Actor, operator_id: int, password: str | None
) -> Operator:
    operator = session.get(Operator, operator_id)
    if operator is None:
        raise UserError("找不到这个操作员。")
    if actor.id != operator_id:
        require_role(actor, "admin", "修改别人的密码")
    operator.password_hash = hash_password(password) if password else None
    session.add(operator)
    log(
        session, actor, "update", operator, f"{'设置' if password else '取消'}{operator.name}的密码"
    )
    return operator


def deactivate_operator(session: Session, *, actor: Actor, operator_id: int) -> Operator:
    require_role(actor, "admin", "停用操作员")
    operator = session.get(Operator, operator_id)
    if operator is None:
        raise UserError("找不到这个操作员。")
    if operator.id == actor.id:
        raise UserError("不能停用自己。请用另一名管理员操作。")
    operator.active = False
    session.add(operator)
    log(session, actor, "deactivate", operator, f"停用操作员{operator.name}")
    return operator
