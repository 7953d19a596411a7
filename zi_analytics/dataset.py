"""Many FileResults combined into one set of tidy tables, the input of every metric."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from .ingest import FileResult
from .kinds.common import empty_frame, problems_frame
from .kinds.registry import FRAME_COLUMNS, MAIN_FRAME
from .normalize.units import UnitRegistry

UNIT_ATTR = "unit_key"  # in DataFrame.attrs: every row of this frame is of this unit


@dataclass
class Dataset:
    frames: dict[str, pd.DataFrame]
    problems: pd.DataFrame
    registry: UnitRegistry
    files: list[FileResult] = field(default_factory=list)

    _by_unit: dict[str, dict[str, pd.DataFrame]] | None = field(default=None, init=False, repr=False, compare=False)
    _unit_keys: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    def frame(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    @property
    def unit_keys(self) -> list[str]:
        if self._unit_keys is None:
            keys: set[str] = set()
            for name in MAIN_FRAME.values():
                keys.update(self.frames[name]["unit_key"].dropna().unique())
            self._unit_keys = sorted(keys, key=self.registry.display)
        return self._unit_keys

    def unit_frames(self, key: str) -> dict[str, pd.DataFrame]:
        """One unit's rows of every table, split once for all units (one pass, not one scan per unit)."""
        if self._by_unit is None:
            split: dict[str, dict[str, pd.DataFrame]] = {}
            for name, frame in self.frames.items():
                if "unit_key" not in frame.columns:
                    continue
                for unit, positions in frame.groupby("unit_key", sort=False, dropna=True).indices.items():
                    part = frame.take(positions).reset_index(drop=True)
                    part.attrs[UNIT_ATTR] = unit  # `metrics.of_unit` then need not compare every row's key
                    split.setdefault(unit, {})[name] = part
            self._by_unit = split
        found = self._by_unit.get(key, {})
        return {name: (found[name] if name in found else frame.iloc[0:0]) if "unit_key" in frame.columns
                else frame  # tables without units stay whole
                for name, frame in self.frames.items()}


def combine(results: Iterable[FileResult], registry: UnitRegistry) -> Dataset:
    results = list(results)
    frames = {}
    for name, columns in FRAME_COLUMNS.items():
        parts = [r.frame(name) for r in results if len(r.frame(name))]
        frames[name] = pd.concat(parts, ignore_index=True) if parts else empty_frame(columns)
    problem_parts = [r.problems for r in results if len(r.problems)]
    problems = pd.concat(problem_parts, ignore_index=True) if problem_parts else problems_frame([])
    return Dataset(frames, problems, registry, results)
