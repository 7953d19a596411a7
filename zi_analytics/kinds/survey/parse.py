"""Survey sheets (IKM, SPAK/IPAK, SPKP/IPKP; one or several per sheet) to responses and answers.

Which survey a question belongs to comes from a section marker in its header, else the sheet or file
name, else its content. IKM questions are matched to the nine unsur by what they ask, never by position.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ...messages import SURVEY_LABELS, msg
from ...normalize.answers import Answer, answer_value, label_readings, read_answer, scale_hint
from ...normalize.dates import parse_datetimes
from ...normalize.numbers import parse_number
from ...normalize.phrases import contains_phrase
from ...normalize.questions import question_code
from ...normalize.text import clean_text, fold, map_cells
from ...rules import survey_rules
from ..columns import Column, cycled_text, each_text, frame, joined, same_text, texts
from ..common import (
    DataRow,
    SheetContext,
    SheetUnit,
    columns_of,
    data_rows,
    empty_frame,
    filled,
    picked,
    shown,
    unit_resolver,
    without_note_lines,
)

SURVEYS = ("ikm", "ipak", "ipkp")
LEGACY_IKM_ITEMS = 14
IKM_MIN_UNSUR = 8
RESPONSE_COLUMNS = ["survey", "unit_key", "response_id", "timestamp", "period", "scale_max", "service", "gender",
                    "age", "education", "occupation", "suggestion", "file", "sheet", "row"]
ANSWER_COLUMNS = ["survey", "unit_key", "response_id", "item", "value", "scale_max"]
QUESTION_COLUMNS = ["survey", "item", "question", "file", "sheet", "column"]
_DECLARED_SCALE = re.compile(r"(?:\b1\s*(?:-|–|s\.?d\.?|sampai|/|hingga|to)\s*(4|5|6|10)\b|\bskala\s*(?:1\s*-\s*)?(4|5|6|10)\b)")


_PROFILE_FIELDS = ("service", "gender", "age", "education", "occupation", "suggestion")


@dataclass
class SurveyGroup:
    survey: str
    columns: list[int] = field(default_factory=list)
    items: dict[int, str] = field(default_factory=dict)  # column -> item key (U1.. or Q1..)
    scale: int = 4


@dataclass
class SurveyFrames:
    responses: pd.DataFrame
    answers: pd.DataFrame
    questions: pd.DataFrame


def markers_in(text: str) -> set[str]:
    folded = fold(text)
    return {kind for kind, words in survey_rules().markers.items() if any(contains_phrase(folded, w) for w in words)}


def ikm_unsur(header: str, numbered: bool = False) -> str | None:
    """The IKM unsur a question asks about: the one its code names ("U3", "Unsur 3"), else the one whose keywords
    cover most of the header, else (with ``numbered``) a plain question number's ("P3")."""
    code = question_code(header)
    if code is not None and code[0] == "unsur":
        return f"U{code[1]}" if 1 <= code[1] <= 9 else None
    folded = fold(header)
    best, best_score = None, 0
    for unsur, words in survey_rules().ikm_unsur.items():
        score = sum(len(w) for w in words if contains_phrase(folded, w))
        if score > best_score:
            best, best_score = unsur, score
    if best is None and code is not None and numbered:
        return f"U{code[1]}" if 1 <= code[1] <= 9 else None  # "P3" alone: the question's number is its unsur
    return best


def is_ipak_question(header: str) -> bool:
    folded = fold(header)
    return any(contains_phrase(folded, w) for w in survey_rules().ipak_keywords)


def group_questions(ctx: SheetContext) -> list[SurveyGroup]:
    """Split the sheet's question columns into surveys and name each question's item."""
    headers = ctx.headers
    sheet_hint = markers_in(ctx.sheet.name)
    file_hint = markers_in(Path(ctx.file).stem.replace("_", " "))
    default = next(iter(sheet_hint)) if len(sheet_hint) == 1 else (next(iter(file_hint)) if len(file_hint) == 1 and not sheet_hint else None)
    default = ctx.survey or default  # a person's answer to "which survey is this?"
    assigned: dict[int, str] = {}
    undecided: list[int] = []
    lower = ctx.detection.header.lower if ctx.detection.header else None
    for col in ctx.detection.questions:
        own = lower[col] if lower and col < len(lower) and lower[col] else ""
        marks = markers_in(own) if own else set()  # a column's own line ("IKM - P1") over its group's title
        if len(marks) != 1:
            marks = markers_in(headers[col])
        if len(marks) == 1:
            assigned[col] = next(iter(marks))
        elif default:
            assigned[col] = default
        elif (code := question_code(headers[col])) is not None and code[0] == "unsur":
            assigned[col] = "ikm"  # "U10", "Unsur 10": an unsur is the IKM's, a tenth one too
        elif is_ipak_question(headers[col]):
            assigned[col] = "ipak"
        else:
            undecided.append(col)
    if undecided:
        seen: set[str] = set()
        first_of_unsur = []
        for col in undecided:
            unsur = ikm_unsur(headers[col])
            if unsur and unsur not in seen:
                seen.add(unsur)
                first_of_unsur.append(col)
        ikm_cols = set(first_of_unsur) if len(seen) >= IKM_MIN_UNSUR else set()
        if not ikm_cols:
            # neither a marker nor the questions' content says which survey this is: the best guess is
            # read, but the sheet waits for a person (nine numbered questions may be the IKM or a SPKP)
            guess = "ikm" if len(undecided) == 9 and all(question_code(headers[c]) for c in undecided) else "ipkp"
            ctx.unsure.append(msg("review_survey_type", guess=SURVEY_LABELS[guess]))
            if guess == "ikm":
                ikm_cols = set(undecided)
        for col in undecided:
            assigned[col] = "ikm" if col in ikm_cols else "ipkp"
    groups: dict[str, SurveyGroup] = {}
    for col in ctx.detection.questions:
        survey = assigned[col]
        groups.setdefault(survey, SurveyGroup(survey)).columns.append(col)
    for group in groups.values():
        _name_items(ctx, group)
    return list(groups.values())


def _name_items(ctx: SheetContext, group: SurveyGroup) -> None:
    headers = ctx.headers
    if group.survey == "ikm" and len(group.columns) >= LEGACY_IKM_ITEMS:
        group.survey = "ikm_legacy"
        ctx.notes.append(msg("w_ikm_legacy", sheet=ctx.sheet.name))
    if group.survey != "ikm":
        group.items = {col: f"Q{i}" for i, col in enumerate(group.columns, start=1)}
        return
    counts: Counter[str] = Counter()
    numbered = all(question_code(headers[col]) for col in group.columns)  # "P1".."P9": numbers are the unsur
    for col in group.columns:
        unsur = ikm_unsur(headers[col], numbered)
        if unsur is None:
            code = question_code(headers[col])
            key = "w_ikm_extra_unsur" if code and code[1] > 9 else "w_ikm_no_unsur"
            ctx.notes.append(msg(key, sheet=ctx.sheet.name, column=ctx.column_name(col)))
            continue
        if counts[unsur]:
            first = next(c for c, u in group.items.items() if u == unsur)
            ctx.notes.append(msg("w_ikm_duplicate", sheet=ctx.sheet.name, unsur=unsur, column=ctx.column_name(first)))
            continue
        counts[unsur] += 1
        group.items[col] = unsur
    group.columns = [c for c in group.columns if c in group.items]
    missing = [f"U{i}" for i in range(1, 10) if f"U{i}" not in counts]
    if missing:
        ctx.notes.append(msg("w_ikm_unsur_missing", sheet=ctx.sheet.name, unsur=", ".join(missing)))


def decide_scale(ctx: SheetContext, group: SurveyGroup, answers: list[Answer]) -> int:
    """Scale stated in a header or title, else revealed by the labels, else the smallest that fits."""
    texts = [ctx.headers[c] for c in group.columns] + ctx.title
    for text in texts:
        match = _DECLARED_SCALE.search(text.lower())
        if match:
            return int(match.group(1) or match.group(2))
    allowed = sorted(survey_rules().scales["allowed"])
    hinted = scale_hint(answers)
    numbers = [a.number for a in answers if a.number is not None]
    needed = max(numbers, default=0)
    fitting = next((s for s in allowed if s >= needed), allowed[-1])
    if hinted:
        return max(hinted, fitting)
    if any(a.label for a in answers) or not numbers:
        return max(4, fitting)
    if fitting > 4 or needed < fitting:
        ctx.notes.append(msg("w_scale_guess", survey=SURVEY_LABELS.get(group.survey, group.survey), sheet=ctx.sheet.name, scale=fitting))
    return fitting


def parse_survey(ctx: SheetContext, today: date) -> SurveyFrames:
    """Column by column: each distinct answer is read once, and the answers frame is built from arrays."""
    mapping = ctx.detection.mapping
    assert mapping is not None
    cols = mapping.columns
    groups = group_questions(ctx)
    rows = without_note_lines(ctx, data_rows(ctx))
    fields = [name for name in _PROFILE_FIELDS if cols.get(name) is not None]
    stamp_col = cols.get("timestamp")
    questions = [c for g in groups for c in g.columns]
    wanted = list(dict.fromkeys(questions + [cols[name] for name in fields] + ([stamp_col] if stamp_col is not None else [])))
    cells = dict(zip(wanted, columns_of(rows, wanted)))  # one pass over the rows for every survey of the sheet
    summaries = _summary_rows(cells, questions, len(rows))
    if summaries.any():
        ctx.notes.append(msg("n_summary_rows", sheet=ctx.sheet.name, count=int(summaries.sum())))
        keep = np.flatnonzero(~summaries).tolist()
        rows = [rows[i] for i in keep]
        cells = {c: [column[i] for i in keep] for c, column in cells.items()}
    grids = [_AnswerColumns(ctx, group, rows, [cells[c] for c in group.columns]) for group in groups]
    profile = {name: map_cells(cells[cols[name]], clean_text) for name in fields}
    stamps = _stamps(ctx, rows, cells.get(stamp_col) if stamp_col is not None else None)
    units: list[str | None] = [None] * len(rows)
    logged = len(ctx.problems)
    whole = np.logical_and.reduce([g.complete for g in grids]) if grids else np.ones(len(rows), dtype=bool)
    # a row without a single answer is no response: a legend or a note beside the table, an empty form line
    unanswered = np.logical_and.reduce([g.missing.all(axis=1) for g in grids]) if grids else np.zeros(len(rows), dtype=bool)
    if unanswered.any():
        for grid in grids:
            grid.complete &= ~unanswered
    unit_of = unit_resolver(ctx, rows)
    answered = np.flatnonzero(whole).tolist()  # the usual row: every survey answered, only the unit to ask
    if isinstance(unit_of, SheetUnit) and answered:
        key = unit_of(rows[answered[0]])
        for position in answered:
            units[position] = key
    else:
        for position in answered:
            units[position] = unit_of(rows[position])
    for position in np.flatnonzero(~whole & ~unanswered).tolist():
        row = rows[position]
        resolved = False
        for grid in grids:  # every survey on the row logs its own refusal; the unit is asked once
            if grid.reject_row(position) or resolved:
                continue
            resolved = True
            units[position] = unit_of(row)
            if units[position] is None:
                break
    usable = np.fromiter((unit is not None for unit in units), dtype=bool, count=len(units))  # a row with a unit is kept
    ctx.problems[logged:] = sorted(ctx.problems[logged:], key=lambda p: p["row"])  # row order, as a reader expects
    periods = _quarters(stamps)
    responses: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    for grid in grids:
        keep = np.flatnonzero(grid.complete & usable)
        responses.append(_responses(ctx, grid.group, rows, keep, units, stamps, periods, profile))
        answers.append(grid.answers(keep, responses[-1]["response_id"], [units[i] for i in keep]))
    questions = [
        {"survey": g.survey, "item": g.items[c], "question": ctx.headers[c], "file": ctx.file, "sheet": ctx.sheet.name, "column": ctx.column_name(c)}
        for g in groups for c in g.columns
    ]
    return SurveyFrames(
        _row_major(responses, RESPONSE_COLUMNS, [f["row"] for f in responses]),
        _row_major(answers, ANSWER_COLUMNS, [np.repeat(f["row"], len(g.group.columns)) for f, g in zip(responses, grids)]),
        pd.DataFrame.from_records(questions, columns=QUESTION_COLUMNS),
    )


def _summary_rows(cells: dict[int, list[Any]], questions: list[int], count: int) -> np.ndarray:
    """Which rows sum or average the answers (Jumlah, NRR, NRR tertimbang, whatever their label): most of their
    question cells hold numbers no answer can be, fractions or more than a scale's top (each distinct cell
    judged once)."""
    numbers = np.zeros(count, dtype=np.int64)
    odd = np.zeros(count, dtype=np.int64)
    # 0: no number, 1: a number an answer can be, 2: one it cannot
    judged = {value: _number_kind(value) for value in dict.fromkeys(chain.from_iterable(cells[c] for c in questions))}
    for col in questions:
        column = np.fromiter(map(judged.__getitem__, cells[col]), dtype=np.int64, count=count)
        numbers += column > 0
        odd += column == 2
    return (numbers >= 3) & (odd * 2 > numbers)


def _number_kind(value: Any) -> int:
    if value.__class__ in (int, float):
        number = value
    elif value.__class__ is str and value[:1].isdigit():
        number = parse_number(value)
        if number is None:
            return 0
    else:
        return 0
    return 2 if number < 0 or number > 10 or not float(number).is_integer() else 1


class _AnswerColumns:
    """One survey's answers on a sheet as a matrix (rows x questions), read once per distinct cell value."""

    def __init__(self, ctx: SheetContext, group: SurveyGroup, rows: list[DataRow], raws: list[list[Any]]) -> None:
        self.ctx, self.group, self.rows = ctx, group, rows
        distinct = dict.fromkeys(chain.from_iterable(raws))
        if any(v.__class__ is bool for v in distinct):  # True equals 1 as a key; read it as the text it shows
            raws = [[str(v) if v.__class__ is bool else v for v in column] for column in raws]
            distinct = dict.fromkeys(chain.from_iterable(raws))
        self.read = {v: read_answer(v) for v in distinct}
        answers = [a for a in set(self.read.values()) if a is not None]
        group.scale = decide_scale(ctx, group, answers)
        readings = label_readings(group.scale, answers)
        if readings.unsure:
            ctx.unsure.append(msg("review_answer_labels", labels=_quoted(readings.unsure), scale=group.scale))
        if readings.assumed:
            assumed = ", ".join(f"'{label}' = {readings.values[label]:g}" for label in sorted(readings.assumed))
            ctx.notes.append(msg("w_answer_labels_usual", sheet=ctx.sheet.name, labels=assumed,
                                 survey=SURVEY_LABELS.get(group.survey, group.survey)))
        labels = readings.values
        code = {v: i for i, v in enumerate(self.read)}  # each cell becomes the number of its distinct value
        cells = len(rows) * len(raws)
        codes = np.fromiter(map(code.__getitem__, chain.from_iterable(raws)), dtype=np.intp, count=cells)
        codes = codes.reshape(len(raws), len(rows)).T
        self.raws = raws
        self.missing = np.array([a is None for a in self.read.values()], dtype=bool)[codes].reshape(len(rows), len(raws))
        by_code = [math.nan if a is None else _value(a, group.scale, labels) for a in self.read.values()]
        self.values = np.array(by_code, dtype=float)[codes].reshape(len(rows), len(raws))
        self.complete = ~(self.missing | np.isnan(self.values)).any(axis=1)

    def reject_row(self, position: int) -> bool:
        """Log why a row is refused for this survey (its first bad cell) and say whether it was."""
        if self.complete[position]:
            return False
        group, row = self.group, self.rows[position]
        label = f"{SURVEY_LABELS.get(group.survey, group.survey)}: "
        for k, col in enumerate(group.columns):
            if self.missing[position, k]:
                self.ctx.reject(row.index, self.ctx.column_name(col), "", label + msg("r_answer_missing"))
                return True
            if np.isnan(self.values[position, k]):
                answer = self.read[self.raws[k][position]]
                raw = self.ctx.sheet.rows[row.index][col]
                key = "r_answer_range" if answer.number is not None and answer.label is None else "r_answer"
                self.ctx.reject(row.index, self.ctx.column_name(col), raw, label + msg(key, value=shown(raw), scale=group.scale))
                return True
        return True

    def answers(self, keep: np.ndarray, response_ids: Column, units: list[str | None]) -> dict[str, Column]:
        width = len(self.group.columns)
        items = [self.group.items[c] for c in self.group.columns]
        return {
            "survey": same_text(self.group.survey, len(keep) * width),
            "unit_key": each_text(units, width),
            "response_id": each_text(response_ids, width),
            "item": cycled_text(items, len(keep)),
            "value": self.values[keep].ravel(),
            "scale_max": np.full(len(keep) * width, self.group.scale, dtype=np.int64),
        }


def _quoted(labels: set[str]) -> str:
    return ", ".join(f"'{label}'" for label in sorted(labels))


def _value(answer: Answer, scale: int, labels: dict[str, float]) -> float:
    value = answer_value(answer, scale, labels)
    return math.nan if value is None else value


def _stamps(ctx: SheetContext, rows: list[DataRow], cells: list[Any] | None) -> list[Any]:
    """The timestamp column's cells (None: the sheet has none) as datetimes."""
    if cells is None:
        return [None] * len(rows)
    if all(v.__class__ is datetime for v in cells):  # typed Excel timestamps, none blank
        return cells
    raws = filled(cells)
    if all(v is None or v.__class__ is datetime for v in raws):  # typed Excel timestamps: nothing to read
        return raws
    # a typed Excel timestamp is taken as it is, as when every one is typed (above)
    stamps = [raw if raw.__class__ is datetime else read for raw, read in zip(raws, parse_datetimes(raws))]
    for row, raw, stamp in zip(rows, raws, stamps):
        if stamp is None and raw is not None:
            ctx.warn(row.index, ctx.field_column("timestamp"), raw, msg("w_timestamp", value=shown(raw)))
    return stamps


def _responses(ctx: SheetContext, group: SurveyGroup, rows: list[DataRow], keep: np.ndarray, units: list[str | None],
               stamps: list[Any], periods: list[str], profile: dict[str, list[str]]) -> dict[str, Column]:
    """The kept rows' response columns (a frame is built once, after the surveys of a sheet are merged)."""
    chosen = keep.tolist()

    def text(name: str) -> Column:
        return texts(picked(profile[name], chosen) if name in profile else [""] * len(chosen))

    numbers = [rows[i].index + 1 for i in chosen]
    moments = picked(stamps, chosen)
    return {
        "survey": same_text(group.survey, len(chosen)),
        "unit_key": texts(picked(units, chosen)),
        "response_id": texts([f"{ctx.file}|{ctx.sheet.name}|{n}|{group.survey}" for n in numbers]),
        "timestamp": moments,
        "period": texts(picked(periods, chosen)),
        "scale_max": np.full(len(chosen), group.scale, dtype=np.int64),
        "service": text("service"), "gender": text("gender"), "age": text("age"), "education": text("education"),
        "occupation": text("occupation"), "suggestion": text("suggestion"),
        "file": same_text(ctx.file, len(chosen)), "sheet": same_text(ctx.sheet.name, len(chosen)),
        "row": np.array(numbers, dtype=np.int64),
    }


def _row_major(parts: list[dict[str, Column]], columns: list[str], rows: list[np.ndarray]) -> pd.DataFrame:
    """The surveys' columns as one frame, in sheet-row order (a combined form's sections stay together per
    row). Merged as arrays before any frame exists: concatenating and reordering frames costs more than
    building them."""
    filled = [(p, r) for p, r in zip(parts, rows) if len(r)]
    if not filled:
        return empty_frame(columns)
    if len(filled) == 1:
        return frame(filled[0][0], columns)
    order = np.argsort(np.concatenate([r for _, r in filled]), kind="stable")
    return frame({c: joined([p[c] for p, _ in filled], order) for c in columns}, columns)


def _quarter(stamp: Any) -> str:
    if stamp is None:
        return ""
    return f"{stamp.year}-Q{(stamp.month - 1) // 3 + 1}"


def _quarters(stamps: list[Any]) -> list[str]:
    """`_quarter` of each stamp, once per sheet for all its surveys, and once per month: a sheet's thousands of
    stamps fall in a few months."""
    named: dict[tuple[int, int], str] = {}
    out = []
    for stamp in stamps:
        if stamp is None:
            out.append("")
            continue
        month = (stamp.year, stamp.month)
        text = named.get(month)
        if text is None:
            text = named[month] = _quarter(stamp)
        out.append(text)
    return out
