"""When each area reaches its minimum at the current pace, from dated action-plan snapshots."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from ..metrics import to_dates
from ..rules import AREA_KEYS
from ..rules.regulation import Regulation
from .checks import next_deadline


def area_history(plan: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Mean progress per area at each dated snapshot up to as_of (one row per snapshot date and area),
    ordered by date, then area. Computed on arrays: a Kanwil page asks it of every unit."""
    if plan.empty:
        return _no_history()
    snap = to_dates(plan["snapshot_date"])
    areas, area_names = pd.factorize(plan["area"], sort=True)
    keep = (snap.notna() & (snap <= pd.Timestamp(as_of))).to_numpy() & (areas >= 0)
    if not len(area_names):
        return _no_history()
    days = snap.to_numpy()[keep]
    day_values, day_of = np.unique(days, return_inverse=True)
    groups, group_of = np.unique(day_of * len(area_names) + areas[keep], return_inverse=True)
    progress = plan["progress"].to_numpy(dtype=float)[keep]
    known = ~np.isnan(progress)
    totals = np.bincount(group_of[known], weights=progress[known], minlength=len(groups))
    counts = np.bincount(group_of[known], minlength=len(groups))
    pct = np.divide(totals, counts, out=np.full(len(groups), np.nan), where=counts > 0)
    return pd.DataFrame({"snapshot_date": day_values[groups // len(area_names)],
                         "area": area_names[groups % len(area_names)], "pct": pct})


def _no_history() -> pd.DataFrame:
    return pd.DataFrame(columns=["snapshot_date", "area", "pct"])


def forecast(plan: pd.DataFrame, as_of: date, regulation: Regulation, predicate: str = "wbk",
             history: pd.DataFrame | None = None) -> dict[str, dict[str, Any]]:
    """Least-squares pace (points of % per day) over the snapshots; the date the area's minimum is reached.

    ``history`` is ``area_history(plan, as_of)`` when the caller has it (one per unit serves both predicates).
    """
    history = area_history(plan, as_of) if history is None else history
    by_area: dict[str, list[tuple[pd.Timestamp, float]]] = {}  # a few points per area: plain lists, no frames
    for area, day, pct in zip(history["area"], history["snapshot_date"], history["pct"]):
        by_area.setdefault(area, []).append((day, float(pct)))
    minimum = regulation.area_minimum(predicate)
    if minimum is None:
        return {}
    deadline = next_deadline(as_of, regulation)
    out: dict[str, dict[str, Any]] = {}
    for key in AREA_KEYS:
        points = sorted(by_area.get(key, []), key=lambda point: point[0])
        entry: dict[str, Any] = {"minimum_pct": minimum, "deadline": deadline.isoformat(), "snapshots": len(points)}
        if not points:
            out[key] = entry | {"status": "no_data"}
            continue
        latest = points[-1][1]
        last_day = points[-1][0].date()
        entry["latest_pct"] = latest
        if latest >= minimum:
            out[key] = entry | {"status": "reached", "reach_date": last_day.isoformat(), "on_time": True}
            continue
        if len(points) < 2:
            out[key] = entry | {"status": "one_snapshot"}
            continue
        days = np.array([(day - points[0][0]).days for day, _ in points], dtype=float)
        pcts = np.array([pct for _, pct in points], dtype=float)
        slope = float(np.polyfit(days, pcts, 1)[0]) if days[-1] > 0 else 0.0
        entry["pace_pct_per_30_days"] = slope * 30
        if slope <= 0:
            out[key] = entry | {"status": "not_progressing", "on_time": False}
            continue
        reach = last_day + timedelta(days=float(np.ceil((minimum - latest) / slope - 1e-9)))  # polyfit noise
        out[key] = entry | {"status": "projected", "reach_date": reach.isoformat(), "on_time": reach <= deadline}
    return out
