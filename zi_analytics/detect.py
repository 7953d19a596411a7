"""Which kind of table a sheet holds, and where its header is, judged from content.

Every header candidate is mapped against every kind; the best-scoring pair wins. Surveys are also
recognised by their answers: columns below a question whose cells read as answers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .layout import HEADER_SCAN_ROWS, Header, is_note_line, iter_header_candidates, maybe_data
from .kinds.spec import KIND_SPECS, KindSpec
from .mapping import Mapping, header_score, map_headers
from .normalize.answers import labels_by_scale, read_answer
from .normalize.phrases import contains_phrase
from .normalize.questions import question_code
from .normalize.text import fold, fold_any, is_blank
from .profile import refine
from .read import RawSheet
from .rules import survey_rules

SURVEY_NON_QUESTION = {"number", "unit", "timestamp", "name", "phone", "gender", "age", "education", "occupation", "service", "suggestion"}
# Synonyms of these also occur in IKM questions ("Produk spesifikasi jenis pelayanan", "Penanganan pengaduan, saran
# dan masukan"): such a column is a question when its cells read as answers.
SURVEY_SOFT_FIELDS = {"service", "suggestion"}
QUESTION_BONUS = 1.5
MIN_QUESTIONS = 3
MIN_SCORE = 3.0
SAMPLE_ROWS = 60
# Real headers score 9 and more; once one scores this much, candidates further down than STRONG_REACH rows
# are its data rows, and scoring their texts is most of the cost of detecting a large sheet.
STRONG_SCORE = 8.0
STRONG_REACH = 3
_RECAP_NAME = re.compile(r"\b(pivot|grafik|chart|diagram|dashboard)\b")
_RECAP_NAME_WEAK = re.compile(r"\b(rekap|rekapitulasi|ringkasan|resume|summary|analisa|analisis|hasil olah)\b")
_INSTRUCTION_NAME = re.compile(r"\b(petunjuk|panduan|instruksi|cara pengisian|readme|read me|keterangan|referensi|ref|daftar pilihan|master)\b")
_PIVOT_MARKERS = ("label baris", "row labels", "grand total", "total keseluruhan", "jumlah dari", "count of", "sum of", "hitungan dari", "label kolom", "column labels")


@dataclass
class Detection:
    kind: str  # action_plan | survey | complaints | lke | recap | instructions | empty | unknown
    header: Header | None = None
    mapping: Mapping | None = None
    score: float = 0.0
    questions: list[int] = field(default_factory=list)

    @property
    def is_data(self) -> bool:
        return self.kind in KIND_SPECS


def detect_sheet(sheet: RawSheet, overrides: dict[str, str] | None = None, forced_kind: str | None = None,
                 forced_header_row: int | None = None) -> Detection:
    """Decide the kind and header of one sheet; ``forced_*`` let a user correct an unsure guess."""
    if not any(not is_blank(v) for row in sheet.rows for v in row):
        return Detection("empty")
    name = fold(sheet.name)
    if forced_kind is None:
        if _RECAP_NAME.search(name) or _has_pivot_markers(sheet):
            return Detection("recap")
    best = Detection("unknown")
    kinds = [forced_kind] if forced_kind else list(KIND_SPECS)
    grid: AnswerGrid | None = None
    for header in iter_header_candidates(sheet):
        if forced_header_row is not None and header.row != forced_header_row:
            continue
        if forced_header_row is None and _holds_values(header.texts):
            continue  # dates, amounts, phone numbers: a data row, not column titles
        if (best.score >= STRONG_SCORE and best.header is not None and header.first_row > best.header.row + STRONG_REACH
                and best.mapping is not None and len(set(best.header.texts)) > 2):
            break  # rows this far below a clear header are its data, never a better header (a merged title
            # line over answers is no header: all its columns read the same)
        for kind in kinds:
            spec = KIND_SPECS[kind]
            mapping = map_headers(header.texts, spec, overrides, header.lower)
            score = header_score(mapping, spec)
            if score == 0.0 and len(mapping.matches) >= 2:
                score = _rescued(sheet, header, mapping, spec, best.score)
            questions: list[int] = []
            if kind == "survey":
                grid = grid or AnswerGrid(sheet)
                found = question_columns(sheet, header, mapping, grid, score=score, to_beat=best.score)
                if found is None or len(found) < MIN_QUESTIONS:
                    continue
                questions = found
                for col in [c for c in mapping.columns.values() if c in questions]:
                    mapping.release(col)  # a profile header over answers ("Waktu Pelayanan" over 1–4): a question
                score += QUESTION_BONUS * min(len(questions), 9)
            if score > best.score:
                best = Detection(kind, header, mapping, score, questions)
    if best.is_data and best.header is not None and best.mapping is not None and not overrides:
        refine(sheet, best.header, best.mapping, best.kind)  # the cells correct the header where they disagree
    if forced_kind is None and best.header is not None and _RECAP_NAME_WEAK.search(name) and _aggregate_headers(best):
        return Detection("recap")  # "Rekap" with "Jumlah Kegiatan"/"Rata-rata Capaian": counts, not activities
    if forced_kind is None and best.kind == "lke" and best.mapping is not None and not (
            best.mapping.has("answer") or best.mapping.has("options")):
        return Detection("recap")  # an LKE's Bobot and Nilai without questions or answers ("Utama", "Ctt Eval")
    if best.score < MIN_SCORE and forced_kind is None:
        if _INSTRUCTION_NAME.search(name):
            return Detection("instructions")
        if _RECAP_NAME_WEAK.search(name):
            return Detection("recap")
        return Detection("unknown")
    return best


_VALUE_TEXT = re.compile(r"[\d\s/.:,+()\-]*\d[\d\s/.:,+()\-]*")


def _holds_values(texts: list[str]) -> bool:
    """Two or more cells that are only digits and separators (16/01/26, 0812-3000-5500, 75): values, not titles."""
    found = 0
    for text in texts:
        if text and _VALUE_TEXT.fullmatch(text) and not _NUMBERING.fullmatch(text):
            found += 1
            if found >= 2:
                return True
    return False


_NUMBERING = re.compile(r"\(?\s*\d{1,2}\s*\)?")


def _rescued(sheet: RawSheet, header: Header, mapping: Mapping, spec: KindSpec, to_beat: float) -> float:
    """A header line that lacks a required field its cells can show ("Tingkat Penyelesaian" over 75 %, 100 %):
    the field is looked for among the unmapped columns by content, and the line scored again. Not tried
    where even that field found could not beat `to_beat`, or where another required field is missing too."""
    lacking = [group for group in spec.required if not any(mapping.has(n) for n in group)]
    roles = spec.roles
    if len(lacking) != 1 or not set(lacking[0]) & set(roles):
        return 0.0
    missing = set(lacking[0])
    weights = {f.name: f.weight for f in spec.fields}
    most = sum(weights[m.field] * m.score / 100.0 for m in mapping.matches) + max(weights[n] for n in missing)
    if most <= to_beat:
        return 0.0
    refine(sheet, header, mapping, spec.kind, rescue=missing)
    return header_score(mapping, spec)


_AGGREGATE_WORDS = ("jumlah", "rata rata", "rerata", "total", "banyaknya")


def _aggregate_headers(detection: Detection) -> bool:
    """A mapped activity or progress column whose header is a count or an average."""
    assert detection.mapping is not None and detection.header is not None
    for name in ("activity", "progress"):
        col = detection.mapping.columns.get(name)
        if col is not None and any(word in fold_any(detection.header.texts[col]) for word in _AGGREGATE_WORDS):
            return True
    return False


def _has_pivot_markers(sheet: RawSheet) -> bool:
    texts = [value for row in sheet.rows[:40] for value in row[:6] if isinstance(value, str)]
    together = "\n".join(texts)  # most sheets: no cell may be a marker, seen in one look at all of them
    if not _may_be_marker(together):
        return False
    return any(_may_be_marker(value) and fold_any(value) in _PIVOT_MARKERS for value in texts)


_MARKER_WORDS = tuple(sorted({marker.split()[0] for marker in _PIVOT_MARKERS}))


def _may_be_marker(text: str) -> bool:
    """Folding an ASCII text only lower-cases it and turns what is not a letter or digit into spaces: it can
    only become a marker when it holds a marker's first word (a title line or an activity never does)."""
    if not text.isascii():
        return True  # folding decomposes other letters: fold it and see
    lowered = text.lower()
    return any(word in lowered for word in _MARKER_WORDS)


class AnswerGrid:
    """Which of the top rows may be data, and which of their cells are filled and read as survey answers.

    Built once per sheet and filled in as the header candidates ask, a row or a cell at a time: the forty
    candidates a scan tries share what earlier ones looked at, and a column of activities or names is
    judged not to be answers after a dozen of its cells (`mostly_answers`).
    """

    def __init__(self, sheet: RawSheet) -> None:
        self._rows = sheet.rows[: HEADER_SCAN_ROWS + SAMPLE_ROWS + 1]
        self._width = max((len(r) for r in self._rows), default=0)
        self._data_like: list[bool | None] = [None] * len(self._rows)
        self._codes: dict[int, list[int | None]] = {}  # per column, per row: `_answer_code` of the cell

    def has_data(self, start: int) -> bool:
        """Whether any row of the sample below ``start`` may be data (a header-only form has none)."""
        for row in range(start, min(start + SAMPLE_ROWS, len(self._rows))):
            like = self._data_like[row]
            if like is None:
                like = self._data_like[row] = maybe_data(self._rows[row]) and not is_note_line(self._rows[row])
            if like:
                return True
        return False

    def mostly_answers(self, col: int, start: int) -> bool:
        """Whether the column has filled cells in the sample below ``start`` (its rows that may be data) and
        at least 80 % of them read as answers. The sample is left as soon as that share is out of reach:
        even if every row not yet looked at held an answer, too few would."""
        if col >= self._width:
            return False
        rows, data_like = self._rows, self._data_like
        codes = self._codes.get(col)
        if codes is None:
            codes = self._codes[col] = [None] * len(rows)
        end = min(start + SAMPLE_ROWS, len(rows))
        filled = readable = 0
        for row in range(start, end):
            code = codes[row]
            if code is None:
                cells = rows[row]
                code = codes[row] = _answer_code(cells[col]) if col < len(cells) else 0
            if not code:
                continue  # a blank cell counts for nothing, whether or not its row is data: no need to ask
            like = data_like[row]
            if like is None:
                like = data_like[row] = maybe_data(rows[row]) and not is_note_line(rows[row])
            if not like:
                continue
            if code == 2:
                filled += 1
                readable += 1
            elif code:
                filled += 1
                left = end - row - 1
                if (readable + left) / (filled + left) < 0.8:
                    return False
        return filled > 0 and readable / filled >= 0.8


def question_columns(sheet: RawSheet, header: Header, mapping: Mapping, grid: AnswerGrid | None = None,
                     score: float = 0.0, to_beat: float = -math.inf) -> list[int] | None:
    """Columns with a question-like header whose cells mostly read as survey answers.

    None as soon as this survey reading (`score`, plus QUESTION_BONUS per question) could no longer beat
    `to_beat` or have MIN_QUESTIONS questions, even if every candidate column left held answers: the reading
    would not be taken, and the columns left need not be looked at."""
    grid = grid or AnswerGrid(sheet)
    candidates = question_candidates(header, mapping)
    if not grid.has_data(header.row + 1):
        # a form not filled in yet: its questions are known by their codes and words alone
        named = [col for col in candidates if (col not in mapping.columns.values() and names_a_question(header.texts[col]))
                 or question_code(header.texts[col])]
        return named if len(named) >= MIN_QUESTIONS and score + QUESTION_BONUS * min(len(named), 9) > to_beat else None
    found: list[int] = []
    for looked, col in enumerate(candidates):
        most = len(found) + len(candidates) - looked
        if most < MIN_QUESTIONS or score + QUESTION_BONUS * min(most, 9) <= to_beat:
            return None
        if grid.mostly_answers(col, header.row + 1):
            found.append(col)
    return found


def question_candidates(header: Header, mapping: Mapping) -> list[int]:
    """Columns whose header may be a question: not taken by another field, not blank, not a number, not an
    answer itself. Cheap: it bounds what a look at the cells below could find."""
    # a profile field's header that also names a question ("Waktu Pelayanan": a timestamp or unsur U3) is a
    # candidate: the cells below decide
    taken = {col for name, col in mapping.columns.items() if name in SURVEY_NON_QUESTION - SURVEY_SOFT_FIELDS
             and (name in ("number", "unit") or not names_a_question(header.texts[col]))}
    return [col for col, text in enumerate(header.texts)
            if not (col in taken or not fold(text) or re.fullmatch(r"\d+", fold(text)) or _reads_as_answer(text))]


def names_a_question(text: str) -> bool:
    """A header that is a question code ("U3", "Unsur 3", "P3") or names an IKM unsur ("Waktu Pelayanan")."""
    if question_code(text) is not None:
        return True
    folded = fold(text)
    return any(contains_phrase(folded, word) for words in survey_rules().ikm_unsur.values() for word in words)


def _reads_as_answer(text: str) -> bool:
    """A header cell that is itself an answer ('Sangat sesuai') belongs to a data row, not to a question."""
    answer = read_answer(text)
    return answer is not None and answer.label is not None and answer.label in labels_by_scale()


def _answer_code(value: object) -> int:
    """0: no answer; 1: filled but not a plausible answer; 2: reads as one."""
    answer = read_answer(value)
    if answer is None:
        return 0
    return 2 if answer.readable and _plausible(answer) else 1


def _plausible(answer: object) -> bool:
    number = getattr(answer, "number", None)
    return number is None or (1 <= number <= 10 and float(number).is_integer())
