"""The dashboard's tables with Indonesian headers and formats (1.234,5; 15 Okt 2025), for pages and exports.

Input frames come from `zi_analytics.views`; personal data is already masked there. Each table is built once:
with its figures as text for a page, or (`typed=True`) as numbers, `fmt.Percent` and dates for a spreadsheet,
which shows them in its own Indonesian formats and can sum and sort them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import formatting as fmt
from ..views.areas import STATUS_LABELS

READY_LABELS = {"wbbm": "Siap WBBM", "wbk": "Siap WBK", "none": "Belum siap"}


def _num(value: Any, decimals: int = 2) -> str:
    return "–" if value is None or pd.isna(value) else fmt.number(value, decimals)


def _pct(value: Any, decimals: int = 1) -> str:
    return "–" if value is None or pd.isna(value) else fmt.percent(value, decimals)


def _day(value: Any) -> str:
    return "–" if value is None or pd.isna(value) else fmt.short_date(value)


def _whole(value: Any) -> str:
    return "–" if value is None or pd.isna(value) else fmt.number(int(value), 0)


SHOWN = {"num": _num, "pct": _pct, "day": _day, "whole": _whole}


def _kept(kind: str) -> Any:
    def keep(value: Any) -> Any:
        if value is None or pd.isna(value):
            return None
        if kind == "pct":
            return fmt.Percent(value)
        if kind == "whole":
            return int(value)
        return value
    return keep


def _table(columns: dict[str, Any], formats: dict[str, str], typed: bool) -> pd.DataFrame:
    """The columns named in `formats` ("num", "pct", "day", "whole") as text, or kept as values when `typed`."""
    frame = pd.DataFrame(columns)
    for header, kind in formats.items():
        convert = _kept(kind) if typed else SHOWN[kind]
        frame[header] = pd.Series([convert(v) for v in frame[header]], index=frame.index, dtype=object)
    return frame


def activities(table: pd.DataFrame, typed: bool = False) -> pd.DataFrame:
    return _table({
        "Area": table["area_label"], "Kegiatan": table["activity"], "PIC": table["pic"],
        "Tenggat": table["target_date"], "Progres": table["progress"], "Status": table["status"].map(STATUS_LABELS),
        "Terlambat (hari)": table["days_overdue"], "Bukti": table["evidence"],
    }, {"Tenggat": "day", "Progres": "pct", "Terlambat (hari)": "whole"}, typed)


def areas(table: pd.DataFrame, typed: bool = False) -> pd.DataFrame:
    return _table({
        "Area": table["area_label"], "Progres": table["pct"], "Minimum WBK": table["wbk_min"],
        "Minimum WBBM": table["wbbm_min"], "Kegiatan": table["activities"], "Selesai": table["done"],
        "Lewat tenggat": table["overdue"],
    }, {"Progres": "pct", "Minimum WBK": "pct", "Minimum WBBM": "pct"}, typed)


def innovations(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Inovasi": table["name"], "Area": table["area_label"], "Status": table["status_label"],
                         "Diluncurkan": table["launched"], "Deskripsi": table["description"], "Tautan bukti": table["evidence"]})


def innovations_per_area(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Area": table["area_label"], "Inovasi": table["total"], "Berjalan": table["berjalan"],
                         "Uji coba": table["uji_coba"], "Ide": table["ide"], "Dihentikan": table["dihentikan"]})


def peers(table: pd.DataFrame, shown: Any) -> pd.DataFrame:
    """Peers for one gap; `shown` writes the gap's figure (a percentage or an index)."""
    return pd.DataFrame({"Unit": table["unit"], "Kanwil": table["kanwil"].replace("", "–"),
                         "Nilai": [shown(v) for v in table["value"]], "Predikat": table["held"].replace("", "–")})


def learning_pairs(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Area": table["area_label"], "Unit yang belajar": table["learner"],
                         "Nilai area": [fmt.percent(v) for v in table["learner_pct"]], "Belajar ke": table["host"],
                         "Nilai area tuan rumah": [fmt.percent(v) for v in table["host_pct"]]})


def learning_matrix(matrix: pd.DataFrame, strongest: pd.DataFrame) -> pd.DataFrame:
    """Each cell as a percentage, '★' before the area's strongest units."""
    return pd.DataFrame({column: [("★ " if star else "") + fmt.percent(value) for value, star in zip(matrix[column], strongest[column])]
                         for column in matrix.columns}, index=matrix.index)


def workload(table: pd.DataFrame, typed: bool = False) -> pd.DataFrame:
    return _table({"PIC": table["pic"], "Kegiatan": table["activities"], "Belum selesai": table["unfinished"],
                   "Lewat tenggat": table["overdue"], "Rata-rata progres": table["mean_progress"]},
                  {"Rata-rata progres": "pct"}, typed)


def unsur(table: pd.DataFrame, typed: bool = False) -> pd.DataFrame:
    return _table({"Unsur": table["unsur"] + " " + table["label"], "NRR (1–4)": table["nrr"],
                   "Nilai (25–100)": table["index"], "Mutu": table["grade"]},
                  {"NRR (1–4)": "num", "Nilai (25–100)": "num"}, typed)


def perception(table: pd.DataFrame, typed: bool = False) -> pd.DataFrame:
    """On a page the points read "12,50 dari 15,00"; in a spreadsheet they are two numbers."""
    points = ({"Nilai": table["points"], "Nilai maksimal": table["max_points"]} if typed else
              {"Nilai": [f"{_num(p)} dari {_num(m)}" for p, m in zip(table["points"], table["max_points"])]})
    return _table({
        "Survei": table["label"], "Responden": table["respondents"], "Indeks (skala 4)": table["index_4"], **points,
        "Minimum WBK (indeks)": table["wbk_min_index"], "Minimum WBBM (indeks)": table["wbbm_min_index"],
        "WBK": table["meets_wbk"].map({True: "✓ Memenuhi", False: "✗ Belum"}),
        "WBBM": table["meets_wbbm"].map({True: "✓ Memenuhi", False: "✗ Belum"}),
    }, {"Indeks (skala 4)": "num", "Minimum WBK (indeks)": "num", "Minimum WBBM (indeks)": "num"}
        | ({"Nilai": "num", "Nilai maksimal": "num"} if typed else {}), typed)


def survey_trend(table: pd.DataFrame, typed: bool = False) -> pd.DataFrame:
    return _table({"Survei": table["label"], "Periode": table["period"].map(fmt.period_label), "Nilai": table["value"],
                   "Responden": table["respondents"]}, {"Nilai": "num"}, typed)


def backlog(table: pd.DataFrame, typed: bool = False) -> pd.DataFrame:
    return _table({
        "Diterima": table["received_date"], "Umur (hari)": table["age_days"],
        "Kategori": table["category"], "Saluran": table["channel"], "Status": table["status"],
        "Pelapor": table["complainant"], "Uraian": table["description"],
    }, {"Diterima": "day", "Umur (hari)": "whole"}, typed)


LEAGUE_FIRST = ("Peringkat", "Unit", "Predikat", "Status", "Nilai total", "Dasar", "Kriteria WBK belum", "Progres RA")


def league(table: pd.DataFrame, typed: bool = False) -> pd.DataFrame:
    """A sample unit's name carries "(contoh)"; a total on an estimate (no LKE uploaded) reads "Perkiraan" in Dasar.
    `LEAGUE_FIRST` are the columns that fit a 1366-pixel screen."""
    names = [f"{name} (contoh)" if sample else name for name, sample in
             zip(table["unit"], table["sample"] if "sample" in table else [False] * len(table))]
    return _table({
        "Peringkat": table["rank"], "Unit": names,
        "Predikat": table["held"].replace("", "–") if "held" in table else "–",
        "Status": table["status"].map(READY_LABELS),
        "Nilai total": table["total"], "Pengungkit": table["pengungkit"], "Hasil": table["hasil"],
        "Kriteria WBK belum": table["wbk_failing"], "Progres RA": table["progress"],
        "IKM": table["ikm"], "IPAK": table["ipak"], "IPKP": table["ipkp"],
        "Pengaduan selesai": table["complaints_resolved"],
        "Dasar": table["basis"].map({"lke": "LKE", "estimate": "Perkiraan"}),
    }, {"Nilai total": "num", "Pengungkit": "num", "Hasil": "num", "Progres RA": "pct", "IKM": "num", "IPAK": "num",
        "IPKP": "num", "Pengaduan selesai": "pct"}, typed)


def kanwil_summary(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Kanwil": table["kanwil"], "Unit terdaftar": table["declared"], "Ada data": table["with_data"],
                         "Siap WBK": table["wbk"], "Siap WBBM": table["wbbm"], "Data lama / belum unggah": table["stale"]})


def freshness(table: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    out = pd.DataFrame({"Unit": table["unit"]})
    for kind, label in labels.items():
        out[label] = [("✗ belum unggah" if state == "belum unggah" else f"{'⚠ ' if state == 'lama' else ''}{_day(day)}")
                      for day, state in zip(table[kind], table[f"{kind}_state"])]
    out["Keadaan"] = table["state"].map({"belum unggah": "Belum unggah", "lama": "Data lama", "baru": "Terkini"})
    return out

