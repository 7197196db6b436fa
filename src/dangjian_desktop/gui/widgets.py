"""Reusable pieces: a searchable, sortable table; a page header; an empty page's next step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.gui.models import ROW_ROLE, Column, FilterProxy, RowsModel

R = TypeVar("R")


class EmptyHint(QFrame):
    """What an empty page or table needs next, said once: a short hint and a button that does it.

    `show_hint(text, button, action)` changes what it says (an empty township and an empty year
    need different first steps); a hint without a button only explains why the list is empty.
    """

    def __init__(
        self,
        text: str = "",
        button: str = "",
        action: Callable[[], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("emptyHint")
        self.setStyleSheet(
            "#emptyHint { background: #fff8e1; border: 1px solid #ffcc80; border-radius: 3px; }"
            " #emptyHint QLabel { color: #5d4037; }"
        )
        self.label = QLabel()
        self.label.setObjectName("emptyHintText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton()
        self.button.setObjectName("emptyHintButton")
        self.button.setProperty("primary", True)
        self.button.clicked.connect(self._clicked)
        self._action: Callable[[], object] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.show_hint(text, button, action)

    def show_hint(
        self, text: str, button: str = "", action: Callable[[], object] | None = None
    ) -> None:
        self.label.setText(text)
        self._action = action
        self.button.setText(button)
        self.button.setVisible(bool(button) and action is not None)

    def text(self) -> str:
        return self.label.text()

    def _clicked(self) -> None:
        if self._action is not None:
            self._action()


class SearchableTable(QWidget, Generic[R]):
    """A search box over a sortable table of rows. `selected()` gives the row objects."""

    sig_activated = Signal(object)
    """A row was double-clicked or Enter was pressed on it; carries the row object."""
    sig_selection_changed = Signal()

    def __init__(
        self, columns: list[Column[R]], parent: QWidget | None = None, *, placeholder: str = "搜索…"
    ) -> None:
        super().__init__(parent)
        self.model: RowsModel[R] = RowsModel(columns, self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.count_label = QLabel(self)
        self.count_label.setContentsMargins(6, 0, 6, 0)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setDefaultSectionSize(28)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setHighlightSections(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for i, column in enumerate(columns):
            self.view.setColumnWidth(i, column.width)
        # `activated` covers double-click and Enter; listening to doubleClicked too would fire twice
        self.view.activated.connect(self._activated)
        self.view.selectionModel().selectionChanged.connect(
            lambda *_: self.sig_selection_changed.emit()
        )
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.empty_hint: EmptyHint | None = None

    def set_empty_hint(
        self, text: str, button: str = "", action: Callable[[], object] | None = None
    ) -> EmptyHint:
        """What to do when the table has no rows at all (not when the search hides them): shown
        above the table while it is empty."""
        if self.empty_hint is None:
            self.empty_hint = EmptyHint(parent=self)
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(1, self.empty_hint)
        self.empty_hint.show_hint(text, button, action)
        self._update_count()
        return self.empty_hint

    def _update_count(self, *_: Any) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if self.empty_hint is not None:
            self.empty_hint.setVisible(total == 0)
        self.count_label.setText(
            f"共 {total} 条" if shown == total else f"显示 {shown} / 共 {total} 条"
        )

    def _activated(self, index: QModelIndex) -> None:
        row = self.proxy.data(index, ROW_ROLE)
        if row is not None:
            self.sig_activated.emit(row)

    def set_rows(self, rows: list[R]) -> None:
        self.model.set_rows(rows)
        self._update_count()

    def selected(self) -> list[R]:
        rows = []
        for index in self.view.selectionModel().selectedRows():
            row = self.proxy.data(index, ROW_ROLE)
            if row is not None:
                rows.append(row)
        return rows

    def current(self) -> R | None:
        chosen = self.selected()
        return chosen[0] if chosen else None

    def select_where(self, predicate: Any) -> bool:
        """Select and show the first row for which predicate(row) is true."""
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if predicate(self.proxy.data(index, ROW_ROLE)):
                self.view.selectRow(r)
                self.view.scrollTo(index)
                return True
        return False


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize a dialog to the size it would like, but never larger than the window it belongs to
    or the screen's free area (a 1366 × 768 screen less its taskbar; 150 % on 1920 × 1080)."""
    parent = widget.parentWidget()
    limits = [parent.window().size()] if parent is not None else []
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        limits.append(screen.availableGeometry().size())
    for limit in limits:
        width, height = min(width, limit.width()), min(height, limit.height())
    widget.resize(width, height)


def replace_tab(tabs: QTabWidget, index: int, built: QWidget) -> None:
    """Put `built` in place of the stand-in at `index` (a tab built when first needed): the same
    label, the same tab on screen, and no `currentChanged` for the swap."""
    stand_in = tabs.widget(index)
    current = tabs.currentIndex()
    label = tabs.tabText(index)
    tabs.blockSignals(True)
    tabs.removeTab(index)
    tabs.insertTab(index, built, label)
    tabs.setCurrentIndex(current)
    tabs.blockSignals(False)
    stand_in.deleteLater()


def go_to_page(widget: QWidget, key: str) -> QWidget | None:
    """Show page `key` of the main window `widget` is in (an empty page's button leads to the
    page where the missing data is entered); the page, or None outside the main window."""
    show_page = getattr(widget.window(), "show_page", None)
    page = show_page(key) if callable(show_page) else None
    return page if isinstance(page, QWidget) else None


def page_header(title: str, hint: str = "") -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 4)
    heading = QLabel(title)
    heading.setObjectName("pageTitle")
    layout.addWidget(heading)
    if hint:
        note = QLabel(hint)
        note.setObjectName("pageHint")
        note.setWordWrap(True)
        layout.addWidget(note)
    return box


def inline_error() -> QLabel:
    """A red line under a form that shows what is wrong, instead of a popup."""
    label = QLabel()
    label.setObjectName("inlineError")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b71c1c;")
    label.hide()
    label.setAlignment(Qt.AlignmentFlag.AlignLeft)
    return label


class FrozenFirstColumn(QTableView):
    """The first column (the branch's name) of a wide table, laid over it and kept in place while
    the rest scrolls sideways: the clerk always sees whose row a far-right cell is on.

    It shows the table's model and selection, follows its row heights, vertical scrolling,
    first column's width and sorting; a click selects the row in the table, a double-click
    activates it there.
    """

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.setObjectName("frozenFirstColumn")
        self.setModel(table.model())
        # Its own selection, mirroring the table's (a shared selection model would be reset by
        # this view too, after the table has selected again); a click selects in the table.
        table.selectionModel().selectionChanged.connect(self._mirror)
        self.pressed.connect(self._pressed)
        self.setSelectionBehavior(table.selectionBehavior())
        self.setSelectionMode(table.selectionMode())
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(table.alternatingRowColors())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setHighlightSections(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet("QTableView#frozenFirstColumn { border: none; "
                           "border-right: 2px solid #d7c4bf; }")  # fmt: skip
        # Sorting stays the table's: this view only shows its indicator and passes clicks on.
        self.horizontalHeader().setSectionsClickable(table.isSortingEnabled())
        self.horizontalHeader().sectionClicked.connect(self._header_clicked)
        table.viewport().stackUnder(self)

        table.horizontalHeader().sectionResized.connect(self._column_resized)
        table.verticalHeader().sectionResized.connect(
            lambda row, _old, size: self.setRowHeight(row, size)
        )
        self.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        table.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        table.horizontalHeader().sortIndicatorChanged.connect(self._sort_changed)
        self.doubleClicked.connect(table.doubleClicked.emit)
        self.activated.connect(table.activated.emit)
        model = table.model()
        model.modelReset.connect(self._hide_columns)
        model.columnsInserted.connect(self._hide_columns)
        model.layoutChanged.connect(self._hide_columns)
        table.installEventFilter(self)
        # the viewport settles after the table (a scroll bar or a hint above comes and goes)
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)
        self._hide_columns()

    def _mirror(self, *_: Any) -> None:
        from PySide6.QtCore import QItemSelectionModel

        self.selectionModel().select(
            self.table.selectionModel().selection(),
            QItemSelectionModel.SelectionFlag.ClearAndSelect,
        )

    def _pressed(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.table.setFocus()

    def _hide_columns(self, *_: Any) -> None:
        model = self.model()
        for column in range(model.columnCount()):
            self.setColumnHidden(column, column != 0)
        self.setColumnWidth(0, self.table.columnWidth(0))
        self._place()

    def _column_resized(self, column: int, _old: int, size: int) -> None:
        if column == 0:
            self.setColumnWidth(0, size)
            self._place()

    def _header_clicked(self, _column: int) -> None:
        header = self.table.horizontalHeader()
        ascending = Qt.SortOrder.AscendingOrder
        order = (
            Qt.SortOrder.DescendingOrder
            if header.sortIndicatorSection() == 0 and header.sortIndicatorOrder() == ascending
            else ascending
        )
        self.table.sortByColumn(0, order)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        header = self.horizontalHeader()
        header.setSortIndicatorShown(column == 0)
        header.setSortIndicator(column if column == 0 else -1, order)

    def _place(self) -> None:
        table = self.table
        frame = table.frameWidth()
        self.setGeometry(
            table.verticalHeader().width() + frame,
            frame,
            table.columnWidth(0),
            table.viewport().height() + table.horizontalHeader().height(),
        )

    def eventFilter(self, watched: Any, event: Any) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.Resize and (
            watched is self.table or watched is self._viewport
        ):
            self._place()
        return super().eventFilter(watched, event)
