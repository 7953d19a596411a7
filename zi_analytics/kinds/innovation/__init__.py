"""Daftar inovasi: one row per innovation. Fields and synonyms in fields.toml, the parser in parse.py."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..common import SheetContext
from ..spec import KIND_SPECS
from .parse import COLUMNS, parse_innovations

SPEC = KIND_SPECS["innovation"]
FRAMES = {"innovations": COLUMNS}


def parse(ctx: SheetContext, today: date) -> dict[str, pd.DataFrame]:
    return {"innovations": parse_innovations(ctx, today)}
