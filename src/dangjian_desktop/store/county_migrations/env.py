"""Alembic environment of the county database: run by store.county_db with an open connection.
Its own version table, so a county chain never meets the township one."""

from __future__ import annotations

from alembic import context

from dangjian_desktop.store.county_models import VERSION_TABLE, metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table=VERSION_TABLE,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
