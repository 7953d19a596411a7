"""Opening a page the way a user reaches it (through app.py), reading what it shows, uploading a file."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from support.paths import ROOT
from zi_analytics.ui.shell import PAGES


def open_page(path: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    app.run()
    if path != PAGES[0].path:
        app.switch_page(path).run()
    return app


def page_text(app: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "subheader", "header", "title", "info", "success", "warning", "error")
             for e in getattr(app, kind)]
    parts += [m.label + " " + str(m.value) for m in app.metric]
    return "\n".join(str(p) for p in parts)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(app: AppTest, name: str, content: bytes, mime: str = XLSX) -> AppTest:
    app.file_uploader[0].set_value((name, content, mime))
    app.form_submit_button[0].click().run()
    assert not app.exception, [e.message for e in app.exception]
    return app
