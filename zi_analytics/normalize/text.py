"""Folding of free text so that spelling, case and punctuation variants compare equal."""

from __future__ import annotations

import inspect
import math
import re
import unicodedata
from collections.abc import Callable, Hashable
from datetime import datetime
from decimal import Decimal
from functools import lru_cache, wraps
from typing import Any, TypeVar

import pandas as pd

_NON_WORD = re.compile(r"[^0-9a-z%]+")
_SPACES = re.compile(r"\s+")

T = TypeVar("T")
MAX_CACHED_TEXT = 200
PER_VALUE_ENTRIES = 1 << 16  # answers kept per normaliser (per type of cell, for one of the cell alone)


def is_blank(value: Any) -> bool:
    # called for every cell of every sheet: the common types first, the cheapest test each
    if type(value) is str:
        return not value or value.isspace()
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        return not value.strip()
    return value is pd.NaT


def first_filled(values: list[Any], limit: int) -> list[Any]:
    """The first `limit` filled cells of a row: enough to judge a row, without testing every cell of a
    wide survey export's thousands of full rows."""
    found = []
    for value in values:
        kind = value.__class__  # the usual cell types tested inline, the same test as is_blank
        if kind is str:
            if not value or value.isspace():
                continue
        elif kind is float:
            if value != value:  # NaN
                continue
        elif kind is not int and kind is not datetime and is_blank(value):
            continue
        found.append(value)
        if len(found) == limit:
            break
    return found


def map_cells(values: list[Any], func: Callable[[Any], T]) -> list[T]:
    """``func`` of every cell, computed once per distinct value (a column repeats a few labels thousands of times).

    Equal values of different types (1 and 1.0) share a result, which every normaliser here gives them anyway;
    booleans, which equal 0 and 1, and unhashable cells are computed one by one.
    """
    try:
        distinct = dict.fromkeys(values)
    except TypeError:
        return [func(v) for v in values]
    if any(v.__class__ is bool for v in distinct):
        return [func(v) for v in values]
    results = {v: func(v) for v in distinct}
    return [results[v] for v in values]


def per_value(func: Callable[..., T]) -> Callable[..., T]:
    """Remember a normaliser's answer per (type, value): a sheet repeats the same labels thousands of times.

    Only for pure functions returning immutable values; an unhashable cell, or a long text (free text repeats
    seldom, and a hostile file must not park megabytes in the cache), is simply computed.
    """
    if len(inspect.signature(func).parameters) == 1:
        return _per_cell(func)
    cached = lru_cache(maxsize=PER_VALUE_ENTRIES, typed=True)(func)

    @wraps(func)
    def wrapper(value: Any, *args: Any, **kwargs: Any) -> T:
        if value.__class__ is str and len(value) > MAX_CACHED_TEXT:
            return func(value, *args, **kwargs)
        try:
            return cached(value, *args, **kwargs)
        except TypeError:
            if _hashable(value, args):
                raise
            return func(value, *args, **kwargs)

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper


def _per_cell(func: Callable[[Any], T]) -> Callable[[Any], T]:
    """`per_value` of a normaliser of the cell alone, the usual kind. Its answers are kept per type of cell, so
    that a cell is looked up as it is, without a key built for it: a hit costs about half of what `lru_cache`
    costs with the arguments it must accept (180 against 350 ns), and a Kanwil batch asks tens of thousands
    per unit. A type's answers are dropped all at once when there are too many (a dict cleared is safe while
    other threads use it)."""
    caches: dict[type, dict[Any, Any]] = {}

    @wraps(func)
    def wrapper(value: Any) -> T:
        kind = value.__class__
        if kind is str and len(value) > MAX_CACHED_TEXT:
            return func(value)
        cache = caches.get(kind)
        if cache is None:
            cache = caches.setdefault(kind, {})
        try:
            found = cache.get(value, _MISSING)
        except TypeError:  # unhashable, or refusing to be hashed (Decimal('sNaN'))
            return func(value)
        if found is _MISSING:
            found = func(value)
            if len(cache) >= PER_VALUE_ENTRIES:
                cache.clear()
            cache[value] = found
        return found

    wrapper.cache_clear = caches.clear  # type: ignore[attr-defined]
    return wrapper


_MISSING = object()


def _hashable(value: Any, args: tuple[Any, ...]) -> bool:
    """Whether a TypeError came from the normaliser itself rather than from hashing (Decimal('sNaN') is Hashable but refuses)."""
    if not (isinstance(value, Hashable) and all(isinstance(a, Hashable) for a in args)):
        return False
    try:
        hash((value, *args))
    except TypeError:
        return False
    return True


def as_text(value: Any) -> str:
    """``str(value)``, except that an integer beyond Python's 4300-digit str() limit is written as 1.000000e+5000."""
    try:
        return str(value)
    except ValueError:
        if isinstance(value, int):
            return format(Decimal(value), ".6e")
        raise


@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """Lower-case ASCII words separated by single spaces ("Penataan  Tata-Laksana!" -> "penataan tata laksana")."""
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    return _NON_WORD.sub(" ", text).strip()


@per_value
def fold_any(value: Any) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return fold(as_text(value))


@per_value
def clean_text(value: Any) -> str:
    """A cell as display text: trimmed, inner whitespace collapsed, numbers without a trailing .0."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _SPACES.sub(" ", as_text(value)).strip()
