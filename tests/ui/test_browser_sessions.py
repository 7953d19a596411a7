"""A Kanwil server (`streamlit run server.py`, server mode) in headless Chromium: the session cookie is set by
the server and cannot be read by page script; "Keluar" and a password change end every copy of it; the
answers refuse framing by other sites and /_stcore/metrics is not served.

Skipped without Chromium, except in CI where ZI_REQUIRE_BROWSER=1 makes that a failure.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request

import pytest

from support.browser_support import CHROMIUM, PASSWORD, app_env, log_in, page_title, running_app
from zi_analytics.store import LAPTOP_USER, Workspace
from zi_analytics.store.config import WorkspaceConfig

if not CHROMIUM.exists():
    if os.environ.get("ZI_REQUIRE_BROWSER") == "1":
        pytest.fail("Chromium is required (ZI_REQUIRE_BROWSER=1) but /usr/bin/chromium is missing", pytrace=False)
    pytest.skip("no /usr/bin/chromium on this machine", allow_module_level=True)

playwright = pytest.importorskip("playwright.sync_api")

SECRET = "k3y-0123456789-abcdefghij-klmnopqrstu"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """server.py in server mode on a fresh SQLite workspace (sample data) with one admin account."""
    folder = tmp_path_factory.mktemp("server")
    url = f"sqlite:///{(folder / 'zi_workspace.sqlite').as_posix()}"
    ws = Workspace.open(config=WorkspaceConfig(database_url=url, mode="server", cookie_secret=SECRET))
    ws.add_user(LAPTOP_USER, "admin.kanwil", PASSWORD, "admin")
    env = app_env(folder, ZI_MODE="server", ZI_COOKIE_SECRET=SECRET, ZI_SEED_SAMPLE="true")
    with running_app(env, script="server.py") as address:
        yield address, ws
    ws.close()


def test_the_session_cookie_is_the_servers_and_dies_with_logout_and_password_change(server, browser):
    address, ws = server
    context, page = log_in(browser, address)
    [cookie] = [c for c in context.cookies() if c["name"] == "zi_session"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert "zi_session" not in page.evaluate("document.cookie")  # page script cannot read it
    assert "tiket=" not in page.url  # the one-use ticket is gone from the address

    # a reload and a second browser holding a copy of the cookie stay signed in
    page.reload(wait_until="networkidle")
    assert page_title(page) == "Ringkasan"
    thief = browser.new_context()
    thief.add_cookies([cookie])
    stolen = thief.new_page()
    stolen.goto(address, wait_until="networkidle")
    assert page_title(stolen) == "Ringkasan"

    # "Keluar" ends the session for every copy of the cookie
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_timeout(3000)
    assert page_title(page) == "Masuk ke ZI Analytics"
    assert not [c for c in context.cookies() if c["name"] == "zi_session"]
    stolen.reload(wait_until="networkidle")
    assert page_title(stolen) == "Masuk ke ZI Analytics"

    # a password change ends a signed-in browser at its next interaction
    context2, page2 = log_in(browser, address)
    ws.set_password(LAPTOP_USER, "admin.kanwil", "Sandi-Baru-Server-26")
    page2.get_by_role("link", name="Area Perubahan").click()
    page2.wait_for_timeout(3000)
    assert page_title(page2) == "Masuk ke ZI Analytics"
    page2.reload(wait_until="networkidle")
    assert page_title(page2) == "Masuk ke ZI Analytics"
    for c in (context, context2, thief):
        c.close()
    ws.set_password(LAPTOP_USER, "admin.kanwil", PASSWORD)  # for the next tests


def test_the_server_refuses_framing_by_other_sites_and_hides_metrics(server):
    address, _ = server
    with urllib.request.urlopen(address, timeout=10) as response:
        assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    with pytest.raises(urllib.error.HTTPError) as hidden:
        urllib.request.urlopen(f"{address}/_stcore/metrics", timeout=10)
    assert hidden.value.code == 404
    with urllib.request.urlopen(f"{address}/_stcore/health", timeout=10) as response:
        assert response.status == 200
    # the session route sends nobody elsewhere and sets no cookie for a wrong ticket
    opener = urllib.request.build_opener(type("NoRedirect", (urllib.request.HTTPRedirectHandler,), {
        "redirect_request": lambda *args, **kwargs: None})())
    with pytest.raises(urllib.error.HTTPError) as moved:
        opener.open(f"{address}/zi/sesi?tiket=palsu&ke=https://contoh.example/", timeout=10)
    assert moved.value.code == 303 and moved.value.headers["Location"] == "/"
    assert "set-cookie" not in {k.lower() for k in moved.value.headers}


def test_failed_logins_behind_the_proxy_count_under_the_forwarded_address(server, browser):
    """docs/DEPLOY.md: the proxy on this machine passes X-Forwarded-For, and the lockout counts that address."""
    address, ws = server
    context = browser.new_context(extra_http_headers={"X-Forwarded-For": "203.0.113.9"})
    page = context.new_page()
    page.goto(address, wait_until="networkidle")
    assert page_title(page) == "Masuk ke ZI Analytics"
    page.get_by_label("Nama pengguna").fill("admin.kanwil")
    page.get_by_label("Kata sandi").fill("Tebakan-salah-77")
    page.get_by_role("button", name="Masuk").click()
    page.get_by_text("Nama pengguna atau kata sandi salah").wait_for(timeout=30_000)
    context.close()
    with ws.engine.connect() as conn:
        from sqlalchemy import select

        from zi_analytics.store import schema
        a = schema.audit_log
        where = conn.execute(select(a.c.address).where(a.c.action == "login_failed").order_by(a.c.id.desc())).scalar()
    assert where == "203.0.113.9"


def _raw_file_button(address: str, browser):
    context, page = log_in(browser, address)
    page.goto(f"{address}/workspace", wait_until="networkidle")
    assert page_title(page) == "Riwayat & Cadangan"
    page.get_by_role("tab", name="File tersimpan").click()
    return context, page, page.get_by_role("button", name="Unduh file asli")


def test_a_download_pressed_after_the_session_ended_gives_nothing(server, browser):
    """Attack review F3: a download built on press must not outlive its session (deactivation here)."""
    address, ws = server
    context, page, button = _raw_file_button(address, browser)
    with page.expect_download(timeout=30_000) as first:
        button.click()
    assert first.value.path().stat().st_size > 0  # while signed in, the raw file comes
    context.close()
    context, page, button = _raw_file_button(address, browser)  # drawn while signed in
    ws.set_active(LAPTOP_USER, "admin.kanwil", False)
    media = []
    page.on("response", lambda r: media.append(r.status) if "/media/" in r.url else None)
    try:
        with pytest.raises(playwright.TimeoutError):
            with page.expect_download(timeout=8_000):
                button.click()
        assert not [status for status in media if status == 200]
    finally:
        ws.set_active(LAPTOP_USER, "admin.kanwil", True)
        context.close()


def test_server_py_refuses_to_run_without_login(browser, tmp_path):
    """Attack review F2: server.py started without server mode shows nothing of the workspace."""
    with running_app(app_env(tmp_path, ZI_SEED_SAMPLE="false"), script="server.py") as address:
        page = browser.new_page()
        page.goto(address, wait_until="networkidle")
        page.get_by_text("server.py menjalankan server Kanwil").wait_for(timeout=60_000)
        assert not page.get_by_text("Ringkasan").count() or page.locator("h1").count() == 0
        page.close()


def test_a_ticket_carried_from_another_site_signs_nobody_in(server):
    """Attack review F5: /zi/sesi sets the cookie only for a navigation from the app's own page."""
    address, ws = server
    opener = urllib.request.build_opener(type("NoRedirect", (urllib.request.HTTPRedirectHandler,), {
        "redirect_request": lambda *args, **kwargs: None})())

    def visit(site: str | None) -> urllib.error.HTTPError:
        _, ticket = ws.start_session(LAPTOP_USER)
        request = urllib.request.Request(f"{address}/zi/sesi?tiket={ticket}&ke=/unggah")
        if site:
            request.add_header("Sec-Fetch-Site", site)
        with pytest.raises(urllib.error.HTTPError) as moved:
            opener.open(request, timeout=10)
        return moved.value

    for site in ("cross-site", "same-site", "none", None):
        answer = visit(site)
        assert answer.code == 303 and "set-cookie" not in {k.lower() for k in answer.headers}, site
    answer = visit("same-origin")
    assert answer.headers["Location"] == "/unggah" and "HttpOnly" in answer.headers["Set-Cookie"]
