"""National-scale benchmark: `python benchmarks/national.py [--units N] [--db URL] [--json] [--no-sqlite]`.

Builds (once, cached in benchmarks/.cache like run.py) the bundle of N units (default 680), each with a year of
files as in `run.py`, spread over 33 Kanwil, and imports it into PostgreSQL (a throwaway server from Debian's
`postgresql` package unless --db names an empty database) and into SQLite. It measures, at N/4 and N units:

  import_s             the import (the N/4 units first, then the rest: the N figure is the whole)
  figures_first_s      computing and storing every unit's comparison figures the first time
  national_page_ms     everything the national Perbandingan shows for an admin (stored figures read, league,
                       per-Kanwil table, Kanwil × area heatmap, funnel, SPAK/SPKP, pairs, data freshness)
  kanwil_page_ms       the same for one Kanwil user (about N/33 units)
  unit_page_ms         what Ringkasan computes for one unit with its data in memory (median over units),
                       and unit_load_ms, reading that unit's data from the store
  figures_refresh_s    after a settings change that touches every unit, the comparison brought up to date
  peak_rss_mb          the peak memory of a process doing what the app does for a national user (above)

Exit status 1 when a target at N units is missed.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

import run  # noqa: E402
from bundle import ensure_bundle  # noqa: E402

AS_OF = run.AS_OF
KANWILS = ["Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Kepulauan Riau", "Jambi", "Sumatera Selatan", "Bengkulu",
           "Lampung", "Bangka Belitung", "Banten", "DKI Jakarta", "Jawa Barat", "Jawa Tengah", "DI Yogyakarta", "Jawa Timur",
           "Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Barat", "Kalimantan Tengah", "Kalimantan Selatan",
           "Kalimantan Timur", "Sulawesi Utara", "Gorontalo", "Sulawesi Tengah", "Sulawesi Barat", "Sulawesi Selatan",
           "Sulawesi Tenggara", "Maluku", "Maluku Utara", "Papua", "Papua Barat"]
TARGETS = {"national_page_ms": 1000.0, "kanwil_page_ms": 300.0, "figures_refresh_s": 60.0, "peak_rss_mb": 1500.0}
GROWN = ("import_s", "national_page_ms", "kanwil_page_ms", "unit_page_ms")


def kanwil_of(index: int) -> str:
    return KANWILS[index % len(KANWILS)]


def import_units(url: str, folders: list[Path], first: int) -> float:
    """Seconds to import the units first..len(folders)-1, each into its Kanwil; every file must be stored."""
    from zi_analytics.services import import_paths
    from zi_analytics.store import LAPTOP_USER, Workspace

    workspace = Workspace.open(url)
    began = time.perf_counter()
    try:
        by_kanwil: dict[str, list[Path]] = {}
        for index in range(first, len(folders)):
            by_kanwil.setdefault(kanwil_of(index), []).append(folders[index])
        for kanwil, part in by_kanwil.items():
            outcomes = import_paths(workspace, part, LAPTOP_USER, kanwil=kanwil, today=AS_OF)
            failed = [o.result.path for o in outcomes if o.status != "stored"]
            if failed:
                raise SystemExit(f"import did not store {failed[:3]}")
    finally:
        workspace.close()
    return time.perf_counter() - began


comparison_page = run.perbandingan  # what the national Perbandingan computes, as run.py measures it


def timed_ms(call: Any, repeats: int = 3) -> float:
    runs = []
    for _ in range(repeats):
        began = time.perf_counter()
        call()
        runs.append((time.perf_counter() - began) * 1000)
    return statistics.median(runs)


def figures(url: str, sample_units: int = 8) -> dict[str, Any]:
    """Every figure but the import and memory, on the workspace at `url` as it is."""
    from zi_analytics.comparison import outdated, refresh
    from zi_analytics.settings import Settings, save_settings
    from zi_analytics.store import LAPTOP_USER, Principal, Workspace

    ws = Workspace.open(url)
    try:
        settings = Settings()
        began = time.perf_counter()
        refresh(ws, settings, AS_OF, outdated(ws, LAPTOP_USER, settings, AS_OF))
        first = time.perf_counter() - began
        units = comparison_page(ws, LAPTOP_USER, settings)
        national_ms = timed_ms(lambda: comparison_page(ws, LAPTOP_USER, settings))
        kanwil_user = Principal("kanwil.bench", "kanwil", kanwil=KANWILS[0])
        kanwil_ms = timed_ms(lambda: comparison_page(ws, kanwil_user, settings))
        keys = list(ws.units(LAPTOP_USER)["key"])[:sample_units]
        load_ms, page_ms = [], []
        for key in keys:
            began = time.perf_counter()
            dataset = ws.dataset(LAPTOP_USER, [key])
            load_ms.append((time.perf_counter() - began) * 1000)
            page_ms.append(timed_ms(lambda: run.ringkasan(dataset, key), 1))
        changed = settings.model_copy(update={"stale_after_days": settings.stale_after_days + 1})  # every unit's rules
        save_settings(ws, LAPTOP_USER, changed)
        began = time.perf_counter()
        stale = outdated(ws, LAPTOP_USER, changed, AS_OF)
        refresh(ws, changed, AS_OF, stale)
        refreshed = time.perf_counter() - began
        save_settings(ws, LAPTOP_USER, settings)
    finally:
        ws.close()
    return {"units_compared": units, "figures_first_s": first, "national_page_ms": national_ms, "kanwil_page_ms": kanwil_ms,
            "unit_page_ms": statistics.median(page_ms), "unit_load_ms": statistics.median(load_ms),
            "figures_refresh_s": refreshed, "figures_refreshed_units": len(stale)}


def peak_rss_in_child(url: str) -> float:
    """A fresh process doing what the app does for a national user: the national page, then one unit's page."""
    code = f"""
import resource, sys
sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'benchmarks')!r}, {str(ROOT / 'tests')!r}]
import national, run
from zi_analytics.settings import Settings
from zi_analytics.store import LAPTOP_USER, Workspace
ws = Workspace.open({url!r})
national.comparison_page(ws, LAPTOP_USER, Settings())
key = list(ws.units(LAPTOP_USER)["key"])[0]
run.ringkasan(ws.dataset(LAPTOP_USER, [key]), key)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return int(done.stdout.strip().splitlines()[-1]) / 1024


def measure(units: int, url: str, sqlite_url: str | None) -> dict[str, Any]:
    folders = ensure_bundle(units, quiet=True)
    quarter = units // 4
    result: dict[str, Any] = {"units": units, "kanwil": len(KANWILS), "files": len(run.data_files(folders))}
    small = {"units": quarter, "import_s": import_units(url, folders[:quarter], 0)} | figures(url)
    rest = import_units(url, folders, quarter)
    full = {"units": units, "import_s": small["import_s"] + rest} | figures(url)
    full["peak_rss_mb"] = peak_rss_in_child(url)
    if sqlite_url:
        full["sqlite_import_s"] = import_units(sqlite_url, folders, 0)
    result["at_quarter"], result["at_full"] = small, full
    result["growth"] = {key: full[key] / small[key] if small[key] else None for key in GROWN}
    result["verdicts"] = {key: full[key] <= limit for key, limit in TARGETS.items()}
    result["data_growth"] = units / quarter
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=680, help="units in the bundle (default 680)")
    parser.add_argument("--db", help="an empty PostgreSQL database (SQLAlchemy URL); default a throwaway server")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-sqlite", action="store_true", help="skip the SQLite import")
    args = parser.parse_args()
    server = None
    url = args.db
    if url is None:
        from support.pg_server import PostgresServer

        server = PostgresServer()
        if not server.start():
            sys.stderr.write(f"PostgreSQL tidak dapat dijalankan: {server.reason}\n")
            return 2
        url = server.new_database()
    folder = Path(tempfile.mkdtemp(prefix="zi-national-"))
    sqlite_url = None if args.no_sqlite else f"sqlite:///{(folder / 'national.sqlite').as_posix()}"
    try:
        result = measure(args.units, url, sqlite_url)
    finally:
        if server is not None:
            server.stop()
    result["peak_rss_self_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.json:
        print(json.dumps(result, indent=2, default=str))
    else:
        for part in ("at_quarter", "at_full"):
            print(part, json.dumps(result[part], default=str))
        print("growth", json.dumps(result["growth"], default=str), "verdicts", json.dumps(result["verdicts"]))
    return 0 if all(result["verdicts"].values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
