"""Header text to canonical fields, by Indonesian and English synonyms (each kind's fields.toml) with fuzzy
matching.

A synonym scores by how much of the header it covers, so "Waktu Pelaksanaan (Realisasi)" prefers the
longer synonym it contains over a short one, and a long survey question that happens to contain
"waktu" is not taken for the timestamp column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from .kinds.spec import KIND_SPECS, FieldSpec, KindSpec
from .normalize.text import fold

MATCH_MIN = 80.0
FUZZY_MIN = 88.0  # typos only: 'Progress' ~ 'progres', not 'waktu pelaksanaan' ~ 'status pelaksanaan'


@dataclass(frozen=True)
class ColumnMatch:
    column: int
    header: str
    field: str
    score: float


@dataclass
class Mapping:
    """Which column holds which field, with the score that decided it (shown to the user)."""

    kind: str
    columns: dict[str, int] = field(default_factory=dict)
    matches: list[ColumnMatch] = field(default_factory=list)
    content: dict[int, float] = field(default_factory=dict)  # column -> share of its cells that fit its field

    def has(self, name: str) -> bool:
        return name in self.columns

    def release(self, column: int) -> None:
        """Give a column back (a survey question the synonyms took for a profile field)."""
        self.columns = {name: col for name, col in self.columns.items() if col != column}
        self.matches = [m for m in self.matches if m.column != column]

    def take(self, column: int, header: str, name: str, score: float) -> None:
        """Give a column a field its cells showed (the header did not)."""
        self.columns[name] = column
        self.matches.append(ColumnMatch(column, header, name, score))

    def roles_report(self) -> list[dict[str, Any]]:
        """Per mapped column: the field chosen, the header's score and the share of cells that fit (when the
        field has a content test), so a person sees why a column was read as it was."""
        return [{"column": m.column + 1, "header": m.header, "field": m.field, "header_score": round(m.score, 1),
                 "content_share": round(self.content[m.column], 2) if m.column in self.content else None}
                for m in sorted(self.matches, key=lambda m: m.column)]

    def as_report(self) -> dict[str, str]:
        return {m.header or f"kolom {m.column + 1}": m.field for m in sorted(self.matches, key=lambda m: m.column)}


class _Folded:
    """A folded header text with what every synonym test needs of it, computed once per text (a header scan
    tries each candidate row's texts against every synonym of every kind)."""

    __slots__ = ("text", "padded", "first", "few_words", "percent")

    def __init__(self, text: str) -> None:
        words = text.split()
        self.text = text
        self.padded = f" {text} "
        self.first = words[0] if words else ""
        self.few_words = len(words) <= 3
        self.percent = "%" in text


def synonym_score(header: str, synonym: str) -> float:
    """0–100 for a folded header text: exact 100; a whole-word phrase inside the header by how much of it it covers; else edit similarity."""
    return _score(_Folded(header), synonym)


def _score(header: _Folded, synonym: str) -> float:
    text = header.text
    if not text:
        return 0.0
    if text == synonym:
        return 100.0
    if len(synonym) <= 3:
        # short words ("no", "pj", "%") only count as the header's first word
        return 85.0 if header.first == synonym and header.few_words else 0.0
    # folded text is words of [0-9a-z%] between single spaces: a space-padded search is a whole-word search
    if f" {synonym} " in header.padded or (header.percent and re.search(rf"(?<![0-9a-z]){re.escape(synonym)}(?![0-9a-z])", text)):
        return 70.0 + 30.0 * len(synonym) / len(text)
    if abs(len(text) - len(synonym)) > 6:
        return 0.0
    ratio = float(fuzz.ratio(text, synonym))
    return ratio if ratio >= FUZZY_MIN else 0.0


def field_score(header: str, spec: FieldSpec) -> float:
    """0–100: how well a header text as written names a field."""
    return _field_score(_Folded(fold(header)), spec)


def column_field_score(texts: list[str], lower: list[str] | None, col: int, spec: FieldSpec) -> float:
    """How well a column's title names a field: the whole title, or a two-line header's own line a little under
    it (as `map_headers` scores them)."""
    score = field_score(texts[col], spec)
    if lower and col < len(lower) and lower[col]:
        score = max(score, field_score(lower[col], spec) * LOWER_LINE_FACTOR)
    return score


def _field_score(header: _Folded, spec: FieldSpec) -> float:
    if header.percent or not header.text:
        return max((_score(header, s) for s in spec.synonyms), default=0.0)
    # `_score` of every synonym, with what rules most of them out tested first: a synonym longer than three
    # letters that is not a whole word of the header and differs from it in length by more than six scores
    # 0. A title line or a data row (most header candidates) is then a few substring tests per field.
    best = 0.0
    length = len(header.text)
    for synonym, padded in _padded(spec):
        if len(synonym) > 3 and padded not in header.padded and abs(length - len(synonym)) > 6:
            continue
        best = max(best, _score(header, synonym))
    return best


@lru_cache(maxsize=None)
def _padded(spec: FieldSpec) -> tuple[tuple[str, str], ...]:
    return tuple((synonym, f" {synonym} ") for synonym in spec.synonyms)


LOWER_LINE_FACTOR = 0.98  # a two-line header's second line alone scores a little under the whole title


def map_headers(headers: list[str], spec: KindSpec, overrides: dict[str, str] | None = None,
                lower: list[str] | None = None) -> Mapping:
    """Greedy one-to-one assignment, best scores first; ``overrides`` (header -> field) come first.

    ``lower``: under a group title ("Waktu dan Capaian" over "Target" and "Realisasi (%)") a column is also
    scored by its own line, which says more than the group's; the whole title wins a tie ("Tanggal" over
    "Penyelesaian" is the completion date, not the follow-up)."""
    mapping = Mapping(spec.kind)
    for match in _matches(tuple(headers), spec.kind, tuple(sorted((overrides or {}).items())), tuple(lower or ())):
        mapping.columns[match.field] = match.column
        mapping.matches.append(match)
    return mapping


@lru_cache(maxsize=1 << 16)
def _text_scores(header: str, kind: str) -> tuple[tuple[str, float], ...]:
    """The fields one header text could be; a header scan meets the same answer labels on every row."""
    folded = _Folded(header)
    fields = KIND_SPECS[kind].fields
    if folded.percent or not folded.text:
        scores = [_field_score(folded, fspec) for fspec in fields]
    else:
        scores = _table_scores(folded, _synonym_table(kind))
    return tuple((fspec.name, score) for fspec, score in zip(fields, scores) if score >= MATCH_MIN)


@dataclass(frozen=True)
class _SynonymTable:
    """A kind's synonyms indexed by what can make each score: its whole text, its first word, its length."""

    kind: str
    synonyms: tuple[str, ...]
    field_of: tuple[int, ...]  # the synonym's field, by position in the kind's fields
    fields: int
    equal: dict[str, tuple[int, ...]]
    short: dict[str, tuple[int, ...]]  # three letters or fewer: they only count as a header's first word
    by_first_word: dict[str, tuple[int, ...]]  # the longer ones
    by_length: dict[int, tuple[int, ...]]


@lru_cache(maxsize=None)
def _synonym_table(kind: str) -> _SynonymTable:
    entries = [(number, synonym) for number, fspec in enumerate(KIND_SPECS[kind].fields) for synonym in fspec.synonyms]

    def index(key: Callable[[str], Hashable | None]) -> dict[Any, tuple[int, ...]]:
        found: dict[Any, list[int]] = {}
        for position, (_, synonym) in enumerate(entries):
            if (value := key(synonym)) is not None:
                found.setdefault(value, []).append(position)
        return {value: tuple(positions) for value, positions in found.items()}

    return _SynonymTable(
        kind, tuple(synonym for _, synonym in entries), tuple(number for number, _ in entries), len(KIND_SPECS[kind].fields),
        index(lambda s: s), index(lambda s: s if len(s) <= 3 else None),
        index(lambda s: s.split()[0] if len(s) > 3 else None), index(lambda s: len(s) if len(s) > 3 else None))


@lru_cache(maxsize=None)  # a kind and a length: header texts are cut at layout.HEADER_TEXT_LIMIT letters
def _near_lengths(kind: str, length: int) -> tuple[int, ...]:
    """The longer synonyms within six letters of this length: the only ones edit similarity may score."""
    by_length = _synonym_table(kind).by_length
    return tuple(p for near in range(length - 6, length + 7) for p in by_length.get(near, ()))


def _table_scores(header: _Folded, table: _SynonymTable) -> list[float]:
    """`_field_score` of every field of a kind for a text without "%": what `_score` gives each synonym, found
    through the table instead of trying every synonym (a title line or a data row, most header candidates,
    scores nothing, and each of them tried some sixty synonyms one `_score` at a time)."""
    best = [0.0] * table.fields
    text, synonyms, field_of = header.text, table.synonyms, table.field_of
    settled: set[int] = set()  # the synonyms scored already: equal to the text, or held in it as whole words
    for position in table.equal.get(text, ()):
        best[field_of[position]] = 100.0
        settled.add(position)
    if header.few_words:
        for position in table.short.get(header.first, ()):
            best[field_of[position]] = max(best[field_of[position]], 85.0)
    for word in set(text.split()):
        for position in table.by_first_word.get(word, ()):
            synonym = synonyms[position]
            if position not in settled and f" {synonym} " in header.padded:
                best[field_of[position]] = max(best[field_of[position]], 70.0 + 30.0 * len(synonym) / len(text))
                settled.add(position)
    near = [p for p in _near_lengths(table.kind, len(text)) if p not in settled]
    if near:
        for _, ratio, k in process.extract(text, [synonyms[p] for p in near], scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=None):
            number = field_of[near[k]]
            best[number] = max(best[number], float(ratio))
    return best


@lru_cache(maxsize=4096)
def _matches(headers: tuple[str, ...], kind: str, overrides: tuple[tuple[str, str], ...],
             lower: tuple[str, ...] = ()) -> tuple[ColumnMatch, ...]:
    """The assignment for one header line; cached because every month's file repeats the same header."""
    chosen = dict(overrides)
    matches: list[ColumnMatch] = []
    fields: set[str] = set()
    taken: set[int] = set()
    for col, header in enumerate(headers):
        wanted = chosen.get(header)
        if wanted and wanted not in fields:
            if wanted != "ignore":
                fields.add(wanted)
                matches.append(ColumnMatch(col, header, wanted, 100.0))
            taken.add(col)
    candidates = []
    for col, header in enumerate(fold(h) for h in headers):
        if col in taken or not header:
            continue
        scores = dict(_text_scores(header, kind))
        own = fold(lower[col]) if col < len(lower) else ""
        if own and own != header:
            for name, score in _text_scores(own, kind):
                scores[name] = max(scores.get(name, 0.0), score * LOWER_LINE_FACTOR)
        candidates.extend((score, len(header), col, name) for name, score in scores.items() if score >= MATCH_MIN)
    for score, _, col, name in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if col in taken or name in fields:
            continue
        fields.add(name)
        matches.append(ColumnMatch(col, headers[col], name, score))
        taken.add(col)
    return tuple(_meet_required(matches, candidates, KIND_SPECS[kind], set(dict(overrides))))


def _meet_required(matches: list[ColumnMatch], candidates: list[tuple[float, int, int, str]], spec: KindSpec,
                   fixed: set[str]) -> list[ColumnMatch]:
    """A column that could also be a required field the line lacks gives up its optional field for it.

    One column often holds two things ("AREA PERUBAHAN / KEGIATAN": the activity, with the areas as heading
    rows inside it); the greedy pass gives it the better-scoring optional field and leaves the kind without
    the field it cannot do without."""
    for group in spec.required:
        if any(m.field in group for m in matches):
            continue
        options = [(score, col, name) for score, _, col, name in candidates if name in group]
        for score, col, name in sorted(options, key=lambda c: (-c[0], c[1])):
            holder = next((m for m in matches if m.column == col), None)
            if holder is None or holder.header in fixed:
                continue
            rest = [m.field for m in matches if m.column != col]
            if any(holder.field in other and not any(f in other for f in rest) for other in spec.required):
                continue  # it is the only column of another required field
            matches = [m for m in matches if m.column != col] + [ColumnMatch(col, holder.header, name, score)]
            break
    return matches


def header_score(mapping: Mapping, spec: KindSpec) -> float:
    """How strongly a row looks like this kind's header; 0 when a required field is missing."""
    for group in spec.required:
        if not any(mapping.has(name) for name in group):
            return 0.0
    return sum(spec.field(m.field).weight * m.score / 100.0 for m in mapping.matches if m.field in {f.name for f in spec.fields})
