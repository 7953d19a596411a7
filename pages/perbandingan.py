"""Perbandingan: every unit the user may see, ranked by readiness, with where each falls short and whose data is missing."""

import streamlit as st

from zi_analytics.report import tables
from zi_analytics.services.seeding import SAMPLE_USER
from zi_analytics.ui import charts
from zi_analytics.ui.context import page_context
from zi_analytics.ui.shell import PAGES, page_setup
from zi_analytics.ui.widgets import csv_download
from zi_analytics.messages import msg
from zi_analytics.views import kanwil, national, studi_tiru

user = page_setup("Perbandingan Unit")
ctx = page_context(user, with_unit=False)
registered = ctx.ws.units(user)
sample_keys = ctx.ws.units_only_from(user, SAMPLE_USER.username)
units, left_out = kanwil.comparable(ctx.summary["units"], sample_keys)
if not units:
    st.info("Belum ada data unit yang dapat Anda lihat.")
    st.stop()
versions = ctx.ws.data_dates(user)
kanwils = national.kanwil_names(registered)
if len([k for k in kanwils if k != national.NO_KANWIL]) > 1:  # a national or multi-Kanwil user: filters, and a table per Kanwil
    c1, c2, c3 = st.columns(3)
    chosen_kanwil = c1.multiselect("Kanwil", kanwils, placeholder="Semua Kanwil", key="filter_kanwil")
    chosen_type = c2.multiselect("Jenis UPT", sorted(set(registered["type"]) - {""}), format_func=national.type_label,
                                 placeholder="Semua jenis", key="filter_type")
    chosen_class = c3.multiselect("Kelas", sorted(set(registered["klass"]) - {""}), placeholder="Semua kelas", key="filter_class")
    registered = national.filter_registered(registered, chosen_kanwil, chosen_type, chosen_class)
    units = national.filter_units(units, registered)
    st.subheader("Per Kanwil")
    every_fresh = kanwil.freshness(registered, versions, ctx.as_of, ctx.settings.stale_after_days)
    st.dataframe(tables.kanwil_summary(national.kanwil_table(units, registered, every_fresh)), hide_index=True, width="stretch")
    if not units:
        st.info("Tidak ada unit dengan data pada pilihan ini.")
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
number = 1
if national.pages(shown) > 1:  # hundreds of units: one page at a time reaches the browser
    number = st.number_input(f"Halaman (dari {national.pages(shown)}, {national.PAGE_SIZE} unit per halaman)", min_value=1,
                             max_value=national.pages(shown), value=1, step=1, key="league_page")
part = national.page(shown, number)
picked = st.dataframe(part if every_column else part[list(tables.LEAGUE_FIRST)], hide_index=True, width="stretch",
                      on_select="rerun", selection_mode="single-row", key="league")
if picked.selection.rows:
    st.switch_page(PAGES[0].path, query_params={"unit": league["key"].iloc[part.index[picked.selection.rows[0]]]})
csv_download(shown, "Unduh peringkat (CSV)", "peringkat_kesiapan.csv", "league_csv")

predicate = st.radio("Minimum untuk peta area", ["wbk", "wbbm"], format_func=str.upper, horizontal=True, key="heat_predicate")
minimum = ctx.regulation.area_minimum(predicate)
kanwil_of = dict(zip(registered["key"], registered["kanwil"]))
if len(units) > national.UNIT_HEATMAP_MAX:
    matrix, heat_title = national.area_by_kanwil(units, kanwil_of), "Rata-rata nilai area unit per Kanwil"
else:
    matrix, heat_title = kanwil.area_matrix(units), "Nilai area"
st.plotly_chart(charts.heatmap(matrix, f"{heat_title} sebagai % dari maksimal (✗: di bawah minimum {predicate.upper()})", minimum),
                width="stretch", key="heatmap")
st.subheader("Siapa belajar dari siapa")
pairs = studi_tiru.suggested_pairs(units, kanwil_of, ctx.regulation, predicate)
st.caption(msg("learning_pairs_intro", predicate=predicate.upper()))
if pairs.empty:
    st.success(msg("learning_pairs_none", predicate=predicate.upper()))
else:
    st.dataframe(tables.learning_pairs(national.page(pairs, 1)), hide_index=True, width="stretch")
    if len(pairs) > national.PAGE_SIZE:
        st.caption(f"{national.PAGE_SIZE} pasangan dengan selisih terbesar dari {len(pairs)}; semuanya ada di CSV.")
        csv_download(tables.learning_pairs(pairs), "Unduh semua pasangan (CSV)", "pasangan_studi_tiru.csv", "pairs_csv")
if len(units) <= national.UNIT_HEATMAP_MAX:
    matrix, strongest = studi_tiru.learning_matrix(units)
    with st.expander("Matriks unit × area (★: dua unit terkuat di area itu)"):
        st.dataframe(tables.learning_matrix(matrix, strongest), width="stretch")
else:
    st.caption("Pilih satu Kanwil untuk melihat matriks unit × area.")

left, right = st.columns([3, 2])
points, lines = kanwil.survey_points(units, ctx.regulation)
if len(points):
    left.plotly_chart(charts.survey_scatter(points, lines, "SPAK terhadap SPKP (garis: minimum WBK putus-putus, WBBM titik-titik)"),
                      width="stretch", key="scatter")
real_registered = registered.loc[~registered["key"].isin(sample_keys)] if left_out else registered
right.plotly_chart(charts.funnel(kanwil.funnel(units, len(real_registered)), "Berapa unit sudah siap"), width="stretch",
                   key="funnel")

st.subheader("Kelengkapan data")
fresh = kanwil.freshness(registered, versions, ctx.as_of, ctx.settings.stale_after_days)
problems = fresh.loc[fresh["state"] != "baru"]
if problems.empty:
    st.success(f"Semua unit punya rencana aksi, survei dan pengaduan yang tidak lebih tua dari {ctx.settings.stale_after_days} hari.")
else:
    st.warning(f"{len(problems)} unit belum unggah atau datanya lebih tua dari {ctx.settings.stale_after_days} hari.")
listed = fresh if len(fresh) <= national.PAGE_SIZE else problems
st.dataframe(tables.freshness(national.page(listed, 1), kanwil.freshness_labels()), hide_index=True, width="stretch")
if len(listed) > national.PAGE_SIZE:
    st.caption(f"{national.PAGE_SIZE} dari {len(listed)} unit ditampilkan; semuanya ada di CSV.")
    csv_download(tables.freshness(listed, kanwil.freshness_labels()), "Unduh kelengkapan data (CSV)", "kelengkapan_data.csv",
                 "fresh_csv")
