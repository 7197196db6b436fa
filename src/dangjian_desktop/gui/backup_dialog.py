"""备份与恢复: back up to a chosen folder (a USB stick), and restore from a list of backups.

Restoring replaces the database and attachments with the backup's, after taking a backup of what
is replaced; the window then shows the restored data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.errors import UserError
from dangjian_desktop.gui import file_dialogs
from dangjian_desktop.gui.context import AppContext, Change
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.models import Column
from dangjian_desktop.gui.widgets import SearchableTable
from dangjian_desktop.gui.worker import Task, run_task
from dangjian_desktop.services.data_folder import (
    COUNTED_TABLES,
    BackupInfo,
    chain_warning,
    check_backup,
    create_backup,
    list_backups,
    open_database,
    read_backup_info,
    restore_backup,
)


def _size(info: BackupInfo) -> str:
    return (
        f"{info.size / 1024 / 1024:.1f} MB"
        if info.size >= 1024 * 1024
        else f"{info.size // 1024} KB"
    )


def _counts(info: BackupInfo) -> str:
    return "，".join(
        f"{COUNTED_TABLES[k]}{v}" for k, v in info.counts.items() if k in COUNTED_TABLES
    )


COLUMNS: list[Column[BackupInfo]] = [
    Column("备份时间", lambda b: b.created.replace("T", " ")[:19], 160),
    Column("文件", lambda b: b.path.name, 300),
    Column("大小", _size, 80, numeric=True),
    Column("年度", lambda b: "、".join(str(y) for y in b.rounds), 110),
    Column("内容", _counts, 260),
]


def restore_into(ctx: AppContext, backup: Path) -> Path | None:
    """Close the database, restore the backup into the data folder, open it again."""
    data_dir = ctx.db.data_dir
    ctx.db.close()
    try:
        safety = restore_backup(data_dir, backup)
    finally:
        ctx.db = open_database(data_dir)  # the restored data, or the old data if restoring failed
    ctx.announce(Change.everything())  # every page shows the restored data
    return safety


class BackupDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None
        self.setWindowTitle("备份与恢复")
        self.resize(980, 520)
        self.table: SearchableTable[BackupInfo] = SearchableTable(
            COLUMNS, self, placeholder="搜索备份…"
        )
        hint = QLabel(
            "程序每次启动和退出时会自动备份（只在数据有变化时），保留最近7天、4周、12个月。"
            "也可以随时备份到U盘。恢复前，程序会先把现在的数据另存一份。"
        )
        hint.setWordWrap(True)
        self.backup_button = QPushButton("立即备份到…")
        self.backup_button.setProperty("primary", True)
        self.restore_button = QPushButton("用选中的备份恢复")
        self.restore_file_button = QPushButton("从其他备份文件恢复…")
        close = QPushButton("关闭")
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.restore_file_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(lambda: self.restore(self.table.current()))
        self.restore_file_button.clicked.connect(self.restore_other)
        self.table.sig_activated.connect(self.restore)
        close.clicked.connect(self.accept)
        self.refresh()

    def refresh(self) -> None:
        self.table.set_rows(list_backups(self.ctx.db.data_dir))

    @classmethod
    def ask_folder(cls, parent: QWidget | None) -> Path | None:
        folder = file_dialogs.existing_directory(
            parent, "备份到哪个文件夹（可选U盘）", str(Path.home())
        )
        return Path(folder) if folder else None

    @classmethod
    def ask_backup_file(cls, parent: QWidget | None) -> Path | None:
        name = file_dialogs.open_file(parent, "选择备份文件", str(Path.home()), "备份文件 (*.zip)")
        return Path(name) if name else None

    def backup_now(self) -> Task | None:
        folder = self.ask_folder(self)
        if folder is None:
            return None
        data_dir = self.ctx.db.data_dir

        def work(progress: Any, cancelled: Any) -> Path:
            progress(0, 0, "正在备份数据库和附件…")
            return create_backup(data_dir, folder)

        def done(path: Path) -> None:
            self.refresh()
            Ask.info(self, f"已备份到：{path}")

        self.task = run_task(self, "备份", work, done)
        return self.task

    def restore_other(self) -> Path | None:
        path = self.ask_backup_file(self)
        if path is None:
            return None
        try:
            info = read_backup_info(path)
        except UserError as exc:
            Ask.warn(self, str(exc))
            return None
        return self.restore(info)

    def restore(self, info: BackupInfo | None) -> Path | None:
        if info is None:
            Ask.warn(self, "请先在列表里选中一个备份。")
            return None
        try:  # checked in full first (database, schema, audit log, row seals)
            check_backup(info.path)
            warning = chain_warning(self.ctx.db.data_dir, info)
        except UserError as exc:
            Ask.warn(self, str(exc))
            return None
        if not Ask.confirm(
            self,
            f"用 {info.created.replace('T', ' ')[:19]} 的备份恢复？\n"
            f"（{_counts(info)}）\n\n现在的数据会先另存一份备份，然后被替换。"
            + (f"\n\n{warning}" if warning else ""),
        ):
            return None
        try:
            safety = restore_into(self.ctx, info.path)
        except UserError as exc:
            Ask.warn(self, str(exc))
            return None
        self.refresh()
        Ask.info(self, "已恢复。" + (f"恢复前的数据另存为：{safety.name}" if safety else ""))
        return info.path
