"""Survey figures the readiness engine needs: points from indices, IKM extras, sample adequacy."""

from __future__ import annotations

from typing import Any

from ..metrics import ikm_grade
from ..rules import survey_rules
from ..rules.regulation import Regulation

KM_CHI2 = 3.841  # chi-square, 1 d.f., 95 %
KM_P = 0.5
KM_D = 0.05


def index_on_4(mean: float, scale_max: int, regulation: Regulation) -> float:
    """A survey mean on its own scale onto 1–4, by the regulation's (user-visible) convention."""
    if scale_max == 4:
        return mean
    if regulation.conventions.six_point_conversion == "proportional":
        return mean * 4.0 / scale_max
    return 1.0 + (mean - 1.0) * 3.0 / (scale_max - 1.0)


def survey_points(index_4: float, maximum: float, regulation: Regulation) -> float:
    """Points = index / 4 × maximum, capped at the maximum."""
    return min(index_4 / regulation.hasil.survey_index_max, 1.0) * maximum


def index_from_points(points: float, maximum: float, regulation: Regulation) -> float:
    """The index on 1–4 that earns these points: `survey_points` read backwards (what-if and fastest steps)."""
    return points / maximum * regulation.hasil.survey_index_max


def krejcie_morgan(population: int) -> int:
    """Minimum sample for a population (Krejcie–Morgan, 95 %, ±5 %), rounded to nearest."""
    n = KM_CHI2 * population * KM_P * (1 - KM_P) / (KM_D ** 2 * (population - 1) + KM_CHI2 * KM_P * (1 - KM_P))
    return int(n + 0.5)


def nrr_grade(nrr: float) -> str:
    """The IKM grade of a mean answer on 1–4 (the grade of its 25–100 index)."""
    return ikm_grade(nrr * survey_rules().ikm_factor)


def ikm_details(ikm: dict[str, Any] | None, regulation: Regulation, population: int | None, legacy: bool) -> dict[str, Any] | None:
    """Index by the weight convention, grade per unsur, the weakest unsur, sample adequacy, old-form warning."""
    if ikm is None and not legacy:
        return None
    out: dict[str, Any] = {"legacy_form": legacy}
    if legacy:
        out["legacy_note"] = ("Ditemukan formulir IKM lama (14 unsur, KEP/25/M.PAN/2004); tidak dicampur ke indeks 9 unsur "
                              "PermenPANRB 14/2017.")
    if ikm is None:
        return out
    nrr = ikm["unsur"]
    weight = 0.11 if regulation.conventions.ikm_weight == "0.11" else 1.0 / 9.0
    factor = survey_rules().ikm_factor
    index = sum(nrr.values()) * weight * factor
    weakest = min(nrr, key=lambda k: (nrr[k], k))
    out.update({
        "index": index, "weight_convention": regulation.conventions.ikm_weight,
        "grade": nrr_grade(index / factor),
        "unsur": {key: {"nrr": value, "grade": nrr_grade(value)} for key, value in nrr.items()},
        "weakest_unsur": weakest, "respondents": ikm["respondents"],
    })
    if population:
        needed = krejcie_morgan(population)
        out["sample"] = {"population": population, "required": needed, "respondents": ikm["respondents"],
                         "adequate": ikm["respondents"] >= needed}
    return out
