"""Several processes writing one workspace at once, and processes killed in the middle of an import.

Every test takes `db_url` (a real SQLite file and a real PostgreSQL database). The writers are real
child processes (`python child.py ...`, the repository on PYTHONPATH), started together with a
file-based barrier; a kill is a real SIGKILL, sent while the child is inside the write transaction.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from conftest import write_xlsx
from support.store_checks import SAMPLE_FILES, assert_consistent, counts, kill, settle
from zi_analytics.dataset import combine
from zi_analytics.batch import ingest_paths
from zi_analytics.services import import_bytes, import_paths
from zi_analytics.store import LAPTOP_USER, Workspace
from zi_analytics.store import schema

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data"
BWI_DIR = SAMPLES / "Lapas Banyuwangi"
BWI_PLAN = BWI_DIR / "Rencana Aksi ZI Lapas Kelas IIA Banyuwangi 2026.xlsx"
BWI_COMPLAINTS = BWI_DIR / "register_pengaduan_2025-2026.csv"
MALANG_COMPLAINTS = SAMPLES / "Lapas Malang" / "Register Pengaduan Lapas Malang.xlsx"
AS_OF = date(2026, 11, 23)

CHILD = r'''
import json, sys, time
from datetime import date
from pathlib import Path

job = json.loads(sys.argv[1])
from zi_analytics.services import import_bytes, import_paths
from zi_analytics.store import LAPTOP_USER, Workspace
from zi_analytics.services import import_bytes, import_paths

ws = Workspace.open(job["url"])
Path(job["ready"]).write_text("siap")
deadline = time.time() + 60
while not all(Path(p).exists() for p in job["wait_for"]):
    if time.time() > deadline:
        sys.exit("barrier timeout")
    time.sleep(0.002)


def hook():
    if job.get("marker"):
        Path(job["marker"]).write_text("di dalam transaksi")
        time.sleep(60)
    elif job.get("hold"):
        time.sleep(job["hold"])


today = date.fromisoformat(job["today"])
results = []
if job.get("folder"):
    outcomes = import_paths(ws, [job["folder"]], LAPTOP_USER, kanwil=job.get("kanwil"), today=today)
else:
    outcomes = []
    for name in job["files"]:
        path = Path(name)
        outcomes.append(import_bytes(ws, path.read_bytes(), path.name, LAPTOP_USER, path_label=str(path),
                                        kanwil=job.get("kanwil"), today=today, before_commit=hook))
for o in outcomes:
    results.append({"path": o.result.path, "status": o.status, "file_id": o.file_id, "datasets": o.datasets,
                    "messages": o.messages, "errors": o.result.errors, "rows": o.result.rows})
ws.close()
print(json.dumps(results))
'''


# ---- helpers ----------------------------------------------------------------------------------------


@pytest.fixture
def child_script(tmp_path: Path) -> Path:
    path = tmp_path / "child.py"
    path.write_text(CHILD, encoding="utf-8")
    return path


def start(script: Path, tmp_path: Path, name: str, url: str, *, files: list[Path] | None = None,
          folder: Path | None = None, wait_for: list[str] = (), hold: float = 0.0, marker: Path | None = None,
          kanwil: str = "Jawa Timur") -> tuple[subprocess.Popen, Path]:
    """A child process that opens the workspace, signals it is ready, waits for `wait_for`, then imports."""
    ready = tmp_path / f"{name}.ready"
    job = {"url": url, "ready": str(ready), "wait_for": [str(tmp_path / f"{w}.ready") for w in wait_for],
           "files": [str(f) for f in files or []], "folder": str(folder) if folder else None, "hold": hold,
           "marker": str(marker) if marker else None, "kanwil": kanwil, "today": AS_OF.isoformat()}
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    for key in ("ZI_MODE", "ZI_DATABASE_URL", "ZI_COOKIE_SECRET", "ZI_KANWIL"):
        env.pop(key, None)
    out = open(tmp_path / f"{name}.out", "w")
    err = open(tmp_path / f"{name}.err", "w")
    proc = subprocess.Popen([sys.executable, str(script), json.dumps(job)], cwd=ROOT, stdout=out, stderr=err, env=env)
    out.close()
    err.close()
    return proc, ready


def finish(proc: subprocess.Popen, tmp_path: Path, name: str, timeout: float = 90) -> list[dict[str, Any]]:
    proc.wait(timeout=timeout)
    stderr = (tmp_path / f"{name}.err").read_text()
    assert proc.returncode == 0, f"{name} failed ({proc.returncode}):\n{stderr[-3000:]}"
    assert "Traceback" not in stderr, stderr[-3000:]
    return json.loads((tmp_path / f"{name}.out").read_text())


def wait_for_file(path: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while not path.exists():
        assert proc.poll() is None, f"the child ended ({proc.returncode}) before {path.name}"
        assert time.time() < deadline, f"no {path.name} after {timeout} s"
        time.sleep(0.01)


def committed_files(path: Path) -> int:
    """Files a child has committed to its SQLite store so far (0 before its schema exists)."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)) as db:
            return db.execute("SELECT count(*) FROM files").fetchone()[0]
    except sqlite3.Error:
        return 0


def frame_rows(ws: Workspace) -> dict[str, int]:
    dataset = ws.dataset(LAPTOP_USER)
    return {name: len(frame) for name, frame in dataset.frames.items() if name != "survey_questions"}


@functools.lru_cache(maxsize=None)
def _expected_rows(paths: tuple[Path, ...]) -> dict[str, int]:
    results, registry = ingest_paths(paths, today=AS_OF)
    combined = combine(results, registry)
    return {name: len(frame) for name, frame in combined.frames.items() if name != "survey_questions"}


def expected_rows(paths: list[Path]) -> dict[str, int]:
    """Rows per tidy table when the files are read straight from disk, without the store."""
    return dict(_expected_rows(tuple(paths)))


def plan_file(path: Path, title: str, day: int, progress: int) -> Path:
    rows = [["RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS"], [title], ["TAHUN 2026", "", "", f"Posisi {day} Oktober 2026"], [],
            ["No", "Kegiatan", "Area Perubahan", "PIC", "Target", "Progres"],
            [1, "Pembentukan Tim ZI", "Manajemen Perubahan", "KPLP", "Januari 2026", f"{progress}%"],
            [2, f"Penyusunan SOP {day}", "Penataan Tatalaksana", "Kasi Binadik", "Juni 2026", f"{progress // 2}%"]]
    return write_xlsx(path, {"Rencana Aksi": rows})


@pytest.fixture
def workspace(db_url):
    opened: list[Workspace] = []

    def make() -> Workspace:
        ws = Workspace.open(db_url)
        opened.append(ws)
        return ws

    yield make
    for ws in opened:
        ws.close()


# ---- 1-3. writers at the same moment ------------------------------------------------------------------

def test_two_processes_importing_different_files_at_once_both_store_everything(db_url, workspace, child_script, tmp_path):
    """Two files of the same, still unknown unit (an operator's first two uploads from two tabs)."""
    ws = workspace()  # the schema exists before the writers start
    a, _ = start(child_script, tmp_path, "a", db_url, files=[BWI_PLAN], wait_for=["a", "b"], hold=0.6)
    b, _ = start(child_script, tmp_path, "b", db_url, files=[BWI_COMPLAINTS], wait_for=["a", "b"], hold=0.6)
    [out_a], [out_b] = finish(a, tmp_path, "a"), finish(b, tmp_path, "b")
    assert (out_a["status"], out_b["status"]) == ("stored", "stored"), (out_a, out_b)
    assert out_a["file_id"] != out_b["file_id"]

    files = assert_consistent(ws)
    assert sorted(i["name"] for i in files.values()) == sorted([BWI_PLAN.name, BWI_COMPLAINTS.name])
    assert frame_rows(ws) == expected_rows([BWI_PLAN, BWI_COMPLAINTS])
    assert set(ws.units(LAPTOP_USER)["key"]) == {"lapas-banyuwangi"}


def test_two_processes_importing_different_units_at_once_both_store_everything(db_url, workspace, child_script, tmp_path):
    ws = workspace()
    a, _ = start(child_script, tmp_path, "a", db_url, files=[BWI_PLAN], wait_for=["a", "b"], hold=0.6)
    b, _ = start(child_script, tmp_path, "b", db_url, files=[MALANG_COMPLAINTS], wait_for=["a", "b"], hold=0.6)
    [out_a], [out_b] = finish(a, tmp_path, "a"), finish(b, tmp_path, "b")
    assert (out_a["status"], out_b["status"]) == ("stored", "stored"), (out_a, out_b)
    assert len(assert_consistent(ws)) == 2
    assert frame_rows(ws) == expected_rows([BWI_PLAN, MALANG_COMPLAINTS])
    assert set(ws.units(LAPTOP_USER)["key"]) == {"lapas-banyuwangi", "lapas-malang"}


def test_two_processes_importing_the_same_file_at_once_store_it_once(db_url, workspace, child_script, tmp_path):
    ws = workspace()
    a, _ = start(child_script, tmp_path, "a", db_url, files=[BWI_PLAN], wait_for=["a", "b"], hold=0.7)
    b, _ = start(child_script, tmp_path, "b", db_url, files=[BWI_PLAN], wait_for=["a", "b"], hold=0.7)
    [out_a], [out_b] = finish(a, tmp_path, "a"), finish(b, tmp_path, "b")
    assert sorted([out_a["status"], out_b["status"]]) == ["duplicate", "stored"], (out_a, out_b)
    assert out_a["file_id"] == out_b["file_id"] is not None
    assert out_a["errors"] == out_b["errors"] == []
    duplicate = out_a if out_a["status"] == "duplicate" else out_b
    assert len(duplicate["messages"]) == 1 and "tidak ada yang berubah" in duplicate["messages"][0]

    files = assert_consistent(ws)
    assert list(files) == [out_a["file_id"]]
    assert counts(ws)["files"] == 1 and counts(ws)["datasets"] == 1
    assert frame_rows(ws) == expected_rows([BWI_PLAN])


def test_many_small_imports_from_two_processes_interleave_without_loss(db_url, workspace, child_script, tmp_path):
    ws = workspace()
    folders = {"a": tmp_path / "a_files", "b": tmp_path / "b_files"}
    titles = {"a": "LAPAS KELAS IIA BANYUWANGI", "b": "LAPAS KELAS I MALANG"}
    made: dict[str, list[Path]] = {}
    for who, folder in folders.items():
        folder.mkdir()
        made[who] = [plan_file(folder / f"ra_{day:02d}.xlsx", titles[who], day, 10 + day) for day in range(1, 11)]
    procs = {who: start(child_script, tmp_path, who, db_url, files=made[who], wait_for=["a", "b"])[0] for who in made}
    outcomes = {who: finish(proc, tmp_path, who) for who, proc in procs.items()}
    for who, results in outcomes.items():
        assert [r["status"] for r in results] == ["stored"] * 10, (who, results)

    files = assert_consistent(ws)
    assert len(files) == 20 and counts(ws)["datasets"] == 20
    assert {i["name"] for i in files.values()} == {p.name for p in made["a"]}  # same names, both folders
    versions = ws.versions(LAPTOP_USER)
    assert len(versions) == 20 and set(versions["status"]) == {"current"}  # twenty snapshot dates, two units
    assert versions.groupby("unit_key").size().to_dict() == {"lapas-banyuwangi": 10, "lapas-malang": 10}
    assert frame_rows(ws)["action_plan"] == 40
    ids = {who: sorted(r["file_id"] for r in results) for who, results in outcomes.items()}
    assert not set(ids["a"]) & set(ids["b"])
    assert ids["a"][-1] > ids["b"][0] and ids["b"][-1] > ids["a"][0], f"the writers never overlapped: {ids}"


# ---- 4-5. killed in the middle ------------------------------------------------------------------------

def test_a_process_killed_inside_the_import_transaction_leaves_no_trace(db_url, workspace, child_script, tmp_path):
    ws = workspace()
    earlier = import_bytes(ws, BWI_PLAN.read_bytes(), BWI_PLAN.name, LAPTOP_USER, kanwil="Jawa Timur", today=AS_OF)
    assert earlier.status == "stored"
    before_counts = counts(ws)
    before_frames = ws.dataset_frames(LAPTOP_USER, int(ws.versions(LAPTOP_USER)["id"].iloc[0]))
    before_units = set(ws.units(LAPTOP_USER)["key"])

    marker = tmp_path / "inside.marker"
    proc, _ = start(child_script, tmp_path, "victim", db_url, files=[MALANG_COMPLAINTS], marker=marker)
    wait_for_file(marker, proc)
    kill(proc)
    settle(ws, db_url)

    assert counts(ws) == before_counts  # no files, blob, dataset, frame, unit or audit row of the killed import
    with ws.engine.connect() as conn:
        assert conn.execute(sa.select(schema.files.c.id).where(schema.files.c.name == MALANG_COMPLAINTS.name)).first() is None
    assert set(ws.units(LAPTOP_USER)["key"]) == before_units == {"lapas-banyuwangi"}
    assert_consistent(ws)
    after_frames = ws.dataset_frames(LAPTOP_USER, int(ws.versions(LAPTOP_USER)["id"].iloc[0]))
    assert after_frames.keys() == before_frames.keys()
    for name, frame in before_frames.items():
        assert after_frames[name].equals(frame), name

    again = import_bytes(ws, MALANG_COMPLAINTS.read_bytes(), MALANG_COMPLAINTS.name, LAPTOP_USER, kanwil="Jawa Timur",
                            today=AS_OF)
    assert again.status == "stored", (again.status, again.messages, again.result.errors)
    assert len(assert_consistent(ws)) == 2
    assert frame_rows(ws) == expected_rows([BWI_PLAN, MALANG_COMPLAINTS])


def test_kills_at_random_moments_of_a_folder_import_leave_a_consistent_store(db_url, workspace, child_script, tmp_path):
    ws = workspace()
    rng = random.Random(20261123)
    # the kills fall at random fractions of how long this machine takes to store the files, after the time it
    # takes to commit the first one (starting the reading workers), so a faster ingest does not move them past
    # its end and a slower start does not put them all before it (timed on a throwaway SQLite store)
    timing = tmp_path / "timing.sqlite"
    proc, ready = start(child_script, tmp_path, "timing", f"sqlite:///{timing}", folder=SAMPLES)
    wait_for_file(ready, proc)
    began = time.perf_counter()
    first = None
    while proc.poll() is None:
        if first is None and committed_files(timing):
            first = time.perf_counter() - began
        time.sleep(0.01)
    duration = time.perf_counter() - began
    first = duration if first is None else first
    # each round skips the files an earlier round committed, so no round may last more than a fifth of the rest
    delays = [first + (duration - first) * (0.05 + rng.uniform(0, 0.15)) for _ in range(3)]
    seen_files = []
    for round_no, delay in enumerate(delays):
        name = f"kill{round_no}"
        proc, ready = start(child_script, tmp_path, name, db_url, folder=SAMPLES)
        wait_for_file(ready, proc)
        time.sleep(delay)
        kill(proc)
        settle(ws, db_url)
        files = assert_consistent(ws)
        assert len(files) >= (seen_files[-1] if seen_files else 0), "a committed file vanished"
        seen_files.append(len(files))
    assert seen_files[-1] > 0, f"no file was ever committed before a kill ({seen_files})"

    outcomes = import_paths(ws, [SAMPLES], LAPTOP_USER, kanwil="Jawa Timur", today=AS_OF)
    statuses = [o.status for o in outcomes]
    assert len(statuses) == SAMPLE_FILES and set(statuses) <= {"stored", "duplicate"}, statuses
    assert statuses.count("duplicate") == seen_files[-1]
    files = assert_consistent(ws)
    assert len(files) == SAMPLE_FILES
    assert {i["name"] for i in files.values()} == {p.name for p in SAMPLES.rglob("*") if p.suffix in {".xlsx", ".xls", ".csv", ".ods"}}
    assert frame_rows(ws) == expected_rows([SAMPLES])
    assert set(ws.versions(LAPTOP_USER)["status"]) == {"current"}
