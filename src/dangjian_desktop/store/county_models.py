"""The county database (县委组织部): many townships' packages in one database.

Its own MetaData and its own Alembic chain (store/county_migrations, version table
`county_alembic_version`), so it never meets the township schema. Plain SQLAlchemy Core tables:
the same definitions run on SQLite (the embedded default) and on a county's PostgreSQL server.

Everything read from a package is kept per submission and read-only to the county; the rows a
county clerk edits (recommendations, the county's settings) carry a `version` that every update
checks and raises (optimistic locking: two clerks on one server never overwrite each other).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)
VERSION_TABLE = "county_alembic_version"

# The county's own settings (its name; packages of another county are refused).
county_setting = sa.Table(
    "county_setting",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
)

county_township = sa.Table(
    "county_township",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("organ", sa.String(128), nullable=False, server_default=""),
    sa.Column("contact", sa.String(128), nullable=False, server_default=""),
)

# One row per package received; the current one of (township, round) has current=True, the
# ones it replaced stay as history with what changed.
county_submission = sa.Table(
    "county_submission",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("township_id", sa.ForeignKey("county_township.id"), nullable=False, index=True),
    sa.Column("first_year", sa.Integer, nullable=False),
    sa.Column("round_label", sa.String(64), nullable=False),
    sa.Column("created", sa.String(32), nullable=False),  # when the township made the package
    sa.Column("received_at", sa.DateTime, nullable=False),
    sa.Column("received_by", sa.String(64), nullable=False),
    sa.Column("source", sa.Text, nullable=False),  # the folder it was read from
    sa.Column("audit_entries", sa.Integer, nullable=True),
    sa.Column("audit_head", sa.String(64), nullable=True),
    sa.Column("schema_revision", sa.String(32), nullable=False, server_default=""),
    sa.Column("quota_percent", sa.Numeric(8, 2), nullable=True),
    sa.Column("dates", sa.Text, nullable=False, server_default="{}"),  # stage due dates, JSON
    sa.Column("stages", sa.Text, nullable=False, server_default="{}"),  # stage -> 按时x 逾期y…
    sa.Column("current", sa.Boolean, nullable=False),
    sa.Column("changes", sa.Text, nullable=False, server_default=""),  # against the one before
    sa.Column("confirm_reason", sa.Text, nullable=False, server_default=""),
)

# Every row of every sheet of the package's workbook, as the township's program wrote it.
county_sheet_row = sa.Table(
    "county_sheet_row",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "submission_id",
        sa.ForeignKey("county_submission.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("sheet", sa.String(64), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("cells", sa.Text, nullable=False),  # JSON list
)

county_sheet_header = sa.Table(
    "county_sheet_header",
    metadata,
    sa.Column("submission_id", sa.ForeignKey("county_submission.id", ondelete="CASCADE")),
    sa.Column("sheet", sa.String(64)),
    sa.Column("position", sa.Integer, nullable=False),  # the sheet's place in the workbook
    sa.Column("headers", sa.Text, nullable=False),  # JSON list
    sa.PrimaryKeyConstraint("submission_id", "sheet"),
)

# The registers across townships, searched by name (30 townships × 30,000 members).
county_member = sa.Table(
    "county_member",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "submission_id",
        sa.ForeignKey("county_submission.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("name", sa.String(64), nullable=False, index=True),
    sa.Column("gender", sa.String(8), nullable=False, server_default=""),
    sa.Column("ethnicity", sa.String(16), nullable=False, server_default=""),
    sa.Column("kind", sa.String(16), nullable=False, server_default=""),
    sa.Column("post", sa.String(16), nullable=False, server_default=""),
    sa.Column("branch", sa.String(128), nullable=False, server_default="", index=True),
    sa.Column("phone", sa.String(32), nullable=False, server_default=""),
)

county_result = sa.Table(
    "county_result",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "submission_id",
        sa.ForeignKey("county_submission.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("rank", sa.Integer, nullable=True),
    sa.Column("branch", sa.String(128), nullable=False),
    sa.Column("total", sa.Numeric(8, 2), nullable=True),
    sa.Column("grade", sa.String(16), nullable=False, server_default=""),
)

county_honour = sa.Table(
    "county_honour",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "submission_id",
        sa.ForeignKey("county_submission.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("category", sa.String(16), nullable=False),  # 先进党组织 | 优秀共产党员
    sa.Column("name", sa.String(128), nullable=False),
    sa.Column("branch", sa.String(128), nullable=False, server_default=""),
    sa.Column("title", sa.String(128), nullable=False, server_default=""),
    sa.Column("certificate", sa.String(64), nullable=False, server_default=""),
    sa.Column("state", sa.String(16), nullable=False, server_default=""),
    sa.Column("recommended_to", sa.String(32), nullable=False, server_default=""),
)

county_attachment = sa.Table(
    "county_attachment",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "submission_id",
        sa.ForeignKey("county_submission.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("stored", sa.Text, nullable=False),  # path inside the county folder
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
)

# The county's own choice: whom it recommends on to 州/省. Edited by clerks: versioned.
county_recommendation = sa.Table(
    "county_recommendation",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("township", sa.String(64), nullable=False),
    sa.Column("first_year", sa.Integer, nullable=False),
    sa.Column("category", sa.String(16), nullable=False),
    sa.Column("name", sa.String(128), nullable=False),
    sa.Column("branch", sa.String(128), nullable=False, server_default=""),
    sa.Column("level", sa.String(8), nullable=False, server_default=""),  # "" | 州 | 省
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    sa.UniqueConstraint("township", "first_year", "category", "name", "branch"),
)

# The county's audit log, chained by hash like the township's.
county_audit = sa.Table(
    "county_audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("operator", sa.String(64), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("detail", sa.Text, nullable=False, server_default=""),
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)
