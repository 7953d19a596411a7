"""Checks of a workspace after imports were run or killed: it is consistent, and the processes are gone."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from typing import Any

import sqlalchemy as sa

from zi_analytics.kinds.registry import MAIN_FRAME
from zi_analytics.store import LAPTOP_USER, Workspace
from zi_analytics.store import schema
from zi_analytics.store.frames import from_bytes
from support.paths import SAMPLES

_EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
SAMPLE_FILES, SAMPLE_UNITS = len(_EXPECTED["files"]), len(_EXPECTED["units"])  # what the bundled samples hold


def kill(proc: subprocess.Popen) -> None:
    assert proc.poll() is None, "the child had already finished: the kill came too late to test anything"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def counts(ws: Workspace) -> dict[str, int]:
    with ws.engine.connect() as conn:
        return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for t in schema.TABLE_ORDER}


def settle(ws: Workspace, db_url: str, timeout: float = 20) -> None:
    """Wait until no other session is left inside a transaction (PostgreSQL rolls back a killed client's one);
    on SQLite, the write lock must be free and the file intact."""
    if backend(db_url) == "postgresql":
        deadline = time.time() + timeout
        while True:
            with ws.engine.connect() as conn:
                busy = conn.exec_driver_sql(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction', "
                    "'idle in transaction (aborted)')").scalar_one()
            if busy == 0:
                return
            assert time.time() < deadline, f"{busy} sessions of the killed child still hold a transaction"
            time.sleep(0.1)
    path = sa.engine.make_url(db_url).database
    raw = sqlite3.connect(path, timeout=5, isolation_level=None)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        raw.execute("BEGIN IMMEDIATE")  # fails after 5 s if the killed writer's lock were still held
        raw.execute("ROLLBACK")
    finally:
        raw.close()


def assert_consistent(ws: Workspace) -> dict[int, dict[str, Any]]:
    """Every file whole: one blob, ≥1 dataset whose rows add up to the file's rows, frames for every dataset,
    one import entry in the audit log; nothing that belongs to no file. Returns the files by id."""
    f, b, d, fr, a = schema.files, schema.file_blobs, schema.datasets, schema.dataset_frames, schema.audit_log
    with ws.engine.connect() as conn:
        files = {row.id: dict(row._mapping) for row in conn.execute(sa.select(f.c.id, f.c.sha256, f.c.name, f.c.size, f.c.report))}
        blobs = dict(conn.execute(sa.select(b.c.file_id, sa.func.length(b.c.content))).all())
        datasets = conn.execute(sa.select(d.c.id, d.c.file_id, d.c.unit_key, d.c.kind, d.c.rows)).all()
        frames = {(row.dataset_id, row.name): from_bytes(row.content)
                  for row in conn.execute(sa.select(fr.c.dataset_id, fr.c.name, fr.c.content))}
        units = set(conn.execute(sa.select(schema.units.c.key)).scalars())
        imports = [json.loads(detail)["file_id"] for detail in
                   conn.execute(sa.select(a.c.detail).where(a.c.action == "import")).scalars()]
    assert set(blobs) == set(files), "a file without its blob, or a blob without its file"
    for file_id, info in files.items():
        assert blobs[file_id] == info["size"], info["name"]
    per_file: dict[int, list] = {}
    for row in datasets:
        assert row.file_id in files, f"dataset {row.id} of a file that is not stored"
        assert row.unit_key in units
        per_file.setdefault(row.file_id, []).append(row)
    assert set(per_file) == set(files), "a stored file without datasets"
    for file_id, rows in per_file.items():
        report = json.loads(files[file_id]["report"])
        # a dataset for every unit of the sheets read; a sheet held for review keeps its units in the report (who may
        # open the file depends on them) but has no dataset until a person confirms it
        read = {u for s in report["sheets"] if s["kind"] in MAIN_FRAME and not s.get("needs_review") for u in s["units"]}
        assert {r.unit_key for r in rows} == read and read <= set(report["units"]), files[file_id]["name"]
    assert {key[0] for key in frames} == {row.id for row in datasets}, "a dataset without frames, or frames without one"
    for row in datasets:
        main = frames[(row.id, MAIN_FRAME[row.kind])]
        assert len(main) == row.rows > 0, (files[row.file_id]["name"], row.kind)
        assert set(main["unit_key"]) == {row.unit_key}
    assert sorted(imports) == sorted(files), "the audit log and the stored files disagree"
    versions = ws.versions(LAPTOP_USER)
    current_rows = int(versions.loc[versions["status"] == "current", "rows"].sum())
    dataset = ws.dataset(LAPTOP_USER)
    assert sum(len(dataset.frames[n]) for n in MAIN_FRAME.values()) == current_rows
    return files


def backend(url: str) -> str:
    return sa.engine.make_url(url).get_backend_name()
