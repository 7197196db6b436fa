"""帮助 → 关于本程序: the bundled components and their licences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from dangjian_desktop import APP_NAME, __version__
from dangjian_desktop.gui.about import COMPONENTS, AboutDialog, licence_text

WANTED = {
    "LXGW WenKai": "OFL-1.1",
    "AR PL UMing": "Arphic Public License",
    "Qt / PySide6": "LGPL-3.0",
    "SQLAlchemy / SQLModel": "MIT",
    "Alembic": "MIT",
    "reportlab": "BSD-3-Clause",
    "openpyxl": "MIT",
    "platformdirs": "MIT",
    "defusedxml": "PSF-2.0",
}


def test_about_lists_version_data_folder_and_components(
    qapp: Any, qtbot: Any, tmp_path: Path
) -> None:
    dialog = AboutDialog(tmp_path / "数据", None)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.data_label)))
    assert APP_NAME in texts and __version__ in texts
    assert str(tmp_path / "数据") in dialog.data_label.text()
    table = dialog.table
    assert table.rowCount() == len(COMPONENTS)
    rows = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    for name, licence in WANTED.items():
        matches = [shown for shown in rows if name in shown]
        assert matches, f"{name} is not listed"
        assert rows[matches[0]] == licence
    assert all(button.text() == "查看许可证" for button in dialog.buttons)


def test_font_licence_opens_with_its_text(qapp: Any, qtbot: Any, tmp_path: Path) -> None:
    dialog = AboutDialog(tmp_path, None)
    qtbot.addWidget(dialog)
    dialog.show()
    row = next(i for i, c in enumerate(COMPONENTS) if "WenKai" in c.name)
    qtbot.mouseClick(dialog.buttons[row], Qt.MouseButton.LeftButton)
    viewer = dialog.licence_dialog
    assert viewer is not None
    qtbot.waitUntil(viewer.isVisible)
    assert "SIL OPEN FONT LICENSE Version 1.1" in viewer.text.toPlainText()
    assert viewer.text.isReadOnly()
    row = next(i for i, c in enumerate(COMPONENTS) if "UMing" in c.name)
    qtbot.mouseClick(dialog.buttons[row], Qt.MouseButton.LeftButton)
    assert "ARPHIC PUBLIC LICENSE" in dialog.licence_dialog.text.toPlainText()


def test_every_component_has_a_licence_text() -> None:
    for component in COMPONENTS:
        text = licence_text(component)
        assert len(text) > 200, component.name  # the text itself, not just a name
    qt = next(c for c in COMPONENTS if c.name.startswith("Qt"))
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in licence_text(qt)
