"""Which kind of table a sheet holds, and where its header is, judged from content.

Every header candidate is mapped against every kind; the best-scoring pair wins. Surveys are also
recognised by their answers: columns below a question whose cells read as answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .layout import HEADER_SCAN_ROWS, Header, iter_header_candidates, maybe_data
from .mapping import KIND_SPECS, Mapping, header_score, map_headers
from .normalize.answers import labels_by_scale, read_answer
from .normalize.text import fold, fold_any, is_blank, map_cells
from .read import RawSheet

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
        if best.score >= STRONG_SCORE and best.header is not None and header.first_row > best.header.row + STRONG_REACH:
            break  # rows this far below a clear header are its data, never a better header
        for kind in kinds:
            spec = KIND_SPECS[kind]
            mapping = map_headers(header.texts, spec, overrides)
            score = header_score(mapping, spec)
            questions: list[int] = []
            if kind == "survey":
                grid = grid or AnswerGrid(sheet)
                questions = question_columns(sheet, header, mapping, grid)
                if len(questions) < MIN_QUESTIONS:
                    continue
                for col in [c for f, c in mapping.columns.items() if f in SURVEY_SOFT_FIELDS and c in questions]:
                    mapping.release(col)
                score += QUESTION_BONUS * min(len(questions), 9)
            if score > best.score:
                best = Detection(kind, header, mapping, score, questions)
    if forced_kind is None and best.header is not None and _RECAP_NAME_WEAK.search(name) and _aggregate_headers(best):
        return Detection("recap")  # "Rekap" with "Jumlah Kegiatan"/"Rata-rata Capaian": counts, not activities
    if best.score < MIN_SCORE and forced_kind is None:
        if _INSTRUCTION_NAME.search(name):
            return Detection("instructions")
        if _RECAP_NAME_WEAK.search(name):
            return Detection("recap")
        return Detection("unknown")
    return best


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
    for row in sheet.rows[:40]:
        for value in row[:6]:
            if isinstance(value, str) and fold_any(value) in _PIVOT_MARKERS:
                return True
    return False


class AnswerGrid:
    """Which of the top rows may be data, and which of their cells are filled and read as survey answers.

    Built once per sheet, so the forty header candidates a scan tries each cost a few array sums; grown
    only as far down as a candidate's sample reaches (a scan that meets its header near the top, as most
    do, never needs the last third).
    """

    GROWTH = 8  # rows added at least at a time: the candidates come top down, one row further each

    def __init__(self, sheet: RawSheet) -> None:
        self._rows = sheet.rows[: HEADER_SCAN_ROWS + SAMPLE_ROWS + 1]
        self._width = max((len(r) for r in self._rows), default=0)
        self.data_like = np.zeros(0, dtype=bool)
        self.filled = np.zeros((0, self._width), dtype=bool)
        self.readable = np.zeros((0, self._width), dtype=bool)

    def _grow(self, upto: int) -> None:
        have = len(self.data_like)
        if upto <= have or have == len(self._rows):
            return
        rows = self._rows[have : min(max(upto, have + self.GROWTH), len(self._rows))]
        width = self._width
        codes = np.zeros((len(rows), width), dtype=np.int8)
        flat = map_cells([v for row in rows for v in row], _answer_code)  # the sample repeats a few labels
        if all(len(row) == width for row in rows):
            codes[:] = np.array(flat, dtype=np.int8).reshape(len(rows), width)
        else:
            start = 0
            for r, row in enumerate(rows):
                codes[r, : len(row)] = flat[start : start + len(row)]
                start += len(row)
        self.data_like = np.concatenate([self.data_like, np.array([maybe_data(r) for r in rows], dtype=bool)])
        self.filled = np.concatenate([self.filled, codes > 0])
        self.readable = np.concatenate([self.readable, codes == 2])

    def answer_share(self, start: int) -> tuple[np.ndarray, np.ndarray]:
        """Per column: filled cells in the sample below ``start``, and how many of them read as answers."""
        self._grow(start + SAMPLE_ROWS)
        rows = np.flatnonzero(self.data_like[start : start + SAMPLE_ROWS]) + start
        return self.filled[rows].sum(axis=0), self.readable[rows].sum(axis=0)


def question_columns(sheet: RawSheet, header: Header, mapping: Mapping, grid: AnswerGrid | None = None) -> list[int]:
    """Columns with a question-like header whose cells mostly read as survey answers."""
    taken = {col for name, col in mapping.columns.items() if name in SURVEY_NON_QUESTION - SURVEY_SOFT_FIELDS}
    grid = grid or AnswerGrid(sheet)
    filled, readable = grid.answer_share(header.row + 1)
    found = []
    for col, text in enumerate(header.texts):
        if col >= len(filled) or not filled[col]:
            continue
        if col in taken or not fold(text) or re.fullmatch(r"\d+", fold(text)) or _reads_as_answer(text):
            continue
        if readable[col] / filled[col] >= 0.8:
            found.append(col)
    return found


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
