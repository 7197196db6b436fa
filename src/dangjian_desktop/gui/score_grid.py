"""Spreadsheet-like score entry: keyed like Excel, every value checked the moment it is typed.

Two models share one behaviour (`ScoreModel`): an assessor's 统一考核评分表 (`SheetModel`, branches ×
13 items plus 合计) and a branch's 自检自查 form (`SelfCheckModel`, one row per item). `ScoreView`
moves like Excel: Enter goes down, Tab goes right (and Enter after a run of Tabs returns to the
column the run started in, one row down), arrows move, typing replaces the cell, Delete clears. A
value above the item's points or below 0 is refused on the spot: the editor stays open on the
cell and `sig_message` carries the reason with the limit.

The models only hold what is typed (`pending()`); saving goes through the services.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from decimal import Decimal
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from dangjian_desktop.domain.rubric import format_points, parse_score
from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.models import GREY, RED, display
from dangjian_desktop.services.evaluation import ScoreItem, SheetRow

Index = QModelIndex | QPersistentModelIndex

BLOCKED_BG = QColor("#e0e0e0")
UNSAVED_BG = QColor("#fff6c2")
DIFFERING_BG = QColor("#ffe0e0")
TOTAL_BG = QColor("#f4efec")


def header_text(item: ScoreItem) -> str:
    """'1.1 (9)\\n执行力强': code and points on one line, then the short name in lines of four
    characters (three lines at most, so the grid keeps its height for the branches)."""
    name = item.short_name
    lines = [name[i : i + 4] for i in range(0, len(name), 4)] or [""]
    return f"{item.code} ({format_points(item.points)})\n" + "\n".join(lines)


class ScoreModel(QAbstractTableModel):
    """What every score form shares: saved values, typed edits, the value being typed right now."""

    sig_pending_changed = Signal()
    """The set of unsaved cells changed (a value typed, cleared, saved or discarded)."""
    sig_totals_changed = Signal()
    """A total changed, also while a value is still being typed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.saved: dict[Hashable, Decimal] = {}
        self.edits: dict[Hashable, Decimal | None] = {}
        self.typing: tuple[Hashable, Decimal | None] | None = None
        self.differing: set[Hashable] = set()
        self.read_only = False
        self.allow_clear = True
        """False where a saved score may be changed but not emptied (自检自查)."""

    # ---------------------------------------------------------------- what subclasses describe
    def cell_key(self, index: Index) -> Hashable | None:
        """The key of a score cell, or None when the index is not a score cell."""
        raise NotImplementedError

    def item_at(self, index: Index) -> ScoreItem:
        raise NotImplementedError

    def blocked(self, index: Index) -> str | None:
        """Why this score cell cannot be keyed (回避 and the like), or None."""
        return None

    def score_columns(self) -> list[int]:
        raise NotImplementedError

    def total_indexes(self, key: Hashable) -> list[QModelIndex]:
        """Indexes that show a total depending on `key` (refreshed while typing)."""
        return []

    def index_of(self, key: Hashable) -> QModelIndex:
        raise NotImplementedError

    # ---------------------------------------------------------------- values
    def value(self, key: Hashable) -> Decimal | None:
        if self.typing is not None and self.typing[0] == key:
            return self.typing[1]
        if key in self.edits:
            return self.edits[key]
        return self.saved.get(key)

    def text_at(self, index: Index) -> str:
        key = self.cell_key(index)
        return "" if key is None else display(self.value(key))

    def is_editable(self, index: Index) -> bool:
        return (
            not self.read_only and self.cell_key(index) is not None and self.blocked(index) is None
        )

    def check(self, index: Index, text: str) -> str | None:
        """Why `text` cannot go into this cell (the limit included), or None when it can."""
        item = self.item_at(index)
        if not text.strip():
            if self.allow_clear or self.saved.get(self.cell_key(index)) is None:
                return None
            return f"“{item.code} {item.name}”已保存的分数不能清空，请填写0到{format_points(item.points)}之间的数。"
        try:
            parse_score(text, item.points, item_name=f"{item.code} {item.name}")
        except UserError as exc:
            return str(exc)
        return None

    def set_typing(self, index: Index, text: str | None) -> None:
        """The editor's text as it is typed, so totals follow keystroke by keystroke."""
        key = self.cell_key(index)
        if key is None:
            return
        if text is None:
            self.typing = None
        elif not text.strip():
            self.typing = (key, None)
        elif self.check(index, text) is None:
            item = self.item_at(index)
            self.typing = (key, parse_score(text, item.points))
        else:
            self.typing = None  # a refused value does not count; the saved one still shows
        self._totals_changed(key)

    def _totals_changed(self, key: Hashable) -> None:
        for total in self.total_indexes(key):
            self.dataChanged.emit(total, total, [Qt.ItemDataRole.DisplayRole])
        self.sig_totals_changed.emit()

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.is_editable(index):
            return False
        key = self.cell_key(index)
        assert key is not None
        text = "" if value is None else str(value)
        if self.check(index, text) is not None:
            return False
        item = self.item_at(index)
        new = parse_score(text, item.points) if text.strip() else None
        if new == self.saved.get(key):
            self.edits.pop(key, None)
        else:
            self.edits[key] = new
        if self.typing is not None and self.typing[0] == key:
            self.typing = None
        self.dataChanged.emit(index, index)
        self._totals_changed(key)
        self.sig_pending_changed.emit()
        return True

    def clear_cells(self, indexes: Sequence[Index]) -> int:
        """Delete: clear the editable cells among `indexes`; returns how many were cleared."""
        cleared = 0
        for index in indexes:
            key = self.cell_key(index)
            if key is not None and self.is_editable(index) and self.value(key) is not None:
                cleared += int(self.setData(index, ""))
        return cleared

    def pending(self) -> dict[Hashable, Decimal | None]:
        """The unsaved cells: key -> new value (None clears the saved one)."""
        return dict(self.edits)

    def has_pending(self) -> bool:
        return bool(self.edits)

    def _prune_edits(self) -> None:
        """Drop typed values that are now what is saved (after a save and a reload)."""
        self.edits = {k: v for k, v in self.edits.items() if v != self.saved.get(k)}

    def drop_saved_edits(self) -> None:
        """The pending values were saved: they become the saved values."""
        self.beginResetModel()
        for key, value in self.edits.items():
            if value is None:
                self.saved.pop(key, None)
            else:
                self.saved[key] = value
        self.edits.clear()
        self.typing = None
        self.endResetModel()
        self.sig_pending_changed.emit()
        self.sig_totals_changed.emit()

    def discard(self) -> None:
        self.beginResetModel()
        self.edits.clear()
        self.typing = None
        self.endResetModel()
        self.sig_pending_changed.emit()
        self.sig_totals_changed.emit()

    # ---------------------------------------------------------------- shared roles
    def _score_cell_data(self, index: Index, role: int) -> Any:
        key = self.cell_key(index)
        assert key is not None
        blocked = self.blocked(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return "" if blocked else display(self.value(key))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if blocked:
                return QBrush(BLOCKED_BG)
            if key in self.edits:
                return QBrush(UNSAVED_BG)
            if key in self.differing:
                return QBrush(DIFFERING_BG)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if blocked:
                return QBrush(GREY)
            if key in self.differing and key not in self.edits:
                return QBrush(RED)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if blocked:
                return blocked
            item = self.item_at(index)
            tip = f"{item.code} {item.name}：0～{format_points(item.points)}分"
            if key in self.edits:
                tip += "\n（已改，还没保存）"
            elif key in self.differing:
                tip += "\n两遍录入不一致：请对照纸质评分表重新录入这一格"
            return tip
        return None

    def _flags_for_score(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable(index):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


class SheetModel(ScoreModel):
    """An assessor's sheet: one row per enrolled branch, one column per item, then 合计."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[ScoreItem] = []
        self.rows: list[SheetRow] = []

    def load(
        self,
        items: Sequence[ScoreItem],
        rows: Sequence[SheetRow],
        saved: dict[tuple[int, str], Decimal],
        differing: set[tuple[int, str]],
        *,
        keep_edits: bool = False,
    ) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.rows = list(rows)
        self.saved = {key: value for key, value in saved.items()}
        self.differing = set(differing)
        self.typing = None
        if keep_edits:
            open_cells = {(r.branch_id, i.code) for r in self.rows if not r.blocked for i in items}
            self.edits = {k: v for k, v in self.edits.items() if k in open_cells}
            self._prune_edits()
        else:
            self.edits = {}
        self.endResetModel()
        self.sig_pending_changed.emit()
        self.sig_totals_changed.emit()

    @property
    def total_column(self) -> int:
        return len(self.items) + 1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.items else len(self.items) + 2

    def cell_key(self, index: Index) -> tuple[int, str] | None:
        if not index.isValid() or not 1 <= index.column() <= len(self.items):
            return None
        if not 0 <= index.row() < len(self.rows):
            return None
        return (self.rows[index.row()].branch_id, self.items[index.column() - 1].code)

    def item_at(self, index: Index) -> ScoreItem:
        return self.items[index.column() - 1]

    def blocked(self, index: Index) -> str | None:
        return self.rows[index.row()].blocked

    def score_columns(self) -> list[int]:
        return list(range(1, len(self.items) + 1))

    def index_of(self, key: Hashable) -> QModelIndex:
        branch_id, code = cast(tuple[int, str], key)
        for r, row in enumerate(self.rows):
            if row.branch_id == branch_id:
                for c, item in enumerate(self.items, start=1):
                    if item.code == code:
                        return self.index(r, c)
        return QModelIndex()

    def total_indexes(self, key: Hashable) -> list[QModelIndex]:
        branch_id = key[0]  # type: ignore[index]
        for r, row in enumerate(self.rows):
            if row.branch_id == branch_id:
                return [self.index(r, self.total_column)]
        return []

    def row_total(self, row: int) -> tuple[Decimal | None, int]:
        """(sum of the values in the row, how many items are filled)."""
        branch_id = self.rows[row].branch_id
        values = [self.value((branch_id, item.code)) for item in self.items]
        filled = [v for v in values if v is not None]
        return (sum(filled, Decimal(0)) if filled else None), len(filled)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.rows):
                return section + 1
            return None
        if not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return "党组织"
            if section == self.total_column:
                return "合计\n(100)"
            return header_text(self.items[section - 1])
        if role == Qt.ItemDataRole.ToolTipRole and 1 <= section <= len(self.items):
            item = self.items[section - 1]
            return f"{item.code} {item.name}（{format_points(item.points)}分）\n{item.description}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if not 0 <= index.column() < self.columnCount():
            return None
        row = self.rows[index.row()]
        if self.cell_key(index) is not None:
            return self._score_cell_data(index, role)
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.branch_name
            if role == Qt.ItemDataRole.ToolTipRole:
                return row.blocked or row.branch_name
            if role == Qt.ItemDataRole.ForegroundRole and row.blocked:
                return QBrush(GREY)
            return None
        total, filled = self.row_total(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if row.blocked else display(total)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(BLOCKED_BG if row.blocked else TOTAL_BG)
        if role == Qt.ItemDataRole.ForegroundRole and filled < len(self.items):
            return QBrush(GREY)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.blocked or f"已填{filled}/{len(self.items)}项"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.cell_key(index) is not None:
            return self._flags_for_score(index)
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class SelfCheckModel(ScoreModel):
    """A branch's 自检自查 form: one row per item (类别, 考核指标, 分值, 自评得分)."""

    HEADERS = ("类别", "考核指标", "分值", "自评得分")
    SCORE_COLUMN = 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[ScoreItem] = []
        self.refusal: str | None = None

    def load(
        self,
        items: Sequence[ScoreItem],
        saved: dict[str, Decimal],
        refusal: str | None = None,
        *,
        keep_edits: bool = False,
    ) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.saved = {key: value for key, value in saved.items()}
        if keep_edits and refusal is None:
            codes = {item.code for item in items}
            self.edits = {k: v for k, v in self.edits.items() if k in codes}
            self._prune_edits()
        else:
            self.edits = {}
        self.typing = None
        self.refusal = refusal
        self.endResetModel()
        self.sig_pending_changed.emit()
        self.sig_totals_changed.emit()

    def total(self) -> tuple[Decimal | None, int]:
        values = [self.value(item.code) for item in self.items]
        filled = [v for v in values if v is not None]
        return (sum(filled, Decimal(0)) if filled else None), len(filled)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def cell_key(self, index: Index) -> str | None:
        if not index.isValid() or index.column() != self.SCORE_COLUMN:
            return None
        if not 0 <= index.row() < len(self.items):
            return None
        return self.items[index.row()].code

    def item_at(self, index: Index) -> ScoreItem:
        return self.items[index.row()]

    def blocked(self, index: Index) -> str | None:
        return self.refusal

    def score_columns(self) -> list[int]:
        return [self.SCORE_COLUMN]

    def index_of(self, key: Hashable) -> QModelIndex:
        for r, item in enumerate(self.items):
            if item.code == key:
                return self.index(r, self.SCORE_COLUMN)
        return QModelIndex()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.items):
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        if not 0 <= index.column() < len(self.HEADERS):
            return None
        if index.column() == self.SCORE_COLUMN:
            return self._score_cell_data(index, role)
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return item.area_name
            if index.column() == 1:
                return f"{item.code} {item.name}"
            return format_points(item.points)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.code} {item.name}（{format_points(item.points)}分）\n{item.description}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() == self.SCORE_COLUMN:
            return self._flags_for_score(index)
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# ------------------------------------------------------------------------------ the view

_MOVES = {
    Qt.Key.Key_Return: (1, 0),
    Qt.Key.Key_Enter: (1, 0),
    Qt.Key.Key_Down: (1, 0),
    Qt.Key.Key_Up: (-1, 0),
    Qt.Key.Key_Tab: (0, 1),
    Qt.Key.Key_Backtab: (0, -1),
}


class ScoreDelegate(QStyledItemDelegate):
    """A line editor that refuses a wrong value before the cell is left."""

    def __init__(self, view: ScoreView) -> None:
        super().__init__(view)
        self.view = view
        self._index_of: dict[QWidget, QPersistentModelIndex] = {}

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setFrame(False)
        self._index_of[editor] = QPersistentModelIndex(index)
        editor.textEdited.connect(lambda text, e=editor: self._typed(e, text))
        editor.destroyed.connect(lambda *_, e=editor: self._index_of.pop(e, None))
        return editor

    def _model(self) -> ScoreModel:
        model = self.view.model()
        assert isinstance(model, ScoreModel)
        return model

    def _typed(self, editor: QLineEdit, text: str) -> None:
        index = self._index_of.get(editor)
        if index is None or not index.isValid():
            return
        model = self._model()
        model.set_typing(index, text)
        self.view.report(model.check(index, text), index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(self._model().text_at(index))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if not isinstance(editor, QLineEdit):
            return
        score_model = self._model()
        message = score_model.check(index, editor.text())
        score_model.set_typing(index, None)
        if message is not None:
            self.view.report(message, index)  # left by mouse: the value is not taken
            return
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(editor, QLineEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            key = Qt.Key(event.key())
            move = _MOVES.get(key)
            text = editor.text()
            no_selection = not editor.hasSelectedText()
            if key == Qt.Key.Key_Left and editor.cursorPosition() == 0 and no_selection:
                move = (0, -1)
            elif key == Qt.Key.Key_Right and editor.cursorPosition() == len(text) and no_selection:
                move = (0, 1)
            if key == Qt.Key.Key_Escape:
                index = self._index_of.get(editor)
                if index is not None and index.isValid():
                    self._model().set_typing(index, None)
                self.view.report(None, None)
            if move is not None:
                index = self._index_of.get(editor)
                if index is None or not index.isValid():
                    return False
                message = self._model().check(index, text)
                if message is not None:
                    self.view.report(message, index)
                    editor.selectAll()
                    return True  # refused: the editor stays open on this cell
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                self.view.report(None, None)
                self.view.move_by(*move, tab=key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab))
                return True
        return super().eventFilter(editor, event)


class ScoreView(QTableView):
    """A QTableView that moves and edits like a spreadsheet over a `ScoreModel`."""

    sig_message = Signal(str)
    """A refusal to show in red under the grid ('' when the last one no longer applies)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(ScoreDelegate(self))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setTabKeyNavigation(True)
        self.verticalHeader().setDefaultSectionSize(26)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._tab_origin: int | None = None
        self.last_message = ""

    def score_model(self) -> ScoreModel:
        model = self.model()
        assert isinstance(model, ScoreModel)
        return model

    def report(self, message: str | None, index: Index | None) -> None:
        """Show a refusal by the cell (tooltip) and under the grid; None clears it."""
        self.last_message = message or ""
        self.sig_message.emit(self.last_message)
        if message and index is not None:
            rect = self.visualRect(self.model().index(index.row(), index.column()))
            QToolTip.showText(
                self.viewport().mapToGlobal(rect.bottomLeft() + QPoint(0, 2)), message
            )
        else:
            QToolTip.hideText()

    def move_by(self, d_row: int, d_col: int, *, tab: bool = False) -> None:
        """Move the current cell like Excel. Tab runs wrap to the next row; Enter after a Tab run
        returns to the column where the run began."""
        model = self.score_model()
        current = self.currentIndex()
        if not current.isValid():
            return
        row, col = current.row(), current.column()
        columns = model.score_columns()
        if tab:
            if self._tab_origin is None:
                self._tab_origin = col
            if col in columns:
                pos = columns.index(col) + d_col
                if pos >= len(columns):
                    row, col = row + 1, columns[0]
                elif pos < 0:
                    row, col = row - 1, columns[-1]
                else:
                    col = columns[pos]
            else:
                col = columns[0] if d_col > 0 else columns[-1]
        else:
            if d_row > 0 and self._tab_origin is not None:
                col = self._tab_origin
            self._tab_origin = None
            row += d_row
            col += d_col
        row = max(0, min(row, model.rowCount() - 1))
        col = max(0, min(col, model.columnCount() - 1))
        target = model.index(row, col)
        self.setCurrentIndex(target)
        self.scrollTo(target)

    def go_to(self, index: QModelIndex) -> None:
        """Put the cursor on a cell and give the grid the keyboard (typing then replaces it)."""
        if index.isValid():
            self._tab_origin = None
            self.setCurrentIndex(index)
            self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
            Qt.KeyboardModifier.ShiftModifier,
        ):
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move_by(1, 0)
                return
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.move_by(0, -1 if key == Qt.Key.Key_Backtab else 1, tab=True)
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                indexes = self.selectedIndexes() or [self.currentIndex()]
                model = self.score_model()
                refusals = [
                    (message, index)
                    for index in indexes
                    if model.is_editable(index) and (message := model.check(index, "")) is not None
                ]
                model.clear_cells(indexes)
                if refusals:
                    self.report(*refusals[0])
                return
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right):
                self._tab_origin = None
        super().keyPressEvent(event)
