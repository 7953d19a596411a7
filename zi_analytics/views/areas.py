"""Area Perubahan: progress per area against its minimum, the activities with a status, overdue work,
PIC workload, progress over time, and the LKE tree with its open questions."""

from __future__ import annotations

from datetime import date

import pandas as pd

from .. import formatting as fmt
from ..readiness.forecast import area_history
from ..rules import AREA_KEYS, AREA_LABELS
from ..rules.regulation import Regulation

STATUS_LABELS = {"done": "Selesai", "running": "Berjalan", "not_started": "Belum mulai", "overdue": "Lewat tenggat"}
STATUS_ORDER = ("overdue", "not_started", "running", "done")


def activities(plan: pd.DataFrame, judged: date) -> pd.DataFrame:
    """One unit's current activities with a status and days overdue, judged on the day `metrics.judged_on` gives
    (the position date, or the plan's own day when the plan is old)."""
    progress = plan["progress"].astype(float)
    target = pd.to_datetime(plan["target_date"], errors="coerce")
    late_days = (pd.Timestamp(judged) - target).dt.days
    overdue = (late_days > 0) & (progress < 100)
    status = pd.Series("running", index=plan.index)
    status[progress <= 0] = "not_started"
    status[progress >= 100] = "done"
    status[overdue] = "overdue"
    return pd.DataFrame({
        "area": plan["area"], "area_label": plan["area"].map(AREA_LABELS).fillna("–"),
        "activity": plan["activity"], "output": plan["output"], "pic": plan["pic"].fillna("").replace("", "–"),
        "target_date": target.dt.date, "progress": progress, "status": status,
        "days_overdue": late_days.where(overdue).astype("Int64"), "evidence": plan["evidence"].fillna(""),
        "row": plan["row"], "sheet": plan["sheet"],
    }).reset_index(drop=True)


def area_table(table: pd.DataFrame, regulation: Regulation) -> pd.DataFrame:
    """Per area: mean progress, the WBK and WBBM minimum, activities, done and overdue (all six areas)."""
    minimum = {p: regulation.area_minimum(p) for p in ("wbk", "wbbm")}
    rows = []
    for key in AREA_KEYS:
        part = table.loc[table["area"] == key]
        pct = float(part["progress"].mean()) if len(part) else None
        rows.append({"area": key, "area_label": AREA_LABELS[key], "pct": pct, "wbk_min": minimum["wbk"], "wbbm_min": minimum["wbbm"],
                     "activities": len(part), "done": int((part["status"] == "done").sum()),
                     "overdue": int((part["status"] == "overdue").sum()),
                     "meets_wbk": pct is not None and minimum["wbk"] is not None and pct >= minimum["wbk"]})
    return pd.DataFrame(rows)


def pic_workload(table: pd.DataFrame) -> pd.DataFrame:
    """Who carries how much: unfinished and overdue activities per PIC, heaviest first."""
    if table.empty:
        return pd.DataFrame(columns=["pic", "activities", "unfinished", "overdue", "mean_progress"])
    grouped = table.groupby("pic")
    out = pd.DataFrame({
        "activities": grouped.size(),
        "unfinished": grouped["status"].apply(lambda s: int((s != "done").sum())),
        "overdue": grouped["status"].apply(lambda s: int((s == "overdue").sum())),
        "mean_progress": grouped["progress"].mean(),
    }).reset_index()
    return out.sort_values(["overdue", "unfinished", "pic"], ascending=[False, False, True]).reset_index(drop=True)


def progress_history(plan_all: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Per snapshot date: each area's mean progress and the unit's overall mean."""
    history = area_history(plan_all, as_of)
    if history.empty:
        return history.assign(area_label=pd.Series(dtype=str))
    snap = pd.to_datetime(plan_all["snapshot_date"], errors="coerce")
    dated = plan_all.loc[snap.notna() & (snap <= pd.Timestamp(as_of))]
    overall = dated.groupby(pd.to_datetime(dated["snapshot_date"]))["progress"].mean().reset_index()
    overall.columns = ["snapshot_date", "pct"]
    overall["area"] = "overall"
    history = pd.concat([history, overall], ignore_index=True)
    history["area_label"] = history["area"].map({**AREA_LABELS, "overall": "Rata-rata unit"})
    return history.sort_values(["snapshot_date", "area"]).reset_index(drop=True)


def trend_lines(history: pd.DataFrame, regulation: Regulation, most: int = 3) -> list[str]:
    """The lines a trend slide can carry from the back of a room: the unit's mean and the areas furthest below
    the WBK minimum at the latest snapshot (the ones the meeting must talk about), at most `most` in all."""
    if history.empty:
        return []
    latest = history.loc[history["snapshot_date"] == history["snapshot_date"].max()]
    areas = latest.loc[latest["area"] != "overall"].sort_values(["pct", "area"])
    minimum = regulation.area_minimum("wbk")
    behind = areas.loc[areas["pct"] < minimum] if minimum is not None else areas.iloc[0:0]
    chosen = list((behind if len(behind) else areas)["area"])[: most - 1]
    return ["overall", *chosen]


DIFFERENCE_LEVELS = {"pertanyaan": "Pertanyaan", "sub-indikator": "Sub-indikator", "bagian": "Bagian", "area": "Area",
                     "hasil": "Hasil"}


def lke_differences(differences: list[dict]) -> pd.DataFrame:
    """Where the sheet's own Nilai differs from the value computed from its answers, with the likely cause."""
    return pd.DataFrame({
        "Baris": [d["row"] for d in differences],
        "Tingkat": [DIFFERENCE_LEVELS.get(d["level"], d["level"]) for d in differences],
        "Uraian": [d["label"] for d in differences],
        "Nilai di file": [fmt.number(d["sheet"], 2) for d in differences],
        "Dihitung dari jawaban": [fmt.number(d["computed"], 2) for d in differences],
        "Kemungkinan sebab": [d.get("cause", "") for d in differences],
    })


def lke_tree(questions: pd.DataFrame) -> pd.DataFrame:
    """The scored LKE questions with their place in the tree (for a treemap and the open-questions list)."""
    if questions.empty:
        return questions
    out = questions.copy()
    out["area_label"] = out["area"].map(AREA_LABELS).fillna("–")
    out["section_label"] = out["section"].map({"pemenuhan": "Pemenuhan", "reform": "Reform"}).fillna("Hasil")
    out["value"] = pd.to_numeric(out["value"], errors="coerce")
    out["open"] = (out["issue"] == "tanpa jawaban") | (out["evidence"].fillna("") == "")
    return out
