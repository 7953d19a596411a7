"""ZI Analytics: entry point and navigation. Run with `streamlit run app.py`."""

import streamlit as st

st.set_page_config(page_title="ZI Analytics", page_icon="📊", layout="wide")

pages = [
    st.Page("pages/ringkasan.py", title="Ringkasan", icon=":material/dashboard:", default=True),
    st.Page("pages/data_file.py", title="Data & Validasi", icon=":material/fact_check:"),
]
st.navigation(pages).run()
