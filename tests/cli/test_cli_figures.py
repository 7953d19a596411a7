"""Hold-out check: messy files never seen by the other tests, fed to the CLI, give the hand-computed figures.

The corpus (tests/support/corpus.py) writes the files from clean values and computes every expected figure from
those values by the rules of docs/CONVENTIONS.md, without importing zi_analytics.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import support.corpus as corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
UNITS = ["lapas-jombang", "rutan-surabaya", "lapas-narkotika-pamekasan", "lapas-pamekasan"]


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[dict[str, Any], dict[str, Any]]:
    folder = tmp_path_factory.mktemp("holdout") / "UPT Kanwil Jatim"
    expected = corpus.build(folder)
    done = subprocess.run([sys.executable, "-m", "zi_analytics", "summarize", str(folder), "--json", "--as-of", expected["as_of"]],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), expected


@pytest.fixture(scope="module")
def report(run) -> dict[str, Any]:
    return run[0]


@pytest.fixture(scope="module")
def expected(run) -> dict[str, Any]:
    return run[1]


def _files(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {Path(f["path"]).name: f for f in report["files"]}


def _unit(report: dict[str, Any], key: str) -> dict[str, Any]:
    found = [u for u in report["units"] if u["key"] == key]
    assert len(found) == 1, f"unit {key} not reported once: {[u['key'] for u in report['units']]}"
    return found[0]


def assert_figures(got: Any, want: Any, where: str) -> None:
    """Floats within 1e-6, ints exact, dicts with the same keys; names the first differing path."""
    if want is None:
        assert got is None, f"{where}: expected null, got {got}"
    elif isinstance(want, dict):
        assert isinstance(got, dict), f"{where}: expected an object, got {got!r}"
        assert set(got) == set(want), f"{where}: keys {sorted(got)} != {sorted(want)} (got {got}, want {want})"
        for key in want:
            assert_figures(got[key], want[key], f"{where}.{key}")
    elif isinstance(want, float):
        assert isinstance(got, (int, float)) and not isinstance(got, bool), f"{where}: {got!r} is not a number"
        assert got == pytest.approx(want, abs=1e-6), f"{where}: got {got}, want {want}"
    else:
        assert got == want and type(got) is type(want), f"{where}: got {got!r}, want {want!r}"


# ---------------------------------------------------------------------------------------------- files

def test_every_file_is_read_without_errors(report, expected):
    files = _files(report)
    assert set(files) == set(expected["files"])
    for name, item in files.items():
        assert item["kind"] != "unknown", name
        assert item["errors"] == [], f"{name}: {item['errors']}"


@pytest.mark.parametrize("name", [
    "Rencana Aksi ZI Jombang Oktober 2026.xlsx",
    "RA_ZI_Lapas_Narkotika_Pamekasan.xls",
    "Monitoring_Renaksi_ZI_Kanwil_Jatim_Sep2026.xlsx",
    "Laporan Renaksi Rutan Surabaya.ods",
    "Survei Kepuasan Masyarakat Rutan Surabaya (Jawaban).xlsx",
    "Survei_Persepsi_Lapas_Jombang_2026.xlsx",
    "Data_SKM_Pamekasan_2026.csv",
    "Register Pengaduan Lapas Jombang 2025-2026.xlsx",
    "Rutan_Surabaya_Pengaduan.ods",
    "Pengaduan Lapas Narkotika Pamekasan Januari-Oktober 2026.csv",
])
def test_file_kind_and_row_counts(report, expected, name):
    got = _files(report)[name]
    want = expected["files"][name]
    assert (got["kind"], got["rows"], got["rejected_rows"]) == (want["kind"], want["rows"], want["rejected_rows"]), (
        f"{name}: got kind/rows/rejected {got['kind']}/{got['rows']}/{got['rejected_rows']}, "
        f"want {want['kind']}/{want['rows']}/{want['rejected_rows']}; warnings: {got['warnings']}")


def test_kanwil_workbook_skips_instructions_and_recap(report):
    sheets = {s["name"]: s for s in _files(report)["Monitoring_Renaksi_ZI_Kanwil_Jatim_Sep2026.xlsx"]["sheets"]}
    assert sheets["Petunjuk"]["kind"] == "instructions"
    assert sheets["Rekap"]["kind"] == "recap", sheets["Rekap"]
    assert sheets["Monitoring"]["kind"] == "action_plan"
    assert sorted(sheets["Monitoring"]["units"]) == sorted(UNITS)


def test_survey_workbook_keeps_each_survey_and_scale(report):
    sheets = {s["name"]: s for s in _files(report)["Survei_Persepsi_Lapas_Jombang_2026.xlsx"]["sheets"]}
    assert sheets["SPAK"]["surveys"] == ["ipak"]
    assert sheets["SPKP"]["surveys"] == ["ipkp"]


def test_ikm_questions_matched_by_content(report):
    for name in ("Survei Kepuasan Masyarakat Rutan Surabaya (Jawaban).xlsx", "Data_SKM_Pamekasan_2026.csv"):
        (sheet,) = _files(report)[name]["sheets"]
        items = sorted(v for v in sheet["questions"].values())
        assert items == [f"ikm:U{i}" for i in range(1, 10)], f"{name}: {sheet['questions']} mapping {sheet['mapping']}"


# ---------------------------------------------------------------------------------------------- units

def test_units_merge_variants_and_keep_types_apart(report):
    assert sorted(u["key"] for u in report["units"]) == sorted(UNITS)


def test_unit_from_file_name(report):
    got = _files(report)["Pengaduan Lapas Narkotika Pamekasan Januari-Oktober 2026.csv"]
    assert got["units"] == ["lapas-narkotika-pamekasan"], got["sheets"][0]["units"]


@pytest.mark.parametrize("key", UNITS)
def test_display_name(report, expected, key):
    assert _unit(report, key)["unit"] == expected["units"][key]["unit"]


@pytest.mark.parametrize("key", UNITS)
def test_action_plan_figures(report, expected, key):
    assert_figures(_unit(report, key)["action_plan"], expected["units"][key]["action_plan"], f"{key}.action_plan")


@pytest.mark.parametrize("survey", ["ikm", "ipak", "ipkp"])
@pytest.mark.parametrize("key", UNITS)
def test_survey_figures(report, expected, key, survey):
    assert_figures(_unit(report, key)["surveys"][survey], expected["units"][key]["surveys"][survey], f"{key}.surveys.{survey}")


@pytest.mark.parametrize("key", UNITS)
def test_complaint_figures(report, expected, key):
    assert_figures(_unit(report, key)["complaints"], expected["units"][key]["complaints"], f"{key}.complaints")


# ------------------------------------------------------------------------------------ the corpus itself

def test_corpus_is_deterministic(tmp_path, expected):
    again = corpus.build(tmp_path / "again")
    assert again == expected


def test_corpus_expectations_are_not_trivial(expected):
    """The hand figures exercise what they should: rejections, exclusions by date, overdue, every channel."""
    files = expected["files"]
    assert sum(f["rejected_rows"] for f in files.values()) >= 6
    jombang = expected["units"]["lapas-jombang"]
    assert jombang["action_plan"]["overdue"] >= 3
    assert len(jombang["action_plan"]["areas"]) == 6
    assert jombang["surveys"]["ipak"]["scale_max"] == 6
    assert set(jombang["complaints"]["per_channel"]) == set(corpus.CHANNELS)
    assert len(jombang["complaints"]["per_month"]) >= 10
