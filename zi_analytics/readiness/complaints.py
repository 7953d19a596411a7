"""Complaint KPIs that feed readiness: share resolved, share resolved within the SLA, median days."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ..metrics import is_resolved, numbers_of, stamps_of, to_dates
from ..rules.regulation import Regulation

FEEDS = ("penguatan_pengawasan", "pelayanan_publik")  # LKE: Pengawasan iii, Pelayanan iii; Reform Pengawasan ii


def received_until(frame: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Complaints received on or before `as_of`; rows without a readable date are not counted."""
    received = to_dates(frame["received_date"])
    return frame.loc[received <= pd.Timestamp(as_of)]


def working_days(frame: pd.DataFrame) -> pd.Series:
    """Per resolved complaint: working days (Mon–Fri) from receipt to resolution where both dates are known,
    else the register's own days; a resolution dated before receipt is a typing error and is left out."""
    resolved = frame.loc[is_resolved(frame)]
    days = _working_days(resolved)
    return pd.Series(days, index=resolved.index, name="days_to_resolve").dropna()


def _working_days(frame: pd.DataFrame, start: np.ndarray | None = None) -> np.ndarray:
    """`start`: the received dates as `stamps_of` gives them, when the caller has them."""
    start = stamps_of(frame["received_date"]) if start is None else start
    end = stamps_of(frame["resolved_date"])
    days = numbers_of(frame["days_to_resolve"]).copy()
    dated = ~np.isnat(start) & ~np.isnat(end)
    both = dated & (end >= start)
    if both.any():
        days[both] = np.busday_count(start[both].astype("datetime64[D]"), end[both].astype("datetime64[D]"))
    days[dated & (end < start)] = np.nan
    return days


def complaint_kpis(frame: pd.DataFrame, as_of: date, regulation: Regulation) -> dict[str, Any] | None:
    received = stamps_of(frame["received_date"])
    counted = received <= np.datetime64(as_of)  # rows without a readable date are not counted
    total = int(counted.sum())
    if not total:
        return None
    resolved = is_resolved(frame) & counted
    days = _working_days(frame, received)[resolved]
    days = days[~np.isnan(days)]
    calendar = numbers_of(frame["days_to_resolve"])[resolved]
    calendar = calendar[~np.isnan(calendar)]
    sla = regulation.conventions.complaint_sla_working_days
    return {
        "total": total,
        "resolved_pct": float(resolved.sum() / total * 100.0),
        "within_sla_pct": float((days <= sla).mean() * 100.0) if len(days) else None,
        "sla_working_days": sla,
        "median_days_to_resolve": float(np.median(calendar)) if len(calendar) else None,
        "feeds": list(FEEDS),
    }
