"""Ringkasan: per-unit progress of the action plan, surveys and complaints, on the loaded data."""

from datetime import date

import pandas as pd
import plotly.express as px
import streamlit as st

from zi_analytics import formatting as fmt
from zi_analytics.rules import AREA_LABELS
from zi_analytics.readiness.forecast import area_history
from zi_analytics.ui.data import user_dataset, user_summary
from zi_analytics.ui.shell import page_setup
from zi_analytics.ui.widgets import scope_caption, unit_picker

user = page_setup("Ringkasan Zona Integritas")
as_of = date.today()
summary = user_summary(user, as_of)
unit = unit_picker(summary["units"])
if unit:
    scope_caption(unit["unit"], as_of)
    plan, surveys, complaints = unit["action_plan"], unit["surveys"], unit["complaints"]
    cols = st.columns(5)
    cols[0].metric("Progres rencana aksi", fmt.percent(plan["completion_pct"]) if plan else "–",
                   help="Rata-rata progres kegiatan pada snapshot terbaru")
    cols[1].metric("Kegiatan lewat tenggat", fmt.number(plan["overdue"], 0) if plan else "–")
    ikm = surveys["ikm"]
    cols[2].metric("IKM", f"{fmt.number(ikm['index'], 2)} ({ikm['grade']})" if ikm else "–")
    ipak, ipkp = surveys["ipak"], surveys["ipkp"]
    cols[3].metric("IPAK / IPKP (skala 4)",
                   f"{fmt.number(ipak['index_4'], 2) if ipak else '–'} / {fmt.number(ipkp['index_4'], 2) if ipkp else '–'}")
    cols[4].metric("Pengaduan selesai", fmt.percent(complaints["resolved_pct"]) if complaints else "–",
                   help=f"{complaints['resolved']} dari {complaints['total']} pengaduan" if complaints else None)
    if plan:
        areas = pd.DataFrame({"Area": [AREA_LABELS[k] for k in plan["areas"]], "Progres (%)": list(plan["areas"].values())})
        fig = px.bar(areas, x="Progres (%)", y="Area", orientation="h", range_x=[0, 100], text_auto=".1f",
                     title="Progres per area perubahan")
        fig.update_layout(yaxis_title=None, separators=",.", height=360)
        st.plotly_chart(fig, width="stretch")
        frame = user_dataset(user).frames["action_plan"]
        history = area_history(frame.loc[frame["unit_key"] == unit["key"]], as_of)
        if history["snapshot_date"].nunique() >= 2:
            history = history.assign(Area=history["area"].map(AREA_LABELS))
            trend = px.line(history, x="snapshot_date", y="pct", color="Area", markers=True, range_y=[0, 100],
                            title="Progres per area dari waktu ke waktu (snapshot rencana aksi)",
                            labels={"snapshot_date": "Posisi data", "pct": "Progres (%)"})
            trend.update_layout(separators=",.", height=380)
            st.plotly_chart(trend, width="stretch")
        else:
            st.caption("Tren progres muncul setelah ada dua snapshot rencana aksi atau lebih (unggah laporan bulan berikutnya).")

st.subheader("Semua unit")
rows = []
for item in summary["units"]:
    plan, surveys, complaints = item["action_plan"], item["surveys"], item["complaints"]
    rows.append({
        "Unit": item["unit"],
        "Progres RA": fmt.percent(plan["completion_pct"]) if plan else "–",
        "IKM": fmt.number(surveys["ikm"]["index"], 2) if surveys["ikm"] else "–",
        "IPAK (skala 4)": fmt.number(surveys["ipak"]["index_4"], 2) if surveys["ipak"] else "–",
        "IPKP (skala 4)": fmt.number(surveys["ipkp"]["index_4"], 2) if surveys["ipkp"] else "–",
        "Pengaduan": fmt.number(complaints["total"], 0) if complaints else "–",
    })
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
