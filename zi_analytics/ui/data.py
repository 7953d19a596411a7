"""The workspace for the pages: opened once per process, seeded on first start, read per user.

Reads are cached per user and per data version (see Workspace.data_version), so a rerun costs one
small query, and an upload in one browser tab shows in every other tab at its next rerun.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from ..dataset import Dataset
from ..store import ConfigError, Principal, Workspace, load_config
from ..store.seed import ensure_seeded
from ..summary import build_summary


@st.cache_resource(show_spinner="Menyiapkan workspace dan data contoh…")
def _open(database_url: str) -> Workspace:
    workspace = Workspace.open(database_url)
    ensure_seeded(workspace)
    return workspace


def workspace() -> Workspace:
    """The workspace named by the settings; a bad setting stops the page with an Indonesian message."""
    try:
        return _open(load_config().database_url)
    except ConfigError as exc:
        st.error(f"Pengaturan workspace tidak valid: {exc}")
        st.stop()
        raise


@st.cache_resource(show_spinner="Membaca data…", max_entries=64)
def _dataset(_workspace: Workspace, database_url: str, user: Principal, version: str) -> Dataset:
    return _workspace.dataset(user)


def user_dataset(user: Principal) -> Dataset:
    """Every current row of the units this user may see."""
    ws = workspace()
    return _dataset(ws, ws.config.database_url, user, ws.data_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _summary(_workspace: Workspace, database_url: str, user: Principal, version: str, as_of: date) -> dict:
    return build_summary(_dataset(_workspace, database_url, user, version), as_of)


def user_summary(user: Principal, as_of: date) -> dict:
    ws = workspace()
    return _summary(ws, ws.config.database_url, user, ws.data_version(), as_of)
