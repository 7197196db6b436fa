"""Checks of the database file that need only the standard library's sqlite3, so they can run
before SQLAlchemy is imported (the window checks the file while the data layer loads)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dangjian_desktop.errors import UserError, os_reason


class DatabaseDamaged(UserError):
    """quick_check failed: the file must not be opened for writing."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"数据库文件已损坏（{detail}），程序没有打开它，也没有改动它。"
            f"请从备份恢复：dangjian-desktop restore 备份文件。文件位置：{path}"
        )
        self.path = path


# SQLite's primary result codes (the low byte of an extended code), as Python 3.11 reports them
# in `sqlite_errorcode`; the English message text is never looked at.
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26

_BUSY = "数据库正被另一个程序占用（可能另开了一个窗口或正在备份），刚才的操作没有保存。请稍后再试。"
_ENVIRONMENT_PROBLEMS: dict[int, str] = {
    SQLITE_FULL: "磁盘空间不足，刚才的操作没有保存，已有数据不受影响。请清理磁盘空间后再试。",
    SQLITE_BUSY: _BUSY,
    SQLITE_LOCKED: _BUSY,
    SQLITE_READONLY: (
        "数据文件夹是只读的，不能保存。请检查文件夹权限，或用 --data-dir 换一个可写的文件夹。"
    ),
    SQLITE_CANTOPEN: "打不开数据库文件：数据文件夹可能是只读的或已被移走。请检查后再试。",
    SQLITE_IOERR: "读写磁盘出错，刚才的操作没有保存。请检查磁盘或U盘是否正常。",
}


def set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    """On every new connection (an engine's "connect" event): write-ahead log, a full sync
    at each commit, foreign keys enforced, and five seconds' patience with a busy file."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def error_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of a sqlite3 error (or of SQLAlchemy's wrapper around one)."""
    original = getattr(exc, "orig", exc)
    code = getattr(original, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def environment_problem(exc: BaseException) -> UserError | None:
    """A UserError for SQLite failures caused by the machine (full disk, locked or read-only
    file), so the clerk is told what to do instead of seeing a crash; None for anything else."""
    code = error_code(exc)
    message = _ENVIRONMENT_PROBLEMS.get(code) if code is not None else None
    return UserError(message) if message is not None else None


def damage_name(exc: BaseException) -> str:
    """What is wrong with a file SQLite will not read, in the clerk's words."""
    code = error_code(exc)
    if code == SQLITE_NOTADB:
        return "这不是本程序的数据库文件，或文件头已被破坏"
    if code == SQLITE_CORRUPT:
        return "数据库文件的内部结构已损坏"
    return f"SQLite 报告错误 {getattr(getattr(exc, 'orig', exc), 'sqlite_errorname', code)}"


SQLITE_HEADER = b"SQLite format 3\x00"


def file_problem(path: Path) -> str | None:
    """An existing database file that is not a database at all: empty, or not SQLite."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise UserError(
            f"读不了数据库文件（{os_reason(exc)}）：{path}。请检查文件权限后再试。"
        ) from exc
    if not head:
        return "文件是空的（0字节），里面没有任何数据"
    if head != SQLITE_HEADER:
        return "这不是本程序的数据库文件，或文件头已被破坏"
    return None


def quick_check(path: Path) -> str | None:
    """None when the file is sound, otherwise what is wrong (an empty or non-SQLite file too)."""
    if (problem := file_problem(path)) is not None:
        return problem
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
        return damage_name(exc)
    result = "; ".join(str(r[0]) for r in rows[:5])
    return None if result == "ok" else result
