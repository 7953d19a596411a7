"""Action-plan sheets in the shapes Pokja ZI really keep them."""

from datetime import date, datetime

import pytest

from zi_analytics.dataset import combine
from zi_analytics.batch import ingest_paths
from zi_analytics.ingest import SheetOverride, ingest_file
from zi_analytics import formatting as fmt
from zi_analytics.metrics import action_plan_summary, current_action_plan
from zi_analytics.normalize.units import UnitRegistry
from zi_analytics.store.split import split_result

AS_OF = date(2026, 11, 23)
TITLE = [["RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS"], ["LAPAS KELAS IIA BANYUWANGI"], ["TAHUN 2026", "", "", "Posisi 31 Oktober 2026"], []]


def heading_rows_sheet():
    header = [["No", "Kegiatan", "PIC", "Waktu Pelaksanaan", "", "Progres (%)", "Data Dukung"],
              ["", "", "", "Target", "Realisasi", "", ""],
              ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"]]
    body = [
        ["I.", "MANAJEMEN PERUBAHAN"],
        [1, "Pembentukan Tim Pokja ZI", "KPLP", datetime(2026, 1, 31), datetime(2026, 1, 20), 1.0, "SK Tim"],
        [2, "Penyusunan rencana kerja ZI", "Kasubag TU", "Maret 2026", "", "75%", ""],
        ["", "Sosialisasi internal"],  # a sub-heading, not an activity
        [3, "Sosialisasi ke pegawai", "Kasi Binadik", "TW II", "", "50 %", ""],
        ["II.", "PENATAAN TATALAKSANA"],
        [4, "Penyusunan SOP layanan", "Kasi Binadik", "TW III", "", "Selesai", ""],
        [5, "Peta proses bisnis", "Kasi Adm", "Triwulan IV", "", "Belum", ""],
        [6, "Keterbukaan informasi publik", "Humas", "Setiap bulan", "", 0.5, ""],
        [7, "SPBE terintegrasi", "Kasi Adm", "Desember 2026", "", "sedang berjalan", ""],
        ["VI.", "PENINGKATAN KUALITAS PELAYANAN PUBLIK"],
        [8, "Survei kepuasan", "Kasi Binadik", "Juni 2026", "", 40, ""],
        [],
        ["JUMLAH", "", "", "", "", ""],
        [],
        ["", "", "", "", "Banyuwangi, 31 Oktober 2026"],
        ["", "", "", "", "Kepala Lapas Kelas IIA Banyuwangi"],
        [], [],
        ["", "", "", "", "BUDI SANTOSO"],
        ["", "", "", "", "NIP. 19750101 199803 1 001"],
    ]
    rows = TITLE + header + body
    merges = [(0, 0, 0, 6), (1, 0, 1, 6), (4, 0, 5, 0), (4, 1, 5, 1), (4, 2, 5, 2), (4, 3, 4, 4), (4, 5, 5, 5), (4, 6, 5, 6)]
    percents = {("RA", 8, 5), ("RA", 15, 5)}
    return rows, merges, percents


def test_heading_rows_title_block_merges_and_signature(xlsx):
    rows, merges, percents = heading_rows_sheet()
    result = ingest_file(xlsx("ra.xlsx", {"RA": rows}, merges={"RA": merges}, percent_cells=percents), today=AS_OF)
    assert result.errors == []
    assert result.kind == "action_plan"
    sheet = result.sheets[0]
    assert sheet.header_row == 6  # two header lines, 5 and 6
    assert sheet.mapping["Waktu Pelaksanaan Target"] == "target"
    assert sheet.mapping["Waktu Pelaksanaan Realisasi"] == "done_date"
    plan = result.frame("action_plan")
    assert list(plan["activity"].str[:12]) == ["Pembentukan ", "Penyusunan r", "Sosialisasi ", "Penyusunan S", "Peta proses ", "Keterbukaan ", "SPBE terinte", "Survei kepua"]
    # "sedang berjalan": under way, share unknown — counted, flagged, and left out of the mean (issue 22)
    assert list(plan["progress"].fillna(-1)) == [100, 75, 50, 100, 0, 50, -1, 40]
    assert list(plan["area"]) == ["manajemen_perubahan"] * 3 + ["penataan_tatalaksana"] * 4 + ["pelayanan_publik"]
    assert set(plan["unit_key"]) == {"lapas-banyuwangi"}
    assert set(plan["snapshot_date"]) == {date(2026, 10, 31)}
    assert list(plan["target_date"]) == [date(2026, 1, 31), date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31), None, plan["target_date"][6], date(2026, 6, 30)]
    assert result.rejected_rows == 0
    flagged = result.problems[~result.problems["rejected"]]
    unknown = flagged[flagged["reason"].str.contains("tidak menyebut persentase")].iloc[0]
    assert (unknown["sheet"], unknown["row"], unknown["column"]) == ("RA", 17, "F (Progres (%))")
    assert "sedang berjalan" in unknown["value"]
    summary = action_plan_summary(plan, AS_OF)
    assert summary["activities"] == 8 and plan["progress"].isna().sum() == 1
    assert summary["completion_pct"] == pytest.approx((100 + 75 + 50 + 100 + 0 + 50 + 40) / 7)
    assert summary["areas"] == pytest.approx({"manajemen_perubahan": 75.0, "penataan_tatalaksana": 50.0, "pelayanan_publik": 40.0})
    assert summary["overdue"] == 3  # Maret (75), TW II (50), Juni (40); Triwulan IV not yet due; unknown progress is not judged
    assert action_plan_summary(plan, date(2026, 5, 1))["overdue"] == 1


def test_area_column_with_name_variants_and_unit_column(xlsx):
    rows = [
        ["Monitoring Rencana Aksi ZI UPT Kanwil Jawa Timur", "", "", "", ""],
        ["Satuan Kerja", "Area Perubahan", "Rencana Aksi", "Penanggung Jawab", "Capaian"],
        ["LAPAS BANYUWANGI", "Penataan Tata Laksana", "SOP", "Kasi", "80%"],
        ["Lapas Kls. IIA Banyuwangi", "Penguatan Akuntabilitas", "Perjanjian kinerja", "Kasubag", 1],
        ["Lapas Kelas I Malang", "Penataan Sistem Manajemen SDM", "Pola mutasi", "Kasubag", 0.25],
        ["Lapas Perempuan Kelas IIA Malang", "Manajemen Perubahan", "Agen perubahan", "Kasi", "Selesai"],
        ["Lapas Perempuan Kelas IIA Malang", "Area tidak jelas", "Agen perubahan", "Kasi", "Selesai"],
    ]
    result = ingest_file(xlsx("monitoring.xlsx", {"Monitoring": rows}), today=AS_OF)
    plan = result.frame("action_plan")
    assert result.units == ["lapas-banyuwangi", "lapas-malang", "lapas-perempuan-malang"]
    assert list(plan["area"]) == ["penataan_tatalaksana", "akuntabilitas_kinerja", "penataan_sdm", "manajemen_perubahan"]
    assert list(plan["progress"]) == [80, 100, 25, 100]
    assert result.rejected_rows == 1
    assert "Area tidak jelas" in result.problems.iloc[0]["reason"]


def test_unit_heading_rows_split_a_kanwil_sheet(xlsx):
    rows = [
        ["No", "Kegiatan", "Area", "PIC", "Progres"],
        ["LAPAS KELAS I MALANG"],
        [1, "SK Tim", "Manajemen Perubahan", "KPLP", "100%"],
        ["RUTAN KELAS I SURABAYA"],
        [1, "SK Tim", "Manajemen Perubahan", "Karutan", "50%"],
        [2, "SOP", "Penataan Tatalaksana", "Kasi", "0%"],
    ]
    result = ingest_file(xlsx("kanwil.xlsx", {"RA": rows}), today=AS_OF)
    plan = result.frame("action_plan")
    assert plan.groupby("unit_key")["progress"].mean().to_dict() == {"lapas-malang": 100.0, "rutan-surabaya": 25.0}


def test_latest_snapshot_wins_and_as_of_goes_back(xlsx, tmp_path):
    def snapshot(name, position, progress):
        rows = [["LAPAS KELAS I MALANG"], [f"Posisi {position}"], ["Kegiatan", "Area", "PIC", "Progres"],
                ["SK Tim", "Manajemen Perubahan", "KPLP", progress], ["SOP", "Penataan Tatalaksana", "Kasi", progress]]
        xlsx(name, {"RA": rows})
    snapshot("juni.xlsx", "30 Juni 2026", "20%")
    snapshot("september.xlsx", "30 September 2026", "60%")
    results, registry = ingest_paths([tmp_path], today=AS_OF)
    frame = combine(results, registry).frame("action_plan")
    assert action_plan_summary(current_action_plan(frame, AS_OF), AS_OF)["completion_pct"] == 60
    assert action_plan_summary(current_action_plan(frame, date(2026, 7, 1)), date(2026, 7, 1))["completion_pct"] == 20


def test_a_plan_dated_only_by_its_year_has_that_year_as_its_period(xlsx, tmp_path):
    """Issue 22 item 2: 'TAHUN 2025' without a snapshot date is the period, never the upload day; of two such
    plans the later year is the current one."""
    def plan(name, title, progress):
        rows = [["RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS"], ["LAPAS KELAS I MALANG"], [title], [],
                ["Kegiatan", "Area", "PIC", "Progres"],
                ["SK Tim", "Manajemen Perubahan", "KPLP", progress], ["SOP", "Penataan Tatalaksana", "Kasi", progress]]
        return xlsx(name, {"RA": rows})
    old = ingest_file(plan("ra_lama.xlsx", "TAHUN 2025", "20%"), today=AS_OF)
    new = ingest_file(plan("ra_baru.xlsx", "TAHUN ANGGARAN 2026", "60%"), today=AS_OF)
    parts = split_result(old)
    assert [(p.period_start, p.period_end) for p in parts] == [(date(2025, 1, 1), date(2025, 12, 31))]
    assert fmt.period(parts[0].period_start, parts[0].period_end) == "tahun 2025"
    assert old.frame("action_plan")["snapshot_date"].isna().all()  # the day is unknown, not the upload day
    frame = combine([old, new], UnitRegistry()).frame("action_plan")
    assert action_plan_summary(current_action_plan(frame, AS_OF), AS_OF)["completion_pct"] == 60
    # a plan whose file states no year at all keeps no period (and its targets fall in the current year)
    undated = ingest_file(plan("ra.xlsx", "", "50%"), today=AS_OF)
    assert [(p.period_start, p.period_end) for p in split_result(undated)] == [(None, None)]
    # the year in the file name when the title has none
    named = ingest_file(plan("Rencana Aksi ZI 2025 (final).xlsx", "", "50%"), today=AS_OF)
    assert [(p.period_start, p.period_end) for p in split_result(named)] == [(date(2025, 1, 1), date(2025, 12, 31))]


def test_unit_from_file_name_and_blank_progress_counts_as_zero(xlsx):
    rows = [["Kegiatan", "Area Perubahan", "PIC", "Target", "Progres"],
            ["SK Tim", "Manajemen Perubahan", "KPLP", "Januari 2026", ""],
            ["SOP", "Penataan Tatalaksana", "Kasi", "Juni 2026", "100"]]
    result = ingest_file(xlsx("rencana_aksi_lapas_kelas_iia_banyuwangi.xlsx", {"Sheet1": rows}), today=AS_OF)
    plan = result.frame("action_plan")
    assert set(plan["unit_key"]) == {"lapas-banyuwangi"}
    assert list(plan["progress"]) == [0, 100]
    assert any("nama file" in w for w in result.warnings)
    assert any("dianggap 0%" in w for w in result.warnings)


def test_no_unit_anywhere_rejects_rows_with_reason(xlsx):
    rows = [["Kegiatan", "Area Perubahan", "PIC", "Progres"], ["SK Tim", "Manajemen Perubahan", "KPLP", "50%"]]
    result = ingest_file(xlsx("ra.xlsx", {"Sheet1": rows}), today=AS_OF)
    assert result.rows == 0 and result.rejected_rows == 1
    assert "satuan kerja" in result.problems.iloc[0]["reason"].lower()


def test_user_mapping_override_is_applied(xlsx):
    rows = [["LAPAS KELAS I MALANG"], ["Kegiatan", "Area Perubahan", "Nilai X", "Progres"],
            ["SK Tim", "Manajemen Perubahan", "90%", "10%"]]
    path = xlsx("ra.xlsx", {"RA": rows})
    assert ingest_file(path, today=AS_OF).frame("action_plan")["progress"].tolist() == [10]
    override = {"RA": SheetOverride(mapping={"Nilai X": "progress", "Progres": "ignore"})}
    assert ingest_file(path, today=AS_OF, overrides=override).frame("action_plan")["progress"].tolist() == [90]
