"""Starting the window: Qt in Chinese with the bundled fonts, the database, sign-in, the crash hook."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, Qt, QTranslator
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from dangjian_desktop import APP_ID, APP_NAME
from dangjian_desktop.domain.calendar import round_year_for
from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.context import AppContext
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.fonts import apply_ui_font
from dangjian_desktop.gui.single_instance import SingleInstance
from dangjian_desktop.paths import DataDir, resources_dir
from dangjian_desktop.services.common import Actor
from dangjian_desktop.services.operators import list_operators, sign_in
from dangjian_desktop.services.township import get_township
from dangjian_desktop.store.backup import (
    auto_backup_if_changed,
    list_backups,
    restore_backup,
    set_aside_damaged,
)
from dangjian_desktop.store.db import Database, DatabaseDamaged, open_database

log = logging.getLogger(__name__)

STYLE = """
QListWidget#nav { background: #f6f1ee; border: none; font-size: 11.5pt; outline: 0; }
QListWidget#nav::item { padding: 9px 14px; border-left: 4px solid transparent; }
QListWidget#nav::item:selected { background: #ffffff; color: #b71c1c; border-left: 4px solid #c62828; }
QLabel#pageTitle { font-size: 16pt; font-weight: bold; color: #8e0000; padding: 2px 0; }
QLabel#pageHint { color: #555555; }
QToolBar#mainToolbar { background: #b71c1c; spacing: 6px; }
QToolBar#mainToolbar QLabel { color: #ffffff; font-size: 11pt; }
QHeaderView::section { background: #f3e9e4; padding: 4px 6px; border: none;
    border-right: 1px solid #e0d2cb; border-bottom: 1px solid #e0d2cb; }
QTableView { gridline-color: #e8dcd6; selection-background-color: #ffcdd2; selection-color: #000000; }
QPushButton { padding: 4px 12px; }
QPushButton[primary="true"] { background: #c62828; color: white; border: 1px solid #8e0000;
    border-radius: 3px; padding: 5px 14px; }
QPushButton[primary="true"]:disabled { background: #e0a0a0; }
"""


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Chinese Qt texts, the bundled fonts and the office style."""
    # Long work runs on worker threads (gui.worker). With Python's default 5 ms switch interval a
    # busy worker kept the window's thread from the GIL for up to a second at county scale (the
    # export reading its workbook back); at 1 ms the window gets its turn within the goal of
    # 100 ms, for a cost in the worker's speed too small to measure.
    sys.setswitchinterval(0.001)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough  # 125 % and 150 % stay sharp
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "app.svg")))
    QGuiApplication.setDesktopFileName(APP_ID)  # the taskbar matches the installed .desktop file
    app.setOrganizationName("dangjian-desktop")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    if translator.load(
        "qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(translator)
    apply_ui_font(app)
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE)
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
                QApplication.activeWindow(),
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
    with db.session() as session:
        names = [op.name for op in list_operators(session)]
        protected = {op.name for op in list_operators(session) if op.password_hash}
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
    from dangjian_desktop.services.rounds import list_rounds

    wanted = round_year_for(clock.today())
    with db.session() as session:
        years = [r.first_year for r in list_rounds(session)]
    year = wanted if wanted in years else (years[0] if years else None)
    return AppContext(db, actor, year)


def open_or_recover(data_dir: DataDir) -> Database | None:
    """Open the database; a damaged one is never opened or overwritten silently: the clerk is
    offered the newest good backup (the damaged file is moved aside, not deleted)."""
    try:
        return open_database(data_dir)
    except DatabaseDamaged as exc:
        backups = list_backups(data_dir)
        if not backups:
            Ask.warn(
                None, f"{exc}\n\n数据文件夹里没有备份可用。请联系维护人员。", title="数据库已损坏"
            )
            return None
        newest = backups[0]
        if not Ask.confirm(
            None,
            f"{exc}\n\n可以用最新的备份恢复：{newest.path.name}（{newest.created}）。\n"
            "损坏的数据库会另存在数据文件夹里，不会删除。现在恢复吗？",
            title="数据库已损坏",
        ):
            return None
        for backup in backups:
            try:
                set_aside_damaged(data_dir)
                restore_backup(data_dir, backup.path)
                return open_database(data_dir)
            except UserError as problem:
                log.warning("backup %s not usable: %s", backup.path, problem)
                continue
        Ask.warn(None, "所有备份都无法使用。请联系维护人员。", title="无法恢复")
        return None
    except UserError as exc:
        Ask.warn(None, str(exc), title="无法打开数据")
        return None


def backup_in_background(data_dir: DataDir) -> threading.Thread:
    """The automatic backup (only when data changed), off the GUI thread."""

    def work() -> None:
        try:
            auto_backup_if_changed(data_dir)
        except Exception:  # a failed automatic backup must never stop the clerk's work
            log.exception("automatic backup failed")

    thread = threading.Thread(target=work, name="auto-backup", daemon=False)
    thread.start()
    return thread


def run(data_dir: DataDir, *, crash_dialog: bool = True) -> int:
    app = make_application()
    install_crash_handler(data_dir, dialog=crash_dialog)
    instance = SingleInstance(data_dir)
    if not instance.acquire():
        if instance.ask_owner_to_activate():
            return 0
        Ask.warn(None, f"本程序已经在使用这个数据文件夹：{data_dir.root}", title="程序已在运行")
        return 1
    db = open_or_recover(data_dir)
    if db is None:
        instance.release()
        return 1
    starting_backup = backup_in_background(data_dir)
    settings = gui_settings(data_dir)
    with db.session() as session:
        needs_setup = get_township(session) is None or not list_operators(session)
    actor: Actor | None
    if needs_setup:
        from dangjian_desktop.gui.wizard import FirstStartWizard

        wizard = FirstStartWizard(db)
        if not wizard.exec():
            db.close()
            instance.release()
            return 0
        actor = wizard.actor
        if actor is not None:
            settings.setValue("operator/last", actor.name)
    else:
        actor = choose_operator(db, settings)
    if actor is None:
        db.close()
        instance.release()
        return 0
    from dangjian_desktop.gui.main_window import MainWindow

    window = MainWindow(start_context(db, actor), settings)
    instance.sig_activate.connect(lambda: bring_forward(window))
    window.show()
    code = app.exec()
    db.close()
    starting_backup.join()
    backup_in_background(data_dir).join()  # the exit backup: the program waits for it
    instance.release()
    return int(code)


def bring_forward(window: QWidget) -> None:
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
