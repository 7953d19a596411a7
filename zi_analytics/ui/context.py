"""What a page works on: the user, the settings, the unit and date in scope, and the data for them.

The scope (unit and "posisi data per" date) is chosen once in the sidebar and kept while moving between
pages; the unit is also in the address (`?unit=lapas-malang`), so a link or a bookmark opens the same view.
Figures are cached per user, data version, settings and date, so a rerun costs one small query.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from .. import formatting as fmt
from ..dataset import Dataset
from ..metrics import current_action_plan
from ..readiness import Readiness, unit_readiness
from ..report.excel import excel_report
from ..report.html import briefing_html
from ..rules.regulation import Regulation
from ..settings import Settings, load_settings, uploaded_predicates
from ..sharing import Network, SharedPeers, evidence_frames, network, shared_peers
from ..comparison import comparison_units, outdated, refresh
from ..store import Principal, Workspace
from ..summary import build_summary
from ..views.freshness import Freshness, freshness
from ..views.freshness import line as fresh_line
from ..views.freshness import warning as fresh_warning
from .data import cached_dataset, workspace
from .escape import md
from ..messages import CHOOSE_ONE, msg

UNIT_KEY, AS_OF_KEY = "_scope_unit", "_scope_as_of"


@dataclass
class PageContext:
    user: Principal
    ws: Workspace
    settings: Settings
    regulation: Regulation
    as_of: date
    dataset: Dataset
    summary: dict[str, Any]
    unit: dict[str, Any] | None  # this unit's entry of `summary["units"]`
    version: str
    settings_text: str

    def frame(self, name: str) -> pd.DataFrame:
        """The scoped unit's rows of one tidy table."""
        frame = self.dataset.frames[name]
        return self.dataset.unit_frames(self.unit["key"])[name] if self.unit else frame.iloc[0:0]

    def current_plan(self) -> pd.DataFrame:
        return current_action_plan(self.frame("action_plan"), self.as_of)

    @cached_property
    def fresh(self) -> Freshness:
        """How old the unit's data is: computed once per page run (the scope line, the tables and the slides)."""
        return freshness(self.dataset.unit_frames(self.unit["key"]) if self.unit else
                         {name: frame.iloc[0:0] for name, frame in self.dataset.frames.items()},
                         self.as_of, self.settings.stale_after_days)

    def all_units(self) -> list[dict[str, Any]]:
        """Every unit the user may see, with its stored comparison figures (a unit page's own summary holds one)."""
        return compared_units(self.ws, self.user, Settings.from_text(self.settings_text), self.version, self.as_of)

    @cached_property
    def network(self) -> Network:
        """The units the Studi Tiru page ranks: those the user sees and, for a unit user, its Kanwil's shared peers."""
        shared = _shared(self.ws, self.ws.config.database_url, self.user, self.version, self.settings_text, self.as_of)
        roster = self.ws.units(self.user)
        return network(self.all_units(), dict(zip(roster["key"], roster["kanwil"])), shared)

    def evidence(self, unit_keys: set[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Finished activities and innovations of these peers: read for those the user sees, shared for the rest."""
        visible = set(self.ws.units(self.user)["key"])
        read = tuple(sorted(unit_keys & visible))
        dataset = cached_dataset(self.ws, self.ws.config.database_url, self.user, self.version, read)
        return evidence_frames(self.network, dataset.frames, self.as_of)

    def readiness(self, as_of: date | None = None) -> Readiness:
        """The unit's readiness on the scope's date, or on another day (the previous snapshot's, for a change)."""
        assert self.unit is not None
        return _readiness(self.ws, self.ws.config.database_url, self.user, self.version, self.settings_text,
                          self.unit["key"], as_of or self.as_of)


@st.cache_data(show_spinner="Menghitung…", max_entries=64)
def _summary(_ws: Workspace, database_url: str, user: Principal, version: str, settings_text: str, as_of: date,
             unit_key: str | None) -> dict:
    """One unit's figures from its data (its unit pages need the detail the stored figures leave out)."""
    dataset = cached_dataset(_ws, database_url, user, version, (unit_key,) if unit_key else ())
    settings = Settings.from_text(settings_text).with_records(uploaded_predicates(dataset.frames["predicates"]))
    keys = [k for k in dataset.unit_keys if k == unit_key]
    return build_summary(dataset, as_of, unit_keys=keys, options=settings.options)


@st.cache_data(show_spinner="Menghitung…", max_entries=16)
def _shared(_ws: Workspace, database_url: str, user: Principal, version: str, settings_text: str, as_of: date) -> SharedPeers:
    return shared_peers(_ws, user, Settings.from_text(settings_text), as_of)


@st.cache_resource(max_entries=128)
def _readiness(_ws: Workspace, database_url: str, user: Principal, version: str, settings_text: str, unit_key: str,
               as_of: date) -> Readiness:
    dataset = cached_dataset(_ws, database_url, user, version, (unit_key,))
    settings = Settings.from_text(settings_text).with_records(uploaded_predicates(dataset.frames["predicates"]))
    options = settings.options(unit_key)
    frames = dataset.unit_frames(unit_key)
    return unit_readiness(frames, unit_key, as_of, options.regulation, options.capaian_kinerja, options.population,
                          options.preconditions)


def scope_sidebar(units: list[dict[str, Any]], with_unit: bool) -> tuple[str | None, date]:
    """Unit picker and date in the sidebar; the choice survives page changes and sits in the address."""
    keys = [u["key"] for u in units]
    names = {u["key"]: u["unit"] for u in units}
    wanted = st.query_params.get("unit") or st.session_state.get(UNIT_KEY)
    chosen = wanted if wanted in keys else (keys[0] if keys else None)
    with st.sidebar:
        st.markdown("**Cakupan tampilan**")
        if with_unit and keys:
            chosen = st.selectbox("Unit", keys, index=keys.index(chosen), format_func=names.get, key="scope_unit_widget", placeholder=CHOOSE_ONE)
        as_of = st.date_input("Posisi data per", value=st.session_state.get(AS_OF_KEY, date.today()), format="DD/MM/YYYY",
                              key="scope_as_of_widget", help="Data sesudah tanggal ini tidak dihitung; tenggat dinilai pada tanggal ini.")
    st.session_state[UNIT_KEY] = chosen
    st.session_state[AS_OF_KEY] = as_of
    if with_unit and chosen and st.query_params.get("unit") != chosen:
        st.query_params["unit"] = chosen
    return chosen, as_of


def page_context(user: Principal, with_unit: bool = True, scope_line: bool = True) -> PageContext:
    """Settings, scope and figures for a page; the scope line is drawn under the title. A unit page reads that
    unit's data; a comparison page reads the units' stored figures (`zi_analytics.comparison`), never their data."""
    ws = workspace()
    settings = load_settings(ws)
    settings_text = settings.to_text()
    version = ws.data_version()
    unit_key, as_of = scope_sidebar(_roster(ws, ws.config.database_url, user, version), with_unit)
    dataset = cached_dataset(ws, ws.config.database_url, user, version, (unit_key,) if with_unit and unit_key else ())
    settings = settings.with_records(uploaded_predicates(dataset.frames["predicates"]))  # the lists uploaded, too
    if with_unit:
        summary = _summary(ws, ws.config.database_url, user, version, settings_text, as_of, unit_key)
    else:
        summary = {"files": [], "units": compared_units(ws, user, load_settings(ws), version, as_of)}
    unit = next((u for u in summary["units"] if u["key"] == unit_key), None) if with_unit else None
    regulation = settings.regulation()
    who = unit["unit"] if unit else (f"{len(summary['units'])} unit" if not with_unit else "belum ada unit")
    if scope_line:
        st.caption(f"Cakupan: **{md(who)}** · posisi data per {fmt.long_date(as_of)} · {regulation.name}")
    ctx = PageContext(user, ws, settings, regulation, as_of, dataset, summary, unit, version, settings_text)
    if scope_line and unit is not None:
        fresh = ctx.fresh
        newest = fresh_line(fresh)
        if newest:
            st.caption(newest)
        stale = fresh_warning(fresh)
        if stale:
            st.warning(stale, icon=":material/history:")
    return ctx


@st.cache_data(show_spinner=False, max_entries=64)
def _roster(_ws: Workspace, database_url: str, user: Principal, version: str) -> list[dict[str, str]]:
    """The units with data this user may see, for the unit picker."""
    units = _ws.units(user)
    versions = _ws.unit_versions(units["key"])
    return [{"key": key, "unit": name} for key, name in zip(units["key"], units["unit"]) if key in versions]


def compared_units(ws: Workspace, user: Principal, settings: Settings, version: str, as_of: date,
                   unit_keys: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """Every unit's stored figures; those outdated by new data or settings are computed first, with a progress bar."""
    stale = outdated(ws, user, settings, as_of, unit_keys)
    if stale:
        bar = st.progress(0.0, text=msg("figures_refresh", done=0, total=len(stale)))
        refresh(ws, settings, as_of, stale, lambda done, total: bar.progress(done / total, text=msg("figures_refresh", done=done, total=total)))
        bar.empty()
    return _compared(ws, ws.config.database_url, user, version, settings.to_text(), as_of, unit_keys)


@st.cache_data(show_spinner=False, max_entries=32)
def _compared(_ws: Workspace, database_url: str, user: Principal, version: str, settings_text: str, as_of: date,
              unit_keys: tuple[str, ...] | None) -> list[dict[str, Any]]:
    return comparison_units(_ws, user, Settings.from_text(settings_text), as_of, unit_keys=unit_keys)


def require_unit(ctx: PageContext) -> dict[str, Any]:
    """Stop the page with a helpful message when there is no unit to show."""
    if ctx.unit is None:
        st.info("Belum ada data unit. Buka **Unggah Data** untuk mengunggah rencana aksi, survei, atau register pengaduan.",
                icon=":material/info:")
        st.stop()
    return ctx.unit


def export_excel(ctx: PageContext) -> bytes:
    """The scoped unit's Excel report (built only when the download button is pressed)."""
    assert ctx.unit is not None
    problems = ctx.ws.dataset(ctx.user, [ctx.unit["key"]]).problems
    return excel_report(ctx.unit, ctx.readiness(), ctx.regulation, ctx.current_plan(), ctx.frame("survey_responses"),
                        ctx.frame("survey_answers"), ctx.frame("complaints"), problems, ctx.as_of,
                        ctx.settings.stale_after_days)


def export_html(ctx: PageContext) -> str:
    assert ctx.unit is not None
    return briefing_html(ctx.unit, ctx.readiness(), ctx.regulation, ctx.current_plan(), ctx.frame("complaints"), ctx.as_of,
                         ctx.settings.stale_after_days)
