"""A batch of files and folders read in order, by worker processes when it is large: what `summarize` and
the tests read. The import of a batch into the store (`services.import_paths`) uses the same pool."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TypeVar

from .limits import DEFAULT_LIMITS, Limits
from .ingest import FileResult, batch_name_units, expand_with_folders, ingest_file
from .messages import msg
from .normalize.units import UnitRegistry
from .pool import Job, read_in_order, worker_count

T = TypeVar("T")


def ingest_paths(paths: Iterable[str | Path], limits: Limits = DEFAULT_LIMITS, today: date | None = None,
                 registry: UnitRegistry | None = None, workers: int | None = None,
                 unit_default: str | None = None) -> tuple[list[FileResult], UnitRegistry]:
    """Every file of the paths, in order. A large batch is read by worker processes (`pool.worker_count`,
    or `workers`), with the same results as one by one."""
    registry = registry if registry is not None else UnitRegistry()
    files, missing = expand_with_folders(paths)
    for unit in batch_name_units(files):
        registry.learn(unit)
    if unit_default:
        registry.set_home(unit_default)
    workers = workers if workers is not None else worker_count(len(files))
    with kept_results() as keep:
        if workers > 1:
            results = _ingest_in_workers(files, limits, today, registry, workers, keep)
        else:
            results = [keep(ingest_file(path, limits=limits, registry=registry, today=today, folders=folders))
                       for path, folders in files]
    for raw in missing:
        results.append(FileResult(path=raw, errors=[msg("unreadable", detail="file atau folder tidak ditemukan")]))
    return results, registry


@contextmanager
def kept_results() -> Iterator[Callable[[T], T]]:
    """For a batch that keeps every file's reading: each kept one is moved out of the cycle collector's sight.

    Otherwise the collector walks all earlier files' tables again each time the heap has grown by a quarter,
    13 % of a 40-unit ingest in one process. Frozen objects are still freed when nothing refers to them, and
    the collector gets them all back when the batch ends (also when another batch ends first: harmless).
    """

    def keep(item: T) -> T:
        gc.freeze()
        return item

    try:
        yield keep
    finally:
        gc.unfreeze()


def _ingest_in_workers(files: list[tuple[Path, tuple[str, ...]]], limits: Limits, today: date | None,
                       registry: UnitRegistry, workers: int, keep: Callable[[FileResult], FileResult]) -> list[FileResult]:
    snapshot = registry.copy()

    def jobs() -> Iterable[Job | None]:
        for path, folders in files:  # a worker reads the file itself (and reports it unreadable, as one by one)
            yield Job(path, path.name, folders, limits, today, snapshot)

    results = []
    for (path, folders), read in zip(files, read_in_order(jobs(), workers)):
        if read is not None and registry.replay(read.asked):
            read.result.path = str(path)
            results.append(keep(read.result))
        else:
            results.append(keep(ingest_file(path, limits=limits, registry=registry, today=today, folders=folders)))
    return results
