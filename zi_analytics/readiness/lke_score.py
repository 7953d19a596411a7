"""Score an uploaded LKE sheet: question values, sub-indicators, areas and the Hasil rows, unrounded.

Weights come from the sheet's Bobot column, else from the regulation's sub-indicator table by position.
Where the sheet carries its own Nilai, it is compared with ours and every difference is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

import pandas as pd

from ..normalize.numbers import parse_number
from ..normalize.text import fold
from ..rules import AREA_KEYS, AREA_LABELS
from ..rules.regulation import Regulation
from .answers import answer_value, options_type
from .trace import Trace

PENGUNGKIT_SECTIONS = ("pemenuhan", "reform")
TOLERANCE = 0.005  # sheets show values rounded to 2 decimals
HASIL_PARTS = {"ipak": ("korupsi",), "capaian_kinerja": ("capaian kinerja",), "ipkp": ("kualitas pelayanan", "pelayanan")}
QUESTION_COLUMNS = ["path", "section", "area", "sub_indicator", "label", "answer", "answer_type", "value", "sheet_value",
                    "evidence", "issue", "file", "sheet", "row"]


@dataclass
class LkeScore:
    areas: dict[str, dict[str, float]]
    hasil: dict[str, float | None]
    questions: pd.DataFrame
    differences: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    trace: list[Trace] = field(default_factory=list)

    @property
    def unanswered(self) -> pd.DataFrame:
        return self.questions.loc[self.questions["issue"] == "tanpa jawaban"]

    @property
    def without_evidence(self) -> pd.DataFrame:
        answered = self.questions["issue"] != "tanpa jawaban"
        return self.questions.loc[answered & (self.questions["evidence"] == "")]


def _children(frame: pd.DataFrame, path: str, level: str) -> pd.DataFrame:
    return frame.loc[(frame["level"] == level) & frame["path"].str.startswith(path + "/")]


def _weight(row: pd.Series) -> float | None:
    weight = row["weight"]
    return float(weight) if weight is not None and not pd.isna(weight) and float(weight) > 0 else None


def score_lke(lke: pd.DataFrame, regulation: Regulation, answers: dict[str, Any] | None = None) -> LkeScore:
    """Score one unit's LKE rows; `answers` (path -> answer) replaces sheet answers for a what-if."""
    answers = answers or {}
    questions: list[dict[str, Any]] = []
    differences: list[dict[str, Any]] = []
    notes: list[str] = []
    trace: list[Trace] = []
    areas = {key: {"pemenuhan": 0.0, "reform": 0.0} for key in AREA_KEYS}
    for section in PENGUNGKIT_SECTIONS:
        for area in AREA_KEYS:
            area_rows = lke.loc[(lke["level"] == "area") & (lke["section"] == section) & (lke["area"] == area)]
            if area_rows.empty:
                notes.append(f"LKE: area {AREA_LABELS[area]} ({section}) tidak ditemukan; nilainya 0.")
                continue
            area_row = area_rows.iloc[0]
            table = regulation.sub_indicator_table(section, area)
            subs = _children(lke, area_row["path"], "sub_indicator")
            total = 0.0
            for position, (_, sub) in enumerate(subs.iterrows()):
                spec = table[position] if position < len(table) else None
                weight = _weight(sub) or (spec.weight if spec else None)
                if weight is None:
                    notes.append(f"LKE baris {sub['row']}: bobot sub-indikator '{sub['label']}' tidak ada di file maupun aturan; nilainya 0.")
                    continue
                rows = _children(lke, sub["path"], "question")
                if rows.empty and (sub["answer"] or sub["value"] is not None):
                    rows = sub.to_frame().T  # answers written on the sub-indicator row itself
                values = []
                for index, (_, q) in enumerate(rows.iterrows()):
                    kind = options_type(q["options"]) or (spec.answers[index] if spec and index < len(spec.answers) else None)
                    answer = answers.get(q["path"], q["answer"])
                    value = answer_value(answer, kind, regulation)
                    issue = "" if value is not None else ("tanpa jawaban" if not str(answer or "").strip() else "jawaban tidak terbaca")
                    questions.append({"path": q["path"], "section": section, "area": area, "sub_indicator": sub["label"],
                                      "label": q["label"], "answer": str(answer or ""), "answer_type": kind or "",
                                      "value": value if value is not None else 0.0, "sheet_value": q["value"],
                                      "evidence": q["evidence"] or "", "issue": issue, "file": q["file"], "sheet": q["sheet"], "row": q["row"]})
                    values.append(value if value is not None else 0.0)
                    _compare(differences, "pertanyaan", q, values[-1])
                score = fmean(values) * weight if values else 0.0
                _compare(differences, "sub-indikator", sub, score)
                trace.append(Trace(f"{section}/{area}/{sub['path']}", score, "rata-rata nilai pertanyaan × bobot",
                                   {"nilai": values, "bobot": weight, "bobot_dari": "file" if _weight(sub) else "aturan"}))
                total += score
            areas[area][section] = total
            _compare(differences, "area", area_row, total)
    hasil = _hasil(lke, regulation, differences, trace)
    frame = pd.DataFrame.from_records(questions, columns=QUESTION_COLUMNS)
    return LkeScore(areas, hasil, frame, differences, notes, trace)


def _compare(differences: list[dict[str, Any]], level: str, row: pd.Series, computed: float) -> None:
    sheet = row["value"]
    if sheet is None or pd.isna(sheet):
        return
    if abs(float(sheet) - computed) > TOLERANCE:
        differences.append({"level": level, "path": row["path"], "label": row["label"], "row": row["row"],
                            "computed": computed, "sheet": float(sheet), "difference": computed - float(sheet)})


def _hasil(lke: pd.DataFrame, regulation: Regulation, differences: list[dict[str, Any]], trace: list[Trace]) -> dict[str, float | None]:
    """Points of the Hasil parts written in the LKE (survey indices, capaian kinerja); None where absent."""
    hasil_rows = lke.loc[lke["section"].isin(["bersih_akuntabel", "pelayanan_prima"]) | lke["component"].str.contains("hasil")]
    found: dict[str, float | None] = {"ipak": None, "capaian_kinerja": None, "ipkp": None}
    for _, row in hasil_rows.loc[hasil_rows["level"] == "area"].iterrows():
        label = fold(row["label"])
        part = next((p for p, words in HASIL_PARTS.items() if found[p] is None and any(w in label for w in words)), None)
        if part is None:
            continue
        maximum = getattr(regulation.hasil, part)
        below = lke.loc[lke["path"].str.startswith(row["path"] + "/")]
        raw = next((a for a in below["answer"] if a), row["answer"] or "")
        points = _hasil_points(part, raw, maximum, regulation)
        source = "jawaban"
        if points is None and row["value"] is not None and not pd.isna(row["value"]):
            points, source = min(float(row["value"]), maximum), "nilai di file"
        if points is None:
            continue
        found[part] = points
        _compare(differences, "hasil", row, points)
        trace.append(Trace(part, points, "indeks / 4 × bobot (maks. bobot)" if part != "capaian_kinerja" else "nilai capaian × bobot",
                           {"jawaban": raw, "bobot": maximum, "sumber": source, "baris": row["row"]}))
    return found


def _hasil_points(part: str, raw: Any, maximum: float, regulation: Regulation) -> float | None:
    number = parse_number(str(raw).replace("%", "").strip()) if raw not in (None, "") else None
    if part in ("ipak", "ipkp"):
        if number is None or number > regulation.hasil.survey_index_max:
            return None
        return min(number / regulation.hasil.survey_index_max, 1.0) * maximum
    if number is None:
        return None
    fraction = number / 100.0 if ("%" in str(raw) or number > 1) else number
    return min(1.0, max(0.0, fraction)) * maximum
