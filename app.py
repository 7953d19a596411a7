"""ZI Analytics: entry point and navigation. Run with `streamlit run app.py`.

`?mode=briefing` on the address opens the briefing slides for the shared screen.
"""

import streamlit as st

from zi_analytics.ui.guard import run_guarded
from zi_analytics.ui.shell import BRIEFING, PAGES, briefing_requested

default = BRIEFING if briefing_requested() else PAGES[0]
# No icon on st.Page: the navigation is hidden (ui/shell.py draws the menu with the icons), and a page's material
# icon would become a favicon fetched from the internet.
pages = [st.Page(p.path, title=p.title, url_path=p.url_path, default=p is default) for p in PAGES]
run_guarded(st.navigation(pages, position="hidden").run)
