"""Pengguna: one's own password for everyone; accounts (add, deactivate, reset, unlock) and units' Kanwil for admins."""

import streamlit as st

from zi_analytics.messages import CHOOSE_ONE, msg
from zi_analytics.store import AccessDenied
from zi_analytics.store.access import ROLE_LABELS, ROLES
from zi_analytics.store.auth import MIN_PASSWORD
from zi_analytics.ui import workspace_tables as tables
from zi_analytics.ui.data import workspace
from zi_analytics.ui.login import sign_out
from zi_analytics.ui.shell import page_setup
from zi_analytics.ui.escape import md

user = page_setup("Pengguna")
ws = workspace()
server = ws.config.login_required

if server:
    st.subheader("Kata sandi Anda")
    with st.form("own_password", clear_on_submit=True):
        current = st.text_input("Kata sandi sekarang", type="password", key="own_current")
        new = st.text_input(f"Kata sandi baru (minimal {MIN_PASSWORD} karakter, huruf dan angka)", type="password",
                            key="own_new")
        again = st.text_input("Ulangi kata sandi baru", type="password", key="own_again")
        if st.form_submit_button("Ubah kata sandi"):
            if new != again:
                st.error("Kata sandi baru dan ulangannya tidak sama; kata sandi tidak diubah.")
            else:
                try:
                    ws.change_own_password(user, current, new)
                except ValueError as exc:
                    st.error(md(exc))
                else:
                    sign_out(user, msg("password_changed"))

if user.is_admin:
    if not server:
        st.info("Mode laptop: tanpa login. Akun dipakai bila mode server dinyalakan (lihat docs/DEPLOY.md).")
    units = ws.units(user)
    unit_names = dict(zip(units["key"], units["unit"]))
    st.subheader("Akun")
    accounts = ws.users(user)
    st.dataframe(tables.users_table(accounts, unit_names), hide_index=True, width="stretch")
    if len(accounts):
        name = st.selectbox("Pilih akun", list(accounts["username"]), key="account_pick", placeholder=CHOOSE_ONE)
        row = accounts.loc[accounts["username"] == name].iloc[0]
        left, middle, right = st.columns(3)
        try:
            if bool(row["active"]):
                if left.button("Nonaktifkan", icon=":material/person_off:", key="deactivate",
                               disabled=name == user.username,
                               help="Semua sesi akun ini langsung berakhir; akun dan riwayatnya tetap tersimpan."):
                    ws.set_active(user, name, False)
                    st.rerun()
            elif left.button("Aktifkan lagi", icon=":material/person:", key="activate"):
                ws.set_active(user, name, True)
                st.rerun()
            if middle.button("Buka kunci", icon=":material/lock_open:", key="unlock",
                             disabled=int(row["failed_logins"]) == 0,
                             help="Lupakan percobaan masuk yang gagal, agar pemilik akun tidak perlu menunggu."):
                ws.unlock_user(user, name)
                st.rerun()
            with right.popover("Atur ulang kata sandi", icon=":material/key:"):
                with st.form("reset_password", clear_on_submit=True):
                    reset = st.text_input("Kata sandi baru", type="password", key="reset_new")
                    if st.form_submit_button("Simpan kata sandi"):
                        ws.set_password(user, name, reset)
                        st.success(f"Kata sandi {md(name)} diubah; semua sesinya berakhir.")
        except (ValueError, AccessDenied) as exc:
            st.error(md(exc))

    with st.form("add_user", clear_on_submit=True):
        st.markdown("**Tambah pengguna**")
        c1, c2 = st.columns(2)
        username = c1.text_input("Nama pengguna")
        password = c2.text_input("Kata sandi awal", type="password")
        role = c1.selectbox("Peran", ROLES, format_func=ROLE_LABELS.get, placeholder=CHOOSE_ONE)
        unit_key = c2.selectbox("Unit (operator, pimpinan)", [None, *units["key"]],
                                format_func=lambda k: "–" if k is None else unit_names[k], placeholder=CHOOSE_ONE)
        kanwil = c1.text_input("Kanwil (peran kanwil)")
        if st.form_submit_button("Tambah"):
            try:
                ws.add_user(user, username, password, role, unit_key, kanwil or None)
                st.success(f"Pengguna {md(username)} ditambahkan.")
            except ValueError as exc:
                st.error(md(exc))

    st.subheader("Kanwil tiap unit")
    st.caption("Menentukan unit yang terlihat oleh peran kanwil.")
    if len(units):
        unit_key = st.selectbox("Unit", list(units["key"]), format_func=unit_names.get, key="kanwil_unit", placeholder=CHOOSE_ONE)
        current_kanwil = units.loc[units["key"] == unit_key, "kanwil"].iloc[0] or ""
        new_kanwil = st.text_input("Kanwil", value=current_kanwil, key=f"kanwil_of_{unit_key}")
        if st.button("Simpan Kanwil", key="save_kanwil") and new_kanwil != current_kanwil:
            ws.set_unit_kanwil(user, unit_key, new_kanwil.strip())
            st.rerun()
