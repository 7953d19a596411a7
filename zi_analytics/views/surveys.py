"""Survei: IKM with grade per unsur, SPAK/SPKP against their minimums, trends by period, sample adequacy,
how answers are spread, and respondents' suggestions without contact details."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import formatting as fmt
from ..messages import IKM_UNSUR_LABELS, SURVEY_LABELS, question_label
from ..metrics import among, ikm_summary, perception_summary
from ..privacy import scrub_text
from ..readiness.surveys import index_from_points, index_on_4, survey_points
from ..rules import survey_rules
from ..rules.regulation import Regulation

PERCEPTION = ("ipak", "ipkp")


def periods(responses: pd.DataFrame) -> pd.Series:
    """The period a response belongs to: the file's own period ('2026-Q1', 'Semester I'), else its quarter."""
    stamp = pd.to_datetime(responses["timestamp"], errors="coerce")
    quarter = stamp.dt.year.astype("Int64").astype(str) + "-Q" + stamp.dt.quarter.astype("Int64").astype(str)
    own = responses["period"].astype("string").fillna("").str.strip()
    return own.where(own != "", quarter.where(stamp.notna(), "tanpa periode"))


def ikm_unsur_table(ikm: dict[str, Any] | None) -> pd.DataFrame:
    """Per unsur: NRR (1–4), its value on 25–100 and its grade, weakest first."""
    if not ikm or "unsur" not in ikm:
        return pd.DataFrame(columns=["unsur", "label", "nrr", "index", "grade"])
    rows = [{"unsur": key, "label": IKM_UNSUR_LABELS.get(key, key), "nrr": value["nrr"], "index": value["nrr"] * survey_rules().ikm_factor,
             "grade": value["grade"]} for key, value in ikm["unsur"].items()]
    return pd.DataFrame(rows).sort_values(["nrr", "unsur"]).reset_index(drop=True)


def perception_table(surveys: dict[str, Any], regulation: Regulation) -> pd.DataFrame:
    """SPAK and SPKP: index on 1–4, points, and the points each predicate needs (as an index too)."""
    rows = []
    for key in PERCEPTION:
        survey = surveys.get(key)
        maximum = getattr(regulation.hasil, key)
        minimum = {t.id: t for t in regulation.thresholds}.get(key)
        index = index_on_4(survey["mean"], survey["scale_max"], regulation) if survey else None
        row = {"survey": key, "label": SURVEY_LABELS[key], "respondents": survey["respondents"] if survey else 0,
               "index_4": index, "points": survey_points(index, maximum, regulation) if index is not None else None,
               "max_points": maximum}
        for predicate in ("wbk", "wbbm"):
            need = getattr(minimum, predicate) if minimum else None
            row[f"{predicate}_min_points"] = need
            row[f"{predicate}_min_index"] = index_from_points(need, maximum, regulation) if need is not None else None
            row[f"meets_{predicate}"] = index is not None and need is not None and row["points"] >= need
        rows.append(row)
    return pd.DataFrame(rows)


def trend(responses: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """Per survey and period: IKM index (25–100) or SPAK/SPKP index (1–4), and respondents."""
    rows = []
    if responses.empty:
        return pd.DataFrame(columns=["survey", "label", "period", "value", "respondents"])
    responses = responses.assign(_period=periods(responses))
    for (survey, period), part in responses.groupby(["survey", "_period"], sort=True):
        if survey == "ikm":
            figures = ikm_summary(part, answers)
            value = figures["index"] if figures else None
        elif survey in PERCEPTION:
            figures = perception_summary(part, answers)
            value = figures["index_4"] if figures else None
        else:
            continue
        if value is not None:
            rows.append({"survey": survey, "label": SURVEY_LABELS[survey], "period": period, "value": value,
                         "respondents": len(part)})
    return pd.DataFrame(rows, columns=["survey", "label", "period", "value", "respondents"])


def answer_distribution(responses: pd.DataFrame, answers: pd.DataFrame, survey: str) -> pd.DataFrame:
    """Share of each answer value per question of one survey (values as given, on the survey's own scale)."""
    ids = responses.loc[responses["survey"] == survey, "response_id"]
    part = answers.loc[(answers["survey"] == survey) & among(answers["response_id"], ids)]
    if part.empty:
        return pd.DataFrame(columns=["item", "question", "value", "count", "share"])
    counts = part.groupby(["item", "value"]).size().rename("count").reset_index()
    counts["share"] = counts["count"] / counts.groupby("item")["count"].transform("sum") * 100.0
    counts["question"] = [question_label(f"{survey}:{item}") for item in counts["item"]]
    counts["value"] = counts["value"].astype(float).round().astype(int).astype(str)
    return counts[["item", "question", "value", "count", "share"]]


def suggestions(responses: pd.DataFrame) -> pd.DataFrame:
    """Non-empty suggestions with survey and period; never a name, phone number or e-mail address."""
    text = responses["suggestion"].astype("string").fillna("").str.strip()
    keep = responses.loc[text.str.len() > 2].assign(_period=periods(responses))
    keep = keep.assign(_survey=keep["survey"].map(SURVEY_LABELS).fillna(keep["survey"]))
    # one form answering several surveys carries its suggestion once per survey: show it once
    rows = keep.groupby(["file", "sheet", "row"], sort=False).agg(
        survey=("_survey", lambda s: ", ".join(dict.fromkeys(s))), period=("_period", "first"), text=("suggestion", "first"))
    rows["text"] = [scrub_text(t) for t in rows["text"]]
    rows["period"] = rows["period"].map(fmt.period_label)
    return rows.reset_index(drop=True)
