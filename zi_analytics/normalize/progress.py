"""Action-plan progress as a percentage 0–100, from the many ways Pokja spreadsheets write it."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from ..rules import vocabulary
from .numbers import parse_number
from .text import fold, is_blank, per_value

DONE_WORDS = tuple(vocabulary().progress["done"])
NOT_STARTED_WORDS = tuple(vocabulary().progress["not_started"])
IN_PROGRESS_WORDS = tuple(vocabulary().progress["in_progress"])
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # "-" as typed, and as Excel/Word autocorrect write it
_PERCENT = re.compile(r"^\s*([+-]?\d+(?:[.,]\d+)?)\s*%\s*$")


class ProgressError(ValueError):
    """Carries which message applies: unreadable or out of range."""

    def __init__(self, kind: str, value: Any) -> None:
        super().__init__(kind)
        self.kind = kind
        self.value = value


@per_value
def parse_progress(value: Any) -> float | None:
    """Return 0–100, None for a blank cell, NaN for an activity under way without a share ("proses"), or
    raise ProgressError.

    Numbers from 0 to 1 are fractions (Excel stores a cell shown as 75% as 0.75), larger ones are
    percentages; a trailing % sign always means percentage.
    """
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return 100.0 if value else 0.0
    if isinstance(value, str):
        match = _PERCENT.match(value)
        if match:
            number = parse_number(match.group(1))
            return _in_range(number, value)
        folded = fold(value)
        if not folded:
            if any(dash in value for dash in DASHES):
                return 0.0
            if _looks_empty(value):
                return None
            raise ProgressError("r_progress", value)  # "?", "✓", "完成": something is written, but no progress
        if folded in DONE_WORDS:
            return 100.0
        if folded in NOT_STARTED_WORDS:
            return 0.0
        if folded in IN_PROGRESS_WORDS:
            return math.nan
    number = parse_number(value)
    if number is None:
        raise ProgressError("r_progress", value)
    if 0 <= number <= 1:
        return number * 100.0
    return _in_range(number, value)


def _looks_empty(text: str) -> bool:
    """Only spaces and invisible characters (zero-width space, BOM, control): the cell looks empty to its author."""
    return all(c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Zs", "Zl", "Zp") for c in text)


def _in_range(number: float | None, raw: Any) -> float:
    if number is None:
        raise ProgressError("r_progress", raw)
    if number < 0 or number > 100:
        raise ProgressError("r_progress_range", raw)
    return number
