"""The unit's Excel report: verdict and closing steps, criteria, areas, activities, surveys, complaints and
rejected rows, one sheet each, in Indonesian. Figures are number cells, percentages percentage cells and dates
date cells, shown in Indonesian formats (locale 0421), so a Pokja can sum, sort and chart them.

Every cell is written as a value, never as a formula or link: text a spreadsheet could run (starting with
= + - @, tab or CR) gets a leading apostrophe (`defuse_frame`) and the workbook is opened with
strings_to_formulas / strings_to_urls / strings_to_numbers off. Complainants appear only as initials.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter

from .. import formatting as fmt
from ..messages import IKM_WEIGHT_LABELS, msg
from ..metrics import judged_on, responses_until
from ..readiness import Readiness
from ..readiness.checks import PREDICATES
from ..readiness.explain import checks_table
from ..rules.regulation import Regulation
from ..summary import STALE_AFTER_DAYS
from ..store.export import PROBLEM_LABELS, defuse, defuse_frame
from ..views import areas as area_views
from ..views import complaints as complaint_views
from ..views import overview
from ..views import surveys as survey_views
from . import tables

NO_DATA = msg("no_data")
SHEETS = ("Ringkasan", "Kriteria WBK", "Kriteria WBBM", "Area", "Kegiatan", "Survei", "Pengaduan", "Baris Ditolak")
WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
SURVEYS = ("ikm", "ipak", "ipkp")
MIN_WIDTH, MAX_WIDTH = 8, 60
DATE_FORMAT = "[$-421]d mmm yyyy"  # 15 Okt 2025 in Excel and LibreOffice whatever the reader's own locale


@dataclass
class Block:
    """One table on a sheet: an optional bold title above it, or a line of text instead of a table."""

    title: str | None
    table: pd.DataFrame | str


def excel_report(summary_unit: dict, result: Readiness, regulation: Regulation, plan_current: pd.DataFrame,
                 responses: pd.DataFrame, answers: pd.DataFrame, complaints: pd.DataFrame, problems: pd.DataFrame,
                 as_of: date, stale_after_days: int | None = STALE_AFTER_DAYS) -> bytes:
    """One unit's report as .xlsx bytes.

    `plan_current` is the unit's current action plan (`metrics.current_action_plan`); `responses`, `answers`
    and `complaints` are the unit's rows of those tidy tables (cut at `as_of` here); `problems` are the
    rejected rows of the unit's files, written as given.
    """
    sheets: dict[str, list[Block]] = {
        "Ringkasan": [Block(None, _overview(summary_unit, result, regulation, plan_current, as_of,
                                            judged_on(plan_current, as_of, stale_after_days)))],
        "Kriteria WBK": [Block(None, checks_table(result.checks["wbk"], typed=True))],
        "Kriteria WBBM": [Block(None, checks_table(result.checks["wbbm"], typed=True))],
        "Area": _areas(plan_current, regulation, judged_on(plan_current, as_of, stale_after_days)),
        "Kegiatan": _activities(plan_current, judged_on(plan_current, as_of, stale_after_days)),
        "Survei": _surveys(summary_unit, result, regulation, responses, answers, as_of),
        "Pengaduan": _complaints(complaints, regulation, as_of),
        "Baris Ditolak": _problems(problems),
    }
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    styles = {
        "header": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}),
        "title": book.add_format({"bold": True, "font_size": 12}),
        "cell": book.add_format({"text_wrap": True, "valign": "top"}),
        "line": book.add_format({}),  # a sentence under a title: runs on into the empty cells beside it
        "integer": book.add_format({"valign": "top", "num_format": "#,##0"}),
        "decimal": book.add_format({"valign": "top", "num_format": "#,##0.00"}),
        "percent": book.add_format({"valign": "top", "num_format": "0.0%"}),
        "date": book.add_format({"valign": "top", "num_format": DATE_FORMAT}),
    }
    for name in SHEETS:
        _write_sheet(book, styles, name, sheets[name])
    book.close()
    return buffer.getvalue()


# ---- sheet contents ------------------------------------------------------------------------------

def _overview(summary_unit: dict, result: Readiness, regulation: Regulation, plan: pd.DataFrame, as_of: date,
              judged: date) -> pd.DataFrame:
    score = result.score
    rows: list[tuple[str, Any, str]] = [
        ("Unit", str(summary_unit.get("unit", "")), ""),
        ("Posisi data per", as_of, "Data sesudah tanggal ini tidak dihitung"),
        ("Lewat tenggat dihitung per", judged, "" if judged == as_of else "Tanggal data rencana aksi: datanya sudah lama"),
        ("Peraturan", regulation.name, ""),
        ("Dasar nilai", score.basis_text, ""),
        ("Nilai total", float(score.total), f"dari {fmt.number(regulation.total_max, 0)}"),
        ("Pengungkit", float(score.pengungkit), f"dari {fmt.number(regulation.pengungkit.max, 0)}"),
        ("Hasil", float(score.hasil), f"dari {fmt.number(regulation.hasil.max, 0)}"),
    ]
    for predicate in PREDICATES:
        state = "✓ Siap diusulkan" if result.ready(predicate) else "✗ Belum siap"
        rows.append((predicate.upper(), state, overview.verdict_line(result, predicate)))
    rows.append(("Batas pengusulan", result.deadline, f"{fmt.number(overview.days_left(result), 0)} hari lagi"))
    actions = overview.closing_actions(result, regulation, plan)
    if actions:
        rows.extend((f"Langkah {i}", action.what, action.effect) for i, action in enumerate(actions, start=1))
    elif overview.next_predicate(result) is None:
        rows.append(("Langkah", "Unit ini sudah memenuhi semua syarat WBK dan WBBM pada data sekarang.", ""))
    else:
        rows.append(("Langkah", ("Tidak ada langkah dari data rencana aksi atau survei yang mengubah penilaian; "
                                 "lihat lembar Kriteria WBK dan Kriteria WBBM."), ""))
    missing = overview.missing_inputs(result)
    if missing:
        rows.extend(("Belum diisi", line, "Isi di halaman Pengaturan") for line in missing)
    else:
        rows.append(("Belum diisi", "Tidak ada", ""))
    rows.extend(("Catatan perhitungan", note, "") for note in dict.fromkeys(score.notes))
    return pd.DataFrame({"Butir": [r[0] for r in rows], "Isi": pd.Series([r[1] for r in rows], dtype=object),
                         "Keterangan": [r[2] for r in rows]})


def _areas(plan: pd.DataFrame, regulation: Regulation, judged: date) -> list[Block]:
    if plan.empty:
        return []
    table = area_views.area_table(area_views.activities(plan, judged), regulation)
    return [Block(None, tables.areas(table, typed=True))]


def _activities(plan: pd.DataFrame, judged: date) -> list[Block]:
    if plan.empty:
        return []
    return [Block(None, tables.activities(area_views.activities(plan, judged), typed=True))]


def _surveys(summary_unit: dict, result: Readiness, regulation: Regulation, responses: pd.DataFrame,
             answers: pd.DataFrame, as_of: date) -> list[Block]:
    figures = summary_unit.get("surveys") or {}
    if not responses.empty:
        responses = responses_until(responses.loc[responses["survey"].isin(SURVEYS)], as_of)
    trend = survey_views.trend(responses, answers)
    ikm = result.extras.get("ikm")
    if not any(figures.get(s) for s in SURVEYS) and trend.empty and not (ikm and ikm.get("legacy_form")):
        return []
    blocks = [Block(None, tables.perception(survey_views.perception_table(figures, regulation), typed=True))]
    if ikm and "index" in ikm:
        weight = IKM_WEIGHT_LABELS[ikm["weight_convention"]]
        line = pd.DataFrame({"Indeks (25–100)": [float(ikm["index"])], "Mutu": [ikm["grade"]],
                             "Responden": [int(ikm["respondents"])], "Unsur terlemah": [ikm["weakest_unsur"]],
                             "Bobot unsur": [weight]})
        blocks.append(Block("IKM (Indeks Kepuasan Masyarakat)", line))
        blocks.append(Block("Nilai per unsur IKM (terlemah di atas)", tables.unsur(survey_views.ikm_unsur_table(ikm), typed=True)))
    else:
        blocks.append(Block("IKM (Indeks Kepuasan Masyarakat)", NO_DATA))
    if ikm and ikm.get("legacy_form"):
        blocks.append(Block(None, ikm["legacy_note"]))
    blocks.append(Block("Tren per periode", tables.survey_trend(trend, typed=True) if len(trend) else NO_DATA))
    return blocks


def _complaints(frame: pd.DataFrame, regulation: Regulation, as_of: date) -> list[Block]:
    if frame.empty:
        return []
    frame = complaint_views.until(frame, as_of)
    if frame.empty:
        return []
    sla = regulation.conventions.complaint_sla_working_days
    days = complaint_views.working_days(frame)
    backlog = complaint_views.backlog(frame, as_of)
    figures = complaint_views.key_figures(frame, as_of, sla)
    key_figures = pd.DataFrame({"Angka": [f.label for f in figures], "Nilai": pd.Series(
        [None if f.amount is None else fmt.Percent(f.amount) if f.percent else f.amount for f in figures], dtype=object)})
    monthly = complaint_views.monthly(frame)
    monthly_table = pd.DataFrame({"Bulan": [fmt.month_label(m) for m in monthly["month"]],
                                  "Masuk": monthly["received"], "Selesai": monthly["resolved"]})
    blocks = [Block(None, key_figures), Block("Pengaduan per bulan (bulan diterima)", monthly_table)]
    for column, kind, title in (("channel", "channels", "Saluran"), ("category", "categories", "Kategori"),
                                ("status", "statuses", "Status")):
        counted = complaint_views.counts(frame, column, kind)
        blocks.append(Block(f"Per {title.lower()}", pd.DataFrame({title: counted["label"], "Jumlah": counted["count"]})))
    bins = complaint_views.resolution_bins(days)
    blocks.append(Block(f"Lama penyelesaian (hari kerja; batas {sla})",
                        pd.DataFrame({"Lama": bins["bin"], "Jumlah": bins["count"]})))
    blocks.append(Block(f"Pengaduan terbuka ({len(backlog)}), terlama di atas; pelapor hanya inisial",
                        tables.backlog(backlog, typed=True) if len(backlog) else "Semua pengaduan sudah selesai ditindaklanjuti."))
    return blocks


def _problems(problems: pd.DataFrame) -> list[Block]:
    if problems is None or problems.empty:
        return []
    shown = problems.rename(columns=lambda c: PROBLEM_LABELS.get(str(c), str(c)))
    return [Block(None, shown)]


# ---- writing -------------------------------------------------------------------------------------

def _write_sheet(book: xlsxwriter.Workbook, styles: dict[str, Any], name: str, blocks: list[Block]) -> None:
    sheet = book.add_worksheet(name)
    sheet.freeze_panes(1, 0)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    if not blocks:
        sheet.write_string(0, 0, NO_DATA, styles["header"])
        sheet.set_column(0, 0, 20)
        return
    widths: dict[int, int] = {}
    row = 0
    for block in blocks:
        if block.title is not None:
            sheet.write_string(row, 0, str(defuse(block.title)), styles["title"])
            row += 1
        if isinstance(block.table, str):
            sheet.write_string(row, 0, str(defuse(block.table)), styles["line"])
            row += 2
            continue
        row = _write_table(sheet, styles, row, defuse_frame(block.table), widths)
        row += 1
    for column, width in widths.items():
        sheet.set_column(column, column, width)


def _write_table(sheet: Any, styles: dict[str, Any], row: int, frame: pd.DataFrame, widths: dict[int, int]) -> int:
    for c, header in enumerate(frame.columns):
        sheet.write_string(row, c, str(header), styles["header"])
        _widen(widths, c, [len(str(header))])
    for c, column in enumerate(frame.columns):
        lengths = []
        for r, value in enumerate(frame[column].tolist(), start=row + 1):
            lengths.append(_write_cell(sheet, styles, r, c, value))
        _widen(widths, c, lengths)
    return row + 1 + len(frame)


def _write_cell(sheet: Any, styles: dict[str, Any], row: int, column: int, value: Any) -> int:
    """Write one value as a number or as text (never a formula); return its shown length."""
    if _missing(value):
        return 0
    if isinstance(value, (bool, np.bool_)):
        text = "Ya" if value else "Tidak"
    elif isinstance(value, fmt.Percent):
        sheet.write_number(row, column, float(value) / 100.0, styles["percent"])
        return len(fmt.percent(value))
    elif isinstance(value, (int, float)) or getattr(getattr(value, "dtype", None), "kind", None) in ("i", "u", "f"):
        number = float(value)
        if math.isinf(number):
            text = str(value)
        else:
            whole = number.is_integer()
            sheet.write_number(row, column, number, styles["integer" if whole else "decimal"])
            return len(fmt.number(number, 0 if whole else 2))
    elif isinstance(value, (date, datetime, pd.Timestamp)):
        day = value.date() if isinstance(value, datetime) else value  # the report's dates are days
        sheet.write_datetime(row, column, datetime(day.year, day.month, day.day), styles["date"])
        return len(fmt.short_date(day))
    else:
        text = str(value)
    text = str(defuse(text))
    sheet.write_string(row, column, text, styles["cell"])
    return max((len(line) for line in text.splitlines()), default=0)


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _widen(widths: dict[int, int], column: int, lengths: list[int]) -> None:
    if not lengths:
        return
    typical = int(pd.Series(lengths).quantile(0.9))
    widths[column] = min(MAX_WIDTH, max(widths.get(column, MIN_WIDTH), typical + 2))
