"""The program's look without an application style sheet.

A style sheet on the application makes every widget of every page go through Qt's style-sheet
engine when it is built and painted: measured at county scale, it doubled the cost of building
a page (the 工作台 at start: 44 → 19 ms; 评估材料与评分: 147 → 68 ms). The same look is given
here by Fusion with palettes and fonts, set once per widget when Qt polishes it:

- `pageTitle` / `pageHint` labels: a page's heading and its grey notes;
- push buttons with the property `primary`: the page's main action, in red (and every push
  button keeps 12 px beside its text);
- table views and their headers: the warm header colour and padding, light grid, pink selection.

The window's own chrome (the page list and the red bar at the top) keeps a small style sheet of
its own (gui/main_window.py): it is there before the theme, which the window installs right after
its first paint. Widgets keep their own small style sheets where they have one (a coloured
label): Qt applies those to that widget alone.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLabel,
    QProxyStyle,
    QPushButton,
    QStyle,
    QStyleOption,
    QTableView,
    QWidget,
)

DARK_RED = QColor("#b71c1c")  # a primary button's: Fusion draws it a shade lighter (#c62828)
TITLE_RED = QColor("#8e0000")
HEADER = QColor("#f3e9e4")
GRID = QColor("#e8dcd6")
SELECTION = QColor("#ffcdd2")
HINT = QColor("#555555")
DISABLED_PRIMARY = QColor("#e0a0a0")
WHITE = QColor("#ffffff")
_RED_GIVEN = "themePrimary"  # the widget's palette was made red here

BUTTON_PADDING = (12, 4)  # room beside and above a push button's text (and its menu arrow)
HEADER_EXTRA = (4, 8)  # Fusion's header section, grown to the old 6 px / 4 px padding


def _set(palette: QPalette, role: QPalette.ColorRole, color: QColor) -> None:
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, role, color)


class Theme(QProxyStyle):
    """Fusion, with the program's colours and fonts given to widgets as Qt polishes them."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def sizeFromContents(
        self,
        kind: QStyle.ContentsType,
        option: QStyleOption,
        size: QSize,
        widget: QWidget | None = None,
    ) -> QSize:
        # Qt passes no widget for some sizes; the stubs want one (C++ takes a null pointer)
        found = super().sizeFromContents(kind, option, size, widget)  # type: ignore[arg-type]
        if kind == QStyle.ContentsType.CT_PushButton:  # 12 px beside the text, 4 above and below
            return QSize(
                size.width() + 2 * BUTTON_PADDING[0] + 2,
                max(found.height(), size.height() + 2 * BUTTON_PADDING[1] + 2),
            )
        if kind == QStyle.ContentsType.CT_HeaderSection:  # 6 px beside a heading, 4 above and below
            return QSize(found.width() + HEADER_EXTRA[0], found.height() + HEADER_EXTRA[1])
        return found

    def polish(self, target: object) -> object:  # type: ignore[override]
        result = super().polish(target)  # type: ignore[call-overload]
        if isinstance(target, QWidget):
            self._polish_widget(target)
        return result

    def _polish_widget(self, widget: QWidget) -> None:
        if isinstance(widget, QLabel):
            name = widget.objectName()
            if name == "pageTitle":
                font = QFont(widget.font())
                font.setPointSizeF(16)
                font.setBold(True)
                widget.setFont(font)
                palette = widget.palette()
                _set(palette, QPalette.ColorRole.WindowText, TITLE_RED)
                widget.setPalette(palette)
                widget.setContentsMargins(0, 2, 0, 2)
            elif name == "pageHint":
                palette = widget.palette()
                _set(palette, QPalette.ColorRole.WindowText, HINT)
                widget.setPalette(palette)
        elif isinstance(widget, QPushButton):
            if widget.property("primary"):
                palette = widget.palette()
                _set(palette, QPalette.ColorRole.Button, DARK_RED)
                _set(palette, QPalette.ColorRole.ButtonText, WHITE)
                palette.setColor(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, DISABLED_PRIMARY
                )
                palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, WHITE)
                widget.setPalette(palette)
                widget.setProperty(_RED_GIVEN, True)
            elif widget.property(_RED_GIVEN):  # no longer the main action (re-polished)
                widget.setPalette(QPalette())
                widget.setProperty(_RED_GIVEN, False)
        elif isinstance(widget, QHeaderView):
            palette = widget.palette()
            _set(palette, QPalette.ColorRole.Button, HEADER)
            widget.setPalette(palette)
        elif isinstance(widget, QTableView):
            palette = widget.palette()
            _set(palette, QPalette.ColorRole.Highlight, SELECTION)
            _set(palette, QPalette.ColorRole.HighlightedText, QColor("#000000"))
            _set(palette, QPalette.ColorRole.Mid, GRID)
            widget.setPalette(palette)


def install_theme(app: QApplication) -> None:
    """Give the application the theme, once (widgets already built are polished again)."""
    if not isinstance(app.style(), Theme):
        app.setStyle(Theme())
