"""The editor for the indicator cells: 是/否/未填 from a list, ranks as whole numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from dangjian_desktop.gui.pages.evaluation.models import INDICATOR_FIELDS, YES_NO_BACK

if TYPE_CHECKING:
    from dangjian_desktop.gui.pages.evaluation.common import Index


class IndicatorDelegate(QStyledItemDelegate):
    """是/否/未填 from a list; ranks as whole numbers."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        field = INDICATOR_FIELDS[index.column()]
        if field.kind == "bool":
            combo = QComboBox(parent)
            combo.addItems(list(YES_NO_BACK))
            return combo
        editor = QLineEdit(parent)
        editor.setValidator(QIntValidator(1, 9999, editor))
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QComboBox):
            editor.setCurrentText(text or "未填")
        elif isinstance(editor, QLineEdit):
            editor.setText(text)
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
