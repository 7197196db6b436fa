"""自检自查: each branch's self-check scores, keyed in a grid and saved per branch."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from dangjian_desktop.gui.context import Area
from dangjian_desktop.gui.dialogs import Ask, Choice
from dangjian_desktop.gui.models import AMBER, GREEN, Column, display
from dangjian_desktop.gui.pages.evaluation.common import (
    EvaluationTab,
    fixed_widths,
    natural_order,
    save_and_undo_buttons,
)
from dangjian_desktop.gui.score_grid import ScoreView, SelfCheckModel
from dangjian_desktop.gui.widgets import SearchableTable, inline_error
from dangjian_desktop.services import evaluation as ev

if TYPE_CHECKING:
    from dangjian_desktop.gui.pages.evaluation.common import RoundView
    from dangjian_desktop.gui.pages.evaluation.page import EvaluationPage


class SelfCheckTab(EvaluationTab):
    def __init__(self, page: EvaluationPage) -> None:
        super().__init__(page)
        self.year: int | None = None
        self.branch_id: int | None = None
        self.branch_name = ""
        self._loading = False
        self.branches: SearchableTable[ev.SelfCheckLine] = SearchableTable(
            [
                Column("党组织", lambda r: r.branch_name, 170),
                Column(
                    "已填",
                    lambda r: f"{r.filled}/{r.items}",
                    52,
                    numeric=True,
                    color=lambda r: GREEN if r.filled == r.items else AMBER,
                ),
                Column("合计", lambda r: r.total, 56, numeric=True),
            ],
            placeholder="搜索党组织…",
        )
        self.branches.setFixedWidth(320)
        self.branches.set_empty_hint(
            "还没有党组织申报本年度的创建活动，没有自检自查可录。",
            "去登记申报",
            lambda: self.page.go_to("enrolment"),
        )
        natural_order(self.branches)
        self.branches.sig_selection_changed.connect(self._branch_picked)

        self.heading = QLabel("请在左边选择一个党组织")
        self.heading.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.model = SelfCheckModel(self)
        self.model.allow_clear = False
        self.view = ScoreView()
        self.view.setModel(self.model)
        self.view.horizontalHeader().setStretchLastSection(True)
        fixed_widths(self.view, [150, 260, 50, 90])
        self.view.verticalHeader().setVisible(False)
        self.total = QLabel()
        self.total.setStyleSheet("font-size: 11pt;")
        self.message = inline_error()
        self.view.sig_message.connect(self._show_message)
        self.model.sig_totals_changed.connect(self._show_total)
        self.model.sig_pending_changed.connect(self._pending_changed)
        self.save_button, self.undo_button = save_and_undo_buttons(
            self, "保存自检自查", "保存这个党组织的自检自查分数", self.save, self._undo
        )
        hint = QLabel("直接输入分数，Enter 到下一项；超过分值或小于0的分数当场拒收。")
        hint.setObjectName("pageHint")

        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(hint)
        right.addWidget(self.view, 1)
        right.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total, 1)
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.save_button)
        right.addLayout(bottom)
        layout = QHBoxLayout(self)
        layout.addWidget(self.branches)
        layout.addLayout(right, 1)
        self._pending_changed()

    def refresh(self, state: RoundView) -> None:
        self.state = state
        year = state.year
        lines = self.ctx.read(lambda s: ev.self_check_lines(s, year))
        same_round = self.year == year
        if not same_round:
            self.branch_id = None
        self.year = year
        self._loading = True
        try:
            self.branches.set_rows(lines)
            chosen = (
                self.branch_id
                if self.branch_id is not None
                else (lines[0].branch_id if lines else None)
            )
            if chosen is not None:
                self.branches.select_where(lambda r: r.branch_id == chosen)
        finally:
            self._loading = False
        if chosen is None:
            self.model.load([], {})
            self.heading.setText(f"{state.label}还没有党组织申报，没有自检自查可录。")
            self.branch_id = None
        else:
            self._load(chosen, keep_edits=same_round and chosen == self.branch_id)
        self._pending_changed()

    def _load(self, branch_id: int, *, keep_edits: bool) -> None:
        assert self.year is not None and self.state is not None
        year = self.year
        line = next((r for r in self.branches.model.rows if r.branch_id == branch_id), None)
        if line is None:
            return
        saved = self.ctx.read(lambda s: ev.self_scores(s, year, branch_id))
        self.model.read_only = self.state.closed
        self.model.load(self.state.items, saved, line.refusal, keep_edits=keep_edits)
        self.branch_id = branch_id
        self.branch_name = line.branch_name
        self.heading.setText(f"{line.branch_name} — 自检自查（{self.state.label}）")
        self.message.hide()

    def _branch_picked(self) -> None:
        if self._loading:
            return
        chosen = self.branches.current()
        if chosen is None or chosen.branch_id == self.branch_id:
            return
        if self.model.has_pending():
            answer = Ask.save_discard_cancel(
                self, f"{self.branch_name}的自检自查还有没保存的分数。要先保存吗？"
            )
            if answer == Choice.CANCEL or (answer == Choice.SAVE and not self.save()):
                self._reselect()
                return
        self._load(chosen.branch_id, keep_edits=False)
        self._pending_changed()

    def _reselect(self) -> None:
        self._loading = True
        try:
            self.branches.select_where(lambda r: r.branch_id == self.branch_id)
        finally:
            self._loading = False

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _show_total(self) -> None:
        total, filled = self.model.total()
        count = len(self.model.items)
        if not count:
            self.total.setText("")
            return
        text = f"合计：<b>{display(total) or '0'}</b> 分（已填 {filled}/{count} 项）"
        self.total.setText(text)

    def _pending_changed(self) -> None:
        pending = self.model.has_pending()
        closed = self.state is not None and self.state.closed
        self.save_button.setEnabled(pending and not closed)
        self.undo_button.setEnabled(pending)

    def _undo(self) -> None:
        self.model.discard()
        self.message.hide()

    def save(self) -> bool:
        if not self.model.has_pending() or self.branch_id is None or self.year is None:
            return True
        reason = self.page.ask_reason()
        if reason is None:
            return False
        scores: dict[str, str | Decimal] = {
            str(code): value for code, value in self.model.pending().items() if value is not None
        }
        year, branch_id, actor = self.year, self.branch_id, self.ctx.actor
        result = self.ctx.act(
            lambda s: ev.save_self_scores(
                s, actor=actor, first_year=year, branch_id=branch_id, scores=scores, reason=reason
            ),
            self,
            what=self.ctx.change(Area.EVALUATION),
        )
        if result is None:
            return False
        self.model.drop_saved_edits()
        self._pending_changed()
        return True
