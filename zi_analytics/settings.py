"""What a Pokja sets that no file carries: regulation version, corrected thresholds, conventions, and per
unit the capaian kinerja, survey population and preconditions.

Kept as one JSON document in the workspace (meta key ``settings``), so every page, export and briefing
uses the same figures, and a change is audited like any other.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from .messages import msg
from .rules.regulation import Regulation, default_regulation_id, load_regulation, regulation_ids
from .services.seeding import SAMPLE_DIR, SAMPLE_USER
from .store.access import AccessDenied
from .summary import STALE_AFTER_DAYS, ReadinessOptions

META_KEY = "settings"
SAMPLE_SETTINGS = SAMPLE_DIR / "settings.json"
PREDICATES = ("WBK", "WBBM")
WBK_HELD = "wbk_held"  # the WBBM precondition a predicate record answers


class PredicateHeld(BaseModel):
    """A predicate a unit already holds, from its decree (Keputusan Menteri PANRB)."""
    predicate: Literal["WBK", "WBBM"]
    year: int = Field(ge=2010, le=2100)
    decree: str = ""

    @property
    def label(self) -> str:
        return f"{self.predicate} {self.year}"


def predicate_records(rows: list[dict[str, Any]]) -> tuple[list[PredicateHeld], str | None]:
    """The rows of the predicates editor as records, blank rows left out; when a row is not a predicate with a
    year, nothing is taken and the message names that row."""
    records = []
    for number, row in enumerate(rows, start=1):
        values = {k: v for k, v in row.items() if v is not None and not (isinstance(v, float) and v != v) and v != ""}
        if not values:
            continue
        try:
            records.append(PredicateHeld.model_validate({**values, "year": int(values["year"]) if "year" in values else None}))
        except (ValidationError, ValueError, TypeError):
            return [], msg("predicate_row_invalid", row=number)
    return records, None


def options_with_records(options: ReadinessOptions, records: dict[str, list[PredicateHeld]]) -> Callable[[str], ReadinessOptions]:
    """One set of options for every unit (the command line's), with 'WBK already held' set for each unit a predicate
    record names, as the app does (`UnitInputs.conditions`)."""
    def per_unit(unit_key: str) -> ReadinessOptions:
        if not records.get(unit_key):
            return options
        return replace(options, preconditions={**options.preconditions, WBK_HELD: True})
    return per_unit


def uploaded_predicates(frame: Any) -> dict[str, list[PredicateHeld]]:
    """The `predicates` table of the data (uploaded lists) as records per unit."""
    records: dict[str, list[PredicateHeld]] = {}
    for key, predicate, year, decree in zip(frame["unit_key"], frame["predicate"], frame["year"], frame["decree"]):
        records.setdefault(key, []).append(PredicateHeld(predicate=predicate, year=int(year), decree=decree or ""))
    return records


class UnitInputs(BaseModel):
    capaian_kinerja: float | None = Field(None, ge=0)
    population: int | None = Field(None, ge=1)
    preconditions: dict[str, bool] = {}
    predicates: list[PredicateHeld] = []

    def held(self) -> PredicateHeld | None:
        """The highest predicate held, the latest year of it: WBBM over WBK."""
        return max(self.predicates, key=lambda p: (PREDICATES.index(p.predicate), p.year), default=None)

    def conditions(self) -> dict[str, bool]:
        """The preconditions as set, with 'WBK already held' taken from the predicate records when there are
        any (a WBBM holder holds WBK too); the hand-set flag stays for a unit without a record."""
        flags = dict(self.preconditions)
        if self.predicates:
            flags[WBK_HELD] = True
        return flags


class Settings(BaseModel):
    regulation_id: str | None = None
    thresholds: dict[str, dict[str, float]] = {}  # threshold id -> {"wbk": .., "wbbm": ..}
    ikm_weight: Literal["exact", "0.11"] | None = None
    six_point_conversion: Literal["linear", "proportional"] | None = None
    complaint_sla_working_days: int | None = Field(None, ge=1, le=60)
    submission_deadlines: dict[str, str] = {}  # year -> "MM-DD", over the regulation's own
    stale_after_days: int = Field(STALE_AFTER_DAYS, ge=7, le=366)  # data whose newest date is older shows as stale
    units: dict[str, UnitInputs] = {}
    sharing_off: list[str] = []  # Kanwil whose units share no studi tiru facts with each other (admin's switch)

    @classmethod
    def from_text(cls, text: str | None) -> Settings:
        """Stored settings; a damaged or outdated document falls back to defaults rather than breaking pages."""
        if not text:
            return cls()
        try:
            settings = cls.model_validate(json.loads(text))
        except (ValueError, ValidationError):
            return cls()
        if settings.regulation_id not in (None, *regulation_ids()):
            settings.regulation_id = None
        return settings

    def to_text(self) -> str:
        return self.model_dump_json(exclude_defaults=True)

    def overrides(self) -> dict[str, Any]:
        conventions = {key: getattr(self, key) for key in ("ikm_weight", "six_point_conversion", "complaint_sla_working_days")
                       if getattr(self, key) is not None}
        out: dict[str, Any] = {}
        if self.submission_deadlines:
            conventions["submission_deadlines"] = dict(self.submission_deadlines)
        if conventions:
            out["conventions"] = conventions
        if self.thresholds:
            out["thresholds"] = [{"id": key, **values} for key, values in self.thresholds.items()]
        return out

    def regulation(self) -> Regulation:
        """The chosen version with the user's corrections; corrections that no longer validate are dropped."""
        reg_id = self.regulation_id or default_regulation_id()
        try:
            return load_regulation(reg_id, self.overrides() or None)
        except (ValidationError, ValueError):
            return load_regulation(reg_id)

    def unit(self, unit_key: str) -> UnitInputs:
        return self.units.get(unit_key, UnitInputs())

    def options(self, unit_key: str) -> ReadinessOptions:
        inputs = self.unit(unit_key)
        return ReadinessOptions(self.regulation(), inputs.capaian_kinerja, inputs.population, inputs.conditions(),
                                self.stale_after_days)

    def with_records(self, records: dict[str, list[PredicateHeld]]) -> Settings:
        """These settings with the predicates an uploaded list records (a Kanwil's list) beside those entered here."""
        if not records:
            return self
        units = dict(self.units)
        for key, found in records.items():
            inputs = units.get(key, UnitInputs())
            known = {(p.predicate, p.year) for p in inputs.predicates}
            extra = [p for p in found if (p.predicate, p.year) not in known]
            units[key] = inputs.model_copy(update={"predicates": [*inputs.predicates, *extra]})
        return self.model_copy(update={"units": units})

    def held(self) -> dict[str, str]:
        """Unit key -> the predicate it holds ('WBK 2023'), for the units with a record."""
        return {key: top.label for key, inputs in self.units.items() if (top := inputs.held()) is not None}

    def shares(self, kanwil: str | None) -> bool:
        """Whether the units of this Kanwil learn from each other through the narrow shared facts."""
        return kanwil is not None and kanwil not in self.sharing_off

    def with_unit(self, unit_key: str, inputs: UnitInputs) -> Settings:
        return self.model_copy(update={"units": {**self.units, unit_key: inputs}})


def load_settings(workspace: Any) -> Settings:
    return Settings.from_text(workspace.get_meta(META_KEY))


def save_settings(workspace: Any, principal: Any, settings: Settings) -> None:
    """Global choices are the administrator's; a unit's own inputs belong to whoever may upload for it."""
    old = load_settings(workspace)
    global_fields = set(Settings.model_fields) - {"units"}
    if any(getattr(old, f) != getattr(settings, f) for f in global_fields):
        principal.require(principal.is_admin, "mengubah aturan dan ambang penilaian")
    units = workspace.units(principal)
    kanwil_of = dict(zip(units["key"], units["kanwil"]))
    for key in set(old.units) | set(settings.units):
        if old.unit(key) != settings.unit(key):
            if not (principal.can_upload and key in kanwil_of and principal.sees_unit(key, kanwil_of[key])):
                raise AccessDenied("Anda tidak diizinkan mengubah isian unit ini.")
    workspace.set_meta(principal, META_KEY, settings.to_text())


def seed_sample_settings(workspace: Any) -> bool:
    """What the sample units' Pokja entered by hand (the holders' preconditions, capaian kinerja), stored with the
    sample files so the story's WBK holders are ready; never over settings someone saved."""
    if workspace.get_meta(META_KEY) is not None or not SAMPLE_SETTINGS.is_file():
        return False
    settings = Settings.from_text(SAMPLE_SETTINGS.read_text(encoding="utf-8"))
    workspace.set_meta(SAMPLE_USER, META_KEY, settings.to_text())
    return True
