"""Alembic environment: always run programmatically by store.db with an open connection."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from dangjian_desktop.store import models  # noqa: F401  (registers the tables)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables instead
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
