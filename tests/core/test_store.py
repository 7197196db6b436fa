"""Storage: pragmas, migrations, refusal of damaged and newer files, backups, the audit chain."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel, select

from dangjian_desktop.paths import DataDir
from dangjian_desktop.services.common import SYSTEM
from dangjian_desktop.services.township import save_township
from dangjian_desktop.store import models  # noqa: F401
from dangjian_desktop.store.audit import verify_chain
from dangjian_desktop.store.backup import create_backup, list_backups, restore_backup
from dangjian_desktop.store.db import (
    DatabaseDamaged,
    DatabaseTooNew,
    _alembic_config,
    head_revision,
    make_engine,
    open_database,
)
from dangjian_desktop.store.models import AuditEntry, Township


def test_every_connection_has_the_pragmas(data_dir: DataDir) -> None:
    db = open_database(data_dir)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.close()


def test_empty_folder_migrates_to_head_and_models_match(data_dir: DataDir) -> None:
    db = open_database(data_dir)
    with db.engine.connect() as conn:
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert version == head_revision()
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    # server defaults added by 0002 are not a schema difference; the seals' own table (0007)
    # is no model: only store/seal.py reads and writes it
    assert [
        d
        for d in diff
        if d[0] != "modify_default" and not (d[0] == "remove_table" and d[1].name == "sealblock")
    ] == []
    db.close()


def test_older_file_is_backed_up_then_upgraded(data_dir: DataDir) -> None:
    from alembic import command

    data_dir.ensure()
    engine = make_engine(data_dir.database)
    with engine.connect() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.exec_driver_sql(
            "INSERT INTO township (name, organ, office, doc_prefix, seal_text, county, prefecture,"
            " province, contact_person, contact_phone) VALUES"
            " ('石龙镇', '中共石龙镇委员会', '办', '石党发', '', '', '', '', '', '')"
        )
        conn.commit()
    engine.dispose()

    db = open_database(data_dir)
    backups = list(data_dir.backups.glob("升级前备份-*-0001.sqlite3"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert con.execute("SELECT name FROM township").fetchone()[0] == "石龙镇"
    con.close()
    with db.session() as session:
        assert session.exec(select(Township)).one().name == "石龙镇"
    db.close()


def test_newer_file_is_refused_and_left_untouched(data_dir: DataDir) -> None:
    open_database(data_dir).close()
    con = sqlite3.connect(data_dir.database)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = data_dir.database.read_bytes()
    with pytest.raises(DatabaseTooNew, match="更新版本"):
        open_database(data_dir)
    assert data_dir.database.read_bytes() == before


def test_damaged_file_is_refused(data_dir: DataDir) -> None:
    open_database(data_dir).close()
    raw = bytearray(data_dir.database.read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)
    data_dir.database.write_bytes(bytes(raw))
    with pytest.raises(DatabaseDamaged, match="损坏"):
        open_database(data_dir)


def test_audit_chain_detects_an_edit_behind_the_programs_back(data_dir: DataDir) -> None:
    db = open_database(data_dir)
    with db.transaction() as session:
        save_township(session, actor=SYSTEM, name="石龙镇")
    with db.transaction() as session:
        save_township(session, actor=SYSTEM, name="石龙镇", contact_phone="0873-6123456")
    with db.session() as session:
        assert verify_chain(session) == []
        first = session.exec(select(AuditEntry).order_by(AuditEntry.id)).first()  # type: ignore[arg-type]
        assert first is not None
        first_id = first.id
    db.close()
    con = sqlite3.connect(data_dir.database)
    con.execute("UPDATE auditentry SET summary = '改过的' WHERE id = ?", (first_id,))
    con.commit()
    con.close()
    db = open_database(data_dir)
    with db.session() as session:
        problems = verify_chain(session)
    db.close()
    assert problems and f"第{first_id}条" in problems[0]


def test_backup_and_restore_round_trip(data_dir: DataDir, tmp_path: Path) -> None:
    db = open_database(data_dir)
    with db.transaction() as session:
        save_township(session, actor=SYSTEM, name="石龙镇")
    db.close()
    (data_dir.attachments / "ab").mkdir(parents=True)
    (data_dir.attachments / "ab" / "abcd").write_bytes(b"scan")
    backup = create_backup(data_dir, tmp_path)
    assert backup.exists()

    other = DataDir(tmp_path / "other")
    open_database(other).close()
    restore_backup(other, backup)
    assert (other.attachments / "ab" / "abcd").read_bytes() == b"scan"
    db = open_database(other)
    with db.session() as session:
        assert session.exec(select(Township)).one().name == "石龙镇"
    db.close()
    # restoring over existing data keeps a backup of what it replaced
    assert any("恢复前" in b.path.name for b in list_backups(other))


# ------------------------------------------------------------------ safety


def test_sqlite_failures_are_told_apart_by_result_code_not_text(tmp_path: Path) -> None:
    from dangjian_desktop.store.sqlite_file import environment_problem, error_code

    path = tmp_path / "x.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (a)").connection.close()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as caught:
        con.execute("INSERT INTO t VALUES (1)")
    con.close()
    assert error_code(caught.value) == 8  # SQLITE_READONLY
    problem = environment_problem(caught.value)
    assert problem is not None and "只读" in str(problem)
    # English text alone means nothing: no code, no diagnosis
    assert environment_problem(sqlite3.OperationalError("disk is full")) is None


def test_an_empty_or_foreign_file_is_damaged(data_dir: DataDir) -> None:
    data_dir.ensure()
    data_dir.database.write_bytes(b"")
    with pytest.raises(DatabaseDamaged, match="0字节"):
        open_database(data_dir)
    data_dir.database.write_text("名单\n张三\n", encoding="utf-8")
    with pytest.raises(DatabaseDamaged, match="不是本程序的数据库"):
        open_database(data_dir)


def test_the_lock_file_is_the_one_qlockfile_reads(data_dir: DataDir) -> None:
    import os

    from dangjian_desktop.store.folder_lock import FolderBusy, FolderLock, holding

    QtCore = pytest.importorskip("PySide6.QtCore")
    with holding(data_dir.root):
        window = QtCore.QLockFile(str(data_dir.root / "dangjian.lock"))
        assert not window.tryLock(50)
        pid, _host, _app = window.getLockInfo()
        assert pid == os.getpid()
        with pytest.raises(FolderBusy, match=str(os.getpid())):
            FolderLock(data_dir.root).acquire()
    assert not (data_dir.root / "dangjian.lock").exists()
    window = QtCore.QLockFile(str(data_dir.root / "dangjian.lock"))
    assert window.tryLock(50)
    owner = FolderLock(data_dir.root).try_acquire()
    assert owner is not None and owner.pid == os.getpid()
    window.unlock()


def test_every_commit_keeps_the_seals_and_the_anchor(data_dir: DataDir) -> None:
    from sqlalchemy import update

    from dangjian_desktop.services.integrity import check_contents
    from dangjian_desktop.store import seal

    db = open_database(data_dir)
    with db.transaction() as session:
        save_township(session, actor=SYSTEM, name="石龙镇")
    with db.transaction() as session:  # a Core statement through the session is sealed too
        session.exec(update(Township).values(office="党建办"))  # type: ignore[call-overload]
    with db.session() as session:
        assert check_contents(db, session) == []
        q = seal.query_of(session.connection())
        current, previous = seal.read_anchor(db.path) or (None, None)
        assert current == seal.state_of(q) and previous is None
    db.close()
    con = sqlite3.connect(data_dir.database)
    con.execute("UPDATE township SET office = '别的办公室'")
    con.commit()
    con.close()
    db = open_database(data_dir)
    with db.session() as session:
        assert check_contents(db, session) == [
            "“本镇信息”表（township）第1行（石龙镇）在程序之外被改动过。"
        ]
    db.close()


def test_a_failed_commit_puts_the_anchor_back(data_dir: DataDir) -> None:
    from dangjian_desktop.store import seal

    db = open_database(data_dir)
    with db.transaction() as session:
        save_township(session, actor=SYSTEM, name="石龙镇")
    before = seal.read_anchor(db.path)
    with pytest.raises(RuntimeError), db.transaction() as session:
        save_township(session, actor=SYSTEM, name="白云镇")
        session.flush()
        raise RuntimeError("a bug halfway")
    assert seal.read_anchor(db.path) == before
    db.close()


def test_a_backup_of_the_previous_version_restores_and_is_sealed_as_restored(
    data_dir: DataDir, tmp_path: Path
) -> None:
    import json
    import zipfile

    from dangjian_desktop.services.integrity import check_contents

    db = open_database(data_dir)
    with db.transaction() as session:
        save_township(session, actor=SYSTEM, name="石龙镇")
    db.close()
    made = create_backup(data_dir, tmp_path / "new.zip")
    old = tmp_path / "old.zip"  # what the program wrote before seals existed
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(old, "w") as dst:
        info = json.loads(src.read("backup.json"))
        info.pop("anchor"), info.pop("problem")
        dst.writestr("backup.json", json.dumps(info))
        src.extract("dangjian.sqlite3", tmp_path)
        con = sqlite3.connect(tmp_path / "dangjian.sqlite3")
        con.execute("DELETE FROM setting WHERE key LIKE 'seal:%' OR key LIKE 'audit:%'")
        con.commit()
        con.close()
        dst.write(tmp_path / "dangjian.sqlite3", "dangjian.sqlite3")
    fresh = DataDir(tmp_path / "fresh")
    restore_backup(fresh, old)
    db = open_database(fresh)
    with db.session() as session:
        assert check_contents(db, session) == []
    db.close()
