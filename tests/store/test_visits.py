"""Studi tiru visits (issue 27 item 4) on SQLite and PostgreSQL: recorded by whoever may change the visiting
unit, shown to both units, audited, kept by a backup, and refused in Indonesian when they make no sense."""

from __future__ import annotations

import io
from datetime import date
import pytest

from support.units_world import server_workspace
from zi_analytics.store import LAPTOP_USER, AccessDenied, Principal, VisitError

AS_OF = date(2026, 11, 23)
A, B, C = "lapas-banyuwangi", "lapas-malang", "rutan-surabaya"
OP_A = Principal("operator.bwi", "operator", unit_key=A)
OP_B = Principal("operator.mlg", "operator", unit_key=B)
BOSS_A = Principal("kalapas.bwi", "pimpinan", unit_key=A)
JATIM = Principal("kanwil.jatim", "kanwil", kanwil="Jawa Timur")
BALI = Principal("kanwil.bali", "kanwil", kanwil="Bali")


@pytest.fixture
def ws(db_url, tmp_path):
    workspace = server_workspace(db_url, tmp_path, ("LAPAS KELAS IIA BANYUWANGI", "LAPAS KELAS I MALANG", "RUTAN KELAS I SURABAYA"),
                                 AS_OF)
    yield workspace
    workspace.close()


def test_a_visit_recorded_by_the_visitor_shows_on_both_units_and_in_the_audit_log(ws):
    new = ws.record_visit(OP_A, C, A, date(2026, 3, 12), ["penguatan_pengawasan", "pelayanan_publik"], "  WBS daring  ")
    mine, theirs = ws.visits(OP_A, A), ws.visits(JATIM, C)
    assert list(mine["id"]) == list(theirs["id"]) == [new]
    row = mine.iloc[0]
    assert (row["host_key"], row["visitor_key"], row["visit_date"], row["areas"], row["adopted"]) == (
        C, A, date(2026, 3, 12), ["penguatan_pengawasan", "pelayanan_publik"], "WBS daring")
    entry = ws.audit_log(OP_A).iloc[0]
    assert (entry["action"], entry["target"]) == ("visit", A)


def test_only_who_may_change_the_visiting_unit_records_its_visit(ws):
    for who in (OP_B, BOSS_A, BALI):
        with pytest.raises(AccessDenied) as denied:
            ws.record_visit(who, C, A, date(2026, 3, 12), ["penguatan_pengawasan"], "")
        assert str(denied.value).startswith("Peran ")
    assert ws.visits(LAPTOP_USER, A).empty
    ws.record_visit(JATIM, C, A, date(2026, 4, 1), ["penataan_sdm"], "")  # the Kanwil records for its unit
    assert len(ws.visits(LAPTOP_USER, A)) == 1


def test_a_user_sees_the_visits_of_units_it_sees_only(ws):
    ws.record_visit(OP_A, C, A, date(2026, 3, 12), ["penguatan_pengawasan"], "")
    assert len(ws.visits(OP_A, A)) == 1 and ws.visits(OP_B, A).empty and ws.visits(BALI, C).empty


@pytest.mark.parametrize(("host", "areas", "words"), [
    (A, ["penguatan_pengawasan"], "tuan rumah"), ("lapas-tidak-ada", ["penguatan_pengawasan"], "tuan rumah"),
    (C, [], "sedikitnya satu area"), (C, ["bukan_area"], "sedikitnya satu area")])
def test_a_visit_that_makes_no_sense_is_refused_in_indonesian(ws, host, areas, words):
    with pytest.raises(VisitError) as refused:
        ws.record_visit(OP_A, host, A, date(2026, 3, 12), areas, "")
    assert words in str(refused.value)
    assert ws.visits(LAPTOP_USER, A).empty


def test_a_backup_keeps_the_visits(ws, db_url):
    ws.record_visit(OP_A, C, A, date(2026, 3, 12), ["penguatan_pengawasan"], "WBS")
    archive = io.BytesIO()
    counts = ws.backup(LAPTOP_USER, archive)
    assert counts["visits"] == 1
    ws.record_visit(OP_A, B, A, date(2026, 5, 1), ["penataan_sdm"], "")
    archive.seek(0)
    ws.restore(LAPTOP_USER, archive)
    assert list(ws.visits(LAPTOP_USER, A)["host_key"]) == [C]
