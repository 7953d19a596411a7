"""Every page runs on the bundled sample data without an exception (streamlit.testing AppTest).

Pages are reached through app.py, as a user reaches them, so the shared menu and navigation run too.
"""

import hashlib
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import write_xlsx
from support.apptest import open_page, page_text, upload
from zi_analytics import formatting as fmt
from zi_analytics.store import LAPTOP_USER, Workspace
from zi_analytics.ui.shell import PAGES
from zi_analytics.settings import load_settings, uploaded_predicates

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = json.loads((ROOT / "sample_data" / "expected.json").read_text(encoding="utf-8"))
SAMPLE_UNITS, SAMPLE_FILES = len(SAMPLE["units"]), len(SAMPLE["files"])


@pytest.fixture(autouse=True, scope="module")
def workspace_dir(tmp_path_factory):
    """The app's workspace in a temporary folder (seeded with the sample data on first use), not in data/."""
    folder = tmp_path_factory.mktemp("workspace")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("ZI_DATABASE_URL", "ZI_MODE", "ZI_COOKIE_SECRET", "ZI_SECRETS_FILE"):
            patch.delenv(name, raising=False)
        patch.setenv("ZI_DATA_DIR", str(folder))
        yield folder


LOADED = {  # what each page shows once its data is there
    "ringkasan": "Tiga langkah", "area": "Semua kegiatan", "survei": "SPAK dan SPKP terhadap minimum",
    "pengaduan": "Pengaduan terbuka", "perbandingan": "Peringkat kesiapan", "studi_tiru": "Kekurangan menuju", "kesiapan": "Simulasi",
    "unggah": "File yang datanya sedang dipakai", "workspace": "", "pengaturan": "Isian per unit", "briefing": "Kesiapan WBK dan WBBM",
    "pengguna": "Akun",
}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_page_renders_on_sample_data(page):
    app = open_page(page.path)
    assert not app.exception, [e.message for e in app.exception]
    if page.url_path != "briefing":  # the briefing screen spends no space on a page title
        assert app.title and app.title[0].value.startswith(page.title.split()[0])
    assert LOADED[page.url_path] in page_text(app)
    assert "Traceback" not in page_text(app)


def _sample_summary():
    from datetime import date

    from zi_analytics.store import LAPTOP_USER, Workspace
    from zi_analytics.summary import build_summary

    workspace = Workspace.open()
    try:  # with the Pokja's inputs seeded beside the sample files and the uploaded list of predicates, as the pages judge
        dataset = workspace.dataset(LAPTOP_USER)
        settings = load_settings(workspace).with_records(uploaded_predicates(dataset.frames["predicates"]))
        return build_summary(dataset, date.today(), options=settings.options)
    finally:
        workspace.close()


def test_ringkasan_verdict_and_figures_match_the_engine_for_every_unit():
    app = open_page("pages/ringkasan.py")
    summary = {u["unit"]: u for u in _sample_summary()["units"]}
    options = app.selectbox(key="scope_unit_widget").options
    assert sorted(options) == sorted(summary)
    for name in options:
        app.selectbox(key="scope_unit_widget").set_value(summary[name]["key"]).run()
        assert not app.exception
        readiness = summary[name]["readiness"]
        metrics = {m.label: m.value for m in app.metric}
        assert metrics["Nilai total"] == fmt.number(readiness["total"], 2)
        assert metrics["Pengungkit"] == fmt.number(readiness["pengungkit"], 2)
        failing = sum(not c["pass"] for c in readiness["wbk"]["checks"])
        verdicts = " ".join(e.value for e in [*app.error, *app.success])
        count = len(readiness["wbk"]["checks"])
        assert (f"{failing} dari {count} kriteria" if failing else f"memenuhi semua {count} kriteria") in verdicts
        assert any(f"Cakupan: **{name}**" in c.value for c in app.caption)
        steps = [m.value for m in app.markdown if m.value.startswith("1. **")]
        assert steps and "nilai total +" in steps[0]


def test_the_sample_story_shows_a_wbk_holder_ready_and_one_close_to_wbbm():
    """The seeded inputs of the sample's Pokja (predicate held, Halinar, documents) with its LKE files: Rutan
    Kelas I Surabaya meets every WBK criterion, Lapas Kelas I Surabaya misses WBBM by a few points."""
    app = open_page("pages/ringkasan.py")  # seeds the workspace with the samples on first use
    summary = {u["key"]: u["readiness"] for u in _sample_summary()["units"]}
    assert summary["rutan-surabaya"]["wbk"]["ready"] and summary["lapas-surabaya"]["wbk"]["ready"]
    close = summary["lapas-surabaya"]["wbbm"]
    assert not close["ready"] and 0 < next(c for c in close["checks"] if c["id"] == "total")["gap"] < 5
    assert all(c["pass"] for c in close["checks"] if c["id"].startswith("precondition:"))
    app.selectbox(key="scope_unit_widget").set_value("rutan-surabaya").run()
    assert not app.exception and any("WBK" in s.value for s in app.success)


def test_predicates_held_are_shown_on_the_comparison_and_entered_in_pengaturan(tmp_path, monkeypatch):
    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    comparison = open_page("pages/perbandingan.py")
    league = comparison.dataframe[0].value.set_index("Unit")
    assert league.loc["Lapas Kelas I Surabaya (contoh)", "Predikat"] == "WBK 2023"
    assert league.loc["Lapas Kelas IIA Banyuwangi (contoh)", "Predikat"] == "–"
    settings = open_page("pages/pengaturan.py")
    settings.selectbox(key="settings_unit").set_value("lapas-surabaya").run()
    assert not settings.exception and "Predikat yang sudah diraih" in page_text(settings)
    ws = Workspace.open()  # as the form saves a new record (its rows are checked in test_readiness)
    try:
        from zi_analytics.settings import PredicateHeld, UnitInputs, save_settings

        save_settings(ws, LAPTOP_USER, load_settings(ws).with_unit("lapas-banyuwangi", UnitInputs(
            predicates=[PredicateHeld(predicate="WBK", year=2024, decree="KEP/7/2024")])))
    finally:
        ws.close()
    again = open_page("pages/perbandingan.py").dataframe[0].value.set_index("Unit")
    assert again.loc["Lapas Kelas IIA Banyuwangi (contoh)", "Predikat"] == "WBK 2024"


def test_a_user_of_several_kanwil_filters_the_comparison_and_sees_a_table_per_kanwil(tmp_path, monkeypatch):
    """Issue 28 item 2: Kanwil, type and class filters; the per-Kanwil table; the league keeps the chosen units."""
    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    open_page("pages/ringkasan.py")  # the sample is stored on first start
    ws = Workspace.open()
    try:
        ws.set_unit_kanwil(LAPTOP_USER, "lapas-madiun", "Jawa Tengah")
    finally:
        ws.close()
    app = open_page("pages/perbandingan.py")
    assert not app.exception, [e.message for e in app.exception]
    per_kanwil = next(d.value for d in app.dataframe if "Siap WBK" in d.value.columns).set_index("Kanwil")
    assert per_kanwil.loc["Jawa Timur", "Unit terdaftar"] == 10 and per_kanwil.loc["Jawa Tengah", "Ada data"] == 1
    app.multiselect(key="filter_kanwil").set_value(["Jawa Tengah"]).run()
    league = next(d.value for d in app.dataframe if "Peringkat" in d.value.columns)
    assert list(league["Unit"]) == ["Lapas Kelas I Madiun (contoh)"]
    app.multiselect(key="filter_kanwil").set_value([]).run()
    app.multiselect(key="filter_type").set_value(["bapas"]).run()
    league = next(d.value for d in app.dataframe if "Peringkat" in d.value.columns)
    assert sorted(league["Unit"]) == ["Bapas Kelas II Jember (contoh)", "Bapas Kelas II Kediri (contoh)"]
    assert not app.exception


def test_studi_tiru_names_peers_for_each_gap_with_their_evidence_and_offers_the_brief():
    app = open_page("pages/studi_tiru.py")
    app.selectbox(key="scope_unit_widget").set_value("lapas-madiun").run()
    assert not app.exception, [e.message for e in app.exception]
    gaps = [m.value for m in app.markdown if re.match(r"\*\*\d+\. ", m.value)]
    assert gaps and "bernilai" in gaps[0]  # the costliest first
    peers = app.dataframe[0].value
    assert list(peers.columns) == ["Unit", "Kanwil", "Nilai", "Predikat"] and "WBK 2023" in list(peers["Predikat"])
    assert any(m.value.startswith("**Inovasi di area ini") for m in app.markdown)
    text = page_text(app)
    for pic in ("Ka. KPLP", "Kasubag TU", "Kasi Binadik"):  # the sample's PIC column never shows
        assert pic not in " ".join(" ".join(map(str, d.value.to_numpy().ravel())) for d in app.dataframe) and pic not in text
    assert any(b.key == "studi_tiru_brief" for b in app.get("download_button"))


def test_a_visit_recorded_on_one_units_page_shows_on_the_others(tmp_path, monkeypatch):
    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    host = open_page("pages/studi_tiru.py")
    host.selectbox(key="scope_unit_widget").set_value("bapas-kediri").run()
    before = next(c.value for c in host.caption if "menjadi rujukan" in c.value)
    visitor = open_page("pages/studi_tiru.py")
    visitor.selectbox(key="scope_unit_widget").set_value("lapas-madiun").run()
    visitor.get("form_submit_button")[-1].click().run()  # nothing chosen: refused in Indonesian, nothing stored
    assert any("tuan rumah" in e.value for e in visitor.error) and not visitor.exception
    visitor.selectbox(key="visit_host").set_value("bapas-kediri")
    visitor.multiselect(key="visit_areas").set_value(["pelayanan_publik"])
    visitor.text_area(key="visit_adopted").set_value("Layanan informasi WhatsApp")
    visitor.get("form_submit_button")[-1].click().run()
    assert not visitor.exception and not visitor.error
    made = visitor.dataframe[-1].value
    assert made.iloc[0]["Kunjungan"] == "ke" and made.iloc[0]["Unit"] == "Bapas Kelas II Kediri"
    assert "Peningkatan Kualitas Pelayanan Publik" in made.iloc[0]["Perubahan sejak kunjungan"]
    host = open_page("pages/studi_tiru.py")
    host.selectbox(key="scope_unit_widget").set_value("bapas-kediri").run()
    received = host.dataframe[-1].value
    assert list(received.iloc[0][["Kunjungan", "Unit", "Yang diadopsi"]]) == ["dari", "Lapas Kelas I Madiun", "Layanan informasi WhatsApp"]
    after = next(c.value for c in host.caption if "menjadi rujukan" in c.value)
    count = lambda text: int(re.search(r"rujukan (\d+) kali", text).group(1))  # noqa: E731
    assert count(after) == count(before) + 1


def test_upload_help_offers_a_template_and_pictures_of_read_layouts_for_every_kind():
    from zi_analytics.report.templates import TEMPLATE_KINDS, template_spec
    from zi_analytics.ui.escape import md

    app = open_page("pages/unggah.py")
    assert [t.label for t in app.tabs][:4] == ["Rencana aksi", "Survei", "Register pengaduan", "LKE"]
    assert len(app.tabs) == len(TEMPLATE_KINDS)
    assert [b.key for b in app.get("download_button") if b.key.startswith("template_")] == [f"template_{k}" for k in TEMPLATE_KINDS]
    captions = [c.value for c in app.caption]
    for kind in TEMPLATE_KINDS:
        assert all(any(md(layout["caption"]) in c for c in captions) for layout in template_spec(kind)["layouts"]), kind


def test_scope_unit_follows_the_user_across_pages_and_sits_in_the_address():
    app = open_page("pages/ringkasan.py")
    units = {u["unit"]: u["key"] for u in _sample_summary()["units"]}
    last = app.selectbox(key="scope_unit_widget").options[-1]
    app.selectbox(key="scope_unit_widget").set_value(units[last]).run()
    assert app.query_params["unit"] in (units[last], [units[last]])
    app.switch_page("pages/pengaduan.py").run()
    assert not app.exception
    assert app.selectbox(key="scope_unit_widget").value == units[last]
    assert any(f"Cakupan: **{last}**" in c.value for c in app.caption)


def test_kesiapan_what_if_flips_an_area():
    app = open_page("pages/kesiapan.py")
    assert not app.exception, [e.message for e in app.exception]
    app.select_slider(key="whatif_penguatan_pengawasan").set_value(100.0).run()
    assert not app.exception
    assert any("setelah simulasi" in m.label for m in app.metric)
    flips = app.dataframe[-1].value
    assert "Penguatan Pengawasan" in " ".join(flips["Kriteria"])


def test_complaint_page_masks_complainants_and_counts_match():
    from zi_analytics.store import LAPTOP_USER, Workspace

    app = open_page("pages/pengaduan.py")
    key = "lapas-banyuwangi"  # its register names its complainants
    app.selectbox(key="scope_unit_widget").set_value(key).run()
    workspace = Workspace.open()
    frames = workspace.dataset(LAPTOP_USER).frames
    workspace.close()
    complaints = frames["complaints"].loc[frames["complaints"]["unit_key"] == key]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Pengaduan masuk"] == fmt.number(len(complaints), 0)
    backlog = app.dataframe[0].value
    names = {n for n in complaints["complainant"] if isinstance(n, str) and n.strip()}
    shown = " ".join(backlog.astype(str).to_numpy().ravel())
    assert names and not any(name in shown for name in names)
    assert all("***" in p for p in backlog["Pelapor"] if p)


def test_briefing_walks_every_slide_without_names_of_people():
    from zi_analytics.store import LAPTOP_USER, Workspace

    workspace = Workspace.open()
    frames = workspace.dataset(LAPTOP_USER).frames
    workspace.close()
    people = {n for n in frames["complaints"]["complainant"] if isinstance(n, str) and len(n) > 3}
    people |= {n for n in frames["action_plan"]["pic"] if isinstance(n, str) and len(n) > 3}
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    app.query_params["mode"] = "briefing"
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert not app.title and any("zi-counter" in m.value for m in app.markdown)
    seen = []
    for _ in range(6):
        counter = next(m.value for m in app.markdown if "zi-counter" in m.value)
        seen.append(counter)
        text = page_text(app)
        assert not any(person in text for person in people), [p for p in people if p in text]
        app.button(key="briefing_next").click().run()
        assert not app.exception
    assert len(set(seen)) >= 5  # at least status, areas, actions, surveys, complaints


def test_settings_fill_unit_inputs_and_change_the_verdict():
    app = open_page("pages/pengaturan.py")
    unit = app.selectbox(key="settings_unit").value
    app.text_input(key=f"capaian_{unit}").set_value("4,5")  # written the Indonesian way
    for radio in app.radio:
        if radio.key and radio.key.startswith("pre_"):
            radio.set_value("ya")
    app.form_submit_button[-1].click().run()
    assert not app.exception, [e.message for e in app.exception]
    overview = open_page("pages/ringkasan.py")
    overview.selectbox(key="scope_unit_widget").set_value(unit).run()
    assert not any("capaian kinerja belum diisi" in w.value for w in overview.warning)
    criteria = overview.dataframe[0].value
    row = criteria.loc[criteria["Kriteria"].str.startswith("Capaian kinerja")].iloc[0]
    assert row["Nilai"] == fmt.number(4.5, 2)


def _plan_bytes(tmp_path, title: str, progress: str) -> bytes:
    from conftest import write_xlsx

    rows = [[title], ["Posisi 20 November 2026"], [],
            ["No", "Kegiatan", "Area Perubahan", "PIC", "Target", "Progres"],
            [1, "Penetapan Tim Pokja ZI", "Manajemen Perubahan", "KPLP", "Januari 2026", progress],
            [2, "Reviu SOP layanan kunjungan", "Penataan Tatalaksana", "Kasi Binadik", "Juni 2026", "Selesai"],
            [3, "Survei internal integritas", "Penguatan Pengawasan", "KPR", "31/12/2026", "0,4"],
            [], ["Mengetahui,"], ["Kepala Lapas"]]
    path = write_xlsx(tmp_path / f"{title}.xlsx", {"RA November": rows})
    return path.read_bytes()


def test_upload_is_stored_used_by_every_page_and_not_stored_twice(tmp_path, monkeypatch):
    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    app = open_page("pages/unggah.py")
    assert not app.exception
    content = _plan_bytes(tmp_path, "RENCANA AKSI ZI LAPAS KELAS IIB JOMBANG", "75%")
    upload(app, "RA Jombang Nov 2026.xlsx", content)
    assert any("disimpan" in s.value and "RA Jombang Nov 2026.xlsx" in s.value for s in app.success)
    sheets = app.dataframe[0].value
    assert list(sheets["Lembar"]) == ["RA November"] and list(sheets["Unit"]) == ["Lapas Kelas IIB Jombang"]
    assert list(sheets["Diterima"]) == ["3"]
    # every page reads the store: the new unit is there and its figures are shown
    for page in PAGES:
        view = open_page(page.path)
        assert not view.exception, (page.path, [e.message for e in view.exception])
        pickers = [w for w in view.selectbox if w.key == "scope_unit_widget"]
        if pickers:
            assert "Lapas Kelas IIB Jombang" in pickers[0].options, page.path
    overview = open_page("pages/ringkasan.py")
    overview.selectbox(key="scope_unit_widget").set_value("lapas-jombang").run()
    assert any("Cakupan: **Lapas Kelas IIB Jombang**" in c.value for c in overview.caption)
    areas = open_page("pages/area.py")
    areas.selectbox(key="scope_unit_widget").set_value("lapas-jombang").run()
    assert "Penetapan Tim Pokja ZI" in " ".join(" ".join(map(str, d.value.to_numpy().ravel())) for d in areas.dataframe)
    comparison = open_page("pages/perbandingan.py")
    league = comparison.dataframe[0].value
    assert list(league["Unit"]) == ["Lapas Kelas IIB Jombang"]  # the sample units leave the ranking
    assert any(f"{SAMPLE_UNITS} unit data contoh tidak ikut peringkat" in c.value for c in comparison.caption)
    stored = open_page("pages/unggah.py")
    assert any("RA Jombang Nov 2026.xlsx" in e.label for e in stored.expander)
    # the same bytes again change nothing and say so
    again = upload(open_page("pages/unggah.py"), "salinan.xlsx", content)
    assert any("sudah ada" in i.value for i in again.info)
    history = open_page("pages/workspace.py")
    history.selectbox(key="history_unit").set_value("lapas-jombang").run()
    assert list(history.dataframe[0].value["Status"]) == ["Berlaku"]


LKE_KINDS = ("complete_in_label", "partial", "empty", "older_rb", "real_filled")


@pytest.mark.parametrize("lke", LKE_KINDS)
def test_every_page_opens_after_any_kind_of_lke_upload(tmp_path, monkeypatch, lke):
    """Issue 23: no page raises on an LKE, complete (codes inside the labels), partial, unfilled or foreign."""
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from support.lke_builder import BEST, write_lke

    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    real = ROOT.parent / "shared" / "real-files" / {"older_rb": "e. Untuk Satuan Kerja, rekomendasi dari Kepala.xlsx",
                                                     "real_filled": "form kuesioner.xlsx"}.get(lke, "-")
    if lke in ("older_rb", "real_filled"):
        if not real.exists():
            pytest.skip("../shared/real-files not present")
        name, content = real.name, real.read_bytes()
    else:
        answers = {"complete_in_label": lambda *a: BEST[a[-1]],
                   "partial": lambda s, area, *a: "" if area == "pelayanan_publik" else BEST[a[-1]],
                   "empty": lambda *a: ""}[lke]
        name = "LKE Lapas Kelas IIB Jombang.xlsx"
        content = write_lke(tmp_path / name, "LAPAS KELAS IIB JOMBANG", answers, hasil={"ipak": 3.6, "capaian": "80%", "ipkp": 3.2},
                            arrangement="in_label").read_bytes()
    app = open_page("pages/unggah.py")  # seeds the workspace with the samples on first use
    if lke in ("older_rb", "real_filled"):  # the file names no unit: it goes to the workspace's own
        ws = Workspace.open(None)
        try:
            ws.set_home_unit(LAPTOP_USER, "Lapas Kelas IIB Jombang")
        finally:
            ws.close()
    upload(app, name, content)
    assert "Traceback" not in page_text(app)
    for page in PAGES:
        view = open_page(page.path)
        pickers = [w for w in view.selectbox if w.key == "scope_unit_widget"]
        if pickers and "lapas-jombang" in pickers[0].options:
            pickers[0].set_value("lapas-jombang").run()
        assert not view.exception, (lke, page.path, [e.message for e in view.exception])
        assert "Traceback" not in page_text(view)
    overview = open_page("pages/ringkasan.py")
    if lke != "older_rb":
        overview.selectbox(key="scope_unit_widget").set_value("lapas-jombang").run()
        basis = " ".join(c.value for c in overview.caption if "Dasar nilai" in c.value)
        want = {"complete_in_label": "LKE penilaian mandiri", "partial": "LKE (sebagian)", "empty": "perkiraan",
                "real_filled": "LKE penilaian mandiri"}[lke]
        assert want in basis, basis
    if lke == "real_filled":  # 95,71 computed from the answers, and why the sheet's own 95,58 differs
        assert any(m.label == "Nilai total" and m.value == "95,71" for m in overview.metric)
        area = open_page("pages/area.py")
        area.selectbox(key="scope_unit_widget").set_value("lapas-jombang").run()
        differences = next(d.value for d in area.dataframe if "Kemungkinan sebab" in d.value.columns)
        assert 175 in list(differences["Baris"]) and differences["Kemungkinan sebab"].str.contains("LHKPN").any()


def test_upload_over_the_configured_limit_is_refused_in_indonesian_and_nothing_else_changes(tmp_path, monkeypatch):
    """The limit is server.maxUploadSize (.streamlit/config.toml), here lowered to 1 MB for a small test file."""
    from streamlit import config

    assert config.get_option("server.maxUploadSize") == 100  # the value of .streamlit/config.toml
    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    config.set_option("server.maxUploadSize", 1)
    try:
        _refuse_over_the_limit(tmp_path)
    finally:
        config.set_option("server.maxUploadSize", 100)


def _refuse_over_the_limit(tmp_path) -> None:
    app = open_page("pages/unggah.py")
    assert "maksimal 1 MB per file" in app.file_uploader[0].label
    before = [e.label for e in app.expander]
    content = _plan_bytes(tmp_path, "RENCANA AKSI ZI LAPAS KELAS IIB JOMBANG", "75%")
    big = content + b"\0" * (1024 * 1024)  # the same workbook padded past 1 MB
    upload(app, "RA Jombang besar.xlsx", big)
    errors = " ".join(e.value for e in app.error)
    assert "File terlalu besar (1,0 MB); batas unggah adalah 1,0 MB." in errors, errors
    assert "RA Jombang besar.xlsx" in page_text(app)  # the message names the file
    assert "Traceback" not in page_text(app)
    after = open_page("pages/unggah.py")
    assert [e.label for e in after.expander] == before  # earlier data stays; the big file is not stored
    upload(after, "RA Jombang.xlsx", content)  # the same data under the limit is stored
    assert any("disimpan" in s.value for s in after.success)


def test_sheet_without_a_unit_is_fixed_with_the_picker(tmp_path, monkeypatch):
    """A survey export that names no unit: every row is refused, the picker opens, choosing the unit saves the rows."""
    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    import io

    import openpyxl

    book = openpyxl.load_workbook(ROOT / "sample_data" / "Lapas Banyuwangi" / "Survei IKM SPAK SPKP 2026.xlsx")
    buffer = io.BytesIO()
    book.save(buffer)  # the same answers in other bytes than the seeded sample file
    content = buffer.getvalue()
    app = open_page("pages/unggah.py")
    upload(app, "survei tanpa nama unit.xlsx", content)
    assert any("perlu dicek, belum disimpan" in w.value for w in app.warning)  # read, waiting for a person
    fix = [e for e in app.expander if e.label.startswith("Pembacaan perlu dicek")]
    assert fix and "tidak menyebut unitnya" in fix[0].label
    assert any("PERLU DICEK" in w.value and "IKM" in w.value for w in app.warning)  # said open, not folded away
    assert app.selectbox(key="fix_sheet_0").value == "IKM"
    app.selectbox(key="fix_unit_0_IKM").set_value("Lapas Kelas IIA Banyuwangi")
    app.button(key="fix_apply_0").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert any("disimpan" in s.value for s in app.success)
    sheets = app.dataframe[0].value
    ikm = sheets.loc[sheets["Lembar"] == "IKM"].iloc[0]
    assert ikm["Unit"] == "Lapas Kelas IIA Banyuwangi" and int(ikm["Diterima"]) > 40
    # one choice of unit fixed every sheet that lacked one, in one step
    assert all(sheets.loc[sheets["Lembar"].isin(["IKM", "SPAK", "SPKP"]), "Unit"] == "Lapas Kelas IIA Banyuwangi")
    # a sheet fixed again keeps its correction
    app.selectbox(key="fix_sheet_0").set_value("SPAK").run()
    app.selectbox(key="fix_unit_0_SPAK").set_value("Lapas Kelas IIA Banyuwangi")
    app.button(key="fix_apply_0").click().run()
    sheets = app.dataframe[0].value
    assert all(sheets.loc[sheets["Lembar"].isin(["IKM", "SPAK"]), "Unit"] == "Lapas Kelas IIA Banyuwangi")
    survey_page = open_page("pages/survei.py")
    survey_page.selectbox(key="scope_unit_widget").set_value("lapas-banyuwangi").run()
    assert not survey_page.exception


def test_a_survey_that_names_no_type_is_asked_and_the_answer_is_kept(tmp_path, monkeypatch):
    """Numbered questions P1..P5 with nothing naming the survey: held back with the best guess, and the type a
    person picks is the one stored, also when the same bytes are read again."""
    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    rows = [["No", "Tanggal", "P1", "P2", "P3", "P4", "P5"]]
    rows += [[i, f"0{i}/10/2026", 4, 3, 4, 4, 3] for i in range(1, 5)]
    content = write_xlsx(tmp_path / "x.xlsx", {"Sheet1": rows}).read_bytes()
    app = open_page("pages/unggah.py")
    upload(app, "hasil survei oktober lapas banyuwangi.xlsx", content)
    assert any("perlu dicek, belum disimpan" in w.value for w in app.warning)
    assert app.selectbox(key="fix_survey_0_Sheet1").value == "ipkp"  # the guess, filled in
    app.selectbox(key="fix_survey_0_Sheet1").set_value("ipak")
    app.button(key="fix_apply_0").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert any("disimpan" in s.value for s in app.success)
    assert app.dataframe[0].value.iloc[0]["Dibaca sebagai"] == "survei IPAK"
    ws = Workspace.open(None)
    try:
        saved = ws.file_overrides(hashlib.sha256(content).hexdigest())
        assert saved["Sheet1"].survey == "ipak"
        versions = ws.versions(LAPTOP_USER, "lapas-banyuwangi")
        assert "ipak" in set(versions.loc[versions["file"] == "hasil survei oktober lapas banyuwangi.xlsx", "survey"])
    finally:
        ws.close()


def test_home_unit_is_asked_once_and_takes_files_without_a_unit(tmp_path, monkeypatch):
    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    app = open_page("pages/unggah.py")
    ask = [t for t in app.text_input if t.label == "Nama unit"]
    assert ask, "a fresh laptop workspace asks for its own unit"
    ask[0].set_value("Tabanan")
    next(b for b in app.button if b.label == "Simpan unit").click().run()
    assert any("bukan nama unit" in e.value for e in app.error)  # a place alone is no unit yet
    ask = [t for t in app.text_input if t.label == "Nama unit"]
    ask[0].set_value("Lapas Kelas IIB Tabanan")
    next(b for b in app.button if b.label == "Simpan unit").click().run()
    assert not app.exception and not [t for t in app.text_input if t.label == "Nama unit"]  # asked once
    rows = [["Timestamp", "Persyaratan", "Prosedur", "Waktu Pelayanan", "Biaya", "Produk", "Kompetensi", "Perilaku",
             "Sarana", "Penanganan Pengaduan"]] + [[f"0{d}/05/2026 09:00:00"] + [3] * 9 for d in range(1, 6)]
    from conftest import write_xlsx

    content = write_xlsx(tmp_path / "form.xlsx", {"Form Responses 1": rows}).read_bytes()
    upload(app, "Survei Kepuasan (Jawaban).xlsx", content)
    assert any("disimpan" in s.value for s in app.success)
    sheets = app.dataframe[0].value
    assert list(sheets["Unit"]) == ["Lapas Kelas IIB Tabanan"] and list(sheets["Asal unit"]) == ["unit bawaan"]
    settings = open_page("pages/pengaturan.py")
    assert "Lapas Kelas IIB Tabanan" in page_text(settings)


def test_header_row_and_kind_chosen_by_hand(tmp_path, monkeypatch):
    """Headers no synonym matches: the sheet is unknown; choosing kind, header row and columns reads it."""
    from conftest import write_xlsx

    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    rows = [["LAPAS KELAS IIB TUBAN"], [], ["Butir", "Apa yang dikerjakan", "Bidang", "Siapa", "Kapan", "Sejauh mana"],
            [1, "Sosialisasi ZI", "Manajemen Perubahan", "KPLP", "Maret 2026", "Selesai"],
            [2, "Reviu SOP", "Penataan Tatalaksana", "Binadik", "Juni 2026", "60%"]]
    content = write_xlsx(tmp_path / "aneh.xlsx", {"Lembar1": rows}).read_bytes()
    app = upload(open_page("pages/unggah.py"), "aneh.xlsx", content)
    assert app.expander and any(e.label.startswith("Pembacaan perlu dicek") for e in app.expander)
    app.selectbox(key="fix_kind_0_Lembar1").set_value("action_plan").run()
    app.number_input(key="fix_header_0_Lembar1").set_value(3).run()
    assert not app.exception, [e.message for e in app.exception]
    preview = app.dataframe[1].value  # after the sheet table: the top of the sheet, numbered like Excel
    assert list(preview.loc[3])[:2] == ["Butir", "Apa yang dikerjakan"]
    # one dropdown per column, each showing what its column holds: no grid row to lose between edits
    pickers = sorted((w for w in app.selectbox if w.key and w.key.startswith("fix_map_0_Lembar1_action_plan_3_")),
                     key=lambda w: int(w.key.rsplit("_", 1)[1]))
    assert [w.label for w in pickers] == ["Butir", "Apa yang dikerjakan", "Bidang", "Siapa", "Kapan", "Sejauh mana"]
    assert "Sosialisasi ZI · Reviu SOP" in pickers[1].help
    for position, field in enumerate(["activity", "area", "pic", "target", "progress"], start=1):
        app.selectbox(key=f"fix_map_0_Lembar1_action_plan_3_{position}").set_value(field).run()
    assert app.selectbox(key="fix_map_0_Lembar1_action_plan_3_1").value == "activity"  # the first choice kept
    app.button(key="fix_apply_0").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert any("disimpan" in s.value and "aneh.xlsx" in s.value for s in app.success)
    sheets = app.dataframe[0].value
    assert list(sheets["Diterima"]) == ["2"] and list(sheets["Unit"]) == ["Lapas Kelas IIB Tuban"]


def test_area_page_draws_the_trend_from_two_snapshots():
    """The sample data holds a June and an October snapshot of each unit."""
    app = open_page("pages/area.py")
    specs = [c.proto.spec for c in app.get("plotly_chart")]
    assert any("30 Jun 2026" in spec and "31 Okt 2026" in spec for spec in specs)


SERVER_USERS = {"admin.kanwil": ("rahasia-789", "admin", None), "op.bwi": ("rahasia-123", "operator", "lapas-banyuwangi"),
                "kalapas.mlg": ("rahasia-456", "pimpinan", "lapas-malang")}


def _server_workspace(tmp_path, monkeypatch) -> None:
    """Server mode on the sample data, with an admin, a Banyuwangi operator and Malang's pimpinan."""
    from zi_analytics.services.seeding import ensure_seeded

    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    monkeypatch.setenv("ZI_MODE", "server")
    monkeypatch.setenv("ZI_COOKIE_SECRET", "s3cr3t-0123456789-abcdefghij-klmnopq")
    monkeypatch.setenv("ZI_SEED_SAMPLE", "true")
    workspace = Workspace.open()
    ensure_seeded(workspace)
    for name, (password, role, unit) in SERVER_USERS.items():
        workspace.add_user(LAPTOP_USER, name, password, role, unit_key=unit)
    workspace.close()


def test_server_mode_asks_for_login_and_shows_only_the_users_unit(tmp_path, monkeypatch):
    _server_workspace(tmp_path, monkeypatch)

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    app.run()
    assert not app.exception
    assert app.title[0].value == "Masuk ke ZI Analytics"
    assert not app.dataframe and not app.get("plotly_chart")
    app.text_input(key="login_username").set_value("op.bwi")
    app.text_input(key="login_password").set_value("salah-sekali-1")
    app.form_submit_button[0].click().run()
    assert any("salah" in e.value for e in app.error)
    app.text_input(key="login_password").set_value("rahasia-123")
    app.form_submit_button[0].click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.selectbox(key="scope_unit_widget").options == ["Lapas Kelas IIA Banyuwangi"]
    app.switch_page("pages/perbandingan.py").run()
    assert list(app.dataframe[0].value["Unit"]) == ["Lapas Kelas IIA Banyuwangi (contoh)"]  # a sample unit, marked

    boss = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    boss.run()
    boss.text_input(key="login_username").set_value("kalapas.mlg")
    boss.text_input(key="login_password").set_value("rahasia-456")
    boss.form_submit_button[0].click().run()
    boss.switch_page("pages/unggah.py").run()
    assert not boss.exception
    assert not boss.file_uploader
    assert any("hanya melihat data" in i.value for i in boss.info)
    boss.switch_page("pages/workspace.py").run()
    assert boss.selectbox(key="history_unit").options == ["Lapas Kelas I Malang"]
    boss.switch_page("pages/pengaduan.py").run()
    assert not boss.exception
    assert all("***" in p for p in boss.dataframe[0].value["Pelapor"] if p)


def _signed_in(username: str, password: str, page: str = PAGES[0].path) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    app.run()
    app.text_input(key="login_username").set_value(username)
    app.text_input(key="login_password").set_value(password)
    app.form_submit_button[0].click().run()
    if page != PAGES[0].path:
        app.switch_page(page).run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.title[0].value != "Masuk ke ZI Analytics"
    return app


def test_an_operator_learns_from_its_kanwil_peers_the_shared_set_only_until_the_admin_turns_it_off(tmp_path, monkeypatch):
    """Issue 27 item 6: the Banyuwangi operator sees its peers' area figures and innovations on Studi Tiru, never
    their complaints, survey figures, people or links; the admin's switch per Kanwil ends it."""
    _server_workspace(tmp_path, monkeypatch)
    operator = _signed_in("op.bwi", "rahasia-123", "pages/studi_tiru.py")
    assert any("membagikan secara terbatas" in c.value for c in operator.caption)
    peers = [d.value for d in operator.dataframe if list(d.value.columns) == ["Unit", "Kanwil", "Nilai", "Predikat"]]
    named = {name for table in peers for name in table["Unit"]}
    assert len(named) >= 3 and "Lapas Kelas IIA Banyuwangi (contoh)" not in named
    assert any(c.value.startswith("Angka survei dan pengaduan unit lain tidak dibagikan") for c in operator.caption) or all(
        re.match(r"\*\*\d+\. Area ", m.value) for m in operator.markdown if re.match(r"\*\*\d+\. ", m.value))
    shown = " ".join(" ".join(map(str, d.value.to_numpy().ravel())) for d in operator.dataframe) + page_text(operator)
    for private in ("Ka. KPLP", "Kasubag TU", "Kasi Binadik", "https://", "responden"):
        assert private not in shown
    assert not any("Survei " in c.value for c in operator.caption)  # no peer's survey strengths
    admin = _signed_in("admin.kanwil", "rahasia-789", "pages/pengaturan.py")
    admin.multiselect(key="sharing_off").set_value(["Jawa Timur"])
    next(b for b in admin.get("form_submit_button") if "berbagi" in b.label).click().run()
    assert not admin.exception and not admin.error
    operator.run()
    assert any("menonaktifkan berbagi" in c.value for c in operator.caption)
    assert not [d for d in operator.dataframe if list(d.value.columns) == ["Unit", "Kanwil", "Nilai", "Predikat"]]


def _asks_login_again(app: AppTest) -> bool:
    return app.title[0].value == "Masuk ke ZI Analytics" and any("Sesi Anda berakhir" in i.value for i in app.info)


def test_an_open_tab_ends_at_its_next_click_after_deactivation_password_reset_or_logout(tmp_path, monkeypatch):
    """Issue 24 item 3: a deactivated user's open tab cannot upload; the Pengguna page and "Keluar" end sessions."""
    _server_workspace(tmp_path, monkeypatch)
    operator = _signed_in("op.bwi", "rahasia-123", "pages/unggah.py")
    assert operator.get("file_uploader")
    admin = _signed_in("admin.kanwil", "rahasia-789", "pages/pengguna.py")
    admin.selectbox(key="account_pick").set_value("op.bwi").run()
    admin.button(key="deactivate").click().run()
    assert not admin.exception, [e.message for e in admin.exception]
    operator.run()  # the operator's next interaction
    assert _asks_login_again(operator) and not operator.get("file_uploader")

    admin.selectbox(key="account_pick").set_value("op.bwi").run()
    admin.button(key="activate").click().run()
    operator = _signed_in("op.bwi", "rahasia-123", "pages/unggah.py")
    admin.text_input(key="reset_new").set_value("Reset-Sandi-2026")
    next(b for b in admin.get("form_submit_button") if b.label == "Simpan kata sandi").click().run()
    assert not admin.exception, [e.message for e in admin.exception]
    operator.run()
    assert _asks_login_again(operator)

    # one's own password on the Pengguna page: the current one is asked; the change signs out
    operator = _signed_in("op.bwi", "Reset-Sandi-2026", "pages/pengguna.py")
    assert not operator.dataframe  # an operator sees no accounts
    operator.text_input(key="own_current").set_value("salah-sekali-9")
    operator.text_input(key="own_new").set_value("Sandi-Sendiri-2026")
    operator.text_input(key="own_again").set_value("Sandi-Sendiri-2026")
    next(b for b in operator.get("form_submit_button") if b.label == "Ubah kata sandi").click().run()
    assert any("sekarang salah" in e.value for e in operator.error)
    operator.text_input(key="own_current").set_value("Reset-Sandi-2026")
    operator.text_input(key="own_new").set_value("Sandi-Sendiri-2026")
    operator.text_input(key="own_again").set_value("Sandi-Sendiri-2026")
    next(b for b in operator.get("form_submit_button") if b.label == "Ubah kata sandi").click().run()
    assert operator.title[0].value == "Masuk ke ZI Analytics"
    assert any("Kata sandi diubah" in i.value for i in operator.info)
    operator = _signed_in("op.bwi", "Sandi-Sendiri-2026")

    # "Keluar" ends the session: the tab asks for a login, and the session is gone from the store
    operator.button(key="logout").click().run()
    assert operator.title[0].value == "Masuk ke ZI Analytics"
    workspace = Workspace.open()
    try:
        log = workspace.audit_log(LAPTOP_USER)
        assert {"logout", "user_active", "user_password"} <= set(log["action"])
        with workspace.engine.connect() as conn:
            from sqlalchemy import func, select

            from zi_analytics.store import schema
            alive = conn.execute(select(func.count()).select_from(schema.sessions).where(
                schema.sessions.c.username == "op.bwi", schema.sessions.c.ended_at.is_(None))).scalar_one()
        assert alive == 0
    finally:
        workspace.close()


def test_this_years_submission_deadline_is_set_in_pengaturan_and_counted_everywhere(tmp_path, monkeypatch):
    from datetime import date

    from zi_analytics.readiness.checks import next_deadline
    from zi_analytics.rules.regulation import load_regulation

    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    app = open_page("pages/pengaturan.py")
    year = next_deadline(date.today(), load_regulation("90/2021")).year
    field = next(d for d in app.date_input if d.label == f"Batas pengusulan tahun {year}")
    moved = date(year, 6, 15) if date.today() <= date(year, 6, 15) else date(year, 12, 31)
    field.set_value(moved)
    next(b for b in app.form_submit_button if b.label == "Simpan aturan").click().run()
    assert not app.exception, [e.message for e in app.exception]
    overview = open_page("pages/ringkasan.py")
    days = (moved - date.today()).days
    assert any(m.label == "Menuju batas pengusulan" and m.value == f"{fmt.number(days, 0)} hari" for m in overview.metric)


def _failing_page() -> None:
    from zi_analytics.ui.guard import run_guarded

    def page() -> None:
        import streamlit as st

        st.title("Halaman")
        {}["tidak ada"]  # a bug

    run_guarded(page)


def test_a_failing_page_shows_an_indonesian_sentence_and_logs_the_details(monkeypatch, caplog):
    monkeypatch.setenv("ZI_DEBUG", "0")
    app = AppTest.from_function(_failing_page, default_timeout=30)
    with caplog.at_level("ERROR", logger="zi_analytics"):
        app.run()
    assert not app.exception
    [error] = app.error
    assert "kesalahan program" in error.value and "Traceback" not in error.value and "KeyError" not in error.value
    reference = error.value.split("kode ")[1].split(";")[0]
    assert any(reference in r.getMessage() and r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)
    monkeypatch.setenv("ZI_DEBUG", "1")  # the tests' own setting: the error goes through whole
    again = AppTest.from_function(_failing_page, default_timeout=30)
    again.run()
    assert again.exception and "tidak ada" in again.exception[0].message


def test_users_are_shown_no_error_details_by_the_shipped_config():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["address"] == "127.0.0.1"


def test_number_inputs_read_and_write_indonesian_numbers_and_show_what_is_not_entered(tmp_path, monkeypatch):
    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    app = open_page("pages/pengaturan.py")
    thresholds = [t for t in app.text_input if t.key and t.key.startswith("th_wbk_")]
    assert thresholds and all(re.fullmatch(r"\d{1,3},\d\d", t.value) for t in thresholds), [t.value for t in thresholds]
    unit = app.selectbox(key="settings_unit").value
    capaian = app.text_input(key=f"capaian_{unit}")
    assert capaian.value == "" and capaian.placeholder == "Belum diisi"
    capaian.set_value("lima")
    next(b for b in app.form_submit_button if b.label == "Simpan isian unit").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert any("'lima' bukan angka" in e.value for e in app.error)
    assert load_settings(Workspace.open()).unit(unit).capaian_kinerja is None  # nothing saved

    whatif = open_page("pages/kesiapan.py")
    slider = whatif.select_slider(key="whatif_capaian")
    assert slider.value is None and slider.options[0] == "Belum diisi"
    assert "75,5" in whatif.select_slider(key="whatif_penguatan_pengawasan").options  # labels with a decimal comma


def test_the_comparison_fits_a_laptop_screen_and_marks_sample_units_and_estimates():
    from zi_analytics.report.tables import LEAGUE_FIRST

    app = open_page("pages/perbandingan.py")
    league = app.dataframe[0].value
    assert list(league.columns) == list(LEAGUE_FIRST)
    assert len(league) == SAMPLE_UNITS and all(name.endswith(" (contoh)") for name in league["Unit"])
    assert set(league["Dasar"]) <= {"LKE", "Perkiraan"}
    app.toggle(key="league_all_columns").set_value(True).run()
    assert {"IKM", "IPAK", "IPKP", "Pengaduan selesai"} <= set(app.dataframe[0].value.columns)
    pairs = next(d.value for d in app.dataframe if "Belajar ke" in d.value.columns)
    assert len(pairs) and set(pairs["Belajar ke"]) <= {n.removesuffix(" (contoh)") for n in league["Unit"]}
    app.radio(key="heat_predicate").set_value("wbbm").run()
    assert not app.exception, [e.message for e in app.exception]


def test_old_data_is_called_old_and_its_overdue_work_counted_to_its_own_day(tmp_path, monkeypatch):
    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    rows = [["RENCANA AKSI ZI LAPAS KELAS IIB TUBAN"], ["Posisi 31 Desember 2025"], [],
            ["No", "Kegiatan", "Area Perubahan", "PIC", "Target", "Progres"],
            [1, "Reviu SOP layanan kunjungan", "Penataan Tatalaksana", "Kasi Binadik", "30/11/2025", "40%"],
            [2, "Survei internal integritas", "Penguatan Pengawasan", "KPR", "30/06/2026", "0"]]
    upload(open_page("pages/unggah.py"), "RA Tuban 2025.xlsx", write_xlsx(tmp_path / "ra.xlsx", {"RA": rows}).read_bytes())
    overview = open_page("pages/ringkasan.py")
    overview.selectbox(key="scope_unit_widget").set_value("lapas-tuban").run()
    assert not overview.exception, [e.message for e in overview.exception]
    assert any("Data terbaru: rencana aksi 31 Des 2025 ⚠" in c.value for c in overview.caption)
    assert any("rencana aksi sudah" in w.value and "31 Des 2025" in w.value for w in overview.warning)
    areas = open_page("pages/area.py")
    areas.selectbox(key="scope_unit_widget").set_value("lapas-tuban").run()
    assert any("dihitung per 31 Des 2025, tanggal data rencana aksi" in c.value for c in areas.caption)
    assert any(s.value == "Lewat tenggat (1)" for s in areas.subheader)  # the SOP only; June 2026 was not due yet


def test_a_backup_restored_on_the_page_reports_what_came_back(tmp_path, monkeypatch):
    import io

    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    app = open_page("pages/workspace.py")  # the first page seeds the sample data
    workspace = Workspace.open()
    buffer = io.BytesIO()
    workspace.backup(LAPTOP_USER, buffer)
    workspace.close()
    app.file_uploader(key="restore_upload").set_value(("cadangan.zip", buffer.getvalue(), "application/zip"))
    app.checkbox(key="restore_sure").check()
    app.run()
    app.button(key="restore_backup").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert any(s.value.startswith(f"Cadangan dipulihkan: {SAMPLE_FILES} file") for s in app.success), [s.value for s in app.success]
