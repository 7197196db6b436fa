"""从Excel导入: read a branch or member register, show every row and every problem, then commit
all rows in one transaction — or nothing while a problem blocks. Also the blank templates.

The file is read on a worker thread (a register can have thousands of rows); the database is
changed only through `services.exchange.import_*` via `ctx.act`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QWidget

from dangjian_desktop.errors import UserError
from dangjian_desktop.exchange.importer import ImportPreview, Problem
from dangjian_desktop.gui import file_dialogs
from dangjian_desktop.gui.context import AppContext
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.forms.ui_import_dialog import Ui_ImportDialog
from dangjian_desktop.gui.models import AMBER, GREEN, RED, Column
from dangjian_desktop.gui.widgets import SearchableTable
from dangjian_desktop.gui.worker import Task, run_task
from dangjian_desktop.services import exchange

Kind = Literal["branches", "members"]
WHAT: dict[str, str] = {"branches": "党组织名册", "members": "党员名册"}
TEMPLATE_NAMES: dict[str, str] = {"branches": "党组织名册模板.xlsx", "members": "党员名册模板.xlsx"}
XLSX_FILTER = "Excel工作簿 (*.xlsx);;所有文件 (*)"


class FileDialogs:
    """The file choosers of this module; tests replace these classmethods."""

    @classmethod
    def open_xlsx(cls, parent: QWidget | None, title: str) -> Path | None:
        name = file_dialogs.open_file(parent, title, str(Path.home()), XLSX_FILTER)
        return Path(name) if name else None

    @classmethod
    def save_xlsx(cls, parent: QWidget | None, title: str, suggested: str) -> Path | None:
        name = file_dialogs.save_file(parent, title, str(Path.home() / suggested), XLSX_FILTER)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def save_template(kind: Kind, parent: QWidget | None) -> Path | None:
    """下载空白名册: ask where, write the blank template there, say where it went."""
    from dangjian_desktop.exchange.templates import write_branch_template, write_member_template

    what = WHAT[kind]
    target = FileDialogs.save_xlsx(parent, f"保存空白{what}", TEMPLATE_NAMES[kind])
    if target is None:
        return None
    writer = write_branch_template if kind == "branches" else write_member_template
    try:
        writer(target)
    except OSError as exc:
        Ask.warn(
            parent,
            f"空白{what}没有保存（{exc.strerror or exc}）。"
            "如果同名文件正在Excel或WPS中打开，请先关闭它；或换一个文件夹再试。",
        )
        return None
    Ask.info(
        parent,
        f"空白{what}已保存到：\n{target}\n\n填好后，点“从Excel导入{what[:-2]}”把它导入程序。",
    )
    return target


def _problem_columns() -> list[Column[Problem]]:
    def color(p: Problem) -> Any:
        return RED if p.blocking else AMBER

    return [
        Column("类别", lambda p: "必须改正" if p.blocking else "提示", 90, color=color),
        Column("工作表", lambda p: p.sheet, 110),
        Column("行", lambda p: p.row or None, 50, numeric=True),
        Column("列", lambda p: p.column, 120),
        Column("问题", lambda p: p.message, 700, color=color, tooltip=lambda p: p.message),
    ]


def _state(row: Any) -> str:
    return "更新" if row.updates_existing else "新增"


def _state_color(row: Any) -> Any:
    return AMBER if row.updates_existing else GREEN


def _row_columns(kind: Kind) -> list[Column[Any]]:
    head: list[Column[Any]] = [
        Column("行", lambda r: r.row, 50, numeric=True),
        Column("导入后", _state, 70, color=_state_color),
    ]
    if kind == "branches":
        return [
            *head,
            Column("党组织名称", lambda r: r.name, 220),
            Column("层级", lambda r: r.level, 70),
            Column("上级党组织", lambda r: r.parent_name, 180),
            Column("领域", lambda r: r.sector, 120),
            Column("民族地区", lambda r: r.ethnic_area, 80),
            Column("书记", lambda r: r.secretary, 80),
            Column("联系电话", lambda r: r.phone, 130),
            Column("成立时间", lambda r: r.founded, 100),
        ]
    return [
        *head,
        Column("姓名", lambda r: r.name, 90),
        Column("性别", lambda r: r.gender, 50),
        Column("民族", lambda r: r.ethnicity, 80),
        Column("出生日期", lambda r: r.birth_date, 100),
        Column("入党时间", lambda r: r.joined_on, 100),
        Column("党员类别", lambda r: r.kind, 90),
        Column("职务", lambda r: r.post, 70),
        Column("所在党组织", lambda r: r.branch_name, 200),
        Column("联系电话", lambda r: r.phone, 130),
    ]


class ImportDialog(QDialog):
    """Pick a register, see what would happen, import it in one go."""

    def __init__(self, ctx: AppContext, kind: Kind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind: Kind = kind
        self.what = WHAT[kind]
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.imported: exchange.ImportResult | None = None
        self.task: Task | None = None
        self.ui = Ui_ImportDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(f"从Excel导入{self.what}")
        self.ui.hintLabel.setText(
            f"选择{self.what}的Excel文件（.xlsx）。程序先逐行检查，列出每个问题所在的行和列；"
            "没有必须改正的问题时才能导入，而且一次全部导入。已在程序中的"
            + (
                "党组织（名称相同）"
                if kind == "branches"
                else "党员（姓名、出生日期和所在党组织相同）"
            )
            + "会被更新，不会重复。"
        )
        self.problems: SearchableTable[Problem] = SearchableTable(
            _problem_columns(), self, placeholder="在问题中搜索…"
        )
        self.rows: SearchableTable[Any] = SearchableTable(
            _row_columns(kind), self, placeholder="在可导入的行中搜索…"
        )
        self.ui.problemsLayout.addWidget(self.problems)
        self.ui.rowsLayout.addWidget(self.rows)
        self.ui.chooseButton.clicked.connect(self.choose_file)
        self.ui.chooseButton.setToolTip("选择要导入的Excel文件（Ctrl+O）")
        QShortcut(QKeySequence("Ctrl+O"), self, self.choose_file)
        self.ui.reloadButton.clicked.connect(self.reload)
        self.ui.reloadButton.setToolTip("在Excel中改正后，重新读取同一个文件（F5）")
        QShortcut(QKeySequence("F5"), self, self.reload)
        self.ui.importButton.clicked.connect(self.commit)
        self.ui.importButton.setText(f"导入{self.what}")
        self.ui.importButton.setToolTip("把可导入的行全部导入程序（Enter）")
        self.ui.closeButton.clicked.connect(self.reject)
        self.resize(1200, 640)  # fits 1364 × 700 and 150 % on 1920 × 1080
        self._show_preview()

    # ----------------------------------------------------------- reading
    def choose_file(self) -> None:
        path = FileDialogs.open_xlsx(self, f"选择{self.what}")
        if path is not None:
            self.open_file(path)

    def reload(self) -> None:
        if self.path is not None:
            self.open_file(self.path)

    def open_file(self, path: Path) -> None:
        """Read and check the file on a worker thread; the tables fill when it is done."""
        self.path = path
        self.preview = None
        self.ui.fileLabel.setText(str(path))
        self._show_preview(reading=True)
        preview_fn = (
            exchange.preview_branch_import
            if self.kind == "branches"
            else exchange.preview_member_import
        )

        def work(progress: Any, cancelled: Any) -> ImportPreview:
            progress(0, 0, f"正在读取并检查“{path.name}”…")
            return self.ctx.read(lambda session: preview_fn(session, path))

        self.task = run_task(self, f"读取{self.what}", work, self._read_done, self._read_failed)

    def _read_done(self, preview: ImportPreview) -> None:
        self.preview = preview
        self._show_preview()

    def _read_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        self.preview = None
        self._show_preview(error=str(exc))

    def _show_preview(self, *, reading: bool = False, error: str = "") -> None:
        preview = self.preview
        self.ui.reloadButton.setEnabled(self.path is not None and not reading)
        self.problems.set_rows(preview.problems if preview else [])
        self.rows.set_rows(preview.accepted if preview else [])
        blocking = sum(p.blocking for p in preview.problems) if preview else 0
        notes = len(preview.problems) - blocking if preview else 0
        accepted = len(preview.accepted) if preview else 0
        self.ui.tabs.setTabText(0, f"问题（必须改正{blocking}，提示{notes}）")
        self.ui.tabs.setTabText(1, f"可导入的行（{accepted}）")
        ready = preview is not None and not preview.blocking and accepted > 0
        self.ui.importButton.setEnabled(ready)
        label = self.ui.summaryLabel
        if error:
            label.setStyleSheet("color: #b71c1c;")
            label.setText(f"无法读取这个文件：{error}")
        elif reading:
            label.setStyleSheet("")
            label.setText("正在读取并检查，请稍候…")
        elif preview is None:
            label.setStyleSheet("")
            label.setText(f"请点“选择文件…”选择{self.what}。")
        else:
            new = sum(1 for r in preview.accepted if not r.updates_existing)
            where = f"工作表“{preview.sheet}”" if preview.sheet else "文件"
            text = (
                f"{where}：读取{preview.rows_read}行，可导入{accepted}行"
                f"（新增{new}，更新{accepted - new}）。"
            )
            if unseen := preview.unseen():
                text += f"注意：表中有在Excel里看不到的内容（{unseen}），请在“问题”中逐条核对。"
            if preview.blocking:
                rows = len(preview.blocking_rows) or 1
                label.setStyleSheet("color: #b71c1c;")
                label.setText(
                    text + f"有{rows}行存在必须改正的问题（红色），现在不能导入。"
                    "请在Excel中改正后保存，再点“重新读取”。"
                )
                self.ui.tabs.setCurrentIndex(0)
            elif accepted == 0:
                label.setStyleSheet("color: #b71c1c;")
                label.setText(text + "表中没有可以导入的行。")
            else:
                label.setStyleSheet("")
                label.setText(
                    text + (f"另有{notes}条提示，不影响导入。" if notes else "没有发现问题。")
                )
                self.ui.tabs.setCurrentIndex(1 if not notes else 0)
                self.ui.importButton.setFocus()

    # ----------------------------------------------------------- committing
    def commit(self) -> None:
        preview = self.preview
        if preview is None or preview.blocking or not preview.accepted:
            return
        import_fn = exchange.import_branches if self.kind == "branches" else exchange.import_members
        actor = self.ctx.actor
        result = self.ctx.act(lambda s: import_fn(s, actor=actor, preview=preview), self)
        if result is None:
            return  # the reason was shown; nothing was saved
        self.imported = result
        Ask.info(self, f"已导入{self.what}：{result.message}", "导入完成")
        self.accept()
