"""The scripted day of work `bench` runs in a child process on county-scale data: the longest
stall of the window's thread over the whole run (`max_stall_ms`) and the run's peak memory
(`peak_rss_mb`), and the close-then-relaunch check (`reopen_ok`).

A 5 ms timer ticks on the window's thread throughout; every step runs on that thread as the
clerk's click would (the page reloads included), so the longest gap between two ticks is the
longest time the window stood still. Each step prints `step <name> <longest gap ms> <seconds>`;
the run ends with `rss <peak MB>` and `done`. With DANGJIAN_BENCH_PROFILE=<folder> each step's
work on the window's thread is profiled into <folder>/<step>.prof; with
DANGJIAN_BENCH_STALL_DUMP=<seconds> a longer stall prints every thread's stack (who held the
window up: its own work, or another thread holding the interpreter lock).
"""

from __future__ import annotations

import cProfile
import faulthandler
import gc
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from dangjian_desktop.gui.context import Area, Change


def _say(line: str) -> None:
    print(line, flush=True)


class Ticker:
    """The longest gap between ticks of a 5 ms timer since `reset`."""

    current: Ticker | None = None

    def __init__(self) -> None:
        Ticker.current = self
        dump = os.environ.get("DANGJIAN_BENCH_STALL_DUMP")
        self.dump_after = float(dump) if dump else None
        """Seconds: a stall longer than this prints every thread's stack to stderr (from
        faulthandler's own thread, so also while another thread holds the GIL)."""
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now
        if self.dump_after is not None:
            faulthandler.dump_traceback_later(self.dump_after)

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0


def settle(ms: int = 150) -> None:
    """Let the window's event loop run (queued refreshes, paints) for `ms`."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def act_and_wait(window: Any, title: str, work: Any, what: Change, page: Any | None = None) -> None:
    """`ctx.act(background=True)` on the current page, the event loop run until it ends; its
    error raised here. `page`: a page whose `_export_done` shows the outcome, as after its button."""
    loop = QEventLoop()
    outcome: list[BaseException | None] = []

    def finished(result: Any) -> None:
        if page is not None:
            page._export_done(result)
        outcome.append(None)
        loop.quit()

    def failed(exc: BaseException) -> None:
        outcome.append(exc)
        loop.quit()

    window.ctx.act(
        work,
        window.current_page(),
        what=what,
        background=True,
        title=title,
        on_done=finished,
        on_error=failed,
    )
    if not outcome:
        loop.exec()
    if outcome[0] is not None:
        raise outcome[0]


# ---------------------------------------------------------------- the steps


def _every_page(window: Any) -> None:
    ticker = Ticker.current
    for row in range(window.nav.count()):
        before = ticker.longest if ticker else 0.0
        if ticker:
            ticker.longest = 0.0
        window.nav.setCurrentRow(row)
        settle(50)
        if ticker:  # each page's own longest gap, for finding the page that stalls
            _say(f"page {window.entries[row].key} {ticker.longest * 1000:.1f}")
            ticker.longest = max(before, ticker.longest)


def _edit_member(window: Any) -> None:
    from dangjian_desktop.services import registers
    from dangjian_desktop.store.models import Member

    ctx = window.ctx
    window.show_page("registers")
    settle()
    member = ctx.read(lambda s: s.get(Member, 1))
    assert member is not None
    data = registers.MemberInput(
        name=member.name,
        gender=member.gender,
        ethnicity=member.ethnicity,
        branch_id=member.branch_id,
        birth_date=member.birth_date,
        joined_on=member.joined_on,
        kind=member.kind,
        post=member.post,
        phone="13800000000" if member.phone != "13800000000" else "13900000000",
        remark=member.remark,
    )
    ctx.act(
        lambda s: registers.update_member(s, actor=ctx.actor, member_id=1, data=data),
        window,
        what=Change.of(None, Area.REGISTERS).about_members(1),
    )


def _receive_plan(window: Any) -> None:
    page = window.show_page("enrolment")
    settle()
    grid = page.grid
    waiting = [line for line in grid.lines if line.received_on is None]
    if not waiting:  # every plan is in: undo one and receive it again
        grid.select_branch(grid.lines[0].branch_id)
        grid.undo_last()
        waiting = [line for line in grid.lines if line.received_on is None]
    if waiting:
        grid.select_branch(waiting[0].branch_id)
        grid.receive_selected()


def _key_score_sheet(window: Any) -> None:
    from dangjian_desktop.services.evaluation import pages, scores, views

    ctx = window.ctx
    window.show_page("evaluation")
    settle()
    year = ctx.year

    def keyed(session: Any) -> dict[str, Any]:
        assessor_id, _name = pages.assessor_names(session, year)[0]
        sheet = views.sheet(session, year, assessor_id, 1)
        branch = sheet.rows[0].branch_id
        return {
            "assessor": assessor_id,
            "cells": {k: v for k, v in sheet.scores.items() if k[0] == branch},
        }

    found = ctx.read(keyed)
    for entry in (1, 2):  # 双人录入: the entry this operator keys (the other is someone else's)
        saved = ctx.act(
            lambda s, entry=entry: scores.save_sheet(
                s,
                actor=ctx.actor,
                first_year=year,
                assessor_id=found["assessor"],
                scores=dict(found["cells"]),
                entry=entry,
                reason="复核后重新录入",
            ),
            window,
            what=ctx.change(Area.EVALUATION),
        )
        if saved is not None:
            return


def _switch_round(window: Any) -> None:
    ctx = window.ctx
    years = [window.round_combo.itemData(i) for i in range(window.round_combo.count())]
    current = ctx.year
    other = next(year for year in years if year != current)
    ctx.set_round(other)
    settle()
    ctx.set_round(current)


def _audit_log(window: Any) -> None:
    window.show_page("audit")


def _certificates(window: Any) -> None:
    """荣誉证书 as the documents page's button prints them (`print_certificates_task`): on a
    worker, then the PDF opened in the preview, which the clerk closes."""
    from dangjian_desktop.gui.document_actions import print_certificates_task
    from dangjian_desktop.gui.pdf_preview import PdfPreview

    page = window.show_page("documents")
    settle()
    year = _closed_year(window)  # the round with honours; the button prints the chosen round's
    previews: list[PdfPreview] = []

    def close_preview() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PdfPreview):
            previews.append(dialog)
            dialog.reject()

    closer = QTimer()
    closer.setInterval(100)  # the preview shows its first page before it is closed
    closer.timeout.connect(close_preview)
    closer.start()
    task = print_certificates_task(page, window.ctx, year)
    while not (task.done and previews) and task.error is None:
        settle(20)
    closer.stop()
    if task.error is not None:
        raise task.error


def _export(window: Any, target: Path) -> None:
    """开始报送 as the county page runs it: the task, then the page shows its outcome."""
    from dangjian_desktop.gui.pages.county import export_task

    ctx = window.ctx
    year = _closed_year(window)
    target.mkdir(parents=True, exist_ok=True)
    page = window.show_page("county")
    settle()
    act_and_wait(
        window, "报送县委", export_task(ctx, year, target), Change.of(year, Area.COUNTY), page
    )


def _closed_year(window: Any) -> int:
    from dangjian_desktop.services.rounds import list_rounds

    return int(
        window.ctx.read(
            lambda s: next(r.first_year for r in list_rounds(s) if r.status == "closed")
        )
    )


STEPS: tuple[tuple[str, Callable[[Any], None]], ...] = (
    ("every_page", _every_page),
    ("edit_member", _edit_member),
    ("receive_plan", _receive_plan),
    ("key_score_sheet", _key_score_sheet),
    ("switch_round", _switch_round),
    ("audit_log", _audit_log),
    ("certificates", _certificates),
)


def scripted_run(window: Any, work_folder: Path) -> None:
    """Every step in turn with the ticker running; prints the figures; the caller exits."""
    ticker = Ticker()
    settle(1000)  # the clerk reads the workbench before the first click
    steps = [*STEPS, ("export", lambda w: _export(w, work_folder / "U盘"))]
    profile_dir = os.environ.get("DANGJIAN_BENCH_PROFILE")
    for name, step in steps:
        ticker.reset()
        started = time.perf_counter()
        profiler = cProfile.Profile() if profile_dir else None
        if profiler is not None:  # the window's thread only: what it still does itself
            profiler.enable()
        step(window)
        settle()  # what the step queued (refreshes, paints) counts too
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(str(Path(str(profile_dir)) / f"{name}.prof"))
        _say(f"step {name} {ticker.longest * 1000:.1f} {time.perf_counter() - started:.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _say(f"rss {peak:.1f}")
    # What the heap policy (gui/worker.py) left frozen although it became garbage in a cycle.
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    _say(f"frozen_garbage {gc.collect()} of {frozen}")
    _say("done")


def change_then_close(window: Any) -> None:
    """For `reopen_ok`: one saved change (so the exit backup has work), then the window closes;
    the process goes on with its exit backup and prints `closed` first."""
    from dangjian_desktop.services.township import get_township, save_township

    ctx = window.ctx
    phone = ctx.read(lambda s: get_township(s).contact_phone)  # type: ignore[union-attr]
    ctx.act(
        lambda s: save_township(
            s, actor=ctx.actor, contact_phone="0871-1234567" if phone != "0871-1234567" else ""
        ),
        window,
        what=ctx.change(Area.SETTINGS),
    )
    _say("closed")
    window.close()


def main_child(argv: list[str]) -> None:  # pragma: no cover - run by bench in a subprocess
    """`python -m dangjian_desktop.gui.bench_script DATA WORK MODE`: MODE "script" or "close"."""
    from dangjian_desktop import cli
    from dangjian_desktop.gui import app as gui_app
    from dangjian_desktop.gui import db_thread
    from dangjian_desktop.gui.dialogs import Ask

    data_root, work, mode = argv[0], Path(argv[1]), argv[2]
    # a refusal is printed (and the run goes on), not shown in a dialog nobody answers
    Ask.warn = classmethod(lambda _cls, _parent, text, title="": _say(f"warn {text}"))  # type: ignore[method-assign,assignment]

    def watch(startup: Any) -> None:
        window = startup.window

        def opened() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is not None:  # 选择操作员: the clerk presses Enter
                dialog.accept()  # type: ignore[attr-defined]
            if not window.is_open or db_thread.waiting():
                # the first page still loading: the clerk's first click waits for it (it would
                # be held off), and the script must not run inside that wait
                QTimer.singleShot(5, opened)
                return
            _say("opened")
            if mode == "script":
                scripted_run(window, work)
                import os

                os._exit(0)
            change_then_close(window)

        QTimer.singleShot(0, opened)

    gui_app.start_observers.append(watch)
    code = cli.main(["--data-dir", data_root, "--no-crash-dialog"])
    _say(f"exit {code}")
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main_child(sys.argv[1:])
