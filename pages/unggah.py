"""Unggah Data: put files into the workspace, see how each sheet was read, and correct a reading by hand."""

import streamlit as st

from zi_analytics.limits import SUPPORTED_EXTENSIONS
from zi_analytics.messages import CHOOSE_ONE, KIND_LABELS, msg
from zi_analytics.report.templates import TEMPLATE_KINDS, template_spec, template_workbook
from zi_analytics.services import import_bytes
from zi_analytics.store.access import ROLE_LABELS
from zi_analytics.ui.data import current_files, workspace
from zi_analytics.ui.shell import page_setup
from zi_analytics.ui.sheet_picture import SHEET_CSS, sheet_picture
from zi_analytics.ui.escape import md
from zi_analytics.ui.upload_view import OUTCOMES, file_report, outcome_view, remember, upload_limit_mb, upload_limits

user = page_setup("Unggah Data")
ws = workspace()
units = ws.units(user)
unit_names = dict(zip(units["key"], units["unit"]))

if not user.can_upload:
    st.info(f"Peran {ROLE_LABELS[user.role]} hanya melihat data; unggahan dilakukan oleh operator unit.")
else:
    limit = upload_limit_mb()
    st.caption("Rencana aksi, hasil survei IKM/SPAK/SPKP (juga ekspor Google Forms), register pengaduan, atau LKE: "
               f".xlsx, .xls, .ods, .csv, paling besar {limit} MB per file. File yang sama persis tidak disimpan dua kali; laporan bulan berikutnya menjadi "
               "versi baru dan dipakai semua halaman seketika.")
    with st.expander("Template dan format yang dikenali", icon=":material/description:"):
        st.markdown(msg("templates_intro"))
        st.html(SHEET_CSS)
        for tab, kind in zip(st.tabs([KIND_LABELS[k][:1].upper() + KIND_LABELS[k][1:] for k in TEMPLATE_KINDS]), TEMPLATE_KINDS):
            spec = template_spec(kind)
            name, data = template_workbook(kind)
            tab.download_button(f"Unduh template {KIND_LABELS[kind]}", data, file_name=name, key=f"template_{kind}",
                                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                icon=":material/download:")
            tab.markdown("\n".join(f"- {md(note)}" for note in spec["notes"]))
            tab.markdown(f"**{msg('layouts_recognised')}**")
            for layout in spec.get("layouts", []):
                tab.caption(md(layout["caption"]))
                tab.html(sheet_picture(layout["cells"], layout["header"], layout.get("sheet", "Sheet1")))
    with st.form("upload", clear_on_submit=True):
        uploads = st.file_uploader(f"Pilih satu atau beberapa file (maksimal {limit} MB per file)", accept_multiple_files=True,
                                   type=[e.lstrip(".") for e in SUPPORTED_EXTENSIONS],
                                   help=f"File di atas {limit} MB ditolak sebelum dikirim. Pisahkan file besar per unit "
                                        "atau per bulan, atau minta admin menaikkan batas di .streamlit/config.toml.")
        own = unit_names.get(user.unit_key, "") if user.unit_key else ""
        choices = ["", *sorted(unit_names.values())]
        hint = st.selectbox("Unit pemilik file (bila file tidak menyebut nama unit)", choices,
                            index=choices.index(own) if own in choices else 0, accept_new_options=True,
                            format_func=lambda u: u or "(baca dari isi file)", placeholder=CHOOSE_ONE)
        submitted = st.form_submit_button("Unggah dan simpan", type="primary", icon=":material/cloud_upload:")
    if submitted and uploads:
        entries = []
        folders = (hint,) if hint else ()
        progress = st.progress(0.0)
        for number, item in enumerate(uploads, start=1):
            progress.progress((number - 1) / len(uploads), text=msg("upload_progress", number=number, count=len(uploads),
                                                                   name=item.name))
            data = item.getvalue()
            entries.append(remember(import_bytes(ws, data, item.name, user, folders=folders, limits=upload_limits()),
                                    item.name, data, folders))
        progress.empty()
        st.session_state[OUTCOMES] = entries
        units = ws.units(user)  # units the upload brought
        unit_names = dict(zip(units["key"], units["unit"]))
    for index, entry in enumerate(st.session_state.get(OUTCOMES, [])):
        with st.container(border=True):
            outcome_view(ws, user, entry, index, unit_names)
    if user.is_admin and not ws.config.login_required and ws.home_unit() is None:
        with st.form("home_unit"):
            st.markdown("**Unit Anda.** File yang tidak menyebut nama unit (misalnya ekspor Google Forms) dimasukkan ke "
                        "unit ini. Ditanyakan sekali; dapat diubah di **Pengaturan**.")
            name = st.text_input("Nama unit", placeholder="mis. Lapas Kelas IIB Tabanan")
            if st.form_submit_button("Simpan unit") and name:
                if ws.set_home_unit(user, name):
                    st.rerun()
                st.error(md(msg("unit_name_invalid", name=name)))

st.subheader("File yang datanya sedang dipakai")
st.caption("Hasil pembacaan tiap file yang dipakai halaman lain. Versi lama, penghapusan dan cadangan ada di "
           "**Riwayat & Cadangan**.")
for result in current_files(user):
    report = result.to_json()
    name = result.path.replace("\\", "/").removeprefix("sample_data/")
    icon = ":material/error:" if result.errors else ":material/warning:" if result.rejected_rows else ":material/check_circle:"
    with st.expander(f"{md(name)} — {result.rows} baris diterima, {result.rejected_rows} ditolak", icon=icon):
        file_report(report, unit_names)
