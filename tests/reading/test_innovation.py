"""Lists of innovations in the shapes units keep them: each read with its unit, area, launch and status, and
what cannot be read left blank with a warning, never guessed."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from conftest import write_csv, write_xlsx
from zi_analytics.ingest import ingest_file
from zi_analytics.kinds.innovation.parse import launch

AS_OF = date(2026, 11, 23)


def read(path, **kwargs):
    result = ingest_file(path, today=AS_OF, **kwargs)
    assert result.errors == [], result.errors
    return result, result.frame("innovations")


def test_a_titled_list_names_its_unit_and_reads_areas_launches_and_statuses(tmp_path):
    rows = [["DAFTAR INOVASI PELAYANAN"], ["LAPAS KELAS IIA BANYUWANGI"], [],
            ["No", "Nama Inovasi", "Area Perubahan", "Tahun Peluncuran", "Status", "Deskripsi Singkat", "Link Bukti", "Inovator"],
            [1, "Kunjungan online (VICON)", "Peningkatan Kualitas Pelayanan Publik", 2021, "Berjalan", "Video call", "https://x.id/a", "Kasi Binadik"],
            [2, "Pojok pengaduan", "Pengawasan", "Maret 2023", "sudah berjalan", "", "", ""],
            [3, "e-Remisi", "Tata Laksana", datetime(2024, 5, 2), "uji coba", "", "", ""],
            [4, "Bank sampah WBP", "Manajemen Perubahan", "", "tidak aktif lagi", "", "", ""]]
    result, frame = read(write_xlsx(tmp_path / "inovasi.xlsx", {"Inovasi": rows}))
    assert result.kind == "innovation" and result.units == ["lapas-banyuwangi"] and result.rejected_rows == 0
    assert list(frame["area"]) == ["pelayanan_publik", "penguatan_pengawasan", "penataan_tatalaksana", "manajemen_perubahan"]
    assert list(frame["launched_year"].fillna(0)) == [2021, 2023, 2024, 0]
    assert list(frame["launched"]) == [None, date(2023, 3, 31), date(2024, 5, 2), None]
    assert list(frame["status"]) == ["berjalan", "berjalan", "uji_coba", "dihentikan"]
    assert list(frame["evidence"]) == ["https://x.id/a", "", "", ""]


def test_statuses_under_a_generic_header_are_read_as_statuses_even_in_words_the_vocabulary_lacks(tmp_path):
    """'Keterangan' is a description's header, but its cells read as statuses, so the content wins; 'masih jalan'
    shares its root with 'berjalan' and 'tidak jalan' with 'tidak berjalan', a negation."""
    rows = [["REKAP INOVASI LAPAS KELAS IIB TUBAN"], ["No", "Nama Inovasi", "Area", "Tahun", "Keterangan"],
            [1, "Sidik jari kunjungan", "Pelayanan Publik", 2024, "masih jalan"],
            [2, "WBS online", "Penguatan Pengawasan", 2023, "sedang diujicobakan"],
            [3, "Pojok baca", "Manajemen Perubahan", 2025, "tidak jalan lagi"]]
    result, frame = read(write_xlsx(tmp_path / "rekap.xlsx", {"Inovasi": rows}))
    assert result.sheets[0].mapping["Keterangan"] == "status"
    assert list(frame["status"]) == ["berjalan", "uji_coba", "dihentikan"]


def test_a_kanwil_list_gives_each_row_its_own_unit(tmp_path):
    rows = [["REKAP INOVASI UPT PEMASYARAKATAN KANWIL JAWA TIMUR"], [],
            ["No", "Satuan Kerja", "Inovasi", "Area", "Tahun", "Keterangan Status"],
            [1, "Lapas Kelas I Malang", "Sidang online", "Penataan Tatalaksana", 2020, "Berjalan"],
            [2, "LAPAS PEREMPUAN MALANG", "Salon kepribadian", "Pelayanan Publik", 2022, "Berjalan"],
            [3, "Rutan Kelas I Surabaya", "Antrean daring", "Pelayanan Publik", 2025, "Ujicoba"]]
    result, frame = read(write_xlsx(tmp_path / "rekap.xlsx", {"Rekap Inovasi": rows}))
    assert result.kind == "innovation"
    assert list(frame["unit_key"]) == ["lapas-malang", "lapas-perempuan-malang", "rutan-surabaya"]
    assert list(frame["status"]) == ["berjalan", "berjalan", "uji_coba"]


def test_area_heading_rows_give_the_area_when_there_is_no_area_column(tmp_path):
    rows = [["INOVASI RUTAN KELAS IIB TRENGGALEK"], [],
            ["No", "Nama Inovasi", "Status", "Tautan"],
            ["I", "MANAJEMEN PERUBAHAN"],
            [1, "Apel integritas", "Berjalan", "https://a"],
            ["VI", "PENINGKATAN KUALITAS PELAYANAN PUBLIK"],
            [2, "Layanan titip barang daring", "Ide", ""],
            [3, "Ruang tunggu ramah anak", "Berjalan", ""]]
    result, frame = read(write_xlsx(tmp_path / "inovasi.xlsx", {"Sheet1": rows}))
    assert result.kind == "innovation" and result.units == ["rutan-trenggalek"]
    assert list(frame["name"]) == ["Apel integritas", "Layanan titip barang daring", "Ruang tunggu ramah anak"]
    assert list(frame["area"]) == ["manajemen_perubahan", "pelayanan_publik", "pelayanan_publik"]


def test_a_semicolon_csv_named_after_its_unit(tmp_path):
    rows = [["Nama Inovasi", "Area ZI", "Launching", "Status Inovasi", "Deskripsi"],
            ["SIPEKA (informasi perkara)", "Penataan Tatalaksana", "01/08/2023", "Berjalan", "Cek status perkara"],
            ["Klinik pratama", "Pelayanan Publik", "2019", "dihentikan", "Pindah ke puskesmas"]]
    path = write_csv(tmp_path / "Inovasi LPKA Blitar.csv", rows, delimiter=";")
    result, frame = read(path)
    assert result.kind == "innovation" and result.units == ["lpka-blitar"]
    assert list(frame["launched"]) == [date(2023, 8, 1), None] and list(frame["status"]) == ["berjalan", "dihentikan"]


def test_what_cannot_be_read_is_left_blank_with_a_warning_and_a_row_without_a_name_is_rejected(tmp_path):
    rows = [["INOVASI LAPAS KELAS IIB JOMBANG"], [],
            ["No", "Nama Inovasi", "Area Perubahan", "Tanggal Peluncuran", "Status"],
            [1, "Ide baru", "Area aneh", "kapan-kapan", "entah"],
            [2, "", "Manajemen Perubahan", 2025, "ide"],
            [3, "Absensi wajah", "SDM", 2024, "berjalan"]]
    result, frame = read(write_xlsx(tmp_path / "inovasi.xlsx", {"Inovasi": rows}))
    assert result.kind == "innovation" and len(frame) == 2 and result.rejected_rows == 1
    first = frame.iloc[0]
    assert pd.isna(first["area"]) and pd.isna(first["launched"]) and pd.isna(first["status"])  # blank, not a guess
    reasons = " ".join(result.problems["reason"])
    assert "Area perubahan 'Area aneh' tidak dikenali" in reasons and "'kapan-kapan' tidak dapat dibaca" in reasons
    assert "Status 'entah' tidak dikenali" in reasons and "Nama inovasi kosong." in reasons
    rejected = result.problems.loc[result.problems["rejected"]]
    assert list(rejected["row"]) == [5] and list(rejected["column"]) == ["B (Nama Inovasi)"]


@pytest.mark.parametrize(("cell", "want"), [
    (2024, (None, 2024)), ("2024", (None, 2024)), ("Tahun 2022", (None, 2022)), (datetime(2024, 5, 2), (date(2024, 5, 2), 2024)),
    ("12/03/2024", (date(2024, 3, 12), 2024)), ("Maret 2024", (date(2024, 3, 31), 2024)), ("kapan-kapan", (None, None)),
    (45000, (date(2023, 3, 15), 2023)),  # an Excel day number, not a year
])
def test_a_launch_cell_gives_a_day_and_a_year_or_only_a_year(cell, want):
    assert launch(cell) == want


def test_an_action_plan_is_not_read_as_innovations(tmp_path):
    rows = [["RENCANA AKSI ZI LAPAS KELAS IIA BANYUWANGI"], ["Posisi 31 Oktober 2026"], [],
            ["No", "Kegiatan", "Area Perubahan", "PIC", "Target", "Progres", "Keterangan"],
            [1, "Inovasi layanan kunjungan online", "Pelayanan Publik", "Kasi Binadik", "Juni 2026", "100%", "Berjalan"],
            [2, "Penyusunan SOP", "Penataan Tatalaksana", "Kasubag TU", "TW III", "50%", ""]]
    result = ingest_file(write_xlsx(tmp_path / "ra.xlsx", {"RA": rows}), today=AS_OF)
    assert result.kind == "action_plan" and result.frame("innovations").empty


def test_the_app_form_writes_a_list_the_reader_reads_back_unchanged(tmp_path):
    """Area page's form: the current list to the editor, the edited rows to the template, and the reader gives the
    same innovations back (areas, statuses, a day or only a year)."""
    from zi_analytics.report.templates import filled_workbook
    from zi_analytics.views.innovations import editor_rows, form_rows

    rows = [["INOVASI LAPAS KELAS IIA BANYUWANGI"], [],
            ["No", "Nama Inovasi", "Area Perubahan", "Tanggal Peluncuran", "Status", "Deskripsi", "Link", "PIC"],
            [1, "Kunjungan online", "Pelayanan Publik", datetime(2024, 3, 12), "Berjalan", "Video call", "https://a.id", "Kasi Binadik"],
            [2, "Pojok gratifikasi", "Pengawasan", 2023, "uji coba", "", "", ""],
            [3, "Absensi wajah", "SDM", "", "ide", "", "", ""]]
    _, first = read(write_xlsx(tmp_path / "inovasi.xlsx", {"Inovasi": rows}))
    edited = editor_rows(first).to_dict("records") + [{"name": None, "area": None}]  # the editor's empty new row
    data = filled_workbook("innovation", ["DAFTAR INOVASI ZONA INTEGRITAS", "LAPAS KELAS IIA BANYUWANGI"], form_rows(edited))
    result, again = read(data, name="Daftar Inovasi (diisi di aplikasi).xlsx")
    assert result.units == ["lapas-banyuwangi"] and result.rejected_rows == 0 and result.problems.empty
    for column in ("name", "area", "status", "launched", "description", "evidence", "pic"):
        assert list(again[column]) == list(first[column]), column
    assert list(again["launched_year"].fillna(0)) == list(first["launched_year"].fillna(0))


def test_an_area_code_that_could_be_two_areas_is_left_blank_with_a_warning(tmp_path):
    """'PP' is Penguatan Pengawasan in one recap and Pelayanan Publik in the next: never guessed."""
    rows = [["DAFTAR INOVASI LAPAS KELAS IIB TUBAN"], ["No", "Nama Inovasi", "Area", "Status"],
            [1, "WBS online", "PP", "berjalan"], [2, "Pojok baca", "Manajemen Perubahan", "berjalan"],
            [3, "Video call", "Pelayanan Publik", "berjalan"]]
    result, frame = read(write_xlsx(tmp_path / "inovasi.xlsx", {"Inovasi": rows}))
    assert [a if isinstance(a, str) else None for a in frame["area"]] == [None, "manajemen_perubahan", "pelayanan_publik"]
    assert any("'PP'" in warning for warning in result.warnings)
