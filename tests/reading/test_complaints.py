"""Complaint registers: mixed date shapes, channel and status vocabularies, days to resolve."""

from datetime import date, datetime

import pytest

from zi_analytics.ingest import ingest_file
from zi_analytics.metrics import complaints_summary

from conftest import write_csv

AS_OF = date(2026, 11, 23)


def test_xlsx_register_with_title_total_row_and_signature(xlsx):
    rows = [
        ["REGISTER PENGADUAN MASYARAKAT"], ["LAPAS KELAS I MALANG"], ["TAHUN 2025-2026"], [],
        ["No", "Tgl. Masuk", "Nama Pelapor", "No. HP", "Saluran", "Kategori", "Uraian Pengaduan", "Tindak Lanjut", "Status", "Tanggal Selesai"],
        [1, datetime(2025, 11, 3), "Ani", "0812", "Lapor!", "Layanan kunjungan", "Antrian lama", "Dijawab", "Sudah ditindaklanjuti", datetime(2025, 11, 6)],
        [2, "15 Oktober 2025", "Budi", "0813", "WA", "Dugaan pungli", "Diminta uang", "", "Belum ditindaklanjuti", ""],
        [3, "03/12/2025", "Citra", "", "kotak saran", "Remisi", "Remisi", "Dijawab", "Selesai", "13/12/2025"],
        [4, "2026-01-15", "Dedi", "", "Instagram", "Fasilitas", "Air", "", "Proses", ""],
        [5, "2026-02-01", "Eka", "", "Datang langsung", "Kesehatan", "Obat", "", "Sudah ditindaklanjuti", "2026-02-02"],
        [6, "32/13/2025", "Fajar", "", "Telepon", "Lainnya", "?", "", "Selesai", ""],
        ["", "JUMLAH", "", "", "", "", "", "", "", ""],
        [], ["", "", "", "", "", "", "", "", "Malang, 31 Oktober 2026"], ["", "", "", "", "", "", "", "", "Kepala Lapas Kelas I Malang"],
        [], ["", "", "", "", "", "", "", "", "NIP. 19700101 199003 1 001"],
    ]
    result = ingest_file(xlsx("register.xlsx", {"Register": rows}), today=AS_OF)
    frame = result.frame("complaints")
    assert result.rows == 5 and result.rejected_rows == 1
    assert "32/13/2025" in result.problems.iloc[0]["reason"] and result.problems.iloc[0]["row"] == 11
    assert list(frame["status"]) == ["resolved", "open", "resolved", "in_progress", "resolved"]
    assert list(frame["channel"]) == ["sp4n_lapor", "whatsapp", "kotak_pengaduan", "media_sosial", "langsung"]
    summary = complaints_summary(frame, AS_OF)
    assert summary["total"] == 5 and summary["resolved"] == 3
    assert summary["resolved_pct"] == pytest.approx(60.0)
    assert summary["median_days_to_resolve"] == 3.0  # 3, 10, 1 days
    assert summary["per_month"] == {"2025-10": 1, "2025-11": 1, "2025-12": 1, "2026-01": 1, "2026-02": 1}
    assert complaints_summary(frame, date(2025, 12, 31))["total"] == 3


def test_semicolon_cp1252_csv_with_decimal_comma_days(tmp_path):
    rows = [["REGISTER PENGADUAN LAPAS KELAS IIA BANYUWANGI"], [],
            ["No", "Tanggal Pengaduan", "Nama Pelapor", "Media Pengaduan", "Jenis Pengaduan", "Status", "Lama Penyelesaian (hari)"],
            ["1", "03/11/2025", "José", "SP4N-LAPOR!", "Kunjungan", "Sudah ditindaklanjuti", "2,5"],
            ["2", "04/11/2025", "Dewi’s", "E-mail", "Remisi", "Sudah ditindaklanjuti", "4"],
            ["3", "-", "X", "Website", "Remisi", "Belum ditindaklanjuti", ""]]
    path = write_csv(tmp_path / "pengaduan.csv", rows, delimiter=";", encoding="cp1252")
    result = ingest_file(path, today=AS_OF)
    frame = result.frame("complaints")
    assert frame["complainant"].tolist() == ["José", "Dewi’s"]
    summary = complaints_summary(frame, AS_OF)
    assert summary["median_days_to_resolve"] == pytest.approx(3.25)
    assert summary["per_channel"] == {"sp4n_lapor": 1, "email": 1}
    assert result.rejected_rows == 1


def test_blank_status_uses_completion_date(xlsx):
    rows = [["LAPAS KELAS I MALANG"], ["Tanggal", "Media", "Uraian", "Status", "Tanggal Selesai"],
            [datetime(2026, 1, 1), "WA", "a", "", datetime(2026, 1, 3)], [datetime(2026, 1, 2), "WA", "b", "", ""]]
    frame = ingest_file(xlsx("r.xlsx", {"R": rows}), today=AS_OF).frame("complaints")
    assert frame["status"].tolist() == ["resolved", "open"]


def test_of_two_titles_naming_the_status_the_column_whose_cells_are_statuses_wins(xlsx):
    """'Penanganan' over 'Keterangan' (follow-up notes, some of which read as a status) and 'Status Penyelesaian':
    both titles name the status, and the cells decide."""
    notes = ["Sudah dijelaskan melalui WA", "Sudah dikonfirmasi kepada pelapor", "Diteruskan ke seksi terkait"]
    statuses = ["Selesai", "Proses", "Selesai"]
    rows = [["REKAPITULASI PENGADUAN MASYARAKAT"], ["LAPAS KELAS I MALANG"], [],
            ["Tanggal Pengaduan", "Pelapor", "Penanganan", "", "Media Pengaduan"],
            ["", "", "Keterangan", "Status Penyelesaian", ""]]
    rows += [[f"{day} Jan 2026", "Anonim", notes[day % 3], statuses[day % 3], "WA"] for day in range(1, 10)]
    result = ingest_file(xlsx("register.xlsx", {"Sheet1": rows}, merges={"Sheet1": [(3, 2, 3, 3)]}), today=AS_OF)
    sheet = result.sheets[0]
    assert sheet.mapping["Penanganan Status Penyelesaian"] == "status"
    assert complaints_summary(result.frame("complaints"), AS_OF)["resolved"] == 6
    assert not any("tidak dikenali" in w for w in result.warnings)
