"""One stored file becomes datasets: one per unit and kind (and survey, and action-plan snapshot).

A dataset is what supersedes and is superseded: the October action plan of Lapas Malang, the IKM of
Lapas Banyuwangi. Each frame keeps `_pos`, its row's place in the file, so a unit read back from the
store has its rows in the same order as read from the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ..ingest import FileResult
from ..kinds.registry import MAIN_FRAME
from .current import UNDATED_KINDS
from .frames import to_bytes

POSITION = "_pos"


@dataclass
class DatasetPart:
    unit_key: str
    kind: str
    survey: str
    period_start: date | None
    period_end: date | None
    frames: dict[str, pd.DataFrame]
    sheets: list[str] = field(default_factory=list)
    mapping: dict[str, dict[str, Any]] = field(default_factory=dict)
    blobs: dict[str, bytes] = field(default_factory=dict)  # the frames as stored, when encoded ahead
    row_count: int | None = None

    @property
    def rows(self) -> int:
        if self.row_count is not None:
            return self.row_count
        main = self.frames.get(MAIN_FRAME[self.kind])
        return 0 if main is None else len(main)

    def encoded(self) -> DatasetPart:
        """The part as the store writes it, its frames already Parquet: what a worker process hands back
        (a tenth of the frames' size, and the encoding done on the worker's core)."""
        return replace(self, frames={}, blobs={name: to_bytes(frame) for name, frame in self.frames.items()},
                       row_count=self.rows)

    def stored_frames(self) -> dict[str, bytes]:
        return self.blobs or {name: to_bytes(frame) for name, frame in self.frames.items()}


def _day(value: Any) -> date | None:
    stamp = pd.to_datetime(value, errors="coerce")
    return None if pd.isna(stamp) else stamp.date()


def _plan_period(plan: pd.DataFrame) -> tuple[date | None, date | None]:
    """A plan's snapshot day; without one, the year the plan states ('TAHUN 2025'), never the upload day."""
    day = _day(plan["snapshot_date"].iloc[0])
    if day is not None:
        return day, day
    year = plan["plan_year"].iloc[0]
    if pd.isna(year):
        return None, None
    return date(int(year), 1, 1), date(int(year), 12, 31)


def _period(values: pd.Series) -> tuple[date | None, date | None]:
    stamps = pd.to_datetime(values, errors="coerce").dropna()
    if stamps.empty:
        return None, None
    return stamps.min().date(), stamps.max().date()


def _numbered(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(**{POSITION: range(len(frame))})


def _one_value(values: pd.Series) -> bool:
    """Every row holds the same value, none missing: the whole frame is one group (pandas' groupby costs
    milliseconds even then, and a Kanwil batch has hundreds of files)."""
    return not values.hasnans and bool((values == values.iloc[0]).all())


def _one_or_none(values: pd.Series) -> bool:
    """Every row holds the same value, or every row none (a plan that states no date)."""
    return bool(values.isna().all()) if values.hasnans else _one_value(values)


def _by_unit(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """`groupby("unit_key", sort=False)` of the numbered frame, a single unit without the groupby."""
    if frame.empty:
        return []
    numbered = _numbered(frame)
    if _one_value(numbered["unit_key"]):
        return [(numbered["unit_key"].iloc[0], numbered)]
    return list(numbered.groupby("unit_key", sort=False))


def _rows_by_unit_and_survey(frame: pd.DataFrame) -> dict[tuple[str, str], np.ndarray]:
    """`groupby(["unit_key", "survey"], sort=False).indices`: a survey file is one unit's, as a rule, and then
    its surveys are told apart without factorizing every row's unit (a file has 50,000 answers)."""
    if frame.empty:
        return {}
    if not _one_value(frame["unit_key"]):
        return {key: np.asarray(rows, dtype=np.intp)
                for key, rows in frame.groupby(["unit_key", "survey"], sort=False).indices.items()}
    unit, surveys = frame["unit_key"].iloc[0], frame["survey"]
    return {(unit, survey): np.flatnonzero((surveys == survey).to_numpy(dtype=bool, na_value=False))
            for survey in surveys.dropna().unique()}


def split_result(result: FileResult) -> list[DatasetPart]:
    """The datasets of one read file; rows of a unit never land in another unit's dataset."""
    mappings = {sheet.name: sheet.mapping for sheet in result.sheets}
    parts: list[DatasetPart] = []

    def part(unit: str, kind: str, frames: dict[str, pd.DataFrame], period: tuple[date | None, date | None],
             survey: str = "") -> None:
        main = frames.get(MAIN_FRAME[kind])
        sheets = sorted(set(main["sheet"].unique())) if main is not None else []  # not row by row: a survey has thousands
        parts.append(DatasetPart(unit, kind, survey, period[0], period[1], frames, sheets,
                                 {s: mappings.get(s, {}) for s in sheets}))

    plan = result.frame("action_plan")
    if len(plan):  # numbered and grouped only when the file holds the kind, as below
        plan = _numbered(plan)
        if _one_value(plan["unit_key"]) and _one_or_none(plan["snapshot_date"]) and _one_or_none(plan["plan_year"]):
            groups: Any = [((plan["unit_key"].iloc[0], None, None), plan)]  # one unit's snapshot, as a rule
        else:
            snapshot = pd.to_datetime(plan["snapshot_date"], errors="coerce")
            groups = plan.groupby([plan["unit_key"], snapshot, plan["plan_year"]], dropna=False, sort=False)
        for (unit, _, _), group in groups:
            part(unit, "action_plan", {"action_plan": group}, _plan_period(group))
    for kind in UNDATED_KINDS:
        for unit, group in _by_unit(result.frame(MAIN_FRAME[kind])):
            part(unit, kind, {MAIN_FRAME[kind]: group}, (None, None))
    for unit, group in _by_unit(result.frame("complaints")):
        part(unit, "complaints", {"complaints": group}, _period(group["received_date"]))
    responses = result.frame("survey_responses")
    if responses.empty:
        return parts
    responses = _numbered(responses)
    answers = _numbered(result.frame("survey_answers"))
    questions = _numbered(result.frame("survey_questions"))
    answer_rows = _rows_by_unit_and_survey(answers)
    for (unit, survey), rows in _rows_by_unit_and_survey(responses).items():
        group = responses.take(rows)
        own_answers = answers.take(answer_rows.get((unit, survey), np.array([], dtype=np.intp)))
        own_questions = questions.loc[(questions["survey"] == survey) & questions["sheet"].isin(group["sheet"].unique())]
        frames = {"survey_responses": group, "survey_answers": own_answers, "survey_questions": own_questions}
        part(unit, "survey", frames, _period(group["timestamp"]), survey)
    return parts


def encoded_parts(result: FileResult) -> tuple[list[DatasetPart], bytes]:
    """A reading as the store writes it, its datasets' frames and its problems encoded: what a worker process
    of a batch import hands back (`pool.Job.prepare`)."""
    return [part.encoded() for part in split_result(result)], to_bytes(result.problems)
