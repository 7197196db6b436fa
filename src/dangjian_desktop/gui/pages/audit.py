"""操作日志: who did what and when, newest first, filterable; read-only; the chain check on demand.

The log can hold tens of thousands of entries, so the filters are applied in the database and
it is read a page (`PAGE_SIZE` entries) at a time, newest first, from an index: the page says
when more match and shows the next page on request.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop import clock
from dangjian_desktop.gui.context import AppContext, Area
from dangjian_desktop.gui.dates import to_date, to_qdate
from dangjian_desktop.gui.models import (
    ROW_ROLE,
    SORT_ROLE,
    Column,
    FilterProxy,
    RowsModel,
    display,
)
from dangjian_desktop.gui.pages.base import Page
from dangjian_desktop.gui.widgets import EmptyHint, page_header
from dangjian_desktop.gui.worker import Task, run_task
from dangjian_desktop.services import audit_log
from dangjian_desktop.services.audit_log import AuditLine, AuditResult, ChainCheck

ALL = "全部"
NOT_CHECKED = "操作日志校验：还没有校验。点“校验”检查日志有没有在程序之外被改动过。"


def audit_columns() -> list[Column[AuditLine]]:
    return [
        Column("时间", lambda r: r.at, 140),
        Column("操作员", lambda r: r.operator, 96),
        Column("操作", lambda r: r.action_name, 120),
        Column("对象", lambda r: r.object_name, 170),
        Column("内容", lambda r: r.summary, 360, tooltip=lambda r: r.summary),
        Column("原因", lambda r: r.reason, 140, tooltip=lambda r: r.reason or None),
    ]


class AuditModel(RowsModel[AuditLine]):
    """Sorting by time uses the entry number, so entries of the same minute keep their order."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == SORT_ROLE and index.isValid() and index.column() == 0:
            return (0, self.rows[index.row()].id)
        return super().data(index, role)


DETAIL_ROWS = 300
"""At most this many changed fields in the details: a whole score sheet (12,000 scores at county
scale) laid out as one table held the window for ten seconds."""


def details_html(line: AuditLine, change: tuple[str, str] | None = None) -> str:
    """The selected entry: what, who, when, and each changed field as old → new (`change`: the
    old and new values read for a line that did not keep them)."""
    esc = html.escape
    parts = [
        f"<p><b>{esc(line.summary)}</b></p>",
        f"<p>{esc(display(line.at))}　{esc(line.operator)}　{esc(line.action_name)}　"
        f"{esc(line.object_name)}　（第{line.id}条）</p>",
    ]
    if line.reason:
        parts.append(f"<p>原因：{esc(line.reason)}</p>")
    old_text, new_text = change or (line.old, line.new)
    changes, count = audit_log.readable_fields(old_text, new_text, DETAIL_ROWS)
    if changes:
        rows = "".join(
            f"<tr><td>{esc(field)}</td><td><pre>{esc(old)}</pre></td>"
            f"<td>→</td><td><pre>{esc(new)}</pre></td></tr>"
            for field, old, new in changes
        )
        parts.append(
            "<table cellspacing='0' cellpadding='3' border='1' style='border-color:#e0d2cb'>"
            "<tr><th>项目</th><th>修改前</th><th></th><th>修改后</th></tr>"
            f"{rows}</table>"
        )
        if count > len(changes):
            parts.append(
                f"<p style='color:#8d5a00'>这条记录共修改了{count}项，"
                f"这里只列出前{DETAIL_ROWS}项。</p>"
            )
    else:
        parts.append("<p style='color:#757575'>这条记录没有保存修改前后的具体内容。</p>")
    return "".join(parts)


class AuditPage(Page):
    title = "操作日志"
    key = "audit"
    watches = frozenset({Area.AUDIT})
    round_scoped = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.result: AuditResult | None = None
        """The last page read."""
        self.total = 0
        self.check: ChainCheck | None = None
        self.task: Task | None = None
        self._dates_touched = False
        self._loading = False

        first, second = self._build_filters()
        splitter = self._build_list()

        # ---------------------------------------------------------- the chain check
        self.check_label = QLabel(NOT_CHECKED)
        self.check_label.setWordWrap(True)
        self.check_button = QPushButton("校验")
        self.check_button.setToolTip("检查每条日志都没有在程序之外被改动或删除（Ctrl+K）")
        self.check_button.setShortcut(QKeySequence("Ctrl+K"))
        self.check_button.clicked.connect(self.verify)
        bottom = QHBoxLayout()
        bottom.addWidget(self.check_label, 1)
        bottom.addWidget(self.check_button)

        layout = QVBoxLayout(self)
        layout.addWidget(
            page_header(
                "操作日志",
                "谁在什么时候做了什么，修改前后各是什么。日志只能查看，任何人都不能修改或删除。",
            )
        )
        layout.addLayout(first)
        layout.addLayout(second)
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_label, 1)
        count_row.addWidget(self.more_button)
        layout.addLayout(count_row)
        self.empty = EmptyHint(
            "没有符合筛选条件的记录。换一个日期范围、操作员、对象或操作，或清除筛选看全部记录。",
            "清除筛选",
            self.clear_filters,
        )
        self.empty.hide()
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        find = QShortcut(QKeySequence("Ctrl+F"), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._focus_search)

    def _build_filters(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        """The filters: dates, operator, object and action on one row, the search on the next."""
        self.date_from = self._date_edit()
        self.date_to = self._date_edit()
        self.operator = QComboBox()
        self.object_type = QComboBox()
        self.action = QComboBox()
        for combo, width in ((self.operator, 110), (self.object_type, 140), (self.action, 140)):
            combo.setMinimumWidth(width)
            combo.setMaxVisibleItems(25)
            combo.currentIndexChanged.connect(self._filters_changed)
        self.text = QLineEdit()
        self.text.setPlaceholderText("查找内容、原因或修改的值…")
        self.text.setClearButtonEnabled(True)
        self.text.setToolTip("空格分开的几个词都要出现（Ctrl+F）")
        self.text.setMinimumWidth(200)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(300)
        self._typing.timeout.connect(self.reload)
        self.text.textChanged.connect(lambda _: self._typing.start())
        self.clear_button = QPushButton("清除筛选")
        self.clear_button.setToolTip("显示全部日期、全部操作员、对象和操作（Ctrl+L）")
        self.clear_button.setShortcut(QKeySequence("Ctrl+L"))
        self.clear_button.clicked.connect(self.clear_filters)

        first = QHBoxLayout()
        first.addWidget(QLabel("日期："))
        first.addWidget(self.date_from)
        first.addWidget(QLabel("至"))
        first.addWidget(self.date_to)
        first.addSpacing(12)
        first.addWidget(QLabel("操作员："))
        first.addWidget(self.operator)
        first.addSpacing(12)
        first.addWidget(QLabel("对象："))
        first.addWidget(self.object_type)
        first.addSpacing(12)
        first.addWidget(QLabel("操作："))
        first.addWidget(self.action)
        first.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(QLabel("查找："))
        second.addWidget(self.text, 1)
        second.addWidget(self.clear_button)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.more_button = QPushButton("显示更早的记录")
        self.more_button.setToolTip(
            f"再往前显示{audit_log.PAGE_SIZE}条符合条件的记录（也可以用筛选缩小范围）"
        )
        self.more_button.clicked.connect(self.show_more)
        self.more_button.setVisible(False)
        return first, second

    def _build_list(self) -> QSplitter:
        """The entries, read-only, above the selected entry's details."""
        self.model = AuditModel(audit_columns(), self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(28)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for i, column in enumerate(self.model.columns):
            self.view.setColumnWidth(i, column.width)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.view.selectionModel().currentRowChanged.connect(self._show_details)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setPlaceholderText("选中上面的一条记录，这里显示修改前后的内容。")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        return splitter

    def _focus_search(self) -> None:
        self.text.setFocus()
        self.text.selectAll()

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(QDate(2000, 1, 1))
        edit.setMinimumWidth(124)
        edit.dateChanged.connect(self._dates_changed)
        return edit

    # ------------------------------------------------------------ filters
    def _dates_changed(self) -> None:
        if not self._loading:
            self._dates_touched = True
            self.reload()

    def _filters_changed(self) -> None:
        if not self._loading:
            self.reload()

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        wanted = combo.currentData()
        combo.clear()
        combo.addItem(everything, None)
        for text, code in items:
            combo.addItem(text, code)
        index = combo.findData(wanted) if wanted is not None else 0
        combo.setCurrentIndex(max(index, 0))

    def _set_default_dates(self, span: tuple[dt.date, dt.date] | None) -> None:
        today = clock.today()
        first, last = span if span else (today, today)
        self.date_from.setDate(to_qdate(first))
        self.date_to.setDate(to_qdate(max(last, today)))

    def refresh(self) -> None:
        choices, span = self.ctx.read(
            lambda s: (audit_log.filter_choices(s), audit_log.date_span(s))
        )
        self._loading = True
        try:
            self._fill(self.operator, "全部操作员", [(n, n) for n in choices.operators])
            self._fill(
                self.object_type,
                "全部对象",
                [(audit_log.object_type_name(c), c) for c in choices.object_types],
            )
            self._fill(
                self.action, "全部操作", [(audit_log.action_name(c), c) for c in choices.actions]
            )
            if not self._dates_touched:
                self._set_default_dates(span)
        finally:
            self._loading = False
        self.reload()

    def clear_filters(self) -> None:
        self._loading = True
        try:
            for combo in (self.operator, self.object_type, self.action):
                combo.setCurrentIndex(0)
            self.text.clear()
            self._typing.stop()
            self._dates_touched = False
            self._set_default_dates(self.ctx.read(audit_log.date_span))
        finally:
            self._loading = False
        self.reload()

    def filters(self) -> dict[str, Any]:
        return {
            "date_from": to_date(self.date_from.date()),
            "date_to": to_date(self.date_to.date()),
            "operator": self.operator.currentData(),
            "object_type": self.object_type.currentData(),
            "action": self.action.currentData(),
            "text": self.text.text(),
        }

    def reload(self) -> None:
        self._typing.stop()
        wanted = self.filters()
        current = self.current()
        self.result = self.ctx.read(lambda s: audit_log.search(s, **wanted))
        self.total = self.result.total
        self.model.set_rows(self.result.lines)
        self._show_count()
        if current is None or not self.select_entry(current.id):
            self.details.clear()

    def show_more(self) -> None:
        """The next (older) page of the matching entries, added below those shown."""
        if self.result is None or self.result.next is None:
            return
        wanted, after = self.filters(), self.result.next
        self.result = self.ctx.read(
            lambda s: audit_log.search(s, **wanted, after=after, count=False)
        )
        self.model.set_rows([*self.model.rows, *self.result.lines])
        self._show_count()

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        more = self.result is not None and self.result.limited
        self.more_button.setVisible(more)
        if more:
            self.count_label.setText(
                f"符合条件的有 {self.total} 条，显示最近{shown}条；"
                "要看更早的，点“显示更早的记录”或用筛选缩小范围"
            )
            self.count_label.setStyleSheet("color: #8d5a00;")
        else:
            self.count_label.setText(f"共 {self.total} 条")
            self.count_label.setStyleSheet("")
        self.empty.setVisible(self.total == 0)

    # ------------------------------------------------------------ selection and details
    def current(self) -> AuditLine | None:
        index = self.view.currentIndex()
        row = self.proxy.data(index, ROW_ROLE) if index.isValid() else None
        return row if isinstance(row, AuditLine) else None

    def select_entry(self, entry_id: int) -> bool:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            row = self.proxy.data(index, ROW_ROLE)
            if isinstance(row, AuditLine) and row.id == entry_id:
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                return True
        return False

    def _show_details(self, *_: Any) -> None:
        line = self.current()
        if line is None:
            self.details.clear()
        elif line.held_back:  # a long change (a score sheet): read when it is looked at
            entry_id = line.id
            change = self.ctx.read(lambda s: audit_log.entry_change(s, entry_id))
            self.details.setHtml(details_html(line, change))
        else:
            self.details.setHtml(details_html(line))

    # ------------------------------------------------------------ the chain check
    def verify(self) -> None:
        if self.task is not None and not self.task.done:
            return
        self.check_button.setEnabled(False)
        self.check_label.setStyleSheet("")
        self.check_label.setText("操作日志校验：正在校验…")
        db = self.ctx.db

        def work(progress: Any, cancelled: Any) -> ChainCheck:
            with db.session() as session:
                return audit_log.check_chain(session)

        def failed(exc: BaseException) -> None:
            self.check_button.setEnabled(True)
            self.check_label.setText(NOT_CHECKED)
            raise exc

        self.task = run_task(self, "正在校验操作日志…", work, self._checked, failed)

    def _checked(self, check: ChainCheck) -> None:
        self.check = check
        self.check_button.setEnabled(True)
        if check.intact:
            self.check_label.setStyleSheet("color: #1b5e20;")
            self.check_label.setText(
                f"操作日志校验：完好。共 {check.total} 条，没有发现在程序之外的改动或删除。"
            )
            return
        self.check_label.setStyleSheet("color: #b71c1c; font-weight: bold;")
        broken = check.broken_entry
        head = f"第{broken}条被改动" if broken is not None else "发现问题"
        self.check_label.setText(
            f"操作日志校验：{head}。{check.problems[0]}请把这个情况报告给管理员，并保留备份。"
        )
        if broken is not None:
            self.select_entry(broken)
