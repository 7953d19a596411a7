"""Reading a batch in worker processes gives what reading one file after another gives, in the store too.

The corpus holds a unit spelled two ways in two files ("Ponorogo", then "Ponoroggo"): one by one, the
second file's rows join the first file's unit. A worker reading the second file cannot know the first, so
its reading must be refused and the file read again in the main process.
"""

import shutil
import sys
from datetime import date

import pandas as pd
import pytest
from conftest import write_csv

from zi_analytics import pool
from zi_analytics.batch import ingest_paths
from zi_analytics.limits import DEFAULT_LIMITS, Limits
from zi_analytics.kinds.common import PROBLEM_COLUMNS, empty_frame
from zi_analytics.kinds.registry import FRAME_COLUMNS
from zi_analytics.normalize.units import UnitRegistry
from zi_analytics.pool import MIN_FILES, worker_count
from zi_analytics.store import LAPTOP_USER, Workspace
from zi_analytics.services.seeding import SAMPLE_DIR
from zi_analytics.store.split import encoded_parts
from zi_analytics.services import import_bytes, import_paths

AS_OF = date(2026, 11, 23)


def _plan(unit: str) -> list[list[str]]:
    return [[unit], ["Kegiatan", "Area Perubahan", "PIC", "Progres"],
            ["SK Tim", "Manajemen Perubahan", "KPLP", "100%"], ["SOP", "Penataan Tatalaksana", "Kasi", "50%"]]


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "batch"
    shutil.copytree(SAMPLE_DIR, folder / "sampel")
    write_csv(folder / "zz1 rencana aksi.csv", _plan("LAPAS KELAS IIA PONOROGO"), delimiter=";")
    write_csv(folder / "zz2 rencana aksi.csv", _plan("LAPAS PONOROGGO"), delimiter=";")
    (folder / "zz3 rusak.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    return folder


def test_worker_reading_equals_one_by_one_even_when_an_earlier_file_names_the_unit(batch):
    serial, serial_units = ingest_paths([batch], today=AS_OF, workers=1)
    parallel, parallel_units = ingest_paths([batch], today=AS_OF, workers=2)
    assert "lapas-ponorogo" in serial_units.keys and "lapas-ponoroggo" not in serial_units.keys
    assert [r.to_json() for r in parallel] == [r.to_json() for r in serial]
    for one, other in zip(serial, parallel):
        assert (one.sha256, one.fmt, set(one.frames)) == (other.sha256, other.fmt, set(other.frames))
        for name, frame in one.frames.items():
            pd.testing.assert_frame_equal(other.frames[name], frame)
        pd.testing.assert_frame_equal(other.problems, one.problems)
    assert parallel_units.keys == serial_units.keys
    assert [parallel_units.display(k) for k in parallel_units.keys] == [serial_units.display(k) for k in serial_units.keys]
    assert parallel[-1].errors and parallel[-1].path.endswith("zz3 rusak.xlsx")


def _untimed(report: dict) -> dict:
    """A report with the minute a file was first stored ('disimpan pada 07-12-2026 22:27') masked: the two
    stores run a minute apart at times."""
    import json
    import re

    return json.loads(re.sub(r"\d\d-\d\d-\d{4} \d\d:\d\d", "<waktu>", json.dumps(report)))


def test_workers_store_what_one_by_one_stores(batch, tmp_path):
    stores = {}
    for workers in (1, 2):
        workspace = Workspace.open(f"sqlite:///{(tmp_path / f'w{workers}.sqlite').as_posix()}")
        outcomes = import_paths(workspace, [batch], LAPTOP_USER, kanwil="Jawa Timur", today=AS_OF, workers=workers)
        again = import_paths(workspace, [batch], LAPTOP_USER, kanwil="Jawa Timur", today=AS_OF, workers=workers)
        stores[workers] = (outcomes, again, workspace.dataset(LAPTOP_USER), workspace.units(LAPTOP_USER))
        workspace.close()
    (outcomes, again, dataset, units), (p_outcomes, p_again, p_dataset, p_units) = stores[1], stores[2]
    assert [o.to_json() for o in p_outcomes] == [o.to_json() for o in outcomes]
    assert sum(o.status == "stored" for o in outcomes) == len(outcomes) - 1
    assert [_untimed(o.to_json()) for o in p_again] == [_untimed(o.to_json()) for o in again]
    assert all(not o.result.frames for o in p_outcomes + outcomes)
    pd.testing.assert_frame_equal(p_units, units)
    assert "lapas-ponoroggo" not in set(units["key"])
    for name, frame in dataset.frames.items():
        pd.testing.assert_frame_equal(p_dataset.frames[name], frame)


def test_a_worker_reading_of_other_bytes_is_not_stored(tmp_path):
    """Workers read a batch's files from their paths while the main process stores the bytes it read itself:
    a file changed in between must be stored as the bytes say, not as the worker read it."""
    before, after = tmp_path / "before.csv", tmp_path / "after.csv"
    write_csv(before, _plan("LAPAS KELAS IIA PONOROGO"), delimiter=";")
    write_csv(after, _plan("LAPAS KELAS I MALANG"), delimiter=";")
    worker_read = pool._read(pool.Job(before, "rencana aksi.csv", (), DEFAULT_LIMITS, AS_OF, UnitRegistry(), prepare=encoded_parts))
    assert worker_read.parts and worker_read.parts[0].unit_key == "lapas-ponorogo"
    workspace = Workspace.open(f"sqlite:///{(tmp_path / 'w.sqlite').as_posix()}")
    try:
        outcome = import_bytes(workspace, after.read_bytes(), "rencana aksi.csv", LAPTOP_USER, today=AS_OF,
                                         prepared=worker_read)
        assert outcome.status == "stored", outcome.to_json()
        assert set(workspace.units(LAPTOP_USER)["key"]) == {"lapas-malang"}
    finally:
        workspace.close()


def test_every_empty_table_ingest_gives_is_the_plain_empty_table_workers_leave_out(batch, tmp_path):
    """Workers send no empty table (`pool._drop_empty`): the main process builds `empty_frame` of the columns
    instead. That is only the same table if every empty table `ingest_file` gives is exactly that one, for
    every kind of file, broken ones, a sheet without data rows and a file of several kinds included."""
    import support.corpus as corpus

    corpus.build(tmp_path / "corpus")
    write_csv(batch / "zz4 header saja.csv", [["Kegiatan", "Area Perubahan", "PIC", "Progres"]], delimiter=";")
    results, _ = ingest_paths([batch, tmp_path / "corpus"], today=AS_OF, workers=1)
    empties = 0
    for result in results:
        tables = [(FRAME_COLUMNS[key], frame) for key, frame in result.frames.items()] + [(PROBLEM_COLUMNS, result.problems)]
        for columns, frame in tables:
            if frame.empty:
                empties += 1
                plain = empty_frame(columns)
                pd.testing.assert_frame_equal(frame, plain, check_index_type=True, check_column_type=True)
                assert frame.attrs == plain.attrs and frame.columns.dtype == plain.columns.dtype
    assert empties > 3 * len(results), "too few empty tables: this tested little"
    kinds = {r.kind for r in results}
    assert {"action_plan", "survey", "complaints"} <= kinds and any(r.errors for r in results)


def test_spawned_workers_as_on_windows_and_in_the_app_read_the_same(batch, monkeypatch):
    """Where fork is unsafe (the app's threaded server, Windows, macOS) workers start fresh interpreters."""
    import zi_analytics.pool as pool

    serial, _ = ingest_paths([batch], today=AS_OF, workers=1)
    monkeypatch.setattr(pool, "start_method", lambda: "spawn")
    spawned, _ = ingest_paths([batch], today=AS_OF, workers=2)
    assert [r.to_json() for r in spawned] == [r.to_json() for r in serial]
    for one, other in zip(serial, spawned):
        for name, frame in one.frames.items():
            pd.testing.assert_frame_equal(other.frames[name], frame)


def test_files_too_large_for_the_limits_are_refused_in_workers_as_one_by_one(batch):
    """Workers read their files themselves: a refusal there reads as it does in the main process."""
    limits = Limits(max_file_bytes=9_000)
    serial, _ = ingest_paths([batch], today=AS_OF, workers=1, limits=limits)
    parallel, _ = ingest_paths([batch], today=AS_OF, workers=2, limits=limits)
    refused = [r.errors for r in serial if r.errors]
    assert len(refused) > 1, "no file of the batch is over the limit: this tested nothing"
    assert [(r.path, r.errors, r.rows) for r in parallel] == [(r.path, r.errors, r.rows) for r in serial]


def test_spool_folder_is_removed_after_a_batch_and_after_a_batch_left_early(batch, monkeypatch, tmp_path):
    """Workers hand their readings back through files (pool.Spooled); none may be left behind, not even when
    the caller stops taking readings half-way."""
    spools = tmp_path / "spools"
    spools.mkdir()
    monkeypatch.setattr(pool, "SHARED_MEMORY", str(spools))
    monkeypatch.setattr(pool, "SHARED_MEMORY_MIN_FREE", 0)
    ingest_paths([batch], today=AS_OF, workers=2)
    files = sorted(p for p in batch.rglob("*") if p.is_file())
    jobs = (pool.Job(p, p.name, (), DEFAULT_LIMITS, AS_OF, UnitRegistry()) for p in files)
    readings = pool.read_in_order(jobs, 2)
    first = next(readings)
    assert first is not None and first.result.rows > 0
    readings.close()
    assert list(spools.iterdir()) == []


def test_fork_only_in_a_one_thread_linux_process():
    import threading
    import zi_analytics.pool as pool

    assert pool.start_method() == ("fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "spawn")
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        assert pool.start_method() == "spawn"
    finally:
        stop.set()
        helper.join()


def _collector_state() -> tuple[tuple[int, int, int], int]:
    import gc

    return gc.get_threshold(), gc.get_freeze_count()


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_collect_garbage_seldom_and_never_walk_what_they_started_with(method, monkeypatch):
    """About 8 % of a worker's time went to the cyclic collector: workers freeze what they start with and
    collect young objects seldom. The main process (the app's server) keeps Python's defaults."""
    monkeypatch.setattr(pool, "start_method", lambda: method)
    before = _collector_state()
    with pool.worker_pool(1) as workers:
        threshold, frozen = workers.submit(_collector_state).result()
    assert threshold == pool.WORKER_GC_THRESHOLD and threshold[0] > 700
    assert frozen > 1000  # the modules a worker imported or inherited: pandas alone has tens of thousands
    assert _collector_state() == before


def test_small_batches_and_one_core_read_in_this_process(monkeypatch):
    monkeypatch.delenv("ZI_WORKERS", raising=False)
    assert worker_count(MIN_FILES - 1) == 1
    monkeypatch.setenv("ZI_WORKERS", "1")
    assert worker_count(500) == 1
    monkeypatch.setenv("ZI_WORKERS", "3")
    assert worker_count(500) == 3 and worker_count(MIN_FILES - 1) == 1


def test_jobs_are_taken_a_few_ahead_even_when_none_needs_a_worker():
    """The store's import holds each file's bytes until its reading is taken: jobs that need no worker (files
    already stored) must not make the pool take every job of a batch before handing back the first."""
    taken = 0

    def jobs():
        nonlocal taken
        for _ in range(1000):
            taken += 1
            yield None

    readings = pool.read_in_order(jobs(), 2)
    assert next(readings) is None
    assert taken <= 2 * pool.IN_FLIGHT_PER_WORKER * pool.BATCH_FILES + 1
    readings.close()
