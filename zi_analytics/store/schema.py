"""The workspace tables (SQLAlchemy Core), as they are after the newest migration.

Rows of the tidy tables are kept per dataset as Parquet blobs: a unit's data is read with one query
and the columns keep their types; the raw file is kept too, so nothing a user uploaded is lost.
"""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, MetaData, String,
                        Table, Text, true)

metadata = MetaData()

units = Table(
    "units", metadata,
    Column("key", String(120), primary_key=True),
    Column("type", String(20), nullable=False),
    Column("subtype", String(20), nullable=False, server_default=""),
    Column("city", String(120), nullable=False),
    Column("klass", String(10), nullable=False, server_default=""),
    Column("kanwil", String(120), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

files = Table(
    "files", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("name", String(255), nullable=False),
    Column("path", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("fmt", String(10), nullable=False, server_default=""),
    Column("kind", String(20), nullable=False),
    Column("uploaded_by", String(120), nullable=False),
    Column("uploaded_at", DateTime(timezone=True), nullable=False),
    Column("report", Text, nullable=False),
    Column("problems", LargeBinary, nullable=False),
)

file_blobs = Table(
    "file_blobs", metadata,
    Column("file_id", Integer, ForeignKey("files.id", ondelete="CASCADE"), primary_key=True),
    Column("content", LargeBinary, nullable=False),
)

datasets = Table(
    "datasets", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("file_id", Integer, ForeignKey("files.id", ondelete="CASCADE"), nullable=False),
    Column("unit_key", String(120), ForeignKey("units.key"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("survey", String(10), nullable=False, server_default=""),
    Column("period_start", Date, nullable=True),
    Column("period_end", Date, nullable=True),
    Column("rows", Integer, nullable=False),
    Column("sheets", Text, nullable=False),
    Column("mapping", Text, nullable=False),
    Column("deleted_at", DateTime(timezone=True), nullable=True),  # this unit's part taken out of view
    Column("deleted_by", String(120), nullable=True),
    Index("ix_datasets_unit_kind", "unit_key", "kind"),
)

dataset_frames = Table(
    "dataset_frames", metadata,
    Column("dataset_id", Integer, ForeignKey("datasets.id", ondelete="CASCADE"), primary_key=True),
    Column("name", String(40), primary_key=True),
    Column("content", LargeBinary, nullable=False),
)

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(120), nullable=False),
    Column("role", String(20), nullable=False, server_default=""),
    Column("action", String(40), nullable=False),
    Column("target", Text, nullable=False, server_default=""),
    Column("detail", Text, nullable=False, server_default="{}"),
    Column("address", String(64), nullable=True),  # where a login attempt came from
    Index("ix_audit_login", "action", "target", "at"),
)

users = Table(
    "users", metadata,
    Column("username", String(120), primary_key=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(20), nullable=False),
    Column("unit_key", String(120), ForeignKey("units.key"), nullable=True),
    Column("kanwil", String(120), nullable=True),
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

sessions = Table(
    "sessions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(120), nullable=False),
    Column("token_digest", String(64), nullable=True, unique=True),  # of the browser's cookie, once it has one
    Column("ticket_digest", String(64), nullable=True, unique=True),  # one use, to hand the cookie to the browser
    Column("ticket_expires_at", DateTime(timezone=True), nullable=True),
    Column("address", String(64), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True), nullable=True),
    Column("ended_why", String(20), nullable=True),
    Index("ix_sessions_user", "username"),
)

visits = Table(
    "visits", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("host_key", String(120), ForeignKey("units.key"), nullable=False),  # the unit visited
    Column("visitor_key", String(120), ForeignKey("units.key"), nullable=False),
    Column("visit_date", Date, nullable=False),
    Column("areas", Text, nullable=False, server_default="[]"),  # JSON list of the change areas learnt about
    Column("adopted", Text, nullable=False, server_default=""),  # what the visitor will adopt, as it wrote it
    Column("recorded_by", String(120), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Index("ix_visits_host", "host_key"),
    Index("ix_visits_visitor", "visitor_key"),
)

# Each unit's comparison figures (a `build_summary` entry, trimmed) on one day, with the versions of the data and
# settings they came from: derived, so never backed up, and cleared by a restore.
unit_figures = Table(
    "unit_figures", metadata,
    Column("unit_key", String(120), primary_key=True),
    Column("as_of", Date, primary_key=True),
    Column("data_version", String(200), nullable=False),
    Column("settings_version", String(64), nullable=False),
    Column("figures", Text, nullable=False),  # JSON
    Column("computed_at", DateTime(timezone=True), nullable=False),
)

meta = Table(
    "workspace_meta", metadata,
    Column("key", String(60), primary_key=True),
    Column("value", Text, nullable=False),
)

# Tables in the order a backup writes them and a restore inserts them (parents first). Sessions are not backed
# up: a restored workspace starts with nobody signed in.
TABLE_ORDER = (units, files, file_blobs, datasets, dataset_frames, users, audit_log, meta, visits)

__all__ = ["metadata", "units", "files", "file_blobs", "datasets", "dataset_frames", "audit_log", "users", "sessions", "meta",
           "visits", "unit_figures", "TABLE_ORDER"]
