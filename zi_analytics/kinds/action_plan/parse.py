"""Action plan (rencana aksi) sheets to one row per activity."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ...messages import msg
from ...normalize.areas import area_key
from ...normalize.dates import parse_target
from ...normalize.progress import ProgressError, parse_progress
from ...normalize.text import clean_text, map_cells
from ..columns import frame, same_text, texts
from ..common import (
    DataRow,
    heading_area as heading_area_of,
    SheetContext,
    cell,
    data_rows,
    empty_frame,
    field_columns,
    filled,
    picked,
    shown,
    title_date,
    title_year,
    unit_resolver,
)

COLUMNS = ["unit_key", "area", "activity", "output", "pic", "target_date", "target_text", "progress",
           "evidence", "note", "snapshot_date", "plan_year", "file", "sheet", "row"]


def parse_action_plan(ctx: SheetContext, today: date) -> pd.DataFrame:
    mapping = ctx.detection.mapping
    assert mapping is not None
    cols = mapping.columns
    snapshot = title_date(ctx.title, ctx.file)
    stated_year = title_year(ctx.title, ctx.file) or (snapshot.year if snapshot else None)
    plan_year = stated_year or today.year  # a target without its year ('Juni') falls in the plan's year
    progress_col = cols.get("progress", cols.get("status"))
    rows = data_rows(ctx)
    activities, pics, progresses, targets, outputs, evidence, notes = field_columns(rows, [
        cols.get("activity"), cols.get("pic"), progress_col, cols.get("target"), cols.get("output"), cols.get("evidence"),
        cols.get("note")])
    activities, pics = map_cells(activities, clean_text), map_cells(pics, clean_text)
    progresses, targets = filled(progresses), filled(targets)
    kept: list[int] = []
    found: dict[str, list[Any]] = {"unit_key": [], "area": [], "progress": [], "target_date": []}
    current_area: str | None = None
    headings = 0
    unknown = 0
    unit_of = unit_resolver(ctx, rows)
    for position, row in enumerate(rows):
        activity, raw_progress, pic, raw_target = activities[position], progresses[position], pics[position], targets[position]
        heading_area = heading_area_of(row, raw_progress is None and not pic and raw_target is None)
        if heading_area:
            current_area = heading_area
            continue
        if raw_progress is None and not pic and raw_target is None:
            headings += 1  # a sub-heading (sub-indicator, programme name) inside an area
            continue
        if not activity:
            ctx.reject(row.index, ctx.field_column("activity"), "", msg("r_activity_missing"))
            continue
        area = _row_area(ctx, row, cols.get("area"), current_area)
        if area is None:
            continue
        current_area = area  # an area written once at the top of its block holds for the rows below it
        try:
            progress = parse_progress(raw_progress)
        except ProgressError as exc:
            ctx.reject(row.index, ctx.column_name(progress_col), raw_progress, msg(exc.kind, value=shown(raw_progress)))
            continue
        if progress is None:
            progress = 0.0
            ctx.warn(row.index, ctx.column_name(progress_col), "", "Progres kosong; dianggap 0% (belum dimulai).")
        elif math.isnan(progress):
            unknown += 1
            ctx.warn(row.index, ctx.column_name(progress_col), raw_progress, msg("w_progress_unknown", value=shown(raw_progress)))
        unit_key = unit_of(row)
        if unit_key is None:
            continue
        target, understood = parse_target(raw_target, plan_year)
        if not understood:
            ctx.warn(row.index, ctx.field_column("target"), raw_target, msg("w_target", value=shown(raw_target)))
        kept.append(position)
        for name, value in (("unit_key", unit_key), ("area", area), ("progress", progress), ("target_date", target)):
            found[name].append(value)
    if headings:
        ctx.notes.append(f"Lembar '{ctx.sheet.name}': {headings} baris subjudul (tanpa progres, PIC, dan target) tidak dihitung sebagai kegiatan.")
    if unknown:
        ctx.notes.append(msg("n_progress_unknown", sheet=ctx.sheet.name, count=unknown))
    if not kept:
        return empty_frame(COLUMNS)

    return frame({
        "unit_key": texts(found["unit_key"]),
        "area": texts(found["area"]),
        "activity": texts(picked(activities, kept)),
        "output": texts(map_cells(picked(outputs, kept), clean_text)),
        "pic": texts(picked(pics, kept)),
        "target_date": found["target_date"],
        "target_text": texts(map_cells(picked(targets, kept), clean_text)),
        "progress": np.array(found["progress"], dtype=np.float64),  # numbers typed already: pandas need not infer them
        "evidence": texts(map_cells(picked(evidence, kept), clean_text)),
        "note": texts(map_cells(picked(notes, kept), clean_text)),
        "snapshot_date": [snapshot] * len(kept),
        "plan_year": pd.array([stated_year] * len(kept), dtype="Int64"),  # missing: the file states no year
        "file": same_text(ctx.file, len(kept)),
        "sheet": same_text(ctx.sheet.name, len(kept)),
        "row": np.array([rows[i].index + 1 for i in kept], dtype=np.int64),
    }, COLUMNS)


def _row_area(ctx: SheetContext, row: DataRow, col: int | None, current: str | None) -> str | None:
    raw = cell(row.values, col)
    if raw is not None:
        key = area_key(raw)
        if key is None:
            ctx.reject(row.index, ctx.column_name(col), raw, msg("r_area_unknown", value=shown(raw)))
        return key
    if current is None:
        ctx.reject(row.index, ctx.column_name(col) if col is not None else "", "", msg("r_area_missing"))
    return current
