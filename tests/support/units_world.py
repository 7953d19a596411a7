"""A server-mode workspace whose units are known from one small action plan each: what the ownership and
visits tests start from."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from conftest import write_xlsx
from zi_analytics.services import import_bytes
from zi_analytics.store import LAPTOP_USER, Workspace
from zi_analytics.store.config import WorkspaceConfig


def plan(folder: Path, title: str) -> Path:
    """One activity of the unit the title names, 10 % done."""
    rows = [[title], ["Kegiatan", "Area Perubahan", "PIC", "Target", "Progres"],
            ["Penetapan Tim Pokja", "Manajemen Perubahan", "KPLP", "Januari 2026", "10%"]]
    return write_xlsx(folder / f"{title}.xlsx", {"RA": rows})


def server_workspace(db_url: str, folder: Path, titles: Iterable[str], today: date) -> Workspace:
    """Server mode, the units of `titles` stored in Kanwil Jawa Timur."""
    workspace = Workspace.open(config=WorkspaceConfig(database_url=db_url, mode="server", cookie_secret="x" * 40))
    for title in titles:
        path = plan(folder, title)
        outcome = import_bytes(workspace, path.read_bytes(), path.name, LAPTOP_USER, kanwil="Jawa Timur", today=today)
        assert outcome.status == "stored", outcome.messages
    return workspace
