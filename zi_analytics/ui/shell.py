"""The frame every page shares: page config, the sidebar menu and the title.

The menu is drawn here rather than by Streamlit so it looks the same however a page is reached:
Streamlit runs a deep link such as /data_file as a plain `pages/` script when it is the first
request after a restart, without app.py's navigation.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ..store import Principal
from .login import current_user, user_badge


@dataclass(frozen=True)
class PageSpec:
    path: str
    title: str
    icon: str
    url_path: str


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/ringkasan.py", "Ringkasan", ":material/dashboard:", "ringkasan"),
    PageSpec("pages/kesiapan.py", "Kesiapan WBK/WBBM", ":material/verified:", "kesiapan"),
    PageSpec("pages/data_file.py", "Data & Validasi", ":material/fact_check:", "data_file"),
    PageSpec("pages/workspace.py", "Unggah & Riwayat", ":material/cloud_upload:", "workspace"),
)
APP_NAME = "ZI Analytics"


def page_setup(title: str) -> Principal:
    """Wide layout, the login when server mode asks for one, the app's own menu, and the page title."""
    st.set_page_config(page_title=f"{title} · {APP_NAME}", page_icon=":material/verified:", layout="wide")
    user = current_user()
    with st.sidebar:
        st.markdown(f"### {APP_NAME}")
        st.caption("Pemantauan Zona Integritas menuju WBK/WBBM")
        for page in PAGES:
            st.page_link(page.path, label=page.title, icon=page.icon)
        user_badge(user)
    st.title(title)
    return user
