"""Daftar inovasi to one row per innovation: its change area, launch (a day, or only a year), status key,
description, evidence link and person in charge. A cell that cannot be read is kept blank with a warning,
never guessed."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ...messages import msg
from ...normalize.areas import area_key
from ...normalize.dates import parse_date, parse_target
from ...normalize.phrases import innovation_status_key
from ...normalize.text import clean_text, map_cells
from ..columns import frame, same_text, texts
from ..common import SheetContext, data_rows, empty_frame, field_columns, filled, heading_area, picked, shown, unit_resolver

COLUMNS = ["unit_key", "name", "area", "area_text", "launched", "launched_year", "status", "status_text", "description",
           "evidence", "pic", "file", "sheet", "row"]
_YEAR = re.compile(r"^\s*(?:tahun\s+)?((?:19|20)\d\d)\s*$", re.IGNORECASE)
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def launch(value: Any) -> tuple[date | None, int | None]:
    """(day, year) of a launch cell: a date gives both; '2024' or 'Tahun 2024' only the year; 'Maret 2024'
    the month's last day. (None, None) when nothing in it reads as a launch."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1990 <= value <= 2100 and float(value).is_integer():
        return None, int(value)  # a year, not an Excel day number
    text = str(value)
    match = _YEAR.match(text)
    if match:
        return None, int(match.group(1))
    day = parse_date(value)
    if day is None:
        years = _ANY_YEAR.findall(text)
        if years:
            day, _ = parse_target(text, int(years[-1]))
    return (day, day.year) if day is not None else (None, None)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_innovations(ctx: SheetContext, today: date) -> pd.DataFrame:
    mapping = ctx.detection.mapping
    assert mapping is not None
    cols = mapping.columns
    rows = data_rows(ctx)
    names = ["innovation", "area", "launched", "status", "summary", "evidence", "pic"]
    raw = dict(zip(names, field_columns(rows, [cols.get(name) for name in names])))
    titles, areas_raw, launches_raw, statuses_raw = (filled(raw[name]) for name in ("innovation", "area", "launched", "status"))
    kept: list[int] = []
    found: dict[str, list[Any]] = {name: [] for name in ("unit_key", "area", "area_text", "launched", "launched_year", "status")}
    unit_of = unit_resolver(ctx, rows)
    details = [raw[name] for name in names if name not in ("innovation", "area")]
    current_area: str | None = None  # from a heading row above, or an area written once at the top of its block
    notes = carried = 0
    for position, row in enumerate(rows):
        blank = all(_blank(cells[position]) for cells in details)
        heading = heading_area(row, blank and (titles[position] is None or areas_raw[position] is None))
        if heading:
            current_area = heading
            continue
        if row.note:
            notes += 1  # a legend or note line: never an innovation
            continue
        if titles[position] is None:
            if any(value is not None for value in (areas_raw[position], statuses_raw[position], launches_raw[position])):
                ctx.reject(row.index, ctx.field_column("innovation"), "", msg("r_innovation_name_missing"))
            continue
        unit_key = unit_of(row)
        if unit_key is None:
            continue
        area_text = areas_raw[position] if areas_raw[position] is not None else (row.heading_text or None)
        area = area_key(area_text) if area_text is not None else current_area
        if area_text is None and area is not None and cols.get("area") is not None:
            carried += 1
        if area is None and areas_raw[position] is not None:
            ctx.warn(row.index, ctx.field_column("area"), area_text, msg("w_innovation_area", value=shown(area_text)))
        elif area_text is not None:
            current_area = area
        day, year = (None, None)
        if launches_raw[position] is not None:
            day, year = launch(launches_raw[position])
            if year is None:
                ctx.warn(row.index, ctx.field_column("launched"), launches_raw[position],
                         msg("w_innovation_launch", value=shown(launches_raw[position])))
        status = None
        if statuses_raw[position] is not None:
            status = innovation_status_key(statuses_raw[position])
            if status is None:
                ctx.warn(row.index, ctx.field_column("status"), statuses_raw[position],
                         msg("w_innovation_status", value=shown(statuses_raw[position])))
        kept.append(position)
        for name, value in (("unit_key", unit_key), ("area", area), ("area_text", clean_text(area_text) if area_text else ""),
                            ("launched", day), ("launched_year", year), ("status", status)):
            found[name].append(value)
    if notes:
        ctx.notes.append(msg("n_note_lines", sheet=ctx.sheet.name, count=notes))
    if carried:
        ctx.notes.append(msg("n_area_carried", sheet=ctx.sheet.name, count=carried))
    if not kept:
        return empty_frame(COLUMNS)

    def kept_cells(name: str) -> list[str]:
        return texts(map_cells(picked(raw[name], kept), clean_text))

    return frame({
        "unit_key": texts(found["unit_key"]),
        "name": kept_cells("innovation"),
        "area": found["area"],
        "area_text": texts(found["area_text"]),
        "launched": found["launched"],
        "launched_year": pd.array(found["launched_year"], dtype="Int64"),
        "status": found["status"],
        "status_text": kept_cells("status"),
        "description": kept_cells("summary"),
        "evidence": kept_cells("evidence"),
        "pic": kept_cells("pic"),
        "file": same_text(ctx.file, len(kept)),
        "sheet": same_text(ctx.sheet.name, len(kept)),
        "row": np.array([rows[i].index + 1 for i in kept], dtype=np.int64),
    }, COLUMNS)
