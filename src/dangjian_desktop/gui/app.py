"""Starting the window: Qt in Chinese with the bundled fonts, the database, sign-in, the crash hook.

The order matters for how fast the program feels. The main window is shown first, from Qt
alone. On a thread, the 工作台's figures are then read with plain sqlite3, read-only
(`services.first_view`, no ORM), and shown at once; meanwhile the data layer (SQLAlchemy, the
services) is imported and the database checked, migrated if need be, and opened, exactly as
before the light read existed. Sign-in, the first-start wizard or the recovery of a damaged
database then happen over the window, and the window gets its data (`MainWindow.attach`).
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTimer,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from dangjian_desktop import APP_ID, APP_NAME
from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.context import AppContext
from dangjian_desktop.gui.dialogs import Ask, parent_or_none
from dangjian_desktop.gui.fonts import apply_ui_font
from dangjian_desktop.gui.single_instance import OWNER_WAIT_S, SingleInstance
from dangjian_desktop.gui.worker import settle_heap
from dangjian_desktop.paths import DataDir, resources_dir

if TYPE_CHECKING:
    from dangjian_desktop.gui.main_window import MainWindow
    from dangjian_desktop.services.common import Actor
    from dangjian_desktop.services.data_folder import Database

log = logging.getLogger(__name__)

QT_CATALOGUES = ("qtbase", "qtdeclarative")
"""Qt's own texts (file, print and message dialogs; QML) in Chinese, as shipped with the bundled
Qt: the catalogues come from the same PySide6 wheel, so they match its Qt version."""


def install_qt_translations(app: QApplication) -> list[str]:
    """Install the zh_CN catalogues found; a missing one is logged (the file dialogs set their
    own Chinese labels, so the clerk still reads Chinese where it matters most)."""
    done = app.property("qtCatalogues")
    if done:  # make_application again on the same QApplication (tests): installed once
        return list(done)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded: list[str] = []
    for name in QT_CATALOGUES:
        translator = QTranslator(app)
        if translator.load(f"{name}_zh_CN", folder):
            app.installTranslator(translator)
            loaded.append(name)
        else:
            log.warning("Qt translation %s_zh_CN not found in %s", name, folder)
    app.setProperty("qtCatalogues", loaded)
    return loaded


M_ARENA_MAX = -8
"""glibc's `mallopt` parameter for the most malloc arenas the process may have."""


def one_malloc_arena() -> bool:
    """Linux (glibc): every thread allocates from the same malloc arena. True when set.

    glibc gives threads that allocate at the same time arenas of their own (up to eight per
    core), and what one arena frees serves only that arena. The database thread, the task
    workers and the check's SQLite threads each grew one, and the county's day of work in
    `bench` peaked about 50 MB higher (363–375 MB against 312 MB with one arena). The speed
    does not change: the window's Python threads take turns under the GIL anyway. Set before
    Qt or the program starts a thread of its own."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library the interpreter already uses
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
    return bool(mallopt(M_ARENA_MAX, 1))


def make_application(argv: list[str] | None = None, *, theme: bool = True) -> QApplication:
    """The QApplication with Chinese Qt texts, the bundled fonts and the office style.
    `theme=False`: Fusion alone, for the window's first paint; the window installs the theme
    (`gui.theme.install_theme`) right after it: naming any style class in Python builds the `Qt`
    and `QStyle` enums, about 20 ms that the first paint does not need."""
    one_malloc_arena()
    # Long work runs on worker threads (gui.worker). With Python's default 5 ms switch interval a
    # busy worker kept the window's thread from the GIL for up to a second at county scale (the
    # export reading its workbook back); at 1 ms the window gets its turn within the goal of
    # 100 ms, for a cost in the worker's speed too small to measure.
    sys.setswitchinterval(0.001)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Qt 6 scales by the exact factor (rounding policy PassThrough), so 125 % and 150 % stay
        # sharp without setting anything. Nothing here touches the `Qt` namespace: creating its
        # Python enums costs a fifth of a bare window's start, and the first paint comes first.
        args = list(argv if argv is not None else sys.argv[:1])
        app = QApplication([*args[:1], "-style", "Fusion", *args[1:]])  # by name, see above
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "app.svg")))
    QGuiApplication.setDesktopFileName(APP_ID)  # the taskbar matches the installed .desktop file
    app.setOrganizationName("dangjian-desktop")
    QLocale.setDefault(QLocale("zh_CN"))  # by name: the Language enum is costly to create
    install_qt_translations(app)
    apply_ui_font(app)
    if theme:
        from dangjian_desktop.gui.theme import install_theme

        install_theme(app)
    return app


def gui_settings(data_dir: DataDir) -> QSettings:
    """Window layout and per-PC preferences, kept in the data folder (never the install folder)."""
    return QSettings(str(data_dir.root / "window.ini"), QSettings.Format.IniFormat)


def install_crash_handler(data_dir: DataDir, *, dialog: bool) -> None:
    """A bug is logged with its traceback and shown with the log's location; data stays as it was."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if isinstance(value, UserError):
            Ask.warn(QApplication.activeWindow(), str(value))
            return
        log.error("unhandled exception\n%s", "".join(traceback.format_exception(kind, value, tb)))
        if dialog:
            QMessageBox.critical(
                parent_or_none(QApplication.activeWindow()),
                "程序出错了",
                "程序遇到了一个内部错误，刚才的操作没有完成，已保存的数据不受影响。\n\n"
                f"错误详情已记入日志文件：\n{data_dir.logs / 'dangjian.log'}\n\n"
                "请把这个文件交给维护人员。",
            )

    sys.excepthook = hook


def choose_operator(
    db: Database, settings: QSettings, parent: QWidget | None = None
) -> Actor | None:
    """Sign in: the last operator by default; a password only when that operator has one."""
    from dangjian_desktop.services.operators import operator_lines, sign_in

    with db.session() as session:
        lines = operator_lines(session)
    names = [op.name for op in lines]
    protected = {op.name for op in lines if op.has_password}
    if not names:
        return None
    last = str(settings.value("operator/last", names[0]))
    ordered = [last, *[n for n in names if n != last]] if last in names else names
    name = (
        ordered[0]
        if len(ordered) == 1
        else Ask.choose(parent, "选择操作员", "谁在使用本程序？", ordered)
    )
    if name is None:
        return None
    for _attempt in range(3):
        password = None
        if name in protected:
            password = Ask.text(parent, "输入密码", f"{name}的密码：", password=True)
            if password is None:
                return None
        try:
            with db.session() as session:
                actor = sign_in(session, name, password)
        except UserError as exc:
            Ask.warn(parent, str(exc))
            continue
        settings.setValue("operator/last", actor.name)
        return actor
    return None


def start_context(db: Database, actor: Actor) -> AppContext:
    from dangjian_desktop import clock
    from dangjian_desktop.domain.calendar import round_year_for
    from dangjian_desktop.services.rounds import round_years

    wanted = round_year_for(clock.today())
    with db.session() as session:
        years = round_years(session)
    year = wanted if wanted in years else (years[0] if years else None)
    return AppContext(db, actor, year)


def recover(
    data_dir: DataDir, problem: UserError | None, parent: QWidget | None = None
) -> Database | None:
    """The database could not be opened (`problem`), or it is empty while the folder has
    backups (None): the newest backup that passes every check, automatic or manual, is offered
    with its date and contents, and restored if the clerk agrees. Any other problem is told as
    it is. None when there is nothing to open."""
    from dangjian_desktop.services.data_folder import (
        DatabaseDamaged,
        newest_good_backup,
        open_database,
    )
    from dangjian_desktop.services.data_folder import recover as recover_from

    if problem is not None and not isinstance(problem, DatabaseDamaged):
        Ask.warn(parent, str(problem), title="无法打开数据")
        return None
    what = str(problem) if problem is not None else "数据库里没有数据，但数据文件夹里有备份。"
    good = newest_good_backup(data_dir)
    if good is None:
        Ask.warn(
            parent,
            f"{what}\n\n数据文件夹里没有能用的备份。损坏的数据库没有删除。"
            "请把备份U盘上的备份复制到数据文件夹的 backups 里再打开程序，或联系维护人员。",
            title="无法恢复",
        )
        return None
    if not Ask.confirm(
        parent,
        f"{what}\n\n可以用检查过的最新备份恢复：{good.describe()}，"
        f"年度 {'、'.join(str(y) for y in good.rounds) or '无'}。\n"
        "现在的数据库会另存在数据文件夹里，不会删除。现在恢复吗？",
        title="从备份恢复",
    ):
        return None
    try:
        recover_from(data_dir, good)
        return open_database(data_dir)
    except UserError as failure:
        Ask.warn(parent, str(failure), title="无法恢复")
        return None


def backup_in_background(data_dir: DataDir) -> threading.Thread:
    """The automatic backup (only when data changed), off the GUI thread."""

    def work() -> None:
        try:
            from dangjian_desktop.services.data_folder import auto_backup_if_changed

            auto_backup_if_changed(data_dir)
        except Exception:  # a failed automatic backup must never stop the clerk's work
            log.exception("automatic backup failed")

    thread = threading.Thread(target=work, name="auto-backup", daemon=False)
    thread.start()
    return thread


BACKUP_WHEN_QUIET_MS = 20_000
"""The start-up backup waits until the clerk has neither opened a page nor saved for this long:
at county scale its checks take several seconds of the interpreter, and pages opened meanwhile
come up more slowly. (It has work only after an unexpected end: a normal exit takes its own.)"""
BACKUP_AT_THE_LATEST_MS = 600_000
"""…but no later than this after the data is open, however busy the clerk is."""


class QuietBackup(QObject):
    """The automatic backup at start, taken at the first pause in the clerk's work (`busy` is
    called on every page change and every save; `BACKUP_WHEN_QUIET_MS` without one starts it),
    and at the latest after `BACKUP_AT_THE_LATEST_MS`. Its thread joins `threads`, which the
    program waits for before its exit backup."""

    def __init__(self, data_dir: DataDir, threads: list[threading.Thread]) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.threads = threads
        self.started = False
        self.quiet = QTimer(self)
        self.quiet.setSingleShot(True)
        self.quiet.setInterval(BACKUP_WHEN_QUIET_MS)
        self.quiet.timeout.connect(self.start)
        self.quiet.start()
        QTimer.singleShot(BACKUP_AT_THE_LATEST_MS, self, self.start)

    def busy(self, *_: object) -> None:
        if not self.started:
            self.quiet.start()  # from now again

    def start(self) -> None:
        if not self.started:
            self.started = True
            self.quiet.stop()
            self.threads.append(backup_in_background(self.data_dir))


def _needs_setup(db: Database) -> bool:
    """An empty data folder: no township or no operator yet (the first-start wizard's job)."""
    from dangjian_desktop.services.operators import operator_lines
    from dangjian_desktop.services.township import is_set_up

    with db.session() as session:
        return not is_set_up(session) or not operator_lines(session)


def _has_backups(data_dir: DataDir) -> bool:
    from dangjian_desktop.services.data_folder import list_backups

    return bool(list_backups(data_dir))


OPENED_AT_THE_LATEST_MS = 5000
"""What waits for the data to be open (answering later launches, collecting garbage) starts at
the latest this long after the window, when a wizard or a recovery comes first."""

FIRST_VIEW_WAIT_S = 3.0
"""How long the opening thread lets the window build the light 工作台 before it imports the data
layer (a slow or busy PC goes on after that anyway)."""


@dataclass
class Opened:
    """What the opening thread found: the database, or why it could not be opened."""

    db: Database | None = None
    problem: UserError | None = None
    needs_setup: bool = False


class DataOpener(QObject):
    """Imports the data layer and opens the database on a thread; `sig_done` brings the result
    back to the window's thread (this object lives there, so the connection is queued) and hands
    it to `delivered`. Programming errors are shown by the crash hook, never swallowed."""

    sig_done = Signal(object)
    sig_first_view = Signal(object)
    """The 工作台's figures from the light read (a `FirstView`), before `sig_done`."""

    def __init__(self, data_dir: DataDir, *, first_view: bool = True) -> None:
        """`first_view`: read the 工作台's figures first (the window opens on it)."""
        super().__init__()
        self.data_dir = data_dir
        self.first_view = first_view
        self.first_view_shown = threading.Event()
        """Set by the window once the 工作台 from the light read is on screen."""
        self.result: Opened | None = None
        self.failure: BaseException | None = None
        self.delivered: Callable[[object], None] | None = None
        self.opening_thread = threading.Thread(target=self._work, name="open-data", daemon=False)
        self.sig_done.connect(self._deliver)

    @Slot(object)
    def _deliver(self, outcome: object) -> None:
        if self.delivered is not None:
            self.delivered(outcome)

    def start(self) -> None:
        self.opening_thread.start()

    def _work(self) -> None:
        outcome: Opened | BaseException
        try:
            outcome = self.result = self._open()
        except BaseException as exc:  # a bug: shown on the window's thread by the crash hook
            outcome = self.failure = exc
        self.sig_done.emit(outcome)

    def _read_first_view(self) -> None:
        """The 工作台 from plain sqlite3 while the file is checked: read-only, and only on a
        database of this program's schema (None otherwise, and the window waits as before)."""
        from dangjian_desktop import clock
        from dangjian_desktop.services.first_view import first_view

        view = first_view(self.data_dir.database, clock.today())
        if view is not None:
            self.sig_first_view.emit(view)
            # the window builds the 工作台 now; importing the data layer meanwhile would take
            # the interpreter from it (the file check goes on, in C)
            self.first_view_shown.wait(FIRST_VIEW_WAIT_S)

    def _open(self) -> Opened:
        # SQLite checks the file (in C, without the GIL) while SQLAlchemy is being imported;
        # nothing here imports SQLAlchemy before the light read
        from dangjian_desktop.services.first_view import DatabaseDamaged, quick_check

        path = self.data_dir.database
        checks: list[str | UserError | None] = []

        def check() -> None:
            try:
                checks.append(quick_check(path))
            except UserError as exc:  # a locked or unreadable file: said as it is
                checks.append(exc)

        checker = threading.Thread(target=check, name="quick-check")
        existing = path.exists() and path.stat().st_size > 0
        if existing:
            # The check reads the whole file (about 0.3 s of a core at county scale): it starts
            # once the 工作台's figures are on screen, not beside their read and paint (on a
            # busy PC the two would share the cores the window needs)
            if self.first_view:
                self._read_first_view()
            checker.start()

        # imported while the check runs (the services pull in the ORM models)
        from dangjian_desktop.services import operators, township  # noqa: F401
        from dangjian_desktop.services.data_folder import open_database

        if existing:
            checker.join()
            if isinstance(checks[0], UserError):
                return Opened(problem=checks[0])
            if checks[0] is not None:
                return Opened(problem=DatabaseDamaged(path, checks[0]))
        try:
            db = open_database(self.data_dir, checked=existing)
        except UserError as exc:
            return Opened(problem=exc)
        needs_setup = _needs_setup(db)
        if needs_setup and _has_backups(self.data_dir):  # never the wizard over saved data
            db.close()
            return Opened(problem=None, needs_setup=True)
        # the first page's modules, while the window is still being painted
        from dangjian_desktop.gui.pages import workbench  # noqa: F401

        return Opened(db=db, needs_setup=needs_setup)


@dataclass
class Startup:
    """The program from the first window to the exit code (`run`); tests and `bench` drive it."""

    data_dir: DataDir
    window: MainWindow
    settings: QSettings
    opener: DataOpener
    db: Database | None = None
    code: int = 0
    threads: list[threading.Thread] = field(default_factory=list)
    import_after_setup: bool = False  # the wizard's 完成后从Excel导入 was ticked
    backup: QuietBackup | None = None  # the automatic backup at start, at the first pause

    def opened(self, outcome: object) -> None:
        if isinstance(outcome, BaseException):
            self.fail(1)
            raise outcome
        assert isinstance(outcome, Opened)
        db = outcome.db
        recovered = db is None
        if db is None:  # damaged, or empty beside backups: recovery, never the wizard
            db = recover(self.data_dir, outcome.problem, self.window)
            if db is None:
                self.fail(1)
                return
            outcome.needs_setup = _needs_setup(db)
        self.db = db
        self.backup = QuietBackup(self.data_dir, self.threads)
        actor = self._sign_in(db, outcome.needs_setup)
        if actor is None:
            self.fail(0)
            return
        ctx = start_context(db, actor)
        ctx.sig_data_changed.connect(self.backup.busy)
        self.window.nav.currentRowChanged.connect(self.backup.busy)
        self.window.attach(ctx, keep_first_view=not recovered)
        if self.import_after_setup:
            self.window.start_excel_import()

    def _sign_in(self, db: Database, needs_setup: bool) -> Actor | None:
        if not needs_setup:
            return choose_operator(db, self.settings, self.window)
        from dangjian_desktop.gui.wizard import FirstStartWizard

        wizard = FirstStartWizard(db, self.window)
        if not wizard.exec():
            return None
        if wizard.actor is not None:
            self.settings.setValue("operator/last", wizard.actor.name)
        self.import_after_setup = wizard.wants_import
        return wizard.actor

    def fail(self, code: int) -> None:
        """Nothing to show: the window closes, which ends the event loop (it was the last
        window), and `run` returns `code`."""
        self.code = code
        self.window.close()

    def finish(self) -> None:
        """After the event loop: the opening thread is waited for (never killed mid-migration),
        the database closed, and the exit backup taken when data changed."""
        self.opener.first_view_shown.set()  # closed before the 工作台 was shown: no waiting
        if self.backup is not None:  # not started before the end: the exit backup covers it
            self.backup.started = True
        self.opener.opening_thread.join()
        db = self.db or (self.opener.result.db if self.opener.result else None)
        if db is not None:
            db.close()
        for thread in self.threads:
            thread.join()
        if db is not None:
            backup_in_background(self.data_dir).join()  # the exit backup: the program waits


start_observers: list[Callable[[Startup], None]] = []
"""Called with the `Startup` before its window is shown (`bench` times the first paint)."""


def start(data_dir: DataDir) -> Startup:
    """Show the main window at once and open the data behind it (see the module's text)."""
    from dangjian_desktop.gui.main_window import MainWindow

    settings = gui_settings(data_dir)
    window = MainWindow(None, settings)
    opener = DataOpener(data_dir, first_view=window.opens_on_workbench)

    def first_view(view: object) -> None:
        shown = False
        try:
            shown = window.show_first_view(view)  # type: ignore[arg-type]
        finally:
            if shown:  # the data layer is imported once the figures are painted
                window.first_view_painted(opener.first_view_shown.set)
            else:
                opener.first_view_shown.set()

    opener.sig_first_view.connect(first_view)
    startup = Startup(data_dir, window, settings, opener)
    for observe in start_observers:
        observe(startup)
    opener.delivered = startup.opened
    window.show()
    opener.start()
    return startup


def run(data_dir: DataDir, *, crash_dialog: bool = True) -> int:
    # No collection until the data is open: the start makes many objects and few cycles, and
    # the young collections cost the first figures about 9 ms (the heap is then frozen)
    gc.disable()
    app = make_application(theme=False)  # the window installs it after its first paint
    install_crash_handler(data_dir, dialog=crash_dialog)
    instance = SingleInstance(data_dir)
    if not instance.acquire(listen=False):
        if instance.ask_owner_to_activate():
            return 0
        # the other program is starting, or closing (its exit backup): wait for it
        if not instance.wait_for_owner(OWNER_WAIT_S):
            if instance.owner_answered:
                return 0
            Ask.warn(
                None,
                f"本程序已经在使用这个数据文件夹：{data_dir.root}\n"
                "如果看不到它的窗口，请等它保存完毕后再打开，或重新启动电脑后再试。",
                title="程序已在运行",
            )
            return 1
    startup = start(data_dir)
    instance.sig_activate.connect(lambda: bring_forward(startup.window))

    def opened() -> None:
        """Left out of the start: later launches are answered (a launch before this keeps
        asking, `wait_for_owner`), and garbage is collected again."""
        instance.listen()
        if not gc.isenabled():
            gc.enable()
            settle_heap()  # what the start made and keeps: out of every later collection

    startup.window.sig_opened.connect(opened)
    QTimer.singleShot(OPENED_AT_THE_LATEST_MS, opened)  # the wizard, a recovery
    code = app.exec()
    instance.stop_listening()  # a launch from now on waits for the exit backup, then opens
    startup.finish()
    instance.release()
    return startup.code or int(code)


def bring_forward(window: QWidget) -> None:
    from PySide6.QtCore import Qt

    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
