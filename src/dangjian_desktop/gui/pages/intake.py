"""申报与方案 and 半年汇报: who applied for the round, and what each branch has handed in."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop import clock
from dangjian_desktop.domain.calendar import Stage, Timeliness, stage_title
from dangjian_desktop.gui.context import AppContext, Area, Change
from dangjian_desktop.gui.dates import to_date, to_qdate
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.intake_grid import (
    NO_ROUND_TIP,
    READ_ONLY_TIP,
    IntakeGridWidget,
    add_shortcut,
    keep_register_order,
)
from dangjian_desktop.gui.models import GREEN, GREY, Column
from dangjian_desktop.gui.pages.base import Page
from dangjian_desktop.gui.widgets import SearchableTable, page_header
from dangjian_desktop.services import enrolment
from dangjian_desktop.services.common import Session, round_info
from dangjian_desktop.services.enrolment import EnrolmentLine


def _due_hint(due: dt.date | None) -> str:
    return f"（{due.month}月{due.day}日前报送）" if due else ""


def _enrolment_state(line: EnrolmentLine) -> str:
    if line.enrolled:
        return "已申报"
    return "已撤回" if line.withdrawn_on else "未申报"


def _reselect(table: SearchableTable[EnrolmentLine], ids: set[int]) -> None:
    """Select again the rows that were selected before the table was reloaded."""
    proxy, model = table.proxy, table.view.selectionModel()
    selection = QItemSelection()
    if ids:  # the model's rows mapped to the shown ones: no Qt call per row of a county
        last = proxy.columnCount() - 1
        for i, line in enumerate(table.model.rows):
            if line.branch_id in ids:
                shown = proxy.mapFromSource(table.model.index(i, 0))
                if shown.isValid():
                    selection.select(shown, proxy.index(shown.row(), last))
    flags = QItemSelectionModel.SelectionFlag
    model.select(selection, flags.ClearAndSelect | flags.Rows)


class EnrolmentPage(Page):
    """申报 on the left, the 实施方案 intake grid on the right."""

    title = "申报与方案"
    key = "enrolment"
    watches = frozenset({Area.REGISTERS, Area.ENROLMENT, Area.ROUNDS, Area.SETTINGS})
    round_scoped = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.first_year: int | None = None
        self.closed = True

        enrol_box = self._build_enrol_box()
        self.enrol_box = enrol_box
        self._collapsed_for: int | None = None  # the round the panel was last folded for
        self.plan_box = QGroupBox("实施方案")
        self.grid = IntakeGridWidget(ctx, Stage.PLAN)
        plan_layout = QVBoxLayout(self.plan_box)
        plan_layout.addWidget(self.grid)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(enrol_box)
        self.splitter.addWidget(self.plan_box)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        enrol_box.setMinimumWidth(350)
        self.splitter.setSizes([372, 828])

        layout = QVBoxLayout(self)
        layout.addWidget(
            page_header(
                self.title,
                "每个创建年度都要重新申报，往年的称号不自动延续。先登记申报，再登记各党组织报送的"
                "实施方案：选中一行按回车就登记为收到，并自动跳到下一个未报的。",
            )
        )
        # 申报 is the task of August: afterwards its panel folds away so the plans get the width
        # (the clerk can open it again at any time).
        self.enrol_toggle = QPushButton()
        self.enrol_toggle.setObjectName("enrolToggle")
        self.enrol_toggle.setToolTip("显示或收起左边的申报名单")
        self.enrol_toggle.clicked.connect(lambda: self.show_enrolment(not enrol_box.isVisible()))
        toggle_row = QHBoxLayout()
        toggle_row.setContentsMargins(0, 0, 0, 0)
        toggle_row.addWidget(self.enrol_toggle)
        toggle_row.addStretch(1)
        layout.addLayout(toggle_row)
        layout.addWidget(self.splitter, 1)

    def show_enrolment(self, shown: bool) -> None:
        """Show or fold the 申报 panel."""
        self.enrol_box.setVisible(shown)
        self._update_toggle()

    def _update_toggle(self) -> None:
        shown = not self.enrol_box.isHidden()
        counts = self.enrol_counts.text()
        self.enrol_toggle.setText("◂ 收起申报名单" if shown else f"▸ 展开申报名单（{counts}）")

    def _build_enrol_box(self) -> QGroupBox:
        """申报: the branches, the date and the buttons to enrol or withdraw them."""
        columns: list[Column[EnrolmentLine]] = [
            Column("党组织", lambda r: r.branch_name, 170),
            Column(
                "申报",
                _enrolment_state,
                60,
                color=lambda r: GREEN if r.enrolled else GREY,
                tooltip=lambda r: f"{r.withdrawn_on.isoformat()}撤回" if r.withdrawn_on else None,
            ),
            Column("申报日期", lambda r: r.applied_on, 92),
        ]
        self.enrol_table: SearchableTable[EnrolmentLine] = SearchableTable(
            columns, self, placeholder="搜索党组织，或输入“未申报”"
        )
        self.enrol_table.sig_selection_changed.connect(self._update_buttons)
        # the button to the registers is the plan grid's, beside it: one next step per page
        self.enrol_table.set_empty_hint("还没有党组织，没有可申报的。")
        keep_register_order(self.enrol_table)
        self.applied_edit = QDateEdit()
        self.applied_edit.setCalendarPopup(True)
        self.applied_edit.setDisplayFormat("yyyy-MM-dd")
        self.applied_edit.setMinimumWidth(130)
        self.applied_edit.setDate(to_qdate(clock.today()))
        self.applied_edit.setToolTip("登记申报时记下的申报日期")
        applied_label = QLabel("申报日期：")
        applied_label.setBuddy(self.applied_edit)
        self.enrol_button = QPushButton("登记申报")
        self.enrol_button.setProperty("primary", True)
        add_shortcut(self, "Ctrl+Shift+N", self.enrol_button)
        self.enrol_button.setProperty(
            "normalTip", "为选中的党组织登记申报本年度的创建活动，可以一次选多个（Ctrl+Shift+N）"
        )
        self.enrol_button.clicked.connect(self.enrol_selected)
        self.withdraw_button = QPushButton("撤回申报")
        add_shortcut(self, "Ctrl+Shift+W", self.withdraw_button)
        self.withdraw_button.setProperty(
            "normalTip", "党组织不再参加本年度创建时撤回申报，要写明原因（Ctrl+Shift+W）"
        )
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.enrol_counts = QLabel()

        enrol_box = QGroupBox("申报")
        buttons = QHBoxLayout()
        buttons.addWidget(applied_label)
        buttons.addWidget(self.applied_edit)
        buttons.addStretch(1)
        buttons2 = QHBoxLayout()
        buttons2.addWidget(self.enrol_button)
        buttons2.addWidget(self.withdraw_button)
        buttons2.addStretch(1)
        box_layout = QVBoxLayout(enrol_box)
        box_layout.addLayout(buttons)
        box_layout.addLayout(buttons2)
        box_layout.addWidget(self.enrol_counts)
        box_layout.addWidget(self.enrol_table, 1)
        return enrol_box

    # ----------------------------------------------------------- loading
    def reload_for(self, change: Change) -> None:
        """A receipt made in the plan grid changes only its lines, which the grid replaces
        itself: the 申报 list stays as it is."""
        if not self.grid.made(change):
            self.refresh()

    def refresh(self) -> None:
        keep = {line.branch_id for line in self.enrol_table.selected()}

        year = self.ctx.year
        rnd, lines = self.ctx.read(lambda s: enrolment.enrolment_view(s, year))
        self.first_year = rnd.first_year if rnd else None
        self.closed = rnd is None or rnd.closed
        self.applied_edit.setMaximumDate(to_qdate(clock.today()))
        self.enrol_table.set_rows(lines)
        _reselect(self.enrol_table, keep)
        enrolled = sum(1 for line in lines if line.enrolled)
        self.enrol_counts.setText(f"已申报{enrolled}个 · 未申报{len(lines) - enrolled}个")
        due = rnd.dates.plan_due if rnd else None
        self.plan_box.setTitle(f"实施方案{_due_hint(due)}")
        if self.first_year != self._collapsed_for:
            self._collapsed_for = self.first_year
            season = due is None or clock.today() <= due or enrolled == 0
            self.enrol_box.setVisible(season)
        self._update_toggle()
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.enrol_table.selected()
        writable = self.first_year is not None and not self.closed
        why = NO_ROUND_TIP if self.first_year is None else READ_ONLY_TIP
        for button, wanted in (
            (self.enrol_button, any(not line.enrolled for line in chosen)),
            (self.withdraw_button, any(line.enrolled for line in chosen)),
        ):
            button.setEnabled(writable and wanted)
            button.setToolTip(str(button.property("normalTip")) if writable else why)
        self.applied_edit.setEnabled(writable)
        self.applied_edit.setToolTip("登记申报时记下的申报日期" if writable else why)

    # ----------------------------------------------------------- actions
    def enrol_selected(self) -> None:
        chosen = [line for line in self.enrol_table.selected() if not line.enrolled]
        if not chosen or self.first_year is None or self.closed:
            return
        actor, year = self.ctx.actor, self.first_year
        applied_on = to_date(self.applied_edit.date())

        def work(session: Session) -> bool:
            for line in chosen:
                enrolment.enrol(
                    session,
                    actor=actor,
                    first_year=year,
                    branch_id=line.branch_id,
                    applied_on=applied_on,
                )
            return True

        if self.ctx.act(work, self, what=self.ctx.change(Area.ENROLMENT)):
            self.grid.select_branch(chosen[0].branch_id)

    def withdraw_selected(self) -> None:
        chosen = [line for line in self.enrol_table.selected() if line.enrolled]
        if not chosen or self.first_year is None or self.closed:
            return
        names = "、".join(line.branch_name for line in chosen)
        reason = Ask.text(
            self, "撤回申报", f"撤回{names}的申报。\n请写明原因（例如：党支部合并、主动放弃）："
        )
        if reason is None:
            return
        if not reason.strip():
            Ask.warn(self, "撤回申报要写明原因。请再点一次“撤回申报”并填写。")
            return
        actor, year = self.ctx.actor, self.first_year

        def work(session: Session) -> bool:
            for line in chosen:
                enrolment.withdraw(
                    session, actor=actor, first_year=year, branch_id=line.branch_id, reason=reason
                )
            return True

        self.ctx.act(work, self, what=self.ctx.change(Area.ENROLMENT))

    def select_branch(self, branch_id: int) -> bool:
        """Show a branch: its 申报 row and its 实施方案 row (focus goes to the plan grid)."""
        self.enrol_table.select_where(lambda line: line.branch_id == branch_id)
        return self.grid.select_branch(branch_id)

    def screenshot_dialogs(self) -> list[tuple[str, QWidget]]:
        received = [line for line in self.grid.lines if line.received_on is not None]
        dialog = self.grid.build_receipt_dialog(received[0] if received else None)
        return [("receipt", dialog)] if dialog is not None else []


class ReportsPage(Page):
    """半年书面汇报: one intake grid per half-year period, switched by tabs."""

    title = "半年汇报"
    key = "reports"
    watches = frozenset({Area.REGISTERS, Area.ENROLMENT, Area.REPORTS, Area.ROUNDS, Area.SETTINGS})
    round_scoped = True
    STAGES = (Stage.REPORT_H2, Stage.REPORT_H1)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._shown_year: int | None = None
        self.tabs = QTabWidget()
        self.grids: dict[Stage, IntakeGridWidget] = {}
        for stage in self.STAGES:
            grid = IntakeGridWidget(ctx, stage)
            self.grids[stage] = grid
            holder = QWidget()
            QVBoxLayout(holder).addWidget(grid)
            self.tabs.addTab(holder, stage_title(stage, ctx.year or clock.today().year))
        layout = QVBoxLayout(self)
        layout.addWidget(
            page_header(
                self.title,
                "各党组织每半年书面汇报一次创建进展。选中一行按回车登记收到；"
                "详细登记里可以写汇报摘要、附加扫描件。",
            )
        )
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        year = self.ctx.year
        rnd = self.ctx.read(lambda s: round_info(s, year))
        if rnd is None:
            return
        dates = rnd.dates
        for i, stage in enumerate(self.STAGES):
            self.tabs.setTabText(
                i, stage_title(stage, rnd.first_year) + _due_hint(dates.due(stage))
            )
        if self._shown_year != rnd.first_year:
            # open the period that needs the clerk: the second half while any report of it is
            # overdue, else the first half once the second half's due date has passed
            self._shown_year = rnd.first_year
            h2_missing = any(
                line.timeliness == Timeliness.MISSING for line in self.grids[Stage.REPORT_H2].lines
            )
            later = clock.today() > dates.report_h2_due and not h2_missing
            self.tabs.setCurrentIndex(1 if later else 0)

    def current_grid(self) -> IntakeGridWidget:
        return self.grids[self.STAGES[self.tabs.currentIndex()]]

    def select_branch(self, branch_id: int, stage: Stage | None = None) -> bool:
        """Select a branch in the current period's grid (or in the given period's)."""
        if stage in self.grids:
            self.tabs.setCurrentIndex(self.STAGES.index(stage))
        return self.current_grid().select_branch(branch_id)

    def screenshot_dialogs(self) -> list[tuple[str, QWidget]]:
        grid = self.grids[Stage.REPORT_H2]
        received = [line for line in grid.lines if line.received_on is not None]
        dialog = grid.build_receipt_dialog(received[0] if received else None)
        return [("receipt", dialog)] if dialog is not None else []
