"""The database thread: the window's reads and changes run there while the window keeps painting.

`on_db_thread(job)` runs `job()` on one long-lived thread (every read and synchronous change of
`ctx.read` / `ctx.act` goes there, one after another, so two of them never meet in the
database). The window's thread waits a few milliseconds first: most reads are done by then and
no event loop is started. A longer job is waited for in a local event loop: paints, timers and a
running task's progress go on, while the clerk's input to the window is held off (mouse, keys,
wheel and closing are swallowed, a busy cursor shows after `BUSY_CURSOR_MS`), so no click can
start a second change on top of the first.

Outside any event loop (before the application runs it, and in tests that call the window
directly) the window's thread simply waits for the job: nothing would paint there anyway, and a
local event loop at that level would carry out every `deleteLater` asked so far, even in the
middle of Qt's own work on those objects' parents (a page loads in its showEvent while Qt walks
the parent's children). The job's return value or exception comes back to the
caller unchanged, as if it had run on the window's thread.

Runs directly, without the thread:
- a job asked from the database thread itself (a read inside a change);
- a job asked from any other thread (a background task's own read) or before there is an
  application: nothing there has a window to keep painting.

SQLite allows this: the engine's connections are opened with `check_same_thread=False` and a
session (hence a connection) is opened and closed inside the job, on the database thread, so no
connection is in use by two threads at once. What a job returns must be plain values, or ORM
objects whose attributes the caller needs were loaded before the session closed (the same rule
as before: the session is closed when the caller sees the result).
"""

from __future__ import annotations

import functools
import queue
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication, QDialog

from dangjian_desktop.gui import worker

T = TypeVar("T")

FIRST_WAIT_S = 0.004
"""How long the window's thread simply waits for a job before it starts its event loop."""
BUSY_CURSOR_MS = 250
"""How long a job runs before the busy cursor shows."""


@functools.cache
def held_input() -> frozenset[QEvent.Type]:
    """The clerk's input, held off while a job runs (a click that arrives then is dropped). Closing
    is held off for the windows, not for dialogs: Qt closes a dialog that the program accepts or
    rejects with a close event as well, indistinguishable from the clerk's.

    Made on first use: naming `QEvent.Type`'s members builds that enum in Python (about 10 ms of
    the window's start)."""
    return frozenset(
        {
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.NonClientAreaMouseButtonPress,
            QEvent.Type.NonClientAreaMouseButtonRelease,
            QEvent.Type.NonClientAreaMouseButtonDblClick,
            QEvent.Type.Wheel,
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
            QEvent.Type.Shortcut,
            QEvent.Type.ShortcutOverride,
            QEvent.Type.ContextMenu,
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.TabletPress,
            QEvent.Type.TabletRelease,
            QEvent.Type.DragEnter,
            QEvent.Type.DragMove,
            QEvent.Type.Drop,
            QEvent.Type.Close,
        }
    )


class _Job(Generic[T]):
    __slots__ = ("done", "error", "fn", "loop", "result")

    def __init__(self, fn: Callable[[], T]) -> None:
        self.fn = fn
        self.result: T | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()
        self.loop: QEventLoop | None = None
        """The window's event loop waiting for this job (None: nobody waits in a loop)."""

    def run(self, waker: _Waker) -> None:
        try:
            self.result = self.fn()
        except BaseException as exc:  # handed back to the caller on the window's thread
            self.error = exc
        finally:
            self.fn = _done_already
            self.done.set()
            waker.sig_done.emit(self)


def _done_already() -> Any:  # what a finished job holds instead of its closure
    return None


class _Waker(QObject):
    """Lives on the window's thread; the database thread's signal reaches it queued."""

    sig_done = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.sig_done.connect(self._wake)

    def _wake(self, job: _Job[Any]) -> None:
        if job.loop is not None:
            job.loop.quit()


class _InputGuard(QObject):
    """Swallows the clerk's input to the windows on screen while jobs run.

    The filter sits on each visible top-level window's QWindow, where the window system
    delivers every click, key and close before Qt passes it on to a widget: one Python call
    per input event of those few windows. (A filter on the whole application would run for
    every event of every object, and makes PySide build a wrapper for each receiver; doing so
    while another thread imports a PySide module crashed in shiboken.)"""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.held = 0
        """How many input events were held off (for the tests)."""
        self.cursor = QTimer(self)
        self.cursor.setSingleShot(True)
        self.cursor.setInterval(BUSY_CURSOR_MS)
        self.cursor.timeout.connect(self._show_busy)
        self.busy = False
        self.windows: list[QWindow] = []
        self.dialogs: list[QWindow] = []
        """Windows of dialogs: Qt closes a dialog the program accepts or rejects with a close
        event there too, indistinguishable from the clerk's; those are let through."""

    def enter(self) -> None:
        self.depth += 1
        if self.depth == 1:
            for widget in QApplication.topLevelWidgets():
                handle = widget.windowHandle() if widget.isVisible() else None
                if handle is not None:
                    handle.installEventFilter(self)
                    self.windows.append(handle)
                    if isinstance(widget, QDialog):
                        self.dialogs.append(handle)
            self.cursor.start()

    def leave(self) -> None:
        self.depth -= 1
        if self.depth == 0:
            for handle in self.windows:
                if shiboken6.isValid(handle):
                    handle.removeEventFilter(self)
            self.windows.clear()
            self.dialogs.clear()
            self.cursor.stop()
            if self.busy:
                self.busy = False
                QGuiApplication.restoreOverrideCursor()

    def _show_busy(self) -> None:
        # `Qt` named here: building its enums takes about 12 ms, not before the first paint
        from PySide6.QtCore import Qt

        if self.depth:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self.busy = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in held_input():
            return False
        if kind == QEvent.Type.Close and any(watched is d for d in self.dialogs):
            return False
        event.ignore()  # a refused close stays refused
        self.held += 1
        return True


class DbThread:
    """The one thread that runs the window's database jobs, in the order they were asked."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[_Job[Any]] = queue.SimpleQueue()
        self.waker = _Waker()
        self.guard = _InputGuard()
        self.thread = threading.Thread(target=self._serve, name="database", daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            self.jobs.get().run(self.waker)

    def call(self, fn: Callable[[], T]) -> T:
        job = _Job(fn)
        worker.hold_heap(freeze=False)
        try:
            self.jobs.put(job)
            if not job.done.wait(FIRST_WAIT_S):
                if QThread.currentThread().loopLevel() == 0:
                    job.done.wait()  # no event loop runs yet: nothing would paint anyway
                else:
                    self._wait(job)
        finally:
            # What the job read is frozen as it arrives: the page fills its widgets from it next,
            # and a full collection then would walk all of it (139 ms for the county's members)
            worker.release_heap(freeze=True)
        error, job.error = job.error, None
        if error is not None:
            raise error
        return job.result  # type: ignore[return-value]

    def _wait(self, job: _Job[Any]) -> None:
        loop = QEventLoop()
        job.loop = loop
        self.guard.enter()
        try:
            while not job.done.is_set():
                loop.exec()
        finally:
            job.loop = None
            self.guard.leave()


_thread: DbThread | None = None


def db_thread() -> DbThread:
    """The database thread, started the first time the window asks for it."""
    global _thread
    if _thread is None:
        _thread = DbThread()
    return _thread


def on_db_thread(fn: Callable[[], T]) -> T:
    """`fn()` run on the database thread, the window's thread waiting without freezing; its
    result returned and its exception raised here (see the module's docstring)."""
    if (
        not isinstance(QCoreApplication.instance(), QApplication)
        or threading.current_thread() is not threading.main_thread()
    ):
        return fn()  # not the window's thread: the database thread itself, or a task's
    return db_thread().call(fn)


def waiting() -> bool:
    """Is the window's thread waiting for a job (in a local event loop further down its stack)?
    The clerk's clicks are held off then."""
    return _thread is not None and _thread.guard.depth > 0
