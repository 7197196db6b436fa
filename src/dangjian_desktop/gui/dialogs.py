"""Small modal questions. Tests replace these classmethods instead of clicking real message boxes."""

from __future__ import annotations

from typing import cast

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget


def parent_or_none(parent: QWidget | None) -> QWidget:
    """Qt takes no parent (None) for its static dialogs; PySide6's type stubs say it must be a
    widget. The value is passed on unchanged."""
    return cast(QWidget, parent)


class Ask:
    @classmethod
    def warn(cls, parent: QWidget | None, text: str, title: str = "提示") -> None:
        QMessageBox.warning(parent_or_none(parent), title, text)

    @classmethod
    def info(cls, parent: QWidget | None, text: str, title: str = "完成") -> None:
        QMessageBox.information(parent_or_none(parent), title, text)

    @classmethod
    def confirm(cls, parent: QWidget | None, text: str, title: str = "请确认") -> bool:
        answer = QMessageBox.question(
            parent_or_none(parent),
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def text(
        cls,
        parent: QWidget | None,
        title: str,
        label: str,
        default: str = "",
        password: bool = False,
    ) -> str | None:
        mode = QLineEdit.EchoMode.Password if password else QLineEdit.EchoMode.Normal
        value, ok = QInputDialog.getText(parent_or_none(parent), title, label, mode, default)
        return value if ok else None

    @classmethod
    def save_discard_cancel(cls, parent: QWidget | None, text: str) -> str:
        """Returns Choice.SAVE, Choice.DISCARD or Choice.CANCEL."""
        return _save_discard_cancel(parent, text)

    @classmethod
    def choose(cls, parent: QWidget | None, title: str, label: str, items: list[str]) -> str | None:
        if not items:
            return None
        value, ok = QInputDialog.getItem(parent_or_none(parent), title, label, items, 0, False)
        return value if ok else None


class Choice:
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def _save_discard_cancel(parent: QWidget | None, text: str) -> str:
    box = QMessageBox(parent)
    box.setWindowTitle("还有没保存的修改")
    box.setText(text)
    save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return Choice.SAVE
    if clicked is discard:
        return Choice.DISCARD
    return Choice.CANCEL
