"""The `summarize` report: the JSON contract other tools read, and the same as Indonesian text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import formatting as fmt
from .dataset import Dataset
from .messages import KIND_LABELS
from .metrics import unit_summary
from .readiness import unit_readiness
from .rules import AREA_LABELS, vocabulary
from .rules.regulation import Regulation, load_regulation

SURVEY_TITLES = {"ikm": "IKM", "ipak": "IPAK (SPAK)", "ipkp": "IPKP (SPKP)"}
STALE_AFTER_DAYS = 45  # data whose own day is older than this shows as stale, and its overdue work is judged then


@dataclass(frozen=True)
class ReadinessOptions:
    """What the user tells the readiness engine that is not in the files."""

    regulation: Regulation | None = None
    capaian_kinerja: float | None = None
    population: int | None = None
    preconditions: dict[str, bool] = field(default_factory=dict)
    stale_after_days: int | None = STALE_AFTER_DAYS


def build_summary(dataset: Dataset, as_of: date, unit_keys: list[str] | None = None,
                  options: ReadinessOptions | Callable[[str], ReadinessOptions] = ReadinessOptions()) -> dict[str, Any]:
    """`options` is one set for every unit, or a function giving each unit its own (the app's settings)."""
    keys = unit_keys if unit_keys is not None else dataset.unit_keys
    units = []
    for key in keys:
        chosen = options(key) if callable(options) else options
        regulation = chosen.regulation or load_regulation()
        entry = {"unit": dataset.registry.display(key), "key": key}
        frames = dataset.unit_frames(key)
        figures = unit_summary(frames, key, as_of, chosen.stale_after_days)
        entry.update(figures)
        readiness = unit_readiness(frames, key, as_of, regulation, chosen.capaian_kinerja, chosen.population,
                                   chosen.preconditions, figures)
        entry["readiness"] = readiness.to_json(regulation)
        units.append(entry)
    files = [result.to_json() for result in dataset.files]
    if unit_keys is not None:
        wanted = set(unit_keys)
        files = [f for f in files if wanted & set(f["units"]) or f["errors"]]
    return {"files": files, "units": units}


def render_text(summary: dict[str, Any], as_of: date) -> str:
    lines = [f"Ringkasan data ZI per {fmt.long_date(as_of)}", ""]
    lines.append(f"File ({len(summary['files'])}):")
    for item in summary["files"]:
        lines.extend(file_lines(item))
    lines.append("")
    channel_labels = {c.key: c.label for c in vocabulary().channels}
    for unit in summary["units"]:
        lines.append(f"{unit['unit']} ({unit['key']})")
        plan = unit["action_plan"]
        if plan:
            lines.append(f"  Rencana aksi: {plan['activities']} kegiatan, rata-rata progres {fmt.percent(plan['completion_pct'])}, "
                         f"{plan['overdue']} lewat tenggat")
            for key, value in plan["areas"].items():
                lines.append(f"    - {AREA_LABELS[key]}: {fmt.percent(value)}")
        else:
            lines.append("  Rencana aksi: belum ada data")
        for key, title in SURVEY_TITLES.items():
            survey = unit["surveys"][key]
            if survey is None:
                lines.append(f"  {title}: belum ada data")
            elif key == "ikm":
                lines.append(f"  {title}: {fmt.number(survey['index'], 2)} (mutu {survey['grade']}), {survey['respondents']} responden")
            else:
                lines.append(f"  {title}: rerata {fmt.number(survey['mean'], 2)} dari skala 1–{survey['scale_max']} "
                             f"(setara {fmt.number(survey['index_4'], 2)} pada skala 4), {survey['respondents']} responden")
        complaints = unit["complaints"]
        if complaints:
            channels = ", ".join(f"{channel_labels.get(k, k)} {v}" for k, v in complaints["per_channel"].items())
            lines.append(f"  Pengaduan: {complaints['total']} masuk, {complaints['resolved']} selesai "
                         f"({fmt.percent(complaints['resolved_pct'])}), median {fmt.number(complaints['median_days_to_resolve'])} hari; {channels}")
        else:
            lines.append("  Pengaduan: belum ada data")
        lines.extend(_readiness_lines(unit["readiness"]))
        lines.append("")
    return "\n".join(lines)


def file_lines(item: dict[str, Any], state: str | None = None) -> list[str]:
    """One file's report as text: the verdict, the counts, errors and the first warnings."""
    state = state or ("GAGAL" if item["errors"] else "OK")
    kind = KIND_LABELS.get(item["kind"], item["kind"])
    lines = [f"  [{state}] {item['path']} — {kind}; {fmt.number(item['rows'], 0)} baris diterima, "
             f"{fmt.number(item['rejected_rows'], 0)} ditolak"]
    lines.extend(f"      ! {e}" for e in item["errors"])
    lines.extend(f"      - {w}" for w in item["warnings"][:8])
    if len(item["warnings"]) > 8:
        lines.append(f"      - … dan {len(item['warnings']) - 8} catatan lain")
    return lines


def _readiness_lines(readiness: dict[str, Any]) -> list[str]:
    basis = "LKE" if readiness["basis"] == "lke" else "perkiraan"
    lines = [f"  Kesiapan ({basis}, PermenPANRB {readiness['regulation']}): total {fmt.number(readiness['total'], 2)}, "
             f"pengungkit {fmt.number(readiness['pengungkit'], 2)}, hasil {fmt.number(readiness['hasil'], 2)}"]
    for predicate in ("wbk", "wbbm"):
        verdict = readiness[predicate]
        failing = [c["label"] for c in verdict["checks"] if not c["pass"]]
        state = "SIAP" if verdict["ready"] else "belum siap; belum memenuhi: " + "; ".join(failing)
        lines.append(f"    {predicate.upper()}: {state}")
    lines.append(f"    Batas pengusulan {fmt.long_date(date.fromisoformat(readiness['deadline']))}: "
                 f"{readiness['days_to_deadline']} hari lagi")
    return lines
