"""Indonesian number and date formats (1.234,5; 15 Okt 2025), shared by the CLI, exports and pages."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "id_ID"


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
