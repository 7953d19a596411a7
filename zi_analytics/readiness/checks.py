"""WBK and WBBM checks: every threshold row with value, minimum, gap and pass; preconditions; deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..rules import AREA_LABELS
from ..rules.regulation import Regulation
from .score import Score

PREDICATES = ("wbk", "wbbm")


@dataclass
class Check:
    id: str
    label: str
    value: float | bool | None
    minimum: float | bool
    gap: float | None
    passed: bool

    def to_json(self) -> dict[str, Any]:
        """Written out field by field: `asdict` deep-copies, and a Kanwil page writes some thirty checks per unit."""
        return {"id": self.id, "label": self.label, "value": self.value, "minimum": self.minimum, "gap": self.gap,
                "pass": self.passed}


def _points_check(check_id: str, label: str, value: float | None, minimum: float) -> Check:
    """Unrounded comparison (74.996 is not 75); gap is what is still missing, 0 once passed."""
    if value is None:
        return Check(check_id, label + " — belum ada data", None, minimum, minimum, False)
    passed = value >= minimum
    return Check(check_id, label, value, minimum, 0.0 if passed else minimum - value, passed)


def evaluate(score: Score, regulation: Regulation, predicate: str, preconditions: dict[str, bool]) -> list[Check]:
    checks: list[Check] = []
    values = {"total": score.total, "pengungkit": score.pengungkit, "bersih_akuntabel": score.bersih_akuntabel,
              "ipak": score.ipak, "capaian_kinerja": score.capaian_kinerja, "ipkp": score.ipkp}
    for row in regulation.thresholds:
        minimum = getattr(row, predicate)
        if row.kind == "area_pct":
            for key in score.areas:
                maximum = regulation.pengungkit.area_max(key)
                pct = score.area_score(key) / maximum * 100.0
                checks.append(_points_check(f"area:{key}", f"{AREA_LABELS[key]} (% dari maksimal {maximum:g})", pct, minimum))
        else:
            checks.append(_points_check(row.id, row.label, values[row.id], minimum))
    for pre in regulation.preconditions:
        if predicate in pre.applies:
            value = preconditions.get(pre.key)
            checks.append(Check(f"precondition:{pre.key}", pre.label + ("" if value is not None else " — belum ditetapkan"),
                                value, True, None, bool(value)))
    return checks


def next_deadline(as_of: date, regulation: Regulation) -> date:
    this_year = regulation.conventions.deadline(as_of.year)
    return this_year if this_year >= as_of else regulation.conventions.deadline(as_of.year + 1)
