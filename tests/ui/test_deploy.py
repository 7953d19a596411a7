"""docs/DEPLOY.md as a new Kanwil admin follows it: its secrets.toml, its first-admin command and its service
command start a server on PostgreSQL that answers, refuses framing, hides the metrics, and lets the admin in.

Skipped without PostgreSQL or Chromium, except in CI (ZI_REQUIRE_POSTGRES=1, ZI_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request

import pytest

from support.browser_support import ROOT, app_env, free_port, log_in, start_app, stop_app
from zi_analytics.store.config import KEYS, ConfigError, load_config

GUIDE = (ROOT / "docs" / "DEPLOY.md").read_text(encoding="utf-8")


def _block(language: str, containing: str) -> str:
    blocks = re.findall(rf"```{language}\n(.*?)```", GUIDE, flags=re.S)
    [block] = [b for b in blocks if containing in b]
    return block


def _documented_secrets() -> dict:
    return tomllib.loads(_block("toml", "[zi]"))


def test_the_documented_secrets_name_only_known_settings_and_the_placeholder_is_refused(tmp_path, monkeypatch):
    section = _documented_secrets()["zi"]
    assert section["mode"] == "server" and set(section) <= set(KEYS)
    for key in KEYS:
        assert f"`{key}`" in GUIDE, key  # every setting is explained
    path = tmp_path / "secrets.toml"
    path.write_text(_block("toml", "[zi]"), encoding="utf-8")
    for name in [k for k in os.environ if k.startswith("ZI_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("ZI_SECRETS_FILE", str(path))
    with pytest.raises(ConfigError, match="openssl rand"):
        load_config()


@pytest.fixture
def documented_server(tmp_path, postgres):
    if postgres is None:
        if os.environ.get("ZI_REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL diperlukan (ZI_REQUIRE_POSTGRES=1) tetapi tidak dapat dijalankan")
        pytest.skip("PostgreSQL tidak tersedia di mesin ini")
    text = _block("toml", "[zi]")
    text = re.sub(r'database_url = ".*"', f'database_url = "{postgres.new_database()}"', text)
    text = re.sub(r'cookie_secret = ".*"', f'cookie_secret = "{secrets.token_hex(32)}"', text)
    path = tmp_path / "secrets.toml"
    path.write_text(text, encoding="utf-8")
    env = app_env(tmp_path / "unused", ZI_SECRETS_FILE=str(path))

    first_admin = _block("bash", "user-add admin.kanwil").split("python -m zi_analytics", 1)[1].split("\n")[0]
    created = subprocess.run([sys.executable, "-m", "zi_analytics", *shlex.split(first_admin)], cwd=ROOT,
                             env=env | {"ZI_NEW_PASSWORD": "Sandi-Server-2026"}, capture_output=True, text=True,
                             timeout=120)
    assert created.returncode == 0, created.stderr
    service = re.search(r"ExecStart=\S+/streamlit run (\S+) (.*)", GUIDE)
    assert service and service.group(1) == "server.py"
    assert "--server.address 127.0.0.1" in service.group(2)
    proc, url = start_app(env, port=free_port(), script=service.group(1))
    yield url
    stop_app(proc)


def test_the_documented_server_starts_answers_and_lets_the_first_admin_in(documented_server, browser):
    with urllib.request.urlopen(documented_server, timeout=10) as response:
        assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    with pytest.raises(urllib.error.HTTPError) as hidden:
        urllib.request.urlopen(f"{documented_server}/_stcore/metrics", timeout=10)
    assert hidden.value.code == 404
    context, page = log_in(browser, documented_server)
    assert [c for c in context.cookies() if c["name"] == "zi_session"][0]["httpOnly"]
    context.close()
