"""The pure functions behind the pages, on the bundled sample data and small hand-made frames."""

from datetime import date

import pandas as pd
import pytest

from zi_analytics.batch import ingest_paths
from zi_analytics.dataset import combine
from zi_analytics.metrics import current_action_plan
from zi_analytics.privacy import mask_name, mask_phone, scrub_text
from zi_analytics.readiness import unit_readiness, what_if
from zi_analytics.readiness.complaints import complaint_kpis
from zi_analytics.rules.regulation import load_regulation
from zi_analytics.views import complaints, kanwil, overview, upload
from zi_analytics.summary import build_summary
from zi_analytics.services import import_paths, reread

AS_OF = date(2026, 11, 23)


@pytest.fixture(scope="module")
def sample():
    results, registry = ingest_paths(["sample_data"], today=AS_OF)
    return combine(results, registry)


def test_closing_actions_are_ranked_and_do_what_they_say(sample):
    regulation = load_regulation()
    for key in sample.unit_keys:
        result = unit_readiness(sample.frames, key, AS_OF, regulation, capaian_kinerja=4.0)
        plan = current_action_plan(sample.frames["action_plan"].loc[lambda f: f["unit_key"] == key], AS_OF)
        actions = overview.closing_actions(result, regulation, plan)
        assert 1 <= len(actions) <= 3
        assert [a.closes for a in actions] == sorted((a.closes for a in actions), reverse=True)
        for action in actions:
            assert action.points > 0 and "nilai total +" in action.effect
            assert (f"memenuhi {action.closes} kriteria" in action.effect) == (action.closes > 0)


def test_finishing_the_nearest_activities_reaches_the_area_minimum():
    plan = pd.DataFrame({"area": ["penguatan_pengawasan"] * 4, "progress": [90.0, 50.0, 10.0, 0.0]})
    what, changes = overview._area_steps(plan, 60.0)[0]
    # mean 37,5; finishing 90 -> 40; and 50 -> 52,5; and 10 -> 75 (the first reaching 60)
    assert "Tuntaskan 3 kegiatan" in what and "37,5% → 75,0%" in what
    assert changes == {"area_pct": {"penguatan_pengawasan": 75.0}}


def test_resolution_dated_before_receipt_is_not_counted_within_sla():
    frame = pd.DataFrame({"unit_key": ["u"] * 2, "received_date": ["2026-03-10", "2026-03-10"],
                          "resolved_date": ["2026-03-01", "2026-03-12"], "status": ["resolved", "resolved"],
                          "days_to_resolve": [None, None], "channel": ["email"] * 2, "category": ["lainnya"] * 2,
                          "complainant": ["A B", "C D"], "description": ["x", "y"]})
    kpis = complaint_kpis(frame, AS_OF, load_regulation())
    days = complaints.working_days(frame)
    assert list(days) == [2.0]
    assert kpis["within_sla_pct"] == complaints.within_sla(days, 5) == 100.0


def test_privacy_helpers():
    assert mask_name("Siti Aminah") == "S*** A***"
    assert "5678" not in mask_phone("0812-1234-5678")
    text = scrub_text("Hubungi saya 0812 3456 7890 / siti@mail.com, NIK 3573012345678901")
    assert "0812" not in text and "@" not in text and "3573012345678901" not in text


def test_league_funnel_and_freshness(sample):
    summary = build_summary(sample, AS_OF)
    league = kanwil.league_table(summary["units"])
    assert list(league["rank"]) == list(range(1, len(summary["units"]) + 1))
    assert list(league["wbk_failing"]) == sorted(league["wbk_failing"])
    registered = len(summary["units"]) + 2
    stages = kanwil.funnel(summary["units"], registered=registered)
    assert stages["units"].iloc[0] == registered and list(stages["units"]) == sorted(stages["units"], reverse=True)
    registered = pd.DataFrame({"key": ["lapas-malang", "lapas-x"], "unit": ["Lapas Kelas I Malang", "Lapas X"]})
    versions = pd.DataFrame({"unit_key": ["lapas-malang"], "kind": ["action_plan"], "deleted": [False],
                             "period_end": [date(2026, 6, 30)], "uploaded_at": [pd.Timestamp("2026-11-01", tz="UTC")]})
    fresh = kanwil.freshness(registered, versions, AS_OF, 45).set_index("key")
    assert fresh.loc["lapas-malang", "action_plan_state"] == "lama"  # June data uploaded in November is still old
    assert fresh.loc["lapas-malang", "survey_state"] == "belum unggah"
    assert fresh.loc["lapas-x", "state"] == "belum unggah"


def test_review_reasons():
    report = {"sheets": [
        {"name": "A", "kind": "unknown", "rows": 0, "rejected_rows": 0, "confidence": 0},
        {"name": "B", "kind": "survey", "rows": 0, "rejected_rows": 40, "confidence": 20},
        {"name": "C", "kind": "action_plan", "rows": 30, "rejected_rows": 1, "confidence": 9.5},
        {"name": "D", "kind": "recap", "rows": 0, "rejected_rows": 0, "confidence": 0}]}
    assert upload.review_reasons(report) == {"A": "jenis tabel tidak dikenali", "B": "sebagian besar baris ditolak"}
    # a report of this version carries its own verdict: its 0–1 confidence is no header score
    sure = {"name": "C", "kind": "action_plan", "rows": 30, "rejected_rows": 1, "confidence": 0.97, "needs_review": False,
            "review": []}
    unsure = {**sure, "name": "E", "needs_review": True, "review": ["judul kolom hanya cocok lemah"]}
    assert upload.review_reasons({"sheets": [sure, unsure]}) == {"E": "judul kolom hanya cocok lemah"}


def test_what_if_of_a_survey_action_passes_its_check(sample):
    regulation = load_regulation()
    key = "lapas-malang"
    result = unit_readiness(sample.frames, key, AS_OF, regulation)
    steps = overview._survey_steps(result, regulation, "wbk")
    assert steps
    for _, changes in steps:
        after = what_if(result.inputs, regulation, AS_OF, **changes)["after"]
        survey = next(iter(changes)).removesuffix("_index")
        assert next(c for c in after.checks["wbk"] if c.id == survey).passed


def test_settings_permissions_and_reread_rights(tmp_path):
    from zi_analytics.ingest import SheetOverride
    from zi_analytics.settings import UnitInputs, load_settings, save_settings
    from zi_analytics.store import LAPTOP_USER, AccessDenied, Principal, Workspace

    ws = Workspace.open(f"sqlite:///{tmp_path}/w.sqlite")
    import_paths(ws, ["sample_data/Lapas Malang", "sample_data/Lapas Banyuwangi"], LAPTOP_USER)
    operator = Principal("op.mlg", "operator", unit_key="lapas-malang")
    other = Principal("op.bwi", "operator", unit_key="lapas-banyuwangi")
    settings = load_settings(ws)
    with pytest.raises(AccessDenied):
        save_settings(ws, operator, settings.model_copy(update={"thresholds": {"total": {"wbk": 70.0, "wbbm": 80.0}}}))
    save_settings(ws, operator, settings.with_unit("lapas-malang", UnitInputs(capaian_kinerja=4.0)))
    assert load_settings(ws).unit("lapas-malang").capaian_kinerja == 4.0
    with pytest.raises(AccessDenied):
        save_settings(ws, operator, load_settings(ws).with_unit("lapas-banyuwangi", UnitInputs(population=300)))
    save_settings(ws, LAPTOP_USER, load_settings(ws).model_copy(update={"thresholds": {"total": {"wbk": 60.0, "wbbm": 80.0}}}))
    assert next(t for t in load_settings(ws).regulation().thresholds if t.id == "total").wbk == 60.0
    files = ws.files(LAPTOP_USER)
    file_id = int(files.loc[files["name"] == "RA ZI LAPAS MALANG OKT 2026.xls", "id"].iloc[0])
    with pytest.raises(AccessDenied):
        reread(ws, other, file_id, {})
    before = ws.data_version()
    outcome = reread(ws, LAPTOP_USER, file_id, {"RA ZI": SheetOverride(kind="action_plan")})
    assert outcome.status == "reread" and outcome.result.rows == 32 and ws.data_version() != before
    assert ws.audit_log(LAPTOP_USER, 1)["action"].iloc[0] == "reread"
    ws.close()
