"""考核指标与一票否决: the area indicators per branch and the vetoes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from dangjian_desktop.gui.context import Area
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.pages.evaluation.common import ResultsPanel, fixed_widths, make_button
from dangjian_desktop.gui.pages.evaluation.delegate import IndicatorDelegate
from dangjian_desktop.gui.pages.evaluation.dialogs import VetoDialog
from dangjian_desktop.gui.pages.evaluation.models import INDICATOR_FIELDS, IndicatorModel
from dangjian_desktop.gui.widgets import EmptyHint
from dangjian_desktop.services import evaluation as ev
from dangjian_desktop.services.common import Session

if TYPE_CHECKING:
    from dangjian_desktop.gui.pages.evaluation.common import RoundView
    from dangjian_desktop.gui.pages.evaluation.results import ResultsTab


class IndicatorPanel(ResultsPanel):
    def __init__(self, tab: ResultsTab) -> None:
        super().__init__(tab)
        self.model = IndicatorModel(self)
        self.model.sig_edited.connect(self._edited, Qt.ConnectionType.QueuedConnection)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(IndicatorDelegate(self.view))
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setHighlightSections(False)
        fixed_widths(self.view, [f.width for f in INDICATOR_FIELDS])
        self.view.doubleClicked.connect(self._double_clicked)
        self.veto_button = make_button(
            "一票否决…",
            self.edit_veto,
            tip="为选中的党组织认定或取消一票否决",
            shortcut="Ctrl+D",
            owner=self,
        )
        hint = QLabel(
            "双击格子（或选中后直接打字）填写各项考核指标，改完即保存；"
            "“目标管理考核全部合格”填“否”即一票否决。"
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(hint, 1)
        top.addWidget(self.veto_button)
        self.empty = EmptyHint(
            "还没有党组织申报本年度的创建活动，没有要填考核指标的单位。",
            "去登记申报",
            lambda: self.tab.page.go_to("enrolment"),
        )
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)

    def refresh(self, state: RoundView) -> None:
        self.state = state
        year = state.year
        lines = self.ctx.read(lambda s: ev.indicator_lines(s, year))
        current = self.view.currentIndex()
        self.model.read_only = state.closed
        self.model.set_rows(lines)
        if current.isValid():
            self.view.setCurrentIndex(self.model.index(current.row(), current.column()))
        self.veto_button.setEnabled(not state.closed and bool(lines))
        self.empty.setVisible(not lines and not state.closed)

    def _edited(self, branch_id: int, attr: str, value: object) -> None:
        if self.state is None:
            return
        line = next((r for r in self.model.rows if r.branch_id == branch_id), None)
        if line is None:
            return
        values: dict[str, Any] = {
            "credibility_above_average": line.credibility_above_average,
            "secretary_rank": line.secretary_rank,
            "targets_all_passed": line.targets_all_passed,
            "annual_rank": line.annual_rank,
        }
        values[attr] = value
        reason = self.page.ask_reason()
        if reason is None:
            self.refresh(self.state)
            return
        year, actor = self.state.year, self.ctx.actor
        done = self.ctx.act(
            lambda s: ev.set_indicators(
                s, actor=actor, first_year=year, branch_id=branch_id, reason=reason, **values
            ),
            self,
            what=self.ctx.change(Area.EVALUATION),
        )
        if done is None:
            self.refresh(self.state)

    def _double_clicked(self, index: QModelIndex) -> None:
        if INDICATOR_FIELDS[index.column()].attr in ("vetoes", "veto_note"):
            self.edit_veto()

    def edit_veto(self) -> None:
        if self.state is None or self.state.closed:
            return
        index = self.view.currentIndex()
        if not index.isValid():
            Ask.warn(self, "请先在表里选中一个党组织。")
            return
        line = self.model.rows[index.row()]
        dialog = VetoDialog(line.branch_name, line.vetoes, line.veto_note, self)
        year, actor, branch_id = self.state.year, self.ctx.actor, line.branch_id

        def submit() -> str | None:
            chosen = dialog.chosen()
            note = dialog.note()
            changed = {v: on for v, on in chosen.items() if on != (v in line.vetoes)}
            if not changed and note != line.veto_note and any(chosen.values()):
                first_active = next(v for v, on in chosen.items() if on)
                changed = {first_active: True}  # only the note changed: save it with a flag
            if not changed:
                return None
            reason = self.page.ask_reason()
            if reason is None:
                return "没有写修改原因，没有保存。"

            def apply(s: Session) -> None:
                for veto, on in changed.items():
                    ev.set_veto(
                        s,
                        actor=actor,
                        first_year=year,
                        branch_id=branch_id,
                        veto=veto,
                        active=on,
                        note=note,
                        reason=reason,
                    )

            _, message = self.ctx.act(apply, inline=True, what=self.ctx.change(Area.EVALUATION))
            return message

        dialog.submit = submit
        dialog.exec()
