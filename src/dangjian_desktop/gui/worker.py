"""Long work off the GUI thread, with a progress dialog and a cancel button.

The work function runs on a QThread and gets two callables: `progress(done, total, text)` and
`cancelled()`. It never touches widgets; its result (or its UserError) comes back on the GUI thread.

While work runs (a task here, or a job on the database thread, gui/db_thread.py) the window's
thread must get the interpreter lock (GIL) whenever it needs it: every slot, every paint of a
table with a Python model, every call Qt makes into a class defined in Python takes it. Each
time, the window waits for the busy thread to let go. Two things keep those waits short:

- the switch interval is 0.2 ms while work runs: one repaint of the window takes the GIL hundreds
  of times, and at 1 ms a handover a certificate batch held the window still for 100–250 ms;
- progress is not a signal per call: the worker only notes the latest state and the window looks
  at it ten times a second (193 certificates queued 193 updates, each a GIL handover and a
  synchronous repaint of the dialog, ahead of everything else the window had to do).

The garbage collector, one policy for the whole program. A full collection walks every object
it tracks with the GIL held, whichever thread runs it: with a county's data open that is about a
second of a frozen window at a random moment (the export step's 1.6 s stall was the first full
collection after a task, walking everything the task had let go of). So:

- the heap is frozen (`gc.freeze()`: what exists now is never walked again; it costs nothing,
  after a collection of the young generations, under a millisecond) at the boundaries where
  the window has made what it keeps: after a page has loaded (`settle_heap`, pages/base.py,
  the first time once the window is up), when a task starts and ends. A full collection then
  only walks what was made since the last boundary: one action's objects, not the day's;
- while work runs (a task, or a read or change on the database thread), no full collection at
  all (the third threshold is out of reach); the window's young garbage is collected on the
  window's thread before the work starts, so a young collection on the working thread never
  destroys a widget the window made;
- nothing is ever unfrozen. The price: garbage in reference cycles that was frozen before it
  became garbage stays until the program ends (plain garbage is freed at once by reference
  counting, frozen or not). `bench_script` prints how much that is after the county day
  (`frozen_garbage`).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.dialogs import Ask

Progress = Callable[[int, int, str], None]
Work = Callable[[Progress, Callable[[], bool]], Any]

TASK_SWITCH_INTERVAL = 0.0002
"""Seconds a thread may keep the GIL once another asks for it, while tasks run."""
PROGRESS_POLL_MS = 100
"""How often the window shows the worker's latest progress."""
_NO_FULL_COLLECTION = 1 << 30
"""A third-generation threshold never reached: no automatic full collection."""

_running = 0
_switch_interval = 0.001
_thresholds = (700, 10, 10)


def hold_heap(*, freeze: bool = True) -> None:
    """Work starts (a task, or with `freeze=False` a job on the database thread): full
    collections wait and the GIL changes hands sooner, until the last work has ended.

    The work's own objects grow too: an export holds the round's rows, tens of thousands of
    lists, and each full collection walked them again, 15–45 ms on an idle machine and over
    100 ms on a busy one (a thread the system pauses while it collects keeps the GIL all that
    time). Young objects are still collected as usual, on the working thread as well: so the
    window's young garbage is collected here first (it may hold widgets, which must not be
    destroyed on another thread), and a task's start freezes the window's heap."""
    global _running, _switch_interval, _thresholds
    if freeze:
        _freeze()
    else:
        gc.collect(1)
    if _running == 0:
        _thresholds = gc.get_threshold()
        gc.set_threshold(_thresholds[0], _thresholds[1], _NO_FULL_COLLECTION)
        _switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(_switch_interval, TASK_SWITCH_INTERVAL))
    _running += 1


def release_heap(*, freeze: bool = True) -> None:
    """Work ended: what a task made or a database job read, and the window keeps, is frozen
    (then again once a page has shown it, `settle_heap`); the settings come back when no other
    work runs."""
    global _running
    _running -= 1
    if freeze:
        _freeze()
    if _running == 0:
        sys.setswitchinterval(_switch_interval)
        gc.set_threshold(*_thresholds)


def settle_heap() -> None:
    """The window has loaded something it keeps (a page's rows): out of every later collection."""
    _freeze()


def _freeze() -> None:
    # The young generations first (at most a few thousand objects: well under a millisecond):
    # the cycles just let go of, such as a closed session's, are freed instead of frozen.
    gc.collect(1)
    gc.freeze()


class _Runner(QObject):
    sig_done = Signal(object)
    sig_failed = Signal(object)

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.cancel_requested = False
        self.latest: tuple[int, int, str] | None = None
        """The last progress reported (done, total, the last text given); read by the window."""

    def report(self, done: int, total: int, text: str = "") -> None:
        """The work's `progress`: noted, not signalled (one tuple swapped in under the GIL)."""
        if not text and self.latest is not None:
            text = self.latest[2]
        self.latest = (done, total, text)

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.report, lambda: self.cancel_requested)
        except BaseException as exc:  # handed to the GUI thread, which decides how to tell it
            self.sig_failed.emit(exc)
        else:
            self.sig_done.emit(result)


class Task(QObject):
    """One background job. Keep a reference until `sig_finished`."""

    sig_finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        work: Work,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.on_done = on_done
        self.on_error = on_error
        self.result: Any = None
        self.error: BaseException | None = None
        self.worker_thread = QThread()
        self.runner = _Runner(work)
        self.runner.moveToThread(self.worker_thread)
        self.dialog = QProgressDialog(title, "取消", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._cancel)
        self.worker_thread.started.connect(self.runner.run)
        self.runner.sig_done.connect(self._done)
        self.runner.sig_failed.connect(self._failed)
        self.shown: tuple[int, int, str] | None = None
        self.poll = QTimer(self)
        self.poll.setInterval(PROGRESS_POLL_MS)
        self.poll.timeout.connect(self._show_progress)
        self.holding = False  # this task counts in `hold_heap`
        self.done = False

    def start(self) -> Task:
        if not self.holding:
            hold_heap()
            self.holding = True
        self.worker_thread.start()
        self.poll.start()
        return self

    def _cancel(self) -> None:
        self.runner.cancel_requested = True
        self.dialog.setLabelText("正在取消…")

    def _show_progress(self) -> None:
        latest = self.runner.latest
        if latest is None or latest == self.shown or self.runner.cancel_requested:
            return
        done, total, text = latest
        if self.shown is None or self.shown[1] != total:
            self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(done)
        if text and (self.shown is None or self.shown[2] != text):
            self.dialog.setLabelText(text)
        self.shown = latest

    def _finish(self) -> None:
        self.poll.stop()
        self.worker_thread.quit()
        self.worker_thread.wait()
        self.dialog.close()
        self.done = True
        if self.holding:
            self.holding = False
            release_heap()
        self.sig_finished.emit()

    def _done(self, result: Any) -> None:
        self.result = result
        self._finish()
        if self.on_done is not None:
            self.on_done(result)

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        self._finish()
        if self.on_error is not None:
            self.on_error(exc)
        elif isinstance(exc, UserError):
            Ask.warn(self.parent_widget, str(exc))
        else:
            raise exc  # goes to the crash handler (sys.excepthook)


def run_task(
    parent: QWidget | None,
    title: str,
    work: Work,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> Task:
    # Held before anything is made for the task: a full collection of the window's heap cannot
    # start while the dialog and the thread are being set up.
    hold_heap()
    try:
        task = Task(parent, title, work, on_done, on_error)
    except BaseException:
        release_heap()
        raise
    task.holding = True
    return task.start()
