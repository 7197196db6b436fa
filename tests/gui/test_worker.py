"""后台任务: progress reaches the dialog without a signal per call, and the GIL and garbage
collector settings that keep the window responsive last only as long as the tasks."""

from __future__ import annotations

import gc
import sys
import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from dangjian_desktop.gui import worker
from dangjian_desktop.gui.worker import run_task


def owner(qtbot: Any) -> QWidget:
    """Tasks belong to a page in the window; here to a widget the test closes."""
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_progress_is_shown_from_the_latest_report(qtbot: Any) -> None:
    release = threading.Event()
    seen: list[Any] = []

    def work(progress: Any, cancelled: Any) -> str:
        progress(0, 0, "正在准备…")
        for done in range(1, 501):  # far more reports than the window repaints
            progress(done, 500)
        release.wait(10)
        return "好了"

    task = run_task(owner(qtbot), "测试", work, seen.append)
    qtbot.waitUntil(lambda: task.dialog.value() == 500, timeout=5000)
    # a report without text keeps the last text given
    assert task.dialog.maximum() == 500
    assert task.dialog.labelText() == "正在准备…"
    assert task.runner.latest == (500, 500, "正在准备…")
    release.set()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert seen == ["好了"] and not task.poll.isActive()


def test_settings_last_as_long_as_the_tasks(qtbot: Any) -> None:
    before_interval, before_thresholds = sys.getswitchinterval(), gc.get_threshold()
    during: list[tuple[float, tuple[int, int, int]]] = []
    gates = [threading.Event(), threading.Event()]

    def work(index: int) -> Any:
        def run(progress: Any, cancelled: Any) -> None:
            during.append((sys.getswitchinterval(), gc.get_threshold()))
            gates[index].wait(10)

        return run

    page = owner(qtbot)
    first = run_task(page, "一", work(0))
    second = run_task(page, "二", work(1))
    try:
        qtbot.waitUntil(lambda: len(during) == 2, timeout=5000)
        for interval, thresholds in during:
            wanted = min(before_interval, worker.TASK_SWITCH_INTERVAL)
            assert interval == pytest.approx(wanted, abs=1e-6)
            assert thresholds[:2] == before_thresholds[:2]
            assert thresholds[2] > 1_000_000  # no full collection while work runs
        gates[0].set()
        qtbot.waitUntil(lambda: first.done, timeout=5000)
        assert gc.get_threshold()[2] > 1_000_000  # the other task still runs
    finally:
        for gate in gates:
            gate.set()
        qtbot.waitUntil(lambda: first.done and second.done, timeout=5000)
    assert sys.getswitchinterval() == before_interval
    assert gc.get_threshold() == before_thresholds
