"""LKE self-assessment sheets to one row per node of the hierarchy (A/B, I/II, 1–6, i–vi, a–h).

Scoring belongs to the readiness engine; here each row keeps its level, its path and its parent's
section and area so the engine can sum without re-reading the sheet.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pandas as pd

from ...messages import msg
from ...normalize.areas import area_key
from ...normalize.numbers import parse_number
from ...normalize.text import clean_text, fold
from ..common import SheetContext, cell, data_rows, resolve_unit

COLUMNS = ["unit_key", "level", "code", "path", "component", "section", "area", "label", "weight", "options",
           "answer", "value", "evidence", "note", "file", "sheet", "row"]
LEVELS = ("component", "section", "area", "sub_indicator", "question")
_LOWER_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}
_UPPER_ROMAN = {"I", "II", "III", "IV", "V", "VI"}


def code_level(code: str) -> str | None:
    """Level of a hierarchy code as written in published LKE sheets."""
    token = code.strip().rstrip(".)").lstrip("(")
    if token in _UPPER_ROMAN:
        return "section"
    if re.fullmatch(r"[A-H]", token):
        return "component"
    if re.fullmatch(r"\d{1,2}", token):
        return "area"
    if token in _LOWER_ROMAN:
        return "sub_indicator"
    if re.fullmatch(r"[a-z]", token):
        return "question"
    return None


def parse_lke(ctx: SheetContext, today: date) -> pd.DataFrame:
    mapping = ctx.detection.mapping
    assert mapping is not None
    cols = mapping.columns
    label_col = cols.get("label")
    records: list[dict[str, Any]] = []
    path: dict[str, str] = {}
    context = {"component": "", "section": "", "area": ""}
    skipped = 0
    for row in data_rows(ctx):
        values = row.values
        code, level = _row_code(values, cols.get("code"), label_col)
        label = clean_text(cell(values, label_col)) or _first_long_text(values)
        if level is None:
            skipped += 1
            continue
        unit_key = resolve_unit(ctx, row)
        if unit_key is None:
            continue
        depth = LEVELS.index(level)
        path = {k: v for k, v in path.items() if LEVELS.index(k) < depth}
        path[level] = code
        if level == "component":
            context = {"component": fold(label), "section": "", "area": ""}
        elif level == "section":
            context.update(section=_section(label), area="")
        elif level == "area":
            context["area"] = area_key(label) or fold(label)
        records.append({
            "unit_key": unit_key, "level": level, "code": code,
            "path": "/".join(path[k] for k in LEVELS if k in path),
            "component": context["component"], "section": context["section"], "area": context["area"],
            "label": label,
            "weight": parse_number(cell(values, cols.get("weight"))),
            "options": clean_text(cell(values, cols.get("options"))),
            "answer": clean_text(cell(values, cols.get("answer"))),
            "value": parse_number(cell(values, cols.get("value"))),
            "evidence": clean_text(cell(values, cols.get("evidence"))),
            "note": clean_text(cell(values, cols.get("note"))),
            "file": ctx.file, "sheet": ctx.sheet.name, "row": row.index + 1,
        })
    if skipped:
        ctx.notes.append(msg("w_lke_no_code", sheet=ctx.sheet.name, count=skipped))
    return pd.DataFrame.from_records(records, columns=COLUMNS)


def _row_code(values: list[Any], code_col: int | None, label_col: int | None) -> tuple[str, str | None]:
    """The first short code cell left of the label (published sheets spread codes over several columns)."""
    stop = label_col if label_col is not None else len(values)
    start = code_col if code_col is not None and code_col < stop else 0
    for col in range(start, stop):
        raw = clean_text(values[col]) if col < len(values) else ""
        if raw and len(raw) <= 5:
            level = code_level(raw)
            if level:
                return raw.strip().rstrip(".)").lstrip("("), level
    return "", None


def _first_long_text(values: list[Any]) -> str:
    return next((clean_text(v) for v in values if isinstance(v, str) and len(v.strip()) > 5), "")


def _section(label: str) -> str:
    folded = fold(label)
    for key in ("pemenuhan", "reform"):
        if key in folded:
            return key
    if "bersih" in folded or "akuntabel" in folded:
        return "bersih_akuntabel"
    if "pelayanan" in folded:
        return "pelayanan_prima"
    return folded
