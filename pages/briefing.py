"""Mode Briefing: one unit on the shared screen, large type, no sidebar, a fixed sequence of slides.

Opened from the menu or with `?mode=briefing` (and `&unit=...`) on the address. No names of people
appear on any slide: no PIC, no complainant.
"""

import time

import streamlit as st

from zi_analytics import formatting as fmt
from zi_analytics.ui import charts
from zi_analytics.ui.briefing import BRIEFING_CSS, SLIDES, big_figures
from zi_analytics.ui.context import page_context, require_unit
from zi_analytics.ui.escape import html_text
from zi_analytics.ui.shell import PAGES, page_setup
from zi_analytics.views import areas, complaints, overview
from zi_analytics.views.freshness import line as fresh_line
from zi_analytics.views.freshness import warning as fresh_warning
from zi_analytics.messages import CHOOSE_ONE, msg

user = page_setup("Mode Briefing", show_title=False)
st.html(BRIEFING_CSS)
if st.query_params.get("mode") != "briefing":
    st.query_params["mode"] = "briefing"
ctx = page_context(user, scope_line=False)
unit = require_unit(ctx)
result = ctx.readiness()
plan = ctx.current_plan()
fresh = ctx.fresh
history = areas.progress_history(ctx.frame("action_plan"), ctx.as_of)
slides = [s for s in SLIDES if s != "trend" or history["snapshot_date"].nunique() >= 2]

controls = st.columns([1, 1, 1.2, 1, 0.8], vertical_alignment="center")
auto = controls[2].toggle("Putar otomatis", key="briefing_auto")
seconds = controls[3].selectbox("Detik per slide", [10, 20, 30, 60], index=1, key="briefing_seconds", disabled=not auto,
                                label_visibility="collapsed", format_func=lambda s: f"{s} detik per slide", placeholder=CHOOSE_ONE)
if controls[4].button("Keluar", icon=":material/close:", key="briefing_exit"):
    del st.query_params["mode"]
    st.switch_page(PAGES[0].path)
controls[0].button("◀ Sebelumnya", key="briefing_prev", width="stretch", on_click=lambda: turn(-1))
controls[1].button("Berikutnya ▶", key="briefing_next", width="stretch", on_click=lambda: turn(1))


def turn(step: int) -> None:
    """Button callback: runs before the rerun, so the new slide is drawn at once (inside the fragment too)."""
    st.session_state["briefing_slide"] = (st.session_state.get("briefing_slide", 0) + step) % len(slides)
    st.session_state["briefing_turned"] = time.monotonic()


@st.fragment(run_every=seconds if auto else None)
def slideshow() -> None:
    state = st.session_state
    position = state.setdefault("briefing_slide", 0) % len(slides)
    if auto:  # a timed rerun turns the page once the interval has passed since the last turn
        last = state.setdefault("briefing_turned", time.monotonic())
        if time.monotonic() - last >= seconds - 0.5:
            position = (position + 1) % len(slides)
            state["briefing_turned"] = time.monotonic()
    else:
        state.pop("briefing_turned", None)
    state["briefing_slide"] = position
    slide = slides[position]
    st.markdown(f"<div class='zi-unit'>{html_text(unit['unit'])} · posisi data {fmt.short_date(ctx.as_of)}"
                f"<span class='zi-counter'>{position + 1} / {len(slides)}</span></div>", unsafe_allow_html=True)
    newest, stale = fresh_line(fresh), fresh_warning(fresh)
    if newest:
        st.markdown(f"<div class='zi-fresh{' zi-stale' if stale else ''}'>{html_text(newest)}</div>", unsafe_allow_html=True)
    if stale:
        st.markdown(f"<div class='zi-fresh zi-stale'>⚠ {html_text(stale)}</div>", unsafe_allow_html=True)
    if slide == "status":
        st.markdown("## Kesiapan WBK dan WBBM")
        for predicate in ("wbk", "wbbm"):
            st.markdown(f"<div class='zi-step'>{'✓' if result.ready(predicate) else '✗'} "
                        f"{html_text(overview.verdict_line(result, predicate))}</div>", unsafe_allow_html=True)
        since = overview.previous_snapshot(history)
        big_figures(overview.status_figures(result, ctx.readiness(since) if since else None, since))
    elif slide == "areas":
        st.markdown("## Progres per area perubahan")
        if len(plan):
            table = areas.area_table(areas.activities(plan, fresh.judged), ctx.regulation)
            st.plotly_chart(charts.area_progress(table, large=True), width="stretch", key="briefing_areas",
                            config={"displayModeBar": False}, theme=None)
        else:
            st.markdown("### Belum ada data rencana aksi.")
    elif slide == "actions":
        st.markdown("## Tiga langkah tercepat menutup kekurangan")
        actions = overview.closing_actions(result, ctx.regulation, plan)
        if actions and not any(action.closes for action in actions):
            st.markdown(f"<div class='zi-fresh zi-stale'>{html_text(msg('steps_close_nothing'))}</div>", unsafe_allow_html=True)
        for number, action in enumerate(actions, 1):
            st.markdown(f"<div class='zi-step'>{number}. {html_text(action.what)}</div>"
                        f"<div class='zi-effect'>{html_text(action.effect)}</div>", unsafe_allow_html=True)
        if not actions:
            st.markdown("### Tidak ada langkah dari data sekarang yang mengubah penilaian.")
    elif slide == "surveys":
        st.markdown("## Survei")
        big_figures(overview.survey_figures(unit["surveys"], ctx.regulation))
        for check in result.checks["wbk"]:
            if check.id in ("ipak", "ipkp"):
                st.markdown(f"<div class='zi-step'>{'✓' if check.passed else '✗'} {html_text(check.label)}</div>",
                            unsafe_allow_html=True)
    elif slide == "complaints":
        st.markdown("## Pengaduan")
        frame = complaints.until(ctx.frame("complaints"), ctx.as_of)
        if frame.empty:
            st.markdown("### Belum ada register pengaduan.")
        else:
            sla = ctx.regulation.conventions.complaint_sla_working_days
            big_figures([(f.label, f.value) for f in complaints.key_figures(frame, ctx.as_of, sla)])
            st.plotly_chart(charts.monthly(complaints.monthly(frame), "", large=True), width="stretch", key="briefing_monthly",
                            config={"displayModeBar": False}, theme=None)
    elif slide == "trend":
        st.markdown("## Progres dari waktu ke waktu")
        overall = history.loc[history["area"] == "overall"]
        shown = history.loc[history["area"].isin(areas.trend_lines(history, ctx.regulation))]
        st.plotly_chart(charts.over_time(shown, "snapshot_date", "pct", "area_label", "", "Progres (%)", [0, 100], large=True),
                        width="stretch", key="briefing_trend", config={"displayModeBar": False}, theme=None)
        if len(overall) >= 2:
            change = overall["pct"].iloc[-1] - overall["pct"].iloc[0]
            st.markdown(f"#### Rata-rata unit: {fmt.percent(overall['pct'].iloc[0])} → {fmt.percent(overall['pct'].iloc[-1])} "
                        f"({'+' if change >= 0 else ''}{fmt.number(change, 1)} poin)")


slideshow()
