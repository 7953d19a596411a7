"""The workspace store on real SQLite files and real PostgreSQL databases: imports, versions, backups.

Every test takes `db_url` (a fresh database per test, both backends). The bundled sample data is
imported once per backend through the command line (`sample_db`) and only read or backed up there;
tests that change data work in their own database with small generated files.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa

from conftest import write_csv, write_xlsx
from support.store_checks import SAMPLE_FILES, SAMPLE_UNITS
from zi_analytics.dataset import combine
from zi_analytics.ingest import ingest_file
from zi_analytics.normalize.units import UnitRegistry
from zi_analytics.readiness.forecast import area_history
from zi_analytics.store import LAPTOP_USER, AccessDenied, Principal, Workspace
from zi_analytics.store import schema
from zi_analytics.store.backup import BackupError
from zi_analytics.store.engine import create_workspace_engine, current_revision, head_revision, upgrade
from zi_analytics.store.frames import to_bytes
from zi_analytics.store.split import split_result
from zi_analytics.summary import build_summary
from zi_analytics.services import import_bytes, import_paths, reread

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data"
AS_OF = date(2026, 11, 23)
AS_OF_TEXT = AS_OF.isoformat()
ADMIN = Principal("admin-uji", "admin")
BWI = "lapas-banyuwangi"
MALANG = "lapas-malang"
PEREMPUAN = "lapas-perempuan-malang"


# ---- running things -------------------------------------------------------------------------------

def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zi_analytics", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def cli_json(*args: str) -> Any:
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout)


def backend(url: str) -> str:
    return sa.engine.make_url(url).get_backend_name()


def jsonable(value: Any) -> Any:
    """A report as the CLI prints it (numpy numbers and dates turned into plain JSON values)."""
    def default(item: Any) -> Any:
        if isinstance(item, date):
            return item.isoformat()
        if hasattr(item, "item"):
            return item.item()
        raise TypeError(type(item).__name__)
    return json.loads(json.dumps(value, default=default, ensure_ascii=False))


def summary_of(ws: Workspace, principal: Principal = LAPTOP_USER, unit_keys: list[str] | None = None) -> dict:
    """What `summarize --db` reports: a predicate list among the data answers 'WBK already held', as from files."""
    from zi_analytics.settings import options_with_records, uploaded_predicates
    from zi_analytics.summary import ReadinessOptions

    dataset = ws.dataset(principal)
    options = options_with_records(ReadinessOptions(), uploaded_predicates(dataset.frames["predicates"]))
    return jsonable(build_summary(dataset, AS_OF, unit_keys, options))


def unit_of(ws: Workspace, key: str) -> dict:
    report = summary_of(ws)
    return next(u for u in report["units"] if u["key"] == key)


def version_records(ws: Workspace, unit_key: str | None = None) -> list[dict]:
    """versions() as plain comparable records (the same on both backends)."""
    table = ws.versions(LAPTOP_USER, unit_key)
    records = []
    for row in table.to_dict("records"):
        records.append({
            "id": int(row["id"]), "file_id": int(row["file_id"]), "unit_key": row["unit_key"], "kind": row["kind"],
            "survey": row["survey"], "period_start": row["period_start"], "period_end": row["period_end"],
            "rows": int(row["rows"]), "file": row["file"], "uploaded_by": row["uploaded_by"],
            "uploaded_at": row["uploaded_at"].astimezone(UTC), "deleted": bool(row["deleted"]),
            "status": row["status"],
            "superseded_by": None if row["superseded_by"] is None else int(row["superseded_by"]),
        })
    return sorted(records, key=lambda r: r["id"])


def by_file(records: list[dict], file_id: int) -> list[dict]:
    return [r for r in records if r["file_id"] == file_id]


def only(records: list[dict], file_id: int) -> dict:
    found = by_file(records, file_id)
    assert len(found) == 1, found
    return found[0]


def table_counts(ws: Workspace) -> dict[str, int]:
    with ws.engine.connect() as conn:
        return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for t in schema.TABLE_ORDER}


def import_one(ws: Workspace, path: Path, principal: Principal = ADMIN):
    outcome = import_bytes(ws, path.read_bytes(), path.name, principal, path_label=str(path), today=AS_OF)
    assert outcome.status == "stored", (outcome.status, outcome.messages, outcome.result.errors)
    return outcome


@pytest.fixture
def open_ws():
    """Workspace.open, with every engine disposed after the test (PostgreSQL connections are counted)."""
    opened: list[Workspace] = []

    def make(url: str | None, **kwargs: Any) -> Workspace:
        ws = Workspace.open(url, **kwargs)
        opened.append(ws)
        return ws

    yield make
    for ws in opened:
        ws.close()


# ---- the sample data, imported once per backend ---------------------------------------------------

@pytest.fixture(scope="module")
def _sample_cache() -> dict[str, dict]:
    return {}


def _sample_for(kind: str, request, cache: dict[str, dict], tmp_path_factory) -> dict:
    """A database holding the sample data imported through `python -m zi_analytics import`; made once per module."""
    if kind not in cache:
        if kind == "sqlite":
            url = f"sqlite:///{(tmp_path_factory.mktemp('sample') / 'sample.sqlite').as_posix()}"
        else:
            server = request.getfixturevalue("postgres")
            if server is None:
                pytest.skip("PostgreSQL tidak tersedia di mesin ini")
            url = server.new_database()
        first = run_cli("import", "sample_data", "--db", url)
        history = run_cli("history", "--db", url, "--unit", "Lapas Banyuwangi", "--json")
        cache[kind] = {"url": url, "first": first, "history": history}
    return cache[kind]


@pytest.fixture
def sample_db(request, db_url, _sample_cache, tmp_path_factory) -> dict:
    """The sample workspace of db_url's backend (read it, back it up; never change its data)."""
    return _sample_for(backend(db_url), request, _sample_cache, tmp_path_factory)


@pytest.fixture(scope="module")
def file_summaries() -> dict[str, dict]:
    """`summarize sample_data --json` read straight from the files, whole and for one unit."""
    return {"all": cli_json("summarize", "sample_data", "--json", "--as-of", AS_OF_TEXT),
            "bwi": cli_json("summarize", "sample_data", "--json", "--as-of", AS_OF_TEXT, "--unit", "Lapas Banyuwangi")}


# ---- generated files ------------------------------------------------------------------------------

def plan_file(path: Path, posisi: str, progress: tuple[str, str], unit_title: str = "LAPAS KELAS IIA BANYUWANGI") -> Path:
    """An action plan of one unit at one snapshot date ('Posisi 31 Oktober 2026'), two activities."""
    rows = [["RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS"], [unit_title], ["TAHUN 2026", "", "", f"Posisi {posisi}"], [],
            ["No", "Kegiatan", "Area Perubahan", "PIC", "Target", "Progres"],
            [1, "Pembentukan Tim ZI", "Manajemen Perubahan", "KPLP", "Januari 2026", progress[0]],
            [2, "Penyusunan SOP layanan", "Penataan Tatalaksana", "Kasi Binadik", "Juni 2026", progress[1]]]
    return write_xlsx(path, {"Rencana Aksi": rows})


REGISTER_HEADER = ["No", "Tanggal Pengaduan", "Nama Pelapor", "No. HP", "Saluran", "Uraian Pengaduan", "Status", "Tanggal Selesai"]


def register_file(path: Path, rows: list[list[str]], unit_title: str = "LAPAS KELAS I MALANG") -> Path:
    """A complaint register exported as a semicolon CSV (cells kept exactly as typed, '=1+1' included)."""
    body = [[str(i + 1), *row] for i, row in enumerate(rows)]
    return write_csv(path, [[f"REGISTER PENGADUAN {unit_title}"], [], REGISTER_HEADER, *body], delimiter=";")


IKM_QUESTIONS = [
    "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
    "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "Bagaimana pendapat saudara perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
    "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
]


def ikm_file(path: Path, stamps: list[datetime], value: int) -> Path:
    """An IKM export (Google Form style): one row per respondent, every unsur answered `value` (1-4)."""
    rows = [["Timestamp", "Jenis Layanan", *IKM_QUESTIONS]] + [[s, "Kunjungan", *[value] * 9] for s in stamps]
    return write_xlsx(path, {"Form Responses 1": rows})


# ---- 1. idempotent import -------------------------------------------------------------------------

def test_importing_the_samples_twice_stores_each_file_once(db_url, sample_db, open_ws):
    first = sample_db["first"]
    assert first.returncode == 0, first.stderr
    assert f"{SAMPLE_FILES} disimpan, 0 sudah ada" in first.stdout

    ws = open_ws(sample_db["url"])
    files_before = ws.files(LAPTOP_USER)
    versions_before = version_records(ws)
    counts_before = table_counts(ws)
    assert len(files_before) == SAMPLE_FILES and files_before["name"].is_unique
    assert counts_before["files"] == counts_before["file_blobs"] == SAMPLE_FILES
    assert {r["status"] for r in versions_before} == {"current"}

    again = import_paths(ws, [SAMPLES], LAPTOP_USER)
    assert len(again) == SAMPLE_FILES
    assert [o.status for o in again] == ["duplicate"] * SAMPLE_FILES
    assert {o.file_id for o in again} == set(files_before["id"])
    for outcome in again:
        assert outcome.datasets == 0 and outcome.result.errors == []
        assert len(outcome.messages) == 1
        assert "sudah tersimpan" in outcome.messages[0] and "tidak ada yang berubah" in outcome.messages[0]
        assert "cli:" in outcome.messages[0]  # who stored it first

    cli_again = run_cli("import", "sample_data", "--db", sample_db["url"])
    assert cli_again.returncode == 0, cli_again.stderr
    assert f"0 disimpan, {SAMPLE_FILES} sudah ada, 0 dipulihkan, 0 gagal." in cli_again.stdout
    assert cli_again.stdout.count("[SUDAH ADA]") == SAMPLE_FILES and "[DISIMPAN]" not in cli_again.stdout

    assert table_counts(ws) == counts_before
    assert version_records(ws) == versions_before
    assert sample_db["history"].returncode == 0, sample_db["history"].stderr
    before = json.loads(sample_db["history"].stdout)
    after = cli_json("history", "--db", sample_db["url"], "--unit", "Lapas Banyuwangi", "--json")
    assert after == before
    assert after["key"] == BWI
    assert {(v["file"], v["kind"], v["survey"]) for v in after["versions"]} == {
        ("Rencana Aksi ZI Lapas Kelas IIA Banyuwangi 2026.xlsx", "action_plan", None),
        ("Monitoring_ZI_Kanwil_Jatim.xlsx", "action_plan", None),
        ("Monitoring Bulanan ZI Kanwil Jatim 2025.xlsx", "action_plan", None),
        ("Survei IKM SPAK SPKP 2026.xlsx", "survey", "ikm"),
        ("Survei IKM SPAK SPKP 2026.xlsx", "survey", "ipak"),
        ("Survei IKM SPAK SPKP 2026.xlsx", "survey", "ipkp"),
        ("register_pengaduan_2025-2026.csv", "complaints", None),
        ("Daftar Inovasi Lapas Banyuwangi.xlsx", "innovation", None)}
    assert {v["status"] for v in after["versions"]} == {"current"}


# ---- 2. stored data summarises exactly like the files ---------------------------------------------

def test_summary_from_the_workspace_equals_the_summary_from_the_files(db_url, sample_db, file_summaries):
    stored = cli_json("summarize", "--db", sample_db["url"], "--json", "--as-of", AS_OF_TEXT)
    assert stored == file_summaries["all"]
    assert len(stored["units"]) == SAMPLE_UNITS and len(stored["files"]) == SAMPLE_FILES

    one = cli_json("summarize", "--db", sample_db["url"], "--json", "--as-of", AS_OF_TEXT, "--unit", "Lapas Banyuwangi")
    assert one == file_summaries["bwi"]
    assert [u["key"] for u in one["units"]] == [BWI]


# ---- 3. supersede rules and history ---------------------------------------------------------------

def test_action_plan_snapshots_form_a_trend_and_a_corrected_export_supersedes(db_url, tmp_path, open_ws):
    ws = open_ws(db_url)
    august = import_one(ws, plan_file(tmp_path / "RA Agustus.xlsx", "31 Agustus 2026", ("20%", "40%")))
    october = import_one(ws, plan_file(tmp_path / "RA Oktober.xlsx", "31 Oktober 2026", ("60%", "80%")))

    versions = version_records(ws, BWI)
    assert len(versions) == 2
    aug_v, oct_v = only(versions, august.file_id), only(versions, october.file_id)
    assert (aug_v["status"], oct_v["status"]) == ("current", "current")
    assert (aug_v["period_start"], aug_v["period_end"]) == (date(2026, 8, 31), date(2026, 8, 31))
    assert (oct_v["period_start"], oct_v["period_end"]) == (date(2026, 10, 31), date(2026, 10, 31))
    plan = unit_of(ws, BWI)["action_plan"]
    assert plan["activities"] == 2 and plan["completion_pct"] == pytest.approx(70.0)
    assert plan["areas"] == pytest.approx({"manajemen_perubahan": 60.0, "penataan_tatalaksana": 80.0})
    trend = area_history(ws.dataset(LAPTOP_USER).frames["action_plan"], AS_OF)
    points = {(row.snapshot_date.date(), row.area): row.pct for row in trend.itertuples()}
    assert points == pytest.approx({(date(2026, 8, 31), "manajemen_perubahan"): 20.0,
                                    (date(2026, 8, 31), "penataan_tatalaksana"): 40.0,
                                    (date(2026, 10, 31), "manajemen_perubahan"): 60.0,
                                    (date(2026, 10, 31), "penataan_tatalaksana"): 80.0})

    corrected = import_one(ws, plan_file(tmp_path / "RA Oktober revisi.xlsx", "31 Oktober 2026", ("70%", "100%")))
    versions = version_records(ws, BWI)
    fix_v = only(versions, corrected.file_id)
    assert fix_v["status"] == "current" and fix_v["period_start"] == date(2026, 10, 31)
    assert only(versions, october.file_id)["status"] == "superseded"
    assert only(versions, october.file_id)["superseded_by"] == fix_v["id"]
    assert only(versions, august.file_id)["status"] == "current"
    frame = ws.dataset(LAPTOP_USER).frames["action_plan"]
    assert len(frame) == 4  # August's two rows and the corrected October's two, never the replaced ones
    plan = unit_of(ws, BWI)["action_plan"]
    assert plan["completion_pct"] == pytest.approx(85.0)
    assert plan["areas"] == pytest.approx({"manajemen_perubahan": 70.0, "penataan_tatalaksana": 100.0})
    trend = area_history(frame, AS_OF)
    assert sorted({d.date() for d in trend["snapshot_date"]}) == [date(2026, 8, 31), date(2026, 10, 31)]
    october_points = trend.loc[trend["snapshot_date"] == pd.Timestamp(2026, 10, 31)].set_index("area")["pct"].to_dict()
    assert october_points == pytest.approx({"manajemen_perubahan": 70.0, "penataan_tatalaksana": 100.0})

    history = cli_json("history", "--db", db_url, "--unit", "lapas banyuwangi", "--json")
    assert history["key"] == BWI
    shown = {v["dataset_id"]: v for v in history["versions"]}
    assert [v["dataset_id"] for v in history["versions"]] == [fix_v["id"], oct_v["id"], aug_v["id"]]  # newest first
    assert shown[fix_v["id"]]["status"] == "current" and shown[fix_v["id"]]["superseded_by"] is None
    assert shown[oct_v["id"]]["status"] == "superseded" and shown[oct_v["id"]]["superseded_by"] == fix_v["id"]
    assert shown[aug_v["id"]]["status"] == "current"
    assert shown[aug_v["id"]]["period_start"] == "2026-08-31" and shown[oct_v["id"]]["file"] == "RA Oktober.xlsx"
    assert all(v["rows"] == 2 and v["kind"] == "action_plan" for v in history["versions"])


def test_newer_complaint_export_supersedes_the_overlapping_one_without_double_counting(db_url, tmp_path, open_ws):
    ws = open_ws(db_url)
    first_half = [["05/01/2026", "Ani", "0812", "WhatsApp", "Antrian kunjungan lama", "Selesai", "07/01/2026"],
                  ["10/02/2026", "Budi", "0813", "SP4N-LAPOR!", "Dugaan pungli", "Proses", ""],
                  ["15/03/2026", "Citra", "", "Kotak pengaduan", "Remisi", "Selesai", "20/03/2026"],
                  ["20/06/2026", "Dedi", "", "Datang langsung", "Air bersih", "Proses", ""]]
    old = import_one(ws, register_file(tmp_path / "Register Pengaduan Jan-Jun 2026.csv", first_half))
    assert unit_of(ws, MALANG)["complaints"]["total"] == 4

    updated = [first_half[0], [*first_half[1][:5], "Selesai", "20/02/2026"], first_half[2], first_half[3],
               ["01/08/2026", "Eka", "", "WhatsApp", "Obat", "Selesai", "03/08/2026"],
               ["09/09/2026", "Fajar", "", "Telepon", "Kunjungan", "Proses", ""]]
    new = import_one(ws, register_file(tmp_path / "Register Pengaduan Jan-Sep 2026.csv", updated))

    versions = version_records(ws, MALANG)
    old_v, new_v = only(versions, old.file_id), only(versions, new.file_id)
    assert (old_v["period_start"], old_v["period_end"]) == (date(2026, 1, 5), date(2026, 6, 20))
    assert (new_v["period_start"], new_v["period_end"]) == (date(2026, 1, 5), date(2026, 9, 9))
    assert new_v["status"] == "current"
    assert old_v["status"] == "superseded" and old_v["superseded_by"] == new_v["id"]
    complaints = unit_of(ws, MALANG)["complaints"]
    assert complaints["total"] == 6  # not 10: the old export's four rows are not counted again
    assert complaints["resolved"] == 4
    assert complaints["per_month"] == {"2026-01": 1, "2026-02": 1, "2026-03": 1, "2026-06": 1, "2026-08": 1, "2026-09": 1}
    assert len(ws.dataset(LAPTOP_USER).frames["complaints"]) == 6

    history = cli_json("history", "--db", db_url, "--unit", "Lapas Malang", "--json")
    statuses = {v["file"]: (v["status"], v["superseded_by"]) for v in history["versions"]}
    assert statuses == {"Register Pengaduan Jan-Sep 2026.csv": ("current", None),
                        "Register Pengaduan Jan-Jun 2026.csv": ("superseded", new_v["id"])}


def test_survey_periods_that_do_not_overlap_both_stay_current(db_url, tmp_path, open_ws):
    ws = open_ws(db_url)
    first = import_one(ws, ikm_file(tmp_path / "Survei IKM Lapas Perempuan Malang Semester I.xlsx",
                                    [datetime(2026, 1, 10, 9), datetime(2026, 5, 3, 10)], 4))
    second = import_one(ws, ikm_file(tmp_path / "Survei IKM Lapas Perempuan Malang Semester II.xlsx",
                                     [datetime(2026, 7, 2, 9), datetime(2026, 9, 14, 11), datetime(2026, 11, 2, 8)], 2))
    versions = version_records(ws, PEREMPUAN)
    assert [(v["survey"], v["status"]) for v in versions] == [("ikm", "current"), ("ikm", "current")]
    assert only(versions, first.file_id)["period_end"] == date(2026, 5, 3)
    assert only(versions, second.file_id)["period_start"] == date(2026, 7, 2)
    ikm = unit_of(ws, PEREMPUAN)["surveys"]["ikm"]
    assert ikm["respondents"] == 5
    assert ikm["index"] == pytest.approx((2 * 4 + 3 * 2) / 5 * 25)  # every unsur 2.8 → 70

    # a re-export of semester II overlaps it and replaces it; semester I stays
    again = import_one(ws, ikm_file(tmp_path / "Survei IKM Lapas Perempuan Malang Semester II revisi.xlsx",
                                    [datetime(2026, 7, 2, 9), datetime(2026, 9, 14, 11), datetime(2026, 11, 2, 8)], 3))
    versions = version_records(ws, PEREMPUAN)
    again_v = only(versions, again.file_id)
    assert only(versions, first.file_id)["status"] == "current"
    assert again_v["status"] == "current"
    assert only(versions, second.file_id)["status"] == "superseded"
    assert only(versions, second.file_id)["superseded_by"] == again_v["id"]
    ikm = unit_of(ws, PEREMPUAN)["surveys"]["ikm"]
    assert ikm["respondents"] == 5 and ikm["index"] == pytest.approx((2 * 4 + 3 * 3) / 5 * 25)


# ---- 4. delete and restore ------------------------------------------------------------------------

def test_delete_restore_and_reimport_of_a_deleted_file(db_url, tmp_path, open_ws):
    ws = open_ws(db_url)
    started = datetime.now(UTC) - timedelta(seconds=1)
    operator = Principal("operator-bwi", "operator", unit_key=BWI)
    first = import_one(ws, plan_file(tmp_path / "RA Oktober.xlsx", "31 Oktober 2026", ("50%", "50%")))
    fixed = import_one(ws, plan_file(tmp_path / "RA Oktober perbaikan.xlsx", "31 Oktober 2026", ("90%", "100%")))
    register = import_one(ws, register_file(tmp_path / "Pengaduan Banyuwangi.csv", [
        ["05/01/2026", "Ani", "0812", "WhatsApp", "Antrian", "Selesai", "07/01/2026"],
        ["10/02/2026", "Budi", "0813", "Telepon", "Remisi", "Proses", ""]], unit_title="LAPAS KELAS IIA BANYUWANGI"))
    assert only(version_records(ws), first.file_id)["status"] == "superseded"
    assert unit_of(ws, BWI)["action_plan"]["completion_pct"] == pytest.approx(95.0)

    with pytest.raises(AccessDenied):
        ws.delete_file(Principal("kalapas", "pimpinan", unit_key=BWI), fixed.file_id)

    ws.delete_file(operator, fixed.file_id)
    versions = version_records(ws)
    assert only(versions, fixed.file_id)["status"] == "deleted" and only(versions, fixed.file_id)["deleted"]
    assert only(versions, first.file_id)["status"] == "current"  # the older version is current again
    assert only(versions, first.file_id)["superseded_by"] is None
    data = ws.dataset(LAPTOP_USER)
    assert sorted(data.frames["action_plan"]["progress"].tolist()) == [50.0, 50.0]
    assert unit_of(ws, BWI)["action_plan"]["completion_pct"] == pytest.approx(50.0)
    files = ws.files(LAPTOP_USER).set_index("id")
    assert files.loc[fixed.file_id, "deleted_by"] == "operator-bwi" and pd.notna(files.loc[fixed.file_id, "deleted_at"])
    assert pd.isna(files.loc[first.file_id, "deleted_at"])

    ws.delete_file(operator, register.file_id)
    data = ws.dataset(LAPTOP_USER)
    assert data.frames["complaints"].empty
    assert only(version_records(ws), register.file_id)["status"] == "deleted"
    report = summary_of(ws)
    assert next(u for u in report["units"] if u["key"] == BWI)["complaints"] is None
    assert not any(f["path"].endswith("Pengaduan Banyuwangi.csv") for f in report["files"])

    ws.restore_file(ADMIN, fixed.file_id)
    versions = version_records(ws)
    assert only(versions, fixed.file_id)["status"] == "current"
    assert only(versions, first.file_id)["status"] == "superseded"
    assert unit_of(ws, BWI)["action_plan"]["completion_pct"] == pytest.approx(95.0)

    again = import_bytes(ws, (tmp_path / "Pengaduan Banyuwangi.csv").read_bytes(), "Pengaduan Banyuwangi.csv", operator)
    assert again.status == "restored" and again.file_id == register.file_id
    assert "dipulihkan" in again.messages[0] and "admin-uji" in again.messages[0]
    assert only(version_records(ws), register.file_id)["status"] == "current"
    assert unit_of(ws, BWI)["complaints"]["total"] == 2
    assert ws.file_count() == 3

    finished = datetime.now(UTC) + timedelta(seconds=1)
    log = ws.audit_log(ADMIN).sort_values("id")
    entries = [(row.action, row.actor, row.role, json.loads(row.detail).get("file_id")) for row in log.itertuples()]
    assert entries == [("import", "admin-uji", "admin", first.file_id), ("import", "admin-uji", "admin", fixed.file_id),
                       ("import", "admin-uji", "admin", register.file_id),
                       ("delete", "operator-bwi", "operator", fixed.file_id),
                       ("delete", "operator-bwi", "operator", register.file_id),
                       ("restore", "admin-uji", "admin", fixed.file_id),
                       ("restore", "operator-bwi", "operator", register.file_id)]
    for at in log["at"]:
        assert at.tzinfo is not None and started <= at <= finished
    assert list(log["at"]) == sorted(log["at"])
    own = ws.audit_log(operator)
    assert set(own["actor"]) == {"operator-bwi"} and len(own) == 3


# ---- 5. an older database upgrades in place -------------------------------------------------------

def test_a_0001_database_upgrades_to_head_keeping_every_row(db_url, open_ws):
    registry = UnitRegistry()
    old_kinds = [path for path in sorted((SAMPLES / "Lapas Banyuwangi").iterdir()) if not path.name.startswith("Daftar Inovasi")]
    results = [ingest_file(path, registry=registry, today=AS_OF, folders=("Lapas Banyuwangi",)) for path in old_kinds]
    assert [(r.kind, r.units, r.errors) for r in results] == [("action_plan", [BWI], []), ("survey", [BWI], []),
                                                              ("complaints", [BWI], [])]  # the kinds of 0001's time
    engine = create_workspace_engine(db_url)
    try:
        upgrade(engine, "0001")
        assert current_revision(engine) == "0001" != head_revision()
        old = sa.MetaData()
        old.reflect(engine)
        assert "users" not in old.tables and "kanwil" not in old.tables["units"].c and "role" not in old.tables["audit_log"].c
        t = old.tables
        stamp = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
        with engine.begin() as conn:
            for key in sorted({u for r in results for u in r.units}):
                unit = registry.unit(key)
                conn.execute(t["units"].insert().values(key=key, type=unit.type, subtype=unit.subtype, city=unit.city,
                                                        klass=unit.klass, created_at=stamp))
            for n, result in enumerate(results, 1):
                data = Path(result.path).read_bytes()
                file_id = conn.execute(t["files"].insert().values(
                    sha256=hashlib.sha256(data).hexdigest(), name=Path(result.path).name, path=result.path,
                    size=len(data), fmt=result.fmt, kind=result.kind, uploaded_by="operator-lama",
                    uploaded_at=stamp + timedelta(minutes=n), report=json.dumps(result.to_json(), ensure_ascii=False),
                    problems=to_bytes(result.problems)).returning(t["files"].c.id)).scalar_one()
                conn.execute(t["file_blobs"].insert().values(file_id=file_id, content=data))
                for part in split_result(result):
                    dataset_id = conn.execute(t["datasets"].insert().values(
                        file_id=file_id, unit_key=part.unit_key, kind=part.kind, survey=part.survey,
                        period_start=part.period_start, period_end=part.period_end, rows=part.rows,
                        sheets=json.dumps(part.sheets), mapping=json.dumps(part.mapping)).returning(t["datasets"].c.id)).scalar_one()
                    for name, frame in part.frames.items():
                        conn.execute(t["dataset_frames"].insert().values(dataset_id=dataset_id, name=name, content=to_bytes(frame)))
                conn.execute(t["audit_log"].insert().values(at=stamp + timedelta(minutes=n), actor="operator-lama",
                                                            action="import", target=result.path,
                                                            detail=json.dumps({"file_id": file_id})))
            conn.execute(t["workspace_meta"].insert().values(key="sample_seeded_at", value="2026-10-01T08:00:00+00:00"))
            old_rows = {name: sorted(tuple(str(v) for v in row) for row in conn.execute(sa.select(
                            *(c for c in t[name].c if c.name not in ("deleted_at", "deleted_by")))))  # moved in 0004
                        for name in ("units", "files", "file_blobs", "datasets", "dataset_frames", "audit_log", "workspace_meta")}
    finally:
        engine.dispose()

    ws = open_ws(db_url)
    assert current_revision(ws.engine) == head_revision() >= "0004"
    with ws.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all() == [head_revision()]
        for name, rows in old_rows.items():
            table = schema.metadata.tables[name]
            old_columns = [c for c in table.columns if c.name not in ("kanwil", "role", "address", "deleted_at", "deleted_by")]
            now = sorted(tuple(str(v) for v in row) for row in conn.execute(sa.select(*old_columns)))
            assert now == rows, name
        assert conn.execute(sa.select(schema.units.c.kanwil)).scalars().all() == [None]
        assert conn.execute(sa.select(schema.audit_log.c.role)).scalars().all() == ["", "", ""]
        assert conn.execute(sa.select(schema.audit_log.c.address)).scalars().all() == [None, None, None]
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.users)).scalar_one() == 0

    stored = summary_of(ws)
    direct = jsonable(build_summary(combine(results, registry), AS_OF))
    assert stored == direct
    assert stored["units"][0]["key"] == BWI and stored["units"][0]["action_plan"]["activities"] == 32
    assert {r["status"] for r in version_records(ws)} == {"current"}
    assert {r["uploaded_by"] for r in version_records(ws)} == {"operator-lama"}
    log = ws.audit_log(LAPTOP_USER)
    assert set(log["actor"]) == {"operator-lama"} and set(log["role"]) == {""}

    # the old rows are recognised: the same bytes again change nothing
    again = import_paths(ws, old_kinds, LAPTOP_USER)
    assert [o.status for o in again] == ["duplicate"] * 3

    # a second start finds the schema current and runs no migration
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        statements.append(statement)

    sa.event.listen(sa.engine.Engine, "before_cursor_execute", record)
    try:
        again_ws = open_ws(db_url)
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", record)
    changes = [s for s in statements if re.match(r"\s*(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE)\b", s, re.I)]
    assert changes == []
    assert any("alembic_version" in s for s in statements)  # it did look
    assert current_revision(again_ws.engine) == head_revision()
    assert summary_of(again_ws) == stored


# ---- 6. backup and restore ------------------------------------------------------------------------

def _backup(ws: Workspace) -> bytes:
    buffer = io.BytesIO()
    counts = ws.backup(LAPTOP_USER, buffer)
    assert counts["files"] >= 1
    return buffer.getvalue()


def _comparable_files(ws: Workspace) -> list[dict]:
    table = ws.files(LAPTOP_USER)
    return [{"id": int(r["id"]), "name": r["name"], "size": int(r["size"]), "uploaded_by": r["uploaded_by"],
             "uploaded_at": r["uploaded_at"].astimezone(UTC), "deleted": pd.notna(r["deleted_at"]), "rows": r["rows"]}
            for r in table.to_dict("records")]


def _assert_same_workspace(restored: Workspace, source: Workspace, summary: dict) -> None:
    assert summary_of(restored) == summary
    assert version_records(restored) == version_records(source)
    assert _comparable_files(restored) == _comparable_files(source)
    for file_id in (f["id"] for f in _comparable_files(source)):
        assert restored.raw_file(LAPTOP_USER, file_id) == source.raw_file(LAPTOP_USER, file_id)


def test_backup_restores_into_a_fresh_database_of_the_same_backend(db_url, sample_db, tmp_path, open_ws):
    source = open_ws(sample_db["url"])
    summary = summary_of(source)
    blob = _backup(source)
    target = open_ws(db_url)
    import_one(target, plan_file(tmp_path / "RA lain.xlsx", "31 Oktober 2026", ("10%", "10%"), "LAPAS KELAS IIB JOMBANG"))

    shares: list[float] = []
    counts = target.restore(LAPTOP_USER, io.BytesIO(blob), shares.append)
    assert counts["files"] == SAMPLE_FILES
    assert shares == sorted(shares) and len(shares) == len(schema.TABLE_ORDER) and shares[-1] == 1.0  # the page's bar
    _assert_same_workspace(target, source, summary)
    assert "lapas-jombang" not in set(target.units(LAPTOP_USER)["key"])  # a restore replaces, it does not merge
    assert target.audit_log(LAPTOP_USER)["action"].iloc[0] == "restore_backup"

    # new uploads after a restore get fresh ids (PostgreSQL sequences were moved past the restored rows)
    new = import_one(target, plan_file(tmp_path / "RA November.xlsx", "30 November 2026", ("90%", "90%")))
    assert new.file_id == SAMPLE_FILES + 1
    assert target.file_count() == SAMPLE_FILES + 1


def test_backup_crosses_backends(db_url, request, _sample_cache, tmp_path_factory, open_ws):
    other = "postgresql" if backend(db_url) == "sqlite" else "sqlite"
    source = open_ws(_sample_for(other, request, _sample_cache, tmp_path_factory)["url"])
    summary = summary_of(source)
    target = open_ws(db_url)
    target.restore(LAPTOP_USER, io.BytesIO(_backup(source)))
    _assert_same_workspace(target, source, summary)


def test_upload_times_survive_a_backup_from_a_jakarta_time_postgresql(db_url, request, tmp_path, open_ws):
    """A Kanwil's PostgreSQL usually runs on WIB (Asia/Jakarta); moving its backup must not shift any time."""
    server = request.getfixturevalue("postgres")
    if server is None:
        pytest.skip("PostgreSQL tidak tersedia di mesin ini")
    jakarta_url = db_url if backend(db_url) == "postgresql" else server.new_database()
    name = sa.engine.make_url(jakarta_url).database
    admin_engine = sa.create_engine(server.url, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        conn.exec_driver_sql(f"ALTER DATABASE \"{name}\" SET timezone TO 'Asia/Jakarta'")
    admin_engine.dispose()
    sqlite_url = db_url if backend(db_url) == "sqlite" else f"sqlite:///{(tmp_path / 'laptop.sqlite').as_posix()}"

    if backend(db_url) == "postgresql":  # laptop (SQLite) → Kanwil server on WIB
        source, target = open_ws(sqlite_url), open_ws(jakarta_url)
    else:  # Kanwil server on WIB → laptop
        source, target = open_ws(jakarta_url), open_ws(sqlite_url)
    before = datetime.now(UTC) - timedelta(seconds=1)
    import_one(source, plan_file(tmp_path / "RA Oktober.xlsx", "31 Oktober 2026", ("50%", "60%")))
    after = datetime.now(UTC) + timedelta(seconds=1)
    target.restore(LAPTOP_USER, io.BytesIO(_backup(source)))

    uploaded = version_records(target)[0]["uploaded_at"]
    assert before <= uploaded <= after, f"upload time moved: {uploaded.isoformat()} not within {before.isoformat()}..{after.isoformat()}"
    assert version_records(target) == version_records(source)
    source_log = source.audit_log(LAPTOP_USER).sort_values("id")
    target_log = target.audit_log(LAPTOP_USER).sort_values("id")
    import_at = lambda log: log.loc[log["action"] == "import", "at"].iloc[0].astimezone(UTC)  # noqa: E731
    assert import_at(target_log) == import_at(source_log)


def _rewritten(blob: bytes, change) -> bytes:  # noqa: ANN001
    """The backup with its members passed through change(name, data) → data or None (left out)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = change(info.filename, src.read(info.filename))
            if data is not None:
                dst.writestr(info.filename, data)
    return out.getvalue()


def _member_data_at(blob: bytes, member: str) -> tuple[int, int]:
    """Where one member's (compressed) bytes start in the zip, and how many there are."""
    info = zipfile.ZipFile(io.BytesIO(blob)).getinfo(member)
    header = blob[info.header_offset:info.header_offset + 30]
    start = info.header_offset + 30 + int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little")
    return start, info.compress_size


def _damaged(blob: bytes, member: str, compression: int) -> bytes:
    """A damaged download: bytes of one member changed on the way, the zip directory intact.

    Stored members keep their length and fail their CRC check; deflated ones fail to decompress.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w", compression) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
    data = bytearray(out.getvalue())
    start, size = _member_data_at(bytes(data), member)
    if compression == zipfile.ZIP_STORED:
        middle = start + size // 2
        data[middle] = ord("x") if data[middle] != ord("x") else ord("y")
    else:
        data[start] = 0xFF  # a deflate block of the reserved type 3
    return bytes(data)


def _bad_backups(blob: bytes) -> dict[str, bytes]:
    foreign = io.BytesIO()
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("laporan/rekap.csv", "unit;nilai\nLapas Malang;80\n")
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(blob)).read("manifest.json"))

    def more_rows(name: str, data: bytes) -> bytes:
        if name == "manifest.json":
            return json.dumps(manifest | {"tables": manifest["tables"] | {"files": manifest["tables"]["files"] + 5}}).encode()
        return data

    def broken_line(name: str, data: bytes) -> bytes:
        return data + b'{"id": 99, "sha256": \n' if name == "tables/files.jsonl" else data

    def bad_date(name: str, data: bytes) -> bytes:
        if name != "tables/audit_log.jsonl":
            return data
        rows = [json.loads(line) for line in data.splitlines()]
        rows[0]["at"] = "kemarin sore"
        return b"\n".join(json.dumps(r).encode() for r in rows) + b"\n"

    return {
        "not_a_zip": b"Ini bukan file zip, hanya teks biasa.\n" * 10,
        "empty": b"",
        "truncated": blob[: len(blob) // 2],
        "cut_at_the_end": blob[:-40],
        "foreign_zip": foreign.getvalue(),
        "other_format": _rewritten(blob, lambda n, d: json.dumps(manifest | {"format": "lain"}).encode() if n == "manifest.json" else d),
        "newer_schema": _rewritten(blob, lambda n, d: json.dumps(manifest | {"schema": "9999"}).encode() if n == "manifest.json" else d),
        "rows_missing": _rewritten(blob, more_rows),
        "broken_json_line": _rewritten(blob, broken_line),
        "unreadable_date": _rewritten(blob, bad_date),
        "damaged_manifest": _damaged(blob, "manifest.json", zipfile.ZIP_STORED),
        "damaged_table_crc": _damaged(blob, "tables/files.jsonl", zipfile.ZIP_STORED),
        "damaged_table_deflate": _damaged(blob, "tables/datasets.jsonl", zipfile.ZIP_DEFLATED),
    }


DAMAGED = ("damaged_manifest", "damaged_table_crc", "damaged_table_deflate")


def _try_bad_backups(db_url: str, tmp_path: Path, open_ws, cases: list[str]) -> None:  # noqa: ANN001
    """Each bad backup is refused with BackupError in Indonesian, and the workspace stays exactly as it was."""
    source = open_ws(db_url)
    import_one(source, plan_file(tmp_path / "RA Oktober.xlsx", "31 Oktober 2026", ("50%", "60%")))
    import_one(source, register_file(tmp_path / "Pengaduan.csv", [
        ["05/01/2026", "Ani", "0812", "WhatsApp", "Antrian", "Selesai", "07/01/2026"]]))
    blob = _backup(source)
    import_one(source, plan_file(tmp_path / "RA November.xlsx", "30 November 2026", ("70%", "80%")))  # after the backup
    counts, summary, versions = table_counts(source), summary_of(source), version_records(source)

    bad = _bad_backups(blob)
    outcomes = {}
    for case in cases:
        try:
            source.restore(LAPTOP_USER, io.BytesIO(bad[case]))
            outcomes[case] = "restored"
        except BackupError as exc:
            indonesian = re.search(r"\b(cadangan|rusak|tidak|bukan|baris)\b", str(exc), re.I) is not None
            outcomes[case] = "BackupError" if indonesian else f"BackupError not in Indonesian: {exc}"
        except Exception as exc:  # noqa: BLE001 — what the user would get instead of a message
            outcomes[case] = f"{type(exc).__name__}: {str(exc)[:120]}"
        assert table_counts(source) == counts, case  # no row written, none removed, no audit entry
    assert outcomes == {case: "BackupError" for case in cases}
    assert summary_of(source) == summary
    assert version_records(source) == versions
    assert source.file_count() == 3

    # the good backup still restores (so each case above failed for its damage, not for the backup itself)
    source.restore(LAPTOP_USER, io.BytesIO(blob))
    assert source.file_count() == 2


def test_a_bad_backup_is_refused_in_indonesian_and_changes_nothing(db_url, tmp_path, open_ws):
    _try_bad_backups(db_url, tmp_path, open_ws, ["not_a_zip", "empty", "truncated", "cut_at_the_end", "foreign_zip",
                                                 "other_format", "newer_schema", "rows_missing", "broken_json_line",
                                                 "unreadable_date"])


def test_a_backup_damaged_in_transit_is_refused_in_indonesian(db_url, tmp_path, open_ws):
    """Bytes changed inside a zip member: a CRC mismatch or a broken deflate stream, not a missing directory."""
    _try_bad_backups(db_url, tmp_path, open_ws, list(DAMAGED))


def test_only_an_admin_may_back_up_or_restore(db_url, tmp_path, open_ws):
    ws = open_ws(db_url)
    import_one(ws, plan_file(tmp_path / "RA Oktober.xlsx", "31 Oktober 2026", ("50%", "60%")))
    blob = _backup(ws)
    for user in (Principal("op", "operator", unit_key=BWI), Principal("kanwil-jatim", "kanwil", kanwil="Jawa Timur"),
                 Principal("kalapas", "pimpinan", unit_key=BWI)):
        with pytest.raises(AccessDenied, match="tidak diizinkan"):
            ws.backup(user, io.BytesIO())
        with pytest.raises(AccessDenied, match="tidak diizinkan"):
            ws.restore(user, io.BytesIO(blob))
    assert ws.file_count() == 1
    assert set(ws.audit_log(LAPTOP_USER)["action"]) == {"import", "backup"}


# ---- 7. export ------------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x","klik")', "=1+1", "+62 812 3456", "@SUM(A1:A2)"]


def test_export_is_an_indonesian_workbook_with_formulas_kept_as_text(db_url, tmp_path, open_ws):
    ws = open_ws(db_url)
    register = import_one(ws, register_file(tmp_path / "Pengaduan Banyuwangi.csv", [
        ["05/01/2026", "Ani", "0812", "WhatsApp", FORMULAS[0], "Selesai", "07/01/2026"],
        ["10/02/2026", "Budi", FORMULAS[2], "Telepon", FORMULAS[1], "Proses", ""],
        ["15/03/2026", "Citra", "", "SP4N-LAPOR!", FORMULAS[3], "Selesai", "16/03/2026"],
        ["=2+3", "Dedi", "", "Telepon", "Tanggal rusak", "Proses", ""]], unit_title="LAPAS KELAS IIA BANYUWANGI"))
    assert register.result.rows == 3 and register.result.rejected_rows == 1
    dataset_id = only(version_records(ws), register.file_id)["id"]

    book = openpyxl.load_workbook(io.BytesIO(ws.export_dataset(LAPTOP_USER, dataset_id)))
    assert book.sheetnames == ["Pengaduan", "Baris Ditolak"]
    sheet = book["Pengaduan"]
    header = [c.value for c in sheet[1]]
    for label in ("Tanggal Pengaduan", "Saluran", "Uraian Pengaduan", "Status", "Nama Pelapor", "Nomor Telepon"):
        assert label in header
    assert "received_date" not in header and "description" not in header
    assert sheet.max_row == 1 + 3
    description = [row[header.index("Uraian Pengaduan")] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in description] == ["'" + FORMULAS[0], "'" + FORMULAS[1], "'" + FORMULAS[3]]
    phone = sheet.cell(row=3, column=header.index("Nomor Telepon") + 1)
    assert phone.value == "'" + FORMULAS[2] and phone.data_type == "s"
    names = [row[header.index("Nama Pelapor")].value for row in sheet.iter_rows(min_row=2)]
    assert names == ["Ani", "Budi", "Citra"]
    for ws_sheet in book.worksheets:
        for row in ws_sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws_sheet.title, cell.coordinate, cell.value)
                assert cell.hyperlink is None, (ws_sheet.title, cell.coordinate)
    for cell in description:
        assert cell.data_type == "s"

    rejected = book["Baris Ditolak"]
    problem_header = [c.value for c in rejected[1]]
    assert {"File", "Lembar", "Baris", "Kolom", "Isi sel", "Alasan"} <= set(problem_header)
    assert rejected.max_row == 2
    assert rejected.cell(row=2, column=problem_header.index("Isi sel") + 1).value == "'=2+3"

    # a Kalapas (pimpinan) gets the same rows without the complainants' names and phone numbers
    boss = Principal("kalapas", "pimpinan", unit_key=BWI)
    masked = openpyxl.load_workbook(io.BytesIO(ws.export_dataset(boss, dataset_id)))["Pengaduan"]
    masked_header = [c.value for c in masked[1]]
    assert masked.max_row == 4
    assert [r[masked_header.index("Nama Pelapor")].value for r in masked.iter_rows(min_row=2)] == ["•••"] * 3
    assert "Budi" not in {c.value for row in masked.iter_rows() for c in row}

    plan = import_one(ws, plan_file(tmp_path / "RA Oktober.xlsx", "31 Oktober 2026", ("50%", "60%")))
    plan_book = openpyxl.load_workbook(io.BytesIO(ws.export_dataset(LAPTOP_USER, only(version_records(ws), plan.file_id)["id"])))
    assert plan_book.sheetnames == ["Rencana Aksi"]
    plan_header = [c.value for c in plan_book["Rencana Aksi"][1]]
    assert {"Kegiatan", "Area Perubahan", "Progres"} <= set(plan_header)
    assert plan_book["Rencana Aksi"].max_row == 3


# ---- 8. seeding -----------------------------------------------------------------------------------

def test_a_fresh_workspace_is_seeded_once_and_never_again(db_url, tmp_path, monkeypatch, file_summaries, open_ws):
    from zi_analytics.services.seeding import SAMPLE_KANWIL, ensure_seeded

    for name in ("ZI_MODE", "ZI_DATABASE_URL", "ZI_SEED_SAMPLE", "ZI_KANWIL", "ZI_COOKIE_SECRET"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "kosong.toml").write_text("", encoding="utf-8")  # no settings of the developer's
    monkeypatch.setenv("ZI_SECRETS_FILE", str(tmp_path / "kosong.toml"))
    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "data"))
    url = None if backend(db_url) == "sqlite" else db_url  # laptop mode: the SQLite file under ZI_DATA_DIR

    ws = open_ws(url)
    if url is None:
        assert (tmp_path / "data" / "zi_workspace.sqlite").is_file()
    assert ws.config.seed_sample and ws.file_count() == 0
    assert ensure_seeded(ws) is True
    files = ws.files(LAPTOP_USER)
    assert len(files) == SAMPLE_FILES and set(files["uploaded_by"]) == {"data-contoh"}
    assert set(ws.units(LAPTOP_USER)["kanwil"]) == {SAMPLE_KANWIL}
    assert summary_of(ws)["units"] == file_summaries["all"]["units"]

    assert ws.get_meta("sample_seeded_at")
    assert ensure_seeded(ws) is False
    assert ensure_seeded(open_ws(url)) is False
    assert ws.file_count() == SAMPLE_FILES

    for file_id in files["id"]:
        ws.delete_file(LAPTOP_USER, int(file_id))
    assert ws.dataset(LAPTOP_USER).unit_keys == []
    assert ensure_seeded(open_ws(url)) is False
    assert ws.file_count() == SAMPLE_FILES
    assert ws.files(LAPTOP_USER)["deleted_at"].notna().all()
    assert ws.dataset(LAPTOP_USER).unit_keys == []


def test_a_workspace_that_already_holds_data_is_not_seeded(db_url, tmp_path, monkeypatch, open_ws):
    from zi_analytics.services.seeding import ensure_seeded

    for name in ("ZI_MODE", "ZI_SEED_SAMPLE"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "kosong.toml").write_text("", encoding="utf-8")  # no settings of the developer's
    monkeypatch.setenv("ZI_SECRETS_FILE", str(tmp_path / "kosong.toml"))
    ws = open_ws(db_url)
    import_one(ws, plan_file(tmp_path / "RA Oktober.xlsx", "31 Oktober 2026", ("50%", "60%")))
    assert ws.config.seed_sample
    assert ensure_seeded(ws) is False
    assert ws.file_count() == 1 and ws.get_meta("sample_seeded_at") is None


def test_a_correction_lasts_with_the_file(db_url, tmp_path):
    """A unit chosen for one sheet and later a fix of another: both stay, and the same bytes again (with
    another hint) change nothing (issue 22)."""
    from zi_analytics.ingest import SheetOverride

    rows = [["Timestamp"] + [f"P{i}" for i in range(1, 11)]]
    rows += [[f"0{d}/05/2026 09:00:00"] + [(d + q) % 4 + 1 for q in range(10)] for d in range(1, 8)]
    path = write_xlsx(tmp_path / "Survei Persepsi (Jawaban).xlsx", {"SPAK": rows, "SPKP": rows})
    data = path.read_bytes()
    ws = Workspace.open(db_url)
    first = import_bytes(ws, data, path.name, ADMIN, overrides={"SPAK": SheetOverride(unit="Lapas Kelas IIB Tabanan")},
                            today=AS_OF)
    assert first.status == "stored" and first.file_id is not None
    sheets = {s.name: s for s in first.result.sheets}
    assert sheets["SPAK"].units == ["lapas-tabanan"] and sheets["SPKP"].needs_review
    again = reread(ws, ADMIN, first.file_id, {"SPKP": SheetOverride(unit="Lapas Kelas IIB Tabanan")}, today=AS_OF)
    assert {s.name: s.units for s in again.result.sheets} == {"SPAK": ["lapas-tabanan"], "SPKP": ["lapas-tabanan"]}
    assert set(ws.file_overrides(hashlib.sha256(data).hexdigest())) == {"SPAK", "SPKP"}
    duplicate = import_bytes(ws, data, "salinan.xlsx", ADMIN, folders=("Lapas Jombang",), today=AS_OF)
    assert duplicate.status == "duplicate"
    surveys = build_summary(ws.dataset(ADMIN), AS_OF)["units"]
    assert [u["key"] for u in surveys] == ["lapas-tabanan"]
    assert surveys[0]["surveys"]["ipak"]["respondents"] == 7 and surveys[0]["surveys"]["ipkp"]["respondents"] == 7
