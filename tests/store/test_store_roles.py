"""Who sees what in the workspace: every role through every reading and changing method, and login.

Every test takes `db_url` (a fresh real database, SQLite and PostgreSQL). The sample data (Kanwil
Jawa Timur), one generated unit of Kanwil Jawa Tengah and five users are imported once per backend
for real, then copied into each test's database with the workspace's own backup/restore.
"""

from __future__ import annotations

import io
import json
import re
import time
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa

from conftest import write_xlsx
from zi_analytics.ingest import ingest_file
from zi_analytics.store import LAPTOP_USER, AccessDenied, Principal, Workspace
from zi_analytics.store import auth, schema
from zi_analytics.store.access import MASK, ROLE_LABELS
from zi_analytics.store.config import WorkspaceConfig
from zi_analytics.services import import_bytes, import_paths

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data"
MONITORING = SAMPLES / "Monitoring_ZI_Kanwil_Jatim.xlsx"
AS_OF = date(2026, 11, 23)
SECRET = "x" * 40

BWI, MALANG, PEREMPUAN, SEMARANG = "lapas-banyuwangi", "lapas-malang", "lapas-perempuan-malang", "lapas-semarang"
JATIM_UNITS = {BWI, MALANG, PEREMPUAN}
ALL_UNITS = JATIM_UNITS | {SEMARANG}
UNIT_NAMES = {BWI: "Lapas Banyuwangi", MALANG: "Lapas Malang", PEREMPUAN: "Lapas Perempuan Malang",
              SEMARANG: "Lapas Semarang"}
DISPLAY = {BWI: "Lapas Kelas IIA Banyuwangi", MALANG: "Lapas Kelas I Malang",
           PEREMPUAN: "Lapas Perempuan Kelas IIA Malang", SEMARANG: "Lapas Kelas IIA Semarang"}

PASSWORD = "Sandi-Kuat-2026"
ADMIN = Principal("admin.kanwil", "admin")
JATIM = Principal("kanwil.jatim", "kanwil", kanwil="Jawa Timur")
JATENG = Principal("kanwil.jateng", "kanwil", kanwil="Jawa Tengah")
OPERATOR = Principal("operator.bwi", "operator", unit_key=BWI)
PIMPINAN = Principal("pimpinan.malang", "pimpinan", unit_key=MALANG)
USERS = {"admin": ADMIN, "kanwil_jatim": JATIM, "kanwil_jateng": JATENG, "operator": OPERATOR, "pimpinan": PIMPINAN}
NON_ADMINS = ["kanwil_jatim", "kanwil_jateng", "operator", "pimpinan"]
VISIBLE = {"admin": ALL_UNITS, "kanwil_jatim": JATIM_UNITS, "kanwil_jateng": {SEMARANG}, "operator": {BWI},
           "pimpinan": {MALANG}}


def _folder_files(folder: str) -> set[str]:
    return {p.name for p in (SAMPLES / folder).iterdir() if p.is_file()}


SAMPLE_NAMES = _folder_files("Lapas Banyuwangi") | _folder_files("Lapas Malang") | _folder_files("Lapas Perempuan Malang") | {
    MONITORING.name}
# A file is visible only when every unit it holds is: the Monitoring file holds all three Jawa Timur units.
VISIBLE_FILES = {"admin": SAMPLE_NAMES | {"semarang.xlsx"}, "kanwil_jatim": SAMPLE_NAMES,
                 "kanwil_jateng": {"semarang.xlsx"}, "operator": _folder_files("Lapas Banyuwangi"),
                 "pimpinan": _folder_files("Lapas Malang")}
# Listed are the files holding data of a visible unit: the Monitoring file as each Jawa Timur unit's own part.
LISTED_FILES = {role: VISIBLE_FILES[role] | ({MONITORING.name} if VISIBLE[role] & JATIM_UNITS else set()) for role in USERS}

DENIED_MESSAGE = re.compile(r"^Peran (Admin|Kanwil|Operator Lapas|Pimpinan) tidak diizinkan [A-Za-z ]+\.$")


def plan_rows(title: str, activities: list[tuple[str, str]], posisi: str | None = None) -> list[list]:
    """A small action plan the parser understands: title row with the unit, then Kegiatan/Area/PIC/Target/Progres."""
    head = [[title]] + ([["TAHUN 2026", "", "", f"Posisi {posisi}"]] if posisi else [])
    body = [[name, "Manajemen Perubahan", "KPLP", "Januari 2026", progress] for name, progress in activities]
    return head + [["Kegiatan", "Area Perubahan", "PIC", "Target", "Progres"]] + body


# ---- the shared workspace ------------------------------------------------------------------------

_TEMPLATES: dict[str, bytes] = {}


def _backend(url: str) -> str:
    return sa.engine.make_url(url).get_backend_name()


def _server_config(url: str, secret: str = SECRET) -> WorkspaceConfig:
    return WorkspaceConfig(database_url=url, mode="server", cookie_secret=secret)


def _build(ws: Workspace, folder: Path) -> None:
    paths = [SAMPLES / name for name in UNIT_NAMES.values() if (SAMPLES / name).is_dir()] + [MONITORING]  # three units' world
    outcomes = import_paths(ws, paths, LAPTOP_USER, kanwil="Jawa Timur", today=AS_OF)
    assert [o.status for o in outcomes] == ["stored"] * len(SAMPLE_NAMES), [(o.result.path, o.status) for o in outcomes]
    semarang = write_xlsx(folder / "semarang.xlsx", {"RA": plan_rows("LAPAS KELAS IIA SEMARANG", [
        ("SK Tim ZI", "100%"), ("SOP layanan kunjungan", "50%")])})
    [outcome] = import_paths(ws, [semarang], LAPTOP_USER, kanwil="Jawa Tengah", today=AS_OF)
    assert outcome.status == "stored" and outcome.result.units == [SEMARANG]
    for p in USERS.values():
        ws.add_user(LAPTOP_USER, p.username, PASSWORD, p.role, unit_key=p.unit_key, kanwil=p.kanwil)


@pytest.fixture
def ws(db_url, tmp_path):
    """The shared workspace (sample data + Semarang + five users) in this test's own database."""
    workspace = Workspace.open(config=_server_config(db_url))
    kind = _backend(db_url)
    if kind not in _TEMPLATES:
        _build(workspace, tmp_path)
        buffer = io.BytesIO()
        workspace.backup(LAPTOP_USER, buffer)
        _TEMPLATES[kind] = buffer.getvalue()
    else:
        workspace.restore(LAPTOP_USER, io.BytesIO(_TEMPLATES[kind]))
    yield workspace
    workspace.close()


@pytest.fixture
def fresh(db_url):
    """An empty workspace in this test's database (server mode)."""
    opened: list[Workspace] = []

    def make(secret: str = SECRET) -> Workspace:
        workspace = Workspace.open(config=_server_config(db_url, secret))
        opened.append(workspace)
        return workspace

    yield make
    for workspace in opened:
        workspace.close()


def table_counts(ws: Workspace) -> dict[str, int]:
    with ws.engine.connect() as conn:
        return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for t in schema.TABLE_ORDER}


def file_ids_by_name(ws: Workspace) -> dict[str, int]:
    files = ws.files(LAPTOP_USER)
    assert files["name"].is_unique
    return dict(zip(files["name"], (int(i) for i in files["id"])))


def password_hashes(ws: Workspace) -> dict[str, str]:
    with ws.engine.connect() as conn:
        return dict(conn.execute(sa.select(schema.users.c.username, schema.users.c.password_hash)).all())


def workbook_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
                     if cell is not None)


# ---- every role through every reading method ------------------------------------------------------

@pytest.mark.parametrize("role", list(USERS))
def test_each_role_reads_exactly_its_own_units_through_every_method(db_url, ws, role):
    p, visible = USERS[role], VISIBLE[role]
    names = file_ids_by_name(ws)
    assert set(names) == VISIBLE_FILES["admin"]
    everything = ws.dataset(LAPTOP_USER)
    all_versions = ws.versions(LAPTOP_USER)
    assert set(all_versions["unit_key"]) == ALL_UNITS

    # units / find_unit
    units = ws.units(p)
    assert set(units["key"]) == visible and units["key"].is_unique
    kanwil_of = {BWI: "Jawa Timur", MALANG: "Jawa Timur", PEREMPUAN: "Jawa Timur", SEMARANG: "Jawa Tengah"}
    assert dict(zip(units["key"], units["kanwil"])) == {k: kanwil_of[k] for k in visible}
    assert dict(zip(units["key"], units["unit"])) == {k: DISPLAY[k] for k in visible}
    for key, name in UNIT_NAMES.items():
        assert ws.find_unit(p, name) == (key if key in visible else None), name
        assert ws.find_unit(p, name.upper()) == (key if key in visible else None), name

    # dataset(): every frame holds exactly the rows of the visible units, all of them
    mine = ws.dataset(p)
    for name, frame in everything.frames.items():
        if "unit_key" not in frame.columns:
            continue
        wanted = frame.loc[frame["unit_key"].isin(visible)]
        got = mine.frames[name]
        assert set(got["unit_key"]) == set(wanted["unit_key"]), name
        assert len(got) == len(wanted), name
    assert len(mine.frames["action_plan"]) > 0
    assert set(mine.unit_keys) == visible
    assert {Path(f.path).name for f in mine.files} == VISIBLE_FILES[role]  # every sample dataset is current
    own_problems = everything.problems.loc[everything.problems["file"].isin(VISIBLE_FILES[role])]
    assert len(mine.problems) == len(own_problems) and set(mine.problems["file"]) <= VISIBLE_FILES[role]

    # dataset(unit_keys): one's own units only
    one = sorted(visible)[0]
    assert set(ws.dataset(p, [one]).unit_keys) == {one}
    for key in sorted(ALL_UNITS - visible):
        with pytest.raises(AccessDenied):
            ws.dataset(p, [key])
        with pytest.raises(AccessDenied):
            ws.dataset(p, [key, *visible])
    with pytest.raises(AccessDenied):
        ws.dataset(p, ["tidak-ada-unit-ini"])

    # versions(), whole and per unit
    versions = ws.versions(p)
    assert set(versions["unit_key"]) == visible
    assert set(versions["id"]) == set(all_versions.loc[all_versions["unit_key"].isin(visible), "id"])
    for key in ALL_UNITS:
        if key in visible:
            assert set(ws.versions(p, key)["unit_key"]) == {key}
        else:
            with pytest.raises(AccessDenied):
                ws.versions(p, key)

    # files(): every file holding data of a visible unit, as the user's part; openable only when all its units are visible
    files = ws.files(p)
    assert set(files["name"]) == LISTED_FILES[role]
    assert set(files["id"]) == {names[n] for n in LISTED_FILES[role]}
    assert {name for name, openable in zip(files["name"], files["openable"]) if openable} == VISIBLE_FILES[role]
    assert all(set(units) <= visible for units in files["units"])

    # per file: report, rejected rows, raw bytes (every denied file for the report, two for the others)
    denied_files = sorted(names[n] for n in set(names) - VISIBLE_FILES[role])
    for name in sorted(VISIBLE_FILES[role])[:3]:
        file_id = names[name]
        assert Path(ws.file_report(p, file_id)["path"]).name == name
        ws.rejected_rows(p, file_id)
        if p.sees_personal_data:
            raw_name, raw = ws.raw_file(p, file_id)
            assert raw_name == name and len(raw) > 0
        else:
            with pytest.raises(AccessDenied):
                ws.raw_file(p, file_id)
    for file_id in denied_files:
        with pytest.raises(AccessDenied):
            ws.file_report(p, file_id)
    some_denied = denied_files[:1] + denied_files[-1:]
    if names[MONITORING.name] in denied_files:
        some_denied.append(names[MONITORING.name])
    for file_id in some_denied:
        for method in (ws.rejected_rows, ws.raw_file):
            with pytest.raises(AccessDenied):
                method(p, file_id)

    # per dataset: frames (one per visible unit and kind; every other unit's) and Excel export
    seen: set[tuple[str, str]] = set()
    denied_units: set[str] = set()
    for row in all_versions.itertuples():
        if row.unit_key in visible:
            if (row.unit_key, row.kind) in seen:
                continue
            seen.add((row.unit_key, row.kind))
            frames = ws.dataset_frames(p, int(row.id))
            assert frames and all(set(f["unit_key"]) == {row.unit_key} for f in frames.values() if "unit_key" in f)
        else:
            with pytest.raises(AccessDenied):
                ws.dataset_frames(p, int(row.id))
            if row.unit_key not in denied_units:
                denied_units.add(row.unit_key)
                with pytest.raises(AccessDenied):
                    ws.export_dataset(p, int(row.id))
    assert {key for key, _kind in seen} == visible and denied_units == ALL_UNITS - visible
    own_plan = all_versions.loc[all_versions["unit_key"].isin(visible) & (all_versions["kind"] == "action_plan"), "id"]
    assert ws.export_dataset(p, int(own_plan.iloc[-1]))[:2] == b"PK"
    with pytest.raises(AccessDenied):
        ws.dataset_frames(p, 987654)


def test_the_monitoring_file_is_a_file_only_for_who_sees_every_unit_in_it(db_url, ws):
    monitoring = file_ids_by_name(ws)[MONITORING.name]
    versions = ws.versions(LAPTOP_USER)
    assert set(versions.loc[versions["file_id"] == monitoring, "unit_key"]) == JATIM_UNITS

    # Kanwil Jawa Timur sees all three units, so it may open the file too; the others may not.
    assert monitoring in set(ws.files(JATIM)["id"])
    assert ws.raw_file(JATIM, monitoring)[1] == MONITORING.read_bytes()
    assert monitoring not in set(ws.files(JATENG)["id"])
    for p in (JATENG, OPERATOR, PIMPINAN):
        with pytest.raises(AccessDenied):
            ws.file_report(p, monitoring)
    for p in (OPERATOR, PIMPINAN):  # listed as their own unit's part of the file (issue 24 item 1), never opened
        row = ws.files(p).set_index("id").loc[monitoring]
        assert row["units"] == [p.unit_key] and not row["openable"] and row["rejected_rows"] is None
    # ...while the operator still sees its own unit's rows from it.
    bwi_from_monitoring = versions.loc[(versions["file_id"] == monitoring) & (versions["unit_key"] == BWI), "id"]
    frames = ws.dataset_frames(OPERATOR, int(bwi_from_monitoring.iloc[0]))
    assert set(frames["action_plan"]["unit_key"]) == {BWI} and len(frames["action_plan"]) > 0
    op_plan = ws.dataset(OPERATOR).frames["action_plan"]
    all_plan = ws.dataset(LAPTOP_USER).frames["action_plan"]
    assert len(op_plan) == int((all_plan["unit_key"] == BWI).sum())

    # Lapas Malang moves to Kanwil Jawa Tengah: now neither Kanwil sees the whole Monitoring file.
    ws.set_unit_kanwil(ADMIN, MALANG, "Jawa Tengah")
    assert set(ws.units(JATIM)["key"]) == {BWI, PEREMPUAN}
    assert set(ws.units(JATENG)["key"]) == {MALANG, SEMARANG}
    for p, units in ((JATIM, {BWI, PEREMPUAN}), (JATENG, {MALANG})):
        row = ws.files(p).set_index("id").loc[monitoring]  # each Kanwil's own part of the file
        assert set(row["units"]) == units and not row["openable"]
        with pytest.raises(AccessDenied):
            ws.raw_file(p, monitoring)
        assert MONITORING.name not in {Path(f.path).name for f in ws.dataset(p).files}
    assert set(ws.dataset(JATIM).unit_keys) == {BWI, PEREMPUAN}
    assert set(ws.dataset(JATENG).unit_keys) == {MALANG, SEMARANG}
    with pytest.raises(AccessDenied):
        ws.dataset(JATIM, [MALANG])
    jateng_plan = ws.dataset(JATENG).frames["action_plan"]
    assert len(jateng_plan.loc[jateng_plan["unit_key"] == MALANG]) == int((all_plan["unit_key"] == MALANG).sum())
    assert ws.find_unit(JATIM, "Lapas Malang") is None and ws.find_unit(JATENG, "Lapas Malang") == MALANG


# ---- pimpinan: no personal data, no uploads --------------------------------------------------------

def test_pimpinan_sees_complaints_without_complainant_or_phone(db_url, ws):
    admin_rows = ws.dataset(ADMIN, [MALANG]).frames["complaints"]
    pim_rows = ws.dataset(PIMPINAN).frames["complaints"]
    assert len(pim_rows) == len(admin_rows) > 0
    personal = ("complainant", "phone")
    secrets = set()
    for column in personal:
        filled = admin_rows[column].notna() & (admin_rows[column].astype(str).str.strip() != "")
        assert filled.any(), column  # the sample register has names and numbers to hide
        secrets |= set(admin_rows.loc[filled, column].astype(str))
        assert (pim_rows.loc[filled.values, column] == MASK).all(), column
        assert set(pim_rows[column].dropna().astype(str)) <= {MASK, ""}, column
    other = [c for c in admin_rows.columns if c not in personal]
    pd.testing.assert_frame_equal(pim_rows[other].reset_index(drop=True), admin_rows[other].reset_index(drop=True))

    versions = ws.versions(PIMPINAN)
    complaint_ids = versions.loc[versions["kind"] == "complaints", "id"]
    assert len(complaint_ids) == 1
    frames = ws.dataset_frames(PIMPINAN, int(complaint_ids.iloc[0]))
    assert set(frames["complaints"]["complainant"].dropna()) <= {MASK, ""}
    assert set(frames["complaints"]["phone"].dropna().astype(str)) <= {MASK, ""}
    text = workbook_text(ws.export_dataset(PIMPINAN, int(complaint_ids.iloc[0])))
    assert MASK in text
    leaked = sorted(s for s in secrets if len(s) > 3 and s in text)
    assert leaked == []
    # The admin's own frames still carry the real values (the mask is per role, not stored).
    assert set(ws.dataset_frames(ADMIN, int(complaint_ids.iloc[0]))["complaints"]["complainant"].dropna()) & secrets

    for file_id in ws.files(PIMPINAN)["id"]:
        with pytest.raises(AccessDenied) as denied:
            ws.raw_file(PIMPINAN, int(file_id))
        assert str(denied.value) == "Peran Pimpinan tidak diizinkan mengunduh file asli."


def test_pimpinan_cannot_upload_anything(db_url, ws, tmp_path):
    before = table_counts(ws)
    new_plan = write_xlsx(tmp_path / "ra_malang.xlsx", {"RA": plan_rows("LAPAS KELAS I MALANG", [("SK Tim", "80%")])})
    outcome = import_bytes(ws, new_plan.read_bytes(), new_plan.name, PIMPINAN, today=AS_OF)
    assert outcome.status == "denied" and outcome.file_id is None and outcome.datasets == 0
    assert outcome.result.errors and "tidak diizinkan mengunggah" in outcome.result.errors[0]
    # bytes already stored: still "denied", never the uploader's name from a "duplicate" message
    known = SAMPLES / "Lapas Malang" / "Register Pengaduan Lapas Malang.xlsx"
    again = import_bytes(ws, known.read_bytes(), known.name, PIMPINAN)
    assert again.status == "denied" and again.file_id is None
    assert [o.status for o in import_paths(ws, [new_plan, known], PIMPINAN)] == ["denied", "denied"]
    malang_file = int(ws.files(PIMPINAN)["id"].iloc[0])
    for change in (ws.delete_file, ws.restore_file):
        with pytest.raises(AccessDenied):
            change(PIMPINAN, malang_file)
    assert table_counts(ws) == before
    assert ws.files(ADMIN)["deleted_at"].isna().all()


def _malang_register_with_a_bad_row(folder: Path) -> tuple[Path, str]:
    """A Lapas Malang complaint register whose second row has a name and phone number typed in the date cell."""
    secret = "Joko Santoso 0812-5550-199"
    rows = [["REGISTER PENGADUAN"], ["LAPAS KELAS I MALANG"], [],
            ["No", "Tgl. Masuk", "Nama Pelapor", "No. HP", "Saluran", "Kategori", "Uraian Pengaduan", "Status"],
            [1, "2026-11-03", "Siti Rahayu", "081234567890", "WA", "Pungli", "Diminta uang", "Selesai"],
            [2, secret, "Joko Santoso", "081255550199", "WA", "Lainnya", "Kunjungan", "Selesai"]]
    return write_xlsx(folder / "pengaduan_malang_nov.xlsx", {"Register": rows}), secret


def test_pimpinan_rejected_rows_carry_no_cell_values(db_url, ws, tmp_path):
    path, secret = _malang_register_with_a_bad_row(tmp_path)
    outcome = import_bytes(ws, path.read_bytes(), path.name, ADMIN, today=AS_OF)
    assert outcome.status == "stored" and outcome.result.rejected_rows == 1
    assert secret in ws.rejected_rows(ADMIN, outcome.file_id)["value"].tolist()  # the admin sees the cell

    rejected = ws.rejected_rows(PIMPINAN, outcome.file_id)
    assert len(rejected) == 1 and bool(rejected["rejected"].iloc[0])
    assert "Joko" not in rejected.astype(str).to_csv(index=False), rejected.to_dict("records")
    problems = ws.dataset(PIMPINAN).problems
    assert "Joko" not in problems.astype(str).to_csv(index=False), problems.to_dict("records")


def test_pimpinan_export_carries_no_personal_data_or_cell_values(db_url, ws, tmp_path):
    path, _secret = _malang_register_with_a_bad_row(tmp_path)
    outcome = import_bytes(ws, path.read_bytes(), path.name, ADMIN, today=AS_OF)
    assert outcome.status == "stored"
    versions = ws.versions(PIMPINAN)
    [dataset_id] = versions.loc[versions["file_id"] == outcome.file_id, "id"]
    exported = workbook_text(ws.export_dataset(PIMPINAN, int(dataset_id)))
    assert "Pungli" in exported and MASK in exported  # the rows are there, the people are not
    assert "Siti Rahayu" not in exported and "081234567890" not in exported
    assert "Joko" not in exported


def test_pimpinan_file_report_carries_no_cell_values(db_url, ws, tmp_path):
    path, _secret = _malang_register_with_a_bad_row(tmp_path)
    outcome = import_bytes(ws, path.read_bytes(), path.name, ADMIN, today=AS_OF)
    assert outcome.status == "stored"
    assert "Joko" in json.dumps(ws.file_report(ADMIN, outcome.file_id), ensure_ascii=False)
    report = json.dumps(ws.file_report(PIMPINAN, outcome.file_id), ensure_ascii=False)
    assert "Joko" not in report


# ---- operators: own unit only -------------------------------------------------------------------

def _jatim_units_without_monitoring(ws: Workspace, folder: Path) -> None:
    """The three Jawa Timur units, each known from one small action plan, in an otherwise empty workspace."""
    for title in ("LAPAS KELAS IIA BANYUWANGI", "LAPAS KELAS I MALANG", "LAPAS PEREMPUAN KELAS IIA MALANG"):
        path = write_xlsx(folder / f"{title}.xlsx", {"RA": plan_rows(title, [("SK Tim", "10%"), ("SOP", "20%")])})
        outcome = import_bytes(ws, path.read_bytes(), path.name, LAPTOP_USER, kanwil="Jawa Timur", today=AS_OF)
        assert outcome.status == "stored"
    assert set(ws.units(LAPTOP_USER)["key"]) == JATIM_UNITS


def test_operator_upload_of_the_kanwil_file_stores_only_its_own_unit(db_url, fresh, tmp_path):
    ws = fresh()
    _jatim_units_without_monitoring(ws, tmp_path)
    plan_rows_before = ws.dataset(LAPTOP_USER).frames["action_plan"]["unit_key"].value_counts().to_dict()
    expected = ingest_file(MONITORING, today=AS_OF).frame("action_plan")
    expected_bwi = int((expected["unit_key"] == BWI).sum())
    assert expected_bwi > 0 and set(expected["unit_key"]) == JATIM_UNITS

    outcome = import_bytes(ws, MONITORING.read_bytes(), MONITORING.name, OPERATOR, today=AS_OF)
    assert outcome.status == "stored" and outcome.datasets == 1
    assert len(outcome.messages) == 2
    assert any(DISPLAY[MALANG] in m for m in outcome.messages)
    assert any(DISPLAY[PEREMPUAN] in m for m in outcome.messages)
    assert not any(DISPLAY[BWI] in m for m in outcome.messages)

    versions = ws.versions(LAPTOP_USER)
    from_file = versions.loc[versions["file_id"] == outcome.file_id]
    assert from_file["unit_key"].tolist() == [BWI]
    assert int(from_file["rows"].iloc[0]) == expected_bwi
    plan_rows_after = ws.dataset(LAPTOP_USER).frames["action_plan"]["unit_key"].value_counts().to_dict()
    assert plan_rows_after == plan_rows_before | {BWI: plan_rows_before[BWI] + expected_bwi}
    with ws.engine.connect() as conn:
        stored_units = set(conn.execute(sa.select(schema.datasets.c.unit_key)
                                        .where(schema.datasets.c.file_id == outcome.file_id)).scalars())
    assert stored_units == {BWI}

    # A file with only other units is refused whole, naming the unit.
    other = write_xlsx(tmp_path / "malang_only.xlsx", {"RA": plan_rows("LAPAS KELAS I MALANG", [("WBS", "30%")])})
    counts = table_counts(ws)
    refused = import_bytes(ws, other.read_bytes(), other.name, OPERATOR, today=AS_OF)
    assert refused.status == "denied" and refused.file_id is None
    assert any(DISPLAY[MALANG] in m for m in refused.messages)
    new_unit = write_xlsx(tmp_path / "semarang.xlsx", {"RA": plan_rows("LAPAS KELAS IIA SEMARANG", [("WBS", "30%")])})
    assert import_bytes(ws, new_unit.read_bytes(), new_unit.name, OPERATOR, today=AS_OF).status == "denied"
    assert table_counts(ws) | {"audit_log": 0} == counts | {"audit_log": 0}
    assert SEMARANG not in set(ws.units(LAPTOP_USER)["key"])


def test_a_partial_operator_upload_does_not_block_the_whole_file_later(db_url, fresh, tmp_path):
    """The operator's upload keeps only Banyuwangi; the admin uploading the same file must still store the rest."""
    ws = fresh()
    _jatim_units_without_monitoring(ws, tmp_path)
    partial = import_bytes(ws, MONITORING.read_bytes(), MONITORING.name, OPERATOR, today=AS_OF)
    assert partial.status == "stored" and partial.datasets == 1

    import_bytes(ws, MONITORING.read_bytes(), MONITORING.name, ADMIN, today=AS_OF)
    expected = ingest_file(MONITORING, today=AS_OF).frame("action_plan")
    plan = ws.dataset(ADMIN).frames["action_plan"]
    for key in (MALANG, PEREMPUAN):
        monitoring_rows = int((expected["unit_key"] == key).sum())
        assert int((plan["unit_key"] == key).sum()) == 2 + monitoring_rows, (
            f"{key}: the Monitoring rows never reach the workspace once an operator stored its part")


def test_rows_of_other_units_in_an_operator_upload_reach_no_other_user(db_url, fresh, tmp_path):
    """'Other units' rows are not stored': not as rejected rows, not as the raw file of another unit user."""
    ws = fresh()
    _jatim_units_without_monitoring(ws, tmp_path)
    secret = "Laporan Budi Santoso 0812-3456"
    rows = [["MONITORING RENCANA AKSI ZI"], ["Posisi 31 Oktober 2026"], [],
            ["No", "Satuan Kerja", "Area Perubahan", "Kegiatan", "PIC", "Progres"],
            [1, "Lapas Kelas IIA Banyuwangi", "Manajemen Perubahan", "SK Tim", "KPLP", "50%"],
            [2, "Lapas Kelas IIA Banyuwangi", "Penguatan Pengawasan", "WBS", "Kasi", "20%"],
            [3, "Lapas Kelas I Malang", "Manajemen Perubahan", "Kegiatan khusus Malang", "KPLP", "40%"],
            [4, "Lapas Kelas I Malang", "Penguatan Pengawasan", "WBS", "Kasi", secret]]
    path = write_xlsx(tmp_path / "monitoring_okt.xlsx", {"Monitoring": rows})
    outcome = import_bytes(ws, path.read_bytes(), path.name, OPERATOR, today=AS_OF)
    assert outcome.status == "stored" and outcome.datasets == 1
    assert outcome.result.rejected_rows == 1  # the Malang row with the unreadable progress

    colleague = Principal("operator2.bwi", "operator", unit_key=BWI)
    try:  # the file holds Lapas Malang rows: the colleague may not open it at all, or sees no Malang cell
        assert secret not in ws.rejected_rows(colleague, outcome.file_id).astype(str).to_csv(index=False)
    except AccessDenied:
        pass
    # the Banyuwangi part is the unit's, so the colleague finds it, but may not open the file (it holds Malang rows)
    shared = ws.files(colleague).set_index("id").loc[outcome.file_id]
    assert shared["units"] == [BWI] and not shared["openable"] and shared["rejected_rows"] is None
    assert ws.files(OPERATOR).set_index("id").loc[outcome.file_id, "openable"]  # the uploader opens their own upload
    assert secret not in ws.dataset(colleague).problems.astype(str).to_csv(index=False)
    try:
        _name, raw = ws.raw_file(colleague, outcome.file_id)
    except AccessDenied:
        return
    reread = ingest_file(raw, name="monitoring_okt.xlsx", today=AS_OF)
    assert set(reread.units) <= {BWI}, "another Banyuwangi user downloads the Lapas Malang rows"


def test_kanwil_uploads_only_for_its_own_kanwil(db_url, ws, tmp_path):
    counts = table_counts(ws)
    jatim_plan = write_xlsx(tmp_path / "ra_bwi.xlsx", {"RA": plan_rows("LAPAS KELAS IIA BANYUWANGI", [("WBS", "60%")])})
    refused = import_bytes(ws, jatim_plan.read_bytes(), jatim_plan.name, JATENG, today=AS_OF)
    assert refused.status == "denied" and refused.file_id is None
    assert any(DISPLAY[BWI] in m for m in refused.messages)
    stored_elsewhere = SAMPLES / "Lapas Banyuwangi" / "register_pengaduan_2025-2026.csv"
    known = import_bytes(ws, stored_elsewhere.read_bytes(), stored_elsewhere.name, JATENG)
    assert known.status == "denied" and known.file_id is None
    assert not any("operator" in m or "pengguna" in m for m in known.messages)  # nobody's name leaks
    assert table_counts(ws) == counts

    # a unit new to the workspace joins the uploader's own Kanwil, whatever Kanwil the call names
    new_unit = write_xlsx(tmp_path / "ra_kudus.xlsx", {"RA": plan_rows("LAPAS KELAS IIA KUDUS", [("WBS", "60%")])})
    stored = import_bytes(ws, new_unit.read_bytes(), new_unit.name, JATENG, kanwil="Jawa Timur", today=AS_OF)
    assert stored.status == "stored" and stored.result.units == ["lapas-kudus"]
    assert set(ws.units(JATENG)["key"]) == {SEMARANG, "lapas-kudus"}
    assert "lapas-kudus" not in set(ws.units(JATIM)["key"])
    assert stored.file_id in set(ws.files(JATENG)["id"]) and stored.file_id not in set(ws.files(JATIM)["id"])


def test_operator_changes_only_its_own_units_files(db_url, ws):
    names = file_ids_by_name(ws)
    own = names["register_pengaduan_2025-2026.csv"]
    for name in ("Register Pengaduan Lapas Malang.xlsx", "semarang.xlsx"):
        with pytest.raises(AccessDenied) as denied:
            ws.delete_file(OPERATOR, names[name])
        assert str(denied.value) == "File itu tidak tersedia untuk akun Anda."
    with pytest.raises(AccessDenied):
        ws.delete_file(JATENG, names["Register Pengaduan Lapas Malang.xlsx"])
    assert ws.files(ADMIN)["deleted_at"].isna().all()

    # the Monitoring file is shared by the three Jawa Timur units: the operator removes Banyuwangi's part only
    malang_plan = ws.dataset(JATIM, [MALANG, PEREMPUAN]).frames["action_plan"]
    ws.delete_file(OPERATOR, names[MONITORING.name])
    pd.testing.assert_frame_equal(ws.dataset(JATIM, [MALANG, PEREMPUAN]).frames["action_plan"], malang_plan)
    assert pd.isna(ws.files(ADMIN).set_index("id").loc[names[MONITORING.name], "deleted_at"])
    assert pd.notna(ws.files(OPERATOR).set_index("id").loc[names[MONITORING.name], "deleted_at"])
    ws.restore_file(OPERATOR, names[MONITORING.name])
    assert ws.files(ADMIN)["deleted_at"].isna().all()

    ws.delete_file(OPERATOR, own)
    assert len(ws.dataset(OPERATOR).frames["complaints"]) == 0
    assert len(ws.dataset(JATIM, [MALANG]).frames["complaints"]) > 0
    ws.restore_file(OPERATOR, own)
    assert len(ws.dataset(OPERATOR).frames["complaints"]) > 0


# ---- admin-only operations --------------------------------------------------------------------------

@pytest.mark.parametrize("role", NON_ADMINS)
def test_admin_only_operations_are_refused_in_indonesian(db_url, ws, role):
    p = USERS[role]
    admin_backup = io.BytesIO()
    ws.backup(ADMIN, admin_backup)
    counts = table_counts(ws)
    users_before = ws.users(ADMIN)
    units_before = ws.units(ADMIN)

    attempts = {
        "users": lambda: ws.users(p),
        "add_user": lambda: ws.add_user(p, "penyusup", PASSWORD, "admin"),
        "set_password": lambda: ws.set_password(p, ADMIN.username, "Diambil-Alih-99"),
        "set_active": lambda: ws.set_active(p, ADMIN.username, False),
        "set_unit_kanwil": lambda: ws.set_unit_kanwil(p, SEMARANG, p.kanwil or "Jawa Timur"),
        "backup": lambda: ws.backup(p, io.BytesIO()),
        "restore": lambda: ws.restore(p, io.BytesIO(admin_backup.getvalue())),
    }
    for what, attempt in attempts.items():
        with pytest.raises(AccessDenied) as denied:
            attempt()
        message = str(denied.value)
        assert DENIED_MESSAGE.match(message), (what, message)
        assert message.startswith(f"Peran {ROLE_LABELS[p.role]} "), (what, message)

    counts_after = table_counts(ws)
    assert counts_after == counts  # nothing changed, not even the audit log
    pd.testing.assert_frame_equal(ws.users(ADMIN), users_before)
    pd.testing.assert_frame_equal(ws.units(ADMIN), units_before)

    # one's own password is one's own business
    hashes = password_hashes(ws)
    ws.set_password(p, p.username, "Sandi-Baru-2026!")
    changed = password_hashes(ws)
    assert {u for u in hashes if hashes[u] != changed[u]} == {p.username}
    assert auth.verify_password(changed[p.username], "Sandi-Baru-2026!")


def test_admin_manages_users_and_units(db_url, ws):
    users = ws.users(ADMIN)
    assert set(users["username"]) == {p.username for p in USERS.values()}
    assert not any("hash" in c or "password" in c for c in users.columns)
    row = users.set_index("username").loc[OPERATOR.username]
    assert (row["role"], row["unit_key"], bool(row["active"])) == ("operator", BWI, True)
    ws.set_unit_kanwil(ADMIN, SEMARANG, "Jawa Timur")
    assert set(ws.units(JATIM)["key"]) == ALL_UNITS and ws.units(JATENG).empty
    assert len(ws.dataset(JATENG).frames["action_plan"]) == 0
    assert ws.files(JATENG).empty
    ws.set_unit_kanwil(ADMIN, SEMARANG, "Jawa Tengah")
    assert set(ws.units(JATENG)["key"]) == {SEMARANG}


# ---- audit log ------------------------------------------------------------------------------------

def test_non_admins_see_only_their_own_audit_entries(db_url, ws, tmp_path):
    names = file_ids_by_name(ws)
    own = names["register_pengaduan_2025-2026.csv"]
    ws.delete_file(OPERATOR, own)
    ws.restore_file(OPERATOR, own)
    plan = write_xlsx(tmp_path / "ra_smg.xlsx", {"RA": plan_rows("LAPAS KELAS IIA SEMARANG", [("WBS", "70%")], "31 Oktober 2026")})
    assert import_bytes(ws, plan.read_bytes(), plan.name, JATENG, today=AS_OF).status == "stored"
    ws.set_unit_kanwil(ADMIN, SEMARANG, "Jawa Tengah")
    assert ws.authenticate(PIMPINAN.username, PASSWORD) == PIMPINAN
    assert ws.authenticate(JATIM.username, "salah-sandi-1") is None

    everything = ws.audit_log(ADMIN)
    actors = set(everything["actor"])
    assert {LAPTOP_USER.username, ADMIN.username, OPERATOR.username, JATENG.username, PIMPINAN.username,
            JATIM.username} <= actors
    expected_actions = {"operator": {"delete", "restore"}, "kanwil_jateng": {"import"}, "pimpinan": {"login"},
                        "kanwil_jatim": {"login_failed"}}
    for role in NON_ADMINS:
        p = USERS[role]
        log = ws.audit_log(p)
        assert len(log) > 0, role
        assert set(log["actor"]) == {p.username}, role
        assert expected_actions[role] <= set(log["action"]), role
        assert set(log["id"]) == set(everything.loc[everything["actor"] == p.username, "id"]), role


# ---- login, passwords and sessions ----------------------------------------------------------------

def test_passwords_follow_the_policy_and_are_stored_as_argon2id(db_url, ws):
    counts = table_counts(ws)
    for weak in ("Pendek-1", "hanyahurufsaja", "12345678901234", ""):
        with pytest.raises(ValueError) as refused:
            ws.add_user(ADMIN, "lemah", weak, "operator", unit_key=BWI)
        assert "kata sandi" in str(refused.value)
    with pytest.raises(ValueError):
        ws.add_user(ADMIN, OPERATOR.username, "Sandi-Lain-2026", "operator", unit_key=BWI)
    with pytest.raises(ValueError):
        ws.add_user(ADMIN, "tanpa.unit", "Sandi-Lain-2026", "pimpinan")
    with pytest.raises(ValueError):
        ws.set_password(ADMIN, OPERATOR.username, "pendek")
    assert table_counts(ws) == counts

    ws.add_user(ADMIN, "operator.baru", "Kata-Sandi-Rahasia-77", "operator", unit_key=MALANG)
    hashes = password_hashes(ws)
    assert len(hashes) == len(USERS) + 1
    for username, stored in hashes.items():
        assert stored.startswith("$argon2id$"), username
        assert PASSWORD not in stored and "Kata-Sandi-Rahasia-77" not in stored
    assert len(set(hashes.values())) == len(hashes)  # salted: the same password never hashes the same
    assert auth.verify_password(hashes["operator.baru"], "Kata-Sandi-Rahasia-77")
    log = ws.audit_log(ADMIN).astype(str).to_csv(index=False)
    assert "Kata-Sandi-Rahasia-77" not in log and PASSWORD not in log
    backup = io.BytesIO()
    ws.backup(ADMIN, backup)
    assert b"Kata-Sandi-Rahasia-77" not in backup.getvalue()


def test_authenticate_returns_the_stored_principal_and_audits_every_attempt(db_url, ws):
    for p in USERS.values():
        assert ws.authenticate(p.username, PASSWORD) == p
    assert ws.authenticate(f"  {OPERATOR.username} ", PASSWORD) == OPERATOR
    assert ws.authenticate(OPERATOR.username, PASSWORD + "x") is None
    assert ws.authenticate(OPERATOR.username, "") is None
    assert ws.authenticate("tidak.ada", PASSWORD) is None

    ws.set_active(ADMIN, PIMPINAN.username, False)
    assert ws.authenticate(PIMPINAN.username, PASSWORD) is None
    ws.set_active(ADMIN, PIMPINAN.username, True)
    assert ws.authenticate(PIMPINAN.username, PASSWORD) == PIMPINAN

    log = ws.audit_log(ADMIN)
    logins = log.loc[log["action"].str.startswith("login")]
    by_target = logins.groupby("target")["action"].apply(list).to_dict()
    assert by_target[OPERATOR.username].count("login") == 2
    assert by_target[OPERATOR.username].count("login_failed") == 2
    assert by_target["tidak.ada"] == ["login_failed"]
    assert by_target[PIMPINAN.username].count("login_failed") == 1


def test_repeated_failures_lock_the_name_even_for_the_right_password(db_url, ws):
    for _ in range(auth.LOCK_AFTER):
        assert ws.authenticate(JATIM.username, "Tebakan-salah-1") is None
    assert ws.authenticate(JATIM.username, PASSWORD) is None
    assert ws.audit_log(ADMIN)["action"].iloc[0] == "login_locked"
    assert ws.authenticate(JATENG.username, PASSWORD) == JATENG  # other names are not affected


def test_simultaneous_guesses_cannot_check_more_passwords_than_the_lockout_allows(db_url, ws):
    """Issue 24 item 4: twelve guesses at once from one address check at most LOCK_AFTER passwords."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(lambda i: ws.authenticate(JATIM.username, f"Tebakan-salah-{i}", "10.0.0.9"), range(12)))
    assert results == [None] * 12
    log = ws.audit_log(ADMIN)
    attempts = log.loc[log["target"] == JATIM.username, "action"].tolist()
    assert attempts.count("login_failed") == auth.LOCK_AFTER and attempts.count("login_locked") == 12 - auth.LOCK_AFTER


def test_nobody_can_lock_a_name_out_from_another_address(db_url, ws, monkeypatch):
    monkeypatch.setattr(auth, "SLOW_SECONDS", 0.2)
    for _ in range(auth.LOCK_AFTER):
        assert ws.authenticate(ADMIN.username, "Tebakan-salah-1", "203.0.113.7") is None
    assert ws.authenticate(ADMIN.username, PASSWORD, "203.0.113.7") is None  # the guessing address is refused
    started = time.perf_counter()
    assert ws.authenticate(ADMIN.username, PASSWORD, "10.1.1.1") == ADMIN  # the admin's own desk still gets in
    assert time.perf_counter() - started >= 0.2  # slowed, as every attempt on a name guessed at
    for i in range(auth.ADDRESS_LOCK_AFTER):  # an address guessing many names is refused for every name
        ws.authenticate(f"nama.{i}", "Tebakan-salah-1", "198.51.100.4")
    assert ws.authenticate(JATENG.username, PASSWORD, "198.51.100.4") is None
    assert ws.authenticate(JATENG.username, PASSWORD, "10.1.1.2") == JATENG


def test_an_unknown_name_costs_the_same_password_check_as_a_known_one(db_url, ws):
    def timed(name: str) -> float:
        started = time.perf_counter()
        ws.authenticate(name, "Tebakan-salah-2", f"10.9.9.{len(name)}")
        return time.perf_counter() - started
    timed("pemanasan")
    known = min(timed(OPERATOR.username) for _ in range(3))
    unknown = min(timed("tidak.ada.sama.sekali") for _ in range(3))
    assert 0.5 < unknown / known < 2.0, (known, unknown)


def _age(ws: Workspace, session_id: int, **values) -> None:
    """Move a session's clock: its ticket or its whole life ran out."""
    with ws.engine.begin() as conn:
        conn.execute(sa.update(schema.sessions).where(schema.sessions.c.id == session_id).values(**values))


def test_a_session_ends_with_logout_password_change_deactivation_and_expiry_in_every_copy(db_url, ws):
    """Issue 24 item 3: what ends a login ends every tab and every copy of its cookie at the next interaction."""
    tab, ticket = ws.start_session(OPERATOR, "10.0.0.5")
    assert ws.session_principal(tab) == OPERATOR
    cookie = ws.redeem_ticket(ticket)
    assert cookie and ws.redeem_ticket(ticket) is None  # a ticket is used once
    assert ws.session_from_cookie(cookie) == tab
    for garbage in ("", "abc", cookie + "x", cookie[:-1], ticket, "%%%", "a" * 500):
        assert ws.session_from_cookie(garbage) is None, garbage
    with ws.engine.connect() as conn:  # the database keeps neither the cookie nor the ticket itself
        stored = " ".join(str(v) for row in conn.execute(sa.select(schema.sessions)).all() for v in row)
    assert cookie not in stored and ticket not in stored

    # a ticket older than a minute hands out no cookie
    late, late_ticket = ws.start_session(OPERATOR)
    _age(ws, late, ticket_expires_at=pd.Timestamp.now(tz="UTC") - pd.Timedelta(seconds=1))
    assert ws.redeem_ticket(late_ticket) is None
    assert ws.session_principal(late) == OPERATOR  # the tab that logged in keeps working

    # "Keluar" ends this session, also for a copy of its cookie; another session of the same user stays
    other, _ = ws.start_session(OPERATOR)
    ws.end_session(OPERATOR, tab)
    assert ws.session_principal(tab) is None and ws.session_from_cookie(cookie) is None
    assert ws.session_principal(other) == OPERATOR
    assert ws.audit_log(ADMIN)["action"].iloc[0] == "logout"

    # deactivation ends every session, and reactivation does not bring them back
    ws.set_active(ADMIN, OPERATOR.username, False)
    assert ws.session_principal(other) is None and ws.session_principal(late) is None
    ws.set_active(ADMIN, OPERATOR.username, True)
    assert ws.session_principal(other) is None

    # a password change (an admin's reset or one's own) ends every session of that user only
    mine, _ = ws.start_session(OPERATOR)
    boss, _ = ws.start_session(ADMIN)
    ws.set_password(ADMIN, OPERATOR.username, "Sandi-Reset-2026")
    assert ws.session_principal(mine) is None and ws.session_principal(boss) == ADMIN
    again, _ = ws.start_session(OPERATOR)
    with pytest.raises(ValueError, match="Kata sandi sekarang salah"):
        ws.change_own_password(OPERATOR, "bukan-sandinya-1", "Sandi-Baru-2026!")
    assert ws.session_principal(again) == OPERATOR
    ws.change_own_password(OPERATOR, "Sandi-Reset-2026", "Sandi-Baru-2026!")
    assert ws.session_principal(again) is None
    assert ws.authenticate(OPERATOR.username, "Sandi-Baru-2026!") == OPERATOR

    # twelve hours after the login it ends whatever happens
    old, old_ticket = ws.start_session(OPERATOR)
    old_cookie = ws.redeem_ticket(old_ticket)
    _age(ws, old, expires_at=pd.Timestamp.now(tz="UTC") - pd.Timedelta(seconds=1))
    assert ws.session_principal(old) is None and ws.session_from_cookie(old_cookie) is None

    # another secret (another server, or a rotated secret) knows no cookie of this one
    fresh_id, fresh_ticket = ws.start_session(JATIM)
    fresh_cookie = ws.redeem_ticket(fresh_ticket)
    other_server = Workspace.open(config=_server_config(db_url, "y" * 40))
    laptop = Workspace.open(config=WorkspaceConfig(database_url=db_url))
    try:
        assert other_server.session_from_cookie(fresh_cookie) is None
        assert laptop.session_from_cookie(fresh_cookie) is None and laptop.redeem_ticket(fresh_ticket) is None
    finally:
        other_server.close()
        laptop.close()
    assert ws.session_from_cookie(fresh_cookie) == fresh_id

    # a restored backup starts with nobody signed in
    buffer = io.BytesIO()
    ws.backup(ADMIN, buffer)
    ws.restore(ADMIN, io.BytesIO(buffer.getvalue()))
    assert ws.session_from_cookie(fresh_cookie) is None and ws.session_principal(fresh_id) is None


def test_an_admin_unlocks_a_name_and_only_an_admin(db_url, ws):
    for _ in range(auth.LOCK_AFTER):
        ws.authenticate(JATIM.username, "Tebakan-salah-1", "10.0.0.7")
    assert ws.authenticate(JATIM.username, PASSWORD, "10.0.0.7") is None
    assert ws.users(ADMIN).set_index("username").loc[JATIM.username, "failed_logins"] == auth.LOCK_AFTER
    for p in (JATIM, OPERATOR, PIMPINAN):
        with pytest.raises(AccessDenied):
            ws.unlock_user(p, JATIM.username)
    ws.unlock_user(ADMIN, JATIM.username)
    assert ws.users(ADMIN).set_index("username").loc[JATIM.username, "failed_logins"] == 0
    assert ws.authenticate(JATIM.username, PASSWORD, "10.0.0.7") == JATIM
    with pytest.raises(ValueError, match="tidak ada"):
        ws.unlock_user(ADMIN, "tidak.ada")
    with pytest.raises(ValueError):
        ws.set_active(ADMIN, ADMIN.username, False)  # not one's own account, by accident


def test_the_account_list_counts_failed_logins_as_the_login_lock_does(db_url, ws):
    """One query for the whole list, the same count per name as the lock's own (after a success, an unlock, and
    failures of a name nobody owns)."""
    ws.authenticate(JATIM.username, "Tebakan-salah-1", "10.0.0.7")
    ws.authenticate(JATIM.username, PASSWORD, "10.0.0.7")
    for _ in range(2):
        ws.authenticate(JATIM.username, "Tebakan-salah-1", "10.0.0.8")
        ws.authenticate(OPERATOR.username, "Tebakan-salah-1", "10.0.0.9")
        ws.authenticate("tidak.ada", "Tebakan-salah-1", "10.0.0.9")
    ws.unlock_user(ADMIN, OPERATOR.username)
    ws.authenticate(OPERATOR.username, "Tebakan-salah-1", "10.0.0.9")
    listed = ws.users(ADMIN).set_index("username")["failed_logins"]
    with ws.engine.connect() as conn:
        for name in listed.index:
            assert listed[name] == ws._recent_failures(conn, name, "").name, name
    assert (listed[JATIM.username], listed[OPERATOR.username]) == (2, 1)


def test_a_name_guessed_from_many_addresses_at_once_is_checked_once_per_slow_interval(db_url, ws, monkeypatch):
    """Attack review F6: parallel guesses from rotating addresses get one password check per SLOW_SECONDS."""
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(auth, "SLOW_SECONDS", 0.4)
    for i in range(auth.LOCK_AFTER):
        ws.authenticate(ADMIN.username, "Tebakan-salah-1", f"203.0.113.{i}")
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(lambda i: ws.authenticate(ADMIN.username, "Tebakan-salah-2", f"198.51.100.{i}"), range(6)))
    assert time.perf_counter() - started >= 6 * 0.4 - 0.05  # six checks, one per interval, not six at once
    assert ws.authenticate(ADMIN.username, PASSWORD, "10.1.1.1") == ADMIN  # slowed, never locked


def test_an_ipv6_household_counts_as_one_address(db_url, ws):
    for i in range(auth.LOCK_AFTER):
        ws.authenticate(JATIM.username, "Tebakan-salah-1", f"2001:db8:0:1::{i + 1}")
    assert ws.authenticate(JATIM.username, PASSWORD, "2001:db8:0:1::99") is None  # the same /64
    assert ws.authenticate(JATIM.username, PASSWORD, "2001:db8:0:2::1") == JATIM  # another network
    assert auth.address_key("10.0.0.1") == "10.0.0.1" and auth.address_key("") == ""
