"""End to end, the first day of an office coming from Excel: an empty folder → the wizard (which
offers the import) → the registers imported from Excel → enrolment → the first plan received,
with the 使用说明 opened once on the way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QWizard
from registers_helpers import with_modal
from typing_helpers import type_text

from dangjian_desktop import clock
from dangjian_desktop.exchange.templates import write_branch_template, write_member_template
from dangjian_desktop.gui.app import gui_settings, start_context
from dangjian_desktop.gui.import_dialog import ImportDialog
from dangjian_desktop.gui.main_window import MainWindow
from dangjian_desktop.gui.wizard import FirstStartWizard
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services.registers import list_branches, list_members
from dangjian_desktop.store.db import Database, open_database

BRANCHES = [
    ["龙山村党总支", "党总支", "", "农村", "是", "李正明", "13800000001", "1990-07-01", ""],
    ["龙山村上寨党支部", "党支部", "龙山村党总支", "农村", "是", "王强", "", "", ""],
    ["龙山村下寨党支部", "党支部", "龙山村党总支", "农村", "否", "赵敏", "", "", ""],
]
MEMBERS = [
    ["张三", "男", "汉族", "1980-05-01", "2005-07-01", "正式党员", "党员", "龙山村上寨党支部", ""],
    ["李梅", "女", "彝族", "1990-03-12", "2015-06-30", "正式党员", "党员", "龙山村下寨党支部", ""],
]


@pytest.fixture
def empty(tmp_path: Path, qapp: Any) -> Iterator[tuple[DataDir, Database]]:
    clock.set_today(dt.date(2026, 8, 10))
    data = DataDir(tmp_path / "office")
    db = open_database(data)
    yield data, db
    db.close()


def _register(path: Path, write: Any, rows: list[list[str]]) -> Path:
    """The office's own Excel register: the template's columns, its example row replaced."""
    write(path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _import(qtbot: Any, path: Path) -> Any:
    def run(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportDialog)
        dialog.open_file(path)
        qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=20000)
        assert dialog.ui.importButton.isEnabled(), [p.message for p in dialog.preview.problems]
        qtbot.mouseClick(dialog.ui.importButton, Qt.MouseButton.LeftButton)

    return run


def test_first_day_from_excel(
    empty: tuple[DataDir, Database], qtbot: Any, answers: Any, tmp_path: Path
) -> None:
    data, db = empty
    branches_xlsx = _register(tmp_path / "党组织名册.xlsx", write_branch_template, BRANCHES)
    members_xlsx = _register(tmp_path / "党员花名册.xlsx", write_member_template, MEMBERS)

    # ---- the wizard: nothing red before typing; the last step offers the Excel import
    wizard = FirstStartWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.township.ui.errorLabel.isHidden()
    type_text(qtbot, wizard.township.ui.nameEdit, "龙山镇")
    qtbot.keyClick(wizard.currentPage(), Qt.Key.Key_Return)
    type_text(qtbot, wizard.operator.ui.nameEdit, "王晓燕")
    qtbot.keyClick(wizard.currentPage(), Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.round
    assert wizard.round.import_check.isChecked() and wizard.wants_import
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.actor is not None

    window = MainWindow(start_context(db, wizard.actor), gui_settings(data))
    qtbot.addWidget(window)
    window.resize(1364, 700)
    window.show()
    qtbot.waitExposed(window)

    # ---- the workbench points to the registers, not to 申报 (there is no branch yet)
    workbench = window.show_page("workbench")
    assert workbench is not None
    workbench.refresh()
    first = workbench.actions_label.text()
    assert "还没有党组织" in first and "从Excel导入名册" in first and "申报与方案" not in first

    # ---- the help, once: F1 on the registers page opens its section
    registers = window.show_page("registers")
    assert registers is not None and registers.empty_hint.isVisible()
    assert registers.excel_button.property("primary") is True
    window.page_help_action.trigger()
    assert window._help is not None and window._help.isVisible()
    assert "从Excel导入" in window._help.browser.toPlainText()
    window._help.close()

    # ---- the import the wizard offered: the branches, then the members from the same button
    seen = with_modal(_import(qtbot, branches_xlsx), window.start_excel_import)
    qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=20000)
    registers.refresh()  # branches, no members yet: the member list offers their import
    assert registers.members.empty_hint is not None
    assert registers.members.empty_hint.button.text() == "从Excel导入党员…"
    assert with_modal(_import(qtbot, members_xlsx), registers.act_import_members.trigger)
    with db.session() as s:
        names = {b.name: b for b in list_branches(s)}
        members = {m.name for m in list_members(s)}
    assert set(names) == {row[0] for row in BRANCHES}
    assert names["龙山村上寨党支部"].parent_id == names["龙山村党总支"].id
    assert members == {"张三", "李梅"}
    registers.refresh()
    assert not registers.empty_hint.isVisible()
    assert registers.excel_button.property("primary") is False

    # ---- 申报与方案: enrol all, receive the first plan
    enrolment = window.show_page("enrolment")
    assert enrolment is not None
    enrolment.enrol_table.view.setFocus()
    qtbot.keyClick(enrolment.enrol_table.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(enrolment.enrol_button, Qt.MouseButton.LeftButton)
    assert not answers.warnings, answers.warnings
    grid = enrolment.grid
    assert len(grid.lines) == 3
    grid.select_branch(names["龙山村上寨党支部"].id)
    grid.view.setFocus()
    qtbot.keyClick(grid.view, Qt.Key.Key_Return)  # received today
    received = [line for line in grid.lines if line.received_on is not None]
    assert [line.branch_name for line in received] == ["龙山村上寨党支部"]
    assert received[0].received_on == dt.date(2026, 8, 10)

    workbench = window.show_page("workbench")
    assert workbench is not None
    workbench.refresh()
    plan = next(s for s in workbench.stages.rows if s.key == "plan")
    assert (plan.on_time, plan.pending) == (1, 2)
    assert "还没有党组织" not in workbench.actions_label.text()
