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
from ..rules import AREA_KEYS, AREA_LABELS
from ..rules.regulation import load_regulation

KINDS_DIR = Path(__file__).resolve().parents[1] / "kinds"
TEMPLATE_KINDS = ("action_plan", "survey", "complaints", "lke", "innovation", "predicate")
GUIDE_SHEET = "Petunjuk"
SUB_CODES = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")
QUESTION_CODES = "abcdefghij"
OPTION_LABELS = {"Y": "Ya/Tidak", "3": "A/B/C", "4": "A/B/C/D", "5": "A/B/C/D/E", "%": "%"}


@cache
def template_spec(kind: str) -> dict[str, Any]:
    with open(KINDS_DIR / kind / "template.toml", "rb") as handle:
        return tomllib.load(handle)


def template_sheets(kind: str) -> list[dict[str, Any]]:
    """The data sheets of a kind's template: its `sheets`, or the one sheet its top level describes (its rows
    written from the regulation in force when it says so: the LKE)."""
    spec = template_spec(kind)
    if spec.get("rows_from") == "regulation":
        return [{**spec, "rows": lke_rows(spec)}]
    return spec.get("sheets") or [spec]


def lke_rows(spec: dict[str, Any]) -> list[list[Any]]:
    """Every component, area, sub-indicator and question of the default regulation in the published layout,
    each question answered as the template's `example` says."""
    reg = load_regulation()
    half = reg.pengungkit.max / 2
    rows: list[list[Any]] = [["A", "", "", "", "", "KOMPONEN PENGUNGKIT", reg.pengungkit.max]]
    for roman, section in (("I", "pemenuhan"), ("II", "reform")):
        rows.append(["", roman, "", "", "", section.upper(), half])
        for number, area in enumerate(AREA_KEYS, start=1):
            rows.append(["", "", str(number), "", "", AREA_LABELS[area].upper(), getattr(reg.pengungkit, section)[area]])
            for sub_code, sub in zip(SUB_CODES, reg.sub_indicator_table(section, area)):
                rows.append(["", "", "", sub_code, "", sub.label, sub.weight])
                for code, answer_type in zip(QUESTION_CODES, sub.answers):
                    rows.append(["", "", "", "", code, f"Pertanyaan {code}. {sub.label}", "", OPTION_LABELS[answer_type],
                                 spec["example"][answer_type], "", spec["evidence"]])
    hasil, example = reg.hasil, spec["hasil"]
    rows += [["B", "", "", "", "", "HASIL", hasil.max],
             ["", "I", "", "", "", "BIROKRASI YANG BERSIH DAN AKUNTABEL", hasil.bersih_akuntabel],
             ["", "", "1", "", "", "Nilai Survei Persepsi Korupsi (Survei Eksternal)", hasil.ipak],
             ["", "", "", "i", "", "Indeks Persepsi Anti Korupsi", "", "Indeks 0-4", example["ipak"]],
             ["", "", "2", "", "", "Capaian Kinerja Lebih Baik dibanding Capaian Kinerja Sebelumnya", hasil.capaian_kinerja],
             ["", "", "", "i", "", "Persentase capaian kinerja", "", "%", example["capaian"]],
             ["", "II", "", "", "", "PELAYANAN PUBLIK YANG PRIMA", hasil.pelayanan_prima],
             ["", "", "1", "", "", "Nilai Persepsi Kualitas Pelayanan (Survei Eksternal)", hasil.ipkp],
             ["", "", "", "i", "", "Indeks Persepsi Kualitas Pelayanan", "", "Indeks 0-4", example["ipkp"]]]
    return rows


def _book(buffer: io.BytesIO) -> tuple[xlsxwriter.Workbook, Any, Any]:
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                        "strings_to_urls": False})
    bold = book.add_format({"bold": True})
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"})
    return book, bold, header


def _write_sheet(book: xlsxwriter.Workbook, bold: Any, header: Any, part: dict[str, Any]) -> None:
    """One data sheet: its title lines, a blank line, the column titles, the rows (numbers as numbers)."""
    sheet = book.add_worksheet(part["sheet"])
    row = 0
    for line in part.get("title", []):
        sheet.write_string(row, 0, line, bold)
        row += 1
    if row:
        row += 1
    for column, name in enumerate(part["columns"]):
        sheet.write_string(row, column, name, header)
        sheet.set_column(column, column, max(4 if not name else 12, min(60, len(name) + 2)))
    for values in part["rows"]:
        row += 1
        for column, value in enumerate(values):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                sheet.write_number(row, column, value)
            elif value is not None and value != "":
                sheet.write_string(row, column, str(value))


@cache
def template_workbook(kind: str) -> tuple[str, bytes]:
    """(file name, .xlsx bytes). The data sheets come first, as the reader expects; the instructions last."""
    spec = template_spec(kind)
    buffer = io.BytesIO()
    book, bold, header = _book(buffer)
    for part in template_sheets(kind):
        _write_sheet(book, bold, header, part)
    guide = book.add_worksheet(GUIDE_SHEET)
    guide.set_column(0, 0, 110)
    guide.write_string(0, 0, f"Cara mengisi template {KIND_LABELS[kind]}", bold)
    for row, note in enumerate(spec["notes"], start=2):
        guide.write_string(row, 0, f"• {note}")
    book.close()
    return spec["file"], buffer.getvalue()


def filled_workbook(kind: str, title: list[str], rows: list[list[Any]]) -> bytes:
    """A kind's one-sheet template filled with `rows` under its own columns: what a form in the app stores, so
    the entry goes through the same reading, versions and audit as an upload."""
    spec = template_spec(kind)
    buffer = io.BytesIO()
    book, bold, header = _book(buffer)
    _write_sheet(book, bold, header, {"sheet": spec["sheet"], "title": title, "columns": spec["columns"], "rows": rows})
    book.close()
    return buffer.getvalue()
