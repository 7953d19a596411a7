"""Hold-out corpus: messy Lapas files written from clean values, with the figures computed by hand.

Independent of ``zi_analytics``: every expected figure below comes from the clean Python values this
module generates, following docs/CONVENTIONS.md, never from the package. ``build(folder)`` writes the
files and returns ``{"as_of", "files": {name: {...}}, "units": {key: {...}}}``.

Units (four, two of which share a city but not a type):
  lapas-jombang              Lapas Kelas IIB Jombang
  rutan-surabaya             Rutan Kelas I Surabaya
  lapas-narkotika-pamekasan  Lapas Narkotika Kelas IIA Pamekasan
  lapas-pamekasan            Lapas Kelas IIA Pamekasan (plain; must not merge with the Narkotika one)
"""

from __future__ import annotations

import csv
import io
import random
import statistics
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter
import xlwt

AS_OF = date(2026, 11, 15)
SEED = 20261115

AREAS = ["manajemen_perubahan", "penataan_tatalaksana", "penataan_sdm", "akuntabilitas_kinerja",
         "penguatan_pengawasan", "pelayanan_publik"]
CHANNELS = ["sp4n_lapor", "whatsapp", "kotak_pengaduan", "langsung", "email", "website", "media_sosial", "lainnya"]
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

DISPLAY = {
    "lapas-jombang": "Lapas Kelas IIB Jombang",
    "rutan-surabaya": "Rutan Kelas I Surabaya",
    "lapas-narkotika-pamekasan": "Lapas Narkotika Kelas IIA Pamekasan",
    "lapas-pamekasan": "Lapas Kelas IIA Pamekasan",
}


# ----------------------------------------------------------------------------------------------------
# Hand computation of the figures (CONVENTIONS.md)
# ----------------------------------------------------------------------------------------------------

STALE_AFTER_DAYS = 45  # CONVENTIONS.md, `--as-of`: a snapshot older than this is judged on its own day


def action_plan_figures(acts: list[dict[str, Any]], as_of: date = AS_OF, snapshot: date | None = None) -> dict[str, Any] | None:
    """acts: accepted activities of the unit's current snapshot: {area, progress (0-100), target (date|None)}."""
    if not acts:
        return None
    judged = snapshot if snapshot is not None and (as_of - snapshot).days > STALE_AFTER_DAYS else as_of
    areas = {}
    for key in AREAS:
        values = [a["progress"] for a in acts if a["area"] == key]
        if values:
            areas[key] = statistics.fmean(values)
    return {
        "activities": len(acts),
        "completion_pct": statistics.fmean(a["progress"] for a in acts),
        "areas": areas,
        "overdue": sum(1 for a in acts if a["target"] is not None and a["target"] < judged and a["progress"] < 100),
    }


def ikm_grade(index: float) -> str:
    if index >= 88.31:
        return "A"
    if index >= 76.61:
        return "B"
    if index >= 65.00:
        return "C"
    return "D"


def ikm_figures(responses: list[dict[str, int]]) -> dict[str, Any] | None:
    """responses: accepted, dated on or before as-of; each {"U1": 1..4, ..., "U9": 1..4}."""
    if not responses:
        return None
    unsur = {f"U{i}": statistics.fmean(r[f"U{i}"] for r in responses) for i in range(1, 10)}
    index = sum(unsur.values()) / 9 * 25
    return {"respondents": len(responses), "index": index, "grade": ikm_grade(index), "unsur": unsur}


def perception_figures(responses: list[list[int]], scale: int) -> dict[str, Any] | None:
    """SPAK/SPKP: mean of every item answer on the survey's own scale, and its linear image on 1..4."""
    if not responses:
        return None
    mean = statistics.fmean(v for r in responses for v in r)
    return {"respondents": len(responses), "mean": mean, "scale_max": scale,
            "index_4": 1 + (mean - 1) * 3 / (scale - 1)}


def complaint_figures(rows: list[dict[str, Any]], as_of: date = AS_OF) -> dict[str, Any] | None:
    """rows: accepted complaints {received, channel, status, days (None = unknown)}; later ones are left out."""
    rows = [r for r in rows if r["received"] <= as_of]
    if not rows:
        return None
    resolved = [r for r in rows if r["status"] == "resolved"]
    days = [r["days"] for r in resolved if r["days"] is not None]
    months = Counter(f"{r['received']:%Y-%m}" for r in rows)
    channels = Counter(r["channel"] for r in rows)
    return {
        "total": len(rows),
        "resolved": len(resolved),
        "resolved_pct": len(resolved) / len(rows) * 100,
        "median_days_to_resolve": float(statistics.median(days)) if days else None,
        "per_month": dict(sorted(months.items())),
        "per_channel": {k: channels[k] for k in CHANNELS if channels[k]},
    }


# ----------------------------------------------------------------------------------------------------
# Small writers
# ----------------------------------------------------------------------------------------------------

def _dt(value: date) -> datetime:
    return value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)


def _word_date(value: date) -> str:
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def _day_word_date(value: date) -> str:
    return f"{HARI[value.weekday()]}, {_word_date(value)}"


def _write_ods(path: Path, rows: list[list[Any]]) -> None:
    width = max(len(r) for r in rows)
    grid = [list(r) + [None] * (width - len(r)) for r in rows]
    frame = pd.DataFrame(grid, dtype=object)
    with pd.ExcelWriter(path, engine="odf") as writer:
        frame.to_excel(writer, sheet_name="Sheet1", header=False, index=False)


# ----------------------------------------------------------------------------------------------------
# 1. Action plan, Lapas Kelas IIB Jombang (.xlsx): area heading rows I-VI, numbering row, sub-headings,
#    percent cells, words, two bad progress values, a blank progress with a PIC, average row, signature.
# ----------------------------------------------------------------------------------------------------

# (area, activity, pic, target cell, target date, progress cell, progress value or "REJECT", percent-format?)
JOMBANG_PLAN = [
    ("manajemen_perubahan", "Pembentukan Tim Kerja Pembangunan ZI melalui SK Kalapas", "Tim Pokja MP", date(2026, 1, 15), date(2026, 1, 15), "Selesai", 100, False),
    ("manajemen_perubahan", "Penyusunan rencana kerja pembangunan ZI", "Ketua Pokja", "Februari 2026", date(2026, 2, 28), "100%", 100, False),
    ("manajemen_perubahan", "Monitoring dan evaluasi pembangunan ZI secara berkala", "Tim Pokja MP", "TW IV", date(2026, 12, 31), 0.75, 75, True),
    ("manajemen_perubahan", "Pemilihan dan penetapan agen perubahan", "Kasubag TU", "Maret 2026", date(2026, 3, 31), "80", 80, False),
    ("SUB", "Perubahan Pola Pikir dan Budaya Kerja"),
    ("manajemen_perubahan", "Internalisasi nilai BerAKHLAK pada apel pagi", "Kasi Binadik", "Setiap hari kerja", None, 60, 60, False),
    ("penataan_tatalaksana", "Penyusunan dan reviu SOP layanan kunjungan", "Kasi Binadik", "Triwulan II", date(2026, 6, 30), "Selesai", 100, False),
    ("penataan_tatalaksana", "Penerapan aplikasi antrean kunjungan online", "Kasubsi Registrasi", date(2026, 8, 31), date(2026, 8, 31), 0.5, 50, True),
    ("penataan_tatalaksana", "Keterbukaan informasi publik melalui website", "Operator Website", "TW IV", date(2026, 12, 31), "abc", "REJECT", False),
    ("penataan_tatalaksana", "Penyusunan peta proses bisnis", "Kasubag TU", "Juni 2026", date(2026, 6, 30), None, 0, False),
    ("penataan_sdm", "Analisis beban kerja dan kebutuhan pegawai", "Kaur Kepegawaian", date(2026, 4, 30), date(2026, 4, 30), "75 %", 75, False),
    ("penataan_sdm", "Penyusunan pola mutasi internal", "Kaur Kepegawaian", "Semester II", date(2026, 12, 31), "Belum", 0, False),
    ("penataan_sdm", "Pengembangan kompetensi pegawai melalui bimtek", "Kasubag TU", "Oktober 2026", date(2026, 10, 31), 150, "REJECT", False),
    ("akuntabilitas_kinerja", "Penyusunan Perjanjian Kinerja seluruh pegawai", "Kaur Umum", date(2026, 1, 31), date(2026, 1, 31), "100 %", 100, False),
    ("akuntabilitas_kinerja", "Laporan capaian kinerja triwulanan", "Kaur Umum", "TW III", date(2026, 9, 30), 90, 90, False),
    ("SUB", "Pengendalian Gratifikasi"),
    ("penguatan_pengawasan", "Pembentukan UPG dan sosialisasi gratifikasi", "KPLP", "Mei 2026", date(2026, 5, 31), "Selesai", 100, False),
    ("penguatan_pengawasan", "Penanganan pengaduan masyarakat melalui SP4N LAPOR", "Kasi Adm Kamtib", "Setiap bulan", None, 0.9, 90, True),
    ("penguatan_pengawasan", "Penerapan whistle blowing system", "KPLP", date(2026, 11, 30), date(2026, 11, 30), "Belum", 0, False),
    ("pelayanan_publik", "Penetapan standar pelayanan dan maklumat pelayanan", "Kasi Binadik", "Maret 2026", date(2026, 3, 31), "Selesai", 100, False),
    ("pelayanan_publik", "Survei kepuasan masyarakat per triwulan", "Tim Pokja PP", "TW IV", date(2026, 12, 31), 0.6, 60, True),
    ("pelayanan_publik", "Inovasi layanan kunjungan terjadwal", "Kasi Binadik", date(2026, 11, 15), date(2026, 11, 15), 45, 45, False),
]
JOMBANG_HEADINGS = {
    "manajemen_perubahan": ("I", "MANAJEMEN PERUBAHAN"),
    "penataan_tatalaksana": "II. PENATAAN TATALAKSANA",
    "penataan_sdm": "III. PENATAAN SISTEM MANAJEMEN SDM",
    "akuntabilitas_kinerja": ("IV", "PENGUATAN AKUNTABILITAS KINERJA"),
    "penguatan_pengawasan": "V. PENGUATAN PENGAWASAN",
    "pelayanan_publik": "VI. PENINGKATAN KUALITAS PELAYANAN PUBLIK",
}


def write_jombang_plan(folder: Path) -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
    name = "Rencana Aksi ZI Jombang Oktober 2026.xlsx"
    book = xlsxwriter.Workbook(str(folder / name))
    sheet = book.add_worksheet("RENAKSI 2026")
    bold = book.add_format({"bold": True})
    date_fmt = book.add_format({"num_format": "d mmm yyyy"})
    pct = book.add_format({"num_format": "0%"})
    sheet.merge_range(0, 0, 0, 6, "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS MENUJU WBK", bold)
    sheet.merge_range(1, 0, 1, 6, "LAPAS KELAS IIB JOMBANG", bold)
    sheet.merge_range(2, 0, 2, 6, "TAHUN 2026", bold)
    sheet.write(3, 0, "Posisi 31 Oktober 2026")
    header = ["No", "Rencana Aksi", "Penanggung Jawab (PIC)", "Target Waktu", "Capaian (%)", "Data Dukung", "Keterangan"]
    sheet.write_row(5, 0, header, bold)
    sheet.write_row(6, 0, [f"({i})" for i in range(1, 8)])
    row = 7
    accepted: list[dict[str, Any]] = []
    rejected = 0
    area_seen = None
    number = 0
    for item in JOMBANG_PLAN:
        if item[0] == "SUB":
            sheet.write(row, 1, item[1], bold)
            row += 1
            continue
        area, activity, pic, target_cell, target, progress_cell, progress, is_pct = item
        if area != area_seen:
            heading = JOMBANG_HEADINGS[area]
            if isinstance(heading, tuple):
                sheet.write(row, 0, heading[0], bold)
                sheet.write(row, 1, heading[1], bold)
            else:
                sheet.merge_range(row, 0, row, 6, heading, bold)
            area_seen = area
            row += 1
        number += 1
        sheet.write(row, 0, number)
        sheet.write(row, 1, activity)
        sheet.write(row, 2, pic)
        if isinstance(target_cell, date):
            sheet.write_datetime(row, 3, _dt(target_cell), date_fmt)
        else:
            sheet.write(row, 3, target_cell)
        if progress_cell is not None:
            if is_pct:
                sheet.write_number(row, 4, progress_cell, pct)
            else:
                sheet.write(row, 4, progress_cell)
        sheet.write(row, 5, "Link Google Drive" if number % 2 else "SK/Laporan")
        if number % 3 == 0:
            sheet.write(row, 6, "Dalam pelaksanaan")
        row += 1
        if progress == "REJECT":
            rejected += 1
        else:
            accepted.append({"area": area, "progress": float(progress), "target": target})
    sheet.merge_range(row, 0, row, 3, "RATA-RATA CAPAIAN", bold)
    sheet.write_number(row, 4, round(statistics.fmean(a["progress"] for a in accepted) / 100, 4), pct)
    row += 2
    sheet.write(row, 5, "Jombang, 2 November 2026")
    sheet.write(row + 1, 1, "Mengetahui,")
    sheet.write(row + 1, 5, "Ketua Pokja ZI,")
    sheet.write(row + 2, 1, "Kepala Lapas Kelas IIB Jombang")
    sheet.write(row + 5, 1, "BUDI SANTOSO, A.Md.IP., S.H., M.H.")
    sheet.write(row + 5, 5, "RINA WULANDARI, S.H.")
    sheet.write(row + 6, 1, "NIP. 19750101 200003 1 001")
    sheet.write(row + 6, 5, "NIP. 19820312 200501 2 002")
    book.close()
    return name, {"kind": "action_plan", "rows": len(accepted), "rejected_rows": rejected}, accepted


# ----------------------------------------------------------------------------------------------------
# 2. Action plan, Lapas Narkotika Kelas IIA Pamekasan (.xls, xlwt): area column with the names as
#    written in files (one typo), numeric numbering row, months without year, semester, recurring.
# ----------------------------------------------------------------------------------------------------

PAMEKASAN_PLAN = [
    ("Manajemen Perubahan", "manajemen_perubahan", "Penyusunan roadmap ZI", "Ketua Tim", date(2026, 2, 10), date(2026, 2, 10), "Sudah", 100, False),
    ("Manajemen Perubahan", "manajemen_perubahan", "Penandatanganan pakta integritas", "Kasubag TU", "Januari", date(2026, 1, 31), "100", 100, False),
    ("Manajemen Perubahan", "manajemen_perubahan", "Evaluasi peran agen perubahan", "Tim MP", "TW IV", date(2026, 12, 31), "75 %", 75, False),
    ("Penataan Tatalaksna", "penataan_tatalaksana", "Reviu SOP layanan integrasi", "Kasi Binadik", "Mei", date(2026, 5, 31), 0.25, 25, True),
    ("Penataan Tata Laksana", "penataan_tatalaksana", "Digitalisasi arsip pembinaan", "Kasubsi Registrasi", "Triwulan II", date(2026, 6, 30), "Belum dilaksanakan", 0, False),
    ("Penataan Manajemen SDM", "penataan_sdm", "Penilaian kinerja pegawai (SKP) bulanan", "Kaur Kepegawaian", "Rutin setiap bulan", None, 40, 40, False),
    ("Penataan Manajemen SDM", "penataan_sdm", "Penegakan disiplin pegawai", "KPLP", "Semester I", date(2026, 6, 30), "-", 0, False),
    ("Penguatan Akuntabilitas", "akuntabilitas_kinerja", "Penyusunan LKjIP", "Kaur Umum", date(2026, 1, 31), date(2026, 1, 31), "Tuntas", 100, False),
    ("Penguatan Akuntabilitas", "akuntabilitas_kinerja", "Rapat evaluasi kinerja bulanan", "Kasubag TU", "Desember 2026", date(2026, 12, 31), "dlm proses", "REJECT", False),
    ("Penguatan Pengawasan", "penguatan_pengawasan", "Penerapan SPIP", "Kasubag TU", "Agustus 2026", date(2026, 8, 31), 0.8, 80, True),
    ("Penguatan Pengawasan", "penguatan_pengawasan", "Deklarasi anti narkoba dan Halinar", "KPLP", date(2026, 3, 20), date(2026, 3, 20), "Selesai", 100, False),
    ("Penguatan Sistem Kualitas Pelayanan", "pelayanan_publik", "Pembangunan ruang layanan terpadu", "Kasi Binadik", "TW III", date(2026, 9, 30), 65, 65, False),
    ("Penguatan Sistem Kualitas Pelayanan", "pelayanan_publik", "Survei IKM dan IPK triwulanan", "Tim PP", "Triwulan IV", date(2026, 12, 31), "50%", 50, False),
]


def write_pamekasan_plan(folder: Path) -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
    name = "RA_ZI_Lapas_Narkotika_Pamekasan.xls"
    book = xlwt.Workbook()
    sheet = book.add_sheet("Renaksi")
    bold = xlwt.easyxf("font: bold on")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    pct = xlwt.easyxf(num_format_str="0%")
    sheet.write_merge(0, 0, 0, 7, "RENCANA AKSI ZONA INTEGRITAS", bold)
    sheet.write_merge(1, 1, 0, 7, "LAPAS NARKOTIKA KELAS IIA PAMEKASAN", bold)
    sheet.write(2, 0, "Keadaan s.d. Oktober 2026")
    for col, text in enumerate(["No", "Area Perubahan", "Rencana Aksi", "Penanggung Jawab", "Target Waktu", "Capaian",
                                "Data Dukung", "Keterangan"]):
        sheet.write(4, col, text, bold)
    for col in range(8):
        sheet.write(5, col, col + 1)
    accepted, rejected = [], 0
    for i, (area_text, area, activity, pic, target_cell, target, progress_cell, progress, is_pct) in enumerate(PAMEKASAN_PLAN):
        r = 6 + i
        sheet.write(r, 0, i + 1)
        sheet.write(r, 1, area_text)
        sheet.write(r, 2, activity)
        sheet.write(r, 3, pic)
        if isinstance(target_cell, date):
            sheet.write(r, 4, _dt(target_cell), date_style)
        else:
            sheet.write(r, 4, target_cell)
        sheet.write(r, 5, progress_cell, pct if is_pct else xlwt.Style.default_style)
        sheet.write(r, 6, "ada" if i % 2 else "")
        if progress == "REJECT":
            rejected += 1
        else:
            accepted.append({"area": area, "progress": float(progress), "target": target})
    r = 6 + len(PAMEKASAN_PLAN) + 2
    sheet.write(r, 5, "Pamekasan, 3 November 2026")
    sheet.write(r + 1, 5, "Kepala Lapas Narkotika Kelas IIA Pamekasan")
    sheet.write(r + 4, 5, "AHMAD FAUZI")
    sheet.write(r + 5, 5, "NIP. 19780505 199903 1 003")
    book.save(str(folder / name))
    return name, {"kind": "action_plan", "rows": len(accepted), "rejected_rows": rejected}, accepted


# ----------------------------------------------------------------------------------------------------
# 3. Kanwil monitoring workbook (.xlsx): instructions sheet, several units in one sheet with spelling
#    variants and a unit cell merged down a block, snapshot September 2026, and a recap sheet.
# ----------------------------------------------------------------------------------------------------

KANWIL_SNAPSHOT = date(2026, 9, 30)  # "Keadaan s.d. September 2026": 46 days before AS_OF, so judged on it

# (unit cell text or None when covered by the merge above, key, area text, area, activity, pic, target cell,
#  target, progress cell, progress, percent-format)
KANWIL_ROWS = [
    ("LAPAS JOMBANG", "lapas-jombang", "Manajemen Perubahan", "manajemen_perubahan", "Pembentukan tim kerja ZI", "Kalapas", "Januari 2026", date(2026, 1, 31), 100, 100, False),
    ("Lapas Kls. IIB Jombang", "lapas-jombang", "Penguatan Pengawasan", "penguatan_pengawasan", "Sosialisasi gratifikasi", "KPLP", "TW II", date(2026, 6, 30), 0.5, 50, True),
    ("Lapas Kls. IIB Jombang", "lapas-jombang", "Pelayanan Publik", "pelayanan_publik", "Penyusunan standar pelayanan", "Kasi Binadik", "TW III", date(2026, 9, 30), "30%", 30, False),
    ("Rutan Kelas I Surabaya", "rutan-surabaya", "Manajemen Perubahan", "manajemen_perubahan", "Penetapan agen perubahan", "Karutan", "Februari 2026", date(2026, 2, 28), "100%", 100, False),
    (None, "rutan-surabaya", "Penataan Tatalaksana", "penataan_tatalaksana", "Penyusunan SOP layanan tahanan", "Kasubsi Pelayanan Tahanan", "Juli 2026", date(2026, 7, 31), 0.7, 70, True),
    (None, "rutan-surabaya", "Penataan SDM", "penataan_sdm", "Pemetaan kompetensi pegawai", "Kaur Kepegawaian", "Triwulan IV", date(2026, 12, 31), 20, 20, False),
    (None, "rutan-surabaya", "Penguatan Akuntabilitas Kinerja", "akuntabilitas_kinerja", "Penyusunan perjanjian kinerja", "Kaur Umum", date(2026, 1, 31), date(2026, 1, 31), "Selesai", 100, False),
    ("RUTAN SURABAYA", "rutan-surabaya", "Pelayanan Publik", "pelayanan_publik", "Pembangunan ruang tunggu kunjungan", "Kasubsi Pelayanan Tahanan", date(2026, 10, 31), date(2026, 10, 31), "35", 35, False),
    ("Lapas Kelas IIA Pamekasan", "lapas-pamekasan", "Manajemen Perubahan", "manajemen_perubahan", "Penyusunan rencana kerja ZI", "Kalapas", "Maret 2026", date(2026, 3, 31), 0.9, 90, True),
    ("LP Pamekasan", "lapas-pamekasan", "Penguatan Pengawasan", "penguatan_pengawasan", "Pengendalian gratifikasi", "KPLP", "Semester II", date(2026, 12, 31), "Belum", 0, False),
    ("LP Pamekasan", "lapas-pamekasan", "Penguatan Pengawasan", "penguatan_pengawasan", "Penanganan benturan kepentingan", "KPLP", "Agustus 2026", date(2026, 8, 31), 60, 60, False),
    ("Lapas Kelas IIA Pamekasan", "lapas-pamekasan", "Pelayanan Publik", "pelayanan_publik", "Pelayanan informasi melalui website", "Operator", "TW IV", date(2026, 12, 31), "Selesai", 100, False),
    ("LAPAS NARKOTIKA PAMEKASAN", "lapas-narkotika-pamekasan", "Manajemen Perubahan", "manajemen_perubahan", "Penyusunan roadmap ZI", "Kalapas", "Februari 2026", date(2026, 2, 28), 0.4, 40, True),
    ("Lapas Narkotika Kls IIA Pamekasan", "lapas-narkotika-pamekasan", "Penguatan Pengawasan", "penguatan_pengawasan", "Penerapan SPIP", "Kasubag TU", "Agustus 2026", date(2026, 8, 31), 10, 10, False),
]


def write_kanwil(folder: Path) -> tuple[str, dict[str, Any], dict[str, list[dict[str, Any]]]]:
    name = "Monitoring_Renaksi_ZI_Kanwil_Jatim_Sep2026.xlsx"
    book = xlsxwriter.Workbook(str(folder / name))
    bold = book.add_format({"bold": True})
    pct = book.add_format({"num_format": "0%"})
    date_fmt = book.add_format({"num_format": "dd/mm/yyyy"})
    info = book.add_worksheet("Petunjuk")
    info.write_column(0, 0, ["PETUNJUK PENGISIAN MONITORING", "1. Progres diisi dalam persen (0-100).",
                             "2. Satu baris untuk satu kegiatan.", "3. Dikirim setiap tanggal 5."])
    sheet = book.add_worksheet("Monitoring")
    sheet.write(0, 0, "MONITORING RENCANA AKSI ZONA INTEGRITAS UPT PEMASYARAKATAN", bold)
    sheet.write(1, 0, "KANWIL DITJENPAS JAWA TIMUR", bold)
    sheet.write(2, 0, "Keadaan s.d. September 2026")
    sheet.write_row(4, 0, ["No", "Satuan Kerja", "Area Perubahan", "Kegiatan", "PIC", "Target", "Progres (%)", "Keterangan"], bold)
    by_unit: dict[str, list[dict[str, Any]]] = {}
    start = 5
    for i, (unit_text, key, area_text, area, activity, pic, target_cell, target, progress_cell, progress, is_pct) in enumerate(KANWIL_ROWS):
        r = start + i
        sheet.write(r, 0, i + 1)
        if unit_text is not None:
            sheet.write(r, 1, unit_text)
        sheet.write(r, 2, area_text)
        sheet.write(r, 3, activity)
        sheet.write(r, 4, pic)
        if isinstance(target_cell, date):
            sheet.write_datetime(r, 5, _dt(target_cell), date_fmt)
        else:
            sheet.write(r, 5, target_cell)
        if is_pct:
            sheet.write_number(r, 6, progress_cell, pct)
        else:
            sheet.write(r, 6, progress_cell)
        by_unit.setdefault(key, []).append({"area": area, "progress": float(progress), "target": target})
    # the Surabaya unit cell is merged down over its first four rows
    first = next(i for i, row in enumerate(KANWIL_ROWS) if row[0] == "Rutan Kelas I Surabaya")
    sheet.merge_range(start + first, 1, start + first + 3, 1, "Rutan Kelas I Surabaya")
    recap = book.add_worksheet("Rekap")
    recap.write(0, 0, "REKAPITULASI CAPAIAN RENCANA AKSI ZI PER UPT", bold)
    recap.write_row(2, 0, ["No", "Satuan Kerja", "Jumlah Kegiatan", "Kegiatan Selesai", "Rata-rata Capaian (%)"], bold)
    recap_rows = [("Lapas Kelas IIB Jombang", "lapas-jombang"), ("Rutan Kelas I Surabaya", "rutan-surabaya"),
                  ("Lapas Kelas IIA Pamekasan", "lapas-pamekasan"), ("Lapas Narkotika Kelas IIA Pamekasan", "lapas-narkotika-pamekasan")]
    for i, (text, key) in enumerate(recap_rows):
        acts = by_unit[key]
        recap.write_row(3 + i, 0, [i + 1, text, len(acts), sum(1 for a in acts if a["progress"] >= 100),
                                   round(statistics.fmean(a["progress"] for a in acts), 1)])
    recap.write_row(3 + len(recap_rows), 0, ["JUMLAH", "", len(KANWIL_ROWS), "", ""])
    book.close()
    return name, {"kind": "action_plan", "rows": len(KANWIL_ROWS), "rejected_rows": 0}, by_unit


# ----------------------------------------------------------------------------------------------------
# 4. Action plan, Rutan Surabaya, snapshot 30 November 2026 (.ods): after --as-of, so ignored.
# ----------------------------------------------------------------------------------------------------

def write_surabaya_future_plan(folder: Path) -> tuple[str, dict[str, Any]]:
    name = "Laporan Renaksi Rutan Surabaya.ods"
    rows: list[list[Any]] = [
        ["LAPORAN PROGRES RENCANA AKSI ZI"],
        ["RUTAN KELAS I SURABAYA"],
        ["Posisi 30 November 2026"],
        [],
        ["No", "Area", "Uraian Kegiatan", "PJ", "Jadwal", "Progres", "Eviden"],
        [1, "Manajemen Perubahan", "Penetapan agen perubahan", "Karutan", "Februari 2026", "100%", "SK"],
        [2, "Penataan Tatalaksana", "Penyusunan SOP layanan tahanan", "Kasubsi Yantah", "Juli 2026", "95%", "SOP"],
        [3, "Penataan SDM", "Pemetaan kompetensi pegawai", "Kaur Kepegawaian", "TW IV", "60%", ""],
        [4, "Pelayanan Publik", "Pembangunan ruang tunggu kunjungan", "Kasubsi Yantah", date(2026, 10, 31), "Selesai", "Foto"],
    ]
    _write_ods(folder / name, rows)
    return name, {"kind": "action_plan", "rows": 4, "rejected_rows": 0}


# ----------------------------------------------------------------------------------------------------
# 5. IKM, Google Forms export for Rutan Surabaya (.xlsx, unit in the file name): "Stempel waktu",
#    profile columns, label answers with and without "4." / "b." prefixes, U9 before U8, and
#    question texts that only name the content.
# ----------------------------------------------------------------------------------------------------

IKM_LABELS = {
    "U1": ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
    "U2": ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
    "U3": ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
    "U4": ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
    "U5": ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
    "U6": ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"],
    "U7": ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"],
    "U8": ["Buruk", "Cukup", "Baik", "Sangat baik"],
    "U9": ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"],
}
FORM_QUESTIONS = [  # form order: U9 before U8, question texts name the content only
    ("U1", "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"),
    ("U2", "Bagaimana pemahaman Saudara tentang kemudahan alur dan prosedur layanan kunjungan?"),
    ("U3", "Menurut Saudara, bagaimana kecepatan petugas dalam menyelesaikan layanan?"),
    ("U4", "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif layanan di Rutan ini?"),
    ("U5", "Apakah hasil pelayanan yang Saudara terima sesuai dengan standar pelayanan yang ditetapkan?"),
    ("U6", "Bagaimana penilaian Saudara terhadap kemampuan petugas dalam memberikan pelayanan?"),
    ("U7", "Bagaimana kesopanan dan keramahan petugas dalam memberikan pelayanan?"),
    ("U9", "Bagaimana penanganan pengaduan, saran dan masukan pengguna layanan di Rutan ini?"),
    ("U8", "Bagaimana kualitas sarana dan prasarana (ruang tunggu, toilet, tempat parkir)?"),
]


def _ikm_value(rng: random.Random) -> int:
    return rng.choices([1, 2, 3, 4], weights=[1, 3, 9, 7])[0]


def _ikm_cell(unsur: str, value: int, style: int) -> str:
    label = IKM_LABELS[unsur][value - 1]
    if unsur == "U1":
        return f"{value}. {label}"
    if unsur == "U3":
        return f"{'abcd'[value - 1]}. {label}"
    if unsur == "U4" and style % 3 == 0:
        return label.upper()
    if unsur in ("U2", "U6"):
        return label.title()
    return label


def write_surabaya_ikm(folder: Path, rng: random.Random) -> tuple[str, dict[str, Any], list[dict[str, int]]]:
    name = "Survei Kepuasan Masyarakat Rutan Surabaya (Jawaban).xlsx"
    book = xlsxwriter.Workbook(str(folder / name))
    sheet = book.add_worksheet("Respons Formulir 1")
    stamp_fmt = book.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
    header = (["Stempel waktu", "Alamat email", "Jenis Kelamin", "Usia", "Pendidikan Terakhir", "Pekerjaan",
               "Jenis layanan yang diterima"] + [q for _, q in FORM_QUESTIONS] + ["Kritik dan saran"])
    sheet.write_row(0, 0, header)
    counted: list[dict[str, int]] = []
    accepted_rows = rejected_rows = 0
    n = 26
    for i in range(n):
        stamp = datetime(2026, 1, 5, 9, 0) + timedelta(days=11 * i, minutes=37 * i)
        answers = {u: _ikm_value(rng) for u in IKM_LABELS}
        blank = None
        if i == 7:
            blank = "U4"  # a blank answer: the response is rejected
        if i == n - 2:
            stamp = datetime(2026, 11, 15, 14, 5)  # on the as-of day: counted
        if i == n - 1:
            stamp = datetime(2026, 11, 20, 10, 30)  # after as-of: read, left out of the figures
        r = i + 1
        sheet.write_datetime(r, 0, stamp, stamp_fmt)
        sheet.write(r, 1, f"pengunjung{i:02d}@gmail.com")
        sheet.write(r, 2, "Laki-laki" if i % 3 else "Perempuan")
        sheet.write(r, 3, 22 + (i * 7) % 40)
        sheet.write(r, 4, ["SMA/SMK", "S1", "SMP", "D3"][i % 4])
        sheet.write(r, 5, ["Wiraswasta", "Ibu Rumah Tangga", "Karyawan Swasta", "Petani"][i % 4])
        sheet.write(r, 6, ["Kunjungan tatap muka", "Penitipan barang", "Layanan informasi perkara"][i % 3])
        for c, (u, _) in enumerate(FORM_QUESTIONS):
            if u != blank:
                sheet.write(r, 7 + c, _ikm_cell(u, answers[u], i))
        if i % 4 == 0:
            sheet.write(r, 7 + len(FORM_QUESTIONS), "Pertahankan pelayanan, ruang tunggu diperluas")
        if blank:
            rejected_rows += 1
            continue
        accepted_rows += 1
        if stamp.date() <= AS_OF:
            counted.append(answers)
    book.close()
    return name, {"kind": "survey", "rows": accepted_rows, "rejected_rows": rejected_rows}, counted


# ----------------------------------------------------------------------------------------------------
# 6. SPAK (1-6, stated in the title block) and SPKP (1-4 numbers) of Lapas Jombang (.xlsx).
# ----------------------------------------------------------------------------------------------------

SPAK_ITEMS = [
    "Petugas memberikan pelayanan tanpa diskriminasi",
    "Pelayanan sesuai prosedur, tidak ada penyerobotan antrean",
    "Petugas tidak meminta imbalan atau gratifikasi",
    "Tidak ada pungutan liar (pungli) dalam pelayanan",
    "Tidak ada calo atau perantara dalam pelayanan",
]
SPAK_LABELS_6 = {3: "Kurang Setuju", 4: "Cukup Setuju", 5: "Setuju", 6: "Sangat Setuju"}
SPKP_ITEMS = [
    "Informasi pelayanan tersedia dengan jelas dan mudah diakses",
    "Persyaratan pelayanan mudah dipenuhi oleh pengguna",
    "Prosedur pelayanan sederhana dan tidak berbelit-belit",
    "Waktu penyelesaian pelayanan sesuai dengan standar yang ditetapkan",
    "Tarif atau biaya pelayanan sesuai dengan ketentuan yang berlaku",
    "Sarana dan prasarana pendukung pelayanan nyaman digunakan",
    "Petugas pelayanan bersikap sopan, ramah dan profesional",
    "Tersedia layanan konsultasi dan pengaduan yang mudah dihubungi",
]


def write_jombang_perception(folder: Path, rng: random.Random) -> tuple[str, dict[str, Any], list[list[int]], list[list[int]]]:
    name = "Survei_Persepsi_Lapas_Jombang_2026.xlsx"
    book = xlsxwriter.Workbook(str(folder / name))
    bold = book.add_format({"bold": True})
    date_fmt = book.add_format({"num_format": "dd-mm-yyyy"})
    stamp_fmt = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})

    spak = book.add_worksheet("SPAK")
    spak.write(0, 0, "HASIL SURVEI PERSEPSI ANTI KORUPSI (SPAK)", bold)
    spak.write(1, 0, "LAPAS KELAS IIB JOMBANG", bold)
    spak.write(2, 0, "Skala jawaban 1-6 (1 = Sangat Tidak Setuju, 6 = Sangat Setuju)")
    spak.write_row(4, 0, ["No", "Tanggal Pengisian", "Jenis Layanan"] + SPAK_ITEMS, bold)
    spak_counted: list[list[int]] = []
    spak_rows = spak_rejected = 0
    for i in range(22):
        r = 5 + i
        day = date(2026, 1, 12) + timedelta(days=14 * i)
        if i == 21:
            day = date(2026, 11, 18)  # after as-of
        values = [rng.choices([2, 3, 4, 5, 6], weights=[1, 2, 4, 8, 7])[0] for _ in SPAK_ITEMS]
        spak.write(r, 0, i + 1)
        spak.write_datetime(r, 1, _dt(day), date_fmt)
        spak.write(r, 2, ["Kunjungan", "Integrasi (PB/CB)", "Penitipan barang"][i % 3])
        bad = None
        if i == 4:
            bad = ("blank", 2)
        elif i == 13:
            bad = ("seven", 0)  # 7 on a stated 1-6 scale: out of range
        for c, v in enumerate(values):
            if bad and bad[1] == c:
                if bad[0] == "seven":
                    spak.write(r, 3 + c, 7)
                continue
            if (i + c) % 4 == 0 and v in SPAK_LABELS_6:
                spak.write(r, 3 + c, SPAK_LABELS_6[v])
            else:
                spak.write(r, 3 + c, v)
        if bad:
            spak_rejected += 1
            continue
        spak_rows += 1
        if day <= AS_OF:
            spak_counted.append(values)
    rr = 5 + 22 + 1
    spak.write(rr, 1, "Jombang, 5 November 2026")
    spak.write(rr + 1, 1, "Ketua Tim Pokja ZI")
    spak.write(rr + 4, 1, "NIP. 19820312 200501 2 002")

    spkp = book.add_worksheet("SPKP")
    spkp.write(0, 0, "SURVEI PERSEPSI KUALITAS PELAYANAN (SPKP) TAHUN 2026", bold)
    spkp.write(1, 0, "Lapas Kls. IIB Jombang", bold)
    spkp.write_row(3, 0, ["Timestamp"] + SPKP_ITEMS, bold)
    spkp_counted: list[list[int]] = []
    spkp_rows = 0
    for i in range(18):
        r = 4 + i
        stamp = datetime(2026, 2, 2, 8, 30) + timedelta(days=15 * i, hours=i % 5)
        if i == 17:
            stamp = datetime(2026, 12, 1, 9, 0)  # after as-of
        values = [rng.choices([1, 2, 3, 4], weights=[1, 2, 8, 6])[0] for _ in SPKP_ITEMS]
        if i == 0:
            values[0] = 4  # the scale is not stated: the largest answer must be a 4
        spkp.write_datetime(r, 0, stamp, stamp_fmt)
        for c, v in enumerate(values):
            spkp.write(r, 1 + c, v)
        spkp_rows += 1
        if stamp.date() <= AS_OF:
            spkp_counted.append(values)
    book.close()
    files = {"kind": "survey", "rows": spak_rows + spkp_rows, "rejected_rows": spak_rejected}
    return name, files, spak_counted, spkp_counted


# ----------------------------------------------------------------------------------------------------
# 7. IKM recap CSV (semicolon, UTF-8 BOM) of both Pamekasan units, unit column with variants, headers
#    named after the official unsur (U9 before U8), text timestamps day-first and ISO.
# ----------------------------------------------------------------------------------------------------

CSV_HEADERS = [
    ("U1", "U1 Persyaratan"),
    ("U2", "U2 Sistem, Mekanisme dan Prosedur"),
    ("U3", "U3 Waktu Penyelesaian"),
    ("U4", "U4 Biaya/Tarif"),
    ("U5", "U5 Produk Spesifikasi Jenis Pelayanan"),
    ("U6", "U6 Kompetensi Pelaksana"),
    ("U7", "U7 Perilaku Pelaksana"),
    ("U9", "U9 Penanganan Pengaduan, Saran dan Masukan"),
    ("U8", "U8 Sarana dan Prasarana"),
]
NARKOTIKA_NAMES = ["Lapas Narkotika Kelas IIA Pamekasan", "LAPAS NARKOTIKA PAMEKASAN", "Lapas Narkotika Kls IIA Pamekasan"]
PLAIN_NAMES = ["Lapas Kelas IIA Pamekasan", "LAPAS PAMEKASAN"]


def write_pamekasan_ikm_csv(folder: Path, rng: random.Random) -> tuple[str, dict[str, Any], dict[str, list[dict[str, int]]]]:
    name = "Data_SKM_Pamekasan_2026.csv"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["No", "Tanggal", "Nama UPT", "Jenis Kelamin"] + [h for _, h in CSV_HEADERS])
    counted: dict[str, list[dict[str, int]]] = {"lapas-narkotika-pamekasan": [], "lapas-pamekasan": []}
    rows = rejected = 0
    for i in range(30):
        plain = i % 4 == 3
        key = "lapas-pamekasan" if plain else "lapas-narkotika-pamekasan"
        unit = PLAIN_NAMES[i % 2] if plain else NARKOTIKA_NAMES[i % 3]
        stamp = datetime(2026, 1, 8, 8, 0) + timedelta(days=10 * i, minutes=53 * i)
        if i == 28:
            stamp = datetime(2026, 11, 16, 7, 45)  # the day after as-of
        stamp_text = f"{stamp:%d/%m/%Y %H:%M}" if i % 3 else f"{stamp:%Y-%m-%d %H:%M}"
        answers = {u: _ikm_value(rng) for u in IKM_LABELS}
        cells = [str(answers[u]) for u, _ in CSV_HEADERS]
        if i == 10:
            cells[3] = ""  # blank U4 answer
        writer.writerow([i + 1, stamp_text, unit, "L" if i % 2 else "P"] + cells)
        if i == 10:
            rejected += 1
            continue
        rows += 1
        if stamp.date() <= AS_OF:
            counted[key].append(answers)
    (folder / name).write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    return name, {"kind": "survey", "rows": rows, "rejected_rows": rejected}, counted


# ----------------------------------------------------------------------------------------------------
# 8. Complaint register, Lapas Jombang (.xlsx): two-line header under a merged "Tanggal", numbering row,
#    dates as Excel dates / dd/mm/yyyy / "15 Oktober 2026" / ISO, JUMLAH row, signature.
# ----------------------------------------------------------------------------------------------------

CHANNEL_TEXT = {
    "sp4n_lapor": ["SP4N LAPOR!", "Lapor.go.id"],
    "whatsapp": ["Whatsapp", "WA Pengaduan"],
    "kotak_pengaduan": ["Kotak Saran/Pengaduan"],
    "langsung": ["Datang langsung", "Datang langsung ke PTSP"],
    "email": ["E-mail"],
    "website": ["Website Lapas"],
    "media_sosial": ["Instagram", "Facebook"],
    "lainnya": ["Telepon", "Surat tertulis"],
}
STATUS_TEXT = {
    "resolved": ["Sudah ditindaklanjuti", "Selesai"],
    "open": ["Belum ditindaklanjuti"],
    "in_progress": ["Dalam proses", "Proses"],
    "rejected": ["Bukan kewenangan"],
}
TOPICS = ["Layanan kunjungan", "Pengurusan PB/CB", "Remisi", "Titipan barang", "Kesehatan WBP", "Perilaku petugas"]


def _complaints(rng: random.Random, count: int, with_rejected_status: bool) -> list[dict[str, Any]]:
    items = []
    for i in range(count):
        received = date(2025, 11, 3) + timedelta(days=int(i * 345 / count) + rng.randint(0, 9))
        channel = CHANNELS[i % len(CHANNELS)] if i < len(CHANNELS) else rng.choice(CHANNELS)
        status = rng.choices(["resolved", "open", "in_progress"], weights=[6, 2, 2])[0]
        if with_rejected_status and i == 9:
            status = "rejected"
        days = rng.randint(1, 20) if status == "resolved" else None
        items.append({"received": received, "channel": channel, "status": status, "days": days})
    return items


def write_jombang_complaints(folder: Path, rng: random.Random) -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
    name = "Register Pengaduan Lapas Jombang 2025-2026.xlsx"
    items = _complaints(rng, 22, False)
    # special rows
    items[5]["status"], items[5]["days"], items[5]["blank_status"] = "resolved", 6, True      # blank status, completion date
    items[11]["status"], items[11]["days"], items[11]["no_done"] = "resolved", None, True     # "Selesai" without a date
    items.append({"received": date(2026, 11, 15), "channel": "whatsapp", "status": "open", "days": None})  # on as-of
    items.append({"received": date(2026, 11, 20), "channel": "sp4n_lapor", "status": "in_progress", "days": None})  # after
    book = xlsxwriter.Workbook(str(folder / name))
    sheet = book.add_worksheet("Register")
    bold = book.add_format({"bold": True})
    date_fmt = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.merge_range(0, 0, 0, 8, "REGISTER PENGADUAN MASYARAKAT", bold)
    sheet.merge_range(1, 0, 1, 8, "LAPAS KELAS IIB JOMBANG", bold)
    sheet.merge_range(2, 0, 2, 8, "Periode November 2025 s.d. Oktober 2026", bold)
    sheet.merge_range(4, 0, 5, 0, "No", bold)
    sheet.merge_range(4, 1, 4, 2, "Tanggal", bold)
    sheet.write(5, 1, "Diterima", bold)
    sheet.write(5, 2, "Selesai", bold)
    for col, text in ((3, "Identitas Pelapor"), (4, "No. HP"), (5, "Saluran"), (6, "Isi Pengaduan"), (7, "Tindak Lanjut"), (8, "Status")):
        sheet.merge_range(4, col, 5, col, text, bold)
    sheet.write_row(6, 0, [f"({i})" for i in range(1, 10)])
    r = 7
    accepted = []
    for i, c in enumerate(items):
        style = i % 4
        received = c["received"]
        if style == 0:
            sheet.write_datetime(r, 1, _dt(received), date_fmt)
        elif style == 1:
            sheet.write(r, 1, f"{received:%d/%m/%Y}")
        elif style == 2:
            sheet.write(r, 1, _word_date(received))
        else:
            sheet.write(r, 1, f"{received:%Y-%m-%d}")
        if c["status"] == "resolved" and c["days"] is not None:
            done = received + timedelta(days=c["days"])
            if i % 2:
                sheet.write_datetime(r, 2, _dt(done), date_fmt)
            else:
                sheet.write(r, 2, f"{done:%d/%m/%Y}")
        sheet.write(r, 0, i + 1)
        sheet.write(r, 3, f"Pelapor {i + 1}")
        sheet.write(r, 4, f"0812-3{i:03d}-77{i:02d}")
        sheet.write(r, 5, CHANNEL_TEXT[c["channel"]][i % len(CHANNEL_TEXT[c["channel"]])])
        sheet.write(r, 6, f"{TOPICS[i % len(TOPICS)]}: mohon penjelasan")
        sheet.write(r, 7, "Dikonfirmasi kepada pelapor" if c["status"] == "resolved" else "")
        if not c.get("blank_status"):
            texts = STATUS_TEXT[c["status"]]
            sheet.write(r, 8, "Selesai" if c.get("no_done") else texts[i % len(texts)])
        accepted.append(c)
        r += 1
    # an impossible received date: rejected
    sheet.write_row(r, 0, [len(items) + 1, "31/02/2026", "", "Pelapor X", "", "Whatsapp", "Layanan kunjungan", "", "Belum ditindaklanjuti"])
    r += 1
    sheet.merge_range(r, 0, r, 2, "JUMLAH", bold)
    sheet.write(r, 3, len(items) + 1)
    r += 2
    sheet.write(r, 6, "Jombang, 2 November 2026")
    sheet.write(r + 1, 6, "Kepala Lapas Kelas IIB Jombang")
    sheet.write(r + 4, 6, "BUDI SANTOSO")
    sheet.write(r + 5, 6, "NIP. 19750101 200003 1 001")
    book.close()
    return name, {"kind": "complaints", "rows": len(accepted), "rejected_rows": 1}, accepted


# ----------------------------------------------------------------------------------------------------
# 9. Complaint register, Rutan Surabaya (.ods): "Hari/Tanggal" as "Senin, 15 Maret 2026", dd/mm/yyyy
#    and date cells; a days column instead of a completion date; a "Bukan kewenangan" status; JUMLAH.
# ----------------------------------------------------------------------------------------------------

def write_surabaya_complaints(folder: Path, rng: random.Random) -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
    name = "Rutan_Surabaya_Pengaduan.ods"
    items = _complaints(rng, 20, True)
    items[3]["status"], items[3]["days"] = "resolved", None  # "Selesai" with the days left blank
    items.append({"received": date(2026, 12, 2), "channel": "langsung", "status": "open", "days": None})  # after as-of
    rows: list[list[Any]] = [
        ["BUKU REGISTER PENGADUAN"],
        ["RUTAN KELAS I SURABAYA"],
        [],
        ["No", "Hari/Tanggal", "Pelapor", "Saluran", "Kategori", "Uraian", "Status", "Lama Penyelesaian (hari)"],
    ]
    for i, c in enumerate(items):
        received = c["received"]
        style = i % 3
        cell = _day_word_date(received) if style == 0 else (f"{received:%d/%m/%Y}" if style == 1 else received)
        texts = STATUS_TEXT[c["status"]]
        status = "Selesai" if (c["status"] == "resolved" and c["days"] is None) else texts[i % len(texts)]
        rows.append([i + 1, cell, f"Keluarga WBP {i + 1}", CHANNEL_TEXT[c["channel"]][(i + 1) % len(CHANNEL_TEXT[c["channel"]])],
                     TOPICS[(i + 2) % len(TOPICS)], "Mohon informasi", status, c["days"]])
    rows.append(["JUMLAH", None, None, None, None, None, None, None])
    rows.append([])
    rows.append([None, None, None, None, None, "Surabaya, 3 November 2026"])
    rows.append([None, None, None, None, None, "Kepala Rutan Kelas I Surabaya"])
    rows.append([])
    rows.append([None, None, None, None, None, "NIP. 19700101 199203 1 001"])
    _write_ods(folder / name, rows)
    return name, {"kind": "complaints", "rows": len(items), "rejected_rows": 0}, items


# ----------------------------------------------------------------------------------------------------
# 10. Complaint log of Lapas Narkotika Pamekasan (.csv, comma, Windows-1252): no title, no unit column,
#     the unit only in the file name (which also names the months covered, as offices do).
# ----------------------------------------------------------------------------------------------------

def write_narkotika_complaints_csv(folder: Path, rng: random.Random) -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
    name = "Pengaduan Lapas Narkotika Pamekasan Januari-Oktober 2026.csv"
    items = []
    for i in range(12):
        received = date(2026, 1, 6) + timedelta(days=24 * i + rng.randint(0, 5))
        status = ["resolved", "resolved", "open", "resolved", "in_progress"][i % 5]
        days = rng.randint(2, 15) if status == "resolved" else None
        items.append({"received": received, "channel": CHANNELS[(i * 3) % 7], "status": status, "days": days})
    out = io.StringIO()
    writer = csv.writer(out, delimiter=",", lineterminator="\r\n")
    writer.writerow(["No", "Tanggal Masuk", "Media", "Uraian", "Status", "Tanggal Selesai"])
    for i, c in enumerate(items):
        received = c["received"]
        received_text = f"{received:%d-%m-%Y}" if i % 2 else f"{received:%d/%m/%Y}"
        done = f"{received + timedelta(days=c['days']):%d/%m/%Y}" if c["days"] is not None else ""
        texts = STATUS_TEXT[c["status"]]
        writer.writerow([i + 1, received_text, CHANNEL_TEXT[c["channel"]][0], f"Mohon info remisi \u2013 keluarga WBP, blok {i + 1}",
                         texts[i % len(texts)], done])
    (folder / name).write_bytes(out.getvalue().encode("cp1252"))
    return name, {"kind": "complaints", "rows": len(items), "rejected_rows": 0}, items


# ----------------------------------------------------------------------------------------------------

def build(folder: Path) -> dict[str, Any]:
    """Write every file into ``folder``; return the expected per-file counts and per-unit figures."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    files: dict[str, dict[str, Any]] = {}

    name, info, jombang_acts = write_jombang_plan(folder)
    files[name] = info
    name, info, narkotika_acts = write_pamekasan_plan(folder)
    files[name] = info
    name, info, kanwil = write_kanwil(folder)
    files[name] = info
    name, info = write_surabaya_future_plan(folder)
    files[name] = info
    name, info, surabaya_ikm = write_surabaya_ikm(folder, rng)
    files[name] = info
    name, info, spak, spkp = write_jombang_perception(folder, rng)
    files[name] = info
    name, info, pamekasan_ikm = write_pamekasan_ikm_csv(folder, rng)
    files[name] = info
    name, info, jombang_complaints = write_jombang_complaints(folder, rng)
    files[name] = info
    name, info, surabaya_complaints = write_surabaya_complaints(folder, rng)
    files[name] = info
    name, info, narkotika_complaints = write_narkotika_complaints_csv(folder, rng)
    files[name] = info

    # Current action-plan view: Jombang's own October file beats the Kanwil September rows; the
    # Narkotika unit's October .xls likewise; Surabaya's November file is after as-of, so its current
    # view is the Kanwil September rows; plain Pamekasan only exists in the Kanwil sheet.
    units = {
        "lapas-jombang": {
            "action_plan": action_plan_figures(jombang_acts),
            "surveys": {"ikm": None, "ipak": perception_figures(spak, 6), "ipkp": perception_figures(spkp, 4)},
            "complaints": complaint_figures(jombang_complaints),
        },
        "rutan-surabaya": {
            "action_plan": action_plan_figures(kanwil["rutan-surabaya"], snapshot=KANWIL_SNAPSHOT),
            "surveys": {"ikm": ikm_figures(surabaya_ikm), "ipak": None, "ipkp": None},
            "complaints": complaint_figures(surabaya_complaints),
        },
        "lapas-narkotika-pamekasan": {
            "action_plan": action_plan_figures(narkotika_acts),
            "surveys": {"ikm": ikm_figures(pamekasan_ikm["lapas-narkotika-pamekasan"]), "ipak": None, "ipkp": None},
            "complaints": complaint_figures(narkotika_complaints),
        },
        "lapas-pamekasan": {
            "action_plan": action_plan_figures(kanwil["lapas-pamekasan"], snapshot=KANWIL_SNAPSHOT),
            "surveys": {"ikm": ikm_figures(pamekasan_ikm["lapas-pamekasan"]), "ipak": None, "ipkp": None},
            "complaints": None,
        },
    }
    for key, entry in units.items():
        entry["unit"] = DISPLAY[key]
    return {"as_of": AS_OF.isoformat(), "files": files, "units": units}
