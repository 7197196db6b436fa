"""Operators: roles, passwords, and the office never left without an administrator."""

from __future__ import annotations

import pytest

from dangjian_desktop.errors import UserError
from dangjian_desktop.services import operators
from dangjian_desktop.services.common import SYSTEM, Actor, ident
from dangjian_desktop.store.db import Database


def test_the_last_admin_cannot_be_demoted(db: Database) -> None:
    with db.transaction() as s:
        first = operators.create_operator(
            s, actor=SYSTEM, name="李丽华", role="admin", password="abc123"
        )
        admin = Actor(first.name, first.role, first.id)
        clerk = operators.create_operator(s, actor=admin, name="王晓燕", role="clerk")
    with db.transaction() as s, pytest.raises(UserError, match="唯一的管理员"):
        operators.set_role(s, actor=admin, operator_id=ident(first), role="clerk")
    with db.transaction() as s:
        operators.set_role(s, actor=admin, operator_id=ident(clerk), role="admin")
        operators.set_role(s, actor=admin, operator_id=ident(first), role="approver")
    with db.session() as s:
        assert operators.sign_in(s, "李丽华", "abc123").role == "approver"
        with pytest.raises(UserError, match="密码不对"):
            operators.sign_in(s, "李丽华", "wrong")
