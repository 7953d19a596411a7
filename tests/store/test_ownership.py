"""Ownership by unit, not by file (issue 24 item 1): a Kanwil workbook shared by several units is each unit's.

Removing, restoring and re-reading act only on the datasets of units the user may change, each change is
audited per unit, and identical bytes stored for other units reveal nothing. Every test takes `db_url`
(a fresh real database, SQLite and PostgreSQL).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic import command

from conftest import write_xlsx
from support.units_world import server_workspace
from zi_analytics.ingest import SheetOverride
from zi_analytics.store import AccessDenied, Principal, Workspace
from zi_analytics.store import schema
from zi_analytics.store.engine import _alembic_config, create_workspace_engine, current_revision, head_revision, upgrade, write
from zi_analytics.ui import workspace_tables as tables
from zi_analytics.services import import_bytes, import_paths, reread

AS_OF = date(2026, 11, 23)
A, B, C, D = "lapas-banyuwangi", "lapas-malang", "lapas-perempuan-malang", "lapas-semarang"
DISPLAY = {A: "Lapas Kelas IIA Banyuwangi", B: "Lapas Kelas I Malang", C: "Lapas Perempuan Kelas IIA Malang"}
ADMIN = Principal("admin.kanwil", "admin")
JATIM = Principal("kanwil.jatim", "kanwil", kanwil="Jawa Timur")
OP_A = Principal("operator.bwi", "operator", unit_key=A)
OP_B = Principal("operator.mlg", "operator", unit_key=B)
OP_D = Principal("operator.smg", "operator", unit_key=D)
BOSS_B = Principal("kalapas.mlg", "pimpinan", unit_key=B)
SECRET_CELL = "Budi 0812-3456"  # a Malang row's unreadable progress: a rejected row with a person in it
FIX = {"Monitoring": SheetOverride(mapping={"PIC": "note"})}  # Operator A's correction: PIC read as a note


def monitoring(folder: Path) -> Path:
    """A Kanwil monitoring workbook: two Banyuwangi rows, two Malang rows (one rejected), one Perempuan row."""
    rows = [["MONITORING RENCANA AKSI ZI KANWIL JAWA TIMUR"], ["Posisi 31 Oktober 2026"], [],
            ["No", "Satuan Kerja", "Area Perubahan", "Kegiatan", "PIC", "Progres"],
            [1, "Lapas Kelas IIA Banyuwangi", "Manajemen Perubahan", "SK Tim", "KPLP", "50%"],
            [2, "Lapas Kelas IIA Banyuwangi", "Penguatan Pengawasan", "WBS", "Kasi", "20%"],
            [3, "Lapas Kelas I Malang", "Manajemen Perubahan", "Kegiatan khusus Malang", "KPLP", "40%"],
            [4, "Lapas Kelas I Malang", "Penguatan Pengawasan", "WBS", "Kasi", SECRET_CELL],
            [5, "Lapas Perempuan Kelas IIA Malang", "Manajemen Perubahan", "SK Tim", "KPLP", "70%"]]
    return write_xlsx(folder / "Monitoring RA Kanwil Okt.xlsx", {"Monitoring": rows})


@pytest.fixture
def ws(db_url, tmp_path):
    """Server mode; the three Jawa Timur units known from one small action plan each (Kanwil Jawa Timur)."""
    workspace = server_workspace(db_url, tmp_path, ("LAPAS KELAS IIA BANYUWANGI", "LAPAS KELAS I MALANG",
                                                    "LAPAS PEREMPUAN KELAS IIA MALANG"), AS_OF)
    yield workspace
    workspace.close()


def counts(ws: Workspace) -> dict[str, int]:
    with ws.engine.connect() as conn:
        return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for t in schema.TABLE_ORDER}


def parts_of(ws: Workspace, file_id: int) -> dict[str, list[tuple[int, bool]]]:
    """The file's datasets per unit: (id, removed)."""
    versions = ws.versions(ADMIN)
    mine = versions.loc[versions["file_id"] == file_id].sort_values("id")
    out: dict[str, list[tuple[int, bool]]] = {}
    for row in mine.itertuples():
        out.setdefault(row.unit_key, []).append((int(row.id), bool(row.deleted)))
    return out


def frames_of(ws: Workspace, dataset_id: int) -> pd.DataFrame:
    return ws.dataset_frames(ADMIN, dataset_id)["action_plan"]


def current_plan(ws: Workspace, *units: str) -> pd.DataFrame:
    return ws.dataset(ADMIN, list(units)).frames["action_plan"]


def file_row(ws: Workspace, principal: Principal, file_id: int) -> pd.Series:
    files = ws.files(principal)
    assert file_id in set(files["id"]), principal
    return files.set_index("id").loc[file_id]


def changes(ws: Workspace, since: int) -> list[tuple[str, str, str, list[int], list[int]]]:
    """Audit entries after id `since` that change datasets: (actor, action, unit, datasets, replaced)."""
    log = ws.audit_log(ADMIN).sort_values("id")
    out = []
    for row in log.loc[(log["id"] > since) & log["action"].isin(["delete", "restore", "reread"])].itertuples():
        detail = json.loads(row.detail)
        out.append((row.actor, row.action, detail["unit"], detail["datasets"], detail.get("replaced", [])))
    return out


def last_audit_id(ws: Workspace) -> int:
    return int(ws.audit_log(ADMIN, 1)["id"].iloc[0])


# ---- the attack of issue 24 item 1 -------------------------------------------------------------------

def test_a_shared_kanwil_file_is_removed_restored_and_reread_per_unit(db_url, ws, tmp_path):
    path = monitoring(tmp_path)
    data = path.read_bytes()

    # bytes nobody stored yet, uploaded by the operator of a fourth unit: the baseline of "reveals nothing"
    before = counts(ws)
    unknown = import_bytes(ws, data, path.name, OP_D, today=AS_OF)
    assert unknown.status == "denied" and unknown.file_id is None
    assert counts(ws) == before

    # Operator A stores its own unit; the admin later adds B and C to the same stored file
    first = import_bytes(ws, data, path.name, OP_A, today=AS_OF)
    assert first.status == "stored" and first.datasets == 1
    completed = import_bytes(ws, data, "salinan.xlsx", ADMIN, today=AS_OF)
    assert completed.status == "stored" and completed.file_id == first.file_id and completed.datasets == 2
    file_id = first.file_id
    parts = parts_of(ws, file_id)
    assert set(parts) == {A, B, C} and all(len(p) == 1 for p in parts.values())
    [(a_id, _)], [(b_id, _)], [(c_id, _)] = parts[A], parts[B], parts[C]
    b_frame, c_frame = frames_of(ws, b_id), frames_of(ws, c_id)
    b_and_c = current_plan(ws, B, C)
    assert (b_and_c["activity"] == "Kegiatan khusus Malang").any()
    assert ws.files(ADMIN).set_index("id").loc[file_id, "uploaded_by"] == OP_A.username
    mark = last_audit_id(ws)

    # Operator A removes the file: only A's data goes
    ws.delete_file(OP_A, file_id)
    assert parts_of(ws, file_id) == {A: [(a_id, True)], B: [(b_id, False)], C: [(c_id, False)]}
    pd.testing.assert_frame_equal(current_plan(ws, B, C), b_and_c)
    assert not (current_plan(ws, A)["activity"] == "WBS").any()
    assert file_row(ws, OP_A, file_id)["deleted_by"] == OP_A.username
    admin_row = file_row(ws, ADMIN, file_id)
    assert admin_row["deleted_at"] is None and (admin_row["active_datasets"], admin_row["removed_datasets"]) == (2, 1)

    # Operator B sees the file as B's part only, cannot open it, and manages its own part
    own = file_row(ws, OP_B, file_id)
    assert own["units"] == [B] and not own["openable"] and own["shared"]
    assert own["rows"] == 1 and own["rejected_rows"] is None and own["deleted_at"] is None
    for opening in (ws.file_report, ws.rejected_rows, ws.raw_file):
        with pytest.raises(AccessDenied):
            opening(OP_B, file_id)
    with pytest.raises(AccessDenied):
        reread(ws, OP_B, file_id, FIX, today=AS_OF)
    assert SECRET_CELL not in ws.dataset(OP_B).problems.astype(str).to_csv(index=False)
    shown = tables.files_table(ws.files(OP_B)).set_index("No.").loc[file_id]  # the table of "File tersimpan"
    assert (shown["Ditolak"], shown["Diterima"], shown["Status"]) == ("–", "1", "Aktif")
    assert tables.files_table(ws.files(ADMIN)).set_index("No.").loc[file_id, "Status"] == "Sebagian dihapus"
    c_plan = current_plan(ws, C)
    ws.delete_file(OP_B, file_id)
    assert parts_of(ws, file_id) == {A: [(a_id, True)], B: [(b_id, True)], C: [(c_id, False)]}
    assert file_row(ws, OP_B, file_id)["deleted_by"] == OP_B.username
    pd.testing.assert_frame_equal(current_plan(ws, C), c_plan)
    ws.restore_file(OP_B, file_id)
    assert parts_of(ws, file_id) == {A: [(a_id, True)], B: [(b_id, False)], C: [(c_id, False)]}
    pd.testing.assert_frame_equal(current_plan(ws, B, C), b_and_c)

    # Operator A brings its own part back
    ws.restore_file(OP_A, file_id)
    assert parts_of(ws, file_id) == {A: [(a_id, False)], B: [(b_id, False)], C: [(c_id, False)]}

    # A reads the file again with a correction while B's part is removed: only A's dataset is replaced
    ws.delete_file(OP_B, file_id)
    report_before = ws.file_report(ADMIN, file_id)
    outcome = reread(ws, OP_A, file_id, FIX, today=AS_OF)
    assert outcome.status == "reread" and outcome.datasets == 1
    assert {m for m in outcome.messages if DISPLAY[B] in m or DISPLAY[C] in m}  # the other units are left alone
    parts = parts_of(ws, file_id)
    [(new_a, a_removed)] = parts[A]
    assert new_a != a_id and not a_removed and parts[B] == [(b_id, True)] and parts[C] == [(c_id, False)]
    pd.testing.assert_frame_equal(frames_of(ws, b_id), b_frame)
    pd.testing.assert_frame_equal(frames_of(ws, c_id), c_frame)
    a_now = frames_of(ws, new_a)
    assert set(a_now["note"]) == {"KPLP", "Kasi"} and a_now["pic"].fillna("").eq("").all()
    assert ws.file_report(ADMIN, file_id) == report_before  # A may not change B's and C's reading of the file
    ws.restore_file(OP_B, file_id)
    pd.testing.assert_frame_equal(current_plan(ws, B, C), b_and_c)

    # every change audited per unit: actor, action, datasets
    assert changes(ws, mark) == [
        (OP_A.username, "delete", A, [a_id], []), (OP_B.username, "delete", B, [b_id], []),
        (OP_B.username, "restore", B, [b_id], []), (OP_A.username, "restore", A, [a_id], []),
        (OP_B.username, "delete", B, [b_id], []), (OP_A.username, "reread", A, [new_a], [a_id]),
        (OP_B.username, "restore", B, [b_id], [])]
    log = ws.audit_log(ADMIN)
    assert all(json.loads(d)["file_id"] == file_id for d in log.loc[log["action"].isin(["delete", "restore", "reread"]),
                                                                     "detail"])

    # the operator of a fourth unit learns nothing: the same outcome as for bytes never stored
    before = counts(ws)
    again = import_bytes(ws, data, path.name, OP_D, today=AS_OF)
    assert again.status == "denied" and again.file_id is None and again.datasets == 0
    assert again.messages == unknown.messages == [f"Data unit {DISPLAY[u]} tidak disimpan: unit itu di luar wewenang Anda."
                                                  for u in (A, B, C)]
    assert again.to_json() == unknown.to_json()
    [batch] = import_paths(ws, [path], OP_D, today=AS_OF)
    assert batch.status == "denied" and batch.file_id is None and batch.messages == unknown.messages
    assert file_id not in set(ws.files(OP_D)["id"])
    assert counts(ws) == before

    # a pimpinan changes nothing
    for change in (ws.delete_file, ws.restore_file):
        with pytest.raises(AccessDenied):
            change(BOSS_B, file_id)
    with pytest.raises(AccessDenied):
        reread(ws, BOSS_B, file_id, FIX, today=AS_OF)
    assert import_bytes(ws, data, path.name, BOSS_B, today=AS_OF).status == "denied"
    assert file_row(ws, BOSS_B, file_id)["units"] == [B]
    assert counts(ws) == before


def test_reimporting_shared_bytes_restores_or_completes_only_ones_own_units(db_url, ws, tmp_path):
    path = monitoring(tmp_path)
    data = path.read_bytes()
    file_id = import_bytes(ws, data, path.name, ADMIN, today=AS_OF).file_id
    ws.delete_file(ADMIN, file_id)  # the admin removes all three parts: one entry per unit
    mark = last_audit_id(ws)
    assert all(removed for parts in parts_of(ws, file_id).values() for _id, removed in parts)

    again = import_bytes(ws, data, path.name, OP_B, today=AS_OF)
    assert again.status == "restored" and again.file_id == file_id
    assert {unit: [removed for _id, removed in parts] for unit, parts in parts_of(ws, file_id).items()} == {
        A: [True], B: [False], C: [True]}
    assert [(actor, action, unit) for actor, action, unit, _d, _r in changes(ws, mark)] == [
        (OP_B.username, "restore", B)]
    duplicate = import_bytes(ws, data, path.name, OP_B, today=AS_OF)
    assert duplicate.status == "duplicate" and duplicate.file_id == file_id

    # the Kanwil restores every part of its Kanwil that is removed, one entry per unit
    mark = last_audit_id(ws)
    ws.restore_file(JATIM, file_id)
    assert [(action, unit) for _a, action, unit, _d, _r in changes(ws, mark)] == [("restore", A), ("restore", C)]
    with pytest.raises(AccessDenied):  # nothing of the file is the fourth unit's
        ws.delete_file(OP_D, file_id)


def test_an_operator_upload_completed_by_the_admin_keeps_removals_per_unit(db_url, ws, tmp_path):
    """A's removed part stays removed when the admin adds the other units (the file is no longer 'removed')."""
    path = monitoring(tmp_path)
    data = path.read_bytes()
    file_id = import_bytes(ws, data, path.name, OP_A, today=AS_OF).file_id
    ws.delete_file(OP_A, file_id)
    completed = import_bytes(ws, data, path.name, ADMIN, today=AS_OF)
    assert completed.status == "stored" and completed.file_id == file_id and completed.datasets == 2
    assert {unit: [removed for _id, removed in parts] for unit, parts in parts_of(ws, file_id).items()} == {
        A: [True], B: [False], C: [False]}
    # an admin reading again replaces every unit's datasets and the file's own reading
    outcome = reread(ws, ADMIN, file_id, FIX, today=AS_OF)
    assert outcome.status == "reread" and outcome.datasets == 3 and outcome.messages == []
    assert all(not removed for parts in parts_of(ws, file_id).values() for _id, removed in parts)
    sheet = ws.file_report(ADMIN, file_id)["sheets"][0]
    assert sheet["mapping"].get("PIC") == "note"


# ---- older workspaces: migration 0004 and backups made before it ------------------------------------

def test_migration_0004_carries_a_file_removal_onto_its_datasets_and_loses_no_row(db_url):
    engine = create_workspace_engine(db_url)
    try:
        upgrade(engine, "0003")
        old = sa.MetaData()
        old.reflect(engine)
        t = old.tables
        stamp = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
        with engine.begin() as conn:
            for key in (A, B):
                conn.execute(t["units"].insert().values(key=key, type="lapas", city=key, created_at=stamp))
            for n, removed in enumerate((True, False), 1):
                file_id = conn.execute(t["files"].insert().values(
                    sha256=hashlib.sha256(bytes([n])).hexdigest(), name=f"f{n}.xlsx", path=f"f{n}.xlsx", size=1,
                    kind="action_plan", uploaded_by="op", uploaded_at=stamp, report="{}", problems=b"",
                    deleted_at=stamp if removed else None, deleted_by="op.lama" if removed else None,
                ).returning(t["files"].c.id)).scalar_one()
                conn.execute(t["file_blobs"].insert().values(file_id=file_id, content=b"isi"))
                for key in (A, B):
                    dataset_id = conn.execute(t["datasets"].insert().values(
                        file_id=file_id, unit_key=key, kind="action_plan", rows=1, sheets="[]", mapping="{}",
                    ).returning(t["datasets"].c.id)).scalar_one()
                    conn.execute(t["dataset_frames"].insert().values(dataset_id=dataset_id, name="action_plan",
                                                                     content=b"x"))
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            assert "deleted_at" not in {c["name"] for c in sa.inspect(conn).get_columns("files")}
            rows = conn.execute(sa.select(schema.datasets.c.file_id, schema.datasets.c.deleted_at,
                                          schema.datasets.c.deleted_by).order_by(schema.datasets.c.id)).all()
            assert [(f, at is not None, by) for f, at, by in rows] == [
                (1, True, "op.lama"), (1, True, "op.lama"), (2, False, None), (2, False, None)]
            assert {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                    for t in (schema.files, schema.file_blobs, schema.datasets, schema.dataset_frames)} == {
                "files": 2, "file_blobs": 2, "datasets": 4, "dataset_frames": 4}

        # back down to 0003 (a file is removed when all its parts are), again without losing a row
        with write(engine) as conn:
            conn.execute(sa.update(schema.datasets).where(schema.datasets.c.id == 3).values(
                deleted_at=stamp, deleted_by="op.b"))
        config = _alembic_config()
        with write(engine) as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0003")
        assert current_revision(engine) == "0003"
        with engine.connect() as conn:
            files = conn.execute(sa.text("SELECT id, deleted_by FROM files ORDER BY id")).all()
            assert [tuple(r) for r in files] == [(1, "op.lama"), (2, None)]
            assert conn.execute(sa.text("SELECT COUNT(*) FROM dataset_frames")).scalar_one() == 4
            assert conn.execute(sa.text("SELECT COUNT(*) FROM file_blobs")).scalar_one() == 2
    finally:
        engine.dispose()


def test_a_backup_from_before_0004_restores_whole_file_removals_onto_each_unit(db_url, ws, tmp_path):
    path = monitoring(tmp_path)
    file_id = import_bytes(ws, path.read_bytes(), path.name, ADMIN, today=AS_OF).file_id
    buffer = io.BytesIO()
    ws.backup(ADMIN, buffer)

    # the same backup as an 0003 workspace wrote it: the removal on the file row, none on the datasets
    old = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(old, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "manifest.json":
                content = json.dumps(json.loads(content) | {"schema": "0003"}).encode()
            elif info.filename == "tables/files.jsonl":
                rows = [json.loads(line) for line in content.splitlines()]
                for row in rows:
                    removed = row["id"] == file_id
                    row |= {"deleted_at": "2026-10-01T08:00:00+00:00" if removed else None,
                            "deleted_by": "op.lama" if removed else None}
                content = b"".join(json.dumps(row).encode() + b"\n" for row in rows)
            elif info.filename == "tables/datasets.jsonl":
                rows = [json.loads(line) for line in content.splitlines()]
                content = b"".join(json.dumps({k: v for k, v in row.items() if k not in ("deleted_at", "deleted_by")})
                                   .encode() + b"\n" for row in rows)
            target.writestr(info.filename, content)
    ws.restore(ADMIN, io.BytesIO(old.getvalue()))
    assert {unit: [removed for _id, removed in parts] for unit, parts in parts_of(ws, file_id).items()} == {
        A: [True], B: [True], C: [True]}
    row = file_row(ws, ADMIN, file_id)
    assert row["deleted_by"] == "op.lama" and row["deleted_at"] == datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
    versions = ws.versions(ADMIN)
    assert set(versions.loc[versions["deleted"].astype(bool), "file_id"]) == {file_id}

    # a backup of this version restores exactly as it was written: nothing removed
    ws.restore(ADMIN, io.BytesIO(buffer.getvalue()))
    assert all(not removed for parts in parts_of(ws, file_id).values() for _id, removed in parts)


def test_one_units_correction_never_decides_how_another_units_rows_are_read(db_url, ws, tmp_path):
    """Attack review F1: Operator A re-reads a shared workbook with a correction that reads Malang's rows wrongly;
    when Malang's part is stored later (by Malang's operator or the admin) it is read without A's correction."""
    path = monitoring(tmp_path)
    data = path.read_bytes()
    first = import_bytes(ws, data, path.name, OP_A, today=AS_OF)
    assert first.status == "stored"
    wrong = {"Monitoring": SheetOverride(mapping={"No": "progress", "Progres": "ignore"})}
    assert reread(ws, OP_A, first.file_id, wrong, today=AS_OF).status == "reread"
    assert ws.file_overrides(hashlib.sha256(data).hexdigest()) == {}  # not kept for the units A may not change
    completed = import_bytes(ws, data, path.name, OP_B, today=AS_OF)
    assert completed.status == "stored"
    malang = ws.dataset(OP_B).frames["action_plan"]
    kept = malang.loc[malang["activity"] == "Kegiatan khusus Malang", "progress"]
    assert list(kept) == [40.0]  # the sheet's own Progres, not the row number

    # the admin's correction covers every unit of the file: it lasts
    fix = {"Monitoring": SheetOverride(mapping={"PIC": "note"})}
    assert reread(ws, ADMIN, first.file_id, fix, today=AS_OF).status == "reread"
    assert set(ws.file_overrides(hashlib.sha256(data).hexdigest())) == {"Monitoring"}
