"""Readiness as tables for people: Indonesian column names and number formats (pages and exports)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import formatting as fmt
from .checks import Check
from .trace import Trace


def _value(value: Any, check_id: str, typed: bool) -> Any:
    """Text for a page; for a spreadsheet (`typed`) the number itself, a percentage as `fmt.Percent`."""
    if isinstance(value, bool):
        return value if typed else ("Ya" if value else "Tidak")
    if value is None:
        return None if typed else "–"
    if check_id.startswith("area:"):
        return fmt.Percent(value) if typed else fmt.percent(value, 2)
    return float(value) if typed else fmt.number(value, 2)


def checks_table(checks: list[Check], typed: bool = False) -> pd.DataFrame:
    return pd.DataFrame({
        "Kriteria": [c.label for c in checks],
        "Nilai": pd.Series([_value(c.value, c.id, typed) for c in checks], dtype=object),
        "Minimum": pd.Series([_value(c.minimum, c.id, typed) for c in checks], dtype=object),
        "Kekurangan": pd.Series([_value(None if c.gap in (None, 0) else c.gap, c.id, typed) for c in checks],
                                dtype=object),
        "Status": ["Memenuhi" if c.passed else "Belum" for c in checks],
    })


def trace_table(trace: list[Trace]) -> pd.DataFrame:
    return pd.DataFrame({
        "Angka": [t.figure for t in trace],
        "Nilai": [fmt.number(t.value, 4) for t in trace],
        "Cara hitung": [t.formula for t in trace],
        "Masukan": ["; ".join(f"{k}: {v}" for k, v in t.inputs.items()) for t in trace],
    })


def flips_table(flips: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame({
        "Predikat": [f["predicate"].upper() for f in flips],
        "Kriteria": [f["label"] for f in flips],
        "Sebelum": ["Memenuhi" if f["before"] else "Belum" for f in flips],
        "Sesudah": ["Memenuhi" if f["after"] else "Belum" for f in flips],
    })
