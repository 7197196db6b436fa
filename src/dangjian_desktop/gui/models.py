"""Table models (STYLE.md: models, not table widgets). One generic row model with typed columns,
and one proxy that searches and sorts it.

Tables here may hold a county's 30,000 members, so the search and the sort are done in whole
lists, once, in Python: each row's shown text is built once per `set_rows` (when first searched)
and a new search text is one pass over those strings. Qt's QSortFilterProxyModel would instead
call back into Python for every row (and for every cell) each time the filter changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
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

CELL_SEPARATOR = "\x1f"
"""Between the cells of a row's search text, so that a search never matches across two cells."""

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TEXT_ROLES = frozenset(
    {int(_DISPLAY), int(Qt.ItemDataRole.EditRole), int(SORT_ROLE), int(ROW_ROLE)}
)
"""Roles whose change can change what a search finds or how rows sort."""


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


def sort_key(value: Any) -> tuple[int, Any]:
    """The SORT_ROLE value of a cell: empty cells last, numbers as numbers, the rest as shown."""
    if value is None or value == "":
        return (1, "")
    if isinstance(value, bool | int | float | Decimal):
        return (0, float(value))
    return (0, display(value))


def display_all(values: list[Any]) -> list[str]:
    """`display` of a whole column: text columns as they are, dates without a call per cell."""
    kinds = set(map(type, values))
    if kinds <= _TEXT:
        return values
    if kinds <= _TEXT_OR_DATE:
        distinct = set(values)
        if len(distinct) * 3 < len(values):  # dates that repeat (joined the same day): once each
            shown = {v: display(v) for v in distinct}
            return list(map(shown.__getitem__, values))
        iso = dt.date.isoformat
        return [v if type(v) is str else "" if v is None else iso(v) for v in values]
    return [v if type(v) is str else display(v) for v in values]


_TEXT = frozenset({str})
_TEXT_OR_DATE = frozenset({str, dt.date, type(None)})


def search_text(value: Any) -> str:
    """A cell's DisplayRole value as the search sees it."""
    return value if type(value) is str else "" if value is None else str(value)


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
    """Rows of any object, columns described by `Column`s. `set_rows` resets in one go.

    `search_texts()` and `sort_keys()` give whole columns at once for `FilterProxy`. They read
    `Column.value` directly; a subclass that overrides `data()` gets them through `data()`
    instead, so what it shows is what is searched and sorted.
    """

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[R] = []
        self._texts: list[str] | None = None
        # Connected first, so the cache is gone before any proxy hears of a change.
        for signal in (
            self.modelAboutToBeReset,
            self.dataChanged,
            self.layoutAboutToBeChanged,
            self.rowsAboutToBeInserted,
            self.rowsAboutToBeRemoved,
            self.rowsAboutToBeMoved,
            self.columnsAboutToBeInserted,
            self.columnsAboutToBeRemoved,
            self.columnsAboutToBeMoved,
        ):
            signal.connect(self._forget)

    def _forget(self, *_: Any) -> None:
        self._texts = None

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._texts = None
        self.endResetModel()

    def replace_rows(self, rows: dict[int, R]) -> None:
        """Put new objects in place of rows (by row number): one `dataChanged` per row, no
        reset, so a proxy keeps its filter and the view its selection and scroll position."""
        last = len(self.columns) - 1
        for i, row in rows.items():
            self.rows[i] = row
            self.dataChanged.emit(self.index(i, 0), self.index(i, last))

    def _plain(self) -> bool:
        """True unless a subclass changes what `data()` returns."""
        return type(self).data is RowsModel.data

    def search_texts(self) -> list[str]:
        """Each row's shown cells joined and lower-cased, built once per set of rows."""
        if self._texts is None:
            rows, join = self.rows, CELL_SEPARATOR.join
            if self._plain():
                cells = [display_all(list(map(c.value, rows))) for c in self.columns]
            else:
                data, index = self.data, self.index
                cells = [
                    [search_text(data(index(i, c), _DISPLAY)) for i in range(len(rows))]
                    for c in range(len(self.columns))
                ]
            texts = list(map(join, zip(*cells, strict=True))) if cells else [""] * len(rows)
            self._texts = list(map(str.lower, texts))
        return self._texts

    def sort_keys(self, column: int) -> list[Any]:
        """Every row's SORT_ROLE value in one column."""
        if self._plain():
            value = self.columns[column].value
            return [sort_key(value(r)) for r in self.rows]
        data, index = self.data, self.index
        return [data(index(i, column), SORT_ROLE) for i in range(len(self.rows))]

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
            return sort_key(column.value(row))
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


class FilterProxy(QAbstractProxyModel):
    """Search across every column, case-insensitive; an optional extra condition on the row
    object; sorts by SORT_ROLE (empty cells last; column -1: the source's own order).

    A flat table over a `RowsModel` (any flat model works, more slowly). The rows shown are one
    list of source rows, recomputed in one pass when the search, the extra condition, the sort
    or the source's rows change; Qt is told with one layout change that keeps the selection.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.extra: Callable[[Any], bool] | None = None
        self.needle = ""
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._order: list[int] | None = None  # source rows in sort order; None: to be worked out
        self._shown: list[int] = []  # proxy row → source row
        self._where: list[int] | None = None  # source row → proxy row (-1: hidden), on demand
        self._texts: list[str] | None = None  # search texts of a source that is no RowsModel
        self._hooks: list[tuple[Any, Callable[..., None]]] = []

    # ------------------------------------------------------------ what is shown
    def setFilterFixedString(self, text: str) -> None:
        """Show only rows with `text` (trimmed, any case) in one of their cells."""
        needle = text.strip().lower()
        if needle != self.needle:
            self.needle = needle
            self._relayout()

    def set_extra_filter(self, predicate: Callable[[Any], bool] | None) -> None:
        """An extra condition on the row object (e.g. only the selected branch's members)."""
        if predicate is None and self.extra is None:
            return
        self.extra = predicate
        self._relayout()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column == self._sort_column and order == self._sort_order and self._order is not None:
            return  # the view asks again when its header changes: already in that order
        self._sort_column = column
        self._sort_order = order
        self._order = None
        self._relayout()

    def sortColumn(self) -> int:
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:
        return self._sort_order

    def invalidate(self) -> None:
        """Search and sort again (after row objects changed in place without a signal)."""
        self._forget_source()
        self._relayout()

    def _forget_source(self) -> None:
        self._order = None
        self._texts = None
        source = self.sourceModel()
        if isinstance(source, RowsModel):
            source._forget()

    def _search_texts(self, source: QAbstractItemModel) -> list[str]:
        if isinstance(source, RowsModel):
            return source.search_texts()
        if self._texts is None:
            columns, rows = source.columnCount(), source.rowCount()
            self._texts = [
                CELL_SEPARATOR.join(
                    search_text(source.data(source.index(r, c), _DISPLAY)) for c in range(columns)
                ).lower()
                for r in range(rows)
            ]
        return self._texts

    def _sorted(self, source: QAbstractItemModel) -> list[int]:
        rows, column = source.rowCount(), self._sort_column
        if isinstance(source, RowsModel):
            keys = source.sort_keys(column)
        else:
            keys = [source.data(source.index(r, column), SORT_ROLE) for r in range(rows)]
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        try:  # stable both ways, like Qt's: equal rows keep the source's order
            return sorted(range(rows), key=keys.__getitem__, reverse=descending)
        except TypeError:  # values that do not compare (numbers and text): as text
            return sorted(range(rows), key=lambda r: str(keys[r]), reverse=descending)

    def _compute(self) -> list[int]:
        source = self.sourceModel()
        if source is None:
            return []
        column = self._sort_column
        if 0 <= column < source.columnCount() and self._order is None:
            self._order = self._sorted(source)
        order = self._order if 0 <= column < source.columnCount() else None
        shown: Sequence[int] = order if order is not None else range(source.rowCount())
        if self.needle:
            needle, texts = self.needle, self._search_texts(source)
            shown = [r for r in shown if needle in texts[r]]
        if self.extra is not None:
            extra = self.extra
            if isinstance(source, RowsModel):
                objects = source.rows
                shown = [r for r in shown if extra(objects[r])]
            else:
                shown = [r for r in shown if extra(source.data(source.index(r, 0), ROW_ROLE))]
        return shown if type(shown) is list else list(shown)

    def _relayout(self) -> None:
        """Work out the shown rows again; persistent indexes (selection, current) follow."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old = self._shown
        cells = [(old[p.row()], p.column()) for p in persistent]
        self._shown = self._compute()
        self._where = None
        if persistent:
            where = self._source_to_proxy()
            self.changePersistentIndexList(
                persistent,
                [
                    self.createIndex(where[r], c) if where[r] >= 0 else QModelIndex()
                    for r, c in cells
                ],
            )
        self.layoutChanged.emit()

    def _source_to_proxy(self) -> list[int]:
        if self._where is None:
            source = self.sourceModel()
            where = [-1] * (source.rowCount() if source is not None else 0)
            for proxy_row, source_row in enumerate(self._shown):
                where[source_row] = proxy_row
            self._where = where
        return self._where

    # ------------------------------------------------------------ following the source
    def setSourceModel(self, model: QAbstractItemModel | None) -> None:
        self.beginResetModel()
        for signal, slot in self._hooks:
            with suppress(RuntimeError, TypeError):  # the old source may be gone already
                signal.disconnect(slot)
        self._hooks = []
        super().setSourceModel(cast(QAbstractItemModel, model))  # None is allowed; not by the stubs
        if model is not None:
            resets = (
                (model.modelAboutToBeReset, model.modelReset),
                (model.layoutAboutToBeChanged, model.layoutChanged),
                (model.rowsAboutToBeInserted, model.rowsInserted),
                (model.rowsAboutToBeRemoved, model.rowsRemoved),
                (model.rowsAboutToBeMoved, model.rowsMoved),
                (model.columnsAboutToBeInserted, model.columnsInserted),
                (model.columnsAboutToBeRemoved, model.columnsRemoved),
                (model.columnsAboutToBeMoved, model.columnsMoved),
            )
            for before, after in resets:
                self._hooks += [(before, self._source_resetting), (after, self._source_reset)]
            self._hooks += [
                (model.dataChanged, self._source_data_changed),
                (model.headerDataChanged, self._source_header_changed),
            ]
            for signal, slot in self._hooks:
                signal.connect(slot)
        self._forget_source()
        self._shown = self._compute()
        self._where = None
        self.endResetModel()

    def _source_resetting(self, *_: Any) -> None:
        self.beginResetModel()

    def _source_reset(self, *_: Any) -> None:
        self._order = None
        self._texts = None
        self._shown = self._compute()
        self._where = None
        self.endResetModel()

    def _source_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        if not roles or _TEXT_ROLES.intersection(int(r) for r in roles):
            self._order = None
            self._texts = None
            if self.needle or self.extra is not None or self._sort_column >= 0:
                self._relayout()
        where = self._source_to_proxy()
        rows = [
            where[r]
            for r in range(top_left.row(), bottom_right.row() + 1)
            if 0 <= r < len(where) and where[r] >= 0
        ]
        if rows:
            self.dataChanged.emit(
                self.index(min(rows), top_left.column()),
                self.index(max(rows), bottom_right.column()),
                list(roles),
            )

    def _source_header_changed(self, orientation: Qt.Orientation, first: int, last: int) -> None:
        if orientation == Qt.Orientation.Horizontal:
            self.headerDataChanged.emit(orientation, first, last)
        elif self._shown:
            self.headerDataChanged.emit(orientation, 0, len(self._shown) - 1)

    # ------------------------------------------------------------ the model
    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        source = self.sourceModel()
        if source is None or not proxy_index.isValid():
            return QModelIndex()
        row = proxy_index.row()
        if not 0 <= row < len(self._shown):
            return QModelIndex()
        return source.index(self._shown[row], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        where = self._source_to_proxy()
        row = source_index.row()
        if not 0 <= row < len(where) or where[row] < 0:
            return QModelIndex()
        return self.createIndex(where[row], source_index.column())

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not 0 <= row < len(self._shown):
            return QModelIndex()
        if not 0 <= column < self.columnCount():
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: Index | None = None) -> Any:
        if child is None:  # QObject.parent()
            return super().parent()
        return QModelIndex()

    def sibling(self, row: int, column: int, index: Index) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        source = self.sourceModel()
        return 0 if parent.isValid() or source is None else source.columnCount()

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._shown) and self.columnCount() > 0

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        source = self.sourceModel()
        if source is None or not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        return source.data(source.index(self._shown[index.row()], index.column()), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        source = self.sourceModel()
        if source is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._shown):
                return None
            section = self._shown[section]  # as Qt's proxy: the source row's header
        return source.headerData(section, orientation, role)
