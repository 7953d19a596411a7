"""A fresh workspace starts with the bundled sample data, so a newcomer sees a full dashboard at once."""

from __future__ import annotations

from datetime import UTC, datetime

from ..store import Principal, Workspace
from ..store.config import APP_DIR
from .importing import import_paths

SAMPLE_DIR = APP_DIR / "sample_data"
SAMPLE_KANWIL = "Jawa Timur"
SAMPLE_USER = Principal("data-contoh", "admin")
SEEDED_KEY = "sample_seeded_at"


def ensure_seeded(workspace: Workspace) -> bool:
    """Store the sample data once in an empty workspace; never again after (deleting it stays deleted).

    A first start killed halfway left some sample files and no mark: the next start stores the rest (the
    ones already there are recognised by their bytes), unless someone has uploaded a file of their own since.
    """
    if (not workspace.config.seed_sample or workspace.get_meta(SEEDED_KEY)
            or workspace.file_count(except_uploader=SAMPLE_USER.username)):
        return False
    import_paths(workspace, [SAMPLE_DIR], SAMPLE_USER, kanwil=SAMPLE_KANWIL, relative_to=APP_DIR)
    workspace.set_meta(SAMPLE_USER, SEEDED_KEY, datetime.now(UTC).isoformat())
    return True
