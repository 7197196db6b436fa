"""The 工作台 at start from the light read (services.first_view): the same figures as the page's
own read on real data, read-only, only where it is safe, on screen before the data is open, and
taken over by the page without reading again."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dangjian_desktop import clock
from dangjian_desktop.domain.calendar import round_year_for
from dangjian_desktop.gui.app import Startup, start
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services.first_view import FirstView, first_view
from dangjian_desktop.store import plain_read
from dangjian_desktop.store.db import HEAD, open_database

SRC = Path(__file__).resolve().parents[2] / "src"


def _orm_figures(data: DataDir, today: dt.date) -> dict[str, Any]:
    """What the 工作台 page reads (its own services), for the round start_context picks."""
    from dangjian_desktop.services.dynamic import overdue_rectifications
    from dangjian_desktop.services.registers import has_active_branches
    from dangjian_desktop.services.rounds import round_years
    from dangjian_desktop.services.status import round_overview

    db = open_database(data, migrate=False)
    try:
        with db.session() as session:
            years = round_years(session)
            wanted = round_year_for(today)
            year = wanted if wanted in years else (years[0] if years else None)
            overview = round_overview(session, year, today)
            if overview is not None:
                overview.report.milestones = []  # the 工作台 does not show them
            return {
                "year": year,
                "years": years,
                "overview": overview,
                "rectifications": overdue_rectifications(session, today),
                "branches": has_active_branches(session),
            }
    finally:
        db.close()


def _light_figures(view: FirstView) -> dict[str, Any]:
    return {field.name: getattr(view, field.name) for field in dataclasses.fields(view)}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "today",
    [
        dt.date(2026, 8, 1),  # the round has just opened
        dt.date(2026, 9, 15),  # 实施方案 overdue
        dt.date(2027, 3, 1),  # the demo's day
        dt.date(2027, 6, 10),  # after 总结评估: unevaluated branches overdue
        dt.date(2027, 8, 20),  # a new round year without its round
        dt.date(2030, 1, 5),  # holidays the program does not know
    ],
)
def test_the_light_read_gives_the_workbench_figures(demo_dir: DataDir, today: dt.date) -> None:
    clock.set_today(today)
    view = first_view(demo_dir.database, today)
    assert view is not None
    expected = _orm_figures(demo_dir, today)
    got = _light_figures(view)
    assert got["year"] == expected["year"] and got["years"] == expected["years"]
    assert got["overview"] == expected["overview"]
    assert got["rectifications"] == expected["rectifications"]
    assert got["branches"] == expected["branches"]


def test_the_comparison_covers_what_the_workbench_lists(demo_dir: DataDir) -> None:
    """The demo day has overdue, returned and counted items: the comparison above is not empty."""
    view = first_view(demo_dir.database, dt.date(2027, 6, 10))
    assert view is not None and view.overview is not None
    assert view.overview.overdue and view.overview.report.enrolled
    assert any(s.on_time for s in view.overview.report.stages)
    assert len(view.overview.actions) >= 2


def test_an_overdue_rectification_reads_the_same(demo_dir: DataDir) -> None:
    """An honour under 限期整改 past its deadline (set in the file as the program stores it)."""
    con = sqlite3.connect(demo_dir.database)
    honour, branch, rnd = con.execute(
        "SELECT id, branch_id, round_id FROM honor LIMIT 1"
    ).fetchone()
    con.execute("UPDATE honor SET state = 'rectifying' WHERE id = ?", (honour,))
    con.execute(
        "INSERT INTO honorevent (honor_id, branch_id, round_id, kind, happened_on, deadline,"
        " reason, revocation_reason, person) VALUES (?, ?, ?, 'order_rectification',"
        " '2027-01-05', '2027-02-01', '工作滑坡', '', '')",
        (honour, branch, rnd),
    )
    con.commit()
    con.close()
    today = dt.date(2027, 3, 1)
    view = first_view(demo_dir.database, today)
    assert view is not None and len(view.rectifications) == 1
    assert view.rectifications == _orm_figures(demo_dir, today)["rectifications"]
    assert view.overview is not None
    assert any("限期整改已过期限" in line for line in view.overview.actions)


def test_the_light_read_changes_nothing(demo_dir: DataDir) -> None:
    """The database and every other file stay as they were; SQLite may only add the write-ahead
    log's side files a reader of a WAL database needs (the log empty)."""
    before = {p.name: _digest(p) for p in demo_dir.root.iterdir() if p.is_file()}
    assert first_view(demo_dir.database, dt.date(2027, 3, 1)) is not None
    after = {p.name: _digest(p) for p in demo_dir.root.iterdir() if p.is_file()}
    added = set(after) - set(before)
    assert {name: after[name] for name in before} == before
    assert added <= {"dangjian.sqlite3-wal", "dangjian.sqlite3-shm"}
    wal = demo_dir.root / "dangjian.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0


def _change(database: Path, sql: str) -> None:
    con = sqlite3.connect(database)
    con.execute(sql)
    con.commit()
    con.close()


@pytest.mark.parametrize(
    "spoil",
    [
        "missing",
        "empty",
        "garbage",
        "UPDATE alembic_version SET version_num = '0005_audit_paging'",  # needs migrating
        "UPDATE alembic_version SET version_num = '9999_from_a_newer_program'",
        "DELETE FROM township",  # the first-start wizard (or a lost database) first
        "UPDATE operator SET password_hash = 'x'",  # sign-in first: nothing shown before it
        "DELETE FROM operator",
    ],
)
def test_the_light_read_stands_aside(demo_dir: DataDir, spoil: str) -> None:
    path = demo_dir.database
    if spoil == "missing":
        path.unlink()
    elif spoil == "empty":
        path.write_bytes(b"")
    elif spoil == "garbage":
        path.write_bytes(b"not a database" * 1000)
    else:
        _change(path, spoil)
    assert first_view(path, dt.date(2027, 3, 1)) is None


def test_the_light_schema_is_the_programs() -> None:
    from dangjian_desktop.store.county_db import MARKER_NAME

    assert plain_read.HEAD == HEAD
    assert plain_read.COUNTY_MARKER == MARKER_NAME


def test_the_light_path_never_loads_the_orm(demo_dir: DataDir) -> None:
    """In a fresh interpreter: the modules of the first paint imported and the light read run,
    and neither SQLAlchemy nor SQLModel is loaded."""
    code = (
        "import sys, datetime\n"
        "from pathlib import Path\n"
        "import dangjian_desktop.cli, dangjian_desktop.gui.app, dangjian_desktop.gui.main_window\n"
        "import dangjian_desktop.gui.pages.workbench\n"
        "from dangjian_desktop.services.first_view import first_view\n"
        f"view = first_view(Path({str(demo_dir.database)!r}), datetime.date(2027, 3, 1))\n"
        "assert view is not None and view.overview is not None\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'sqlmodel',"
        " 'alembic'}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_program_paints_first_and_is_themed_when_the_figures_show(demo_dir: DataDir) -> None:
    """Started as the clerk starts it (cli.main, fresh interpreter): the first paint comes from
    plain Fusion (naming a style class in Python costs the paint about 20 ms), and the theme is
    installed before the 工作台's figures are on screen; no style sheet on the application."""
    code = (
        "import os, sys\n"
        "from PySide6.QtCore import QEvent, QObject, QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from dangjian_desktop import cli\n"
        "from dangjian_desktop.gui import app as gui_app\n"
        "class Watch(QObject):\n"
        "    def __init__(self, window):\n"
        "        super().__init__(); self.window = window; self.seen = False\n"
        "    def eventFilter(self, obj, event):\n"
        "        if obj is self.window and event.type() == QEvent.Type.Paint and not self.seen:\n"
        "            self.seen = True\n"
        "            print('paint', type(QApplication.instance().style()).__name__, flush=True)\n"
        "            QTimer.singleShot(0, self.shown)\n"
        "        return False\n"
        "    def shown(self):\n"
        "        if not self.window.data_shown:\n"
        "            QTimer.singleShot(5, self.shown); return\n"
        "        app = QApplication.instance()\n"
        "        print('shown', type(app.style()).__name__, repr(app.styleSheet()), flush=True)\n"
        "        os._exit(0)\n"
        "def observe(startup):\n"
        "    startup.window._watch = Watch(startup.window)\n"
        "    startup.window.installEventFilter(startup.window._watch)\n"
        "gui_app.start_observers.append(observe)\n"
        "cli.main(['--data-dir', sys.argv[1], '--today', '2027-03-01', '--no-crash-dialog'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(demo_dir.root)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen", "HOME": str(demo_dir.root)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split("\n")
    assert lines[0] != "paint Theme" and lines[0].startswith("paint ")
    assert lines[1] == "shown Theme ''"


# ---------------------------------------------------------------- the window


def test_the_workbench_shows_before_the_data_is_open(
    demo_dir: DataDir, qapp: Any, qtbot: Any, answers: Any, started: list[Startup]
) -> None:
    from dangjian_desktop.gui.pages.workbench import WorkbenchPage, WorkbenchView

    answers.choices.append("李丽华")
    shown: list[tuple[bool, str]] = []
    startup = start(demo_dir)
    started.append(startup)
    window = startup.window

    painted: list[bool] = []

    def on_shown() -> None:
        view = window.stack.currentWidget()
        assert isinstance(view, WorkbenchView)
        shown.append((window.is_open, view.summary.text()))
        # the data layer is imported once the figures are painted, not while they are
        view.sig_painted.connect(lambda: painted.append(startup.opener.first_view_shown.is_set()))

    window.sig_data_shown.connect(on_shown)
    with qtbot.waitSignal(window.sig_opened, timeout=30_000):
        pass
    assert len(shown) == 1
    assert painted == [False] and startup.opener.first_view_shown.is_set()
    was_open, summary = shown[0]
    assert not was_open  # the figures were on screen before the data was open
    assert "申报单位" in summary and "当前阶段" in summary
    page = window.current_page()
    assert isinstance(page, WorkbenchPage)
    assert page.reloads == 0  # the page took the view over, figures and all
    assert page.isVisible() and page.view.isVisible() and page.summary.isVisible()
    assert page.summary.text() == summary
    light = page.snapshot
    page.refresh()  # the page's own read: the same figures
    assert page.summary.text() == summary
    assert page.snapshot.overdue == light.overdue and page.snapshot.actions == light.actions
    assert [s.on_time for s in page.snapshot.report.stages] == [  # type: ignore[union-attr]
        s.on_time
        for s in light.report.stages  # type: ignore[union-attr]
    ]


def test_another_remembered_page_opens_as_before(
    demo_dir: DataDir, qapp: Any, qtbot: Any, answers: Any, started: list[Startup]
) -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings(str(demo_dir.root / "window.ini"), QSettings.Format.IniFormat)
    settings.setValue("window/page", 1)
    settings.sync()
    answers.choices.append("李丽华")
    startup = start(demo_dir)
    started.append(startup)
    order: list[str] = []
    startup.window.sig_data_shown.connect(lambda: order.append("shown"))
    startup.window.sig_opened.connect(lambda: order.append("opened"))
    with qtbot.waitSignal(startup.window.sig_opened, timeout=30_000):
        pass
    assert not startup.opener.first_view  # no light read for the registers page
    assert order == ["shown", "opened"] and startup.window.current_page().key == "registers"


def test_a_window_that_is_not_painted_lets_the_data_open_anyway(
    demo_dir: DataDir, qtbot: Any
) -> None:
    """Minimised or hidden at start: nothing paints the 工作台, and the data layer is imported
    after a short wait all the same."""
    from dangjian_desktop.gui.app import gui_settings
    from dangjian_desktop.gui.main_window import MainWindow

    window = MainWindow(None, gui_settings(demo_dir))
    qtbot.addWidget(window)  # never shown
    view = first_view(demo_dir.database, clock.today())
    assert view is not None and window.show_first_view(view)
    went_on: list[bool] = []
    window.first_view_painted(lambda: went_on.append(True))
    assert not went_on
    qtbot.waitUntil(lambda: bool(went_on), timeout=5_000)
    qtbot.wait(50)
    assert went_on == [True]  # once, not again when the window is painted later
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    assert went_on == [True]


@pytest.mark.parametrize("keep", [True, False])
def test_the_page_reads_again_unless_the_shown_figures_are_its_own(
    ctx: Any, demo_dir: DataDir, qtbot: Any, keep: bool
) -> None:
    """After a recovery from a backup (keep_first_view=False) the figures shown at start are of
    the damaged file: the page reads them again; otherwise it keeps them."""
    from dangjian_desktop.gui.app import gui_settings
    from dangjian_desktop.gui.main_window import MainWindow

    window = MainWindow(None, gui_settings(demo_dir))
    qtbot.addWidget(window)
    window.show()
    view = first_view(demo_dir.database, clock.today())
    assert view is not None and view.year == ctx.year
    assert window.show_first_view(view) and window.data_shown
    window.attach(ctx, keep_first_view=keep)
    page = window.current_page()
    assert page is not None and page.key == "workbench"
    assert page.reloads == (0 if keep else 1)
    assert page.view.isVisible() and page.stage_view.isVisible()
    window.close()


def test_the_returned_list_fills_when_its_tab_is_shown(qapp: Any, qtbot: Any) -> None:
    from dangjian_desktop.domain.calendar import Stage
    from dangjian_desktop.gui.pages.workbench import WorkbenchView, _Snapshot
    from dangjian_desktop.services.round_figures import ReturnedItem

    view = WorkbenchView()
    qtbot.addWidget(view)
    view.show()
    returned = [ReturnedItem(7, "石龙村党总支", Stage.PLAN, "实施方案", "缺少支部书记签字")]
    view.show_snapshot(_Snapshot(None, None, [], [], [], returned), 2026)
    assert view.lists.tabText(1) == "退回修改（1项）"
    assert view.returned.model.rowCount() == 0  # not sized before it is seen
    view.lists.setCurrentWidget(view.returned)
    assert view.returned.model.rows == returned
    view.show_snapshot(_Snapshot(None, None, [], [], [], []), 2026)  # on its tab: at once
    assert view.returned.model.rowCount() == 0


def test_the_hidden_lists_are_built_when_their_tab_is_shown(qapp: Any, qtbot: Any) -> None:
    """Only 逾期未报 is built with the 工作台; 逾期未整改 gets the figures shown before it was built."""
    from dangjian_desktop.gui.pages.workbench import WorkbenchView, _Snapshot
    from dangjian_desktop.gui.widgets import SearchableTable
    from dangjian_desktop.services.round_figures import OverdueRectification

    view = WorkbenchView()
    qtbot.addWidget(view)
    view.show()
    assert len(view.findChildren(SearchableTable)) == 1
    late = [OverdueRectification(3, "石龙村党总支", "先进基层党组织", dt.date(2027, 2, 1), 28)]
    view.show_snapshot(_Snapshot(None, None, [], late, [], []), 2026)
    assert view.lists.tabText(2) == "逾期未整改（1项）"
    assert len(view.findChildren(SearchableTable)) == 1
    view.lists.setCurrentIndex(2)
    assert len(view.findChildren(SearchableTable)) == 2
    assert view.rectifications.isVisible() and view.rectifications.model.rows == late
    view.show_snapshot(_Snapshot(None, None, [], [], [], []), 2026)  # built: given at once
    assert view.rectifications.model.rowCount() == 0
    assert len(view.findChildren(SearchableTable)) == 2  # 退回修改 still not built
