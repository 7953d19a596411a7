"""Connections to SQLite or PostgreSQL, write transactions that take the lock up front, and migrations.

SQLite runs in WAL mode so readers never wait for an import, and a write transaction begins with
BEGIN IMMEDIATE so two importing processes queue instead of failing half-way. Migrations run under
the same lock (an advisory lock on PostgreSQL), so two app processes starting together upgrade once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_MS = 120_000
_MIGRATION_LOCK = 20_261_123  # any constant; the same in every process


def create_workspace_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # transactions are begun below, not by the driver
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", f"busy_timeout={SQLITE_BUSY_MS}", "foreign_keys=ON", "synchronous=NORMAL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("zi_write") else "BEGIN")

    return engine


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """One transaction that holds the write lock from its first statement; all or nothing."""
    with engine.connect() as conn:
        conn.execution_options(zi_write=True)
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.exec_driver_sql("SET LOCAL lock_timeout = '120s'")
            yield conn


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Create or upgrade the schema in place; rows are kept (see migrations/versions)."""
    if revision == "head" and current_revision(engine) == head_revision():
        return
    config = _alembic_config()
    with write(engine) as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
