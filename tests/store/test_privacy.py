"""Personal data in free text (issue 24 item 2): phone numbers in every common Indonesian spelling, NIK and NIP
with or without spaces, e-mail addresses and the complainant's own name are removed; dates, times, amounts and
ordinary numbers stay. And a rejected-row reason that quotes a long cell cut short keeps none of it."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zi_analytics.kinds.common import shown
from zi_analytics.privacy import scrub_text
from zi_analytics.store.access import redact_problems
from zi_analytics.services import import_bytes

SEPARATORS = st.sampled_from([" ", ".", "-", "–", "—", " - ", " – ", ""])
WORDS = st.sampled_from(["Mohon dihubungi di", "WA:", "kontak", "telp.", "Hubungi", ""])


def _split(digits: str, cuts: list[int], seps: list[str]) -> str:
    points = sorted({c % len(digits) for c in cuts if 0 < c % len(digits)})
    parts = [digits[a:b] for a, b in zip([0] + points, points + [len(digits)])]
    return "".join(part + (seps[i % len(seps)] if i < len(parts) - 1 else "") for i, part in enumerate(parts))


@st.composite
def phone_numbers(draw) -> tuple[str, str]:
    """(how it is written, its significant digits)."""
    mobile = "8" + draw(st.sampled_from("1235789")) + draw(st.text("0123456789", min_size=7, max_size=9))
    prefix = draw(st.sampled_from(["0", "+62", "+62 ", "62", "(0", "+62-"]))
    seps = draw(st.lists(SEPARATORS, min_size=1, max_size=4))
    body = _split(mobile[3:], draw(st.lists(st.integers(1, 12), max_size=3)), seps)
    head = mobile[:3]
    written = f"(0{head}) {body}" if prefix == "(0" else f"{prefix}{head}{draw(SEPARATORS)}{body}"
    return written, mobile


@given(phone_numbers(), WORDS, WORDS)
def test_no_phone_number_spelling_survives(phone, before, after):
    written, digits = phone
    text = f"{before} {written} {after}".strip()
    scrubbed = scrub_text(text)
    assert "[nomor telepon]" in scrubbed, (text, scrubbed)
    assert digits[-4:] not in re.sub(r"\D", "", scrubbed), (text, scrubbed)


@given(st.text("0123456789", min_size=16, max_size=16).filter(lambda d: d[0] != "0"),
       st.sampled_from([[], [4, 8, 12], [6, 12], [2, 4, 6, 12]]), st.sampled_from([" ", ".", "-", ""]))
def test_nik_with_or_without_spaces_is_removed(nik, cuts, sep):
    """As NIKs are written: whole, 4-4-4-4, 6-6-4 (region, birth date, serial) or 2.2.2.6.4."""
    written = _split(nik, cuts, [sep])
    scrubbed = scrub_text(f"NIK pelapor {written}, alamat jelas")
    assert nik[-6:] not in re.sub(r"\D", "", scrubbed), (written, scrubbed)


def test_nip_email_and_the_complainants_own_name_are_removed():
    text = "Saya Siti Aminah (NIP 19750101 199803 1 001, siti.aminah@mail.go.id); siti aminah menunggu jawaban"
    scrubbed = scrub_text(text, ("Siti Aminah",))
    assert "19750101" not in scrubbed and "@" not in scrubbed
    assert "siti" not in scrubbed.lower() and "aminah" not in scrubbed.lower()


@given(st.sampled_from(["02-03-2026", "12/01/2026 10.00", "2026-01-15 08:30:00", "jam 08.30 s.d. 10.00",
                        "Rp 1.500.000", "Rp 250.000,00", "kamar 12 blok B", "tahun 2026", "pukul 0830", "3 orang",
                        "TW II 2026", "75%", "No. 12/PAS/2026"]))
def test_dates_times_amounts_and_ordinary_numbers_stay(text):
    assert scrub_text(text) == text


def test_a_reason_quoting_a_long_cell_cut_short_keeps_none_of_it():
    cell = ("Keluarga WBP a.n. Budi Santoso, telepon 0812 3456 7890, melaporkan petugas meminta uang saat kunjungan "
            "pada hari Senin")
    reason = f"Status '{shown(cell)}' tidak dikenali"  # as a parser quotes it: cut short
    assert shown(cell) != cell
    problems = pd.DataFrame({"file": ["x.csv"], "sheet": ["x"], "row": [3], "column": ["E"], "value": [cell],
                             "reason": [reason], "rejected": [True]})
    redacted = redact_problems(problems).iloc[0]
    assert "Budi" not in redacted["reason"] and "0812" not in redacted["reason"] and "3456" not in redacted["reason"]
    assert redacted["value"] != cell


def test_no_personal_value_reaches_pimpinan_on_any_page_download_or_export(tmp_path, monkeypatch):
    """The masking audit: a register full of personal data, read back as pimpinan of its unit through every
    page, the open-complaints table (page and CSV), the rejected rows, the Excel report and the briefing."""
    import io
    from datetime import date
    from pathlib import Path

    import openpyxl
    from streamlit.testing.v1 import AppTest

    from conftest import write_csv
    from zi_analytics.readiness import unit_readiness
    from zi_analytics.report.excel import excel_report
    from zi_analytics.report.html import briefing_html
    from zi_analytics.metrics import current_action_plan
    from zi_analytics.rules.regulation import load_regulation
    from zi_analytics.store import LAPTOP_USER, Principal, Workspace
    from zi_analytics.store.export import csv_bytes
    from zi_analytics.summary import build_summary
    from zi_analytics.ui.shell import PAGES
    from zi_analytics.views import complaints as complaint_views

    root = Path(__file__).resolve().parents[2]
    as_of = date(2026, 11, 23)
    long_status = "Sudah dikonfirmasi kepada Siti Aminah lewat telepon (0812) 3456 7890 dan surat ke alamat rumahnya di Malang"
    rows = [["REGISTER PENGADUAN LAPAS KELAS I MALANG"], [],
            ["Tgl Masuk", "Nama Pelapor", "No HP", "Media", "Uraian Pengaduan", "Tindak Lanjut", "Status"],
            ["03/09/2026", "Siti Aminah", "0812-3456-7890", "WA", "Saya Siti Aminah, hubungi (0812) 3456 7890 atau "
             "siti.aminah@mail.com, NIK 3510 1234 5678 0001", "Dijawab ke 0812–3456–7890", "Selesai"],
            ["10/09/2026", "Budi Santoso", "+62 813 1111 2222", "Lapor", "Budi Santoso minta dihubungi 0813.1111.2222",
             "", long_status],
            ["kemarin", "Rina Wati", "0857 9999 8888", "WA", "Rina Wati 0857 9999 8888", "", "Proses"],
            # the spellings the attack review found getting through (F4)
            ["12/09/2026", "Dewi", "", "SMS", "Hubungi (+62) 812 9876 5432 / WA081298765433 / 0 812 4321 5434 / "
             "08 12 33 44 55 66 / ０８１２ ７７７７ ６６６６ / 0812/1357/2468, NIK 3573/0155/0580/0002, "
             "dewi(at)gmail(dot)com", "", "Proses"]]
    path = write_csv(tmp_path / "register_pengaduan_malang.csv", rows)
    personal = ["Siti", "Aminah", "Budi", "Santoso", "Rina", "Wati", "siti.aminah", "3456", "7890", "1111", "2222",
                "9999", "8888", "3510", "9876", "5432", "98765433", "4321", "5434", "44 55 66", "７７７７", "7777", "1357",
                "2468", "3573", "0155", "dewi(at)"]

    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    monkeypatch.setenv("ZI_MODE", "server")
    monkeypatch.setenv("ZI_COOKIE_SECRET", "s3cr3t-0123456789-abcdefghij-klmnopq")
    monkeypatch.setenv("ZI_SEED_SAMPLE", "false")
    ws = Workspace.open()
    try:
        assert import_bytes(ws, path.read_bytes(), path.name, LAPTOP_USER, today=as_of).status == "stored"
        ws.add_user(LAPTOP_USER, "kalapas.mlg", "rahasia-456", "pimpinan", unit_key="lapas-malang")
        boss = Principal("kalapas.mlg", "pimpinan", "lapas-malang")
        dataset = ws.dataset(boss)
        frames = dataset.frames
        regulation = load_regulation()
        summary = build_summary(dataset, as_of, ["lapas-malang"])["units"][0]
        result = unit_readiness(frames, "lapas-malang", as_of, regulation)
        complaints = frames["complaints"]
        open_table = complaint_views.backlog(complaints, as_of)
        texts = [csv_bytes(open_table).decode("utf-8", "replace"), csv_bytes(dataset.problems).decode("utf-8", "replace"),
                 briefing_html(summary, result, regulation, current_action_plan(frames["action_plan"], as_of), complaints, as_of)]
        book = openpyxl.load_workbook(io.BytesIO(excel_report(summary, result, regulation, frames["action_plan"],
                                                              frames["survey_responses"], frames["survey_answers"],
                                                              complaints, dataset.problems, as_of)))
        texts += [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    finally:
        ws.close()

    app = AppTest.from_file(str(root / "app.py"), default_timeout=90)
    app.run()
    app.text_input(key="login_username").set_value("kalapas.mlg")
    app.text_input(key="login_password").set_value("rahasia-456")
    app.form_submit_button[0].click().run()
    for page in PAGES:
        app.switch_page(page.path).run()
        assert not app.exception, (page.path, [e.message for e in app.exception])
        texts += [str(e.value) for kind in ("markdown", "caption", "info", "warning", "error", "success", "table")
                  for e in getattr(app, kind)]
        texts += [frame.value.to_csv() for frame in app.dataframe]
    everything = "\n".join(texts)

    def found(value: str, line: str) -> bool:  # as a word or a digit group, not inside "position"
        return re.search(rf"(?<![A-Za-z0-9]){re.escape(value)}(?![A-Za-z0-9])", line, re.IGNORECASE) is not None

    leaks = [value for value in personal if found(value, everything)]
    assert leaks == [], [line for line in everything.splitlines() if any(found(v, line) for v in leaks)][:5]


@pytest.mark.parametrize("text", [
    "(+62) 812 9876 5432", "WA081298765433", "x081211112223", "0 812 9876 5434", "08 12 33 44 55 66",
    "+６２ ８１２ ３４５６ ７８９０", "0812/3456/7890", "NIK 3573/0155/0580/0002", "NIK 3573 0155 0580 0002",
    "siti(at)gmail(dot)com", "siti [at] gmail [dot] co [dot] id",
])
def test_the_spellings_the_attack_review_found_are_scrubbed(text):
    scrubbed = scrub_text(text)
    assert not any(run in scrubbed for run in ("3573", "0155", "9876", "5432", "3456", "gmail", "44 55"))
    assert sum(c.isdigit() for c in unicodedata.normalize("NFKC", scrubbed)) <= 2, scrubbed


@pytest.mark.parametrize("text", ["tgl 02-03-2026 jam 08.30", "Rp 1.500.000", "No. 12/PAS/2026", "tanggal 08-12-2026",
                                  "12/01/2026 10.00", "2026-01-15 08:30:00"])
def test_dates_amounts_and_letter_numbers_stay(text):
    assert scrub_text(text) == text
