"""What each kind of file holds, read from the `fields.toml` in the kind's folder: its fields with their
header synonyms, weights, the role their cells must show and the label a user reads, the fields a header
needs, and the fields that identify a row.

Only data is loaded here, never a kind's parser: the header and content steps that need the specs run
before any parser does.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, model_validator

KINDS_DIR = Path(__file__).parent
# The order is the tie-break when two kinds score the same header line.
KIND_ORDER = ("action_plan", "survey", "complaints", "lke", "innovation", "predicate")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    synonyms: tuple[str, ...]
    weight: float = 1.0
    label: str = ""
    content: str | None = None  # the role its cells must read as (profile.ROLE_TESTS), None: header only


@dataclass(frozen=True)
class KindSpec:
    kind: str
    fields: tuple[FieldSpec, ...]
    required: tuple[tuple[str, ...], ...]  # each tuple: at least one of these fields must be present
    label: str = ""
    kept: tuple[str, ...] = ()  # fields that identify a row: their columns are never taken for another field

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)

    @property
    def roles(self) -> dict[str, str]:
        """Field -> the role its cells must show, for the fields whose cells can be recognised."""
        return {f.name: f.content for f in self.fields if f.content}


class _Field(BaseModel):
    name: str
    label: str = ""
    weight: float = 1.0
    content: str | None = None
    synonyms: list[str] = []


class _Kind(BaseModel):
    label: str
    required: list[list[str]] = []
    kept: list[str] = []
    fields: list[_Field]

    @model_validator(mode="after")
    def _known_names(self) -> _Kind:
        names = {f.name for f in self.fields}
        unknown = {n for group in self.required for n in group} | set(self.kept)
        if unknown - names:
            raise ValueError(f"fields named but not defined: {sorted(unknown - names)}")
        return self


def _load(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _spec(kind: str, shared: dict[str, _Field]) -> KindSpec:
    data = _Kind.model_validate(_load(KINDS_DIR / kind / "fields.toml"))
    fields = []
    for entry in data.fields:
        if not entry.synonyms:
            if entry.name not in shared:
                raise ValueError(f"{kind}: field {entry.name!r} has no synonyms and is not a shared field")
            entry = shared[entry.name]
        fields.append(FieldSpec(entry.name, tuple(entry.synonyms), entry.weight, entry.label, entry.content))
    return KindSpec(kind, tuple(fields), tuple(tuple(g) for g in data.required), data.label, tuple(data.kept))


@cache
def kind_specs() -> dict[str, KindSpec]:
    shared = {f["name"]: _Field.model_validate(f) for f in _load(KINDS_DIR / "fields.toml")["fields"]}
    return {kind: _spec(kind, shared) for kind in KIND_ORDER}


KIND_SPECS: dict[str, KindSpec] = kind_specs()
