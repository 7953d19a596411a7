"""What a unit may learn about the other units of its Kanwil in server mode, where it otherwise sees only itself.

A deliberately narrow set, so that a Lapas can choose whom to visit without reading its neighbour's files: each
peer's area figures (with their basis) and the predicate it holds, the titles of its finished activities, and its
innovations by name, area, status and launch. Never a person's name, a complaint, a survey figure or answer, an
evidence link or a description: free text and links can reach people. The admin turns sharing off per Kanwil
(`Settings.sharing_off`). The peers' data is read here, with personal columns masked, and only these facts leave.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from .kinds.registry import FRAME_COLUMNS
from .settings import Settings, uploaded_predicates
from .store import Principal, Workspace
from .summary import build_summary
from .views.studi_tiru import completed_activities

AREA_FIELDS = ("score", "max", "pct")  # of each area: what Perbandingan shows of every unit
UNIT_FIELDS = ("key", "unit", "kanwil", "held", "basis", "shared", "readiness", "surveys")
INNOVATION_FIELDS = ("unit_key", "name", "area", "status", "launched", "launched_year")
COMPLETED_FIELDS = ("unit_key", "area", "activity")


@dataclass(frozen=True)
class SharedPeers:
    """The peers' facts, shaped like the user's own so the Studi Tiru views take both: `units` like
    `build_summary` entries (area figures only, `shared` set), `completed` like `completed_activities` (no
    evidence link), `innovations` like the innovations table (no PIC, description or link)."""
    units: list[dict[str, Any]] = field(default_factory=list)
    completed: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=[*COMPLETED_FIELDS, "evidence"]))
    innovations: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FRAME_COLUMNS["innovations"]))

    @property
    def held(self) -> dict[str, str]:
        return {unit["key"]: unit["held"] for unit in self.units if unit["held"]}

    @property
    def kanwil_of(self) -> dict[str, str | None]:
        return {unit["key"]: unit["kanwil"] for unit in self.units}


def home_kanwil(ws: Workspace, principal: Principal) -> str | None:
    roster = ws.units(principal)
    mine = roster.loc[roster["key"] == principal.unit_key, "kanwil"]
    return mine.iloc[0] if len(mine) else None


def shared_peers(ws: Workspace, principal: Principal, settings: Settings, as_of: date) -> SharedPeers:
    """The narrow facts of the principal's peers; nothing for a Kanwil or admin user (who sees them whole) or
    when the admin turned sharing off for the Kanwil."""
    kanwil = home_kanwil(ws, principal) if principal.role in ("operator", "pimpinan") else None
    if not settings.shares(kanwil):
        return SharedPeers()
    dataset = ws.peer_dataset(principal)
    if not dataset.unit_keys:
        return SharedPeers()
    peer_settings = settings.with_records(uploaded_predicates(dataset.frames["predicates"]))
    summary = build_summary(dataset, as_of, options=peer_settings.options)
    held = peer_settings.held()
    units = [narrow(entry, kanwil, held.get(entry["key"], "")) for entry in summary["units"]]
    completed = completed_activities(dataset.frames["action_plan"], as_of)
    innovations = dataset.frames["innovations"]
    return SharedPeers(units, completed[list(COMPLETED_FIELDS)].assign(evidence=""), blank_except(innovations, INNOVATION_FIELDS))


def narrow(entry: dict[str, Any], kanwil: str | None, held: str) -> dict[str, Any]:
    """A peer's summary entry cut down to its area figures: no survey, complaint or activity detail survives."""
    readiness = entry["readiness"]
    areas = {area: {name: figures[name] for name in AREA_FIELDS} for area, figures in readiness["areas"].items()}
    return {"key": entry["key"], "unit": entry["unit"], "kanwil": kanwil, "held": held, "basis": readiness["basis"],
            "shared": True, "readiness": {"areas": areas}, "surveys": {"ipak": None, "ipkp": None}}


def blank_except(frame: pd.DataFrame, keep: tuple[str, ...]) -> pd.DataFrame:
    """The frame with every column outside `keep` emptied, so code reading the table's usual columns still runs."""
    return frame.assign(**{column: None for column in frame.columns if column not in keep})


@dataclass(frozen=True)
class Network:
    """Every unit a Studi Tiru page may rank and learn from: those the user sees whole and the peers shared with
    it, with their Kanwil and the predicate each holds; of the shared peers, their finished activities and
    innovations too (those of the units the user sees are read when needed, `evidence_frames`)."""
    units: list[dict[str, Any]]
    kanwil_of: dict[str, str | None]
    held: dict[str, str]
    shared: SharedPeers

    @property
    def names(self) -> dict[str, str]:
        return {unit["key"]: unit["unit"] for unit in self.units}


def network(units: list[dict[str, Any]], kanwil_of: dict[str, str | None], shared: SharedPeers) -> Network:
    """The user's own units (comparison entries, `held` in each) joined with the shared peers."""
    seen = {unit["key"] for unit in units}
    extra = [unit for unit in shared.units if unit["key"] not in seen]
    keys = [unit["key"] for unit in extra]
    only = SharedPeers(extra, shared.completed.loc[shared.completed["unit_key"].isin(keys)],
                       shared.innovations.loc[shared.innovations["unit_key"].isin(keys)])
    held = {unit["key"]: unit["held"] for unit in units if unit.get("held")}
    return Network([*units, *extra], {**shared.kanwil_of, **kanwil_of}, {**shared.held, **held}, only)


def evidence_frames(net: Network, frames: dict[str, pd.DataFrame], as_of: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Finished activities and innovations of the units whose `frames` the user read, and of the shared peers."""
    completed = [completed_activities(frames["action_plan"], as_of), net.shared.completed]
    innovations = [frames["innovations"], net.shared.innovations]
    return (pd.concat([c for c in completed if len(c)] or completed[:1], ignore_index=True),
            pd.concat([i for i in innovations if len(i)] or innovations[:1], ignore_index=True))
