"""LKE self-assessment sheets read into rows of the hierarchy (scoring is the readiness engine's)."""

from zi_analytics.ingest import ingest_file


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
    result = ingest_file(xlsx("LKE ZI Lapas Banyuwangi.xlsx", {"LKE": rows}))
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
