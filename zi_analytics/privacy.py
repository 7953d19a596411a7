"""Personal data on screens: names and phone numbers shortened in tables, contact details cut from free text.

Tables in the dashboard show who filed a complaint only as initials ("R*** W***"); the full register stays
in the stored file for those allowed to open it. Free text (survey suggestions, complaint descriptions)
cannot be searched for names reliably, so phone numbers, e-mail addresses and ID numbers are removed from it.
"""

from __future__ import annotations

import re

import pandas as pd

MASK = "***"
_PHONE = re.compile(r"(?:\+62|\b62|\b0)[\s.-]?8\d(?:[\s.-]?\d){6,11}\b")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_LONG_NUMBER = re.compile(r"\b\d{10,}\b")  # NIK (16 digits), account numbers


def mask_name(value: object) -> str:
    """'Rina Wati' -> 'R*** W***': enough to tell two complainants apart in a meeting, not to identify them."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    words = str(value).split()
    return " ".join(word[0] + MASK for word in words[:3]) if words else ""


def mask_phone(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    digits = re.sub(r"\D", "", str(value))
    return f"{digits[:4]}{MASK}{digits[-2:]}" if len(digits) >= 8 else (MASK if digits else "")


def scrub_text(value: object) -> str:
    """Free text without phone numbers, e-mail addresses or long ID numbers."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = _EMAIL.sub("[email]", str(value))
    text = _PHONE.sub("[nomor telepon]", text)
    return _LONG_NUMBER.sub("[nomor]", text)
