"""The program's look comes from gui/theme.py (Fusion with palettes), not from a style sheet on the
application: a page's heading, its main action in red, tables and the page list."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTableView, QWidget

from dangjian_desktop.gui import theme
from dangjian_desktop.gui.widgets import page_header

ACTIVE = QPalette.ColorGroup.Active
DISABLED = QPalette.ColorGroup.Disabled


def _shown(qtbot: Any, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_application_has_the_theme_and_no_style_sheet(qapp: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert isinstance(app.style(), theme.Theme)
    assert app.styleSheet() == ""  # every widget would go through the style-sheet engine


def test_a_page_heading_and_its_note(qapp: Any, qtbot: Any) -> None:
    box = _shown(qtbot, page_header("工作台", "说明文字"))
    title, note = box.findChildren(QLabel)
    assert title.font().bold() and title.font().pointSizeF() == 16
    assert title.palette().color(ACTIVE, QPalette.ColorRole.WindowText) == theme.TITLE_RED
    assert note.palette().color(ACTIVE, QPalette.ColorRole.WindowText) == theme.HINT


def test_the_main_action_is_red_and_goes_back_when_it_no_longer_is(qapp: Any, qtbot: Any) -> None:
    plain = QPushButton("取消")
    button = QPushButton("登记收到")
    button.setProperty("primary", True)
    row = QWidget()
    plain.setParent(row)
    button.setParent(row)
    _shown(qtbot, row)
    normal = plain.palette().color(ACTIVE, QPalette.ColorRole.Button)
    assert button.palette().color(ACTIVE, QPalette.ColorRole.Button) == theme.DARK_RED
    assert button.palette().color(ACTIVE, QPalette.ColorRole.ButtonText) == theme.WHITE
    assert button.palette().color(DISABLED, QPalette.ColorRole.Button) == theme.DISABLED_PRIMARY
    assert normal != theme.DARK_RED
    button.setProperty("primary", False)  # as the registers page does when names are in
    button.style().unpolish(button)
    button.style().polish(button)
    assert button.palette().color(ACTIVE, QPalette.ColorRole.Button) == normal


def test_buttons_keep_room_beside_their_text(qapp: Any) -> None:
    button = QPushButton("校验已有报送包…")
    text = button.fontMetrics().horizontalAdvance(button.text())
    assert button.sizeHint().width() >= text + 2 * theme.BUTTON_PADDING[0]


def test_tables_select_in_pink_with_light_grid_and_warm_headers(qapp: Any, qtbot: Any) -> None:
    table = _shown(qtbot, QTableView())
    assert isinstance(table, QTableView)
    palette = table.palette()
    assert palette.color(ACTIVE, QPalette.ColorRole.Highlight) == theme.SELECTION
    assert palette.color(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight) == (
        theme.SELECTION
    )
    assert palette.color(ACTIVE, QPalette.ColorRole.Mid) == theme.GRID
    header = table.horizontalHeader()
    assert header.palette().color(ACTIVE, QPalette.ColorRole.Button) == theme.HEADER
