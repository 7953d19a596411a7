"""Widgets more than one page draws: the verdict banner and the download of a table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..readiness import Readiness
from ..store.export import csv_bytes


def verdict_banner(result: Readiness, predicate: str) -> None:
    """A verdict that reads without colour: an icon and a word, plus the count of open criteria."""
    checks = result.checks[predicate]
    failing = [c for c in checks if not c.passed]
    name = predicate.upper()
    if not failing:
        st.success(f"**{name}: SIAP** — memenuhi semua {len(checks)} kriteria.", icon=":material/verified:")
    else:
        st.error(f"**{name}: BELUM SIAP** — {len(failing)} dari {len(checks)} kriteria belum terpenuhi.",
                 icon=":material/cancel:")


def csv_download(table: pd.DataFrame, label: str, file_name: str, key: str) -> None:
    """A table as the CSV of `store.export.csv_bytes` (what Excel in Indonesia opens; formulas defused)."""
    st.download_button(label, csv_bytes(table), file_name=file_name, mime="text/csv", key=key, icon=":material/download:")
