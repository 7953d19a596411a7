"""Pengaturan: the rules the figures follow (regulation, thresholds, conventions) and what each unit enters by hand."""

from datetime import date

import pandas as pd
import streamlit as st

from zi_analytics import formatting as fmt
from zi_analytics.messages import CHOOSE_MANY, CHOOSE_ONE, IKM_WEIGHT_LABELS, msg
from zi_analytics.readiness.checks import next_deadline
from zi_analytics.rules.regulation import default_regulation_id, load_regulation, regulation_ids
from zi_analytics.settings import PREDICATES, Settings, UnitInputs, load_settings, predicate_records, save_settings
from zi_analytics.store import AccessDenied
from zi_analytics.ui.data import workspace
from zi_analytics.ui.shell import page_setup
from zi_analytics.ui.escape import md
from zi_analytics.ui.inputs import number_field

user = page_setup("Pengaturan")
ws = workspace()
settings = load_settings(ws)
regulation = settings.regulation()


def store(new: Settings, done: str) -> None:
    try:
        save_settings(ws, user, new)
        st.toast(done, icon=":material/check:")
        st.rerun()
    except AccessDenied as exc:
        st.error(md(exc))


st.subheader("Unit bawaan workspace")
home = ws.home_unit()
st.caption("File atau lembar yang tidak menyebut nama unit dimasukkan ke unit ini, dengan catatan di laporan unggahan. "
           f"Sekarang: **{md(ws.registry().display(home)) if home else 'belum ditetapkan'}**.")
if user.is_admin:
    with st.form("home_unit"):
        name = st.text_input("Nama unit", placeholder="mis. Lapas Kelas IIB Tabanan")
        if st.form_submit_button("Simpan unit bawaan") and name:
            if ws.set_home_unit(user, name):
                st.toast("Unit bawaan disimpan.", icon=":material/check:")
                st.rerun()
            st.error(md(msg("unit_name_invalid", name=name)))

st.subheader("Aturan penilaian")
if not user.is_admin:
    st.caption("Hanya admin yang dapat mengubah aturan dan ambang; Anda melihat yang berlaku.")
with st.form("rules"):
    ids = regulation_ids()
    reg_id = st.selectbox("Versi peraturan", ids, index=ids.index(settings.regulation_id or default_regulation_id()),
                          format_func=lambda key: load_regulation(key).name, disabled=not user.is_admin, placeholder=CHOOSE_ONE)
    base = load_regulation(reg_id)
    st.markdown("**Ambang WBK dan WBBM** (nilai minimum; area dalam % dari nilai maksimal area)")
    thresholds = {}
    problems = []
    for row in base.thresholds:
        current = next((t for t in regulation.thresholds if t.id == row.id), row) if reg_id == regulation.id else row
        c1, c2, c3 = st.columns([3, 1, 1])
        c1.markdown(row.label)
        wbk, wrong_wbk = number_field(c2, "WBK", float(current.wbk), low=0.0, high=100.0, decimals=2,
                                      key=f"th_wbk_{row.id}", disabled=not user.is_admin)
        wbbm, wrong_wbbm = number_field(c3, "WBBM", float(current.wbbm), low=0.0, high=100.0, decimals=2,
                                        key=f"th_wbbm_{row.id}", disabled=not user.is_admin)
        problems += [f"{row.label}: {p}" for p in (wrong_wbk, wrong_wbbm) if p]
        wbk = row.wbk if wbk is None else wbk  # an emptied field keeps the regulation's value
        wbbm = row.wbbm if wbbm is None else wbbm
        if (wbk, wbbm) != (row.wbk, row.wbbm):
            thresholds[row.id] = {"wbk": wbk, "wbbm": wbbm}
    c1, c2, c3 = st.columns(3)
    ikm_weight = c1.radio("Bobot unsur IKM", list(IKM_WEIGHT_LABELS), format_func=IKM_WEIGHT_LABELS.get,
                          index=list(IKM_WEIGHT_LABELS).index(regulation.conventions.ikm_weight), disabled=not user.is_admin)
    conversions = {"linear": "linier (1→1, 6→4)", "proportional": "proporsional (× 4/6)"}
    conversion = c2.radio("Konversi survei skala 6 ke skala 4", list(conversions), format_func=conversions.get,
                          index=list(conversions).index(regulation.conventions.six_point_conversion), disabled=not user.is_admin)
    sla = int(c3.number_input("Batas penyelesaian pengaduan (hari kerja)", min_value=1, max_value=60,
                              value=regulation.conventions.complaint_sla_working_days, disabled=not user.is_admin))
    stale = int(c3.number_input("Data dianggap lama setelah (hari)", min_value=7, max_value=366, value=settings.stale_after_days,
                                disabled=not user.is_admin))
    year = next_deadline(date.today(), regulation).year
    deadline = c1.date_input(f"Batas pengusulan tahun {year}", value=regulation.conventions.deadline(year),
                             min_value=date(year, 1, 1), max_value=date(year, 12, 31), format="DD/MM/YYYY",
                             disabled=not user.is_admin, help="Tanggal yang ditetapkan kementerian untuk tahun ini; "
                                                              "semua hitungan 'menuju batas pengusulan' memakainya.")
    submitted = st.form_submit_button("Simpan aturan", disabled=not user.is_admin)
    for problem in problems if submitted else []:
        st.error(md(problem))
    if submitted and not problems:
        base_conv = base.conventions
        store(settings.model_copy(update={
            "regulation_id": None if reg_id == default_regulation_id() else reg_id, "thresholds": thresholds,
            "ikm_weight": None if ikm_weight == base_conv.ikm_weight else ikm_weight,
            "six_point_conversion": None if conversion == base_conv.six_point_conversion else conversion,
            "complaint_sla_working_days": None if sla == base_conv.complaint_sla_working_days else sla,
            "submission_deadlines": {**{y: d for y, d in settings.submission_deadlines.items() if y != str(year)},
                                     **({} if deadline == base_conv.deadline(year) else {str(year): deadline.strftime("%m-%d")})},
            "stale_after_days": stale}), "Aturan disimpan; semua halaman memakai aturan baru.")

if ws.config.mode == "server":
    st.subheader("Berbagi data studi tiru")
    st.caption(msg("sharing_setting"))
    kanwils = sorted({k for k in ws.units(user)["kanwil"] if k} | set(settings.sharing_off))
    with st.form("sharing"):
        off = st.multiselect("Kanwil yang tidak berbagi", kanwils, default=[k for k in settings.sharing_off if k in kanwils],
                             placeholder=CHOOSE_MANY, disabled=not user.is_admin, key="sharing_off")
        if st.form_submit_button("Simpan pengaturan berbagi", disabled=not user.is_admin):
            store(settings.model_copy(update={"sharing_off": sorted(off)}), "Pengaturan berbagi disimpan.")

st.subheader("Isian per unit")
st.caption("Angka yang tidak ada di file unit: capaian kinerja (dari laporan kinerja), jumlah populasi pengguna layanan "
           "(untuk kecukupan sampel IKM), dan prasyarat pengusulan.")
units = ws.units(user)
if units.empty:
    st.info("Belum ada unit.")
else:
    names = dict(zip(units["key"], units["unit"]))
    key = st.selectbox("Unit", list(names), format_func=names.get, key="settings_unit", placeholder=CHOOSE_ONE)
    inputs = settings.unit(key)
    with st.form(f"unit_inputs_{key}"):
        c1, c2 = st.columns(2)
        capaian, wrong_capaian = number_field(
            c1, f"Nilai {regulation.hasil.capaian_kinerja_label.lower()} (0–{fmt.number(regulation.hasil.capaian_kinerja, 0)})",
            inputs.capaian_kinerja, low=0.0, high=float(regulation.hasil.capaian_kinerja), decimals=2, key=f"capaian_{key}",
            help="Kosong = belum diisi; kriteria yang memakainya belum dapat lulus.")
        population, wrong_population = number_field(c2, "Populasi pengguna layanan per tahun", inputs.population, low=1,
                                                     high=100_000_000, decimals=0, key=f"population_{key}")
        flags = {}
        for pre in regulation.preconditions:
            value = inputs.preconditions.get(pre.key)
            choice = st.radio(pre.label + f" ({', '.join(p.upper() for p in pre.applies)})", ["belum ditetapkan", "ya", "tidak"],
                              index=0 if value is None else (1 if value else 2), horizontal=True, key=f"pre_{key}_{pre.key}")
            if choice != "belum ditetapkan":
                flags[pre.key] = choice == "ya"
        st.markdown("**Predikat yang sudah diraih** (dari Keputusan Menteri PANRB; prasyarat WBBM \"sudah meraih WBK\" "
                    "diambil dari sini bila ada)")
        held = st.data_editor(
            pd.DataFrame([p.model_dump() for p in inputs.predicates], columns=["predicate", "year", "decree"]),
            num_rows="dynamic", hide_index=True, key=f"predicates_{key}", width="stretch",
            column_config={"predicate": st.column_config.SelectboxColumn("Predikat", options=list(PREDICATES), required=True),
                           "year": st.column_config.NumberColumn("Tahun", min_value=2010, max_value=2100, step=1, format="%d",
                                                                 required=True),
                           "decree": st.column_config.TextColumn("Nomor keputusan")})
        submitted = st.form_submit_button("Simpan isian unit", disabled=not user.can_upload)
        records, wrong_records = predicate_records(held.to_dict("records"))
        wrong = [p for p in (wrong_capaian, wrong_population, wrong_records) if p]
        for problem in wrong if submitted else []:
            st.error(md(problem))
        if submitted and not wrong:
            store(settings.with_unit(key, UnitInputs(capaian_kinerja=capaian, preconditions=flags, predicates=records,
                                                     population=None if population is None else int(population))),
                  f"Isian {names[key]} disimpan.")
