"""The whole workspace to one file and back: a zip of JSON lines per table, portable across databases.

A laptop's SQLite workspace restores onto a Kanwil's PostgreSQL and back. A restore replaces
everything in one transaction, so a bad backup file leaves the workspace as it was.
"""

from __future__ import annotations

import base64
import json
import zipfile
import zlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import IO, Any

from sqlalchemy import Connection, Engine, LargeBinary, Table, delete, insert, select, text, update
from sqlalchemy.types import Date, DateTime

from . import schema
from .access import Principal
from .base import StoreBase
from .engine import current_revision, head_revision, write

FORMAT = "zi-workspace-backup"
FORMAT_VERSION = 1
MAX_BACKUP_BYTES = 8 * 1024**3
BATCH = 200
OWNERSHIP_REVISION = "0004"  # from here a removal belongs to a unit's datasets, before it to the whole file


class BackupError(Exception):
    """A backup file that cannot be restored; the message is Indonesian."""


def _encode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for column in table.columns:
        value = row[column.name]
        if value is None:
            out[column.name] = None
        elif isinstance(column.type, LargeBinary):
            out[column.name] = base64.b64encode(value).decode()
        elif isinstance(value, datetime):
            out[column.name] = (value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
        elif isinstance(value, date):
            out[column.name] = value.isoformat()
        else:
            out[column.name] = value
    return out


def _decode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, value in row.items():
        if name not in table.columns:
            continue  # a column a newer version had and this one does not know
        column = table.columns[name]
        if value is None:
            out[name] = None
        elif isinstance(column.type, LargeBinary):
            out[name] = base64.b64decode(value)
        elif isinstance(column.type, DateTime):
            stamp = datetime.fromisoformat(value)
            out[name] = stamp.astimezone(UTC) if stamp.tzinfo else stamp.replace(tzinfo=UTC)
        elif isinstance(column.type, Date):
            out[name] = date.fromisoformat(value)
        else:
            out[name] = value
    return out


def write_backup(engine: Engine, target: IO[bytes]) -> dict[str, int]:
    """Every table into `target` (a file opened for writing); returns rows per table."""
    counts: dict[str, int] = {}
    with engine.connect() as conn, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in schema.TABLE_ORDER:
            with archive.open(f"tables/{table.name}.jsonl", "w", force_zip64=True) as handle:
                count = 0
                for row in conn.execute(select(table)).mappings():
                    handle.write(json.dumps(_encode(table, dict(row)), ensure_ascii=False).encode() + b"\n")
                    count += 1
            counts[table.name] = count
        manifest = {"format": FORMAT, "version": FORMAT_VERSION, "schema": current_revision(engine),
                    "created_at": datetime.now(UTC).isoformat(), "tables": counts}
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    return counts


def _manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError):
        raise BackupError("File ini bukan cadangan ZI Analytics (manifest.json tidak ada atau rusak).") from None
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise BackupError("Format cadangan tidak dikenali oleh versi aplikasi ini.")
    if str(manifest.get("schema") or "") > head_revision():
        raise BackupError("Cadangan dibuat oleh versi aplikasi yang lebih baru; perbarui aplikasi dulu.")
    if sum(info.file_size for info in archive.infolist()) > MAX_BACKUP_BYTES:
        raise BackupError("Isi cadangan terlalu besar untuk dipulihkan di sini.")
    return manifest


def restore_backup(engine: Engine, source: IO[bytes], principal: Principal,
                   progress: Callable[[float], None] | None = None) -> dict[str, int]:
    """Replace the whole workspace with the backup's rows; all or nothing. Admins only. `progress` hears the share of
    the tables loaded so far (a Kanwil backup takes a while; the page shows a bar)."""
    principal.require(principal.is_admin, "memulihkan cadangan workspace")
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise BackupError("File cadangan rusak atau bukan file .zip.") from None
    try:
        with archive:
            return _restore(engine, archive, principal, progress or (lambda share: None))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise BackupError("File cadangan rusak (isi zip tidak utuh, mis. unduhan terputus); workspace tidak berubah.") from None


def _restore(engine: Engine, archive: zipfile.ZipFile, principal: Principal,
             progress: Callable[[float], None]) -> dict[str, int]:
    manifest = _manifest(archive)
    counts: dict[str, int] = {}
    with write(engine) as conn:
        conn.execute(delete(schema.sessions))  # nobody stays signed in to the workspace being replaced
        conn.execute(delete(schema.unit_figures))  # figures of the data being replaced
        for table in reversed(schema.TABLE_ORDER):
            conn.execute(delete(table))
        removed: dict[int, dict[str, Any]] = {}  # a backup before 0004 removed whole files
        legacy = str(manifest.get("schema") or "") < OWNERSHIP_REVISION
        for number, table in enumerate(schema.TABLE_ORDER, start=1):
            seen = _removed_files(removed) if legacy and table is schema.files else None
            counts[table.name] = _load_table(conn, archive, table, seen)
            progress(number / len(schema.TABLE_ORDER))
        _carry_removals(conn, removed)
        if counts != {k: int(v) for k, v in manifest["tables"].items() if k in counts}:
            raise BackupError("Jumlah baris cadangan tidak cocok dengan manifest; file tidak utuh.")
        _reset_sequences(conn)
        conn.execute(insert(schema.audit_log).values(
            at=datetime.now(UTC), actor=principal.username, role=principal.role, action="restore_backup",
            target=str(manifest.get("created_at", "")), detail=json.dumps(counts)))
    return counts


def _removed_files(removed: dict[int, dict[str, Any]]) -> Callable[[dict[str, Any]], None]:
    def seen(row: dict[str, Any]) -> None:
        if row.get("deleted_at") is not None:
            removed[int(row["id"])] = _decode(schema.datasets, {"deleted_at": row["deleted_at"],
                                                                "deleted_by": row.get("deleted_by")})
    return seen


def _carry_removals(conn: Connection, removed: dict[int, dict[str, Any]]) -> None:
    """A file removed before removal belonged to each unit's part of it stays removed for every unit it holds
    (as migration 0004 does to a database)."""
    d = schema.datasets
    for file_id, values in removed.items():
        conn.execute(update(d).where(d.c.file_id == file_id, d.c.deleted_at.is_(None)).values(**values))


def _load_table(conn: Connection, archive: zipfile.ZipFile, table: Table,
                seen: Callable[[dict[str, Any]], None] | None = None) -> int:
    """Insert the table's rows from the backup; `seen` is shown each row as the backup has it."""
    try:
        handle = archive.open(f"tables/{table.name}.jsonl")
    except KeyError:
        return 0  # a table this backup's version did not have yet
    count, batch = 0, []
    with handle:
        for line in handle:
            try:
                raw = json.loads(line)
                batch.append(_decode(table, raw))
                if seen is not None:
                    seen(raw)
            except (ValueError, TypeError, KeyError):
                raise BackupError(f"Baris {count + 1} tabel {table.name} di cadangan rusak.") from None
            count += 1
            if len(batch) >= BATCH:
                conn.execute(insert(table), batch)
                batch = []
    if batch:
        conn.execute(insert(table), batch)
    return count


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL hands out ids from sequences that a plain INSERT with ids does not move."""
    if conn.dialect.name != "postgresql":
        return
    for table in (schema.files, schema.datasets, schema.audit_log):
        conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                          f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))


class BackupStore(StoreBase):
    """The backup and restore the admin pages and the CLI ask the workspace for."""

    def backup(self, principal: Principal, target: IO[bytes]) -> dict[str, int]:
        """The whole workspace (users included) into one zip file; admins only."""
        principal.require(principal.is_admin, "membuat cadangan workspace")
        counts = write_backup(self.engine, target)
        with write(self.engine) as conn:
            self._audit(conn, principal, "backup", "", counts)
        return counts

    def restore(self, principal: Principal, source: IO[bytes],
                progress: Callable[[float], None] | None = None) -> dict[str, int]:
        """Replace the whole workspace with a backup; raises BackupError and changes nothing if it is bad."""
        return restore_backup(self.engine, source, principal, progress)
