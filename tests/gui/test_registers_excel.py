"""党组织与党员 ↔ Excel: save a blank register, fill it as a clerk would, import it from the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from registers_helpers import with_modal

from dangjian_desktop.gui.import_dialog import FileDialogs, ImportDialog
from dangjian_desktop.gui.pages.registers import RegistersPage
from dangjian_desktop.services.registers import list_branches


@pytest.fixture
def page(window: Any, qtbot: Any) -> RegistersPage:
    found = window.show_page("registers")
    assert isinstance(found, RegistersPage)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    found.tree.setFocus()
    return found


def test_template_then_import_from_the_page(
    page: RegistersPage, tmp_path: Path, qtbot: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "党组织名册.xlsx"
    monkeypatch.setattr(
        FileDialogs, "save_xlsx", classmethod(lambda cls, parent, title, suggested: target)
    )
    qtbot.keyClick(page.tree, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert target.exists()

    workbook = openpyxl.load_workbook(target)
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    row = {name: "" for name in header}
    row.update({header[0]: "新寨村白岩党支部"})
    for name in header:
        if name and "层级" in str(name):
            row[name] = "党支部"
        if name and "领域" in str(name):
            row[name] = "农村"
    sheet.append([row[name] for name in header])
    workbook.save(target)

    def run(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportDialog)
        dialog.open_file(target)
        qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=20000)
        assert dialog.ui.importButton.isEnabled(), [p.message for p in dialog.preview.problems]
        qtbot.mouseClick(dialog.ui.importButton, Qt.MouseButton.LeftButton)

    assert with_modal(
        run, lambda: qtbot.keyClick(page.tree, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    )
    names = page.ctx.read(lambda s: {b.name for b in list_branches(s)})
    assert "新寨村白岩党支部" in names
