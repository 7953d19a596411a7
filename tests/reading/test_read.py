"""Reading containers and encodings; recap and instruction sheets recognised and skipped."""

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zi_analytics import detect
from zi_analytics.ingest import ingest_file
from zi_analytics.normalize.text import fold_any
from zi_analytics.read import RawSheet, decode_text, read_workbook, sniff_delimiter

from conftest import write_csv

AS_OF = date(2026, 11, 23)
PLAN = [["LAPAS KELAS IIA BANYUWANGI"], ["Kegiatan", "Area Perubahan", "PIC", "Progres"],
        ["SK Tim", "Manajemen Perubahan", "KPLP", "100%"], ["SOP", "Penataan Tatalaksana", "Kasi", "50%"]]


def test_encodings():
    assert decode_text("Dewi’s".encode("utf-8")) == "Dewi’s"
    assert decode_text(b"\xef\xbb\xbfNo;Nama") == "No;Nama"
    assert decode_text("José’s".encode("cp1252")) == "José’s"
    assert decode_text("Nama".encode("utf-16")) == "Nama"


def test_delimiters():
    assert sniff_delimiter("No;Nama;Progres\n1;A;50,5\n") == ";"
    assert sniff_delimiter("No,Nama,Progres\n1,A,\"50,5\"\n") == ","
    assert sniff_delimiter("No\tNama\tProgres\n1\tA\t50\n") == "\t"


@pytest.mark.parametrize("engine, suffix", [("odf", ".ods"), ("xlwt", ".xls")])
def test_ods_and_xls_read_through_calamine(tmp_path, engine, suffix):
    if engine == "xlwt":
        xlwt = pytest.importorskip("xlwt")
        book = xlwt.Workbook()
        sheet = book.add_sheet("RA")
        for r, row in enumerate(PLAN):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
        path = tmp_path / f"ra{suffix}"
        book.save(str(path))
    else:
        path = tmp_path / f"ra{suffix}"
        frame = pd.DataFrame(PLAN[1:])
        with pd.ExcelWriter(path, engine="odf") as writer:
            frame.to_excel(writer, sheet_name="RA", header=False, index=False, startrow=0)
        path = tmp_path / f"rencana aksi lapas banyuwangi{suffix}"
        (tmp_path / f"ra{suffix}").rename(path)
    result = ingest_file(path, today=AS_OF)
    assert result.errors == [] and result.fmt == suffix[1:]
    assert result.frame("action_plan")["progress"].tolist() == [100, 50]


def test_recap_pivot_and_instruction_sheets_are_skipped_with_a_note(xlsx):
    recap = [["Label Baris", "Jumlah dari Progres"], ["Manajemen Perubahan", 1.5], ["Total Keseluruhan", 1.5]]
    help_sheet = [["Petunjuk pengisian"], ["Isi kolom progres dengan persen"]]
    path = xlsx("ra.xlsx", {"Data": PLAN, "Rekap": recap, "Petunjuk": help_sheet})
    result = ingest_file(path, today=AS_OF)
    assert [(s.name, s.kind) for s in result.sheets] == [("Data", "action_plan"), ("Rekap", "recap"), ("Petunjuk", "instructions")]
    assert any("Rekap" in w and "rekap" in w for w in result.warnings)
    assert result.rows == 2 and result.kind == "action_plan"


@settings(max_examples=300, deadline=None, database=None)
@given(st.one_of(
    st.sampled_from(sorted(detect._PIVOT_MARKERS)).flatmap(
        lambda m: st.tuples(st.just(m), st.sampled_from([str.upper, str.title, str.lower]), st.sampled_from(["", " ", ":", "  -"])).map(
            lambda t: t[2] + t[1](t[0]).replace(" ", t[2] or " ") + t[2])),
    st.text(max_size=30),
))
def test_pivot_marker_prefilter_never_hides_a_marker(text):
    """`detect._may_be_marker` skips folding ASCII cells without a marker's first word; it may only skip
    cells that would not fold to a marker."""
    assert detect._may_be_marker(text) or fold_any(text) not in detect._PIVOT_MARKERS


_CELL = st.one_of(st.sampled_from(sorted(detect._PIVOT_MARKERS) + ["Grand Total:", "Label Baris", "Jumlah dari Progres", "Kegiatan"]),
                  st.text(max_size=12), st.sampled_from(["Ré", "Σ total", None, 3.5, 7]))


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.lists(_CELL, max_size=8), max_size=45))
def test_pivot_markers_are_looked_for_in_all_cells_at_once_as_in_each(rows):
    """`detect._has_pivot_markers` first looks at the top cells' texts joined: when they are ASCII and hold
    no marker's first word, no cell can be a marker. It must answer as a look at each cell does."""
    sheet = RawSheet("Lembar", [list(row) for row in rows])
    each = any(isinstance(v, str) and detect._may_be_marker(v) and fold_any(v) in detect._PIVOT_MARKERS
               for row in sheet.rows[:40] for v in row[:6])
    assert detect._has_pivot_markers(sheet) == each


@pytest.mark.parametrize(("row", "col", "found"), [(39, 5, True), (40, 0, False), (0, 6, False), (20, 2, True)])
def test_a_pivot_marker_is_found_anywhere_in_the_top_cells_and_only_there(row, col, found):
    filler = [["Kegiatan", "Keterangan", "Progres", "PIC", "Target", "Bukti", "Grand Total"] for _ in range(45)]
    filler[row][col] = "Grand Total"
    assert detect._has_pivot_markers(RawSheet("Lembar", filler)) is found


def test_hidden_sheet_is_still_read(xlsx):
    result = ingest_file(xlsx("ra.xlsx", {"Tampil": [["Catatan"]], "Data": PLAN}, hidden={"Data"}), today=AS_OF)
    data = next(s for s in result.sheets if s.name == "Data")
    assert data.hidden and data.rows == 2


def test_text_renamed_to_xlsx_is_read_as_csv_with_a_note(tmp_path):
    path = write_csv(tmp_path / "ra lapas banyuwangi.xlsx", PLAN[1:], delimiter=";")
    result = ingest_file(path, today=AS_OF)
    assert result.rows == 2
    assert any("dibaca sebagai CSV" in w for w in result.warnings)


def test_bytes_and_file_give_the_same_result(xlsx):
    path = xlsx("ra.xlsx", {"RA": PLAN})
    from_bytes = ingest_file(path.read_bytes(), name="ra.xlsx", today=AS_OF)
    assert from_bytes.frame("action_plan")["progress"].tolist() == [100, 50]
    assert from_bytes.sha256 == ingest_file(path, today=AS_OF).sha256


def test_workbook_object_keeps_absolute_rows(xlsx):
    path = xlsx("ra.xlsx", {"RA": [[], [], ["", "", "x"]]})
    workbook = read_workbook(path.read_bytes(), "ra.xlsx")
    assert workbook.sheets[0].rows[2][2] == "x"
