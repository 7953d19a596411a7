"""Storing uploads: a file's bytes, its reading and its datasets per unit, once per distinct content.

The store does not read files: the services (`zi_analytics.services`) read them with the reading layer and
hand the store the result, split into per-unit parts (`split.py`). Here is only what is kept, who may keep
it, and what an upload of bytes already stored means for this user.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..ingest import FileResult, SheetOverride
from ..messages import msg
from ..normalize.units import UnitRegistry
from . import schema
from .access import Principal
from .base import aware, utc_now
from .datasets import DatasetStore
from .engine import write
from .frames import to_bytes
from .removal import RemovalStore
from .split import DatasetPart

OVERRIDES = "ov:"  # meta key prefix, then a file's sha256 (cut to the key's 60 letters): its reading's corrections

STORED, DUPLICATE, RESTORED, FAILED, DENIED, REREAD = "stored", "duplicate", "restored", "failed", "denied", "reread"


@dataclass
class Stored:
    """What the store did with an upload or a re-reading: a status above, the file, how many datasets it added,
    and what to tell the user. `report` is the stored reading, when the answer is about bytes stored before."""

    status: str
    file_id: int | None = None
    datasets: int = 0
    messages: list[str] = field(default_factory=list)
    report: dict[str, Any] | None = None


@dataclass(frozen=True)
class PriorUpload:
    """What the store already holds of some bytes, as this user may know it.

    `known`: the stored file row, or None for bytes never seen. `answer`: set when the bytes hold nothing new for
    this user (they are told the file is there, or their removed part comes back). `saved_reading`: whether
    they are read with the corrections kept for them."""

    known: dict[str, Any] | None = None
    answer: Stored | None = None
    saved_reading: bool = False


def _overrides_key(sha: str) -> str:
    return OVERRIDES + sha[:56]


class UploadStore(DatasetStore, RemovalStore):

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

    def _completes(self, known: dict[str, Any], principal: Principal, new_kanwil: str | None) -> bool:
        """Whether this user may store units of a known file that its earlier uploads left out."""
        with self.engine.connect() as conn:
            present = set(conn.execute(select(schema.datasets.c.unit_key)
                                       .where(schema.datasets.c.file_id == known["id"])).scalars())
            kanwil_of = self._kanwil_of(conn)
        missing = set(json.loads(known["report"])["units"]) - present
        return any(self._may_change(principal, unit, kanwil_of, new_kanwil) for unit in missing)

    def stored_hashes(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(select(schema.files.c.sha256)).scalars())

    def _file_by_hash(self, sha: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.files).where(schema.files.c.sha256 == sha)).mappings().first()
            return dict(row) if row else None

    def prior_upload(self, sha: str, principal: Principal, new_kanwil: str | None) -> PriorUpload:
        """Bytes stored before are read with their kept corrections, unless only other units hold them: then
        nothing may say they are stored, and they are read as bytes never seen (issue 24)."""
        known = self._file_by_hash(sha)
        if known is None:
            return PriorUpload()
        if self._completes(known, principal, new_kanwil):
            return PriorUpload(known, saved_reading=True)
        answer = self._known_file(known, principal)
        return PriorUpload(known, answer, saved_reading=answer is not None)

    def _known_file(self, known: dict[str, Any], principal: Principal) -> Stored | None:
        """Bytes stored before that hold nothing new for this user: their removed part comes back, else they hear the
        file is there. None when no stored part of the file is theirs."""
        d = schema.datasets
        with self.engine.connect() as conn:
            kanwil_of = self._kanwil_of(conn)
            parts = conn.execute(select(d.c.unit_key, d.c.deleted_at).where(d.c.file_id == known["id"])).all()
        mine = [part for part in parts if self._may_change(principal, part.unit_key, kanwil_of)]
        if not mine:
            return None
        report = json.loads(known["report"])
        uploaded = aware(known["uploaded_at"])
        when = uploaded.astimezone().strftime("%d-%m-%Y %H:%M") if uploaded else ""
        if any(part.deleted_at is not None for part in mine):
            self.restore_file(principal, known["id"])
            return Stored(RESTORED, known["id"], 0, [msg("upload_restored", who=known["uploaded_by"], when=when)], report)
        return Stored(DUPLICATE, known["id"], 0, [msg("upload_duplicate", who=known["uploaded_by"], when=when)], report)

    def store_upload(self, data: bytes, name: str, label: str, result: FileResult, parts: list[DatasetPart],
                     principal: Principal, registry: UnitRegistry, prior: PriorUpload, new_kanwil: str | None, *,
                     sha: str, overrides: dict[str, SheetOverride] | None = None, problems: bytes | None = None,
                     before_commit: Callable[[], None] | None = None) -> Stored:
        """Store the parts of the units this user may change, entirely or not at all.

        `problems` is the rejected rows already encoded (by a worker), else they are encoded here.
        `before_commit` runs inside the transaction, after every row is written (tests kill the process there).
        """
        outcome = Stored(FAILED)
        kanwil_of = self._kanwil_of() if principal.role == "kanwil" else {}  # only a Kanwil user's view depends on it
        allowed = [p for p in parts if principal.sees_unit(p.unit_key, kanwil_of.get(p.unit_key, new_kanwil))]
        for unit in sorted({p.unit_key for p in parts} - {p.unit_key for p in allowed}):
            outcome.messages.append(msg("upload_other_unit", unit=registry.display(unit)))
        if not allowed:
            outcome.status = DENIED
            return outcome
        known = prior.known
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
                        uploaded_by=principal.username, uploaded_at=utc_now(),
                        report=json.dumps(result.to_json(), ensure_ascii=False),
                        problems=problems if problems is not None else to_bytes(result.problems),
                    ).returning(schema.files.c.id)).scalar_one()
                    conn.execute(insert(schema.file_blobs).values(file_id=file_id, content=data))
                stored = self._insert_parts(conn, file_id, allowed)
                if overrides and self._may_change_all(principal, result.units, kanwil_of, new_kanwil):
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
    def _insert_parts(conn: Connection, file_id: int, parts: list[DatasetPart]) -> dict[str, list[int]]:
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

    def stored_upload(self, principal: Principal, file_id: int) -> tuple[str, str, bytes]:
        """A stored file's name, path and bytes, to read again: only for a user who may upload and open the file (a
        correction can read any sheet as any unit)."""
        principal.require(principal.can_upload, "membaca ulang file")
        self._require_openable(principal, file_id)
        f = schema.files
        with self.engine.connect() as conn:
            row = conn.execute(select(f.c.name, f.c.path).where(f.c.id == file_id)).mappings().one()
            data = conn.execute(select(schema.file_blobs.c.content).where(schema.file_blobs.c.file_id == file_id)).scalar_one()
        return row["name"], row["path"], data

    def replace_reading(self, principal: Principal, file_id: int, sha: str, result: FileResult, parts: list[DatasetPart],
                        overrides: dict[str, SheetOverride], registry: UnitRegistry) -> Stored:
        """A new reading of a stored file, with the user's corrections, in one transaction.

        It replaces the datasets of the units this user may change; every other unit's datasets stay exactly as they
        are, removed or not. The file's own reading (kind, report, rejected rows) changes only when the user may
        change every unit the file holds. A reading that yields nothing for the user's units changes nothing.
        """
        f, d = schema.files, schema.datasets
        outcome = Stored(FAILED, file_id)
        new_kanwil = self.kanwil_for_new_units(principal)
        kanwil_of = self._kanwil_of()
        mine = [p for p in parts if self._may_change(principal, p.unit_key, kanwil_of, new_kanwil)]
        for unit in sorted({p.unit_key for p in parts} - {p.unit_key for p in mine}):
            outcome.messages.append(msg("upload_other_unit", unit=registry.display(unit)))
        if not mine:
            outcome.messages.append(msg("reread_nothing"))
            return outcome
        with write(self.engine) as conn:
            conn.execute(select(f.c.id).where(f.c.id == file_id).with_for_update())
            kanwil_of = self._kanwil_of(conn)
            row = conn.execute(select(f.c.path, f.c.report).where(f.c.id == file_id)).mappings().one()
            report = json.loads(row["report"])
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
            whole = self._may_change_all(principal, held, kanwil_of, new_kanwil)
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
