"""The first workspace: units, stored files with their raw bytes, datasets, frames, audit log.

Never edited once a database exists: later changes go into new revisions, so existing databases upgrade
in place.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("key", sa.String(120), primary_key=True),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("subtype", sa.String(20), nullable=False, server_default=""),
        sa.Column("city", sa.String(120), nullable=False),
        sa.Column("klass", sa.String(10), nullable=False, server_default=""),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "files",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("fmt", sa.String(10), nullable=False, server_default=""),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("uploaded_by", sa.String(120), nullable=False),
        sa.Column("uploaded_at", TZ, nullable=False),
        sa.Column("report", sa.Text, nullable=False),
        sa.Column("problems", sa.LargeBinary, nullable=False),
        sa.Column("deleted_at", TZ, nullable=True),
        sa.Column("deleted_by", sa.String(120), nullable=True),
    )
    op.create_table(
        "file_blobs",
        sa.Column("file_id", sa.Integer, sa.ForeignKey("files.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "datasets",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("file_id", sa.Integer, sa.ForeignKey("files.id", ondelete="CASCADE"), nullable=False),
        sa.Column("unit_key", sa.String(120), sa.ForeignKey("units.key"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("survey", sa.String(10), nullable=False, server_default=""),
        sa.Column("period_start", sa.Date, nullable=True),
        sa.Column("period_end", sa.Date, nullable=True),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("sheets", sa.Text, nullable=False),
        sa.Column("mapping", sa.Text, nullable=False),
    )
    op.create_index("ix_datasets_unit_kind", "datasets", ["unit_key", "kind"])
    op.create_table(
        "dataset_frames",
        sa.Column("dataset_id", sa.Integer, sa.ForeignKey("datasets.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", TZ, nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.Text, nullable=False, server_default=""),
        sa.Column("detail", sa.Text, nullable=False, server_default="{}"),
    )
    op.create_table(
        "workspace_meta",
        sa.Column("key", sa.String(60), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
