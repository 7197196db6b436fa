"""naming procedure: 审验 and 检查核实, fixed candidate list, tie decisions, nominations,
withdrawn 公示, the 党委会 on the approval, recommendations per level

Revision ID: 0004_naming_procedure
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_naming_procedure"
down_revision = "0003"
branch_labels = None
depends_on = None


def _announcement_before(metadata: sa.MetaData) -> sa.Table:
    # As 0001 created it but without UNIQUE(round_id): SQLite names that constraint nothing,
    # so batch mode cannot drop it by name; the table is rebuilt from this definition instead.
    return sa.Table(
        "announcement",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["notice_id"], ["notice.id"]),
        sa.ForeignKeyConstraint(["round_id"], ["round.id"]),
        sa.PrimaryKeyConstraint("id"),
    )


def upgrade() -> None:
    op.create_table(
        "candidatelist",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(), nullable=False),
        sa.Column("fixed_at", sa.DateTime(), nullable=False),
        sa.Column("fixed_by_id", sa.Integer(), nullable=True),
        sa.Column("reopened_at", sa.DateTime(), nullable=True),
        sa.Column("reopen_reason", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["fixed_by_id"], ["operator.id"]),
        sa.ForeignKeyConstraint(["round_id"], ["round.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_candidatelist_round_id", "candidatelist", ["round_id"])
    op.create_table(
        "namingcheck",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("checked_by", sa.String(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"]),
        sa.ForeignKeyConstraint(["operator_id"], ["operator.id"]),
        sa.ForeignKeyConstraint(["round_id"], ["round.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_namingcheck_round_id", "namingcheck", ["round_id"])
    op.create_index("ix_namingcheck_branch_id", "namingcheck", ["branch_id"])
    op.create_table(
        "tiedecision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("tied", sa.String(), nullable=False),
        sa.Column("chosen", sa.String(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("decided_by", sa.String(), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["operator_id"], ["operator.id"]),
        sa.ForeignKeyConstraint(["round_id"], ["round.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_tiedecision_round_id", "tiedecision", ["round_id"])
    op.create_table(
        "nomination",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("deeds", sa.Text(), nullable=False),
        sa.Column("discipline", sa.String(), nullable=False),
        sa.Column("nominated_on", sa.Date(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"]),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.ForeignKeyConstraint(["operator_id"], ["operator.id"]),
        sa.ForeignKeyConstraint(["round_id"], ["round.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_nomination_round_id", "nomination", ["round_id"])
    op.create_index("ix_nomination_member_id", "nomination", ["member_id"])
    op.create_table(
        "recommendation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("honor_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(), nullable=False),
        sa.Column("recommended_on", sa.Date(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["honor_id"], ["honor.id"]),
        sa.ForeignKeyConstraint(["operator_id"], ["operator.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("honor_id", "level"),
    )
    op.create_index("ix_recommendation_honor_id", "recommendation", ["honor_id"])
    # Recommendations made before this version: one level per honour.
    op.execute(
        "INSERT INTO recommendation (honor_id, level, recommended_on, operator_id, created_at) "
        "SELECT id, recommended_to, COALESCE(recommended_on, granted_on), NULL, CURRENT_TIMESTAMP "
        "FROM honor WHERE recommended_to != ''"
    )
    with op.batch_alter_table("round", schema=None) as batch_op:
        batch_op.add_column(sa.Column("member_quota", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("member_quota_per_branch", sa.Integer(), nullable=False, server_default="1")
        )
        batch_op.add_column(sa.Column("approved_list_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("committee_meeting_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("committee_meeting", sa.String(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column(
                "approval_one_person", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    with op.batch_alter_table(
        "announcement", copy_from=_announcement_before(sa.MetaData()), recreate="always"
    ) as batch_op:
        batch_op.add_column(sa.Column("list_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("withdraw_reason", sa.String(), nullable=False, server_default="")
        )
        batch_op.create_foreign_key(
            "fk_announcement_list_id_candidatelist", "candidatelist", ["list_id"], ["id"]
        )
        batch_op.create_index("ix_announcement_round_id", ["round_id"])
    with op.batch_alter_table("objection", schema=None) as batch_op:
        batch_op.add_column(sa.Column("member_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("keep_decision", sa.String(), nullable=False, server_default="")
        )
        batch_op.create_foreign_key(
            "fk_objection_member_id_member", "member", ["member_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("objection", schema=None) as batch_op:
        batch_op.drop_constraint("fk_objection_member_id_member", type_="foreignkey")
        batch_op.drop_column("keep_decision")
        batch_op.drop_column("member_id")
    with op.batch_alter_table("announcement", schema=None) as batch_op:
        batch_op.drop_index("ix_announcement_round_id")
        batch_op.drop_constraint("fk_announcement_list_id_candidatelist", type_="foreignkey")
        batch_op.drop_column("withdraw_reason")
        batch_op.drop_column("withdrawn_at")
        batch_op.drop_column("list_id")
        batch_op.create_unique_constraint("uq_announcement_round_id", ["round_id"])
    with op.batch_alter_table("round", schema=None) as batch_op:
        for name in (
            "approval_one_person",
            "committee_meeting",
            "committee_meeting_on",
            "approved_list_id",
            "member_quota_per_branch",
            "member_quota",
        ):
            batch_op.drop_column(name)
    op.drop_table("recommendation")
    op.drop_table("nomination")
    op.drop_table("tiedecision")
    op.drop_table("namingcheck")
    op.drop_table("candidatelist")
