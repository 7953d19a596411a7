"""Who is using the app: nobody to ask in laptop mode, a login in server mode.

After a login the signed session token goes into a cookie (SameSite=Strict), so a reload or a new tab
of the same browser stays signed in until the token expires or the password changes.
"""

from __future__ import annotations

import json

import streamlit as st

from ..store import LAPTOP_USER, Principal
from ..store.access import ROLE_LABELS
from ..store.auth import SESSION_SECONDS
from .data import workspace
from .text import md

COOKIE = "zi_session"
_USER, _SET_COOKIE, _CLEAR_COOKIE = "zi_user", "zi_set_cookie", "zi_clear_cookie"


def _cookie_script(value: str, max_age: int) -> None:
    secure = "; Secure" if str(st.context.url or "").startswith("https://") else ""
    script = f"document.cookie = {json.dumps(f'{COOKIE}={value}; path=/; max-age={max_age}; SameSite=Strict{secure}')};"
    st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)


def current_user() -> Principal:
    """The signed-in user; in server mode without one, draws the login form and stops the page."""
    ws = workspace()
    if not ws.config.login_required:
        return LAPTOP_USER
    user = st.session_state.get(_USER)
    if isinstance(user, Principal):
        token = st.session_state.pop(_SET_COOKIE, None)
        if token:
            _cookie_script(token, SESSION_SECONDS)
        return user
    if st.session_state.pop(_CLEAR_COOKIE, False):
        _cookie_script("", 0)
    else:
        token = st.context.cookies.get(COOKIE)
        user = ws.principal_from_token(token) if isinstance(token, str) and token else None
        if user is not None:
            st.session_state[_USER] = user
            return user
    _login_form()
    st.stop()
    raise RuntimeError("unreachable")


def _client_address() -> str:
    """The address the browser connects from (the proxy's, behind one): what failed logins are counted by."""
    address = getattr(st.context, "ip_address", None)
    return address if isinstance(address, str) else ""  # no connection (a test run): no address


def _login_form() -> None:
    ws = workspace()
    st.title("Masuk ke ZI Analytics")
    if ws.user_count() == 0:
        st.warning("Belum ada akun. Buat admin pertama di server dengan perintah:  \n"
                   "`python -m zi_analytics user-add NAMA --role admin`")
    with st.form("login"):
        username = st.text_input("Nama pengguna", key="login_username")
        password = st.text_input("Kata sandi", type="password", key="login_password")
        if st.form_submit_button("Masuk", type="primary"):
            user = ws.authenticate(username, password, _client_address())
            if user is None:
                st.error("Nama pengguna atau kata sandi salah, atau akun dikunci sementara setelah beberapa kali gagal.")
            else:
                st.session_state[_USER] = user
                st.session_state[_SET_COOKIE] = ws.session_token(user)
                st.rerun()


def user_badge(user: Principal) -> None:
    """Who is signed in and a way out (server mode only)."""
    if not workspace().config.login_required:
        return
    where = user.unit_key or user.kanwil or "semua unit"
    st.caption(f"Masuk sebagai **{md(user.username)}** ({ROLE_LABELS[user.role]}, {md(where)})")
    if st.button("Keluar", icon=":material/logout:", key="logout"):
        st.session_state.pop(_USER, None)
        st.session_state[_CLEAR_COOKIE] = True
        st.rerun()
