"""Long work off the GUI thread, with a progress dialog and a cancel button.

The work function runs on a QThread and gets two callables: `progress(done, total, text)` and
`cancelled()`. It never touches widgets; its result (or its UserError) comes back on the GUI thread.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.dialogs import Ask

Progress = Callable[[int, int, str], None]
Work = Callable[[Progress, Callable[[], bool]], Any]


_running = 0


def _hold_heap() -> None:
    """While tasks run, objects that existed before them are left out of garbage collection.

    A full collection walks every object holding the GIL; with a county's data open in the
    window each one stalled the window for 60–100 ms, several times per export. The work's own
    objects are still collected; the rest is walked again once the last task has ended.
    """
    global _running
    if _running == 0:
        gc.freeze()
    _running += 1


def _release_heap() -> None:
    global _running
    _running -= 1
    if _running == 0:
        gc.unfreeze()


class _Runner(QObject):
    sig_progress = Signal(int, int, str)
    sig_done = Signal(object)
    sig_failed = Signal(object)

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.cancel_requested = False

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(
                lambda done, total, text="": self.sig_progress.emit(done, total, text),
                lambda: self.cancel_requested,
            )
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
        self.thread = QThread()
        self.runner = _Runner(work)
        self.runner.moveToThread(self.thread)
        self.dialog = QProgressDialog(title, "取消", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._cancel)
        self.thread.started.connect(self.runner.run)
        self.runner.sig_progress.connect(self._progress)
        self.runner.sig_done.connect(self._done)
        self.runner.sig_failed.connect(self._failed)
        self.done = False

    def start(self) -> Task:
        _hold_heap()
        self.thread.start()
        return self

    def _cancel(self) -> None:
        self.runner.cancel_requested = True
        self.dialog.setLabelText("正在取消…")

    def _progress(self, done: int, total: int, text: str) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(done)
        if text:
            self.dialog.setLabelText(text)

    def _finish(self) -> None:
        self.thread.quit()
        self.thread.wait()
        self.dialog.close()
        self.done = True
        _release_heap()
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
    return Task(parent, title, work, on_done, on_error).start()
