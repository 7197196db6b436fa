"""What the settings tabs share: the form with its save bar, notes, buttons, decimals and the
pending colour."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from dangjian_desktop.domain.text import round_label
from dangjian_desktop.gui.context import AppContext
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.widgets import inline_error

Index = QModelIndex | QPersistentModelIndex

PENDING = QColor("#fff3c4")
"""Typed but not yet saved."""


def to_decimal(value: float, places: int) -> Decimal:
    return Decimal(f"{value:.{places}f}")


def make_note(text: str = "", color: str = "#8d5a00") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {color};")
    return label


def make_button(text: str, shortcut: str = "", tip: str = "", primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    if primary:
        button.setProperty("primary", True)
    if shortcut:
        button.setShortcut(QKeySequence(shortcut))
        tip = f"{tip}（{shortcut}）" if tip else shortcut
    if tip:
        button.setToolTip(tip)
    return button


def show_status(label: QLabel, text: str, ok: bool = True) -> None:
    label.setStyleSheet(f"color: {'#1b5e20' if ok else '#b71c1c'};")
    label.setText(text)
    label.setVisible(bool(text))


class FormTab(QWidget):
    """A settings form saved as a whole: 保存 and 撤销修改 with a status beside them, an inline
    error, and (for the forms of one round) a question before another round's edits are lost."""

    ctx: AppContext
    year: int | None = None

    def save(self) -> bool:
        raise NotImplementedError

    def load(self) -> None:
        raise NotImplementedError

    def is_dirty(self) -> bool:
        raise NotImplementedError

    def build_save_bar(self, text: str, tip: str, revert_tip: str) -> QHBoxLayout:
        """Makes self.error, self.status, self.save_button and self.revert_button; returns the
        row of buttons."""
        self.error = inline_error()
        self.status = QLabel()
        self.status.hide()
        self.save_button = make_button(text, "Ctrl+S", tip, primary=True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = make_button("撤销修改", tip=revert_tip)
        self.revert_button.clicked.connect(self.load)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.status)
        buttons.addStretch(1)
        return buttons

    def finish_save(self, problem: str | None) -> bool:
        """After the service call: the problem shown, or the form reloaded with 已保存."""
        if problem:
            self.error.setText(problem)
            self.error.show()
            return False
        self.load()
        show_status(self.status, "已保存。")
        return True

    def refresh_round(self, what: str) -> None:
        """Load the round now chosen; edits of the round shown before are offered to be saved
        first, and edits of this round are kept."""
        if (
            self.year is not None
            and self.year != self.ctx.year
            and self.is_dirty()
            and Ask.confirm(
                self,
                f"{round_label(self.year)}的{what}还有没保存的修改，要先保存吗？",
                title="还有没保存的修改",
            )
        ):
            self.save()
        if self.year != self.ctx.year or not self.is_dirty():
            self.load()
