"""Personal data on screens: names and phone numbers shortened in tables, contact details cut from free text.

Tables in the dashboard show who filed a complaint only as initials ("R*** W***"); the full register stays
in the stored file for those allowed to open it. Free text (survey suggestions, complaint descriptions)
cannot be searched for names reliably, so phone numbers, e-mail addresses and ID numbers are removed from it.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

MASK = "***"
_SEP = r"[\s.\-\u2010-\u2015\u2212]*"  # spaces, dots and dashes of any kind between digit groups
_SEP_OR_SLASH = r"[\s.\-/\u2010-\u2015\u2212]*"
# Not inside a longer number ("3573 0155 0580 0002" is an ID, not a phone from its second group on); letters
# may stand right before it ("WA081298765433").
_START = r"(?<![\d+])(?<!\d[ .\-/])"
# Indonesian mobile and fixed-line numbers in every common spelling: +62 / 62 / 0 and a 2–4 digit prefix (in
# brackets or not), then digit groups split by spaces, dots or dashes: "(0812) 3456 7890", "0812–3456–7891",
# "+62 812-3456-7890", "(+62) 812 9876 5432", "(0333) 421 234". A date ("02-03-2026") or a time ("08.30") never
# starts so. A mobile number (08…, eight or more digits after it) is found however its digits are split or
# slashed: "0 812 9876 5434", "08 12 33 44 55 66", "0812/3456/7890".
_PHONE = re.compile(
    rf"{_START}(?:(?:\+\s*62|62)\)?{_SEP}\(?\d{{2,4}}\)?|\(\s*0\d{{2,4}}\s*\)|0\d{{2,4}})(?:{_SEP}\d){{5,10}}(?!\d)"
    rf"|{_START}(?:(?:\+\s*62|62)\)?|0){_SEP_OR_SLASH}8(?:{_SEP_OR_SLASH}\d){{8,11}}(?!\d)")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
                    r"|\b[\w.+-]+\s*[(\[{]\s*at\s*[)\]}]\s*[\w-]+(?:\s*[(\[{]\s*dot\s*[)\]}]\s*[\w-]+)+",
                    re.IGNORECASE)
# NIK (16 digits: "3510 1234 5678 0001", "35.10.12.345678.0001", "3573/0155/0580/0002"), NIP (18: "19750101
# 199803 1 001"), account numbers: digit groups of ten digits in all when the first has four or more, fifteen
# when it is shorter (a date and time, "12.01.2026 10.00", has at most fourteen)
_LONG_NUMBER = re.compile(r"(?<![\w])\d{2,}(?:[ ./\-\u2010-\u2015]\d+)*(?![\w])")
LONG_DIGITS, LONG_DIGITS_SHORT_START = 10, 15


_ISO_DATE = re.compile(r"\d{4}[-.]\d{1,2}[-.]\d{1,2}(?!\d)")


def _long_number(match: re.Match[str]) -> str:
    text = match.group()
    first = re.match(r"\d+", text)
    needed = LONG_DIGITS if first and len(first.group()) >= 4 else LONG_DIGITS_SHORT_START
    if _ISO_DATE.match(text) or sum(c.isdigit() for c in text) < needed:
        return text  # a date and time ("2026-01-15 08"), or too short for an ID
    return "[nomor]"


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


def scrub_text(value: object, names: tuple[str, ...] = ()) -> str:
    """Free text without phone numbers, e-mail addresses, long ID numbers (NIK, NIP), and the words of `names`
    (the complainant's own name where it recurs in the description) as initials."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = _EMAIL.sub("[email]", unicodedata.normalize("NFKC", str(value)))  # full-width digits are digits
    for name in names:
        for word in {w for w in re.split(r"\W+", str(name or "")) if len(w) >= 3}:
            text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", word[0] + MASK, text, flags=re.IGNORECASE)
    text = _PHONE.sub("[nomor telepon]", text)
    return _LONG_NUMBER.sub(_long_number, text)
