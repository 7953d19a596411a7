"""Data & Validasi: what was read from each file, the column mapping used, and the rejected rows."""

import streamlit as st

from zi_analytics.messages import KIND_LABELS
from zi_analytics.ui.data import sample_dataset

st.title("Data & Validasi")
dataset = sample_dataset()
st.caption("File contoh bawaan (folder sample_data). Baris yang ditolak dapat diunduh beserta alasannya.")
for result in dataset.files:
    label = f"{'⚠️' if result.errors else '✅'} {result.path.split('/')[-1]} — {KIND_LABELS.get(result.kind, result.kind)}, {result.rows} baris, {result.rejected_rows} ditolak"
    with st.expander(label):
        for error in result.errors:
            st.error(error)
        for sheet in result.sheets:
            st.text(f"Lembar {sheet.name} — {KIND_LABELS.get(sheet.kind, sheet.kind)}"
                        + (f", header di baris {sheet.header_row}" if sheet.header_row else ""))
            if sheet.mapping:
                st.table({"Kolom di file": list(sheet.mapping), "Dibaca sebagai": list(sheet.mapping.values())})
        for warning in result.warnings:
            st.text(warning)
problems = dataset.problems
if len(problems):
    st.download_button("Unduh baris bermasalah (CSV)", problems.to_csv(index=False).encode("utf-8-sig"),
                       file_name="baris_bermasalah.csv", mime="text/csv")
