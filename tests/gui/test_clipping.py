"""No text cut off and no control out of reach on a real office screen.

Every page (each tab and sub-tab) and every main dialog is laid out at 1364 × 700 (a 1366 × 768
screen less title bar and 40-px taskbar) and at 150 % on 1920 × 1080 (1280 × 673 device-independent
pixels: Qt lays out in those, fonts included, so the widths measured are the ones drawn at 150 %).
Each label, header, tab, group title and button must get the width its text needs
(QFontMetrics.horizontalAdvance), and each control must lie inside what can be seen or scrolled to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from dangjian_desktop import clock
from dangjian_desktop.gui.clipping import find_clipped
from dangjian_desktop.gui.screenshots import tab_paths

SIZES = {"1364x700": (1364, 700), "150%-1920x1080": (1280, 673)}


@pytest.fixture(params=["2027-05-20", "2026-12-10"], ids=["may", "december"])
def season(request: pytest.FixtureRequest) -> Iterator[None]:
    clock.set_today(dt.date.fromisoformat(request.param))
    yield
    clock.set_today(None)


def _page_views(window: Any) -> Iterator[tuple[str, Any]]:
    for row, page in enumerate(window.pages):
        window.nav.setCurrentRow(row)
        QApplication.processEvents()
        paths = tab_paths(page)
        if not paths:
            yield page.title, page
        for path in paths:
            for tab, index in path:
                tab.setCurrentIndex(index)
            QApplication.processEvents()
            yield page.title + "/" + "/".join(t.tabText(i) for t, i in path), page


@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_and_tab_fits(window: Any, season: None, size: str) -> None:
    window.resize(*SIZES[size])
    window.show()
    window.ctx.announce()
    problems = []
    for name, _page in _page_views(window):
        problems += [str(p) for p in find_clipped(window, f"{size} {name}")]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", list(SIZES))
def test_every_dialog_fits(window: Any, size: str) -> None:
    from dangjian_desktop.gui.backup_dialog import BackupDialog
    from dangjian_desktop.gui.help import HelpWindow
    from dangjian_desktop.gui.import_dialog import ImportDialog

    width, height = SIZES[size]
    window.resize(width, height)
    window.show()
    dialogs: list[tuple[str, QWidget]] = []
    for page in window.pages:
        dialogs += [(f"{page.title}/{name}", d) for name, d in page.screenshot_dialogs()]
    dialogs += [
        ("备份与恢复", BackupDialog(window.ctx, window)),
        ("导入党员", ImportDialog(window.ctx, "members", window)),
        ("使用说明", HelpWindow(window)),
    ]
    problems = []
    for name, dialog in dialogs:
        dialog.show()
        QApplication.processEvents()
        if dialog.width() > width or dialog.height() > height:
            problems.append(f"{size} {name}: 对话框 {dialog.width()}×{dialog.height()} 超出屏幕")
        problems += [str(p) for p in find_clipped(dialog, f"{size} {name}")]
        dialog.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", list(SIZES))
def test_every_wizard_step_fits(qapp: Any, tmp_path: Any, size: str) -> None:
    from dangjian_desktop.gui.wizard import FirstStartWizard
    from dangjian_desktop.paths import DataDir
    from dangjian_desktop.store.db import open_database

    width, height = SIZES[size]
    db = open_database(DataDir(tmp_path / "empty"))
    wizard = FirstStartWizard(db)
    problems = []
    try:
        wizard.show()
        for step in range(wizard.page_count()):
            wizard.go_to(step)
            QApplication.processEvents()
            if wizard.width() > width or wizard.height() > height:
                problems.append(f"{size} 向导第{step + 1}步 {wizard.width()}×{wizard.height()}")
            problems += [str(p) for p in find_clipped(wizard, f"{size} 向导第{step + 1}步")]
    finally:
        wizard.close()
        db.close()
    assert not problems, "\n".join(problems)


def test_the_check_sees_a_cut_label_and_a_button_off_the_edge(qtbot: Any) -> None:
    """The checker itself: a label narrower than its text, a button beyond its window."""
    from PySide6.QtWidgets import QLabel, QPushButton

    root = QWidget()
    qtbot.addWidget(root)
    root.resize(200, 100)
    label = QLabel("这是一段放不下的很长很长的说明文字", root)
    label.setGeometry(0, 0, 60, 20)
    button = QPushButton("保存", root)
    button.setGeometry(170, 0, 80, 30)
    root.show()
    found = find_clipped(root, "t")
    whys = {(p.text, p.why) for p in found}
    assert ("这是一段放不下的很长很长的说明文字", "宽度不够，文字被截断") in whys
    assert ("保存", "控件有一部分在可见区域之外") in whys
    label.setGeometry(0, 0, 400, 20)
    button.setGeometry(100, 0, 80, 30)
    root.resize(450, 100)
    assert find_clipped(root, "t") == []


def test_at_150_percent_nothing_is_cut(tmp_path: Any) -> None:
    """The real 150 %: Qt scaled by QT_SCALE_FACTOR in a program of its own (the factor is read
    when the application starts), every page, tab and dialog checked by `screenshots --check`."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dangjian_desktop.gui.screenshots",
            str(tmp_path),
            "--today",
            "2027-05-20",
            "--scale",
            "1.5",
            "--window",
            "1920x1010",
            "--check",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    problems = [line for line in done.stderr.splitlines() if line.startswith("文字或控件被截断")]
    assert done.returncode == 0 and not problems, done.stderr[-4000:]
    assert not list(tmp_path.glob("*.png"))  # checked, not saved
