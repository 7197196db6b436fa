"""What the settings tabs share: notes, buttons, decimals and the pending colour."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton

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
