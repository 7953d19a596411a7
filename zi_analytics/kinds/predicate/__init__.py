"""Daftar predikat: one row per predicate a unit holds. Fields and synonyms in fields.toml, the parser in parse.py."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..common import SheetContext
from ..spec import KIND_SPECS
from .parse import COLUMNS, parse_predicates

SPEC = KIND_SPECS["predicate"]
FRAMES = {"predicates": COLUMNS}


def parse(ctx: SheetContext, today: date) -> dict[str, pd.DataFrame]:
    return {"predicates": parse_predicates(ctx, today)}
