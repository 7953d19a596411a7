"""Text from files is shown as text everywhere: pages, charts, downloads and reports (tests/support/hostile.py's files).

The hostile files put HTML, script, Markdown links and emphasis, and spreadsheet formulas into activity names,
PICs, notes, services, a survey question, suggestions, complaint topics and texts, a file name and a sheet name.
Checked, in a real workspace:
- every page through app.py (AppTest): no Markdown, label or chart carries a payload unescaped, and the
  payloads do reach the pages that show such text (escaped, or as a table value, which is drawn as text);
- every CSV download, the workspace's Excel export, the Excel report and the printable briefing: formulas
  start with an apostrophe, no cell is a formula, and the HTML has no tag or handler from data;
- in Chromium: on every page no script from data ran, no data made an element, and the texts are readable.
"""

from __future__ import annotations

import csv
import io
import os
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import support.hostile as hostile
from support.apptest import open_page, page_text
from support.unit_inputs import Inputs
from zi_analytics.store import LAPTOP_USER, Workspace
from zi_analytics.store.export import csv_bytes, defuse_frame, labelled_problems
from zi_analytics.ui import charts
from zi_analytics.ui.shell import PAGES
from zi_analytics.services import import_paths

UNIT = "lapas-banyuwangi"
NUMBER = re.compile(r"-?\d+(\.\d+)?")  # a negative number in a CSV is data, not a formula
# Pages that show free text from the files, and so must show the payloads (as text); the others show only
# figures, rule texts and unit names.
SHOWS_FILE_TEXT = {"area", "survei", "pengaduan", "unggah", "workspace"}


@pytest.fixture(scope="module")
def hostile_workspace(tmp_path_factory) -> Path:
    """ZI_DATA_DIR holding a workspace with only the hostile files (so the sample data is not seeded)."""
    folder = tmp_path_factory.mktemp("hostile-workspace")
    files = hostile.build(tmp_path_factory.mktemp("hostile-files"))
    with pytest.MonkeyPatch.context() as patch:
        for name in ("ZI_DATABASE_URL", "ZI_MODE", "ZI_COOKIE_SECRET", "ZI_SECRETS_FILE"):
            patch.delenv(name, raising=False)
        patch.setenv("ZI_DATA_DIR", str(folder))
        ws = Workspace.open()
        try:
            outcomes = import_paths(ws, [files], LAPTOP_USER, today=date.today())
        finally:
            ws.close()
        assert [o.status for o in outcomes] == ["stored"] * 3, [(o.status, o.result.errors) for o in outcomes]
        yield folder


@pytest.fixture
def ws(hostile_workspace):
    workspace = Workspace.open()
    yield workspace
    workspace.close()


def shown_markup(app) -> str:
    """Every text the page hands to a Markdown or HTML renderer, and every chart's figure."""
    parts = [page_text(app)]
    parts += [e.label for kind in ("expander", "tabs", "status") for e in getattr(app, kind, [])]
    parts += [e.proto.spec for e in app.get("plotly_chart")]
    parts += [e.proto.popover.label for e in app.get("popover")]
    return "\n".join(str(p) for p in parts)


def table_text(app) -> str:
    return "\n".join(frame.value.astype(str).to_csv() for frame in app.dataframe)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_page_shows_file_text_as_text(hostile_workspace, page):
    app = open_page(page.path)
    assert not app.exception, [e.message for e in app.exception]
    markup = shown_markup(app)
    assert hostile.raw_markup(markup) == [], page.url_path
    if page.url_path in SHOWS_FILE_TEXT:
        escaped = ("\\<img", "\\[tautan", "\\*\\*tebal", "&lt;b&gt;tebal-html", "\\_miring\\_")
        reached = [p for p in escaped if p in markup] + [p for p in [*hostile.MARKUP, hostile.NAME_MARKUP] if p in table_text(app)]
        assert reached, f"no hostile text reached {page.url_path}: the test would prove nothing there"


def test_charts_draw_file_text_with_its_tags_as_text():
    """Each chart kind fed labels with markup: the figure holds them escaped (plotly reads <b>, <a> in texts)."""
    labels = [hostile.HTML_BOLD, f"{hostile.MD_LINK} x", hostile.HTML_IMG]
    figures = [
        charts.bars(pd.DataFrame({"label": labels, "n": [1, 2, 3]}), "label", "n", "judul"),
        charts.bars(pd.DataFrame({"label": labels, "n": [1, 2, 3], "c": labels}), "label", "n", "judul", horizontal=True, colour="c"),
        charts.heatmap(pd.DataFrame([[10.0, 50.0]], index=[hostile.HTML_BOLD], columns=[hostile.HTML_IMG, "Area panjang sekali"]),
                       "judul", 40.0),
        charts.over_time(pd.DataFrame({"p": ["2026-01", "2026-02"], "v": [1.0, 2.0], "s": [hostile.HTML_BOLD] * 2}),
                         "p", "v", "s", "judul", "nilai"),
        charts.lke_treemap(pd.DataFrame({"section_label": ["Pengungkit"], "area_label": [hostile.HTML_BOLD],
                                         "label": [hostile.HTML_IMG], "value": [0.5]})),
    ]
    for figure in figures:
        data = figure.to_json()
        assert hostile.raw_html(data.replace("\\u003c", "<")) == [], data[:300]
        assert "&lt;" in data, data[:300]
    assert "Area panjang<br>sekali" in figures[2].data[0].x  # the chart's own line breaks stay


def _csv_fields(data: bytes) -> list[str]:
    return [field for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";") for field in row]


@pytest.mark.parametrize("payload", hostile.FORMULAS, ids=repr)
def test_csv_neutralises_every_formula_start(payload):
    frame = pd.DataFrame({"Kegiatan": [payload, "Rapat biasa"], payload: [1.5, -2.5]})
    fields = _csv_fields(csv_bytes(frame))
    assert fields == ["Kegiatan", "'" + payload, "'" + payload, "1.5", "Rapat biasa", "-2.5"]  # a number stays one


def test_every_stored_table_as_csv_has_no_live_formula(ws):
    dataset = ws.dataset(LAPTOP_USER)
    frames = {**dataset.frames, "problems": labelled_problems(dataset.problems)}
    neutralised = 0
    for name, frame in frames.items():
        for field in _csv_fields(csv_bytes(frame)):
            assert not field.startswith(hostile.FORMULA_START) or NUMBER.fullmatch(field), (name, field)
            neutralised += field.startswith("'=")
    assert neutralised >= 10


def _cells(data: bytes) -> list[openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]


def _assert_no_live_formula(cells: list) -> None:
    assert cells
    for cell in cells:
        assert cell.data_type != "f", cell.coordinate
        if isinstance(cell.value, str):
            assert not cell.value.startswith(hostile.FORMULA_START), (cell.parent.title, cell.coordinate, cell.value)
    assert any(isinstance(c.value, str) and c.value.startswith("'=HYPERLINK") for c in cells)


def test_workspace_export_of_every_version_keeps_formulas_as_text(ws):
    versions = ws.versions(LAPTOP_USER)
    assert len(versions) >= 3
    for dataset_id in versions["id"]:
        cells = _cells(ws.export_dataset(LAPTOP_USER, int(dataset_id)))
        for cell in cells:
            assert cell.data_type != "f"
            assert not (isinstance(cell.value, str) and cell.value.startswith(hostile.FORMULA_START)), cell.value


def test_excel_report_keeps_formulas_as_text(ws):
    _assert_no_live_formula(_cells(Inputs(ws, UNIT).excel()))


class _Markup(HTMLParser):
    """Tags, attributes and text of an HTML document as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(k, v or "") for k, v in attrs]

    def handle_data(self, data):
        self.text.append(data)


def test_briefing_html_has_no_markup_from_data(ws):
    parser = _Markup()
    parser.feed(Inputs(ws, UNIT).html())
    assert not {"script", "img", "iframe", "object", "embed"} & set(parser.tags)
    assert not [k for k, _ in parser.attributes if k.startswith("on")]
    assert not [v for k, v in parser.attributes if k in ("href", "src") and "javascript" in v.lower()]
    text = "\n".join(parser.text)
    assert hostile.HTML_IMG in text or hostile.HTML_SCRIPT in text or hostile.HTML_BOLD in text


def test_defuse_leaves_numbers_dates_and_plain_text_alone():
    values = [1, -1.5, pd.Timestamp("2026-01-05"), "Selesai", None, "Rapat = koordinasi"]
    assert defuse_frame(pd.DataFrame({"a": values}))["a"].tolist() == values


# --- the same workspace in Chromium -------------------------------------------------------------------------

def test_no_script_from_data_runs_in_the_browser(hostile_workspace):
    browser_support = pytest.importorskip("support.browser_support")
    if not browser_support.CHROMIUM.exists():
        if os.environ.get("ZI_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (ZI_REQUIRE_BROWSER=1) but /usr/bin/chromium is missing")
        pytest.skip("no /usr/bin/chromium on this machine")
    sync_api = pytest.importorskip("playwright.sync_api")
    artifacts = browser_support.ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    addresses = {p.url_path: ("" if i == 0 else p.url_path) for i, p in enumerate(PAGES)}
    addresses["briefing"] = "?mode=briefing"
    with browser_support.running_app(browser_support.app_env(hostile_workspace)) as url, sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(browser_support.CHROMIUM), args=browser_support.CHROMIUM_ARGS)
        seen = ""
        for name, address in addresses.items():
            page = chromium.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{url}/{address}", wait_until="networkidle")
            page.wait_for_selector("[data-testid='stMain']", timeout=60_000)
            page.wait_for_function(browser_support.IDLE, timeout=90_000)
            page.wait_for_timeout(2500)  # charts draw after the script run
            if name in ("area", "unggah"):  # a table of activities, and file and sheet names
                table = page.locator("[data-testid='stDataFrame']").last
                table.scroll_into_view_if_needed()
                page.wait_for_timeout(500)
                page.screenshot(path=str(artifacts / f"hostile_{name}.png"))
            assert page.evaluate(f"() => window.{hostile.FLAG}") is None, name
            assert page.locator("[data-testid='stException']").count() == 0, name
            injected = page.evaluate("""() => [...document.querySelectorAll('[onerror], img[src="x"], a[href^="javascript"]')]
                                         .map(e => e.outerHTML.slice(0, 120))""")
            assert injected == [], (name, injected)
            seen += page.evaluate("() => document.body.textContent")
            page.close()
        chromium.close()
    # the file and sheet names with markup are there, as text (table cells are drawn on a canvas)
    assert hostile.NAME_MARKUP in seen and hostile.PLAN_SHEET in seen
