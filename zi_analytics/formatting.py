"""Indonesian number and date formats (1.234,5; 15 Okt 2025), shared by the CLI, exports and pages."""

from __future__ import annotations

import re
from datetime import date, datetime

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "id_ID"


class Percent(float):
    """A share on the 0–100 scale kept as a number: a table for a spreadsheet holds these where a page shows
    `percent(value)`, so the Excel report can store a percentage cell instead of the text "68,3%"."""


def number(value: float | int | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def percent(value: float | None, decimals: int = 1) -> str:
    return "–" if value is None else f"{number(value, decimals)}%"


def short_date(value: date | datetime | None) -> str:
    """'15 Okt 2025'."""
    if value is None:
        return "–"
    return format_date(value, format="d MMM y", locale=LOCALE)


def long_date(value: date | datetime | None) -> str:
    """'15 Oktober 2025'."""
    if value is None:
        return "–"
    return format_date(value, format="d MMMM y", locale=LOCALE)


def month_label(value: date | datetime | None) -> str:
    """'Okt 2025' (chart axes and monthly tables)."""
    if value is None:
        return "–"
    return format_date(value, format="MMM y", locale=LOCALE)


_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_PERIOD_KEY = re.compile(r"^(\d{4})-([QS])([1-4])$")


def period_label(key: str) -> str:
    """A survey period as people write it: '2026-Q1' → 'Triwulan I 2026', '2026-S2' → 'Semester II 2026'; any
    other text (a file's own 'Semester I') as it is. The key sorts in time order; the label is for showing."""
    found = _PERIOD_KEY.match(str(key).strip())
    if not found:
        return str(key)
    year, kind, number = found.groups()
    return f"{'Triwulan' if kind == 'Q' else 'Semester'} {_ROMAN[number]} {year}"


def period(start: date | None, end: date | None) -> str:
    """A data period as a user says it: 'posisi 31 Okt 2026', '5 Jan 2026 – 27 Okt 2026', 'tahun 2025', 'tanpa
    periode'."""
    if start is None or start != start:  # None or NaN
        return "tanpa periode"
    if start == end:
        return f"posisi {short_date(start)}"
    if (start.month, start.day, end.month, end.day, start.year) == (1, 1, 12, 31, end.year):
        return f"tahun {start.year}"  # a plan dated only by its year ('RENCANA AKSI TAHUN 2025')
    return f"{short_date(start)} – {short_date(end)}"
