"""Importing: files read by the reading layer, then kept by the store, one transaction per file."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import IngestError
from ..ingest import FileResult, SheetOverride, batch_name_units, expand_with_folders, ingest_file, read_file_bytes
from ..limits import DEFAULT_LIMITS, Limits
from ..messages import msg
from ..normalize.units import UnitId
from ..pool import Job, Read, read_in_order, worker_count
from ..store import DENIED, FAILED, Principal, Workspace
from ..store.split import encoded_parts, split_result


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


def import_paths(workspace: Workspace, paths: Iterable[str | Path], principal: Principal, kanwil: str | None = None,
                 today: date | None = None, limits: Limits = DEFAULT_LIMITS, relative_to: Path | None = None,
                 workers: int | None = None, unit_default: str | None = None) -> list[ImportOutcome]:
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
        snapshot = workspace.registry(unit_default, hints) if workers > 1 else None
        stored = workspace.stored_hashes() if workers > 1 else set()
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
        outcome = import_bytes(workspace, data, path.name, principal, path_label=label, folders=folders, kanwil=kanwil,
                               today=today, limits=limits, prepared=read, unit_default=unit_default, hints=hints)
        outcome.result.frames = {}
        outcomes.append(outcome)
    for raw in missing:
        result = FileResult(path=raw, errors=[msg("unreadable", detail="file atau folder tidak ditemukan")])
        outcomes.append(ImportOutcome(result, FAILED))
    return outcomes


def import_bytes(workspace: Workspace, data: bytes, name: str, principal: Principal, *, path_label: str | None = None,
                 folders: tuple[str, ...] = (), overrides: dict[str, SheetOverride] | None = None,
                 kanwil: str | None = None, today: date | None = None, limits: Limits = DEFAULT_LIMITS,
                 before_commit: Callable[[], None] | None = None, prepared: Read | None = None,
                 unit_default: str | None = None, hints: tuple[UnitId, ...] = ()) -> ImportOutcome:
    """Store one file entirely or not at all; the same bytes again change nothing.

    `kanwil` is given to units this file brings for the first time (a kanwil user's own Kanwil wins).
    `before_commit` runs inside the store's transaction, after every row is written (tests kill the process there).
    `prepared` is a worker's reading of the file; it is used when it read these very bytes and its units
    resolve as they would here.
    """
    label = path_label or name
    if not principal.can_upload:
        return ImportOutcome(FileResult(path=label, errors=[msg("upload_denied")]), DENIED)
    sha = hashlib.sha256(data).hexdigest()
    new_kanwil = workspace.kanwil_for_new_units(principal, kanwil)
    prior = workspace.prior_upload(sha, principal, new_kanwil)
    if prior.answer is not None:
        shown = FileResult.from_json(prior.answer.report or {})
        shown.path = label
        return ImportOutcome(shown, prior.answer.status, prior.answer.file_id, 0, prior.answer.messages)
    registry = workspace.registry(unit_default, hints)
    if not overrides and prior.saved_reading:  # a correction lasts: bytes stored before read as corrected
        overrides = workspace.file_overrides(sha) or None
    problems: bytes | None = None
    if (prepared is not None and prepared.parts is not None and prepared.result.sha256 == sha and not overrides
            and registry.replay(prepared.asked)):
        result, parts, problems = prepared.result, prepared.parts, prepared.problems
    else:
        result = ingest_file(data, name=name, limits=limits, registry=registry, overrides=overrides,
                             today=today, folders=folders)
        parts = split_result(result)
    result.path = label
    if not parts:
        return ImportOutcome(result, FAILED)
    stored = workspace.store_upload(data, name, label, result, parts, principal, registry, prior, new_kanwil, sha=sha,
                                    overrides=overrides, problems=problems, before_commit=before_commit)
    return ImportOutcome(result, stored.status, stored.file_id, stored.datasets, stored.messages)
