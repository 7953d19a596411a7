"""Many FileResults combined into one set of tidy tables, the input of every metric."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from .ingest import FRAME_COLUMNS, FileResult
from .kinds.common import problems_frame
from .normalize.units import UnitRegistry


@dataclass
class Dataset:
    frames: dict[str, pd.DataFrame]
    problems: pd.DataFrame
    registry: UnitRegistry
    files: list[FileResult] = field(default_factory=list)

    def frame(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    @property
    def unit_keys(self) -> list[str]:
        keys: set[str] = set()
        for name in ("action_plan", "survey_responses", "complaints", "lke"):
            keys.update(self.frames[name]["unit_key"].dropna().unique())
        return sorted(keys, key=self.registry.display)


def combine(results: Iterable[FileResult], registry: UnitRegistry) -> Dataset:
    results = list(results)
    frames = {}
    for name, columns in FRAME_COLUMNS.items():
        parts = [r.frame(name) for r in results if len(r.frame(name))]
        frames[name] = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    problem_parts = [r.problems for r in results if len(r.problems)]
    problems = pd.concat(problem_parts, ignore_index=True) if problem_parts else problems_frame([])
    return Dataset(frames, problems, registry, results)
