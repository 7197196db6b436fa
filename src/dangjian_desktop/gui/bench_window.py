"""The window's side of `bench`: the start-up child scripts, the member list and the GUI pause.

Kept in gui/ because it drives Qt; bench.py (the command) stays Qt-free and calls in here.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from dangjian_desktop.bench import race, race_figures
from dangjian_desktop.gui.context import Area, Change

SEARCH = "彝族"  # what the clerk types into the member search box


_FIRST_PAINT = """
import os, sys
from PySide6.QtCore import QEvent, QObject

class FirstPaint(QObject):
    def __init__(self, window, then):
        super().__init__()
        self.window, self.then, self.seen = window, then, False

    def eventFilter(self, obj, event):
        if obj is self.window and event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            print("painted", flush=True)
            self.then()
        return False
"""

REFERENCE_CHILD = (
    _FIRST_PAINT
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("reference")
window.resize(1366, 768)
watcher = FirstPaint(window, lambda: os._exit(0))
window.installEventFilter(watcher)
window.show()
app.exec()
"""
)

PROGRAM_CHILD = (
    _FIRST_PAINT
    + """
# The program as a clerk starts it (`dangjian-desktop --data-dir …`, through cli.main and
# gui.app.run); `start_observers` lets this script watch the window without changing the path.
import resource
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from dangjian_desktop import cli
from dangjian_desktop.gui import app as gui_app

data_root, tour = sys.argv[1], sys.argv[2] == "tour"

def watch(startup):
    window = startup.window

    said = []

    def opened():
        dialog = QApplication.activeModalWidget()
        if dialog is not None:  # 选择操作员: the clerk presses Enter on the last operator
            dialog.accept()
        if window.data_shown and not said:  # the workbench's figures are on screen
            said.append(True)
            print("opened", flush=True)
            if not tour:
                os._exit(0)
        if not window.is_open:  # the tour needs the data open
            QTimer.singleShot(5, opened)
            return
        for row in range(window.nav.count()):  # every page shown once, with its data
            window.nav.setCurrentRow(row)
            QApplication.processEvents()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"rss {peak:.1f} {window.nav.count()}", flush=True)
        os._exit(0)

    watcher = FirstPaint(window, opened)
    window.installEventFilter(watcher)
    window._bench_watcher = watcher

gui_app.start_observers.append(watch)
cli.main(["--data-dir", data_root, "--no-crash-dialog"])
"""
)


def measure_member_list(ctx: Any, repeats: int) -> dict[str, Any]:
    import sqlite3

    from PySide6.QtWidgets import QApplication

    from dangjian_desktop.gui.pages.registers import RegistersPage

    app = QApplication.instance()
    assert app is not None
    page = RegistersPage(ctx)
    page.resize(1280, 720)
    page.tabs.setCurrentWidget(page.members)

    def program() -> int:
        page.members.search.clear()
        page.refresh()
        page.members.search.setText(SEARCH)
        app.processEvents()
        return int(page.members.proxy.rowCount())

    columns = [column.value for column in page.members.model.columns]

    def reference() -> int:
        con = sqlite3.connect(ctx.db.path)
        try:
            rows = con.execute(
                "SELECT m.id, m.name, m.gender, m.ethnicity, m.birth_date, m.joined_on, m.kind,"
                " m.post, m.branch_id, b.name, m.phone, m.remark, m.deleted_at FROM member m"
                " JOIN branch b ON b.id = m.branch_id WHERE m.deleted_at IS NULL ORDER BY m.id"
            ).fetchall()
        finally:
            con.close()
        # the columns the table shows: name, gender, ethnicity, birth, joined, kind, post,
        # branch, phone
        needle = SEARCH.lower()
        shown = (1, 2, 3, 4, 5, 6, 7, 9, 10)
        return sum(
            1
            for row in rows
            if needle in "\t".join("" if row[i] is None else str(row[i]) for i in shown).lower()
        )

    page.show()
    app.processEvents()
    ratios: list[float] = []
    program_s, reference_s, program_rows, reference_rows = race(program, reference, repeats, ratios)
    page.close()
    page.deleteLater()
    assert len(columns) == 9  # the page's nine columns
    if program_rows != reference_rows:
        raise RuntimeError(f"member filter disagrees: {program_rows} vs {reference_rows}")
    return race_figures(
        program_s,
        reference_s,
        ratios,
        members=len(page.members.model.rows),
        matching=program_rows,
    )


def measure_audit_log(ctx: Any, repeats: int) -> dict[str, Any]:
    """The 操作日志 page refreshed on the whole log (its filter lists, date span and the newest
    entries it shows), against raw SQLite reading the same rows and lists."""
    import sqlite3

    from PySide6.QtWidgets import QApplication

    from dangjian_desktop.gui.pages.audit import AuditPage
    from dangjian_desktop.services.audit_log import AuditResult

    app = QApplication.instance()
    assert app is not None
    page = AuditPage(ctx)
    page.resize(1280, 720)
    page.show()
    app.processEvents()

    def shown() -> AuditResult:
        assert page.result is not None, "the audit page has not read the log"
        return page.result

    def program() -> int:
        page.refresh()  # no filter chosen: the dates span the whole log
        app.processEvents()
        return int(page.model.rowCount())

    def reference() -> int:
        con = sqlite3.connect(ctx.db.path)
        try:
            for column in ("operator", "object_type", "action"):
                con.execute(
                    f"SELECT DISTINCT {column} FROM auditentry ORDER BY {column}"
                ).fetchall()
            con.execute("SELECT min(at), max(at) FROM auditentry").fetchone()
            con.execute("SELECT count(*) FROM auditentry").fetchone()
            rows = con.execute(
                "SELECT id, at, operator, action, object_type, object_id, summary, reason, old,"
                " new FROM auditentry ORDER BY at DESC, id DESC LIMIT ?",
                (shown().limit,),
            ).fetchall()
        finally:
            con.close()
        return len(rows)

    ratios: list[float] = []
    program_s, reference_s, program_rows, reference_rows = race(program, reference, repeats, ratios)
    total = page.total
    page.close()
    page.deleteLater()
    if program_rows != reference_rows:
        raise RuntimeError(f"audit log rows disagree: {program_rows} vs {reference_rows}")
    return race_figures(
        program_s,
        reference_s,
        ratios,
        entries=total,
        shown=program_rows,
    )


class _PauseMeter:
    """A 5 ms timer ticking while tasks run on the window's pages: the longest gap between ticks
    during a task is how long the window stood still."""

    def __init__(self, window: Any, app: Any) -> None:
        from PySide6.QtCore import QTimer

        self.window, self.app = window, app
        self.gaps: list[float] = []
        self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self.last)
        self.last = now

    def run(self, page_key: str, title: str, work: Any, what: Any) -> tuple[float, float]:
        """(seconds the task took, longest gap between ticks meanwhile, the refresh of the
        visible page after it included), the task run as the pages run it (`ctx.act`)."""
        from dangjian_desktop.gui.bench_script import act_and_wait

        self.window.show_page(page_key)
        self.app.processEvents()
        started = time.perf_counter()
        self.last = started
        self.gaps.clear()
        act_and_wait(self.window, title, work, what)
        return time.perf_counter() - started, max(self.gaps, default=0.0)


def measure_pause(ctx: Any, year: int, folder: Path) -> dict[str, Any]:
    """The window on screen, a 5 ms timer ticking; a certificate batch then the county export
    run as the 文书 and 报送县委 pages run them. The longest gap between ticks is the pause."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from dangjian_desktop.gui.document_actions import pages_progress
    from dangjian_desktop.gui.main_window import MainWindow
    from dangjian_desktop.gui.pages.county import export_task
    from dangjian_desktop.services import documents

    app = QApplication.instance()
    assert app is not None
    window = MainWindow(ctx, QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat))
    window.show()
    app.processEvents()
    db, actor, data_dir = ctx.db, ctx.actor, ctx.db.data_dir
    meter = _PauseMeter(window, app)

    def certificates(progress: Any, cancelled: Any) -> Any:
        progress(0, 0, "正在生成荣誉证书…")
        with db.transaction() as session:
            return documents.print_certificates(
                session,
                data_dir,
                actor=actor,
                first_year=year,
                progress=pages_progress(progress, "荣誉证书"),
                cancelled=cancelled,
            )

    target = folder / "U盘"
    target.mkdir(exist_ok=True)
    export = export_task(ctx, year, target)

    meter.timer.start()
    certificates_s, certificates_gap = meter.run(
        "documents", "正在生成荣誉证书…", certificates, Change.of(year, Area.DOCUMENTS)
    )
    export_s, export_gap = meter.run("county", "报送县委", export, Change.of(year, Area.COUNTY))
    meter.timer.stop()
    window.close()
    window.deleteLater()
    app.processEvents()
    return {
        "max_pause_ms": max(certificates_gap, export_gap) * 1000,
        "gaps_ms": [certificates_gap * 1000, export_gap * 1000],
        "certificates_pause_ms": certificates_gap * 1000,
        "export_pause_ms": export_gap * 1000,
        "certificates_task_s": certificates_s,
        "export_task_s": export_s,
    }


# ---------------------------------------------------------------- the whole bench
