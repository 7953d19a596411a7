"""The studi tiru sharing scope (issue 27 item 6) on SQLite and PostgreSQL, over the sample Kanwil: a unit user
learns its Kanwil peers' area figures, predicates, finished activity titles and innovations, the same figures the
Kanwil sees, and nothing else: no name, complaint, survey figure or answer, description or evidence link."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from zi_analytics.services.seeding import ensure_seeded
from zi_analytics.settings import Settings, load_settings, save_settings, uploaded_predicates
from zi_analytics.sharing import AREA_FIELDS, INNOVATION_FIELDS, UNIT_FIELDS, shared_peers
from zi_analytics.store import LAPTOP_USER, AccessDenied, Principal, Workspace
from zi_analytics.store.access import MASK
from zi_analytics.store.config import WorkspaceConfig
from zi_analytics.summary import build_summary

AS_OF = date(2026, 11, 30)
ME, ELSEWHERE = "lapas-banyuwangi", "lapas-madiun"
OPERATOR = Principal("op.bwi", "operator", unit_key=ME)
BOSS = Principal("kalapas.bwi", "pimpinan", unit_key=ME)
JATIM = Principal("kanwil.jatim", "kanwil", kanwil="Jawa Timur")
ALONE = Principal("op.madiun", "operator", unit_key=ELSEWHERE)


@pytest.fixture(scope="module")
def ws(module_db_url):
    """The sample Kanwil in server mode, Lapas Madiun moved to another Kanwil."""
    url = module_db_url
    workspace = Workspace.open(config=WorkspaceConfig(database_url=url, mode="server", cookie_secret="x" * 40, seed_sample=True))
    assert ensure_seeded(workspace)
    workspace.set_unit_kanwil(LAPTOP_USER, ELSEWHERE, "Jawa Tengah")
    yield workspace
    workspace.close()


def kanwil_view(ws: Workspace) -> tuple[dict, dict[str, pd.DataFrame]]:
    """What the Kanwil user sees of every unit: the figures the shared ones must equal, the frames they must hide."""
    dataset = ws.dataset(JATIM)
    settings = load_settings(ws).with_records(uploaded_predicates(dataset.frames["predicates"]))
    return {u["key"]: u for u in build_summary(dataset, AS_OF, options=settings.options)["units"]}, dataset.frames


def test_an_operator_learns_its_kanwil_peers_area_figures_and_predicates_as_the_kanwil_sees_them(ws):
    shared = shared_peers(ws, OPERATOR, load_settings(ws), AS_OF)
    figures, _ = kanwil_view(ws)
    expected = set(figures) - {ME, ELSEWHERE}
    assert {u["key"] for u in shared.units} == expected and len(expected) >= 8
    for unit in shared.units:
        theirs = figures[unit["key"]]["readiness"]["areas"]
        assert unit["readiness"]["areas"] == {a: {f: theirs[a][f] for f in AREA_FIELDS} for a in theirs}
    assert shared.held == {"lapas-surabaya": "WBK 2023", "rutan-surabaya": "WBK 2025"}
    assert ws.dataset(OPERATOR).unit_keys == [ME]  # the operator's own data stays its unit's alone


def test_the_operator_gets_the_peers_finished_activity_titles_and_innovations(ws):
    shared = shared_peers(ws, OPERATOR, load_settings(ws), AS_OF)
    _, frames = kanwil_view(ws)
    peers = {u["key"] for u in shared.units}
    innovations = frames["innovations"].loc[frames["innovations"]["unit_key"].isin(peers)]
    assert len(innovations) >= 5
    assert sorted(shared.innovations["name"]) == sorted(innovations["name"])
    assert list(shared.innovations["status"]) == list(innovations["status"])
    assert len(shared.completed) > 10 and set(shared.completed["unit_key"]) <= peers
    plans = frames["action_plan"]
    assert set(shared.completed["activity"]) <= set(plans.loc[plans["progress"].astype(float) >= 100, "activity"])


def test_nothing_beyond_the_shared_set_crosses_to_an_operator(ws):
    shared = shared_peers(ws, OPERATOR, load_settings(ws), AS_OF)
    for unit in shared.units:
        assert set(unit) == set(UNIT_FIELDS) and set(unit["readiness"]) == {"areas"}
        assert unit["surveys"] == {"ipak": None, "ipkp": None}
    filled = [c for c in shared.innovations.columns if shared.innovations[c].notna().any()]
    assert set(filled) <= set(INNOVATION_FIELDS)
    assert set(shared.completed.columns) == {"unit_key", "area", "activity", "evidence"} and (shared.completed["evidence"] == "").all()
    _, frames = kanwil_view(ws)
    peers = {u["key"] for u in shared.units}
    private = set()
    for name, columns in {"complaints": ("complainant", "phone", "description", "follow_up"), "survey_responses": ("suggestion",),
                          "action_plan": ("pic", "evidence"), "innovations": ("pic", "description", "evidence")}.items():
        frame = frames[name].loc[frames[name]["unit_key"].isin(peers)]
        private |= {str(v).strip() for c in columns if c in frame for v in frame[c].dropna() if len(str(v).strip()) >= 6}
    assert len(private) > 30  # the sweep has something to find
    crossing = json.dumps(shared.units, default=str) + shared.completed.to_csv() + shared.innovations.to_csv()
    titles = set(shared.completed["activity"]) | set(shared.innovations["name"])
    leaked = sorted(v for v in private if v in crossing and not any(v in title for title in titles))  # "Laporan" is a title's word
    assert leaked == []


def test_the_peers_data_is_read_with_personal_columns_masked(ws):
    complaints = ws.peer_dataset(OPERATOR).frames["complaints"]
    assert len(complaints) and set(complaints["complainant"].dropna()) <= {MASK, ""}


def test_a_pimpinan_learns_the_same_peers_and_kanwil_or_admin_users_need_no_sharing(ws):
    settings = load_settings(ws)
    assert [u["key"] for u in shared_peers(ws, BOSS, settings, AS_OF).units] == [u["key"] for u in shared_peers(ws, OPERATOR, settings, AS_OF).units]
    for whole in (JATIM, LAPTOP_USER):
        assert shared_peers(ws, whole, settings, AS_OF).units == []


def test_a_unit_alone_in_its_kanwil_learns_of_no_other_kanwil(ws):
    assert shared_peers(ws, ALONE, load_settings(ws), AS_OF).units == []


def test_only_the_admin_turns_sharing_off_for_a_kanwil_and_then_nothing_is_shared(ws):
    before = load_settings(ws)
    off = before.model_copy(update={"sharing_off": ["Jawa Timur"]})
    for who in (OPERATOR, JATIM):
        with pytest.raises(AccessDenied):
            save_settings(ws, who, off)
    save_settings(ws, LAPTOP_USER, off)
    try:
        assert shared_peers(ws, OPERATOR, load_settings(ws), AS_OF).units == []
        assert Settings.from_text(load_settings(ws).to_text()).sharing_off == ["Jawa Timur"]
    finally:
        save_settings(ws, LAPTOP_USER, before)
    assert shared_peers(ws, OPERATOR, load_settings(ws), AS_OF).units
