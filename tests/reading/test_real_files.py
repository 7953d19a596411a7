"""Real third-party files (../shared/real-files, see its SOURCES.md): each gets the kind a person would give it.

Read from the shared folder beside the repository, never copied into it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zi_analytics.dataset import combine
from zi_analytics.batch import ingest_paths
from zi_analytics.ingest import ingest_file
from zi_analytics.summary import ReadinessOptions, build_summary

REAL = Path(__file__).resolve().parents[3] / "shared" / "real-files"
AS_OF = date(2026, 12, 7)

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-files is not beside this checkout")


def _read(name: str):
    return ingest_file(REAL / name, today=AS_OF)


def test_one_respondent_skm_gives_ikm_75_grade_c():
    results, registry = ingest_paths([REAL / "template-import.xlsx"], today=AS_OF, unit_default="Lapas Kelas IIB Tabanan")
    result = results[0]
    assert result.kind == "survey" and result.rows == 1 and result.rejected_rows == 0  # the legend is not data
    sheet = result.sheets[0]
    assert sheet.surveys == ["ikm"] and not sheet.needs_review and sheet.unit_source == "unit bawaan"
    report = build_summary(combine(results, registry), AS_OF, None, ReadinessOptions())
    figures = next(u for u in report["units"] if u["key"] == "lapas-tabanan")["surveys"]["ikm"]
    assert figures["respondents"] == 1
    assert figures["index"] == pytest.approx(75.0)
    assert figures["grade"] == "C"


def test_one_respondent_skm_without_a_unit_waits_for_a_person():
    result = _read("template-import.xlsx")
    sheet = result.sheets[0]
    assert sheet.kind == "survey" and sheet.needs_review and sheet.confidence < 0.5
    assert any("unit" in reason for reason in sheet.review)
    assert result.frame("survey_answers").empty  # kept out of every figure until confirmed


@pytest.mark.parametrize("name", ["template_input_skm_offline.csv", "template_input_skm_offline.xlsm", "template_file.xlsx"])
def test_header_only_templates_are_surveys_without_rows(name):
    result = _read(name)
    assert result.kind == "survey"
    assert result.rows == 0 and result.rejected_rows == 0
    assert any("belum ada baris data" in text.lower() for text in result.errors + result.warnings)
    assert not any("tidak dikenali" in text for text in result.errors)
    assert result.sheets[0].surveys == ["ikm"]


def test_tenth_custom_unsur_is_named_and_left_out():
    result = _read("template_file.xlsx")
    assert any("unsur tambahan" in w and "U10" in w for w in result.warnings)
    assert result.sheets[0].header_row == 2  # the two-row merged header


def test_example_row_is_not_a_respondent():
    results, _ = ingest_paths([REAL / "template_input_skm.csv"], today=AS_OF, unit_default="Lapas Tabanan")
    result = results[0]
    assert result.kind == "survey" and result.sheets[0].surveys == ["ikm"]
    assert result.rows == 0 and result.rejected_rows == 0
    assert result.frame("survey_responses").empty


def test_typo_in_unsur_code_is_read():
    result = _read("template_input_skm_offline.xlsm")
    questions = result.sheets[0].questions
    assert questions.get("Unusr 8") == "ikm:U8"
    assert sorted(questions.values()) == [f"ikm:U{i}" for i in range(1, 10)]


def test_title_only_file_and_e_zi_import_are_not_data():
    for name in ("template.xlsx", "rincianHasil.xlsx"):
        result = _read(name)
        assert result.rows == 0 and result.frame("survey_answers").empty and result.frame("action_plan").empty


@pytest.mark.parametrize("name", ["form kuesioner.xlsx", "e. Untuk Satuan Kerja, rekomendasi dari Kepala.xlsx"])
def test_lke_workbooks_are_lke(name):
    assert _read(name).kind == "lke"
