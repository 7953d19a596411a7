"""Complaint registers (register pengaduan) to one row per complaint, with fixed channel and status keys."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from ..messages import msg
from ..normalize.dates import parse_date
from ..normalize.numbers import parse_number
from ..normalize.phrases import category_key, channel_key, status_key
from ..normalize.text import clean_text
from .common import SheetContext, cell, data_rows, resolve_unit, shown

COLUMNS = ["unit_key", "received_date", "channel", "channel_text", "category", "category_text", "description",
           "follow_up", "status", "status_text", "resolved_date", "days_to_resolve", "complainant", "phone",
           "file", "sheet", "row"]


def parse_complaints(ctx: SheetContext, today: date) -> pd.DataFrame:
    mapping = ctx.detection.mapping
    assert mapping is not None
    cols = mapping.columns
    status_col = cols.get("status", cols.get("follow_up"))
    records: list[dict[str, Any]] = []
    for row in data_rows(ctx):
        values = row.values
        raw_date = cell(values, cols.get("received_date"))
        if raw_date is None:
            ctx.reject(row.index, ctx.field_column("received_date"), "", msg("r_date_missing"))
            continue
        received = parse_date(raw_date)
        if received is None:
            ctx.reject(row.index, ctx.field_column("received_date"), raw_date, msg("r_date", value=shown(raw_date)))
            continue
        unit_key = resolve_unit(ctx, row)
        if unit_key is None:
            continue
        resolved_date = _resolved_date(ctx, row.index, cell(values, cols.get("resolved_date")), received)
        status = _status(ctx, row.index, cell(values, status_col), status_col, resolved_date)
        raw_channel = cell(values, cols.get("channel"))
        raw_category = cell(values, cols.get("category"))
        records.append({
            "unit_key": unit_key,
            "received_date": received,
            "channel": channel_key(raw_channel) or "lainnya",
            "channel_text": clean_text(raw_channel),
            "category": category_key(raw_category) or "lainnya",
            "category_text": clean_text(raw_category),
            "description": clean_text(cell(values, cols.get("description"))),
            "follow_up": clean_text(cell(values, cols.get("follow_up"))),
            "status": status,
            "status_text": clean_text(cell(values, status_col)),
            "resolved_date": resolved_date,
            "days_to_resolve": _days(ctx, row.index, cell(values, cols.get("days")), received, resolved_date, status),
            "complainant": clean_text(cell(values, cols.get("complainant"))),
            "phone": clean_text(cell(values, cols.get("phone"))),
            "file": ctx.file,
            "sheet": ctx.sheet.name,
            "row": row.index + 1,
        })
    return pd.DataFrame.from_records(records, columns=COLUMNS)


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
