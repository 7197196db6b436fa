"""audit paging: the log read newest first by (at, id) from an index, no sort of the whole log;
the operator filter list from an index

Revision ID: 0005_audit_paging
Revises: 0004_naming_procedure
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0005_audit_paging"
down_revision = "0004_naming_procedure"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("auditentry") as batch_op:
        batch_op.drop_index("ix_auditentry_at")
        batch_op.create_index("ix_auditentry_at_id", ["at", "id"], unique=False)
        batch_op.create_index("ix_auditentry_operator", ["operator"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("auditentry") as batch_op:
        batch_op.drop_index("ix_auditentry_operator")
        batch_op.drop_index("ix_auditentry_at_id")
        batch_op.create_index("ix_auditentry_at", ["at"], unique=False)
