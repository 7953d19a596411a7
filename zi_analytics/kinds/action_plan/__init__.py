"""Rencana aksi: one row per activity. Fields and synonyms in fields.toml, the parser in parse.py."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..common import SheetContext
from ..spec import KIND_SPECS
from .parse import COLUMNS, parse_action_plan

SPEC = KIND_SPECS["action_plan"]
FRAMES = {"action_plan": COLUMNS}


def parse(ctx: SheetContext, today: date) -> dict[str, pd.DataFrame]:
    return {"action_plan": parse_action_plan(ctx, today)}
