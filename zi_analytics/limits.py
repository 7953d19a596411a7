"""Limits that protect the machine from hostile or oversized files."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Upper bounds checked before any parser sees a file."""

    max_file_bytes: int = 200 * MB
    max_unzipped_bytes: int = 200 * MB
    max_zip_entries: int = 10_000
    max_cells: int = 5_000_000


DEFAULT_LIMITS = Limits()

SUPPORTED_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
