"""When each area reaches its minimum at the current pace, from dated action-plan snapshots."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from ..rules import AREA_KEYS
from ..rules.regulation import Regulation
from .checks import next_deadline


def area_history(plan: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Mean progress per area at each dated snapshot up to as_of (one row per snapshot date and area)."""
    if plan.empty:
        return pd.DataFrame(columns=["snapshot_date", "area", "pct"])
    snap = pd.to_datetime(plan["snapshot_date"], errors="coerce")
    dated = plan.loc[snap.notna() & (snap <= pd.Timestamp(as_of))].assign(_snap=snap)
    table = dated.groupby(["_snap", "area"])["progress"].mean().reset_index()
    return table.rename(columns={"_snap": "snapshot_date", "progress": "pct"})


def forecast(plan: pd.DataFrame, as_of: date, regulation: Regulation, predicate: str = "wbk",
             history: pd.DataFrame | None = None) -> dict[str, dict[str, Any]]:
    """Least-squares pace (points of % per day) over the snapshots; the date the area's minimum is reached.

    ``history`` is ``area_history(plan, as_of)`` when the caller has it (one per unit serves both predicates).
    """
    history = area_history(plan, as_of) if history is None else history
    by_area = {key: part.sort_values("snapshot_date") for key, part in history.groupby("area", sort=False)}
    minimum = regulation.area_minimum(predicate)
    if minimum is None:
        return {}
    deadline = next_deadline(as_of, regulation)
    out: dict[str, dict[str, Any]] = {}
    for key in AREA_KEYS:
        points = by_area.get(key, history.iloc[0:0])
        entry: dict[str, Any] = {"minimum_pct": minimum, "deadline": deadline.isoformat(), "snapshots": len(points)}
        if points.empty:
            out[key] = entry | {"status": "no_data"}
            continue
        latest = float(points["pct"].iloc[-1])
        last_day = points["snapshot_date"].iloc[-1].date()
        entry["latest_pct"] = latest
        if latest >= minimum:
            out[key] = entry | {"status": "reached", "reach_date": last_day.isoformat(), "on_time": True}
            continue
        if len(points) < 2:
            out[key] = entry | {"status": "one_snapshot"}
            continue
        days = (points["snapshot_date"] - points["snapshot_date"].iloc[0]).dt.days.to_numpy(dtype=float)
        slope = float(np.polyfit(days, points["pct"].to_numpy(dtype=float), 1)[0]) if days[-1] > 0 else 0.0
        entry["pace_pct_per_30_days"] = slope * 30
        if slope <= 0:
            out[key] = entry | {"status": "not_progressing", "on_time": False}
            continue
        reach = last_day + timedelta(days=float(np.ceil((minimum - latest) / slope - 1e-9)))  # polyfit noise
        out[key] = entry | {"status": "projected", "reach_date": reach.isoformat(), "on_time": reach <= deadline}
    return out
