"""Survey exports: labels or numbers, unsur by content, several surveys per sheet, each with its scale."""

from datetime import date, datetime

import pytest

from zi_analytics.batch import ingest_paths
from zi_analytics.ingest import SheetOverride, ingest_file
from zi_analytics.metrics import unit_summary

from conftest import write_csv
from support.ikm_form import ANSWERS, IKM_QUESTIONS, ikm_rows

AS_OF = date(2026, 11, 23)


def test_ikm_labels_unsur_by_content_and_exact_weights(xlsx):
    result = ingest_file(xlsx("Survei IKM Lapas Kelas IIA Banyuwangi.xlsx", {"Form Responses 1": ikm_rows()}), today=AS_OF)
    assert result.kind == "survey" and result.errors == []
    assert result.rows == 4 and result.rejected_rows == 1
    reason = result.problems.iloc[0]
    assert reason["row"] == 6 and reason["column"].startswith("E (") and "Tidak tahu" in reason["reason"]
    ikm = unit_summary(result.frames, "lapas-banyuwangi", AS_OF)["surveys"]["ikm"]
    nrr = {f"U{k + 1}": sum(a[k] for a in ANSWERS) / 4 for k in range(9)}
    assert ikm["unsur"] == pytest.approx(nrr)
    # U1 13/4, U2 13/4, U3 11/4, U4 15/4, U5 13/4, U6 14/4, U7 15/4, U8 12/4, U9 12/4 -> sum 118/4; /9 * 25
    assert ikm["index"] == pytest.approx(118 / 4 / 9 * 25)
    assert ikm["grade"] == "B"  # 81.94
    assert ikm["respondents"] == 4
    responses = result.frame("survey_responses")
    assert responses["suggestion"].tolist()[0] == "Antrian diperbaiki"
    assert responses["period"].tolist() == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]


def test_one_sheet_with_three_surveys_and_a_six_point_scale(xlsx):
    ikm_header = [f"[IKM] {IKM_QUESTIONS[u][0]}" for u in IKM_QUESTIONS]
    spak = ["[SPAK] Petugas memberikan pelayanan tanpa diskriminasi (1-6)", "[SPAK] Tidak ada pungutan liar (1-6)",
            "[SPAK] Tidak ada calo (1-6)"]
    spkp = ["[SPKP] Informasi pelayanan tersedia", "[SPKP] Persyaratan pelayanan mudah", "[SPKP] Sarana nyaman"]
    header = ["Cap waktu", "Nama Lapas"] + ikm_header + spak + spkp
    rows = [header,
            ["15/01/2026 09:00:00", "Lapas Kelas I Malang"] + [4] * 9 + [6, 5, 4] + [3, 4, 4],
            ["20/04/2026 10:00:00", "Lapas Kelas I Malang"] + [3] * 9 + [5, 5, 5] + [4, 4, 3],
            ["20/04/2026 11:00:00", "Lapas Perempuan Kelas IIA Malang"] + [2] * 9 + [3, "", 2] + [2, 2, 2]]
    result = ingest_file(xlsx("survei_gabungan.xlsx", {"Jawaban": rows}), today=AS_OF)
    assert result.sheets[0].surveys == ["ikm", "ipak", "ipkp"]
    malang = unit_summary(result.frames, "lapas-malang", AS_OF)["surveys"]
    assert malang["ikm"]["index"] == pytest.approx(3.5 * 25)
    assert malang["ipak"] == pytest.approx({"respondents": 2, "mean": 30 / 6, "scale_max": 6, "index_4": 1 + (30 / 6 - 1) * 3 / 5})
    assert malang["ipkp"] == pytest.approx({"respondents": 2, "mean": 22 / 6, "scale_max": 4, "index_4": 22 / 6})
    perempuan = unit_summary(result.frames, "lapas-perempuan-malang", AS_OF)["surveys"]
    assert perempuan["ipak"] is None  # blank answer rejects that survey on that row only
    assert perempuan["ikm"]["respondents"] == 1 and perempuan["ipkp"]["mean"] == 2
    assert result.rejected_rows == 1


def test_separate_csv_per_survey_with_bom_and_agree_labels(tmp_path):
    rows = [["Cap waktu", "Usia", "Informasi pelayanan jelas", "Prosedur mudah", "Petugas ramah", "Saran"],
            ["15/10/2026 9:12:33", "30", "Sangat setuju", "Cukup setuju", "Setuju", "ok"],
            ["16/10/2026 9:12:33", "40", "Setuju", "Kurang setuju", "Sangat tidak setuju", ""]]
    path = write_csv(tmp_path / "SPKP Lapas Perempuan Malang.csv", rows, bom=True)
    result = ingest_file(path, today=AS_OF)
    ipkp = unit_summary(result.frames, "lapas-perempuan-malang", AS_OF)["surveys"]["ipkp"]
    assert ipkp["scale_max"] == 6  # "cukup setuju" exists only on the six-point scale
    assert ipkp["mean"] == pytest.approx((6 + 4 + 5 + 5 + 3 + 1) / 6)


def test_agreement_labels_are_read_by_the_set_they_belong_to(tmp_path):
    """'Tidak setuju' is 1 beside 'Kurang setuju' (tidak/kurang/-/sangat, on 1-4) and 2 beside 'Sangat tidak
    setuju'; labels that fit both are read by the usual set, with a note."""
    head = ["Cap waktu", "Petugas bebas pungli", "Tidak ada calo", "Tidak ada imbalan", "Saran"]

    def read(name, answers):
        rows = [head] + [[f"{10 + i}/10/2026 9:00:00", *row, ""] for i, row in enumerate(answers)]
        return ingest_file(write_csv(tmp_path / name, rows), today=AS_OF)

    kurang = read("SPAK Lapas Perempuan Malang.csv", [["Tidak setuju", "Kurang setuju", "Setuju"],
                                                      ["Sangat setuju", "Setuju", "Kurang setuju"]])
    ipak = unit_summary(kurang.frames, "lapas-perempuan-malang", AS_OF)["surveys"]["ipak"]
    assert ipak["scale_max"] == 4 and ipak["mean"] == pytest.approx((1 + 2 + 3 + 4 + 3 + 2) / 6)
    assert not kurang.sheets[0].needs_review
    sangat = read("SPAK Lapas Malang.csv", [["Tidak setuju", "Sangat tidak setuju", "Setuju"],
                                            ["Sangat setuju", "Setuju", "Setuju"]])
    ipak = unit_summary(sangat.frames, "lapas-malang", AS_OF)["surveys"]["ipak"]
    assert ipak["scale_max"] == 4 and ipak["mean"] == pytest.approx((2 + 1 + 3 + 4 + 3 + 3) / 6)
    # labels that fit both sets: the usual one reads them, and the reading says so
    usual = read("SPAK Lapas Banyuwangi.csv", [["Tidak setuju", "Setuju", "Setuju"], ["Sangat setuju", "Setuju", "Setuju"]])
    ipak = unit_summary(usual.frames, "lapas-banyuwangi", AS_OF)["surveys"]["ipak"]
    assert ipak["mean"] == pytest.approx((2 + 3 + 3 + 4 + 3 + 3) / 6)
    assert any("'tidak setuju' = 2" in w and "dibaca menurut pilihan jawaban yang lazim" in w for w in usual.warnings)
    # a number written with a label pins it ("1. Tidak setuju")
    pinned = read("SPAK Rutan Negara.csv", [["1. Tidak setuju", "Tidak setuju", "Setuju"], ["Sangat setuju", "Setuju", "Setuju"]])
    ipak = unit_summary(pinned.frames, "rutan-negara", AS_OF)["surveys"]["ipak"]
    assert ipak["mean"] == pytest.approx((1 + 1 + 3 + 4 + 3 + 3) / 6)
    assert not any("lazim" in w for w in pinned.warnings)


def test_numeric_ikm_with_fourteen_elements_is_the_old_form(xlsx):
    header = ["Timestamp"] + [f"Unsur {i} pelayanan" for i in range(1, 15)]
    rows = [header, [datetime(2026, 1, 1)] + [3] * 14, [datetime(2026, 1, 2)] + [4] * 14]
    result = ingest_file(xlsx("IKM Lapas Kelas I Malang.xlsx", {"IKM": rows}), today=AS_OF)
    assert any("14 unsur" in w for w in result.warnings)
    assert unit_summary(result.frames, "lapas-malang", AS_OF)["surveys"]["ikm"] is None


def test_as_of_leaves_out_later_responses(xlsx):
    result = ingest_file(xlsx("Survei IKM Lapas Kelas IIA Banyuwangi.xlsx", {"IKM": ikm_rows()}), today=AS_OF)
    early = unit_summary(result.frames, "lapas-banyuwangi", date(2026, 4, 30))["surveys"]["ikm"]
    assert early["respondents"] == 2


def test_unit_from_the_folder_a_kanwil_keeps_per_upt(tmp_path):
    folder = tmp_path / "Rutan Kelas I Surabaya" / "2026"
    folder.mkdir(parents=True)
    from conftest import write_xlsx
    write_xlsx(folder / "Survei IKM.xlsx", {"IKM": ikm_rows()})
    results, registry = ingest_paths([tmp_path], today=AS_OF)
    assert results[0].units == ["rutan-surabaya"]
    assert any("nama folder" in w for w in results[0].warnings)


def test_user_chosen_unit_for_a_sheet_without_one(xlsx):
    path = xlsx("Survei.xlsx", {"IKM": ikm_rows()})
    assert ingest_file(path, today=AS_OF).rows == 0
    chosen = ingest_file(path, today=AS_OF, overrides={"IKM": SheetOverride(unit="Lapas Kelas IIB Jombang")})
    assert chosen.units == ["lapas-jombang"] and chosen.rows == 4
