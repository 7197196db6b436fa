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
def test_the_first_day_fits(first_day: Any, size: str) -> None:
    """An empty township: every page and tab with its empty-state hints and their buttons."""
    first_day.resize(*SIZES[size])
    problems = []
    for name, _page in _page_views(first_day):
        problems += [str(p) for p in find_clipped(first_day, f"{size} 第一天 {name}")]
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


def test_the_check_sees_widgets_of_a_layout_drawn_over_each_other(qtbot: Any) -> None:
    """A layout given less height than its widgets need draws them over each other (the
    wizard's schedule over its Excel check box at 150 %)."""
    from PySide6.QtWidgets import QCheckBox, QTableView, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    root.resize(320, 220)
    box = QWidget(root)  # a page inside its window: it gets the size it is given
    layout = QVBoxLayout(box)
    table = QTableView()
    table.setMinimumHeight(300)
    check = QCheckBox("完成后从Excel导入")
    layout.addWidget(table)
    layout.addWidget(check)
    box.setGeometry(0, 0, 300, 200)
    root.show()
    QApplication.processEvents()
    assert table.geometry().intersects(check.geometry())
    whys = {p.why for p in find_clipped(root, "t")}
    assert "控件互相重叠，布局的空间不够" in whys
    table.setMinimumHeight(60)
    layout.activate()
    QApplication.processEvents()
    assert not table.geometry().intersects(check.geometry())
    assert not [p for p in find_clipped(root, "t") if "重叠" in p.why]


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


def _more_dialogs(window: Any, tmp_path: Any) -> list[tuple[str, QWidget]]:
    """The dialogs a page opens from its own buttons (built the way the page builds them), and
    the main window's own: 节假日安排, 关于, 导入党组织, the PDF preview."""
    from reportlab.pdfgen.canvas import Canvas

    from dangjian_desktop.gui.about import AboutDialog
    from dangjian_desktop.gui.holidays_dialog import HolidaysDialog
    from dangjian_desktop.gui.import_dialog import ImportDialog
    from dangjian_desktop.gui.pages.naming_tab import NamingStepDialog
    from dangjian_desktop.gui.pdf_preview import PdfPreview

    documents = window.show_page("documents")
    dialogs: list[tuple[str, QWidget | None]] = [
        ("文书/发文机关", documents.edit_organs()),
        ("文书/调整套打位置", documents.adjust_overlay()),
        ("文书/样稿", documents.issue_selected_notice()),
    ]
    commendation = window.show_page("commendation")
    approve = NamingStepDialog(
        commendation,
        title="审批评选结果",
        intro="审批公示的名单（去掉异议成立的）。审批后评分锁定，之后再改评分须写明原因并记入"
        "操作日志。请填写审批的镇党委会。",
        ok_text="审批",
        who_label="党委会(&W)：",
        with_file=True,
    )
    tie = NamingStepDialog(
        commendation,
        title="并列单位的决定",
        intro="以下2个单位综合评价同分，在名额线上并列，只剩1个名额。请按领导小组的决定勾选。",
        ok_text="记录决定",
        who_label="决定的会议(&W)：",
        text_label="决定的依据(&T)：",
        choices=[(1, "石龙村党总支"), (2, "龙潭村坡头党支部")],
    )
    pdf = tmp_path / "样稿.pdf"
    canvas = Canvas(str(pdf))
    canvas.drawString(72, 720, "preview")
    canvas.save()
    dialogs += [
        ("公示与表彰/审批", approve),
        ("公示与表彰/并列决定", tie),
        ("节假日安排", HolidaysDialog(window.ctx, window)),
        ("关于", AboutDialog(window.ctx.db.data_dir.root, window)),
        ("导入党组织", ImportDialog(window.ctx, "branches", window)),
        ("预览", PdfPreview(pdf, window)),
    ]
    built = [(name, d) for name, d in dialogs if d is not None]
    assert len(built) == len(dialogs), [name for name, d in dialogs if d is None]
    return built


@pytest.mark.parametrize("size", list(SIZES))
def test_the_pages_own_dialogs_fit(window: Any, tmp_path: Any, size: str) -> None:
    width, height = SIZES[size]
    window.resize(width, height)
    window.show()
    problems = []
    for name, dialog in _more_dialogs(window, tmp_path):
        dialog.show()
        QApplication.processEvents()
        if dialog.width() > width or dialog.height() > height:
            problems.append(f"{size} {name}: 对话框 {dialog.width()}×{dialog.height()} 超出屏幕")
        problems += [str(p) for p in find_clipped(dialog, f"{size} {name}")]
        dialog.close()
    assert not problems, "\n".join(problems)
