"""assessors from the member register: recusal follows the register; who scored each branch

Revision ID: 0006_assessors_from_register
Revises: 0004_naming_procedure
Create Date: 2026-12-03

An assessor typed with a name and the branch he belonged to becomes that member of the register
when exactly one member of that branch has the name; otherwise he stays an outside person with
his declared branch (nothing is lost). Assessors typed without a branch stay outside people: the
clerk said they were no member of a participating branch.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_assessors_from_register"
down_revision = "0005_audit_paging"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scorers", sa.String(), nullable=False, server_default=""))
    bind = op.get_bind()
    typed = bind.execute(
        sa.text(
            "SELECT id, name, branch_id FROM assessor"
            " WHERE member_id IS NULL AND branch_id IS NOT NULL"
        )
    ).all()
    for assessor_id, name, branch_id in typed:
        members = bind.execute(
            sa.text(
                "SELECT id FROM member WHERE name = :name AND branch_id = :branch"
                " AND deleted_at IS NULL"
            ),
            {"name": name.strip(), "branch": branch_id},
        ).all()
        if len(members) == 1:
            bind.execute(
                sa.text("UPDATE assessor SET member_id = :member WHERE id = :id"),
                {"member": members[0][0], "id": assessor_id},
            )


def downgrade() -> None:
    # The older program reads an assessor's branch from the assessor row: give each member
    # assessor his branch as the register has it now.
    op.execute(
        "UPDATE assessor SET branch_id = (SELECT branch_id FROM member"
        " WHERE member.id = assessor.member_id) WHERE member_id IS NOT NULL"
    )
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.drop_column("scorers")
