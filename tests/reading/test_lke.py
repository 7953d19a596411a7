"""LKE self-assessment sheets read into rows of the hierarchy (scoring is the readiness engine's)."""

from zi_analytics.ingest import SheetOverride, ingest_file


def test_published_layout_with_codes_in_separate_columns(xlsx):
    rows = [
        ["LEMBAR KERJA EVALUASI ZONA INTEGRITAS"], ["LAPAS KELAS IIA BANYUWANGI"], [],
        ["", "", "", "", "", "KOMPONEN", "BOBOT", "PILIHAN JAWABAN", "JAWABAN", "NILAI", "EVIDEN"],
        ["A", "", "", "", "", "PENGUNGKIT", 60],
        ["", "I", "", "", "", "PEMENUHAN", 30],
        ["", "", "1", "", "", "MANAJEMEN PERUBAHAN", 4],
        ["", "", "", "i", "", "Penyusunan Tim Kerja", 0.5],
        ["", "", "", "", "a", "Unit kerja telah membentuk tim", "", "Ya/Tidak", "Ya", 1, "SK Tim"],
        ["", "", "", "", "b", "Penentuan anggota tim dengan prosedur", "", "A/B/C", "B", 0.5, ""],
        ["", "II", "", "", "", "REFORM", 30],
        ["", "", "5", "", "", "PENGUATAN PENGAWASAN", 7.5],
        ["", "", "", "iii", "", "Penanganan pengaduan", 3],
        ["", "", "", "", "a", "Persentase penanganan pengaduan", "", "%", "80%", 0.8, ""],
        ["B", "", "", "", "", "HASIL", 40],
    ]
    path = xlsx("LKE ZI Lapas Banyuwangi.xlsx", {"LKE": rows})
    held = ingest_file(path)  # an excerpt: most areas are missing, so the reading waits for a person
    assert held.sheets[0].needs_review and held.frame("lke").empty
    result = ingest_file(path, overrides={"LKE": SheetOverride(kind="lke")})  # confirmed
    assert result.kind == "lke" and result.errors == []
    lke = result.frame("lke")
    assert lke["level"].tolist() == ["component", "section", "area", "sub_indicator", "question", "question", "section", "area", "sub_indicator", "question", "component"]
    questions = lke[lke["level"] == "question"]
    assert questions["path"].tolist() == ["A/I/1/i/a", "A/I/1/i/b", "A/II/5/iii/a"]
    assert questions["section"].tolist() == ["pemenuhan", "pemenuhan", "reform"]
    assert questions["area"].tolist() == ["manajemen_perubahan", "manajemen_perubahan", "penguatan_pengawasan"]
    assert questions["answer"].tolist() == ["Ya", "B", "80%"]
    assert questions["value"].tolist() == [1, 0.5, 0.8]
    assert lke.loc[lke["level"] == "sub_indicator", "weight"].tolist() == [0.5, 3]


# ---- issue 23: the LKE as units really fill it -------------------------------------------------------------

import json  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from conftest import write_xlsx  # noqa: E402
from support.lke_builder import ARRANGEMENTS, BEST, WORST, lke_rows, write_lke  # noqa: E402
from zi_analytics.batch import ingest_paths  # noqa: E402
from zi_analytics.dataset import combine  # noqa: E402
from zi_analytics.rules import AREA_KEYS  # noqa: E402
from zi_analytics.rules.regulation import load_regulation  # noqa: E402
from zi_analytics.summary import build_summary  # noqa: E402

AS_OF = date(2026, 11, 15)
REAL = Path(__file__).resolve().parents[3] / "shared" / "real-files"
REG = load_regulation("90/2021")
VALUE = {"Y": {"Ya": 1.0, "Tidak": 0.0}, "3": {"A": 1.0, "C": 0.0}, "4": {"A": 1.0, "D": 0.0},
         "5": {"A": 1.0, "E": 0.0}, "%": {"100%": 1.0, "0%": 0.0}}


def _alternate(section, area, s_index, q_index, kind):
    return (BEST if (s_index + q_index) % 2 == 0 else WORST)[kind]


def by_hand(answer) -> float:
    """Pengungkit from the regulation's table and the answers alone: Σ weight × mean(values)."""
    total = 0.0
    for section in ("pemenuhan", "reform"):
        for area in AREA_KEYS:
            for s_index, sub in enumerate(REG.sub_indicator_table(section, area)):
                values = [VALUE[k][answer(section, area, s_index, q, k)] for q, k in enumerate(sub.answers)]
                total += sub.weight * sum(values) / len(values)
    return total


def readiness_of(path: Path, unit_default: str | None = None) -> tuple[dict, list]:
    results, registry = ingest_paths([path], today=AS_OF, unit_default=unit_default, workers=1)
    report = json.loads(json.dumps(build_summary(combine(results, registry), AS_OF),
                                   default=lambda v: v.item() if hasattr(v, "item") else str(v)))
    return report["units"][0]["readiness"], results


@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
def test_every_published_arrangement_gives_the_hand_computed_score(tmp_path, arrangement):
    path = write_lke(tmp_path / "LKE Lapas Jombang.xlsx", "LAPAS KELAS IIB JOMBANG", _alternate,
                     hasil={"ipak": 3.6, "capaian": "80%", "ipkp": "3,2"}, arrangement=arrangement)
    readiness, results = readiness_of(path)
    assert results[0].sheets[0].needs_review is False
    assert readiness["basis"] == "lke"
    assert readiness["pengungkit"] == pytest.approx(by_hand(_alternate))
    assert readiness["hasil"] == pytest.approx(3.6 / 4 * 17.5 + 0.8 * 5 + 3.2 / 4 * 17.5)
    assert readiness["wbk"]["ready"] is False
    failing = {c["id"] for c in readiness["wbk"]["checks"] if not c["pass"]}
    assert {"total", "pengungkit"} <= failing


@settings(max_examples=8, deadline=None)
@given(st.lists(st.booleans(), min_size=40, max_size=40), st.sampled_from(ARRANGEMENTS[1:]))
def test_rearranging_the_same_answers_never_changes_the_score(tmp_path_factory, flags, arrangement):
    def answer(section, area, s_index, q_index, kind):
        return (BEST if flags[(AREA_KEYS.index(area) * 7 + s_index * 3 + q_index) % 40] else WORST)[kind]
    folder = tmp_path_factory.mktemp("lke")
    plain = readiness_of(write_lke(folder / "LKE Lapas Jombang.xlsx", "LAPAS KELAS IIB JOMBANG", answer))[0]
    other = readiness_of(write_lke(folder / "LKE Lapas Jombang 2.xlsx", "LAPAS KELAS IIB JOMBANG", answer,
                                   arrangement=arrangement))[0]
    assert other["pengungkit"] == pytest.approx(plain["pengungkit"]) == pytest.approx(by_hand(answer))


@pytest.mark.skipif(not (REAL / "form kuesioner.xlsx").exists(), reason="../shared/real-files not present")
def test_the_real_filled_lke_scores_95_71_and_says_why_its_own_total_differs():
    readiness, results = readiness_of(REAL / "form kuesioner.xlsx", unit_default="Lapas Tabanan")
    kinds = {s.name: s.kind for s in results[0].sheets}
    assert kinds == {"Utama": "recap", "Ctt Eval": "recap", "LKE ZI": "lke"}  # hidden recap sheets are no LKE rows
    assert readiness["total"] == pytest.approx(95.7095, abs=1e-4)
    assert readiness["pemenuhan"] == pytest.approx(30) and readiness["reform"] == pytest.approx(25.7095, abs=1e-4)
    assert readiness["hasil"] == pytest.approx(40)
    differences = readiness["lke"]["differences"]
    lhk = next(d for d in differences if d["row"] == 175)
    assert lhk["sheet"] == pytest.approx(1.7333, abs=1e-4) and lhk["computed"] == pytest.approx(1.8667, abs=1e-4)
    assert "LHKPN" in lhk["cause"] and "2 kali" in lhk["cause"]
    assert "175" in next(d for d in differences if d["row"] == 167)["cause"]  # the area's difference comes from it
    assert readiness["lke"]["unanswered"] == []


@pytest.mark.skipif(not (REAL / "e. Untuk Satuan Kerja, rekomendasi dari Kepala.xlsx").exists(), reason="no real files")
def test_the_older_rb_lke_is_told_apart_and_not_scored():
    results, _ = ingest_paths([REAL / "e. Untuk Satuan Kerja, rekomendasi dari Kepala.xlsx"], today=AS_OF,
                              unit_default="Kantor Imigrasi Blitar", workers=1)
    lke_sheets = [s for s in results[0].sheets if s.kind == "lke"]
    assert lke_sheets and all(s.needs_review and any("Reformasi Birokrasi lama" in r for r in s.review) for s in lke_sheets)
    assert results[0].frame("lke").empty  # nothing of it reaches a score


def test_an_lke_nobody_filled_in_has_no_score(tmp_path):
    path = write_lke(tmp_path / "LKE Lapas Jombang.xlsx", "LAPAS KELAS IIB JOMBANG", lambda *a: "")
    readiness, results = readiness_of(path)
    assert readiness["basis"] == "estimate"  # never 0,00 on an LKE basis
    assert any("belum diisi" in n for n in readiness["notes"])
    assert any("belum diisi" in w for w in results[0].warnings)


def test_a_partly_answered_lke_says_so_in_its_basis(tmp_path):
    def answer(section, area, s_index, q_index, kind):
        return "" if area == "pelayanan_publik" else BEST[kind]
    readiness, _ = readiness_of(write_lke(tmp_path / "LKE Lapas Jombang.xlsx", "LAPAS KELAS IIB JOMBANG", answer))
    assert readiness["basis"] == "lke" and readiness["method"].startswith("LKE (sebagian)")
    assert len(readiness["lke"]["unanswered"]) == sum(len(s.answers) for h in ("pemenuhan", "reform")
                                                      for s in REG.sub_indicator_table(h, "pelayanan_publik"))


def test_an_lke_missing_a_half_is_held_for_review(tmp_path):
    rows = [r for r in lke_rows("LAPAS KELAS IIB JOMBANG", lambda *a: BEST[a[-1]])]
    cut = next(i for i, r in enumerate(rows) if r[:2] == ["", "II"])
    path = write_xlsx(tmp_path / "LKE.xlsx", {"LKE": rows[:cut]})
    results, _ = ingest_paths([path], today=AS_OF, workers=1)
    sheet = results[0].sheets[0]
    assert sheet.needs_review and any("(reform)" in r for r in sheet.review)
    assert results[0].frame("lke").empty  # the estimate stays the basis until a person confirms it


def _excerpt_score(xlsx, body):
    """Score an excerpt of one area, read as a person confirmed it."""
    from zi_analytics.readiness.lke_score import score_lke

    rows = [["LAPAS KELAS IIB JOMBANG"],
            ["", "", "", "", "", "KOMPONEN", "BOBOT", "PENJELASAN", "PILIHAN JAWABAN", "JAWABAN", "NILAI"],
            ["A", "", "", "", "", "PENGUNGKIT", 60], ["", "II", "", "", "", "REFORM", 30]] + body
    result = ingest_file(xlsx("LKE.xlsx", {"LKE": rows}), today=AS_OF, overrides={"LKE": SheetOverride(kind="lke")})
    return score_lke(result.frame("lke"), REG)


def test_percentage_items_are_counted_from_their_rows_by_the_rules_formula(xlsx):
    body = [["", "", "3", "", "", "PENATAAN SISTEM MANAJEMEN SDM", 5],
            ["", "", "", "iii", "", "Pelanggaran disiplin pegawai", 2],
            ["", "", "", "", "-", "Penurunan pelanggaran disiplin pegawai", "", "Persentase penurunan", "%", ""],
            ["", "", "", "", "", "- Jumlah pelanggaran tahun sebelumnya", "", "", "Jumlah", 8],
            ["", "", "", "", "", "- Jumlah pelanggaran tahun ini", "", "", "Jumlah", 6],
            ["", "", "5", "", "", "PENGUATAN PENGAWASAN", 7.5],
            ["", "", "", "iii", "", "Penyampaian LHKPN", 1],
            ["", "", "", "", "-", "Persentase penyampaian LHKPN", "", "", "%", ""],
            ["", "", "", "", "-", "Jumlah yang harus melaporkan", "", "", "Jumlah", 15],
            ["", "", "", "", "-", "Jumlah yang sudah melaporkan", "", "", "Jumlah", 12]]
    score = _excerpt_score(xlsx, body)
    assert score.areas["penataan_sdm"]["reform"] == pytest.approx(2 * (8 - 6) / 8)  # (last - this) / last
    assert score.areas["penguatan_pengawasan"]["reform"] == pytest.approx(1 * 12 / 15)  # reported / required
    assert score.unanswered.empty


def test_answer_type_comes_from_the_criteria_when_the_label_disagrees(xlsx):
    five = "a. Jika semua; b. Jika sebagian besar; c. Jika sebagian; d. Jika sebagian kecil; e. Jika belum ada"
    body = [["", "", "1", "", "", "MANAJEMEN PERUBAHAN", 4],
            ["", "", "", "ii", "", "Komitmen pimpinan", 1],
            ["", "", "", "", "a", "Pimpinan memiliki komitmen", "", five, "A/B/C/D", "B"]]
    score = _excerpt_score(xlsx, body)
    assert score.areas["manajemen_perubahan"]["reform"] == pytest.approx(0.75)  # B of A–E, not of A–D (0,67)
    assert any("dinilai menurut kriteria" in n for n in score.notes)


def test_a_workbook_of_several_copies_is_read_per_copy_each_with_its_unit(tmp_path):
    def weaker(section, area, s_index, q_index, kind):
        return (WORST if area == "pelayanan_publik" else BEST)[kind]
    path = write_xlsx(tmp_path / "LKE Kanwil Bali.xlsx", {"LKE Unit 1": lke_rows("LAPAS KELAS IIB TABANAN", lambda *a: BEST[a[-1]]),
                                                         "LKE Unit 2": lke_rows("RUTAN KELAS IIB NEGARA", weaker)})
    results, registry = ingest_paths([path], today=AS_OF, workers=1)
    assert [s.units for s in results[0].sheets] == [["lapas-tabanan"], ["rutan-negara"]]
    report = build_summary(combine(results, registry), AS_OF)
    pengungkit = {u["key"]: u["readiness"]["pengungkit"] for u in report["units"]}
    assert pengungkit == pytest.approx({"lapas-tabanan": 60.0, "rutan-negara": 60.0 - 10.0})
