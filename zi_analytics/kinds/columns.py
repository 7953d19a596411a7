"""Frame columns built as Arrow arrays: the kinds' tables are mostly text, and pandas' own conversion of
a list of strings checks every item in Python (a 5,000-answer survey has 40,000 rows of texts that repeat
a handful of values). The frames are the same as from lists: same dtype, same values, NaN for None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Union

import numpy as np
import pandas as pd
import pyarrow as pa

TEXT_DTYPE = pd.Series(["x"]).dtype  # pandas' default text dtype, whatever options the process runs with
_ARROW_TEXT = isinstance(TEXT_DTYPE, pd.StringDtype) and TEXT_DTYPE.storage == "pyarrow"
_TYPE = pa.large_string()
_TEXT_ARRAY = TEXT_DTYPE.construct_array_type()


@dataclass
class Gathered:
    """Texts picked by position from a few distinct ones, picked only when the frame is built: merging the
    surveys of a sheet then reorders positions, not strings."""

    source: pa.Array
    positions: np.ndarray

    def __len__(self) -> int:
        return len(self.positions)

    def texts(self) -> pa.Array:
        return self.source.take(self.positions)


Column = Union[pa.Array, Gathered, np.ndarray, list]  # text as Arrow, typed as numpy, anything else a list


def texts(values: Sequence[str | None]) -> Column:
    """A column of texts (None is missing)."""
    return pa.array(values, type=_TYPE) if _ARROW_TEXT else list(values)


def same_text(value: str, count: int) -> Column:
    """One text on every row (the file, the sheet, the survey)."""
    return pa.repeat(pa.scalar(value, _TYPE), count) if _ARROW_TEXT else [value] * count


def each_text(values: Sequence[str | None] | Column, times: int) -> Column:
    """Every text `times` times in a row (a response's id on each of its answers)."""
    return _take(values, np.repeat(np.arange(len(values)), times))


def cycled_text(values: Sequence[str | None], times: int) -> Column:
    """The texts in turn, `times` rounds (the items of each response)."""
    return _take(values, np.tile(np.arange(len(values)), times))


def _take(values: Sequence[str | None] | Column, positions: np.ndarray) -> Column:
    if isinstance(values, pa.Array):
        return Gathered(values, positions)
    if _ARROW_TEXT:
        return Gathered(pa.array(values, type=_TYPE), positions)
    return [values[i] for i in positions.tolist()]


def joined(pieces: list[Column], order: np.ndarray) -> Column:
    """Pieces of one column end to end, then reordered."""
    if all(isinstance(p, (pa.Array, Gathered)) for p in pieces):
        gathered = [p if isinstance(p, Gathered) else Gathered(p, np.arange(len(p))) for p in pieces]
        offsets = np.cumsum([0] + [len(g.source) for g in gathered[:-1]])
        positions = np.concatenate([g.positions + offset for g, offset in zip(gathered, offsets)])
        return Gathered(pa.concat_arrays([g.source for g in gathered]), positions[order])
    if all(isinstance(p, np.ndarray) and p.dtype != object for p in pieces):
        return np.concatenate(pieces)[order]
    return np.concatenate([_objects(p) for p in pieces])[order]


def frame(data: dict[str, Column], columns: list[str]) -> pd.DataFrame:
    # the dict holds the columns in their order: naming them again sends pandas down its reindexing path,
    # half the cost of building a small frame
    return pd.DataFrame({c: _for_pandas(data[c]) for c in columns})


def _for_pandas(column: Column) -> Any:
    if isinstance(column, Gathered):
        column = column.texts()
    if isinstance(column, pa.Array):
        # what pd.array(column, dtype=TEXT_DTYPE) gives, without its inference and casting steps
        return _TEXT_ARRAY(pa.chunked_array([column]), dtype=TEXT_DTYPE) if _ARROW_TEXT else pd.array(column, dtype=TEXT_DTYPE)
    return column


def _objects(values: Column) -> np.ndarray:
    """Any piece as a 1-d object array (np.array would nest tuples); pandas infers from it what it would
    infer from the list."""
    if isinstance(values, Gathered):
        values = values.texts()
    if isinstance(values, pa.Array):
        values = values.to_pylist()
    elif isinstance(values, np.ndarray):
        return values.astype(object)
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array
