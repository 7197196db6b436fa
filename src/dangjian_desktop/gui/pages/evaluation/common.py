"""What the evaluation tabs share: the round shown, its colours, buttons and table helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QTableView, QWidget

from dangjian_desktop.gui.widgets import SearchableTable
from dangjian_desktop.services import evaluation as ev
from dangjian_desktop.services.common import Session

if TYPE_CHECKING:
    from dangjian_desktop.gui.pages.evaluation.page import EvaluationPage
    from dangjian_desktop.gui.pages.evaluation.results import ResultsTab

Index = QModelIndex | QPersistentModelIndex

ENTRY_NAMES = {1: "第一遍录入", 2: "第二遍录入（核对用）"}
TIE_BG = QColor("#fff0c2")
QUOTA_BG = QColor("#ffe3e3")
DIFFER_BG = QColor("#ffe0e0")


RoundView = ev.RoundView


def read_round_view(session: Session, year: int) -> RoundView:
    return ev.round_view(session, year)


def make_button(
    text: str,
    slot: Callable[[], Any],
    *,
    tip: str = "",
    shortcut: str = "",
    owner: QWidget | None = None,
    primary: bool = False,
) -> QPushButton:
    """A button; with a shortcut, the shortcut works anywhere inside `owner` and shows in the tip."""
    button = QPushButton(text)
    button.clicked.connect(lambda _=False: slot())
    if primary:
        button.setProperty("primary", True)
    if shortcut and owner is not None:
        QShortcut(
            QKeySequence(shortcut),
            owner,
            lambda: button.click() if button.isEnabled() and button.isVisible() else None,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        tip = f"{tip}（{shortcut}）" if tip else shortcut
    if tip:
        button.setToolTip(tip)
    return button


def save_and_undo_buttons(
    owner: QWidget, text: str, tip: str, save: Callable[[], Any], undo: Callable[[], Any]
) -> tuple[QPushButton, QPushButton]:
    """A score grid's 保存 (Ctrl+S) and 撤销未保存的修改."""
    save_button = make_button(text, save, tip=tip, shortcut="Ctrl+S", owner=owner, primary=True)
    undo_button = make_button("撤销未保存的修改", undo, tip="恢复成上次保存的分数")
    return save_button, undo_button


def natural_order(table: SearchableTable[Any]) -> None:
    """Show rows in the order the service gives them (the party structure) until a header is
    clicked."""
    table.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.proxy.sort(-1)


def fixed_widths(view: QTableView, widths: list[int]) -> None:
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)


class EvaluationTab(QWidget):
    """A tab of the page: it knows the page, the context and the round shown (set by refresh)."""

    def __init__(self, page: EvaluationPage) -> None:
        super().__init__()
        self.page = page
        self.ctx = page.ctx
        self.state: RoundView | None = None


class ResultsPanel(QWidget):
    """A panel of 综合评价, which knows its tab as well."""

    def __init__(self, tab: ResultsTab) -> None:
        super().__init__()
        self.tab = tab
        self.page = tab.page
        self.ctx = tab.ctx
        self.state: RoundView | None = None
