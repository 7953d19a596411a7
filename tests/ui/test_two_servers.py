"""Issue 28 item 3: two `streamlit run app.py` servers on one PostgreSQL. A file uploaded through one shows on
the other at its next rerun: no state lives only in one process (caches are keyed by the data and settings
versions the database holds), and the comparison figures one server stores are read by the other."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import write_xlsx
from support.browser_support import app_env, page_title, running_app
from zi_analytics.services import import_bytes
from zi_analytics.store import LAPTOP_USER, Workspace

playwright = pytest.importorskip("playwright.sync_api")


def _idle(page) -> None:
    page_title(page)  # the script has run and drawn its title


def test_an_upload_through_one_server_shows_on_the_other(pg_url, browser, tmp_path):
    first = write_xlsx(tmp_path / "RA Banyuwangi.xlsx", {"RA": [
        ["LAPAS KELAS IIA BANYUWANGI"], ["Kegiatan", "Area Perubahan", "PIC", "Target", "Progres"],
        ["Penetapan Tim Pokja", "Manajemen Perubahan", "KPLP", "Januari 2026", "100%"]]})
    ws = Workspace.open(pg_url)
    assert import_bytes(ws, first.read_bytes(), first.name, LAPTOP_USER, kanwil="Jawa Timur", today=date(2026, 11, 23)).status == "stored"
    ws.close()
    new = write_xlsx(tmp_path / "RA ZI Tuban.xlsx", {"Sheet1": [
        ["RENCANA AKSI ZONA INTEGRITAS"], ["LAPAS KELAS IIB TUBAN"], ["Posisi 15 November 2026"], [],
        ["No", "Uraian Kegiatan", "Area", "Penanggung Jawab", "Batas Waktu", "Capaian"],
        [1, "Sosialisasi ZI kepada pegawai", "Manajemen Perubahan", "Kasubag TU", "Maret 2026", "Selesai"],
        [2, "Reviu SOP kunjungan", "Penataan Tatalaksana", "Kasi Binadik", "Juni 2026", "60%"]]})
    env = app_env(tmp_path / "data", ZI_DATABASE_URL=pg_url, ZI_SEED_SAMPLE="false")
    with running_app(env) as one, running_app(env) as other:
        watcher = browser.new_page(viewport={"width": 1400, "height": 1000})
        watcher.goto(f"{other}/perbandingan", wait_until="networkidle")
        _idle(watcher)
        assert "Cakupan: 1 unit" in watcher.inner_text("body")  # the league itself is drawn on a canvas
        uploader = browser.new_page(viewport={"width": 1400, "height": 1000})
        uploader.goto(f"{one}/unggah", wait_until="networkidle")
        _idle(uploader)
        uploader.locator("input[type='file']").first.set_input_files(str(new))
        uploader.locator("[data-testid='stFileChipName']").first.wait_for(state="attached", timeout=30_000)
        uploader.get_by_role("button", name="Unggah dan simpan").click()
        uploader.get_by_text("disimpan —").first.wait_for(timeout=60_000)
        watcher.reload(wait_until="networkidle")  # the other server's next rerun
        _idle(watcher)
        assert "Cakupan: 2 unit" in watcher.inner_text("body")
        assert watcher.locator("[data-testid='stException']").count() == 0, watcher.locator("[data-testid='stException']").first.inner_text()
        watcher.goto(f"{other}/unggah", wait_until="networkidle")
        _idle(watcher)
        assert "RA ZI Tuban.xlsx" in watcher.inner_text("body")  # the file's reading, as the other server stored it
        watcher.close()
        uploader.close()
