"""The start as the clerk sees it (gui.app.start): the main window first, then the data behind it,
then sign-in, the first-start wizard or the recovery of a damaged database over the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from dangjian_desktop.gui.app import Startup, start
from dangjian_desktop.gui.main_window import OPENING_TEXT
from dangjian_desktop.paths import DataDir
from dangjian_desktop.store.backup import create_backup
from dangjian_desktop.store.db import open_database


def _start(data: DataDir, made: list[Startup]) -> Startup:
    startup = start(data)
    made.append(startup)
    return startup


def test_the_window_is_on_screen_before_the_data_is_open(
    demo_dir: DataDir, qapp: Any, qtbot: Any, answers: Any, started: list[Startup]
) -> None:
    answers.choices.append("李丽华")
    startup = _start(demo_dir, started)
    window = startup.window
    # at once: the frame with the page names, nothing clickable that needs data
    assert window.isVisible() and not window.is_open
    assert window.nav.count() == 11 and not window.nav.isEnabled()
    assert not window.backup_action.isEnabled()
    assert OPENING_TEXT in [label.text() for label in window.opening.findChildren(QLabel)]
    with qtbot.waitSignal(window.sig_opened, timeout=20_000):
        pass
    assert window.is_open and window.nav.isEnabled()
    assert window.ctx.actor.name == "李丽华"
    assert "李丽华" in window.actor_label.text()
    assert window.round_combo.count() >= 1
    assert window.current_page() is not None and window.current_page().key == "workbench"
    assert window.switch_operator_action.shortcut().toString() == "Ctrl+Shift+O"
    assert startup.code == 0


def test_declining_to_sign_in_closes_the_program(
    demo_dir: DataDir, qapp: Any, qtbot: Any, answers: Any, started: list[Startup]
) -> None:
    answers.choices.append(None)  # 取消 in 选择操作员
    startup = _start(demo_dir, started)
    qtbot.waitUntil(lambda: not startup.window.isVisible(), timeout=20_000)
    assert startup.code == 0 and not startup.window.is_open


def test_an_empty_folder_gets_the_first_start_wizard_over_the_window(
    tmp_path: Path, qapp: Any, qtbot: Any, answers: Any, started: list[Startup]
) -> None:
    from dangjian_desktop.gui.wizard import FirstStartWizard

    seen: list[FirstStartWizard] = []

    def cancel_wizard() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, FirstStartWizard):
            seen.append(dialog)
            dialog.reject()
        else:
            QTimer.singleShot(20, cancel_wizard)

    startup = _start(DataDir(tmp_path / "new"), started)
    QTimer.singleShot(20, cancel_wizard)
    qtbot.waitUntil(lambda: not startup.window.isVisible(), timeout=20_000)
    assert seen, "the wizard was shown"
    assert seen[0].parentWidget() is startup.window
    assert startup.code == 0 and not startup.window.is_open


def test_a_damaged_database_is_offered_a_backup_over_the_window(
    tmp_path: Path, qapp: Any, qtbot: Any, answers: Any, started: list[Startup]
) -> None:
    data = DataDir(tmp_path / "d")
    open_database(data).close()
    create_backup(data, label="自动")
    data.database.write_bytes(b"SQLite format 3\x00" + b"\x01" * 5000)
    before = data.database.read_bytes()
    answers.confirms.append(False)  # the clerk does not want the backup now
    startup = _start(data, started)
    qtbot.waitUntil(lambda: not startup.window.isVisible(), timeout=20_000)
    assert startup.code == 1
    assert data.database.read_bytes() == before, "the damaged file is left as it was"


def test_closing_while_opening_waits_for_the_data_and_closes_it(
    demo_dir: DataDir, qapp: Any, qtbot: Any, answers: Any
) -> None:
    startup = start(demo_dir)
    startup.window.close()  # before the opening thread is done
    startup.finish()  # joins the thread, closes what it opened, takes the exit backup
    assert not startup.opener.opening_thread.is_alive()
    assert startup.opener.result is not None and startup.opener.result.db is not None
    probe = subprocess.run(  # nothing holds the database any more: another process may write
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], timeout=0);"
            " c.execute('BEGIN EXCLUSIVE'); c.rollback()",
            str(demo_dir.database),
        ],
        capture_output=True,
        text=True,
    )
    assert probe.returncode == 0, probe.stderr


def test_the_first_window_needs_no_data_layer(tmp_path: Path) -> None:
    """What runs before the first paint imports neither SQLAlchemy nor the services (they take
    most of a second); a fresh interpreter shows that, as a clerk's start would."""
    code = (
        "import os, sys\n"
        "from dangjian_desktop import cli\n"
        "from dangjian_desktop.gui.app import gui_settings, make_application\n"
        "from dangjian_desktop.gui.main_window import MainWindow\n"
        "from dangjian_desktop.paths import DataDir\n"
        "app = make_application()\n"
        "window = MainWindow(None, gui_settings(DataDir(sys.argv[1])))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel',"
        " 'alembic', 'reportlab', 'openpyxl') or m.startswith('dangjian_desktop.services'))\n"
        "print(','.join(heavy))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "d")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_the_start_up_backup_waits_for_a_pause_in_the_work(
    demo_dir: DataDir,
    qapp: Any,
    qtbot: Any,
    answers: Any,
    started: list[Startup],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After an unexpected end (the data changed since the newest automatic backup) the backup
    at start is taken once the clerk has neither opened a page nor saved for a while."""
    from dangjian_desktop.gui import app as gui_app

    monkeypatch.setattr(gui_app, "BACKUP_WHEN_QUIET_MS", 600)
    assert not list(demo_dir.backups.glob("*-自动.zip"))  # changed since: no automatic backup yet
    answers.choices.append("李丽华")
    startup = _start(demo_dir, started)
    with qtbot.waitSignal(startup.window.sig_opened, timeout=30_000):
        pass
    backup = startup.backup
    assert backup is not None and not backup.started
    for row in (1, 2, 0, 1):  # the clerk goes from page to page: no backup meanwhile
        startup.window.nav.setCurrentRow(row)
        qtbot.wait(300)
        assert not backup.started
    qtbot.waitUntil(lambda: backup.started, timeout=5_000)  # a pause
    for thread in startup.threads:
        thread.join(timeout=60)
    assert len(list(demo_dir.backups.glob("*-自动.zip"))) == 1
