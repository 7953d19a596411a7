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
    # No column statistics: they serve readers that filter on them, and the store reads whole frames; writing
    # them was half the encoding of a Kanwil batch's thousand frames.
    if frame.attrs:  # pandas keeps them in the file's metadata
        buffer = io.BytesIO()
        frame.reset_index(drop=True).to_parquet(buffer, index=False, write_statistics=False)
        return buffer.getvalue()
    # what `to_parquet(index=False, write_statistics=False)` writes, without its checks; converted in one
    # thread: pyarrow starts a pool per call for a long frame (a survey's answers), which cost more than the
    # conversion, and a batch's frames are encoded by one worker process per core anyway
    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False, nthreads=1), sink, write_statistics=False)
    return sink.getvalue().to_pybytes()


@lru_cache(maxsize=64)
def _empty_bytes(columns: tuple[Any, ...], dtypes: tuple[Any, ...]) -> bytes:
    return _encoded(pd.DataFrame({name: pd.Series([], dtype=dtype) for name, dtype in zip(columns, dtypes)}))
