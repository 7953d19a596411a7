"""The frame every page shares: page config, the sidebar menu and the title.

The menu is drawn here rather than by Streamlit so it looks the same however a page is reached:
Streamlit runs a deep link such as /pengaduan as a plain `pages/` script when it is the first
request after a restart, without app.py's navigation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ..messages import msg
from ..store import Principal
from ..store.config import exposed_without_login
from .data import workspace
from .login import current_user, user_badge
from .server_routes import mounted


@dataclass(frozen=True)
class PageSpec:
    path: str
    title: str
    icon: str
    url_path: str


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/ringkasan.py", "Ringkasan", ":material/dashboard:", "ringkasan"),
    PageSpec("pages/area.py", "Area Perubahan", ":material/account_tree:", "area"),
    PageSpec("pages/survei.py", "Survei", ":material/sentiment_satisfied:", "survei"),
    PageSpec("pages/pengaduan.py", "Pengaduan", ":material/support_agent:", "pengaduan"),
    PageSpec("pages/perbandingan.py", "Perbandingan", ":material/leaderboard:", "perbandingan"),
    PageSpec("pages/studi_tiru.py", "Studi Tiru", ":material/diversity_3:", "studi_tiru"),
    PageSpec("pages/kesiapan.py", "Simulasi & Rincian Nilai", ":material/calculate:", "kesiapan"),
    PageSpec("pages/unggah.py", "Unggah Data", ":material/cloud_upload:", "unggah"),
    PageSpec("pages/workspace.py", "Riwayat & Cadangan", ":material/history:", "workspace"),
    PageSpec("pages/pengguna.py", "Pengguna", ":material/manage_accounts:", "pengguna"),
    PageSpec("pages/pengaturan.py", "Pengaturan", ":material/settings:", "pengaturan"),
    PageSpec("pages/briefing.py", "Mode Briefing", ":material/slideshow:", "briefing"),
)
BRIEFING = PAGES[-1]
APP_NAME = "ZI Analytics"
# A file, not a ":material/…:" icon: Streamlit fetches a material favicon from fonts.gstatic.com, and the app
# must not ask the internet for anything (a laptop in a briefing room is often offline).
FAVICON = Path(__file__).resolve().parent / "assets" / "favicon.png"
# The file uploader's own texts ("Upload", "100MB per file • XLSX…") have no option in Streamlit: they are hidden
# and said in Indonesian instead (the limit is in each uploader's label).
WIDGET_TEXT_CSS = f"""<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{ content: "{msg('uploader_button')}"; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{ content: "{msg('uploader_hint')}"; font-size: 0.875rem; }}
</style>"""


def briefing_requested() -> bool:
    return st.query_params.get("mode") == "briefing"


def page_setup(title: str, show_title: bool = True) -> Principal:
    """Wide layout, the login when server mode asks for one, the app's own menu, and the page title."""
    st.set_page_config(page_title=f"{title} · {APP_NAME}", page_icon=str(FAVICON), layout="wide")
    st.html(WIDGET_TEXT_CSS)
    if briefing_requested() and title != BRIEFING.title:
        st.switch_page(BRIEFING.path)
    config = workspace().config
    if exposed_without_login(config, st.get_option("server.address")):
        st.error(msg("open_without_login"))
        st.stop()
    if mounted() and not config.login_required:  # server.py is a Kanwil server: never without login
        st.error(msg("server_without_login"))
        st.stop()
    user = current_user()
    with st.sidebar:
        st.markdown(f"### {APP_NAME}")
        st.caption("Pemantauan Zona Integritas menuju WBK/WBBM")
        for page in PAGES:
            st.page_link(page.path, label=page.title, icon=page.icon)
        user_badge(user)
    if show_title:
        st.title(title)
    return user
