"""The ZI score of one unit from its inputs: the LKE when there is one, else an estimate from its files."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from ..messages import msg
from ..rules import AREA_KEYS, AREA_LABELS
from ..rules.regulation import Regulation
from .lke_score import LkeScore, score_lke
from .surveys import index_on_4, survey_points
from .trace import Trace


@dataclass(frozen=True)
class SurveyInput:
    mean: float
    scale_max: int
    respondents: int


@dataclass(frozen=True)
class ReadinessInputs:
    """Everything a score depends on; a what-if is a changed copy of this."""

    lke: pd.DataFrame | None = None
    lke_answers: dict[str, Any] = field(default_factory=dict)
    area_pct: dict[str, float] = field(default_factory=dict)
    ipak: SurveyInput | None = None
    ipkp: SurveyInput | None = None
    ipak_index: float | None = None  # an index on 1–4 given directly (what-if), wins over the survey
    ipkp_index: float | None = None
    capaian_kinerja: float | None = None  # points, 0 … the regulation's maximum
    preconditions: dict[str, bool] = field(default_factory=dict)

    def changed(self, **changes: Any) -> "ReadinessInputs":
        return replace(self, **changes)


@dataclass
class Score:
    basis: str
    regulation: str
    areas: dict[str, dict[str, float]]
    ipak: float | None
    capaian_kinerja: float | None
    ipkp: float | None
    trace: list[Trace]
    lke: LkeScore | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def pemenuhan(self) -> float:
        return sum(a["pemenuhan"] for a in self.areas.values())

    @property
    def reform(self) -> float:
        return sum(a["reform"] for a in self.areas.values())

    @property
    def pengungkit(self) -> float:
        return self.pemenuhan + self.reform

    @property
    def bersih_akuntabel(self) -> float:
        return (self.ipak or 0.0) + (self.capaian_kinerja or 0.0)

    @property
    def hasil(self) -> float:
        return self.bersih_akuntabel + (self.ipkp or 0.0)

    @property
    def total(self) -> float:
        return self.pengungkit + self.hasil

    def area_score(self, key: str) -> float:
        return self.areas[key]["pemenuhan"] + self.areas[key]["reform"]

    @property
    def basis_text(self) -> str:
        """What the score stands on, as every page, export and the briefing say it."""
        if self.basis != "lke":
            return msg("basis_estimate")
        if self.lke is not None and self.lke.status == "sebagian":
            return msg("basis_lke_partial", unanswered=len(self.lke.unanswered))
        return msg("basis_lke")


def compute_score(inputs: ReadinessInputs, regulation: Regulation) -> Score:
    trace: list[Trace] = []
    notes: list[str] = []
    lke_score = None
    if inputs.lke is not None and not inputs.lke.empty:
        lke_score = score_lke(inputs.lke, regulation, inputs.lke_answers)
        if lke_score.status == "kosong":  # an LKE nobody has filled in is no score, never 0,00
            notes.append(msg("lke_empty_note"))
    if lke_score is not None and lke_score.status != "kosong":
        basis = "lke"
        areas = lke_score.areas
        trace.extend(lke_score.trace)
        notes.extend(lke_score.notes)
    else:
        basis = "estimate"
        areas = {}
        for key in AREA_KEYS:
            pct = inputs.area_pct.get(key)
            if pct is None:
                notes.append(f"Perkiraan: area {AREA_LABELS[key]} belum punya kegiatan rencana aksi; nilainya 0.")
            share = (pct or 0.0) / 100.0
            areas[key] = {"pemenuhan": share * regulation.pengungkit.pemenuhan[key], "reform": share * regulation.pengungkit.reform[key]}
            trace.append(Trace(f"area:{key}", share * regulation.pengungkit.area_max(key),
                               "perkiraan: progres rencana aksi area (%) / 100 × nilai maksimal area",
                               {"progres_pct": pct, "maksimal": regulation.pengungkit.area_max(key)}))
    from_lke = lke_score.hasil if lke_score and basis == "lke" else {}
    ipak = from_lke.get("ipak") if from_lke.get("ipak") is not None else _survey(inputs.ipak, inputs.ipak_index, regulation.hasil.ipak, "ipak", regulation, trace, notes)
    ipkp = from_lke.get("ipkp") if from_lke.get("ipkp") is not None else _survey(inputs.ipkp, inputs.ipkp_index, regulation.hasil.ipkp, "ipkp", regulation, trace, notes)
    capaian = inputs.capaian_kinerja if inputs.capaian_kinerja is not None else from_lke.get("capaian_kinerja")
    if capaian is not None:
        capaian = min(max(float(capaian), 0.0), regulation.hasil.capaian_kinerja)
        trace.append(Trace("capaian_kinerja", capaian, "nilai capaian kinerja (masukan pengguna atau LKE)",
                           {"maksimal": regulation.hasil.capaian_kinerja}))
    else:
        notes.append(f"{regulation.hasil.capaian_kinerja_label} belum diisi; dihitung 0 dan pemeriksaannya belum lulus.")
    return Score(basis, regulation.id, areas, ipak, capaian, ipkp, trace, lke_score, notes)


def _survey(survey: SurveyInput | None, index: float | None, maximum: float, name: str, regulation: Regulation,
            trace: list[Trace], notes: list[str]) -> float | None:
    label = {"ipak": "SPAK/IPAK", "ipkp": "SPKP/IPKP"}[name]
    if index is None and survey is None:
        notes.append(f"Belum ada data survei {label}; nilainya 0 dan pemeriksaannya belum lulus.")
        return None
    if index is None:
        assert survey is not None
        index = index_on_4(survey.mean, survey.scale_max, regulation)
        inputs = {"rerata": survey.mean, "skala": survey.scale_max, "responden": survey.respondents,
                  "konversi": regulation.conventions.six_point_conversion, "indeks_skala_4": index, "bobot": maximum}
    else:
        inputs = {"indeks_skala_4": index, "bobot": maximum, "sumber": "diubah (simulasi)"}
    points = survey_points(index, maximum, regulation)
    trace.append(Trace(name, points, "indeks (skala 4) / 4 × bobot, maksimal sebesar bobot", inputs))
    return points
