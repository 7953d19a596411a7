"""Builders for messy test files: real workbooks written to tmp_path, never mocks."""

from __future__ import annotations

import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
# A failing page raises in the tests (and in the apps they start) instead of showing the users' message.
os.environ["ZI_DEBUG"] = "1"
os.environ["STREAMLIT_CLIENT_SHOW_ERROR_DETAILS"] = "full"  # read by `streamlit run` (the browser tests)


def _show_error_details_in_apptest() -> None:
    """AppTest reads .streamlit/config.toml but not the environment: the option is set after the file."""
    from streamlit import config

    config.get_option("client.showErrorDetails")  # the files are parsed first, so they do not override this
    config.set_option("client.showErrorDetails", "full")


_show_error_details_in_apptest()


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]], merges: dict[str, list[tuple[int, int, int, int]]] | None = None,
               percent_cells: set[tuple[str, int, int]] | None = None, hidden: set[str] | None = None) -> Path:
    """Write rows as typed cells; dates get a date format, listed cells a percent format, merges merge."""
    book = xlsxwriter.Workbook(str(path))
    date_fmt = book.add_format({"num_format": "dd/mm/yyyy"})
    pct_fmt = book.add_format({"num_format": "0%"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        merged = (merges or {}).get(name, [])
        for r0, c0, r1, c1 in merged:
            sheet.merge_range(r0, c0, r1, c1, rows[r0][c0] if c0 < len(rows[r0]) else "")
        merged_cells = {(r, c) for r0, c0, r1, c1 in merged for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if (r, c) in merged_cells or value is None or value == "":
                    continue
                if isinstance(value, (datetime, date)):
                    sheet.write_datetime(r, c, value if isinstance(value, datetime) else datetime(value.year, value.month, value.day), date_fmt)
                elif percent_cells and (name, r, c) in percent_cells:
                    sheet.write_number(r, c, value, pct_fmt)
                else:
                    sheet.write(r, c, value)
        if hidden and name in hidden:
            sheet.hide()
    book.close()
    return path


def write_csv(path: Path, rows: list[list[Any]], delimiter: str = ",", encoding: str = "utf-8", bom: bool = False) -> Path:
    text = "\r\n".join(delimiter.join("" if v is None else str(v) for v in row) for row in rows)
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


@pytest.fixture
def xlsx(tmp_path: Path):
    def make(name: str, sheets: dict[str, list[list[Any]]], **kwargs: Any) -> Path:
        return write_xlsx(tmp_path / name, sheets, **kwargs)
    return make


# Left out of the quick lane (`python -m pytest -m "not slow" -n 2`: unit and contract tests): browsers, servers,
# the store on real databases and large sweeps. The README's command, what CI runs, runs everything.
SLOW_MODULES = {"test_browser", "test_browser_sessions", "test_deploy", "test_crash", "test_load", "test_benchmark",
                "test_store_concurrency", "test_fuzz", "test_app", "test_hostile_text", "test_store", "test_store_roles",
                "test_ownership", "test_visits", "test_two_servers", "test_sharing"}


def pytest_collection_modifyitems(items):
    for item in items:
        on_postgres = "postgresql" in getattr(getattr(item, "callspec", None), "params", {}).values()
        if item.module.__name__ in SLOW_MODULES or on_postgres:  # the quick lane keeps the SQLite half
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright (its own browser download does not work here), one per module."""
    from playwright.sync_api import sync_playwright

    from support.browser_support import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def postgres():
    from support.pg_server import PostgresServer

    server = PostgresServer()
    ready = server.start()
    yield server if ready else None
    server.stop()


def _database(request, backend: str, folder: Path) -> str:
    """A new SQLite file in `folder`, or a new database on the test PostgreSQL server (skipped, or failed when
    ZI_REQUIRE_POSTGRES=1, where there is none)."""
    import os

    if backend == "sqlite":
        return f"sqlite:///{(folder / 'workspace.sqlite').as_posix()}"
    server = request.getfixturevalue("postgres")
    if server is None:
        if os.environ.get("ZI_REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL diperlukan (ZI_REQUIRE_POSTGRES=1) tetapi tidak dapat dijalankan")
        pytest.skip("PostgreSQL tidak tersedia di mesin ini")
    return server.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path: Path) -> str:
    """The same store test on a real SQLite file and on a real PostgreSQL database."""
    return _database(request, request.param, tmp_path)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_db_url(request, tmp_path_factory) -> str:
    """`db_url` for a module that builds one workspace and asks it many questions."""
    return _database(request, request.param, tmp_path_factory.mktemp("module"))


@pytest.fixture
def pg_url(request, tmp_path: Path) -> str:
    """A PostgreSQL database only."""
    return _database(request, "postgresql", tmp_path)


def pytest_addoption(parser):
    parser.addoption("--variations", choices=["ci", "full"], default=None,
                     help="tests/reading/test_variations.py: 'ci' a fixed-seed subset (default), 'full' every layout "
                          "(also ZI_VARIATIONS=full)")


# In CI (both ZI_REQUIRE_ flags set) a skipped test is a test that did not run while looking green: it fails the
# run, unless what is missing is ../shared/real-files, which lives beside the checkout, not in it.
_SKIPPED: list[str] = []


def pytest_runtest_logreport(report):
    required = os.environ.get("ZI_REQUIRE_BROWSER") == "1" and os.environ.get("ZI_REQUIRE_POSTGRES") == "1"
    if required and report.skipped and not hasattr(report, "wasxfail"):
        reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if "real-files" not in reason and "real files" not in reason:
            _SKIPPED.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session, exitstatus):
    if _SKIPPED:
        print("\nSkipped although CI requires every test to run:\n  " + "\n  ".join(_SKIPPED))
        session.exitstatus = 1
