"""Layouts nobody on this team designed (issue 22's cases), with the figures worked out by hand."""

from __future__ import annotations

import statistics
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import write_csv, write_xlsx

from zi_analytics.cli import main
from zi_analytics.dataset import combine
from zi_analytics.batch import ingest_paths
from zi_analytics.summary import ReadinessOptions, build_summary

AS_OF = date(2026, 7, 15)
AREAS = ["I  MANAJEMEN PERUBAHAN", "II  PENATAAN TATALAKSANA", "III  PENATAAN SISTEM MANAJEMEN SDM",
         "IV  PENGUATAN AKUNTABILITAS", "V  PENGUATAN PENGAWASAN", "VI  PENINGKATAN KUALITAS PELAYANAN PUBLIK"]
KEYS = ["manajemen_perubahan", "penataan_tatalaksana", "penataan_sdm", "akuntabilitas_kinerja", "penguatan_pengawasan",
        "pelayanan_publik"]
PROGRESS = [[100, 80, "proses"], [50, 100], [0, 25, 100], [75, 75], [100, "sedang berjalan"], [60, 40, 20]]


def _units(paths: list[Path], unit_default: str | None = None) -> dict[str, dict]:
    results, registry = ingest_paths(paths, today=AS_OF, unit_default=unit_default, workers=1)
    report = build_summary(combine(results, registry), AS_OF, None, ReadinessOptions())
    return {u["key"]: u for u in report["units"]} | {"_files": report["files"]}


def plain_plan(folder: Path, title: bool = True) -> Path:
    rows: list[list] = []
    if title:
        rows += [["RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS"], ["LAPAS KELAS IIB TABANAN TAHUN 2026"], ["Posisi 30 Juni 2026"], []]
    rows.append(["NO", "AREA PERUBAHAN / KEGIATAN", "OUTPUT", "PENANGGUNG JAWAB", "TARGET WAKTU", "REALISASI (%)", "KETERANGAN"])
    for area, values in zip(AREAS, PROGRESS):
        rows.append(["", area])
        for i, value in enumerate(values, 1):
            rows.append([i, f"Kegiatan {area.split()[-1].lower()} {i}", "Dokumen", "Kasubag TU", "Juni 2026", value, ""])
    return write_xlsx(folder / "Rencana Aksi Lapas Tabanan (revisi).xlsx", {"RA 2026": rows})


def test_plain_plan_with_combined_area_activity_column(tmp_path):
    unit = _units([plain_plan(tmp_path)])["lapas-tabanan"]
    plan = unit["action_plan"]
    known = [[v for v in values if isinstance(v, int)] for values in PROGRESS]
    assert plan["activities"] == 15
    assert any("2 kegiatan dengan progres tanpa persentase" in w for w in _units([plain_plan(tmp_path)])["_files"][0]["warnings"])
    assert plan["completion_pct"] == pytest.approx(statistics.fmean(v for values in known for v in values))
    assert plan["areas"] == pytest.approx({k: statistics.fmean(v) for k, v in zip(KEYS, known)})
    assert plan["overdue"] == sum(v < 100 for values in known for v in values)  # June passed; "proses" is not judged


def test_file_name_noise_is_not_part_of_the_unit(tmp_path):
    units = _units([plain_plan(tmp_path, title=False)])
    assert [k for k in units if not k.startswith("_")] == ["lapas-tabanan"]
    assert units["lapas-tabanan"]["unit"] == "Lapas Tabanan"


def ikm_recap(folder: Path, with_date: bool) -> tuple[Path, dict[str, float]]:
    names = ["Persyaratan", "Prosedur", "Waktu Pelayanan", "Biaya/Tarif", "Produk Layanan", "Kompetensi Pelaksana",
             "Perilaku Pelaksana", "Sarana dan Prasarana", "Penanganan Pengaduan"]
    header = ["No"] + (["Tanggal"] if with_date else []) + ["Jenis Kelamin", "Pendidikan"] + names
    rows = [header]
    answers = [[(r * 7 + u * 3) % 4 + 1 for u in range(9)] for r in range(20)]
    for r, values in enumerate(answers, 1):
        rows.append([r] + ([datetime(2026, 3, r)] if with_date else []) + ["L" if r % 2 else "P", "SMA"] + values)
    path = write_xlsx(folder / "Rekap SKM Lapas Tabanan Semester I 2026.xlsx", {"SKM": rows})
    nrr = {f"U{u + 1}": statistics.fmean(a[u] for a in answers) for u in range(9)}
    return path, nrr


@pytest.mark.parametrize("with_date", [True, False])
def test_ikm_recap_with_short_unsur_names(tmp_path, with_date):
    path, nrr = ikm_recap(tmp_path, with_date)
    ikm = _units([path])["lapas-tabanan"]["surveys"]["ikm"]
    assert ikm["respondents"] == 20
    assert ikm["unsur"] == pytest.approx(nrr)  # "Waktu Pelayanan" over 1–4 answers is U3, not the timestamp
    assert ikm["index"] == pytest.approx(statistics.fmean(nrr.values()) * 25)


def perception_workbook(folder: Path) -> Path:
    spak = [["Timestamp", "Petugas tidak melakukan diskriminasi", "Tidak ada pungli", "Tidak ada calo",
             "Tidak menerima imbalan", "Tidak ada prosedur di luar ketentuan"]]
    spkp = [["Timestamp"] + [f"P{i}" for i in range(1, 11)]]
    for r in range(12):
        spak.append([f"0{r % 9 + 1}/04/2026 10:00:00"] + [(r + q) % 3 + 4 for q in range(5)])
        spkp.append([f"0{r % 9 + 1}/04/2026 10:00:00"] + [(r * q) % 3 + 4 for q in range(10)])
    return write_xlsx(folder / "Hasil Survei Persepsi Tabanan 2026.xlsx", {"SPAK": spak, "SPKP": spkp})


def test_place_only_file_name_matches_a_unit_of_the_batch(tmp_path):
    units = _units([perception_workbook(tmp_path), plain_plan(tmp_path)])
    surveys = units["lapas-tabanan"]["surveys"]
    assert surveys["ipak"]["respondents"] == 12 and surveys["ipkp"]["respondents"] == 12
    assert surveys["ipak"]["scale_max"] == 6


def test_place_only_file_alone_waits_for_a_person(tmp_path):
    units = _units([perception_workbook(tmp_path)])
    sheets = units["_files"][0]["sheets"]
    assert all(s["needs_review"] and s["confidence"] < 0.5 for s in sheets)
    assert [k for k in units if not k.startswith("_")] == []  # nothing shown as if it were known


def complaints_csv(folder: Path) -> Path:
    topics = ["Pungli kunjungan", "Petugas kasar", "Layanan kunjungan lama", "Makanan basi", "Info remisi", "Integrasi PB lama"]
    rows = [["No", "Tanggal Masuk", "Nama Pelapor", "Media", "Perihal", "Uraian", "Status", "Tanggal Selesai"]]
    for i in range(1, 13):
        rows.append([i, f"{i + 1:02d}/0{1 + i % 6}/2026", f"Pelapor {i}", ["WhatsApp", "SP4N Lapor", "Kotak Pengaduan"][i % 3],
                     topics[i % 6], f"Uraian panjang pengaduan {i}", "Selesai" if i % 2 else "Proses", f"{i + 5:02d}/0{1 + i % 6}/2026"])
    return write_csv(folder / "pengaduan_kerobokan_export.csv", rows)


def test_complaint_csv_with_place_only_name_and_a_home_unit(tmp_path):
    units = _units([complaints_csv(tmp_path)], unit_default="Lapas Kelas IIA Kerobokan")
    complaints = units["lapas-kerobokan"]["complaints"]
    assert complaints["total"] == 12 and complaints["resolved"] == 6
    assert complaints["per_channel"] == {"whatsapp": 4, "sp4n_lapor": 4, "kotak_pengaduan": 4}


def test_topic_column_feeds_the_category(tmp_path):
    results, _ = ingest_paths([complaints_csv(tmp_path)], today=AS_OF, unit_default="Lapas Kerobokan", workers=1)
    frame = results[0].frame("complaints")
    assert set(frame["category"]) == {"pungli", "perilaku_petugas", "layanan_kunjungan", "makanan", "remisi", "integrasi"}
    assert frame["description"].str.startswith("Uraian panjang").all()


def test_numbered_questions_without_a_survey_name_are_asked_not_defaulted(tmp_path):
    rows = [["Timestamp"] + [f"P{i}" for i in range(1, 10)]]
    rows += [[f"0{r + 1}/05/2026 09:00:00"] + [(r + q) % 4 + 1 for q in range(9)] for r in range(8)]
    path = write_xlsx(tmp_path / "Lapas Tabanan kuesioner.xlsx", {"Form Responses 1": rows})
    sheet = _units([path])["_files"][0]["sheets"][0]
    assert sheet["needs_review"] and any("jenis survei" in r for r in sheet["review"])


def test_cli_unit_default_and_short_unit_name(tmp_path, capsys):
    complaints_csv(tmp_path)
    plain_plan(tmp_path)
    assert main(["summarize", str(tmp_path), "--as-of", "2026-07-15", "--unit", "Tabanan", "--json"]) == 0
    assert main(["summarize", str(tmp_path), "--unit-default", "Kerobokan"]) == 2
    capsys.readouterr()
    assert main(["summarize", str(tmp_path), "--as-of", "2026-07-15", "--unit-default", "Lapas Kerobokan",
                 "--unit", "kerobokan", "--json"]) == 0
    assert '"total": 12' in capsys.readouterr().out


def test_unit_late_in_a_short_title(tmp_path):
    """A plan whose title names the Rutan at the end of a short line, and no unit anywhere else."""
    plan = [["MATRIKS RENCANA AKSI PEMBANGUNAN ZI RUTAN KELAS IIB NEGARA"], ["Keadaan s.d. 31 Agustus 2026"], [],
            ["No.", "Uraian Kegiatan", "Penanggung Jawab", "Batas Waktu", "Progres Fisik", "Bukti"],
            ["", "A. MANAJEMEN PERUBAHAN"], [1, "SK Tim ZI", "Karutan", "Jan 2026", "100%", "drive"],
            [2, "Roadmap ZI", "Kasubsi", "Maret 2026", "80%", "drive"], ["", "B. PENATAAN TATALAKSANA"],
            [3, "SOP Layanan", "Kasubsi", "TW II", "50%", "drive"], [4, "Aplikasi antrean", "Operator", "TW IV", "proses", ""],
            ["", "C. PENGUATAN PENGAWASAN"], [5, "Pengendalian gratifikasi", "KPR", "Juni 2026", "0%", ""]]
    write_xlsx(tmp_path / "Matriks Renaksi 2026 fix.xlsx", {"Renaksi": plan})
    results, registry = ingest_paths([tmp_path], today=date(2026, 9, 1), workers=1)
    unit = {u["key"]: u for u in build_summary(combine(results, registry), date(2026, 9, 1), None, ReadinessOptions())["units"]}
    plan_figures = unit["rutan-negara"]["action_plan"]
    assert plan_figures["activities"] == 5 and plan_figures["overdue"] == 3
    assert plan_figures["completion_pct"] == pytest.approx((100 + 80 + 50 + 0) / 4)
    assert plan_figures["areas"] == pytest.approx({"manajemen_perubahan": 90.0, "penataan_tatalaksana": 50.0,
                                                   "penguatan_pengawasan": 0.0})
