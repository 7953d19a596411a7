"""Value normalisers, one family at a time, on the shapes found in real Lapas files."""

from datetime import date, datetime

import pytest

from zi_analytics.normalize import dates
from zi_analytics.normalize.answers import answer_value, read_answer, scale_hint
from zi_analytics.normalize.areas import area_key
from zi_analytics.normalize.dates import parse_date, parse_datetime, parse_target
from zi_analytics.normalize.numbers import parse_number
from zi_analytics.normalize.phrases import category_key, channel_key, innovation_status_key, status_key, word_root
from zi_analytics.normalize.progress import ProgressError, parse_progress
from zi_analytics.normalize.units import UnitRegistry, parse_unit


@pytest.mark.parametrize("raw, expected", [
    ("75%", 75.0), ("75 %", 75.0), ("75", 75.0), (75, 75.0), (0.75, 75.0), ("0,75", 75.0), ("62,5", 62.5),
    ("62,5%", 62.5), (1, 100.0), (1.0, 100.0), (0, 0.0), ("Selesai", 100.0), ("SELESAI", 100.0),
    ("Belum", 0.0), ("belum dilaksanakan", 0.0), ("-", 0.0), ("Sudah", 100.0), (None, None), ("", None),
])
def test_progress_shapes(raw, expected):
    assert parse_progress(raw) == pytest.approx(expected) if expected is not None else parse_progress(raw) is None


@pytest.mark.parametrize("raw, kind", [("sudah dong", "r_progress"), ("120%", "r_progress_range"), (150, "r_progress_range"), (-5, "r_progress_range")])
def test_progress_rejects(raw, kind):
    with pytest.raises(ProgressError) as info:
        parse_progress(raw)
    assert info.value.kind == kind


@pytest.mark.parametrize("raw, expected", [
    ("15 Oktober 2025", date(2025, 10, 15)), ("03/11/2025", date(2025, 11, 3)), ("3-11-2025", date(2025, 11, 3)),
    ("2025-10-15", date(2025, 10, 15)), ("Rabu, 15 Okt 2025", date(2025, 10, 15)), ("15 Agt 2025", date(2025, 8, 15)),
    (datetime(2025, 10, 15, 8, 30), date(2025, 10, 15)), (45945, date(2025, 10, 15)), ("45945", date(2025, 10, 15)),
    ("10/25/2025", date(2025, 10, 25)),  # month-first only when day-first is impossible
    ("32/13/2025", None), ("-", None), ("kemarin", None), (None, None),
])
def test_dates(raw, expected):
    assert parse_date(raw) == expected


def test_google_forms_timestamp_keeps_time():
    assert parse_datetime("15/10/2026 9:12:33") == datetime(2026, 10, 15, 9, 12, 33)


def test_a_column_of_form_timestamps_is_read_in_one_pass(monkeypatch):
    """Only the texts the column pass cannot read go one by one (that they read the same is a property test)."""
    one_by_one = []
    monkeypatch.setattr(dates, "parse_datetime", lambda value: one_by_one.append(value))
    stamps = [f"{day:02d}/{month:02d}/2026 {hour:02d}:{day:02d}:{month:02d}" for day in range(1, 29)
              for month in range(1, 13) for hour in (0, 9, 23)]
    read = dates.parse_datetimes([*stamps, "31/04/2026 10:00:00", "5/1/2026 9:12:33", None])
    assert read[:3] == [datetime(2026, 1, 1, 0, 1, 1), datetime(2026, 1, 1, 9, 1, 1), datetime(2026, 1, 1, 23, 1, 1)]
    assert all(isinstance(moment, datetime) for moment in read[: len(stamps)])
    assert one_by_one == ["31/04/2026 10:00:00", "5/1/2026 9:12:33", None]


@pytest.mark.parametrize("raw, expected", [
    ("Maret 2026", date(2026, 3, 31)), ("Triwulan II", date(2026, 6, 30)), ("TW III", date(2026, 9, 30)),
    ("TW 4", date(2026, 12, 31)), ("Semester I", date(2026, 6, 30)), ("Juni - Desember 2026", date(2026, 12, 31)),
    ("Februari", date(2026, 2, 28)), ("Q1 2025", date(2025, 3, 31)), (date(2026, 5, 2), date(2026, 5, 2)),
    ("Setiap bulan", None), ("Rutin", None),
])
def test_targets(raw, expected):
    assert parse_target(raw, 2026) == (expected, True)


def test_unreadable_target_is_flagged():
    assert parse_target("Desain grafis", 2026) == (None, False)


@pytest.mark.parametrize("raw, expected", [
    ("I. MANAJEMEN PERUBAHAN", "manajemen_perubahan"), ("Penataan Tata Laksana", "penataan_tatalaksana"),
    ("Penataan Sistem Manajemen SDM", "penataan_sdm"), ("Penguatan Akuntabilitas", "akuntabilitas_kinerja"),
    ("V. Penguatan Pengawasan", "penguatan_pengawasan"), ("Penguatan Sistem Kualitas Pelayanan", "pelayanan_publik"),
    ("Manajemen Perubhan", "manajemen_perubahan"), ("III", "penataan_sdm"), ("Membangun tim kerja", None),
])
def test_areas(raw, expected):
    assert area_key(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("SP4N-LAPOR!", "sp4n_lapor"), ("Lapor!", "sp4n_lapor"), ("WA", "whatsapp"), ("Whatsapp", "whatsapp"),
    ("kotak saran", "kotak_pengaduan"), ("Datang langsung", "langsung"), ("E-mail", "email"), ("Website", "website"),
    ("Instagram", "media_sosial"), ("Facebook", "media_sosial"), ("Telepon", "lainnya"),
])
def test_channels(raw, expected):
    assert channel_key(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Sudah ditindaklanjuti", "resolved"), ("Belum ditindaklanjuti", "open"), ("SUDAH DITINDAKLANJUTI", "resolved"),
    ("Telah ditindaklanjuti", "resolved"), ("Selesai", "resolved"), ("Proses", "in_progress"),
    ("Sedang ditindaklanjuti", "in_progress"), ("Tidak dapat ditindaklanjuti", "rejected"), ("Belum", "open"), ("??", None),
])
def test_status_negation_first(raw, expected):
    assert status_key(raw) == expected


def test_categories():
    assert category_key("Dugaan pungli saat kunjungan") == "pungli"  # the most serious topic wins
    assert category_key("Pungutan liar") == "pungli"
    assert category_key("Remisi belum keluar") == "remisi"
    assert category_key("lain-lain") == "lainnya"


@pytest.mark.parametrize("raw, scale, expected", [
    ("4. Sangat sesuai", 4, 4), ("a. Tidak sesuai", 4, 1), ("SANGAT SESUAI", 4, 4), ("Gratis", 4, 4), ("Cukup mahal", 4, 2),
    ("Dikelola dengan baik", 4, 4), ("Ada tetapi tidak berfungsi", 4, 2), ("setuju", 4, 3), ("setuju", 6, 5),
    ("Cukup setuju", 6, 4), (3, 4, 3), ("3", 4, 3), (6, 6, 6), (7, 6, None), (0, 4, None), ("Tidak tahu", 4, None),
])
def test_answers(raw, scale, expected):
    value = answer_value(read_answer(raw), scale)
    assert value == expected


def test_scale_hint_from_labels_unique_to_a_scale():
    assert scale_hint([read_answer("Cukup setuju"), read_answer("Setuju")]) == 6
    assert scale_hint([read_answer("Setuju")]) is None


@pytest.mark.parametrize("raw, expected", [("62,5", 62.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("7", 7.0), ("abc", None), (True, None)])
def test_numbers(raw, expected):
    assert parse_number(raw) == expected


@pytest.mark.parametrize("a, b", [
    ("LAPAS BANYUWANGI", "Lapas Kelas IIA Banyuwangi"), ("Lapas Kls. IIA Banyuwangi", "Lembaga Pemasyarakatan Kelas II A Banyuwangi"),
    ("LP Perempuan Kelas IIA Malang", "Lapas Perempuan Malang"), ("Rutan Kelas I Surabaya", "Rumah Tahanan Negara Surabaya"),
    ("Lapas Kelas 2A Bandar Lampung", "LAPAS KELAS IIA BANDAR LAMPUNG"),
])
def test_units_merge_over_class_and_spelling(a, b):
    assert parse_unit(a).key == parse_unit(b).key


@pytest.mark.parametrize("a, b", [
    ("Lapas Perempuan Kelas IIA Malang", "Lapas Kelas I Malang"), ("Lapas Narkotika Kelas IIA Pamekasan", "Lapas Kelas IIA Pamekasan"),
    ("Rutan Kelas I Surabaya", "Lapas Kelas I Surabaya"), ("LPKA Kelas I Blitar", "Lapas Kelas IIB Blitar"),
])
def test_units_never_merge_across_types(a, b):
    registry = UnitRegistry()
    assert registry.resolve(parse_unit(a)) != registry.resolve(parse_unit(b))


def test_registry_merges_typo_and_prefers_name_with_class():
    registry = UnitRegistry()
    first = registry.resolve(parse_unit("LAPAS BANYUWANGI"))
    second = registry.resolve(parse_unit("Lapas Kelas IIA Banyuwangie"))
    assert first == second == "lapas-banyuwangi"
    assert registry.display(first) == "Lapas Kelas IIA Banyuwangi"
    assert registry.find("lapas banyuwangi") == "lapas-banyuwangi"


def test_a_kanwil_is_a_unit_but_never_beside_a_upt():
    from zi_analytics.kinds.common import sheet_unit

    kanwil = parse_unit("Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jawa Timur")
    assert kanwil is not None and kanwil.key == "kanwil-jawa-timur"
    title = ["KANTOR WILAYAH DIREKTORAT JENDERAL PEMASYARAKATAN JAWA TIMUR", "RENCANA AKSI ZONA INTEGRITAS 2026"]
    assert sheet_unit(title, "RA Lapas Kelas IIA Banyuwangi.xlsx").unit.key == "lapas-banyuwangi"
    assert sheet_unit(title, "Rencana Aksi Kanwil.xlsx").unit.key == "kanwil-jawa-timur"  # the Kanwil's own plan


@pytest.mark.parametrize("name, key", [
    ("Kantor Imigrasi Kelas II Blitar", "kanim-blitar"), ("Rudenim Denpasar", "rudenim-denpasar"),
    ("Dinas Kesehatan Kota Banjarbaru", "dinas-kesehatan-kota-banjarbaru"), ("Rupbasan Kelas I Surabaya", "rupbasan-surabaya")])
def test_any_government_unit_is_a_unit(name, key):
    assert parse_unit(name).key == key


def test_a_normaliser_of_the_cell_alone_answers_as_itself_and_computes_each_cell_once(monkeypatch):
    """`per_value` of a one-argument normaliser keeps answers per type of cell (`text._per_cell`)."""
    from decimal import Decimal

    from zi_analytics.normalize import text

    calls: list[object] = []

    @text.per_value
    def shout(value):
        calls.append(value)
        if value.__class__ is str and value == "boom":
            raise ValueError("boom")
        return f"{type(value).__name__}:{value}".upper()

    cells = ["a", "a", 1, 1.0, True, 1, "x" * 300, "x" * 300, [1], [1], Decimal("sNaN"), "a"]
    assert [shout(v) for v in cells] == [f"{type(v).__name__}:{v}".upper() for v in cells]
    # 1, 1.0 and True are equal keys but different cells; long texts, lists and a signalling NaN are not kept
    assert [repr(c) for c in calls] == [repr(c) for c in ["a", 1, 1.0, True, "x" * 300, "x" * 300, [1], [1], Decimal("sNaN")]]
    for _ in range(2):
        with pytest.raises(ValueError):
            shout("boom")
    assert calls.count("boom") == 2, "a failure is not remembered"
    monkeypatch.setattr(text, "PER_VALUE_ENTRIES", 3)
    calls.clear()
    for value in ["b", "c", "d", "b"]:  # "d" finds the str answers full ("a", "b", "c"): they are dropped
        shout(value)
    assert calls == ["b", "c", "d", "b"]
    shout.cache_clear()
    shout("d")
    assert calls[-1] == "d"


@pytest.mark.parametrize("raw", ["proses", "Sedang Berjalan", "On Progress", "dalam proses"])
def test_progress_under_way_is_unknown_not_zero(raw):
    import math

    assert math.isnan(parse_progress(raw))


@pytest.mark.parametrize(("raw", "expected"), [
    ("masih jalan", "berjalan"), ("dijalankan", "berjalan"), ("tidak jalan", "dihentikan"), ("belum jalan", "ide"),
    ("sedang diujicobakan", "uji_coba"), ("berhenti sementara", "dihentikan"), ("mandek", None), ("Sudah berjalan", "berjalan")])
def test_an_innovation_status_is_found_by_its_words_or_their_roots_negations_first(raw, expected):
    assert innovation_status_key(raw) == expected


@pytest.mark.parametrize(("word", "root"), [("berjalan", "jalan"), ("jalan", "jalan"), ("dihentikan", "henti"),
                                            ("berhenti", "henti"), ("ide", "ide"), ("masih", "masih")])
def test_a_word_root_drops_one_prefix_and_one_suffix_only_while_four_letters_stay(word, root):
    assert word_root(word) == root
