"""issuing organs, notice drafts, the body of issued notices; weights written as 2E+1% repaired

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# What Decimal.normalize() printed for whole tens: 2E+1 -> 20, 1E+2 -> 100.
_NAMING = {"uq": "uq_%(table_name)s_%(column_0_N_name)s"}
_EXPONENT = re.compile(r"(\d+(?:\.\d+)?)E\+(\d+)")


def _plain(match: re.Match[str]) -> str:
    from decimal import Decimal

    return format(Decimal(match.group(0)), "f")


def upgrade() -> None:
    with op.batch_alter_table("township", schema=None) as batch_op:
        for name in ("organ_mark", "office_mark", "office_prefix", "office_signature"):
            batch_op.add_column(sa.Column(name, sa.String(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("office_letter", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    # Each organ numbers its own documents: the committee 石党发〔2026〕3号, its office
    # 石党创办〔2026〕3号. The unnamed UNIQUE(year, serial) of 0001 is named to be dropped.
    with op.batch_alter_table(
        "notice", schema=None, naming_convention=_NAMING, recreate="always"
    ) as batch_op:
        batch_op.add_column(sa.Column("body", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("prefix", sa.String(), nullable=False, server_default=""))
        batch_op.drop_constraint("uq_notice_year_serial", type_="unique")
        batch_op.create_unique_constraint(
            "uq_notice_prefix_year_serial", ["prefix", "year", "serial"]
        )
    op.execute(
        "UPDATE notice SET prefix = (SELECT doc_prefix FROM township LIMIT 1) WHERE serial IS NOT NULL"
    )
    op.create_table(
        "noticedraft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("stage", sa.String(), nullable=False),
        sa.Column("honour_id", sa.Integer(), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["round.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "kind", "stage", "honour_id"),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, work_summary FROM round")).fetchall()
    for row_id, text in rows:
        fixed = _EXPONENT.sub(_plain, text or "")
        if fixed != text:
            connection.execute(
                sa.text("UPDATE round SET work_summary = :text WHERE id = :id"),
                {"text": fixed, "id": row_id},
            )


def downgrade() -> None:
    op.drop_table("noticedraft")
    with op.batch_alter_table("notice", schema=None, naming_convention=_NAMING) as batch_op:
        batch_op.drop_constraint("uq_notice_prefix_year_serial", type_="unique")
        batch_op.create_unique_constraint("uq_notice_year_serial", ["year", "serial"])
        batch_op.drop_column("prefix")
        batch_op.drop_column("body")
    with op.batch_alter_table("township", schema=None) as batch_op:
        for name in (
            "office_letter",
            "office_signature",
            "office_prefix",
            "office_mark",
            "organ_mark",
        ):
            batch_op.drop_column(name)
