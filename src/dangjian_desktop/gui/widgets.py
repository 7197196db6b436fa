"""Reusable pieces: a searchable, sortable table; a page header."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.gui.models import ROW_ROLE, Column, FilterProxy, RowsModel

R = TypeVar("R")


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

    def _update_count(self, *_: Any) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
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
