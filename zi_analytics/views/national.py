"""Perbandingan beyond one Kanwil: filters by Kanwil, type and class, a table per Kanwil, and what is shown of
hundreds of units cut down before it reaches the browser (a page of the league, areas averaged per Kanwil)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..normalize.units import TYPES
from ..rules import AREA_KEYS, AREA_LABELS

PAGE_SIZE = 50  # league rows per page
UNIT_HEATMAP_MAX = 60  # more units than this: the heatmap shows Kanwil, not units
NO_KANWIL = "(tanpa Kanwil)"


def type_label(key: str) -> str:
    return TYPES.get(key, key.title() if key else "–")


def kanwil_names(registered: pd.DataFrame) -> list[str]:
    """The Kanwil of the registered units, a unit without one under NO_KANWIL."""
    return sorted(set(registered["kanwil"].astype(object).where(registered["kanwil"].notna(), NO_KANWIL)))


def filter_registered(registered: pd.DataFrame, kanwils: list[str], types: list[str], classes: list[str]) -> pd.DataFrame:
    """The registered units of the chosen Kanwil, types and classes (an empty choice keeps every one)."""
    keep = pd.Series(True, index=registered.index)
    if kanwils:
        keep &= registered["kanwil"].astype(object).where(registered["kanwil"].notna(), NO_KANWIL).isin(kanwils)
    if types:
        keep &= registered["type"].isin(types)
    if classes:
        keep &= registered["klass"].isin(classes)
    return registered.loc[keep]


def filter_units(units: list[dict[str, Any]], registered: pd.DataFrame) -> list[dict[str, Any]]:
    """The units' figures of those in `registered` (as filtered)."""
    keys = set(registered["key"])
    return [unit for unit in units if unit["key"] in keys]


def kanwil_table(units: list[dict[str, Any]], registered: pd.DataFrame, fresh: pd.DataFrame) -> pd.DataFrame:
    """Per Kanwil: units declared (known to the workspace), with data, ready for WBK and for WBBM, and stale or
    missing data; the Kanwil with the most units ready first."""
    by_key = {unit["key"]: unit for unit in units}
    state = dict(zip(fresh["key"], fresh["state"])) if len(fresh) else {}
    rows = []
    for kanwil, part in registered.groupby(registered["kanwil"].astype(object).where(registered["kanwil"].notna(), NO_KANWIL), sort=True):
        entries = [by_key[k] for k in part["key"] if k in by_key]
        rows.append({"kanwil": kanwil, "declared": len(part), "with_data": len(entries),
                     "wbk": sum(u["readiness"]["wbk"]["ready"] for u in entries),
                     "wbbm": sum(u["readiness"]["wbbm"]["ready"] for u in entries),
                     "stale": sum(state.get(k, "belum unggah") != "baru" for k in part["key"])})
    table = pd.DataFrame(rows, columns=["kanwil", "declared", "with_data", "wbk", "wbbm", "stale"])
    return table.sort_values(["wbk", "with_data", "kanwil"], ascending=[False, False, True]).reset_index(drop=True)


def area_by_kanwil(units: list[dict[str, Any]], kanwil_of: dict[str, str | None]) -> pd.DataFrame:
    """Kanwil × area: the mean of its units' area figures (% of the area's maximum)."""
    rows = [{"kanwil": kanwil_of.get(u["key"]) or NO_KANWIL, **{AREA_LABELS[a]: u["readiness"]["areas"][a]["pct"] for a in AREA_KEYS}}
            for u in units]
    if not rows:
        return pd.DataFrame(columns=list(AREA_LABELS.values()))
    return pd.DataFrame(rows).groupby("kanwil").mean()


def page(table: pd.DataFrame, number: int, size: int = PAGE_SIZE) -> pd.DataFrame:
    """Rows of page `number` (1-based), clamped to the pages there are."""
    pages = max(1, -(-len(table) // size))
    number = min(max(1, number), pages)
    return table.iloc[(number - 1) * size: number * size]


def pages(table: pd.DataFrame, size: int = PAGE_SIZE) -> int:
    return max(1, -(-len(table) // size))
