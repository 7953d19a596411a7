"""Regulation versions as data: one TOML file per PermenPANRB, validated on load, overridable by the user.

A child file may `inherits` another and restate only what differs; user settings are merged on top the
same way, so a Pokja can correct a threshold without a release.
"""

from __future__ import annotations

import copy
import json
import tomllib
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from . import AREA_KEYS

REGULATION_DIR = Path(__file__).parent / "regulations"
AnswerType = Literal["Y", "3", "4", "5", "%"]


class Rule(BaseModel):
    """Frozen: one validated regulation is shared by every caller (see `load_regulation`)."""

    model_config = ConfigDict(frozen=True)


class SubIndicator(Rule):
    label: str
    weight: float = Field(gt=0)
    answers: list[AnswerType]


class SubIndicatorGroup(Rule):
    section: Literal["pemenuhan", "reform"]
    area: str
    items: list[SubIndicator]


class Pengungkit(Rule):
    max: float
    pemenuhan: dict[str, float]
    reform: dict[str, float]

    @model_validator(mode="after")
    def halves_cover_areas(self) -> "Pengungkit":
        for half in (self.pemenuhan, self.reform):
            if sorted(half) != sorted(AREA_KEYS):
                raise ValueError(f"each half must give all six areas, got {sorted(half)}")
        total = sum(self.pemenuhan.values()) + sum(self.reform.values())
        if abs(total - self.max) > 1e-9:
            raise ValueError(f"area weights add up to {total}, not {self.max}")
        return self

    def area_max(self, area: str) -> float:
        return self.pemenuhan[area] + self.reform[area]


class Hasil(Rule):
    max: float
    bersih_akuntabel: float
    ipak: float
    capaian_kinerja: float
    pelayanan_prima: float
    ipkp: float
    survey_index_max: float = 4
    # what the part beside the corruption survey measures: capaian kinerja (90/2021), audit follow-up (52/2014)
    capaian_kinerja_label: str = "Capaian kinerja"

    @model_validator(mode="after")
    def parts_add_up(self) -> "Hasil":
        if abs(self.ipak + self.capaian_kinerja - self.bersih_akuntabel) > 1e-9:
            raise ValueError("ipak + capaian_kinerja must equal bersih_akuntabel")
        if abs(self.bersih_akuntabel + self.pelayanan_prima - self.max) > 1e-9:
            raise ValueError("bersih_akuntabel + pelayanan_prima must equal hasil max")
        return self


class Conventions(Rule):
    ikm_weight: Literal["exact", "0.11"] = "exact"
    six_point_conversion: Literal["linear", "proportional"] = "linear"
    complaint_sla_working_days: int = Field(5, ge=1)
    submission_deadline: str = "05-31"  # month-day, every year the ministry names no other
    submission_deadlines: dict[str, str] = {}  # year -> month-day where a year had its own ("2021": "07-31")

    @field_validator("submission_deadline")
    @classmethod
    def month_day(cls, text: str) -> str:
        month, day = (int(x) for x in text.split("-"))
        date(2000, month, day)  # raises for a day the month does not have
        return text

    @field_validator("submission_deadlines")
    @classmethod
    def years_month_days(cls, by_year: dict[str, str]) -> dict[str, str]:
        for year, text in by_year.items():
            month, day = (int(x) for x in text.split("-"))
            date(int(year), month, day)
        return by_year

    def deadline(self, year: int) -> date:
        """The submission deadline of a year."""
        month, day = (int(x) for x in self.submission_deadlines.get(str(year), self.submission_deadline).split("-"))
        return date(year, month, day)


class Threshold(Rule):
    id: Literal["total", "pengungkit", "area", "bersih_akuntabel", "ipak", "capaian_kinerja", "ipkp"]
    label: str
    kind: Literal["points", "area_pct"]
    wbk: float
    wbbm: float


class Precondition(Rule):
    key: str
    label: str
    applies: list[Literal["wbk", "wbbm"]]


class Regulation(Rule):
    id: str
    name: str
    default: bool = False
    source: str = ""
    pengungkit: Pengungkit
    hasil: Hasil
    answers: dict[str, dict[str, float]]
    conventions: Conventions = Conventions()
    thresholds: list[Threshold]
    preconditions: list[Precondition] = []
    sub_indicators: list[SubIndicatorGroup] = []

    def area_minimum(self, predicate: str) -> float | None:
        """Each area's minimum for WBK or WBBM, as % of the area's maximum (None when the version has none)."""
        return next((getattr(t, predicate) for t in self.thresholds if t.kind == "area_pct"), None)

    @property
    def total_max(self) -> float:
        return self.pengungkit.max + self.hasil.max

    def sub_indicator_table(self, section: str, area: str) -> list[SubIndicator]:
        return next((g.items for g in self.sub_indicators if g.section == section and g.area == area), [])

    @model_validator(mode="after")
    def sub_indicators_add_up(self) -> "Regulation":
        for group in self.sub_indicators:
            weight = sum(item.weight for item in group.items)
            want = getattr(self.pengungkit, group.section)[group.area]
            if abs(weight - want) > 1e-9:
                raise ValueError(f"{group.section}/{group.area}: sub-indicator weights add up to {weight}, not {want}")
        return self


def merge(base: dict[str, Any], changes: dict[str, Any], keyed_lists: bool = True) -> dict[str, Any]:
    """Deep merge: tables merge; lists of tables with an `id`/`key` merge entry by entry (so a setting can
    change one threshold); other lists and values in `changes` replace those in `base`."""
    out = copy.deepcopy(base)
    for key, value in changes.items():
        old = out.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            out[key] = merge(old, value, keyed_lists)
        elif keyed_lists and _keyed(value) and _keyed(old):
            name = "id" if "id" in value[0] else "key"
            merged = {item[name]: item for item in copy.deepcopy(old)}
            for item in value:
                merged[item[name]] = merge(merged.get(item[name], {}), item)
            out[key] = list(merged.values())
        else:
            out[key] = copy.deepcopy(value)
    return out


def _keyed(value: Any) -> bool:
    return (isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
            and any(all(name in v for v in value) for name in ("id", "key")))


@lru_cache(maxsize=None)
def _raw_files() -> dict[str, dict[str, Any]]:
    files = {}
    for path in sorted(REGULATION_DIR.glob("*.toml")):
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        files[data["id"]] = data
    return files


def _resolved(reg_id: str) -> dict[str, Any]:
    raw = dict(_raw_files()[reg_id])
    parent = raw.pop("inherits", None)
    keep_subs = raw.pop("keep_sub_indicators", True)
    if parent is None:
        return raw
    base = _resolved(parent)
    if not keep_subs:
        base["sub_indicators"] = []
    base["default"] = False
    return merge(base, raw, keyed_lists=False)  # a version restating a list replaces it whole


def regulation_ids() -> list[str]:
    return list(_raw_files())


def default_regulation_id() -> str:
    return next(key for key, data in _raw_files().items() if data.get("default"))


def load_regulation(reg_id: str | None = None, overrides: dict[str, Any] | None = None) -> Regulation:
    """A validated regulation; `overrides` (settings) are merged on top and validated the same way.

    Each version with the same overrides is validated once and then shared (the models are frozen): a
    Kanwil page asks for every unit's, and validating one takes longer than scoring the unit."""
    reg_id = reg_id or default_regulation_id()
    if reg_id not in _raw_files():
        raise KeyError(reg_id)
    return _validated(reg_id, json.dumps(overrides, sort_keys=True) if overrides else None)


@lru_cache(maxsize=64)
def _validated(reg_id: str, overrides: str | None) -> Regulation:
    data = _resolved(reg_id)
    if overrides:
        data = merge(data, json.loads(overrides))
    return Regulation.model_validate(data)


def find_regulation_id(text: str) -> str | None:
    """'90/2021', '90-2021', 'permenpanrb 90 2021' and '90' all name the same version."""
    digits = "".join(ch if ch.isdigit() else " " for ch in text).split()
    for key in _raw_files():
        number, year = key.split("/")
        if digits[:2] == [number, year] or digits == [number] or digits[:1] == [number]:
            return key
    return None


def validate_all() -> list[Regulation]:
    """Load every bundled version (run at start and by the tests)."""
    return [load_regulation(key) for key in _raw_files()]
