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


def answer_value(answer: Answer, scale: int) -> float | None:
    """The answer on a 1..scale survey, or None when it cannot be read on that scale."""
    if answer.number is not None:
        return answer.number if 1 <= answer.number <= scale else None
    if answer.label:
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
