"""Write the bundled sample data: three Lapas of one Kanwil in the messy shapes real Pokja ZI files have.

Run `python sample_data/generate.py` from the project root (needs requirements-dev.txt for .xls/.ods).
Every figure in `expected.json` is computed here from the clean values before they are made messy,
never by the package, so `tests/reading/test_sample_data.py` checks the ingest against an independent answer.
"""

from __future__ import annotations

import csv
import io
import json
import random
import statistics
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import xlsxwriter
import xlwt

OUT = Path(__file__).resolve().parent
AS_OF = date(2026, 11, 23)
OCTOBER = date(2026, 10, 31)
JUNE = date(2026, 6, 30)

AREAS = {
    "manajemen_perubahan": ("I", "MANAJEMEN PERUBAHAN", "Manajemen Perubahan"),
    "penataan_tatalaksana": ("II", "PENATAAN TATALAKSANA", "Penataan Tata Laksana"),
    "penataan_sdm": ("III", "PENATAAN SISTEM MANAJEMEN SDM", "Penataan Manajemen SDM"),
    "akuntabilitas_kinerja": ("IV", "PENGUATAN AKUNTABILITAS KINERJA", "Penguatan Akuntabilitas"),
    "penguatan_pengawasan": ("V", "PENGUATAN PENGAWASAN", "Penguatan Pengawasan"),
    "pelayanan_publik": ("VI", "PENINGKATAN KUALITAS PELAYANAN PUBLIK", "Peningkatan Kualitas Pelayanan Publik"),
}
ACTIVITIES = {
    "manajemen_perubahan": ["Pembentukan Tim Pokja ZI", "Penyusunan rencana kerja pembangunan ZI", "Monitoring dan evaluasi bulanan",
                            "Penetapan agen perubahan", "Sosialisasi ZI kepada pegawai dan WBP", "Pemberitaan ZI di media sosial"],
    "penataan_tatalaksana": ["Penyusunan SOP layanan kunjungan", "Peta proses bisnis", "Penerapan aplikasi SDP dan e-office",
                             "Keterbukaan informasi publik di website", "Evaluasi SOP"],
    "penataan_sdm": ["Analisis kebutuhan pegawai", "Pola mutasi internal", "Pengembangan kompetensi pegawai",
                     "Penetapan sasaran kinerja pegawai", "Penegakan disiplin pegawai"],
    "akuntabilitas_kinerja": ["Penyusunan perjanjian kinerja", "Laporan kinerja triwulanan", "Rapat evaluasi capaian kinerja",
                              "Cascading indikator kinerja"],
    "penguatan_pengawasan": ["Pengendalian gratifikasi", "Penerapan SPIP", "Pengelolaan pengaduan masyarakat",
                             "Whistle blowing system", "Penanganan benturan kepentingan", "Pengumpulan LHKPN dan LHKASN"],
    "pelayanan_publik": ["Standar pelayanan dan maklumat", "Survei kepuasan masyarakat", "Ruang layanan terpadu",
                         "Inovasi layanan kunjungan online", "Layanan integrasi PB/CB gratis", "Pojok pengaduan"],
}
PICS = ["Ka. KPLP", "Kasubag TU", "Kasi Binadik", "Kasi Adm Kamtib", "Kasi Giatja", "Kaur Kepegawaian", "Kaur Umum"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]
ROMAN = ["I", "II", "III", "IV"]


@dataclass
class Unit:
    key: str
    display: str
    city: str
    folder: str
    activities: list[dict] = field(default_factory=list)
    ikm: list[list[int]] = field(default_factory=list)
    ikm_dates: list[datetime] = field(default_factory=list)
    spak: list[list[int]] = field(default_factory=list)
    spkp: list[list[int]] = field(default_factory=list)
    survey_dates: list[datetime] = field(default_factory=list)
    complaints: list[dict] = field(default_factory=list)
    plans: dict[int, list[dict]] = field(default_factory=dict)  # earlier plan years -> activities with their monthly progress
    lke_expected: dict = field(default_factory=dict)


UNITS = [
    Unit("lapas-banyuwangi", "Lapas Kelas IIA Banyuwangi", "Banyuwangi", "Lapas Banyuwangi"),
    Unit("lapas-malang", "Lapas Kelas I Malang", "Malang", "Lapas Malang"),
    Unit("lapas-perempuan-malang", "Lapas Perempuan Kelas IIA Malang", "Malang", "Lapas Perempuan Malang"),
]

# ---------------------------------------------------------------- clean values

def quarter_end(year: int, quarter: int) -> date:
    month = quarter * 3
    return (date(year, month + 1, 1) - timedelta(days=1)) if month < 12 else date(year, 12, 31)


def month_end(year: int, month: int) -> date:
    return (date(year, month + 1, 1) - timedelta(days=1)) if month < 12 else date(year, 12, 31)


def new_book(path: Path) -> xlsxwriter.Workbook:
    """An xlsx writer with a fixed creation time, so regenerating does not change unchanged files."""
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"created": datetime(2026, 11, 1, 8, 0), "author": "Tim Pokja ZI"})
    return book


def make_target(rng: random.Random, year: int = 2026) -> tuple[date | None, str | date]:
    """A target date and how a Pokja writes it."""
    shape = rng.choice(["date", "month", "month", "tw", "triwulan", "rutin"])
    if shape == "date":
        value = date(year, rng.randint(1, 12), rng.randint(1, 28))
        return value, value
    if shape == "month":
        month = rng.randint(1, 12)
        return month_end(year, month), f"{MONTHS[month - 1]} {year}"
    if shape in ("tw", "triwulan"):
        quarter = rng.randint(1, 4)
        return quarter_end(year, quarter), f"{'TW' if shape == 'tw' else 'Triwulan'} {ROMAN[quarter - 1]}"
    return None, rng.choice(["Setiap bulan", "Rutin"])


def make_activities(rng: random.Random, maturity: float) -> list[dict]:
    rows = []
    for area, names in ACTIVITIES.items():
        for name in names:
            target, target_text = make_target(rng)
            october = min(100, max(0, round(rng.gauss(maturity, 25) / 5) * 5))
            if rng.random() < 0.25:
                october = 100
            june = max(0, october - rng.choice([0, 10, 20, 25, 40, 50]))
            rows.append({"area": area, "activity": name, "pic": rng.choice(PICS), "target": target,
                         "target_text": target_text, "october": october, "june": june})
    return rows


def make_answers(rng: random.Random, count: int, items: int, scale: int, bias: float) -> list[list[int]]:
    return [[min(scale, max(1, round(rng.gauss(bias * scale, 0.8)))) for _ in range(items)] for _ in range(count)]


def spread_dates(rng: random.Random, count: int, start: date, end: date) -> list[datetime]:
    days = (end - start).days
    stamps = sorted(datetime.combine(start + timedelta(days=rng.randint(0, days)), datetime.min.time())
                    + timedelta(hours=rng.randint(8, 15), minutes=rng.randint(0, 59), seconds=rng.randint(0, 59)) for _ in range(count))
    return stamps


CHANNELS = {  # key: spellings seen in registers
    "sp4n_lapor": ["SP4N-LAPOR!", "Lapor!", "SP4N LAPOR"],
    "whatsapp": ["WhatsApp", "WA", "Whatsapp Pengaduan"],
    "kotak_pengaduan": ["Kotak Pengaduan", "kotak saran"],
    "langsung": ["Langsung", "Datang langsung"],
    "email": ["E-mail", "Email"],
    "website": ["Website"],
    "media_sosial": ["Instagram", "Facebook"],
}
CATEGORIES = ["Layanan kunjungan", "Integrasi (PB/CB/CMB)", "Remisi", "Dugaan pungli", "Perilaku petugas", "Kesehatan", "Fasilitas"]
RESOLVED_WORDS = ["Sudah ditindaklanjuti", "Selesai", "Telah ditindaklanjuti"]
OPEN_WORDS = ["Belum ditindaklanjuti", "Belum"]
PROGRESS_WORDS = ["Proses", "Sedang ditindaklanjuti"]
NAMES = ["Siti Aminah", "Budi Santoso", "Dewi Lestari", "Agus Salim", "Rina Wati", "Joko Susilo", "Nur Hidayah", "Andi Pratama", "Yuli Astuti"]


def make_complaints(rng: random.Random, count: int) -> list[dict]:
    rows = []
    for _ in range(count):
        received = date(2025, 11, 1) + timedelta(days=rng.randint(0, 364))
        roll = rng.random()
        channel = rng.choice(list(CHANNELS))
        if roll < 0.7 and received < date(2026, 10, 20):
            days = rng.choice([1, 2, 3, 3, 4, 5, 7, 10, 14, 21])
            status, done = "resolved", received + timedelta(days=days)
        elif roll < 0.85:
            status, done = "in_progress", None
        else:
            status, done = "open", None
        rows.append({"received": received, "channel": channel, "status": status, "done": done,
                     "category": rng.choice(CATEGORIES), "name": rng.choice(NAMES),
                     "phone": f"08{rng.randint(11, 99)}{rng.randint(10_000_000, 99_999_999)}"})
    rows.sort(key=lambda r: r["received"])
    return rows


def build_clean() -> None:
    rng = random.Random(2026)
    for unit, maturity, ikm_n, spak_n, bias in zip(UNITS, (70, 55, 80), (48, 60, 36), (40, 60, 30), (0.82, 0.74, 0.88)):
        unit.activities = make_activities(rng, maturity)
        unit.ikm = make_answers(rng, ikm_n, 9, 4, bias)
        unit.ikm_dates = spread_dates(rng, ikm_n, date(2026, 1, 5), date(2026, 10, 30))
        scale_spak = 6 if unit.key != "lapas-banyuwangi" else 4
        unit.spak = make_answers(rng, spak_n, 5, scale_spak, bias)
        unit.spkp = make_answers(rng, spak_n, 8, 4 if unit.key != "lapas-perempuan-malang" else 6, bias)
        unit.survey_dates = spread_dates(rng, spak_n, date(2026, 1, 5), date(2026, 10, 30))
        unit.complaints = make_complaints(rng, {"lapas-banyuwangi": 34, "lapas-malang": 57, "lapas-perempuan-malang": 22}[unit.key])


# ---------------------------------------------------------------- expected figures

def action_plan_expected(unit: Unit) -> dict:
    rows = [a for a in unit.activities if not a.get("rejected")]
    areas = {}
    for area in AREAS:
        values = [a["october"] for a in rows if a["area"] == area]
        if values:
            areas[area] = statistics.fmean(values)
    return {"activities": len(rows), "completion_pct": statistics.fmean(a["october"] for a in rows), "areas": areas,
            "overdue": sum(1 for a in rows if a["target"] is not None and a["target"] < AS_OF and a["october"] < 100)}


def ikm_grade(index: float) -> str:
    return "A" if index >= 88.31 else "B" if index >= 76.61 else "C" if index >= 65.0 else "D"


def survey_expected(answers: list[list[int]], scale: int) -> dict:
    mean = statistics.fmean(v for row in answers for v in row)
    return {"respondents": len(answers), "mean": mean, "scale_max": scale, "index_4": 1 + (mean - 1) * 3 / (scale - 1)}


def ikm_expected(answers: list[list[int]]) -> dict:
    nrr = {f"U{k + 1}": statistics.fmean(row[k] for row in answers) for k in range(9)}
    index = statistics.fmean(nrr.values()) * 25
    return {"respondents": len(answers), "index": index, "grade": ikm_grade(index), "unsur": nrr}


def complaints_expected(rows: list[dict]) -> dict:
    resolved = [r for r in rows if r["status"] == "resolved"]
    per_month: dict[str, int] = {}
    per_channel: dict[str, int] = {}
    for r in rows:
        month = f"{r['received']:%Y-%m}"
        per_month[month] = per_month.get(month, 0) + 1
        per_channel[r["channel"]] = per_channel.get(r["channel"], 0) + 1
    return {"total": len(rows), "resolved": len(resolved), "resolved_pct": len(resolved) / len(rows) * 100,
            "median_days_to_resolve": statistics.median((r["done"] - r["received"]).days for r in resolved),
            "per_month": dict(sorted(per_month.items())), "per_channel": per_channel}


# ---------------------------------------------------------------- writers

def progress_text(value: int, style: str) -> object:
    if value == 100 and style in ("word", "mixed"):
        return "Selesai"
    if value == 0 and style in ("word", "mixed"):
        return "Belum"
    return {"word": f"{value}%", "mixed": f"{value} %", "fraction": value / 100, "number": value}[style]


def signature(city: str, display: str, width: int, when: date) -> list[list]:
    pad = [""] * (width - 2)
    return [[], pad + [f"{city}, {when.day} {MONTHS[when.month - 1]} {when.year}"], pad + ["Mengetahui,"],
            pad + [f"Kepala {display}"], [], [], pad + ["HARI PRASETYO, Bc.IP., S.H."], pad + ["NIP. 19760512 199903 1 002"]]


def write_banyuwangi_plan(unit: Unit, path: Path) -> dict:
    """Heading rows I-VI, a two-row header, numbering row, percent cells, one unreadable progress, signature."""
    rng = random.Random(11)
    book = new_book(path)
    sheet = book.add_worksheet("Renaksi ZI 2026")
    bold = book.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1, "text_wrap": True})
    head = book.add_format({"bold": True})
    pct = book.add_format({"num_format": "0%"})
    datef = book.add_format({"num_format": "d mmmm yyyy"})
    sheet.merge_range(0, 0, 0, 7, "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS MENUJU WBK", bold)
    sheet.merge_range(1, 0, 1, 7, unit.display.upper(), bold)
    sheet.merge_range(2, 0, 2, 7, "KANTOR WILAYAH KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN JAWA TIMUR", bold)
    sheet.write(3, 0, "TAHUN 2026")
    sheet.write(3, 6, "Posisi 31 Oktober 2026")
    for col, text in ((0, "No"), (1, "Rencana Aksi / Kegiatan"), (2, "Penanggung Jawab"), (5, "Progres (%)"), (6, "Data Dukung"), (7, "Keterangan")):
        sheet.merge_range(5, col, 6, col, text, bold)
    sheet.merge_range(5, 3, 5, 4, "Waktu Pelaksanaan", bold)
    sheet.write(6, 3, "Target", bold)
    sheet.write(6, 4, "Realisasi", bold)
    for col in range(8):
        sheet.write(7, col, f"({col + 1})", bold)
    row, number, rejected = 8, 0, 0
    for area, (roman, heading, _) in AREAS.items():
        sheet.write(row, 0, f"{roman}.", head)
        sheet.write(row, 1, heading, head)
        row += 1
        if area == "manajemen_perubahan":
            sheet.write(row, 1, "a. Penyusunan Tim Kerja")  # a sub-heading, not an activity
            row += 1
        for act in [a for a in unit.activities if a["area"] == area]:
            number += 1
            sheet.write(row, 0, number)
            sheet.write(row, 1, act["activity"])
            sheet.write(row, 2, act["pic"])
            target = act["target_text"]
            if isinstance(target, date):
                sheet.write_datetime(row, 3, datetime.combine(target, datetime.min.time()), datef)
            else:
                sheet.write(row, 3, target)
            if act["october"] == 100 and act["target"]:
                sheet.write_datetime(row, 4, datetime.combine(min(act["target"], OCTOBER), datetime.min.time()), datef)
            style = rng.choice(["pct", "word", "mixed", "number"])  # drawn for blank rows too: same output
            if style == "pct" and not act.get("blank"):
                sheet.write_number(row, 5, act["october"] / 100, pct)
            elif not act.get("blank"):
                sheet.write(row, 5, progress_text(act["october"], style))
            sheet.write(row, 6, "SK, foto, notulen" if act["october"] > 0 else "")
            row += 1
    # one row whose progress nobody can read: rejected with its reason, the rest still loads
    number += 1
    sheet.write_row(row, 0, [number, "Penguatan budaya kerja (apel pagi)", "Ka. KPLP", "Juli 2026", "", "lihat catatan rapat"])
    rejected += 1
    row += 1
    for offset, line in enumerate(signature(unit.city, unit.display, 8, OCTOBER)):
        sheet.write_row(row + offset, 0, line)
    sheet.set_column(1, 1, 45)
    sheet.set_column(2, 7, 16)
    book.close()
    return {"kind": "action_plan", "rows": len(unit.activities), "rejected_rows": rejected}


def xls_styles() -> dict:
    return {"date": xlwt.easyxf(num_format_str="DD/MM/YYYY"), "bold": xlwt.easyxf("font: bold on")}


def write_malang_plan(unit: Unit, path: Path) -> dict:
    """Old .xls with an area column (names as written in files), numbers and fractions for progress."""
    rng = random.Random(12)
    book = xlwt.Workbook()
    sheet = book.add_sheet("RA ZI")
    style = xls_styles()
    sheet.write_merge(0, 0, 0, 7, "LAPORAN PROGRES RENCANA AKSI ZONA INTEGRITAS", style["bold"])
    sheet.write_merge(1, 1, 0, 7, f"{unit.display.upper()} TAHUN 2026", style["bold"])
    sheet.write(2, 0, "Keadaan s.d. Oktober 2026")
    header = ["No", "Area Perubahan", "Uraian Kegiatan", "PIC", "Target Waktu", "Capaian", "Eviden", "Ket."]
    for col, text in enumerate(header):
        sheet.write(4, col, text, style["bold"])
    row = 5
    for number, act in enumerate(unit.activities, start=1):
        sheet.write(row, 0, number)
        sheet.write(row, 1, AREAS[act["area"]][2])
        sheet.write(row, 2, act["activity"])
        sheet.write(row, 3, act["pic"])
        target = act["target_text"]
        if isinstance(target, date):
            sheet.write(row, 4, datetime.combine(target, datetime.min.time()), style["date"])
        else:
            sheet.write(row, 4, target)
        value = act["october"]
        sheet.write(row, 5, value / 100 if rng.random() < 0.5 or value in (0, 100) else value)
        sheet.write(row, 6, "ada" if value else "")
        row += 1
    sheet.write(row, 1, "RATA-RATA")
    sheet.write(row, 5, statistics.fmean(a["october"] for a in unit.activities) / 100)
    for offset, line in enumerate(signature(unit.city, unit.display, 8, OCTOBER), start=1):
        for col, value in enumerate(line):
            if value:
                sheet.write(row + offset, col, value)
    book.save(str(path))
    return {"kind": "action_plan", "rows": len(unit.activities), "rejected_rows": 0}


def write_ods(path: Path, sheets: dict[str, list[list]]) -> None:
    with pd.ExcelWriter(path, engine="odf") as writer:
        for name, rows in sheets.items():
            width = max(len(r) for r in rows)
            frame = pd.DataFrame([list(r) + [None] * (width - len(r)) for r in rows], dtype=object)
            frame.to_excel(writer, sheet_name=name, header=False, index=False)


def write_perempuan_plan(unit: Unit, path: Path) -> dict:
    """LibreOffice .ods: numbered area headings ("1. Manajemen Perubahan"), words and percents, TW targets."""
    rng = random.Random(13)
    rows: list[list] = [["RENCANA KERJA ZONA INTEGRITAS"], [unit.display], ["Bulan Oktober 2026"], [],
                        ["No.", "Kegiatan", "Output / Data Dukung", "Penanggung Jawab", "Tenggat", "Realisasi (%)"]]
    for index, (area, (_, _, name)) in enumerate(AREAS.items(), start=1):
        rows.append([f"{index}.", name])
        for number, act in enumerate([a for a in unit.activities if a["area"] == area], start=1):
            target = act["target_text"]
            rows.append([f"{index}.{number}", act["activity"], "Laporan", act["pic"],
                         target if not isinstance(target, date) else f"{target:%d/%m/%Y}",
                         progress_text(act["october"], rng.choice(["word", "mixed", "number"]))])
    rows += signature(unit.city, unit.display, 6, OCTOBER)
    write_ods(path, {"Rencana Kerja": rows})
    return {"kind": "action_plan", "rows": len(unit.activities), "rejected_rows": 0}


IKM_QUESTIONS = {
    "U1": ("Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?", ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]),
    "U2": ("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?", ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"]),
    "U3": ("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?", ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"]),
    "U4": ("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?", ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]),
    "U5": ("Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?", ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]),
    "U6": ("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?", ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"]),
    "U7": ("Bagaimana pendapat saudara perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?", ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"]),
    "U8": ("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?", ["Buruk", "Cukup", "Baik", "Sangat baik"]),
    "U9": ("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?", ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"]),
}
IKM_ORDER = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9", "U8"]  # a form that swapped U8 and U9
SPAK_ITEMS = ["Petugas memberikan pelayanan tanpa diskriminasi", "Tidak ada pelayanan di luar prosedur (menyerobot antrian)",
              "Petugas tidak meminta imbalan atau gratifikasi", "Tidak ada pungutan liar (pungli)", "Tidak ada calo atau perantara"]
SPKP_ITEMS = ["Informasi pelayanan mudah diperoleh", "Persyaratan pelayanan jelas", "Prosedur pelayanan mudah", "Waktu pelayanan sesuai standar",
              "Tarif pelayanan sesuai ketentuan", "Sarana prasarana nyaman", "Petugas ramah dan sopan", "Layanan konsultasi dan pengaduan tersedia"]
AGREE_6 = ["Sangat tidak setuju", "Tidak setuju", "Kurang setuju", "Cukup setuju", "Setuju", "Sangat setuju"]
AGREE_4 = ["Sangat tidak setuju", "Tidak setuju", "Setuju", "Sangat setuju"]
QUALITY_4 = ["Tidak baik", "Kurang baik", "Baik", "Sangat baik"]
PROFILE = [("Jenis Kelamin", ["Laki-laki", "Perempuan"]), ("Usia", ["18-25", "26-35", "36-45", "46-55", "> 55"]),
           ("Pendidikan", ["SD", "SMP", "SMA", "D3", "S1"]), ("Jenis Layanan", ["Kunjungan", "Penitipan barang", "Integrasi (PB/CB)", "Informasi"])]
SUGGESTIONS = ["Ruang tunggu diperluas", "Antrian kunjungan dipercepat", "Petugas sudah ramah", "Tambah kipas angin", "Pertahankan layanan gratis"]


def ikm_label(unsur: str, value: int, style: str) -> str:
    text = IKM_QUESTIONS[unsur][1][value - 1]
    return {"plain": text, "number": f"{value}. {text}", "letter": f"{'abcd'[value - 1]}. {text}", "shout": text.upper()}[style]


def profile(rng: random.Random) -> list[str]:
    return [rng.choice(options) for _, options in PROFILE]


def write_banyuwangi_surveys(unit: Unit, path: Path) -> dict:
    """One workbook, a sheet per survey, Google Forms label answers; SPAK 1-4 agreement, SPKP quality labels."""
    rng = random.Random(21)
    book = new_book(path)
    stamp = book.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
    ikm = book.add_worksheet("IKM")
    ikm.write_row(0, 0, ["Timestamp"] + [p for p, _ in PROFILE] + [IKM_QUESTIONS[u][0] for u in IKM_ORDER] + ["Saran dan masukan"])
    for r, (when, answers) in enumerate(zip(unit.ikm_dates, unit.ikm), start=1):
        ikm.write_datetime(r, 0, when, stamp)
        ikm.write_row(r, 1, profile(rng))
        style = rng.choice(["plain", "number", "letter", "shout"])
        ikm.write_row(r, 5, [ikm_label(u, answers[int(u[1]) - 1], style) for u in IKM_ORDER])
        if rng.random() < 0.3:
            ikm.write(r, 14, rng.choice(SUGGESTIONS))
    # a respondent who skipped a question: rejected, with the column named
    last = len(unit.ikm) + 1
    ikm.write_datetime(last, 0, datetime(2026, 10, 30, 14, 0), stamp)
    ikm.write_row(last, 1, profile(rng))
    ikm.write_row(last, 5, [ikm_label(u, 3, "plain") for u in IKM_ORDER[:4]] + [""] + [ikm_label(u, 3, "plain") for u in IKM_ORDER[5:]])
    for name, items, answers, labels in (("SPAK", SPAK_ITEMS, unit.spak, AGREE_4), ("SPKP", SPKP_ITEMS, unit.spkp, QUALITY_4)):
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, ["Timestamp", "Jenis Layanan"] + items)
        for r, (when, row) in enumerate(zip(unit.survey_dates, answers), start=1):
            sheet.write_datetime(r, 0, when, stamp)
            sheet.write(r, 1, rng.choice(PROFILE[3][1]))
            sheet.write_row(r, 2, [labels[v - 1] for v in row])
    book.close()
    return {"kind": "survey", "rows": len(unit.ikm) + len(unit.spak) + len(unit.spkp), "rejected_rows": 1}


def write_malang_survey(unit: Unit, path: Path) -> dict:
    """A single Google Form holding IKM, SPAK (1-6) and SPKP sections, numbers as answers, unit column spelled two ways."""
    rng = random.Random(22)
    book = new_book(path)
    sheet = book.add_worksheet("Form Responses 1")
    header = (["Cap waktu", "Nama UPT"] + [f"[IKM] {IKM_QUESTIONS[u][0]}" for u in IKM_ORDER]
              + [f"[SPAK] {item} (1-6)" for item in SPAK_ITEMS] + [f"[SPKP] {item}" for item in SPKP_ITEMS] + ["Kritik dan saran"])
    sheet.write_row(0, 0, header)
    assert len(unit.ikm) == len(unit.spak) == len(unit.spkp), "one form: every respondent answers every section"
    for r, when in enumerate(unit.ikm_dates):
        cells: list = [f"{when:%d/%m/%Y %H:%M:%S}", rng.choice(["Lapas Kelas I Malang", "LAPAS MALANG", "Lapas Kls. I Malang"])]
        cells += [unit.ikm[r][int(u[1]) - 1] for u in IKM_ORDER] + unit.spak[r] + unit.spkp[r]
        cells.append(rng.choice(SUGGESTIONS) if rng.random() < 0.2 else "")
        sheet.write_row(r + 1, 0, cells)
    book.close()
    return {"kind": "survey", "rows": len(unit.ikm), "rejected_rows": 0}


def csv_bytes(rows: list[list], delimiter: str = ",", encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def write_perempuan_surveys(unit: Unit, folder: Path) -> dict[str, dict]:
    """Three CSV exports with BOM: IKM with shouted labels, SPAK with six-point agreement labels, SPKP semicolon numbers 1-6."""
    rng = random.Random(23)
    files = {}
    ikm_rows = [["Cap waktu", "Jenis Kelamin"] + [f"{i}. {IKM_QUESTIONS[u][0]}" for i, u in enumerate(IKM_ORDER, start=1)] + ["Saran"]]
    for when, answers in zip(unit.ikm_dates, unit.ikm):
        ikm_rows.append([f"{when:%d/%m/%Y %H:%M:%S}", "Perempuan"] + [ikm_label(u, answers[int(u[1]) - 1], rng.choice(["shout", "number"])) for u in IKM_ORDER] + [""])
    name = "SKM Lapas Perempuan Malang 2026.csv"
    (folder / name).write_bytes(csv_bytes(ikm_rows))
    files[name] = {"kind": "survey", "rows": len(unit.ikm), "rejected_rows": 0}
    spak_rows = [["Cap waktu"] + SPAK_ITEMS]
    for when, answers in zip(unit.survey_dates, unit.spak):
        spak_rows.append([f"{when:%d/%m/%Y %H:%M:%S}"] + [AGREE_6[v - 1] for v in answers])
    name = "SPAK Lapas Perempuan Malang 2026.csv"
    (folder / name).write_bytes(csv_bytes(spak_rows))
    files[name] = {"kind": "survey", "rows": len(unit.spak), "rejected_rows": 0}
    spkp_rows = [["Cap waktu"] + [f"{item} (skala 1-6)" for item in SPKP_ITEMS]]
    for when, answers in zip(unit.survey_dates, unit.spkp):
        spkp_rows.append([f"{when:%d/%m/%Y %H:%M:%S}"] + answers)
    name = "SPKP Lapas Perempuan Malang 2026.csv"
    (folder / name).write_bytes(csv_bytes(spkp_rows, delimiter=";"))
    files[name] = {"kind": "survey", "rows": len(unit.spkp), "rejected_rows": 0}
    return files


def status_text(rng: random.Random, status: str) -> str:
    return rng.choice({"resolved": RESOLVED_WORDS, "open": OPEN_WORDS, "in_progress": PROGRESS_WORDS}[status])


def write_banyuwangi_complaints(unit: Unit, path: Path) -> dict:
    """Semicolon CSV in Windows-1252, dd/mm/yyyy dates, days to resolve with a decimal comma column absent."""
    rng = random.Random(31)
    rows = [[f"REGISTER PENGADUAN MASYARAKAT {unit.display.upper()}"], ["Periode November 2025 s.d. Oktober 2026"], [],
            ["No", "Tanggal Pengaduan", "Nama Pelapor", "Media Pengaduan", "Jenis Pengaduan", "Uraian", "Status", "Tanggal Selesai"]]
    for number, c in enumerate(unit.complaints, start=1):
        rows.append([number, f"{c['received']:%d/%m/%Y}", c["name"], rng.choice(CHANNELS[c["channel"]]), c["category"],
                     "Mohon penjelasan prosedur – terima kasih", status_text(rng, c["status"]), f"{c['done']:%d/%m/%Y}" if c["done"] else ""])
    rows.append([len(unit.complaints) + 1, "31/09/2026", "José", "WA", "Remisi", "Tanggal keliru", "Belum", ""])
    path.write_bytes(csv_bytes(rows, delimiter=";", encoding="cp1252"))
    return {"kind": "complaints", "rows": len(unit.complaints), "rejected_rows": 1}


def write_malang_complaints(unit: Unit, path: Path) -> dict:
    """xlsx with title block, Excel dates and text dates mixed, a JUMLAH row and a signature block."""
    rng = random.Random(32)
    book = new_book(path)
    sheet = book.add_worksheet("Register 2025-2026")
    datef = book.add_format({"num_format": "dd-mmm-yy"})
    bold = book.add_format({"bold": True, "border": 1})
    sheet.merge_range(0, 0, 0, 9, "BUKU REGISTER PENGADUAN", bold)
    sheet.merge_range(1, 0, 1, 9, unit.display.upper(), bold)
    header = ["No", "Tgl. Masuk", "Nama Pelapor", "No. HP", "Saluran", "Kategori", "Uraian Pengaduan", "Tindak Lanjut", "Status", "Lama Penyelesaian (hari)"]
    sheet.write_row(3, 0, header, bold)
    row = 4
    for number, c in enumerate(unit.complaints, start=1):
        sheet.write(row, 0, number)
        shape = rng.choice(["excel", "excel", "long", "iso"])
        if shape == "excel":
            sheet.write_datetime(row, 1, datetime.combine(c["received"], datetime.min.time()), datef)
        elif shape == "long":
            sheet.write(row, 1, f"{c['received'].day} {MONTHS[c['received'].month - 1]} {c['received'].year}")
        else:
            sheet.write(row, 1, c["received"].isoformat())
        sheet.write_row(row, 2, [c["name"], c["phone"], rng.choice(CHANNELS[c["channel"]]), c["category"], "Keluhan layanan",
                                 "Sudah dijawab" if c["done"] else "", status_text(rng, c["status"])])
        if c["done"]:
            sheet.write(row, 9, (c["done"] - c["received"]).days)
        row += 1
    sheet.write(row, 1, "JUMLAH")
    sheet.write(row, 0, "")
    sheet.write(row, 9, sum((c["done"] - c["received"]).days for c in unit.complaints if c["done"]))
    for offset, line in enumerate(signature(unit.city, unit.display, 10, OCTOBER), start=1):
        sheet.write_row(row + offset, 0, line)
    book.close()
    return {"kind": "complaints", "rows": len(unit.complaints), "rejected_rows": 0}


def write_perempuan_complaints(unit: Unit, path: Path) -> dict:
    """xlsx without title, ISO and long dates, received and completion dates, a hidden helper sheet."""
    rng = random.Random(33)
    book = new_book(path)
    sheet = book.add_worksheet("Pengaduan")
    datef = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["Tanggal Diterima", "Pelapor", "Kontak", "Media", "Topik", "Isi Pengaduan", "Status Tindak Lanjut", "Tanggal Selesai"])
    for r, c in enumerate(unit.complaints, start=1):
        sheet.write_datetime(r, 0, datetime.combine(c["received"], datetime.min.time()), datef)
        sheet.write_row(r, 1, [c["name"], c["phone"], rng.choice(CHANNELS[c["channel"]]), c["category"], "Mohon ditindaklanjuti",
                               status_text(rng, c["status"])])
        if c["done"]:
            sheet.write(r, 7, f"{c['done'].day} {MONTHS[c['done'].month - 1]} {c['done'].year}")
    lists = book.add_worksheet("daftar")
    lists.write_column(0, 0, ["SP4N-LAPOR!", "WhatsApp", "Kotak Pengaduan", "Langsung"])
    lists.hide()
    book.close()
    return {"kind": "complaints", "rows": len(unit.complaints), "rejected_rows": 0}


def write_kanwil_monitoring(path: Path) -> dict:
    """Kanwil-wide June snapshot: one sheet for every unit with spelling variants, a pivot recap and instructions."""
    rng = random.Random(41)
    spellings = {"lapas-banyuwangi": ["LAPAS BANYUWANGI", "Lapas Kls. IIA Banyuwangi", "Lapas Kelas IIA Banyuwangi"],
                 "lapas-malang": ["LAPAS KELAS I MALANG", "Lapas Malang", "Lembaga Pemasyarakatan Kelas I Malang"],
                 "lapas-perempuan-malang": ["LAPAS PEREMPUAN MALANG", "Lapas Perempuan Kelas IIA Malang"]}
    book = new_book(path)
    info = book.add_worksheet("Petunjuk")
    info.write_column(0, 0, ["PETUNJUK PENGISIAN", "1. Isi progres setiap kegiatan dalam persen (0-100).",
                             "2. Jangan mengubah nama kolom.", "3. Kirim ke Kanwil paling lambat tanggal 5 setiap bulan."])
    sheet = book.add_worksheet("Monitoring")
    bold = book.add_format({"bold": True})
    sheet.write(0, 0, "MONITORING PROGRES RENCANA AKSI ZI UPT PEMASYARAKATAN", bold)
    sheet.write(1, 0, "KANWIL JAWA TIMUR — Posisi 30 Juni 2026")
    sheet.write_row(3, 0, ["No", "Satuan Kerja", "Area Perubahan", "Kegiatan", "PIC", "Progres"], bold)
    row, total = 4, 0
    for unit in UNITS:
        for act in unit.activities:
            if act.get("rejected"):
                continue
            sheet.write_row(row, 0, [row - 3, rng.choice(spellings[unit.key]), AREAS[act["area"]][2], act["activity"], act["pic"],
                                     f"{act['june']}%" if rng.random() < 0.5 else act["june"] / 100])
            row += 1
            total += 1
    recap = book.add_worksheet("Rekap")
    recap.write_row(0, 0, ["Satuan Kerja"] + [AREAS[a][2] for a in AREAS] + ["Rata-rata"], bold)
    for r, unit in enumerate(UNITS, start=1):
        values = [statistics.fmean(a["june"] for a in unit.activities if a["area"] == area) for area in AREAS]
        recap.write(r, 0, unit.display)
        for c, value in enumerate(values, start=1):
            recap.write_formula(r, c, f"=AVERAGEIFS(Monitoring!F:F,Monitoring!C:C,\"{AREAS[list(AREAS)[c - 1]][2]}\")", None, value)
        recap.write_formula(r, 7, f"=AVERAGE(B{r + 1}:G{r + 1})", None, statistics.fmean(values))
    book.close()
    return {"kind": "action_plan", "rows": total, "rejected_rows": 0}


# ---------------------------------------------------------------- the rest of the Kanwil: two years of monthly updates

@dataclass
class Peer(Unit):
    """A UPT the Kanwil follows through its monthly monitoring; its surveys, complaints and LKE come as files of its own."""
    maturity: float = 60.0
    bias: float = 0.8
    lke_quality: float | None = None  # share of LKE questions answered at their best option; None: no LKE yet
    held: str | None = None  # the predicate it already holds
    capaian: float | None = None  # capaian kinerja points (of 5) its Pokja entered in the settings
    decree: tuple[int, str] | None = None  # the year and decree of the predicate it holds


PEERS = [
    Peer("lapas-surabaya", "Lapas Kelas I Surabaya", "Sidoarjo", "Lapas Surabaya", maturity=85, bias=0.98, lke_quality=0.62, held="WBK",
         decree=(2023, "KEP/112/M.PANRB/12/2023")),
    Peer("rutan-surabaya", "Rutan Kelas I Surabaya", "Sidoarjo", "Rutan Surabaya", maturity=80, bias=0.96, lke_quality=0.42, held="WBK",
         decree=(2025, "KEP/1031/M.PANRB/12/2025")),
    Peer("lpka-blitar", "LPKA Kelas I Blitar", "Blitar", "LPKA Blitar", maturity=72, bias=0.86, lke_quality=0.3),
    Peer("lapas-narkotika-pamekasan", "Lapas Narkotika Kelas IIA Pamekasan", "Pamekasan", "Lapas Narkotika Pamekasan", maturity=62, bias=0.8, capaian=4.0),
    Peer("lapas-madiun", "Lapas Kelas I Madiun", "Madiun", "Lapas Madiun", maturity=50, bias=0.76),
    Peer("rutan-trenggalek", "Rutan Kelas IIB Trenggalek", "Trenggalek", "Rutan Trenggalek", maturity=45, bias=0.72),
    Peer("bapas-kediri", "Bapas Kelas II Kediri", "Kediri", "Bapas Kediri", maturity=66, bias=0.84, capaian=4.5),
    Peer("bapas-jember", "Bapas Kelas II Jember", "Jember", "Bapas Jember", maturity=40, bias=0.7),
]
STORY_START = date(2025, 1, 1)
MONITORED = {2025: range(1, 13), 2026: range(1, 11)}  # the months each year's monitoring workbook holds
REGULATION = OUT.parent / "zi_analytics" / "rules" / "regulations" / "permenpanrb_90_2021.toml"


def monthly_progress(rng: random.Random, final: int, last_month: int) -> list[int]:
    """Month 1..12 progress of one activity that reaches `final` at `last_month` and stays there: the
    step-wise climb of a monthly report (multiples of 5, never down)."""
    start = rng.randint(1, max(1, last_month - 1))
    steps = []
    for month in range(1, 13):
        share = min(1.0, max(0.0, (month - start + 1) / (last_month - start + 1)))
        steps.append(round(final * share / 5) * 5)
    return steps


def make_plan(rng: random.Random, year: int, maturity: float, reported_until: int) -> list[dict]:
    """A year's activities with the progress reported each month up to `reported_until`."""
    rows = []
    for area, names in ACTIVITIES.items():
        for name in names:
            target, target_text = make_target(rng, year)
            final = min(100, max(0, round(rng.gauss(maturity, 22) / 5) * 5))
            if rng.random() < 0.3:
                final = 100
            rows.append({"area": area, "activity": name, "pic": rng.choice(PICS), "target": target, "target_text": target_text,
                         "monthly": monthly_progress(rng, final, rng.randint(reported_until - 3, reported_until))})
    for row in rows:
        row["october"] = row["monthly"][9]
    return rows


def build_story() -> None:
    """The 2025 plans of every unit, and the 2026 plans, surveys and complaints of the peers."""
    rng = random.Random(2025)
    for unit in [*UNITS, *PEERS]:
        maturity = unit.maturity if isinstance(unit, Peer) else 70.0
        unit_plans = {2025: make_plan(rng, 2025, min(95, maturity + 15), 12)}
        if isinstance(unit, Peer):
            unit_plans[2026] = make_plan(rng, 2026, maturity, 10)
            unit.plans = unit_plans
            unit.activities = unit_plans[2026]
            count = rng.randint(60, 90)
            unit.ikm = make_answers(rng, count, 9, 4, unit.bias)
            unit.ikm_dates = spread_dates(rng, count, STORY_START, OCTOBER)
            unit.spak = make_answers(rng, count, 5, 4, unit.bias)
            unit.spkp = make_answers(rng, count, 8, 4, unit.bias)
            unit.survey_dates = spread_dates(rng, count, STORY_START, OCTOBER)
            unit.complaints = make_complaints(rng, rng.randint(15, 45))
        else:
            unit.plans = {2025: unit_plans[2025]}  # their 2026 plans are their own files above


def write_monthly_monitoring(units: list[Unit], year: int, path: Path) -> dict:
    """One sheet per month, every unit's activities in rows: how a Kanwil collects the monthly progress."""
    book = new_book(path)
    bold = book.add_format({"bold": True})
    datef = book.add_format({"num_format": "d mmmm yyyy"})
    rows = 0
    for month in MONITORED[year]:
        sheet = book.add_worksheet(f"{MONTHS[month - 1][:3]} {year}")
        day = month_end(year, month)
        sheet.write(0, 0, "MONITORING BULANAN RENCANA AKSI ZONA INTEGRITAS UPT PEMASYARAKATAN", bold)
        sheet.write(1, 0, f"KANWIL JAWA TIMUR TAHUN {year}")
        sheet.write(2, 0, f"Posisi {day.day} {MONTHS[month - 1]} {year}")
        sheet.write_row(4, 0, ["No", "Satuan Kerja", "Area Perubahan", "Rencana Aksi", "Penanggung Jawab", "Target Waktu", "Progres (%)"], bold)
        row = 5
        for unit in units:
            for act in unit.plans[year]:
                sheet.write_row(row, 0, [row - 4, unit.display, AREAS[act["area"]][2], act["activity"], act["pic"]])
                target = act["target_text"]
                if isinstance(target, date):
                    sheet.write_datetime(row, 5, datetime.combine(target, datetime.min.time()), datef)
                else:
                    sheet.write(row, 5, target)
                sheet.write_number(row, 6, act["monthly"][month - 1])
                row += 1
        rows += row - 5
        sheet.set_column(1, 1, 34)
        sheet.set_column(3, 3, 44)
    book.close()
    return {"kind": "action_plan", "rows": rows, "rejected_rows": 0, "units": sorted(u.key for u in units)}


def write_peer_surveys(unit: Peer, path: Path) -> dict:
    """A Google Forms workbook per survey sheet, answered through two years: a semester's figures come from its dates."""
    rng = random.Random(len(unit.key) * 7 + 50)
    book = new_book(path)
    stamp = book.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
    ikm = book.add_worksheet("IKM")
    ikm.write_row(0, 0, ["Timestamp", "Jenis Layanan"] + [IKM_QUESTIONS[u][0] for u in IKM_ORDER])
    for r, (when, answers) in enumerate(zip(unit.ikm_dates, unit.ikm), start=1):
        ikm.write_datetime(r, 0, when, stamp)
        ikm.write(r, 1, rng.choice(PROFILE[3][1]))
        ikm.write_row(r, 2, [ikm_label(u, answers[int(u[1]) - 1], "plain") for u in IKM_ORDER])
    for name, items, answers, labels in (("SPAK", SPAK_ITEMS, unit.spak, AGREE_4), ("SPKP", SPKP_ITEMS, unit.spkp, QUALITY_4)):
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, ["Timestamp"] + items)
        for r, (when, row) in enumerate(zip(unit.survey_dates, answers), start=1):
            sheet.write_datetime(r, 0, when, stamp)
            sheet.write_row(r, 1, [labels[v - 1] for v in row])
    book.close()
    return {"kind": "survey", "rows": len(unit.ikm) + len(unit.spak) + len(unit.spkp), "rejected_rows": 0, "units": [unit.key]}


def write_peer_complaints(unit: Peer, path: Path) -> dict:
    """A plain register: one header row, Excel dates, a completion date for what was resolved."""
    rng = random.Random(len(unit.key) * 11 + 60)
    book = new_book(path)
    sheet = book.add_worksheet("Register")
    datef = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, ["No", "Tanggal Pengaduan", "Media Pengaduan", "Kategori", "Status", "Tanggal Selesai"])
    for r, c in enumerate(unit.complaints, start=1):
        sheet.write(r, 0, r)
        sheet.write_datetime(r, 1, datetime.combine(c["received"], datetime.min.time()), datef)
        sheet.write_row(r, 2, [rng.choice(CHANNELS[c["channel"]]), c["category"], status_text(rng, c["status"])])
        if c["done"]:
            sheet.write_datetime(r, 5, datetime.combine(c["done"], datetime.min.time()), datef)
    book.close()
    return {"kind": "complaints", "rows": len(unit.complaints), "rejected_rows": 0, "units": [unit.key]}


LKE_HEADER = ["", "", "", "", "", "KOMPONEN / SUB KOMPONEN / INDIKATOR", "BOBOT", "PILIHAN JAWABAN", "JAWABAN", "NILAI", "EVIDEN"]
LKE_OPTIONS = {"Y": ("Ya/Tidak", ["Ya", "Tidak"], [1.0, 0.0]), "3": ("A/B/C", ["A", "B", "C"], [1.0, 0.5, 0.0]),
               "4": ("A/B/C/D", ["A", "B", "C", "D"], [1.0, 0.67, 0.33, 0.0]),
               "5": ("A/B/C/D/E", ["A", "B", "C", "D", "E"], [1.0, 0.75, 0.5, 0.25, 0.0])}


def lke_answer(rng: random.Random, kind: str, quality: float) -> tuple[str, float]:
    """An answer at its best option with probability `quality`, else one or two options lower; and its value."""
    if kind == "%":
        pct = 100 if rng.random() < quality else rng.choice([60, 75, 80, 90])
        return f"{pct}%", pct / 100
    _, options, values = LKE_OPTIONS[kind]
    index = 0 if rng.random() < quality else min(len(options) - 1, rng.choice([1, 1, 2]))
    return options[index], values[index]


def write_lke(unit: Peer, path: Path) -> dict:
    """The self-assessment in the published layout (codes over columns A–E), scored here from the regulation's
    weights so the expected total does not come from the package."""
    rules = tomllib.loads(REGULATION.read_text(encoding="utf-8"))
    rng = random.Random(len(unit.key) * 13 + 70)
    quality = unit.lke_quality or 0.0
    rows: list[list] = [["LEMBAR KERJA EVALUASI ZONA INTEGRITAS MENUJU WBK/WBBM"], [unit.display.upper()], ["TAHUN 2026"], [],
                        LKE_HEADER, ["A", "", "", "", "", "KOMPONEN PENGUNGKIT", rules["pengungkit"]["max"]]]
    pengungkit = 0.0
    areas: dict[str, float] = {}
    for roman, section in (("I", "pemenuhan"), ("II", "reform")):
        rows.append(["", roman, "", "", "", section.upper(), rules["pengungkit"]["max"] / 2])
        for number, area in enumerate(AREAS, start=1):
            rows.append(["", "", str(number), "", "", AREAS[area][1], rules["pengungkit"][section][area]])
            group = next(g for g in rules["sub_indicators"] if g["section"] == section and g["area"] == area)
            for s_index, sub in enumerate(group["items"]):
                rows.append(["", "", "", ["i", "ii", "iii", "iv", "v", "vi"][s_index], "", sub["label"], sub["weight"]])
                values = []
                for q_index, kind in enumerate(sub["answers"]):
                    text, value = lke_answer(rng, kind, quality)
                    values.append(value)
                    rows.append(["", "", "", "", "abcdefgh"[q_index], f"Pertanyaan {q_index + 1} {sub['label']}", "",
                                 "%" if kind == "%" else LKE_OPTIONS[kind][0], text, "", "ada"])
                points = sub["weight"] * statistics.fmean(values)
                pengungkit += points
                areas[area] = areas.get(area, 0.0) + points
    ipak = survey_expected(unit.spak, 4)["index_4"]
    ipkp = survey_expected(unit.spkp, 4)["index_4"]
    capaian = 100 if quality > 0.8 else 80
    hasil_max = rules["hasil"]
    rows += [["B", "", "", "", "", "HASIL", hasil_max["max"]],
             ["", "I", "", "", "", "BIROKRASI YANG BERSIH DAN AKUNTABEL", hasil_max["bersih_akuntabel"]],
             ["", "", "1", "", "", "Nilai Survei Persepsi Korupsi (Survei Eksternal)", hasil_max["ipak"]],
             ["", "", "", "i", "", "Indeks Persepsi Anti Korupsi", "", "Indeks 0-4", round(ipak, 2)],
             ["", "", "2", "", "", "Capaian Kinerja Lebih Baik dibanding Capaian Kinerja Sebelumnya", hasil_max["capaian_kinerja"]],
             ["", "", "", "i", "", "Persentase capaian kinerja", "", "%", f"{capaian}%"],
             ["", "II", "", "", "", "PELAYANAN PUBLIK YANG PRIMA", hasil_max["pelayanan_prima"]],
             ["", "", "1", "", "", "Nilai Persepsi Kualitas Pelayanan (Survei Eksternal)", hasil_max["ipkp"]],
             ["", "", "", "i", "", "Indeks Persepsi Kualitas Pelayanan", "", "Indeks 0-4", round(ipkp, 2)]]
    hasil = (min(hasil_max["ipak"], round(ipak, 2) / 4 * hasil_max["ipak"]) + capaian / 100 * hasil_max["capaian_kinerja"]
             + min(hasil_max["ipkp"], round(ipkp, 2) / 4 * hasil_max["ipkp"]))
    book = new_book(path)
    sheet = book.add_worksheet("LKE")
    for r, line in enumerate(rows):
        sheet.write_row(r, 0, line)
    sheet.set_column(5, 5, 60)
    book.close()
    unit.lke_expected = {"pengungkit": pengungkit, "hasil": hasil, "total": pengungkit + hasil}
    return {"kind": "lke", "rows": len(rows) - rows.index(LKE_HEADER) - 1, "rejected_rows": 0, "units": [unit.key]}  # every row under the header


INNOVATIONS = {
    "manajemen_perubahan": ["Apel integritas mingguan", "Duta Zona Integritas", "Agen perubahan bulan ini", "Pojok Zona Integritas"],
    "penataan_tatalaksana": ["Anjungan informasi SDP mandiri", "E-office surat menyurat", "SOP layanan dalam video singkat"],
    "penataan_sdm": ["Absensi pengenalan wajah", "Kelas inspirasi pegawai", "Coaching clinic petugas"],
    "akuntabilitas_kinerja": ["Dasbor capaian kinerja", "Rapat evaluasi kinerja bulanan terbuka"],
    "penguatan_pengawasan": ["Whistle blowing system daring", "Pojok gratifikasi", "Tiket pengaduan terlacak", "Survei integritas internal"],
    "pelayanan_publik": ["Kunjungan online (video call)", "Layanan titip barang daring", "Ruang tunggu ramah anak",
                         "Integrasi PB/CB tanpa biaya", "Layanan informasi WhatsApp 24 jam"],
}
INNOVATION_STATUS = {"berjalan": ["Berjalan", "Sudah berjalan", "Aktif"], "uji_coba": ["Uji coba", "Ujicoba"], "ide": ["Ide", "Rencana"],
                     "dihentikan": ["Dihentikan", "Tidak aktif"]}


def make_innovations(rng: random.Random, unit: Unit, maturity: float) -> list[dict]:
    """A unit's innovations: the more mature the unit, the more of them and the more that run."""
    rows = []
    for area, names in INNOVATIONS.items():
        for name in names:
            if rng.random() > maturity / 130:
                continue
            roll = rng.random() * 100
            status = "berjalan" if roll < maturity - 10 else "uji_coba" if roll < maturity + 10 else "ide" if roll < 95 else "dihentikan"
            year = rng.randint(2019, 2026)
            rows.append({"name": name, "area": area, "status": status, "year": year,
                         "day": date(year, rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.4 else None,
                         "link": f"https://{unit.key}.contoh.go.id/inovasi/{len(rows) + 1}" if status != "ide" else ""})
    return rows


def write_unit_innovations(unit: Unit, rows: list[dict], path: Path) -> dict:
    """A unit's own list: a title naming it, an area column, a launch day or only a year, links."""
    rng = random.Random(len(unit.key) * 17 + 80)
    book = new_book(path)
    sheet = book.add_worksheet("Inovasi")
    datef = book.add_format({"num_format": "dd/mm/yyyy"})
    bold = book.add_format({"bold": True})
    sheet.write(0, 0, "DAFTAR INOVASI ZONA INTEGRITAS", bold)
    sheet.write(1, 0, unit.display.upper(), bold)
    sheet.write_row(3, 0, ["No", "Nama Inovasi", "Area Perubahan", "Tahun Peluncuran", "Status", "Tautan Bukti", "Inovator"], bold)
    for r, item in enumerate(rows, start=4):
        sheet.write_row(r, 0, [r - 3, item["name"], AREAS[item["area"]][2]])
        if item["day"]:
            sheet.write_datetime(r, 3, datetime.combine(item["day"], datetime.min.time()), datef)
        else:
            sheet.write_number(r, 3, item["year"])
        sheet.write_row(r, 4, [rng.choice(INNOVATION_STATUS[item["status"]]), item["link"], rng.choice(PICS)])
    sheet.set_column(1, 1, 40)
    book.close()
    return {"kind": "innovation", "rows": len(rows), "rejected_rows": 0, "units": [unit.key]}


def write_kanwil_innovations(units: list[Unit], lists: dict[str, list[dict]], path: Path) -> dict:
    """The Kanwil's recap of the units that send no list of their own: a Satuan Kerja column, area headings absent."""
    rng = random.Random(90)
    book = new_book(path)
    sheet = book.add_worksheet("Rekap Inovasi")
    bold = book.add_format({"bold": True})
    sheet.write(0, 0, "REKAP INOVASI UPT PEMASYARAKATAN KANWIL JAWA TIMUR", bold)
    sheet.write_row(2, 0, ["No", "Satuan Kerja", "Inovasi", "Area", "Tahun", "Keterangan Status", "Link"], bold)
    row = 3
    for unit in units:
        for item in lists[unit.key]:
            sheet.write_row(row, 0, [row - 2, unit.display, item["name"], AREAS[item["area"]][2], item["year"],
                                     rng.choice(INNOVATION_STATUS[item["status"]]), item["link"]])
            row += 1
    book.close()
    return {"kind": "innovation", "rows": row - 3, "rejected_rows": 0, "units": sorted(u.key for u in units)}


def innovations_expected(rows: list[dict]) -> dict:
    per_area: dict[str, int] = {}
    per_status: dict[str, int] = {}
    for item in rows:
        per_area[item["area"]] = per_area.get(item["area"], 0) + 1
        per_status[item["status"]] = per_status.get(item["status"], 0) + 1
    return {"total": len(rows), "per_area": per_area, "per_status": per_status}


def write_settings(path: Path) -> None:
    """What the sample units' Pokja entered by hand (seeded with the files): the Halinar and document
    preconditions of the holders, capaian kinerja where no LKE gives it."""
    units: dict[str, dict] = {}
    for peer in PEERS:
        if peer.held:  # the predicate itself is in the Kanwil's list (write_predicates)
            units[peer.key] = {"preconditions": {"halinar_free": True, "documents_complete": True}}
        if peer.capaian is not None:
            units.setdefault(peer.key, {})["capaian_kinerja"] = peer.capaian
    path.write_text(json.dumps({"units": units}, indent=2) + "\n", encoding="utf-8")


def write_predicates(path: Path) -> dict:
    """The Kanwil's list of the predicates its units hold: a title block, a unit column, the decree."""
    book = new_book(path)
    sheet = book.add_worksheet("Predikat ZI")
    bold = book.add_format({"bold": True})
    sheet.write(0, 0, "DAFTAR SATUAN KERJA PENERIMA PREDIKAT ZONA INTEGRITAS", bold)
    sheet.write(1, 0, "KANWIL DITJENPAS JAWA TIMUR", bold)
    sheet.write_row(3, 0, ["No", "Satuan Kerja", "Predikat", "Tahun", "Nomor Keputusan MenPAN-RB"], bold)
    holders = [p for p in PEERS if p.held and p.decree]
    for number, peer in enumerate(holders, start=1):
        year, decree = peer.decree
        sheet.write_row(3 + number, 0, [number, peer.display, peer.held, year, decree])
    book.close()
    return {"kind": "predicate", "rows": len(holders), "rejected_rows": 0, "units": sorted(p.key for p in holders)}


VISITS = [  # studi tiru visits the sample's Pokja recorded: visitor, host, day, areas, what it adopts
    ("lapas-banyuwangi", "lapas-surabaya", date(2025, 11, 10), ["penguatan_pengawasan"], "Whistle blowing system daring"),
    ("lapas-madiun", "lapas-surabaya", date(2026, 3, 12), ["penguatan_pengawasan", "pelayanan_publik"],
     "Tiket pengaduan terlacak dan kunjungan online (video call)"),
    ("rutan-trenggalek", "rutan-surabaya", date(2026, 5, 20), ["manajemen_perubahan", "penataan_sdm"],
     "Apel integritas mingguan; coaching clinic petugas"),
    ("bapas-jember", "bapas-kediri", date(2026, 8, 4), ["pelayanan_publik"], "Layanan informasi WhatsApp 24 jam"),
]


def write_visits(path: Path) -> None:
    rows = [{"visitor": v, "host": h, "date": d.isoformat(), "areas": a, "adopted": t} for v, h, d, a, t in VISITS]
    path.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- main

def main() -> None:
    build_clean()
    banyuwangi, malang, perempuan = UNITS
    # Banyuwangi's plan has one activity left blank (not started: 0 with a warning)
    banyuwangi.activities[7]["october"] = 0
    banyuwangi.activities[7]["june"] = 0
    banyuwangi.activities[7]["blank"] = True
    for old in OUT.glob("*/"):
        for item in old.glob("*"):
            item.unlink()
        old.rmdir()
    for old in OUT.glob("*.xlsx"):
        old.unlink()
    files: dict[str, dict] = {}
    for unit in UNITS:
        (OUT / unit.folder).mkdir()
    b, m, p = (OUT / u.folder for u in UNITS)
    files[f"{b.name}/Rencana Aksi ZI {banyuwangi.display} 2026.xlsx"] = write_banyuwangi_plan(banyuwangi, b / f"Rencana Aksi ZI {banyuwangi.display} 2026.xlsx")
    files[f"{b.name}/Survei IKM SPAK SPKP 2026.xlsx"] = write_banyuwangi_surveys(banyuwangi, b / "Survei IKM SPAK SPKP 2026.xlsx")
    files[f"{b.name}/register_pengaduan_2025-2026.csv"] = write_banyuwangi_complaints(banyuwangi, b / "register_pengaduan_2025-2026.csv")
    files[f"{m.name}/RA ZI LAPAS MALANG OKT 2026.xls"] = write_malang_plan(malang, m / "RA ZI LAPAS MALANG OKT 2026.xls")
    files[f"{m.name}/Survei Gabungan IKM-SPAK-SPKP.xlsx"] = write_malang_survey(malang, m / "Survei Gabungan IKM-SPAK-SPKP.xlsx")
    files[f"{m.name}/Register Pengaduan Lapas Malang.xlsx"] = write_malang_complaints(malang, m / "Register Pengaduan Lapas Malang.xlsx")
    files[f"{p.name}/Rencana Kerja ZI Oktober 2026.ods"] = write_perempuan_plan(perempuan, p / "Rencana Kerja ZI Oktober 2026.ods")
    files.update({f"{p.name}/{k}": v for k, v in write_perempuan_surveys(perempuan, p).items()})
    files[f"{p.name}/Pengaduan Lapas Perempuan Malang 2025-2026.xlsx"] = write_perempuan_complaints(perempuan, p / "Pengaduan Lapas Perempuan Malang 2025-2026.xlsx")
    for unit, folder in zip(UNITS, (b, m, p)):
        for name, entry in files.items():
            if name.startswith(f"{folder.name}/"):
                entry["units"] = [unit.key]
    files["Monitoring_ZI_Kanwil_Jatim.xlsx"] = write_kanwil_monitoring(OUT / "Monitoring_ZI_Kanwil_Jatim.xlsx")
    files["Monitoring_ZI_Kanwil_Jatim.xlsx"]["units"] = sorted(u.key for u in UNITS)
    build_story()
    for peer in PEERS:
        folder = OUT / peer.folder
        folder.mkdir()
        files[f"{folder.name}/Survei IKM SPAK SPKP {peer.folder} 2025-2026.xlsx"] = write_peer_surveys(
            peer, folder / f"Survei IKM SPAK SPKP {peer.folder} 2025-2026.xlsx")
        files[f"{folder.name}/Register Pengaduan {peer.folder}.xlsx"] = write_peer_complaints(peer, folder / f"Register Pengaduan {peer.folder}.xlsx")
        if peer.lke_quality is not None:
            files[f"{folder.name}/LKE ZI {peer.folder} 2026.xlsx"] = write_lke(peer, folder / f"LKE ZI {peer.folder} 2026.xlsx")
    innovation_rng = random.Random(2027)
    innovations = {u.key: make_innovations(innovation_rng, u, u.maturity if isinstance(u, Peer) else 65.0) for u in [*UNITS, *PEERS]}
    own_lists = [u for u in [*UNITS, *PEERS] if u.key in ("lapas-surabaya", "rutan-surabaya", "lapas-banyuwangi", "lpka-blitar")]
    for unit in own_lists:
        name = f"{unit.folder}/Daftar Inovasi {unit.folder}.xlsx"
        files[name] = write_unit_innovations(unit, innovations[unit.key], OUT / name)
    files["Daftar Predikat ZI Kanwil Jatim.xlsx"] = write_predicates(OUT / "Daftar Predikat ZI Kanwil Jatim.xlsx")
    files["Rekap Inovasi UPT Kanwil Jatim.xlsx"] = write_kanwil_innovations(
        [u for u in [*UNITS, *PEERS] if u not in own_lists], innovations, OUT / "Rekap Inovasi UPT Kanwil Jatim.xlsx")
    for year, members in ((2025, [*UNITS, *PEERS]), (2026, PEERS)):
        name = f"Monitoring Bulanan ZI Kanwil Jatim {year}.xlsx"
        files[name] = write_monthly_monitoring(members, year, OUT / name)
    units = [{"unit": u.display, "key": u.key, "action_plan": action_plan_expected(u),
              "surveys": {"ikm": ikm_expected(u.ikm), "ipak": survey_expected(u.spak, 6 if u.key in ("lapas-malang", "lapas-perempuan-malang") else 4),
                          "ipkp": survey_expected(u.spkp, 6 if u.key == "lapas-perempuan-malang" else 4)},
              "complaints": complaints_expected(u.complaints)} for u in [*UNITS, *PEERS]]
    for entry, unit in zip(units, [*UNITS, *PEERS]):
        entry["innovations"] = innovations_expected(innovations[unit.key])
        if unit.lke_expected:
            entry["lke"] = unit.lke_expected
        if isinstance(unit, Peer) and unit.held:
            entry["held"] = unit.held
    write_settings(OUT / "settings.json")
    write_visits(OUT / "visits.json")
    expected = {"as_of": AS_OF.isoformat(), "files": files, "units": units}
    (OUT / "expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(files)} files and expected.json written to {OUT}")


if __name__ == "__main__":
    main()
