"""A fresh workspace starts with the bundled sample data, so a newcomer sees a full dashboard at once."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from ..store import Principal, Workspace
from ..store.config import APP_DIR
from .importing import import_paths

SAMPLE_DIR = APP_DIR / "sample_data"
SAMPLE_KANWIL = "Jawa Timur"
SAMPLE_USER = Principal("data-contoh", "admin")
SEEDED_KEY = "sample_seeded_at"
SAMPLE_VISITS = SAMPLE_DIR / "visits.json"


def ensure_seeded(workspace: Workspace) -> bool:
    """Store the sample data (its files, then the studi tiru visits its Pokja recorded) once in an empty
    workspace; never again after (deleting it stays deleted).

    A first start killed halfway left some sample files and no mark: the next start stores the rest (the
    ones already there are recognised by their bytes), unless someone has uploaded a file of their own since.
    """
    if (not workspace.config.seed_sample or workspace.get_meta(SEEDED_KEY)
            or workspace.file_count(except_uploader=SAMPLE_USER.username)):
        return False
    import_paths(workspace, [SAMPLE_DIR], SAMPLE_USER, kanwil=SAMPLE_KANWIL, relative_to=APP_DIR)
    for visit in json.loads(SAMPLE_VISITS.read_text(encoding="utf-8")) if SAMPLE_VISITS.is_file() else []:
        day, made = date.fromisoformat(visit["date"]), workspace.visits(SAMPLE_USER, visit["visitor"])
        if not ((made["host_key"] == visit["host"]) & (made["visit_date"] == day)).any():  # a start killed halfway
            workspace.record_visit(SAMPLE_USER, visit["host"], visit["visitor"], day, visit["areas"], visit["adopted"])
    workspace.set_meta(SAMPLE_USER, SEEDED_KEY, datetime.now(UTC).isoformat())
    return True
