"""Removal belongs to a unit's part of a file, not to the file: a file shared by several units is removed and
restored per unit, so one unit's operator can never take another unit's data out of view.

An upload removed before this revision stays removed for every unit it holds.

Columns are added and dropped in place (ALTER TABLE, SQLite 3.35 or newer), never by alembic's batch
"copy and rename": on SQLite with foreign keys on, dropping the old `files` or `datasets` table would
cascade-delete every stored dataset, frame and raw file. An older SQLite keeps the two unused columns
of `files` (nullable, never written again) rather than risk that.
"""

import sqlite3

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _drop_in_place(table: str, *columns: str) -> None:
    if op.get_bind().dialect.name == "sqlite" and sqlite3.sqlite_version_info < (3, 35):
        return
    for column in columns:
        op.drop_column(table, column)


def upgrade() -> None:
    op.add_column("datasets", sa.Column("deleted_at", TZ, nullable=True))
    op.add_column("datasets", sa.Column("deleted_by", sa.String(120), nullable=True))
    op.execute("UPDATE datasets SET deleted_at = (SELECT files.deleted_at FROM files WHERE files.id = datasets.file_id), "
               "deleted_by = (SELECT files.deleted_by FROM files WHERE files.id = datasets.file_id)")
    _drop_in_place("files", "deleted_at", "deleted_by")


def downgrade() -> None:
    """A file counts as removed when every one of its units' parts is (the older rule could not say less)."""
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("files")}
    if "deleted_at" not in columns:
        op.add_column("files", sa.Column("deleted_at", TZ, nullable=True))
        op.add_column("files", sa.Column("deleted_by", sa.String(120), nullable=True))
    latest = "FROM datasets d WHERE d.file_id = files.id ORDER BY d.deleted_at DESC, d.id DESC LIMIT 1"
    op.execute(f"UPDATE files SET deleted_at = (SELECT d.deleted_at {latest}), deleted_by = (SELECT d.deleted_by {latest}) "
               "WHERE NOT EXISTS (SELECT 1 FROM datasets d WHERE d.file_id = files.id AND d.deleted_at IS NULL)")
    _drop_in_place("datasets", "deleted_at", "deleted_by")
