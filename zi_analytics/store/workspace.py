"""The workspace: every upload kept as versioned datasets, read back per role.

One small interface for the CLI and the pages: import files, read the current data of the units a
user may see, list versions, remove and restore uploads, manage users. Every change is written in
the audit log inside the same transaction as the change itself.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from ..limits import DEFAULT_LIMITS, Limits
from ..dataset import Dataset
from ..errors import IngestError
from ..ingest import (
    FileResult,
    SheetOverride,
    batch_name_units,
    expand_with_folders,
    ingest_file,
    read_file_bytes,
)
from ..kinds.common import problems_frame
from ..kinds.registry import FRAME_COLUMNS
from ..messages import msg
from ..normalize.units import UnitId, UnitRegistry
from ..pool import Job, Read, read_in_order, worker_count
from . import auth, schema, sessions
from .access import ROLE_LABELS, ROLES, AccessDenied, Principal, mask_personal, redact_problems, redact_report
from .config import WorkspaceConfig, load_config
from .backup import restore_backup, write_backup
from .current import STATUS_CURRENT, resolve_status
from .engine import create_workspace_engine, upgrade, write
from .export import frames_to_excel
from .frames import from_bytes, to_bytes
from .split import POSITION, encoded_parts, split_result

HOME_UNIT = "home_unit"  # meta key: the workspace's own unit
OVERRIDES = "ov:"  # meta key prefix, then a file's sha256 (cut to the key's 60 letters): its reading's corrections

UNLOCK = "login_unlock"  # audit action: an admin forgot a name's failed logins
STORED, DUPLICATE, RESTORED, FAILED, DENIED, REREAD = "stored", "duplicate", "restored", "failed", "denied", "reread"


@dataclass(frozen=True)
class _Failures:
    pair: int  # of this name from this address
    name: int  # of this name from anywhere
    address: int  # from this address, any name
    last_checked: datetime | None = None  # the name's latest password check (or the slot it waits for)


@dataclass
class ImportOutcome:
    """What happened to one file: its read report, and whether the workspace changed."""

    result: FileResult
    status: str
    file_id: int | None = None
    datasets: int = 0
    messages: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return self.result.to_json() | {"store": {"status": self.status, "file_id": self.file_id,
                                                  "datasets": self.datasets, "messages": self.messages}}


def _overrides_key(sha: str) -> str:
    return OVERRIDES + sha[:56]


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class Workspace:
    def __init__(self, engine: Engine, config: WorkspaceConfig) -> None:
        self.engine = engine
        self.config = config

    @classmethod
    def open(cls, database_url: str | None = None, config: WorkspaceConfig | None = None) -> Workspace:
        """Connect and bring the schema up to date (created on first use)."""
        config = config or load_config(database_url)
        engine = create_workspace_engine(config.database_url)
        upgrade(engine)
        return cls(engine, config)

    def close(self) -> None:
        self.engine.dispose()

    # ---- units -------------------------------------------------------------------------------

    def _kanwil_of(self, conn: Connection | None = None) -> dict[str, str | None]:
        query = select(schema.units.c.key, schema.units.c.kanwil)
        if conn is not None:
            return dict(conn.execute(query).all())
        with self.engine.connect() as own:
            return dict(own.execute(query).all())

    def registry(self, unit_default: str | None = None, hints: tuple[UnitId, ...] = ()) -> UnitRegistry:
        """Every stored unit, so a new file's spelling variants join the units already there; the units a batch's
        file names give (`hints`); and the home unit (`unit_default`, else the workspace's own)."""
        registry = UnitRegistry()
        with self.engine.connect() as conn:
            rows = conn.execute(select(schema.units).order_by(schema.units.c.created_at, schema.units.c.key)).mappings()
            for row in rows:
                registry.remember(row["key"], UnitId(row["type"], row["subtype"], row["city"], row["klass"]))
            home = unit_default or conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == HOME_UNIT)).scalar()
        for unit in hints:
            registry.learn(unit)
        registry.set_home(home)
        return registry

    def file_overrides(self, sha: str) -> dict[str, SheetOverride]:
        """The corrections a person made to the reading of these bytes, per sheet (kept in `meta`)."""
        text = self.get_meta(_overrides_key(sha))
        return {name: SheetOverride(**fields) for name, fields in json.loads(text).items()} if text else {}

    @staticmethod
    def _overrides_json(overrides: dict[str, SheetOverride]) -> dict[str, Any]:
        return {name: {"kind": o.kind, "header_row": o.header_row, "mapping": o.mapping, "unit": o.unit, "survey": o.survey}
                for name, o in overrides.items()}

    def _save_overrides(self, conn: Connection, sha: str, overrides: dict[str, SheetOverride]) -> dict[str, Any]:
        """Kept for these bytes, so a later upload or reading of them reads as corrected. Only a user who may change
        every unit a file holds saves them: a correction read by the next uploader of another unit would
        otherwise be one unit's operator deciding how another unit's rows are read."""
        saved = self._overrides_json(overrides)
        key = _overrides_key(sha)
        conn.execute(delete(schema.meta).where(schema.meta.c.key == key))
        conn.execute(insert(schema.meta).values(key=key, value=json.dumps(saved, ensure_ascii=False)))
        return saved

    def home_unit(self) -> str | None:
        """The key of the workspace's own unit: where a file that names no unit goes."""
        return self.get_meta(HOME_UNIT)

    def set_home_unit(self, principal: Principal, name: str) -> str | None:
        """Set the workspace's own unit by any spelling; its key, or None when the name is not a unit."""
        registry = self.registry()
        key = registry.set_home(name)
        if key is None:
            return None
        with write(self.engine) as conn:
            self._store_units(conn, registry, {key}, self.config.kanwil)
        self.set_meta(principal, HOME_UNIT, key)
        return key

    def units(self, principal: Principal) -> pd.DataFrame:
        """The units this user may see: key, display name, Kanwil."""
        registry = self.registry()
        kanwil_of = self._kanwil_of()
        keys = sorted(principal.visible_units(kanwil_of), key=registry.display)
        return pd.DataFrame({"key": keys, "unit": [registry.display(k) for k in keys],
                             "kanwil": [kanwil_of[k] for k in keys]}, columns=["key", "unit", "kanwil"])

    def find_unit(self, principal: Principal, name: str) -> str | None:
        """The key of a visible unit named freely ('lapas banyuwangi'); None when unknown or not allowed."""
        key = self.registry().find(name)
        if key is None or key not in principal.visible_units(self._kanwil_of()):
            return None
        return key

    def set_unit_kanwil(self, principal: Principal, unit_key: str, kanwil: str | None) -> None:
        principal.require(principal.is_admin, "mengubah Kanwil sebuah unit")
        with write(self.engine) as conn:
            conn.execute(update(schema.units).where(schema.units.c.key == unit_key).values(kanwil=kanwil or None))
            self._audit(conn, principal, "unit_kanwil", unit_key, {"kanwil": kanwil})

    # ---- import ------------------------------------------------------------------------------

    def import_paths(self, paths: Iterable[str | Path], principal: Principal, kanwil: str | None = None,
                     today: date | None = None, limits: Limits = DEFAULT_LIMITS,
                     relative_to: Path | None = None, workers: int | None = None,
                     unit_default: str | None = None) -> list[ImportOutcome]:
        """Files and folders (recursively), one transaction per file, in the order `summarize` reads them.

        Each file is reported under the path given (as `summarize` does), or relative to `relative_to`.
        A large batch is read by worker processes (`pool.worker_count`, or `workers`) while this process
        stores; what is stored is the same as one file after another. The outcomes carry each file's
        report, not its frames (the store has those), so a batch of hundreds of files stays small.
        """
        found, missing = expand_with_folders(paths)
        hints = batch_name_units(found)
        workers = workers if workers is not None else worker_count(len(found))
        loaded: list[bytes | IngestError] = []

        def jobs() -> Iterator[Job | None]:
            """Each file's bytes into `loaded`; for the workers, each file this workspace did not hold when the
            batch began. A worker reads the file from its path; `import_bytes` uses its reading only when
            it is of the same bytes."""
            snapshot = self.registry(unit_default, hints) if workers > 1 else None
            stored = self._stored_hashes() if workers > 1 else set()
            for path, folders in found:
                try:
                    data = read_file_bytes(path, limits)
                except IngestError as exc:
                    loaded.append(exc)
                    yield None
                    continue
                loaded.append(data)
                if snapshot is None or hashlib.sha256(data).hexdigest() in stored:
                    yield None
                else:
                    yield Job(path, path.name, folders, limits, today, snapshot, prepare=encoded_parts)

        reads = read_in_order(jobs(), workers) if workers > 1 else jobs()
        outcomes = []
        for (path, folders), read in zip(found, reads):
            data = loaded.pop(0)
            if isinstance(data, IngestError):
                outcomes.append(ImportOutcome(FileResult(path=str(path), errors=[data.message]), FAILED))
                continue
            label = path.relative_to(relative_to).as_posix() if relative_to else str(path)
            outcome = self.import_bytes(data, path.name, principal, path_label=label, folders=folders, kanwil=kanwil,
                                        today=today, limits=limits, prepared=read, unit_default=unit_default,
                                        hints=hints)
            outcome.result.frames = {}
            outcomes.append(outcome)
        for raw in missing:
            result = FileResult(path=raw, errors=[msg("unreadable", detail="file atau folder tidak ditemukan")])
            outcomes.append(ImportOutcome(result, FAILED))
        return outcomes

    def import_bytes(self, data: bytes, name: str, principal: Principal, *, path_label: str | None = None,
                     folders: tuple[str, ...] = (), overrides: dict[str, SheetOverride] | None = None,
                     kanwil: str | None = None, today: date | None = None, limits: Limits = DEFAULT_LIMITS,
                     before_commit: Callable[[], None] | None = None, prepared: Read | None = None,
                     unit_default: str | None = None, hints: tuple[UnitId, ...] = ()) -> ImportOutcome:
        """Store one file entirely or not at all; the same bytes again change nothing.

        `kanwil` is given to units this file brings for the first time (a kanwil user's own Kanwil wins).
        `before_commit` runs inside the transaction, after every row is written (tests kill the process there).
        `prepared` is a worker's reading of the file; it is used when it read these very bytes and its units
        resolve as they would here.
        """
        label = path_label or name
        if not principal.can_upload:
            return ImportOutcome(FileResult(path=label, errors=[msg("upload_denied")]), DENIED)
        sha = hashlib.sha256(data).hexdigest()
        known = self._file_by_hash(sha)
        new_kanwil = principal.kanwil if principal.role == "kanwil" else (kanwil or self.config.kanwil)
        saved_reading = known is not None
        if known is not None and not self._completes(known, principal, new_kanwil):
            shown = self._known_file(known, label, principal)
            if shown is not None:
                return shown
            saved_reading = False  # only other units hold these bytes: read them as bytes never seen (issue 24)
        registry = self.registry(unit_default, hints)
        if not overrides and saved_reading:  # a correction lasts: bytes stored before read as corrected
            overrides = self.file_overrides(sha) or None
        problems: bytes | None = None
        if (prepared is not None and prepared.parts is not None and prepared.result.sha256 == sha and not overrides
                and registry.replay(prepared.asked)):
            result, parts, problems = prepared.result, prepared.parts, prepared.problems
        else:
            result = ingest_file(data, name=name, limits=limits, registry=registry, overrides=overrides,
                                 today=today, folders=folders)
            parts = split_result(result)
        result.path = label
        outcome = ImportOutcome(result, FAILED)
        if not parts:
            return outcome
        kanwil_of = self._kanwil_of() if principal.role == "kanwil" else {}  # only a Kanwil user's view depends on it
        allowed = [p for p in parts if principal.sees_unit(p.unit_key, kanwil_of.get(p.unit_key, new_kanwil))]
        for unit in sorted({p.unit_key for p in parts} - {p.unit_key for p in allowed}):
            outcome.messages.append(msg("upload_other_unit", unit=registry.display(unit)))
        if not allowed:
            outcome.status = DENIED
            return outcome
        try:
            with write(self.engine) as conn:
                if known is not None:  # an earlier upload of these bytes stored only some of its units
                    file_id = known["id"]
                    conn.execute(select(schema.files.c.id).where(schema.files.c.id == file_id).with_for_update())
                    present = set(conn.execute(select(schema.datasets.c.unit_key)
                                               .where(schema.datasets.c.file_id == file_id)).scalars())
                    allowed = [p for p in allowed if p.unit_key not in present]
                    if not allowed:
                        outcome.status, outcome.file_id = DUPLICATE, file_id
                        outcome.messages.append(msg("upload_duplicate_now"))
                        return outcome
                    action = "import_complete"
                    outcome.messages.append(msg("upload_completed", units=", ".join(registry.display(p.unit_key)
                                                                                    for p in allowed)))
                else:
                    again = conn.execute(select(schema.files.c.id).where(schema.files.c.sha256 == sha)).scalar()
                    if again is not None:  # another session stored the same bytes a moment ago
                        outcome.status, outcome.file_id = DUPLICATE, again
                        outcome.messages.append(msg("upload_duplicate_now"))
                        return outcome
                    action = "import"
                self._store_units(conn, registry, {p.unit_key for p in allowed}, new_kanwil)
                if known is None:
                    file_id = conn.execute(insert(schema.files).values(
                        sha256=sha, name=name[:255], path=label, size=len(data), fmt=result.fmt, kind=result.kind,
                        uploaded_by=principal.username, uploaded_at=_now(),
                        report=json.dumps(result.to_json(), ensure_ascii=False),
                        problems=problems if problems is not None else to_bytes(result.problems),
                    ).returning(schema.files.c.id)).scalar_one()
                    conn.execute(insert(schema.file_blobs).values(file_id=file_id, content=data))
                stored = self._insert_parts(conn, file_id, allowed)
                if overrides and all(self._may_change(principal, unit, kanwil_of, new_kanwil) for unit in result.units):
                    self._save_overrides(conn, sha, overrides)
                self._audit(conn, principal, action, label, {"file_id": file_id, "sha256": sha, "datasets": len(allowed),
                                                            "units": stored, "rows": result.rows,
                                                            "rejected_rows": result.rejected_rows})
                if before_commit is not None:
                    before_commit()
        except IntegrityError:  # the same bytes committed by another process between our check and insert
            known = self._file_by_hash(sha)
            if known is None:
                raise
            outcome.status, outcome.file_id = DUPLICATE, known["id"]
            outcome.messages.append(msg("upload_duplicate_now"))
            return outcome
        outcome.status, outcome.file_id, outcome.datasets = STORED, file_id, len(allowed)
        return outcome

    @staticmethod
    def _insert_parts(conn: Connection, file_id: int, parts: list[Any]) -> dict[str, list[int]]:
        """The parts as new datasets of the file; their ids per unit."""
        ids: dict[str, list[int]] = {}
        for part in parts:
            dataset_id = conn.execute(insert(schema.datasets).values(
                file_id=file_id, unit_key=part.unit_key, kind=part.kind, survey=part.survey,
                period_start=part.period_start, period_end=part.period_end, rows=part.rows,
                sheets=json.dumps(part.sheets, ensure_ascii=False), mapping=json.dumps(part.mapping, ensure_ascii=False),
            ).returning(schema.datasets.c.id)).scalar_one()
            conn.execute(insert(schema.dataset_frames), [
                {"dataset_id": dataset_id, "name": frame_name, "content": content}
                for frame_name, content in part.stored_frames().items()])
            ids.setdefault(part.unit_key, []).append(dataset_id)
        return ids

    def reread(self, principal: Principal, file_id: int, overrides: dict[str, SheetOverride],
               folders: tuple[str, ...] = (), today: date | None = None, limits: Limits = DEFAULT_LIMITS,
               unit_default: str | None = None) -> ImportOutcome:
        """Read a stored file again with the user's corrections (kind, header row, columns per sheet).

        Only a user who may open the file's bytes may do this (a correction can read any sheet as any unit). It
        replaces, in one transaction, the datasets of the units this user may change; every other unit's datasets
        stay exactly as they are, removed or not. The file's own reading (kind, report, rejected rows) changes only
        when the user may change every unit the file holds. A reading that yields nothing for the user's units
        changes nothing.
        """
        principal.require(principal.can_upload, "membaca ulang file")
        self._require_openable(principal, file_id)
        f, d = schema.files, schema.datasets
        with self.engine.connect() as conn:
            row = conn.execute(select(f.c.name, f.c.path).where(f.c.id == file_id)).mappings().one()
            data = conn.execute(select(schema.file_blobs.c.content).where(schema.file_blobs.c.file_id == file_id)).scalar_one()
        registry = self.registry(unit_default)
        sha = hashlib.sha256(data).hexdigest()
        overrides = {**self.file_overrides(sha), **overrides}  # earlier corrections of other sheets stay
        result = ingest_file(data, name=row["name"], limits=limits, registry=registry, overrides=overrides, today=today,
                             folders=folders)
        result.path = row["path"]
        outcome = ImportOutcome(result, FAILED, file_id=file_id)
        new_kanwil = principal.kanwil if principal.role == "kanwil" else self.config.kanwil
        kanwil_of = self._kanwil_of()
        parts = split_result(result)
        mine = [p for p in parts if self._may_change(principal, p.unit_key, kanwil_of, new_kanwil)]
        for unit in sorted({p.unit_key for p in parts} - {p.unit_key for p in mine}):
            outcome.messages.append(msg("upload_other_unit", unit=registry.display(unit)))
        if not mine:
            outcome.messages.append(msg("reread_nothing"))
            return outcome
        with write(self.engine) as conn:
            conn.execute(select(f.c.id).where(f.c.id == file_id).with_for_update())
            kanwil_of = self._kanwil_of(conn)
            report = json.loads(conn.execute(select(f.c.report).where(f.c.id == file_id)).scalar_one())
            old = conn.execute(select(d.c.id, d.c.unit_key).where(d.c.file_id == file_id).order_by(d.c.id)).all()
            replaced: dict[str, list[int]] = {}
            for dataset_id, unit in old:
                if self._may_change(principal, unit, kanwil_of):
                    replaced.setdefault(unit, []).append(dataset_id)
            gone = [i for ids in replaced.values() for i in ids]
            if gone:
                conn.execute(delete(schema.dataset_frames).where(schema.dataset_frames.c.dataset_id.in_(gone)))
                conn.execute(delete(d).where(d.c.id.in_(gone)))
            held = set(report["units"]) | {unit for _id, unit in old} | set(result.units)
            whole = all(self._may_change(principal, unit, kanwil_of, new_kanwil) for unit in held)
            if whole:  # the file's own reading and its lasting corrections: only who may change all of it
                conn.execute(update(f).where(f.c.id == file_id).values(
                    kind=result.kind, report=json.dumps(result.to_json(), ensure_ascii=False),
                    problems=to_bytes(result.problems)))
            self._store_units(conn, registry, {p.unit_key for p in mine}, new_kanwil)
            added = self._insert_parts(conn, file_id, mine)
            overrides_json = self._save_overrides(conn, sha, overrides) if whole else self._overrides_json(overrides)
            for unit in sorted(set(replaced) | set(added)):
                self._audit(conn, principal, "reread", row["path"], {
                    "file_id": file_id, "unit": unit, "datasets": added.get(unit, []), "replaced": replaced.get(unit, []),
                    "overrides": overrides_json, "rows": sum(p.rows for p in mine if p.unit_key == unit)})
        outcome.status, outcome.datasets = REREAD, len(mine)
        return outcome

    @staticmethod
    def _may_change(principal: Principal, unit_key: str, kanwil_of: dict[str, str | None],
                    new_kanwil: str | None = None) -> bool:
        """Whether this user may store, remove, restore or re-read the data of this unit: an admin any unit, a
        Kanwil user its Kanwil's, an operator its own, a pimpinan none. `new_kanwil`: the Kanwil a unit not
        stored yet would join."""
        return principal.can_upload and principal.sees_unit(unit_key, kanwil_of.get(unit_key, new_kanwil))

    def _completes(self, known: dict[str, Any], principal: Principal, new_kanwil: str | None) -> bool:
        """Whether this user may store units of a known file that its earlier uploads left out."""
        with self.engine.connect() as conn:
            present = set(conn.execute(select(schema.datasets.c.unit_key)
                                       .where(schema.datasets.c.file_id == known["id"])).scalars())
            kanwil_of = self._kanwil_of(conn)
        missing = set(json.loads(known["report"])["units"]) - present
        return any(self._may_change(principal, unit, kanwil_of, new_kanwil) for unit in missing)

    def _store_units(self, conn: Connection, registry: UnitRegistry, keys: set[str], kanwil: str | None) -> None:
        existing = {row.key: row for row in conn.execute(select(schema.units).where(schema.units.c.key.in_(keys)))}
        for key in sorted(keys):
            unit = registry.unit(key)
            if unit is None:
                raise RuntimeError(f"unit {key} missing from the registry")
            known = existing.get(key)
            if known is None:  # another process may add the same unit at the same moment: keep the first
                values = {"key": key, "type": unit.type, "subtype": unit.subtype, "city": unit.city,
                          "klass": unit.klass, "kanwil": kanwil, "created_at": _now()}
                dialect_insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
                conn.execute(dialect_insert(schema.units).values(**values).on_conflict_do_nothing(index_elements=["key"]))
            elif unit.klass and not known.klass:
                conn.execute(update(schema.units).where(schema.units.c.key == key).values(klass=unit.klass))

    def _stored_hashes(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(select(schema.files.c.sha256)).scalars())

    def _file_by_hash(self, sha: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.files).where(schema.files.c.sha256 == sha)).mappings().first()
            return dict(row) if row else None

    def _known_file(self, known: dict[str, Any], label: str, principal: Principal) -> ImportOutcome | None:
        """Bytes stored before that hold nothing new for this user: their removed part comes back, else they hear the
        file is there. None when no stored part of the file is theirs: then nothing may say the bytes are stored."""
        d = schema.datasets
        with self.engine.connect() as conn:
            kanwil_of = self._kanwil_of(conn)
            parts = conn.execute(select(d.c.unit_key, d.c.deleted_at).where(d.c.file_id == known["id"])).all()
        mine = [part for part in parts if self._may_change(principal, part.unit_key, kanwil_of)]
        if not mine:
            return None
        result = FileResult.from_json(json.loads(known["report"]))
        result.path = label
        uploaded = _aware(known["uploaded_at"])
        when = uploaded.astimezone().strftime("%d-%m-%Y %H:%M") if uploaded else ""
        if any(part.deleted_at is not None for part in mine):
            self.restore_file(principal, known["id"])
            return ImportOutcome(result, RESTORED, known["id"], 0, [msg("upload_restored", who=known["uploaded_by"], when=when)])
        return ImportOutcome(result, DUPLICATE, known["id"], 0, [msg("upload_duplicate", who=known["uploaded_by"], when=when)])

    # ---- reading -----------------------------------------------------------------------------

    def _dataset_table(self, conn: Connection) -> pd.DataFrame:
        d, f = schema.datasets, schema.files
        query = select(d.c.id, d.c.file_id, d.c.unit_key, d.c.kind, d.c.survey, d.c.period_start, d.c.period_end,
                       d.c.rows, f.c.name.label("file"), f.c.uploaded_by, f.c.uploaded_at,
                       d.c.deleted_at.is_not(None).label("deleted")).join(f, f.c.id == d.c.file_id).order_by(d.c.id)
        table = pd.DataFrame(conn.execute(query).mappings().all(),
                             columns=["id", "file_id", "unit_key", "kind", "survey", "period_start", "period_end", "rows",
                                      "file", "uploaded_by", "uploaded_at", "deleted"])
        table["period_start"] = table["period_start"].astype(object).where(table["period_start"].notna(), None)
        table["period_end"] = table["period_end"].astype(object).where(table["period_end"].notna(), None)
        return resolve_status(table)

    def _scope(self, principal: Principal, unit_keys: Iterable[str] | None, conn: Connection) -> set[str]:
        visible = principal.visible_units(self._kanwil_of(conn))
        if unit_keys is None:
            return visible
        wanted = set(unit_keys)
        if wanted - visible:
            raise AccessDenied(msg("unit_denied"))
        return wanted

    def dataset(self, principal: Principal, unit_keys: Iterable[str] | None = None) -> Dataset:
        """The current data of the units this user may see, shaped exactly like data read from files."""
        with self.engine.connect() as conn:
            scope = self._scope(principal, unit_keys, conn)
            table = self._dataset_table(conn)
            chosen = table.loc[(table["status"] == STATUS_CURRENT) & table["unit_key"].isin(scope)]
            frames = self._frames(conn, chosen)
            file_ids = self._files_openable(principal, conn, {int(i) for i in chosen["file_id"]})
            reports = conn.execute(select(schema.files.c.id, schema.files.c.report)
                                   .where(schema.files.c.id.in_(file_ids)).order_by(schema.files.c.id)).all()
            problems = self._problems(conn, [row.id for row in reports])
        registry = self.registry()
        frames = {name: mask_personal(name, frame, principal) for name, frame in frames.items()}
        reports_json = [json.loads(row.report) for row in reports]
        if not principal.sees_personal_data:
            reports_json = [redact_report(report, problems["value"]) for report in reports_json]
            problems = redact_problems(problems)
        files = [FileResult.from_json(report) for report in reports_json]
        return Dataset(frames, problems, registry, files)

    def _frames(self, conn: Connection, chosen: pd.DataFrame) -> dict[str, pd.DataFrame]:
        parts: dict[str, list[pd.DataFrame]] = {name: [] for name in FRAME_COLUMNS}
        if len(chosen):
            file_of = dict(zip(chosen["id"], chosen["file_id"]))
            ids = [int(i) for i in chosen["id"]]
            for start in range(0, len(ids), 500):
                rows = conn.execute(select(schema.dataset_frames).where(
                    schema.dataset_frames.c.dataset_id.in_(ids[start:start + 500])))
                for row in rows:
                    frame = from_bytes(row.content)
                    if len(frame):
                        parts[row.name].append(frame.assign(_file=file_of[row.dataset_id]))
        frames = {}
        for name, columns in FRAME_COLUMNS.items():
            if not parts[name]:
                frames[name] = pd.DataFrame(columns=columns)
                continue
            frame = pd.concat(parts[name], ignore_index=True).sort_values(["_file", POSITION], kind="stable")
            frame = frame.drop(columns=["_file", POSITION])
            if name == "survey_questions":
                frame = frame.drop_duplicates()
            frames[name] = frame.reset_index(drop=True)[columns]
        return frames

    def _problems(self, conn: Connection, file_ids: list[int]) -> pd.DataFrame:
        rows = conn.execute(select(schema.files.c.problems).where(schema.files.c.id.in_(file_ids))
                            .order_by(schema.files.c.id)).scalars().all()
        parts = [frame for frame in (from_bytes(r) for r in rows) if len(frame)]
        return pd.concat(parts, ignore_index=True) if parts else problems_frame([])

    @staticmethod
    def _openable(principal: Principal, uploaded_by: str, units: Iterable[str], sees: Callable[[str], bool]) -> bool:
        """Whether the user may open a file's bytes, reading report and rejected rows: they hold every unit's rows,
        stored or not, so only the uploader, an admin, or a user who sees every unit the file holds may."""
        return principal.is_admin or uploaded_by == principal.username or all(sees(unit) for unit in units)

    @staticmethod
    def _sees(principal: Principal, kanwil_of: dict[str, str | None]) -> Callable[[str], bool]:
        return lambda unit: principal.sees_unit(unit, kanwil_of.get(unit))

    def _files_openable(self, principal: Principal, conn: Connection, candidates: set[int] | None = None) -> list[int]:
        """Files the user may open (`_openable`): the units a file holds are those of its report and its datasets."""
        f, d = schema.files, schema.datasets
        query = select(f.c.id, f.c.uploaded_by, f.c.report)
        parts = select(d.c.file_id, d.c.unit_key)
        if candidates is not None:
            query = query.where(f.c.id.in_(candidates))
            parts = parts.where(d.c.file_id.in_(candidates))
        rows = conn.execute(query).all()
        if principal.is_admin:
            return sorted(row.id for row in rows)
        sees = self._sees(principal, self._kanwil_of(conn))
        stored: dict[int, set[str]] = {}
        for file_id, unit_key in conn.execute(parts).all():
            stored.setdefault(file_id, set()).add(unit_key)
        return sorted(row.id for row in rows if self._openable(
            principal, row.uploaded_by, set(json.loads(row.report)["units"]) | stored.get(row.id, set()), sees))

    def file_openable(self, principal: Principal, file_id: int) -> bool:
        """Whether the user may open this file's bytes, reading report and rejected rows, and read it again."""
        with self.engine.connect() as conn:
            return file_id in self._files_openable(principal, conn, {file_id})

    def versions(self, principal: Principal, unit_key: str | None = None) -> pd.DataFrame:
        """Every stored dataset of the visible units (or one unit), newest first, with its status."""
        with self.engine.connect() as conn:
            scope = self._scope(principal, None if unit_key is None else [unit_key], conn)
            table = self._dataset_table(conn)
        table = table.loc[table["unit_key"].isin(scope)].copy()
        table["uploaded_at"] = table["uploaded_at"].map(_aware)
        return table.sort_values(["uploaded_at", "id"], ascending=False).reset_index(drop=True)

    def files(self, principal: Principal) -> pd.DataFrame:
        """Stored files that hold data of a unit the user sees, or that they uploaded (removed ones too, for
        restoring), newest first, each as the user's part of it. A file shared by several units is each unit's:

        - units: the file's units the user sees; openable: the user may open the file itself (`_openable`);
        - rows: the file's accepted rows when openable, else those of the user's units; rejected_rows: openable only;
        - deleted_at / deleted_by: the latest removal when every dataset of the user's units in the file is removed;
        - active_datasets / removed_datasets: the user's units' datasets of the file, in view and removed;
        - shared: the file holds stored data of units the user does not see (a removal acts on the user's part only).
        """
        f, d = schema.files, schema.datasets
        with self.engine.connect() as conn:
            sees = self._sees(principal, self._kanwil_of(conn))
            rows = conn.execute(select(f.c.id, f.c.name, f.c.path, f.c.size, f.c.kind, f.c.uploaded_by, f.c.uploaded_at,
                                       f.c.report).order_by(f.c.id.desc())).mappings().all()
            parts = conn.execute(select(d.c.file_id, d.c.unit_key, d.c.rows, d.c.deleted_at, d.c.deleted_by)
                                 .order_by(d.c.id)).all()
        by_file: dict[int, list[Any]] = {}
        for part in parts:
            by_file.setdefault(part.file_id, []).append(part)
        records = []
        for row in rows:
            stored = by_file.get(row["id"], [])
            mine = [part for part in stored if sees(part.unit_key)]
            if not (mine or principal.is_admin or row["uploaded_by"] == principal.username):
                continue
            report = json.loads(row["report"])
            units = list(dict.fromkeys([*report["units"], *sorted({part.unit_key for part in stored})]))
            openable = self._openable(principal, row["uploaded_by"], units, sees)
            removed = [part for part in mine if part.deleted_at is not None]
            latest = max(removed, key=lambda part: _aware(part.deleted_at)) if removed and len(removed) == len(mine) else None
            records.append({key: row[key] for key in ("id", "name", "path", "size", "kind", "uploaded_by")} | {
                "uploaded_at": _aware(row["uploaded_at"]),
                "deleted_at": _aware(latest.deleted_at) if latest else None,
                "deleted_by": latest.deleted_by if latest else None,
                "rows": report["rows"] if openable else sum(part.rows for part in mine),
                "rejected_rows": report["rejected_rows"] if openable else None,
                "units": [unit for unit in units if sees(unit)], "openable": openable,
                "active_datasets": len(mine) - len(removed), "removed_datasets": len(removed),
                "shared": any(not sees(part.unit_key) for part in stored)})
        columns = ["id", "name", "path", "size", "kind", "uploaded_by", "uploaded_at", "deleted_at", "deleted_by", "rows",
                   "rejected_rows", "units", "openable", "active_datasets", "removed_datasets", "shared"]
        table = pd.DataFrame(records, columns=columns)
        for column in ("uploaded_at", "deleted_at", "deleted_by", "rejected_rows"):  # None stays None, not NaN/NaT
            table[column] = pd.Series([r[column] for r in records], index=table.index, dtype=object)
        return table

    def _require_openable(self, principal: Principal, file_id: int) -> None:
        if not self.file_openable(principal, file_id):
            raise AccessDenied(msg("file_denied"))

    def file_report(self, principal: Principal, file_id: int) -> dict[str, Any]:
        self._require_openable(principal, file_id)
        with self.engine.connect() as conn:
            report = json.loads(conn.execute(select(schema.files.c.report).where(schema.files.c.id == file_id)).scalar_one())
            if principal.sees_personal_data:
                return report
            return redact_report(report, self._problems(conn, [file_id])["value"])

    def rejected_rows(self, principal: Principal, file_id: int) -> pd.DataFrame:
        """The rows of a file that were refused or warned about, with reasons (cell values for allowed roles only)."""
        self._require_openable(principal, file_id)
        with self.engine.connect() as conn:
            problems = self._problems(conn, [file_id])
        return problems if principal.sees_personal_data else redact_problems(problems)

    def raw_file(self, principal: Principal, file_id: int) -> tuple[str, bytes]:
        """The uploaded bytes as they came; never for roles that must not see personal data."""
        principal.require(principal.sees_personal_data, "mengunduh file asli")
        self._require_openable(principal, file_id)
        with self.engine.connect() as conn:
            name = conn.execute(select(schema.files.c.name).where(schema.files.c.id == file_id)).scalar_one()
            content = conn.execute(select(schema.file_blobs.c.content).where(schema.file_blobs.c.file_id == file_id)).scalar_one()
        return name, content

    def dataset_frames(self, principal: Principal, dataset_id: int) -> dict[str, pd.DataFrame]:
        """One stored dataset's rows (any version), as the user may see them."""
        with self.engine.connect() as conn:
            table = self._dataset_table(conn)
            row = table.loc[table["id"] == dataset_id]
            if row.empty or row["unit_key"].iloc[0] not in principal.visible_units(self._kanwil_of(conn)):
                raise AccessDenied(msg("unit_denied"))
            frames = self._frames(conn, row)
        return {name: mask_personal(name, frame, principal) for name, frame in frames.items() if len(frame)}

    # ---- changes -----------------------------------------------------------------------------

    def delete_file(self, principal: Principal, file_id: int) -> None:
        """Take the user's part of an upload (the datasets of the units they may change) out of every view; its rows
        stay stored so it can be restored. Other units' parts of a shared file stay as they are."""
        principal.require(principal.can_upload, "menghapus unggahan")
        self._set_removed(principal, file_id, removed=True)

    def restore_file(self, principal: Principal, file_id: int) -> None:
        """Bring the user's removed part of an upload back into view (the datasets of the units they may change)."""
        principal.require(principal.can_upload, "memulihkan unggahan")
        self._set_removed(principal, file_id, removed=False)

    def _set_removed(self, principal: Principal, file_id: int, removed: bool) -> None:
        """One audit entry per unit changed; AccessDenied, and nothing written, when no dataset of the file is the
        user's to change."""
        d = schema.datasets
        with write(self.engine) as conn:
            kanwil_of = self._kanwil_of(conn)
            parts = conn.execute(select(d.c.id, d.c.unit_key, d.c.deleted_at).where(d.c.file_id == file_id)
                                 .order_by(d.c.id)).all()
            mine = [part for part in parts if self._may_change(principal, part.unit_key, kanwil_of)]
            if not mine:
                raise AccessDenied(msg("file_denied"))
            changing: dict[str, list[int]] = {}
            for part in mine:
                if (part.deleted_at is None) == removed:
                    changing.setdefault(part.unit_key, []).append(part.id)
            values = {"deleted_at": _now(), "deleted_by": principal.username} if removed else {"deleted_at": None,
                                                                                              "deleted_by": None}
            for unit, ids in sorted(changing.items()):
                conn.execute(update(d).where(d.c.id.in_(ids)).values(**values))
                self._audit(conn, principal, "delete" if removed else "restore", str(file_id),
                            {"file_id": file_id, "unit": unit, "datasets": ids})

    def audit_log(self, principal: Principal, limit: int = 500) -> pd.DataFrame:
        """Admins see every entry; other users see their own actions."""
        a = schema.audit_log
        query = select(a.c.id, a.c.at, a.c.actor, a.c.role, a.c.action, a.c.target, a.c.detail).order_by(a.c.id.desc()).limit(limit)
        if not principal.is_admin:
            query = query.where(a.c.actor == principal.username)
        with self.engine.connect() as conn:
            table = pd.DataFrame(conn.execute(query).mappings().all(),
                                 columns=["id", "at", "actor", "role", "action", "target", "detail"])
        table["at"] = table["at"].map(_aware)
        return table

    def _audit(self, conn: Connection, principal: Principal, action: str, target: str, detail: dict[str, Any]) -> None:
        conn.execute(insert(schema.audit_log).values(at=_now(), actor=principal.username, role=principal.role,
                                                     action=action, target=target,
                                                     detail=json.dumps(detail, ensure_ascii=False, default=str)))

    # ---- backup and export --------------------------------------------------------------------

    def backup(self, principal: Principal, target: IO[bytes]) -> dict[str, int]:
        """The whole workspace (users included) into one zip file; admins only."""
        principal.require(principal.is_admin, "membuat cadangan workspace")
        counts = write_backup(self.engine, target)
        with write(self.engine) as conn:
            self._audit(conn, principal, "backup", "", counts)
        return counts

    def restore(self, principal: Principal, source: IO[bytes]) -> dict[str, int]:
        """Replace the whole workspace with a backup; raises BackupError and changes nothing if it is bad."""
        return restore_backup(self.engine, source, principal)

    def export_dataset(self, principal: Principal, dataset_id: int) -> bytes:
        """One dataset as an Excel workbook, with its file's rejected rows when the user may see that file."""
        frames = self.dataset_frames(principal, dataset_id)
        with self.engine.connect() as conn:
            file_id = conn.execute(select(schema.datasets.c.file_id).where(schema.datasets.c.id == dataset_id)).scalar_one()
        if self.file_openable(principal, file_id):
            problems = self.rejected_rows(principal, file_id)
            if len(problems):
                frames["problems"] = problems
        return frames_to_excel(frames)

    # ---- users -------------------------------------------------------------------------------

    def add_user(self, principal: Principal, username: str, password: str, role: str, unit_key: str | None = None,
                 kanwil: str | None = None) -> None:
        principal.require(principal.is_admin, "mengelola pengguna")
        username = username.strip()
        if not username or role not in ROLES:
            raise ValueError(msg("user_invalid"))
        if role in ("operator", "pimpinan") and not unit_key:
            raise ValueError(f"peran {ROLE_LABELS[role]} memerlukan unit (--unit)")
        if role == "kanwil" and not kanwil:
            raise ValueError("peran Kanwil memerlukan nama Kanwil (--kanwil)")
        problem = auth.password_problem(password)
        if problem:
            raise ValueError(problem)
        if self._user_row(username) is not None:
            raise ValueError(f"nama pengguna '{username}' sudah dipakai")
        with write(self.engine) as conn:
            now = _now()
            conn.execute(insert(schema.users).values(username=username, password_hash=auth.hash_password(password),
                                                     role=role, unit_key=unit_key, kanwil=kanwil, active=True,
                                                     created_at=now, updated_at=now))
            self._audit(conn, principal, "user_add", username, {"role": role, "unit_key": unit_key, "kanwil": kanwil})

    def set_password(self, principal: Principal, username: str, password: str) -> None:
        """A new password (an admin's reset, or one's own); every session of that user ends with the old one."""
        principal.require(principal.is_admin or principal.username == username, "mengubah kata sandi pengguna lain")
        problem = auth.password_problem(password)
        if problem:
            raise ValueError(problem)
        if self._user_row(username) is None:
            raise ValueError(msg("user_unknown", name=username))
        with write(self.engine) as conn:
            now = _now()
            conn.execute(update(schema.users).where(schema.users.c.username == username)
                         .values(password_hash=auth.hash_password(password), updated_at=now))
            ended = sessions.end_user(conn, username, "password", now)
            self._audit(conn, principal, "user_password", username, {"sessions_ended": ended})

    def change_own_password(self, principal: Principal, current: str, password: str) -> None:
        """One's own password, after proving the current one."""
        row = self._user_row(principal.username)
        if row is None or not auth.verify_password(row["password_hash"], current):
            raise ValueError(msg("password_current_wrong"))
        if current == password:
            raise ValueError(msg("password_unchanged"))
        self.set_password(principal, principal.username, password)

    def set_active(self, principal: Principal, username: str, active: bool) -> None:
        """Deactivating ends the user's sessions at once; the account and its history stay."""
        principal.require(principal.is_admin, "mengelola pengguna")
        if self._user_row(username) is None:
            raise ValueError(msg("user_unknown", name=username))
        if not active and username == principal.username:
            raise ValueError(msg("user_self_deactivate"))
        with write(self.engine) as conn:
            now = _now()
            conn.execute(update(schema.users).where(schema.users.c.username == username)
                         .values(active=active, updated_at=now))
            ended = 0 if active else sessions.end_user(conn, username, "deactivated", now)
            self._audit(conn, principal, "user_active", username, {"active": active, "sessions_ended": ended})

    def unlock_user(self, principal: Principal, username: str) -> None:
        """Forget a name's failed logins, so its owner need not wait out the lock."""
        principal.require(principal.is_admin, "mengelola pengguna")
        if self._user_row(username) is None:
            raise ValueError(msg("user_unknown", name=username))
        with write(self.engine) as conn:
            self._audit(conn, principal, UNLOCK, username, {})

    def users(self, principal: Principal) -> pd.DataFrame:
        """Every account, with its failed logins since the last success or unlock (what "Buka kunci" clears)."""
        principal.require(principal.is_admin, "melihat daftar pengguna")
        u = schema.users
        with self.engine.connect() as conn:
            rows = conn.execute(select(u.c.username, u.c.role, u.c.unit_key, u.c.kanwil, u.c.active, u.c.updated_at)
                                .order_by(u.c.username)).mappings().all()
            failed = [self._recent_failures(conn, row["username"], "").name for row in rows]
        table = pd.DataFrame(rows, columns=["username", "role", "unit_key", "kanwil", "active", "updated_at"])
        table["failed_logins"] = pd.Series(failed, dtype="int64")
        return table

    def user_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(schema.users)).scalar_one()

    def _user_row(self, username: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.users).where(schema.users.c.username == username)).mappings().first()
        return dict(row) if row else None

    @staticmethod
    def _principal(row: dict[str, Any]) -> Principal:
        return Principal(row["username"], row["role"], row["unit_key"], row["kanwil"])

    def authenticate(self, username: str, password: str, address: str = "") -> Principal | None:
        """The user behind a login form, or None; every attempt is audited with the address it came from.

        After LOCK_AFTER failures within LOCK_MINUTES a name is refused from that address, and an address
        with ADDRESS_LOCK_AFTER failures (any names) is refused (an IPv6 address counts by its /64); a name
        failing from elsewhere is slowed, never locked, so nobody can lock an admin out from outside: its
        password is checked at most once per SLOW_SECONDS, however many attempts arrive at once. The attempt is counted before its
        password is checked, in one locked transaction, so concurrent guesses cannot pass the limit. An
        unknown name costs the same password check as a known one.
        """
        name, where = username.strip()[:120], auth.address_key(address)
        row = self._user_row(name)
        a = schema.audit_log
        with write(self.engine) as conn:
            if conn.dialect.name == "postgresql":  # SQLite's write lock is taken up front already
                conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": "login"})
            failures = self._recent_failures(conn, name, where)
            locked = failures.pair >= auth.LOCK_AFTER or failures.address >= auth.ADDRESS_LOCK_AFTER
            now = _now()
            slot = now
            if not locked and failures.name >= auth.LOCK_AFTER:  # a name guessed from many places: one check per
                slot = max(now, _aware(failures.last_checked) or now) + timedelta(seconds=auth.SLOW_SECONDS)  # slot
            attempt = conn.execute(insert(a).values(
                at=slot, actor=name or "?", role=row["role"] if row else "", target=name, detail="{}", address=where,
                action="login_locked" if locked else "login_failed").returning(a.c.id)).scalar_one()
        if locked:
            return None
        time.sleep(max(0.0, (slot - _now()).total_seconds()))  # slowed, never locked, however many ask at once
        checked = auth.verify_password(row["password_hash"] if row else auth.dummy_hash(), password)
        ok = checked and row is not None and row["active"]
        if ok:
            with write(self.engine) as conn:
                conn.execute(update(a).where(a.c.id == attempt).values(action="login"))
        return self._principal(row) if ok and row else None

    @staticmethod
    def _recent_failures(conn: Connection, username: str, address: str) -> _Failures:
        """Failed logins within LOCK_MINUTES since the name's last success or unlock: of the name from this address, of
        the name from anywhere, and from this address for any name."""
        a = schema.audit_log
        since = _now() - timedelta(minutes=auth.LOCK_MINUTES)
        last_ok = conn.execute(select(func.max(a.c.id)).where(a.c.target == username,
                                                              a.c.action.in_(("login", UNLOCK)))).scalar() or 0
        failed = (a.c.action == "login_failed") & (a.c.at >= since)
        of_name = failed & (a.c.target == username) & (a.c.id > last_ok)
        same_address = func.coalesce(a.c.address, "") == address
        count = select(func.count()).select_from(a)
        checked = (a.c.target == username) & a.c.action.in_(("login_failed", "login"))
        return _Failures(conn.execute(count.where(of_name & same_address)).scalar_one(),
                         conn.execute(count.where(of_name)).scalar_one(),
                         conn.execute(count.where(failed & same_address)).scalar_one(),
                         conn.execute(select(func.max(a.c.at)).where(checked)).scalar())

    def start_session(self, principal: Principal, address: str = "") -> tuple[int, str]:
        """A server-side session for a user just authenticated, and the one-use ticket for its cookie."""
        with write(self.engine) as conn:
            return sessions.start(conn, self.config.cookie_secret, principal.username, (address or "").strip(), _now())

    def redeem_ticket(self, ticket: str) -> str | None:
        """The session cookie for a fresh login's ticket (once, within a minute); None otherwise."""
        if not (self.config.login_required and isinstance(ticket, str) and ticket):
            return None
        with write(self.engine) as conn:
            return sessions.redeem(conn, self.config.cookie_secret, ticket, _now())

    def session_from_cookie(self, token: str) -> int | None:
        """The live session a browser's cookie belongs to; None in laptop mode, for an ended session or garbage."""
        if not (self.config.login_required and isinstance(token, str) and token):
            return None
        with self.engine.connect() as conn:
            return sessions.by_cookie(conn, self.config.cookie_secret, token, _now())

    def session_principal(self, session_id: int) -> Principal | None:
        """Who a session is, asked on every rerun: None once it ended, expired or its user was deactivated."""
        with self.engine.connect() as conn:
            row = sessions.user_of(conn, session_id, _now())
        return self._principal(row) if row else None

    def end_session(self, principal: Principal, session_id: int) -> None:
        """ "Keluar": this session ends, in every tab and for every copy of its cookie."""
        with write(self.engine) as conn:
            sessions.end(conn, session_id, "logout", _now())
            self._audit(conn, principal, "logout", principal.username, {"session": session_id})

    # ---- workspace facts ---------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)).scalar()

    def set_meta(self, principal: Principal, key: str, value: str) -> None:
        with write(self.engine) as conn:
            conn.execute(delete(schema.meta).where(schema.meta.c.key == key))
            conn.execute(insert(schema.meta).values(key=key, value=value))
            self._audit(conn, principal, "meta", key, {"value": value})

    def data_version(self) -> str:
        """Changes whenever anything stored changes (every change writes the audit log): a cache key."""
        with self.engine.connect() as conn:
            newest = conn.execute(select(func.max(schema.audit_log.c.id), func.max(schema.audit_log.c.at),
                                         func.count()).select_from(schema.audit_log)).one()
        return "|".join(str(v) for v in newest)

    def file_count(self, except_uploader: str | None = None) -> int:
        query = select(func.count()).select_from(schema.files)
        if except_uploader is not None:
            query = query.where(schema.files.c.uploaded_by != except_uploader)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

