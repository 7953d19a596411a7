"""What a column's cells are, read from a sample of them: the content half of deciding a column's role.

A header is one piece of evidence; the cells below it are the other. When they disagree, the cells decide: a
"Keterangan:" legend cell in the header row is not the status column when nothing below it reads as a status,
and a column titled "Melalui" or "Program" whose cells are channels or change areas is that field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .kinds.spec import KIND_SPECS, KindSpec
from .layout import Header, maybe_data
from .mapping import MATCH_MIN, Mapping, column_field_score
from .normalize.areas import area_key
from .normalize.dates import parse_date, parse_target
from .normalize.phrases import classify, innovation_status_key, predicate_key
from .normalize.progress import ProgressError, parse_progress
from .normalize.text import fold, is_blank
from .read import RawSheet
from .rules import vocabulary

SAMPLE_ROWS = 60
AGREES = 0.5  # a mapped column keeps its field when at least this share of its filled cells fit it
TAKES = 0.8  # an unmapped column takes a missing field when at least this share fit it
MIN_FILLED = 3
CLEARER = 0.2  # two columns whose headers both name a field: the one whose cells fit by this much more wins


def _progress(value: Any) -> bool:
    try:
        return parse_progress(value) is not None
    except ProgressError:
        return False


def _date(value: Any) -> bool:
    return parse_date(value) is not None


def _target(value: Any) -> bool:
    return parse_target(value, 2000)[0] is not None


@lru_cache(maxsize=1)
def _channel_rules() -> tuple:
    return tuple(rule for rule in vocabulary().channels if rule.contains)


def _launch(value: Any) -> bool:
    """A day, a month ('Maret 2024', '07/2025') or a year alone (2024): when something was launched."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return 1990 <= value <= 2100 and float(value).is_integer()
    return parse_date(value) is not None or (isinstance(value, str) and any(c.isdigit() for c in value) and _target(value))


def _channel(value: Any) -> bool:
    return classify(value, _channel_rules(), None) is not None


def _status(value: Any) -> bool:
    return classify(value, vocabulary().statuses, None) is not None


def _predicate(value: Any) -> bool:
    return predicate_key(value) is not None


def _innovation_status(value: Any) -> bool:
    return innovation_status_key(value) is not None


def _area(value: Any) -> bool:
    """A change area by name: a bare number is one only under an area header, never by content alone."""
    return isinstance(value, str) and any(c.isalpha() for c in value) and area_key(value) is not None


ROLE_TESTS: dict[str, Callable[[Any], bool]] = {
    "progress": _progress, "date": _date, "target": _target, "channel": _channel, "status": _status, "area": _area,
    "innovation_status": _innovation_status, "predicate": _predicate, "launch": _launch,
}
# Words of many headers that say nothing of which field a column is: a shared one is no evidence.
GENERIC_WORDS = {"tanggal", "tahun", "nama", "nomor", "jumlah", "keterangan", "data", "link", "status"}
# Fields an unmapped column may take by its cells alone: a number column reads as progress, a date column as
# any date field, so those need their header.
CONTENT_ONLY = {"area", "channel", "status"}  # field names, in whichever kind has them


@dataclass(frozen=True)
class ColumnContent:
    column: int
    filled: int
    share: float  # of the filled cells, those that fit the role


def sample_rows(sheet: RawSheet, header: Header) -> list[list[Any]]:
    """The rows below the header that may be data, up to SAMPLE_ROWS of them: what every column is judged on."""
    return [values for values in sheet.rows[header.row + 1: header.row + 1 + SAMPLE_ROWS] if maybe_data(values)]


def column_content(rows: list[list[Any]], col: int, role: str) -> ColumnContent:
    """The share of a column's filled cells in the sample rows that fit `role`."""
    test = ROLE_TESTS[role]
    filled = fitting = 0
    for values in rows:
        if col >= len(values) or is_blank(values[col]):
            continue
        filled += 1
        fitting += bool(test(values[col]))
    return ColumnContent(col, filled, fitting / filled if filled else 0.0)


def refine(sheet: RawSheet, header: Header, mapping: Mapping, kind: str, rescue: set[str] | None = None) -> None:
    """Correct a header mapping by the cells: a field whose column's cells do not fit it is let go, and a
    recognisable field still missing is given to an unmapped column whose cells fit it (``rescue`` widens
    that to fields that need their header, for a required field the header lacks). What the cells showed is
    kept in `mapping.content` for the report."""
    spec = KIND_SPECS[kind]
    roles = spec.roles
    if not roles:
        return
    rows = sample_rows(sheet, header)
    for name, role in roles.items():
        col = mapping.columns.get(name)
        if col is None:
            continue
        content = column_content(rows, col, role)
        if content.filled >= MIN_FILLED and content.share < AGREES:
            mapping.release(col)
        elif content.filled:
            mapping.content[col] = content.share
    headers = header.texts
    for name, role in roles.items():
        held = mapping.columns.get(name)
        # a missing field that needs its header may still take a column whose title shares a telling word with
        # it ("Mulai" with "Tanggal Mulai") when the cells fit as well
        by_word = held is None and not (name in CONTENT_ONLY or name in (rescue or set()) or _second_date(kind, name, mapping))
        words = _field_words(spec, name) if by_word else frozenset()
        if by_word and not any(_header_words(text) & words for text in header.texts):
            continue
        # when the header's column fits poorly, another whose cells fit far better wins the field: a column
        # the kind has no test for ("Status Penyelesaian" read as the follow-up) or none, never another
        # tested field's column
        tested = {mapping.columns[n] for n in roles if n in mapping.columns and n != name}
        tested |= {mapping.columns[n] for n in spec.kept if n in mapping.columns}
        own = column_content(rows, held, role) if held is not None else None
        if own is not None and own.share >= TAKES:
            continue  # the header's column fits: no other column is looked for
        best: ColumnContent | None = None
        for col in range(len(headers)):
            if col == held or col in tested or (name not in CONTENT_ONLY and not headers[col]):
                continue
            if by_word and (col in mapping.columns.values() or not _header_words(headers[col]) & words):
                continue
            content = column_content(rows, col, role)
            if content.filled < MIN_FILLED or content.share < TAKES or (best is not None and content.share <= best.share):
                continue
            if own is not None and content.filled * content.share < 2 * own.filled * own.share and not (
                    content.share >= own.share + CLEARER and _names_as_well(header, mapping, spec, col, name)):
                continue  # far better cells, or a title naming the field as well over clearly better ones
            best = content
        if best is not None:
            if held is not None:
                mapping.release(held)
            mapping.release(best.column)
            mapping.take(best.column, headers[best.column], name, 100.0 * best.share)
            mapping.content[best.column] = best.share


def _names_as_well(header: Header, mapping: Mapping, spec: KindSpec, col: int, name: str) -> bool:
    """Whether a column's title names the field as well as the title of the column holding it does, and as
    well as the field it holds now ("Penanganan: Status Penyelesaian" beside "Penanganan: Keterangan" for the
    status; never "Waktu Pelaksanaan: Realisasi", the completion date, for the target)."""
    def score(column: int, field: str) -> float:
        return column_field_score(header.texts, header.lower, column, spec.field(field))

    wanted = score(col, name)
    holder = mapping.columns.get(name)
    current = next((m.field for m in mapping.matches if m.column == col), None)
    return (wanted >= MATCH_MIN and (holder is None or score(holder, name) <= wanted)
            and (current is None or score(col, current) <= wanted))


def _header_words(text: str) -> set[str]:
    return {word for word in fold(text).split() if len(word) >= 4 and word not in GENERIC_WORDS}


@lru_cache(maxsize=None)
def _field_words(spec: KindSpec, name: str) -> frozenset[str]:
    field = next(f for f in spec.fields if f.name == name)
    return frozenset(word for synonym in field.synonyms for word in _header_words(synonym))


def _second_date(kind: str, name: str, mapping: Mapping) -> bool:
    """A register's second column of dates, once its first is the date received, is the completion date."""
    return kind == "complaints" and name == "resolved_date" and mapping.has("received_date")
