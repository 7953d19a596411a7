"""Ringkasan: is the unit ready for WBK and WBBM, by how much it falls short, and the fastest ways to close the gap."""

import streamlit as st

from zi_analytics import formatting as fmt
from zi_analytics.readiness.explain import checks_table, trace_table
from zi_analytics.ui import charts
from zi_analytics.ui.context import export_excel, export_html, page_context, require_unit
from zi_analytics.ui.login import while_signed_in
from zi_analytics.ui.shell import page_setup
from zi_analytics.ui.escape import md
from zi_analytics.ui.widgets import verdict_banner
from zi_analytics.views import areas, overview

user = page_setup("Ringkasan")
ctx = page_context(user)
unit = require_unit(ctx)
result = ctx.readiness()
score = result.score

left, right = st.columns(2)
for predicate, column in zip(("wbk", "wbbm"), (left, right)):
    with column:
        verdict_banner(result, predicate)

cols = st.columns(4)
cols[0].metric("Nilai total", fmt.number(score.total, 2), help=f"Dari {fmt.number(ctx.regulation.total_max, 0)}")
cols[1].metric("Pengungkit", fmt.number(score.pengungkit, 2), help=f"Pemenuhan + Reform, maksimal {fmt.number(ctx.regulation.pengungkit.max, 0)}")
cols[2].metric("Hasil", fmt.number(score.hasil, 2), help=f"Birokrasi bersih dan akuntabel + pelayanan prima, maksimal {fmt.number(ctx.regulation.hasil.max, 0)}")
cols[3].metric("Menuju batas pengusulan", f"{fmt.number(overview.days_left(result), 0)} hari",
               help=f"Batas pengusulan {fmt.long_date(result.deadline)}")
st.caption(f"Dasar nilai: **{score.basis_text}**.")

st.subheader("Tiga langkah yang paling cepat menutup kekurangan")
actions = overview.closing_actions(result, ctx.regulation, ctx.current_plan())
if actions:
    st.markdown("\n".join(f"{i}. **{md(a.what)}**  \n   {md(a.effect)}" for i, a in enumerate(actions, 1)))
elif overview.next_predicate(result) is None:
    st.success("Unit ini sudah memenuhi semua syarat WBK dan WBBM pada data sekarang.", icon=":material/verified:")
else:
    st.info("Tidak ada langkah dari data rencana aksi atau survei yang mengubah penilaian; lihat kriteria di bawah.")
missing = overview.missing_inputs(result)
if missing:
    st.warning("Belum diisi, sehingga kriteria terkait belum dapat lulus (isi di **Pengaturan**):  \n"
               + "  \n".join(f"• {line}" for line in missing), icon=":material/edit_note:")

st.subheader("Kriteria dan kekurangannya")
for predicate, tab in zip(("wbk", "wbbm"), st.tabs(["WBK", "WBBM"])):
    with tab:
        st.dataframe(checks_table(result.checks[predicate]), hide_index=True, width="stretch")
with st.expander("Bagaimana angka ini dihitung", icon=":material/calculate:"):
    for note in score.notes:
        st.caption(note)
    st.dataframe(trace_table(score.trace), hide_index=True, width="stretch")

plan = ctx.current_plan()
if len(plan):
    table = areas.area_table(areas.activities(plan, ctx.fresh.judged), ctx.regulation)
    st.plotly_chart(charts.area_progress(table, title="Progres rencana aksi per area (garis hitam: minimum WBK)"),
                    width="stretch", key="overview_areas")
surveys, complaints = unit["surveys"], unit["complaints"]
cols = st.columns(4)
cols[0].metric("IKM", f"{fmt.number(surveys['ikm']['index'], 2)} ({surveys['ikm']['grade']})" if surveys["ikm"] else "–")
cols[1].metric("SPAK/IPAK (skala 4)", fmt.number(surveys["ipak"]["index_4"], 2) if surveys["ipak"] else "–")
cols[2].metric("SPKP/IPKP (skala 4)", fmt.number(surveys["ipkp"]["index_4"], 2) if surveys["ipkp"] else "–")
cols[3].metric("Pengaduan selesai", fmt.percent(complaints["resolved_pct"]) if complaints else "–",
               help=f"{complaints['resolved']} dari {complaints['total']} pengaduan" if complaints else None)

st.subheader("Unduh laporan")
left, right = st.columns(2)
file_stem = f"laporan_zi_{unit['key']}_{ctx.as_of.isoformat()}"
left.download_button("Laporan Excel (ringkasan, area, survei, pengaduan, baris ditolak)",
                     while_signed_in(ctx.user, lambda: export_excel(ctx)), file_name=f"{file_stem}.xlsx", icon=":material/table_view:",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="report_excel")
right.download_button("Briefing siap cetak (HTML)", while_signed_in(ctx.user, lambda: export_html(ctx)), file_name=f"{file_stem}.html",
                      mime="text/html", icon=":material/print:", key="report_html")
