"""Templates of the files the app reads: per kind, a clean workbook with a filled example and a sheet of
instructions, written from the kind's own `template.toml` (beside its `fields.toml`)."""

from __future__ import annotations

import io
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import xlsxwriter

from ..messages import KIND_LABELS

KINDS_DIR = Path(__file__).resolve().parents[1] / "kinds"
TEMPLATE_KINDS = ("action_plan", "survey", "complaints")
GUIDE_SHEET = "Petunjuk"


@cache
def template_spec(kind: str) -> dict[str, Any]:
    with open(KINDS_DIR / kind / "template.toml", "rb") as handle:
        return tomllib.load(handle)


def template_sheets(kind: str) -> list[dict[str, Any]]:
    """The data sheets of a kind's template: its `sheets`, or the one sheet its top level describes."""
    spec = template_spec(kind)
    return spec.get("sheets") or [spec]


@cache
def template_workbook(kind: str) -> tuple[str, bytes]:
    """(file name, .xlsx bytes). The data sheets come first, as the reader expects; the instructions last."""
    spec = template_spec(kind)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                        "strings_to_urls": False})
    bold = book.add_format({"bold": True})
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"})
    for part in template_sheets(kind):
        sheet = book.add_worksheet(part["sheet"])
        row = 0
        for line in part.get("title", []):
            sheet.write_string(row, 0, line, bold)
            row += 1
        if row:
            row += 1
        for column, name in enumerate(part["columns"]):
            sheet.write_string(row, column, name, header)
            sheet.set_column(column, column, max(12, min(45, len(name) + 2)))
        for values in part["rows"]:
            row += 1
            for column, value in enumerate(values):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    sheet.write_number(row, column, value)
                elif value != "":
                    sheet.write_string(row, column, str(value))
    guide = book.add_worksheet(GUIDE_SHEET)
    guide.set_column(0, 0, 110)
    guide.write_string(0, 0, f"Cara mengisi template {KIND_LABELS[kind]}", bold)
    for row, note in enumerate(spec["notes"], start=2):
        guide.write_string(row, 0, f"• {note}")
    book.close()
    return spec["file"], buffer.getvalue()
