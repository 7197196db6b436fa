"""设置: the township's details, the round's dates and scoring rules, the rubric, rounds, operators.

Each form keeps what was loaded, so the page knows when something is typed but not saved; saving
goes through the services (which refuse what a closed round or started scoring forbids) and the
reason a part is read-only is always shown beside it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QScrollArea, QTabWidget, QVBoxLayout, QWidget

from dangjian_desktop.gui.context import AppContext, Area
from dangjian_desktop.gui.pages.base import Page
from dangjian_desktop.gui.pages.settings.dialogs import OperatorDialog
from dangjian_desktop.gui.pages.settings.operators import OperatorsTab
from dangjian_desktop.gui.pages.settings.round import RoundTab
from dangjian_desktop.gui.pages.settings.rounds import RoundsTab
from dangjian_desktop.gui.pages.settings.rubric import RubricTab
from dangjian_desktop.gui.pages.settings.township import TownshipTab
from dangjian_desktop.gui.widgets import page_header


class SettingsPage(Page):
    title = "设置"
    key = "settings"
    watches = frozenset({Area.SETTINGS, Area.ROUNDS, Area.EVALUATION})
    round_scoped = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.township = TownshipTab(ctx)
        self.round = RoundTab(ctx)
        self.rubric = RubricTab(ctx)
        self.rounds = RoundsTab(ctx)
        self.operators = OperatorsTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(_scrolled(self.township), "本镇信息")
        self.tabs.addTab(_scrolled(self.round), "年度设置")
        self.tabs.addTab(self.rubric, "考核指标")
        self.tabs.addTab(self.rounds, "新建年度")
        self.tabs.addTab(self.operators, "操作员")
        layout = QVBoxLayout(self)
        layout.addWidget(
            page_header("设置", "本镇信息、年度日期与评分规则、考核指标、新建和结束年度、操作员。")
        )
        layout.addWidget(self.tabs, 1)
        # Ctrl+S belongs to whichever form tab is showing; the buttons' own shortcuts would clash.
        for button in (self.township.save_button, self.round.save_button, self.rubric.save_button):
            button.setShortcut(QKeySequence())
        save = QShortcut(QKeySequence("Ctrl+S"), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save_current_tab)

    def save_current_tab(self) -> None:
        current = self.tabs.currentIndex()
        forms: dict[int, TownshipTab | RoundTab | RubricTab] = {
            0: self.township,
            1: self.round,
            2: self.rubric,
        }
        form = forms.get(current)
        if form is not None:
            form.save()

    def refresh(self) -> None:
        self.township.refresh()
        self.round.refresh()
        self.rubric.refresh()
        self.rounds.refresh()
        self.operators.refresh()

    def _dirty_forms(self) -> list[TownshipTab | RoundTab | RubricTab]:
        return [f for f in (self.township, self.round, self.rubric) if f.is_dirty()]

    def has_unsaved_changes(self) -> bool:
        return bool(self._dirty_forms())

    def save_changes(self) -> bool:
        return all(form.save() for form in self._dirty_forms())

    def screenshot_dialogs(self) -> list[tuple[str, QWidget]]:
        dialog = OperatorDialog(self)
        dialog.ui.nameEdit.setText("刀玉香")
        dialog.ui.roleCombo.setCurrentIndex(1)
        return [("operator", dialog)]


def _scrolled(widget: QWidget) -> QScrollArea:
    """A form tab inside a scroll area, so nothing is cut off on a small screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area
