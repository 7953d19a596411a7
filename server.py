"""ZI Analytics on a Kanwil server: `streamlit run server.py --server.address 0.0.0.0` (see docs/DEPLOY.md).

The same app as `app.py`, plus what a server needs around it: the session cookie set by the server
(HttpOnly), headers against framing by other sites, and no /_stcore/metrics.
"""

import streamlit as st

from zi_analytics.ui.server_routes import middleware, routes

app = st.App("app.py", routes=routes(), middleware=middleware())
