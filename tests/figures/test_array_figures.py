"""The per-unit figures are computed on arrays (a Kanwil page computes them for every unit); these pin that
they say what the plain pandas computation says, on generated frames with the awkward cells: blank areas and
progress, undated and later snapshots, several units in one frame, date columns with datetimes or texts."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zi_analytics.dataset import UNIT_ATTR
from zi_analytics.metrics import (
    action_plan_summary,
    complaints_summary,
    current_action_plan,
    current_rows,
    equals,
    stamps_of,
    to_dates,
)
from zi_analytics.readiness.checks import Check
from zi_analytics.readiness.forecast import _slope, area_history
from zi_analytics.rules import AREA_KEYS
from zi_analytics.rules.regulation import load_regulation

AS_OF = date(2026, 6, 15)
SNAPSHOTS = [None, date(2026, 1, 31), date(2026, 3, 31), date(2026, 6, 15), date(2026, 7, 31)]
FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

plan_rows = st.lists(st.tuples(st.sampled_from(["a", "b"]), st.sampled_from([*AREA_KEYS[:3], None]),
                               st.one_of(st.none(), st.floats(0, 100)), st.sampled_from(SNAPSHOTS),
                               st.sampled_from([None, date(2026, 5, 1), date(2026, 6, 15), date(2026, 8, 1)])),
                     min_size=1, max_size=40)


def _plan(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["unit_key", "area", "progress", "snapshot_date", "target_date"]).astype(
        {"unit_key": "str", "area": "str", "progress": "float64", "snapshot_date": "object", "target_date": "object"})


def _reference_current(frame: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Each unit's latest snapshot on or before as_of, undated sheets the oldest: one unit at a time."""
    parts = []
    for _, rows in frame.groupby("unit_key", sort=False):
        snap = pd.to_datetime(rows["snapshot_date"])
        usable = snap.isna() | (snap <= pd.Timestamp(as_of))
        dated = snap[usable].dropna()
        latest = dated.max() if len(dated) else None
        parts.append(rows.loc[usable & ((snap == latest) if latest is not None else snap.isna())])
    return pd.concat(parts).sort_index() if parts else frame.iloc[0:0]


def _reference_summary(frame: pd.DataFrame, as_of: date) -> dict | None:
    """`action_plan_summary` as pandas says it (groupby mean, Series mean)."""
    if frame.empty:
        return None
    progress = frame["progress"].astype(float)
    areas = progress.groupby(frame["area"]).mean()
    overdue = (pd.to_datetime(frame["target_date"]) < pd.Timestamp(as_of)) & (progress < 100)
    return {"activities": len(frame), "completion_pct": float(progress.mean()),
            "areas": {key: float(areas[key]) for key in AREA_KEYS if key in areas.index}, "overdue": int(overdue.sum())}


def _same(left, right) -> bool:
    if isinstance(left, dict):
        return isinstance(right, dict) and list(left) == list(right) and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, float) and isinstance(right, float):
        return (np.isnan(left) and np.isnan(right)) or left == pytest.approx(right, rel=1e-12, abs=1e-12)
    return left == right


@FAST
@given(plan_rows)
def test_current_rows_are_each_units_latest_snapshot(rows):
    frame = _plan(rows)
    assert current_action_plan(frame, AS_OF).index.tolist() == _reference_current(frame, AS_OF).index.tolist()


@FAST
@given(plan_rows)
def test_one_units_frame_gives_the_same_rows_with_or_without_its_mark(rows):
    frame = _plan([("a", *row[1:]) for row in rows])
    marked = frame.copy()
    marked.attrs[UNIT_ATTR] = "a"
    assert current_rows(marked, AS_OF).tolist() == current_rows(frame, AS_OF).tolist()


@FAST
@given(plan_rows)
def test_plan_summary_on_a_mask_is_pandas_on_the_rows(rows):
    frame = _plan([("a", *row[1:]) for row in rows])
    current = _reference_current(frame, AS_OF)
    expected = _reference_summary(current, AS_OF)
    assert _same(action_plan_summary(frame, AS_OF, current_rows(frame, AS_OF)), expected)
    assert _same(action_plan_summary(current, AS_OF), expected)


@FAST
@given(plan_rows)
def test_area_history_is_the_mean_per_snapshot_and_area(rows):
    frame = _plan(rows)
    dated = frame.loc[pd.to_datetime(frame["snapshot_date"]) <= pd.Timestamp(AS_OF)].dropna(subset=["area"])
    expected = dated.groupby([pd.to_datetime(dated["snapshot_date"]), "area"])["progress"].mean()
    history = area_history(frame, AS_OF)
    assert len(history) == len(expected)
    for (day, area), pct in expected.items():
        found = history.loc[(history["snapshot_date"] == day) & (history["area"] == area), "pct"]
        assert len(found) == 1 and _same(float(found.iloc[0]), float(pct))
    assert list(history["snapshot_date"]) == sorted(history["snapshot_date"])


cells = st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2100, 12, 31)),
                  st.datetimes(datetime(1990, 1, 1), datetime(2100, 12, 31)), st.sampled_from(["2026-03-04", "kemarin", 5]))


@pytest.mark.filterwarnings("ignore::UserWarning", "ignore::DeprecationWarning", "ignore::FutureWarning")
@FAST
@given(st.lists(cells, max_size=12))
def test_stamps_of_is_to_dates(values):
    series = pd.Series(values, dtype=object)
    try:
        expected = to_dates(series).to_numpy()
    except (TypeError, ValueError):  # pandas refuses some mixes outright; nothing to compare then
        return
    got = stamps_of(series)
    assert np.isnat(got).tolist() == np.isnat(expected).tolist()
    assert (got[~np.isnat(got)] == expected[~np.isnat(expected)]).all()


def test_stamps_of_date_cells_take_the_arrow_path_and_keep_pandas_unit():
    series = pd.Series([date(2026, 1, 31), None, date(2026, 2, 28)], dtype=object)
    assert stamps_of(series).dtype == to_dates(series).to_numpy().dtype


def test_a_datetime_among_dates_keeps_its_time():
    """Arrow alone would read the datetime as its day; the exact type test sends the column to pandas."""
    series = pd.Series([date(2026, 6, 15), datetime(2026, 6, 15, 10, 30)], dtype=object)
    assert stamps_of(series)[1] == np.datetime64("2026-06-15T10:30")


@FAST
@given(st.lists(st.tuples(st.integers(0, 400), st.floats(0, 100)), min_size=2, max_size=15, unique_by=lambda p: p[0]))
def test_slope_is_the_least_squares_slope(points):
    x = np.array([p[0] for p in points], dtype=float)
    y = np.array([p[1] for p in points])
    assert _slope(x, y) == pytest.approx(np.polyfit(x, y, 1)[0], rel=1e-9, abs=1e-9)


def test_complaints_per_month_across_years_and_before_1970():
    frame = pd.DataFrame({"received_date": [date(1969, 12, 31), date(2025, 12, 1), date(2026, 1, 5), date(2026, 1, 6), None],
                          "status": ["resolved", "open", "resolved", None, "resolved"], "days_to_resolve": [1.0, None, 3.0, 4.0, 2.0],
                          "channel": ["kotak", None, "kotak", "sms", "kotak"]}, dtype=object)
    summary = complaints_summary(frame, AS_OF)
    assert summary["per_month"] == {"1969-12": 1, "2025-12": 1, "2026-01": 2}
    assert summary["total"] == 4 and summary["resolved"] == 2


def test_one_regulation_is_shared_and_cannot_be_changed():
    first, again = load_regulation(), load_regulation()
    assert first is again
    with pytest.raises(ValueError):
        first.conventions.complaint_sla_working_days = 1
    changed = load_regulation(overrides={"conventions": {"complaint_sla_working_days": 7}})
    assert changed is not first and changed.conventions.complaint_sla_working_days == 7
    assert first.conventions.complaint_sla_working_days != 7


def test_check_json_has_the_fields_in_order():
    check = Check("total", "Nilai total", 71.5, 75.0, 3.5, False)
    assert list(check.to_json().items()) == [("id", "total"), ("label", "Nilai total"), ("value", 71.5), ("minimum", 75.0),
                                             ("gap", 3.5), ("pass", False)]


@pytest.mark.parametrize("values", [["resolved", None, "open"], [None, None], [], [1, "resolved", None], [np.nan, "resolved"],
                                    [1.0, 2.0], ["resolved", pd.NA]])
def test_equals_is_pandas_comparison_for_any_column(values):
    column = pd.Series(values, dtype="float64" if values == [1.0, 2.0] else object)
    assert equals(column, "resolved").tolist() == (column == "resolved").to_numpy(dtype=bool, na_value=False).tolist()
