"""How a figure was obtained: formula in words and the inputs it used, so the app can show the trail."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Trace:
    figure: str
    value: float | None
    formula: str
    inputs: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
