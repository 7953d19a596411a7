"""A unit's innovations: the list as a Pokja reads it, and how many each change area has by status."""

from __future__ import annotations

import pandas as pd

from .. import formatting as fmt
from ..rules import AREA_KEYS, AREA_LABELS, vocabulary

STATUS_LABELS = {rule.key: rule.label for rule in vocabulary().innovation_statuses}
STATUS_ORDER = ("berjalan", "uji_coba", "ide", "dihentikan")
NO_AREA = "–"


def launched_text(day: object, year: object) -> str:
    """'12 Mar 2024', or '2024' when only the year is written; '–' when nothing is."""
    if day is not None and not pd.isna(day):
        return fmt.short_date(day)
    return str(int(year)) if year is not None and not pd.isna(year) else "–"


def innovation_list(frame: pd.DataFrame) -> pd.DataFrame:
    """Running ones first, then trials, ideas and stopped ones; within each, the newest launch first."""
    if frame.empty:
        return pd.DataFrame(columns=["name", "area", "area_label", "status", "status_label", "launched", "description", "evidence"])
    order = {key: index for index, key in enumerate(STATUS_ORDER)}
    table = pd.DataFrame({
        "name": frame["name"], "area": frame["area"], "area_label": frame["area"].map(AREA_LABELS).fillna(NO_AREA),
        "status": frame["status"], "status_label": frame["status"].map(STATUS_LABELS).fillna("belum diisi"),
        "launched": [launched_text(d, y) for d, y in zip(frame["launched"], frame["launched_year"])],
        "description": frame["description"], "evidence": frame["evidence"],
        "_order": frame["status"].map(order).fillna(len(order)), "_year": frame["launched_year"].astype("Float64").fillna(0),
    })
    return table.sort_values(["_order", "_year"], ascending=[True, False]).drop(columns=["_order", "_year"]).reset_index(drop=True)


def per_area(frame: pd.DataFrame) -> pd.DataFrame:
    """Per change area: innovations in all, and how many run, are on trial, are ideas, were stopped."""
    rows = []
    for key in AREA_KEYS:
        part = frame.loc[frame["area"] == key] if len(frame) else frame
        rows.append({"area": key, "area_label": AREA_LABELS[key], "total": len(part),
                     **{status: int((part["status"] == status).sum()) if len(part) else 0 for status in STATUS_ORDER}})
    return pd.DataFrame(rows)


EDITOR_COLUMNS = ["name", "area", "launched", "status", "description", "evidence", "pic"]


def editor_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The unit's list as the form edits it: labels for area and status, the launch as it reads."""
    if frame.empty:
        return pd.DataFrame(columns=EDITOR_COLUMNS)
    return pd.DataFrame({
        "name": frame["name"], "area": frame["area"].map(AREA_LABELS), "status": frame["status"].map(STATUS_LABELS),
        "launched": [launched_text(d, y) if (d is not None and not pd.isna(d)) or (y is not None and not pd.isna(y)) else ""
                     for d, y in zip(frame["launched"], frame["launched_year"])],
        "description": frame["description"], "evidence": frame["evidence"], "pic": frame["pic"],
    })[EDITOR_COLUMNS].reset_index(drop=True)


def form_rows(edited: list[dict]) -> list[list]:
    """The form's rows as the template's (No, Nama Inovasi, Area, Peluncuran, Status, Deskripsi, Tautan, PIC):
    blank rows left out, every cell as typed so the reader judges it like any upload."""
    def text(value: object) -> str:
        return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()

    rows = [[text(row.get(column)) for column in EDITOR_COLUMNS] for row in edited]
    return [[number, *row] for number, row in enumerate((r for r in rows if any(r)), start=1)]
