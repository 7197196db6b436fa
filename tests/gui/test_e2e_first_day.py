"""End to end through the window, keyboard and mouse only: a clerk's first days with the program.

First-start wizard → a 党总支 and two 党支部 → members → enrolment → two plans (one late) →
the workbench counts change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget, QWizard
from registers_helpers import with_modal
from typing_helpers import type_text

from dangjian_desktop import clock
from dangjian_desktop.gui.app import gui_settings, start_context
from dangjian_desktop.gui.main_window import MainWindow
from dangjian_desktop.gui.wizard import FirstStartWizard
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services.registers import list_branches, list_members
from dangjian_desktop.store.db import Database, open_database

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def empty(tmp_path: Path, qapp: Any) -> Iterator[tuple[DataDir, Database]]:
    clock.set_today(dt.date(2026, 8, 10))
    data = DataDir(tmp_path / "office")
    db = open_database(data)
    yield data, db
    db.close()


def _click_tree_item(qtbot: Any, tree: Any, text: str) -> None:
    """Click the tree item whose label starts with `text`, as the clerk would."""
    item = next(
        i for i in tree.findItems(text, Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive)
    )
    tree.scrollToItem(item)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center()
    )
    assert tree.currentItem() is item


def _activate(qtbot: Any, window: QWidget) -> None:
    """After a dialog closes the main window is active again (the window manager's job)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _plan_row(window: MainWindow) -> Any:
    workbench = window.show_page("workbench")
    assert workbench is not None
    workbench.refresh()
    return next(s for s in workbench.stages.rows if s.key == "plan")


def test_first_days_with_the_program(
    empty: tuple[DataDir, Database], qtbot: Any, answers: Any
) -> None:
    data, db = empty

    # ---- the first-start wizard
    wizard = FirstStartWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    type_text(qtbot, wizard.township.ui.nameEdit, "龙山镇")
    qtbot.keyClick(wizard.currentPage(), Qt.Key.Key_Return)
    type_text(qtbot, wizard.operator.ui.nameEdit, "王晓燕")
    qtbot.keyClick(wizard.currentPage(), Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.round
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.actor is not None

    window = MainWindow(start_context(db, wizard.actor), gui_settings(data))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.round_combo.currentText() == "2026—2027年度"
    assert _plan_row(window).pending == 0  # nobody enrolled yet

    # ---- 党组织与党员 (Ctrl+2): a 党总支 and two 党支部 under it, by keyboard
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    registers = window.current_page()
    assert registers is not None and registers.key == "registers"
    tree = registers.tree
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton)  # the clerk clicks into the page

    def general(dialog: QWidget) -> None:
        type_text(qtbot, dialog.ui.nameEdit, "龙山村党总支")
        qtbot.keyClick(dialog.ui.levelCombo, Qt.Key.Key_Down)  # 党支部 → 党总支
        type_text(qtbot, dialog.ui.secretaryEdit, "李正明")
        qtbot.keyClick(dialog.ui.secretaryEdit, Qt.Key.Key_Return)

    assert with_modal(general, lambda: qtbot.keyClick(tree, Qt.Key.Key_N, CTRL))
    for name in ("龙山村上寨党支部", "龙山村下寨党支部"):

        def branch(dialog: QWidget, name: str = name) -> None:
            assert dialog.ui.parentCombo.currentText() == "龙山村党总支"
            type_text(qtbot, dialog.ui.nameEdit, name)
            qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)

        _activate(qtbot, window)
        _click_tree_item(qtbot, tree, "龙山村党总支")  # new 党支部 go under the selected 党总支
        assert with_modal(branch, lambda: qtbot.keyClick(tree, Qt.Key.Key_N, CTRL))

    with db.session() as s:
        names = {b.name: b for b in list_branches(s)}
    assert {"龙山村党总支", "龙山村上寨党支部", "龙山村下寨党支部"} <= set(names)
    assert names["龙山村上寨党支部"].parent_id == names["龙山村党总支"].id
    assert names["龙山村下寨党支部"].parent_id == names["龙山村党总支"].id

    # ---- members (Ctrl+Shift+N)
    def member(dialog: QWidget) -> None:
        type_text(qtbot, dialog.ui.nameEdit, "张三")
        qtbot.keyClick(dialog.ui.ethnicityCombo, Qt.Key.Key_Down)  # 汉族 → 彝族
        type_text(qtbot, dialog.ui.birthEdit, "1980年5月")
        type_text(qtbot, dialog.ui.joinedEdit, "2005.7.1")
        qtbot.keyClick(dialog.ui.joinedEdit, Qt.Key.Key_Return)

    _activate(qtbot, window)
    _click_tree_item(qtbot, tree, "龙山村上寨党支部")
    assert with_modal(member, lambda: qtbot.keyClick(tree, Qt.Key.Key_N, CTRL | SHIFT))
    with db.session() as s:
        members = list_members(s)
    assert [(m.name, m.ethnicity) for m in members] == [("张三", "彝族")]

    # ---- 申报与方案 (Ctrl+3): enrol all three, then record two plans
    clock.set_today(dt.date(2026, 9, 1))
    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    enrolment = window.current_page()
    assert enrolment is not None and enrolment.key == "enrolment"
    enrolment.enrol_table.view.setFocus()
    qtbot.keyClick(enrolment.enrol_table.view, Qt.Key.Key_A, CTRL)
    qtbot.mouseClick(enrolment.enrol_button, Qt.MouseButton.LeftButton)
    assert not answers.warnings, answers.warnings
    grid = enrolment.grid
    assert len(grid.lines) == 3

    before = _plan_row(window)
    assert (before.on_time, before.late, before.missing, before.pending) == (0, 0, 3, 0)

    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    grid.select_branch(grid.lines[0].branch_id)
    # the first plan came on 20 August: type the date, then Enter on the row
    qtbot.keyClick(grid, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # 收到日期(&D)
    assert grid.date_edit.hasFocus()
    qtbot.keyClicks(grid.date_edit, "20260820")
    assert grid.date_edit.date().toPython() == dt.date(2026, 8, 20)
    grid.view.setFocus()
    qtbot.keyClick(grid.view, Qt.Key.Key_Return)
    # the second came today, after the due date: 今天, then F2
    qtbot.mouseClick(grid.today_button, Qt.MouseButton.LeftButton)
    grid.view.setFocus()
    qtbot.keyClick(grid.view, Qt.Key.Key_F2)

    # ---- the workbench (Ctrl+1) shows the change
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    after = _plan_row(window)
    assert (after.on_time, after.late, after.missing, after.pending) == (1, 1, 1, 0)
    workbench = window.current_page()
    assert workbench is not None and workbench.key == "workbench"
    assert workbench.overdue.model.rowCount() == 1
    # leave no modifier key "held" for the next test: a plain click to finish
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton)
