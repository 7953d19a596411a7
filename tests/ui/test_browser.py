"""The running app in headless Chromium: every page opens, shows no exception, and is screenshotted.

Uses Debian's /usr/bin/chromium through Playwright (no browser download). Skipped when Chromium is
missing, except in CI where ZI_REQUIRE_BROWSER=1 makes that a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support.browser_support import (CHROMIUM, IDLE, LOADED, OVERFLOW, ROOT, STREAMLIT_ENGLISH, VISIBLE_TEXT, app_env,
                                     running_app)
from zi_analytics.store import Workspace
from zi_analytics.ui.shell import PAGES as PAGE_SPECS

ARTIFACTS = ROOT / "test-artifacts"
PAGES = {p.url_path: ("" if i == 0 else p.url_path) for i, p in enumerate(PAGE_SPECS) if p.url_path != "briefing"}
MENU = [p.title for p in PAGE_SPECS]

if not CHROMIUM.exists():
    if os.environ.get("ZI_REQUIRE_BROWSER") == "1":
        pytest.fail("Chromium is required (ZI_REQUIRE_BROWSER=1) but /usr/bin/chromium is missing", pytrace=False)
    pytest.skip("no /usr/bin/chromium on this machine", allow_module_level=True)

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """One workspace for the module's servers: seeded with the sample data by the first of them."""
    return tmp_path_factory.mktemp("workspace")


@pytest.fixture(scope="function")
def server(data_dir):
    with running_app(app_env(data_dir)) as url:
        yield url


def wait_until_idle(page) -> None:
    """Until the script run and every spinner (the first sample load) have finished."""
    page.wait_for_function(IDLE, timeout=90_000)
    page.wait_for_timeout(1500)


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(PAGES))
def test_page_opens_fits_the_screen_speaks_indonesian_and_asks_no_other_host(server, browser, name, size):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    elsewhere = []
    page.on("request", lambda request: elsewhere.append(request.url)
            if not request.url.startswith((server, "data:", "blob:")) else None)
    page.goto(f"{server}/{PAGES[name]}", wait_until="networkidle")
    page.wait_for_selector("h1", timeout=60_000)
    page.get_by_text(LOADED[name]).first.wait_for(timeout=90_000)
    wait_until_idle(page)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{size[0]}x{size[1]}.png"), full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    body = page.inner_text("body")
    assert "Traceback" not in body
    assert page.locator("[data-testid='stSidebar']").inner_text().count("Area Perubahan") == 1
    for entry in MENU:
        assert page.get_by_role("link", name=entry).count() == 1, entry
    assert page.evaluate(OVERFLOW) == []
    seen = page.evaluate(VISIBLE_TEXT)
    assert [text for text in STREAMLIT_ENGLISH if text in seen] == []
    assert elsewhere == []  # offline: no font, icon or script from the internet
    page.close()


def test_briefing_mode_from_the_address_reads_from_the_back_of_the_room(server, browser):
    """?mode=briefing: no sidebar, large type, the slides turn with the buttons; each slide is screenshotted."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})  # a common projector resolution
    page.goto(f"{server}/?mode=briefing", wait_until="networkidle")
    page.get_by_text("Kesiapan WBK dan WBBM").first.wait_for(timeout=90_000)
    wait_until_idle(page)
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.zi-figure .value')).fontSize)")
    assert size >= 40, size
    texts = []
    for number in range(1, 7):
        counter = page.locator(".zi-counter").inner_text()
        page.screenshot(path=str(ARTIFACTS / f"briefing_{number}.png"))
        assert page.locator("[data-testid='stException']").count() == 0
        texts.append(counter)
        page.get_by_role("button", name="Berikutnya ▶").click()
        page.wait_for_timeout(1500)
        wait_until_idle(page)
    assert texts[0].startswith("1 /") and len(set(texts)) >= 5, texts
    # the same first slide on a 1920x1080 screen: the room's screen filled, the type larger, not a small island
    wide = browser.new_page(viewport={"width": 1920, "height": 1080})
    wide.goto(f"{server}/?mode=briefing", wait_until="networkidle")
    wide.get_by_text("Kesiapan WBK dan WBBM").first.wait_for(timeout=90_000)
    wait_until_idle(wide)
    wide.screenshot(path=str(ARTIFACTS / "briefing_1920x1080.png"))
    larger = wide.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.zi-figure .value')).fontSize)")
    width = wide.evaluate("() => document.querySelector('.zi-figure').closest('[data-testid=\"stHorizontalBlock\"]')"
                          ".getBoundingClientRect().width")
    assert larger > size * 1.2 and width > 0.85 * 1920, (larger, size, width)
    assert "sejak" in wide.inner_text("body") or "min. WBK" in wide.inner_text("body")
    wide.close()
    page.get_by_text("Putar otomatis").click()  # auto-advance: 10 s per slide
    page.wait_for_timeout(1000)
    wait_until_idle(page)
    page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="10 detik per slide").click()
    before = page.locator(".zi-counter").inner_text()
    page.wait_for_timeout(13_000)
    assert page.locator(".zi-counter").inner_text() != before
    body = page.inner_text("body")
    assert "Traceback" not in body
    page.close()


def test_upload_in_the_browser_is_stored_and_reported(server, browser, tmp_path):
    """A user uploads a messy action plan of a new unit: the page says it is stored, Ringkasan lists the unit."""
    from conftest import write_xlsx

    rows = [["RENCANA AKSI ZONA INTEGRITAS"], ["LAPAS KELAS IIB TUBAN"], ["Posisi 15 November 2026"], [],
            ["No", "Uraian Kegiatan", "Area", "Penanggung Jawab", "Batas Waktu", "Capaian"],
            [1, "Sosialisasi ZI kepada pegawai", "Manajemen Perubahan", "Kasubag TU", "Maret 2026", "Selesai"],
            [2, "Reviu SOP kunjungan", "Penataan Tatalaksana", "Kasi Binadik", "Juni 2026", "60%"],
            [3, "Penilaian mandiri", "Penguatan Pengawasan", "KPLP", "31/12/2026", "abc"]]
    path = write_xlsx(tmp_path / "RA ZI Tuban.xlsx", {"Sheet1": rows})
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(f"{server}/{PAGES['unggah']}", wait_until="networkidle")
    wait_until_idle(page)
    page.locator("input[type='file']").first.set_input_files(str(path))
    page.locator("[data-testid='stFileChipName']").first.wait_for(state="attached", timeout=30_000)
    page.get_by_role("button", name="Unggah dan simpan").click()
    page.get_by_text("disimpan —").first.wait_for(timeout=60_000)
    wait_until_idle(page)
    page.screenshot(path=str(ARTIFACTS / "upload_report.png"), full_page=True)
    body = page.inner_text("body")
    assert "2 baris diterima, 1 ditolak" in body
    assert page.locator("[data-testid='stException']").count() == 0
    # the new unit is on every unit page, picked through the address
    for name in ("ringkasan", "area", "pengaduan", "perbandingan"):
        page.goto(f"{server}/{PAGES[name]}?unit=lapas-tuban", wait_until="networkidle")
        page.get_by_text(LOADED[name] if name != "pengaduan" else "register pengaduan").first.wait_for(timeout=60_000)
        wait_until_idle(page)
        assert page.locator("[data-testid='stException']").count() == 0
        if name != "perbandingan":
            assert "Lapas Kelas IIB Tuban" in page.inner_text("body")
        page.screenshot(path=str(ARTIFACTS / f"uploaded_{name}.png"), full_page=True)
    page.close()


def test_a_row_of_the_comparison_opens_that_units_ringkasan(server, browser, data_dir):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{server}/perbandingan", wait_until="networkidle")
    page.get_by_text("Peringkat kesiapan").first.wait_for(timeout=90_000)
    wait_until_idle(page)
    table = page.locator("[data-testid='stDataFrame']").first
    box = table.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # the selection cell of the first row (earlier tests of this
    page.wait_for_url("**/ringkasan?unit=*", timeout=60_000)  # module may have left it the only one)
    wait_until_idle(page)
    unit = page.url.split("unit=")[1]
    assert page.locator("h1").first.inner_text() == "Ringkasan"
    workspace = Workspace.open(f"sqlite:///{(data_dir / 'zi_workspace.sqlite').as_posix()}")
    name = workspace.registry().display(unit)
    workspace.close()
    captions = page.locator("[data-testid='stCaptionContainer']").all_inner_texts()
    assert any(caption.startswith(f"Cakupan: {name} ·") for caption in captions), (unit, captions)
    page.close()
