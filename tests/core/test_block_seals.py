"""Seals kept per block of rows (store/seal.py, schema 0007): `check` hashes each block whole
in one pass of SQLite and reads row by row only a block that differs; a commit renews only the
blocks it wrote, and never seals over a row another tool changed. What they find is what the
per-row seals found before."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import select

from dangjian_desktop import clock
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services.common import SYSTEM
from dangjian_desktop.services.integrity import check_contents, check_folder
from dangjian_desktop.services.township import save_township
from dangjian_desktop.store import seal
from dangjian_desktop.store.db import Database, open_database
from dangjian_desktop.store.models import AuditEntry, Branch, Setting

BLOCK = 1 << seal.BLOCK_BITS
ROWS = 2 * BLOCK + 300  # three blocks of the setting table


@pytest.fixture
def filled(data_dir: DataDir) -> Iterator[Database]:
    db = open_database(data_dir)
    with db.transaction() as session:
        save_township(session, actor=SYSTEM, name="石龙镇")
        session.add_all(Setting(key=f"测试{n:04d}", value=f"值{n}") for n in range(ROWS))
    yield db
    db.close()


def _raw(db: Database, *statements: str) -> None:
    con = sqlite3.connect(db.path)
    try:
        for statement in statements:
            con.execute(statement)
        con.commit()
    finally:
        con.close()


def _rowid(db: Database, key: str) -> int:
    con = sqlite3.connect(db.path)
    try:
        return int(con.execute("SELECT rowid FROM setting WHERE key = ?", (key,)).fetchone()[0])
    finally:
        con.close()


def _blocks(db: Database) -> dict[int, tuple[str, str]]:
    con = sqlite3.connect(db.path)
    try:
        rows = con.execute("SELECT block, digest, rows FROM sealblock WHERE tbl = 'setting'")
        return {block: (digest, text) for block, digest, text in rows}
    finally:
        con.close()


class Counting:
    """A seal.Query on a file that counts the statements reading a block row by row."""

    def __init__(self, db: Database) -> None:
        self.con = sqlite3.connect(db.path)
        self.row_by_row = 0

    def __call__(self, sql: str, params: Any = ()) -> list[Any]:
        if sql.startswith("SELECT rowid, json_array("):
            self.row_by_row += 1
        return self.con.execute(sql, tuple(params)).fetchall()


def test_the_data_is_sealed_by_block_and_checks_clean(filled: Database) -> None:
    blocks = _blocks(filled)
    assert len(blocks) >= 3
    assert sum(len(text.split()) for _, text in blocks.values()) >= ROWS
    q = Counting(filled)
    assert seal.verify(q) == []
    assert q.row_by_row == 0  # every block hashed whole, none read row by row
    with filled.session() as session:
        assert check_contents(filled, session) == []
    assert check_folder(filled.data_dir) == []


def test_a_changed_row_is_named_and_only_its_block_is_read_row_by_row(filled: Database) -> None:
    rowid = _rowid(filled, "测试0300")
    _raw(filled, "UPDATE setting SET value = '改过' WHERE key = '测试0300'")
    q = Counting(filled)
    assert seal.verify(q) == [seal.Finding("setting", rowid, "changed")]
    assert q.row_by_row == 1
    with filled.session() as session:
        problems = check_contents(filled, session)
    assert problems == [f"“设置”表（setting）第{rowid}行（测试0300）在程序之外被改动过。"]


def test_rows_added_past_the_sealed_blocks_and_a_whole_block_deleted_are_found(
    filled: Database,
) -> None:
    _raw(
        filled,
        "INSERT INTO setting (rowid, key, value) VALUES (900000, '外来', '1')",
        f"DELETE FROM setting WHERE rowid >= {BLOCK} AND rowid < {2 * BLOCK}",
    )
    found = seal.verify_file(filled.path)
    assert seal.Finding("setting", 900000, "added") in found
    deleted = [f.rowid for f in found if f.kind == "deleted"]
    assert deleted == list(range(BLOCK, 2 * BLOCK))
    assert len(found) == BLOCK + 1


def test_a_blob_put_in_by_another_tool_is_found_and_can_be_sealed_over(
    filled: Database,
) -> None:
    rowid = _rowid(filled, "测试0010")
    _raw(filled, "UPDATE setting SET value = X'00FF' WHERE key = '测试0010'")
    assert seal.verify_file(filled.path) == [seal.Finding("setting", rowid, "changed")]
    con = sqlite3.connect(filled.path)
    with con:
        seal.reseal(seal.query_of(con), ["setting"])
    con.close()
    assert seal.verify_file(filled.path) == []


def test_a_value_of_another_type_is_a_change(filled: Database) -> None:
    _raw(filled, "UPDATE setting SET value = 5 WHERE key = '测试0005'")
    _raw(filled, "UPDATE setting SET value = '5' WHERE key = '测试0006'")
    assert [f.kind for f in seal.verify_file(filled.path)] == ["changed", "changed"]


def test_a_commit_renews_only_the_blocks_it_wrote(filled: Database) -> None:
    before = _blocks(filled)
    rowid = _rowid(filled, "测试2100")
    with filled.transaction() as session:
        setting = session.exec(select(Setting).where(Setting.key == "测试2100")).one()
        setting.value = "经程序改动"
        session.add(setting)
    after = _blocks(filled)
    changed = {block for block in before.keys() | after.keys() if before.get(block) != after[block]}
    assert changed == {rowid >> seal.BLOCK_BITS}
    assert seal.verify_file(filled.path) == []


def test_a_commit_in_the_same_block_does_not_seal_over_a_row_changed_outside(
    filled: Database,
) -> None:
    with filled.transaction() as session:
        session.add_all(
            Branch(name=f"第{n}支部", level="branch", sector="农村", created_at=clock.now())
            for n in range(1, 31)
        )
    _raw(
        filled,
        "UPDATE branch SET name = '改过' WHERE id = 10",
        "DELETE FROM branch WHERE id = 11",
        "INSERT INTO branch (id, name, level, sector, ethnic_area, secretary, phone, status,"
        " remark, created_at) VALUES (0, '外来', 'branch', '农村', 0, '', '', 'active', '',"
        " '2026-01-01 00:00:00.000000')",
    )
    with filled.transaction() as session:  # the program writes a row of the same block
        branch = session.get(Branch, 12)
        assert branch is not None
        branch.secretary = "王书记"
        session.add(branch)
    assert seal.verify_file(filled.path) == [
        seal.Finding("branch", 0, "added"),
        seal.Finding("branch", 10, "changed"),
        seal.Finding("branch", 11, "deleted"),
    ]


def test_a_damaged_block_seal_is_told_not_taken_for_data(filled: Database) -> None:
    _raw(filled, "UPDATE sealblock SET digest = '0' WHERE tbl = 'setting' AND block = 1")
    assert seal.verify_file(filled.path) == [seal.Finding("setting", None, "unsealed")]
    with filled.session() as session:
        problems = check_contents(filled, session)
    assert any("校验记录不见了或已损坏" in p for p in problems), problems


def test_seals_kept_the_old_way_are_still_verified(filled: Database) -> None:
    """A file written before schema 0007 (a backup, say) still has one JSON text per table."""
    from dangjian_desktop.store.seal_json import row_seals

    con = sqlite3.connect(filled.path)
    with con:
        q = seal.query_of(con)
        for table in seal.sealed_tables(q):
            value = json.dumps(row_seals(q, table), separators=(",", ":"))
            con.execute("UPDATE setting SET value = ? WHERE key = ?", (value, seal.PREFIX + table))
        con.execute("DROP TABLE sealblock")
    con.close()
    assert seal.verify_file(filled.path) == []
    _raw(filled, "UPDATE setting SET value = '改过' WHERE key = '测试0300'")
    rowid = _rowid(filled, "测试0300")
    assert seal.verify_file(filled.path) == [seal.Finding("setting", rowid, "changed")]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE auditentry SET at = '2020-01-01 00:00:00.000000' WHERE id = 1",
        "UPDATE auditentry SET at = 20200101 WHERE id = 1",
        "UPDATE auditentry SET object_id = '一' WHERE id = 1",
        "UPDATE auditentry SET summary = X'00' WHERE id = 1",
    ],
)
def test_an_audit_entry_changed_in_time_or_type_breaks_the_chain(
    filled: Database, statement: str
) -> None:
    with filled.session() as session:
        first = session.exec(select(AuditEntry).order_by(AuditEntry.id)).first()  # type: ignore[arg-type]
        assert first is not None and first.object_id is not None
    _raw(filled, statement)
    problems = check_folder(filled.data_dir)
    assert any("操作日志第1条" in p and "校验值不符" in p for p in problems), problems


def test_a_damaged_file_is_told_alone(data_dir: DataDir) -> None:
    db = open_database(data_dir)
    with db.transaction() as session:
        save_township(session, actor=SYSTEM, name="石龙镇")
    db.close()
    with open(data_dir.database, "r+b") as fh:  # the first page of the log's table: garbage
        con = sqlite3.connect(data_dir.database)
        page = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'auditentry'")
        root = int(page.fetchone()[0])
        size = int(con.execute("PRAGMA page_size").fetchone()[0])
        con.close()
        fh.seek((root - 1) * size + 8)
        fh.write(b"\xff" * 200)
    problems = check_folder(data_dir)
    assert problems and all(p.startswith("数据库") for p in problems), problems


def test_check_open_checks_a_database_the_program_holds(filled: Database) -> None:
    from dangjian_desktop.services.integrity import check_open

    assert check_open(filled) == []
    rowid = _rowid(filled, "测试0007")
    _raw(filled, "UPDATE setting SET value = '改过' WHERE key = '测试0007'")
    assert check_open(filled) == [f"“设置”表（setting）第{rowid}行（测试0007）在程序之外被改动过。"]
