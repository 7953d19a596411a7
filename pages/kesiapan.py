"""Kesiapan WBK/WBBM: the verdict, every threshold row with its gap, the trace, and a what-if per area."""

from datetime import date

import streamlit as st

from zi_analytics import formatting as fmt
from zi_analytics.readiness import unit_readiness, what_if
from zi_analytics.readiness.report import checks_table, flips_table, trace_table
from zi_analytics.rules import AREA_LABELS
from zi_analytics.rules.regulation import default_regulation_id, load_regulation, regulation_ids
from zi_analytics.ui.data import user_dataset
from zi_analytics.ui.shell import page_setup
from zi_analytics.ui.widgets import scope_caption, unit_picker

user = page_setup("Kesiapan WBK/WBBM")
as_of = date.today()
dataset = user_dataset(user)
units = [{"unit": dataset.registry.display(k), "key": k} for k in dataset.unit_keys]
unit = unit_picker(units)
if unit:
    scope_caption(unit["unit"], as_of)
    regulation = load_regulation(st.selectbox("Aturan penilaian", regulation_ids(), index=regulation_ids().index(default_regulation_id()),
                                              format_func=lambda key: load_regulation(key).name, key="regulation"))
    left, right = st.columns(2)
    capaian = left.number_input("Nilai capaian kinerja (0–%g)" % regulation.hasil.capaian_kinerja, min_value=0.0,
                                max_value=float(regulation.hasil.capaian_kinerja), value=None, step=0.25, key="capaian",
                                help="Tidak ada di file unit; isi dari laporan kinerja. Kosong = belum diisi.")
    flags = {p.key: right.checkbox(p.label, key=f"pre_{p.key}") for p in regulation.preconditions}
    result = unit_readiness(dataset.frames, unit["key"], as_of, regulation, capaian, None, flags)
    score = result.score
    basis = "LKE penilaian mandiri" if score.basis == "lke" else "perkiraan dari rencana aksi dan survei"
    st.caption(f"Dasar: **{basis}** · {regulation.name} · batas pengusulan {fmt.long_date(result.deadline)} "
               f"({(result.deadline - as_of).days} hari lagi)")
    cols = st.columns(3)
    cols[0].metric("Nilai total", fmt.number(score.total, 2))
    cols[1].metric("Pengungkit", fmt.number(score.pengungkit, 2), help="Pemenuhan + Reform, maksimal 60")
    cols[2].metric("Hasil", fmt.number(score.hasil, 2), help="Birokrasi bersih dan akuntabel + pelayanan prima, maksimal 40")
    for predicate, tab in zip(("wbk", "wbbm"), st.tabs(["WBK", "WBBM"])):
        with tab:
            if result.ready(predicate):
                st.success(f"Memenuhi semua syarat {predicate.upper()}.", icon=":material/verified:")
            else:
                missing = sum(not c.passed for c in result.checks[predicate])
                st.warning(f"Belum siap {predicate.upper()}: {missing} kriteria belum terpenuhi.", icon=":material/report:")
            st.table(checks_table(result.checks[predicate]).set_index("Kriteria"))
    for note in score.notes:
        st.caption(note)
    with st.expander("Bagaimana angka ini dihitung", icon=":material/calculate:"):
        st.table(trace_table(score.trace).set_index("Angka"))
    if score.basis == "estimate":
        st.subheader("Simulasi: bagaimana jika progres area berubah?")
        inputs = result.inputs
        changed = {}
        grid = st.columns(3)
        for i, key in enumerate(AREA_LABELS):
            now = float(inputs.area_pct.get(key, 0.0))
            value = grid[i % 3].slider(AREA_LABELS[key], 0.0, 100.0, round(now, 1), step=0.5, key=f"whatif_{key}")
            if abs(value - round(now, 1)) > 1e-9:
                changed[key] = value
        if changed:
            outcome = what_if(inputs, regulation, as_of, area_pct=changed)
            after = outcome["after"].score
            st.metric("Nilai total setelah simulasi", fmt.number(after.total, 2), delta=fmt.number(after.total - score.total, 2))
            if outcome["flipped"]:
                st.table(flips_table(outcome["flipped"]).set_index("Predikat"))
            else:
                st.info("Tidak ada kriteria yang berubah status.")
