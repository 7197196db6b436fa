"""Typing as a clerk does, for widget tests: ASCII keys, Chinese through the input method."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """ASCII from the keyboard; Chinese committed by the input method, as an IME sends it
    (QTest.keyClicks only knows ASCII keys)."""
    widget.setFocus()
    chunk = ""
    for ch in text:
        if ch.isascii():
            if chunk:
                _commit(widget, chunk)
                chunk = ""
            qtbot.keyClicks(widget, ch)
        else:
            chunk += ch
    if chunk:
        _commit(widget, chunk)


def _commit(widget: Any, text: str) -> None:
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def retype(qtbot: Any, widget: Any, text: str) -> None:
    """Select what the field holds, delete it and type `text` (line edits and spin boxes)."""
    widget.setFocus()
    editor = widget if isinstance(widget, QLineEdit) else widget.lineEdit()
    editor.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(qtbot, widget, text)
