"""The workspace for the pages: opened once per process, seeded on first start, read per user.

Reads are cached per user and per data version (see Workspace.data_version), so a rerun costs one
small query, and an upload in one browser tab shows in every other tab at its next rerun.
"""

from __future__ import annotations

import streamlit as st

from ..dataset import Dataset
from ..ingest import FileResult
from ..store import ConfigError, Principal, Workspace, load_config
from ..services import ensure_seeded
from ..settings import seed_sample_settings
from .escape import md


@st.cache_resource(show_spinner="Menyiapkan workspace dan data contoh…")
def _open(database_url: str) -> Workspace:
    workspace = Workspace.open(database_url)
    if ensure_seeded(workspace):
        seed_sample_settings(workspace)
    return workspace


def workspace() -> Workspace:
    """The workspace named by the settings; a bad setting stops the page with an Indonesian message."""
    try:
        return _open(load_config().database_url)
    except ConfigError as exc:
        st.error(f"Pengaturan workspace tidak valid: {md(exc)}")
        st.stop()
        raise


@st.cache_resource(show_spinner="Membaca data…", max_entries=64)
def cached_dataset(_workspace: Workspace, database_url: str, user: Principal, version: str,
                   unit_keys: tuple[str, ...] | None = None) -> Dataset:
    """The current rows of the units this user may see, or of `unit_keys` among them (a unit page's one unit)."""
    return _workspace.dataset(user, unit_keys)


@st.cache_resource(show_spinner="Membaca laporan file…", max_entries=16)
def _current_files(_workspace: Workspace, database_url: str, user: Principal, version: str) -> list[FileResult]:
    return _workspace.current_files(user)


def current_files(user: Principal) -> list[FileResult]:
    """The readings of the files whose data is in use, for the units this user may see."""
    ws = workspace()
    return _current_files(ws, ws.config.database_url, user, ws.data_version())
