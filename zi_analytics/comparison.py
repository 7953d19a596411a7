"""Every unit's comparison figures, computed once per change and read back as one row per unit.

A page comparing units (a Kanwil's forty, or every UPT in the country) must not read every unit's tables and
recompute them at each visit: that grows faster than the data. So each unit's figures (its `build_summary`
entry: readiness per predicate with every check, area figures, survey indices, complaint KPIs, freshness,
basis, and the predicate it holds) are stored with the version of the unit's data and of the settings that
apply to it. A unit whose data or settings changed since is computed again, a few units at a time, and stored;
every other unit is one row. The unit pages keep computing from the data: they need the detail.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from concurrent.futures import as_completed
from datetime import date
from typing import Any

from .pool import worker_count, worker_pool
from .settings import Settings, uploaded_predicates
from .store import Principal, Workspace
from .summary import build_summary

SYSTEM = Principal("angka-perbandingan", "admin")  # computes for every unit; what a user reads is filtered by its role
TRIMMED = ("trace", "forecast", "lke")  # detail of the unit pages no comparison shows
CHUNK = 8  # units read and computed together: bounded memory, a progress step every few seconds


def settings_version(settings: Settings, unit_key: str) -> str:
    """Changes when a rule for every unit or this unit's own inputs change; not when another unit's do."""
    common = settings.model_copy(update={"units": {}, "sharing_off": []}).to_text()
    return hashlib.sha256(f"{common}|{settings.unit(unit_key).model_dump_json()}".encode()).hexdigest()[:32]


def trimmed(entry: dict[str, Any], held: str) -> dict[str, Any]:
    readiness = {key: value for key, value in entry["readiness"].items() if key not in TRIMMED}
    return entry | {"readiness": readiness, "held": held}


def compute(ws: Workspace, settings: Settings, as_of: date, unit_keys: list[str]) -> dict[str, dict[str, Any]]:
    """The figures of these units from their stored data, as the unit pages compute them."""
    dataset = ws.dataset(SYSTEM, unit_keys, with_files=False)
    unit_settings = settings.with_records(uploaded_predicates(dataset.frames["predicates"]))
    present = set(dataset.unit_keys)
    keys = [key for key in unit_keys if key in present]
    summary = build_summary(dataset, as_of, unit_keys=keys, options=unit_settings.options)
    held = unit_settings.held()
    return {entry["key"]: trimmed(entry, held.get(entry["key"], "")) for entry in summary["units"]}


def _wanted(ws: Workspace, principal: Principal, settings: Settings,
            unit_keys: Iterable[str] | None) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """The units with data the principal may see (or `unit_keys` among them), in the order of `Workspace.units`,
    with each one's data and settings versions."""
    visible = list(ws.units(principal)["key"])
    if unit_keys is not None:
        wanted = set(unit_keys)
        visible = [key for key in visible if key in wanted]
    versions = ws.unit_versions(visible)
    keys = [key for key in visible if key in versions]
    return keys, versions, {key: settings_version(settings, key) for key in keys}


def outdated(ws: Workspace, principal: Principal, settings: Settings, as_of: date,
             unit_keys: Iterable[str] | None = None) -> list[str]:
    """The units whose stored figures for `as_of` are missing or older than their data or settings."""
    return _outdated(ws, principal, settings, as_of, *_wanted(ws, principal, settings, unit_keys))


def _outdated(ws: Workspace, principal: Principal, settings: Settings, as_of: date, keys: list[str],
              versions: dict[str, str], wanted: dict[str, str]) -> list[str]:
    stored = ws.figure_versions(principal, as_of, keys)
    return [key for key in keys if stored.get(key) != (versions[key], wanted[key])]


def refresh(ws: Workspace, settings: Settings, as_of: date, unit_keys: list[str],
            progress: Callable[[int, int], None] | None = None, workers: int | None = None) -> None:
    """Compute and store the figures of these units, a few at a time; `progress(done, total)` follows. Many
    units are computed by worker processes (`pool.worker_pool`), each reading and storing its own: the app's
    own process stays free for the other users meanwhile."""
    versions = ws.unit_versions(unit_keys)
    keys = [key for key in unit_keys if key in versions]
    parts = [keys[start:start + CHUNK] for start in range(0, len(keys), CHUNK)]
    workers = workers if workers is not None else worker_count(len(parts))
    done = 0
    if workers > 1:
        text = settings.to_text()
        with worker_pool(workers) as pool:
            for finished in as_completed([pool.submit(_refresh_part, ws.config.database_url, text, as_of, part) for part in parts]):
                done += finished.result()
                if progress is not None:
                    progress(done, len(keys))
        return
    for part in parts:
        _store(ws, settings, as_of, part, versions)
        done += len(part)
        if progress is not None:
            progress(done, len(keys))


def _store(ws: Workspace, settings: Settings, as_of: date, part: list[str], versions: dict[str, str]) -> None:
    computed = compute(ws, settings, as_of, part)
    empty = {"key": None}  # a unit whose every dataset was removed: nothing to compare, remembered as such
    ws.store_figures(as_of, [(key, versions[key], settings_version(settings, key), computed.get(key, empty)) for key in part])


_WORKER_WORKSPACE: dict[str, Workspace] = {}


def _refresh_part(database_url: str, settings_text: str, as_of: date, part: list[str]) -> int:
    """In a worker process: the figures of these units, stored; the workspace is opened once per worker."""
    ws = _WORKER_WORKSPACE.get(database_url)
    if ws is None:
        ws = _WORKER_WORKSPACE[database_url] = Workspace.open(database_url)
    _store(ws, Settings.from_text(settings_text), as_of, part, ws.unit_versions(part))
    return len(part)


def comparison_units(ws: Workspace, principal: Principal, settings: Settings, as_of: date,
                     progress: Callable[[int, int], None] | None = None,
                     unit_keys: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """The figures of every unit with data the principal may see (or of `unit_keys` among them), in the order
    of `Workspace.units`: outdated ones computed and stored first, then all read back."""
    keys, versions, wanted = _wanted(ws, principal, settings, unit_keys)
    stale = _outdated(ws, principal, settings, as_of, keys, versions, wanted)
    if stale:
        refresh(ws, settings, as_of, stale, progress)
    stored = ws.stored_figures(principal, as_of, keys)
    return [stored[key][2] for key in keys if key in stored and stored[key][2].get("key") == key]
