"""Complaint registers (register pengaduan) to one row per complaint, with fixed channel and status keys."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ...messages import msg
from ...normalize.dates import parse_date
from ...normalize.numbers import parse_number
from ...normalize.phrases import category_key, channel_key, status_key
from ...normalize.text import clean_text, map_cells
from ..columns import frame, same_text, texts
from ..common import (
    SheetContext,
    data_rows,
    empty_frame,
    field_columns,
    filled,
    picked,
    shown,
    unit_resolver,
    without_note_lines,
)

COLUMNS = ["unit_key", "received_date", "channel", "channel_text", "category", "category_text", "description",
           "follow_up", "status", "status_text", "resolved_date", "days_to_resolve", "complainant", "phone",
           "file", "sheet", "row"]


def parse_complaints(ctx: SheetContext, today: date) -> pd.DataFrame:
    mapping = ctx.detection.mapping
    assert mapping is not None
    cols = mapping.columns
    status_col = cols.get("status", cols.get("follow_up"))
    rows = without_note_lines(ctx, data_rows(ctx))
    names = ["received_date", "resolved_date", "days", "channel", "category", "topic", "description", "follow_up",
             "complainant", "phone"]
    raw = dict(zip(names + ["status"], field_columns(rows, [cols.get(name) for name in names] + [status_col])))
    received_raw, resolved_raw, statuses, days_raw = (
        filled(raw[name]) for name in ("received_date", "resolved_date", "status", "days"))
    kept: list[int] = []
    found: dict[str, list[Any]] = {name: [] for name in ("unit_key", "received_date", "status", "resolved_date", "days_to_resolve")}
    unit_of = unit_resolver(ctx, rows)
    for position, row in enumerate(rows):
        raw_date = received_raw[position]
        if raw_date is None:
            ctx.reject(row.index, ctx.field_column("received_date"), "", msg("r_date_missing"))
            continue
        received = parse_date(raw_date)
        if received is None:
            ctx.reject(row.index, ctx.field_column("received_date"), raw_date, msg("r_date", value=shown(raw_date)))
            continue
        unit_key = unit_of(row)
        if unit_key is None:
            continue
        resolved_date = _resolved_date(ctx, row.index, resolved_raw[position], received)
        status = _status(ctx, row.index, statuses[position], status_col, resolved_date)
        days = _days(ctx, row.index, days_raw[position], received, resolved_date, status)
        kept.append(position)
        for name, value in (("unit_key", unit_key), ("received_date", received), ("status", status),
                            ("resolved_date", resolved_date), ("days_to_resolve", days)):
            found[name].append(value)
    if not kept:
        return empty_frame(COLUMNS)

    def kept_cells(name: str) -> list[Any]:
        return picked(raw[name], kept)

    channels, categories = kept_cells("channel"), kept_cells("category")
    topics, descriptions = kept_cells("topic"), kept_cells("description")
    if "description" not in cols:
        descriptions = topics  # "Perihal" alone is the complaint as written
    if "category" not in cols:
        # no category column: the topic (else the description) says what the complaint is about, by the
        # vocabulary's keywords; the text itself stays in `description`
        categories = topics if "topic" in cols else descriptions
    return frame({
        "unit_key": texts(found["unit_key"]),
        "received_date": found["received_date"],
        "channel": texts([key or "lainnya" for key in map_cells(channels, channel_key)]),
        "channel_text": texts(map_cells(channels, clean_text)),
        "category": texts([key or "lainnya" for key in map_cells(categories, category_key)]),
        "category_text": texts(map_cells(categories, clean_text)),
        "description": texts(map_cells(descriptions, clean_text)),
        "follow_up": texts(map_cells(kept_cells("follow_up"), clean_text)),
        "status": texts(found["status"]),
        "status_text": texts(map_cells(kept_cells("status"), clean_text)),
        "resolved_date": found["resolved_date"],
        "days_to_resolve": found["days_to_resolve"],
        "complainant": texts(map_cells(kept_cells("complainant"), clean_text)),
        "phone": texts(map_cells(kept_cells("phone"), clean_text)),
        "file": same_text(ctx.file, len(kept)),
        "sheet": same_text(ctx.sheet.name, len(kept)),
        "row": np.array([rows[i].index + 1 for i in kept], dtype=np.int64),
    }, COLUMNS)


def _resolved_date(ctx: SheetContext, row: int, raw: Any, received: date) -> date | None:
    if raw is None:
        return None
    resolved = parse_date(raw)
    if resolved is None:
        ctx.warn(row, ctx.field_column("resolved_date"), raw, msg("w_resolved_date", value=shown(raw)))
        return None
    if resolved < received:
        ctx.warn(row, ctx.field_column("resolved_date"), raw, msg("w_resolved_before"))
        return None
    return resolved


def _status(ctx: SheetContext, row: int, raw: Any, col: int | None, resolved_date: date | None) -> str:
    if raw is None:
        status = "resolved" if resolved_date else "open"
        if col is not None:
            ctx.warn(row, ctx.column_name(col), "", msg("w_status_blank", status="selesai" if resolved_date else "belum ditindaklanjuti"))
        return status
    key = status_key(raw)
    if key is None:
        if resolved_date:
            return "resolved"
        ctx.warn(row, ctx.column_name(col), raw, msg("w_status", value=shown(raw)))
        return "open"
    return key


def _days(ctx: SheetContext, row: int, raw: Any, received: date, resolved: date | None, status: str) -> float | None:
    """Days to resolve: the register's own count if it has one, else the dates' difference."""
    if raw is not None:
        number = parse_number(raw)
        if number is not None and number >= 0:
            return number
        ctx.warn(row, ctx.field_column("days"), raw, msg("w_days", value=shown(raw)))
    if resolved is not None and status == "resolved":
        return float((resolved - received).days)
    return None
