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

from .dataset import UNIT_ATTR
from .rules import AREA_KEYS, CHANNEL_KEYS, survey_rules

IKM_UNSUR = tuple(f"U{i}" for i in range(1, 10))
IKM_SCALE = 4
IKM_FACTOR = 25.0


def to_dates(series: pd.Series) -> pd.Series:
    """Dates (datetime.date cells, texts) as timestamps, NaT where unreadable. Without pandas' cache of
    distinct values: on date cells it makes the conversion four times slower, and a Kanwil page converts
    a few columns of every unit."""
    return pd.to_datetime(series, errors="coerce", cache=False)


def of_unit(frame: pd.DataFrame, unit_key: str) -> pd.DataFrame:
    """One unit's rows. A frame already split per unit (`Dataset.unit_frames`) comes back as it is: a
    filter would copy every column of it, and a Kanwil page asks this for dozens of units."""
    if frame.empty or frame.attrs.get(UNIT_ATTR) == unit_key:  # a subset of such a frame keeps the mark
        return frame
    mine = (frame["unit_key"] == unit_key).to_numpy(dtype=bool, na_value=False)
    return frame if mine.all() else frame.loc[mine]


def current_action_plan(frame: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Each unit's rows from its latest snapshot on or before ``as_of`` (undated sheets count as oldest)."""
    if frame.empty:
        return frame
    snap = to_dates(frame["snapshot_date"])
    stamps = snap.to_numpy().view("i8")  # NaT is the smallest int64: an undated sheet is the oldest
    usable = (snap.isna() | (snap <= pd.Timestamp(as_of))).to_numpy()
    units, names = pd.factorize(frame["unit_key"])
    latest = np.full(len(names), np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(latest, units[usable & (units >= 0)], stamps[usable & (units >= 0)])
    current = usable & (units >= 0) & (stamps == latest[units])
    return frame if current.all() else frame.loc[current]


def action_plan_summary(frame: pd.DataFrame, as_of: date) -> dict[str, Any] | None:
    """Activities, mean progress overall and per area, and overdue count of one unit's current rows."""
    if frame.empty:
        return None
    progress = frame["progress"].astype(float)
    areas = progress.groupby(frame["area"]).mean()
    target = to_dates(frame["target_date"])
    overdue = (target < pd.Timestamp(as_of)) & (progress < 100)
    return {
        "activities": int(len(frame)),
        "completion_pct": float(progress.mean()),
        "areas": {key: float(areas[key]) for key in AREA_KEYS if key in areas.index},
        "overdue": int(overdue.sum()),
    }


def responses_until(responses: pd.DataFrame, as_of: date) -> pd.DataFrame:
    stamp = to_dates(responses["timestamp"])
    end = pd.Timestamp(as_of) + pd.Timedelta(days=1)
    counted = (stamp.isna() | (stamp < end)).to_numpy()
    return responses if counted.all() else responses.loc[counted]


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


def _answered(responses: pd.DataFrame, answers: pd.DataFrame) -> np.ndarray:
    """Which answers belong to these responses, as a mask (no copy of the answers' text columns)."""
    return among(answers["response_id"], responses["response_id"])


def ikm_summary(responses: pd.DataFrame, answers: pd.DataFrame, mine: np.ndarray | None = None) -> dict[str, Any] | None:
    """IKM with exact 1/9 weights: the mean of the nine NRR, times 25. `mine`: which answers are these
    responses', when the caller knows it without matching the response ids."""
    if responses.empty:
        return None
    mine = _answered(responses, answers) if mine is None else mine
    values = _on_scale_4(answers["value"].to_numpy(dtype=float)[mine], answers["scale_max"].to_numpy(dtype=float)[mine])
    items, names = pd.factorize(answers["item"])  # Arrow does it in C; converting the texts would not
    items = items[mine]
    counted = ~np.isnan(values) & (items >= 0)
    totals = np.bincount(items[counted], weights=values[counted], minlength=len(names))
    counts = np.bincount(items[counted], minlength=len(names))
    nrr = {str(name): totals[i] / counts[i] for i, name in enumerate(names) if counts[i]}
    unsur = {u: float(nrr[u]) for u in IKM_UNSUR if u in nrr}
    if not unsur:
        return None
    index = float(np.mean(list(unsur.values()))) * IKM_FACTOR
    return {"respondents": int(len(responses)), "index": index, "grade": ikm_grade(index), "unsur": unsur}


def perception_summary(responses: pd.DataFrame, answers: pd.DataFrame, mine: np.ndarray | None = None) -> dict[str, Any] | None:
    """SPAK/SPKP: mean of every item answer on the survey's own scale, and the same on 1–4."""
    if responses.empty:
        return None
    mine = _answered(responses, answers) if mine is None else mine
    if not mine.any():
        return None
    raw = answers["value"].to_numpy(dtype=float)[mine]
    scale_max = answers["scale_max"].to_numpy(dtype=float)[mine]
    scales = np.unique(scale_max)
    on_4 = _on_scale_4(raw, scale_max)
    if len(scales) == 1:
        scale = int(scales[0])
        mean = float(np.nanmean(raw))
    else:
        scale, mean = IKM_SCALE, float(np.nanmean(on_4))
    return {"respondents": int(len(responses)), "mean": mean, "scale_max": scale, "index_4": float(np.nanmean(on_4))}


def _on_scale_4(values: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """`to_scale_4` on arrays."""
    return 1.0 + (values - 1.0) * 3.0 / (scale - 1.0)


def complaints_summary(frame: pd.DataFrame, as_of: date) -> dict[str, Any] | None:
    if frame.empty:
        return None
    received = to_dates(frame["received_date"])
    counted = (received <= pd.Timestamp(as_of)).to_numpy()  # an unreadable date is not counted
    if not counted.any():
        return None
    resolved = is_resolved(frame)[counted]
    days = pd.to_numeric(frame["days_to_resolve"], errors="coerce").to_numpy(dtype=float)[counted][resolved]
    days = days[~np.isnan(days)]
    stamps = received[counted]
    months, per_month = np.unique(stamps.dt.year.to_numpy() * 100 + stamps.dt.month.to_numpy(), return_counts=True)
    channels, channel_names = pd.factorize(frame["channel"])
    per_channel = dict(zip(channel_names, np.bincount(channels[counted & (channels >= 0)], minlength=len(channel_names))))
    return {
        "total": int(counted.sum()),
        "resolved": int(resolved.sum()),
        "resolved_pct": float(resolved.mean() * 100.0),
        "median_days_to_resolve": float(np.median(days)) if len(days) else None,
        "per_month": {f"{month // 100:04d}-{month % 100:02d}": int(n) for month, n in zip(months, per_month)},
        "per_channel": {key: int(per_channel[key]) for key in CHANNEL_KEYS if per_channel.get(key)},
    }


def is_resolved(frame: pd.DataFrame) -> np.ndarray:
    return (frame["status"] == "resolved").to_numpy(dtype=bool, na_value=False)


def unit_summary(frames: dict[str, pd.DataFrame], unit_key: str, as_of: date) -> dict[str, Any]:
    """Everything `summarize` reports for one unit."""
    plan = current_action_plan(of_unit(frames["action_plan"], unit_key), as_of)
    stored = of_unit(frames["survey_responses"], unit_key)
    responses = responses_until(stored, as_of)[["survey", "response_id"]]
    answers = of_unit(frames["survey_answers"], unit_key)

    marks, names = pd.factorize(answers["survey"])

    def answered(survey: str) -> np.ndarray | None:
        # every stored response counts (none after as_of), and answers exist only for stored responses:
        # a survey's answers are then simply those marked with it, no need to match thousands of ids
        if len(responses) < len(stored):
            return None
        return marks == (names.get_loc(survey) if survey in names else -2)

    surveys = {
        "ikm": ikm_summary(responses.loc[responses["survey"] == "ikm"], answers, answered("ikm")),
        "ipak": perception_summary(responses.loc[responses["survey"] == "ipak"], answers, answered("ipak")),
        "ipkp": perception_summary(responses.loc[responses["survey"] == "ipkp"], answers, answered("ipkp")),
    }
    return {
        "action_plan": action_plan_summary(plan, as_of),
        "surveys": surveys,
        "complaints": complaints_summary(of_unit(frames["complaints"], unit_key), as_of),
    }
