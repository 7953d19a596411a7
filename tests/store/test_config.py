"""Server mode that cannot fall open (issue 24 item 5): a misspelt secrets file stops the start, and laptop
mode (no login) is refused on any address but this machine's unless said on purpose."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from zi_analytics.store.config import ConfigError, exposed_without_login, load_config

ROOT = Path(__file__).resolve().parents[2]
SECRET = "x9-0123456789-abcdefghij-klmnopqrstuv"


@pytest.fixture
def secrets(tmp_path, monkeypatch):
    for name in ("ZI_MODE", "ZI_DATABASE_URL", "ZI_COOKIE_SECRET", "ZI_KANWIL", "ZI_SEED_SAMPLE", "ZI_ALLOW_NETWORK_WITHOUT_LOGIN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))

    def write(text: str) -> Path:
        path = tmp_path / "secrets.toml"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setenv("ZI_SECRETS_FILE", str(path))
        return path
    return write


@pytest.mark.parametrize("text", [
    f'[ZI]\nmode = "server"\ncookie_secret = "{SECRET}"\n',  # the section in capitals
    f'[zi]\nMode = "server"\ncookie_secret = "{SECRET}"\n',  # a key in capitals
    f'mode = "server"\ncookie_secret = "{SECRET}"\n',  # no section
    f'[zi]\nmode = "server"\ncookie_secret = "{SECRET}"\nseed_sample = "kadang"\n',  # a value that is no flag
    f'[zi]\nmode = "servr"\ncookie_secret = "{SECRET}"\n',  # an unknown mode
    f'[z_i]\nmode = "server"\ncookie_secret = "{SECRET}"\n',  # another section name (attack review F2)
    f'[zi-settings]\nmode = "server"\ncookie_secret = "{SECRET}"\n',
    f'[zi]\nmode = ""\ncookie_secret = "{SECRET}"\n',  # a mode left empty
    '[zi]\nmode = "server"\ncookie_secret = "' + "a" * 40 + '"\n',  # no secret at all
    '[zi]\nmode = "server"\ncookie_secret = " GANTI-DENGAN-64-KARAKTER-ACAK-0123456789abcdef"\n',  # the placeholder
])
def test_a_misspelt_secrets_file_stops_the_start_instead_of_falling_back_to_laptop_mode(secrets, text):
    secrets(text)
    with pytest.raises(ConfigError):
        load_config()


def test_a_secrets_file_named_but_missing_stops_the_start(secrets, monkeypatch, tmp_path):
    """A mistyped ZI_SECRETS_FILE must not start laptop mode (no login, everyone admin) behind the proxy."""
    monkeypatch.setenv("ZI_SECRETS_FILE", str(tmp_path / "secret.toml"))
    with pytest.raises(ConfigError, match="tidak ada"):
        load_config()


def test_a_well_written_secrets_file_is_server_mode(secrets):
    secrets(f'[zi]\nmode = "server"\ncookie_secret = "{SECRET}"\nkanwil = "Bali"\n')
    config = load_config()
    assert config.login_required and config.kanwil == "Bali"


def test_laptop_mode_listens_on_this_machine_only_unless_said_on_purpose(secrets):
    laptop = load_config()  # no file: laptop mode
    assert not laptop.login_required
    assert not exposed_without_login(laptop, "127.0.0.1") and not exposed_without_login(laptop, "localhost")
    assert exposed_without_login(laptop, "0.0.0.0") and exposed_without_login(laptop, "")  # "" = every interface
    secrets('[zi]\nallow_network_without_login = true\n')
    assert not exposed_without_login(load_config(), "0.0.0.0")
    secrets(f'[zi]\nmode = "server"\ncookie_secret = "{SECRET}"\n')
    assert not exposed_without_login(load_config(), "0.0.0.0")


def test_the_shipped_config_binds_to_localhost_and_the_app_refuses_an_open_laptop(secrets):
    import tomllib

    shipped = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert shipped["server"]["address"] == "127.0.0.1"
    from streamlit import config

    config.set_option("server.address", "0.0.0.0")
    try:
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        app.run()
        assert any("tanpa login" in e.value for e in app.error)
        assert not app.sidebar.button and not app.dataframe  # nothing of the workspace is shown
    finally:
        config.set_option("server.address", "127.0.0.1")
