"""Data & Validasi: what was read from each file, the column mapping used, and the rejected rows."""

import pandas as pd
import streamlit as st

from zi_analytics.messages import FIELD_LABELS, KIND_LABELS, question_label
from zi_analytics.ui.data import user_dataset
from zi_analytics.ui.shell import page_setup

user = page_setup("Data & Validasi")
dataset = user_dataset(user)
st.caption("File yang datanya sedang dipakai. Setiap file menunjukkan lembar yang dibaca, kolom yang dikenali, "
           "dan baris yang ditolak beserta alasannya. Unggahan dan versi lama ada di halaman Unggah & Riwayat.")
for result in dataset.files:
    name = result.path.replace("\\", "/").removeprefix("sample_data/")
    icon = ":material/error:" if result.errors else ":material/warning:" if result.rejected_rows else ":material/check_circle:"
    label = (f"{name} — {KIND_LABELS.get(result.kind, result.kind)}, {result.rows} baris diterima, "
             f"{result.rejected_rows} ditolak")
    with st.expander(label, icon=icon):
        for error in result.errors:
            st.error(error)
        for sheet in result.sheets:
            where = f", judul kolom di baris {sheet.header_row}" if sheet.header_row else ""
            st.markdown(f"**Lembar {sheet.name}** — {KIND_LABELS.get(sheet.kind, sheet.kind)}{where}")
            read_as = {header: FIELD_LABELS.get(field, field) for header, field in sheet.mapping.items()}
            read_as.update({header: question_label(code) for header, code in sheet.questions.items()})
            if read_as:
                st.table(pd.DataFrame({"Kolom di file": list(read_as), "Dibaca sebagai": list(read_as.values())}).set_index("Kolom di file"))
        if result.warnings:
            st.markdown("\n".join(f"- {w}" for w in result.warnings))
problems = dataset.problems
if len(problems):
    st.download_button("Unduh baris bermasalah (CSV)", problems.to_csv(index=False).encode("utf-8-sig"),
                       file_name="baris_bermasalah.csv", mime="text/csv", icon=":material/download:")
