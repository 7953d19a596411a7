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


ARRANGEMENTS = ("columns", "in_label", "one_column", "running", "mixed")


def arranged(rows: list[list[Any]], arrangement: str) -> list[list[Any]]:
    """The same LKE in another published arrangement of its hierarchy codes:

    - columns: each level's code in its own column A–E (as `lke_rows` writes it);
    - in_label: the code written at the start of the label ("1. MANAJEMEN PERUBAHAN", "a. Pertanyaan …");
    - one_column: one code column for every level ("A.", "I.", "1.", "i.", "a.");
    - running: a running row number first, codes in their columns, `-` for a sub-indicator's single question;
    - mixed: codes in their columns down to the area, in the label below it.
    """
    header_at = next(i for i, r in enumerate(rows) if r[:1] == [""] and len(r) > 6 and r[5] == HEADER[5])
    out = [list(r) for r in rows[:header_at]]
    header = list(rows[header_at])
    body = [list(r) + [""] * (len(HEADER) - len(r)) for r in rows[header_at + 1:]]
    if arrangement == "columns":
        return rows
    if arrangement == "running":
        out.append(["NO"] + header)
        singles = _single_questions(body)
        for number, r in enumerate(body, start=1):
            out.append([number] + (r[:4] + ["-"] + r[5:] if number - 1 in singles else r))
        return out
    out.append(["KODE"] + header[5:] if arrangement == "one_column" else [""] * 4 + header[4:] if arrangement == "mixed" else header[5:])
    for r in body:
        codes = [c for c in r[:5] if str(c).strip()]
        code = str(codes[0]) if codes else ""
        level = next((i for i, c in enumerate(r[:5]) if str(c).strip()), 5)
        rest = r[5:]
        if arrangement == "one_column":
            out.append([f"{code}." if code else ""] + rest)
        elif arrangement == "in_label":
            out.append([f"{code}. {rest[0]}" if code else rest[0]] + rest[1:])
        else:  # mixed: columns down to the area, in the label below it
            if level <= 2:
                out.append(r[:4] + [""] + rest)
            else:
                out.append([""] * 5 + [f"{code}. {rest[0]}" if code else rest[0]] + rest[1:])
    return out


def _single_questions(body: list[list[Any]]) -> set[int]:
    """Positions of questions that are their sub-indicator's only one."""
    singles = set()
    for i, r in enumerate(body):
        if str(r[4]).strip() == "a":
            nxt = body[i + 1] if i + 1 < len(body) else None
            if nxt is None or not str(nxt[4]).strip():
                singles.add(i)
    return singles


def write_lke(path: Path, unit: str, answer: Any, hasil: dict[str, Any] | None = None, arrangement: str = "columns",
              **kwargs: Any) -> Path:
    return write_xlsx(path, {"LKE": arranged(lke_rows(unit, answer, hasil, **kwargs), arrangement)})
