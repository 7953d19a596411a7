"""Perbandingan: every unit the user may see, ranked by readiness, with where each falls short and whose data is missing."""

import streamlit as st

from zi_analytics.report import tables
from zi_analytics.services.seeding import SAMPLE_USER
from zi_analytics.ui import charts
from zi_analytics.ui.context import page_context
from zi_analytics.ui.shell import PAGES, page_setup
from zi_analytics.ui.widgets import csv_download
from zi_analytics.messages import msg
from zi_analytics.views import kanwil, studi_tiru

user = page_setup("Perbandingan Unit")
ctx = page_context(user, with_unit=False)
registered = ctx.ws.units(user)
sample_keys = ctx.ws.units_only_from(user, SAMPLE_USER.username)
units, left_out = kanwil.comparable(ctx.summary["units"], sample_keys)
if not units:
    st.info("Belum ada data unit yang dapat Anda lihat.")
    st.stop()

league = kanwil.league_table(units, sample_keys, {u['key']: u['held'] for u in units if u.get('held')})
st.subheader("Peringkat kesiapan")
st.caption("Urutan: siap WBBM, siap WBK, lalu yang paling sedikit kriteria WBK belum terpenuhi, lalu nilai total. "
           "Dasar **Perkiraan**: unit belum mengunggah LKE, nilainya diperkirakan dari rencana aksi dan survei. "
           "**Predikat**: yang sudah diraih dan tahunnya (dari Pengaturan atau daftar predikat yang diunggah). "
           "Klik baris untuk membuka Ringkasan unit itu.")
if left_out:
    st.caption(f"{left_out} unit data contoh tidak ikut peringkat karena workspace sudah berisi data unit sungguhan.")
shown = tables.league(league)
every_column = st.toggle("Tampilkan semua kolom", key="league_all_columns")
picked = st.dataframe(shown if every_column else shown[list(tables.LEAGUE_FIRST)], hide_index=True, width="stretch",
                      on_select="rerun", selection_mode="single-row", key="league")
if picked.selection.rows:
    st.switch_page(PAGES[0].path, query_params={"unit": league["key"].iloc[picked.selection.rows[0]]})
csv_download(shown, "Unduh peringkat (CSV)", "peringkat_kesiapan.csv", "league_csv")

predicate = st.radio("Minimum untuk peta area", ["wbk", "wbbm"], format_func=str.upper, horizontal=True, key="heat_predicate")
minimum = ctx.regulation.area_minimum(predicate)
st.plotly_chart(charts.heatmap(kanwil.area_matrix(units),
                               f"Nilai area sebagai % dari maksimal (✗: di bawah minimum {predicate.upper()})", minimum),
                width="stretch", key="heatmap")
st.subheader("Siapa belajar dari siapa")
kanwil_of = dict(zip(registered["key"], registered["kanwil"]))
pairs = studi_tiru.suggested_pairs(units, kanwil_of, ctx.regulation, predicate)
st.caption(msg("learning_pairs_intro", predicate=predicate.upper()))
if pairs.empty:
    st.success(msg("learning_pairs_none", predicate=predicate.upper()))
else:
    st.dataframe(tables.learning_pairs(pairs), hide_index=True, width="stretch")
matrix, strongest = studi_tiru.learning_matrix(units)
with st.expander("Matriks unit × area (★: dua unit terkuat di area itu)"):
    st.dataframe(tables.learning_matrix(matrix, strongest), width="stretch")

left, right = st.columns([3, 2])
points, lines = kanwil.survey_points(units, ctx.regulation)
if len(points):
    left.plotly_chart(charts.survey_scatter(points, lines, "SPAK terhadap SPKP (garis: minimum WBK putus-putus, WBBM titik-titik)"),
                      width="stretch", key="scatter")
real_registered = registered.loc[~registered["key"].isin(sample_keys)] if left_out else registered
right.plotly_chart(charts.funnel(kanwil.funnel(units, len(real_registered)), "Berapa unit sudah siap"), width="stretch",
                   key="funnel")

st.subheader("Kelengkapan data")
fresh = kanwil.freshness(registered, ctx.ws.versions(user), ctx.as_of, ctx.settings.stale_after_days)
problems = fresh.loc[fresh["state"] != "baru"]
if problems.empty:
    st.success(f"Semua unit punya rencana aksi, survei dan pengaduan yang tidak lebih tua dari {ctx.settings.stale_after_days} hari.")
else:
    st.warning(f"{len(problems)} unit belum unggah atau datanya lebih tua dari {ctx.settings.stale_after_days} hari.")
st.dataframe(tables.freshness(fresh, kanwil.freshness_labels()), hide_index=True, width="stretch")
