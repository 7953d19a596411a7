"""Many files read side by side in worker processes, handed back in their own order.

A Kanwil imports hundreds of files at once; on a laptop with two cores, reading two at a time nearly
halves the wait. A worker reads with a copy of the unit registry as it stood when the batch began, and
reports every unit it asked about. The caller asks the same questions of the registry as it stands when
that file's turn comes (`UnitRegistry.replay`) and, when any answer differs (a unit first spelled out by an
earlier file of the batch), reads the file again itself. A batch therefore gives exactly what reading one
file after another gives.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import mmap
import multiprocessing
import os
import pickle
import shutil
import signal
import struct
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from .limits import Limits
from .ingest import FileResult, ingest_file
from .kinds.registry import FRAME_COLUMNS
from .kinds.common import PROBLEM_COLUMNS, empty_frame
from .normalize.units import UnitId, UnitRegistry

log = logging.getLogger(__name__)

WORKERS_ENV = "ZI_WORKERS"  # 1 turns the workers off; a number caps them
MIN_FILES = 16  # a smaller batch is over before two workers have started (each imports pandas first)
MAX_WORKERS = 4  # beyond this the parent, which stores every file, is the bottleneck
IN_FLIGHT_PER_WORKER = 4  # batches read ahead per worker: enough to keep it busy, few enough to bound memory
# Small files go to a worker together, up to this many or this many bytes: a job's round trip (its future,
# the pipes, the threads that serve them, a spool file) costs the main process more than a worker takes
# to read a monthly action plan, and most files of a Kanwil batch are those.
BATCH_FILES = 8
BATCH_BYTES = 256 * 1024
SHARED_MEMORY = "/dev/shm"
SHARED_MEMORY_MIN_FREE = 1 << 30  # a container's default 64 MB would fill with a few survey files

WORKER_GC_THRESHOLD = (20_000, 10, 10)  # young objects between passes (700 by default), then as the default


@dataclass
class Job:
    """One file for a worker, which reads it from its path, and everything `ingest_file` is given besides the
    registry."""

    path: Path
    name: str
    folders: tuple[str, ...]
    limits: Limits
    today: date | None
    registry: UnitRegistry
    # what the caller does with the reading in the worker (the store cuts it into its datasets, frames encoded):
    # result -> (parts, problems encoded), the frames then dropped; a module-level function, so it pickles
    prepare: Callable[[FileResult], tuple[list[Any], bytes]] | None = None


@dataclass
class Read:
    result: FileResult
    asked: list[tuple[UnitId, str]]
    parts: list[Any] | None = None  # what `Job.prepare` made of the reading (result.frames is then empty)
    problems: bytes | None = None  # result.problems as the store keeps it, encoded with the parts


def worker_count(files: int) -> int:
    """How many worker processes a batch of `files` files deserves: none below MIN_FILES or on one core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    limit = min(cores, MAX_WORKERS)
    configured = os.environ.get(WORKERS_ENV, "").strip()
    if configured.isdigit():
        limit = int(configured)
    if files < MIN_FILES or limit < 2:
        return 1
    return min(limit, files)


def start_method() -> str:
    """fork where it is safe, as it is in the CLI and the benchmark: a Linux process with one thread. A worker
    then starts at once, with the parent's warm caches. Elsewhere spawn: the app's server has threads, and a
    forked copy of a lock held by another thread never comes free; macOS and Windows do not fork safely."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


@dataclass
class Spooled:
    """A worker's reading written to a file: a Kanwil batch's frames are hundreds of megabytes, and a pipe
    moves them 64 KB at a time, which cost the parent a third of a worker's time.

    The pickle holds the frames' column buffers out of band (protocol 5), each written once after it. On
    Linux the parent maps the file (from memory, in /dev/shm) and the columns are those pages: copying them
    into fresh memory, page by page, had cost the parent more than the rest of unpickling."""

    path: str

    def load(self) -> list[Read]:
        try:
            with open(self.path, "rb") as file:
                whole = _mapped(file)
        finally:
            os.unlink(self.path)
        return _unpacked(memoryview(whole))


_HEAD = struct.Struct("<QQ")  # pickle length, buffer count; then each buffer's length
_ALIGN = 64  # Arrow's alignment, so that no column is copied to align it


def _spool(reads: list[Read], file: BinaryIO) -> None:
    buffers: list[pickle.PickleBuffer] = []
    data = pickle.dumps(reads, protocol=5, buffer_callback=buffers.append)
    views = [buffer.raw() for buffer in buffers]
    parts: list[Any] = [_HEAD.pack(len(data), len(views)), struct.pack(f"<{len(views)}Q", *(v.nbytes for v in views)), data]
    offset = sum(len(part) for part in parts)
    for view in views:
        padding = -offset % _ALIGN
        parts += [bytes(padding), view]
        offset += padding + view.nbytes
    file.writelines(parts)


def _unpacked(whole: memoryview) -> list[Read]:
    length, count = _HEAD.unpack_from(whole)
    sizes = struct.unpack_from(f"<{count}Q", whole, _HEAD.size)
    offset = _HEAD.size + 8 * count
    data = whole[offset : offset + length]
    offset += length
    buffers = []
    for size in sizes:
        offset += -offset % _ALIGN
        buffers.append(whole[offset : offset + size])
        offset += size
    return pickle.loads(data, buffers=buffers)


def _mapped(file: BinaryIO) -> mmap.mmap | bytearray:
    """The file's bytes: mapped copy-on-write where a mapped file may be deleted (so that its columns stay
    writable, as numpy's own are), else read into memory."""
    size = os.fstat(file.fileno()).st_size
    if os.name == "posix" and size:
        return mmap.mmap(file.fileno(), size, access=mmap.ACCESS_COPY)
    whole = bytearray(size)
    file.readinto(whole)
    return whole


def spool_folder() -> str:
    """Where workers leave their readings: a private folder in shared memory when it has room, else in the
    temporary folder. The caller removes it."""
    return tempfile.mkdtemp(prefix="zi-baca-", dir=SHARED_MEMORY if _roomy(SHARED_MEMORY) else None)


def _roomy(folder: str) -> bool:
    try:
        return os.path.isdir(folder) and shutil.disk_usage(folder).free >= SHARED_MEMORY_MIN_FREE
    except OSError:  # not readable here: the temporary folder will do
        return False


def read_jobs(jobs: list[Job], spool: str | None) -> list[Read] | Spooled:
    """In a worker: read the files of a batch, one after another. Top-level, so that it can be sent to a
    spawned process."""
    reads = [_read(job) for job in jobs]
    if spool is None:
        return reads
    try:
        handle, path = tempfile.mkstemp(suffix=".pickle", dir=spool)
        with os.fdopen(handle, "wb") as file:
            _spool(reads, file)
    except OSError:  # the folder full or gone: through the pipe after all
        log.warning("spooling a reading failed; sent through the pipe", exc_info=True)
        return reads
    return Spooled(path)


def _read(job: Job) -> Read:
    registry = job.registry.copy()  # the registry as the batch began, whatever the files before it in this job asked
    registry.asked = []
    result = ingest_file(job.path, name=job.name, limits=job.limits, registry=registry, today=job.today,
                         folders=job.folders)
    parts = None
    if job.prepare is not None:
        parts, problems = job.prepare(result)
        result.frames = {}
    else:
        problems = None
    _drop_empty(result)
    return Read(result, registry.asked, parts, problems)


# Most files hold one kind of table, so most of a result's frames are the empty tables `ingest_file` gives for
# the kinds it does not hold. Sent as they are, building them again cost the parent more than all the data.
_EMPTY = "empty"


def _drop_empty(result: FileResult) -> None:
    """Every empty table `ingest_file` gives is `empty_frame` of its columns (`ingest._concat` leaves out a
    sheet's empty tables, `problems_frame` of no problems), so the parent builds the same again from nothing.
    `tests/reading/test_pool.py` holds `ingest_file` to that; checking each table's columns and types here cost a
    worker about 4 % of its time."""
    result.frames = {key: _EMPTY if frame.empty else frame for key, frame in result.frames.items()}
    if result.problems.empty:
        result.problems = _EMPTY  # type: ignore[assignment]


def _restore_empty(result: FileResult) -> None:
    result.frames = {key: empty_frame(FRAME_COLUMNS[key]) if isinstance(frame, str) else frame
                     for key, frame in result.frames.items()}
    if isinstance(result.problems, str):
        result.problems = empty_frame(PROBLEM_COLUMNS)


def read_in_order(jobs: Iterable[Job | None], workers: int) -> Iterator[Read | None]:
    """Each job's reading, in the order given; None for a None job, and for a job whose worker failed
    (the caller then reads that file itself). Jobs are taken lazily, a few ahead of the results."""
    spool = spool_folder()
    try:
        with worker_pool(workers) as pool:
            batches = _Batches(pool, spool)
            pending: deque[tuple[_Batch, int] | None] = deque()
            for job in jobs:
                pending.append(None if job is None else batches.add(job))
                # a few batches ahead, and never more files than fill them (jobs that need no worker, as files
                # already stored, must not make the caller hold every file's bytes)
                while pending and (batches.unread >= workers * IN_FLIGHT_PER_WORKER
                                   or len(pending) >= workers * IN_FLIGHT_PER_WORKER * BATCH_FILES):
                    yield _taken(pending.popleft(), batches)
            while pending:
                yield _taken(pending.popleft(), batches)
    finally:
        shutil.rmtree(spool, ignore_errors=True)  # readings not taken (the caller stopped early, an error)


@dataclass
class _Batch:
    jobs: list[Job]
    size: int = 0
    future: Future[list[Read] | Spooled] | None = None
    reads: list[Read | None] | None = None


class _Batches:
    """Jobs gathered into batches of small files, each batch sent to a worker when it is full or its first
    reading is wanted."""

    def __init__(self, pool: ProcessPoolExecutor, spool: str) -> None:
        self.pool, self.spool = pool, spool
        self.open: _Batch | None = None
        self.unread = 0  # batches sent whose readings have not come back yet

    def add(self, job: Job) -> tuple[_Batch, int]:
        size = _size(job.path)
        if self.open is not None and (len(self.open.jobs) >= BATCH_FILES or self.open.size + size > BATCH_BYTES):
            self.send()
        if self.open is None:
            self.open = _Batch([])
        batch = self.open
        batch.jobs.append(job)
        batch.size += size
        return batch, len(batch.jobs) - 1

    def send(self) -> None:
        batch, self.open = self.open, None
        if batch is not None:
            batch.future = self.pool.submit(read_jobs, batch.jobs, self.spool)
            self.unread += 1


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # the worker will report it
        return 0


def _taken(slot: tuple[_Batch, int] | None, batches: _Batches) -> Read | None:
    if slot is None:
        return None
    batch, index = slot
    if batch.future is None:
        batches.send()  # the batch being gathered: its first reading is wanted now
    if batch.reads is None:
        batch.reads = _outcome(batch)
        batches.unread -= 1
    read, batch.reads[index] = batch.reads[index], None  # handed over: the batch no longer holds it
    return read


def _outcome(batch: _Batch) -> list[Read | None]:
    assert batch.future is not None
    try:
        outcome = batch.future.result()
        reads = outcome.load() if isinstance(outcome, Spooled) else outcome
        for read in reads:
            _restore_empty(read.result)
        return list(reads)
    except Exception:  # a worker killed (out of memory), a result that would not pickle: read them here
        log.exception("a worker process failed; its files are read again in the main process")
        return [None] * len(batch.jobs)


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """The processes that read a batch, forked or spawned as `start_method` says, each set up by `_worker_start`."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(start_method()),
                               initializer=_worker_start, initargs=(os.getpid(),))


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a Linux process receives when its parent ends


def _end_with_parent(parent: int) -> None:
    """A worker ends when the process that started it does. A forked worker holds copies of its parent's
    sockets, the database connection among them: an orphan would keep a killed import's transaction open."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the line above took effect
        os._exit(1)


def _worker_start(parent: int) -> None:
    """A worker dies with its parent (`_end_with_parent`). It only reads, and reference counting frees nearly
    all it discards. The collector's passes cost it about 8 % of its time: over everything inherited from the parent, and over the young objects (the rows
    of a large sheet outlive several passes). Frozen, the inherited objects are never walked (nor their
    pages copied); fewer young passes free the rare cycle a little later."""
    _end_with_parent(parent)
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLD)
