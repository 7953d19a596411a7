"""How old the data a page shows is: the newest day of each kind of data of one unit, whether it is stale, and
the day its overdue work is judged on (`metrics.judged_on`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from .. import formatting as fmt
from ..messages import KIND_LABELS, msg
from ..metrics import current_action_plan, data_day, judged_on

KINDS = ("action_plan", "survey", "complaints")


@dataclass(frozen=True)
class Freshness:
    as_of: date
    days: dict[str, date | None]  # per kind: the newest day its data describes, up to `as_of`
    stale: tuple[str, ...]  # kinds whose newest day is more than `stale_after_days` before `as_of`
    stale_after_days: int
    judged: date  # the day overdue work is judged on


def _newest(values: pd.Series, as_of: date) -> date | None:
    days = pd.to_datetime(values, errors="coerce")
    days = days.loc[days.notna() & (days <= pd.Timestamp(as_of) + pd.Timedelta(days=1))]
    return days.max().date() if len(days) else None


def freshness(frames: dict[str, pd.DataFrame], as_of: date, stale_after_days: int) -> Freshness:
    plan = current_action_plan(frames["action_plan"], as_of)
    days = {"action_plan": data_day(plan), "survey": _newest(frames["survey_responses"]["timestamp"], as_of),
            "complaints": _newest(frames["complaints"]["received_date"], as_of)}
    stale = tuple(kind for kind in KINDS if days[kind] is not None and (as_of - days[kind]).days > stale_after_days)
    return Freshness(as_of, days, stale, stale_after_days, judged_on(plan, as_of, stale_after_days))


def line(fresh: Freshness) -> str | None:
    """'Data terbaru: rencana aksi 31 Okt 2026 · survei 30 Sep 2026 ⚠ · pengaduan 28 Nov 2026'; None without data."""
    parts = [f"{KIND_LABELS[kind]} {fmt.short_date(day)}{' ⚠' if kind in fresh.stale else ''}"
             for kind, day in fresh.days.items() if day is not None]
    return msg("fresh_line", parts=" · ".join(parts)) if parts else None


def warning(fresh: Freshness) -> str | None:
    """The sentence a page shows when some of its data is older than the stale-data setting."""
    if not fresh.stale:
        return None
    oldest = min(fresh.days[kind] for kind in fresh.stale)
    text = msg("fresh_stale", kinds=", ".join(KIND_LABELS[k] for k in fresh.stale), days=(fresh.as_of - oldest).days,
               limit=fresh.stale_after_days)
    return text + (" " + overdue_note(fresh) if fresh.judged != fresh.as_of else "")


def overdue_note(fresh: Freshness) -> str:
    """Which day 'lewat tenggat' is counted to."""
    if fresh.judged == fresh.as_of:
        return msg("overdue_on_as_of", day=fmt.short_date(fresh.as_of))
    return msg("overdue_on_data_day", day=fmt.short_date(fresh.judged))
