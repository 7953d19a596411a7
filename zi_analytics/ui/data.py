"""Loading the workspace for the pages, cached so a rerun does not re-read files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st

from ..dataset import Dataset, combine
from ..ingest import expand_paths, ingest_paths
from ..summary import build_summary

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    files, _ = expand_paths([folder])
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


@st.cache_resource(show_spinner="Membaca data contoh…")
def _load(folder: str, signature: tuple[tuple[str, int, int], ...], today: date) -> Dataset:
    results, registry = ingest_paths([folder], today=today)
    return combine(results, registry)


def sample_dataset() -> Dataset:
    """The bundled sample data, re-read only when a sample file changes."""
    today = date.today()
    return _load(str(SAMPLE_DIR), _signature(SAMPLE_DIR), today)


@st.cache_data(show_spinner=False)
def _summary(folder: str, signature: tuple[tuple[str, int, int], ...], as_of: date) -> dict:
    return build_summary(_load(folder, signature, as_of), as_of)


def sample_summary(as_of: date) -> dict:
    return _summary(str(SAMPLE_DIR), _signature(SAMPLE_DIR), as_of)
