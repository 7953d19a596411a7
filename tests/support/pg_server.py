"""A real, throwaway PostgreSQL server for the store tests (Debian's `postgresql` package).

ZI_TEST_POSTGRES_URL points at an existing server instead. When neither works the PostgreSQL half
of the suite is skipped, unless ZI_REQUIRE_POSTGRES=1 (set by .ci/run), where that is a failure.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa


def _binaries() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """initdb + pg_ctl in a temporary folder, run as the `postgres` user when the tests run as root."""

    def __init__(self) -> None:
        self.url: str | None = os.environ.get("ZI_TEST_POSTGRES_URL")
        self.folder: Path | None = None
        self.reason = ""
        self._counter = 0
        self._prefix: list[str] = []
        self._bin: Path | None = None

    def start(self) -> bool:
        if self.url:
            return True
        self._bin = _binaries()
        if self._bin is None:
            self.reason = "PostgreSQL tidak terpasang (paket Debian 'postgresql')"
            return False
        self.folder = Path(tempfile.mkdtemp(prefix="zi-pg-"))
        if os.geteuid() == 0:
            self._prefix = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.folder, "postgres")
        data, port = self.folder / "data", _free_port()
        run = lambda *args: subprocess.run([*self._prefix, *args], capture_output=True, text=True, timeout=120)  # noqa: E731
        made = run(str(self._bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        if made.returncode != 0:
            self.reason = f"initdb gagal: {made.stderr.strip()[-300:]}"
            return False
        started = run(str(self._bin / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "log"), "-w", "-t", "60",
                      "-o", f"-p {port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
        if started.returncode != 0:
            self.reason = f"pg_ctl start gagal: {started.stderr.strip()[-300:]}"
            return False
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        return True

    def stop(self) -> None:
        if self.folder is None or self._bin is None:
            return
        subprocess.run([*self._prefix, str(self._bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)

    def new_database(self) -> str:
        """A fresh empty database; its URL."""
        assert self.url
        self._counter += 1
        name = f"zi_test_{os.getpid()}_{self._counter}_{int(time.time() * 1000) % 100000}"
        engine = sa.create_engine(self.url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        engine.dispose()
        return sa.engine.make_url(self.url).set(database=name).render_as_string(hide_password=False)
