"""Start-up safety: one instance per data folder, a damaged database, automatic backups."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.app import recover
from dangjian_desktop.gui.single_instance import SingleInstance
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services.common import SYSTEM
from dangjian_desktop.services.township import save_township
from dangjian_desktop.store.backup import auto_backup_if_changed, create_backup
from dangjian_desktop.store.db import Database, open_database


def open_or_recover(data: DataDir) -> Database | None:
    """What the start sequence does: open the database, and offer a backup when that fails."""
    try:
        return open_database(data)
    except UserError as problem:
        return recover(data, problem)


def test_second_instance_asks_the_first_to_come_forward(tmp_path: Path, qtbot: Any) -> None:
    data = DataDir(tmp_path / "d")
    first = SingleInstance(data)
    assert first.acquire()
    second = SingleInstance(data)
    assert not second.acquire()
    # the second launch is another process; the owner's event loop runs while it asks
    code = (
        "import sys; from pathlib import Path; from PySide6.QtCore import QCoreApplication;"
        "from dangjian_desktop.gui.single_instance import SingleInstance;"
        "from dangjian_desktop.paths import DataDir; app = QCoreApplication([]);"
        "print(SingleInstance(DataDir(Path(sys.argv[1]))).ask_owner_to_activate())"
    )
    with qtbot.waitSignal(first.sig_activate, timeout=30_000):
        proc = subprocess.Popen(
            [sys.executable, "-c", code, str(data.root)], stdout=subprocess.PIPE, text=True
        )
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    assert proc.communicate()[0].strip() == "True"  # the owner answered that it came forward
    first.release()
    assert SingleInstance(data).acquire()


def test_a_closing_program_is_waited_for_not_counted_as_activated(
    tmp_path: Path, qtbot: Any
) -> None:
    """A program whose window has closed (exit backup running) still holds the folder but no
    longer answers: a bare connection is not "activated"; the launch waits and takes over."""
    from PySide6.QtNetwork import QLocalServer

    data = DataDir(tmp_path / "d")
    closing = SingleInstance(data)
    assert closing.acquire(listen=False)
    mute = QLocalServer()  # accepts connections, never answers (no event loop for it)
    assert mute.listen(closing.name)
    launch = SingleInstance(data)
    assert not launch.acquire(listen=False)
    assert not launch.ask_owner_to_activate(wait_ms=300)
    outcome: list[bool] = []
    waiting = threading.Thread(target=lambda: outcome.append(launch.wait_for_owner(30)))
    waiting.start()
    qtbot.wait(300)
    assert not outcome  # still waiting while the other program holds the folder
    mute.close()
    closing.release()  # the exit backup is done
    waiting.join(timeout=30)
    assert outcome == [True] and not launch.owner_answered
    launch.release()


def test_a_lock_left_by_a_killed_program_is_taken_over(tmp_path: Path) -> None:
    data = tmp_path / "d"
    data.mkdir()
    code = (
        "import os, sys\n"
        "from PySide6.QtCore import QLockFile\n"
        f"lock = QLockFile({str(data / 'dangjian.lock')!r})\n"
        "assert lock.tryLock(100)\n"
        "os._exit(0)  # dies like kill -9: the lock file stays behind\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert (data / "dangjian.lock").exists()
    owner = SingleInstance(DataDir(data))
    assert owner.acquire()
    owner.release()


def test_a_second_launch_does_not_open_a_second_writer(tmp_path: Path, qtbot: Any) -> None:
    data = DataDir(tmp_path / "d")
    owner = SingleInstance(data)
    assert owner.acquire()
    activated: list[bool] = []
    owner.sig_activate.connect(lambda: activated.append(True))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dangjian_desktop",
            "--data-dir",
            str(data.root),
            "--no-crash-dialog",
        ],
        env=env,
    )
    try:  # the event loop runs meanwhile, so the first instance hears the second one knock
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
    qtbot.waitUntil(lambda: bool(activated), timeout=3000)
    assert not data.database.exists()  # the second launch never opened the database
    owner.release()


def test_damaged_database_is_restored_from_the_newest_backup(tmp_path: Path, answers: Any) -> None:
    data = DataDir(tmp_path / "d")
    db = open_database(data)
    with db.transaction() as session:
        save_township(session, actor=SYSTEM, name="石龙镇")
    db.close()
    create_backup(data, label="自动")
    raw = bytearray(data.database.read_bytes())
    raw[100:8192] = b"\xee" * (8192 - 100)
    data.database.write_bytes(bytes(raw))
    answers.confirms.append(True)
    restored = open_or_recover(data)
    assert restored is not None
    with restored.session() as session:
        from dangjian_desktop.services.township import get_township

        township = get_township(session)
        assert township is not None and township.name == "石龙镇"
    restored.close()
    assert list(data.root.glob("损坏的数据库-*.sqlite3")), "the damaged file is kept aside"


def test_damaged_database_is_not_touched_when_the_clerk_declines(
    tmp_path: Path, answers: Any
) -> None:
    data = DataDir(tmp_path / "d")
    open_database(data).close()
    create_backup(data, label="自动")
    data.database.write_bytes(b"SQLite format 3\x00" + b"\x01" * 5000)
    before = data.database.read_bytes()
    answers.confirms.append(False)
    assert open_or_recover(data) is None
    assert data.database.read_bytes() == before


def test_automatic_backup_only_when_changed(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "d")
    db = open_database(data)
    db.close()
    first = auto_backup_if_changed(data)
    assert first is not None
    assert auto_backup_if_changed(data) is None  # nothing changed since
    taken = first.stat().st_mtime - 60  # the backup is a minute old when the data changes
    os.utime(first, (taken, taken))
    db = open_database(data)
    with db.transaction() as session:
        save_township(session, actor=SYSTEM, name="石龙镇")
    db.close()
    assert auto_backup_if_changed(data) is not None
