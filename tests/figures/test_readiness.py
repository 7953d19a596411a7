"""Readiness engine on hand-computed cases: LKE scoring, thresholds, the area rule, scales, what-if, forecast."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from support.lke_builder import BEST, WORST, write_lke
from zi_analytics.ingest import SheetOverride, ingest_file
from zi_analytics.readiness import ReadinessInputs, SurveyInput, assess, what_if
from zi_analytics.readiness.checks import next_deadline
from zi_analytics.readiness.forecast import forecast
from zi_analytics.readiness.surveys import ikm_details, krejcie_morgan
from zi_analytics.rules import AREA_KEYS
from zi_analytics.rules.regulation import load_regulation, validate_all

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 11, 23)
REG = load_regulation("90/2021")
ALL_FLAGS = {"wbk_held": True, "halinar_free": True, "documents_complete": True}


def lke_inputs(path: Path, **kwargs) -> ReadinessInputs:
    """The LKE of the file as read once a person confirmed the reading (an excerpt of a few areas is held back
    for review otherwise)."""
    result = ingest_file(path, today=AS_OF, overrides={"LKE": SheetOverride(kind="lke")})
    assert result.errors == [] and result.kind == "lke"
    return ReadinessInputs(lke=result.frame("lke"), preconditions=kwargs.pop("preconditions", ALL_FLAGS), **kwargs)


def checks_by_id(readiness, predicate):
    return {c.id: c for c in readiness.checks[predicate]}


def test_every_bundled_regulation_validates():
    ids = {r.id for r in validate_all()}
    assert ids == {"90/2021", "10/2019", "52/2014"}
    assert REG.pengungkit.max == 60 and REG.hasil.max == 40
    assert load_regulation("52/2014").pengungkit.area_max("penataan_sdm") == 15


def test_three_question_sub_indicator_ya_c_ya_gives_two_thirds_of_its_weight(xlsx):
    rows = [["LKE ZI"], ["LAPAS KELAS IIB JOMBANG"], [],
            ["", "", "", "", "", "KOMPONEN", "BOBOT", "PILIHAN JAWABAN", "JAWABAN", "NILAI", "EVIDEN"],
            ["A", "", "", "", "", "PENGUNGKIT", 60], ["", "I", "", "", "", "PEMENUHAN", 30],
            ["", "", "1", "", "", "MANAJEMEN PERUBAHAN", 4],
            ["", "", "", "i", "", "Penyusunan Tim Kerja", 0.5],
            ["", "", "", "", "a", "Tim telah dibentuk", "", "Ya/Tidak", "Ya", "", "SK"],
            ["", "", "", "", "b", "Anggota dipilih dengan prosedur", "", "A/B/C", "B", "", "notulen"],
            ["", "", "", "ii", "", "Rencana pembangunan ZI", 1],
            ["", "", "", "", "a", "Ada rencana kerja", "", "Ya/Tidak", "Ya", 1, "RK"],
            ["", "", "", "", "b", "Rencana memuat target prioritas", "", "A/B/C", "C", 0.5, "RK"],
            ["", "", "", "", "c", "Rencana disosialisasikan", "", "Ya/Tidak", "Ya", 1, ""],
            ["", "", "", "", "d", "Pertanyaan tanpa jawaban", "", "Ya/Tidak", "", "", ""]]
    inputs = lke_inputs(xlsx("LKE.xlsx", {"LKE": rows}))
    result = assess(inputs, REG, AS_OF)
    lke = result.score.lke
    assert result.score.basis == "lke"
    # i: mean(1, 0.5) x 0.5 = 0.375; ii: mean(1, 0, 1, 0) x 1 = 0.5 (a blank answer scores 0 and is listed)
    assert result.score.areas["manajemen_perubahan"]["pemenuhan"] == pytest.approx(0.375 + 0.5)
    assert lke.unanswered["label"].tolist() == ["Pertanyaan tanpa jawaban"]
    assert lke.without_evidence["label"].tolist() == ["Rencana disosialisasikan"]
    # the sheet says 0.5 for the answer C (worth 0): reported as a difference, our value stands
    assert [(d["level"], d["computed"], d["sheet"]) for d in lke.differences] == [("pertanyaan", 0.0, 0.5)]


def test_three_question_sub_indicator_alone(xlsx):
    rows = [["LAPAS KELAS IIB JOMBANG"],
            ["", "", "", "", "", "KOMPONEN", "BOBOT", "PILIHAN JAWABAN", "JAWABAN", "NILAI", "EVIDEN"],
            ["A", "", "", "", "", "PENGUNGKIT", 60], ["", "I", "", "", "", "PEMENUHAN", 30],
            ["", "", "1", "", "", "MANAJEMEN PERUBAHAN", 4], ["", "", "", "i", "", "Penyusunan Tim Kerja", 1.5],
            ["", "", "", "", "a", "q1", "", "Ya/Tidak", "Ya", "", "x"], ["", "", "", "", "b", "q2", "", "A/B/C", "C", "", "x"],
            ["", "", "", "", "c", "q3", "", "Ya/Tidak", "ya", "", "x"]]
    result = assess(lke_inputs(xlsx("LKE.xlsx", {"LKE": rows})), REG, AS_OF)
    assert result.score.areas["manajemen_perubahan"]["pemenuhan"] == pytest.approx(1.5 * 2 / 3)


def test_full_lke_all_best_answers_and_hasil_rows(tmp_path):
    path = write_lke(tmp_path / "LKE Lapas Jombang.xlsx", "LAPAS KELAS IIB JOMBANG", lambda *a: BEST[a[-1]],
                     hasil={"ipak": 3.6, "capaian": "80%", "ipkp": 3.2})
    result = assess(lke_inputs(path), REG, AS_OF)
    s = result.score
    assert s.pengungkit == pytest.approx(60) and s.pemenuhan == pytest.approx(30)
    assert s.ipak == pytest.approx(3.6 / 4 * 17.5) and s.capaian_kinerja == pytest.approx(4.0) and s.ipkp == pytest.approx(14.0)
    assert s.total == pytest.approx(60 + 15.75 + 4 + 14)
    assert result.ready("wbk")
    wbbm = checks_by_id(result, "wbbm")
    assert [c for c in wbbm if not wbbm[c].passed] == ["ipkp"]
    assert wbbm["ipkp"].gap == pytest.approx(1.75)


def test_above_85_in_total_but_one_area_under_its_minimum_is_not_ready(tmp_path):
    def answer(section, area, s_index, q_index, kind):
        return WORST[kind] if (section, area) == ("reform", "penguatan_pengawasan") else BEST[kind]
    path = write_lke(tmp_path / "LKE.xlsx", "LAPAS KELAS IIB JOMBANG", answer, hasil={"ipak": 4, "capaian": "100%", "ipkp": 4})
    result = assess(lke_inputs(path), REG, AS_OF)
    assert result.score.total == pytest.approx(92.5)  # 60 - 7.5 + 40
    for predicate in ("wbk", "wbbm"):
        failing = [c.id for c in result.checks[predicate] if not c.passed]
        assert failing == ["area:penguatan_pengawasan"], predicate
    area = checks_by_id(result, "wbk")["area:penguatan_pengawasan"]
    assert area.value == pytest.approx(50.0) and area.gap == pytest.approx(10.0)


def estimate(pct: float, capaian: float, ipak_index: float = 4.0, ipkp_index: float = 4.0, **changes) -> ReadinessInputs:
    return ReadinessInputs(area_pct={k: pct for k in AREA_KEYS}, ipak_index=ipak_index, ipkp_index=ipkp_index,
                           capaian_kinerja=capaian, preconditions=ALL_FLAGS, **changes)


def test_threshold_edges_use_unrounded_values():
    # 62.5 % of every area = 37.5; both surveys at index 4 = 35; total = 72.5 + capaian
    exact = assess(estimate(62.5, 2.5), REG, AS_OF)
    assert exact.score.total == 75.0 and checks_by_id(exact, "wbk")["total"].passed
    short = assess(estimate(62.5, 2.496), REG, AS_OF)
    assert short.score.total == pytest.approx(74.996)
    total = checks_by_id(short, "wbk")["total"]
    assert not total.passed and total.gap == pytest.approx(0.004)
    assert short.score.basis == "estimate"


def test_six_point_survey_conversion_is_a_setting():
    inputs = ReadinessInputs(ipak=SurveyInput(5.5, 6, 30), ipkp=SurveyInput(3.5, 4, 30))
    linear = assess(inputs, REG, AS_OF).score
    assert linear.ipak == pytest.approx((1 + 4.5 * 3 / 5) / 4 * 17.5)  # index 3.7 -> 16.1875
    assert linear.ipkp == pytest.approx(3.5 / 4 * 17.5)
    proportional = load_regulation("90/2021", {"conventions": {"six_point_conversion": "proportional"}})
    assert assess(inputs, proportional, AS_OF).score.ipak == pytest.approx(5.5 * 4 / 6 / 4 * 17.5)


def test_ikm_exact_ninth_versus_point_eleven():
    nrr = {f"U{i}": 3.66 for i in range(1, 9)} | {"U9": 3.6528}  # sum 32.9328
    ikm = {"respondents": 120, "index": 0.0, "grade": "", "unsur": nrr}
    exact = ikm_details(ikm, REG, population=1000, legacy=False)
    assert exact["index"] == pytest.approx(91.48)
    eleven = ikm_details(ikm, load_regulation(overrides={"conventions": {"ikm_weight": "0.11"}}), None, False)
    assert eleven["index"] == pytest.approx(90.5652)
    assert exact["weakest_unsur"] == "U9" and exact["unsur"]["U1"]["grade"] == "A"
    assert exact["sample"] == {"population": 1000, "required": 278, "respondents": 120, "adequate": False}


@pytest.mark.parametrize("population,required", [(50, 44), (100, 80), (500, 217), (1000, 278), (10000, 370)])
def test_krejcie_morgan(population, required):
    assert krejcie_morgan(population) == required


def test_what_if_reports_the_checks_that_flip():
    inputs = estimate(80, 5).changed(area_pct={k: (50.0 if k == "penguatan_pengawasan" else 80.0) for k in AREA_KEYS})
    outcome = what_if(inputs, REG, AS_OF, area_pct={"penguatan_pengawasan": 80.0})
    assert not outcome["before"].ready("wbk") and outcome["after"].ready("wbk")
    flips = {(f["predicate"], f["id"]) for f in outcome["flipped"]}
    assert ("wbk", "area:penguatan_pengawasan") in flips and ("wbbm", "area:penguatan_pengawasan") in flips
    survey = what_if(estimate(80, 5, ipak_index=3.5), REG, AS_OF, ipak_index=3.6)
    assert {(f["predicate"], f["id"]) for f in survey["flipped"]} >= {("wbk", "ipak")}


def test_what_if_on_an_lke_answer(tmp_path):
    def answer(section, area, s_index, q_index, kind):
        return "C" if (section, area, s_index) == ("pemenuhan", "manajemen_perubahan", 0) and q_index == 1 else BEST[kind]
    path = write_lke(tmp_path / "LKE.xlsx", "LAPAS KELAS IIB JOMBANG", answer, hasil={"ipak": 4, "capaian": "100%", "ipkp": 4})
    inputs = lke_inputs(path)
    before = assess(inputs, REG, AS_OF).score.total
    assert before == pytest.approx(100 - 0.25)  # tim kerja (Y, 3) answered Ya, C -> 0.5 of 0.5
    changed = what_if(inputs, REG, AS_OF, lke_answers={"A/I/1/i/b": "A"})
    assert changed["after"].score.total == pytest.approx(100)


def test_forecast_from_dated_snapshots():
    plan = pd.DataFrame({"unit_key": "u", "area": "penguatan_pengawasan", "progress": [30.0, 30.0, 45.0, 45.0],
                         "snapshot_date": [date(2026, 6, 30)] * 2 + [date(2026, 9, 30)] * 2})
    result = forecast(plan, AS_OF, REG, "wbk")["penguatan_pengawasan"]
    # 15 points in 92 days; 15 more needed -> 92 days after 30 September
    assert result["status"] == "projected" and result["reach_date"] == "2026-12-31" and result["on_time"]
    assert forecast(plan, AS_OF, REG, "wbk")["manajemen_perubahan"]["status"] == "no_data"


@pytest.mark.parametrize("as_of,deadline", [(date(2026, 11, 23), date(2027, 5, 31)), (date(2027, 5, 31), date(2027, 5, 31)),
                                            (date(2027, 6, 1), date(2028, 5, 31))])
def test_deadline(as_of, deadline):
    assert next_deadline(as_of, REG) == deadline


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zi_analytics", "summarize", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


def test_cli_readiness_json_contract_and_options(tmp_path):
    write_lke(tmp_path / "LKE Lapas Jombang.xlsx", "LAPAS KELAS IIB JOMBANG", lambda *a: BEST[a[-1]],
              hasil={"ipak": 3.7, "capaian": "", "ipkp": 3.7})
    done = run_cli(str(tmp_path), "--json", "--as-of", "2026-11-23", "--capaian-kinerja", "4",
                   "--precondition", "halinar_free", "--precondition", "documents_complete=ya", "--population", "500")
    assert done.returncode == 0, done.stderr
    readiness = json.loads(done.stdout)["units"][0]["readiness"]
    assert {"basis", "regulation", "total", "pengungkit", "pemenuhan", "reform", "hasil", "areas", "wbk", "wbbm"} <= set(readiness)
    assert readiness["basis"] == "lke" and readiness["regulation"] == "90/2021"
    assert set(readiness["areas"]) == set(AREA_KEYS)
    assert set(readiness["areas"]["penataan_sdm"]) >= {"score", "max", "pct"}
    ids = [c["id"] for c in readiness["wbbm"]["checks"]]
    assert ids == ["total", "pengungkit"] + [f"area:{k}" for k in AREA_KEYS] + [
        "bersih_akuntabel", "ipak", "capaian_kinerja", "ipkp", "precondition:wbk_held", "precondition:halinar_free",
        "precondition:documents_complete"]
    assert all(set(c) == {"id", "label", "value", "minimum", "gap", "pass"} for c in readiness["wbk"]["checks"])
    assert readiness["wbk"]["ready"] is True and readiness["wbbm"]["ready"] is False
    assert readiness["capaian_kinerja"] == 4 and readiness["days_to_deadline"] == 189
    override = tmp_path / "pengaturan.toml"
    override.write_text('[[thresholds]]\nid = "total"\nlabel = "Total"\nkind = "points"\nwbk = 99\nwbbm = 99\n', encoding="utf-8")
    strict = json.loads(run_cli(str(tmp_path), "--json", "--settings", str(override)).stdout)["units"][0]["readiness"]
    assert [c["id"] for c in strict["wbk"]["checks"]] == [c["id"] for c in readiness["wbk"]["checks"]]
    assert strict["wbk"]["checks"][0]["minimum"] == 99 and strict["wbk"]["checks"][1]["minimum"] == 40
    old = json.loads(run_cli(str(tmp_path), "--json", "--regulation", "52/2014").stdout)["units"][0]["readiness"]
    assert old["regulation"] == "52/2014" and old["areas"]["penataan_sdm"]["max"] == 15


@pytest.mark.parametrize("args", [["--regulation", "99/2030"], ["--precondition", "bebas"], ["--capaian-kinerja", "7"],
                                  ["--population", "0"], ["--settings", "tidak-ada.toml"]])
def test_cli_bad_readiness_options_exit_2_in_indonesian(args):
    done = run_cli("sample_data", *args)
    assert done.returncode == 2 and "Kesalahan" in done.stderr and "Traceback" not in done.stderr


def test_sample_units_get_an_estimate_with_named_failing_checks():
    done = run_cli("sample_data", "--json", "--as-of", "2026-11-23")
    units = json.loads(done.stdout)["units"]
    estimated = [u for u in units if u["readiness"]["basis"] == "estimate"]
    assert {u["key"] for u in units} - {u["key"] for u in estimated} == {"lapas-surabaya", "rutan-surabaya", "lpka-blitar"}  # their LKE
    for unit in estimated:
        readiness = unit["readiness"]
        assert readiness["areas"]["manajemen_perubahan"]["pct"] == pytest.approx(unit["action_plan"]["areas"]["manajemen_perubahan"])
        assert readiness["wbk"]["ready"] is False
        assert any(c["id"] == "capaian_kinerja" and c["value"] is None for c in readiness["wbk"]["checks"])


def test_settings_change_one_threshold_and_versions_replace_lists():
    tuned = load_regulation("90/2021", {"thresholds": [{"id": "total", "wbk": 80}]})
    assert [(t.id, t.wbk) for t in tuned.thresholds][:2] == [("total", 80), ("pengungkit", 40)]
    assert [t.id for t in load_regulation("52/2014").thresholds] == ["total", "pengungkit", "area"]
    with pytest.raises(ValueError):
        load_regulation("90/2021", {"pengungkit": {"pemenuhan": {"manajemen_perubahan": 9}}})  # weights no longer add up


def test_the_submission_deadline_is_the_years_own():
    """Issue 23 item 8: 31 May by default, 31 July in 2021, 30 June in 2022, and a year set in Pengaturan."""
    from zi_analytics.readiness.checks import next_deadline
    from zi_analytics.settings import Settings

    assert next_deadline(date(2021, 6, 15), REG) == date(2021, 7, 31)
    assert next_deadline(date(2022, 6, 1), REG) == date(2022, 6, 30)
    assert next_deadline(date(2022, 7, 1), REG) == date(2023, 5, 31)
    assert next_deadline(date(2026, 12, 7), REG) == date(2027, 5, 31)
    moved = Settings(submission_deadlines={"2027": "06-15"}).regulation()
    assert next_deadline(date(2026, 12, 7), moved) == date(2027, 6, 15)
    assert next_deadline(date(2021, 6, 15), moved) == date(2021, 7, 31)  # the regulation's own years stay
    with pytest.raises(ValueError):
        load_regulation("90/2021", {"conventions": {"submission_deadlines": {"2027": "02-30"}}})


def test_under_52_2014_the_part_beside_the_corruption_survey_is_audit_follow_up():
    old = load_regulation("52/2014")
    assert "TLHP" in old.hasil.capaian_kinerja_label and REG.hasil.capaian_kinerja_label == "Capaian kinerja"
    score = assess(ReadinessInputs(area_pct={k: 100 for k in AREA_KEYS}), old, AS_OF).score
    assert any("TLHP" in note and "belum diisi" in note for note in score.notes)



def test_a_predicate_record_says_wbk_is_held_and_the_hand_set_flag_stays_without_one():
    from zi_analytics.settings import PredicateHeld, Settings, UnitInputs, predicate_records

    holder = UnitInputs(predicates=[PredicateHeld(predicate="WBK", year=2023, decree="KEP/1/2023"),
                                    PredicateHeld(predicate="WBBM", year=2025)], preconditions={"wbk_held": False})
    assert holder.conditions()["wbk_held"] is True and holder.held().label == "WBBM 2025"
    flagged = UnitInputs(preconditions={"wbk_held": True})
    assert flagged.conditions() == {"wbk_held": True} and flagged.held() is None
    settings = Settings(units={"a": holder, "b": flagged})
    assert settings.held() == {"a": "WBBM 2025"}
    assert settings.options("a").preconditions["wbk_held"] is True  # what the WBBM check reads
    assert "wbk_held" not in settings.options("c").preconditions  # no record, no flag: not yet known
    records, problem = predicate_records([{"predicate": "WBK", "year": 2024.0, "decree": None}, {"predicate": None, "year": None}])
    assert problem is None and [r.label for r in records] == ["WBK 2024"]
    assert predicate_records([{"predicate": "WBK", "year": None}])[1].startswith("Baris 1")
