"""Every page runs on the bundled sample data without an exception (streamlit.testing AppTest).

Pages are reached through app.py, as a user reaches them, so the shared menu and navigation run too.
"""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from zi_analytics.ui.shell import PAGES

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True, scope="module")
def workspace_dir(tmp_path_factory):
    """The app's workspace in a temporary folder (seeded with the sample data on first use), not in data/."""
    folder = tmp_path_factory.mktemp("workspace")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("ZI_DATABASE_URL", "ZI_MODE", "ZI_COOKIE_SECRET", "ZI_SECRETS_FILE"):
            patch.delenv(name, raising=False)
        patch.setenv("ZI_DATA_DIR", str(folder))
        yield folder


def open_page(path: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    app.run()
    if path != PAGES[0].path:
        app.switch_page(path).run()
    return app


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_page_renders_on_sample_data(page):
    app = open_page(page.path)
    assert not app.exception, [e.message for e in app.exception]
    assert app.title and app.title[0].value.startswith(page.title.split()[0])


def test_ringkasan_shows_every_sample_unit_and_switches_unit():
    app = open_page("pages/ringkasan.py")
    units = app.selectbox(key="unit").options
    assert len(units) >= 3
    table = app.dataframe[0].value
    assert sorted(table["Unit"]) == sorted(units)
    app.selectbox(key="unit").set_value(units[-1]).run()
    assert not app.exception
    assert any(units[-1] in c.value for c in app.caption)


def test_kesiapan_checks_and_what_if_flip_an_area():
    app = open_page("pages/kesiapan.py")
    assert not app.exception, [e.message for e in app.exception]
    assert len(app.table) >= 2  # WBK and WBBM check tables
    wbk = app.table[0].value
    assert "Nilai total (dari 100)" in wbk.index and set(wbk["Status"]) <= {"Memenuhi", "Belum"}
    app.number_input(key="capaian").set_value(4.0).run()
    app.slider(key="whatif_penguatan_pengawasan").set_value(100.0).run()
    assert not app.exception
    assert any("setelah simulasi" in m.label for m in app.metric)


def _plan_bytes(tmp_path, title: str, progress: str) -> bytes:
    from conftest import write_xlsx

    rows = [[title], ["Posisi 20 November 2026"], [],
            ["No", "Kegiatan", "Area Perubahan", "PIC", "Target", "Progres"],
            [1, "Penetapan Tim Pokja ZI", "Manajemen Perubahan", "KPLP", "Januari 2026", progress],
            [2, "Reviu SOP layanan kunjungan", "Penataan Tatalaksana", "Kasi Binadik", "Juni 2026", "Selesai"],
            [3, "Survei internal integritas", "Penguatan Pengawasan", "KPR", "31/12/2026", "0,4"],
            [], ["Mengetahui,"], ["Kepala Lapas"]]
    path = write_xlsx(tmp_path / f"{title}.xlsx", {"RA November": rows})
    return path.read_bytes()


def test_upload_is_stored_used_by_every_page_and_not_stored_twice(tmp_path, monkeypatch):
    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    app = open_page("pages/workspace.py")
    assert not app.exception
    content = _plan_bytes(tmp_path, "RENCANA AKSI ZI LAPAS KELAS IIB JOMBANG", "75%")
    xlsx_mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    app.file_uploader[0].set_value(("RA Jombang Nov 2026.xlsx", content, xlsx_mime))
    app.form_submit_button[0].click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert any("disimpan" in s.value and "RA Jombang Nov 2026.xlsx" in s.value for s in app.success)
    # every page reads the store: the new unit is there
    ringkasan = open_page("pages/ringkasan.py")
    assert "Lapas Kelas IIB Jombang" in ringkasan.selectbox(key="unit").options
    kesiapan = open_page("pages/kesiapan.py")
    assert "Lapas Kelas IIB Jombang" in kesiapan.selectbox(key="unit").options
    data_page = open_page("pages/data_file.py")
    assert any("RA Jombang Nov 2026.xlsx" in e.label for e in data_page.expander)
    # the same bytes again change nothing and say so
    again = open_page("pages/workspace.py")
    again.file_uploader[0].set_value(("salinan.xlsx", content, xlsx_mime))
    again.form_submit_button[0].click().run()
    assert any("sudah ada" in i.value for i in again.info)
    history = again.selectbox(key="history_unit")
    history.set_value("lapas-jombang").run()
    table = again.dataframe[0].value
    assert list(table["Status"]) == ["Berlaku"]


def test_trend_of_a_unit_with_two_snapshots(tmp_path, monkeypatch):
    """The sample data holds a June and an October snapshot of each unit: the trend chart is drawn."""
    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    app = open_page("pages/ringkasan.py")
    titles = [c.proto.spec for c in app.get("plotly_chart")]
    assert any("dari waktu ke waktu" in spec for spec in titles)


def test_server_mode_asks_for_login_and_shows_only_the_users_unit(tmp_path, monkeypatch):
    from zi_analytics.store import LAPTOP_USER, Workspace
    from zi_analytics.store.seed import ensure_seeded

    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    monkeypatch.setenv("ZI_MODE", "server")
    monkeypatch.setenv("ZI_COOKIE_SECRET", "s" * 40)
    monkeypatch.setenv("ZI_SEED_SAMPLE", "true")
    workspace = Workspace.open()
    ensure_seeded(workspace)
    workspace.add_user(LAPTOP_USER, "op.bwi", "rahasia-123", "operator", unit_key="lapas-banyuwangi")
    workspace.add_user(LAPTOP_USER, "kalapas.mlg", "rahasia-456", "pimpinan", unit_key="lapas-malang")
    workspace.close()

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    app.run()
    assert not app.exception
    assert app.title[0].value == "Masuk ke ZI Analytics"
    assert not app.dataframe and not app.get("plotly_chart")
    app.text_input(key="login_username").set_value("op.bwi")
    app.text_input(key="login_password").set_value("salah-sekali-1")
    app.form_submit_button[0].click().run()
    assert any("salah" in e.value for e in app.error)
    app.text_input(key="login_password").set_value("rahasia-123")
    app.form_submit_button[0].click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.selectbox(key="unit").options == ["Lapas Kelas IIA Banyuwangi"]
    assert list(app.dataframe[0].value["Unit"]) == ["Lapas Kelas IIA Banyuwangi"]

    boss = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    boss.run()
    boss.text_input(key="login_username").set_value("kalapas.mlg")
    boss.text_input(key="login_password").set_value("rahasia-456")
    boss.form_submit_button[0].click().run()
    boss.switch_page("pages/workspace.py").run()
    assert not boss.exception
    assert not boss.file_uploader
    assert any("hanya melihat data" in i.value for i in boss.info)
    assert boss.selectbox(key="history_unit").options == ["Lapas Kelas I Malang"]
