"""Pengaduan: monthly trend, channel, category, status, how long resolution takes, share within the SLA,
and the open backlog with its age. Complainants appear only as initials."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .. import formatting as fmt
from ..metrics import resolved_share
from ..privacy import mask_name, scrub_text
from ..readiness.complaints import received_until as until, working_days  # noqa: F401  re-exported for pages and reports
from ..rules import vocabulary

OPEN_STATUSES = ("open", "in_progress")
DAY_BINS = (0, 5, 10, 15, 30, 60, np.inf)
DAY_BIN_LABELS = ("≤5 hari", "6–10 hari", "11–15 hari", "16–30 hari", "31–60 hari", ">60 hari")


def labels(kind: str) -> dict[str, str]:
    return {rule.key: rule.label for rule in getattr(vocabulary(), kind)}


def monthly(frame: pd.DataFrame) -> pd.DataFrame:
    """Received and resolved per month of receipt."""
    received = pd.to_datetime(frame["received_date"], errors="coerce")
    month = received.dt.to_period("M").dt.to_timestamp()
    table = pd.DataFrame({"month": month, "resolved": frame["status"] == "resolved"}).dropna(subset=["month"])
    out = table.groupby("month").agg(received=("resolved", "size"), resolved=("resolved", "sum")).reset_index()
    return out.astype({"received": int, "resolved": int})


def counts(frame: pd.DataFrame, column: str, kind: str) -> pd.DataFrame:
    names = labels(kind)
    values = frame[column].value_counts()
    order = [k for k in names if k in values.index] + [k for k in values.index if k not in names]
    return pd.DataFrame({"key": order, "label": [names.get(k, str(k)) for k in order], "count": [int(values[k]) for k in order]})


def resolution_bins(days: pd.Series) -> pd.DataFrame:
    binned = pd.cut(days, bins=list(DAY_BINS), labels=list(DAY_BIN_LABELS), include_lowest=True, right=True)
    table = binned.value_counts().reindex(list(DAY_BIN_LABELS), fill_value=0)
    return pd.DataFrame({"bin": list(DAY_BIN_LABELS), "count": [int(v) for v in table.values]})


def backlog(frame: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Open complaints, oldest first, with their age in days on `as_of`."""
    part = frame.loc[frame["status"].isin(OPEN_STATUSES)]
    received = pd.to_datetime(part["received_date"], errors="coerce")
    categories, statuses, channels = labels("categories"), labels("statuses"), labels("channels")
    out = pd.DataFrame({
        "received_date": received.dt.date, "age_days": (pd.Timestamp(as_of) - received).dt.days.astype("Int64"),
        "category": part["category"].map(categories).fillna("–"), "channel": part["channel"].map(channels).fillna("–"),
        "status": part["status"].map(statuses).fillna("–"),
        "complainant": [mask_name(v) for v in part["complainant"]],
        "description": [scrub_text(v, (who,))[:160] for v, who in zip(part["description"], part["complainant"])],
    })
    return out.sort_values("age_days", ascending=False, na_position="last").reset_index(drop=True)


def within_sla(days: pd.Series, sla: int) -> float | None:
    return float((days <= sla).mean() * 100.0) if len(days) else None


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    note: str
    amount: float | None = None  # the figure itself, for a spreadsheet cell
    percent: bool = False


def key_figures(frame: pd.DataFrame, as_of: date, sla: int) -> list[KeyFigure]:
    """The four complaint figures of the page, the briefing and both exports, worded once."""
    open_now = backlog(frame, as_of)
    ages = open_now["age_days"].dropna()
    oldest = "belum selesai ditindaklanjuti" + (f"; tertua {fmt.number(int(ages.max()), 0)} hari" if len(ages) else "")
    resolved, in_time = resolved_share(frame), within_sla(working_days(frame), sla)
    return [
        KeyFigure("Pengaduan masuk", fmt.number(len(frame), 0), f"sampai {fmt.short_date(as_of)}", len(frame)),
        KeyFigure("Selesai", fmt.percent(resolved), "dari pengaduan masuk", resolved, percent=True),
        KeyFigure(f"Selesai ≤ {sla} hari kerja", fmt.percent(in_time),
                  "dari pengaduan yang selesai (hari kerja Senin–Jumat)", in_time, percent=True),
        KeyFigure("Masih terbuka", fmt.number(len(open_now), 0), oldest, len(open_now)),
    ]
