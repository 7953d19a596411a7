"""Perbandingan: every unit the user may see, ranked by readiness, with where each falls short and whose data is missing."""

import streamlit as st

from zi_analytics.report import tables
from zi_analytics.ui import charts
from zi_analytics.ui.context import page_context
from zi_analytics.ui.shell import page_setup
from zi_analytics.ui.widgets import csv_download
from zi_analytics.views import kanwil

user = page_setup("Perbandingan Unit")
ctx = page_context(user, with_unit=False)
units = ctx.summary["units"]
registered = ctx.ws.units(user)
if not units:
    st.info("Belum ada data unit yang dapat Anda lihat.")
    st.stop()

league = kanwil.league_table(units)
st.subheader("Peringkat kesiapan")
st.caption("Urutan: siap WBBM, siap WBK, lalu yang paling sedikit kriteria WBK belum terpenuhi, lalu nilai total.")
st.dataframe(tables.league(league), hide_index=True, width="stretch")
csv_download(tables.league(league), "Unduh peringkat (CSV)", "peringkat_kesiapan.csv", "league_csv")

minimum = ctx.regulation.area_minimum("wbk")
st.plotly_chart(charts.heatmap(kanwil.area_matrix(units), "Nilai area sebagai % dari maksimal (✗: di bawah minimum WBK)", minimum),
                width="stretch", key="heatmap")
left, right = st.columns([3, 2])
points, lines = kanwil.survey_points(units, ctx.regulation)
if len(points):
    left.plotly_chart(charts.survey_scatter(points, lines, "SPAK terhadap SPKP (garis: minimum WBK putus-putus, WBBM titik-titik)"),
                      width="stretch", key="scatter")
right.plotly_chart(charts.funnel(kanwil.funnel(units, len(registered)), "Berapa unit sudah siap"), width="stretch", key="funnel")

st.subheader("Kelengkapan data")
fresh = kanwil.freshness(registered, ctx.ws.versions(user), ctx.as_of, ctx.settings.stale_after_days)
problems = fresh.loc[fresh["state"] != "baru"]
if problems.empty:
    st.success(f"Semua unit punya rencana aksi, survei dan pengaduan yang tidak lebih tua dari {ctx.settings.stale_after_days} hari.")
else:
    st.warning(f"{len(problems)} unit belum unggah atau datanya lebih tua dari {ctx.settings.stale_after_days} hari.")
st.dataframe(tables.freshness(fresh, kanwil.freshness_labels()), hide_index=True, width="stretch")
