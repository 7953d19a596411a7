"""Many files read side by side in worker processes, handed back in their own order.

A Kanwil imports hundreds of files at once; on a laptop with two cores, reading two at a time nearly
halves the wait. A worker reads with a copy of the unit registry as it stood when the batch began, and
reports every unit it asked about. The caller asks the same questions of the registry as it stands when
that file's turn comes (`UnitRegistry.replay`) and, when any answer differs (a unit first spelled out by an
earlier file of the batch), reads the file again itself. A batch therefore gives exactly what reading one
file after another gives.
"""

from __future__ import annotations

import logging
import mmap
import multiprocessing
import os
import pickle
import shutil
import struct
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd

from .config import Limits
from .ingest import FRAME_COLUMNS, FileResult, ingest_file
from .kinds.common import PROBLEM_COLUMNS, empty_frame
from .normalize.units import UnitId, UnitRegistry

log = logging.getLogger(__name__)

WORKERS_ENV = "ZI_WORKERS"  # 1 turns the workers off; a number caps them
MIN_FILES = 16  # a smaller batch is over before two workers have started (each imports pandas first)
MAX_WORKERS = 4  # beyond this the parent, which stores every file, is the bottleneck
IN_FLIGHT_PER_WORKER = 8  # files read ahead per worker: enough to keep it busy, few enough to bound memory
SHARED_MEMORY = "/dev/shm"
SHARED_MEMORY_MIN_FREE = 1 << 30  # a container's default 64 MB would fill with a few survey files


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
    split: bool = False  # also cut into datasets with their frames encoded, as the store writes them
    spool: str | None = None  # a folder for the reading, handed back by name instead of through the pipe


@dataclass
class Read:
    result: FileResult
    asked: list[tuple[UnitId, str]]
    parts: list[Any] | None = None  # store.split.DatasetPart, encoded (result.frames is then empty)
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

    def load(self) -> Read:
        try:
            with open(self.path, "rb") as file:
                whole = _mapped(file)
        finally:
            os.unlink(self.path)
        return _unpacked(memoryview(whole))


_HEAD = struct.Struct("<QQ")  # pickle length, buffer count; then each buffer's length
_ALIGN = 64  # Arrow's alignment, so that no column is copied to align it


def _spool(read: Read, file: BinaryIO) -> None:
    buffers: list[pickle.PickleBuffer] = []
    data = pickle.dumps(read, protocol=5, buffer_callback=buffers.append)
    views = [buffer.raw() for buffer in buffers]
    parts: list[Any] = [_HEAD.pack(len(data), len(views)), struct.pack(f"<{len(views)}Q", *(v.nbytes for v in views)), data]
    offset = sum(len(part) for part in parts)
    for view in views:
        padding = -offset % _ALIGN
        parts += [bytes(padding), view]
        offset += padding + view.nbytes
    file.writelines(parts)


def _unpacked(whole: memoryview) -> Read:
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


def read_job(job: Job) -> Read | Spooled:
    """In a worker: read one file. Top-level, so that it can be sent to a spawned process."""
    read = _read(job)
    if job.spool is None:
        return read
    try:
        handle, path = tempfile.mkstemp(suffix=".pickle", dir=job.spool)
        with os.fdopen(handle, "wb") as file:
            _spool(read, file)
    except OSError:  # the folder full or gone: through the pipe after all
        log.warning("spooling a reading failed; sent through the pipe", exc_info=True)
        return read
    return Spooled(path)


def _read(job: Job) -> Read:
    registry = job.registry
    registry.asked = []
    result = ingest_file(job.path, name=job.name, limits=job.limits, registry=registry, today=job.today,
                         folders=job.folders)
    parts = None
    if job.split:
        from .store.frames import to_bytes
        from .store.split import split_result

        parts = [part.encoded() for part in split_result(result)]
        result.frames = {}
        problems = to_bytes(result.problems)
    else:
        problems = None
    _drop_empty(result)
    return Read(result, registry.asked, parts, problems)


# Most files hold one kind of table, so most of a result's frames are the empty tables `ingest_file` gives for
# the kinds it does not hold. Sent as they are, building them again cost the parent more than all the data.
_EMPTY = "empty"


def _drop_empty(result: FileResult) -> None:
    result.frames = {key: _EMPTY if _plain_empty(frame, FRAME_COLUMNS[key]) else frame for key, frame in result.frames.items()}
    if _plain_empty(result.problems, PROBLEM_COLUMNS):
        result.problems = _EMPTY  # type: ignore[assignment]


def _restore_empty(result: FileResult) -> None:
    result.frames = {key: empty_frame(FRAME_COLUMNS[key]) if isinstance(frame, str) else frame
                     for key, frame in result.frames.items()}
    if isinstance(result.problems, str):
        result.problems = empty_frame(PROBLEM_COLUMNS)


def _plain_empty(frame: Any, columns: list[str]) -> bool:
    """Exactly what `empty_frame(columns)` gives, so that the parent's copy is the same table."""
    return (isinstance(frame, pd.DataFrame) and frame.empty and list(frame.columns) == columns
            and all(dtype == object for dtype in frame.dtypes) and isinstance(frame.index, pd.RangeIndex)
            and not frame.attrs)


def read_in_order(jobs: Iterable[Job | None], workers: int) -> Iterator[Read | None]:
    """Each job's reading, in the order given; None for a None job, and for a job whose worker failed
    (the caller then reads that file itself). Jobs are taken lazily, a few ahead of the results."""
    context = multiprocessing.get_context(start_method())
    spool = spool_folder()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            pending: deque[Future[Read | Spooled] | None] = deque()
            for job in jobs:
                if job is not None:
                    job.spool = spool
                pending.append(None if job is None else pool.submit(read_job, job))
                if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    yield _outcome(pending.popleft())
            while pending:
                yield _outcome(pending.popleft())
    finally:
        shutil.rmtree(spool, ignore_errors=True)  # readings not taken (the caller stopped early, an error)


def _outcome(future: Future[Read | Spooled] | None) -> Read | None:
    if future is None:
        return None
    try:
        outcome = future.result()
        read = outcome.load() if isinstance(outcome, Spooled) else outcome
        _restore_empty(read.result)
        return read
    except Exception:  # a worker killed (out of memory), a result that would not pickle: read it here
        log.exception("a worker process failed; the file is read again in the main process")
        return None

