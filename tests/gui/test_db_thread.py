"""The database thread: `ctx.read` and `ctx.act` run off the window's thread, the window keeps
running its timers while the clerk's input is held off, results and errors come back as before,
and a page asked to load while its load is in flight loads again afterwards, never on top."""

from __future__ import annotations

import gc
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from dangjian_desktop.errors import UserError
from dangjian_desktop.gui import db_thread
from dangjian_desktop.gui.context import Area, Change
from dangjian_desktop.gui.pages.base import Page
from dangjian_desktop.services.township import get_township, save_township


def _phone(ctx: Any) -> str:
    return str(ctx.read(lambda s: get_township(s).contact_phone))


def test_a_read_runs_on_the_database_thread(ctx: Any) -> None:
    seen: list[threading.Thread] = []

    def read(session: Any) -> str:
        seen.append(threading.current_thread())
        # a read inside a read runs at once on the same thread (no wait for itself)
        seen.append(ctx.read(lambda _s: threading.current_thread()))
        return str(get_township(session).name)

    name = ctx.read(read)

    assert name  # the demo township
    assert seen[0] is not threading.main_thread()
    assert seen[0] is db_thread.db_thread().thread
    assert seen[1] is seen[0]


def test_a_change_runs_on_the_database_thread_and_is_announced(ctx: Any) -> None:
    changes: list[Change] = []
    ctx.sig_data_changed.connect(changes.append)
    where: list[threading.Thread] = []

    def change(session: Any) -> str:
        where.append(threading.current_thread())
        save_township(session, actor=ctx.actor, contact_phone="0871-7654321")
        return "好"

    assert ctx.act(change, what=ctx.change(Area.SETTINGS)) == "好"

    assert where == [db_thread.db_thread().thread]
    assert _phone(ctx) == "0871-7654321"
    assert changes == [ctx.change(Area.SETTINGS)]


def test_errors_come_back_as_before(ctx: Any, answers: Any) -> None:
    before = _phone(ctx)

    def refused(session: Any) -> None:
        save_township(session, actor=ctx.actor, contact_phone="0871-1111111")
        raise UserError("联系电话不对，请重新填写。")

    # a read's error is raised to the caller, the same exception
    with pytest.raises(UserError, match="联系电话不对"):
        ctx.read(lambda s: refused(s))
    # a change's UserError: nothing saved, the clerk told in a popup, or inline
    assert ctx.act(refused) is None
    assert answers.warnings == ["联系电话不对，请重新填写。"]
    assert ctx.act(refused, inline=True) == (None, "联系电话不对，请重新填写。")
    assert _phone(ctx) == before
    # anything else is a bug: raised to the caller (the crash handler), nothing saved

    def broken(session: Any) -> None:
        save_township(session, actor=ctx.actor, contact_phone="0871-2222222")
        raise KeyError("没有这一项")

    with pytest.raises(KeyError):
        ctx.act(broken)
    assert _phone(ctx) == before
    assert len(answers.warnings) == 1


def _in_event_loop(qtbot: Any, fn: Any) -> Any:
    """`fn()` run from the window's event loop, as a click's slot runs; its result."""
    results: list[Any] = []
    QTimer.singleShot(0, lambda: results.append(fn()))
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    return results[0]


def test_input_is_held_off_while_a_slow_read_runs(ctx: Any, qtbot: Any) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    button = QPushButton("登记收到", window)
    button.resize(120, 30)
    window.show()
    qtbot.waitExposed(window)
    handle = window.windowHandle()
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    release = threading.Event()
    during: dict[str, Any] = {}

    def clerk() -> None:  # the window system delivers the clerk's input while the read runs
        QTest.mouseClick(handle, Qt.MouseButton.LeftButton, pos=button.geometry().center())
        button.setFocus()
        QTest.keyClick(handle, Qt.Key.Key_Space)
        during["closed"] = handle.close()
        during["visible"] = window.isVisible()
        release.set()

    def slow(_session: Any) -> int:
        release.wait(10)
        return 42

    def click_then_read() -> int:
        QTimer.singleShot(30, clerk)  # a timer fires during the read: the window is not frozen
        return int(ctx.read(slow))

    assert _in_event_loop(qtbot, click_then_read) == 42
    assert during == {"closed": False, "visible": True}  # closing was refused, not done
    assert clicks == []  # the click and the key went nowhere
    assert QApplication.overrideCursor() is None  # the busy cursor is gone again

    # after the read the same click works again
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, pos=button.geometry().center())
    assert clicks == [True]


class _SlowPage(Page):
    title = "测试"
    key = "test"
    watches = frozenset({Area.SETTINGS})

    def __init__(self, ctx: Any, during: Any) -> None:
        self.during = during
        self.loading = 0
        self.most_at_once = 0
        super().__init__(ctx)

    def refresh(self) -> None:
        self.loading += 1
        self.most_at_once = max(self.most_at_once, self.loading)
        try:
            self.ctx.read(self.during)
        finally:
            self.loading -= 1


def test_a_refresh_asked_during_a_load_runs_after_it(ctx: Any, qtbot: Any) -> None:
    release = threading.Event()
    calls: list[int] = []

    def during(_session: Any) -> None:
        calls.append(1)
        if len(calls) == 2:
            release.wait(10)

    page = _SlowPage(ctx, during)
    qtbot.addWidget(page)
    page.show()  # the first load
    assert calls == [1] and page.reloads == 1

    def changed_twice() -> None:  # a finished task announces its change while the page loads
        ctx.announce(ctx.change(Area.SETTINGS))
        ctx.announce(ctx.change(Area.SETTINGS))
        release.set()

    def change() -> bool:
        QTimer.singleShot(30, changed_twice)
        ctx.announce(ctx.change(Area.SETTINGS))  # a change: the page loads, slowly
        return True

    _in_event_loop(qtbot, change)

    assert page.most_at_once == 1  # never a load on top of a load
    assert len(calls) == 3  # the first, the slow one, and one more for both announcements
    assert not page._stale


def test_no_full_collection_during_a_read_and_a_load_is_frozen(ctx: Any, qtbot: Any) -> None:
    before = gc.get_threshold()

    thresholds = ctx.read(lambda _s: gc.get_threshold())

    assert thresholds[2] > 1_000_000  # no full collection while the read ran
    assert gc.get_threshold() == before  # and the settings came back

    frozen = gc.get_freeze_count()
    rows = ctx.read(lambda _s: [[n] for n in range(1000)])  # the county's rows, say
    assert gc.get_freeze_count() >= frozen + len(rows)  # frozen as they arrive, before the fill

    page = _SlowPage(ctx, lambda _s: None)
    qtbot.addWidget(page)
    kept = [[n] for n in range(1000)]  # what the window holds when the page has loaded
    frozen = gc.get_freeze_count()
    page.show()
    assert gc.get_freeze_count() >= frozen + len(kept)  # left out of every later collection
