"""Area Perubahan: each area against its minimum, the activities behind it, who carries them, the unit's
innovations and the LKE."""

import pandas as pd
import streamlit as st

from zi_analytics.report import tables
from zi_analytics.report.templates import filled_workbook
from zi_analytics.services import import_bytes
from zi_analytics.store import DUPLICATE, STORED
from zi_analytics.ui.escape import md
from zi_analytics.rules import AREA_LABELS
from zi_analytics.ui import charts
from zi_analytics.ui.context import page_context, require_unit
from zi_analytics.ui.shell import page_setup
from zi_analytics.ui.widgets import csv_download
from zi_analytics.views import areas, innovations
from zi_analytics.views.areas import STATUS_LABELS
from zi_analytics.views.freshness import overdue_note
from zi_analytics.messages import CHOOSE_MANY, msg

user = page_setup("Area Perubahan")
ctx = page_context(user)
require_unit(ctx)
plan = ctx.current_plan()
fresh = ctx.fresh
activities = areas.activities(plan, fresh.judged) if len(plan) else None

if activities is None:
    st.info("Unit ini belum punya data rencana aksi. Unggah laporan progres rencana aksi di **Unggah Data**.")
else:
    area_table = areas.area_table(activities, ctx.regulation)
    predicate = st.radio("Bandingkan dengan minimum", ["WBK", "WBBM"], horizontal=True, key="area_predicate")
    st.plotly_chart(charts.area_progress(area_table, f"{predicate.lower()}_min",
                                         title=f"Progres per area (garis hitam: minimum {predicate})"),
                    width="stretch", key="area_chart")
    st.dataframe(tables.areas(area_table), hide_index=True, width="stretch")

    overdue = activities.loc[activities["status"] == "overdue"].sort_values("days_overdue", ascending=False)
    st.subheader(f"Lewat tenggat ({len(overdue)})")
    st.caption(overdue_note(fresh))
    if len(overdue):
        st.dataframe(tables.activities(overdue), hide_index=True, width="stretch")
    else:
        st.success("Tidak ada kegiatan yang lewat tenggat.")

    st.subheader("Semua kegiatan")
    f1, f2, f3, f4 = st.columns([3, 3, 3, 2])
    chosen_areas = f1.multiselect("Area", list(AREA_LABELS), format_func=AREA_LABELS.get, key="filter_area", placeholder=CHOOSE_MANY)
    chosen_pic = f2.multiselect("PIC", sorted(activities["pic"].unique()), key="filter_pic", placeholder=CHOOSE_MANY)
    chosen_status = f3.multiselect("Status", list(STATUS_LABELS), format_func=STATUS_LABELS.get, key="filter_status", placeholder=CHOOSE_MANY)
    only_overdue = f4.toggle("Hanya lewat tenggat", key="filter_overdue")
    shown = activities
    if chosen_areas:
        shown = shown.loc[shown["area"].isin(chosen_areas)]
    if chosen_pic:
        shown = shown.loc[shown["pic"].isin(chosen_pic)]
    if chosen_status:
        shown = shown.loc[shown["status"].isin(chosen_status)]
    if only_overdue:
        shown = shown.loc[shown["status"] == "overdue"]
    st.caption(f"{len(shown)} dari {len(activities)} kegiatan")
    st.dataframe(tables.activities(shown), hide_index=True, width="stretch")
    csv_download(tables.activities(shown), "Unduh daftar kegiatan (CSV)", "kegiatan_rencana_aksi.csv", "activities_csv")

    left, right = st.columns(2)
    with left:
        st.subheader("Beban kerja PIC")
        st.dataframe(tables.workload(areas.pic_workload(activities)), hide_index=True, width="stretch")
    with right:
        st.subheader("Progres dari waktu ke waktu")
        history = areas.progress_history(ctx.frame("action_plan"), ctx.as_of)
        if history["snapshot_date"].nunique() >= 2:
            st.plotly_chart(charts.over_time(history, "snapshot_date", "pct", "area_label", "", "Progres (%)", [0, 100]),
                            width="stretch", key="area_history")
        else:
            st.caption("Tren muncul setelah ada dua laporan rencana aksi atau lebih dengan tanggal posisi berbeda.")

found = innovations.innovation_list(ctx.frame("innovations"))
st.subheader(f"Inovasi ({len(found)})")
if found.empty:
    st.caption(msg("innovations_none"))
if user.can_upload:
    with st.expander("Ubah daftar inovasi di sini (tersimpan sebagai versi baru, seperti unggahan)"):
        with st.form(f"innovations_{ctx.unit['key']}"):
            edited = st.data_editor(
                innovations.editor_rows(ctx.frame("innovations")), num_rows="dynamic", hide_index=True, width="stretch",
                key=f"innovation_editor_{ctx.unit['key']}",
                column_config={"name": st.column_config.TextColumn("Nama inovasi", required=True),
                               "area": st.column_config.SelectboxColumn("Area", options=list(AREA_LABELS.values())),
                               "launched": st.column_config.TextColumn("Peluncuran (tanggal, bulan atau tahun)"),
                               "status": st.column_config.SelectboxColumn("Status", options=list(innovations.STATUS_LABELS.values())),
                               "description": st.column_config.TextColumn("Deskripsi"),
                               "evidence": st.column_config.TextColumn("Tautan bukti"),
                               "pic": st.column_config.TextColumn("PIC")})
            if st.form_submit_button("Simpan daftar inovasi", icon=":material/save:"):
                data = filled_workbook("innovation", ["DAFTAR INOVASI ZONA INTEGRITAS", ctx.unit["unit"].upper()],
                                       innovations.form_rows(edited.to_dict("records")))
                outcome = import_bytes(ctx.ws, data, f"Daftar Inovasi {ctx.unit['unit']} (diisi di aplikasi).xlsx", user,
                                       folders=(ctx.unit["unit"],))
                if outcome.status in (STORED, DUPLICATE):
                    st.toast(msg("innovations_saved" if outcome.status == STORED else "innovations_unchanged"), icon=":material/check:")
                    st.rerun()
                for message in outcome.messages:
                    st.error(md(message))
if not found.empty:
    left, right = st.columns([2, 3])
    left.dataframe(tables.innovations_per_area(innovations.per_area(ctx.frame("innovations"))), hide_index=True, width="stretch")
    right.dataframe(tables.innovations(found), hide_index=True, width="stretch",
                    column_config={"Tautan bukti": st.column_config.LinkColumn("Tautan bukti")})

lke = ctx.readiness().score.lke
st.subheader("LKE penilaian mandiri")
if lke is None:
    st.caption("Belum ada LKE untuk unit ini. Setelah LKE diunggah, pohonnya, pertanyaan yang belum dijawab dan "
               "bukti yang belum ada tampil di sini, dan nilainya menggantikan perkiraan.")
else:
    if lke.status == "kosong":
        st.warning("LKE yang diunggah belum diisi: belum ada pertanyaan yang dijawab, jadi belum dinilai. "
                   "Dasar nilai tetap perkiraan.")
    tree = areas.lke_tree(lke.questions)
    st.plotly_chart(charts.lke_treemap(tree), width="stretch", key="lke_tree")
    if lke.differences:
        st.markdown(f"**{len(lke.differences)} nilai di file berbeda dari hitungan atas jawabannya** "
                    "(yang dipakai adalah hitungan atas jawaban)")
        st.dataframe(areas.lke_differences(lke.differences), hide_index=True, width="stretch")
    open_items = tree.loc[tree["open"]]
    st.markdown(f"**{len(lke.unanswered)} pertanyaan belum dijawab, {len(lke.without_evidence)} tanpa bukti**")
    st.dataframe(pd.DataFrame({"Area": open_items["area_label"], "Bagian": open_items["section_label"],
                               "Pertanyaan": open_items["label"], "Jawaban": open_items["answer"].fillna("–"),
                               "Masalah": open_items["issue"].where(open_items["issue"] != "", "tanpa bukti"),
                               "Baris": open_items["row"]}), hide_index=True, width="stretch")
