"""Per-unit figures from the tidy tables: action-plan completion, survey indices, complaint KPIs.

Pure functions over DataFrames. ``as_of`` cuts the data at a date: later snapshots, responses and
complaints are left out, and overdue is judged against it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .dataset import UNIT_ATTR
from .rules import AREA_KEYS, CHANNEL_KEYS, survey_rules

IKM_UNSUR = tuple(f"U{i}" for i in range(1, 10))
IKM_SCALE = 4


def to_dates(series: pd.Series) -> pd.Series:
    """Dates (datetime.date cells, texts) as timestamps, NaT where unreadable. Without pandas' cache of
    distinct values: on date cells it makes the conversion four times slower, and a Kanwil page converts
    a few columns of every unit."""
    return pd.to_datetime(series, errors="coerce", cache=False)


def stamps_of(series: pd.Series) -> np.ndarray:
    """`to_dates` as a datetime64 array. The per-unit figures compare and group dates with numpy: on one
    unit's rows each pandas operation costs more than the work, and a Kanwil page does them for every unit.

    A column of date cells only (what the store and the readers give) is converted by Arrow, in a third of
    the time; the exact type test matters, as Arrow would also take a datetime or a number as a date."""
    if series.dtype == object and set(map(type, series.to_numpy())) <= _DATE_CELLS:
        days = pa.array(series, type=pa.date32(), from_pandas=True).to_numpy(zero_copy_only=False)
        return days.astype("datetime64[s]")  # the unit pandas gives dates
    return to_dates(series).to_numpy()


_DATE_CELLS = {date, type(None)}


def equals(column: pd.Series, value: str) -> np.ndarray:
    """``column == value`` as a mask, a missing cell not equal, computed by Arrow (a third of pandas' time);
    by pandas where Arrow takes the column for something else than text (numbers, mixed cells)."""
    try:
        found = pc.equal(pa.array(column, from_pandas=True), pa.scalar(value))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return (column == value).to_numpy(dtype=bool, na_value=False)
    return found.fill_null(False).to_numpy(zero_copy_only=False)


def numbers_of(series: pd.Series) -> np.ndarray:
    """A column as floats, NaN where it holds no number."""
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)


def of_unit(frame: pd.DataFrame, unit_key: str) -> pd.DataFrame:
    """One unit's rows. A frame already split per unit (`Dataset.unit_frames`) comes back as it is: a
    filter would copy every column of it, and a Kanwil page asks this for dozens of units."""
    if frame.empty or frame.attrs.get(UNIT_ATTR) == unit_key:  # a subset of such a frame keeps the mark
        return frame
    mine = (frame["unit_key"] == unit_key).to_numpy(dtype=bool, na_value=False)
    return frame if mine.all() else frame.loc[mine]


def current_rows(frame: pd.DataFrame, as_of: date) -> np.ndarray:
    """Which rows are of their unit's latest snapshot on or before ``as_of`` (undated sheets count as oldest,
    the latest year they state first: a plan of 'TAHUN 2026' over one of 2025)."""
    stamps = stamps_of(frame["snapshot_date"])
    ticks = stamps.view("i8").copy()  # NaT is the smallest int64: an undated sheet is the oldest
    undated = np.isnat(stamps)
    if undated.any() and "plan_year" in frame:
        years = pd.to_numeric(frame["plan_year"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)[undated]
        ticks[undated] += np.nan_to_num(years, nan=0.0).astype(np.int64)  # still far below any dated snapshot
    usable = np.isnat(stamps) | (stamps <= np.datetime64(as_of))
    if frame.attrs.get(UNIT_ATTR) is not None:  # one unit's rows (`Dataset.unit_frames`): no keys to tell apart
        units, count = np.zeros(len(frame), dtype=np.intp), 1
    else:
        units, names = pd.factorize(frame["unit_key"])
        count = len(names)
        usable &= units >= 0
    latest = np.full(count, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(latest, units[usable], ticks[usable])
    return usable & (ticks == latest[units])


def current_action_plan(frame: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Each unit's rows from its latest snapshot on or before ``as_of`` (undated sheets count as oldest)."""
    if frame.empty:
        return frame
    current = current_rows(frame, as_of)
    return frame if current.all() else frame.loc[current]


def data_day(plan: pd.DataFrame, rows: np.ndarray | None = None) -> date | None:
    """The day a plan's rows describe: their latest snapshot date, else the last day of the latest year they
    state ('RENCANA AKSI TAHUN 2025'), else None."""
    if plan.empty:
        return None
    stamps = stamps_of(plan["snapshot_date"])
    years = pd.to_numeric(plan["plan_year"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if rows is not None:
        stamps, years = stamps[rows], years[rows]
    dated = stamps[~np.isnat(stamps)]
    if len(dated):
        return pd.Timestamp(dated.max()).date()
    return date(int(np.nanmax(years)), 12, 31) if (~np.isnan(years)).any() else None


def judged_on(plan: pd.DataFrame, as_of: date, stale_after_days: int | None, rows: np.ndarray | None = None) -> date:
    """The day overdue work is judged on: `as_of`, or the plan's own day when that is more than
    `stale_after_days` before it. A 2025 plan looked at in December 2026 says what was late then; it cannot say
    that an activity is 675 days late, as nobody has reported on it since."""
    day = data_day(plan, rows) if stale_after_days is not None else None
    return day if day is not None and (as_of - day).days > stale_after_days else as_of


def action_plan_summary(frame: pd.DataFrame, as_of: date, rows: np.ndarray | None = None,
                        stale_after_days: int | None = None) -> dict[str, Any] | None:
    """Activities, mean progress overall and per area, and overdue count of one unit's current rows, overdue
    judged on `judged_on`. ``rows``: which rows of the frame count, when the caller has them as a mask (then no
    copy of the frame)."""
    if frame.empty or (rows is not None and not rows.any()):
        return None
    judged = judged_on(frame, as_of, stale_after_days, rows)
    progress = frame["progress"].to_numpy(dtype=float)
    areas, names = pd.factorize(frame["area"])
    target = stamps_of(frame["target_date"])
    if rows is not None:
        progress, areas, target = progress[rows], areas[rows], target[rows]
    known = ~np.isnan(progress)
    overdue = (target < np.datetime64(judged)) & (progress < 100)
    grouped = known & (areas >= 0)
    totals = np.bincount(areas[grouped], weights=progress[grouped], minlength=len(names))
    counts = np.bincount(areas[grouped], minlength=len(names))
    present = np.bincount(areas[areas >= 0], minlength=len(names)) > 0  # an area whose progress is all blank is NaN
    means = {str(name): float(totals[i] / counts[i]) if counts[i] else float("nan")
             for i, name in enumerate(names) if present[i]}
    return {
        "activities": int(len(progress)),
        "completion_pct": float(np.where(known, progress, 0.0).sum() / known.sum()) if known.any() else float("nan"),
        "areas": {key: means[key] for key in AREA_KEYS if key in means},
        "overdue": int(overdue.sum()),
    }


def counted_responses(responses: pd.DataFrame, as_of: date) -> np.ndarray:
    """Which responses count at ``as_of``: those given on or before it, and undated ones."""
    stamps = stamps_of(responses["timestamp"])
    return np.isnat(stamps) | (stamps < np.datetime64(as_of + timedelta(days=1)))


def responses_until(responses: pd.DataFrame, as_of: date) -> pd.DataFrame:
    counted = counted_responses(responses, as_of)
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
    return ikm_figures(len(responses), answers, _answered(responses, answers) if mine is None else mine)


def ikm_figures(respondents: int, answers: pd.DataFrame, mine: np.ndarray) -> dict[str, Any] | None:
    """`ikm_summary` of the answers in the mask `mine`, given by that many respondents."""
    values = _on_scale_4(answers["value"].to_numpy(dtype=float)[mine], answers["scale_max"].to_numpy(dtype=float)[mine])
    items, names = _codes(answers["item"], mine)
    counted = ~np.isnan(values) & (items >= 0)
    totals = np.bincount(items[counted], weights=values[counted], minlength=len(names))
    counts = np.bincount(items[counted], minlength=len(names))
    nrr = {str(name): totals[i] / counts[i] for i, name in enumerate(names) if counts[i]}
    unsur = {u: float(nrr[u]) for u in IKM_UNSUR if u in nrr}
    if not unsur:
        return None
    index = float(np.mean(list(unsur.values()))) * survey_rules().ikm_factor
    return {"respondents": int(respondents), "index": index, "grade": ikm_grade(index), "unsur": unsur}


def _codes(column: pd.Series, rows: np.ndarray) -> tuple[np.ndarray, list[Any]]:
    """Codes (-1 where missing) and distinct values of the chosen rows of a text column. Arrow encodes only
    those rows; pandas' factorize would encode the whole column first."""
    array = pa.array(column, from_pandas=True)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    encoded = pc.filter(array, pa.array(rows, type=pa.bool_())).dictionary_encode()
    return encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.intp), encoded.dictionary.to_pylist()


def perception_summary(responses: pd.DataFrame, answers: pd.DataFrame, mine: np.ndarray | None = None) -> dict[str, Any] | None:
    """SPAK/SPKP: mean of every item answer on the survey's own scale, and the same on 1–4."""
    if responses.empty:
        return None
    return perception_figures(len(responses), answers, _answered(responses, answers) if mine is None else mine)


def perception_figures(respondents: int, answers: pd.DataFrame, mine: np.ndarray) -> dict[str, Any] | None:
    """`perception_summary` of the answers in the mask `mine`, given by that many respondents."""
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
    return {"respondents": int(respondents), "mean": mean, "scale_max": scale, "index_4": float(np.nanmean(on_4))}


def _on_scale_4(values: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """`to_scale_4` on arrays."""
    return 1.0 + (values - 1.0) * 3.0 / (scale - 1.0)


def complaints_summary(frame: pd.DataFrame, as_of: date) -> dict[str, Any] | None:
    if frame.empty:
        return None
    received = stamps_of(frame["received_date"])
    counted = received <= np.datetime64(as_of)  # an unreadable date is not counted
    if not counted.any():
        return None
    resolved = is_resolved(frame)[counted]
    days = numbers_of(frame["days_to_resolve"])[counted][resolved]
    days = days[~np.isnan(days)]
    months, per_month = np.unique(received[counted].astype("datetime64[M]").view("i8"), return_counts=True)
    channels, channel_names = pd.factorize(frame["channel"])
    per_channel = dict(zip(channel_names, np.bincount(channels[counted & (channels >= 0)], minlength=len(channel_names))))
    return {
        "total": int(counted.sum()),
        "resolved": int(resolved.sum()),
        "resolved_pct": resolved_share(frame[counted]),
        "median_days_to_resolve": float(np.median(days)) if len(days) else None,
        "per_month": {f"{1970 + month // 12:04d}-{month % 12 + 1:02d}": int(n) for month, n in zip(months, per_month)},
        "per_channel": {key: int(per_channel[key]) for key in CHANNEL_KEYS if per_channel.get(key)},
    }


def is_resolved(frame: pd.DataFrame) -> np.ndarray:
    return equals(frame["status"], "resolved")


def resolved_share(frame: pd.DataFrame) -> float | None:
    """Percent of the complaints received that are resolved: the one definition every page and export shows."""
    return float(is_resolved(frame).mean() * 100.0) if len(frame) else None


def unit_summary(frames: dict[str, pd.DataFrame], unit_key: str, as_of: date,
                 stale_after_days: int | None = None) -> dict[str, Any]:
    """Everything `summarize` reports for one unit. Works on masks over the unit's rows, not on copies of
    them: a Kanwil page computes this for every unit. Overdue work is judged as `judged_on` says."""
    plan = of_unit(frames["action_plan"], unit_key)
    stored = of_unit(frames["survey_responses"], unit_key)
    answers = of_unit(frames["survey_answers"], unit_key)
    counted = counted_responses(stored, as_of)
    every_one = bool(counted.all())
    marks, names = pd.factorize(answers["survey"]) if every_one else (None, None)

    def figures(survey: str, compute: Any) -> dict[str, Any] | None:
        given = counted & equals(stored["survey"], survey)
        if not given.any():
            return None
        if every_one:
            # every stored response counts (none after as_of), and answers exist only for stored responses:
            # a survey's answers are then simply those marked with it, no need to match thousands of ids
            mine = marks == (names.get_loc(survey) if survey in names else -2)
        else:
            mine = among(answers["response_id"], stored["response_id"][given])
        return compute(int(given.sum()), answers, mine)

    return {
        "action_plan": action_plan_summary(plan, as_of, current_rows(plan, as_of), stale_after_days) if len(plan) else None,
        "surveys": {"ikm": figures("ikm", ikm_figures), "ipak": figures("ipak", perception_figures),
                    "ipkp": figures("ipkp", perception_figures)},
        "complaints": complaints_summary(of_unit(frames["complaints"], unit_key), as_of),
    }
