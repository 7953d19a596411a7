"""Accounts, logins and sessions: who may come in, how often a name may be guessed, and when a session ends."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Connection, func, insert, select, text, update

from ..messages import msg
from . import auth, schema, sessions
from .access import ROLE_LABELS, ROLES, Principal
from .base import StoreBase, aware, utc_now
from .engine import write

UNLOCK = "login_unlock"  # audit action: an admin forgot a name's failed logins


@dataclass(frozen=True)
class _Failures:
    pair: int  # of this name from this address
    name: int  # of this name from anywhere
    address: int  # from this address, any name
    last_checked: datetime | None = None  # the name's latest password check (or the slot it waits for)


class UserStore(StoreBase):

    def add_user(self, principal: Principal, username: str, password: str, role: str, unit_key: str | None = None,
                 kanwil: str | None = None) -> None:
        principal.require(principal.is_admin, "mengelola pengguna")
        username = username.strip()
        if not username or role not in ROLES:
            raise ValueError(msg("user_invalid"))
        if role in ("operator", "pimpinan") and not unit_key:
            raise ValueError(f"peran {ROLE_LABELS[role]} memerlukan unit (--unit)")
        if role == "kanwil" and not kanwil:
            raise ValueError("peran Kanwil memerlukan nama Kanwil (--kanwil)")
        problem = auth.password_problem(password)
        if problem:
            raise ValueError(problem)
        if self._user_row(username) is not None:
            raise ValueError(f"nama pengguna '{username}' sudah dipakai")
        with write(self.engine) as conn:
            now = utc_now()
            conn.execute(insert(schema.users).values(username=username, password_hash=auth.hash_password(password),
                                                     role=role, unit_key=unit_key, kanwil=kanwil, active=True,
                                                     created_at=now, updated_at=now))
            self._audit(conn, principal, "user_add", username, {"role": role, "unit_key": unit_key, "kanwil": kanwil})

    def set_password(self, principal: Principal, username: str, password: str) -> None:
        """A new password (an admin's reset, or one's own); every session of that user ends with the old one."""
        principal.require(principal.is_admin or principal.username == username, "mengubah kata sandi pengguna lain")
        problem = auth.password_problem(password)
        if problem:
            raise ValueError(problem)
        if self._user_row(username) is None:
            raise ValueError(msg("user_unknown", name=username))
        with write(self.engine) as conn:
            now = utc_now()
            conn.execute(update(schema.users).where(schema.users.c.username == username)
                         .values(password_hash=auth.hash_password(password), updated_at=now))
            ended = sessions.end_user(conn, username, "password", now)
            self._audit(conn, principal, "user_password", username, {"sessions_ended": ended})

    def change_own_password(self, principal: Principal, current: str, password: str) -> None:
        """One's own password, after proving the current one."""
        row = self._user_row(principal.username)
        if row is None or not auth.verify_password(row["password_hash"], current):
            raise ValueError(msg("password_current_wrong"))
        if current == password:
            raise ValueError(msg("password_unchanged"))
        self.set_password(principal, principal.username, password)

    def set_active(self, principal: Principal, username: str, active: bool) -> None:
        """Deactivating ends the user's sessions at once; the account and its history stay."""
        principal.require(principal.is_admin, "mengelola pengguna")
        if self._user_row(username) is None:
            raise ValueError(msg("user_unknown", name=username))
        if not active and username == principal.username:
            raise ValueError(msg("user_self_deactivate"))
        with write(self.engine) as conn:
            now = utc_now()
            conn.execute(update(schema.users).where(schema.users.c.username == username)
                         .values(active=active, updated_at=now))
            ended = 0 if active else sessions.end_user(conn, username, "deactivated", now)
            self._audit(conn, principal, "user_active", username, {"active": active, "sessions_ended": ended})

    def unlock_user(self, principal: Principal, username: str) -> None:
        """Forget a name's failed logins, so its owner need not wait out the lock."""
        principal.require(principal.is_admin, "mengelola pengguna")
        if self._user_row(username) is None:
            raise ValueError(msg("user_unknown", name=username))
        with write(self.engine) as conn:
            self._audit(conn, principal, UNLOCK, username, {})

    def users(self, principal: Principal) -> pd.DataFrame:
        """Every account, with its failed logins since the last success or unlock (what "Buka kunci" clears)."""
        principal.require(principal.is_admin, "melihat daftar pengguna")
        u = schema.users
        with self.engine.connect() as conn:
            rows = conn.execute(select(u.c.username, u.c.role, u.c.unit_key, u.c.kanwil, u.c.active, u.c.updated_at)
                                .order_by(u.c.username)).mappings().all()
            failed = self._failures_by_name(conn)
        table = pd.DataFrame(rows, columns=["username", "role", "unit_key", "kanwil", "active", "updated_at"])
        table["failed_logins"] = pd.Series([failed.get(row["username"], 0) for row in rows], dtype="int64")
        return table

    @staticmethod
    def _failures_by_name(conn: Connection) -> dict[str, int]:
        """Each name's failed logins as `_recent_failures` counts them (`.name`), for every name in two queries."""
        a = schema.audit_log
        last_ok = dict(conn.execute(select(a.c.target, func.max(a.c.id)).where(a.c.action.in_(("login", UNLOCK)))
                                    .group_by(a.c.target)).all())
        since = utc_now() - timedelta(minutes=auth.LOCK_MINUTES)
        counts: dict[str, int] = {}
        for target, attempt in conn.execute(select(a.c.target, a.c.id).where(a.c.action == "login_failed",
                                                                             a.c.at >= since)):
            if attempt > (last_ok.get(target) or 0):
                counts[target] = counts.get(target, 0) + 1
        return counts

    def user_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(schema.users)).scalar_one()

    def _user_row(self, username: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.users).where(schema.users.c.username == username)).mappings().first()
        return dict(row) if row else None

    @staticmethod
    def _principal(row: dict[str, Any]) -> Principal:
        return Principal(row["username"], row["role"], row["unit_key"], row["kanwil"])

    def authenticate(self, username: str, password: str, address: str = "") -> Principal | None:
        """The user behind a login form, or None; every attempt is audited with the address it came from.

        After LOCK_AFTER failures within LOCK_MINUTES a name is refused from that address, and an address
        with ADDRESS_LOCK_AFTER failures (any names) is refused (an IPv6 address counts by its /64); a name
        failing from elsewhere is slowed, never locked, so nobody can lock an admin out from outside: its
        password is checked at most once per SLOW_SECONDS, however many attempts arrive at once. The attempt is counted before its
        password is checked, in one locked transaction, so concurrent guesses cannot pass the limit. An
        unknown name costs the same password check as a known one.
        """
        name, where = username.strip()[:120], auth.address_key(address)
        row = self._user_row(name)
        a = schema.audit_log
        with write(self.engine) as conn:
            if conn.dialect.name == "postgresql":  # SQLite's write lock is taken up front already
                conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": "login"})
            failures = self._recent_failures(conn, name, where)
            locked = failures.pair >= auth.LOCK_AFTER or failures.address >= auth.ADDRESS_LOCK_AFTER
            now = utc_now()
            slot = now
            if not locked and failures.name >= auth.LOCK_AFTER:  # a name guessed from many places: one check per
                slot = max(now, aware(failures.last_checked) or now) + timedelta(seconds=auth.SLOW_SECONDS)  # slot
            attempt = conn.execute(insert(a).values(
                at=slot, actor=name or "?", role=row["role"] if row else "", target=name, detail="{}", address=where,
                action="login_locked" if locked else "login_failed").returning(a.c.id)).scalar_one()
        if locked:
            return None
        time.sleep(max(0.0, (slot - utc_now()).total_seconds()))  # slowed, never locked, however many ask at once
        checked = auth.verify_password(row["password_hash"] if row else auth.dummy_hash(), password)
        ok = checked and row is not None and row["active"]
        if ok:
            with write(self.engine) as conn:
                conn.execute(update(a).where(a.c.id == attempt).values(action="login"))
        return self._principal(row) if ok and row else None

    @staticmethod
    def _recent_failures(conn: Connection, username: str, address: str) -> _Failures:
        """Failed logins within LOCK_MINUTES since the name's last success or unlock: of the name from this address, of
        the name from anywhere, and from this address for any name."""
        a = schema.audit_log
        since = utc_now() - timedelta(minutes=auth.LOCK_MINUTES)
        last_ok = conn.execute(select(func.max(a.c.id)).where(a.c.target == username,
                                                              a.c.action.in_(("login", UNLOCK)))).scalar() or 0
        failed = (a.c.action == "login_failed") & (a.c.at >= since)
        of_name = failed & (a.c.target == username) & (a.c.id > last_ok)
        same_address = func.coalesce(a.c.address, "") == address
        count = select(func.count()).select_from(a)
        checked = (a.c.target == username) & a.c.action.in_(("login_failed", "login"))
        return _Failures(conn.execute(count.where(of_name & same_address)).scalar_one(),
                         conn.execute(count.where(of_name)).scalar_one(),
                         conn.execute(count.where(failed & same_address)).scalar_one(),
                         conn.execute(select(func.max(a.c.at)).where(checked)).scalar())

    def start_session(self, principal: Principal, address: str = "") -> tuple[int, str]:
        """A server-side session for a user just authenticated, and the one-use ticket for its cookie."""
        with write(self.engine) as conn:
            return sessions.start(conn, self.config.cookie_secret, principal.username, (address or "").strip(), utc_now())

    def redeem_ticket(self, ticket: str) -> str | None:
        """The session cookie for a fresh login's ticket (once, within a minute); None otherwise."""
        if not (self.config.login_required and isinstance(ticket, str) and ticket):
            return None
        with write(self.engine) as conn:
            return sessions.redeem(conn, self.config.cookie_secret, ticket, utc_now())

    def session_from_cookie(self, token: str) -> int | None:
        """The live session a browser's cookie belongs to; None in laptop mode, for an ended session or garbage."""
        if not (self.config.login_required and isinstance(token, str) and token):
            return None
        with self.engine.connect() as conn:
            return sessions.by_cookie(conn, self.config.cookie_secret, token, utc_now())

    def session_principal(self, session_id: int) -> Principal | None:
        """Who a session is, asked on every rerun: None once it ended, expired or its user was deactivated."""
        with self.engine.connect() as conn:
            row = sessions.user_of(conn, session_id, utc_now())
        return self._principal(row) if row else None

    def end_session(self, principal: Principal, session_id: int) -> None:
        """ "Keluar": this session ends, in every tab and for every copy of its cookie."""
        with write(self.engine) as conn:
            sessions.end(conn, session_id, "logout", utc_now())
            self._audit(conn, principal, "logout", principal.username, {"session": session_id})
