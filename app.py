"""ZI Analytics: entry point and navigation. Run with `streamlit run app.py`."""

import streamlit as st

from zi_analytics.ui.shell import PAGES

pages = [st.Page(p.path, title=p.title, icon=p.icon, url_path=p.url_path, default=i == 0) for i, p in enumerate(PAGES)]
st.navigation(pages, position="hidden").run()
