"""Opening the database: pragmas on every connection, checks and migrations at start.

`open_database(data_dir)` is the only way the program gets an engine. On the way it
- refuses a damaged file (quick_check) and a file written by a newer program, leaving both untouched;
- backs up an existing file with SQLite's backup API before any schema upgrade;
- runs the Alembic migrations (batch mode, foreign keys off while they run, checked after).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, create_engine

from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir
from dangjian_desktop.store.sqlite_file import DatabaseDamaged as DatabaseDamaged
from dangjian_desktop.store.sqlite_file import environment_problem as environment_problem
from dangjian_desktop.store.sqlite_file import quick_check as quick_check

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0004_naming_procedure"
"""The newest migration. A database already there opens without importing Alembic or reading
the migration scripts (a second at every start); a test keeps this equal to Alembic's head."""


class DatabaseTooNew(UserError):
    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"这个数据库是由更新版本的程序写入的（结构版本 {revision}），本程序不能打开，"
            f"以免损坏数据。请安装最新版本的程序后再打开。文件位置：{path}"
        )


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _set_pragmas)
    return engine


def current_revision(path: Path) -> str | None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        has_table = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    finally:
        con.close()


def sqlite_backup(source: Path, target: Path) -> None:
    """A consistent copy of a live database through SQLite's backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with open(partial, "rb+") as fh:
        os.fsync(fh.fileno())
    partial.replace(target)


class Database:
    """An open data folder: its engine and sessions. One session per user action."""

    def __init__(self, data_dir: DataDir, engine: Engine) -> None:
        self.data_dir = data_dir
        self.engine = engine

    @property
    def path(self) -> Path:
        return self.data_dir.database

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """Commit when the block ends normally; roll back everything when it raises."""
        with self.session() as session:
            try:
                yield session
                session.commit()
            except (sqlite3.Error, DBAPIError) as exc:
                session.rollback()
                problem = environment_problem(exc)
                if problem is not None:
                    raise problem from exc
                raise
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()


def _migrate(engine: Engine) -> None:
    from alembic import command

    with engine.connect() as conn:
        # Outside any transaction, or SQLite ignores it; batch mode copies tables around.
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        conn.commit()
        problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
    if problems:
        raise UserError(
            f"数据库升级后发现 {len(problems)} 处关联错误（如表 {problems[0][0]}），"
            "请从升级前的备份恢复，并联系维护人员。"
        )


def open_database(
    data_dir: DataDir | Path | str | None = None, *, migrate: bool = True, checked: bool = False
) -> Database:
    """`checked`: the caller has just run `quick_check` on the file and found it sound (the
    window runs it while SQLAlchemy is being imported)."""
    if not isinstance(data_dir, DataDir):
        data_dir = DataDir(data_dir)
    try:
        data_dir.ensure()
    except OSError as exc:
        raise UserError(
            f"无法创建或写入数据文件夹 {data_dir.root}（{exc.strerror}）。"
            "请检查文件夹权限，或用 --data-dir 指定另一个文件夹。"
        ) from exc
    path = data_dir.database
    existing = path.exists() and path.stat().st_size > 0
    up_to_date = False
    if existing:
        problem = None if checked else quick_check(path)
        if problem is not None:
            raise DatabaseDamaged(path, problem)
        revision = current_revision(path)
        up_to_date = revision == HEAD
        if revision is not None and not up_to_date and revision not in known_revisions():
            raise DatabaseTooNew(path, revision)
        if migrate and not up_to_date:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            backup = data_dir.backups / f"升级前备份-{stamp}-{revision or '空'}.sqlite3"
            sqlite_backup(path, backup)
            log.info("backed up %s to %s before upgrading", path, backup)
    engine = make_engine(path)
    try:
        if migrate and not up_to_date:
            _migrate(engine)
        else:
            with engine.connect():
                pass
    except (sqlite3.Error, DBAPIError) as exc:
        engine.dispose()
        environment = environment_problem(exc)
        if environment is not None:
            raise environment from exc
        raise
    except Exception:
        engine.dispose()
        raise
    return Database(data_dir, engine)
