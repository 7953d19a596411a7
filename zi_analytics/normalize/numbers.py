"""Numbers written the Indonesian way (decimal comma, dot thousands) or the English way."""

from __future__ import annotations

import math
import re
from typing import Any

from .text import is_blank, per_value

_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*$")


@per_value
def parse_number(value: Any) -> float | None:
    """'62,5' -> 62.5, '1.234,5' -> 1234.5, '1,234.5' -> 1234.5, 7 -> 7.0; anything else None."""
    if isinstance(value, bool) or is_blank(value):
        return None
    if isinstance(value, (int, float)):
        try:
            return float(value)
        except OverflowError:  # an integer beyond float range reads as float("1" * 400) does
            return math.inf if value > 0 else -math.inf
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(text):
        return None
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        head, _, tail = text.rpartition(",")
        text = text.replace(",", "") if len(tail) == 3 and text.count(",") > 1 else head.replace(",", "") + "." + tail
    elif text.count(".") > 1:
        text = text.replace(".", "")
    try:
        return float(text)
    except ValueError:
        return None
