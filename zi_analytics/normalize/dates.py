"""Dates and target periods as Indonesian offices write them.

Every reader keeps to one window, FIRST_DAY..LAST_DAY, whether the cell holds a typed date, an Excel serial
or text: a date outside it is a slip (a 0 in a date cell is 30 Dec 1899), and a date read from one form
must read the same from its ISO text.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from .text import fold, is_blank, per_value

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nop": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
EXCEL_EPOCH = date(1899, 12, 30)
FIRST_DAY, LAST_DAY = date(1990, 1, 1), date(2100, 12, 31)
_FIRST_SERIAL, _LAST_SERIAL = (FIRST_DAY - EXCEL_EPOCH).days, (LAST_DAY - EXCEL_EPOCH).days
_NUMERIC_DATE = re.compile(
    r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})(?:[ t]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.(\d{1,6})\d*)?)?)?$"
)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WORD_DATE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_NAMES})\s+(\d{{4}}|\d{{2}})\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_NAMES})\b\s*(\d{{4}})?")
_QUARTER = re.compile(r"\b(?:triwulan|tw|kuartal|q|trimester)\s*(iv|iii|ii|i|[1-4])\b")
_SEMESTER = re.compile(r"\b(?:semester|smt|sem)\s*(ii|i|[12])\b")
_YEAR = re.compile(r"\b(20\d{2})\b")
RECURRING_WORDS = ("setiap", "tiap", "rutin", "berkala", "per bulan", "bulanan", "mingguan", "harian", "insidentil", "insidental", "sewaktu")


def end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def from_excel_serial(number: float) -> date | None:
    """Excel day numbers, as CSV exports and unformatted cells carry them (the time of day is dropped)."""
    if _FIRST_SERIAL <= number < _LAST_SERIAL + 1:
        return EXCEL_EPOCH + timedelta(days=int(number))
    return None


def _in_window(day: date) -> date | None:
    return day if FIRST_DAY <= day <= LAST_DAY else None


@per_value
def parse_date(value: Any) -> date | None:
    """A calendar date from a cell: Excel dates and serials, dd/mm/yyyy, '15 Oktober 2025', ISO."""
    if is_blank(value) or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _in_window(value.date())
    if isinstance(value, date):
        return _in_window(value)
    if isinstance(value, (int, float)):
        return from_excel_serial(value)
    text = str(value).strip().lower()
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return from_excel_serial(float(text))
    match = _NUMERIC_DATE.match(text)
    if match:
        return _numeric_date(match)
    folded = fold(text)
    match = _WORD_DATE.search(folded)
    if match:
        return _safe_date(_full_year(match.group(3)), MONTHS[match.group(2)], int(match.group(1)))
    return None


def parse_datetime(value: Any) -> datetime | None:
    """Like parse_date but keeps the time of day (survey timestamps). Not remembered per value like the
    other readers: every response has its own timestamp, so a cache would only push the labels out."""
    if is_blank(value):  # pd.NaT is a datetime too
        return None
    if isinstance(value, datetime):
        return value if _in_window(value.date()) else None
    if isinstance(value, str):
        match = _NUMERIC_DATE.match(value.strip().lower())
        if match and match.group(4):
            day = _numeric_date(match)
            if day is None:
                return None
            hour, minute, second = int(match.group(4)), int(match.group(5)), int(match.group(6) or 0)
            if hour > 23 or minute > 59 or second > 59:
                return None
            micro = int((match.group(7) or "0").ljust(6, "0"))
            return datetime(day.year, day.month, day.day, hour, minute, second, micro)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        day = from_excel_serial(value)
        if day is None:
            return None
        # 23:59:59.7 stays on its day, as parse_date reads it
        seconds = min(round(float(value) % 1 * 86400), 86399)
        return datetime(day.year, day.month, day.day) + timedelta(seconds=seconds)
    day = parse_date(value)
    return datetime(day.year, day.month, day.day) if day else None


# A Google Forms export's timestamp text, as parse_datetime reads it (day first). Thousands per survey sheet,
# each different: read for the whole column at once instead of one regex and one datetime at a time.
_TYPICAL_STAMP = r"^(0[1-9]|[12][0-9]|3[01])/(0[1-9]|1[0-2])/[0-9]{4} ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"
_TYPICAL_STAMP_FORMAT = "%d/%m/%Y %H:%M:%S"


def parse_datetimes(values: list[Any]) -> list[datetime | None]:
    """``parse_datetime`` of every value; texts written as dd/mm/yyyy hh:mm:ss are read in one pass."""
    texts = pa.array([v if v.__class__ is str else None for v in values], type=pa.string())
    typical = pc.if_else(pc.match_substring_regex(texts, _TYPICAL_STAMP), texts, pa.scalar(None, pa.string()))
    read = pc.strptime(typical, format=_TYPICAL_STAMP_FORMAT, unit="s", error_is_null=True)
    # strptime rolls a day the month lacks over ("31/04" is 1 May): such a text is read one by one, and refused
    written_day = pc.cast(pc.utf8_slice_codeunits(typical, 0, 2), pa.int64())
    read = pc.if_else(pc.equal(pc.day(read), written_day), read, pa.scalar(None, read.type))
    moments = read.to_numpy(zero_copy_only=False).astype(object)  # datetimes, None where not read
    return [moment if moment is not None and FIRST_DAY.year <= moment.year <= LAST_DAY.year else parse_datetime(value)
            for moment, value in zip(moments.tolist(), values)]


def _numeric_date(match: re.Match[str]) -> date | None:
    a, b, c = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if a > 31 or len(match.group(1)) > 2:  # ISO: yyyy-mm-dd ("0005-01-02" too: four digits are a year)
        return _safe_date(a, b, c)
    year = _full_year(match.group(3))
    if b > 12 and a <= 12:  # month-first export (US locale), only when day-first is impossible
        return _safe_date(year, a, b)
    return _safe_date(year, b, a)


def _full_year(digits: str) -> int:
    """'26' is 2026; '0026' is the year 26 (out of the window), not 2026."""
    return int(digits) + 2000 if len(digits) <= 2 else int(digits)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        if not FIRST_DAY.year <= year <= LAST_DAY.year:
            return None
        return date(year, month, day)
    except ValueError:
        return None


_NUMERIC_MONTH = re.compile(r"^(?:(?P<m1>\d{1,2})\s*[/.-]\s*(?P<y1>(?:19|20)\d\d)|(?P<y2>(?:19|20)\d\d)\s*[/.-]\s*(?P<m2>\d{1,2}))$")


@per_value
def parse_target(value: Any, plan_year: int) -> tuple[date | None, bool]:
    """A target deadline and whether the text was understood.

    'Maret 2026' is the end of March, 'TW II' the end of June, 'Semester I' 30 June; a period without
    a year is in the plan year. Recurring work ('Setiap bulan') has no single deadline.
    """
    if is_blank(value):
        return None, True
    exact = parse_date(value)
    if exact is not None:
        return exact, True
    if not isinstance(value, str):
        return None, False
    folded = fold(value)
    numeric = _NUMERIC_MONTH.match(value.strip())
    if numeric:  # '07/2025', '2025-07': a month written in numbers
        month, year = (int(numeric["m1"]), int(numeric["y1"])) if numeric["m1"] else (int(numeric["m2"]), int(numeric["y2"]))
        return (end_of_month(year, month), True) if 1 <= month <= 12 else (None, False)
    year_match = _YEAR.findall(folded)
    year = int(year_match[-1]) if year_match else plan_year
    quarter = _QUARTER.findall(folded)
    if quarter:
        last = max(ROMAN[q] for q in quarter)
        return end_of_month(year, last * 3), True
    semester = _SEMESTER.findall(folded)
    if semester:
        return end_of_month(year, 6 if max(ROMAN[s] for s in semester) == 1 else 12), True
    months = [MONTHS[m] for m, _ in _MONTH_YEAR.findall(folded)]
    if months:
        return end_of_month(year, months[-1]), True
    if any(word in folded for word in RECURRING_WORDS):
        return None, True
    if folded in ("tahun", "sepanjang tahun", "") or (year_match and folded.replace("tahun", "").strip() == str(year)):
        return date(year, 12, 31), True
    return None, False
