"""Faults and tampering: one writer per folder, atomic upgrades, recovery that cannot
fail, tamper evidence beyond the log. Each records what it tried, whether it survived, and how
many committed records were lost."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any
from typing import Any as Tally  # the conftest fixture of that name

import openpyxl
import pytest
from demo_folders import build_demo_folder, copy_demo
from permissions import without_override

from dangjian_desktop import clock
from dangjian_desktop.cli import main as cli
from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services.demo import build_demo
from dangjian_desktop.store import seal
from dangjian_desktop.store.backup import (
    auto_backup_if_changed,
    create_backup,
    list_backups,
    recover,
    restore_backup,
    thin_backups,
)
from dangjian_desktop.store.db import HEAD, _alembic_config, make_engine, open_database

pytestmark = pytest.mark.faults
HERE = Path(__file__).parent
TODAY = dt.date(2027, 3, 1)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_folder(
        tmp_path_factory.mktemp("demo") / "d", today=TODAY, branches=8, members=40
    )


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> DataDir:
    return copy_demo(demo_template, tmp_path / "d")


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))


def _count(data: DataDir, table: str, where: str = "") -> int:
    con = sqlite3.connect(data.database)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table} {where}").fetchone()[0])
    finally:
        con.close()


def _sql(data: DataDir, *statements: str) -> None:
    con = sqlite3.connect(data.database)
    try:
        con.execute("PRAGMA foreign_keys=OFF")
        for statement in statements:
            con.execute(statement)
        con.commit()
    finally:
        con.close()


def _check(data: DataDir, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = cli(["--data-dir", str(data.root), "check"])
    return code, capsys.readouterr().err


def _qt_lock(data: DataDir) -> Any:
    """The window's lock, exactly as gui/single_instance.py takes it."""
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(data.root / "dangjian.lock"))
    assert lock.tryLock(200)
    return lock


# ------------------------------------------------------------------ one writer per folder


@pytest.mark.parametrize(
    "command",
    [
        ["restore", "BACKUP"],
        ["import-members", "REGISTER"],
        ["demo", "--branches", "6", "--members", "8"],
        ["backup"],
    ],
    ids=["restore", "import", "demo", "backup"],
)
def test_writing_commands_are_refused_while_the_window_holds_the_folder(
    demo: DataDir,
    tmp_path: Path,
    tally: Tally,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    backup = create_backup(demo, tmp_path / "b.zip")
    register = tmp_path / "名册.xlsx"
    _member_register(register, _a_branch(demo), 5)
    before = demo.database.read_bytes()
    members = _count(demo, "member")
    lock = _qt_lock(demo)
    try:
        args = [{"BACKUP": str(backup), "REGISTER": str(register)}.get(a, a) for a in command]
        capsys.readouterr()
        code = cli(["--data-dir", str(demo.root), *args])
        err = capsys.readouterr().err
    finally:
        lock.unlock()
    assert code == 1 and "正被本程序" in err and str(os.getpid()) in err, err
    assert "Traceback" not in err
    survived = demo.database.read_bytes() == before and _count(demo, "member") == members
    assert survived
    assert not (demo.root / "dangjian.lock").exists()
    tally.record(f"窗口打开时运行 {command[0]}", survived=survived)


def test_the_window_sees_the_command_line_holding_the_folder(demo: DataDir, tally: Tally) -> None:
    """The other direction: QLockFile (the window) neither takes nor removes the command's lock,
    even when told the lock is stale."""
    from PySide6.QtCore import QLockFile

    from dangjian_desktop.store.folder_lock import FolderLock

    mine = FolderLock(demo.root)
    assert mine.try_acquire() is None
    window = QLockFile(str(demo.root / "dangjian.lock"))
    window.setStaleLockTime(1)
    taken = window.tryLock(100) or (window.removeStaleLockFile() and window.tryLock(100))
    pid, _host, _app = window.getLockInfo()
    mine.release()
    assert not taken and pid == os.getpid()
    assert window.tryLock(100)  # released: the window may have it now
    window.unlock()
    tally.record("命令行占用时窗口启动", survived=not taken)


def test_a_stale_lock_of_a_killed_program_is_taken_over(demo: DataDir, tally: Tally) -> None:
    code = (
        "import sys, time\n"
        "from dangjian_desktop.store.folder_lock import FolderLock\n"
        "FolderLock(__import__('pathlib').Path(sys.argv[1])).acquire()\n"
        "print('held', flush=True); time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(demo.root)], stdout=subprocess.PIPE, text=True, env=_env()
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    assert cli(["--data-dir", str(demo.root), "backup"]) == 1  # held by a living process
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert (demo.root / "dangjian.lock").exists()  # left behind by kill -9
    survived = cli(["--data-dir", str(demo.root), "backup"]) == 0
    assert survived
    tally.record("被强杀的程序留下的锁文件", survived=survived)


def _a_branch(data: DataDir) -> str:
    con = sqlite3.connect(data.database)
    try:
        return str(
            con.execute("SELECT name FROM branch WHERE level='branch' LIMIT 1").fetchone()[0]
        )
    finally:
        con.close()


def _member_register(path: Path, branch: str, rows: int) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["党员姓名", "性别", "民族", "出生年月", "入党日期", "所在支部"])
    for n in range(rows):
        ws.append([f"导入测试{n:04d}", "男", "汉族", "1980-01-01", "2005-07-01", branch])
    wb.save(path)
    return path


def test_import_and_restore_at_the_same_time_lose_nothing(
    demo: DataDir, tmp_path: Path, tally: Tally
) -> None:
    backup = create_backup(demo, tmp_path / "b.zip")
    register = _member_register(tmp_path / "名册.xlsx", _a_branch(demo), 600)
    base = [sys.executable, str(HERE / "importer.py"), "--data-dir", str(demo.root)]
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True, "env": _env()}
    importing = subprocess.Popen([*base, "import-members", str(register)], **pipes)  # type: ignore[call-overload]
    restoring = subprocess.Popen([*base, "restore", str(backup)], **pipes)  # type: ignore[call-overload]
    _, import_err = importing.communicate()
    _, restore_err = restoring.communicate()
    assert "Traceback" not in import_err + restore_err
    imported = importing.returncode == 0
    here = _count(demo, "member", "WHERE name LIKE '导入测试%'")
    saved = 0
    for info in list_backups(demo):
        if info.label == "恢复前":
            with zipfile.ZipFile(info.path) as zf:
                zf.extract("dangjian.sqlite3", tmp_path / "safety")
            con = sqlite3.connect(tmp_path / "safety" / "dangjian.sqlite3")
            saved = max(
                saved,
                con.execute("SELECT count(*) FROM member WHERE name LIKE '导入测试%'").fetchone()[
                    0
                ],
            )
            con.close()
    lost = 600 - max(here, saved) if imported else 0
    assert restoring.returncode in (0, 1) and importing.returncode in (0, 1)
    if restoring.returncode == 1:
        assert "正被" in restore_err, restore_err
    if not imported:
        assert "正被" in import_err, import_err
    assert lost == 0, (here, saved)
    tally.record("同时导入名册和恢复备份", survived=lost == 0, lost=lost)


# ------------------------------------------------------------------ atomic upgrades


def _schema_0001(data: DataDir) -> None:
    from alembic import command

    data.ensure()
    engine = make_engine(data.database, sealed=False)
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


def _kill_while_opening(data: DataDir, rng: random.Random) -> bool:
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "opener.py"), str(data.root)],
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    time.sleep(rng.uniform(0.0, 0.5))
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate()
    return "done" in out


@pytest.mark.parametrize("kind", ["creation", "upgrade"])
def test_kill_9_during_creation_or_upgrade_leaves_an_openable_folder(
    tmp_path: Path, tally: Tally, kind: str
) -> None:
    rng = random.Random(16)
    finished = 0
    for attempt in range(8):
        data = DataDir(tmp_path / f"{kind}{attempt}")
        if kind == "upgrade":
            _schema_0001(data)
        finished += _kill_while_opening(data, rng)
        db = open_database(data)  # the next start: never an internal error
        with db.engine.connect() as conn:
            version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            townships = conn.exec_driver_sql("SELECT count(*) FROM township").scalar()
        db.close()
        assert version == HEAD
        assert townships == (1 if kind == "upgrade" else 0), attempt
        assert not list(data.root.glob("*.upgrade*"))
    name = "新建数据库" if kind == "creation" else "升级数据库结构"
    tally.record(f"{name}时强杀（8次，{finished}次已完成）", survived=True)


def test_a_leftover_upgrade_copy_is_ignored_and_removed(tmp_path: Path, tally: Tally) -> None:
    data = DataDir(tmp_path / "d")
    _schema_0001(data)
    leftover = data.root / "dangjian.sqlite3.upgrade"
    leftover.write_bytes(b"half an upgrade")
    db = open_database(data)
    db.close()
    survived = not leftover.exists() and _count(data, "township") == 1
    assert survived
    tally.record("上次升级中断留下的半成品", survived=survived)


# ------------------------------------------------------------------ damaged files, recovery


@pytest.mark.parametrize(
    "content", [b"", b"not a database at all\n" * 40], ids=["zero-bytes", "not-sqlite"]
)
def test_an_empty_or_foreign_database_file_is_damaged_not_new(
    demo: DataDir, tally: Tally, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    demo.database.write_bytes(content)
    for side in ("-wal", "-shm"):
        Path(str(demo.database) + side).unlink(missing_ok=True)
    capsys.readouterr()
    code = cli(["--data-dir", str(demo.root), "status"])
    err = capsys.readouterr().err
    assert code == 1 and "损坏" in err and "Traceback" not in err
    assert demo.database.read_bytes() == content  # not turned into a new database
    survived = "Traceback" not in err
    tally.record("数据库文件为0字节" if not content else "数据库文件不是数据库", survived=survived)


def _damage(data: DataDir) -> None:
    raw = bytearray(data.database.read_bytes())
    raw[100:8192] = b"\xee" * (8192 - 100)
    data.database.write_bytes(bytes(raw))


def test_the_exit_backup_refuses_a_damaged_database_and_keeps_the_good_ones(
    demo: DataDir, tally: Tally
) -> None:
    good = create_backup(demo, label="自动")
    _damage(demo)
    with pytest.raises(UserError, match="没有做自动备份：数据库已损坏"):
        auto_backup_if_changed(demo)
    survived = [b.path for b in list_backups(demo)] == [good]
    assert survived
    tally.record("退出时数据库已损坏：不做自动备份", survived=survived)


def test_thinning_never_removes_the_newest_good_backup(demo: DataDir, tally: Tally) -> None:
    good = create_backup(demo, label="自动")
    info_time = dt.datetime(2027, 1, 1, 9, 0)
    # twenty later automatic backups, one per day, all bad (a damaged zip)
    for day in range(20):
        bad = (
            demo.backups / f"党建备份-2027{1 + day // 28 + 1:02d}{1 + day % 28:02d}-100000-自动.zip"
        )
        with zipfile.ZipFile(bad, "w") as zf:
            when = info_time + dt.timedelta(days=40 + day)
            zf.writestr("backup.json", json.dumps({"created": when.isoformat()}))
            zf.writestr("dangjian.sqlite3", b"broken")
    removed = thin_backups(demo, daily=3, weekly=1, monthly=1)
    survived = good.exists() and good not in removed
    assert survived
    tally.record("自动备份精简：最新的好备份不删", survived=survived)


def test_recovery_walks_past_bad_backups_to_an_older_manual_one(
    demo: DataDir, tally: Tally
) -> None:
    members = _count(demo, "member")
    manual = create_backup(demo, label="手动")
    bad = create_backup(demo, label="自动")
    raw = bad.read_bytes()
    bad.write_bytes(raw[: len(raw) // 2])  # a backup cut short
    (demo.backups / "党建备份-20991231-235959-自动.zip").write_bytes(b"PK\x03\x04junk")
    malformed = demo.backups / "党建备份-20991230-235959-手动.zip"
    with zipfile.ZipFile(malformed, "w") as zf:
        zf.writestr("backup.json", "{not json")
        zf.writestr("dangjian.sqlite3", b"")
    _damage(demo)
    done = recover(demo)
    survived = done.used.path == manual and _count(demo, "member") == members
    assert survived
    assert list(demo.root.glob("损坏的数据库-*.sqlite3"))
    tally.record("恢复时最新的备份已坏：自动找更早的手动备份", survived=survived)


def test_recovery_when_the_database_file_is_already_gone(demo: DataDir, tally: Tally) -> None:
    create_backup(demo, label="自动")
    demo.database.unlink()
    done = recover(demo)
    survived = done.used is not None and _count(demo, "township") == 1
    assert survived
    tally.record("恢复时数据库文件已不见", survived=survived)


def test_a_malformed_backup_json_breaks_nothing(
    demo: DataDir, tally: Tally, capsys: pytest.CaptureFixture[str]
) -> None:
    create_backup(demo, label="手动")
    for n, text in enumerate(['{"created": 5, "counts": [1, 2]}', "[]", '{"rounds": "abc"}']):
        with zipfile.ZipFile(demo.backups / f"党建备份-2099010{n}-000000-手动.zip", "w") as zf:
            zf.writestr("backup.json", text)
    found = list_backups(demo)
    made = create_backup(demo, label="自动")
    thin_backups(demo)
    survived = len(found) == 1 and made.exists() and recover(demo).used.path == made
    assert survived
    tally.record("backups 里有格式不对的 backup.json", survived=survived)


def test_backup_to_a_read_only_target_says_so(demo: DataDir, tmp_path: Path, tally: Tally) -> None:
    target = tmp_path / "只读U盘"
    target.mkdir()
    target.chmod(0o555)
    try:
        code = (
            "import sys\n"
            "from dangjian_desktop.cli import main\n"
            f"sys.exit(main(['--data-dir', {str(demo.root)!r}, 'backup', '--to', {str(target)!r}]))\n"
        )
        command = without_override([sys.executable, "-c", code])
        result = subprocess.run(command, capture_output=True, text=True, env=_env())
    finally:
        target.chmod(0o755)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "没有权限" in result.stderr or "只读" in result.stderr, result.stderr
    assert "Permission" not in result.stderr
    tally.record("备份到只读位置", survived=True)


def _zip_with(path: Path, database: bytes | Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("backup.json", json.dumps({"created": "2027-01-01T09:00:00"}))
        if isinstance(database, Path):
            zf.write(database, "dangjian.sqlite3")
        else:
            zf.writestr("dangjian.sqlite3", database)
    return path


def _foreign_sqlite(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.execute("INSERT INTO recipes VALUES ('过桥米线')")
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize("kind", ["foreign", "empty", "broken-chain"])
def test_restore_refuses_a_backup_that_is_not_good(
    demo: DataDir, tmp_path: Path, tally: Tally, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    if kind == "foreign":
        backup = _zip_with(tmp_path / "b.zip", _foreign_sqlite(tmp_path / "x.sqlite3"))
    elif kind == "empty":
        backup = _zip_with(tmp_path / "b.zip", b"")
    else:
        other = DataDir(tmp_path / "other")
        shutil.copytree(demo.root, other.root)
        _sql(other, "UPDATE auditentry SET summary = '改过的摘要' WHERE id = 3")
        backup = create_backup(other, tmp_path / "b.zip")  # a manual backup is written, marked
    before = demo.database.read_bytes()
    capsys.readouterr()
    code = cli(["--data-dir", str(demo.root), "restore", str(backup)])
    err = capsys.readouterr().err
    assert code == 1 and "不能用来恢复" in err and "Traceback" not in err, err
    survived = demo.database.read_bytes() == before
    assert survived
    names = {
        "foreign": "别的程序的数据库",
        "empty": "0字节的数据库",
        "broken-chain": "日志被改过的",
    }
    tally.record(f"恢复{names[kind]}备份", survived=survived)


def test_restore_warns_when_the_backup_is_not_this_folders_history(
    demo: DataDir, tmp_path: Path, tally: Tally, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = DataDir(tmp_path / "另一台电脑")
    clock.set_today(TODAY)
    db = open_database(elsewhere)
    try:
        build_demo(db, branches=6, members=18, seed=5)
    finally:
        db.close()
    backup = create_backup(elsewhere, tmp_path / "别处.zip")
    older = create_backup(demo, tmp_path / "本机.zip")
    capsys.readouterr()
    assert cli(["--data-dir", str(demo.root), "restore", str(older)]) == 0
    assert "接不上" not in capsys.readouterr().err
    assert cli(["--data-dir", str(demo.root), "restore", str(backup)]) == 0
    err = capsys.readouterr().err
    survived = "接不上" in err
    assert survived, err
    tally.record("恢复别处的备份：提醒日志接不上", survived=survived)


def test_restore_into_a_lost_database_is_checked_against_the_anchor_file(
    demo: DataDir, tmp_path: Path, tally: Tally, capsys: pytest.CaptureFixture[str]
) -> None:
    """The database is gone; the anchor file beside it still tells how far the log had come."""
    from dangjian_desktop.services.common import SYSTEM
    from dangjian_desktop.services.registers import BranchInput, add_branch

    def add(data: DataDir, *names: str) -> None:
        db = open_database(data)
        try:
            with db.session() as session:
                for name in names:
                    add_branch(session, actor=SYSTEM, data=BranchInput(name=name))
                session.commit()
        finally:
            db.close()

    clock.set_today(TODAY)
    older = create_backup(demo, tmp_path / "本机较早.zip")
    elsewhere = DataDir(tmp_path / "另一台电脑")  # a copy of the folder that went its own way
    shutil.copytree(demo.root, elsewhere.root)
    add(elsewhere, "别处一村党支部", "别处二村党支部")
    foreign = create_backup(elsewhere, tmp_path / "别处.zip")
    add(demo, "新建村党支部")
    current = create_backup(demo, tmp_path / "本机最新.zip")
    kept = seal.read_anchor(demo.database)
    assert kept is not None and kept[0] is not None

    def restore_after_loss(backup: Path) -> str:
        for side in demo.database.parent.glob(demo.database.name + "*"):
            side.unlink()
        seal.write_anchor(demo.database, kept[0], None)
        capsys.readouterr()
        assert cli(["--data-dir", str(demo.root), "restore", str(backup)]) == 0
        return capsys.readouterr().err

    assert "注意" not in restore_after_loss(current)
    err = restore_after_loss(foreign)
    warned_foreign = "锚点文件" in err and "接不上" in err
    err += restore_after_loss(older)
    warned_older = "1条改动不在这个备份里" in err
    assert warned_foreign and warned_older, err
    tally.record("数据库丢失后恢复：按锚点文件提醒", survived=warned_foreign and warned_older)


# ------------------------------------------------------------------ tampering


TAMPERING = {
    "score": (
        "改分数",
        "UPDATE assessment SET score = '0' WHERE id = 5",
        "“评分”表（assessment）第5行",
    ),
    "member": (
        "改党员姓名",
        "UPDATE member SET name = '李四' WHERE id = 3",
        "“党员”表（member）第3行（李四）",
    ),
    "honour": (
        "把荣誉挪给别的支部",
        "UPDATE honor SET branch_id = branch_id + 1 WHERE id = 1",
        "“荣誉”表（honor）第1行",
    ),
    "approval": (
        "清除年度审批",
        "UPDATE round SET approved_at = NULL, approved_by_id = NULL WHERE id = 1",
        "“创建年度”表（round）第1行",
    ),
    "password": (
        "清空审批人的密码",
        "UPDATE operator SET password_hash = NULL WHERE role = 'approver'",
        "“操作员”表（operator）第3行（张建国）在程序之外被改动过",
    ),
    "role": (
        "把经办人改成管理员",
        "UPDATE operator SET role = 'admin' WHERE role = 'clerk'",
        "“操作员”表（operator）第",
    ),
    "delete-row": (
        "删除一条宣传报道",
        "DELETE FROM mediareport WHERE id = 1",
        "“宣传报道”表（mediareport）第1行在程序之外被删除",
    ),
    "insert-row": (
        "偷偷添加一名党员",
        "INSERT INTO member (name, gender, ethnicity, branch_id, kind, post, phone, remark,"
        " created_at) SELECT '幽灵', '男', '汉族', id, 'full', '党员', '', '', '2027-01-01'"
        " FROM branch LIMIT 1",
        "是在程序之外添加的",
    ),
    "truncate-log": (
        "删掉最后10条日志",
        "DELETE FROM auditentry WHERE id > (SELECT max(id) - 10 FROM auditentry)",
        "少了10条",
    ),
    "blank-hashes": (
        "清空所有日志校验值",
        "UPDATE auditentry SET hash = '', prev_hash = ''",
        "校验值被清空",
    ),
}


@pytest.mark.parametrize("kind", list(TAMPERING))
def test_tampering_with_the_database_is_found_and_named(
    demo: DataDir, tally: Tally, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    name, statement, expected = TAMPERING[kind]
    if kind == "password":  # the approver sets a password first, through the program
        _set_password(demo, "张建国", "审批密码")
    assert _check(demo, capsys)[0] == 0
    _sql(demo, statement)
    code, err = _check(demo, capsys)
    found = code == 1 and expected in err
    assert found, err
    if kind in ("password", "role"):  # nobody signs in on a tampered operator record
        from dangjian_desktop.services.operators import sign_in

        db = open_database(demo)
        with db.session() as session, pytest.raises(UserError, match="程序之外被改动"):
            sign_in(session, "张建国" if kind == "password" else "王晓燕")
        db.close()
    tally.record(f"篡改：{name}", survived=found)


def _set_password(data: DataDir, name: str, password: str) -> None:
    from sqlmodel import select

    from dangjian_desktop.services.common import SYSTEM
    from dangjian_desktop.services.operators import set_password
    from dangjian_desktop.store.models import Operator

    db = open_database(data)
    with db.transaction() as session:
        operator = session.exec(select(Operator).where(Operator.name == name)).one()
        admin = SYSTEM
        set_password(session, actor=admin, operator_id=operator.id or 0, password=password)
    db.close()


def test_a_chain_recomputed_with_the_programs_own_code_disagrees_with_the_anchor(
    demo: DataDir, tally: Tally, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlmodel import Session, select

    from dangjian_desktop.store.audit import entry_hash
    from dangjian_desktop.store.models import AuditEntry

    engine = make_engine(demo.database, sealed=False)
    with Session(engine) as session:
        previous = ""
        entries = list(session.exec(select(AuditEntry).order_by(AuditEntry.id)))  # type: ignore[arg-type]
        entries[2].summary = "改写过的历史"
        for entry in entries:
            entry.prev_hash = previous
            entry.hash = entry_hash(entry)
            previous = entry.hash
            session.add(entry)
        session.commit()
    engine.dispose()
    code, err = _check(demo, capsys)
    found = code == 1 and "锚点" in err
    assert found, err
    tally.record("篡改：用程序自己的函数重算整条日志", survived=found)


def test_seals_recomputed_with_the_programs_own_code_disagree_with_the_anchor(
    demo: DataDir, tally: Tally, capsys: pytest.CaptureFixture[str]
) -> None:
    _sql(demo, "UPDATE member SET name = '冒名' WHERE id = 2")
    con = sqlite3.connect(demo.database)
    with con:
        seal.reseal(seal.query_of(con), ["member"])
    con.close()
    code, err = _check(demo, capsys)
    found = code == 1 and "锚点" in err
    assert found, err
    tally.record("篡改：改数据后用程序的函数重算校验值", survived=found)


def test_a_deleted_anchor_file_is_reported(
    demo: DataDir, tally: Tally, capsys: pytest.CaptureFixture[str]
) -> None:
    (demo.root / seal.ANCHOR_NAME).unlink()
    code, err = _check(demo, capsys)
    found = code == 1 and seal.ANCHOR_NAME in err
    assert found, err
    tally.record("删除锚点文件", survived=found)


def test_restore_of_a_backup_then_check_is_clean_and_carries_its_anchor(
    demo: DataDir, tmp_path: Path, tally: Tally, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = create_backup(demo, tmp_path / "b.zip")
    with zipfile.ZipFile(backup) as zf:
        info = json.loads(zf.read("backup.json"))
    assert info["anchor"]["entries"] == _count(demo, "auditentry")
    fresh = DataDir(tmp_path / "新电脑")
    restore_backup(fresh, backup)
    code, err = _check(fresh, capsys)
    survived = code == 0
    assert survived, err
    tally.record("在新电脑上从备份恢复后检查", survived=survived)


def test_the_data_folder_is_private(tmp_path: Path, tally: Tally) -> None:
    data = DataDir(tmp_path / "d")
    assert cli(["--data-dir", str(data.root), "backup"]) in (0, 1)
    open_database(data).close()
    create_backup(data)
    modes = {
        p.relative_to(data.root).as_posix(): p.stat().st_mode & 0o777
        for p in [data.root, *data.root.rglob("*")]
    }
    wrong = {k: oct(v) for k, v in modes.items() if v not in (0o700, 0o600)}
    assert not wrong, wrong
    tally.record("数据文件夹、数据库、日志和备份只有本人可读", survived=not wrong)


def test_a_killed_exports_snapshot_does_not_stay_in_the_temporary_folder(
    tmp_path: Path, tally: Tally, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from dangjian_desktop.exchange.county import EXPORT_PREFIX, sweep_stale_exports

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / f"{EXPORT_PREFIX}{dead.pid}_abc" / "包"
    left.mkdir(parents=True)
    (left / "数据库快照.sqlite3").write_bytes(b"x" * 1000)
    alive = tmp_path / f"{EXPORT_PREFIX}{os.getpid()}_def"
    alive.mkdir()
    removed = sweep_stale_exports()
    survived = removed == [left.parent] and alive.exists()
    assert survived
    tally.record("导出时被强杀：临时文件夹里的快照", survived=survived)


def test_the_county_sees_a_package_whose_log_does_not_continue_the_earlier_one(
    demo: DataDir, tmp_path: Path, tally: Tally, capsys: pytest.CaptureFixture[str]
) -> None:
    from dangjian_desktop.exchange.county import MANIFEST, SNAPSHOT, verify_package
    from dangjian_desktop.services.exchange import export_county_package

    clock.set_today(TODAY)
    db = open_database(demo)
    try:
        earlier, _ = export_county_package(
            db, 2026, (tmp_path / "一月").mkdir() or tmp_path / "一月"
        )
        later, _ = export_county_package(db, 2026, (tmp_path / "三月").mkdir() or tmp_path / "三月")
    finally:
        db.close()
    manifest = json.loads((later / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["audit_log"]["entries"] == _count(demo, "auditentry") - 1  # the export's own
    assert cli(["verify", str(later), "--after", str(earlier)]) == 0
    # the township sends a package whose log was cut back, manifest recomputed to match
    con = sqlite3.connect(later / SNAPSHOT)
    con.execute("DELETE FROM auditentry WHERE id > (SELECT max(id) - 5 FROM auditentry)")
    con.commit()
    con.close()
    import hashlib

    snapshot = later / SNAPSHOT
    for entry in manifest["files"]:
        if entry["path"] == SNAPSHOT:
            entry["size"] = snapshot.stat().st_size
            entry["sha256"] = hashlib.sha256(snapshot.read_bytes()).hexdigest()
    (later / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    assert not verify_package(later).ok  # the snapshot disagrees with the manifest's anchor
    from dangjian_desktop.exchange.county import audit_log_anchor

    manifest["audit_log"] = audit_log_anchor(snapshot)
    (later / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    problems = verify_package(later).problems  # the workbook's 说明 sheet still disagrees ...
    assert any("“说明”表记载的操作日志" in p for p in problems), problems
    from dangjian_desktop.exchange.county_notes import ENTRIES, HEAD

    workbook = next(later.glob("*.xlsx"))  # ... so it is rewritten too, every hash again
    wb = openpyxl.load_workbook(workbook)
    for row in wb["说明"].iter_rows():
        if row[0].value in (ENTRIES, HEAD):
            row[1].value = manifest["audit_log"]["entries" if row[0].value == ENTRIES else "head"]
    wb.save(workbook)
    for entry in manifest["files"]:
        path = later / entry["path"]
        entry["size"] = path.stat().st_size
        entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (later / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    assert verify_package(later).ok  # consistent on its own ...
    capsys.readouterr()
    code = cli(["verify", str(later), "--after", str(earlier)])
    err = capsys.readouterr().err
    found = code == 1 and ("日志被删除过" in err or "被改写过" in err)
    assert found, err
    tally.record("县里收到日志被截短的报送材料", survived=found)


def test_reading_commands_run_beside_the_window_without_upgrading(
    demo: DataDir, capsys: pytest.CaptureFixture[str]
) -> None:
    lock = _qt_lock(demo)
    try:
        capsys.readouterr()
        status = cli(["--data-dir", str(demo.root), "--today", TODAY.isoformat(), "status"])
        check = cli(["--data-dir", str(demo.root), "check"])
        out = capsys.readouterr().out
    finally:
        lock.unlock()
    assert status == 0 and check == 0 and "锚点相符" in out


def test_kill_9_during_restore_leaves_the_old_or_the_new_data(
    demo: DataDir, tmp_path: Path, tally: Tally, capsys: pytest.CaptureFixture[str]
) -> None:
    """Restoring an older backup (fewer members) is killed at random moments: every time the
    folder opens, passes `check`, and holds either all its members or the backup's, and the
    half-written files of the killed restore are gone at the next start."""
    older = create_backup(demo, tmp_path / "older.zip")
    older_count = _count(demo, "member")
    branch = _a_branch(demo)
    register = _member_register(tmp_path / "名册.xlsx", branch, 30)
    assert cli(["--data-dir", str(demo.root), "import-members", str(register)]) == 0
    newer_count = _count(demo, "member")
    rng = random.Random(61)
    base = [sys.executable, str(HERE / "importer.py"), "--data-dir", str(demo.root)]
    outcomes = set()
    for _attempt in range(6):
        before = _count(demo, "member")
        proc = subprocess.Popen([*base, "restore", str(older)], env=_env())
        time.sleep(rng.uniform(0.3, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        open_database(demo).close()  # the next start
        now = _count(demo, "member")
        assert now in (before, older_count), (before, now)
        outcomes.add(now)
        code, err = _check(demo, capsys)
        assert code == 0, err
        assert not list(demo.root.glob(".dangjian-*")) and not list(demo.backups.glob(".part-*"))
        if now == older_count:  # restored: bring the newer data back for the next attempt
            saved = max(
                (b for b in list_backups(demo) if b.label == "恢复前"), key=lambda b: b.created
            )
            assert saved.counts["member"] == before
            restore_backup(demo, saved.path)
    assert newer_count > older_count
    tally.record(f"恢复备份时强杀（6次，结果{sorted(outcomes)}）", survived=True)
