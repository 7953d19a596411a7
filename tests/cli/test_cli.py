"""The CLI contract: options, exit codes and JSON names other tools depend on."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLAN = [["LAPAS KELAS IIA BANYUWANGI"], ["Kegiatan", "Area Perubahan", "PIC", "Target", "Progres"],
        ["SK Tim", "Manajemen Perubahan", "KPLP", "Januari 2026", "100%"], ["SOP", "Penataan Tatalaksana", "Kasi", "Juni 2026", "50%"]]
OTHER = [["LAPAS KELAS I MALANG"], ["Kegiatan", "Area Perubahan", "PIC", "Progres"], ["SK Tim", "Manajemen Perubahan", "KPLP", "20%"]]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zi_analytics", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_json_contract_and_exit_zero(xlsx, tmp_path):
    xlsx("a.xlsx", {"RA": PLAN})
    xlsx("b.xlsx", {"RA": OTHER})
    done = run("summarize", str(tmp_path), "--json", "--as-of", "2026-11-23")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report) == {"files", "units"}
    assert set(report["files"][0]) == {"path", "kind", "sheets", "units", "rows", "rejected_rows", "errors", "warnings"}
    unit = next(u for u in report["units"] if u["key"] == "lapas-banyuwangi")
    assert set(unit) == {"unit", "key", "action_plan", "surveys", "complaints", "readiness"}
    assert unit["unit"] == "Lapas Kelas IIA Banyuwangi"
    assert unit["action_plan"] == {"activities": 2, "completion_pct": 75.0,
                                   "areas": {"manajemen_perubahan": 100.0, "penataan_tatalaksana": 50.0}, "overdue": 1}
    assert unit["surveys"] == {"ikm": None, "ipak": None, "ipkp": None} and unit["complaints"] is None


def test_unit_filter_and_unknown_unit(xlsx, tmp_path):
    xlsx("a.xlsx", {"RA": PLAN})
    xlsx("b.xlsx", {"RA": OTHER})
    report = json.loads(run("summarize", str(tmp_path), "--json", "--unit", "lapas banyuwangi").stdout)
    assert [u["key"] for u in report["units"]] == ["lapas-banyuwangi"]
    assert [Path(f["path"]).name for f in report["files"]] == ["a.xlsx"]
    missing = run("summarize", str(tmp_path), "--unit", "Rutan Kelas I Surabaya")
    assert missing.returncode == 2 and "tidak ditemukan" in missing.stderr


def test_a_kanwil_list_of_predicates_answers_the_wbbm_precondition_as_in_the_app(xlsx, tmp_path):
    """Issue 27 item 2: the unit a predicate list names holds WBK; the other stays 'belum ditetapkan'."""
    xlsx("a.xlsx", {"RA": PLAN})
    xlsx("b.xlsx", {"RA": OTHER})
    xlsx("predikat.xlsx", {"Daftar": [["DAFTAR UPT PENERIMA PREDIKAT ZI KANWIL JAWA TIMUR"],
                                      ["No", "Nama UPT", "Predikat", "Tahun", "Nomor SK"],
                                      [1, "Lapas Kelas IIA Banyuwangi", "WBK", 2024, "SK MenPANRB No. 12 Tahun 2024"]]})
    report = json.loads(run("summarize", str(tmp_path), "--json", "--as-of", "2026-11-23").stdout)
    held = {u["key"]: next(c for c in u["readiness"]["wbbm"]["checks"] if c["id"] == "precondition:wbk_held")
            for u in report["units"]}
    assert held["lapas-banyuwangi"]["pass"] is True and held["lapas-banyuwangi"]["value"] is True
    assert held["lapas-malang"]["pass"] is False and held["lapas-malang"]["value"] is None


def test_failed_file_gives_exit_one_and_the_rest_still_loads(xlsx, tmp_path):
    xlsx("a.xlsx", {"RA": PLAN})
    (tmp_path / "kosong.xlsx").write_bytes(b"")
    done = run("summarize", str(tmp_path), "--json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert by_name["a.xlsx"]["rows"] == 2 and by_name["a.xlsx"]["errors"] == []
    assert "kosong" in by_name["kosong.xlsx"]["errors"][0]
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize("args", [["summarize"], ["summarize", "x", "--as-of", "23-11-2026"], ["frobnicate"], []])
def test_usage_errors_exit_two(args):
    done = run(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_text_summary_is_indonesian(xlsx, tmp_path):
    xlsx("a.xlsx", {"RA": PLAN})
    done = run("summarize", str(tmp_path), "--as-of", "2026-11-23")
    assert done.returncode == 0
    assert "Ringkasan data ZI per 23 November 2026" in done.stdout
    assert "rata-rata progres 75,0%" in done.stdout


def test_readme_documents_every_cli_option():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    help_text = run("summarize", "--help").stdout
    for option in ("--json", "--unit", "--as-of"):
        assert option in help_text and option in readme
    assert "python -m pip install -r requirements-dev.txt && python -m pytest" in (ROOT / ".ci/run").read_text()
    assert "python -m pip install -r requirements-dev.txt && python -m pytest" in readme
