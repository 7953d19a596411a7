"""Change-area names to the six canonical keys, tolerant of numbering, case and small typos."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from ..rules import AREA_KEYS, vocabulary
from .text import fold_any, per_value

_NUMBERING = re.compile(r"^(?:area|komponen|bidang)?\s*(?:(vi|v|iv|iii|ii|i|[1-6]|[a-f])\b)?\s*(?:area\s+)?")
_ORDINALS = {"i": 0, "ii": 1, "iii": 2, "iv": 3, "v": 4, "vi": 5, "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5}
FUZZY_MIN = 88
_SUB_NUMBERING = re.compile(r"^(?:(?:vi|v|iv|iii|ii|i|\d{1,2}|[a-f])\s+)+")  # "I.1 SDM": the numbers left after the first
_NOISE = re.compile(r"(?<![a-z])(?:zi|wbk|wbbm|pengungkit)(?![a-z])")  # words beside an area's name that never tell areas apart


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    return {name: area.key for area in vocabulary().areas for name in area.names}


@lru_cache(maxsize=4096)
def _area_from_folded(folded: str) -> str | None:
    match = _NUMBERING.match(folded)
    number = match.group(1) if match else None
    rest = folded[match.end():].strip() if match else folded
    if not rest:
        return AREA_KEYS[_ORDINALS[number]] if number in _ORDINALS else None
    names = _names()
    rest = _SUB_NUMBERING.sub("", _NOISE.sub("", rest)).strip() or rest
    if rest in names:
        return names[rest]
    # Longest known name contained as whole words ("area i manajemen perubahan zi").
    for name in sorted(names, key=len, reverse=True):
        if len(name) >= 8 and re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", rest):
            return names[name]
    best = process.extractOne(rest, list(names), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
    return names[best[0]] if best else None


@per_value
def area_key(value: Any) -> str | None:
    """'I. MANAJEMEN PERUBAHAN' -> manajemen_perubahan; 'Penataan Tata Laksana' -> penataan_tatalaksana."""
    folded = fold_any(value)
    return _area_from_folded(folded) if folded else None


def exact_area(value: Any) -> str | None:
    """The area a cell names and nothing more ('I. MANAJEMEN PERUBAHAN', 'Area Pengawasan'): a heading row's
    text, never an activity or innovation whose title merely mentions an area."""
    folded = fold_any(value)
    if not folded:
        return None
    match = _NUMBERING.match(folded)
    rest = folded[match.end():].strip() if match else folded
    return _names().get(rest)
