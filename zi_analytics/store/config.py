"""Where the workspace lives and how it is run, from the environment or `.streamlit/secrets.toml`.

Laptop mode (the default) stores into `data/zi_workspace.sqlite` beside the app and asks for no login.
A Kanwil server sets, in `.streamlit/secrets.toml`::

    [zi]
    mode = "server"
    database_url = "postgresql+psycopg://zi:PASSWORD@localhost/zi"
    cookie_secret = "a long random string"
    kanwil = "Jawa Timur"
    seed_sample = false

or the environment variables ZI_MODE, ZI_DATABASE_URL, ZI_COOKIE_SECRET, ZI_KANWIL, ZI_SEED_SAMPLE (they
win over the file). The bundled sample data is stored on first start in laptop mode only, by default. ZI_DATA_DIR moves the SQLite folder; ZI_SECRETS_FILE points at another secrets file.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

APP_DIR = Path(__file__).resolve().parents[2]
MODES = ("laptop", "server")
KEYS = ("mode", "database_url", "cookie_secret", "kanwil", "seed_sample", "allow_network_without_login")
LOCAL_ADDRESSES = ("127.0.0.1", "localhost", "::1")
PLACEHOLDER = "GANTI"  # how docs/DEPLOY.md marks a value to replace
MIN_SECRET_LETTERS = 10  # different characters in a cookie secret: "a" * 40 is no secret


class ConfigError(Exception):
    """A setting that cannot work; the message is Indonesian and names the setting."""


@dataclass(frozen=True)
class WorkspaceConfig:
    database_url: str
    mode: str = "laptop"
    cookie_secret: str = ""
    kanwil: str | None = None
    seed_sample: bool = True
    allow_network_without_login: bool = False  # laptop mode listening beyond this machine, said on purpose

    @property
    def login_required(self) -> bool:
        return self.mode == "server"


def _secrets() -> dict[str, Any]:
    named = os.environ.get("ZI_SECRETS_FILE")
    path = Path(named or APP_DIR / ".streamlit" / "secrets.toml")
    if named and not path.is_file():  # a path typed wrong must not start a server without login
        raise ConfigError(f"ZI_SECRETS_FILE menunjuk '{path}', tetapi file itu tidak ada")
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"file rahasia '{path}' tidak dapat dibaca: {exc}") from None
    return _checked(data, path)


def _checked(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """The `[zi]` section, refused rather than half-read: a misspelt section or key would otherwise fall back
    to laptop mode (no login, admin rights for everyone) on a server."""
    other = [key for key in data if key != "zi"]
    if other:  # nothing else belongs in this file: a misspelt [zi] would otherwise fall back to laptop mode
        raise ConfigError(f"file rahasia '{path}': '{other[0]}' tidak dikenal; pengaturan ZI ditulis di bagian [zi] "
                          f"dengan kunci huruf kecil: {', '.join(KEYS)}")
    section = data.get("zi", {})
    if not isinstance(section, dict):
        raise ConfigError(f"file rahasia '{path}': 'zi' harus berupa bagian [zi]")
    unknown = [key for key in section if key not in KEYS]
    if unknown:
        raise ConfigError(f"file rahasia '{path}': kunci '{unknown[0]}' di bagian [zi] tidak dikenal; "
                          f"yang dikenal: {', '.join(KEYS)}")
    return section


def default_sqlite_url() -> str:
    folder = Path(os.environ.get("ZI_DATA_DIR") or APP_DIR / "data")
    return f"sqlite:///{(folder / 'zi_workspace.sqlite').as_posix()}"


def load_config(database_url: str | None = None) -> WorkspaceConfig:
    """The settings in force; `database_url` (the CLI's --db) wins over everything else."""
    secrets = _secrets()

    def pick(env: str, key: str) -> str | None:
        value = os.environ.get(env) or secrets.get(key)
        return str(value) if value not in (None, "") else None

    if "mode" in secrets and not str(secrets["mode"]).strip():
        raise ConfigError("mode di [zi] kosong; tulis \"server\" atau \"laptop\"")
    mode = (pick("ZI_MODE", "mode") or "laptop").strip().lower()
    if mode not in MODES:
        raise ConfigError(f"mode '{mode}' tidak dikenal; pilihan: {', '.join(MODES)}")
    cookie_secret = pick("ZI_COOKIE_SECRET", "cookie_secret") or ""
    if mode == "server" and len(cookie_secret) < 32:
        raise ConfigError("mode server memerlukan cookie_secret (minimal 32 karakter acak) di .streamlit/secrets.toml")
    if mode == "server" and len(set(cookie_secret)) < MIN_SECRET_LETTERS:
        raise ConfigError("cookie_secret terlalu seragam; pakai hasil `openssl rand -hex 32`")
    if mode == "server" and cookie_secret.strip().upper().startswith(PLACEHOLDER):
        raise ConfigError("cookie_secret masih contoh dari docs/DEPLOY.md; ganti dengan hasil `openssl rand -hex 32`")
    url = database_url or pick("ZI_DATABASE_URL", "database_url") or default_sqlite_url()
    seed = _flag(pick("ZI_SEED_SAMPLE", "seed_sample"), "seed_sample", mode == "laptop")
    open_laptop = _flag(pick("ZI_ALLOW_NETWORK_WITHOUT_LOGIN", "allow_network_without_login"), "allow_network_without_login", False)
    return WorkspaceConfig(url, mode, cookie_secret, pick("ZI_KANWIL", "kanwil"), seed, open_laptop)


def _flag(value: str | None, key: str, default: bool) -> bool:
    if value is None:
        return default
    text = value.lower()
    if text not in ("1", "true", "ya", "yes", "0", "false", "tidak", "no"):
        raise ConfigError(f"'{key}' harus true atau false, bukan '{value}'")
    return text in ("1", "true", "ya", "yes")


def exposed_without_login(config: WorkspaceConfig, address: str | None) -> bool:
    """Whether the app would serve every visitor as admin to other machines: laptop mode (no login) listening
    on an address other than this machine's, without `allow_network_without_login`."""
    listening = (address or "").strip() or "0.0.0.0"  # Streamlit listens on every interface when none is set
    return not config.login_required and listening not in LOCAL_ADDRESSES and not config.allow_network_without_login
