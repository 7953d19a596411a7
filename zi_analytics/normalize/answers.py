"""Survey answers as numbers on the survey's scale, from numbers or PermenPANRB 14/2017 labels."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..rules import survey_rules
from .numbers import parse_number
from .text import fold, is_blank, per_value

# ASCII letters only: with IGNORECASE, [a-j] would also take "İ" and "ı" (whose lower() is not one letter).
_PREFIX = re.compile(r"^\s*(?:(\d{1,2})|([a-jA-J]))\s*[.)]\s*(.*)$")


@lru_cache(maxsize=1)
def label_values() -> dict[int, dict[str, set[int]]]:
    """scale -> folded label -> possible values (usually one)."""
    table: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for label_set in survey_rules().label_sets:
        scale = len(label_set.labels)
        for position, label in enumerate(label_set.labels, start=1):
            table[scale][fold(label)].add(position)
    return {scale: dict(labels) for scale, labels in table.items()}


@dataclass(frozen=True)
class _Set:
    values: dict[str, int]  # folded label -> value
    usual: bool


@lru_cache(maxsize=1)
def _label_sets() -> dict[int, list[_Set]]:
    """scale -> its label sets."""
    sets: dict[int, list[_Set]] = defaultdict(list)
    for label_set in survey_rules().label_sets:
        values = {fold(label): i for i, label in enumerate(label_set.labels, start=1)}
        sets[len(label_set.labels)].append(_Set(values, label_set.usual))
    return dict(sets)


@dataclass
class LabelReadings:
    """The value of each answer label a survey uses, on its scale."""

    values: dict[str, float]
    unsure: set[str]  # labels whose value the answers cannot tell: the reading is asked
    assumed: set[str]  # labels read by the usual set where a less usual one would read them otherwise


def label_readings(scale: int, answers: list[Answer]) -> LabelReadings:
    """The labels' values, where a label has different values in two sets of one scale ("tidak setuju" is 1
    in tidak/kurang/setuju/sangat setuju and 2 in sangat tidak/tidak/setuju/sangat setuju).

    Such a label is read by the sets that hold most of the labels the answers use, unless an answer wrote its
    number with it ("2. Tidak setuju"); when those sets still disagree, the usual set decides if it is the only
    usual one among them, and the label is unsure otherwise."""
    known = label_values().get(scale, {})
    sets = _label_sets().get(scale, [])
    used = {a.label for a in answers if a.label and a.number is None and a.letter is None}
    written = {a.label: a.number for a in answers if a.label and a.number is not None}
    readings = LabelReadings({}, set(), set())
    for label in used:
        options = known.get(label)
        if not options:
            continue
        if len(options) == 1 or written.get(label) in options:
            readings.values[label] = float(written.get(label) or next(iter(options)))
            continue
        holding = [s for s in sets if label in s.values]
        best = max(len(used & s.values.keys()) for s in holding)
        tied = [s for s in holding if len(used & s.values.keys()) == best]
        chosen = {s.values[label] for s in tied}
        usual = {s.values[label] for s in tied if s.usual}
        if len(chosen) == 1:
            readings.values[label] = float(chosen.pop())
        elif len(usual) == 1:
            readings.values[label] = float(usual.pop())
            readings.assumed.add(label)
        else:
            readings.unsure.add(label)
    return readings


@lru_cache(maxsize=1)
def labels_by_scale() -> dict[str, set[int]]:
    """folded label -> the scales whose label sets contain it."""
    found: dict[str, set[int]] = defaultdict(set)
    for scale, labels in label_values().items():
        for label in labels:
            found[label].add(scale)
    return dict(found)


@dataclass(frozen=True)
class Answer:
    """What one cell says: a number, a label (with an optional 'a.' letter), or nothing readable."""

    number: float | None = None
    label: str | None = None
    letter: int | None = None

    @property
    def readable(self) -> bool:
        return self.number is not None or self.letter is not None or (self.label is not None and self.label in labels_by_scale())


@per_value
def read_answer(value: Any) -> Answer | None:
    """Split a cell into its parts; None for a blank cell."""
    if is_blank(value):
        return None
    number = parse_number(value)
    if number is not None:
        return Answer(number=number)
    text = str(value)
    match = _PREFIX.match(text)
    if match:
        digits, letter, rest = match.groups()
        if digits:
            return Answer(number=float(digits), label=fold(rest) or None)
        return Answer(label=fold(rest) or None, letter=ord(letter.lower()) - ord("a") + 1)
    return Answer(label=fold(text))


def answer_value(answer: Answer, scale: int, labels: dict[str, float] | None = None) -> float | None:
    """The answer on a 1..scale survey, or None when it cannot be read on that scale. ``labels``: the survey's
    label readings (`label_readings`), for labels whose value depends on the set."""
    if answer.number is not None:
        return answer.number if 1 <= answer.number <= scale else None
    if answer.label:
        if labels is not None and answer.label in labels:
            return labels[answer.label]
        values = label_values().get(scale, {}).get(answer.label)
        if values and len(values) == 1:
            return float(next(iter(values)))
    if answer.letter is not None and 1 <= answer.letter <= scale:
        return float(answer.letter)
    return None


def scale_hint(answers: list[Answer]) -> int | None:
    """The scale the answers themselves reveal: a label that exists on only one scale, or a number prefix."""
    scales: set[int] = set()
    for answer in answers:
        if answer.label and answer.number is None:
            options = labels_by_scale().get(answer.label)
            if options and len(options) == 1:
                scales |= options
    return max(scales) if scales else None
