"""Which stored datasets the "current" views use, and which newer dataset replaced each older one.

- action plan: every snapshot date stays (the trend); within one snapshot date the newest upload wins;
- LKE, the list of innovations and of predicates held: the newest upload of the unit;
- surveys and complaints: newest period first (then newest upload); an older dataset whose period
  overlaps one already chosen is superseded, one for another period (Semester I beside II) stays.
Removed files take no part. Pure over a metadata frame, so the rule is tested without a database.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

STATUS_CURRENT, STATUS_SUPERSEDED, STATUS_DELETED = "current", "superseded", "deleted"
UNDATED_KINDS = ("lke", "innovation", "predicate")  # no period: the newest upload of a unit is its current one


def _overlaps(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> bool:
    if None in a or None in b:
        return True
    return a[0] <= b[1] and b[0] <= a[1]  # type: ignore[operator]


def resolve_status(meta: pd.DataFrame) -> pd.DataFrame:
    """`meta` has id, file_id, unit_key, kind, survey, period_start, period_end, deleted; adds status and superseded_by."""
    out = meta.copy()
    out["status"] = STATUS_CURRENT
    out["superseded_by"] = pd.Series([None] * len(out), index=out.index, dtype=object)
    out.loc[out["deleted"].astype(bool), "status"] = STATUS_DELETED
    live = out.loc[out["status"] == STATUS_CURRENT]
    for (kind, _unit, _survey), group in live.groupby(["kind", "unit_key", "survey"], sort=False):
        if kind == "action_plan":
            for _, same_day in group.groupby(group["period_start"].astype(str), sort=False):
                _keep_newest(out, same_day)
        elif kind in UNDATED_KINDS:
            _keep_newest(out, group)
        else:
            _keep_non_overlapping(out, group)
    return out


def _keep_newest(out: pd.DataFrame, group: pd.DataFrame) -> None:
    newest = group["file_id"].idxmax()
    for index in group.index.drop(newest):
        out.at[index, "status"] = STATUS_SUPERSEDED
        out.at[index, "superseded_by"] = int(out.at[newest, "id"])


def _keep_non_overlapping(out: pd.DataFrame, group: pd.DataFrame) -> None:
    ordered = group.assign(_end=group["period_end"].map(lambda d: d or date.min)).sort_values(
        ["_end", "file_id"], ascending=False)
    chosen: list[tuple[int, tuple[date | None, date | None]]] = []
    for index, row in ordered.iterrows():
        period = (row["period_start"], row["period_end"])
        winner = next((dataset_id for dataset_id, kept in chosen if _overlaps(kept, period)), None)
        if winner is None:
            chosen.append((int(row["id"]), period))
        else:
            out.at[index, "status"] = STATUS_SUPERSEDED
            out.at[index, "superseded_by"] = winner
