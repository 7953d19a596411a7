"""Layout variations: one clean data set per kind, written in hundreds of layouts that must all read the same.

Independent of ``zi_analytics`` (never imported here). The expected figures come from the clean Python
values below, computed by the hand functions of tests/support/corpus.py (docs/CONVENTIONS.md); the header and
value wordings come from tests/support/variation_words.toml, written apart from the package's synonym data.

    variants(kind, seed, count)   -> descriptors (dicts of layout features), reproducible from the seed
    write_variant(descriptor, folder) -> the written file
    expected(descriptor)          -> the figures every layout of that kind must give

Kinds: ``action_plan``, ``survey`` (IKM / SPAK / SPKP, one per file, one per sheet, or all in one sheet),
``complaints``, ``innovation`` (a unit's list of its innovations: name, change area as a column or as heading
rows, launch as a day, a month or a year, status ide / uji coba / berjalan / dihentikan) and ``predicate`` (a
Kanwil's list of the units holding WBK / WBBM: unit, predicate, year, decree). The unit is always Lapas Kelas
IIA Tabanan (key ``lapas-tabanan``): it is written in the title block when there is one, in a unit column when
the layout has one, and always in the file name (noise goes around the unit's words, never inside them), so a
person can always tell whose file it is. A ``predicate`` list is the Kanwil's (Bali): the Kanwil is in its
title block when there is one and always in its file name; each row names its unit (a unit column or a unit
heading row above the unit's predicates).
"""

from __future__ import annotations

import csv
import io
import json
import random
import sys
import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for support.corpus
from support.corpus import (AREAS, AS_OF, BULAN, CHANNELS, HARI, action_plan_figures, complaint_figures,  # noqa: E402
                    ikm_figures, perception_figures)

WORDS: dict[str, Any] = tomllib.loads(Path(__file__).with_name("variation_words.toml").read_text("utf-8"))
KINDS = ("action_plan", "survey", "complaints", "innovation", "predicate")
UNIT_KEY = "lapas-tabanan"
BULAN_PENDEK = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
FORMATS = {"xlsx": ".xlsx", "xlsx_openpyxl": ".xlsx", "xls": ".xls", "ods": ".ods", "csv": ".csv"}

# ====================================================================================================
# Clean data
# ====================================================================================================

# (area, activity, pic, output, target date or None = recurring, progress 0-100). No target falls in
# November 2026 (the month of AS_OF), so a target written as a month ("Okt 2026" = 31 Oct) is overdue
# exactly when the day is; progress never takes the value 1 (which as a number would mean 100 %).
PLAN = [
    ("manajemen_perubahan", "Pembentukan Tim Kerja Pembangunan ZI melalui SK Kalapas", "Kalapas", "SK Tim Kerja", date(2026, 1, 20), 100),
    ("manajemen_perubahan", "Penyusunan rencana kerja pembangunan ZI tahun 2026", "Ketua Tim ZI", "Dokumen rencana kerja", date(2026, 2, 27), 100),
    ("manajemen_perubahan", "Penetapan agen perubahan dan role model", "Kasubag TU", "SK Agen Perubahan", date(2026, 3, 16), 100),
    ("manajemen_perubahan", "Sosialisasi pembangunan ZI kepada seluruh pegawai", "Tim Pokja MP", "Notulen dan foto", date(2026, 4, 30), 75),
    ("manajemen_perubahan", "Monitoring dan evaluasi pembangunan ZI secara berkala", "Ketua Tim ZI", "Laporan monev", None, 60),
    ("manajemen_perubahan", "Publikasi kegiatan ZI melalui media sosial", "Operator Humas", "Unggahan media sosial", date(2026, 12, 15), 50),
    ("penataan_tatalaksana", "Reviu SOP layanan kunjungan dan penitipan barang", "Kasi Binadik", "SOP hasil reviu", date(2026, 5, 29), 100),
    ("penataan_tatalaksana", "Penyusunan peta proses bisnis", "Kasubag TU", "Peta proses bisnis", date(2026, 6, 30), 80),
    ("penataan_tatalaksana", "Penerapan aplikasi antrean kunjungan online", "Kasubsi Registrasi", "Aplikasi antrean", date(2026, 8, 14), 65),
    ("penataan_tatalaksana", "Digitalisasi arsip register WBP", "Kasubsi Registrasi", "Arsip digital", date(2026, 12, 18), 25),
    ("penataan_tatalaksana", "Keterbukaan informasi publik melalui website", "Operator Website", "Laman informasi publik", date(2026, 10, 9), 90),
    ("penataan_sdm", "Analisis beban kerja pegawai", "Kaur Kepegawaian", "Dokumen ABK", date(2026, 3, 31), 100),
    ("penataan_sdm", "Penyusunan pola mutasi internal", "Kaur Kepegawaian", "SK pola mutasi", date(2026, 7, 17), 40),
    ("penataan_sdm", "Pengembangan kompetensi pegawai melalui diklat dan bimtek", "Kasubag TU", "Sertifikat diklat", date(2026, 9, 25), 70),
    ("penataan_sdm", "Penetapan pegawai teladan", "Kaur Kepegawaian", "SK pegawai teladan", None, 50),
    ("penataan_sdm", "Penegakan disiplin pegawai", "KPLP", "Rekap absensi", date(2026, 12, 31), 0),
    ("akuntabilitas_kinerja", "Penyusunan Perjanjian Kinerja seluruh pegawai", "Kaur Umum", "Dokumen PK", date(2026, 1, 30), 100),
    ("akuntabilitas_kinerja", "Penyusunan laporan kinerja triwulanan", "Kaur Umum", "Laporan kinerja", date(2026, 10, 16), 75),
    ("akuntabilitas_kinerja", "Evaluasi capaian kinerja bersama pimpinan", "Kalapas", "Notulen evaluasi", date(2026, 12, 11), 30),
    ("akuntabilitas_kinerja", "Penyusunan Rencana Kinerja Tahunan 2027", "Kasubag TU", "Dokumen RKT", date(2026, 12, 23), 0),
    ("penguatan_pengawasan", "Pembentukan UPG dan sosialisasi pengendalian gratifikasi", "KPLP", "SK UPG", date(2026, 2, 13), 100),
    ("penguatan_pengawasan", "Penerapan SPIP", "Kasubag TU", "Dokumen SPIP", date(2026, 8, 31), 85),
    ("penguatan_pengawasan", "Penanganan pengaduan masyarakat melalui SP4N LAPOR", "Kasi Adm Kamtib", "Rekap pengaduan", None, 80),
    ("penguatan_pengawasan", "Penerapan whistle blowing system", "KPLP", "Kanal WBS", date(2026, 9, 11), 0),
    ("penguatan_pengawasan", "Penanganan benturan kepentingan", "KPLP", "SK tim benturan kepentingan", date(2026, 12, 4), 20),
    ("pelayanan_publik", "Penetapan standar pelayanan dan maklumat pelayanan", "Kasi Binadik", "Maklumat pelayanan", date(2026, 3, 6), 100),
    ("pelayanan_publik", "Survei kepuasan masyarakat setiap triwulan", "Tim Pokja PP", "Laporan SKM", date(2026, 12, 31), 75),
    ("pelayanan_publik", "Inovasi layanan kunjungan terjadwal", "Kasi Binadik", "Aplikasi jadwal kunjungan", date(2026, 10, 30), 90),
    ("pelayanan_publik", "Pembangunan ruang layanan terpadu (PTSP)", "Kasubag TU", "Ruang PTSP", date(2026, 7, 31), 100),
    ("pelayanan_publik", "Pelatihan budaya pelayanan prima", "Kasi Binadik", "Daftar hadir pelatihan", date(2026, 12, 9), 10),
]
PLAN_ACTS = [{"area": a, "progress": float(p), "target": t} for a, _, _, _, t, p in PLAN]


def _survey_data() -> list[dict[str, Any]]:
    """30 respondents, each answering IKM (U1..U9, 1-4), SPAK (5 items, 1-6) and SPKP (8 items, 1-4)."""
    rng = random.Random(20261114)
    values = WORDS["survey"]["values"]
    people = []
    for i in range(30):
        stamp = datetime(2026, 1, 6, 8, 15) + timedelta(days=9 * i + rng.randint(0, 3), minutes=rng.randint(0, 480), seconds=rng.randint(0, 59))
        people.append({
            "stamp": stamp,
            "ikm": [rng.choices([1, 2, 3, 4], weights=[1, 3, 9, 7])[0] for _ in range(9)],
            "spak": [rng.choices([1, 2, 3, 4, 5, 6], weights=[1, 1, 2, 4, 8, 7])[0] for _ in range(5)],
            "spkp": [rng.choices([1, 2, 3, 4], weights=[1, 2, 8, 6])[0] for _ in range(8)],
            "gender": values["gender"][i % 2], "age": 19 + (i * 7) % 45, "education": values["education"][i % 6],
            "job": values["job"][i % 7], "service": values["service"][i % 5], "email": f"pengunjung{i + 1:02d}@gmail.com",
            "name": f"Responden {i + 1}", "saran": values["saran"][i % 6] if i % 3 else "",
        })
    # every SPAK label occurs (the 6-point set is then evident from the words) and the top of each scale
    people[0]["spak"] = [1, 2, 3, 4, 6]
    people[1]["spkp"][0] = 4
    people[2]["ikm"][0] = 4
    return people


SURVEY = _survey_data()
assert all(p["stamp"].date() <= AS_OF for p in SURVEY)


def _complaint_data() -> list[dict[str, Any]]:
    rng = random.Random(20261113)
    items = []
    for i in range(30):
        received = date(2026, 1, 5) + timedelta(days=int(i * 290 / 30) + rng.randint(0, 6))
        channel = CHANNELS[i % len(CHANNELS)] if i < len(CHANNELS) else rng.choice(CHANNELS)
        status = rng.choices(["resolved", "open", "in_progress", "rejected"], weights=[6, 2, 2, 1])[0]
        days = rng.randint(1, 14) if status == "resolved" else None
        items.append({"received": received, "channel": channel, "status": status, "days": days})
    items[9]["status"], items[9]["days"] = "rejected", None
    items.append({"received": AS_OF, "channel": "whatsapp", "status": "open", "days": None})  # on the day: counted
    items.append({"received": date(2026, 11, 20), "channel": "sp4n_lapor", "status": "in_progress", "days": None})  # after: left out
    return items


COMPLAINTS = _complaint_data()

# (area, name, launch, status, description, evidence link, PIC). A launch is ("day", date), ("month", (year,
# month)), ("year", year) or None (an idea not launched yet).
INNOVATIONS = [
    ("manajemen_perubahan", "Apel Integritas Mingguan", ("year", 2022), "berjalan",
     "Pembacaan pakta integritas dan janji kinerja setiap Senin", "https://bit.ly/apel-integritas-tabanan", "Ketua Tim ZI"),
    ("penataan_tatalaksana", "SIKUNING - Sistem Informasi Kunjungan Online", ("day", date(2023, 8, 14)), "berjalan",
     "Pendaftaran kunjungan keluarga WBP lewat formulir daring", "https://lapastabanan.id/sikuning", "Kasi Binadik"),
    ("penataan_tatalaksana", "E-Register WBP", ("month", (2025, 7)), "uji_coba",
     "Register WBP dicatat dalam aplikasi, tanpa buku", "", "Kasubsi Registrasi"),
    ("penataan_sdm", "Absensi Wajah Pegawai", ("day", date(2024, 2, 5)), "berjalan",
     "Presensi pegawai dengan pengenalan wajah", "https://bit.ly/absensi-wajah-tbn", "Kaur Kepegawaian"),
    ("akuntabilitas_kinerja", "Dasbor Capaian Kinerja Bulanan", None, "ide",
     "Capaian kinerja tiap seksi ditampilkan di ruang rapat", "", "Kasubag TU"),
    ("penguatan_pengawasan", "Kotak Gratifikasi Digital", ("year", 2021), "dihentikan",
     "Pelaporan gratifikasi lewat kode QR", "https://bit.ly/gratifikasi-tbn", "KPLP"),
    ("penguatan_pengawasan", "Tiket Pengaduan Terlacak", ("month", (2026, 3)), "uji_coba",
     "Setiap pengaduan mendapat nomor tiket yang dapat dilacak", "https://lapastabanan.id/tiket", "Kasi Adm Kamtib"),
    ("pelayanan_publik", "LATTE - Layanan Titip Barang Tanpa Antre", ("day", date(2024, 10, 1)), "berjalan",
     "Titipan barang didaftarkan lewat WhatsApp sebelum datang", "https://lapastabanan.id/latte", "Kasi Binadik"),
    ("pelayanan_publik", "Video Call Keluarga WBP", ("year", 2020), "berjalan",
     "Kunjungan keluarga lewat panggilan video terjadwal", "https://bit.ly/vicall-tbn", "Kasi Binadik"),
]
INNOVATION_STATUSES = ["ide", "uji_coba", "berjalan", "dihentikan"]

# Predicates held by the units of Kanwil Bali: (unit key, predicate, year). One decree per year lists every unit
# given a predicate that year: (its number, its day). No number looks like a year.
PREDICATES = [
    ("lapas-tabanan", "WBK", 2021), ("lapas-tabanan", "WBBM", 2024),
    ("rutan-negara", "WBK", 2022),
    ("lapas-singaraja", "WBK", 2023),
    ("lpka-karangasem", "WBK", 2023), ("lpka-karangasem", "WBBM", 2025),
    ("bapas-denpasar", "WBK", 2024),
    ("lapas-kerobokan", "WBK", 2025),
    ("rutan-bangli", "WBK", 2025),
    ("lapas-narkotika-bangli", "WBK", 2022),
]
DECREES = {2021: (1389, date(2021, 12, 9)), 2022: (1447, date(2022, 12, 7)), 2023: (1612, date(2023, 12, 12)),
           2024: (1203, date(2024, 12, 11)), 2025: (1031, date(2025, 12, 10))}
DECREE_STYLES = ["kep_slash", "b_slash", "sk_tahun", "keputusan_long"]


def decree_text(year: int, style: str, index: int) -> str:
    """The decree of `year` written in a style ("mixed": the style of the row's index)."""
    if style == "mixed":
        style = DECREE_STYLES[index % len(DECREE_STYLES)]
    n = DECREES[year][0]
    return {"kep_slash": f"KEP/{n}/M.PANRB/12/{year}", "b_slash": f"B/{n}/M.RB.06/{year}",
            "sk_tahun": f"SK MenPANRB No. {n} Tahun {year}",
            "keputusan_long": f"Keputusan Menteri PANRB Nomor {n} Tahun {year}"}[style]


def innovation_figures(year_only: bool) -> dict[str, Any]:
    """The innovations of lapas-tabanan as read: counts per status and per area, and each one by its name with
    its area, status and launch. `launched` is the day ("2023-08-14"), the month ("2025-07": any day of it) or
    None (a year only, or no launch); `launched_year` the year or None. `year_only`: every launch written as
    its year."""
    rows = {}
    for area, name, launch, status, *_ in INNOVATIONS:
        launched, year = None, None
        if launch is not None:
            precision, value = launch
            year = value.year if precision == "day" else value[0] if precision == "month" else value
            if not year_only and precision == "day":
                launched = value.isoformat()
            elif not year_only and precision == "month":
                launched = f"{value[0]}-{value[1]:02d}"
        rows[name] = {"area": area, "status": status, "launched": launched, "launched_year": year}
    return {
        "count": len(INNOVATIONS),
        "per_status": {s: n for s in INNOVATION_STATUSES if (n := sum(1 for i in INNOVATIONS if i[3] == s))},
        "per_area": {a: n for a in AREAS if (n := sum(1 for i in INNOVATIONS if i[0] == a))},
        "rows": rows,
    }


def predicate_figures(decree_style: str | None) -> dict[str, list[list[Any]]]:
    """Per unit its records [predicate, year, decree] sorted; the decree "" when the list has no decree column."""
    out: dict[str, list[list[Any]]] = {}
    for i, (key, predicate, year) in enumerate(PREDICATES):
        out.setdefault(key, []).append([predicate, year, decree_text(year, decree_style, i) if decree_style else ""])
    return {k: sorted(v) for k, v in out.items()}

EXPECTED = {
    "action_plan": action_plan_figures(PLAN_ACTS, AS_OF),
    "ikm": ikm_figures([{f"U{k + 1}": v for k, v in enumerate(p["ikm"])} for p in SURVEY]),
    "ipak": perception_figures([p["spak"] for p in SURVEY], WORDS["survey"]["spak"]["scale"]),
    "ipkp": perception_figures([p["spkp"] for p in SURVEY], WORDS["survey"]["spkp"]["scale"]),
    "complaints": complaint_figures(COMPLAINTS, AS_OF),
}


def expected(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The figures of unit lapas-tabanan that this variant must give (only the parts its kind fills); for a
    list of predicates, the records of every unit in it."""
    kind = descriptor["kind"]
    if kind == "action_plan":
        return {"action_plan": EXPECTED["action_plan"]}
    if kind == "complaints":
        return {"complaints": EXPECTED["complaints"]}
    if kind == "innovation":
        return {"innovations": innovation_figures(descriptor["launch_mode"] == "year_only")}
    if kind == "predicate":
        return {"predicates": predicate_figures(descriptor["decree_style"] if "decree" in descriptor["columns"] else None)}
    present = set(descriptor["surveys"])
    return {"surveys": {"ikm": EXPECTED["ikm"] if "ikm" in present else None,
                        "ipak": EXPECTED["ipak"] if "spak" in present else None,
                        "ipkp": EXPECTED["ipkp"] if "spkp" in present else None}}


# ====================================================================================================
# Descriptors
# ====================================================================================================

def variants(kind: str, seed: int = 0, count: int = 300) -> Iterator[dict[str, Any]]:
    """`count` distinct descriptors of `kind`; the same seed gives the same descriptors."""
    if kind not in KINDS:
        raise ValueError(kind)
    seen: set[str] = set()
    i = 0
    made = 0
    while made < count:
        ident = f"{kind}:{seed}:{i}"
        i += 1
        rng = random.Random(ident)
        d = {"id": ident, "kind": kind}
        d.update(_common(kind, rng))
        {"action_plan": _plan_features, "survey": _survey_features, "complaints": _complaint_features,
         "innovation": _innovation_features, "predicate": _predicate_features}[kind](d, rng)
        d["file_name"] = _file_name(d, rng)
        key = layout_key(d)
        if key in seen:
            continue
        seen.add(key)
        made += 1
        yield d


def layout_key(d: dict[str, Any]) -> str:
    """The descriptor without its id: two variants with the same key have the same layout."""
    return json.dumps({k: v for k, v in d.items() if k != "id"}, sort_keys=True, default=str)


def _pick(rng: random.Random, seq: list[Any]) -> Any:
    return seq[rng.randrange(len(seq))]


def _chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def _common(kind: str, rng: random.Random) -> dict[str, Any]:
    fmt = rng.choices(list(FORMATS), weights=[30, 10, 15, 15, 30])[0]
    csv_dialect = None
    if fmt == "csv":
        csv_dialect = {"delimiter": _pick(rng, [",", ";", "\t"]), "encoding": _pick(rng, ["utf-8", "utf-8-sig", "cp1252"]),
                       "quoting": _pick(rng, ["minimal", "all"]), "newline": _pick(rng, ["\r\n", "\n"])}
    spread = fmt != "csv"
    return {
        "format": fmt,
        "csv": csv_dialect,
        "title_rows": rng.randint(0, 6),
        "title_merged": spread and _chance(rng, 0.5),
        "unit_name": _pick(rng, WORDS["unit"]["names"]),
        "unit_column": _chance(rng, 0.2),
        "start_col": rng.choices([0, 1, 2], weights=[6, 3, 1])[0],
        "header_case": rng.choices(["as_is", "upper"], weights=[3, 1])[0],
        "header_breaks": _chance(rng, 0.2),
        "column_order": rng.choices(["canonical", "swapped", "shuffled"], weights=[3, 3, 4])[0],
        "numbering_row": rng.choices(["none", "paren", "plain"], weights=[5, 3, 2])[0],
        "two_row_header": _chance(rng, 0.35),
        "legend": rng.choices(["none", "beside", "below"], weights=[5, 2, 2])[0],
        "example_row": _chance(rng, 0.2),
        "hidden_sheet": rng.choices(["none", "lists", "calc"], weights=[6, 2, 2])[0] if spread else "none",
        "instructions_sheet": spread and _chance(rng, 0.2),
        "footer": rng.choices(["none", "total", "signature", "both"], weights=[3, 2, 2, 2])[0],
        "date_num_format": _pick(rng, ["dd/mm/yyyy", "d mmmm yyyy", "dd-mmm-yy", "yyyy-mm-dd", "d/m/yyyy"]),
        "sheet_name": None,
    }


def _order(d: dict[str, Any], rng: random.Random, canonical: list[str]) -> list[str]:
    cols = list(canonical)
    if d["column_order"] == "swapped":
        for _ in range(2):
            i, j = rng.sample(range(len(cols)), 2)
            cols[i], cols[j] = cols[j], cols[i]
    elif d["column_order"] == "shuffled":
        rng.shuffle(cols)
    return cols


def _header_text(d: dict[str, Any], rng: random.Random, text: str) -> str:
    if d["header_case"] == "upper":
        text = text.upper()
    if d["header_breaks"] and " " in text and _chance(rng, 0.6):
        spaces = [i for i, ch in enumerate(text) if ch == " "]
        at = _pick(rng, spaces)
        text = text[:at] + "\n" + text[at + 1:]
    return text


def _groups(d: dict[str, Any], rng: random.Random, cols: list[str], defs: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """Two-row headers: up to two parent groups over present children, made adjacent in the order."""
    if not d["two_row_header"]:
        return cols, []
    usable = [g for g in defs if all(c in cols for c in g["children"])]
    rng.shuffle(usable)
    chosen: list[dict[str, Any]] = []
    taken: set[str] = set()
    for g in usable[:2]:
        if taken & set(g["children"]):
            continue
        taken |= set(g["children"])
        chosen.append(g)
    groups = []
    for g in chosen:
        first = min(cols.index(c) for c in g["children"])
        rest = [c for c in cols if c not in g["children"]]
        at = len([c for c in cols[:first] if c not in g["children"]])
        cols = rest[:at] + list(g["children"]) + rest[at:]
        words = {c: _header_text(d, rng, _pick(rng, g["words"][c])) for c in g["children"]}
        groups.append({"parent": _header_text(d, rng, _pick(rng, g["parents"])), "children": list(g["children"]), "words": words})
    return cols, groups


def _title(d: dict[str, Any], rng: random.Random, tw: dict[str, Any], extra: list[str] | None = None,
           height: int | None = None) -> list[str]:
    """`height` lines (default `title_rows`): the unit always among them, the period when there is room, blanks
    to fill. `extra` lines (a stated scale) are always written: as their own line, or after the first line."""
    h = d["title_rows"] if height is None else height
    if h == 0:
        return []
    unit = d["unit_name"]
    fill = {"unit": unit, "UNIT": unit.upper(), "year": 2026}
    if h == 1 or _chance(rng, 0.4):
        required = [_pick(rng, tw["with_unit"]).format(**fill)]
    else:
        required = [_pick(rng, tw["main"]), unit.upper() if _chance(rng, 0.7) else unit]
    optional = list(extra or []) + [_pick(rng, tw["period"])]
    if _chance(rng, 0.3):
        optional.append(_pick(rng, WORDS["unit"]["kanwil"]))
    room = h - len(required)
    lines = required + optional[:room]
    if extra and room <= 0:
        lines += extra  # no room left: the block grows by the line it needs
    kanwil = [x for x in lines if x in WORDS["unit"]["kanwil"]]
    if kanwil:
        lines.remove(kanwil[0])
        lines.insert(0, kanwil[0])
    while len(lines) < h:
        lines.append("")
    return lines


def _file_name(d: dict[str, Any], rng: random.Random) -> str:
    kind = d["kind"]
    if kind == "survey":
        base_key = d["surveys"][0] if len(d["surveys"]) == 1 else "combined"
    else:
        base_key = kind
    base = _pick(rng, WORDS["file_bases"][base_key])
    unit = _pick(rng, WORDS["predicate"]["kanwil"]["file_names"] if kind == "predicate" else WORDS["unit"]["file_names"])
    sep = _pick(rng, [" ", "_", " - "])
    core = f"{base}{sep}{unit}" if _chance(rng, 0.7) else f"{unit}{sep}{base}"
    before = _pick(rng, WORDS["file_noise"]["before"]) if _chance(rng, 0.25) else ""
    after = _pick(rng, WORDS["file_noise"]["after"]) if _chance(rng, 0.6) else ""
    d["file_noise"] = (before.strip() or "-") + " | " + (after.strip() or "-")
    return f"{before}{core}{after}{FORMATS[d['format']]}"


# ---------------------------------------------------------------------------------------------- action plan

PLAN_CANONICAL = ["no", "unit", "area", "activity", "output", "pic", "budget", "target", "progress", "evidence", "note"]
PROGRESS_STYLES = ["number", "text_number", "pct_text", "pct_space", "pct_cell", "fraction", "pct_decimal_comma", "mixed"]
PLAN_DATE_STYLES = ["typed", "dmy_slash", "dmy_dash", "long", "short", "month", "month_short", "iso", "dmy_2digit", "mixed"]


def _plan_features(d: dict[str, Any], rng: random.Random) -> None:
    w = WORDS["action_plan"]
    csv_file = d["format"] == "csv"
    d["sheet_name"] = _pick(rng, WORDS["sheet_names"]["action_plan"])
    d["area_mode"] = rng.choices(["column", "headings", "combined"], weights=[4, 4, 2])[0]
    fields = ["activity", "target", "progress"]
    fields += [f for f, p in (("no", 0.8), ("pic", 0.8), ("output", 0.4), ("evidence", 0.5), ("note", 0.4), ("budget", 0.15)) if _chance(rng, p)]
    if d["area_mode"] == "column":
        fields.append("area")
    if d["unit_column"]:
        fields.append("unit")
    cols = _order(d, rng, [c for c in PLAN_CANONICAL if c in fields])
    cols, groups = _groups(d, rng, cols, w["groups"])
    d["columns"] = cols
    d["groups"] = groups
    grouped = {c: g["words"][c] for g in groups for c in g["children"]}
    headers = {}
    for c in cols:
        if c in grouped:
            headers[c] = grouped[c]
        elif c == "activity" and d["area_mode"] == "combined":
            headers[c] = _header_text(d, rng, _pick(rng, w["headers"]["combined"]))
        else:
            headers[c] = _header_text(d, rng, _pick(rng, w["headers"][c]))
    d["headers"] = headers
    if d["area_mode"] == "column":
        d["area_fill"] = _pick(rng, ["every_row", "first_only"] + ([] if csv_file else ["merged"]))
        d["heading_format"] = _pick(rng, ["none", "none", "roman_dot"])
    else:
        d["area_fill"] = None
        formats = ["roman_dot", "roman_split", "letter", "arabic", "plain"] + ([] if csv_file else ["merged"])
        fmt = _pick(rng, formats)
        if fmt == "roman_split" and "no" not in cols:
            fmt = "roman_dot"
        d["heading_format"] = fmt
    d["heading_case"] = _pick(rng, ["upper", "title"])
    d["area_words"] = {a: _pick(rng, w["areas"][a]) for a in AREAS}
    d["no_style"] = _pick(rng, ["global", "per_area", "dotted"]) if "no" in cols else None
    d["activity_prefix"] = _pick(rng, ["none", "none", "arabic", "letter", "dash"])
    d["subheadings"] = _chance(rng, 0.25)
    styles = [s for s in PROGRESS_STYLES if not (csv_file and s == "pct_cell")]
    d["progress_style"] = _pick(rng, styles)
    d["done_word"] = _pick(rng, w["words"]["done"]) if _chance(rng, 0.4) else None
    zero = ["same", "same", "word", "blank"]
    d["zero_style"] = _pick(rng, zero)
    d["zero_word"] = _pick(rng, w["words"]["zero"]) if d["zero_style"] == "word" else None
    d["date_style"] = _pick(rng, [s for s in PLAN_DATE_STYLES if not (csv_file and s == "typed")])
    d["recurring_word"] = _pick(rng, w["words"]["recurring"])
    d["title"] = _title(d, rng, w["title"])
    if d["title"] and _chance(rng, 0.3) and all("TAHUN" not in t.upper() for t in d["title"]) and "" in d["title"]:
        d["title"][d["title"].index("")] = _pick(rng, w["title"]["year"])


# ---------------------------------------------------------------------------------------------- survey

SURVEY_MODES = ["ikm", "spak", "spkp", "sheets", "one_sheet"]
PROFILE = ["gender", "age", "education", "job", "service", "email", "name"]
IKM_QUESTION_STYLES = ["full", "short", "short_alt", "code_u", "code_unsur", "code_p", "code_named"]
PERCEPTION_QUESTION_STYLES = ["full", "short", "code_p", "code_q"]
IKM_ANSWER_STYLES = ["number", "text_number", "label", "label_upper", "label_title", "num_prefix", "letter_prefix", "mixed"]
PERCEPTION_ANSWER_STYLES = ["number", "text_number", "label", "num_prefix", "mixed"]
QUESTION_COUNT = {"ikm": 9, "spak": 5, "spkp": 8}


def _survey_features(d: dict[str, Any], rng: random.Random) -> None:
    sw = WORDS["survey"]
    mode = rng.choices(SURVEY_MODES, weights=[4, 3, 3, 2, 2] if d["format"] != "csv" else [4, 3, 3, 0, 2])[0]
    d["survey_mode"] = mode
    d["surveys"] = ["ikm", "spak", "spkp"] if mode in ("sheets", "one_sheet") else [mode]
    d["ikm_question_style"] = _pick(rng, IKM_QUESTION_STYLES)
    d["perception_question_style"] = _pick(rng, PERCEPTION_QUESTION_STYLES)
    d["ikm_answer_style"] = _pick(rng, IKM_ANSWER_STYLES)
    d["perception_answer_style"] = _pick(rng, PERCEPTION_ANSWER_STYLES)
    d["spkp_labels"] = _pick(rng, ["labels", "labels_alt", "labels_kurang"])
    d["timestamp"] = _pick(rng, ["typed", "text_dmy", "text_iso", "date_only", "none"] if d["format"] != "csv" else ["text_dmy", "text_iso", "date_text", "none"])
    d["one_sheet_marker"] = _pick(rng, ["parent", "prefix", "grid"]) if mode == "one_sheet" else None
    if mode == "one_sheet" and d["one_sheet_marker"] == "parent":
        d["two_row_header"] = True
    profile = [p for p in PROFILE if _chance(rng, 0.4)]
    meta = [f for f, p in (("no", 0.6),) if _chance(rng, p)]
    if d["timestamp"] != "none":
        meta.append("timestamp")
    if d["unit_column"]:
        meta.append("unit")
    saran = ["saran"] if _chance(rng, 0.4) else []
    d["sheets"] = []
    spkp_needs_scale = d["perception_answer_style"] in ("label", "mixed")
    sheet_surveys = [[s] for s in d["surveys"]] if mode != "one_sheet" else [d["surveys"]]
    for surveys in sheet_surveys:
        questions = [f"{s}:{k + 1}" for s in surveys for k in range(QUESTION_COUNT[s])]
        canonical = meta + profile + questions + saran
        if d["column_order"] == "canonical":
            cols = list(canonical)
        elif d["column_order"] == "swapped":
            shuffled = list(questions)
            for _ in range(2):
                i, j = rng.sample(range(len(shuffled)), 2)
                shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
            cols = meta + profile + shuffled + saran
        else:
            cols = list(canonical)
            rng.shuffle(cols)
        # the groups: profile, and each survey's questions (made adjacent when the header has two rows)
        defs = []
        if len(profile) >= 2:
            defs.append({"parents": sw["parents"]["profile"], "children": profile})
        for s in surveys:
            key = f"one_sheet_{s}" if mode == "one_sheet" else s
            defs.append({"parents": sw["parents"][key], "children": [c for c in questions if c.startswith(s + ":")]})
        groups = []
        if d["two_row_header"]:
            chosen = defs[-len(surveys):] if mode == "one_sheet" else [g for g in defs if _chance(rng, 0.7)] or defs[-1:]
            for g in chosen:
                first = min(cols.index(c) for c in g["children"])
                rest = [c for c in cols if c not in g["children"]]
                at = len([c for c in cols[:first] if c not in g["children"]])
                children = [c for c in cols if c in g["children"]]
                cols = rest[:at] + children + rest[at:]
                parent = _pick(rng, g["parents"])
                if mode == "one_sheet" and g["children"][0].startswith("spkp") and spkp_needs_scale:
                    parent += " " + _pick(rng, sw["title"]["scale"]).format(n=4)
                groups.append({"parent": _header_text(d, rng, parent), "children": children})
        headers = {}
        for c in cols:
            headers[c] = _header_text(d, rng, _question_header(d, rng, c) if ":" in c else _pick(rng, sw["headers"][c]))
        name_pool = {"ikm": "ikm", "spak": "spak", "spkp": "spkp"}
        sheet_name = _pick(rng, WORDS["sheet_names"]["one_sheet" if mode == "one_sheet" else name_pool[surveys[0]]])
        extra = []
        if "spkp" in surveys and spkp_needs_scale and mode != "one_sheet":
            extra = [_pick(rng, sw["title"]["scale"]).format(n=4)]
        title_kind = "one_sheet" if mode == "one_sheet" else surveys[0]
        tw = {"main": sw["title"][title_kind], "with_unit": [t + " {UNIT}" for t in sw["title"][title_kind]], "period": sw["title"]["period"]}
        # labels on an unstated 4-point scale: the scale is written in the title (which then has rows)
        title = _title(d, rng, tw, extra, max(d["title_rows"], 2 if extra else 0))
        d["sheets"].append({"surveys": surveys, "name": sheet_name, "columns": cols, "groups": groups,
                            "headers": headers, "title": title})
    # a sheet name is unique within a workbook
    names = [s["name"] for s in d["sheets"]]
    if len(set(names)) < len(names):
        for s in d["sheets"]:
            s["name"] = s["surveys"][0].upper()


def _question_header(d: dict[str, Any], rng: random.Random, col: str) -> str:
    sw = WORDS["survey"]
    survey, num = col.split(":")
    k = int(num) - 1
    if survey == "ikm":
        style = d["ikm_question_style"]
        text = {"full": sw["ikm"]["full"][k], "short": sw["ikm"]["short"][k], "short_alt": sw["ikm"]["short_alt"][k],
                "code_u": f"U{k + 1}", "code_unsur": f"Unsur {k + 1}", "code_p": f"P{k + 1}",
                "code_named": f"U{k + 1} {sw['ikm']['short'][k]}"}[style]
    else:
        style = d["perception_question_style"]
        text = {"full": sw[survey]["full"][k], "short": sw[survey]["short"][k], "code_p": f"P{k + 1}",
                "code_q": f"Pertanyaan {k + 1}"}[style]
    if d["survey_mode"] == "one_sheet":
        marker = d["one_sheet_marker"]
        label = {"ikm": "IKM", "spak": "SPAK", "spkp": "SPKP"}[survey]
        long = {"ikm": "Survei Kepuasan Masyarakat", "spak": "Survei Persepsi Anti Korupsi", "spkp": "Survei Persepsi Kualitas Pelayanan"}[survey]
        scale = " (skala 1-4)" if survey == "spkp" and d["perception_answer_style"] in ("label", "mixed") else ""
        if marker == "prefix":
            text = f"{label}{scale} - {text}"
        elif marker == "grid":
            text = f"{long}{scale} [{text}]"
    return text


# ---------------------------------------------------------------------------------------------- complaints

COMPLAINT_CANONICAL = ["no", "unit", "received", "name", "phone", "channel", "topic", "description", "followup", "status", "done", "days"]
COMPLAINT_DATE_STYLES = ["typed", "dmy_slash", "dmy_dash", "long", "short", "iso", "dmy_2digit", "day_long", "mixed"]


def _complaint_features(d: dict[str, Any], rng: random.Random) -> None:
    cw = WORDS["complaints"]
    csv_file = d["format"] == "csv"
    d["sheet_name"] = _pick(rng, WORDS["sheet_names"]["complaints"])
    d["resolve_info"] = _pick(rng, ["done", "days", "both"])
    fields = ["received", "channel", "status"]
    fields += {"done": ["done"], "days": ["days"], "both": ["done", "days"]}[d["resolve_info"]]
    fields += [f for f, p in (("no", 0.8), ("name", 0.5), ("phone", 0.3), ("topic", 0.5), ("description", 0.6), ("followup", 0.4)) if _chance(rng, p)]
    if d["unit_column"]:
        fields.append("unit")
    cols = _order(d, rng, [c for c in COMPLAINT_CANONICAL if c in fields])
    cols, groups = _groups(d, rng, cols, cw["groups"])
    d["columns"] = cols
    d["groups"] = groups
    grouped = {c: g["words"][c] for g in groups for c in g["children"]}
    d["headers"] = {c: grouped.get(c) or _header_text(d, rng, _pick(rng, cw["headers"][c])) for c in cols}
    styles = [s for s in COMPLAINT_DATE_STYLES if not (csv_file and s == "typed")]
    d["date_style"] = _pick(rng, styles)
    d["done_style"] = _pick(rng, styles)
    d["channel_words"] = {c: _pick(rng, cw["channels"][c]) for c in CHANNELS}
    d["status_words"] = {s: _pick(rng, cw["status"][s]) for s in ("resolved", "open", "in_progress", "rejected")}
    d["words_vary_by_row"] = _chance(rng, 0.3)
    d["title"] = _title(d, rng, cw["title"])


# ---------------------------------------------------------------------------------------------- innovations

INNOVATION_CANONICAL = ["no", "unit", "area", "innovation", "summary", "launched", "status", "evidence", "pic"]
# Not "MP / PT / PSDM / PAK / PP / PKPP": "PP" is Penguatan Pengawasan in one recap and Pelayanan Publik in
# the next, so the reader leaves a code it cannot tell apart blank with a warning (tests/reading/test_innovation.py)
AREA_STYLES = ["name", "name_upper", "numbered", "roman_name"]
INNOVATION_HEADINGS = ["roman_dot", "roman_split", "area_roman", "letter", "arabic", "plain", "merged"]
DAY_STYLES = ["typed", "dmy_slash", "dmy_dash", "long", "short", "iso"]
MONTH_STYLES = ["month", "month_short", "month_upper", "month_num"]
YEAR_STYLES = ["number", "text", "tahun"]


def _innovation_features(d: dict[str, Any], rng: random.Random) -> None:
    w = WORDS["innovation"]
    csv_file = d["format"] == "csv"
    d["sheet_name"] = _pick(rng, WORDS["sheet_names"]["innovation"])
    d["area_mode"] = rng.choices(["column", "headings"], weights=[6, 4])[0]
    d["launch_mode"] = rng.choices(["as_data", "year_only"], weights=[7, 3])[0]
    fields = ["innovation", "launched", "status"]
    fields += [f for f, p in (("no", 0.7), ("summary", 0.5), ("evidence", 0.6), ("pic", 0.6)) if _chance(rng, p)]
    if d["area_mode"] == "column":
        fields.append("area")
    if d["unit_column"]:
        fields.append("unit")
    cols = _order(d, rng, [c for c in INNOVATION_CANONICAL if c in fields])
    year_only = d["launch_mode"] == "year_only"
    cols, groups = _groups(d, rng, cols, [dict(g, words={**g["words"], "launched": g["words"]["launched_year"]})
                                          if year_only and "launched_year" in g["words"] else g for g in w["groups"]])
    d["columns"] = cols
    d["groups"] = groups
    grouped = {c: g["words"][c] for g in groups for c in g["children"]}
    year_words = "launched_year" if d["launch_mode"] == "year_only" else "launched"
    d["headers"] = {c: grouped.get(c) or _header_text(d, rng, _pick(rng, w["headers"][year_words if c == "launched" else c]))
                    for c in cols}
    d["area_words"] = {a: _pick(rng, WORDS["action_plan"]["areas"][a]) for a in AREAS}
    if d["area_mode"] == "column":
        d["area_style"] = _pick(rng, AREA_STYLES)
        d["row_order"] = rng.choices(["by_area", "by_launch"], weights=[3, 1])[0]
        fills = ["every_row", "first_only"] + ([] if csv_file else ["merged"])
        d["area_fill"] = _pick(rng, fills) if d["row_order"] == "by_area" else "every_row"
        d["heading_format"] = None
    else:
        d["area_style"] = None
        d["row_order"] = "by_area"
        d["area_fill"] = None
        fmt = _pick(rng, [h for h in INNOVATION_HEADINGS if not (csv_file and h == "merged")])
        if fmt == "roman_split" and "no" not in cols:
            fmt = "roman_dot"
        d["heading_format"] = fmt
    d["heading_case"] = _pick(rng, ["upper", "title"])
    d["day_style"] = _pick(rng, [s for s in DAY_STYLES if not (csv_file and s == "typed")])
    d["month_style"] = _pick(rng, MONTH_STYLES)
    d["year_style"] = _pick(rng, YEAR_STYLES)
    d["no_launch"] = _pick(rng, ["blank", "blank", "dash"])
    d["status_words"] = {s: _pick(rng, w["status"][s]) for s in INNOVATION_STATUSES}
    d["words_vary_by_row"] = _chance(rng, 0.3)
    d["blank_rows"] = rng.choices(["none", "between_groups", "scattered"], weights=[5, 3, 2])[0]
    d["title"] = _title(d, rng, w["title"])


# ---------------------------------------------------------------------------------------------- predicates held

PREDICATE_CANONICAL = ["no", "unit", "predicate", "year", "decree", "decree_date", "note"]
PREDICATE_YEAR_STYLES = ["number", "text", "tahun", "date_typed", "date_long", "date_slash"]


def _predicate_features(d: dict[str, Any], rng: random.Random) -> None:
    pw = WORDS["predicate"]
    csv_file = d["format"] == "csv"
    d["unit_name"] = _pick(rng, pw["kanwil"]["names"])  # whose list it is: the Kanwil
    d["sheet_name"] = _pick(rng, WORDS["sheet_names"]["predicate"])
    d["row_order"] = rng.choices(["by_unit", "by_year"], weights=[3, 1])[0]
    d["unit_mode"] = "column" if d["row_order"] == "by_year" else rng.choices(["column", "headings"], weights=[4, 1])[0]
    d["unit_column"] = d["unit_mode"] == "column"
    d["year_column"] = _chance(rng, 0.8)
    fields = ["predicate"]
    if d["year_column"]:
        fields.append("year")
    if not d["year_column"] or _chance(rng, 0.75):
        fields.append("decree")
    fields += [f for f, p in (("no", 0.7), ("note", 0.25)) if _chance(rng, p)]
    styles = [s for s in PREDICATE_YEAR_STYLES if not (csv_file and s == "date_typed")]
    d["year_style"] = _pick(rng, styles) if d["year_column"] else None
    if "decree" in fields and not (d["year_style"] or "").startswith("date") and _chance(rng, 0.3):
        fields.append("decree_date")
    if d["unit_column"]:
        fields.append("unit")
    cols = _order(d, rng, [c for c in PREDICATE_CANONICAL if c in fields])
    cols, groups = _groups(d, rng, cols, pw["groups"] if not (d["year_style"] or "").startswith("date") else pw["groups"][1:])
    d["columns"] = cols
    d["groups"] = groups
    grouped = {c: g["words"][c] for g in groups for c in g["children"]}
    year_words = "year_date" if (d["year_style"] or "").startswith("date") else "year"
    d["headers"] = {c: grouped.get(c) or _header_text(d, rng, _pick(rng, pw["headers"][year_words if c == "year" else c]))
                    for c in cols}
    if d["unit_mode"] == "column":
        fills = ["every_row", "first_only"] + ([] if csv_file else ["merged"])
        d["unit_fill"] = _pick(rng, fills) if d["row_order"] == "by_unit" else "every_row"
        d["heading_format"] = None
    else:
        d["unit_fill"] = None
        d["heading_format"] = _pick(rng, ["plain", "numbered"] + ([] if csv_file else ["merged"]))
        if d["heading_format"] == "numbered" and "no" not in cols:
            d["heading_format"] = "plain"
    d["decree_style"] = _pick(rng, DECREE_STYLES + ["mixed"])
    d["decree_date_style"] = _pick(rng, ["long", "dmy_slash"] + ([] if csv_file else ["typed"])) if "decree_date" in cols else None
    d["unit_words"] = {k: _pick(rng, v) for k, v in pw["units"].items()}
    d["predicate_words"] = {p: _pick(rng, pw["words"][p]) for p in ("WBK", "WBBM")}
    d["words_vary_by_row"] = _chance(rng, 0.3)
    d["title"] = _title(d, rng, pw["title"])


# ====================================================================================================
# Cells
# ====================================================================================================

def _long(value: date) -> str:
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def date_text(value: date, style: str, rng: random.Random, allowed: list[str]) -> tuple[Any, str | None]:
    """A date written in a style: (cell value, format marker or None)."""
    if style == "mixed":
        style = _pick(rng, [s for s in allowed if s != "mixed"])
    if style == "typed":
        return value, "date"
    return {
        "dmy_slash": f"{value:%d/%m/%Y}",
        "dmy_dash": f"{value:%d-%m-%Y}",
        "long": _long(value),
        "short": f"{value.day} {BULAN_PENDEK[value.month - 1]} {value.year}",
        "month": f"{BULAN[value.month - 1]} {value.year}",
        "month_short": f"{BULAN_PENDEK[value.month - 1]} {value.year}",
        "iso": value.isoformat(),
        "dmy_2digit": f"{value:%d/%m/%y}",
        "day_long": f"{HARI[value.weekday()]}, {_long(value)}",
    }[style], None


def progress_cell(d: dict[str, Any], value: int, rng: random.Random) -> tuple[Any, str | None]:
    if value == 100 and d["done_word"]:
        return d["done_word"], None
    if value == 0 and d["zero_style"] == "word":
        return d["zero_word"], None
    if value == 0 and d["zero_style"] == "blank":
        return None, None
    style = d["progress_style"]
    if style == "mixed":
        style = _pick(rng, [s for s in PROGRESS_STYLES if s != "mixed" and not (d["format"] == "csv" and s == "pct_cell")])
    if style == "pct_cell":
        return value / 100, "pct"
    if style == "fraction":
        return (value / 100) if d["format"] != "csv" else f"{value / 100:g}", None
    return {"number": value, "text_number": str(value), "pct_text": f"{value}%", "pct_space": f"{value} %",
            "pct_decimal_comma": f"{value},00%"}[style], None


def answer_cell(d: dict[str, Any], survey: str, k: int, value: int, rng: random.Random) -> Any:
    sw = WORDS["survey"]
    if survey == "ikm":
        style = d["ikm_answer_style"]
        if style == "mixed":
            style = _pick(rng, ["number", "label", "label_title", "num_prefix", "letter_prefix"])
        label = sw["ikm"]["labels"][k][value - 1]
    else:
        style = d["perception_answer_style"]
        if style == "mixed":
            style = _pick(rng, ["number", "label", "num_prefix"])
        labels = sw["spak"]["labels"] if survey == "spak" else sw["spkp"][d["spkp_labels"]]
        label = labels[value - 1]
    return {"number": value, "text_number": str(value), "label": label, "label_upper": label.upper(),
            "label_title": label.title(), "num_prefix": f"{value}. {label}",
            "letter_prefix": f"{'abcdef'[value - 1]}. {label}"}[style]


# ====================================================================================================
# Sheets: a grid of values, then a writer per container
# ====================================================================================================

class Grid:
    def __init__(self, name: str, hidden: bool = False):
        self.name = name
        self.hidden = hidden
        self.cells: dict[tuple[int, int], Any] = {}
        self.fmt: dict[tuple[int, int], str] = {}
        self.merges: list[tuple[int, int, int, int]] = []

    def put(self, r: int, c: int, value: Any, fmt: str | None = None) -> None:
        if value is None or value == "":
            return
        self.cells[(r, c)] = value
        if fmt:
            self.fmt[(r, c)] = fmt

    def merge(self, r0: int, c0: int, r1: int, c1: int) -> None:
        if (r0, c0) != (r1, c1):
            self.merges.append((r0, c0, r1, c1))

    @property
    def height(self) -> int:
        return max((r for r, _ in self.cells), default=-1) + 1

    @property
    def width(self) -> int:
        return max((c for _, c in self.cells), default=-1) + 1


class Table:
    """Places the parts every layout shares: title, header rows, numbering row, legend, signature."""

    def __init__(self, d: dict[str, Any], grid: Grid, columns: list[str], headers: dict[str, str],
                 groups: list[dict[str, Any]], title: list[str]):
        self.d, self.g, self.columns = d, grid, columns
        self.c0 = d["start_col"]
        self.x = {c: self.c0 + i for i, c in enumerate(columns)}
        self.last = self.c0 + len(columns) - 1
        r = 0
        for line in title:
            if line:
                grid.put(r, self.c0, line)
                if d["title_merged"]:
                    grid.merge(r, self.c0, r, self.last)
            r += 1
        self.header_row = r
        if groups:
            in_group = {c: g for g in groups for c in g["children"]}
            done: set[str] = set()
            for c in columns:
                if c in in_group:
                    g = in_group[c]
                    if g["parent"] not in done:
                        xs = [self.x[k] for k in g["children"]]
                        grid.put(r, min(xs), g["parent"])
                        grid.merge(r, min(xs), r, max(xs))
                        done.add(g["parent"])
                    grid.put(r + 1, self.x[c], headers[c])
                else:
                    grid.put(r, self.x[c], headers[c])
                    grid.merge(r, self.x[c], r + 1, self.x[c])
            r += 2
        else:
            for c in columns:
                grid.put(r, self.x[c], headers[c])
            r += 1
        if d["numbering_row"] != "none":
            for i, c in enumerate(columns):
                grid.put(r, self.x[c], f"({i + 1})" if d["numbering_row"] == "paren" else i + 1)
            r += 1
        self.row = r

    def write(self, values: dict[str, Any], fmts: dict[str, str | None] | None = None) -> None:
        for c, v in values.items():
            if c in self.x:
                self.g.put(self.row, self.x[c], v, (fmts or {}).get(c))
        self.row += 1

    def finish(self, legend: list[str], rng: random.Random, signature: dict[str, list[str]] | None = None) -> None:
        d = self.d
        if d["legend"] == "beside" and legend:
            for i, line in enumerate(legend):
                self.g.put(self.header_row + i, self.last + 2, line)
        if d["legend"] == "below" and legend:
            self.row += 1
            for line in legend:
                self.g.put(self.row, self.c0, line)
                self.row += 1
        if d["footer"] in ("signature", "both"):
            sw = signature or WORDS["signature"]
            col = max(self.c0, self.last - 2)
            self.row += 1
            for line in (_pick(rng, sw["place_date"]), _pick(rng, sw["office"]), "", "", _pick(rng, sw["person"]), _pick(rng, sw["nip"])):
                self.g.put(self.row, col, line)
                self.row += 1


def _extra_sheets(d: dict[str, Any], instructions: list[str], lists: dict[str, list[Any]], calc: list[list[Any]]) -> tuple[list[Grid], list[Grid]]:
    """(sheets before the data, sheets after it)."""
    before, after = [], []
    rng = random.Random(d["id"] + ":sheets")
    if d["instructions_sheet"]:
        g = Grid(_pick(rng, WORDS["sheet_names"]["instructions"]))
        for i, line in enumerate(instructions):
            g.put(i, 0, line)
        before.append(g)
    if d["hidden_sheet"] != "none":
        g = Grid(_pick(rng, WORDS["sheet_names"]["hidden"]), hidden=True)
        if d["hidden_sheet"] == "lists":
            for c, (head, values) in enumerate(lists.items()):
                g.put(0, c, head)
                for r, v in enumerate(values):
                    g.put(r + 1, c, v)
        else:
            for r, row in enumerate(calc):
                for c, v in enumerate(row):
                    g.put(r, c, v)
        after.append(g)
    return before, after


# ---------------------------------------------------------------------------------------------- action plan

def _plan_grids(d: dict[str, Any]) -> list[Grid]:
    w = WORDS["action_plan"]
    rng = random.Random(d["id"] + ":rows")
    g = Grid(d["sheet_name"])
    t = Table(d, g, d["columns"], d["headers"], d["groups"], d["title"])
    cols = d["columns"]
    text_col = "activity"

    def area_label(area: str, index: int) -> str:
        word = d["area_words"][area]
        word = word.upper() if d["heading_case"] == "upper" else word
        fmt = d["heading_format"]
        prefix = {"roman_dot": f"{ROMAN[index]}. ", "letter": f"{'ABCDEF'[index]}. ", "arabic": f"{index + 1}. "}.get(fmt, "")
        return prefix + word

    def date_cell(target: date | None) -> tuple[Any, str | None]:
        if target is None:
            return d["recurring_word"], None
        return date_text(target, d["date_style"], rng, PLAN_DATE_STYLES)

    if d["example_row"]:
        value, fmt = date_cell(date(2026, 1, 31))
        pvalue, pfmt = progress_cell(d, 100, rng)
        t.write({"no": "Contoh", "unit": d["unit_name"], "area": d["area_words"]["manajemen_perubahan"], "activity": w["title"]["example"],
                 "pic": "Kasubag TU", "output": "SK", "target": value, "progress": pvalue, "evidence": "SK", "note": "contoh pengisian"},
                {"target": fmt, "progress": pfmt})
    number = 0
    area_index = -1
    current = None
    area_first_row = 0
    in_area = 0
    sub_done: set[str] = set()
    merges_down: list[tuple[int, int]] = []
    for area, activity, pic, output, target, progress in PLAN:
        if area != current:
            if current is not None and d["area_fill"] == "merged":
                merges_down.append((area_first_row, t.row - 1))
            current = area
            area_index += 1
            in_area = 0
            area_first_row = t.row
            if d["area_mode"] != "column":
                label = area_label(area, area_index)
                fmt = d["heading_format"]
                if fmt == "roman_split":
                    t.write({"no": ROMAN[area_index], text_col: d["area_words"][area].upper() if d["heading_case"] == "upper" else d["area_words"][area]})
                elif fmt == "merged":
                    g.put(t.row, t.c0, f"{ROMAN[area_index]}. {label}")
                    g.merge(t.row, t.c0, t.row, t.last)
                    t.row += 1
                else:
                    t.write({text_col: label})
                area_first_row = t.row
        if d["subheadings"] and area in ("manajemen_perubahan", "pelayanan_publik") and in_area == (2 if area == "manajemen_perubahan" else 0) \
                and area not in sub_done:
            sub_done.add(area)
            sub = {text_col: _pick(rng, w["words"]["subheadings"])}
            if d["area_mode"] == "column" and d["area_fill"] in ("first_only", "merged") and t.row == area_first_row:
                sub["area"] = area_label(area, area_index)  # the block's first row carries the area, as on paper
            t.write(sub)
        in_area += 1
        number += 1
        cells: dict[str, Any] = {}
        fmts: dict[str, str | None] = {}
        if d["no_style"] == "global":
            cells["no"] = number
        elif d["no_style"] == "per_area":
            cells["no"] = in_area
        elif d["no_style"] == "dotted":
            cells["no"] = f"{area_index + 1}.{in_area}"
        prefix = {"none": "", "arabic": f"{in_area}. ", "letter": f"{'abcdefgh'[in_area - 1]}. ", "dash": "- "}[d["activity_prefix"]]
        cells["activity"] = prefix + activity
        if d["area_mode"] == "column":
            label = area_label(area, area_index)
            if d["area_fill"] == "every_row" or t.row == area_first_row:
                cells["area"] = label
        cells["unit"] = d["unit_name"]
        cells["pic"] = pic
        cells["output"] = output
        cells["budget"] = _pick(rng, w["words"]["budget_values"])
        cells["target"], fmts["target"] = date_cell(target)
        cells["progress"], fmts["progress"] = progress_cell(d, progress, rng)
        cells["evidence"] = _pick(rng, w["words"]["evidence_values"]) if number % 3 else ""
        cells["note"] = _pick(rng, w["words"]["note_values"]) if number % 4 == 1 else ""
        t.write(cells, fmts)
    if d["area_fill"] == "merged":
        merges_down.append((area_first_row, t.row - 1))
        for r0, r1 in merges_down:
            g.merge(r0, t.x["area"], r1, t.x["area"])
    if d["footer"] in ("total", "both"):
        mean = sum(p for *_, p in PLAN) / len(PLAN)
        label_col = cols[0] if cols[0] != "progress" else cols[-1]
        value = round(mean / 100, 4) if d["progress_style"] in ("pct_cell", "fraction") and d["format"] != "csv" else round(mean, 2)
        t.write({label_col: _pick(rng, w["title"]["total"]), "progress": value},
                {"progress": "pct" if d["progress_style"] == "pct_cell" else None})
    t.finish(w["title"]["legend"], rng)
    averages = [[d["area_words"][a], round(EXPECTED["action_plan"]["areas"][a], 2)] for a in AREAS]
    before, after = _extra_sheets(d, w["title"]["instructions"],
                                  {"Area": [d["area_words"][a] for a in AREAS], "Status": ["Selesai", "Belum", "Proses"]},
                                  [["Area", "Rata-rata"]] + averages)
    return before + [g] + after


# ---------------------------------------------------------------------------------------------- survey

def _survey_grids(d: dict[str, Any]) -> list[Grid]:
    sw = WORDS["survey"]
    rng = random.Random(d["id"] + ":rows")
    grids = []
    for sheet in d["sheets"]:
        g = Grid(sheet["name"])
        t = Table(d, g, sheet["columns"], sheet["headers"], sheet["groups"], sheet["title"])
        questions = [c for c in sheet["columns"] if ":" in c]
        if d["example_row"]:
            cells = {c: answer_cell(d, c.split(":")[0], int(c.split(":")[1]) - 1, 4, rng) for c in questions}
            cells[sheet["columns"][0]] = "Contoh"
            t.write(cells)
        for i, p in enumerate(SURVEY):
            cells: dict[str, Any] = {}
            fmts: dict[str, str | None] = {}
            cells["no"] = i + 1
            cells["unit"] = d["unit_name"]
            stamp = p["stamp"]
            ts = d["timestamp"]
            if ts == "typed":
                cells["timestamp"], fmts["timestamp"] = stamp, "datetime"
            elif ts == "date_only":
                cells["timestamp"], fmts["timestamp"] = stamp.date(), "date"
            elif ts == "text_dmy":
                cells["timestamp"] = f"{stamp:%d/%m/%Y %H:%M:%S}"
            elif ts == "text_iso":
                cells["timestamp"] = f"{stamp:%Y-%m-%d %H:%M:%S}"
            elif ts == "date_text":
                cells["timestamp"] = f"{stamp:%d/%m/%Y}"
            for f in PROFILE + ["saran"]:
                cells[f] = p[f]
            for c in questions:
                survey, num = c.split(":")
                cells[c] = answer_cell(d, survey, int(num) - 1, p[survey][int(num) - 1], rng)
            t.write(cells, fmts)
        if d["footer"] in ("total", "both"):
            others = [c for c in sheet["columns"] if ":" not in c]
            if others:
                label_col = others[0]
                n = len(SURVEY)
                sums = {c: sum(p[c.split(":")[0]][int(c.split(":")[1]) - 1] for p in SURVEY) for c in questions}
                if sheet["surveys"] == ["ikm"]:
                    rows = [(sums, 0), ({c: v / n for c, v in sums.items()}, 3), ({c: v / n * 0.111 for c, v in sums.items()}, 3)]
                    for (values, digits), words in zip(rows, sw["values"]["summary_rows"]):
                        cells = {c: round(v, digits) for c, v in values.items()}
                        cells[label_col] = _pick(rng, words)
                        t.write(cells)
                    t.write({label_col: _pick(rng, sw["values"]["summary_rows"][3]), questions[0]: round(EXPECTED["ikm"]["index"], 2)})
                else:
                    cells = {c: round(v / n, 2) for c, v in sums.items()}
                    cells[label_col] = _pick(rng, sw["values"]["perception_summary"])
                    t.write(cells)
        legend = [_pick(rng, sw["title"]["ikm_legend_head"])]
        if "ikm" in sheet["surveys"]:
            legend += [f"U{k + 1} = {sw['ikm']['short'][k]}" for k in range(9)] + [_pick(rng, sw["title"]["answer_legend"])]
        for s in ("spak", "spkp"):
            if s in sheet["surveys"]:
                scale = sw[s]["scale"]
                labels = sw["spak"]["labels"] if s == "spak" else sw["spkp"][d["spkp_labels"]]
                legend += [f"{s.upper()}: " + ", ".join(f"{v + 1} = {labels[v]}" for v in range(scale))]
        t.finish(legend, rng)
        grids.append(g)
    before, after = _extra_sheets(d, sw["title"]["instructions"],
                                  {"Jenis Kelamin": ["Laki-laki", "Perempuan"], "Pendidikan": sw["values"]["education"],
                                   "Jawaban": sw["ikm"]["labels"][0]},
                                  [["Unsur", "NRR"]] + [[sw["ikm"]["short"][k], round(EXPECTED["ikm"]["unsur"][f"U{k + 1}"], 3)] for k in range(9)])
    return before + grids + after


# ---------------------------------------------------------------------------------------------- complaints

def _complaint_grids(d: dict[str, Any]) -> list[Grid]:
    cw = WORDS["complaints"]
    rng = random.Random(d["id"] + ":rows")
    g = Grid(d["sheet_name"])
    t = Table(d, g, d["columns"], d["headers"], d["groups"], d["title"])

    def word(table: dict[str, list[str]], fixed: dict[str, str], key: str) -> str:
        return _pick(rng, table[key]) if d["words_vary_by_row"] else fixed[key]

    if d["example_row"]:
        value, fmt = date_text(date(2026, 1, 2), d["date_style"], rng, COMPLAINT_DATE_STYLES)
        cells = {"received": value, "channel": d["channel_words"]["whatsapp"], "status": d["status_words"]["resolved"],
                 "days": 3, "name": "Nama pelapor", "description": "Uraian singkat pengaduan"}
        cells[d["columns"][0]] = "Contoh"
        t.write(cells, {"received": fmt})
    for i, c in enumerate(COMPLAINTS):
        cells: dict[str, Any] = {}
        fmts: dict[str, str | None] = {}
        cells["no"] = i + 1
        cells["unit"] = d["unit_name"]
        cells["received"], fmts["received"] = date_text(c["received"], d["date_style"], rng, COMPLAINT_DATE_STYLES)
        cells["name"] = f"Keluarga WBP {i + 1}" if i % 4 else "Anonim"
        cells["phone"] = f"0812-3{i:03d}-55{i:02d}"
        cells["channel"] = word(WORDS["complaints"]["channels"], d["channel_words"], c["channel"])
        cells["topic"] = cw["title"]["topics"][i % len(cw["title"]["topics"])]
        cells["description"] = f"Mohon penjelasan {cw['title']['topics'][(i + 2) % 6].lower()}"
        cells["followup"] = _pick(rng, cw["title"]["followups"]) if c["status"] != "open" else ""
        cells["status"] = word(WORDS["complaints"]["status"], d["status_words"], c["status"])
        if c["days"] is not None:
            cells["done"], fmts["done"] = date_text(c["received"] + timedelta(days=c["days"]), d["done_style"], rng, COMPLAINT_DATE_STYLES)
            cells["days"] = c["days"]
        t.write(cells, fmts)
    if d["footer"] in ("total", "both"):
        cols = d["columns"]
        t.write({cols[0]: _pick(rng, cw["title"]["total"]), cols[-1] if len(cols) > 1 else cols[0]: len(COMPLAINTS)})
    t.finish(cw["title"]["legend"], rng)
    before, after = _extra_sheets(d, cw["title"]["instructions"],
                                  {"Saluran": [d["channel_words"][c] for c in CHANNELS], "Status": list(d["status_words"].values())},
                                  [["Bulan", "Jumlah"]] + [[k, v] for k, v in EXPECTED["complaints"]["per_month"].items()])
    return before + [g] + after


# ---------------------------------------------------------------------------------------------- innovations

def launch_cell(d: dict[str, Any], launch: tuple[str, Any] | None, rng: random.Random) -> tuple[Any, str | None]:
    """An innovation's launch as the layout writes it: (cell value, format marker or None)."""
    if launch is None:
        return ("-" if d["no_launch"] == "dash" else None), None
    precision, value = launch
    if d["launch_mode"] == "year_only" or precision == "year":
        year = value.year if precision == "day" else value[0] if precision == "month" else value
        style = d["year_style"]
        if style == "number":
            return (year if d["format"] != "csv" else str(year)), None
        return (str(year) if style == "text" else f"Tahun {year}"), None
    if precision == "month":
        year, month = value
        return {"month": f"{BULAN[month - 1]} {year}", "month_short": f"{BULAN_PENDEK[month - 1]} {year}",
                "month_upper": f"{BULAN[month - 1].upper()} {year}", "month_num": f"{month:02d}/{year}"}[d["month_style"]], None
    return date_text(value, d["day_style"], rng, DAY_STYLES)


def _innovation_grids(d: dict[str, Any]) -> list[Grid]:
    w = WORDS["innovation"]
    rng = random.Random(d["id"] + ":rows")
    g = Grid(d["sheet_name"])
    t = Table(d, g, d["columns"], d["headers"], d["groups"], d["title"])
    cols = d["columns"]

    def area_word(area: str) -> str:
        word = d["area_words"][area]
        return word.upper() if d["heading_case"] == "upper" else word

    def area_value(area: str) -> str:
        i = AREAS.index(area)
        return {"name": d["area_words"][area], "name_upper": d["area_words"][area].upper(), "numbered": f"Area {ROMAN[i]}",
                "roman_name": f"{ROMAN[i]}. {d['area_words'][area]}", "abbrev": w["area_abbrev"][area]}[d["area_style"]]

    def status_word(status: str) -> str:
        return _pick(rng, w["status"][status]) if d["words_vary_by_row"] else d["status_words"][status]

    if d["example_row"]:
        value, fmt = launch_cell(d, ("month", (2026, 1)), rng)
        cells = {"no": "Contoh", "unit": d["unit_name"], "innovation": w["title"]["example"], "summary": "Uraian singkat inovasi",
                 "launched": value, "status": d["status_words"]["berjalan"], "evidence": "https://link-bukti", "pic": "Nama petugas"}
        if d["area_mode"] == "column":
            cells["area"] = area_value("pelayanan_publik")
        cells[cols[0]] = "Contoh"
        t.write(cells, {"launched": fmt})
    items = list(INNOVATIONS)
    if d["row_order"] == "by_launch":
        def launch_key(item: tuple[Any, ...]) -> tuple[int, int, int]:
            launch = item[2]
            if launch is None:
                return (9999, 0, 0)
            precision, value = launch
            if precision == "day":
                return (value.year, value.month, value.day)
            return (value[0], value[1], 31) if precision == "month" else (value, 0, 0)
        items.sort(key=launch_key)
    current = None
    area_first_row = 0
    merges_down: list[tuple[int, int]] = []
    for number, (area, name, launch, status, description, evidence, pic) in enumerate(items, start=1):
        if area != current:
            if current is not None:
                if d["area_fill"] == "merged":
                    merges_down.append((area_first_row, t.row - 1))
                if d["blank_rows"] == "between_groups":
                    t.row += 1
            current = area
            i = AREAS.index(area)
            if d["area_mode"] == "headings":
                fmt = d["heading_format"]
                if fmt == "roman_split":
                    t.write({"no": ROMAN[i], "innovation": area_word(area)})
                elif fmt == "merged":
                    g.put(t.row, t.c0, f"{ROMAN[i]}. {area_word(area)}")
                    g.merge(t.row, t.c0, t.row, t.last)
                    t.row += 1
                else:
                    prefix = {"roman_dot": f"{ROMAN[i]}. ", "letter": f"{'ABCDEF'[i]}. ", "arabic": f"{i + 1}. ",
                              "area_roman": ("AREA " if d["heading_case"] == "upper" else "Area ") + f"{ROMAN[i]}: "}.get(fmt, "")
                    t.write({"innovation": prefix + area_word(area)})
            area_first_row = t.row
        cells: dict[str, Any] = {"no": number, "unit": d["unit_name"], "innovation": name, "summary": description,
                                 "status": status_word(status), "evidence": evidence, "pic": pic}
        fmts: dict[str, str | None] = {}
        cells["launched"], fmts["launched"] = launch_cell(d, launch, rng)
        if d["area_mode"] == "column" and (d["area_fill"] == "every_row" or t.row == area_first_row):
            cells["area"] = area_value(area)
        t.write(cells, fmts)
        if d["blank_rows"] == "scattered" and number % 3 == 0 and number < len(items):
            t.row += 1
    if d["area_fill"] == "merged":
        merges_down.append((area_first_row, t.row - 1))
        for r0, r1 in merges_down:
            g.merge(r0, t.x["area"], r1, t.x["area"])
    if d["footer"] in ("total", "both"):
        t.write({cols[0]: _pick(rng, w["title"]["total"]), cols[-1] if len(cols) > 1 else cols[0]: len(INNOVATIONS)})
    t.finish(w["title"]["legend"], rng)
    counts = [[s, sum(1 for i in INNOVATIONS if i[3] == s)] for s in INNOVATION_STATUSES]
    before, after = _extra_sheets(d, w["title"]["instructions"],
                                  {"Area": [d["area_words"][a] for a in AREAS], "Status": list(d["status_words"].values())},
                                  [["Status", "Jumlah"]] + counts)
    return before + [g] + after


# ---------------------------------------------------------------------------------------------- predicates held

def _predicate_grids(d: dict[str, Any]) -> list[Grid]:
    pw = WORDS["predicate"]
    rng = random.Random(d["id"] + ":rows")
    g = Grid(d["sheet_name"])
    t = Table(d, g, d["columns"], d["headers"], d["groups"], d["title"])
    cols = d["columns"]

    def unit_word(key: str) -> str:
        return _pick(rng, pw["units"][key]) if d["words_vary_by_row"] else d["unit_words"][key]

    def predicate_word(predicate: str) -> str:
        return _pick(rng, pw["words"][predicate]) if d["words_vary_by_row"] else d["predicate_words"][predicate]

    def year_cell(year: int) -> tuple[Any, str | None]:
        day = DECREES[year][1]
        return {"number": (year if d["format"] != "csv" else str(year), None), "text": (str(year), None),
                "tahun": (f"Tahun {year}", None), "date_typed": (day, "date"), "date_long": (_long(day), None),
                "date_slash": (f"{day:%d/%m/%Y}", None)}[d["year_style"]]

    if d["example_row"]:
        cells = {"no": "Contoh", "unit": "Lapas Kelas IIB Contoh", "predicate": "WBK", "year": "2020",
                 "decree": "KEP/000/M.PANRB/12/2020", "decree_date": "1 Desember 2020", "note": "contoh pengisian"}
        cells[cols[0]] = "Contoh"
        t.write(cells)
    records = list(enumerate(PREDICATES))
    if d["row_order"] == "by_year":
        records.sort(key=lambda r: (r[1][2], r[0]))
    current = None
    unit_number = 0
    first_row = 0
    merges_down: list[tuple[int, int]] = []
    for number, (index, (key, predicate, year)) in enumerate(records, start=1):
        new_unit = key != current
        if new_unit:
            if current is not None and d["unit_fill"] == "merged":
                merges_down.append((first_row, t.row - 1))
            current = key
            unit_number += 1
            if d["unit_mode"] == "headings":
                fmt = d["heading_format"]
                label_col = cols[0] if cols[0] != "no" else (cols[1] if len(cols) > 1 else cols[0])
                if fmt == "numbered":
                    t.write({"no": unit_number, label_col: unit_word(key)})
                elif fmt == "merged":
                    g.put(t.row, t.c0, unit_word(key))
                    g.merge(t.row, t.c0, t.row, t.last)
                    t.row += 1
                else:
                    t.write({label_col: unit_word(key)})
            first_row = t.row
        cells: dict[str, Any] = {"predicate": predicate_word(predicate), "decree": decree_text(year, d["decree_style"], index),
                                 "note": pw["words"]["note_values"][index % len(pw["words"]["note_values"])]}
        fmts: dict[str, str | None] = {}
        if d["unit_mode"] == "headings":
            cells["no"] = number if d["heading_format"] != "numbered" else None
        elif d["unit_fill"] == "every_row":
            cells["no"], cells["unit"] = number, unit_word(key)
        elif new_unit:
            cells["no"], cells["unit"] = unit_number, unit_word(key)
        if d["year_column"]:
            cells["year"], fmts["year"] = year_cell(year)
        if d["decree_date_style"]:
            cells["decree_date"], fmts["decree_date"] = date_text(DECREES[year][1], d["decree_date_style"], rng, ["typed", "long", "dmy_slash"])
        t.write(cells, fmts)
    if d["unit_fill"] == "merged":
        merges_down.append((first_row, t.row - 1))
        for r0, r1 in merges_down:
            for c in ("no", "unit"):
                if c in t.x:
                    g.merge(r0, t.x[c], r1, t.x[c])
    if d["footer"] in ("total", "both"):
        t.write({cols[0]: _pick(rng, pw["title"]["total"]), cols[-1] if len(cols) > 1 else cols[0]: len(PREDICATES)})
    t.finish(pw["title"]["legend"], rng, pw["signature"])
    per_year = [[y, sum(1 for r in PREDICATES if r[2] == y)] for y in sorted(DECREES)]
    before, after = _extra_sheets(d, pw["title"]["instructions"],
                                  {"Predikat": ["WBK", "WBBM"], "Satker": [v[0] for v in pw["units"].values()]},
                                  [["Tahun", "Jumlah"]] + per_year)
    return before + [g] + after


# ====================================================================================================
# Writers
# ====================================================================================================

def write_variant(d: dict[str, Any], folder: Path) -> Path:
    """Write the variant's file into `folder` and return its path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    grids = {"action_plan": _plan_grids, "survey": _survey_grids, "complaints": _complaint_grids,
             "innovation": _innovation_grids, "predicate": _predicate_grids}[d["kind"]](d)
    path = folder / d["file_name"]
    writer = {"xlsx": _write_xlsxwriter, "xlsx_openpyxl": _write_openpyxl, "xls": _write_xlwt, "ods": _write_odf, "csv": _write_csv}[d["format"]]
    writer(path, grids, d)
    return path


def _merge_cover(grid: Grid) -> tuple[dict[tuple[int, int], tuple[int, int, int, int]], set[tuple[int, int]]]:
    tops = {(m[0], m[1]): m for m in grid.merges}
    covered = {(r, c) for r0, c0, r1, c1 in grid.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - set(tops)
    return tops, covered


def _py_datetime(value: date) -> datetime:
    return value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)


def _write_xlsxwriter(path: Path, grids: list[Grid], d: dict[str, Any]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    formats = {"date": book.add_format({"num_format": d["date_num_format"]}),
               "datetime": book.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"}),
               "pct": book.add_format({"num_format": "0%"}),
               None: book.add_format({"text_wrap": True})}
    for grid in grids:
        sheet = book.add_worksheet(grid.name)
        tops, covered = _merge_cover(grid)
        for (r, c), value in grid.cells.items():
            if (r, c) in covered:
                continue
            fmt = formats[grid.fmt.get((r, c))]
            if (r, c) in tops:
                r0, c0, r1, c1 = tops[(r, c)]
                sheet.merge_range(r0, c0, r1, c1, "", fmt)
            if isinstance(value, (date, datetime)):
                sheet.write_datetime(r, c, _py_datetime(value), fmt)
            elif isinstance(value, str):
                sheet.write_string(r, c, value, fmt)
            else:
                sheet.write_number(r, c, value, fmt)
        for (r0, c0, r1, c1) in grid.merges:
            if (r0, c0) not in grid.cells:
                sheet.merge_range(r0, c0, r1, c1, "")
        if grid.hidden:
            sheet.hide()
    book.close()


def _write_openpyxl(path: Path, grids: list[Grid], d: dict[str, Any]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    book = Workbook()
    book.remove(book.active)
    for grid in grids:
        sheet = book.create_sheet(grid.name)
        _, covered = _merge_cover(grid)
        for (r, c), value in grid.cells.items():
            if (r, c) in covered:
                continue
            cell = sheet.cell(row=r + 1, column=c + 1, value=_py_datetime(value) if isinstance(value, date) else value)
            fmt = grid.fmt.get((r, c))
            if fmt == "date":
                cell.number_format = d["date_num_format"]
            elif fmt == "datetime":
                cell.number_format = "dd/mm/yyyy hh:mm:ss"
            elif fmt == "pct":
                cell.number_format = "0%"
            if isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True)
        for r0, c0, r1, c1 in grid.merges:
            sheet.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
        if grid.hidden:
            sheet.sheet_state = "hidden"
    book.save(str(path))


def _write_xlwt(path: Path, grids: list[Grid], d: dict[str, Any]) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    styles = {"date": xlwt.easyxf(num_format_str=d["date_num_format"].replace("mmmm", "MMMM")),
              "datetime": xlwt.easyxf(num_format_str="dd/mm/yyyy hh:mm:ss"),
              "pct": xlwt.easyxf(num_format_str="0%"),
              None: xlwt.Style.default_style}
    for grid in grids:
        sheet = book.add_sheet(grid.name[:31], cell_overwrite_ok=True)
        tops, covered = _merge_cover(grid)
        for (r, c), value in grid.cells.items():
            if (r, c) in covered:
                continue
            style = styles[grid.fmt.get((r, c))]
            if (r, c) in tops:
                r0, c0, r1, c1 = tops[(r, c)]
                sheet.write_merge(r0, r1, c0, c1, value, style)
            else:
                sheet.write(r, c, value, style)
        for (r0, c0, r1, c1) in grid.merges:
            if (r0, c0) not in grid.cells:
                sheet.write_merge(r0, r1, c0, c1, "")
        if grid.hidden:
            sheet.visibility = 1
    book.save(str(path))


def _write_odf(path: Path, grids: list[Grid], d: dict[str, Any]) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableProperties
    from odf.table import CoveredTableCell, Table as OdfTable, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    hidden_style = Style(name="HiddenTable", family="table")
    hidden_style.addElement(TableProperties(display="false"))
    doc.automaticstyles.addElement(hidden_style)
    for grid in grids:
        table = OdfTable(name=grid.name, stylename=hidden_style) if grid.hidden else OdfTable(name=grid.name)
        tops, covered = _merge_cover(grid)
        for r in range(max(grid.height, 1)):
            row = TableRow()
            for c in range(max(grid.width, 1)):
                if (r, c) in covered:
                    row.addElement(CoveredTableCell())
                    continue
                value = grid.cells.get((r, c))
                fmt = grid.fmt.get((r, c))
                span = {}
                if (r, c) in tops:
                    r0, c0, r1, c1 = tops[(r, c)]
                    span = {"numbercolumnsspanned": c1 - c0 + 1, "numberrowsspanned": r1 - r0 + 1}
                if value is None:
                    cell = TableCell(**span)
                elif isinstance(value, datetime):
                    cell = TableCell(valuetype="date", datevalue=value.strftime("%Y-%m-%dT%H:%M:%S"), **span)
                    cell.addElement(P(text=f"{value:%d/%m/%Y %H:%M:%S}"))
                elif isinstance(value, date):
                    cell = TableCell(valuetype="date", datevalue=value.isoformat(), **span)
                    cell.addElement(P(text=f"{value:%d/%m/%Y}"))
                elif isinstance(value, str):
                    cell = TableCell(valuetype="string", **span)
                    for line in value.split("\n"):
                        cell.addElement(P(text=line))
                elif fmt == "pct":
                    cell = TableCell(valuetype="percentage", value=value, **span)
                    cell.addElement(P(text=f"{value * 100:g}%"))
                else:
                    cell = TableCell(valuetype="float", value=value, **span)
                    cell.addElement(P(text=f"{value:g}"))
                row.addElement(cell)
            table.addElement(row)
        doc.spreadsheet.addElement(table)
    doc.save(str(path))


def _write_csv(path: Path, grids: list[Grid], d: dict[str, Any]) -> None:
    (grid,) = [g for g in grids if not g.hidden]
    dialect = d["csv"]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=dialect["delimiter"], lineterminator=dialect["newline"],
                        quoting=csv.QUOTE_ALL if dialect["quoting"] == "all" else csv.QUOTE_MINIMAL)
    width = grid.width
    for r in range(grid.height):
        row = []
        for c in range(width):
            value = grid.cells.get((r, c))
            row.append("" if value is None else value if isinstance(value, str) else f"{value:g}" if isinstance(value, float) else str(value))
        writer.writerow(row)
    encoding = dialect["encoding"]
    data = out.getvalue().encode("utf-8" if encoding == "utf-8-sig" else encoding)
    path.write_bytes((b"\xef\xbb\xbf" if encoding == "utf-8-sig" else b"") + data)


# ====================================================================================================
# Features for reports: flat "feature=value" pairs of a descriptor
# ====================================================================================================

SCALAR_SKIP = {"id", "kind", "file_name", "title", "headers", "columns", "groups", "sheets", "area_words", "channel_words",
               "status_words", "csv", "sheet_name", "unit_name", "recurring_word", "zero_word", "done_word"}


def features(d: dict[str, Any]) -> dict[str, str]:
    """The descriptor's layout features as flat strings, for counting which ones failures share."""
    out: dict[str, str] = {}
    for k, v in d.items():
        if k in SCALAR_SKIP or isinstance(v, (dict, list)):
            continue
        out[k] = str(v)
    if d.get("csv"):
        for k, v in d["csv"].items():
            out[f"csv_{k}"] = repr(v)
    out["done_word"] = "yes" if d.get("done_word") else "no"
    out["title_has_unit"] = str(any(d["unit_name"].upper() in line.upper() for line in _all_titles(d)))
    out["two_row_groups"] = "+".join(sorted(g["parent"].replace("\n", " ") for g in _all_groups(d))) or "-"
    for c in _all_columns(d):
        out[f"has_{c.split(':')[0]}"] = "yes"
    headers = {c: h for s in d["sheets"] for c, h in s["headers"].items()} if d["kind"] == "survey" else d["headers"]
    for c, h in headers.items():
        if ":" not in c:  # survey questions are covered by their style
            out[f"header_{c}"] = " ".join(h.split()).lower()
    return out


def _all_titles(d: dict[str, Any]) -> list[str]:
    return [x for s in d["sheets"] for x in s["title"]] if d["kind"] == "survey" else d["title"]


def _all_groups(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [g for s in d["sheets"] for g in s["groups"]] if d["kind"] == "survey" else d["groups"]


def _all_columns(d: dict[str, Any]) -> list[str]:
    return [c for s in d["sheets"] for c in s["columns"]] if d["kind"] == "survey" else d["columns"]


def describe(d: dict[str, Any]) -> str:
    """The descriptor as readable JSON (for assertion messages)."""
    return json.dumps(d, ensure_ascii=False, indent=1, default=str)


__all__ = ["KINDS", "UNIT_KEY", "EXPECTED", "variants", "write_variant", "expected", "features", "describe", "layout_key"]
