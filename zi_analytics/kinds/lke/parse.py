"""LKE self-assessment sheets to one row per node of the hierarchy (A/B, I/II, 1–6, i–vi, a–h).

Published LKE sheets write the hierarchy in several ways: codes in their own cells spread over columns, codes
inside the label text ("1. MANAJEMEN PERUBAHAN", "a. Pertanyaan …"), one code column for every level, `-` or
nothing for a sub-indicator's single question. So a row's level is told by its code's shape, by what the row
holds (a question has answer options or an answer; a node has a weight) and by the rows before it (`i` after
`h` is a question; `i` under a sub-indicator that has no question yet starts its parts, as the LHKPN/LHKASN
pair under "Penyampaian Laporan Harta Kekayaan"), never by the column it stands in. A running row number in
the first column is not a code.

Scoring belongs to the readiness engine; here each row keeps its level, its path and its parent's section
and area so the engine can sum without re-reading the sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from ...messages import msg
from ...normalize.areas import area_key
from ...normalize.numbers import parse_number
from ...normalize.text import clean_text, fold
from ...rules import AREA_KEYS, AREA_LABELS, lke_rules
from ..common import SheetContext, cell, data_rows, resolve_unit

COLUMNS = ["unit_key", "level", "code", "path", "component", "section", "area", "label", "weight", "options",
           "criteria", "answer", "value", "evidence", "note", "file", "sheet", "row"]
# "part": a sub-indicator's weighted parts (LHKPN and LHKASN); "detail": a percentage item's counts ("Jumlah …")
LEVELS = ("component", "section", "area", "sub_indicator", "part", "question", "detail")
NODE_LEVELS = ("component", "section", "area", "sub_indicator", "part")
_LOWER_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
_UPPER_ROMAN = ("I", "II", "III", "IV", "V", "VI")
_CODE = re.compile(r"^\(?([A-Za-z]|[IVXivx]{1,4}|\d{1,2})[.)]?$")
_CODE_PREFIX = re.compile(r"^\s*\(?([A-H]|[IVX]{1,4}|\d{1,2}|[ivx]{1,4}|[a-z])[.)]\s+(\S.*)$", re.DOTALL)
_TOTAL = re.compile(r"^(total|jumlah nilai|nilai evaluasi|nilai total|nilai akhir)\b")
_DETAIL_OPTIONS = ("jumlah",)
_URL = re.compile(r"https?://|www\.|drive\.google|docs\.google", re.IGNORECASE)


def code_shape(code: str) -> str | None:
    """What a code can be by its shape alone: component (A), section (I), area (1), roman (i), letter (a),
    dash (-); lower i, v and x are roman or letter, told apart by the rows around them."""
    token = code.strip().rstrip(".)").lstrip("(")
    if token == "-":
        return "dash"
    if token in _UPPER_ROMAN:
        return "section"
    if re.fullmatch(r"[A-H]", token):
        return "component"
    if re.fullmatch(r"\d{1,2}", token):
        return "area"
    if token in _LOWER_ROMAN:
        return "roman"
    if re.fullmatch(r"[a-z]", token):
        return "letter"
    return None


def code_level(code: str) -> str | None:
    """Level of a code as published sheets use it when nothing else is known (roman is a sub-indicator)."""
    shape = code_shape(code)
    return {"roman": "sub_indicator", "letter": "question", "dash": "question"}.get(shape or "", shape)


@dataclass
class _Row:
    index: int
    code: str
    label: str
    weight: float | None
    options: str
    answer: str
    values: list[Any]

    @property
    def answered(self) -> bool:
        return bool(self.options or self.answer)

    @property
    def detail(self) -> bool:
        return fold(self.options) in _DETAIL_OPTIONS


class _Tree:
    """Where the rows read so far stand: the path of codes down to the last row, and what each node holds."""

    def __init__(self) -> None:
        self.path: dict[str, str] = {}
        self.last_node: str | None = None  # level of the last node row below the area
        self.has_questions = False  # the current sub-indicator or part has a question
        self.has_parts = False  # the current sub-indicator has parts
        self.last_question = ""
        self.details = 0

    def level_of(self, row: _Row) -> str | None:
        shape = code_shape(row.code) if row.code else None
        if row.detail and shape in (None, "dash"):
            return "detail" if "question" in self.path else None
        if shape == "roman" and row.code in ("i", "v", "x") and self._continues_letters(row.code):
            shape = "letter"
        if shape in ("component", "section", "area"):
            return shape
        if shape == "roman":
            return self._roman_level(row.code)
        if shape in ("letter", "dash"):
            return "question"
        if row.answered:
            return "question"
        if row.weight:
            return self.last_node if self.last_node in ("sub_indicator", "part") else "sub_indicator"
        return None

    def _continues_letters(self, code: str) -> bool:
        return bool(self.last_question) and ord(code) == ord(self.last_question) + 1

    def _roman_level(self, code: str) -> str:
        """A sub-indicator, or a part of the current one: numbering restarts under a sub-indicator that holds
        no question yet, and continues among its parts."""
        if self.has_parts and self.last_node == "part" and _next_roman(self.path.get("part", "")) == code:
            return "part"
        if self.last_node == "sub_indicator" and not self.has_questions and code == "i" and self.path.get("sub_indicator") not in (None, "i"):
            return "part"
        return "sub_indicator"

    def enter(self, level: str, code: str) -> str:
        """Place a row at `level` and give back its path; a row without a code of its own gets the next one."""
        depth = LEVELS.index(level)
        siblings_code = self.path.get(level) if level != "detail" else None
        self.path = {k: v for k, v in self.path.items() if LEVELS.index(k) < depth}
        if level == "detail":
            self.details += 1
            code = str(self.details)
        elif not code or code == "-":
            code = _next_code(level, siblings_code)
        self.path[level] = code
        if level in NODE_LEVELS:
            self.last_node = level if level in ("sub_indicator", "part") else None
            self.has_questions = False
            if level == "sub_indicator":
                self.has_parts = False
            elif level == "part":
                self.has_parts = True
            self.last_question = ""
        elif level == "question":
            self.has_questions = True
            self.last_question = code if len(code) == 1 else self.last_question
            self.details = 0
        return "/".join(self.path[k] for k in LEVELS if k in self.path)


def _next_roman(code: str) -> str:
    return _LOWER_ROMAN[_LOWER_ROMAN.index(code) + 1] if code in _LOWER_ROMAN[:-1] else ""


def _next_code(level: str, previous: str | None) -> str:
    """The code a row without one takes: the next of its siblings' sequence."""
    if level in ("sub_indicator", "part"):
        return (_next_roman(previous) or "i") if previous else "i"
    if previous and len(previous) == 1 and previous.isalpha():
        return chr(ord(previous) + 1)
    return "a"


def parse_lke(ctx: SheetContext, today: date) -> pd.DataFrame:
    mapping = ctx.detection.mapping
    assert mapping is not None
    cols = mapping.columns
    rows = data_rows(ctx, with_totals=True)  # its own totals are told apart below; its counts are rows
    value_cols = [c for name, c in cols.items() if name in ("weight", "options", "criteria", "answer", "value", "evidence", "note")]
    stop = min(value_cols) if value_cols else None
    label_col = cols.get("label")
    running = _running_number_column([r.values for r in rows], stop)
    records: list[dict[str, Any]] = []
    tree = _Tree()
    context = {"component": "", "section": "", "area": ""}
    skipped = 0
    for row in rows:
        values = row.values
        code, label = _code_and_label(values, stop, label_col, running, cols.get("code"))
        parsed = _Row(row.index, code, label, _weight(cell(values, cols.get("weight"))),
                      clean_text(cell(values, cols.get("options"))), clean_text(cell(values, cols.get("answer"))), values)
        if not code and (not label or _TOTAL.match(fold(label))):
            continue  # a blank line, or a total the sheet computes (its own figures are compared by the engine)
        level = tree.level_of(parsed)
        if level is None:
            skipped += 1
            continue
        unit_key = resolve_unit(ctx, row)
        if unit_key is None:
            continue
        path = tree.enter(level, code)
        if level == "component":
            context = {"component": fold(label), "section": "", "area": ""}
        elif level == "section":
            context.update(section=_section(label), area="")
        elif level == "area":
            context["area"] = area_key(label) or fold(label)
        records.append({
            "unit_key": unit_key, "level": level, "code": path.rsplit("/", 1)[-1], "path": path,
            "component": context["component"], "section": context["section"], "area": context["area"],
            "label": label, "weight": parsed.weight, "options": parsed.options,
            "criteria": clean_text(cell(values, cols.get("criteria"))), "answer": parsed.answer,
            "value": parse_number(cell(values, cols.get("value"))),
            "evidence": clean_text(cell(values, cols.get("evidence"))) or _link(values, cols),
            "note": clean_text(cell(values, cols.get("note"))),
            "file": ctx.file, "sheet": ctx.sheet.name, "row": row.index + 1,
        })
    if skipped:
        ctx.notes.append(msg("w_lke_no_code", sheet=ctx.sheet.name, count=skipped))
    frame = pd.DataFrame.from_records(records, columns=COLUMNS)
    _check_structure(ctx, frame)
    return frame


def _check_structure(ctx: SheetContext, frame: pd.DataFrame) -> None:
    """An older RB LKE, an LKE missing an area or a half, and one with no answer are said so on the report;
    the first two are held back for a person (their score would be wrong), the last is kept as "belum diisi"."""
    heads = [fold(label) for label in frame.loc[frame["level"].isin(["component", "section"]), "label"]]
    if any(head.startswith(word) or word in head for head in heads for word in lke_rules().older_lke["contains"]):
        ctx.unsure.append(msg("review_lke_older"))
        return
    areas = frame.loc[frame["level"] == "area"]
    missing = [f"{AREA_LABELS[key]} ({half})" for half in ("pemenuhan", "reform") for key in AREA_KEYS
               if not ((areas["section"] == half) & (areas["area"] == key)).any()]
    if missing and len(frame):
        ctx.unsure.append(msg("review_lke_areas", missing=", ".join(missing)))
    questions = frame.loc[frame["level"] == "question"]
    if len(questions) and not (questions["answer"] != "").any():
        ctx.notes.append(msg("w_lke_unanswered", sheet=ctx.sheet.name, count=len(questions)))


def _link(values: list[Any], cols: dict[str, int]) -> str:
    """A link to the evidence in a column the header leaves untitled, right of every mapped column."""
    start = max(cols.values(), default=-1) + 1
    return next((clean_text(v) for v in values[start:] if isinstance(v, str) and _URL.search(v)), "")


def _weight(value: Any) -> float | None:
    number = parse_number(value)
    return number if number is not None and number > 0 else None


def _code_and_label(values: list[Any], stop: int | None, label_col: int | None, running: int | None,
                    code_col: int | None) -> tuple[str, str]:
    """A row's code and label: the first short code cell before the label, or a code written at the start
    of the label; the label is the row's first long text."""
    end = stop if stop is not None else len(values)
    texts = [(col, clean_text(values[col])) for col in range(min(end, len(values))) if col != running]
    texts = [(col, text) for col, text in texts if text]
    code, label = "", ""
    for position, (col, text) in enumerate(texts):
        if len(text) <= 5 and _CODE.match(text.strip()) or text.strip() == "-":
            if not code and (code_shape(text) or text.strip() == "-"):
                code = _token(text)
                continue
        label = text
        break
    if label_col is not None and label_col < len(values) and not label:
        label = clean_text(values[label_col])
    if not code and label:
        match = _CODE_PREFIX.match(label)
        if match and code_shape(match.group(1)):
            code, label = _token(match.group(1)), match.group(2).strip()
    return code, label.removeprefix("- ").strip() if label.startswith("- ") else label


def _token(code: str) -> str:
    """'i.', '(a)', 'A.' -> 'i', 'a', 'A'."""
    return code.strip().rstrip(".)").lstrip("(").strip() or code.strip()


def _running_number_column(rows: list[list[Any]], stop: int | None) -> int | None:
    """A leading column of running row numbers (1, 2, 3 … with a few repeats or gaps): not a code."""
    end = stop if stop is not None else 3
    for col in range(min(end, 3)):
        numbers = [parse_number(values[col]) for values in rows if col < len(values) and clean_text(values[col])]
        numbers = [n for n in numbers if n is not None]
        if len(numbers) < 10 or len(numbers) < 0.6 * len(rows):
            continue
        rising = sum(1 for a, b in zip(numbers, numbers[1:]) if b > a)
        if rising >= 0.8 * (len(numbers) - 1) and max(numbers) > 12:
            return col
    return None


def _section(label: str) -> str:
    folded = fold(label)
    for key in ("pemenuhan", "reform"):
        if key in folded:
            return key
    if "bersih" in folded or "akuntabel" in folded:
        return "bersih_akuntabel"
    if "pelayanan" in folded:
        return "pelayanan_prima"
    return folded
