"""The templates offered on Unggah Data are files the reader reads without a question: every example row,
the right kind and survey, no rejected row, nothing to review, and the instructions sheet left out of the data."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from zi_analytics.ingest import ingest_file
from conftest import write_xlsx
from zi_analytics.report.templates import GUIDE_SHEET, TEMPLATE_KINDS, template_sheets, template_spec, template_workbook

AS_OF = date(2026, 11, 15)
SURVEY_OF_SHEET = {"IKM": "ikm", "SPAK": "ipak", "SPKP": "ipkp"}


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_a_template_reads_back_whole_and_without_questions(kind):
    name, data = template_workbook(kind)
    assert name.endswith(".xlsx")
    result = ingest_file(data, name=name, today=AS_OF)
    assert result.errors == [] and result.kind == kind
    assert result.rejected_rows == 0 and result.problems.empty
    assert result.units == (["lapas-contoh", "rutan-contoh"] if kind == "predicate" else ["lapas-contoh"])  # a Kanwil's list
    sheets = {s["name"]: s for s in result.to_json()["sheets"]}
    assert sheets[GUIDE_SHEET]["kind"] == "instructions" and sheets[GUIDE_SHEET]["rows"] == 0
    for part in template_sheets(kind):
        read = sheets[part["sheet"]]
        assert read["kind"] == kind and not read["needs_review"], read
        assert read["rows"] == len(part["rows"])
    assert result.rows == sum(len(part["rows"]) for part in template_sheets(kind))


def test_the_action_plan_template_reads_as_its_example_says():
    name, data = template_workbook("action_plan")
    plan = ingest_file(data, name=name, today=AS_OF).frames["action_plan"]
    [example] = template_sheets("action_plan")
    assert list(plan["activity"]) == [row[2] for row in example["rows"]]
    assert list(plan["progress"].astype(float)) == [float(row[6]) for row in example["rows"]]
    assert set(plan["area"]) == {"manajemen_perubahan", "penataan_tatalaksana", "penataan_sdm", "akuntabilitas_kinerja",
                                 "penguatan_pengawasan", "pelayanan_publik"}
    assert set(plan["snapshot_date"]) == {date(2026, 10, 31)}


def test_the_survey_template_gives_each_survey_its_respondents_and_the_complaints_their_statuses():
    name, data = template_workbook("survey")
    responses = ingest_file(data, name=name, today=AS_OF).frames["survey_responses"]
    counts = responses.groupby("survey").size().to_dict()
    assert counts == {SURVEY_OF_SHEET[part["sheet"]]: len(part["rows"]) for part in template_sheets("survey")}
    name, data = template_workbook("complaints")
    complaints = ingest_file(data, name=name, today=AS_OF).frames["complaints"]
    assert list(complaints["status"]) == ["resolved", "resolved", "in_progress", "open"]


def test_the_lke_template_holds_every_question_of_the_regulation_answered_as_its_example():
    from zi_analytics.readiness.lke_score import score_lke
    from zi_analytics.report.templates import template_spec
    from zi_analytics.rules.regulation import load_regulation

    regulation = load_regulation()
    name, data = template_workbook("lke")
    score = score_lke(ingest_file(data, name=name, today=AS_OF).frame("lke"), regulation)
    questions = sum(len(sub.answers) for group in regulation.sub_indicators for sub in group.items)
    assert score.status == "lengkap" and score.answered == questions and score.differences == []
    example = template_spec("lke")["hasil"]
    assert score.hasil["ipak"] == pytest.approx(example["ipak"] / 4 * regulation.hasil.ipak)
    assert score.hasil["ipkp"] == pytest.approx(example["ipkp"] / 4 * regulation.hasil.ipkp)
    values = {"Ya": 1.0, "A": 1.0, "B4": 0.67, "B5": 0.75, "90%": 0.9}  # the example's answers, per answer type
    by_type = {"Y": values["Ya"], "3": values["A"], "4": values["B4"], "5": values["B5"], "%": values["90%"]}
    want = sum(sub.weight * sum(by_type[t] for t in sub.answers) / len(sub.answers)
               for group in regulation.sub_indicators for sub in group.items)
    got = sum(area["pemenuhan"] + area["reform"] for area in score.areas.values())
    assert got == pytest.approx(want)


LAYOUTS = [(kind, layout) for kind in TEMPLATE_KINDS for layout in template_spec(kind).get("layouts", [])]


@pytest.mark.parametrize(("kind", "layout"), LAYOUTS, ids=[f"{k}-{i}" for i, (k, _) in enumerate(LAYOUTS)])
def test_each_pictured_layout_is_read_as_its_kind(tmp_path, kind, layout):
    """The pictures on Unggah Data show shapes the reader really reads: written as a sheet, each one is read
    as its kind with every row kept (an LKE excerpt says which parts it lacks)."""
    path = write_xlsx(tmp_path / "contoh.xlsx", {layout.get("sheet", "Sheet1"): layout["cells"]})
    result = ingest_file(path, today=AS_OF, folders=("Lapas Kelas IIA Contoh",))
    [sheet] = result.to_json()["sheets"]
    assert result.errors == [] and result.kind == kind and result.rejected_rows == 0 and result.rows > 0
    if kind == "lke":
        assert all(reason.startswith("bagian LKE tidak ditemukan") for reason in sheet["review"]), sheet["review"]
    else:
        assert not sheet["needs_review"], sheet["review"]
    assert {"action_plan": 3, "survey": 3, "complaints": 3, "lke": 5, "innovation": 3, "predicate": 3}[kind] == result.rows



def test_the_innovation_template_reads_as_its_example_says():
    name, data = template_workbook("innovation")
    innovations = ingest_file(data, name=name, today=AS_OF).frames["innovations"]
    [example] = template_sheets("innovation")
    assert list(innovations["name"]) == [row[1] for row in example["rows"]]
    assert list(innovations["status"]) == ["berjalan", "uji_coba", "berjalan", "ide"]
    assert list(innovations["area"]) == ["pelayanan_publik", "penguatan_pengawasan", "manajemen_perubahan", "penataan_tatalaksana"]
    assert list(innovations["launched"]) == [date(2024, 3, 12), date(2025, 7, 31), None, None]
    assert list(innovations["launched_year"]) == [2024, 2025, 2023, pd.NA]
