"""The rubric's table model: items edited in place, pending edits shown until saved."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush

from dangjian_desktop.domain.rubric import format_points
from dangjian_desktop.gui.pages.settings.common import PENDING
from dangjian_desktop.services.rounds import RubricLine

if TYPE_CHECKING:
    from dangjian_desktop.gui.pages.settings.common import Index


class RubricModel(QAbstractTableModel):
    """The round's 13 items; points and description editable (kept pending until saved)."""

    HEADERS = ("方面", "编号", "指标", "分值", "说明")
    POINTS, DESCRIPTION = 3, 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[RubricLine] = []
        self.pending: dict[str, dict[str, Any]] = {}
        self.editable = False

    def set_rows(self, rows: list[RubricLine], editable: bool) -> None:
        self.beginResetModel()
        self.rows = rows
        self.pending = {}
        self.editable = editable
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def value(self, row: RubricLine, column: int) -> Any:
        if column == self.POINTS:
            return self.pending.get(row.code, {}).get("points", row.points)
        if column == self.DESCRIPTION:
            return self.pending.get(row.code, {}).get("description", row.description)
        return (row.area_name, row.code, row.name)[column]

    def is_pending(self, row: RubricLine, column: int) -> bool:
        key = {self.POINTS: "points", self.DESCRIPTION: "description"}.get(column)
        return key is not None and key in self.pending.get(row.code, {})

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        if not (0 <= index.column() < len(self.HEADERS)):
            return None
        row, column = self.rows[index.row()], index.column()
        value = self.value(row, column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return format_points(value) if column == self.POINTS else value
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DESCRIPTION:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column == self.POINTS else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.is_pending(row, column):
            return QBrush(PENDING)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.column() in (self.POINTS, self.DESCRIPTION):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (self.editable and index.isValid() and role == Qt.ItemDataRole.EditRole):
            return False
        row, column = self.rows[index.row()], index.column()
        text = str(value).strip()
        if column == self.POINTS:
            try:
                points = Decimal(text.removesuffix("分"))
            except ArithmeticError:
                return False
            if not points.is_finite() or points <= 0:
                return False
            self._set_pending(row, "points", points, row.points)
        elif column == self.DESCRIPTION:
            self._set_pending(row, "description", text, row.description)
        else:
            return False
        self.dataChanged.emit(index, index)
        return True

    def _set_pending(self, row: RubricLine, key: str, value: Any, saved: Any) -> None:
        edits = self.pending.setdefault(row.code, {})
        if value == saved:
            edits.pop(key, None)
        else:
            edits[key] = value
        if not edits:
            self.pending.pop(row.code, None)

    def area_totals(self) -> list[tuple[str, Decimal, Decimal]]:
        totals: dict[str, tuple[str, Decimal, Decimal]] = {}
        for row in self.rows:
            name, points, subtotal = totals.get(
                row.area_code, (row.area_name, row.area_points, Decimal(0))
            )
            totals[row.area_code] = (name, points, subtotal + self.value(row, self.POINTS))
        return list(totals.values())
