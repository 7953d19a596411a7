"""Widgets shared by pages: the scope line and the unit picker."""

from __future__ import annotations

from datetime import date

import streamlit as st

from .. import formatting as fmt


def scope_caption(unit_name: str | None, as_of: date) -> None:
    """Always say what the page is showing: which unit and as of which date."""
    who = unit_name or "Semua unit"
    st.caption(f"Cakupan: **{who}** · data per {fmt.long_date(as_of)}")


def unit_picker(units: list[dict], key: str = "unit") -> dict | None:
    if not units:
        st.info("Belum ada data unit. Unggah file rencana aksi, survei, atau pengaduan.")
        return None
    names = [u["unit"] for u in units]
    choice = st.selectbox("Unit", names, key=key)
    return units[names.index(choice)]
