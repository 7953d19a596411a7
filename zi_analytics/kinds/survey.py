"""Survey sheets (IKM, SPAK/IPAK, SPKP/IPKP; one or several per sheet) to responses and answers.

Which survey a question belongs to comes from a section marker in its header, else the sheet or file
name, else its content. IKM questions are matched to the nine unsur by what they ask, never by position.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ..messages import SURVEY_LABELS, msg
from ..normalize.answers import Answer, answer_value, read_answer, scale_hint
from ..normalize.dates import parse_datetime
from ..normalize.phrases import contains_phrase
from ..normalize.text import clean_text, fold
from ..rules import survey_rules
from .common import SheetContext, cell, data_rows, resolve_unit

SURVEYS = ("ikm", "ipak", "ipkp")
LEGACY_IKM_ITEMS = 14
IKM_MIN_UNSUR = 8
RESPONSE_COLUMNS = ["survey", "unit_key", "response_id", "timestamp", "period", "scale_max", "service", "gender",
                    "age", "education", "occupation", "suggestion", "file", "sheet", "row"]
ANSWER_COLUMNS = ["survey", "unit_key", "response_id", "item", "value", "scale_max"]
QUESTION_COLUMNS = ["survey", "item", "question", "file", "sheet", "column"]
_DECLARED_SCALE = re.compile(r"(?:\b1\s*(?:-|–|s\.?d\.?|sampai|/|hingga|to)\s*(4|5|6|10)\b|\bskala\s*(?:1\s*-\s*)?(4|5|6|10)\b)")


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


def ikm_unsur(header: str) -> str | None:
    """The IKM unsur a question asks about: the one whose keywords cover most of the header."""
    folded = fold(header)
    best, best_score = None, 0
    for unsur, words in survey_rules().ikm_unsur.items():
        score = sum(len(w) for w in words if contains_phrase(folded, w))
        if score > best_score:
            best, best_score = unsur, score
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
    assigned: dict[int, str] = {}
    undecided: list[int] = []
    for col in ctx.detection.questions:
        marks = markers_in(headers[col])
        if len(marks) == 1:
            assigned[col] = next(iter(marks))
        elif default:
            assigned[col] = default
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
    for col in group.columns:
        unsur = ikm_unsur(headers[col])
        if unsur is None:
            ctx.notes.append(f"IKM di lembar '{ctx.sheet.name}': pertanyaan {ctx.column_name(col)} tidak cocok dengan unsur mana pun; tidak dihitung.")
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
    mapping = ctx.detection.mapping
    assert mapping is not None
    cols = mapping.columns
    groups = group_questions(ctx)
    rows = data_rows(ctx)
    parsed = {id(g): [[read_answer(cell(r.values, c)) for c in g.columns] for r in rows] for g in groups}
    for group in groups:
        seen = [a for row in parsed[id(group)] for a in row if a is not None]
        group.scale = decide_scale(ctx, group, seen)
    responses: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    for position, row in enumerate(rows):
        raw_time = cell(row.values, cols.get("timestamp"))
        stamp = parse_datetime(raw_time) if raw_time is not None else None
        if raw_time is not None and stamp is None:
            ctx.warn(row.index, ctx.field_column("timestamp"), raw_time, msg("w_timestamp", value=clean_text(raw_time)))
        unit_key: str | None = None
        for group in groups:
            values = _row_values(ctx, group, row.index, parsed[id(group)][position])
            if values is None:
                continue
            if unit_key is None:
                unit_key = resolve_unit(ctx, row)
                if unit_key is None:
                    break
            response_id = f"{ctx.file}|{ctx.sheet.name}|{row.index + 1}|{group.survey}"
            responses.append({
                "survey": group.survey, "unit_key": unit_key, "response_id": response_id,
                "timestamp": stamp, "period": _quarter(stamp), "scale_max": group.scale,
                "service": clean_text(cell(row.values, cols.get("service"))),
                "gender": clean_text(cell(row.values, cols.get("gender"))),
                "age": clean_text(cell(row.values, cols.get("age"))),
                "education": clean_text(cell(row.values, cols.get("education"))),
                "occupation": clean_text(cell(row.values, cols.get("occupation"))),
                "suggestion": clean_text(cell(row.values, cols.get("suggestion"))),
                "file": ctx.file, "sheet": ctx.sheet.name, "row": row.index + 1,
            })
            for col, value in zip(group.columns, values):
                answers.append({"survey": group.survey, "unit_key": unit_key, "response_id": response_id,
                                "item": group.items[col], "value": value, "scale_max": group.scale})
    questions = [
        {"survey": g.survey, "item": g.items[c], "question": ctx.headers[c], "file": ctx.file, "sheet": ctx.sheet.name, "column": ctx.column_name(c)}
        for g in groups for c in g.columns
    ]
    return SurveyFrames(
        pd.DataFrame.from_records(responses, columns=RESPONSE_COLUMNS),
        pd.DataFrame.from_records(answers, columns=ANSWER_COLUMNS),
        pd.DataFrame.from_records(questions, columns=QUESTION_COLUMNS),
    )


def _row_values(ctx: SheetContext, group: SurveyGroup, row: int, parsed: list[Answer | None]) -> list[float] | None:
    """Every answer of one survey on one row, or None (row rejected for that survey) naming the first bad cell."""
    values: list[float] = []
    for col, answer in zip(group.columns, parsed):
        if answer is None:
            ctx.reject(row, ctx.column_name(col), "", f"{SURVEY_LABELS.get(group.survey, group.survey)}: " + msg("r_answer_missing"))
            return None
        value = answer_value(answer, group.scale)
        if value is None:
            raw = ctx.sheet.rows[row][col]
            key = "r_answer_range" if answer.number is not None and answer.label is None else "r_answer"
            ctx.reject(row, ctx.column_name(col), raw, f"{SURVEY_LABELS.get(group.survey, group.survey)}: " + msg(key, value=clean_text(raw), scale=group.scale))
            return None
        values.append(value)
    return values


def _quarter(stamp: Any) -> str:
    if stamp is None:
        return ""
    return f"{stamp.year}-Q{(stamp.month - 1) // 3 + 1}"
