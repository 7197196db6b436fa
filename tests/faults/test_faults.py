"""Faults an office PC really has. Each ends with nothing committed lost and a clear message."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any as Tally  # the conftest fixture of that name

import pytest
from permissions import without_override
from sqlmodel import select

from dangjian_desktop.cli import main as cli
from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services import registers
from dangjian_desktop.services.common import SYSTEM, ident
from dangjian_desktop.services.township import save_township
from dangjian_desktop.store.db import open_database
from dangjian_desktop.store.models import Member

pytestmark = pytest.mark.faults
WRITER = Path(__file__).with_name("writer.py")


def _township_with_branch(data: DataDir) -> int:
    db = open_database(data)
    with db.transaction() as session:
        save_township(session, actor=SYSTEM, name="石龙镇")
        branch = registers.add_branch(
            session, actor=SYSTEM, data=registers.BranchInput(name="测试党支部")
        )
        branch_id = ident(branch)
    db.close()
    return branch_id


def _member_ids(data: DataDir) -> set[int]:
    con = sqlite3.connect(data.database)
    try:
        return {row[0] for row in con.execute("SELECT id FROM member")}
    finally:
        con.close()


def _add(db, branch_id: int, name: str) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        registers.add_member(
            session,
            actor=SYSTEM,
            data=registers.MemberInput(
                name=name, gender="女", ethnicity="彝族", branch_id=branch_id
            ),
        )


def test_kill_9_during_a_stream_of_writes(tmp_path: Path, tally: Tally) -> None:
    data = DataDir(tmp_path / "d")
    branch_id = _township_with_branch(data)
    rng = random.Random(7)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    lost_total = 0
    for attempt in range(12):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(data.root), str(branch_id), f"第{attempt}轮"],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        committed: list[int] = []
        assert proc.stdout is not None
        first = proc.stdout.readline()  # wait until it is writing
        committed.append(int(first))
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        committed += [int(line) for line in out.split()]
        present = _member_ids(data)
        lost = [i for i in committed if i not in present]
        lost_total += len(lost)
        assert not lost, f"attempt {attempt}: committed but missing after kill -9: {lost[:5]}"
    assert cli(["--data-dir", str(data.root), "check"]) == 0
    tally.record("kill -9 写入中途强杀（12次）", survived=lost_total == 0, lost=lost_total)


def test_disk_full(tmp_path: Path, tally: Tally) -> None:
    data = DataDir(tmp_path / "d")
    branch_id = _township_with_branch(data)
    db = open_database(data)
    _add(db, branch_id, "满盘前")
    before = _member_ids(data)
    # SQLite reports a full disk as SQLITE_FULL; capping the page count produces exactly that.
    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    from sqlalchemy import event

    def cap(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(db.engine, "connect", cap)
    db.engine.dispose()
    with pytest.raises(UserError, match="磁盘空间不足"):
        for n in range(2000):
            _add(db, branch_id, f"填满{n}" + "长" * 40)
    event.remove(db.engine, "connect", cap)
    db.engine.dispose()
    after = _member_ids(data)
    lost = len(before - after)
    _add(db, branch_id, "腾出空间后")
    db.close()
    assert lost == 0 and cli(["--data-dir", str(data.root), "check"]) == 0
    tally.record("磁盘已满", survived=lost == 0, lost=lost)


def test_database_locked_by_another_process(tmp_path: Path, tally: Tally) -> None:
    data = DataDir(tmp_path / "d")
    branch_id = _township_with_branch(data)
    db = open_database(data)
    _add(db, branch_id, "加锁前")
    holder = sqlite3.connect(data.database, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA busy_timeout=200")
    from sqlalchemy import event

    def short_wait(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA busy_timeout=200")

    event.listen(db.engine, "connect", short_wait)
    db.engine.dispose()
    with pytest.raises(UserError, match="另一个程序占用"):
        _add(db, branch_id, "被锁住")
    holder.rollback()
    holder.close()
    _add(db, branch_id, "解锁后")
    with db.session() as session:
        names = {m.name for m in session.exec(select(Member))}
    db.close()
    survived = {"加锁前", "解锁后"} <= names and "被锁住" not in names
    assert survived
    tally.record("数据库被其他程序锁住", survived=survived)


def _run_without_override(code: str) -> subprocess.CompletedProcess[str]:
    """Run Python code so that file permissions apply: root normally ignores them, so as root the
    child loses the capabilities that override permission bits (setpriv, from util-linux)."""
    return subprocess.run(
        without_override([sys.executable, "-c", code]), capture_output=True, text=True
    )


def test_read_only_data_folder(tmp_path: Path, tally: Tally) -> None:
    data = DataDir(tmp_path / "d")
    branch_id = _township_with_branch(data)
    before = _member_ids(data)
    for path in [data.root, *data.root.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        code = (
            "import sys\n"
            "from dangjian_desktop.cli import main\n"
            f"sys.exit(main(['--data-dir', {str(data.root)!r}, 'status']))\n"
        )
        result = _run_without_override(code)
    finally:
        for path in [data.root, *data.root.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "只读" in result.stderr or "权限" in result.stderr or "打不开" in result.stderr, (
        result.stderr
    )
    survived = _member_ids(data) == before
    assert survived and branch_id
    tally.record("数据文件夹只读", survived=survived)


def test_corrupted_database_file(
    tmp_path: Path, tally: Tally, capsys: pytest.CaptureFixture[str]
) -> None:
    data = DataDir(tmp_path / "d")
    _township_with_branch(data)
    raw = bytearray(data.database.read_bytes())
    raw[200:6000] = os.urandom(5800)
    data.database.write_bytes(bytes(raw))
    code = cli(["--data-dir", str(data.root), "status"])
    err = capsys.readouterr().err
    assert code == 1 and "损坏" in err and "Traceback" not in err
    assert data.database.read_bytes() == bytes(raw), "a damaged file is left untouched"
    tally.record("数据库文件损坏", survived=True)


def test_missing_attachment(
    tmp_path: Path, tally: Tally, capsys: pytest.CaptureFixture[str]
) -> None:
    from dangjian_desktop.store.attachments import store_file

    data = DataDir(tmp_path / "d")
    _township_with_branch(data)
    db = open_database(data)
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4")
    sha, size = store_file(data.attachments, scan)
    from dangjian_desktop import clock
    from dangjian_desktop.store.models import Attachment

    with db.transaction() as session:
        session.add(
            Attachment(
                owner_type="plan",
                owner_id=1,
                sha256=sha,
                original_name=scan.name,
                size=size,
                added_at=clock.now(),
            )
        )
    db.close()
    next(data.attachments.rglob(sha)).unlink()
    code = cli(["--data-dir", str(data.root), "check"])
    err = capsys.readouterr().err
    assert code == 1 and "扫描件.pdf" in err
    tally.record("附件文件丢失", survived=True)


@pytest.mark.parametrize("pull_at", [70, 90], ids=["while-copying", "while-verifying"])
def test_export_target_removed(tmp_path: Path, tally: Tally, pull_at: int) -> None:
    """A USB stick pulled out during the county export: a clear message, nothing that looks
    complete left behind, and the database unchanged."""
    import datetime as dt
    import shutil

    from dangjian_desktop import clock
    from dangjian_desktop.services.demo import build_demo
    from dangjian_desktop.services.exchange import export_county_package

    clock.set_today(dt.date(2027, 3, 1))
    data = DataDir(tmp_path / "d")
    db = open_database(data)
    build_demo(db, branches=8, members=40)
    before = _member_ids(data)
    stick = tmp_path / "usb"
    stick.mkdir()

    def progress(percent: int, _message: str) -> None:
        if percent >= pull_at and stick.exists():
            shutil.rmtree(stick)  # the stick is pulled out

    with pytest.raises(UserError) as exc:
        export_county_package(db, 2026, stick, progress=progress)
    db.close()
    message = str(exc.value)
    assert "U盘" in message or "找不到" in message, message
    leftovers = [p for p in stick.rglob("manifest.json")] if stick.exists() else []
    lost = len(before - _member_ids(data))
    survived = not leftovers and lost == 0
    assert survived, leftovers
    tally.record(f"导出时拔出U盘（进度{pull_at}%）", survived=survived, lost=lost)
