"""Register pengaduan: one row per complaint. Fields and synonyms in fields.toml, the parser in parse.py."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..common import SheetContext
from ..spec import KIND_SPECS
from .parse import COLUMNS, parse_complaints

SPEC = KIND_SPECS["complaints"]
FRAMES = {"complaints": COLUMNS}


def parse(ctx: SheetContext, today: date) -> dict[str, pd.DataFrame]:
    return {"complaints": parse_complaints(ctx, today)}
