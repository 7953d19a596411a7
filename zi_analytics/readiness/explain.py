"""Readiness as tables for people: Indonesian column names and number formats (pages and exports)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import formatting as fmt
from .checks import Check
from .trace import Trace


def _value(value: Any, check_id: str) -> str:
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if value is None:
        return "–"
    return fmt.percent(value, 2) if check_id.startswith("area:") else fmt.number(value, 2)


def checks_table(checks: list[Check]) -> pd.DataFrame:
    return pd.DataFrame({
        "Kriteria": [c.label for c in checks],
        "Nilai": [_value(c.value, c.id) for c in checks],
        "Minimum": [_value(c.minimum, c.id) for c in checks],
        "Kekurangan": ["–" if c.gap in (None, 0) else _value(c.gap, c.id) for c in checks],
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
