"""Opening the county database: a SQLite file in the county data folder (the default), or a
county's PostgreSQL server named by an SQLAlchemy URL. Both go through the county's own Alembic
chain; a database written by a newer program is refused."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError

from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir
from dangjian_desktop.store.county_models import VERSION_TABLE
from dangjian_desktop.store.sqlite_file import set_pragmas

MIGRATIONS = Path(__file__).resolve().parent / "county_migrations"
DATABASE_NAME = "county.sqlite3"
MARKER_NAME = "county.json"  # what makes a data folder a county folder


def _config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


class CountyDatabase:
    """An open county database. `transaction()` is the one way data changes."""

    def __init__(self, engine: Engine, folder: Path) -> None:
        self.engine = engine
        self.folder = folder

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def attachments(self) -> Path:
        return self.folder / "attachments"

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> CountyDatabase:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    row = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).first()
    return None if row is None else str(row[0])


def _migrate(conn: Connection) -> None:
    from alembic import command

    config = _config()
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", set_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def open_county_database(folder: Path | str, database: str | None = None) -> CountyDatabase:
    """The county folder `folder` (attachments, logs, the SQLite file unless `database` names a
    server). Creates and upgrades the schema; refuses a newer one."""
    data = DataDir(folder)
    try:
        data.ensure()
    except OSError as exc:
        raise UserError(
            f"无法创建或写入数据文件夹 {data.root}（{exc.strerror or exc}）。"
            "请检查文件夹权限，或用 --data-dir 指定另一个文件夹。"
        ) from exc
    url = database or f"sqlite:///{data.root / DATABASE_NAME}"
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            revision = _current_revision(conn)
            if revision is not None and revision not in known_revisions():
                raise UserError(
                    f"这个县级数据库是由更新版本的程序写入的（结构版本 {revision}），"
                    "本程序不能打开，以免损坏数据。请安装最新版本的程序后再打开。"
                )
        if revision != head_revision():
            with engine.begin() as conn:
                _migrate(conn)
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        where = engine.url.render_as_string(hide_password=True)
        raise UserError(
            f"连接不上县级数据库（{where}）：{str(exc.orig).strip().splitlines()[0]}。"
            "请检查数据库服务器是否开着、地址和密码是否正确。"
        ) from exc
    except BaseException:
        engine.dispose()
        raise
    (data.root / MARKER_NAME).write_text('{"kind": "county"}\n', encoding="utf-8")
    return CountyDatabase(engine, data.root)


def is_county_folder(folder: Path | str) -> bool:
    return (Path(folder) / MARKER_NAME).is_file()
