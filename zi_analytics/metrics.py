"""Per-unit figures from the tidy tables: action-plan completion, survey indices, complaint KPIs.

Pure functions over DataFrames. ``as_of`` cuts the data at a date: later snapshots, responses and
complaints are left out, and overdue is judged against it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .rules import AREA_KEYS, CHANNEL_KEYS, survey_rules

IKM_UNSUR = tuple(f"U{i}" for i in range(1, 10))
IKM_SCALE = 4
IKM_FACTOR = 25.0


def _to_date(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="coerce")


def current_action_plan(frame: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Each unit's rows from its latest snapshot on or before ``as_of`` (undated sheets count as oldest)."""
    if frame.empty:
        return frame
    snap = _to_date(frame["snapshot_date"])
    cutoff = pd.Timestamp(as_of)
    frame = frame.loc[snap.isna() | (snap <= cutoff)].copy()
    frame["_snap"] = _to_date(frame["snapshot_date"]).fillna(pd.Timestamp.min)
    latest = frame.groupby("unit_key")["_snap"].transform("max")
    return frame.loc[frame["_snap"] == latest].drop(columns="_snap")


def action_plan_summary(frame: pd.DataFrame, as_of: date) -> dict[str, Any] | None:
    """Activities, mean progress overall and per area, and overdue count of one unit's current rows."""
    if frame.empty:
        return None
    progress = frame["progress"].astype(float)
    areas = progress.groupby(frame["area"]).mean()
    target = _to_date(frame["target_date"])
    overdue = (target < pd.Timestamp(as_of)) & (progress < 100)
    return {
        "activities": int(len(frame)),
        "completion_pct": float(progress.mean()),
        "areas": {key: float(areas[key]) for key in AREA_KEYS if key in areas.index},
        "overdue": int(overdue.sum()),
    }


def responses_until(responses: pd.DataFrame, as_of: date) -> pd.DataFrame:
    stamp = _to_date(responses["timestamp"])
    end = pd.Timestamp(as_of) + pd.Timedelta(days=1)
    return responses.loc[stamp.isna() | (stamp < end)]


def to_scale_4(values: pd.Series, scale: pd.Series) -> pd.Series:
    """Linear conversion of an answer on 1..scale onto 1..4."""
    scale = scale.astype(float)
    return 1.0 + (values.astype(float) - 1.0) * 3.0 / (scale - 1.0)


def ikm_grade(index: float) -> str:
    for grade in survey_rules().ikm_grades:
        if index >= grade.min_index:
            return grade.grade
    return survey_rules().ikm_grades[-1].grade


def among(column: pd.Series, values: pd.Series) -> np.ndarray:
    """``column.isin(values)`` computed by Arrow: pandas' own isin on string columns loops in Python."""
    if len(column) == 0 or len(values) == 0:
        return np.zeros(len(column), dtype=bool)
    found = pc.is_in(pa.array(column, from_pandas=True), value_set=pa.array(values, from_pandas=True).unique())
    return found.to_numpy(zero_copy_only=False).astype(bool)


def ikm_summary(responses: pd.DataFrame, answers: pd.DataFrame) -> dict[str, Any] | None:
    """IKM with exact 1/9 weights: the mean of the nine NRR, times 25."""
    if responses.empty:
        return None
    answers = answers.loc[among(answers["response_id"], responses["response_id"])]
    values = to_scale_4(answers["value"], answers["scale_max"])
    nrr = values.groupby(answers["item"]).mean()
    unsur = {u: float(nrr[u]) for u in IKM_UNSUR if u in nrr.index}
    if not unsur:
        return None
    index = float(np.mean(list(unsur.values()))) * IKM_FACTOR
    return {"respondents": int(len(responses)), "index": index, "grade": ikm_grade(index), "unsur": unsur}


def perception_summary(responses: pd.DataFrame, answers: pd.DataFrame) -> dict[str, Any] | None:
    """SPAK/SPKP: mean of every item answer on the survey's own scale, and the same on 1–4."""
    if responses.empty:
        return None
    answers = answers.loc[among(answers["response_id"], responses["response_id"])]
    if answers.empty:
        return None
    scales = answers["scale_max"].astype(int).unique()
    on_4 = to_scale_4(answers["value"], answers["scale_max"])
    if len(scales) == 1:
        scale = int(scales[0])
        mean = float(answers["value"].astype(float).mean())
    else:
        scale, mean = IKM_SCALE, float(on_4.mean())
    return {"respondents": int(len(responses)), "mean": mean, "scale_max": scale, "index_4": float(on_4.mean())}


def complaints_summary(frame: pd.DataFrame, as_of: date) -> dict[str, Any] | None:
    if frame.empty:
        return None
    received = _to_date(frame["received_date"])
    frame = frame.loc[received <= pd.Timestamp(as_of)]
    if frame.empty:
        return None
    received = _to_date(frame["received_date"])
    resolved = frame["status"] == "resolved"
    days = pd.to_numeric(frame.loc[resolved, "days_to_resolve"], errors="coerce").dropna()
    months = received.dt.strftime("%Y-%m").value_counts().sort_index()
    channels = frame["channel"].value_counts()
    return {
        "total": int(len(frame)),
        "resolved": int(resolved.sum()),
        "resolved_pct": float(resolved.mean() * 100.0),
        "median_days_to_resolve": float(days.median()) if len(days) else None,
        "per_month": {str(k): int(v) for k, v in months.items()},
        "per_channel": {key: int(channels[key]) for key in CHANNEL_KEYS if key in channels.index},
    }


def unit_summary(frames: dict[str, pd.DataFrame], unit_key: str, as_of: date) -> dict[str, Any]:
    """Everything `summarize` reports for one unit."""
    def of_unit(name: str) -> pd.DataFrame:
        frame = frames[name]
        return frame.loc[frame["unit_key"] == unit_key]

    plan = current_action_plan(of_unit("action_plan"), as_of)
    responses = responses_until(of_unit("survey_responses"), as_of)
    answers = of_unit("survey_answers")
    surveys = {
        "ikm": ikm_summary(responses.loc[responses["survey"] == "ikm"], answers),
        "ipak": perception_summary(responses.loc[responses["survey"] == "ipak"], answers),
        "ipkp": perception_summary(responses.loc[responses["survey"] == "ipkp"], answers),
    }
    return {
        "action_plan": action_plan_summary(plan, as_of),
        "surveys": surveys,
        "complaints": complaints_summary(of_unit("complaints"), as_of),
    }
