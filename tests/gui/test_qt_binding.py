"""The Qt binding does not leak references to Python's singletons.

PySide6 6.12.0 dropped a reference to True on every `SignalInstance.emit()` and one to None on
every `processEvents()`; after a few thousand of them the interpreter aborted (bool_dealloc) — in
a clerk's session, or at the end of this test run. pyproject.toml pins a release without it.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication


class _Sender(QObject):
    sig = Signal()


def test_emitting_and_processing_events_keep_true_and_none_alive(qapp: Any) -> None:
    sender = _Sender()
    heard: list[int] = []
    sender.sig.connect(lambda: heard.append(1))
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(2000):
        sender.sig.emit()
        QApplication.processEvents()
    assert len(heard) == 2000
    # a few references may come and go meanwhile; a leak would lose thousands
    assert abs(sys.getrefcount(True) - true_before) < 100
    assert abs(sys.getrefcount(None) - none_before) < 100
