"""Every page runs on the bundled sample data without an exception (streamlit.testing AppTest)."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["app.py", "pages/ringkasan.py", "pages/data_file.py"]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_sample_data(page):
    app = AppTest.from_file(str(ROOT / page), default_timeout=60)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.title, "every page has a title"


def test_ringkasan_shows_every_sample_unit_and_switches_unit():
    app = AppTest.from_file(str(ROOT / "pages/ringkasan.py"), default_timeout=60)
    app.run()
    units = app.selectbox(key="unit").options
    assert len(units) >= 3
    table = app.dataframe[0].value
    assert sorted(table["Unit"]) == sorted(units)
    app.selectbox(key="unit").set_value(units[-1]).run()
    assert not app.exception
    assert any(units[-1] in c.value for c in app.caption)
