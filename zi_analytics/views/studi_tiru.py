"""Studi tiru: a unit's gaps toward its next predicate, costliest first; for each, the peers best at it (same
Kanwil first, holders marked); and each peer's evidence in that area: completed activities, innovations,
survey strengths. Pure over `build_summary` entries and the tidy frames; no person's name is ever taken."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from .. import formatting as fmt
from ..messages import IKM_UNSUR_LABELS
from ..metrics import current_action_plan, of_unit
from ..rules import AREA_LABELS, peer_learning, survey_rules
from ..rules.regulation import Regulation
from .innovations import innovation_list

SURVEY_GAP_LABELS = {"ipak": "Survei persepsi anti korupsi (SPAK/IPAK)", "ipkp": "Survei persepsi kualitas pelayanan (SPKP/IPKP)"}


@dataclass(frozen=True)
class Gap:
    id: str  # "area:pelayanan_publik", "ipak", "ipkp", "ikm:U5", "complaints"
    label: str
    area: str  # the change area whose practice closes it
    value: float | None
    minimum: float | None
    points: float | None  # what closing it adds toward the predicate; None when it counts only indirectly
    scale: str  # "pct" (0–100), "index" (1–4), "nrr" (1–4)


def next_predicate(held: str | None) -> str:
    """WBK first; a unit that holds WBK works toward WBBM."""
    return "wbbm" if held and held.startswith(("WBK", "WBBM")) else "wbk"


def _grade_floor(grade: str) -> float:
    """The NRR (1–4) at which an IKM unsur reaches `grade`."""
    rules = survey_rules()
    return next(g.min_index for g in rules.ikm_grades if g.grade == grade) / rules.ikm_factor


def gaps(unit: dict[str, Any], predicate: str) -> list[Gap]:
    """Everything the unit falls short on: areas and SPAK/SPKP under the predicate's minimum (worth points), the
    weakest IKM unsur under grade B and complaint handling under the rule (worth nothing directly, so last)."""
    rules = peer_learning()
    readiness = unit["readiness"]
    found: list[Gap] = []
    for check in readiness[predicate]["checks"]:
        if check["pass"] or check["value"] is None:
            continue
        if check["id"].startswith("area:"):
            area = check["id"].split(":", 1)[1]
            worth = check["gap"] / 100 * readiness["areas"][area]["max"]
            found.append(Gap(check["id"], f"Area {AREA_LABELS[area]}", area, check["value"], check["minimum"], worth, "pct"))
        elif check["id"] in SURVEY_GAP_LABELS:
            survey = unit["surveys"][check["id"]]
            floor = check["minimum"] / check["value"] * survey["index_4"] if survey and check["value"] else None
            found.append(Gap(check["id"], SURVEY_GAP_LABELS[check["id"]], rules.gap_areas[check["id"]],
                             survey["index_4"] if survey else None, floor, check["gap"], "index"))
    ikm = readiness.get("ikm")
    if ikm and ikm.get("weakest_unsur"):
        weakest = ikm["weakest_unsur"]
        floor = _grade_floor(rules.ikm_unsur_grade_min)
        nrr = ikm["unsur"][weakest]["nrr"]
        if nrr < floor:
            found.append(Gap(f"ikm:{weakest}", f"IKM unsur {weakest} – {IKM_UNSUR_LABELS.get(weakest, weakest)} (terlemah)",
                             rules.gap_areas["ikm"], nrr, floor, None, "nrr"))
    complaints = readiness.get("complaints")
    if complaints and complaints.get("resolved_pct") is not None and complaints["resolved_pct"] < rules.complaints_resolved_min:
        found.append(Gap("complaints", "Penyelesaian pengaduan", rules.gap_areas["complaints"], complaints["resolved_pct"],
                         rules.complaints_resolved_min, None, "pct"))
    shortfall = {g.id: (g.minimum - g.value) / (g.minimum or 1) if g.value is not None and g.minimum else 0 for g in found}
    found.sort(key=lambda g: (g.points is None, -(g.points or 0), -shortfall[g.id]))
    return found[:rules.gaps_shown]


def measure(unit: dict[str, Any], gap: Gap) -> float | None:
    """The figure a peer is ranked on for this gap: the same one the gap is measured in."""
    readiness = unit["readiness"]
    if gap.id.startswith("area:"):
        return readiness["areas"][gap.area]["pct"]
    if gap.id in SURVEY_GAP_LABELS:
        survey = unit["surveys"][gap.id]
        return survey["index_4"] if survey else None
    if gap.id.startswith("ikm:"):
        ikm = readiness.get("ikm")
        return ikm["unsur"][gap.id.split(":", 1)[1]]["nrr"] if ikm else None
    complaints = readiness.get("complaints")
    return complaints.get("resolved_pct") if complaints else None


def peers(gap: Gap, me: dict[str, Any], units: list[dict[str, Any]], kanwil_of: dict[str, str | None],
          held: dict[str, str], limit: int | None = None) -> pd.DataFrame:
    """The units better than `me` at this gap: those of its own Kanwil first, then any other the user may see;
    within each, the best first."""
    mine = measure(me, gap)
    home = kanwil_of.get(me["key"])
    rows = []
    for unit in units:
        value = measure(unit, gap)
        if unit["key"] == me["key"] or value is None or (mine is not None and value <= mine):
            continue
        same = home is not None and kanwil_of.get(unit["key"]) == home
        rows.append({"key": unit["key"], "unit": unit["unit"], "kanwil": kanwil_of.get(unit["key"]) or "",
                     "value": value, "same_kanwil": same, "held": held.get(unit["key"], "")})
    table = pd.DataFrame(rows, columns=["key", "unit", "kanwil", "value", "same_kanwil", "held"])
    table = table.sort_values(["same_kanwil", "value"], ascending=[False, False]).reset_index(drop=True)
    return table.head(limit if limit is not None else peer_learning().peers_per_gap)


@dataclass(frozen=True)
class Evidence:
    activities: pd.DataFrame  # activity, evidence: completed activities of the peer in the gap's area
    innovations: pd.DataFrame  # name, status_label, launched, evidence
    strengths: list[str]  # survey figures the peer is strong in, as sentences


def completed_activities(plan: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Each unit's finished activities of its current plan: unit, area, title and evidence link, never the PIC."""
    current = current_action_plan(plan, as_of)
    done = current.loc[current["progress"].astype(float) >= 100] if len(current) else current
    return pd.DataFrame({"unit_key": done["unit_key"] if len(done) else [], "area": done["area"] if len(done) else [],
                         "activity": done["activity"] if len(done) else [],
                         "evidence": done["evidence"].fillna("") if len(done) else []}).reset_index(drop=True)


def evidence(peer: dict[str, Any], gap: Gap, completed: pd.DataFrame, innovations: pd.DataFrame) -> Evidence:
    """What a visiting unit can ask to see in the gap's area: the peer's finished activities (`completed_activities`)
    and its innovations; titles and evidence links only, never who carried them out."""
    done = completed.loc[(completed["unit_key"] == peer["key"]) & (completed["area"] == gap.area), ["activity", "evidence"]]
    listed = innovation_list(of_unit(innovations, peer["key"]))
    found = listed.loc[listed["area"] == gap.area, ["name", "status_label", "launched", "evidence"]].reset_index(drop=True)
    return Evidence(done.reset_index(drop=True), found, strengths(peer))


def strengths(peer: dict[str, Any]) -> list[str]:
    """The peer's survey figures worth asking about: its SPAK/SPKP indices and its strongest IKM unsur."""
    lines = []
    for survey, label in (("ipak", "IPAK"), ("ipkp", "IPKP")):
        found = peer["surveys"][survey]
        if found:
            lines.append(f"{label} {fmt.number(found['index_4'], 2)} dari {found['respondents']} responden")
    ikm = peer["readiness"].get("ikm")
    if ikm and ikm.get("unsur"):
        best = max(ikm["unsur"], key=lambda key: ikm["unsur"][key]["nrr"])
        lines.append(f"IKM {fmt.number(ikm['index'], 2)}; unsur terkuat {best} – {IKM_UNSUR_LABELS.get(best, best)} "
                     f"(NRR {fmt.number(ikm['unsur'][best]['nrr'], 2)})")
    return lines


def plan_rows(me: dict[str, Any], found: list[Gap], units: list[dict[str, Any]], kanwil_of: dict[str, str | None],
              held: dict[str, str], completed: pd.DataFrame, innovations: pd.DataFrame) -> list[dict[str, Any]]:
    """The brief's content: per gap, the first peer to visit, what to ask, the evidence to request, both figures."""
    rows = []
    for gap in found:
        best = peers(gap, me, units, kanwil_of, held, limit=1)
        if best.empty:
            rows.append({"gap": gap, "peer": None})
            continue
        peer = next(u for u in units if u["key"] == best["key"].iloc[0])
        rows.append({"gap": gap, "peer": best.iloc[0].to_dict(), "ours": measure(me, gap), "theirs": measure(peer, gap),
                     "evidence": evidence(peer, gap, completed, innovations)})
    return rows


def learning_matrix(units: list[dict[str, Any]], top: int = 2) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Unit × area: each area's figure (% of its maximum), and a same-shaped mask of the `top` strongest units
    of each area: whom the Kanwil sends others to."""
    matrix = pd.DataFrame({AREA_LABELS[a]: [u["readiness"]["areas"][a]["pct"] for u in units] for a in AREA_LABELS},
                          index=[u["unit"] for u in units])
    strongest = matrix.rank(ascending=False, method="first") <= top
    return matrix, strongest


def suggested_pairs(units: list[dict[str, Any]], kanwil_of: dict[str, str | None], regulation: Regulation,
                    predicate: str = "wbk") -> pd.DataFrame:
    """For each unit under the area minimum, the unit of its own Kanwil strongest in that area (a predicate holder
    or not): the coaching plan's pairs, the widest gap first."""
    minimum = regulation.area_minimum(predicate)
    rows = []
    for area, label in AREA_LABELS.items():
        for learner in units:
            pct = learner["readiness"]["areas"][area]["pct"]
            if minimum is None or pct is None or pct >= minimum:
                continue
            home = kanwil_of.get(learner["key"])
            hosts = [u for u in units if u["key"] != learner["key"] and kanwil_of.get(u["key"]) == home
                     and (u["readiness"]["areas"][area]["pct"] or 0) >= minimum]
            if not hosts:
                continue
            host = max(hosts, key=lambda u: u["readiness"]["areas"][area]["pct"])
            rows.append({"area": area, "area_label": label, "learner": learner["unit"], "learner_pct": pct,
                         "host": host["unit"], "host_pct": host["readiness"]["areas"][area]["pct"], "gap": minimum - pct})
    table = pd.DataFrame(rows, columns=["area", "area_label", "learner", "learner_pct", "host", "host_pct", "gap"])
    return table.sort_values("gap", ascending=False).reset_index(drop=True)


def times_host(visits: pd.DataFrame, unit_key: str, year: int) -> int:
    """How often the unit was visited to be learnt from in `year` ('menjadi rujukan 3 kali tahun ini')."""
    if visits.empty:
        return 0
    days = pd.to_datetime(visits["visit_date"])
    return int(((visits["host_key"] == unit_key) & (days.dt.year == year)).sum())


def area_change(areas: list[str], then: dict[str, float | None], now: dict[str, float | None]) -> str:
    """'Penguatan Pengawasan 56,7% → 61,2% (+4,5)' for each area learnt about: whether it moved since the visit."""
    parts = []
    for area in areas:
        before, after = then.get(area), now.get(area)
        if before is None or after is None:
            parts.append(f"{AREA_LABELS[area]}: belum ada data")
            continue
        change = after - before
        sign = "+" if change >= 0 else "−"
        parts.append(f"{AREA_LABELS[area]} {fmt.percent(before)} → {fmt.percent(after)} ({sign}{fmt.number(abs(change), 1)})")
    return "; ".join(parts)


def visit_table(visits: pd.DataFrame, unit_key: str, names: dict[str, str],
                change: dict[int, str]) -> pd.DataFrame:
    """The unit's visits as the page lists them: date, made or received, the other unit, areas, what is adopted,
    and (for a visit it made) how the areas moved since (`change`, by visit id)."""
    rows = []
    for visit in visits.itertuples():
        made = visit.visitor_key == unit_key
        other = visit.host_key if made else visit.visitor_key
        rows.append({"Tanggal": fmt.short_date(visit.visit_date), "Kunjungan": "ke" if made else "dari",
                     "Unit": names.get(other, other), "Area": ", ".join(AREA_LABELS[a] for a in visit.areas),
                     "Yang diadopsi": visit.adopted or "–", "Perubahan sejak kunjungan": change.get(visit.id, "–") if made else "–"})
    return pd.DataFrame(rows, columns=["Tanggal", "Kunjungan", "Unit", "Area", "Yang diadopsi", "Perubahan sejak kunjungan"])
