"""A Kanwil's worth of real .xlsx files for the benchmark, written once and cached on disk.

Unit i is the same whatever the bundle size (its random seed is its index), so the N/4 and N/2
measurements read a subset of the files written for N, and a larger run only adds folders.
Each unit gets what a Pokja really sends: twelve monthly action-plan files (title block, heading rows
or an area column, progress as 75% / 0.75 / Selesai, a signature block), one survey workbook exported
from Google Forms (IKM with answer labels, a combined SPAK+SPKP form), and a complaint register.
The three layouts rotate between units so every cleaning path is exercised at scale.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "sample_data"))

from generate import (  # noqa: E402  (the sample generator's vocabulary: one list of real spellings)
    ACTIVITIES,
    AGREE_4,
    AREAS,
    CATEGORIES,
    CHANNELS,
    IKM_ORDER,
    IKM_QUESTIONS,
    MONTHS,
    NAMES,
    PICS,
    PROFILE,
    QUALITY_4,
    SPAK_ITEMS,
    SPKP_ITEMS,
    SUGGESTIONS,
    ikm_label,
    make_target,
    month_end,
    progress_text,
    signature,
    status_text,
)

BUNDLE_VERSION = 1
CACHE = ROOT / "benchmarks" / ".cache" / f"bundle-v{BUNDLE_VERSION}"
YEAR = 2026


@dataclass(frozen=True)
class Size:
    """What one unit holds; the issue's defaults."""

    activities: int = 150
    snapshots: int = 12
    ikm: int = 3000
    spak_spkp: int = 2000
    complaints: int = 1500


CITIES = ["Surabaya", "Malang", "Madiun", "Kediri", "Blitar", "Jember", "Banyuwangi", "Bojonegoro", "Tuban", "Lamongan",
          "Gresik", "Sidoarjo", "Mojokerto", "Jombang", "Nganjuk", "Ngawi", "Magetan", "Ponorogo", "Pacitan", "Trenggalek",
          "Tulungagung", "Lumajang", "Probolinggo", "Pasuruan", "Situbondo", "Bondowoso", "Pamekasan", "Sumenep", "Sampang",
          "Bangkalan", "Batu", "Kraksaan", "Bangil", "Porong", "Kepanjen", "Caruban", "Genteng", "Ambulu", "Kangean", "Sapeken"]
TYPES = ["Lapas Kelas IIA", "Rutan Kelas IIB", "Lapas Narkotika Kelas IIA", "Lapas Perempuan Kelas IIA", "LPKA Kelas I",
         "Lapas Terbuka Kelas IIB", "Lapas Kelas IIB", "Rutan Kelas I"]


# Beyond the first 240 units (six types of UPT whose names stay apart in 40 cities: "Lapas Kelas IIA" and "IIB" of one
# city are one unit), a national bundle takes its cities from this list, so every unit is a UPT of its own.
MORE_CITIES = ["Medan", "Binjai", "Pematangsiantar", "Tebing Tinggi", "Sibolga", "Padang", "Bukittinggi", "Payakumbuh",
               "Solok", "Pekanbaru", "Dumai", "Bengkalis", "Batam", "Tanjungpinang", "Jambi", "Muara Bungo", "Palembang",
               "Lubuklinggau", "Prabumulih", "Bengkulu", "Bandar Lampung", "Metro", "Kotabumi", "Pangkalpinang",
               "Serang", "Tangerang", "Cilegon", "Bandung", "Bogor", "Bekasi", "Karawang", "Purwakarta", "Cirebon",
               "Garut", "Tasikmalaya", "Sukabumi", "Semarang", "Pekalongan", "Tegal", "Purwokerto", "Cilacap", "Kudus",
               "Pati", "Magelang", "Klaten", "Wonosobo", "Yogyakarta", "Wonosari", "Sleman", "Denpasar", "Singaraja",
               "Tabanan", "Karangasem", "Mataram", "Selong", "Sumbawa Besar", "Kupang", "Atambua", "Ende", "Pontianak",
               "Singkawang", "Ketapang", "Palangkaraya", "Sampit", "Banjarmasin", "Martapura", "Samarinda", "Balikpapan",
               "Tarakan", "Manado", "Bitung", "Gorontalo", "Palu", "Mamuju", "Makassar", "Parepare", "Watampone",
               "Kendari", "Baubau", "Ambon", "Ternate", "Jayapura", "Merauke", "Manokwari", "Sorong"]
DISTINCT_TYPES = 6  # the first six of TYPES give distinct unit keys in one city


def unit_name(index: int) -> str:
    """A distinct UPT for any index below 240 + 6 × len(MORE_CITIES): 40 cities per type for the first six
    types, then the further cities."""
    base = len(CITIES) * DISTINCT_TYPES
    if index < base:
        return f"{TYPES[index // len(CITIES)]} {CITIES[index % len(CITIES)]}"
    rest = index - base
    kind = TYPES[rest // len(MORE_CITIES) % DISTINCT_TYPES]
    city = MORE_CITIES[rest % len(MORE_CITIES)]
    suffix = f" {rest // (len(MORE_CITIES) * DISTINCT_TYPES) + 2}" if rest >= len(MORE_CITIES) * DISTINCT_TYPES else ""
    return f"{kind} {city}{suffix}"


def unit_folder(index: int) -> Path:
    return CACHE / f"{index:04d} {unit_name(index)}"


def ensure_bundle(units: int, size: Size = Size(), quiet: bool = False) -> list[Path]:
    """The folders of units 0..units-1, writing any that are missing; returns them in order."""
    folders = []
    for index in range(units):
        folder = unit_folder(index)
        if not (folder / ".complete").exists():
            if not quiet:
                print(f"  menulis data unit {index + 1}/{units}: {unit_name(index)}", file=sys.stderr)
            write_unit(index, folder, size)
        folders.append(folder)
    return folders


def write_unit(index: int, folder: Path, size: Size) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(index)
    name = unit_name(index)
    layout = index % 3
    activities = _activities(rng, size)
    for month in range(1, size.snapshots + 1):
        path = folder / f"Rencana Aksi ZI {name} {MONTHS[month - 1]} {YEAR}.xlsx"
        _write_plan(path, rng, name, activities, month, size.snapshots, layout)
    _write_surveys(folder / f"Survei IKM SPAK SPKP {name} {YEAR}.xlsx", rng, name, size, layout)
    _write_complaints(folder / f"Register Pengaduan {name} {YEAR}.xlsx", rng, name, size.complaints, layout)
    (folder / ".complete").write_text("ok\n")


def _book(path: Path) -> xlsxwriter.Workbook:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    book.set_properties({"created": datetime(YEAR, 11, 1, 8, 0), "author": "Tim Pokja ZI"})
    return book


def _activities(rng: random.Random, size: Size) -> list[dict]:
    areas = list(AREAS)
    rows = []
    for number in range(size.activities):
        area = areas[number * len(areas) // size.activities]
        names = ACTIVITIES[area]
        target, text = make_target(rng)
        final = min(100, max(0, round(rng.gauss(72, 25) / 5) * 5))
        rows.append({"area": area, "activity": f"{names[number % len(names)]} ({number + 1})", "pic": rng.choice(PICS),
                     "target_text": text, "final": final, "start": rng.randint(1, 9)})
    return rows


def _progress(activity: dict, month: int, months: int) -> int:
    """Progress that only grows through the year, reaching the activity's final value in the last month."""
    if month < activity["start"]:
        return 0
    share = (month - activity["start"] + 1) / (months - activity["start"] + 1)
    return min(100, round(activity["final"] * share / 5) * 5)


def _write_plan(path: Path, rng: random.Random, name: str, activities: list[dict], month: int, months: int,
                layout: int) -> None:
    as_of = month_end(YEAR, month)
    book = _book(path)
    sheet = book.add_worksheet("Renaksi ZI" if layout != 1 else "RA ZI")
    bold = book.add_format({"bold": True, "align": "center", "border": 1})
    pct = book.add_format({"num_format": "0%"})
    datef = book.add_format({"num_format": "d mmmm yyyy"})
    sheet.merge_range(0, 0, 0, 7, "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS MENUJU WBK", bold)
    sheet.merge_range(1, 0, 1, 7, name.upper(), bold)
    sheet.write(2, 0, f"Posisi {as_of.day} {MONTHS[month - 1]} {YEAR}" if layout != 1 else f"Keadaan s.d. {MONTHS[month - 1]} {YEAR}")
    if layout == 1:
        header = ["No", "Area Perubahan", "Uraian Kegiatan", "PIC", "Target Waktu", "Capaian", "Eviden", "Ket."]
    else:
        header = ["No", "Rencana Aksi / Kegiatan", "Penanggung Jawab", "Target Waktu", "Tanggal Selesai", "Progres (%)", "Data Dukung", "Keterangan"]
    sheet.write_row(4, 0, header, bold)
    row, current = 5, None
    for number, activity in enumerate(activities, start=1):
        value = _progress(activity, month, months)
        area = activity["area"]
        if layout != 1 and area != current:
            roman, heading, short = AREAS[area]
            sheet.write_row(row, 0, [f"{roman}.", heading] if layout == 0 else [f"{list(AREAS).index(area) + 1}.", short])
            row += 1
            current = area
        target = activity["target_text"]
        target_cell = datetime.combine(target, datetime.min.time()) if isinstance(target, date) else target
        style = rng.choice(["pct", "word", "mixed", "number", "fraction"])
        if layout == 1:
            sheet.write_row(row, 0, [number, AREAS[area][2], activity["activity"], activity["pic"]])
            _target(sheet, row, 4, target_cell, datef)
            sheet.write(row, 5, value / 100 if style in ("pct", "fraction") else progress_text(value, style))
            sheet.write(row, 6, "ada" if value else "")
        else:
            sheet.write_row(row, 0, [number, activity["activity"], activity["pic"]])
            _target(sheet, row, 3, target_cell, datef)
            if style == "pct":
                sheet.write_number(row, 5, value / 100, pct)
            else:
                sheet.write(row, 5, value / 100 if style == "fraction" else progress_text(value, style))
            sheet.write(row, 6, "SK, foto, notulen" if value else "")
        row += 1
    for offset, line in enumerate(signature(name.split(" ")[-1], name, 8, as_of), start=1):
        sheet.write_row(row + offset, 0, line)
    book.close()


def _target(sheet, row: int, col: int, value, datef) -> None:
    if isinstance(value, datetime):
        sheet.write_datetime(row, col, value, datef)
    else:
        sheet.write(row, col, value)


def _stamps(rng: random.Random, count: int) -> list[datetime]:
    start = datetime(YEAR, 1, 5, 8)
    span = (datetime(YEAR, 10, 30, 16) - start).total_seconds()
    return sorted(start + timedelta(seconds=rng.random() * span) for _ in range(count))


def _answer(rng: random.Random, scale: int, bias: float) -> int:
    return min(scale, max(1, round(rng.gauss(bias * scale, 0.8))))


def _write_surveys(path: Path, rng: random.Random, name: str, size: Size, layout: int) -> None:
    """Google Forms exports: an IKM sheet of answer labels, and one SPAK+SPKP form (labels or numbers 1-6)."""
    book = _book(path)
    stamp = book.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
    bias = 0.7 + rng.random() * 0.2
    ikm = book.add_worksheet("IKM")
    ikm.write_row(0, 0, ["Timestamp"] + [p for p, _ in PROFILE] + [IKM_QUESTIONS[u][0] for u in IKM_ORDER] + ["Saran dan masukan"])
    for r, when in enumerate(_stamps(rng, size.ikm), start=1):
        _stamp(ikm, r, when, stamp, layout)
        ikm.write_row(r, 1, [rng.choice(options) for _, options in PROFILE])
        style = rng.choice(["plain", "number", "letter", "shout"])
        ikm.write_row(r, 1 + len(PROFILE), [ikm_label(u, _answer(rng, 4, bias), style) for u in IKM_ORDER])
        if rng.random() < 0.2:
            ikm.write(r, 1 + len(PROFILE) + len(IKM_ORDER), rng.choice(SUGGESTIONS))
    form = book.add_worksheet("SPAK dan SPKP")
    six = layout == 2
    spak_head = [f"[SPAK] {item}" + (" (1-6)" if six else "") for item in SPAK_ITEMS]
    form.write_row(0, 0, ["Timestamp", "Jenis Layanan"] + spak_head + [f"[SPKP] {item}" for item in SPKP_ITEMS])
    for r, when in enumerate(_stamps(rng, size.spak_spkp), start=1):
        _stamp(form, r, when, stamp, layout)
        form.write(r, 1, rng.choice(PROFILE[3][1]))
        spak = [_answer(rng, 6 if six else 4, bias) for _ in SPAK_ITEMS]
        spkp = [_answer(rng, 4, bias) for _ in SPKP_ITEMS]
        form.write_row(r, 2, spak if six else [AGREE_4[v - 1] for v in spak])
        form.write_row(r, 2 + len(SPAK_ITEMS), [QUALITY_4[v - 1] for v in spkp] if layout != 1 else spkp)
    book.close()


def _stamp(sheet, row: int, when: datetime, fmt, layout: int) -> None:
    if layout == 2:  # a CSV round trip through Excel leaves text timestamps
        sheet.write(row, 0, f"{when:%d/%m/%Y %H:%M:%S}")
    else:
        sheet.write_datetime(row, 0, when, fmt)


def _write_complaints(path: Path, rng: random.Random, name: str, count: int, layout: int) -> None:
    """A register with a title block, mixed date shapes, status words, names and phone numbers."""
    book = _book(path)
    sheet = book.add_worksheet(f"Register {YEAR}")
    datef = book.add_format({"num_format": "dd-mmm-yy"})
    bold = book.add_format({"bold": True, "border": 1})
    sheet.merge_range(0, 0, 0, 9, "BUKU REGISTER PENGADUAN", bold)
    sheet.merge_range(1, 0, 1, 9, name.upper(), bold)
    sheet.write(2, 0, f"Periode Januari s.d. Oktober {YEAR}")
    header = ["No", "Tgl. Masuk", "Nama Pelapor", "No. HP", "Saluran", "Kategori", "Uraian Pengaduan", "Tindak Lanjut",
              "Status", "Tanggal Selesai"]
    sheet.write_row(4, 0, header, bold)
    received_days = sorted(rng.randint(0, 300) for _ in range(count))
    row = 5
    for number, day in enumerate(received_days, start=1):
        received = date(YEAR, 1, 1) + timedelta(days=day)
        roll = rng.random()
        status = "resolved" if roll < 0.75 else "in_progress" if roll < 0.9 else "open"
        done = received + timedelta(days=rng.choice([1, 2, 3, 3, 4, 5, 7, 10, 14, 21])) if status == "resolved" else None
        sheet.write(row, 0, number)
        shape = rng.choice(["excel", "excel", "long", "slash"] if layout != 1 else ["excel", "iso"])
        if shape == "excel":
            sheet.write_datetime(row, 1, datetime.combine(received, datetime.min.time()), datef)
        elif shape == "long":
            sheet.write(row, 1, f"{received.day} {MONTHS[received.month - 1]} {received.year}")
        elif shape == "slash":
            sheet.write(row, 1, f"{received:%d/%m/%Y}")
        else:
            sheet.write(row, 1, received.isoformat())
        channel = rng.choice(list(CHANNELS))
        sheet.write_row(row, 2, [rng.choice(NAMES), f"08{rng.randint(11, 99)}{rng.randint(10_000_000, 99_999_999)}",
                                 rng.choice(CHANNELS[channel]), rng.choice(CATEGORIES), "Keluhan layanan kunjungan",
                                 "Sudah dijawab" if done else "", status_text(rng, status)])
        if done:
            sheet.write_datetime(row, 9, datetime.combine(done, datetime.min.time()), datef)
        row += 1
    for offset, line in enumerate(signature(name.split(" ")[-1], name, 10, date(YEAR, 10, 31)), start=1):
        sheet.write_row(row + offset, 0, line)
    book.close()


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    print("\n".join(str(p) for p in ensure_bundle(count)))
