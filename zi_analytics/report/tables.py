"""The dashboard's tables with Indonesian headers and formats (1.234,5; 15 Okt 2025), for pages and exports.

Input frames come from `zi_analytics.views`; personal data is already masked there.
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


def activities(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Area": table["area_label"], "Kegiatan": table["activity"], "PIC": table["pic"],
        "Tenggat": table["target_date"].map(_day), "Progres": table["progress"].map(_pct),
        "Status": table["status"].map(STATUS_LABELS),
        "Terlambat (hari)": table["days_overdue"].map(lambda d: "–" if pd.isna(d) else fmt.number(int(d), 0)),
        "Bukti": table["evidence"],
    })


def areas(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Area": table["area_label"], "Progres": table["pct"].map(_pct), "Minimum WBK": table["wbk_min"].map(_pct),
        "Minimum WBBM": table["wbbm_min"].map(_pct), "Kegiatan": table["activities"], "Selesai": table["done"],
        "Lewat tenggat": table["overdue"],
    })


def workload(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"PIC": table["pic"], "Kegiatan": table["activities"], "Belum selesai": table["unfinished"],
                         "Lewat tenggat": table["overdue"], "Rata-rata progres": table["mean_progress"].map(_pct)})


def unsur(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Unsur": table["unsur"] + " " + table["label"], "NRR (1–4)": table["nrr"].map(_num),
                         "Nilai (25–100)": table["index"].map(_num), "Mutu": table["grade"]})


def perception(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Survei": table["label"], "Responden": table["respondents"], "Indeks (skala 4)": table["index_4"].map(_num),
        "Nilai": [f"{_num(p)} dari {_num(m)}" for p, m in zip(table["points"], table["max_points"])],
        "Minimum WBK (indeks)": table["wbk_min_index"].map(_num), "Minimum WBBM (indeks)": table["wbbm_min_index"].map(_num),
        "WBK": table["meets_wbk"].map({True: "✓ Memenuhi", False: "✗ Belum"}),
        "WBBM": table["meets_wbbm"].map({True: "✓ Memenuhi", False: "✗ Belum"}),
    })


def survey_trend(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Survei": table["label"], "Periode": table["period"],
                         "Nilai": [_num(v) for v in table["value"]], "Responden": table["respondents"]})


def backlog(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Diterima": table["received_date"].map(_day), "Umur (hari)": table["age_days"].map(lambda d: "–" if pd.isna(d) else fmt.number(int(d), 0)),
        "Kategori": table["category"], "Saluran": table["channel"], "Status": table["status"],
        "Pelapor": table["complainant"], "Uraian": table["description"],
    })


def league(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Peringkat": table["rank"], "Unit": table["unit"], "Status": table["status"].map(READY_LABELS),
        "Nilai total": table["total"].map(_num), "Pengungkit": table["pengungkit"].map(_num), "Hasil": table["hasil"].map(_num),
        "Kriteria WBK belum": table["wbk_failing"], "Progres RA": table["progress"].map(_pct),
        "IKM": table["ikm"].map(_num), "IPAK": table["ipak"].map(_num), "IPKP": table["ipkp"].map(_num),
        "Pengaduan selesai": table["complaints_resolved"].map(_pct),
        "Dasar": table["basis"].map({"lke": "LKE", "estimate": "Perkiraan"}),
    })


def freshness(table: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    out = pd.DataFrame({"Unit": table["unit"]})
    for kind, label in labels.items():
        out[label] = [("✗ belum unggah" if state == "belum unggah" else f"{'⚠ ' if state == 'lama' else ''}{_day(day)}")
                      for day, state in zip(table[kind], table[f"{kind}_state"])]
    out["Keadaan"] = table["state"].map({"belum unggah": "Belum unggah", "lama": "Data lama", "baru": "Terkini"})
    return out

