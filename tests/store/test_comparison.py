"""Stored comparison figures (issue 28 item 1) on SQLite and PostgreSQL, over the sample Kanwil: every unit's
stored row equals a fresh computation from its data; a change of one unit's data or inputs outdates that unit
only, a rule for every unit outdates them all; each user reads the rows of the units it may see."""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import write_xlsx
from zi_analytics.comparison import comparison_units, outdated, trimmed
from zi_analytics.services import import_bytes
from zi_analytics.services.seeding import ensure_seeded
from zi_analytics.settings import load_settings, save_settings, seed_sample_settings, uploaded_predicates
from zi_analytics.store import LAPTOP_USER, Principal, Workspace
from zi_analytics.store.config import WorkspaceConfig
from zi_analytics.summary import build_summary
from zi_analytics.views import national

AS_OF = date(2026, 11, 30)


@pytest.fixture(scope="module")
def ws(module_db_url):
    url = module_db_url
    workspace = Workspace.open(config=WorkspaceConfig(database_url=url, seed_sample=True))
    assert ensure_seeded(workspace) and seed_sample_settings(workspace)
    workspace.set_unit_kanwil(LAPTOP_USER, "lapas-madiun", "Jawa Tengah")
    yield workspace
    workspace.close()


def fresh_figures(ws: Workspace) -> dict[str, dict]:
    dataset = ws.dataset(LAPTOP_USER)
    settings = load_settings(ws).with_records(uploaded_predicates(dataset.frames["predicates"]))
    held = settings.held()
    return {u["key"]: json.loads(json.dumps(trimmed(u, held.get(u["key"], "")), default=str))
            for u in build_summary(dataset, AS_OF, options=settings.options)["units"]}


def test_every_units_stored_figures_equal_a_fresh_computation(ws):
    settings = load_settings(ws)
    steps = []
    stored = comparison_units(ws, LAPTOP_USER, settings, AS_OF, progress=lambda done, total: steps.append((done, total)))
    expected = fresh_figures(ws)
    assert [u["key"] for u in stored] == list(expected) and len(stored) == 11
    for unit in stored:
        assert unit == expected[unit["key"]], unit["key"]
    assert steps and steps[-1] == (11, 11)
    assert outdated(ws, LAPTOP_USER, settings, AS_OF) == []
    assert {u["key"]: u["held"] for u in stored if u["held"]} == {"lapas-surabaya": "WBK 2023", "rutan-surabaya": "WBK 2025"}


def test_a_change_outdates_the_units_it_touches_and_no_other(ws, tmp_path):
    settings = load_settings(ws)
    comparison_units(ws, LAPTOP_USER, settings, AS_OF)
    plan = write_xlsx(tmp_path / "ra_malang.xlsx", {"RA": [
        ["LAPAS KELAS I MALANG"], ["Posisi 30 November 2026"], ["Kegiatan", "Area Perubahan", "PIC", "Target", "Progres"],
        ["Penetapan Tim Pokja", "Manajemen Perubahan", "KPLP", "Januari 2026", "100%"]]})
    assert import_bytes(ws, plan.read_bytes(), plan.name, LAPTOP_USER, today=AS_OF).status == "stored"
    assert outdated(ws, LAPTOP_USER, settings, AS_OF) == ["lapas-malang"]
    comparison_units(ws, LAPTOP_USER, settings, AS_OF)
    inputs = settings.unit("bapas-kediri").model_copy(update={"population": 5000})
    one = settings.with_unit("bapas-kediri", inputs)
    assert outdated(ws, LAPTOP_USER, one, AS_OF) == ["bapas-kediri"]
    every = settings.model_copy(update={"stale_after_days": settings.stale_after_days + 1})
    assert len(outdated(ws, LAPTOP_USER, every, AS_OF)) == 11


def test_each_user_reads_the_figures_of_the_units_it_may_see(ws):
    settings = load_settings(ws)
    everyone = comparison_units(ws, LAPTOP_USER, settings, AS_OF)
    jatim = comparison_units(ws, Principal("kanwil.jatim", "kanwil", kanwil="Jawa Timur"), settings, AS_OF)
    operator = comparison_units(ws, Principal("op", "operator", unit_key="lapas-banyuwangi"), settings, AS_OF)
    assert {u["key"] for u in jatim} == {u["key"] for u in everyone} - {"lapas-madiun"}
    assert [u["key"] for u in operator] == ["lapas-banyuwangi"]
    registered = ws.units(LAPTOP_USER)
    table = national.kanwil_table(everyone, registered, registered.assign(state="baru")).set_index("kanwil")
    assert table.loc["Jawa Timur", "declared"] == 10 and table.loc["Jawa Tengah", "with_data"] == 1
    assert table["wbk"].sum() == sum(u["readiness"]["wbk"]["ready"] for u in everyone)
    only = national.filter_registered(registered, ["Jawa Tengah"], [], [])
    assert list(only["key"]) == ["lapas-madiun"] and [u["key"] for u in national.filter_units(everyone, only)] == ["lapas-madiun"]
    bapas = national.filter_registered(registered, [], ["bapas"], [])
    assert set(bapas["key"]) == {"bapas-jember", "bapas-kediri"}


def test_worker_processes_store_the_same_figures(ws):
    """A refresh of many units runs in worker processes, each reading and storing its own part."""
    from zi_analytics.comparison import refresh

    settings = load_settings(ws)
    changed = settings.model_copy(update={"stale_after_days": settings.stale_after_days + 2})
    stale = outdated(ws, LAPTOP_USER, changed, AS_OF)
    steps = []
    refresh(ws, changed, AS_OF, stale, progress=lambda done, total: steps.append(done), workers=2)
    assert outdated(ws, LAPTOP_USER, changed, AS_OF) == [] and steps[-1] == len(stale) == 11
    save_settings(ws, LAPTOP_USER, changed)
    try:
        expected = fresh_figures(ws)
        assert {u["key"]: u for u in comparison_units(ws, LAPTOP_USER, changed, AS_OF)} == expected
    finally:
        save_settings(ws, LAPTOP_USER, settings)
