"""Score an uploaded LKE sheet: question values, sub-indicators, areas and the Hasil rows, unrounded.

A sub-indicator scores the mean of its questions' values times its weight, or the sum of its weighted parts
(LHKPN and LHKASN under one sub-indicator) each scored so. Weights come from the sheet's Bobot column, else
from the regulation's sub-indicator found by its label (by position when no label fits). A question's answer
type comes from its criteria, then its options label, then the regulation. Where the sheet carries its own
Nilai, it is compared with ours and every difference is reported with its likely cause.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

import pandas as pd
from rapidfuzz import fuzz

from ..normalize.numbers import parse_number
from ..normalize.text import fold
from ..rules import AREA_KEYS, AREA_LABELS, lke_rules
from ..rules.regulation import Regulation, SubIndicator
from .answers import answer_value, criteria_type, options_type
from .trace import Trace

PENGUNGKIT_SECTIONS = ("pemenuhan", "reform")
TOLERANCE = 0.005  # sheets show values rounded to 2 decimals
LABEL_MATCH = 80  # a sub-indicator is the regulation's item whose label it matches this well (0–100)
QUESTION_COLUMNS = ["path", "section", "area", "sub_indicator", "label", "answer", "answer_type", "value", "sheet_value",
                    "evidence", "issue", "file", "sheet", "row"]
UNANSWERED, UNREADABLE = "tanpa jawaban", "jawaban tidak terbaca"


@dataclass
class LkeScore:
    areas: dict[str, dict[str, float]]
    hasil: dict[str, float | None]
    questions: pd.DataFrame
    differences: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    trace: list[Trace] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # "pemenuhan/manajemen_perubahan": areas not in the sheet

    @property
    def unanswered(self) -> pd.DataFrame:
        return self.questions.loc[self.questions["issue"] == UNANSWERED]

    @property
    def without_evidence(self) -> pd.DataFrame:
        answered = self.questions["issue"] != UNANSWERED
        return self.questions.loc[answered & (self.questions["evidence"] == "")]

    @property
    def answered(self) -> int:
        return int((self.questions["issue"] != UNANSWERED).sum()) if len(self.questions) else 0

    @property
    def status(self) -> str:
        """'kosong' (no question answered: no score), 'sebagian' (some unanswered), 'lengkap'."""
        if not self.answered:
            return "kosong"
        return "sebagian" if len(self.unanswered) or self.missing else "lengkap"


def _children(frame: pd.DataFrame, path: str, level: str) -> pd.DataFrame:
    """The rows of `level` directly under `path` (a part's questions are not its sub-indicator's)."""
    rows = frame.loc[frame["level"] == level]
    return rows.loc[rows["path"].map(lambda p: p.rpartition("/")[0] == path)]


def _weight(row: pd.Series) -> float | None:
    weight = row["weight"]
    return float(weight) if weight is not None and not pd.isna(weight) and float(weight) > 0 else None


def _spec(row: pd.Series, table: list[SubIndicator], position: int, count: int) -> SubIndicator | None:
    """The regulation's sub-indicator a sheet row is: by label, else by position when the sheet has as many."""
    label = fold(row["label"])
    best = max(table, key=lambda s: fuzz.token_set_ratio(label, fold(s.label)), default=None)
    if best is not None and fuzz.token_set_ratio(label, fold(best.label)) >= LABEL_MATCH:
        return best
    return table[position] if count == len(table) and position < len(table) else None


class _Scorer:
    def __init__(self, lke: pd.DataFrame, regulation: Regulation, answers: dict[str, Any]) -> None:
        self.lke, self.regulation, self.answers = lke, regulation, answers
        self.questions: list[dict[str, Any]] = []
        self.differences: list[dict[str, Any]] = []
        self.notes: list[str] = []
        self.trace: list[Trace] = []

    def area(self, section: str, area: str, area_row: pd.Series) -> float:
        table = self.regulation.sub_indicator_table(section, area)
        subs = _children(self.lke, area_row["path"], "sub_indicator")
        total = 0.0
        for position, (_, sub) in enumerate(subs.iterrows()):
            spec = _spec(sub, table, position, len(subs))
            parts = _children(self.lke, sub["path"], "part")
            weight = _weight(sub) or (spec.weight if spec else None)
            if len(parts):
                score = sum(self.node(part, section, area, _weight(part) or (weight or 0.0) / len(parts),
                                      _spec(part, table, -1, 0), sub["label"]) for _, part in parts.iterrows())
                self.trace.append(Trace(f"{section}/{area}/{sub['path']}", score, "jumlah nilai bagian-bagiannya",
                                        {"bagian": len(parts), "bobot": weight}))
            elif weight is None:
                self.notes.append(f"LKE baris {sub['row']}: bobot sub-indikator '{sub['label']}' tidak ada di file maupun aturan; nilainya 0.")
                continue
            else:
                score = self.node(sub, section, area, weight, spec, sub["label"])
            self.compare("sub-indikator", sub, score)
            total += score
        self.compare("area", area_row, total)
        return total

    def node(self, node: pd.Series, section: str, area: str, weight: float, spec: SubIndicator | None,
             sub_label: str) -> float:
        """Mean of the node's question values times its weight."""
        rows = _children(self.lke, node["path"], "question")
        if rows.empty and (node["answer"] or node["value"] is not None and not pd.isna(node["value"])):
            rows = node.to_frame().T  # answers written on the sub-indicator row itself
        values = []
        for index, (_, q) in enumerate(rows.iterrows()):
            value = self.question(q, index, spec, section, area, sub_label)
            values.append(value if value is not None else 0.0)
        score = fmean(values) * weight if values else 0.0
        if node["level"] == "part":
            self.compare("bagian", node, score)
        self.trace.append(Trace(f"{section}/{area}/{node['path']}", score, "rata-rata nilai pertanyaan × bobot",
                                {"nilai": values, "bobot": weight, "bobot_dari": "file" if _weight(node) else "aturan"}))
        return score

    def question(self, q: pd.Series, index: int, spec: SubIndicator | None, section: str, area: str,
                 sub_label: str) -> float | None:
        kind = self.answer_type(q, spec, index)
        answer = self.answers.get(q["path"], q["answer"])
        if kind == "%" and not str(answer or "").strip() and q["path"] not in self.answers:
            answer = self.from_counts(q)
        value = answer_value(answer, kind, self.regulation)
        issue = "" if value is not None else (UNANSWERED if not str(answer or "").strip() else UNREADABLE)
        self.questions.append({"path": q["path"], "section": section, "area": area, "sub_indicator": sub_label,
                               "label": q["label"], "answer": str(answer if answer is not None else ""),
                               "answer_type": kind or "", "value": value if value is not None else 0.0,
                               "sheet_value": q["value"], "evidence": q["evidence"] or "", "issue": issue,
                               "file": q["file"], "sheet": q["sheet"], "row": q["row"]})
        self.compare("pertanyaan", q, value if value is not None else 0.0)
        return value

    def answer_type(self, q: pd.Series, spec: SubIndicator | None, index: int) -> str | None:
        """From the criteria when they count the options, else the options label, else the regulation."""
        labelled = options_type(q["options"])
        counted = criteria_type(q.get("criteria", "") or "")
        if counted and labelled and counted != labelled and labelled != "%":
            self.notes.append(f"LKE baris {q['row']}: pilihan jawaban tertulis '{q['options']}', kriterianya "
                              f"{_type_words(counted)}; dinilai menurut kriteria.")
            return counted
        return labelled or counted or (spec.answers[index] if spec and index < len(spec.answers) else None)

    def from_counts(self, q: pd.Series) -> float | None:
        """A percentage item's value from its count rows ("Jumlah yang harus …", "Jumlah yang sudah …"), by the
        formula the rules give the item."""
        counts = self.lke.loc[(self.lke["level"] == "detail") & self.lke["path"].str.startswith(q["path"] + "/")]
        if counts.empty:
            return None
        roles: dict[str, float] = {}
        numbers = []
        for _, row in counts.iterrows():
            number = parse_number(row["answer"])
            if number is None:
                continue
            numbers.append(number)
            role = _count_role(row["label"])
            if role and role not in roles:
                roles[role] = number
        label = fold(q["label"])
        formula = next((item.formula for item in lke_rules().percentage_items if any(w in label for w in item.contains)), "share")
        if formula == "reduction" and "last_year" in roles and "this_year" in roles:
            last, this = roles["last_year"], roles["this_year"]
            share = (1.0 if this == 0 else 0.0) if last == 0 else (last - this) / last
        elif "required" in roles and "done" in roles:
            share = roles["done"] / roles["required"] if roles["required"] else None
        elif len(numbers) >= 2 and numbers[0]:
            share = numbers[-1] / numbers[0]
        else:
            return None
        if share is None:
            return None
        share = min(1.0, max(0.0, share))
        self.trace.append(Trace(f"persen:{q['path']}", share, f"dari baris jumlah ({formula})", {"jumlah": roles or numbers}))
        return share

    def compare(self, level: str, row: pd.Series, computed: float) -> None:
        sheet = row["value"]
        if sheet is None or pd.isna(sheet):
            return
        if abs(float(sheet) - computed) > TOLERANCE:
            self.differences.append({"level": level, "path": row["path"], "label": row["label"], "row": row["row"],
                                     "computed": computed, "sheet": float(sheet), "difference": computed - float(sheet),
                                     "cause": self.cause(row, float(sheet))})

    def cause(self, row: pd.Series, sheet: float) -> str:
        """The likely reason the sheet's own value differs: a formula that takes one part twice and leaves out
        another, one that sums instead of averaging, or a value typed over the formula."""
        parts = _children(self.lke, row["path"], "part")
        weight = _weight(row)
        if len(parts) >= 2 and weight:
            values = {p["label"]: float(p["value"]) for _, p in parts.iterrows() if p["value"] is not None and not pd.isna(p["value"])}
            for label, value in values.items():
                if abs(value * len(parts) - sheet) <= TOLERANCE and len(values) == len(parts):
                    return (f"nilai di file memakai bagian '{label}' {len(parts)} kali dan mengabaikan bagian lainnya; "
                            "dihitung dari semua bagian")
        questions = _children(self.lke, row["path"], "question")
        if weight and len(questions) >= 2:
            sheet_values = [float(v) for v in questions["value"] if v is not None and not pd.isna(v)]
            if sheet_values and abs(sum(sheet_values) * weight - sheet) <= TOLERANCE:
                return "nilai di file menjumlahkan nilai pertanyaan, bukan merata-ratakannya"
        if row["level"] == "question":
            return "nilai di file tidak sesuai dengan jawabannya"
        below = sorted({d["row"] for d in self.differences if d["path"].startswith(row["path"] + "/")})
        if below:
            return "berasal dari selisih di baris " + ", ".join(str(r) for r in below)
        return "nilai di file berbeda dari perhitungan atas jawaban di bawahnya"


def _type_words(kind: str) -> str:
    return {"Y": "ya/tidak", "%": "persentase"}.get(kind, f"{kind} pilihan (A–{chr(ord('A') + int(kind) - 1)})" if kind.isdigit() else kind)


def _count_role(label: str) -> str | None:
    folded = fold(label)
    roles = lke_rules().count_roles
    for role in ("last_year", "this_year", "done", "required"):  # "sudah melaporkan" before "harus melaporkan"
        if any(word in folded for word in roles[role]):
            return role
    return None


def score_lke(lke: pd.DataFrame, regulation: Regulation, answers: dict[str, Any] | None = None) -> LkeScore:
    """Score one unit's LKE rows; `answers` (path -> answer) replaces sheet answers for a what-if."""
    if "criteria" not in lke:
        lke = lke.assign(criteria="")  # read before the criteria column was kept
    scorer = _Scorer(lke, regulation, answers or {})
    areas = {key: {"pemenuhan": 0.0, "reform": 0.0} for key in AREA_KEYS}
    missing = []
    for section in PENGUNGKIT_SECTIONS:
        for area in AREA_KEYS:
            area_rows = lke.loc[(lke["level"] == "area") & (lke["section"] == section) & (lke["area"] == area)]
            if area_rows.empty:
                missing.append(f"{section}/{area}")
                scorer.notes.append(f"LKE: area {AREA_LABELS[area]} ({section}) tidak ditemukan; nilainya 0.")
                continue
            areas[area][section] = scorer.area(section, area, area_rows.iloc[0])
    hasil = _hasil(lke, regulation, scorer)
    frame = pd.DataFrame.from_records(scorer.questions, columns=QUESTION_COLUMNS)
    return LkeScore(areas, hasil, frame, scorer.differences, scorer.notes, scorer.trace, missing)


def _hasil(lke: pd.DataFrame, regulation: Regulation, scorer: _Scorer) -> dict[str, float | None]:
    """Points of the Hasil parts written in the LKE (survey indices, capaian kinerja); None where absent. A part
    is the first row under the Hasil component whose label names it, at whatever level the sheet puts it."""
    hasil_rows = lke.loc[(lke["section"].isin(["bersih_akuntabel", "pelayanan_prima"]) | lke["component"].str.contains("hasil"))
                         & ~lke["level"].isin(["component", "section", "detail"])]
    found: dict[str, float | None] = {"ipak": None, "capaian_kinerja": None, "ipkp": None}
    for _, row in hasil_rows.iterrows():
        label = fold(row["label"])
        part = next((p for p, words in lke_rules().hasil_parts.items() if found[p] is None and any(w in label for w in words)), None)
        if part is None:
            continue
        maximum = getattr(regulation.hasil, part)
        below = lke.loc[lke["path"].str.startswith(row["path"] + "/")]
        answered = below.loc[below["answer"] != ""]
        source_row = answered.iloc[0] if len(answered) else row
        points = _hasil_points(part, source_row["answer"], source_row["options"], maximum, regulation)
        source = "jawaban"
        if points is None and row["value"] is not None and not pd.isna(row["value"]):
            points, source = min(float(row["value"]), maximum), "nilai di file"
        if points is None:
            continue
        found[part] = points
        scorer.compare("hasil", row, points)
        scorer.trace.append(Trace(part, points, "indeks / 4 × bobot (maks. bobot)" if part != "capaian_kinerja" else "nilai capaian × bobot",
                                  {"jawaban": source_row["answer"], "bobot": maximum, "sumber": source, "baris": row["row"]}))
    return found


def _hasil_points(part: str, raw: Any, options: str, maximum: float, regulation: Regulation) -> float | None:
    """An index (0–4: '4.0', '3,52'), survey points written as such (over 4, up to the part's maximum), a
    lettered option (capaian kinerja 'A' of A–E) or a percentage, to the part's points."""
    if raw in (None, ""):
        return None
    kind = options_type(options or "")
    if kind and kind.isdigit():
        value = answer_value(raw, kind, regulation)
        return None if value is None else value * maximum
    number = parse_number(str(raw).replace("%", "").strip())
    if number is None:
        return None
    if part in ("ipak", "ipkp"):
        if number <= regulation.hasil.survey_index_max:
            return min(number / regulation.hasil.survey_index_max, 1.0) * maximum
        return number if number <= maximum else None  # points already
    fraction = number / 100.0 if ("%" in str(raw) or number > 1) else number
    return min(1.0, max(0.0, fraction)) * maximum
