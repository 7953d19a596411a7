"""Complaint KPIs that feed readiness: share resolved, share resolved within the SLA, median days."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ..rules.regulation import Regulation

FEEDS = ("penguatan_pengawasan", "pelayanan_publik")  # LKE: Pengawasan iii, Pelayanan iii; Reform Pengawasan ii


def received_until(frame: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Complaints received on or before `as_of`; rows without a readable date are not counted."""
    received = pd.to_datetime(frame["received_date"], errors="coerce")
    return frame.loc[received <= pd.Timestamp(as_of)]


def working_days(frame: pd.DataFrame) -> pd.Series:
    """Per resolved complaint: working days (Mon–Fri) from receipt to resolution where both dates are known,
    else the register's own days; a resolution dated before receipt is a typing error and is left out."""
    resolved = frame.loc[frame["status"] == "resolved"]
    start = pd.to_datetime(resolved["received_date"], errors="coerce")
    end = pd.to_datetime(resolved["resolved_date"], errors="coerce")
    dated = start.notna() & end.notna()
    days = pd.to_numeric(resolved["days_to_resolve"], errors="coerce").astype(float)
    both = dated & (end >= start)
    if both.any():
        days[both] = np.busday_count(start[both].values.astype("datetime64[D]"), end[both].values.astype("datetime64[D]"))
    days[dated & (end < start)] = np.nan
    return days.dropna()


def complaint_kpis(frame: pd.DataFrame, as_of: date, regulation: Regulation) -> dict[str, Any] | None:
    frame = received_until(frame, as_of)
    if frame.empty:
        return None
    resolved = frame.loc[frame["status"] == "resolved"]
    days = working_days(frame)
    sla = regulation.conventions.complaint_sla_working_days
    calendar = pd.to_numeric(resolved["days_to_resolve"], errors="coerce").dropna()
    return {
        "total": int(len(frame)),
        "resolved_pct": float(len(resolved) / len(frame) * 100.0),
        "within_sla_pct": float((days <= sla).mean() * 100.0) if len(days) else None,
        "sla_working_days": sla,
        "median_days_to_resolve": float(calendar.median()) if len(calendar) else None,
        "feeds": list(FEEDS),
    }
