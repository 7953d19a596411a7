"""Lists of predicates held, as a Kanwil keeps them: each row's unit, WBK or WBBM, the year and the decree; a row
whose predicate or year cannot be read is rejected (a wrong 'holds WBK' would pass a WBBM precondition)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from conftest import write_csv, write_xlsx
from zi_analytics.ingest import ingest_file
from zi_analytics.kinds.predicate.parse import year_of
from zi_analytics.normalize.phrases import predicate_key
from zi_analytics.settings import PredicateHeld, Settings, UnitInputs, uploaded_predicates

AS_OF = date(2026, 11, 23)


def test_a_kanwil_list_gives_each_unit_its_predicates(tmp_path):
    rows = [["DAFTAR SATKER PENERIMA PREDIKAT ZONA INTEGRITAS"], ["KANWIL JAWA TIMUR"], [],
            ["No", "Satuan Kerja", "Predikat yang Diraih", "Tahun", "Nomor SK MenPAN RB"],
            [1, "Lapas Kelas I Surabaya", "WBK", 2023, "KEP/112/M.PANRB/12/2023"],
            [2, "RUTAN SURABAYA", "Wilayah Bebas dari Korupsi", "2025", "KEP/1031/M.PANRB/12/2025"],
            [3, "Lapas Kelas I Surabaya", "Predikat WBBM", datetime(2025, 12, 9), ""],
            [4, "Lapas Kelas I Malang", "menuju WBK", "", "usulan 2026"],
            [5, "Bapas Kelas II Kediri", "penghargaan pelayanan", 2024, ""]]
    result = ingest_file(write_xlsx(tmp_path / "predikat.xlsx", {"Predikat": rows}), today=AS_OF)
    assert result.errors == [] and result.kind == "predicate"
    frame = result.frame("predicates")
    assert list(zip(frame["unit_key"], frame["predicate"], frame["year"])) == [
        ("lapas-surabaya", "WBK", 2023), ("rutan-surabaya", "WBK", 2025), ("lapas-surabaya", "WBBM", 2025),
        ("lapas-malang", "WBK", 2026)]  # the year from the decree cell when the year cell is blank
    rejected = result.problems.loc[result.problems["rejected"]]
    assert list(rejected["row"]) == [9] and "tidak dikenali (WBK atau WBBM)" in rejected["reason"].iloc[0]


def test_a_csv_without_a_year_rejects_the_row_and_names_the_column(tmp_path):
    rows = [["Unit Kerja", "Predikat", "Tahun Penetapan"], ["LPKA Kelas I Blitar", "WBK", ""], ["Rutan Kelas IIB Trenggalek", "WBK", "2024"]]
    result = ingest_file(write_csv(tmp_path / "predikat.csv", rows, delimiter=";"), today=AS_OF)
    assert result.kind == "predicate" and list(result.frame("predicates")["unit_key"]) == ["rutan-trenggalek"]
    rejected = result.problems.loc[result.problems["rejected"]].iloc[0]
    assert rejected["row"] == 2 and rejected["column"].startswith("C") and "Tahun predikat" in rejected["reason"]


@pytest.mark.parametrize(("cell", "want"), [("WBK", "WBK"), ("wbbm", "WBBM"), ("Wilayah Birokrasi Bersih dan Melayani", "WBBM"),
                                            ("Predikat WBK Tahun 2023", "WBK"), ("Adhi Bhakti", None), ("", None)])
def test_predicate_words(cell, want):
    assert predicate_key(cell) == want


@pytest.mark.parametrize(("cell", "want"), [(2024, 2024), ("2024", 2024), (datetime(2025, 12, 9), 2025), ("KEP/1/M.PANRB/12/2023", 2023),
                                            (45000, None), ("belum", None)])
def test_a_year_as_written(cell, want):
    assert year_of(cell) == want


def test_uploaded_records_join_those_entered_and_say_wbk_is_held(tmp_path):
    rows = [["No", "Satuan Kerja", "Predikat", "Tahun"], [1, "Lapas Kelas I Surabaya", "WBK", 2023],
            [2, "Rutan Kelas I Surabaya", "WBK", 2025]]
    frame = ingest_file(write_xlsx(tmp_path / "p.xlsx", {"Predikat": rows}), today=AS_OF).frame("predicates")
    entered = Settings(units={"lapas-surabaya": UnitInputs(predicates=[PredicateHeld(predicate="WBK", year=2023, decree="KEP/112")])})
    merged = entered.with_records(uploaded_predicates(frame))
    assert merged.held() == {"lapas-surabaya": "WBK 2023", "rutan-surabaya": "WBK 2025"}
    assert [p.decree for p in merged.unit("lapas-surabaya").predicates] == ["KEP/112"]  # the same record once
    assert merged.options("rutan-surabaya").preconditions["wbk_held"] is True
    assert entered.with_records({}) is entered
