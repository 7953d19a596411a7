"""The Excel report and the printable briefing, built from the bundled sample data stored in a real workspace.

Checked: the sheets a user expects with the unit's real figures in Indonesian format, cell text that a
spreadsheet could run stored as harmless text, a briefing page without scripts, external addresses or
personal data that shows data text only escaped, and both exports for units with little or no data.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from support.unit_inputs import Inputs
from zi_analytics import formatting as fmt
from zi_analytics.metrics import resolved_share
from zi_analytics.store import LAPTOP_USER, Workspace
from zi_analytics.views import overview
from zi_analytics.services import import_paths

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data"
AS_OF = date(2026, 11, 23)
BWI = "lapas-banyuwangi"
SHEETS = ["Ringkasan", "Kriteria WBK", "Kriteria WBBM", "Area", "Kegiatan", "Survei", "Pengaduan", "Baris Ditolak"]
EMPTY_SHEETS = ["Area", "Kegiatan", "Survei", "Pengaduan", "Baris Ditolak"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
INJECTED_FORMULA = '=HYPERLINK("http://x")'
INJECTED_TAG = "<img src=x onerror=alert(1)>"
SCRIPT_UNIT = "<script>alert(1)</script>"


def open_workspace(folder: Path, paths: list[Path]) -> Workspace:
    ws = Workspace.open(f"sqlite:///{folder.as_posix()}/w.sqlite")
    if paths:
        outcomes = import_paths(ws, paths, LAPTOP_USER, today=AS_OF)
        assert all(o.status == "stored" for o in outcomes), [(o.status, o.result.errors) for o in outcomes]
    return ws


@pytest.fixture(scope="module")
def sample_ws(tmp_path_factory):
    ws = open_workspace(tmp_path_factory.mktemp("samples"), [SAMPLES])
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def bwi(sample_ws) -> Inputs:
    return Inputs(sample_ws, BWI)


def workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def sheet_values(sheet) -> list[Any]:
    return [v for row in sheet.iter_rows(values_only=True) for v in row if v is not None]


def has_number(values: list[Any], expected: float) -> bool:
    return any(isinstance(v, (int, float)) and not isinstance(v, bool) and v == pytest.approx(expected, abs=1e-9)
               for v in values)


def all_cells(book: openpyxl.Workbook):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield sheet.title, cell


# ---- Excel ----------------------------------------------------------------------------------------

def test_excel_has_the_sheets_and_the_units_figures(bwi: Inputs):
    book = workbook(bwi.excel())
    assert book.sheetnames == SHEETS
    summary = sheet_values(book["Ringkasan"])
    score = bwi.result.score
    assert has_number(summary, score.total)
    assert has_number(summary, score.pengungkit)
    assert has_number(summary, score.hasil)
    assert bwi.unit["unit"] in summary
    assert datetime(AS_OF.year, AS_OF.month, AS_OF.day) in summary
    assert bwi.regulation.name in summary
    deadline = bwi.result.deadline
    assert datetime(deadline.year, deadline.month, deadline.day) in summary
    assert f"{fmt.number(overview.days_left(bwi.result), 0)} hari lagi" in summary
    actions = overview.closing_actions(bwi.result, bwi.regulation, bwi.plan)
    assert len(actions) == 3
    for action in actions:
        assert action.what in summary and action.effect in summary
    for line in overview.missing_inputs(bwi.result):
        assert line in summary
    for predicate in ("wbk", "wbbm"):
        verdict = "✓ Siap diusulkan" if bwi.result.ready(predicate) else "✗ Belum siap"
        assert [predicate.upper(), verdict, overview.verdict_line(bwi.result, predicate)] in [
            list(r) for r in book["Ringkasan"].iter_rows(values_only=True)]

    criteria = list(book["Kriteria WBK"].iter_rows(values_only=True))
    assert criteria[0] == ("Kriteria", "Nilai", "Minimum", "Kekurangan", "Status")
    assert len(criteria) == 1 + len(bwi.result.checks["wbk"])
    assert len(list(book["Kriteria WBBM"].iter_rows(values_only=True))) == 1 + len(bwi.result.checks["wbbm"])
    [total_row] = [r for r in criteria if r[0] == "Nilai total (dari 100)"]
    assert total_row == ("Nilai total (dari 100)", pytest.approx(score.total), 75, pytest.approx(75 - score.total), "Belum")

    areas = list(book["Area"].iter_rows(values_only=True))
    assert areas[0][:2] == ("Area", "Progres") and len(areas) == 7
    mean = bwi.plan.loc[bwi.plan["area"] == "penataan_tatalaksana", "progress"].astype(float).mean()
    assert areas[2][:2] == ("Penataan Tatalaksana", pytest.approx(mean / 100))

    activities = list(book["Kegiatan"].iter_rows(values_only=True))
    assert activities[0] == ("Area", "Kegiatan", "PIC", "Tenggat", "Progres", "Status", "Terlambat (hari)", "Bukti")
    assert len(activities) == 1 + len(bwi.plan)
    assert sorted(r[1] for r in activities[1:]) == sorted(bwi.plan["activity"])

    surveys = sheet_values(book["Survei"])
    ikm = bwi.result.extras["ikm"]
    assert has_number(surveys, ikm["index"]) and "Tren per periode" in surveys
    assert has_number(surveys, bwi.unit["surveys"]["ipak"]["index_4"])

    complaints = sheet_values(book["Pengaduan"])
    assert complaints[:4] == ["Angka", "Nilai", "Pengaduan masuk", len(bwi.complaints)]
    assert "Pelapor" in complaints

    problems = list(book["Baris Ditolak"].iter_rows(values_only=True))
    assert problems[0] == ("File", "Lembar", "Baris", "Kolom", "Isi sel", "Alasan", "Ditolak")
    assert len(problems) == 1 + len(bwi.problems)
    assert "31/09/2026" in [r[4] for r in problems]  # a rejected cell, as it was written

    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet["A1"].font.b, sheet.title
        assert sheet.column_dimensions["A"].width >= 8, sheet.title


def test_excel_figures_are_numbers_percentages_and_dates_not_text(bwi: Inputs):
    """A Pokja sums and sorts the report: no figure is text ("65,02", "68,3%", "15 Okt 2025"), percentages are
    percentage cells, dates date cells in the Indonesian format; only the rejected rows keep cells as written."""
    book = workbook(bwi.excel())
    figure_as_text = re.compile(r"^[-–]?\d[\d.]*(,\d+)?\s*%?$|^\d{1,2} \w{3} \d{4}$")
    kinds = set()
    for title, cell in all_cells(book):
        if title == "Baris Ditolak" or cell.row == 1:
            continue
        if isinstance(cell.value, str):
            assert not figure_as_text.match(cell.value.strip()), (title, cell.coordinate, cell.value)
        elif cell.is_date:
            assert cell.number_format == "[$-421]d mmm yyyy", (title, cell.coordinate)
            kinds.add("date")
        elif isinstance(cell.value, float) and cell.number_format == "0.0%":
            assert 0 <= cell.value <= 1, (title, cell.coordinate, cell.value)
            kinds.add("percent")
        elif isinstance(cell.value, (int, float)):
            kinds.add("number")
    assert kinds == {"date", "percent", "number"}
    progress = [r[4] for r in book["Kegiatan"].iter_rows(min_row=2, values_only=True)]
    assert sorted(progress) == sorted(bwi.plan["progress"].astype(float) / 100)  # every activity's own figure
    resolved = list(book["Pengaduan"].iter_rows(min_row=3, max_row=3, values_only=True))[0]
    assert resolved[0] == "Selesai" and resolved[1] == pytest.approx(resolved_share(bwi.complaints) / 100)


def test_excel_stores_formula_like_text_as_text(bwi: Inputs):
    plan = bwi.plan.copy()
    plan.loc[0, "activity"] = INJECTED_FORMULA
    plan.loc[1, "evidence"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    unit = {**bwi.unit, "unit": "-2+3+cmd|' /C calc'!A0"}
    problems = bwi.problems.copy()
    problems.loc[0, "value"] = "+HYPERLINK(\"http://y\")"
    complaints = bwi.complaints.copy()
    open_rows = complaints.index[complaints["status"].isin(["open", "in_progress"])]
    complaints.loc[open_rows[0], "description"] = "\t=1+1"
    book = workbook(bwi.excel(summary_unit=unit, plan_current=plan, problems=problems, complaints=complaints))

    activities = [r[1] for r in book["Kegiatan"].iter_rows(values_only=True)]
    assert "'" + INJECTED_FORMULA in activities
    assert "'-2+3+cmd|' /C calc'!A0" in sheet_values(book["Ringkasan"])
    assert "'+HYPERLINK(\"http://y\")" in sheet_values(book["Baris Ditolak"])
    assert "'\t=1+1" in sheet_values(book["Pengaduan"])
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in sheet_values(book["Kegiatan"])
    checked = 0
    for title, cell in all_cells(book):
        assert cell.data_type != "f", (title, cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            assert not cell.value.startswith(FORMULA_START), (title, cell.coordinate, cell.value)
            checked += 1
    assert checked > 100
    assert not book["Kegiatan"]._hyperlinks


def test_excel_shows_complainants_only_as_initials(bwi: Inputs):
    book = workbook(bwi.excel())
    names = {n for n in bwi.complaints["complainant"].dropna() if len(str(n).strip()) > 2}
    assert names
    text = "\n".join(str(v) for v in sheet_values(book["Pengaduan"]))
    assert not [n for n in names if n in text]
    assert re.search(r"\b[A-Z]\*\*\*", text)


# ---- HTML -----------------------------------------------------------------------------------------

def test_briefing_is_one_safe_page_with_the_verdicts(bwi: Inputs):
    page = bwi.html()
    lowered = page.lower()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    for forbidden in ("<script", "http", "<link", "<iframe", "<img", "@import", "url(", "javascript:"):
        assert forbidden not in lowered, forbidden
    assert not re.search(r"<[^>]*\son\w+\s*=", lowered)  # no event-handler attributes
    assert "@media print" in page and "size: A4" in page and "break-before: page" in page
    assert "#0072B2" in page and "#D55E00" in page
    assert bwi.unit["unit"] in page and fmt.long_date(AS_OF) in page
    for predicate in ("wbk", "wbbm"):
        word = "SIAP DIUSULKAN" if bwi.result.ready(predicate) else "BELUM SIAP"
        failing = sum(not c.passed for c in bwi.result.checks[predicate])
        assert f'<div class="predicate">{predicate.upper()}</div>' in page
        assert f"{failing} dari {len(bwi.result.checks[predicate])} kriteria belum terpenuhi" in page or failing == 0
        assert word in page
    assert "✗" in page
    score = bwi.result.score
    for value in (score.total, score.pengungkit, score.hasil):
        assert fmt.number(value, 2) in page
    assert f"{fmt.number(overview.days_left(bwi.result), 0)} hari" in page
    for action in overview.closing_actions(bwi.result, bwi.regulation, bwi.plan):
        assert _text(action.what) in page
    for check in bwi.result.checks["wbk"]:
        if not check.passed:
            assert _text(check.label) in page
    assert page.count('class="bar"') == 6 and page.count('class="mark wbk"') == 6
    ikm = bwi.result.extras["ikm"]
    assert fmt.number(ikm["index"], 2) in page and f"mutu pelayanan {ikm['grade']}" in page
    assert fmt.number(bwi.unit["surveys"]["ipak"]["index_4"], 2) in page
    resolved = (bwi.complaints["status"] == "resolved").mean() * 100.0
    assert fmt.percent(resolved) in page
    assert "Cara menghitung" in page


def test_briefing_carries_no_personal_data(bwi: Inputs):
    page = bwi.html()
    names = {n for n in bwi.complaints["complainant"].dropna() if len(str(n).strip()) > 2}
    assert names
    assert not [n for n in names if n in page]
    assert not [n for n in bwi.complaints["complainant"].dropna().map(lambda n: str(n).split()[0]) if len(n) > 3 and n in page]
    phones = {re.sub(r"\D", "", str(p)) for p in bwi.complaints["phone"].dropna()} - {""}
    digits = re.sub(r"\D", "", page)
    assert not [p for p in phones if len(p) >= 8 and p in digits]
    pics = {p for p in bwi.plan["pic"].dropna() if len(str(p).strip()) > 3}
    assert pics
    assert not [p for p in pics if p in page]


def test_briefing_escapes_text_from_data(bwi: Inputs):
    plan = bwi.plan.copy()
    plan.loc[0, "activity"] = INJECTED_TAG
    plan.loc[0, "progress"] = 10.0
    plan.loc[0, "target_date"] = date(2020, 1, 31)  # the most overdue: shown in the briefing
    unit = {**bwi.unit, "unit": SCRIPT_UNIT}
    page = bwi.html(summary_unit=unit, plan_current=plan)
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.count("&lt;script&gt;") == 2  # the title bar and the heading


# ---- little or no data ----------------------------------------------------------------------------

def test_both_exports_work_for_a_unit_without_data(tmp_path: Path):
    ws = open_workspace(tmp_path, [])
    try:
        empty = Inputs(ws, "lapas-kosong")
    finally:
        ws.close()
    assert empty.plan.empty and empty.complaints.empty and empty.responses.empty and empty.problems.empty
    book = workbook(empty.excel())
    assert book.sheetnames == SHEETS
    for title in EMPTY_SHEETS:
        assert sheet_values(book[title]) == ["Belum ada data"], title
    summary = sheet_values(book["Ringkasan"])
    assert "lapas-kosong" in summary and has_number(summary, empty.result.score.total)
    assert "✗ Belum siap" in summary
    assert len(list(book["Kriteria WBK"].iter_rows())) == 1 + len(empty.result.checks["wbk"])

    page = empty.html()
    assert "BELUM SIAP" in page and "Belum ada data rencana aksi." in page
    assert "Belum ada data IKM." in page and "Belum ada data pengaduan." in page
    assert "<script" not in page and "http" not in page
    note = "Capaian kinerja belum diisi; dihitung 0 dan pemeriksaannya belum lulus."
    assert note in empty.result.score.notes and note in page and note in summary


def test_both_exports_work_for_a_unit_with_only_an_action_plan(tmp_path: Path):
    plan_file = next((SAMPLES / "Lapas Perempuan Malang").glob("Rencana*"))
    ws = open_workspace(tmp_path, [plan_file])
    try:
        [key] = ws.dataset(LAPTOP_USER).unit_keys
        only_plan = Inputs(ws, key)
    finally:
        ws.close()
    assert len(only_plan.plan) and only_plan.complaints.empty and only_plan.responses.empty
    book = workbook(only_plan.excel())
    assert sheet_values(book["Survei"]) == ["Belum ada data"]
    assert sheet_values(book["Pengaduan"]) == ["Belum ada data"]
    assert len(list(book["Kegiatan"].iter_rows())) == 1 + len(only_plan.plan)
    page = only_plan.html()
    assert page.count('class="bar"') == 6 and "Belum ada data pengaduan." in page and "Belum ada data IKM." in page


def test_briefing_and_report_with_one_perception_survey_missing(bwi: Inputs):
    surveys = {**bwi.unit["surveys"], "ipkp": None}
    unit = {**bwi.unit, "surveys": surveys}
    page = bwi.html(summary_unit=unit)
    assert not re.search(r"\bnan\b", page, re.IGNORECASE)
    row = re.search(r"<tr><td>SPKP/IPKP</td>.*?</tr>", page)
    assert row and "belum ada data" in row.group(0) and "✗" in row.group(0)
    book = workbook(bwi.excel(summary_unit=unit))
    spkp = next(r for r in book["Survei"].iter_rows(values_only=True) if r[0] == "SPKP/IPKP")
    assert spkp[1] == 0 and spkp[2] is None and spkp[7] == "✗ Belum"  # no index: an empty cell, never a 0


def _text(value: str) -> str:
    import html

    return html.escape(value, quote=True)
