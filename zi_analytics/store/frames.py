"""Tidy tables to bytes and back (Parquet): columns keep their types, so a stored unit reads like a file."""

from __future__ import annotations

import io

import pandas as pd


def to_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.reset_index(drop=True).to_parquet(buffer, index=False)
    return buffer.getvalue()


def from_bytes(data: bytes) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(data))
