"""Write LKE self-assessment sheets in the published layout (codes spread over columns A–E)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import write_xlsx

from zi_analytics.rules import AREA_KEYS
from zi_analytics.rules.regulation import load_regulation

HEADER = ["", "", "", "", "", "KOMPONEN / SUB KOMPONEN / INDIKATOR", "BOBOT", "PILIHAN JAWABAN", "JAWABAN", "NILAI", "EVIDEN"]
AREA_TITLES = ["MANAJEMEN PERUBAHAN", "PENATAAN TATALAKSANA", "PENATAAN SISTEM MANAJEMEN SDM",
               "PENGUATAN AKUNTABILITAS KINERJA", "PENGUATAN PENGAWASAN", "PENINGKATAN KUALITAS PELAYANAN PUBLIK"]
OPTIONS = {"Y": "Ya/Tidak", "3": "A/B/C", "4": "A/B/C/D", "5": "A/B/C/D/E", "%": "%"}
BEST = {"Y": "Ya", "3": "A", "4": "A", "5": "A", "%": "100%"}
WORST = {"Y": "Tidak", "3": "C", "4": "D", "5": "E", "%": "0%"}


def lke_rows(unit: str, answer: Any, hasil: dict[str, Any] | None = None, evidence: str = "ada") -> list[list[Any]]:
    """Every 90/2021 sub-indicator and question; `answer(section, area, sub_index, q_index, type)` gives each answer."""
    reg = load_regulation("90/2021")
    rows: list[list[Any]] = [["LEMBAR KERJA EVALUASI ZONA INTEGRITAS MENUJU WBK/WBBM"], [unit], ["TAHUN 2026"], [], HEADER,
                             ["A", "", "", "", "", "KOMPONEN PENGUNGKIT", 60]]
    for roman, section in (("I", "pemenuhan"), ("II", "reform")):
        rows.append(["", roman, "", "", "", section.upper(), 30])
        for number, (area, title) in enumerate(zip(AREA_KEYS, AREA_TITLES), start=1):
            rows.append(["", "", str(number), "", "", title, getattr(reg.pengungkit, section)[area]])
            for s_index, sub in enumerate(reg.sub_indicator_table(section, area)):
                rows.append(["", "", "", ["i", "ii", "iii", "iv", "v", "vi"][s_index], "", sub.label, sub.weight])
                for q_index, kind in enumerate(sub.answers):
                    rows.append(["", "", "", "", "abcdefgh"[q_index], f"Pertanyaan {q_index + 1} {sub.label}", "",
                                 OPTIONS[kind], answer(section, area, s_index, q_index, kind), "", evidence])
    if hasil:
        rows += [["B", "", "", "", "", "HASIL", 40],
                 ["", "I", "", "", "", "BIROKRASI YANG BERSIH DAN AKUNTABEL", 22.5],
                 ["", "", "1", "", "", "Nilai Survei Persepsi Korupsi (Survei Eksternal)", 17.5],
                 ["", "", "", "i", "", "Indeks Persepsi Anti Korupsi", "", "Indeks 0-4", hasil.get("ipak", "")],
                 ["", "", "2", "", "", "Capaian Kinerja Lebih Baik dibanding Capaian Kinerja Sebelumnya", 5],
                 ["", "", "", "i", "", "Persentase capaian kinerja", "", "%", hasil.get("capaian", "")],
                 ["", "II", "", "", "", "PELAYANAN PUBLIK YANG PRIMA", 17.5],
                 ["", "", "1", "", "", "Nilai Persepsi Kualitas Pelayanan (Survei Eksternal)", 17.5],
                 ["", "", "", "i", "", "Indeks Persepsi Kualitas Pelayanan", "", "Indeks 0-4", hasil.get("ipkp", "")]]
    return rows


def write_lke(path: Path, unit: str, answer: Any, hasil: dict[str, Any] | None = None, **kwargs: Any) -> Path:
    return write_xlsx(path, {"LKE": lke_rows(unit, answer, hasil, **kwargs)})
