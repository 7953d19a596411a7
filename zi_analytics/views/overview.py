"""The Ringkasan story of one unit: which predicate is next, what is missing, and what closes the gap fastest.

The actions are what-if runs of the readiness engine on concrete steps a Pokja can take (finish the
activities of an area that are closest to done, raise a survey index to the level its minimum needs,
answer the open LKE questions of an area), ranked by how many failing checks each one closes, then by
points gained.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from .. import formatting as fmt
from ..messages import SURVEY_LABELS, msg
from ..readiness import Readiness, what_if
from ..readiness.checks import PREDICATES
from ..readiness.surveys import index_from_points
from ..rules import AREA_KEYS, AREA_LABELS
from ..rules.regulation import Regulation
from .surveys import perception_table

BEST_ANSWER = {"Y": "Ya", "3": "a", "4": "a", "5": "a", "%": "100%"}


@dataclass(frozen=True)
class Action:
    what: str
    effect: str
    closes: int
    points: float
    predicate: str


def next_predicate(result: Readiness) -> str | None:
    """WBK first; WBBM once WBK is met; None when both are."""
    return next((p for p in PREDICATES if not result.ready(p)), None)


def closing_actions(result: Readiness, regulation: Regulation, plan: pd.DataFrame, limit: int = 3) -> list[Action]:
    """The `limit` steps that close the most failing checks of the next predicate (then gain most points)."""
    predicate = next_predicate(result)
    if predicate is None:
        return []
    candidates: list[tuple[str, dict]] = []
    if result.score.basis == "lke" and result.score.lke is not None:
        candidates.extend(_lke_steps(result.score.lke.questions))
    else:
        candidates.extend(_area_steps(plan, regulation.area_minimum(predicate)))
    candidates.extend(_survey_steps(result, regulation, predicate))
    actions = []
    for what, changes in candidates:
        outcome = what_if(result.inputs, regulation, result.as_of, **changes)
        closes = [f for f in outcome["flipped"] if f["predicate"] == predicate and f["after"]]
        points = outcome["after"].score.total - result.score.total
        if not closes and points <= 1e-9:
            continue
        actions.append(Action(what, _effect(closes, points, predicate), len(closes), points, predicate))
    actions.sort(key=lambda a: (-a.closes, -a.points))
    return actions[:limit]


def _effect(closes: list[dict], points: float, predicate: str) -> str:
    parts = []
    if closes:
        labels = ", ".join(f["label"] for f in closes[:3]) + (" …" if len(closes) > 3 else "")
        parts.append(f"memenuhi {len(closes)} kriteria {predicate.upper()} ({labels})")
    parts.append(f"nilai total +{fmt.number(points, 2)}")
    return "; ".join(parts)


def _area_steps(plan: pd.DataFrame, minimum: float | None) -> list[tuple[str, dict]]:
    """Per area: finish the unfinished activities closest to done, as many as reach the minimum (else 3)."""
    steps = []
    if plan.empty:
        return steps
    for key in AREA_KEYS:
        progress = plan.loc[plan["area"] == key, "progress"].astype(float)
        unfinished = progress.loc[progress < 100].sort_values(ascending=False).tolist()
        if not unfinished:
            continue
        total, count = float(progress.sum()), len(progress)
        current = total / count
        needed = 0
        if minimum is not None and current < minimum:
            while needed < len(unfinished) and (total + sum(100 - p for p in unfinished[:needed])) / count < minimum:
                needed += 1
        else:
            needed = min(3, len(unfinished))
        new = (total + sum(100 - p for p in unfinished[:needed])) / count
        what = (f"Tuntaskan {needed} kegiatan {AREA_LABELS[key]} yang paling dekat selesai "
                f"(progres area {fmt.percent(current)} → {fmt.percent(new)})")
        steps.append((what, {"area_pct": {key: new}}))
    return steps


def _lke_steps(questions: pd.DataFrame) -> list[tuple[str, dict]]:
    """Per area: give every question below full value its best answer, the ceiling of work on that area."""
    steps = []
    if questions.empty:
        return steps
    value = pd.to_numeric(questions["value"], errors="coerce")
    for key in AREA_KEYS:
        rows = questions.loc[(questions["area"] == key) & ~(value >= 1.0) & questions["answer_type"].isin(list(BEST_ANSWER))]
        if rows.empty:
            continue
        unanswered = int((rows["issue"] == "tanpa jawaban").sum())
        answers = {path: BEST_ANSWER[kind] for path, kind in zip(rows["path"], rows["answer_type"])}
        detail = f", {unanswered} di antaranya belum dijawab" if unanswered else ""
        steps.append((f"Lengkapi bukti dan jawaban {len(rows)} pertanyaan LKE {AREA_LABELS[key]}{detail}",
                      {"lke_answers": answers}))
    return steps


def _survey_steps(result: Readiness, regulation: Regulation, predicate: str) -> list[tuple[str, dict]]:
    steps = []
    maxima = {"ipak": regulation.hasil.ipak, "ipkp": regulation.hasil.ipkp}
    for check in result.checks[predicate]:
        if check.id not in maxima or check.passed:
            continue
        needed = min(index_from_points(float(check.minimum), maxima[check.id], regulation), regulation.hasil.survey_index_max)
        now = None if check.value is None else index_from_points(check.value, maxima[check.id], regulation)
        start = "belum ada survei" if now is None else fmt.number(now, 2)
        steps.append((f"Naikkan indeks {SURVEY_LABELS[check.id]} dari {start} ke {fmt.number(needed, 2)} (skala 4) "
                      "lewat perbaikan layanan lalu survei ulang", {f"{check.id}_index": needed}))
    return steps


def missing_inputs(result: Readiness) -> list[str]:
    """What the verdict cannot judge yet because nobody entered it (set on the Pengaturan page)."""
    out = []
    if result.score.capaian_kinerja is None:
        out.append("Nilai capaian kinerja belum diisi.")
    for predicate in PREDICATES:
        for check in result.checks[predicate]:
            if check.id.startswith("precondition:") and check.value is None:
                text = f"Prasyarat belum ditetapkan: {check.label.replace(' — belum ditetapkan', '')}."
                if text not in out:
                    out.append(text)
    return out


def days_left(result: Readiness) -> int:
    return (result.deadline - result.as_of).days


def verdict_line(result: Readiness, predicate: str) -> str:
    failing = [c for c in result.checks[predicate] if not c.passed]
    if not failing:
        return f"{predicate.upper()}: memenuhi semua syarat"
    return f"{predicate.upper()}: belum siap, {len(failing)} dari {len(result.checks[predicate])} kriteria belum terpenuhi"


def change_note(now: float | None, before: float | None, since: date | None) -> str:
    """'▲ 1,25 sejak 31 Okt 2026': how a figure moved since the previous snapshot; empty without one."""
    if now is None or before is None or since is None:
        return ""
    delta = now - before
    arrow = "▲" if delta > 0.005 else "▼" if delta < -0.005 else "="
    return f"{arrow} {fmt.number(abs(delta), 2)} sejak {fmt.short_date(since)}"


def minimum_note(result: Readiness, check_id: str) -> str:
    """'min. WBK 75,00 · WBBM 85,00' for a figure the criteria judge; empty for one they do not."""
    parts = []
    for predicate in PREDICATES:
        check = next((c for c in result.checks[predicate] if c.id == check_id), None)
        if check is not None and isinstance(check.minimum, (int, float)):
            parts.append(f"{predicate.upper()} {fmt.number(check.minimum, 2)}")
    return ("min. " + " · ".join(parts)) if parts else ""


def status_figures(result: Readiness, previous: Readiness | None, since: date | None) -> list[tuple[str, str, str]]:
    """The briefing's first slide: each score with its minimum and its change since the previous snapshot."""
    score, before = result.score, previous.score if previous else None
    rows = []
    for label, key in (("Nilai total", "total"), ("Pengungkit", "pengungkit"), ("Hasil", "hasil")):
        now, then = getattr(score, key), getattr(before, key) if before else None
        note = " · ".join(n for n in (minimum_note(result, key), change_note(now, then, since)) if n)
        rows.append((label, fmt.number(now, 2), note))
    rows.append(("Hari menuju batas usulan", fmt.number(days_left(result), 0), f"batas {fmt.short_date(result.deadline)}"))
    return rows


def previous_snapshot(history: pd.DataFrame) -> date | None:
    """The plan snapshot before the latest one (`areas.progress_history`), for "since last month"."""
    days = sorted(pd.to_datetime(history["snapshot_date"]).dropna().unique()) if len(history) else []
    return pd.Timestamp(days[-2]).date() if len(days) >= 2 else None


def survey_figures(surveys: dict, regulation: Regulation) -> list[tuple[str, str, str]]:
    """The briefing's survey slide: IKM with its grade, SPAK and SPKP on the 1–4 scale with the index each
    predicate's minimum needs; "Belum ada data" where a survey has none."""
    rows = [("IKM", f"{fmt.number(surveys['ikm']['index'], 2)} ({surveys['ikm']['grade']})" if surveys.get("ikm") else "–",
             "" if surveys.get("ikm") else msg("no_data"))]
    table = perception_table(surveys, regulation).set_index("survey")
    for key in ("ipak", "ipkp"):
        row = table.loc[key]
        minima = " · ".join(f"{p.upper()} {fmt.number(row[f'{p}_min_index'], 2)}" for p in PREDICATES
                            if row[f"{p}_min_index"] is not None and not pd.isna(row[f"{p}_min_index"]))
        value = fmt.number(row["index_4"], 2) if surveys.get(key) else "–"
        rows.append((SURVEY_LABELS[key], value, (f"min. {minima}" if minima else "") if surveys.get(key) else
                     msg("no_data") + (f" · min. {minima}" if minima else "")))
    return rows
