"""Complaint KPIs that feed readiness: share resolved, share resolved within the SLA, median days."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ..rules.regulation import Regulation

FEEDS = ("penguatan_pengawasan", "pelayanan_publik")  # LKE: Pengawasan iii, Pelayanan iii; Reform Pengawasan ii


def complaint_kpis(frame: pd.DataFrame, as_of: date, regulation: Regulation) -> dict[str, Any] | None:
    """Working days where both dates are known (numpy busday_count, Mon–Fri); else the register's own days."""
    if frame.empty:
        return None
    received = pd.to_datetime(frame["received_date"], errors="coerce")
    frame = frame.loc[received <= pd.Timestamp(as_of)]
    if frame.empty:
        return None
    resolved = frame.loc[frame["status"] == "resolved"]
    start = pd.to_datetime(resolved["received_date"], errors="coerce")
    end = pd.to_datetime(resolved["resolved_date"], errors="coerce")
    both = start.notna() & end.notna() & (end >= start)  # a resolution dated before receipt is a typing error
    working = pd.Series(np.nan, index=resolved.index)
    if both.any():
        working[both] = np.busday_count(start[both].values.astype("datetime64[D]"), end[both].values.astype("datetime64[D]"))
    fallback = pd.to_numeric(resolved["days_to_resolve"], errors="coerce").where(~(start.notna() & end.notna() & (end < start)))
    days = working.fillna(fallback).dropna()
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
