"""The county schema: its own Alembic chain, which builds exactly the tables of
store/county_models.py and never touches the township's chain or tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from dangjian_desktop.errors import UserError
from dangjian_desktop.store import county_db, db
from dangjian_desktop.store.county_models import VERSION_TABLE, metadata


def test_migrations_build_the_models(tmp_path: Path) -> None:
    county = county_db.open_county_database(tmp_path / "c")
    with county.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
        assert compare_metadata(context, metadata) == []
        tables = set(inspect(conn).get_table_names())
    assert VERSION_TABLE in tables and "alembic_version" not in tables
    assert not tables & {"township", "branch", "member", "auditentry"}
    assert county_db.known_revisions().isdisjoint(db.known_revisions())
    county.close()


def test_a_newer_county_database_is_refused(tmp_path: Path) -> None:
    county = county_db.open_county_database(tmp_path / "c")
    with county.transaction() as conn:
        conn.exec_driver_sql(f"UPDATE {VERSION_TABLE} SET version_num = 'c999'")
    county.close()
    with pytest.raises(UserError, match="更新版本的程序"):
        county_db.open_county_database(tmp_path / "c")
