"""Sample files whose texts carry markup and formulas: what a careless or hostile hand could type into a cell.

``build(folder)`` copies the Banyuwangi sample (action plan and surveys) and a complaint register, and
rewrites their free-text cells (activity, PIC, note, service, survey question, complaint topic and text,
complainant) with the payloads below, cycling through them. Everything else stays as the sample has it, so
the files still read as the sample does. Cells are written as text (openpyxl data type "s"), never as formulas.
"""

from __future__ import annotations

from itertools import cycle
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data"
# A script that ran would set this flag; the browser test reads it.
FLAG = "__zi_pwned"
HTML_IMG = f'<img src=x onerror="window.{FLAG}=1">'
HTML_SCRIPT = f"<script>window.{FLAG}=1</script>"
HTML_BOLD = "<b>tebal-html</b>"
MD_LINK = f"[tautan-md](javascript:window.{FLAG}=1)"
MD_BOLD = "**tebal-md**"
MARKUP = [HTML_IMG, HTML_SCRIPT, HTML_BOLD, MD_LINK, MD_BOLD]
# Raw forms that must never reach a browser as markup: each would be read as a tag, a link or emphasis.
RAW = ["<img", "<script", "<b>tebal-html", "[tautan-md](", "**tebal-md**"]
FORMULAS = ['=HYPERLINK("http://contoh.invalid","klik")', "+1+1", "-1+1", "@SUM(1,1)", "\t=1+1", "\r=1+1"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = [f"Kegiatan {p}" for p in MARKUP] + FORMULAS + MARKUP
PLAN_SHEET = "<i>Renaksi"  # a legal sheet name with markup in it
NAME_MARKUP = "_miring_ [tautan](x)"
PLAN_NAME = f"Renaksi {NAME_MARKUP} Lapas Kelas IIA Banyuwangi 2026.xlsx"


def _set_text(cell: openpyxl.cell.cell.Cell, text: str) -> None:
    cell.value = text
    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula


def _header_row(sheet, first_header: str) -> int:
    for row in sheet.iter_rows(min_row=1, max_row=20):
        if row[0].value is not None and str(row[0].value).strip() == first_header:
            return row[0].row
    raise AssertionError(f"no header {first_header!r} in {sheet.title}")


def _action_plan(folder: Path) -> Path:
    source = SAMPLES / "Lapas Banyuwangi" / "Rencana Aksi ZI Lapas Kelas IIA Banyuwangi 2026.xlsx"
    book = openpyxl.load_workbook(source)
    sheet = book.worksheets[0]
    sheet.title = PLAN_SHEET
    texts = cycle(PAYLOADS)
    start = _header_row(sheet, "No") + 3  # header, its second line and the (1)…(8) numbering
    for row in sheet.iter_rows(min_row=start):
        activity, pic, progress, note = row[1], row[2], row[5], row[7]
        if progress.value is None or activity.value is None:
            continue  # an area heading or the signature block
        _set_text(activity, next(texts))
        _set_text(pic, next(texts))
        _set_text(note, next(texts))
    path = folder / PLAN_NAME
    book.save(path)
    return path


def _surveys(folder: Path) -> Path:
    book = openpyxl.load_workbook(SAMPLES / "Lapas Banyuwangi" / "Survei IKM SPAK SPKP 2026.xlsx")
    texts = cycle(PAYLOADS)
    ikm = book["IKM"]
    columns = {str(c.value).split()[0]: c.column for c in ikm[1]}
    question = ikm.cell(row=1, column=columns["Saran"] - 1)
    _set_text(question, f"{question.value} {HTML_BOLD} {MD_BOLD}")
    for row in ikm.iter_rows(min_row=2):
        for column in (columns["Jenis"], columns["Saran"]):
            if row[column - 1].value:
                _set_text(row[column - 1], next(texts))
    path = folder / "Survei IKM SPAK SPKP 2026.xlsx"
    book.save(path)
    return path


def _complaints(folder: Path) -> Path:
    book = openpyxl.load_workbook(SAMPLES / "Lapas Perempuan Malang" / "Pengaduan Lapas Perempuan Malang 2025-2026.xlsx")
    sheet = book["Pengaduan"]
    columns = {c.value: c.column for c in sheet[1]}
    texts = cycle(PAYLOADS)
    for row in sheet.iter_rows(min_row=2):
        for name in ("Pelapor", "Topik", "Isi Pengaduan"):
            _set_text(row[columns[name] - 1], next(texts))
    path = folder / "Register Pengaduan 2025-2026.xlsx"  # the unit comes from the folder
    book.save(path)
    return path


def build(folder: Path) -> Path:
    """The hostile files under `folder`/Lapas Banyuwangi (the survey takes its unit from that folder name)."""
    unit = folder / "Lapas Banyuwangi"
    unit.mkdir(parents=True, exist_ok=True)
    _action_plan(unit)
    _surveys(unit)
    _complaints(unit)
    return unit


def raw_markup(text: str) -> list[str]:
    """The payloads that appear in `text` unescaped, i.e. as a browser or Markdown renderer would read them."""
    return [raw for raw in RAW if raw in text]


def raw_html(text: str) -> list[str]:
    """As `raw_markup`, for a renderer of HTML only (plotly: Markdown there is plain text)."""
    return [raw for raw in RAW if raw in text and raw.startswith("<")]
