"""Readiness engine: is a unit ready to be proposed for WBK or WBBM, and if not, what exactly is missing.

inputs (from the tidy frames) → score (LKE or estimate) → checks per predicate → verdict; what-if is the
same pipeline on changed inputs. No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from ..metrics import equals, of_unit, unit_summary
from ..rules import AREA_KEYS
from ..rules.regulation import Regulation, load_regulation
from .checks import PREDICATES, Check, evaluate, next_deadline
from .complaints import complaint_kpis
from .forecast import forecasts
from .score import ReadinessInputs, Score, SurveyInput, compute_score
from .surveys import ikm_details


@dataclass
class Readiness:
    score: Score
    checks: dict[str, list[Check]]
    deadline: date
    as_of: date
    inputs: ReadinessInputs
    extras: dict[str, Any] = field(default_factory=dict)

    def ready(self, predicate: str) -> bool:
        return all(c.passed for c in self.checks[predicate])

    def to_json(self, regulation: Regulation) -> dict[str, Any]:
        s = self.score
        areas = {}
        for key in AREA_KEYS:
            maximum = regulation.pengungkit.area_max(key)
            areas[key] = {"score": s.area_score(key), "max": maximum, "pct": s.area_score(key) / maximum * 100.0,
                          "pemenuhan": s.areas[key]["pemenuhan"], "reform": s.areas[key]["reform"]}
        out: dict[str, Any] = {
            "basis": s.basis, "regulation": s.regulation, "total": s.total, "pengungkit": s.pengungkit,
            "pemenuhan": s.pemenuhan, "reform": s.reform, "hasil": s.hasil,
            "bersih_akuntabel": s.bersih_akuntabel, "ipak": s.ipak, "capaian_kinerja": s.capaian_kinerja, "ipkp": s.ipkp,
            "areas": areas,
        }
        for predicate in PREDICATES:
            out[predicate] = {"ready": self.ready(predicate), "checks": [c.to_json() for c in self.checks[predicate]]}
        out["deadline"] = self.deadline.isoformat()
        out["days_to_deadline"] = (self.deadline - self.as_of).days
        out["method"] = s.basis_text
        out["notes"] = s.notes
        out["trace"] = [t.to_json() for t in s.trace]
        if s.lke is not None:
            out["lke"] = {"differences": s.lke.differences,
                          "unanswered": s.lke.unanswered[["path", "label", "row"]].to_dict("records"),
                          "without_evidence": s.lke.without_evidence[["path", "label", "row"]].to_dict("records")}
        out.update(self.extras)
        return out


def inputs_for_unit(frames: dict[str, pd.DataFrame], unit_key: str, summary: dict[str, Any],
                    capaian_kinerja: float | None = None, preconditions: dict[str, bool] | None = None) -> ReadinessInputs:
    """The unit's LKE rows (latest file), and area progress and survey means from its `unit_summary`."""
    lke = frames.get("lke", pd.DataFrame())
    lke = of_unit(lke, unit_key)
    if not lke.empty:
        latest = lke[["file", "sheet"]].drop_duplicates().iloc[-1]
        lke = lke.loc[(lke["file"] == latest["file"]) & (lke["sheet"] == latest["sheet"])]
    plan = summary["action_plan"]
    surveys = summary["surveys"]
    return ReadinessInputs(
        lke=lke if not lke.empty else None,
        area_pct=dict(plan["areas"]) if plan else {},
        ipak=_survey_input(surveys["ipak"]), ipkp=_survey_input(surveys["ipkp"]),
        capaian_kinerja=capaian_kinerja, preconditions=dict(preconditions or {}),
    )


def _survey_input(survey: dict[str, Any] | None) -> SurveyInput | None:
    return SurveyInput(survey["mean"], survey["scale_max"], survey["respondents"]) if survey else None


def assess(inputs: ReadinessInputs, regulation: Regulation, as_of: date) -> Readiness:
    score = compute_score(inputs, regulation)
    checks = {p: evaluate(score, regulation, p, inputs.preconditions) for p in PREDICATES}
    return Readiness(score, checks, next_deadline(as_of, regulation), as_of, inputs)


def what_if(inputs: ReadinessInputs, regulation: Regulation, as_of: date, **changes: Any) -> dict[str, Any]:
    """Recompute with changed inputs (area_pct, lke_answers, ipak_index, ipkp_index, capaian_kinerja,
    preconditions); merged dicts for the dict-valued ones. Returns both verdicts and the checks that flip."""
    merged = {}
    for key, value in changes.items():
        current = getattr(inputs, key)
        merged[key] = {**current, **value} if isinstance(current, dict) else value
    before = assess(inputs, regulation, as_of)
    after = assess(inputs.changed(**merged), regulation, as_of)
    flips = []
    for predicate in PREDICATES:
        old = {c.id: c for c in before.checks[predicate]}
        for check in after.checks[predicate]:
            if check.id in old and old[check.id].passed != check.passed:
                flips.append({"predicate": predicate, "id": check.id, "label": check.label,
                              "before": old[check.id].passed, "after": check.passed,
                              "value_before": old[check.id].value, "value_after": check.value})
    return {"before": before, "after": after, "flipped": flips}


def unit_readiness(frames: dict[str, pd.DataFrame], unit_key: str, as_of: date, regulation: Regulation | None = None,
                   capaian_kinerja: float | None = None, population: int | None = None,
                   preconditions: dict[str, bool] | None = None, summary: dict[str, Any] | None = None) -> Readiness:
    """Readiness of one unit with its IKM extras, complaint KPIs and per-area forecast.

    Pass the unit's `unit_summary` when the caller already has it, so it is not computed again."""
    regulation = regulation or load_regulation()
    summary = summary if summary is not None else unit_summary(frames, unit_key, as_of)
    inputs = inputs_for_unit(frames, unit_key, summary, capaian_kinerja, preconditions)
    result = assess(inputs, regulation, as_of)
    responses = frames["survey_responses"]
    legacy = bool(equals(of_unit(responses, unit_key)["survey"], "ikm_legacy").any())
    result.extras = {
        "ikm": ikm_details(summary["surveys"]["ikm"], regulation, population, legacy),
        "complaints": complaint_kpis(of_unit(frames["complaints"], unit_key), as_of, regulation),
        "forecast": forecasts(of_unit(frames["action_plan"], unit_key), as_of, regulation, PREDICATES),
    }
    return result


__all__ = ["Readiness", "ReadinessInputs", "SurveyInput", "assess", "inputs_for_unit", "unit_readiness", "what_if",
]
