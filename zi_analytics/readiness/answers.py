"""LKE answers to values: Ya/Tidak, lettered options (A/B/C, A–D, A–E) and percentages, per the regulation."""

from __future__ import annotations

import re
from typing import Any

from ..normalize.numbers import parse_number
from ..normalize.text import fold
from ..rules.regulation import Regulation

_LETTER = re.compile(r"^\(?([a-e])\s*(?:[.)]|$|\s)")
_LETTERS_IN_OPTIONS = re.compile(r"(?:^|[\s/,;(])([a-e])(?=$|[\s/.,;)])")


def options_type(options: str) -> str | None:
    """Answer type from a 'Pilihan Jawaban' cell: 'Ya/Tidak' -> Y, 'A/B/C/D' -> 4, '%' -> %."""
    text = fold(options)
    if not text:
        return None
    words = set(text.split())
    if {"ya", "tidak"} <= words:
        return "Y"
    if "%" in options or "persen" in text or "persentase" in text:
        return "%"
    letters = sorted(set(_LETTERS_IN_OPTIONS.findall(options.lower())))
    if len(letters) >= 3 and letters == [chr(ord("a") + i) for i in range(len(letters))]:
        return str(len(letters))
    return None


_CRITERIA_LETTER = re.compile(r"(?:^|[\s;:,])([a-e])[.)]\s")


def criteria_type(criteria: str) -> str | None:
    """Answer type from a question's criteria text: 'a. Jika … b. Jika … c. …' -> 3, 'Ya, jika …' -> Y,
    'Persentase …' -> %. The criteria say how many options there are when the label does not."""
    text = criteria.lower()
    if not text.strip():
        return None
    letters = list(dict.fromkeys(_CRITERIA_LETTER.findall(text)))
    if len(letters) >= 3 and letters == [chr(ord("a") + i) for i in range(len(letters))]:
        return str(len(letters))
    folded = fold(criteria)
    if folded.startswith(("ya jika", "ya apabila", "ya bila")) or " tidak jika " in f" {folded} ":
        return "Y"
    if folded.startswith(("persentase", "prosentase")) or "%" in criteria:
        return "%"
    return None


def answer_value(answer: Any, kind: str | None, regulation: Regulation) -> float | None:
    """The value of one answer, or None when it cannot be read with that answer type."""
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return None
    text = fold(str(answer))
    if kind is None:
        kind = _guess_type(answer, text)
    if kind == "Y":
        if text.startswith("ya") or text == "1":
            return regulation.answers["Y"]["ya"]
        if text.startswith("tidak") or text == "0":
            return regulation.answers["Y"]["tidak"]
        return None
    if kind == "%":
        return _percentage(answer)
    if kind in regulation.answers:
        match = _LETTER.match(str(answer).strip().lower())
        if match and match.group(1) in regulation.answers[kind]:
            return regulation.answers[kind][match.group(1)]
    return None


def _guess_type(answer: Any, text: str) -> str | None:
    if text.startswith(("ya", "tidak")):
        return "Y"
    if isinstance(answer, (int, float)) or "%" in str(answer) or parse_number(answer) is not None:
        return "%"
    return None


def _percentage(answer: Any) -> float | None:
    raw = str(answer).strip()
    number = parse_number(raw.replace("%", "").strip()) if isinstance(answer, str) else parse_number(answer)
    if number is None:
        return None
    fraction = number / 100.0 if ("%" in raw or number > 1) else number
    return min(1.0, max(0.0, fraction))
