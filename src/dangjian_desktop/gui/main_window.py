"""The main window: navigation by stage on the left, the page on the right, the round on top.

The window is shown before the data is open: importing the data layer and checking a county's
database take most of a second, and the clerk should see the program at once. Until `attach`
gives it the data, the window shows its frame, the page names (not yet clickable) and a line
saying the data is being opened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from dangjian_desktop import APP_NAME
from dangjian_desktop.domain.text import round_label
from dangjian_desktop.gui.context import AppContext, Area, Change
from dangjian_desktop.gui.dialogs import Ask, Choice
from dangjian_desktop.gui.pages.base import Page
from dangjian_desktop.gui.pages.registry import PageEntry, page_entries

if TYPE_CHECKING:
    from dangjian_desktop.gui.pages.workbench import WorkbenchView
    from dangjian_desktop.services.first_view import FirstView

OPENING_TEXT = "正在打开数据，请稍候……"
# The window's chrome is painted before the theme (gui/theme.py) is installed: its look is its own
# style sheet, which Qt applies to these widgets alone.
NAV_STYLE = """
QListWidget#nav { background: #f6f1ee; border: none; font-size: 11.5pt; outline: 0; }
QListWidget#nav::item { padding: 9px 14px; border-left: 4px solid transparent; }
QListWidget#nav::item:selected { background: #ffffff; color: #b71c1c; border-left: 4px solid #c62828; }
"""
TOOLBAR_STYLE = """
QToolBar#mainToolbar { background: #b71c1c; spacing: 6px; }
QToolBar#mainToolbar QLabel { color: #ffffff; font-size: 11pt; }
QPushButton { padding: 4px 12px; }
"""
FIRST_VIEW_PAINT_MS = 300
"""How long the data layer waits for the first 工作台 to be painted before it is imported anyway."""


class MainWindow(QMainWindow):
    sig_opened = Signal()
    """The data is attached and the first page shows it."""
    sig_data_shown = Signal()
    """Figures are on screen: the 工作台 from the light read at start, or the first page."""

    def __init__(self, ctx: AppContext | None, settings: QSettings) -> None:
        super().__init__()
        self._ctx: AppContext | None = None
        self._help: QDialog | None = None
        self._first_view: WorkbenchView | None = None  # the 工作台 shown before the data is open
        self._prepared: WorkbenchView | None = None  # built, empty, while the light read runs
        self._painted = False
        self.data_shown = False
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(960, 560)  # 1366 × 768 at 125 % gives 1093 × 614

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(168)
        self.nav.setStyleSheet(NAV_STYLE)
        self.stack = QStackedWidget()
        # Pages are built when first shown: a county's data makes some of them costly to build,
        # and the clerk sees one at a time. Only their modules' names are known up front.
        self.entries: list[PageEntry] = page_entries()
        self._built: dict[int, Page] = {}
        for entry in self.entries:
            item = QListWidgetItem(entry.title)
            item.setSizeHint(
                item.sizeHint().expandedTo(self.nav.sizeHintForIndex(self.nav.rootIndex()))
            )
            self.nav.addItem(item)
        self.opening = QWidget()  # the text centred by stretches: no `Qt` enums before the paint
        opening_row = QHBoxLayout(self.opening)
        opening_row.addStretch(1)
        opening_label = QLabel(OPENING_TEXT)
        opening_label.setObjectName("pageHint")
        opening_label.setStyleSheet("color: #555555;")  # before the theme gives a hint its grey
        opening_row.addWidget(opening_label)
        opening_row.addStretch(1)
        self.stack.addWidget(self.opening)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        self.stack.setContentsMargins(12, 8, 12, 8)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_toolbar()
        self._build_menus()
        self._restore_geometry()
        self._set_usable(False)
        if ctx is not None:
            self.attach(ctx)

    @property
    def ctx(self) -> AppContext:
        if self._ctx is None:
            raise RuntimeError("the window has no data yet")
        return self._ctx

    @property
    def is_open(self) -> bool:
        return self._ctx is not None

    def show_first_view(self, view: FirstView) -> bool:
        """Before the data is open: the 工作台 with the figures of the light read, when it is the
        page the window opens on (nothing is clickable yet). False when it is not shown."""
        from dangjian_desktop.gui.pages.workbench import WorkbenchView, snapshot_of

        if self.is_open or not self.opens_on_workbench:
            return False
        shown, self._prepared = self._prepared or WorkbenchView(), None
        shown.show_snapshot(snapshot_of(view), view.year)
        if self.stack.indexOf(shown) < 0:
            self.stack.addWidget(shown)
        self.stack.setCurrentWidget(shown)
        self.round_combo.blockSignals(True)
        for year in view.years:
            self.round_combo.addItem(round_label(year), year)
        if view.year in view.years:
            self.round_combo.setCurrentIndex(view.years.index(view.year))
        self.round_combo.blockSignals(False)
        self._first_view = shown
        self._mark_shown()
        return True

    def first_view_painted(self, then: Callable[[], None]) -> None:
        """Call `then` once the 工作台 shown by `show_first_view` has been painted (or after
        `FIRST_VIEW_PAINT_MS`, when the window is not painted: minimised, or hidden)."""
        view = self._first_view
        if view is None:
            then()
            return
        done: list[bool] = []

        def once() -> None:
            if not done:
                done.append(True)
                then()

        view.sig_painted.connect(once)
        QTimer.singleShot(FIRST_VIEW_PAINT_MS, once)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:  # the first paint is on screen: the theme, and the 工作台 meanwhile
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        from dangjian_desktop.gui.theme import install_theme

        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_theme(app)
        if not self.is_open and self.opens_on_workbench:
            self._prepare_first_view()

    def _prepare_first_view(self) -> None:
        """The 工作台's widgets, built empty while the light read runs on its thread."""
        from dangjian_desktop.gui.pages.workbench import WorkbenchView

        if self.is_open or self._first_view is not None or self._prepared is not None:
            return
        self._prepared = WorkbenchView()
        self.stack.addWidget(self._prepared)  # not the current page: hidden until it has data

    @property
    def opens_on_workbench(self) -> bool:
        return self.entries[self._remembered_row()].key == "workbench"

    def _mark_shown(self) -> None:
        if not self.data_shown:
            self.data_shown = True
            self.sig_data_shown.emit()

    def _adopt_first_view(self, ctx: AppContext) -> None:
        """The page of the 工作台 takes over the view shown at start (its figures kept when they
        are of the context's round; read again when not)."""
        from dangjian_desktop.gui.pages.workbench import WorkbenchPage

        shown, self._first_view = self._first_view, None
        if self._prepared is not None:  # the light read did not show it: not needed
            self.stack.removeWidget(self._prepared)
            self._prepared.deleteLater()
            self._prepared = None
        if shown is None:
            return
        self.stack.removeWidget(shown)
        page = WorkbenchPage(ctx, view=shown)
        self._built[0] = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def attach(self, ctx: AppContext, *, keep_first_view: bool = True) -> None:
        """Give the window its data: the round selector, the operator, and the last page.
        `keep_first_view`: the 工作台 shown at start was read from this same database (not
        when it was restored from a backup since)."""
        if not keep_first_view and self._first_view is not None:
            self._first_view.shown = False  # the page reads its figures again
        self._ctx = ctx
        ctx.sig_data_changed.connect(self._rounds_changed)
        ctx.sig_round_changed.connect(lambda _year: self._refresh_rounds())
        ctx.sig_actor_changed.connect(self._show_actor)
        self._refresh_rounds()
        self._show_actor()
        self._set_usable(True)
        self._set_shortcuts()
        self._adopt_first_view(ctx)
        self.nav.currentRowChanged.connect(self._show_row)
        self.nav.setCurrentRow(self._remembered_row())
        self._show_row(self.nav.currentRow())
        self.stack.removeWidget(self.opening)
        self.opening.deleteLater()
        self._mark_shown()
        self.sig_opened.emit()
        self._preload_pages()

    def _preload_pages(self) -> None:
        """Import the other pages' modules on a thread while the clerk looks at the first page:
        a page's first opening then only builds it (the imports were most of that wait)."""
        import importlib
        import threading

        modules = [f"dangjian_desktop.gui.pages.{entry.module}" for entry in self.entries]

        def load() -> None:
            for module in modules:
                importlib.import_module(module)

        threading.Thread(target=load, name="preload-pages", daemon=True).start()

    def _set_usable(self, usable: bool) -> None:
        """Before the data is open nothing can be clicked that would need it."""
        self.nav.setEnabled(usable)
        self.round_combo.setEnabled(usable)
        self.go_menu.setEnabled(usable)
        for action in (self.switch_operator_action, self.backup_action, self.about_action):
            action.setEnabled(usable)
        self.page_help_button.setEnabled(usable)

    # ------------------------------------------------------------ pages, built on first use
    def page_at(self, row: int) -> Page:
        page = self._built.get(row)
        if page is None:
            page = self.entries[row].load()(self.ctx)
            self._built[row] = page
            self.stack.addWidget(page)
        return page

    @property
    def pages(self) -> list[Page]:
        """Every page in navigation order (building those not shown yet)."""
        return [self.page_at(row) for row in range(len(self.entries))]

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.entries):
            self.stack.setCurrentWidget(self.page_at(row))

    # ------------------------------------------------------------ chrome
    def _build_toolbar(self) -> None:
        bar = QToolBar("年度与操作员")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(8, 2, 8, 2)
        row.addWidget(QLabel("创建年度："))
        self.round_combo = QComboBox()
        self.round_combo.setMinimumWidth(180)
        self.round_combo.setToolTip("选择要查看和办理的创建年度")
        self.round_combo.currentIndexChanged.connect(self._round_picked)
        row.addWidget(self.round_combo)
        row.addStretch(1)
        self.actor_label = QLabel()
        row.addWidget(self.actor_label)
        row.addSpacing(12)
        # The context help of the page on screen: the same for every page, so it sits here once.
        self.page_help_button = QPushButton("本页说明")
        self.page_help_button.setObjectName("pageHelpButton")
        self.page_help_button.setToolTip("打开使用说明中讲这一页的部分（F1）")
        self.page_help_button.clicked.connect(self.open_page_help)
        row.addWidget(self.page_help_button)
        bar.addWidget(box)
        self.addToolBar(bar)
        bar.setStyleSheet(TOOLBAR_STYLE)

    def _menu_action(self, menu: QMenu, text: str, slot: Callable[..., object]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("文件(&F)")
        self.switch_operator_action = self._menu_action(
            file_menu, "切换操作员(&O)…", self._switch_operator
        )
        self.backup_action = self._menu_action(file_menu, "备份与恢复(&B)…", self.open_backups)
        self.holidays_action = self._menu_action(file_menu, "节假日安排(&H)…", self.open_holidays)
        file_menu.addSeparator()
        self.quit_action = self._menu_action(file_menu, "退出(&X)", self.close)
        self.file_menu = file_menu

        go_menu = menu.addMenu("转到(&G)")
        self.go_actions: list[QAction] = []
        for i, entry in enumerate(self.entries):
            action = QAction(entry.title, self)
            self.go_actions.append(action)
            action.triggered.connect(lambda _=False, row=i: self.nav.setCurrentRow(row))
            go_menu.addAction(action)
        self.go_menu = go_menu

        help_menu = menu.addMenu("帮助(&H)")
        self.manual_action = self._menu_action(
            help_menu, "使用说明(&M)", lambda: self.open_help("contents")
        )
        self.page_help_action = self._menu_action(help_menu, "本页说明(&P)", self.open_page_help)
        self._menu_action(help_menu, "第一天怎么开始(&S)", lambda: self.open_help("first_day"))
        help_menu.addSeparator()
        self.about_action = self._menu_action(help_menu, "关于本程序(&A)", self._about)
        self.help_menu = help_menu

    def _set_shortcuts(self) -> None:
        """Keyboard shortcuts, set with the data: building key sequences creates the `Qt`
        namespace's Python enums, which would cost the first paint a fifth of a bare start."""
        self.switch_operator_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.backup_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.page_help_action.setShortcut(QKeySequence("F1"))
        for i, action in enumerate(self.go_actions[:9]):
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))

    def open_help(self, section: str) -> QDialog:
        """The 使用说明 at a section; one window, raised again when already open."""
        from dangjian_desktop.gui.help import HelpWindow

        if self._help is None:
            self._help = HelpWindow(self)
        assert isinstance(self._help, HelpWindow)
        self._help.show()
        self._help.raise_()
        self._help.activateWindow()
        self._help.show_section(section)
        return self._help

    def start_excel_import(self) -> None:
        """After the first-start wizard: the registers page with its Excel import open, once the
        window is on screen."""
        from PySide6.QtCore import QTimer

        page = self.show_page("registers")
        importer = getattr(page, "import_register", None)
        if callable(importer):
            QTimer.singleShot(0, lambda: importer("branches"))

    def open_page_help(self) -> None:
        page = self.current_page()
        self.open_help(page.key if page is not None else "contents")

    def open_backups(self) -> None:
        from dangjian_desktop.gui.backup_dialog import BackupDialog

        BackupDialog(self.ctx, self).exec()

    def open_holidays(self) -> None:
        from dangjian_desktop.gui.holidays_dialog import HolidaysDialog

        HolidaysDialog(self.ctx, self).exec()

    def _switch_operator(self) -> None:
        from dangjian_desktop.gui.operator_switch import switch_operator

        switch_operator(self)

    def _about(self) -> None:
        from dangjian_desktop.gui.about import AboutDialog

        AboutDialog(self.ctx.db.data_dir.root, self).exec()

    def _show_actor(self) -> None:
        from dangjian_desktop.services.common import ROLE_NAMES

        actor = self.ctx.actor
        self.actor_label.setText(
            f"操作员：{actor.name}（{ROLE_NAMES.get(actor.role, actor.role)}）"
        )

    def _rounds_changed(self, change: Change) -> None:
        if Area.ROUNDS in change.areas:
            self._refresh_rounds()

    def _refresh_rounds(self) -> None:
        from dangjian_desktop.services.rounds import round_years

        years = self.ctx.read(round_years)
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for year in years:
            self.round_combo.addItem(round_label(year), year)
        if self.ctx.year in years:
            self.round_combo.setCurrentIndex(years.index(self.ctx.year))
        elif years:
            self.ctx.year = years[0]
            self.round_combo.setCurrentIndex(0)
        self.round_combo.blockSignals(False)

    def _round_picked(self, index: int) -> None:
        year = self.round_combo.itemData(index)
        if isinstance(year, int):
            self.ctx.set_round(year)

    # ------------------------------------------------------------ navigation
    def show_page(self, key: str) -> Page | None:
        for i, entry in enumerate(self.entries):
            if entry.key == key:
                self.nav.setCurrentRow(i)
                return self.page_at(i)
        return None

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    # ------------------------------------------------------------ layout memory
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 768)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    def _remembered_row(self) -> int:
        page = self.settings.value("window/page", 0)
        try:
            row = int(page)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            row = 0
        return row if 0 <= row < len(self.entries) else 0

    def _save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        if self.is_open:  # closed while opening: the page remembered last time stays
            self.settings.setValue("window/page", self.nav.currentRow())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        built = [self._built[row] for row in sorted(self._built)]
        dirty = [page for page in built if page.has_unsaved_changes()]
        if dirty:
            names = "、".join(page.title for page in dirty)
            choice = Ask.save_discard_cancel(self, f"“{names}”里还有没保存的修改。要先保存吗？")
            if choice == Choice.CANCEL or (
                choice == Choice.SAVE and not all(page.save_changes() for page in dirty)
            ):
                event.ignore()
                return
        self._save_layout()
        event.accept()
