"""The fast paths behind the bench's figures (opening a database without Alembic, adding members in
bulk, the audit chain) behave exactly like the plain code they replace."""

from __future__ import annotations

import datetime as dt
import sys
from unittest import mock

import pytest
from sqlmodel import col, func, select

from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services import registers
from dangjian_desktop.services.common import SYSTEM
from dangjian_desktop.store import audit
from dangjian_desktop.store.db import HEAD, head_revision, open_database
from dangjian_desktop.store.models import AuditEntry, Member


def test_head_constant_is_alembics_head() -> None:
    assert head_revision() == HEAD


def test_a_database_at_head_opens_without_alembic(data_dir: DataDir) -> None:
    open_database(data_dir).close()  # created and migrated
    hidden = {name: None for name in list(sys.modules) if name.startswith("alembic")}
    hidden["alembic"] = None
    with mock.patch.dict(sys.modules, hidden):  # importing alembic now fails
        db = open_database(data_dir)
    db.close()


def _branch(db, name: str = "石龙村党总支") -> int:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        branch = registers.add_branch(
            session, actor=SYSTEM, data=registers.BranchInput(name=name, level="general_branch")
        )
        assert branch.id is not None
        return branch.id


def _people(branch_id: int, n: int) -> list[registers.MemberInput]:
    return [
        registers.MemberInput(
            name=f"李{'一二三四五六七八九十'[i % 10]}华{i // 10 or ''}",
            gender="男",
            ethnicity="彝族",
            branch_id=branch_id,
            birth_date=dt.date(1970, 1, 1 + i % 28),
        )
        for i in range(n)
    ]


def test_add_members_checks_each_row_and_writes_one_audit_entry(data_dir: DataDir) -> None:
    db = open_database(data_dir)
    branch_id = _branch(db)
    with db.transaction() as session:
        before = session.exec(select(func.count()).select_from(AuditEntry)).one()
        assert registers.add_members(session, actor=SYSTEM, rows=_people(branch_id, 30)) == 30
    with db.session() as session:
        assert len(registers.member_rows(session)) == 30
        entries = session.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all()
        assert len(entries) == before + 1
        assert entries[-1].summary == "批量新增党员30名"
        assert audit.verify_chain(session) == []
    db.close()


def test_add_members_saves_nothing_when_one_row_is_wrong(data_dir: DataDir) -> None:
    db = open_database(data_dir)
    branch_id = _branch(db)
    rows = _people(branch_id, 5)
    rows[3].ethnicity = "火星族"
    with pytest.raises(UserError, match="民族"), db.transaction() as session:
        registers.add_members(session, actor=SYSTEM, rows=rows)
    duplicate = [*_people(branch_id, 2), _people(branch_id, 1)[0]]
    with pytest.raises(UserError, match="请勿重复录入"), db.transaction() as session:
        registers.add_members(session, actor=SYSTEM, rows=duplicate)
    with db.transaction() as session:
        registers.add_members(session, actor=SYSTEM, rows=_people(branch_id, 1))
    with pytest.raises(UserError, match="请勿重复录入"), db.transaction() as session:
        registers.add_members(session, actor=SYSTEM, rows=_people(branch_id, 1))
    with db.session() as session:
        assert session.exec(select(func.count()).select_from(Member)).one() == 1
    db.close()


def test_the_audit_chain_holds_across_many_entries_and_a_rollback(data_dir: DataDir) -> None:
    db = open_database(data_dir)
    branch_id = _branch(db)
    with pytest.raises(RuntimeError), db.transaction() as session:
        registers.add_member(session, actor=SYSTEM, data=_people(branch_id, 1)[0])
        raise RuntimeError("rolled back after an audit entry was written")
    with db.transaction() as session:
        for data in _people(branch_id, 4):
            registers.add_member(session, actor=SYSTEM, data=data)
    with db.transaction() as session:
        registers.add_member(session, actor=SYSTEM, data=_people(branch_id, 5)[4])
    with db.session() as session:
        assert audit.verify_chain(session) == []
        assert len(registers.member_rows(session)) == 5
    db.close()
