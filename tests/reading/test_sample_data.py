"""The bundled samples, fed to the CLI, give the figures the generator computed from its clean values."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))


def assert_close(got, want, where: str = "") -> None:
    """Nested equality with float tolerance, naming the first differing path."""
    if isinstance(want, dict):
        assert isinstance(got, dict) and set(got) == set(want), f"{where}: {got} != {want}"
        for key in want:
            assert_close(got[key], want[key], f"{where}.{key}")
    elif isinstance(want, float):
        assert got == pytest.approx(want, abs=1e-9), where
    else:
        assert got == want, where


@pytest.fixture(scope="module")
def report() -> dict:
    done = subprocess.run([sys.executable, "-m", "zi_analytics", "summarize", "sample_data", "--json", "--as-of", EXPECTED["as_of"]],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout)


def test_every_file_is_read_with_its_kind_and_row_counts(report):
    files = {Path(f["path"]).relative_to("sample_data").as_posix(): f for f in report["files"]}
    assert set(files) == set(EXPECTED["files"])
    for name, want in EXPECTED["files"].items():
        got = files[name]
        assert got["errors"] == [], name
        assert (got["kind"], got["rows"], got["rejected_rows"]) == (want["kind"], want["rows"], want["rejected_rows"]), name
        assert sorted(got["units"]) == want["units"], name


def test_recap_and_instruction_sheets_are_skipped_with_a_note(report):
    monitoring = next(f for f in report["files"] if f["path"].endswith("Monitoring_ZI_Kanwil_Jatim.xlsx"))
    kinds = {s["name"]: s["kind"] for s in monitoring["sheets"]}
    assert kinds == {"Petunjuk": "instructions", "Monitoring": "action_plan", "Rekap": "recap"}
    assert any("Rekap" in w for w in monitoring["warnings"]) and any("Petunjuk" in w for w in monitoring["warnings"])


def test_the_kanwil_collects_two_years_of_monthly_updates(report):
    """One sheet per month, Januari 2025 to Oktober 2026, each read as that month's snapshot."""
    for year, months in ((2025, 12), (2026, 10)):
        monitoring = next(f for f in report["files"] if f["path"].endswith(f"Monitoring Bulanan ZI Kanwil Jatim {year}.xlsx"))
        assert [s["kind"] for s in monitoring["sheets"]] == ["action_plan"] * months
        assert monitoring["rejected_rows"] == 0 and monitoring["warnings"] == []


def test_every_sample_unit_has_all_three_kinds(report):
    units = {u["key"]: u for u in report["units"]}
    assert set(units) == {u["key"] for u in EXPECTED["units"]}
    for unit in units.values():
        assert unit["action_plan"] and unit["complaints"]
        assert all(unit["surveys"][key] for key in ("ikm", "ipak", "ipkp")), unit["key"]


@pytest.mark.parametrize("unit", EXPECTED["units"], ids=lambda u: u["key"])
def test_figures_match_the_clean_values(report, unit):
    got = next(u for u in report["units"] if u["key"] == unit["key"])
    assert got["unit"] == unit["unit"]
    want_plan, got_plan = unit["action_plan"], got["action_plan"]
    assert got_plan["activities"] == want_plan["activities"]
    assert got_plan["overdue"] == want_plan["overdue"]
    assert got_plan["completion_pct"] == pytest.approx(want_plan["completion_pct"], abs=1e-9)
    assert got_plan["areas"] == pytest.approx(want_plan["areas"], abs=1e-9)
    assert_close(got["surveys"], unit["surveys"], "surveys")
    assert_close(got["complaints"], unit["complaints"], "complaints")


def test_the_kanwil_holds_every_type_of_upt():
    kinds = {unit["unit"].split()[0] for unit in EXPECTED["units"]}
    assert len(EXPECTED["units"]) >= 10 and kinds == {"Lapas", "Rutan", "LPKA", "Bapas"}


@pytest.mark.parametrize("unit", [u for u in EXPECTED["units"] if "lke" in u], ids=lambda u: u["key"])
def test_lke_scores_match_the_generators_own_scoring(report, unit):
    readiness = next(u for u in report["units"] if u["key"] == unit["key"])["readiness"]
    assert readiness["basis"] == "lke"
    for part in ("pengungkit", "hasil", "total"):
        assert readiness[part] == pytest.approx(unit["lke"][part], abs=1e-9), part


def failing(readiness: dict, predicate: str) -> set[str]:
    """The checks a unit fails on its scores (preconditions are what its Pokja enters, not in the files)."""
    return {c["id"] for c in readiness[predicate]["checks"] if not c["pass"] and not c["id"].startswith("precondition:")}


def test_the_story_has_a_wbk_holder_and_a_unit_close_to_wbbm(report):
    readiness = {u["key"]: u["readiness"] for u in report["units"]}
    holders = [u["key"] for u in EXPECTED["units"] if u.get("held") == "WBK"]
    assert holders and all(not failing(readiness[key], "wbk") for key in holders)
    close = [key for key in holders if readiness[key]["total"] >= 80 and len(failing(readiness[key], "wbbm")) <= 3]
    assert close, "a WBK holder a few points short of WBBM"
    assert all(failing(r, "wbk") for key, r in readiness.items() if key not in holders), "only the holders meet WBK"


@pytest.fixture(scope="module")
def innovations():
    from zi_analytics.batch import ingest_paths
    from zi_analytics.dataset import combine

    paths = [SAMPLES / name for name, entry in EXPECTED["files"].items() if entry["kind"] == "innovation"]
    return combine(*ingest_paths(paths)).frames["innovations"]


@pytest.mark.parametrize("unit", EXPECTED["units"], ids=lambda u: u["key"])
def test_each_units_innovations_are_read_with_their_areas_and_statuses(innovations, unit):
    mine = innovations.loc[innovations["unit_key"] == unit["key"]]
    want = unit["innovations"]
    assert len(mine) == want["total"]
    assert mine["area"].value_counts().to_dict() == want["per_area"]
    assert mine["status"].value_counts().to_dict() == want["per_status"]
