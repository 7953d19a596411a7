"""Riwayat & Cadangan: every stored version, remove/restore files, activity log, backup (uploads: Unggah Data;
accounts: Pengguna)."""

import io
from datetime import date

import streamlit as st

from zi_analytics.messages import CHOOSE_ONE, msg
from zi_analytics.store import AccessDenied
from zi_analytics.store.backup import BackupError
from zi_analytics.store.export import labelled_problems
from zi_analytics.ui import workspace_tables as tables
from zi_analytics.ui.data import workspace
from zi_analytics.ui.login import while_signed_in
from zi_analytics.ui.shell import page_setup
from zi_analytics.ui.escape import md
from zi_analytics.ui.upload_view import upload_limit_mb
from zi_analytics.ui.widgets import csv_download

user = page_setup("Riwayat & Cadangan")
ws = workspace()
units = ws.units(user)
unit_names = dict(zip(units["key"], units["unit"]))
tab_names = ["Riwayat versi", "File tersimpan", "Log aktivitas"]
if user.is_admin:
    tab_names += ["Cadangan"]
tabs = dict(zip(tab_names, st.tabs(tab_names)))

with tabs["Riwayat versi"]:
    if units.empty:
        st.info("Belum ada data unit.")
    else:
        key = st.selectbox("Unit", list(units["key"]), format_func=unit_names.get, key="history_unit", placeholder=CHOOSE_ONE)
        versions = ws.versions(user, key)
        shown = tables.versions_table(versions, unit_names)
        st.dataframe(shown, hide_index=True, width="stretch")
        if len(versions):
            labels = dict(zip(versions["id"], shown["Versi"] + " " + shown["Data"] + ", " + shown["Periode"]
                              + " (" + shown["File"] + ")"))
            chosen = st.selectbox("Unduh satu versi sebagai Excel", list(labels), key="export_version", format_func=labels.get, placeholder=CHOOSE_ONE)
            st.download_button("Unduh versi (Excel)", while_signed_in(user, lambda: ws.export_dataset(user, int(chosen))), file_name=f"data_versi_{chosen}.xlsx",
                               mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                               icon=":material/download:", key="export_download")

with tabs["File tersimpan"]:
    files = ws.files(user)
    if files.empty:
        st.info("Belum ada file tersimpan yang dapat Anda lihat.")
    else:
        st.dataframe(tables.files_table(files), hide_index=True, width="stretch")
        file_id = st.selectbox("Pilih file", list(files["id"]), key="file_pick",
                               format_func=lambda i: f"{i}. {files.loc[files['id'] == i, 'name'].iloc[0]}", placeholder=CHOOSE_ONE)
        row = files.loc[files["id"] == file_id].iloc[0]
        if user.can_upload and row["shared"]:  # removal and restoring act on the user's own units only
            st.caption(md(msg("file_shared", units=", ".join(unit_names.get(u, u) for u in row["units"]))))
        left, middle, right = st.columns(3)
        try:
            if user.can_upload and row["active_datasets"] > 0:
                if left.button("Hapus dari tampilan", icon=":material/delete:", key="delete_file",
                               help="Data file ini tidak dipakai lagi; file tetap tersimpan dan dapat dipulihkan."):
                    ws.delete_file(user, int(file_id))
                    st.rerun()
            if user.can_upload and row["removed_datasets"] > 0:
                if left.button("Pulihkan", icon=":material/restore:", key="restore_file"):
                    ws.restore_file(user, int(file_id))
                    st.rerun()
            if row["openable"]:
                problems = ws.rejected_rows(user, int(file_id))
                if len(problems):
                    with middle:
                        csv_download(labelled_problems(problems), "Unduh baris ditolak (CSV)", f"baris_ditolak_{file_id}.csv", "rejected_download")
                if user.sees_personal_data:
                    right.download_button("Unduh file asli", while_signed_in(user, lambda: ws.raw_file(user, int(file_id))[1]), file_name=row["name"],
                                          key="raw_download")
            else:
                st.caption(md(msg("file_not_openable")))
        except AccessDenied as exc:
            st.error(md(exc))

with tabs["Log aktivitas"]:
    st.caption("Setiap perubahan: siapa, apa, kapan." + ("" if user.is_admin else " Anda melihat aktivitas Anda sendiri."))
    st.dataframe(tables.audit_table(ws.audit_log(user, 300)), hide_index=True, width="stretch")

if user.is_admin:
    with tabs["Cadangan"]:
        st.caption("Seluruh workspace (file asli, versi, pengguna, log) dalam satu file .zip; dapat dipulihkan di laptop "
                   "atau server lain, SQLite maupun PostgreSQL.")

        def backup() -> bytes:
            buffer = io.BytesIO()
            ws.backup(user, buffer)
            return buffer.getvalue()

        st.download_button("Unduh cadangan workspace", while_signed_in(user, backup), key="backup_download", icon=":material/backup:",
                           file_name=f"cadangan_zi_{date.today().isoformat()}.zip", mime="application/zip")
        st.divider()
        source = st.file_uploader(f"Pulihkan dari file cadangan (.zip, maksimal {upload_limit_mb()} MB)", type=["zip"],
                                  key="restore_upload")
        sure = st.checkbox("Saya paham: seluruh isi workspace sekarang diganti dengan isi cadangan.", key="restore_sure")
        if st.button("Pulihkan cadangan", disabled=not (source and sure), key="restore_backup"):
            bar = st.progress(0.0, text=msg("restore_progress"))
            try:
                counts = ws.restore(user, io.BytesIO(source.getvalue()),
                                    lambda share: bar.progress(share, text=msg("restore_progress")))
                bar.empty()
                st.success(f"Cadangan dipulihkan: {counts['files']} file, {counts['datasets']} versi data.")
            except BackupError as exc:
                bar.empty()
                st.error(f"Cadangan tidak dipulihkan; workspace tidak berubah. {md(exc)}")
