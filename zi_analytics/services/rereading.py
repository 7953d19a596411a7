"""Re-reading: a stored file read again with a person's corrections, then its datasets replaced by the store."""

from __future__ import annotations

import hashlib
from datetime import date

from ..ingest import SheetOverride, ingest_file
from ..limits import DEFAULT_LIMITS, Limits
from ..store import Principal, Workspace
from ..store.split import split_result
from .importing import ImportOutcome


def reread(workspace: Workspace, principal: Principal, file_id: int, overrides: dict[str, SheetOverride],
           folders: tuple[str, ...] = (), today: date | None = None, limits: Limits = DEFAULT_LIMITS,
           unit_default: str | None = None) -> ImportOutcome:
    """Read a stored file again with the user's corrections (kind, header row, columns per sheet).

    Only a user who may open the file's bytes may do this. Earlier corrections of other sheets stay. What the
    new reading replaces, and for which units, is the store's rule (`UploadStore.replace_reading`).
    """
    name, path, data = workspace.stored_upload(principal, file_id)
    registry = workspace.registry(unit_default)
    sha = hashlib.sha256(data).hexdigest()
    overrides = {**workspace.file_overrides(sha), **overrides}
    result = ingest_file(data, name=name, limits=limits, registry=registry, overrides=overrides, today=today,
                         folders=folders)
    result.path = path
    stored = workspace.replace_reading(principal, file_id, sha, result, split_result(result), overrides, registry)
    return ImportOutcome(result, stored.status, file_id, stored.datasets, stored.messages)
