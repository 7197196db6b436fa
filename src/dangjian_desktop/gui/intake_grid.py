"""The intake grid: enrolled branches × one thing they hand in (方案, 汇报 or 材料).

Built for quick keyboard work at the counter: pick the received date once at the top, select a
branch and press Enter (or F2 / Ctrl+R); the receipt is recorded and the selection jumps to the next
branch that has not handed in yet. Details (form, remark, summary, files) go through the receipt
dialog (gui/receipt_dialog.py); returning for revision, approving, attaching and undoing are one
key or button away.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop import clock
from dangjian_desktop.domain.calendar import (
    ReceiptStatus,
    Stage,
    Timeliness,
    days_late,
    days_overdue,
    late_text,
    stage_title,
)
from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.context import AppContext, Area, Change
from dangjian_desktop.gui.dates import to_date, to_qdate
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.document_actions import issue_document
from dangjian_desktop.gui.models import AMBER, GREEN, GREY, RED, ROW_ROLE, Column
from dangjian_desktop.gui.receipt_dialog import Files, ReceiptDialog, viewing_folder
from dangjian_desktop.gui.widgets import FrozenFirstColumn, SearchableTable, go_to_page
from dangjian_desktop.gui.worker import Task
from dangjian_desktop.services import documents, intake
from dangjian_desktop.services.common import RoundInfo, Session
from dangjian_desktop.services.intake import STATUS_NAMES, IntakeLine
from dangjian_desktop.services.registers import has_active_branches

READ_ONLY_TIP = "该年度已结束，只能查看"
NO_ROUND_TIP = "还没有创建年度，请先在“设置”里新建"
SHORT_NAMES = {
    Timeliness.ON_TIME: "按时",
    Timeliness.LATE: "逾期报送",
    Timeliness.MISSING: "未报",
    Timeliness.PENDING: "未到期",
}
TIMELINESS_COLORS = {
    Timeliness.ON_TIME: GREEN,
    Timeliness.LATE: AMBER,
    Timeliness.MISSING: RED,
    Timeliness.PENDING: GREY,
}
FILTERS: list[tuple[str, Callable[[IntakeLine], bool] | None, str]] = [
    ("全部", None, "显示全部已申报的党组织"),
    ("未报", lambda line: line.received_on is None, "只显示还没收到的（含未到截止日期的）"),
    (
        "逾期",
        lambda line: line.timeliness in (Timeliness.LATE, Timeliness.MISSING),
        "只显示逾期报送的和过了截止日期还没报送的",
    ),
    ("退回修改", lambda line: line.status == ReceiptStatus.RETURNED, "只显示退回修改、还没改好的"),
]


def timeliness_text(line: IntakeLine, today: dt.date) -> str:
    if line.timeliness == Timeliness.LATE and line.received_on is not None:
        return late_text(days_late(line.due, line.received_on))
    if line.timeliness == Timeliness.MISSING:
        return f"未报（已{late_text(days_overdue(line.due, today))}）"
    return SHORT_NAMES[line.timeliness]


def status_color(line: IntakeLine) -> object:
    if line.status == ReceiptStatus.RETURNED:
        return RED
    if line.status == ReceiptStatus.ACCEPTED:
        return GREEN
    return None


def counts_text(lines: list[IntakeLine], due: dt.date | None) -> str:
    found = Counter(line.timeliness for line in lines)
    text = " · ".join(f"{SHORT_NAMES[t]}{found[t]}" for t in SHORT_NAMES)
    statuses = Counter(line.status for line in lines)
    text += f"　｜　退回修改{statuses['returned']} · 已审核通过{statuses['accepted']}"
    if due is not None:
        text = f"截止日期 {due.isoformat()}　｜　{text}"
    return text


def keep_register_order(table: SearchableTable[Any]) -> None:
    """Show rows in register order (党总支 before its 党支部) until the clerk clicks a header."""
    table.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.proxy.sort(-1)


def add_shortcut(owner: QWidget, keys: str, button: QPushButton) -> QShortcut:
    """A key for a button that acts at once (a button's own shortcut clicks only after a delay)
    and only while the button is enabled and its page is on screen."""
    shortcut = QShortcut(QKeySequence(keys), owner)
    shortcut.activated.connect(lambda: button.click() if button.isEnabled() else None)
    return shortcut


class IntakeGridWidget(QWidget):
    """Enrolled branches and what they handed in for one stage; refreshes itself on changes."""

    def __init__(self, ctx: AppContext, stage: Stage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stage = stage
        self.first_year: int | None = None
        self.closed = False
        self.due: dt.date | None = None
        self.today = clock.today()
        self.slip_task: Task | None = None
        actions = self._build_actions()
        row_actions = self._build_row_actions()
        filters = self._build_filters()
        self._build_grid()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addLayout(row_actions)
        layout.addLayout(filters)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.table, 1)

        self.reloads = 0
        """How many times the grid read its lines (for the tests of the change path)."""
        self.line_reloads = 0  # how many times it read only the lines its own change touched
        self._own_change: Change | None = None
        self._own_branches: frozenset[int] = frozenset()
        self.area = Area.ENROLMENT if stage is Stage.PLAN else Area.REPORTS
        self.watches = frozenset({self.area, Area.REGISTERS, Area.ROUNDS, Area.SETTINGS})
        ctx.sig_data_changed.connect(self._on_data_changed)
        ctx.sig_round_changed.connect(self._on_round_changed)
        ctx.sig_actor_changed.connect(self._update_buttons)
        self.stale = True  # read when first shown (or its lines asked for), not when built
        self._update_buttons()

    def change(self) -> Change:
        """What a change made on this grid touches: its stage, in the current round."""
        return self.ctx.change(self.area)

    def _on_data_changed(self, change: Change) -> None:
        if not change.touches(self.watches, self.ctx.year):
            return
        if self.made(change) and self.isVisible() and not self.stale:
            self._refresh_lines(self._own_branches)
        else:
            self._reload_if_shown()

    def made(self, change: Change) -> bool:
        """Is `change` this grid's own change of some receipts (the page need not reload)?"""
        return change is self._own_change

    def _act_on_lines(self, work: Callable[[Session], Any], branch_ids: set[int]) -> Any:
        """`ctx.act` for a change of only these branches' receipts of this stage: the grid
        then reads and replaces just their rows (a county has a thousand), keeping filter,
        selection and scroll, instead of reloading every line."""
        change = self.change()
        self._own_change, self._own_branches = change, frozenset(branch_ids)
        try:
            return self.ctx.act(work, self, what=change)
        finally:
            self._own_change = None

    def _refresh_lines(self, branch_ids: frozenset[int]) -> None:
        """Read the lines of `branch_ids` and put them in place of their rows."""
        self.line_reloads += 1
        year, stage, today = self.ctx.year, self.stage, self.today
        rnd, fresh = self.ctx.read(lambda s: intake.intake_view(s, year, stage, today, branch_ids))
        model = self.table.model
        where = {line.branch_id: i for i, line in enumerate(model.rows)}
        if (
            rnd is None
            or {line.branch_id for line in fresh} != branch_ids
            or not all(line.branch_id in where for line in fresh)
        ):
            self.refresh()  # a line came or went: read them all
            return
        model.replace_rows({where[line.branch_id]: line for line in fresh})
        self.counts_label.setText(counts_text(model.rows, self.due))
        self._update_buttons()

    def _on_round_changed(self, _year: int) -> None:
        self._reload_if_shown()

    def _reload_if_shown(self) -> None:
        """A grid behind another tab or on a hidden page reloads when it is shown again."""
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self.stale:
            self.refresh()
        super().showEvent(event)

    def _build_actions(self) -> QHBoxLayout:
        """The received date that stays between receipts, and the quick actions."""
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMinimumWidth(130)
        self.date_edit.setDate(to_qdate(self.today))
        self.date_edit.setMaximumDate(to_qdate(self.today))
        self.date_edit.setToolTip("按回车或“登记收到”时用这个日期；登记后保持不变，方便连续登记")
        date_label = QLabel("收到日期(&D)：")
        date_label.setBuddy(self.date_edit)
        self.today_button = QPushButton("今天")
        self.today_button.setToolTip("把收到日期改回今天")
        self.today_button.clicked.connect(lambda: self.date_edit.setDate(to_qdate(clock.today())))

        self.receive_button = self._button(
            "登记收到",
            "Ctrl+R",
            "把选中的党组织登记为已收到，日期取左边的“收到日期”，登记后自动跳到下一个未报的"
            "（Ctrl+R，或在表格里按回车、F2）",
            self.receive_selected,
            primary=True,
        )
        self.detail_button = self._button(
            "详细登记…",
            "Ctrl+E",
            "填写报送形式、备注、汇报摘要并附加文件；已收到的可以修改收到日期和状态（Ctrl+E，或双击）",
            self.open_detail,
        )
        self.undo_button = self._button(
            "撤销上一条登记",
            "Ctrl+Z",
            "撤销您最近登记的一条收到记录（Ctrl+Z），撤销前会先问您",
            self.undo_last,
        )

        actions = QHBoxLayout()
        actions.addWidget(date_label)
        actions.addWidget(self.date_edit)
        actions.addWidget(self.today_button)
        actions.addSpacing(8)
        actions.addWidget(self.receive_button)
        actions.addWidget(self.detail_button)
        actions.addWidget(self.undo_button)
        actions.addStretch(1)
        return actions

    def _build_row_actions(self) -> QHBoxLayout:
        """What can be done with the selected lines."""
        self.return_button = self._button(
            "退回修改",
            "Ctrl+T",
            "把选中的退回给党支部修改，要写明修改什么（Ctrl+T）",
            self.return_selected,
        )
        self.accept_button = self._button(
            "审核通过", "Ctrl+G", "选中的已审核通过（Ctrl+G）", self.accept_selected
        )
        self.attach_button = self._button(
            "附加文件…",
            "Ctrl+Shift+A",
            "把扫描件、Word文件等复制进数据文件夹并附在这条登记上（Ctrl+Shift+A）",
            self.attach_files,
        )
        self.open_button = self._button(
            "打开附件", "Ctrl+O", "用电脑上的程序打开这条登记的附件（Ctrl+O）", self.open_attachment
        )
        self.slip_button = self._button(
            "打印签收单",
            "Ctrl+P",
            "生成这条登记的签收单（存根和回执各一联）并打开，方便打印后交给报送人（Ctrl+P）",
            self.print_slip,
        )
        row_actions = QHBoxLayout()
        row_actions.addWidget(QLabel("选中的："))
        for button in (
            self.return_button,
            self.accept_button,
            self.attach_button,
            self.open_button,
            self.slip_button,
        ):
            row_actions.addWidget(button)
        row_actions.addStretch(1)
        return row_actions

    def _build_filters(self) -> QHBoxLayout:
        """Filters and counts."""
        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        self.filter_buttons: dict[str, QPushButton] = {}
        filter_row = QHBoxLayout()
        filter_row.setSpacing(0)
        for i, (name, _, tip) in enumerate(FILTERS):
            button = QPushButton(name)
            button.setCheckable(True)
            button.setToolTip(tip)
            button.setChecked(i == 0)
            self.filter_group.addButton(button, i)
            self.filter_buttons[name] = button
            filter_row.addWidget(button)
        self.filter_group.idClicked.connect(self._filter_picked)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("intakeCounts")
        self.counts_label.setWordWrap(True)
        self.read_only_label = QLabel(READ_ONLY_TIP + "。")
        self.read_only_label.setStyleSheet(f"color: {AMBER.name()}; font-weight: bold;")
        self.read_only_label.hide()
        filters = QHBoxLayout()
        filters.addWidget(QLabel("显示："))
        filters.addLayout(filter_row)
        filters.addSpacing(12)
        filters.addWidget(self.read_only_label)
        filters.addStretch(1)
        return filters

    def _build_grid(self) -> None:
        today = self.today
        columns: list[Column[IntakeLine]] = [
            Column("党组织", lambda r: r.branch_name, 172),
            Column("截止日期", lambda r: r.due, 92),
            Column("收到日期", lambda r: r.received_on, 92),
            Column(
                "按时/逾期",
                lambda r: timeliness_text(r, today),
                160,
                color=lambda r: TIMELINESS_COLORS[r.timeliness],
            ),
            Column(
                "状态",
                lambda r: STATUS_NAMES.get(r.status or "", ""),
                90,
                color=status_color,  # type: ignore[arg-type]
            ),
            Column("报送形式", lambda r: r.form, 72),
            Column(
                "附件数",
                lambda r: r.attachments if r.received_on else None,
                56,
                numeric=True,
            ),
            Column("备注", lambda r: r.remark, 200, tooltip=lambda r: r.remark or None),
        ]
        self.table: SearchableTable[IntakeLine] = SearchableTable(
            columns, self, placeholder="搜索党组织、备注…"
        )
        self.view = self.table.view
        keep_register_order(self.table)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.installEventFilter(self)
        self.view.doubleClicked.connect(lambda *_: self.open_detail())
        self.frozen = FrozenFirstColumn(self.view)  # the branch stays when 备注 is scrolled to
        self.table.sig_selection_changed.connect(self._update_buttons)

    def _button(
        self,
        text: str,
        shortcut: str,
        tip: str,
        slot: Callable[[], object],
        *,
        primary: bool = False,
    ) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setProperty("normalTip", tip)
        if primary:
            button.setProperty("primary", True)
        button.clicked.connect(lambda *_: slot())
        add_shortcut(self, shortcut, button)
        return button

    # ----------------------------------------------------------- loading
    @property
    def lines(self) -> list[IntakeLine]:
        if self.stale:
            self.refresh()
        return list(self.table.model.rows)

    def refresh(self) -> None:
        self.stale = False
        self.reloads += 1
        keep = {line.branch_id for line in self.selected_lines()}
        current = self._current_line()
        self.today = clock.today()
        stage = self.stage

        year, today = self.ctx.year, self.today
        rnd, lines = self.ctx.read(lambda s: intake.intake_view(s, year, stage, today))
        self.first_year = rnd.first_year if rnd else None
        self.closed = rnd is None or rnd.closed
        self.due = rnd.dates.due(stage) if rnd else None
        self.date_edit.setMaximumDate(to_qdate(self.today))
        self.table.set_rows(lines)
        self.counts_label.setText(counts_text(lines, self.due) if rnd else NO_ROUND_TIP + "。")
        self.read_only_label.setVisible(rnd is not None and self.closed)
        self._select_ids(keep, current.branch_id if current else None)
        self._update_buttons()
        if not lines:
            self._show_empty_step(rnd)

    def _show_empty_step(self, rnd: RoundInfo | None) -> None:
        """Nothing to receive: say what comes first (a year, the branches, their 申报)."""
        if rnd is None:
            self.table.set_empty_hint(
                "还没有创建年度，不能登记收到的材料。",
                "去新建创建年度",
                lambda: self._go("settings"),
            )
            return
        if not self.ctx.read(has_active_branches):
            self.table.set_empty_hint(
                "还没有党组织。先在“党组织与党员”里从Excel导入名册或新增党组织，再登记申报。",
                "去登记党组织",
                lambda: self._go("registers"),
            )
        elif self.stage is Stage.PLAN:
            self.table.set_empty_hint(
                "还没有党组织申报本年度的创建活动。在左边的申报名单里选中党组织（Ctrl+A 全选），"
                "点“登记申报”；申报了的党组织会列在这里登记实施方案。",
                "展开申报名单",
                self._show_enrolment,
            )
        else:
            self.table.set_empty_hint(
                "还没有党组织申报本年度的创建活动。先在“申报与方案”里登记申报，"
                "申报了的党组织会列在这里。",
                "去登记申报",
                lambda: self._go("enrolment"),
            )

    def _go(self, key: str) -> None:
        go_to_page(self, key)

    def _show_enrolment(self) -> None:
        page = go_to_page(self, "enrolment")
        show = getattr(page, "show_enrolment", None)
        if callable(show):
            show(True)

    # ----------------------------------------------------------- selection
    def selected_lines(self) -> list[IntakeLine]:
        return self.table.selected()

    def _current_line(self) -> IntakeLine | None:
        index = self.view.currentIndex()
        if index.isValid() and self.view.selectionModel().isSelected(index):
            line = self.table.proxy.data(index, ROW_ROLE)
            if isinstance(line, IntakeLine):
                return line
        chosen = self.selected_lines()
        return chosen[0] if chosen else None

    def _proxy_rows(self, ids: set[int]) -> dict[int, int]:
        """The shown row of each shown branch of `ids`, mapped from the model's rows."""
        model, proxy = self.table.model, self.table.proxy
        found: dict[int, int] = {}
        for i, line in enumerate(model.rows):
            if line.branch_id in ids:
                index = proxy.mapFromSource(model.index(i, 0))
                if index.isValid():
                    found[line.branch_id] = index.row()
        return found

    def _select_ids(self, ids: set[int], current: int | None = None) -> bool:
        proxy = self.table.proxy
        selection = QItemSelection()
        rows = self._proxy_rows(ids)
        last = proxy.columnCount() - 1
        for r in sorted(rows.values()):
            selection.select(proxy.index(r, 0), proxy.index(r, last))
        first = rows.get(current) if current is not None else None
        if first is None and rows:
            first = min(rows.values())
        model = self.view.selectionModel()
        model.select(
            selection,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if first is None:
            return False
        index = proxy.index(first, 0)
        model.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.view.scrollTo(index)
        return True

    def select_branch(self, branch_id: int) -> bool:
        """Select and show a branch's row (clearing a filter that hides it), focus the grid."""
        if not self._proxy_rows({branch_id}):
            self.table.search.clear()
            self.filter_buttons[FILTERS[0][0]].setChecked(True)
            self._filter_picked(0)
        found = self._select_ids({branch_id}, branch_id)
        self.view.setFocus()
        return found

    def _next_unreceived(self, after: list[IntakeLine]) -> int | None:
        """The next branch below the given rows (wrapping around) that has not handed in yet."""
        proxy = self.table.proxy
        shown: list[IntakeLine] = [
            proxy.data(proxy.index(r, 0), ROW_ROLE) for r in range(proxy.rowCount())
        ]
        skip = {line.branch_id for line in after}
        rows = [i for i, line in enumerate(shown) if line.branch_id in skip]
        start = max(rows) + 1 if rows else 0
        for line in shown[start:] + shown[:start]:
            if line.received_on is None and line.branch_id not in skip:
                return line.branch_id
        return None

    def _filter_picked(self, which: int) -> None:
        self.table.proxy.set_extra_filter(FILTERS[which][1])
        self._update_buttons()

    # ----------------------------------------------------------- state of the buttons
    def writable(self) -> bool:
        return self.first_year is not None and not self.closed

    def _update_buttons(self) -> None:
        chosen = self.selected_lines()
        single = len(chosen) == 1
        received = [line for line in chosen if line.received_on is not None]
        writable = self.writable()
        changes: list[tuple[QWidget, bool]] = [
            (self.receive_button, any(line.received_on is None for line in chosen)),
            (self.detail_button, single),
            (self.undo_button, True),
            (self.return_button, bool(received)),
            (self.accept_button, bool(received)),
            (self.attach_button, single and bool(received)),
            (self.date_edit, True),
            (self.today_button, True),
        ]
        why = NO_ROUND_TIP if self.first_year is None else READ_ONLY_TIP
        for widget, wanted in changes:
            widget.setEnabled(writable and wanted)
            normal = widget.property("normalTip")
            if not writable:
                widget.setToolTip(why)
            elif isinstance(normal, str):
                widget.setToolTip(normal)
        self.open_button.setEnabled(single and chosen[0].attachments > 0)
        self.slip_button.setEnabled(single and chosen[0].receipt_id is not None)
        self.detail_button.setText(
            "修改登记…" if single and chosen[0].received_on is not None else "详细登记…"
        )

    def _refuse_if_read_only(self) -> bool:
        if self.writable():
            return False
        Ask.warn(self, (NO_ROUND_TIP if self.first_year is None else READ_ONLY_TIP) + "。")
        return True

    # ----------------------------------------------------------- keyboard
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
                self._enter_pressed()
                return True
        return super().eventFilter(watched, event)

    def _enter_pressed(self) -> None:
        chosen = self.selected_lines()
        if not chosen:
            return
        if any(line.received_on is None for line in chosen):
            self.receive_selected()
        elif len(chosen) == 1:
            self.open_detail()

    # ----------------------------------------------------------- actions
    def receive_selected(self) -> None:
        """Record the selected branches as received on the date at the top; go to the next one."""
        if self._refuse_if_read_only():
            return
        chosen = [line for line in self.selected_lines() if line.received_on is None]
        if not chosen:
            Ask.warn(self, "请先在表格里选中还没收到的党组织。")
            return
        day = to_date(self.date_edit.date())
        following = self._next_unreceived(chosen)
        actor, stage, year = self.ctx.actor, self.stage, self.first_year
        assert year is not None

        def work(session: Session) -> bool:
            for line in chosen:
                intake.record_receipt(
                    session,
                    actor=actor,
                    first_year=year,
                    branch_id=line.branch_id,
                    stage=stage,
                    received_on=day,
                )
            return True

        if self._act_on_lines(work, {line.branch_id for line in chosen}) and following is not None:
            self._select_ids({following}, following)
        self.view.setFocus()

    def build_receipt_dialog(self, line: IntakeLine | None = None) -> ReceiptDialog | None:
        """The receipt dialog for a line (default: the selected one), not yet shown."""
        line = line or self._current_line()
        if line is None or self.first_year is None:
            return None
        stage = self.stage
        receipt_id = line.receipt_id
        detail = (
            self.ctx.read(lambda s: intake.receipt_detail(s, stage, receipt_id))
            if receipt_id is not None
            else None
        )
        day = to_date(self.date_edit.date())
        return ReceiptDialog(self.ctx, self.stage, self.first_year, line, detail, day, self)

    def open_detail(self) -> None:
        if self._refuse_if_read_only():
            return
        line = self._current_line()
        if line is None:
            Ask.warn(self, "请先在表格里选中一个党组织。")
            return
        dialog = self.build_receipt_dialog(line)
        if dialog is None:
            return
        if ReceiptDialog.run(dialog) and line.received_on is None:
            following = self._next_unreceived([line])
            self._select_ids({following} if following else {line.branch_id}, following)
        dialog.deleteLater()
        self.view.setFocus()

    def _change_status(self, status: str, remark: str | None) -> None:
        chosen = [line for line in self.selected_lines() if line.receipt_id is not None]
        actor, stage = self.ctx.actor, self.stage

        def work(session: Session) -> bool:
            for line in chosen:
                assert line.receipt_id is not None
                intake.update_receipt(
                    session,
                    actor=actor,
                    stage=stage,
                    receipt_id=line.receipt_id,
                    status=status,
                    remark=remark,
                )
            return True

        self._act_on_lines(work, {line.branch_id for line in chosen})

    def return_selected(self) -> None:
        if self._refuse_if_read_only():
            return
        chosen = [line for line in self.selected_lines() if line.receipt_id is not None]
        if not chosen:
            Ask.warn(self, "请先选中已经收到的党组织，再退回修改。")
            return
        names = "、".join(line.branch_name for line in chosen)
        default = chosen[0].remark if len(chosen) == 1 else ""
        remark = Ask.text(
            self,
            "退回修改",
            f"退回{names}的{stage_title(self.stage, self.first_year or 0)}。\n"
            "请写明要修改什么（会写进备注，方便党支部改正）：",
            default,
        )
        if remark is None:
            return
        if not remark.strip():
            Ask.warn(self, "退回修改时要写明修改什么。请再点一次“退回修改”并填写。")
            return
        self._change_status(ReceiptStatus.RETURNED, remark)

    def accept_selected(self) -> None:
        if self._refuse_if_read_only():
            return
        if not any(line.receipt_id is not None for line in self.selected_lines()):
            Ask.warn(self, "请先选中已经收到的党组织，再审核通过。")
            return
        self._change_status(ReceiptStatus.ACCEPTED, None)

    def attach_files(self) -> None:
        if self._refuse_if_read_only():
            return
        line = self._current_line()
        if line is None or line.receipt_id is None:
            Ask.warn(self, "请先登记收到，再附加文件。")
            return
        paths = Files.pick(self, f"选择{line.branch_name}报送的文件")
        if not paths:
            return
        actor, stage, receipt_id = self.ctx.actor, self.stage, line.receipt_id
        store = self.ctx.db.data_dir.attachments

        def work(session: Session) -> int:
            for path in paths:
                intake.attach_file(
                    session,
                    actor=actor,
                    stage=stage,
                    receipt_id=receipt_id,
                    source=path,
                    store_root=store,
                )
            return len(paths)

        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            self._act_on_lines(work, {line.branch_id})
        finally:
            self.unsetCursor()

    def open_attachment(self) -> None:
        line = self._current_line()
        if line is None or line.receipt_id is None or not line.attachments:
            Ask.warn(self, "选中的这一行没有附件。")
            return
        stage, receipt_id = self.stage, line.receipt_id
        files = self.ctx.read(lambda s: intake.receipt_detail(s, stage, receipt_id)).attachments
        chosen = files[0]
        if len(files) > 1:
            labels = [f"{i + 1}. {f.name}" for i, f in enumerate(files)]
            picked = Ask.choose(self, "打开附件", "要打开哪个附件？", labels)
            if picked is None:
                return
            chosen = files[labels.index(picked)]
        try:
            path = intake.viewing_copy(self.ctx.db.data_dir.attachments, chosen, viewing_folder())
        except UserError as exc:
            Ask.warn(self, str(exc))
            return
        if not Files.open(path):
            Ask.warn(
                self,
                f"没能打开“{chosen.name}”。请确认电脑上装有能打开这种文件的程序（文件在 {path}）。",
            )

    def print_slip(self) -> None:
        """The 签收单 of the selected receipt: recorded in the registry and previewed to print."""
        line = self._current_line()
        if line is None or line.receipt_id is None:
            Ask.warn(self, "请先登记收到，再打印签收单。")
            return
        stage, receipt_id = self.stage, line.receipt_id
        actor, data_dir = self.ctx.actor, self.ctx.db.data_dir
        self.slip_task = issue_document(
            self,
            self.ctx,
            "签收单",
            lambda s, _p, _c: documents.print_receipt(
                s, data_dir, actor=actor, stage=stage, receipt_id=receipt_id
            ),
        )

    def undo_last(self) -> None:
        if self._refuse_if_read_only():
            return
        actor = self.ctx.actor
        entry = self.ctx.read(lambda s: intake.last_receipt_entry(s, actor))
        if entry is None:
            Ask.warn(self, "没有可以撤销的登记。")
            return
        if not Ask.confirm(
            self,
            f"要撤销上一条登记吗？\n\n{entry.summary}\n\n撤销后这条登记就不算收到了（操作日志里会留下记录）。",
            "撤销上一条登记",
        ):
            return

        def work(session: Session) -> tuple[Stage, int]:
            row = intake.undo_last_receipt(session, actor=actor)
            return intake.stage_of(row), intake.receipt_branch_id(session, row)

        undone = self.ctx.act(work, self, what=self.change())
        if undone is not None and undone[0] == self.stage:
            self._select_ids({undone[1]}, undone[1])
        self.view.setFocus()
