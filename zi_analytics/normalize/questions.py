"""Survey questions written as codes instead of words: "U1", "Unsur 1", "U-1", "Unusr 8", "P1", "Q1".

An unsur code names an IKM unsur outright; a plain question number ("P3", "Pertanyaan 3") names one only
once the survey is known to be the IKM.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from .text import fold

UNSUR_WORDS = ("unsur", "u")
NUMBER_WORDS = ("p", "q", "pertanyaan", "soal", "butir", "item")
# the code ends the header; a parent line of a two-row header may stand before it ("NILAI UNSUR PELAYANAN U1")
_CODE = re.compile(r"(?:^|.* )([a-z]+) ?(\d{1,2})$")
_LEADING_CODE = re.compile(r"^(u|unsur|p|q) ?(\d{1,2}) [a-z]")
_TYPO_MIN = 75  # "unusr", "usnur", "unsru" are "unsur"; "umur" is not


@lru_cache(maxsize=4096)
def question_code(header: str) -> tuple[str, int] | None:
    """("unsur", n) for an unsur code, ("number", n) for a plain question number, None for anything else.
    The code ends the header ("NILAI UNSUR U1") or begins it before the question ("U2 Sistem, mekanisme …")."""
    folded = fold(header)
    match = _CODE.match(folded) or _LEADING_CODE.match(folded)
    if not match:
        return None
    word, number = match.group(1), int(match.group(2))
    if number < 1:
        return None
    if word in UNSUR_WORDS or (len(word) >= 4 and fuzz.ratio(word, "unsur") >= _TYPO_MIN and word != "umur"):
        return "unsur", number
    if word in NUMBER_WORDS:
        return "number", number
    return None
