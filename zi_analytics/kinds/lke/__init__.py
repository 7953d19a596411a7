"""LKE self-assessment: the regulation's hierarchy, one row per line. Fields and synonyms in fields.toml,
the parser in parse.py."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..common import SheetContext
from ..spec import KIND_SPECS
from .parse import COLUMNS, parse_lke

SPEC = KIND_SPECS["lke"]
FRAMES = {"lke": COLUMNS}


def parse(ctx: SheetContext, today: date) -> dict[str, pd.DataFrame]:
    return {"lke": parse_lke(ctx, today)}
