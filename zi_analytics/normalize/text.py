"""Folding of free text so that spelling, case and punctuation variants compare equal."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Hashable
from functools import lru_cache
from typing import Any, TypeVar

import pandas as pd

_NON_WORD = re.compile(r"[^0-9a-z%]+")
_SPACES = re.compile(r"\s+")

T = TypeVar("T")


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    return value is pd.NaT


@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """Lower-case ASCII words separated by single spaces ("Penataan  Tata-Laksana!" -> "penataan tata laksana")."""
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    return _NON_WORD.sub(" ", text).strip()


def fold_any(value: Any) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return fold(str(value))


def clean_text(value: Any) -> str:
    """A cell as display text: trimmed, inner whitespace collapsed, numbers without a trailing .0."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _SPACES.sub(" ", str(value)).strip()


def map_unique(series: pd.Series, func: Callable[[Any], T]) -> pd.Series:
    """Apply ``func`` once per distinct value: files repeat the same labels thousands of times."""
    values = series.tolist()
    cache: dict[Hashable, T] = {}
    out = []
    for value in values:
        try:
            key: Hashable = (type(value), value)
            hash(key)
        except TypeError:
            key = (type(value), repr(value))
        if key not in cache:
            cache[key] = func(value)
        out.append(cache[key])
    return pd.Series(out, index=series.index, dtype=object)
