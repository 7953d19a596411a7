"""Every page runs on the bundled sample data without an exception (streamlit.testing AppTest).

Pages are reached through app.py, as a user reaches them, so the shared menu and navigation run too.
"""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from zi_analytics.ui.shell import PAGES

ROOT = Path(__file__).resolve().parents[1]


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
