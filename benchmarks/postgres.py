"""The Kanwil bundle into PostgreSQL and back: `python benchmarks/postgres.py [--units N] [--url URL] [--json]`.

What a national deployment stores on: import every file of N units (default 40) into a new database, then
read the data back and compute the Ringkasan and Perbandingan pages, as `run.py` does on SQLite. Without
--url a throwaway server is started from Debian's `postgresql` package, with the tests' settings (fsync off:
a production server, which syncs every commit, is slower per file, by about one disk flush).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

import run  # noqa: E402
from bundle import ensure_bundle  # noqa: E402


def measure(units: int, url: str) -> dict[str, float]:
    folders = ensure_bundle(units, quiet=True)
    return {"units": units, "files": len(run.data_files(folders)), "import_s": run.import_into(folders, url)} | run.page_figures(url)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=40, help="units in the bundle (default 40)")
    parser.add_argument("--url", help="an existing, empty PostgreSQL database (SQLAlchemy URL)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    server = None
    url = args.url
    if url is None:
        from support.pg_server import PostgresServer

        server = PostgresServer()
        if not server.start():
            sys.stderr.write(f"PostgreSQL tidak dapat dijalankan: {server.reason}\n")
            return 2
        url = server.new_database()
    try:
        figures = measure(args.units, url)
    finally:
        if server is not None:
            server.stop()
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print("\n".join(f"{key:<18}{value:>12.3f}" if isinstance(value, float) else f"{key:<18}{value:>12}"
                        for key, value in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
