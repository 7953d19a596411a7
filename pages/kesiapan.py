"""Simulasi & Rincian Nilai: every figure's formula, and what happens to the verdict if an area, a survey or
the capaian kinerja changes."""

import streamlit as st

from zi_analytics import formatting as fmt
from zi_analytics.readiness import what_if
from zi_analytics.readiness.explain import flips_table, trace_table
from zi_analytics.readiness.surveys import index_from_points
from zi_analytics.rules import AREA_LABELS
from zi_analytics.ui.context import page_context, require_unit
from zi_analytics.ui.inputs import nearest, number_slider, steps
from zi_analytics.ui.shell import page_setup

user = page_setup("Simulasi & Rincian Nilai")
ctx = page_context(user)
require_unit(ctx)
result = ctx.readiness()
score = result.score
regulation = ctx.regulation

with st.expander("Bagaimana setiap angka dihitung", icon=":material/calculate:"):
    for note in score.notes:
        st.caption(note)
    st.dataframe(trace_table(score.trace), hide_index=True, width="stretch")

st.subheader("Simulasi: bagaimana jika…")
st.caption("Geser nilai di bawah; data tersimpan tidak berubah. Capaian kinerja dan prasyarat tetap diisi di Pengaturan.")
inputs = result.inputs
changes: dict = {}
if score.basis == "estimate":
    area_changes = {}
    grid = st.columns(3)
    for i, key in enumerate(AREA_LABELS):
        now = nearest(steps(0.0, 100.0, 0.5), float(inputs.area_pct.get(key, 0.0)))
        value = number_slider(grid[i % 3], f"{AREA_LABELS[key]} (%)", 0.0, 100.0, 0.5, now, decimals=1, key=f"whatif_{key}")
        if abs(value - now) > 1e-9:
            area_changes[key] = value
    if area_changes:
        changes["area_pct"] = area_changes
left, right, third = st.columns(3)
maximum = regulation.hasil.survey_index_max
for survey, column, label in (("ipak", left, "Indeks SPAK/IPAK"), ("ipkp", right, "Indeks SPKP/IPKP")):
    points = getattr(score, survey)
    now = index_from_points(points, getattr(regulation.hasil, survey), regulation) if points is not None else None
    now = None if now is None else nearest(steps(0.0, float(maximum), 0.01), now)
    value = number_slider(column, f"{label} (skala 4)", 0.0, float(maximum), 0.01, now, decimals=2,
                          key=f"whatif_{survey}", unset=True)
    if value is not None and (now is None or abs(value - now) > 1e-9):
        changes[f"{survey}_index"] = value
capaian_max = float(regulation.hasil.capaian_kinerja)
capaian_now = None if score.capaian_kinerja is None else nearest(steps(0.0, capaian_max, 0.25), float(score.capaian_kinerja))
capaian = number_slider(third, regulation.hasil.capaian_kinerja_label, 0.0, capaian_max, 0.25, capaian_now, decimals=2,
                        key="whatif_capaian", unset=True)
if capaian is not None and (capaian_now is None or abs(capaian - capaian_now) > 1e-9):
    changes["capaian_kinerja"] = capaian
if changes:
    outcome = what_if(inputs, regulation, ctx.as_of, **changes)
    after = outcome["after"]
    cols = st.columns(3)
    cols[0].metric("Nilai total setelah simulasi", fmt.number(after.score.total, 2), delta=fmt.number(after.score.total - score.total, 2))
    cols[1].metric("WBK", "SIAP" if after.ready("wbk") else "BELUM SIAP")
    cols[2].metric("WBBM", "SIAP" if after.ready("wbbm") else "BELUM SIAP")
    if outcome["flipped"]:
        st.dataframe(flips_table(outcome["flipped"]), hide_index=True, width="stretch")
    else:
        st.info("Tidak ada kriteria yang berubah status.")
else:
    st.caption(f"Nilai total sekarang {fmt.number(score.total, 2)}.")
