"""Lists of predicates held to one row per unit and predicate, with its year and decree. A row whose predicate
or year cannot be read is rejected with its reason: a wrong 'already holds WBK' would pass a WBBM precondition."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ...messages import msg
from ...normalize.dates import parse_date
from ...normalize.phrases import predicate_key
from ...normalize.text import clean_text, map_cells
from ..columns import frame, same_text, texts
from ..common import SheetContext, data_rows, empty_frame, field_columns, filled, picked, shown, unit_resolver, without_note_lines

COLUMNS = ["unit_key", "predicate", "year", "decree", "file", "sheet", "row"]
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
def year_of(value: Any) -> int | None:
    """A year as written (2024, '2024', 'Desember 2024'), or of a date cell; None when none is there."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() and 2000 <= value <= 2100:
        return int(value)
    day = parse_date(value) if not isinstance(value, (int, float)) else None
    if day is not None:
        return day.year
    years = _YEAR.findall(str(value))
    return int(years[-1]) if years else None


def parse_predicates(ctx: SheetContext, today: date) -> pd.DataFrame:
    mapping = ctx.detection.mapping
    assert mapping is not None
    cols = mapping.columns
    rows = without_note_lines(ctx, data_rows(ctx))
    names = ["predicate", "year", "decree"]
    raw = dict(zip(names, field_columns(rows, [cols.get(name) for name in names])))
    predicates_raw, years_raw, decrees_raw = (filled(raw[name]) for name in names)
    kept: list[int] = []
    found: dict[str, list[Any]] = {"unit_key": [], "predicate": [], "year": []}
    unit_of = unit_resolver(ctx, rows)
    for position, row in enumerate(rows):
        cell = predicates_raw[position]
        if cell is None:
            continue
        predicate = predicate_key(cell)
        if predicate is None:
            ctx.reject(row.index, ctx.field_column("predicate"), cell, msg("r_predicate", value=shown(cell)))
            continue
        year = next((y for y in (year_of(years_raw[position]) if years_raw[position] is not None else None,
                                 year_of(decrees_raw[position]) if decrees_raw[position] is not None else None,
                                 year_of(cell)) if y is not None), None)
        if year is None:
            ctx.reject(row.index, ctx.field_column("year"), years_raw[position] or "", msg("r_predicate_year"))
            continue
        unit_key = unit_of(row)
        if unit_key is None:
            continue
        kept.append(position)
        for name, value in (("unit_key", unit_key), ("predicate", predicate), ("year", year)):
            found[name].append(value)
    if not kept:
        return empty_frame(COLUMNS)
    return frame({
        "unit_key": texts(found["unit_key"]),
        "predicate": texts(found["predicate"]),
        "year": np.array(found["year"], dtype=np.int64),
        "decree": texts(map_cells(picked(raw["decree"], kept), clean_text)),
        "file": same_text(ctx.file, len(kept)),
        "sheet": same_text(ctx.sheet.name, len(kept)),
        "row": np.array([rows[i].index + 1 for i in kept], dtype=np.int64),
    }, COLUMNS)
