"""The templates offered on Unggah Data are files the reader reads without a question: every example row,
the right kind and survey, no rejected row, nothing to review, and the instructions sheet left out of the data."""

from __future__ import annotations

from datetime import date

import pytest

from zi_analytics.ingest import ingest_file
from zi_analytics.report.templates import GUIDE_SHEET, TEMPLATE_KINDS, template_sheets, template_workbook

AS_OF = date(2026, 11, 15)
SURVEY_OF_SHEET = {"IKM": "ikm", "SPAK": "ipak", "SPKP": "ipkp"}


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_a_template_reads_back_whole_and_without_questions(kind):
    name, data = template_workbook(kind)
    assert name.endswith(".xlsx")
    result = ingest_file(data, name=name, today=AS_OF)
    assert result.errors == [] and result.kind == kind
    assert result.rejected_rows == 0 and result.problems.empty
    assert result.units == ["lapas-contoh"]
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
