"""Studi Tiru: where this unit falls short of its next predicate, which peers are strong there, what they did,
and the visits this unit made and received."""

import streamlit as st

from zi_analytics import formatting as fmt
from zi_analytics.messages import CHOOSE_MANY, CHOOSE_ONE, msg
from zi_analytics.report import tables
from zi_analytics.report.studi_tiru import figure, studi_tiru_html
from zi_analytics.rules import AREA_LABELS
from zi_analytics.store import AccessDenied, VisitError
from zi_analytics.ui.context import page_context, require_unit
from zi_analytics.ui.escape import md
from zi_analytics.ui.login import while_signed_in
from zi_analytics.ui.shell import page_setup
from zi_analytics.views import studi_tiru

user = page_setup("Studi Tiru")
ctx = page_context(user)
unit = require_unit(ctx)
net = ctx.network
units, names, held, kanwil_of = net.units, net.names, net.held, net.kanwil_of
predicate = studi_tiru.next_predicate(held.get(unit["key"]))
st.caption(msg("studi_tiru_intro", predicate=predicate.upper(),
               held=f" (sudah memegang {held[unit['key']]})" if unit["key"] in held else ""))

if user.role in ("operator", "pimpinan"):
    kanwil = kanwil_of.get(unit["key"]) or "Kanwil Anda"
    st.caption(msg("studi_tiru_shared" if ctx.settings.shares(kanwil_of.get(unit["key"])) else "studi_tiru_shared_off",
                   kanwil=kanwil))

found = studi_tiru.gaps(unit, predicate)
best_of = {gap.id: studi_tiru.peers(gap, unit, units, kanwil_of, held) for gap in found}
completed, innovations = ctx.evidence({key for best in best_of.values() for key in best["key"]})
if not found:
    st.success(msg("studi_tiru_no_gap", predicate=predicate.upper()))
for number, gap in enumerate(found, start=1):
    with st.container(border=True):
        worth = f" · bernilai {fmt.number(gap.points, 2)} poin" if gap.points else ""
        st.markdown(f"**{number}. {md(gap.label)}** — kita {figure(gap.value, gap.scale)}, minimum "
                    f"{figure(gap.minimum, gap.scale)}{worth}")
        best = best_of[gap.id]
        if best.empty:
            narrow = user.role in ("operator", "pimpinan") and not gap.id.startswith("area:")
            st.caption(msg("studi_tiru_not_shared" if narrow else "studi_tiru_no_peer"))
            continue
        st.dataframe(tables.peers(best, lambda v, scale=gap.scale: figure(v, scale)), hide_index=True, width="stretch")
        chosen = st.selectbox("Lihat bukti dari", list(best["key"]), format_func=names.get, key=f"peer_{gap.id}",
                              placeholder=CHOOSE_ONE)
        peer = next(u for u in units if u["key"] == chosen)
        shown = studi_tiru.evidence(peer, gap, completed, innovations)
        left, right = st.columns(2)
        left.markdown(f"**Kegiatan selesai di area ini ({len(shown.activities)})**")
        if len(shown.activities):
            left.dataframe(shown.activities.rename(columns={"activity": "Kegiatan", "evidence": "Bukti"}), hide_index=True,
                           width="stretch")
        right.markdown(f"**Inovasi di area ini ({len(shown.innovations)})**")
        if len(shown.innovations):
            right.dataframe(shown.innovations.rename(columns={"name": "Inovasi", "status_label": "Status", "launched": "Diluncurkan",
                                                              "evidence": "Tautan bukti"}),
                            hide_index=True, width="stretch",
                            column_config={"Tautan bukti": st.column_config.LinkColumn("Tautan bukti")})
        if shown.strengths:
            st.caption("Survei " + md(names[chosen]) + ": " + md("; ".join(shown.strengths)))


def brief() -> str:
    rows = studi_tiru.plan_rows(unit, found, units, kanwil_of, held, completed, innovations)
    return studi_tiru_html(unit["unit"], predicate, ctx.regulation, rows, ctx.as_of)


st.download_button("Unduh Rencana studi tiru (HTML, siap cetak)", while_signed_in(user, brief),
                   file_name=f"rencana_studi_tiru_{unit['key']}_{ctx.as_of.isoformat()}.html", mime="text/html",
                   icon=":material/print:", key="studi_tiru_brief")

st.subheader("Kunjungan studi tiru")
visits = ctx.ws.visits(user, unit["key"])
roster = ctx.ws.units(user)
all_names = {**dict(zip(roster["key"], roster["unit"])), **names}
st.caption(msg("visits_count", unit=unit["unit"], hosted=studi_tiru.times_host(visits, unit["key"], ctx.as_of.year),
               made=int((visits["visitor_key"] == unit["key"]).sum()) if len(visits) else 0))
if len(visits):
    now = {area: values["pct"] for area, values in unit["readiness"]["areas"].items()}
    change = {}
    for visit in visits.itertuples():
        if visit.visitor_key == unit["key"]:
            then = ctx.readiness(as_of=visit.visit_date).to_json(ctx.regulation)["areas"]
            change[visit.id] = studi_tiru.area_change(visit.areas, {a: v["pct"] for a, v in then.items()}, now)
    st.dataframe(studi_tiru.visit_table(visits, unit["key"], all_names, change), hide_index=True, width="stretch")
if user.can_upload:
    with st.form("visit_form", clear_on_submit=True):
        st.markdown(f"**Catat kunjungan {md(unit['unit'])} ke unit lain**")
        c1, c2 = st.columns([3, 2])
        hosts = [k for k in all_names if k != unit["key"]]
        host = c1.selectbox("Unit yang dikunjungi", hosts, format_func=all_names.get, index=None, placeholder=CHOOSE_ONE,
                            key="visit_host")
        day = c2.date_input("Tanggal kunjungan", value=ctx.as_of, format="DD/MM/YYYY", key="visit_day")
        learnt = st.multiselect("Area yang dipelajari", list(AREA_LABELS), format_func=AREA_LABELS.get, placeholder=CHOOSE_MANY,
                                key="visit_areas")
        adopted = st.text_area("Yang akan diadopsi (boleh menyebut kegiatan rencana aksi atau tautan)", key="visit_adopted")
        if st.form_submit_button("Simpan kunjungan", icon=":material/save:"):
            try:
                ctx.ws.record_visit(user, host or "", unit["key"], day, learnt, adopted)
                st.toast(msg("visit_saved"), icon=":material/check:")
                st.rerun()
            except (AccessDenied, VisitError) as exc:
                st.error(md(exc))
