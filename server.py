"""ZI Analytics on a Kanwil server: `streamlit run server.py`, behind an https proxy (docs/DEPLOY.md).

The same app as `app.py`, plus what a server needs around it: the session cookie set by the server
(HttpOnly), headers against framing by other sites, no /_stcore/metrics, and no start without login.
"""

import streamlit as st

from zi_analytics.ui.server_routes import middleware, routes

app = st.App("app.py", routes=routes(), middleware=middleware())
