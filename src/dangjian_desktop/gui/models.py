"""Table models (STYLE.md: models, not table widgets). One generic row model with typed columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""data(index, ROW_ROLE) returns the row object itself."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
"""A value that sorts properly (numbers as numbers, None last)."""

RED = QColor("#b71c1c")
AMBER = QColor("#8d5a00")
GREEN = QColor("#1b5e20")
GREY = QColor("#757575")


def display(value: Any) -> str:
    if type(value) is str:  # most cells: first, as tables of 30,000 rows call this per cell
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return (
            value.astimezone().strftime("%Y-%m-%d %H:%M")
            if value.tzinfo
            else value.strftime("%Y-%m-%d %H:%M")
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return str(value)


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    value: Callable[[R], Any]
    width: int = 100
    numeric: bool = False
    color: Callable[[R], QColor | None] | None = None
    background: Callable[[R], QColor | None] | None = None
    tooltip: Callable[[R], str | None] | None = None
    editable: bool = False


class RowsModel(QAbstractTableModel, Generic[R]):
    """Rows of any object, columns described by `Column`s. `set_rows` resets in one go."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> R:
        return self.rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if not (0 <= index.column() < len(self.columns)):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(column.value(row))
        if role == SORT_ROLE:
            value = column.value(row)
            if value is None or value == "":
                return (1, "")
            if isinstance(value, bool | int | float | Decimal):
                return (0, float(value))
            return (0, display(value))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
            color = column.color(row)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            color = column.background(row)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        return None


class FilterProxy(QSortFilterProxyModel):
    """Search across every column, case-insensitive; sorts by SORT_ROLE."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(SORT_ROLE)
        self.extra: Callable[[Any], bool] | None = None

    def set_extra_filter(self, predicate: Callable[[Any], bool] | None) -> None:
        """An extra condition on the row object (e.g. only the selected branch's members)."""
        self.beginFilterChange()
        self.extra = predicate
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        source = self.sourceModel()
        if self.extra is not None:
            row = source.data(source.index(source_row, 0, source_parent), ROW_ROLE)
            if not self.extra(row):
                return False
        return super().filterAcceptsRow(source_row, source_parent)

    def lessThan(self, left: Index, right: Index) -> bool:
        a = self.sourceModel().data(left, SORT_ROLE)
        b = self.sourceModel().data(right, SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
