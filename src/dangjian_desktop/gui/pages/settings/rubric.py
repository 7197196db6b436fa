"""考核指标: the round's score items, edited until scoring starts."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.rubric import format_points
from dangjian_desktop.domain.text import round_label
from dangjian_desktop.gui.context import AppContext, Area
from dangjian_desktop.gui.pages.settings.common import FormTab, make_note
from dangjian_desktop.gui.pages.settings.models import RubricModel
from dangjian_desktop.services import rounds as round_service
from dangjian_desktop.services.rounds import RubricLine


class RubricTab(FormTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year: int | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.reason = make_note()
        self.reason.hide()
        self.model = RubricModel(self)
        self.model.dataChanged.connect(self._changed)
        self.model.modelReset.connect(self._changed)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(28)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((170, 56, 200, 64)):
            self.view.setColumnWidth(column, width)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        buttons = self.build_save_bar(
            "保存考核指标", "保存对分值和说明的修改", "放弃还没保存的修改"
        )
        self.hint = hint = make_note(
            "双击“分值”或“说明”即可修改。分值只能在同一方面的各项之间调整，"
            "各方面合计不变、总分100分；改好后点“保存考核指标”。开始评分后考核指标冻结。",
            "#555555",
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.reason)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def is_dirty(self) -> bool:
        return bool(self.model.pending)

    def refresh(self) -> None:
        self.refresh_round("考核指标")

    def load(self) -> None:
        self.year = self.ctx.year

        def read(session: Any) -> tuple[list[RubricLine], str] | None:
            found = round_service.rubric_lines(session, self.year)
            if found is None:
                return None
            lines, locks = found
            return lines, locks.rubric

        found = self.ctx.read(read)
        if found is None:
            self.heading.setText("还没有创建年度。")
            self.model.set_rows([], False)
            lock = "还没有创建年度。"
        else:
            rows, lock = found
            assert self.year is not None
            self.heading.setText(f"{round_label(self.year)}的考核指标")
            self.model.set_rows(rows, editable=not lock)
        self.reason.setText(lock)
        self.reason.setVisible(bool(lock))
        self.hint.setVisible(not lock)
        self.save_button.setVisible(not lock)
        self.revert_button.setVisible(not lock)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if lock
            else QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.error.hide()
        self.status.hide()

    def _changed(self, *_: Any) -> None:
        parts = []
        for name, points, subtotal in self.model.area_totals():
            color = "#1b5e20" if subtotal == points else "#b71c1c"
            parts.append(
                f"<span style='color:{color}'>{name} "
                f"{format_points(subtotal)}/{format_points(points)}分</span>"
            )
        self.totals.setText("各方面合计：" + "　".join(parts) if parts else "")
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty and self.model.editable)
        self.revert_button.setEnabled(dirty)
        if dirty:
            self.status.hide()

    def save(self) -> bool:
        if not self.is_dirty() or self.year is None:
            return True
        year = self.year
        edits = {
            code: (values.get("points"), values.get("description"))
            for code, values in self.model.pending.items()
        }
        _, problem = self.ctx.act(
            lambda s: round_service.update_rubric(
                s, actor=self.ctx.actor, first_year=year, edits=edits
            ),
            inline=True,
            what=self.ctx.change(Area.SETTINGS),
        )
        return self.finish_save(problem)
