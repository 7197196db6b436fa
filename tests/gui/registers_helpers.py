"""Driving modal dialogs from tests: act on the dialog once it is up, while exec() runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from typing_helpers import type_text

from dangjian_desktop.gui import db_thread

__all__ = ["type_text", "with_modal"]


def with_modal(handler: Callable[[QWidget], None], trigger: Callable[[], Any]) -> list[QWidget]:
    """Call trigger(), which opens a modal dialog; handler(dialog) types into it and closes it.

    Returns the dialogs seen (so a test can check the dialog really came up). If the handler
    leaves the dialog open, it is rejected so the test never hangs. The window's timers run
    while it waits for the database (gui/db_thread.py): the tries count only outside those
    waits, and the handler never types while one runs (the clerk's input is held off then).
    """
    seen: list[QWidget] = []

    def poll(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        waiting = db_thread.waiting()
        if dialog is None or waiting:
            if tries < 200 or waiting:
                QTimer.singleShot(10, lambda: poll(tries + (not waiting)))
            return
        seen.append(dialog)
        try:
            handler(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()  # type: ignore[attr-defined]

    QTimer.singleShot(0, poll)
    trigger()
    return seen
