"""Perbandingan (Kanwil): units ranked by readiness, unit × area heatmap, SPAK vs SPKP, the readiness
funnel, and units whose data is missing or stale."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from ..messages import KIND_LABELS
from ..rules import AREA_KEYS, AREA_LABELS
from ..rules.regulation import Regulation

DATA_KINDS = ("action_plan", "survey", "complaints")


def comparable(units: list[dict[str, Any]], sample_keys: set[str]) -> tuple[list[dict[str, Any]], int]:
    """The units to rank, and how many sample units were left out: the bundled sample units leave every ranking
    once the workspace holds a real unit, and stay (marked) while they are all there is."""
    real = [u for u in units if u["key"] not in sample_keys]
    return (real, len(units) - len(real)) if real else (units, 0)


def league_table(units: list[dict[str, Any]], sample_keys: set[str] = frozenset(),
                 held: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per unit from `build_summary`, most ready first: readiness, total, failing checks, key figures,
    and the predicate it already holds (`held`: unit key -> 'WBK 2023')."""
    held = held or {}
    rows = []
    for unit in units:
        ready = unit["readiness"]
        plan, surveys = unit["action_plan"], unit["surveys"]
        wbk, wbbm = ready["wbk"]["ready"], ready["wbbm"]["ready"]
        rows.append({
            "key": unit["key"], "unit": unit["unit"], "status": "wbbm" if wbbm else "wbk" if wbk else "none",
            "total": ready["total"], "pengungkit": ready["pengungkit"], "hasil": ready["hasil"],
            "wbk_failing": sum(not c["pass"] for c in ready["wbk"]["checks"]),
            "progress": plan["completion_pct"] if plan else None, "overdue": plan["overdue"] if plan else None,
            "ikm": surveys["ikm"]["index"] if surveys["ikm"] else None,
            "ipak": surveys["ipak"]["index_4"] if surveys["ipak"] else None,
            "ipkp": surveys["ipkp"]["index_4"] if surveys["ipkp"] else None,
            "complaints_resolved": unit["complaints"]["resolved_pct"] if unit["complaints"] else None,
            "basis": ready["basis"], "sample": unit["key"] in sample_keys, "held": held.get(unit["key"], ""),
        })
    table = pd.DataFrame(rows, columns=["key", "unit", "status", "total", "pengungkit", "hasil", "wbk_failing", "progress",
                                        "overdue", "ikm", "ipak", "ipkp", "complaints_resolved", "basis", "sample", "held"])
    rank = table["status"].map({"wbbm": 0, "wbk": 1, "none": 2})
    table = table.assign(_rank=rank).sort_values(["_rank", "wbk_failing", "total"], ascending=[True, True, False])
    table = table.drop(columns="_rank").reset_index(drop=True)
    table.insert(0, "rank", range(1, len(table) + 1))
    return table


def area_matrix(units: list[dict[str, Any]]) -> pd.DataFrame:
    """Unit × area: each area's score as % of its maximum (the figure the area minimum is judged on)."""
    data = {AREA_LABELS[key]: [u["readiness"]["areas"][key]["pct"] for u in units] for key in AREA_KEYS}
    return pd.DataFrame(data, index=[u["unit"] for u in units])


def survey_points(units: list[dict[str, Any]], regulation: Regulation) -> tuple[pd.DataFrame, dict[str, float]]:
    """SPAK and SPKP index (1–4) per unit, and the index each predicate's minimum needs."""
    rows = [{"unit": u["unit"], "ipak": u["surveys"]["ipak"]["index_4"], "ipkp": u["surveys"]["ipkp"]["index_4"],
             "ready": "Siap WBBM" if u["readiness"]["wbbm"]["ready"] else "Siap WBK" if u["readiness"]["wbk"]["ready"] else "Belum siap"}
            for u in units if u["surveys"]["ipak"] and u["surveys"]["ipkp"]]
    thresholds = {t.id: t for t in regulation.thresholds}
    lines = {}
    for survey in ("ipak", "ipkp"):
        if survey in thresholds:
            for predicate in ("wbk", "wbbm"):
                points = getattr(thresholds[survey], predicate)
                lines[f"{survey}_{predicate}"] = points / getattr(regulation.hasil, survey) * regulation.hasil.survey_index_max
    return pd.DataFrame(rows, columns=["unit", "ipak", "ipkp", "ready"]), lines


def funnel(units: list[dict[str, Any]], registered: int) -> pd.DataFrame:
    """From registered units to WBBM-ready, each stage a subset of the one before."""
    with_data = [u for u in units if u["action_plan"] or u["surveys"]["ikm"] or u["complaints"]]
    complete = [u for u in with_data if u["action_plan"] and u["surveys"]["ipak"] and u["surveys"]["ipkp"]]
    wbk = [u for u in complete if u["readiness"]["wbk"]["ready"]]
    wbbm = [u for u in wbk if u["readiness"]["wbbm"]["ready"]]
    stages = [("Unit terdaftar", max(registered, len(units))), ("Sudah unggah data", len(with_data)),
              ("Data lengkap (rencana aksi, SPAK, SPKP)", len(complete)), ("Siap diusulkan WBK", len(wbk)),
              ("Siap diusulkan WBBM", len(wbbm))]
    return pd.DataFrame(stages, columns=["stage", "units"])


def freshness(registered: pd.DataFrame, versions: pd.DataFrame, as_of: date, stale_after_days: int) -> pd.DataFrame:
    """Per registered unit and data kind: the newest data date, and 'belum unggah' / 'lama' / 'baru'.

    The data date is what the data covers (snapshot date, last response or complaint), else the upload day:
    re-uploading an old register does not make a unit's data fresh."""
    current = versions.loc[~versions["deleted"]] if len(versions) else versions
    dates: dict[tuple[str, str], list[date]] = {}  # one pass over the versions, not one scan per unit and kind
    if len(current):
        for key, kind, end, uploaded in zip(current["unit_key"], current["kind"], current["period_end"], current["uploaded_at"]):
            dates.setdefault((key, kind), []).append(_data_date(end, uploaded))
    rows = []
    now = pd.Timestamp(as_of)
    for key, name in zip(registered["key"], registered["unit"]):
        row: dict[str, Any] = {"key": key, "unit": name}
        worst = "baru"
        for kind in DATA_KINDS:
            if (key, kind) not in dates:
                row[kind], row[f"{kind}_state"] = None, "belum unggah"
                worst = "belum unggah"
                continue
            newest = max(dates[(key, kind)])
            age = (now.date() - newest).days
            state = "lama" if age > stale_after_days else "baru"
            row[kind], row[f"{kind}_state"] = newest, state
            if state == "lama" and worst == "baru":
                worst = "lama"
        row["state"] = worst
        rows.append(row)
    return pd.DataFrame(rows)


def _data_date(period_end: Any, uploaded_at: Any) -> date:
    value = period_end if period_end is not None and not pd.isna(period_end) else uploaded_at
    value = pd.Timestamp(value)
    return value.date()


def freshness_labels() -> dict[str, str]:
    return {kind: KIND_LABELS[kind].capitalize() for kind in DATA_KINDS}
