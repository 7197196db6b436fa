"""Checks of the database file that need only the standard library's sqlite3, so they can run
before SQLAlchemy is imported (the window checks the file while the data layer loads)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dangjian_desktop.errors import UserError


class DatabaseDamaged(UserError):
    """quick_check failed: the file must not be opened for writing."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"数据库文件已损坏（{detail}），程序没有打开它，也没有改动它。"
            f"请从备份恢复：dangjian-desktop restore 备份文件。文件位置：{path}"
        )
        self.path = path


_ENVIRONMENT_PROBLEMS = (
    ("disk is full", "磁盘空间不足，刚才的操作没有保存，已有数据不受影响。请清理磁盘空间后再试。"),
    (
        "database is locked",
        "数据库正被另一个程序占用（可能另开了一个窗口或正在备份），刚才的操作没有保存。请稍后再试。",
    ),
    (
        "readonly database",
        "数据文件夹是只读的，不能保存。请检查文件夹权限，或用 --data-dir 换一个可写的文件夹。",
    ),
    (
        "unable to open database file",
        "打不开数据库文件：数据文件夹可能是只读的或已被移走。请检查后再试。",
    ),
    ("disk i/o error", "读写磁盘出错，刚才的操作没有保存。请检查磁盘或U盘是否正常。"),
)


def environment_problem(exc: BaseException) -> UserError | None:
    """A UserError for SQLite failures caused by the machine (full disk, locked or read-only
    file), so the clerk is told what to do instead of seeing a crash; None for anything else."""
    text = str(getattr(exc, "orig", exc)).lower()
    for needle, message in _ENVIRONMENT_PROBLEMS:
        if needle in text:
            return UserError(message)
    return None


def quick_check(path: Path) -> str | None:
    """None when the file is sound, otherwise what SQLite says is wrong."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        environment = environment_problem(exc)
        if environment is not None:  # read-only folder, locked file: not damage
            raise environment from exc
        return str(exc)
    result = "; ".join(str(r[0]) for r in rows[:5])
    return None if result == "ok" else result
