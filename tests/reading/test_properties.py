"""Property-based tests (hypothesis) for every value normaliser in ``zi_analytics/normalize/``.

Why: the example tests in test_normalize.py pin the shapes we have seen; these pin the contracts for the
shapes we have not: no normaliser raises on any cell value (except ProgressError, which carries an
Indonesian message), results stay in range (progress 0–100, answers 1..scale, dates in the window
1990-01-01..2100-12-31, keys from zi_analytics/rules/vocabulary.toml), re-reading a result gives it back,
and values written the Indonesian way (from the app's own formatting too) read as what they say.

Profiles, chosen by the environment variable ``ZI_HYPOTHESIS_PROFILE`` (or ``HYPOTHESIS_PROFILE``):

- ``ci`` (default): 150 examples per test, no deadline, no example database (pytest runs with
  ``-p no:cacheprovider`` and the checkout may be read-only); the file runs in well under a minute.
- ``long``: 5000 examples per test, for a deeper search before a release or after touching a normaliser:
  ``ZI_HYPOTHESIS_PROFILE=long python -m pytest tests/reading/test_properties.py``.

Hypothesis keeps its caches (and a patch per failure) in ``$TMPDIR/zi-hypothesis`` unless
``HYPOTHESIS_STORAGE_DIRECTORY`` says otherwise, so nothing is written into the checkout.
"""

from __future__ import annotations

import math
import os
import re
import string
import tempfile
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from zi_analytics import formatting
from zi_analytics.messages import MESSAGES, msg
from zi_analytics.normalize.answers import (
    Answer,
    answer_value,
    label_values,
    labels_by_scale,
    read_answer,
    scale_hint,
)
from zi_analytics.normalize.areas import area_key
from zi_analytics.normalize.dates import (
    EXCEL_EPOCH,
    FIRST_DAY,
    LAST_DAY,
    MONTHS,
    end_of_month,
    from_excel_serial,
    parse_date,
    parse_datetime,
    parse_datetimes,
    parse_target,
)
from zi_analytics.normalize.numbers import parse_number
from zi_analytics.normalize.phrases import (
    category_key,
    channel_key,
    classify,
    status_key,
)
from zi_analytics.normalize.progress import (
    DONE_WORDS,
    NOT_STARTED_WORDS,
    ProgressError,
    parse_progress,
)
from zi_analytics.normalize.text import clean_text, fold, fold_any, is_blank
from zi_analytics.normalize.units import (
    CLASS_DISPLAY,
    CLASS_TOKENS,
    CLASS_WORDS,
    STOP_WORDS,
    SUBTYPES,
    TYPE_PHRASES,
    TYPES,
    UnitId,
    UnitRegistry,
    parse_unit,
)
from zi_analytics.rules import AREA_KEYS, AREA_LABELS, survey_rules, vocabulary

settings.register_profile("ci", max_examples=150, deadline=None, database=None, derandomize=False,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", settings.get_profile("ci"), max_examples=5000)
settings.load_profile(os.environ.get("ZI_HYPOTHESIS_PROFILE") or os.environ.get("HYPOTHESIS_PROFILE") or "ci")
if "HYPOTHESIS_STORAGE_DIRECTORY" not in os.environ:  # caches and failure patches stay out of the checkout
    set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "zi-hypothesis"))

# FIRST_DAY..LAST_DAY (1990..2100) is the window every date reader keeps to: see zi_analytics/normalize/dates.py.
ID_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember"]
ID_DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

# ---------------------------------------------------------------------------------------------------------
# Cell values: what a reader (calamine, csv, pandas) or a careless hand can put into a cell, and worse.
# ---------------------------------------------------------------------------------------------------------

CELL_WORDS = (
    ID_MONTHS + sorted(MONTHS) + list(DONE_WORDS) + list(NOT_STARTED_WORDS)
    + ["tw", "triwulan", "q", "semester", "sem", "i", "ii", "iii", "iv", "iia", "kelas", "lapas", "rutan", "lpka",
       "bapas", "setiap", "rutin", "tahun", "sangat", "setuju", "tidak", "sesuai", "baik", "a.", "b)", "4.",
       "manajemen", "perubahan", "pengawasan", "area", "lapor", "wa", "belum", "sudah", "ditindaklanjuti",
       "pungli", "nan", "inf", "e", "true", "none", "İ", "ı", "ſ", "K", "ß", "é", "٣", "５", "—", "–", "−"]
)
SEPARATORS = [" ", "  ", "/", "-", ".", ",", ":", "%", "\t", "\n", "\u00a0", "\u200b", "!", "?", "(", ")", "T"]
cellish_text = st.lists(
    st.one_of(st.sampled_from(CELL_WORDS), st.integers(0, 99999).map(str), st.sampled_from(SEPARATORS)),
    max_size=10,
).map("".join)
any_text = st.one_of(
    st.text(),  # every Unicode character but surrogates, control characters included
    st.text(alphabet=string.printable),
    cellish_text,
)
huge_text = st.builds(lambda piece, times: piece * times, st.one_of(cellish_text, st.text()).filter(bool),
                      st.integers(2_000, 20_000))
huge_int = st.builds(lambda exponent, sign, extra: sign * 10 ** exponent + extra,
                     st.integers(300, 6_000), st.sampled_from([1, -1]), st.integers(-9, 9))
naive_datetimes = st.datetimes()
aware_datetimes = st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=7))]))
any_value = st.one_of(
    st.none(), any_text, huge_text,
    st.floats(), st.integers(), huge_int, st.booleans(),
    naive_datetimes, aware_datetimes, st.dates(), st.times(), st.timedeltas(),
    st.binary(), st.decimals(),
    st.floats().map(np.float64), st.integers(-(2 ** 63), 2 ** 63 - 1).map(np.int64), st.booleans().map(np.bool_),
    st.datetimes(min_value=datetime(1678, 1, 1), max_value=datetime(2261, 12, 31)).map(pd.Timestamp),
    st.just(pd.NaT),
)

# ---------------------------------------------------------------------------------------------------------
# text: clean_text, fold, fold_any, is_blank
# ---------------------------------------------------------------------------------------------------------

FOLDED = re.compile(r"(?:[0-9a-z%]+(?: [0-9a-z%]+)*)?")


@given(any_value)
def test_is_blank_is_a_bool_and_agrees_with_clean_text(value):
    blank = is_blank(value)
    assert blank is True or blank is False
    if blank:
        assert clean_text(value) == "" and fold_any(value) == ""
    if value is None or isinstance(value, (str, float)):
        assert blank == (clean_text(value) == "")


@given(st.one_of(st.none(), st.just(pd.NaT), st.just(math.nan), st.just(np.float64("nan")),
                 st.text(alphabet=" \t\r\n\u00a0\u2003\u3000\x1c")))
def test_is_blank_for_empty_cells(value):
    """None, NaN (an empty pandas cell), NaT and whitespace-only text are all one thing: an empty cell."""
    assert is_blank(value) is True
    assert clean_text(value) == "" and fold_any(value) == ""


@given(st.one_of(any_value, any_text))
def test_clean_text_is_trimmed_single_spaced_and_idempotent(value):
    cleaned = clean_text(value)
    assert isinstance(cleaned, str)
    assert cleaned == cleaned.strip()
    assert not re.search(r"\s\s|[^\S ]", cleaned), "whitespace runs become one plain space"
    assert clean_text(cleaned) == cleaned


@given(st.integers(-(2 ** 53), 2 ** 53))
def test_clean_text_writes_whole_floats_without_point_zero(number):
    assert clean_text(float(number)) == str(number) == clean_text(number)


@given(st.one_of(any_text, huge_text))
def test_fold_is_lowercase_ascii_words_and_idempotent(text):
    folded = fold(text)
    assert FOLDED.fullmatch(folded), folded
    assert fold(folded) == folded


@given(st.text(alphabet=string.printable))
def test_fold_ignores_ascii_case(text):
    assert fold(text.upper()) == fold(text.lower()) == fold(text)


@given(st.lists(st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1), min_size=1, max_size=5),
       st.lists(st.sampled_from([" ", "  ", "-", " - ", "/", ".", ", ", "\t", "_", "\u00a0"]), min_size=4, max_size=4))
def test_fold_ignores_punctuation_between_words(words, glue):
    joined = "".join(word + glue[i % len(glue)] for i, word in enumerate(words))
    assert fold(joined) == " ".join(words)


@given(any_value)
def test_fold_any_never_raises_and_is_a_fold(value):
    folded = fold_any(value)
    assert FOLDED.fullmatch(folded)
    assert fold(folded) == folded
    assert fold_any(folded) == folded


@given(st.integers(-(2 ** 53), 2 ** 53))
def test_fold_any_reads_whole_floats_as_their_integer(number):
    assert fold_any(float(number)) == fold_any(number) == fold_any(str(number))


# ---------------------------------------------------------------------------------------------------------
# numbers: parse_number
# ---------------------------------------------------------------------------------------------------------


@given(any_value)
def test_parse_number_never_raises_and_never_gives_nan(value):
    number = parse_number(value)
    assert number is None or (isinstance(number, float) and not math.isnan(number))
    if isinstance(value, bool) or is_blank(value):
        assert number is None
    if number is not None:
        assert parse_number(number) == number


@given(st.one_of(st.integers(-(10 ** 300), 10 ** 300), st.floats(allow_nan=False)))
def test_parse_number_keeps_numbers(number):
    assert parse_number(number) == float(number)


@given(st.integers(0, 10 ** 12), st.text(alphabet=string.digits, min_size=1, max_size=4), st.sampled_from(["", "-", "+"]))
def test_parse_number_reads_indonesian_and_english_grouping(whole, fraction, sign):
    grouped = f"{whole:,}"
    expected = float(f"{sign}{whole}.{fraction}")
    indonesian = f"{sign}{grouped.replace(',', '.')},{fraction}"
    english = f"{sign}{grouped}.{fraction}"
    assert parse_number(indonesian) == pytest.approx(expected)
    assert parse_number(english) == pytest.approx(expected)
    assert parse_number(f" {indonesian}\u00a0") == pytest.approx(expected)


@given(st.floats(min_value=-1e12, max_value=1e12), st.integers(1, 4))
def test_parse_number_reads_the_apps_own_number_format(number, decimals):
    shown = formatting.number(number, decimals)
    assert parse_number(shown) == pytest.approx(float(Decimal(shown.replace(".", "").replace(",", "."))))
    assert parse_number(shown) == pytest.approx(number, abs=10 ** -decimals)


@given(st.integers(10 ** 6, 10 ** 15))
def test_parse_number_reads_dot_thousands_of_two_groups_or_more(number):
    assert parse_number(f"{number:,}".replace(",", ".")) == number
    assert parse_number(f"{number:,}") == number


# ---------------------------------------------------------------------------------------------------------
# progress: parse_progress (0–100, None for a blank cell, or ProgressError with an Indonesian message)
# ---------------------------------------------------------------------------------------------------------


progress_like_cells = st.one_of(  # what a progress column holds when it is filled in as intended
    st.floats(min_value=0, max_value=100), st.integers(0, 100),
    st.builds(str.format, st.sampled_from(["{}%", "{} %", "{}", " {} "]),
              st.one_of(st.integers(0, 100), st.floats(0, 100).map(lambda f: f"{f:.3f}".replace(".", ",")))),
    st.sampled_from(DONE_WORDS + NOT_STARTED_WORDS + ("-", "\u2013")),
)
progress_cells = st.one_of(any_value, progress_like_cells)


def _progress_or_error(value):
    try:
        return parse_progress(value), None
    except ProgressError as exc:
        return None, exc


@given(progress_cells)
def test_parse_progress_is_in_range_or_an_indonesian_error(value):
    progress, error = _progress_or_error(value)
    if error is not None:
        assert error.kind in ("r_progress", "r_progress_range") and error.kind in MESSAGES
        assert isinstance(error, ValueError)
        message = msg(error.kind, value=clean_text(error.value))
        assert message.startswith("Progres ") and ("tidak dapat dibaca" in message or "di luar rentang" in message)
    elif progress is not None:
        assert isinstance(progress, float) and 0.0 <= progress <= 100.0
    if is_blank(value):
        assert progress is None and error is None


@given(st.one_of(any_text, cellish_text))
def test_parse_progress_gives_none_only_for_a_cell_that_looks_empty(text):
    """A cell with anything visible in it is read or rejected, never taken for an empty cell (CONVENTIONS.md)."""
    progress, error = _progress_or_error(text)
    visible = [c for c in text if not (c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Zs", "Zl", "Zp"))]
    if progress is None and error is None:
        assert not visible, text


@given(st.floats(min_value=0, max_value=100), st.integers(0, 4))
def test_parse_progress_reads_the_apps_percent_format(progress, decimals):
    shown = formatting.percent(progress, decimals)  # "62,5%": how pages and exports write progress
    assert parse_progress(shown) == pytest.approx(progress, abs=0.5 * 10 ** -decimals + 1e-9)
    assert parse_progress(f"{progress:.4f}%") == pytest.approx(progress, abs=1e-4)


@given(progress_like_cells)  # most of `any_value` is refused, and the health check then stops the test
def test_parse_progress_of_a_read_value_as_nn_percent_is_the_same(value):
    progress, _ = _progress_or_error(value)
    assume(progress is not None)
    assert parse_progress(formatting.percent(progress, 6)) == pytest.approx(progress, abs=1e-6)


@given(st.integers(2, 100), st.sampled_from(["{}%", "{} %", "{}", " {} ", "{}%\u00a0"]))
def test_parse_progress_whole_percentages_agree(number, template):
    assert parse_progress(template.format(number)) == parse_progress(number) == parse_progress(float(number)) == number


@given(st.integers(0, 100))
def test_parse_progress_fractions_agree_with_percentages(percent):
    fraction = percent / 100
    comma = f"{fraction:.2f}".replace(".", ",")
    assert parse_progress(fraction) == pytest.approx(percent)
    assert parse_progress(comma) == pytest.approx(percent)
    assert parse_progress(f"{percent},0%") == pytest.approx(percent)


@given(st.sampled_from([(w, 100.0) for w in DONE_WORDS] + [(w, 0.0) for w in NOT_STARTED_WORDS]),
       st.sampled_from([str.lower, str.upper, str.title]), st.sampled_from(["", " ", ".", "!", "\u00a0"]))
def test_parse_progress_words(word_and_value, case, tail):
    word, expected = word_and_value
    assert parse_progress(case(word) + tail) == expected


@given(st.one_of(st.floats(min_value=100, exclude_min=True, allow_infinity=True, allow_nan=False),
                 st.floats(max_value=-5e-324, allow_infinity=True, allow_nan=False), huge_int))
def test_parse_progress_rejects_out_of_range_numbers_as_such(number):
    with pytest.raises(ProgressError) as info:
        parse_progress(number)
    assert info.value.kind == "r_progress_range"


# ---------------------------------------------------------------------------------------------------------
# dates: from_excel_serial, parse_date, parse_datetime, parse_target
# ---------------------------------------------------------------------------------------------------------

window_dates = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)
window_datetimes = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31, 23, 59, 59))


def indonesian_spellings(day: date) -> list[str]:
    """The ways Pokja files write one calendar day."""
    d, m, y = day.day, day.month, day.year
    month = ID_MONTHS[m - 1]
    spellings = [
        f"{d} {month} {y}", f"{d:02d} {month.upper()} {y}", f"{d} {month[:3]} {y}", f"{ID_DAYS[day.weekday()]}, {d} {month} {y}",
        f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d}-{m}-{y}", f"{d:02d}.{m:02d}.{y}", f"{d:02d}-{m:02d}-{y} 00:00",
        day.isoformat(), f"{y}/{m:02d}/{d:02d}", f" {day.isoformat()} ",
        formatting.short_date(day), formatting.long_date(day), str((day - EXCEL_EPOCH).days),
    ]
    if 2000 <= y <= 2099:
        spellings.append(f"{d:02d}/{m:02d}/{y % 100:02d}")
    if d > 12:  # month-first (US export) is read only where day-first is impossible
        spellings.append(f"{m}/{d}/{y}")
    return spellings


serials = st.integers((FIRST_DAY - EXCEL_EPOCH).days - 400, (LAST_DAY - EXCEL_EPOCH).days + 400)
date_like_cells = st.one_of(  # cells written as dates or moments, which mostly read as one
    window_dates, window_datetimes, serials, serials.map(str),
    st.builds(lambda serial, second: serial + second / 86_400, serials, st.integers(0, 86_399)),
    window_dates.flatmap(lambda day: st.sampled_from(indonesian_spellings(day))),
    window_datetimes.map(lambda moment: moment.isoformat(sep=" ")),
    window_datetimes.map(lambda moment: moment.strftime("%d/%m/%Y %H:%M:%S")),
)
date_cells = st.one_of(any_value, date_like_cells)


@given(st.one_of(st.floats(), st.integers(), huge_int, serials))
def test_from_excel_serial_in_window_and_exact(number):
    day = from_excel_serial(number)
    assert day is None or FIRST_DAY <= day <= LAST_DAY
    if day is not None:
        assert day == EXCEL_EPOCH + timedelta(days=math.floor(number))


@given(window_dates, st.integers(0, 86_399))
def test_from_excel_serial_round_trip(day, second):
    serial = (day - EXCEL_EPOCH).days
    assert from_excel_serial(serial) == day
    assert from_excel_serial(float(serial)) == day
    assert from_excel_serial(serial + second / 86_400) == day


@given(date_cells)
def test_parse_date_never_raises_and_stays_in_window(value):
    day = parse_date(value)
    assert day is None or (type(day) is date and FIRST_DAY <= day <= LAST_DAY)


@given(date_cells)
def test_parse_date_reads_its_own_iso_and_long_form_back(value):
    day = parse_date(value)
    assume(day is not None)
    assert parse_date(day) == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(formatting.long_date(day)) == day


@given(window_dates, st.data())
def test_parse_date_reads_indonesian_spellings(day, data):
    spelling = data.draw(st.sampled_from(indonesian_spellings(day)), label="spelling")
    assert parse_date(spelling) == day
    assert parse_date(datetime(day.year, day.month, day.day, 13, 5)) == day


@given(st.one_of(st.dates(max_value=FIRST_DAY - timedelta(days=1)), st.dates(min_value=LAST_DAY + timedelta(days=1))))
def test_parse_date_refuses_days_outside_the_window(day):
    assert parse_date(day) is None
    assert parse_date(day.isoformat()) is None
    assert parse_date(f"{day.day} {ID_MONTHS[day.month - 1]} {day.year:04d}") is None


@given(date_cells)
def test_parse_datetime_never_raises_and_agrees_with_parse_date(value):
    moment = parse_datetime(value)
    assert moment is None or isinstance(moment, datetime)
    if moment is not None:
        assert moment.date() == parse_date(value)


# Texts shaped like a form export's timestamp, in range and just out of it (day 32, month 13, hour 24, second
# 60, 31 April, 29 February, years outside the window), and every other kind of date cell.
stamp_texts = st.builds(lambda d, m, y, hh, mm, ss: f"{d:02d}/{m:02d}/{y:04d} {hh:02d}:{mm:02d}:{ss:02d}",
                        st.integers(0, 32), st.integers(0, 13), st.integers(1980, 2110), st.integers(0, 24),
                        st.integers(0, 60), st.integers(0, 60))


@given(st.lists(st.one_of(stamp_texts, date_cells), max_size=30))
@example(["31/04/2026 10:00:00", "29/02/2025 08:00:00", "29/02/2024 08:00:00", "05/01/1989 10:00:00",
          "05/01/2101 10:00:00", "31/12/2100 23:59:59", "01/01/1990 00:00:00", "05/01/2026 24:00:00",
          "05/01/2026 10:60:00", "05/01/2026 10:00:60", "13/13/2026 10:00:00", "05/13/2026 10:00:00", None,
          datetime(1985, 1, 1), 46000.5, " 05/01/2026 10:00:00", "5/1/2026 10:00:00"])
def test_parse_datetimes_reads_each_value_as_parse_datetime_does(values):
    assert parse_datetimes(values) == [parse_datetime(v) for v in values]


@given(date_like_cells)  # any other cell seldom reads as a moment: the assumption below would discard most
def test_parse_datetime_reads_its_own_iso_back(value):
    moment = parse_datetime(value)
    assume(moment is not None and moment.tzinfo is None)
    assert parse_datetime(moment.isoformat()) == moment
    assert parse_datetime(moment.isoformat(sep=" ")) == moment


@given(window_datetimes.map(lambda m: m.replace(microsecond=0)), st.data())
def test_parse_datetime_reads_timestamp_spellings(moment, data):
    spelling = data.draw(st.sampled_from([
        moment.strftime("%d/%m/%Y %H:%M:%S"), f"{moment.day}/{moment.month}/{moment.year} {moment.hour}:{moment:%M:%S}",
        moment.strftime("%Y-%m-%d %H:%M:%S"), moment.strftime("%Y-%m-%dT%H:%M:%S"), moment.strftime("%d-%m-%Y %H.%M.%S"),
    ]), label="spelling")
    assert parse_datetime(spelling) == moment
    serial = (moment - datetime(1899, 12, 30)).total_seconds() / 86400
    assert parse_datetime(serial) == moment
    assert parse_datetime(moment) == moment


plan_years = st.integers(FIRST_DAY.year, LAST_DAY.year)
target_cells = st.builds(
    lambda words, year: " ".join(words) + year,
    st.lists(st.sampled_from(ID_MONTHS + ["Triwulan", "TW", "Q", "Semester", "I", "II", "III", "IV", "1", "2", "Setiap",
                                          "bulan", "Tahun", "s.d.", "-", "Rutin"]), max_size=4),
    st.sampled_from(["", " 2026", " 2099", " 1999"]),
)


@given(st.one_of(date_cells, target_cells), st.one_of(plan_years, st.integers(1, 9998)))
def test_parse_target_never_raises(value, plan_year):
    target, understood = parse_target(value, plan_year)
    assert understood is True or understood is False
    assert target is None or type(target) is date
    if is_blank(value):
        assert (target, understood) == (None, True)
    if target is not None and parse_date(value) is None:
        assert target.year == plan_year or 2000 <= target.year <= 2099


@given(st.one_of(date_cells, target_cells), plan_years)
def test_parse_target_reads_its_own_iso_back(value, plan_year):
    target, understood = parse_target(value, plan_year)
    assume(target is not None)
    assert understood
    assert parse_target(target.isoformat(), plan_year) == (target, True)
    assert parse_target(target, plan_year) == (target, True)


@given(window_dates, plan_years, st.data())
def test_parse_target_reads_exact_dates(day, plan_year, data):
    spelling = data.draw(st.sampled_from(indonesian_spellings(day)), label="spelling")
    assert parse_target(spelling, plan_year) == (day, True)


@given(st.integers(1, 12), st.integers(2000, 2099), plan_years, st.sampled_from([str, str.upper, str.lower]))
def test_parse_target_months_end_on_their_last_day(month, year, plan_year, case):
    name = ID_MONTHS[month - 1]
    assert parse_target(case(f"{name} {year}"), plan_year) == (end_of_month(year, month), True)
    assert parse_target(case(name), plan_year) == (end_of_month(plan_year, month), True)
    assert parse_target(case(f"Bulan {name} Tahun {year}"), plan_year) == (end_of_month(year, month), True)


@given(st.integers(1, 4), plan_years, st.sampled_from(["Triwulan {r}", "TW {r}", "TW. {r}", "Q{n}", "Triwulan {n}", "Kuartal {r}"]),
       st.sampled_from(["", " {y}", " Tahun {y}"]), st.integers(2000, 2099))
def test_parse_target_quarters_end_on_the_quarters_last_day(quarter, plan_year, template, year_part, year):
    roman = ["I", "II", "III", "IV"][quarter - 1]
    text = template.format(r=roman, n=quarter) + year_part.format(y=year)
    expected_year = year if year_part else plan_year
    assert parse_target(text, plan_year) == (end_of_month(expected_year, quarter * 3), True)


@given(st.integers(1, 2), plan_years, st.sampled_from(["Semester {r}", "SEMESTER {n}", "Smt {r}"]))
def test_parse_target_semesters(half, plan_year, template):
    text = template.format(r="I" * half, n=half)
    assert parse_target(text, plan_year) == (end_of_month(plan_year, 6 * half), True)


@given(st.sampled_from(["Setiap bulan", "Tiap Triwulan Rutin", "Rutin", "Berkala", "Bulanan", "Insidentil"]), plan_years)
def test_parse_target_recurring_work_has_no_deadline(text, plan_year):
    assert parse_target(text, plan_year) == (None, True)


# ---------------------------------------------------------------------------------------------------------
# answers: read_answer, answer_value, scale_hint
# ---------------------------------------------------------------------------------------------------------

LABEL_SETS = [(label_set.name, list(label_set.labels)) for label_set in survey_rules().label_sets]
SCALES_WITH_LABELS = sorted(label_values())


@st.composite
def written_labels(draw):
    """A label of some set as respondents' exports write it: any case, optional '3.' or 'c)' prefix."""
    _, labels = draw(st.sampled_from(LABEL_SETS))
    scale = len(labels)
    position = draw(st.integers(1, scale))
    label = labels[position - 1]
    assume(len(label_values()[scale][fold(label)]) == 1)
    case = draw(st.sampled_from([str.lower, str.upper, str.title, str.capitalize]))
    letter = "abcdefghij"[position - 1]
    prefix = draw(st.sampled_from(["", f"{position}. ", f"{position})", f"{letter}. ", f"{letter.upper()}) ", f" {letter}.", "  "]))
    tail = draw(st.sampled_from(["", " ", ".", "\u00a0"]))
    return prefix + case(label).replace(" ", draw(st.sampled_from([" ", "  ", " \u00a0"]))) + tail, scale, position


@given(any_value)
def test_read_answer_never_raises(value):
    answer = read_answer(value)
    if is_blank(value):
        assert answer is None
        return
    assert isinstance(answer, Answer)
    assert answer.number is None or not math.isnan(answer.number)
    assert answer.letter is None or 1 <= answer.letter <= 10, "a letter prefix is a..j"
    assert answer.label is None or FOLDED.fullmatch(answer.label)


# Letters whose case mapping is odd (to more than one character, or onto an ASCII letter under IGNORECASE).
CASE_ODDITIES = "İıſKÅµßǅﬁ"


@given(st.one_of(st.sampled_from(CASE_ODDITIES), st.characters()), st.sampled_from([".", ")", " ."]), written_labels())
def test_read_answer_letter_prefix_is_a_to_j_only(char, mark, written):
    text, _, _ = written
    answer = read_answer(f"{char}{mark} {text}")
    assert answer is not None
    assert answer.letter is None or 1 <= answer.letter <= 10
    if char in "abcdefghijABCDEFGHIJ":
        assert answer.letter == "abcdefghij".index(char.lower()) + 1


@given(any_value, st.integers(-2, 12))
def test_answer_value_is_on_the_scale(value, scale):
    answer = read_answer(value)
    assume(answer is not None)
    result = answer_value(answer, scale)
    assert result is None or 1 <= result <= scale
    if result is not None and answer.number is None:
        assert result == int(result)


@given(written_labels())
def test_answer_labels_read_as_their_position(written):
    text, scale, position = written
    assert answer_value(read_answer(text), scale) == position


@given(st.integers(1, 10), st.integers(1, 10), st.sampled_from(["{}", " {} ", "{},0", "{}.", "{}. Setuju"]))
def test_answer_numbers_read_on_their_scale(number, scale, template):
    for raw in (number, float(number), template.format(number)):
        expected = float(number) if number <= scale else None
        assert answer_value(read_answer(raw), scale) == expected


@given(st.lists(st.one_of(written_labels().map(lambda w: w[0]), any_text, st.integers(1, 6)), max_size=8), st.randoms())
def test_scale_hint_is_a_label_scale_and_order_free(raws, random):
    answers = [a for a in map(read_answer, raws) if a is not None]
    hint = scale_hint(answers)
    assert hint is None or hint in SCALES_WITH_LABELS
    shuffled = list(answers)
    random.shuffle(shuffled)
    assert scale_hint(shuffled) == hint
    half = len(answers) // 2
    parts = [h for h in (scale_hint(answers[:half]), scale_hint(answers[half:])) if h is not None]
    assert hint == (max(parts) if parts else None)


REVEALING_LABELS = sorted((label, next(iter(scales))) for label, scales in labels_by_scale().items() if len(scales) == 1)


@given(st.lists(st.sampled_from(REVEALING_LABELS), min_size=1, max_size=6),
       st.lists(st.sampled_from(["setuju", "baik", "3", "a. sesuai"]), max_size=3))
def test_scale_hint_is_the_largest_scale_a_label_reveals(revealing, others):
    """Why the largest: every answer the labels reveal must fit on the scale the survey is read on."""
    answers = [read_answer(label) for label, _ in revealing] + [read_answer(o) for o in others]
    assert scale_hint(answers) == max(scale for _, scale in revealing)


@given(st.sampled_from(sorted(labels_by_scale())), st.sampled_from([str.lower, str.upper, str.title]))
def test_scale_hint_names_the_only_scale_of_a_label(label, case):
    scales = labels_by_scale()[label]
    hint = scale_hint([read_answer(case(label))])
    assert hint == (next(iter(scales)) if len(scales) == 1 else None)


# ---------------------------------------------------------------------------------------------------------
# phrases: status_key, channel_key, category_key
# ---------------------------------------------------------------------------------------------------------

VOCABULARY = vocabulary()
PHRASE_FAMILIES = [
    (status_key, VOCABULARY.statuses, None),
    (channel_key, VOCABULARY.channels, "lainnya"),
    (category_key, VOCABULARY.categories, "lainnya"),
]
# Words that mean nothing to any rule, to pad a phrase with.
NEUTRAL_WORDS = [w for w in ["mohon", "catatan", "keterangan", "nomor", "terkait", "oleh", "pada", "hari", "ini", "kasus",
                             "laporan", "pak", "bu", "warga", "binaan", "keluarga", "tgl", "no", "ref"]
                 if all(classify(w, rules, fallback) == fallback for _, rules, fallback in PHRASE_FAMILIES)]
phrase_family = st.sampled_from(PHRASE_FAMILIES)


@given(phrase_family, any_value)
def test_phrase_keys_come_from_the_rules(family, value):
    key_of, rules, fallback = family
    key = key_of(value)
    assert key is None or key in {rule.key for rule in rules}
    if fold_any(value) == "":
        assert key is None
    elif fallback is not None:
        assert key is not None


@given(phrase_family, st.text(alphabet=string.printable))
def test_phrase_keys_ignore_ascii_case(family, text):
    key_of, _, _ = family
    assert key_of(text.upper()) == key_of(text.lower()) == key_of(text)


@given(phrase_family, st.data())
def test_phrase_round_trip_with_padding(family, data):
    key_of, rules, _ = family
    rule = data.draw(st.sampled_from([r for r in rules if r.contains]), label="rule")
    phrase = data.draw(st.sampled_from(rule.contains + [rule.label]), label="phrase")
    before = data.draw(st.lists(st.sampled_from(NEUTRAL_WORDS), max_size=3), label="before")
    after = data.draw(st.lists(st.sampled_from(NEUTRAL_WORDS), max_size=3), label="after")
    glue = data.draw(st.sampled_from([" ", " - ", ", ", ": ", " / "]), label="glue")
    case = data.draw(st.sampled_from([str, str.upper, str.title]), label="case")
    text = glue.join(before + [case(phrase)] + after)
    assert key_of(text) == rule.key, text


ALL_PHRASES = {phrase for _, rules, _ in PHRASE_FAMILIES for rule in rules for phrase in rule.contains}


@given(phrase_family, st.data())
def test_phrases_count_only_as_whole_words(family, data):
    """'wa' in 'jawaban' or 'ig' in 'tiga' is no channel: a phrase glued into a longer word does not count,
    unless what is glued on is an Indonesian affix ('di-rencana-kan' is 'rencana': test_normalize)."""
    from zi_analytics.normalize.phrases import roots

    key_of, rules, fallback = family
    phrase = data.draw(st.sampled_from(sorted({p for r in rules for p in r.contains if p.isalpha()})), label="phrase")
    head = data.draw(st.text(alphabet=string.ascii_lowercase, max_size=3), label="head")
    tail = data.draw(st.text(alphabet=string.ascii_lowercase, max_size=3), label="tail")
    word = head + phrase + tail
    assume(word != phrase and word not in ALL_PHRASES and roots(word) not in {roots(p) for p in ALL_PHRASES})
    assert key_of(word) == fallback, word


@given(phrase_family)
def test_phrase_labels_map_to_their_own_key(family):
    key_of, rules, _ = family
    for rule in rules:
        assert key_of(rule.label) == rule.key


# ---------------------------------------------------------------------------------------------------------
# areas: area_key
# ---------------------------------------------------------------------------------------------------------

AREA_NAMES = [(area.key, name) for area in VOCABULARY.areas for name in area.names + [area.label]]
ROMANS = ["I", "II", "III", "IV", "V", "VI"]


@given(any_value)
def test_area_key_is_a_known_key_and_its_label_maps_back(value):
    key = area_key(value)
    assert key is None or key in AREA_KEYS
    if key is not None:
        assert area_key(AREA_LABELS[key]) == key
        assert area_key(key.replace("_", " ")) == key


@given(st.sampled_from(AREA_NAMES), st.integers(0, 5),
       st.sampled_from(["", "{r}. ", "{n}. ", "Area {r} ", "AREA {n} - ", "{l}. ", "({n}) ", "Komponen {r}: ", "{r}.{n} "]),
       st.sampled_from([str, str.upper, str.lower, str.title]), st.sampled_from(["", " ", ".", " ZI", " (Pengungkit)"]))
def test_area_names_with_numbering(area_name, number, template, case, tail):
    key, name = area_name
    prefix = template.format(r=ROMANS[number], n=number + 1, l="abcdef"[number])
    assert area_key(case(prefix + name) + tail) == key


@given(st.integers(0, 5), st.sampled_from(["{r}", "{n}", "Area {r}", "AREA {n}", "{r}.", " {n} "]))
def test_area_numbers_alone(number, template):
    assert area_key(template.format(r=ROMANS[number], n=number + 1)) == AREA_KEYS[number]


@given(st.sampled_from([(k, n) for k, n in AREA_NAMES if len(n) >= 10]), st.data())
def test_area_names_survive_one_typo(area_name, data):
    key, name = area_name
    at = data.draw(st.sampled_from([i for i, c in enumerate(name) if c != " "]), label="at")
    letter = data.draw(st.sampled_from(string.ascii_lowercase), label="letter")
    assert area_key(name[:at] + letter + name[at + 1:]) == key


# ---------------------------------------------------------------------------------------------------------
# units: parse_unit, UnitRegistry
# ---------------------------------------------------------------------------------------------------------

TYPE_SPELLINGS = {
    "lapas": ["Lapas", "LAPAS", "Lembaga Pemasyarakatan", "LP"],
    "rutan": ["Rutan", "RUTAN", "Rumah Tahanan Negara", "Rumah Tahanan"],
    "lpka": ["LPKA", "Lembaga Pembinaan Khusus Anak"],
    "bapas": ["Bapas", "Balai Pemasyarakatan"],
    "cabrutan": ["Cabang Rutan", "Cabang Rumah Tahanan Negara"],
    "rupbasan": ["Rupbasan", "Rumah Penyimpanan Benda Sitaan Negara"],
}
SUBTYPE_SPELLINGS = {"": [""], "perempuan": ["Perempuan", "Wanita"], "narkotika": ["Narkotika", "Narkoba"],
                     "pemuda": ["Pemuda"], "terbuka": ["Terbuka"]}
CLASS_SPELLINGS = {
    "": [""],
    "I": ["Kelas I", "Kls. I", "Klas 1", "KELAS I", "I"],
    "IIA": ["Kelas IIA", "Kelas II A", "Kls. IIA", "Kelas 2A", "Kelas 2 A", "IIA", "II A", "Kelas II-A"],
    "IIB": ["Kelas IIB", "Kelas II B", "Kls IIB", "Kelas 2B", "IIB", "II B"],
    "III": ["Kelas III", "Kelas 3", "III"],
}
# Words the naming convention gives a meaning (type, subtype, class, stop word): never part of a city.
RESERVED = (set(TYPES) | set(SUBTYPES) | CLASS_TOKENS | CLASS_WORDS | STOP_WORDS
            | {word for phrase, _ in TYPE_PHRASES for word in phrase.split()})
CITIES = ["Banyuwangi", "Malang", "Surabaya", "Pamekasan", "Blitar", "Sidoarjo", "Tanjung Pinang", "Bukit Tinggi",
          "Pangkal Pinang", "Kota Agung", "Lubuk Pakam", "Jombang"]
city_word = st.text(alphabet=string.ascii_lowercase, min_size=3, max_size=10).filter(lambda w: w not in RESERVED)
cities = st.one_of(st.sampled_from(CITIES).map(str.lower), st.lists(city_word, min_size=1, max_size=3).map(" ".join))
UNIT_SOUP = (sorted(TYPES) + sorted(SUBTYPES) + sorted(CLASS_TOKENS) + sorted(CLASS_WORDS)
             + ["tahun", "2026", "oktober", "rencana", "aksi", "lembaga", "pemasyarakatan", "rumah", "tahanan", "negara",
                "cabang", "kls.", "ii-a", "malang", "banyuwangi", "tanjung", "pinang", "jan", "%", "kota"])
unit_soup = st.lists(st.sampled_from(UNIT_SOUP), min_size=1, max_size=9).map(" ".join)


@st.composite
def unit_names(draw):
    """A unit as a Pokja writes it, with the UnitId it must read as."""
    unit_type = draw(st.sampled_from(sorted(TYPE_SPELLINGS)))
    subtype = draw(st.sampled_from(sorted(SUBTYPE_SPELLINGS)))
    klass = draw(st.sampled_from(sorted(CLASS_SPELLINGS)))
    city = draw(cities)
    words = {
        "type": draw(st.sampled_from(TYPE_SPELLINGS[unit_type])),
        "subtype": draw(st.sampled_from(SUBTYPE_SPELLINGS[subtype])),
        "class": draw(st.sampled_from(CLASS_SPELLINGS[klass])),
        "city": draw(st.sampled_from([str.title, str.upper, str]))(city),
    }
    order = draw(st.sampled_from([("type", "subtype", "class", "city"), ("type", "class", "subtype", "city"),
                                  ("type", "subtype", "city", "class")]))
    if order[-1] == "class" and words["class"]:
        # After the city only "Kelas ..." is a class (a bare "III" would be part of the name), and the city
        # then has at most two words: the reader takes three city words at most and stops there.
        assume(len(city.split()) <= 2)
        if not words["class"].lower().startswith(("kelas", "kls", "klas")):
            words["class"] = "Kelas " + words["class"]
    tail = draw(st.sampled_from(["", " Tahun 2026", " Oktober 2026", " - Rencana Aksi"]))
    name = " ".join(words[part] for part in order if words[part]) + tail
    return name, UnitId(unit_type, subtype, city, klass)


@given(unit_names())
def test_parse_unit_reads_every_spelling(named):
    name, expected = named
    unit = parse_unit(name)
    assert unit == expected, name
    assert parse_unit("Rekap " + name, strict=False) == expected


@given(st.one_of(any_value, unit_soup), st.booleans())
def test_parse_unit_never_raises_and_keys_are_slugs(value, strict):
    unit = parse_unit(value, strict=strict)
    if unit is None:
        return
    assert unit.type in set(TYPES) - {"lp"}
    assert unit.subtype in set(SUBTYPES.values()) | {""}
    assert re.fullmatch(r"[a-z0-9%]+(?:-[a-z0-9%]+)*", unit.key), unit.key
    assert unit.klass in set(CLASS_DISPLAY.values()) | {"", "A", "B"}


@given(st.one_of(unit_soup, unit_names().map(lambda n: n[0]), any_text), st.booleans())
def test_parse_unit_display_and_key_read_back(value, strict):
    unit = parse_unit(value, strict=strict)
    if unit is None:  # most free text names no unit; an assume() here tripped Hypothesis' filter health check
        return
    assert parse_unit(unit.display) == unit, unit.display
    assert parse_unit(unit.key.replace("-", " "), strict=False).key == unit.key


@given(st.lists(unit_names(), min_size=1, max_size=8))
def test_registry_keys_are_stable_and_findable(named):
    registry = UnitRegistry()
    keys = [registry.resolve(unit) for _, unit in named]
    assert len(set(registry.keys)) == len(registry.keys)
    for (name, unit), key in zip(named, keys):
        assert registry.resolve(unit) == key
        assert registry.resolve(parse_unit(name)) == key
        assert registry.find(key) == key
        assert registry.find(unit.display) == key
        stored = registry.unit(key)
        assert (stored.type, stored.subtype) == (unit.type, unit.subtype), "types and subtypes never merge"
        assert parse_unit(registry.display(key)).key == key


@given(unit_names(), st.sampled_from(["IIA", "I", "IIB", "III"]))
def test_registry_merges_class_variants_and_keeps_the_class(named, klass):
    _, unit = named
    bare = UnitId(unit.type, unit.subtype, unit.city, "")
    classed = UnitId(unit.type, unit.subtype, unit.city, klass)
    registry = UnitRegistry()
    key = registry.resolve(bare)
    assert registry.resolve(classed) == key == bare.key
    assert registry.unit(key).klass == klass
    assert f"Kelas {klass}" in registry.display(key)


@given(st.lists(st.sampled_from(CITIES), min_size=2, max_size=6, unique=True), st.sampled_from(sorted(TYPE_SPELLINGS)))
def test_registry_keeps_different_cities_apart(names, unit_type):
    registry = UnitRegistry()
    keys = [registry.resolve(UnitId(unit_type, "", city.lower(), "")) for city in names]
    assert len(set(keys)) == len(names)


@given(st.sampled_from([c for c in CITIES if len(c) >= 10]), st.data())
def test_registry_merges_a_one_letter_slip_in_a_city(city, data):
    city = city.lower()
    at = data.draw(st.sampled_from([i for i, c in enumerate(city) if c != " "]), label="at")
    slip = city[:at] + data.draw(st.sampled_from(string.ascii_lowercase), label="letter") + city[at + 1:]
    registry = UnitRegistry()
    key = registry.resolve(UnitId("lapas", "", city, "IIA"))
    assert registry.resolve(UnitId("lapas", "", slip, "")) == key
    assert registry.find(f"Lapas {slip.title()}") == key


@given(unit_names(), unit_names())
def test_registry_never_merges_types_or_subtypes(first, second):
    (_, a), (_, b) = first, second
    assume((a.type, a.subtype) != (b.type, b.subtype))
    registry = UnitRegistry()
    assert registry.resolve(a) != registry.resolve(b)
