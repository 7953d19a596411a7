"""Who is using the app: nobody to ask in laptop mode, a login in server mode.

A login starts a session kept in the database; every rerun asks whether it is still alive, so a password
change, a deactivation or "Keluar" ends every tab at its next interaction. Served by `server.py`, the
browser also gets the session's cookie (HttpOnly, set by the server), so a reload or a new tab stays
signed in; under a plain `streamlit run app.py` a login lasts as long as its tab.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import quote, urlsplit

import streamlit as st

from ..messages import msg
from ..store import LAPTOP_USER, AccessDenied, Principal
from ..store.access import ROLE_LABELS
from .data import workspace
from .server_routes import COOKIE, LOGOUT_PATH, SESSION_PATH, mounted, safe_next
from .escape import md

_SESSION, _TICKET, _NOTE = "zi_session_id", "zi_ticket", "zi_login_note"
T = TypeVar("T")


def _go(path: str) -> None:
    """Send the browser to a path of this server (the session routes): the one thing page script does here."""
    st.html(f"<script>window.location.replace({json.dumps(path)});</script>", unsafe_allow_javascript=True)
    st.stop()


def _here() -> str:
    """This page's path and query, to come back to after the cookie is set."""
    parts = urlsplit(str(st.context.url or ""))
    return safe_next(parts.path + (f"?{parts.query}" if parts.query else ""))


def current_user() -> Principal:
    """The signed-in user; in server mode without one, draws the login form and stops the page."""
    ws = workspace()
    if not ws.config.login_required:
        return LAPTOP_USER
    session_id = st.session_state.get(_SESSION)
    if session_id is None:
        token = st.context.cookies.get(COOKIE)
        session_id = ws.session_from_cookie(token) if isinstance(token, str) else None
    user = ws.session_principal(session_id) if session_id is not None else None
    if user is None:
        if st.session_state.pop(_SESSION, None) is not None:
            st.session_state[_NOTE] = msg("session_ended")
        _login_form()
        st.stop()
        raise RuntimeError("unreachable")
    st.session_state[_SESSION] = session_id
    ticket = st.session_state.pop(_TICKET, None)
    if ticket and mounted():
        _go(f"{SESSION_PATH}?tiket={quote(ticket)}&ke={quote(_here())}")
    return user


def while_signed_in(user: Principal, make: Callable[[], T]) -> Callable[[], T]:
    """A download built when its button is pressed, only while the session that drew the button is alive.

    Streamlit runs such a callable without rerunning the page, so the session check of `current_user` would
    not see a logout, a password change or a deactivation in between."""
    ws = workspace()
    if not ws.config.login_required:
        return make
    session_id = st.session_state.get(_SESSION)

    def build() -> T:
        if session_id is None or ws.session_principal(session_id) != user:
            raise AccessDenied(msg("session_ended"))
        return make()
    return build


def _client_address() -> str:
    """The address the browser connects from (the proxy's, behind one): what failed logins are counted by."""
    address = getattr(st.context, "ip_address", None)
    return address if isinstance(address, str) else ""  # no connection (a test run): no address


def _login_form() -> None:
    ws = workspace()
    st.title("Masuk ke ZI Analytics")
    note = st.session_state.pop(_NOTE, None)
    if note:
        st.info(note, icon=":material/logout:")
    if ws.user_count() == 0:
        st.warning("Belum ada akun. Buat admin pertama di server dengan perintah:  \n"
                   "`python -m zi_analytics user-add NAMA --role admin`")
    with st.form("login"):
        username = st.text_input("Nama pengguna", key="login_username")
        password = st.text_input("Kata sandi", type="password", key="login_password")
        if st.form_submit_button("Masuk", type="primary"):
            user = ws.authenticate(username, password, _client_address())
            if user is None:
                st.error(msg("login_failed"))
            else:
                st.session_state[_SESSION], st.session_state[_TICKET] = ws.start_session(user, _client_address())
                st.rerun()


def sign_out(user: Principal, note: str | None = None) -> None:
    """End this session everywhere (every tab, every copy of the cookie) and clear the browser's cookie; `note`
    is shown above the login form (in this tab, when the browser is not sent to LOGOUT_PATH)."""
    session_id = st.session_state.pop(_SESSION, None)
    if session_id is not None:
        workspace().end_session(user, session_id)
    if note:
        st.session_state[_NOTE] = note
    if mounted():
        _go(LOGOUT_PATH)
    st.rerun()


def user_badge(user: Principal) -> None:
    """Who is signed in and a way out (server mode only)."""
    if not workspace().config.login_required:
        return
    where = user.unit_key or user.kanwil or "semua unit"
    st.caption(f"Masuk sebagai **{md(user.username)}** ({ROLE_LABELS[user.role]}, {md(where)})")
    if st.button("Keluar", icon=":material/logout:", key="logout"):
        sign_out(user)
