"""Rules and vocabularies kept as data files beside this module, loaded once and validated."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, field_validator

RULES_DIR = Path(__file__).parent


class Area(BaseModel):
    key: str
    label: str
    names: list[str]


class PhraseRule(BaseModel):
    key: str
    label: str
    contains: list[str]


class LabelSet(BaseModel):
    name: str
    labels: list[str]
    usual: bool = True  # the set a form uses unless its answers show another (see label_readings)


class Vocabulary(BaseModel):
    areas: list[Area]
    progress: dict[str, list[str]]
    channels: list[PhraseRule]
    statuses: list[PhraseRule]
    categories: list[PhraseRule]
    innovation_statuses: list[PhraseRule]
    predicates: list[PhraseRule]

    @field_validator("areas")
    @classmethod
    def six_areas(cls, areas: list[Area]) -> list[Area]:
        if len(areas) != 6:
            raise ValueError("there must be exactly six change areas")
        return areas


class IkmGrade(BaseModel):
    grade: str
    label: str
    min_index: float


class SurveyRules(BaseModel):
    markers: dict[str, list[str]]
    ikm_unsur: dict[str, list[str]]
    ipak_keywords: list[str]
    suggestion_headers: list[str]
    label_sets: list[LabelSet]
    scales: dict[str, list[int]]
    ikm_grades: list[IkmGrade]
    ikm_factor: float
    index_scale: tuple[float, float]

    @property
    def ikm_range(self) -> tuple[float, float]:
        """The IKM index's lowest and highest value (25–100)."""
        return self.index_scale[0] * self.ikm_factor, self.index_scale[1] * self.ikm_factor

    @field_validator("ikm_unsur")
    @classmethod
    def nine_unsur(cls, unsur: dict[str, list[str]]) -> dict[str, list[str]]:
        if sorted(unsur) != [f"U{i}" for i in range(1, 10)]:
            raise ValueError("IKM needs exactly the unsur U1..U9")
        return unsur


class PercentageItem(BaseModel):
    contains: list[str]
    formula: Literal["share", "reduction"]


class LkeRules(BaseModel):
    count_roles: dict[Literal["required", "done", "last_year", "this_year"], list[str]]
    percentage_items: list[PercentageItem]
    hasil_parts: dict[Literal["ipak", "capaian_kinerja", "ipkp"], list[str]]
    older_lke: dict[Literal["contains"], list[str]]


class PeerLearning(BaseModel):
    complaints_resolved_min: float
    complaints_sla_min: float
    ikm_unsur_grade_min: str
    peers_per_gap: int
    gaps_shown: int
    gap_areas: dict[Literal["ipak", "ipkp", "ikm", "complaints"], str]


def _load(name: str) -> dict[str, Any]:
    with open(RULES_DIR / name, "rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=1)
def peer_learning() -> PeerLearning:
    return PeerLearning.model_validate(_load("peer_learning.toml"))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return Vocabulary.model_validate(_load("vocabulary.toml"))


@lru_cache(maxsize=1)
def survey_rules() -> SurveyRules:
    return SurveyRules.model_validate(_load("surveys.toml"))


@lru_cache(maxsize=1)
def lke_rules() -> LkeRules:
    return LkeRules.model_validate(_load("lke.toml"))


AREA_KEYS: tuple[str, ...] = tuple(a.key for a in vocabulary().areas)
AREA_LABELS: dict[str, str] = {a.key: a.label for a in vocabulary().areas}
CHANNEL_KEYS: tuple[str, ...] = tuple(c.key for c in vocabulary().channels)
