"""Every kind of file the reader knows, each from its own folder (`kinds/<kind>/`: fields.toml for its fields
and synonyms, parse.py for its parser). A new kind is a new folder and one line here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from types import ModuleType

import pandas as pd

from . import action_plan, complaints, innovation, lke, predicate, survey
from .common import SheetContext
from .spec import KIND_ORDER, KindSpec


@dataclass(frozen=True)
class Kind:
    spec: KindSpec
    frames: dict[str, list[str]]  # the tables its sheets give, with their columns
    parse: Callable[[SheetContext, date], dict[str, pd.DataFrame]]


def _kind(module: ModuleType) -> Kind:
    return Kind(module.SPEC, module.FRAMES, module.parse)


_MODULES = {"action_plan": action_plan, "survey": survey, "complaints": complaints, "lke": lke, "innovation": innovation,
            "predicate": predicate}
KINDS: dict[str, Kind] = {name: _kind(_MODULES[name]) for name in KIND_ORDER}
MAIN_FRAME: dict[str, str] = {name: next(iter(kind.frames)) for name, kind in KINDS.items()}  # the table of a kind's rows
FRAME_COLUMNS: dict[str, list[str]] = {name: columns for kind in KINDS.values() for name, columns in kind.frames.items()}
