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


def test_recap_and_instruction_sheets_are_skipped_with_a_note(report):
    monitoring = next(f for f in report["files"] if f["path"].endswith("Monitoring_ZI_Kanwil_Jatim.xlsx"))
    kinds = {s["name"]: s["kind"] for s in monitoring["sheets"]}
    assert kinds == {"Petunjuk": "instructions", "Monitoring": "action_plan", "Rekap": "recap"}
    assert any("Rekap" in w for w in monitoring["warnings"]) and any("Petunjuk" in w for w in monitoring["warnings"])
    assert sorted(monitoring["units"]) == sorted(u["key"] for u in EXPECTED["units"])


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
