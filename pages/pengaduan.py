"""Pengaduan: how many come in and by which channel, about what, how fast they are resolved, and what is still open."""

import streamlit as st

from zi_analytics.report import tables
from zi_analytics.ui import charts
from zi_analytics.ui.context import page_context, require_unit
from zi_analytics.ui.shell import page_setup
from zi_analytics.ui.widgets import csv_download
from zi_analytics.views import complaints

user = page_setup("Pengaduan")
ctx = page_context(user)
require_unit(ctx)
frame = complaints.until(ctx.frame("complaints"), ctx.as_of)
if frame.empty:
    st.info("Unit ini belum punya register pengaduan. Unggah di **Unggah Data**.")
    st.stop()
sla = ctx.regulation.conventions.complaint_sla_working_days
days = complaints.working_days(frame)
backlog = complaints.backlog(frame, ctx.as_of)

for col, figure in zip(st.columns(4), complaints.key_figures(frame, ctx.as_of, sla)):
    col.metric(figure.label, figure.value, help=figure.note)

st.plotly_chart(charts.monthly(complaints.monthly(frame), "Pengaduan per bulan: masuk dan selesai"), width="stretch", key="monthly")
left, right = st.columns(2)
left.plotly_chart(charts.bars(complaints.counts(frame, "channel", "channels"), "label", "count", "Saluran", horizontal=True),
                  width="stretch", key="channels")
right.plotly_chart(charts.bars(complaints.counts(frame, "category", "categories"), "label", "count", "Kategori", horizontal=True),
                   width="stretch", key="categories")
left, right = st.columns(2)
left.plotly_chart(charts.bars(complaints.counts(frame, "status", "statuses"), "label", "count", "Status"),
                  width="stretch", key="statuses")
right.plotly_chart(charts.bars(complaints.resolution_bins(days), "bin", "count", f"Lama penyelesaian (hari kerja; batas {sla})"),
                   width="stretch", key="resolution")

st.subheader(f"Pengaduan terbuka ({len(backlog)}), terlama di atas")
if backlog.empty:
    st.success("Semua pengaduan sudah selesai ditindaklanjuti.")
else:
    st.caption("Pelapor hanya ditampilkan inisialnya; nomor telepon tidak ditampilkan.")
    st.dataframe(tables.backlog(backlog), hide_index=True, width="stretch")
    csv_download(tables.backlog(backlog), "Unduh daftar pengaduan terbuka (CSV)", "pengaduan_terbuka.csv", "backlog_csv")
