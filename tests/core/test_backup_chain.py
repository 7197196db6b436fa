"""The automatic backup hashes the audit chain again only from the first block of entries that is
not exactly as the newest good backup checked it; a tampered or cut log is still refused.

Blocks of 16 entries here (the program's are 1,024), so the demo's log spans many blocks.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from demo_folders import build_demo_folder, copy_demo

from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services import registers
from dangjian_desktop.services.common import SYSTEM
from dangjian_desktop.store import audit, backup
from dangjian_desktop.store.backup import (
    auto_backup_if_changed,
    create_backup,
    list_backups,
    read_backup_info,
    snapshot_problem,
)
from dangjian_desktop.store.db import open_database
from dangjian_desktop.store.models import Branch


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "d"
    return build_demo_folder(folder, today=dt.date(2027, 3, 1), branches=8, members=40)


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DataDir:
    monkeypatch.setattr(backup, "CHAIN_BLOCK_BITS", 4)
    return copy_demo(demo_template, tmp_path / "d")


@pytest.fixture
def starts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The first entry each chain check of a backup hashed from."""
    seen: list[int] = []
    real = audit.verify_chain

    def spy(session: Any, *, start: int = 0, previous: str = "") -> list[str]:
        seen.append(start)
        return real(session, start=start, previous=previous)

    monkeypatch.setattr(audit, "verify_chain", spy)
    return seen


def _sql(data: DataDir, statement: str) -> None:
    con = sqlite3.connect(data.database)
    try:
        con.execute(statement)
        con.commit()
    finally:
        con.close()


def _entries(data: DataDir) -> int:
    con = sqlite3.connect(data.database)
    try:
        return int(con.execute("SELECT count(*) FROM auditentry").fetchone()[0])
    finally:
        con.close()


def _rename_a_branch(data: DataDir) -> None:
    """A change through the program: new entries at the end of the log."""
    db = open_database(data)
    try:
        with db.transaction() as session:
            branch = session.get(Branch, 1)
            assert branch is not None
            registers.update_branch(
                session,
                actor=SYSTEM,
                branch_id=1,
                data=registers.BranchInput(
                    name=branch.name + "（改）",
                    level=branch.level,
                    parent_id=branch.parent_id,
                    sector=branch.sector,
                    secretary=branch.secretary,
                ),
            )
    finally:
        db.close()


def test_the_next_backup_hashes_only_the_entries_after_the_checked_ones(
    demo: DataDir, starts: list[int]
) -> None:
    assert _entries(demo) > 5 * 16
    first = create_backup(demo, label="自动")
    assert starts == [0]  # nothing checked before: the whole log
    blocks = read_backup_info(first).chain_blocks
    assert len(blocks) > 5
    _rename_a_branch(demo)
    second = create_backup(demo, label="自动")
    last_block = max(blocks)
    assert starts[1] == last_block << 4  # from the last block, which the new entries joined
    info = read_backup_info(second)
    assert info.problem is None and len(info.chain_blocks) >= len(blocks)
    assert {b: info.chain_blocks[b] for b in blocks if b != last_block} == {
        b: d for b, d in blocks.items() if b != last_block
    }


@pytest.mark.parametrize(
    "tampering",
    [
        "UPDATE auditentry SET summary = '改过的摘要' WHERE id = 20",
        "DELETE FROM auditentry WHERE id BETWEEN 32 AND 47",  # a whole block gone
        "UPDATE auditentry SET hash = '' WHERE id = 40",
    ],
)
def test_an_old_entry_changed_behind_the_programs_back_is_still_refused(
    demo: DataDir, starts: list[int], tampering: str
) -> None:
    good = create_backup(demo, label="自动")
    _sql(demo, tampering)
    with pytest.raises(UserError, match="没有做自动备份：操作日志第"):
        auto_backup_if_changed(demo)
    assert starts[-1] < 48  # hashed again from the tampered block, not from the end
    assert [b.path for b in list_backups(demo)] == [good]


def test_a_backup_found_bad_hands_on_no_blocks_and_the_next_check_is_whole(
    demo: DataDir, starts: list[int]
) -> None:
    _sql(demo, "UPDATE auditentry SET summary = '改过的摘要' WHERE id = 20")
    bad = create_backup(demo, label="手动")  # a manual backup is written even so
    info = read_backup_info(bad)
    assert info.problem is not None and info.chain_blocks == {}
    _sql(demo, "UPDATE auditentry SET summary = summary || '' WHERE id = 20")
    with pytest.raises(UserError, match="没有做自动备份"):
        create_backup(demo, label="自动")
    assert starts == [0, 0]  # no good backup to start from: the whole log both times


def test_blocks_checked_before_do_not_hide_a_tampered_snapshot(demo: DataDir) -> None:
    """The blocks of a good backup are only a shortcut: a snapshot whose own blocks differ is
    hashed from the first difference, whatever the blocks handed on say."""
    good = read_backup_info(create_backup(demo, label="自动"))
    _sql(demo, "UPDATE auditentry SET operator = '别人' WHERE id = 3")
    assert snapshot_problem(demo.database, verified=good.chain_blocks) is not None
    assert snapshot_problem(demo.database) is not None
