"""block seals: the data's row seals kept per block of 256 rowids in their own table instead
of one JSON text per table in `setting`, so `check` hashes each block whole in one pass of SQLite
and a commit renews only the blocks it wrote

Revision ID: 0007_chk_block_seals
Revises: 0006_assessors_from_register
Create Date: 2026-12-03

The seals themselves are written right after the upgrade (store/db.py seals the upgraded copy
as it is, like after every upgrade); the old JSON texts are removed then.
"""

from __future__ import annotations

from alembic import op

revision = "0007_chk_block_seals"
down_revision = "0006_assessors_from_register"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE IF NOT EXISTS sealblock (tbl VARCHAR NOT NULL, block INTEGER NOT NULL,"
        " digest VARCHAR NOT NULL, rows TEXT NOT NULL, PRIMARY KEY (tbl, block)) WITHOUT ROWID"
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS sealblock")
