"""Opening the database: pragmas on every connection, checks and migrations at start.

`open_database(data_dir)` is the only way the program gets an engine. On the way it
- refuses a damaged file (quick_check) and a file written by a newer program, leaving both untouched;
- backs up an existing file with SQLite's backup API before any schema upgrade;
- runs the Alembic migrations (batch mode, foreign keys off while they run, checked after) on a
  copy beside the database, and puts the copy in place with one rename only when it completed
  and passed its checks: a kill or power cut at any moment leaves the old file or the new one,
  both openable (a new database is made the same way);
- seals the data (store/seal.py) the first time a folder is opened by a program that seals.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, create_engine

from dangjian_desktop.errors import UserError, os_reason
from dangjian_desktop.paths import DataDir, fsync_dir, make_private
from dangjian_desktop.store import plain_read
from dangjian_desktop.store.sqlite_file import DatabaseDamaged as DatabaseDamaged
from dangjian_desktop.store.sqlite_file import environment_problem as environment_problem
from dangjian_desktop.store.sqlite_file import quick_check as quick_check
from dangjian_desktop.store.sqlite_file import set_pragmas

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = plain_read.HEAD
"""The newest migration (spelled once, in `store.plain_read`). A database already there opens without importing Alembic or reading
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


def make_engine(path: Path, *, sealed: bool = True) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", set_pragmas)
    if sealed:
        from dangjian_desktop.store import seal

        seal.watch(engine, path)
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


def checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the database file, so the file alone holds every commit."""
    con = sqlite3.connect(path)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()  # rolls back a hot journal
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


SIDE_FILES = ("-wal", "-shm", "-journal")


def remove_with_side_files(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        Path(str(path) + suffix).unlink(missing_ok=True)


def swap_in(new_file: Path, live: Path) -> None:
    """Put a complete, closed database file in place of the live one with one rename.

    The caller holds the data folder (store/folder_lock.py), so no other program has the live
    file open. The live file's log is folded in first, so removing its side files loses nothing;
    a kill at any moment leaves the old file or the new one."""
    if live.exists():
        with contextlib.suppress(sqlite3.DatabaseError):  # a damaged file has nothing to fold
            checkpoint(live)
    with open(new_file, "rb+") as fh:
        os.fsync(fh.fileno())
    for suffix in SIDE_FILES:
        Path(str(live) + suffix).unlink(missing_ok=True)
    os.replace(new_file, live)
    fsync_dir(live.parent)


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
    make_private(partial)
    partial.replace(target)


def shareable_snapshot(source: Path, target: Path) -> None:
    """A copy of the database to hand to someone else (the county package): every operator's
    password hash removed and no trace of one left in the file, the operator seals renewed, the
    audit log as it is (its chain still verifies).

    One pass over the file: VACUUM INTO writes a compact, consistent copy of the live database
    (no free pages, the rollback journal); the hashes are then removed with secure_delete on,
    which zeroes their bytes where they stood (a backup of the whole file and a VACUUM of the
    copy took 6.5 s against 1.8 s at county scale)."""
    from dangjian_desktop.store import seal

    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    source_con = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        source_con.execute("VACUUM INTO ?", (str(partial),))
    finally:
        source_con.close()
    con = sqlite3.connect(partial)
    try:
        con.execute("PRAGMA secure_delete = ON")
        with con:
            con.execute("UPDATE operator SET password_hash = NULL")
            q = seal.query_of(con)
            if seal.is_sealed(q):
                seal.reseal(q, ["operator"])
    finally:
        con.close()
    make_private(partial)
    partial.replace(target)


@contextlib.contextmanager
def _machine_problems_told(undo: Callable[[], object] | None = None) -> Iterator[None]:
    """`undo` when the block raises; a SQLite error the machine is the cause of (disk full, file
    busy or read-only) becomes the UserError that says so and what to do."""
    try:
        yield
    except (sqlite3.Error, DBAPIError) as exc:
        if undo is not None:
            undo()
        problem = environment_problem(exc)
        if problem is not None:
            raise problem from exc
        raise
    except BaseException:
        if undo is not None:
            undo()
        raise


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
        with self.session() as session, _machine_problems_told(session.rollback):
            yield session
            session.commit()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


UPGRADE_SUFFIX = ".upgrade"
"""The copy an upgrade works on, beside the database; a leftover one is from a kill and removed."""


def _upgrade_on_copy(path: Path) -> None:
    """Create or upgrade the database on a copy and swap it in when it is complete and sound."""
    work = path.with_name(path.name + UPGRADE_SUFFIX)
    remove_with_side_files(work)
    if path.exists():
        checkpoint(path)
        sqlite_backup(path, work)
    else:  # an empty file is an empty database; SQLite gives its side files the same mode
        os.close(os.open(work, os.O_WRONLY | os.O_CREAT, 0o600))
    engine = make_engine(work, sealed=False)
    try:
        _migrate(engine)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    problem = quick_check(work)
    revision = current_revision(work)
    if problem is not None or revision != head_revision():
        remove_with_side_files(work)
        raise UserError(
            f"数据库升级没有成功（{problem or '结构版本不对'}），原来的数据库没有改动。"
            "请联系维护人员。"
        )
    from dangjian_desktop.store import seal

    state = seal.reseal_file(work)  # new columns change every row's values: sealed as upgraded
    Path(str(work) + "-wal").unlink(missing_ok=True)
    Path(str(work) + "-shm").unlink(missing_ok=True)
    known = seal.read_anchor(path)
    seal.write_anchor(path, state, known[0] if known else None)
    swap_in(work, path)
    seal.write_anchor(path, state, None)


def _remove_leftovers(data_dir: DataDir) -> None:
    """Half-written files of a program killed mid-way: an upgrade copy, a backup's snapshot or
    partial zip, a restore's unpacked backup, a partial anchor. Never the database itself."""
    import shutil

    path = data_dir.database
    remove_with_side_files(path.with_name(path.name + UPGRADE_SUFFIX))
    for pattern in (".dangjian-backup-*", ".dangjian-restore-*"):
        for folder in data_dir.root.glob(pattern):
            shutil.rmtree(folder, ignore_errors=True)
    leftovers = [*data_dir.backups.glob(".part-*"), *data_dir.root.glob(".*.part")]
    for file in leftovers:
        with contextlib.suppress(OSError):
            file.unlink()


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
            f"无法创建或写入数据文件夹 {data_dir.root}（{os_reason(exc)}）。"
            "请检查文件夹权限，或用 --data-dir 指定另一个文件夹。"
        ) from exc
    path = data_dir.database
    if migrate:  # this program is the folder's writer: what a killed one left is removed
        _remove_leftovers(data_dir)
    existing = path.exists()
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
    with _machine_problems_told():
        if migrate and not up_to_date:
            _upgrade_on_copy(path)
        engine = make_engine(path)
    for suffix in ("", "-wal", "-shm"):
        make_private(Path(str(path) + suffix))
    with _machine_problems_told(engine.dispose):
        with engine.connect():
            pass
        if migrate:
            from dangjian_desktop.store import seal

            seal.initialise(engine)
    return Database(data_dir, engine)
