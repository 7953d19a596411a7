"""Tidy tables to bytes and back (Parquet): columns keep their types, so a stored unit reads like a file."""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


def to_bytes(frame: pd.DataFrame) -> bytes:
    if frame.empty and not frame.attrs and not frame.columns.has_duplicates:
        # most files' problem logs: encoded once per column layout, not in 3 ms each time
        return _empty_bytes(tuple(frame.columns), tuple(frame.dtypes))
    return _encoded(frame)


def from_bytes(data: bytes) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(data))


def _encoded(frame: pd.DataFrame) -> bytes:
    if frame.attrs:  # pandas keeps them in the file's metadata
        buffer = io.BytesIO()
        frame.reset_index(drop=True).to_parquet(buffer, index=False)
        return buffer.getvalue()
    # the same bytes as `to_parquet(index=False)` without its checks: a Kanwil batch encodes a thousand frames
    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), sink)
    return sink.getvalue().to_pybytes()


@lru_cache(maxsize=64)
def _empty_bytes(columns: tuple[Any, ...], dtypes: tuple[Any, ...]) -> bytes:
    return _encoded(pd.DataFrame({name: pd.Series([], dtype=dtype) for name, dtype in zip(columns, dtypes)}))
