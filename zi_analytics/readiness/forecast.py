"""When each area reaches its minimum at the current pace, from dated action-plan snapshots."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from ..metrics import stamps_of
from ..rules import AREA_KEYS
from ..rules.regulation import Regulation
from .checks import next_deadline


def area_history(plan: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Mean progress per area at each dated snapshot up to as_of (one row per snapshot date and area),
    ordered by date, then area."""
    means = _area_means(plan, as_of)
    if means is None:
        return pd.DataFrame(columns=["snapshot_date", "area", "pct"])
    days, areas, names, pct = means
    return pd.DataFrame({"snapshot_date": days, "area": names[areas], "pct": pct})


def _area_means(plan: pd.DataFrame, as_of: date) -> tuple[np.ndarray, np.ndarray, pd.Index, np.ndarray] | None:
    """`area_history` as arrays (days, area codes, area names, pct), computed without frames: a Kanwil page
    asks it of every unit."""
    if plan.empty:
        return None
    snap = stamps_of(plan["snapshot_date"])
    areas, area_names = pd.factorize(plan["area"], sort=True)
    keep = ~np.isnat(snap) & (snap <= np.datetime64(as_of)) & (areas >= 0)
    if not len(area_names):
        return None
    day_values, day_of = np.unique(snap[keep], return_inverse=True)
    groups, group_of = np.unique(day_of * len(area_names) + areas[keep], return_inverse=True)
    progress = plan["progress"].to_numpy(dtype=float)[keep]
    known = ~np.isnan(progress)
    totals = np.bincount(group_of[known], weights=progress[known], minlength=len(groups))
    counts = np.bincount(group_of[known], minlength=len(groups))
    pct = np.divide(totals, counts, out=np.full(len(groups), np.nan), where=counts > 0)
    return day_values[groups // len(area_names)], groups % len(area_names), area_names, pct


def forecast(plan: pd.DataFrame, as_of: date, regulation: Regulation, predicate: str = "wbk") -> dict[str, dict[str, Any]]:
    """Least-squares pace (points of % per day) over the snapshots; the date the area's minimum is reached."""
    return forecasts(plan, as_of, regulation, (predicate,))[predicate]


def forecasts(plan: pd.DataFrame, as_of: date, regulation: Regulation,
              predicates: tuple[str, ...]) -> dict[str, dict[str, dict[str, Any]]]:
    """`forecast` for each predicate, from one pass over the snapshots."""
    means = _area_means(plan, as_of)
    by_area: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # each area's days and pct, in date order
    if means is not None:
        days, areas, names, pct = means
        for code, name in enumerate(names):
            mine = areas == code
            by_area[name] = (days[mine], pct[mine])
    deadline = next_deadline(as_of, regulation)
    return {predicate: _forecast(by_area, regulation.area_minimum(predicate), deadline) for predicate in predicates}


def _forecast(by_area: dict[str, tuple[np.ndarray, np.ndarray]], minimum: float | None,
              deadline: date) -> dict[str, dict[str, Any]]:
    if minimum is None:
        return {}
    out: dict[str, dict[str, Any]] = {}
    for key in AREA_KEYS:
        days, pcts = by_area.get(key, (np.array([], dtype="datetime64[s]"), np.array([])))
        entry: dict[str, Any] = {"minimum_pct": minimum, "deadline": deadline.isoformat(), "snapshots": len(days)}
        if not len(days):
            out[key] = entry | {"status": "no_data"}
            continue
        latest = float(pcts[-1])
        last_day = days[-1].astype("datetime64[D]").item()
        entry["latest_pct"] = latest
        if latest >= minimum:
            out[key] = entry | {"status": "reached", "reach_date": last_day.isoformat(), "on_time": True}
            continue
        if len(days) < 2:
            out[key] = entry | {"status": "one_snapshot"}
            continue
        elapsed = ((days - days[0]) // np.timedelta64(1, "D")).astype(float)
        slope = _slope(elapsed, pcts) if elapsed[-1] > 0 else 0.0
        entry["pace_pct_per_30_days"] = slope * 30
        if slope <= 0:
            out[key] = entry | {"status": "not_progressing", "on_time": False}
            continue
        reach = last_day + timedelta(days=float(np.ceil((minimum - latest) / slope - 1e-9)))  # rounding noise
        out[key] = entry | {"status": "projected", "reach_date": reach.isoformat(), "on_time": reach <= deadline}
    return out


def _slope(x: np.ndarray, y: np.ndarray) -> float:
    """Least-squares slope of y on x, in closed form (np.polyfit costs a hundred times more for a dozen points)."""
    dx = x - x.mean()
    return float((dx * (y - y.mean())).sum() / (dx * dx).sum())
