"""Unggah Data: which sheets of an upload need a person to look at them, and what the picker offers.

A sheet needs review when its kind was not recognised although it holds data, when most of its rows were
refused, or when its header matched only weakly; the page then opens the sheet, header-row and column
pickers for it instead of leaving the user with a message.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..layout import fill_merged_row, header_candidates
from ..kinds.spec import KIND_SPECS
from ..messages import FIELD_LABELS, SURVEY_LABELS, msg
from ..normalize.text import clean_text
from ..read import RawSheet

WEAK_MATCH = 4.0
PREVIEW_ROWS = 15
IGNORE, AUTO = "ignore", ""


def review_reasons(report: dict[str, Any]) -> dict[str, str]:
    """Sheet name -> why it should be checked by hand (empty when the reading looks sure). A report of this
    version says so itself (`review`); one stored earlier is judged on its header score and rejected rows."""
    reasons = {}
    for sheet in report.get("sheets", []):
        if sheet.get("review"):
            reasons[sheet["name"]] = "; ".join(sheet["review"])
        elif sheet["kind"] == "unknown":
            reasons[sheet["name"]] = "jenis tabel tidak dikenali"
        elif sheet["kind"] in KIND_SPECS and "needs_review" not in sheet:  # a report stored before issue 22
            if sheet["rejected_rows"] and sheet["rejected_rows"] >= sheet["rows"]:
                reasons[sheet["name"]] = "sebagian besar baris ditolak"
            elif sheet["confidence"] < WEAK_MATCH and sheet["kind"] != "survey":
                reasons[sheet["name"]] = "judul kolom hanya cocok lemah"
    return reasons


def sheets_without_unit(report: dict[str, Any]) -> list[str]:
    """The sheets of a reading held back because the file names no unit: one choice of unit fits them all."""
    missing = msg("review_no_unit")
    return [sheet["name"] for sheet in report.get("sheets", []) if missing in sheet.get("review", [])]


def preview(sheet: RawSheet, rows: int = PREVIEW_ROWS) -> pd.DataFrame:
    """The top of a sheet as the user sees it in Excel: numbered rows, lettered columns, text only."""
    top = [fill_merged_row(sheet, r) for r in range(min(rows, len(sheet.rows)))]
    width = max((len(r) for r in top), default=0)
    width = min(width, 26)
    data = [[clean_text(v) if v is not None else "" for v in (r + [""] * width)[:width]] for r in top]
    columns = [chr(ord("A") + i) for i in range(width)]
    return pd.DataFrame(data, columns=columns, index=range(1, len(data) + 1))


def header_texts(sheet: RawSheet, header_row: int) -> list[str]:
    """The column titles the reader would use with this (1-based) header row, one- or two-line headers alike."""
    for header in header_candidates(sheet):
        if header.row == header_row - 1:
            return header.texts
    if 0 < header_row <= len(sheet.rows):
        return [clean_text(v) for v in fill_merged_row(sheet, header_row - 1)]
    return []


SAMPLE_ROWS_SCANNED = 500  # a column empty this far down shows as empty; a long survey sheet is not read whole


def column_samples(sheet: RawSheet, header_row: int, count: int = 3) -> dict[str, list[str]]:
    """Per column title (`header_texts`, first column of a repeated title): its first non-empty values below the
    header, as the reader sees them, so a person choosing what a column means sees what it holds."""
    texts = header_texts(sheet, header_row)
    positions: dict[str, int] = {}
    for position, title in enumerate(texts):
        if title:
            positions.setdefault(title, position)  # a repeated title: its first column, as the mapping reads it
    samples: dict[str, list[str]] = {title: [] for title in positions}
    for row in range(header_row, min(len(sheet.rows), header_row + SAMPLE_ROWS_SCANNED)):
        cells = fill_merged_row(sheet, row)
        for title, position in positions.items():
            value = clean_text(cells[position]) if position < len(cells) and cells[position] is not None else ""
            if value and len(samples[title]) < count:
                samples[title].append(value)
        if all(len(found) == count for found in samples.values()):
            break
    return samples


def survey_choices() -> dict[str, str]:
    """Survey key -> label for the picker's "which survey" choice, 'from the file' first."""
    return {"": "(dari isi file)", **{key: SURVEY_LABELS[key] for key in ("ikm", "ipak", "ipkp")}}


def field_options(kind: str) -> dict[str, str]:
    """Field key -> label for the mapping editor, with 'automatic' and 'ignore' first."""
    fields = [f.name for f in KIND_SPECS[kind].fields] if kind in KIND_SPECS else []
    return {AUTO: "(otomatis)", IGNORE: "(abaikan kolom)", **{name: FIELD_LABELS.get(name, name) for name in fields}}
