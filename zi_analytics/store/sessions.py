"""Sessions kept in the database, so that what should end a login ends it everywhere.

A login starts a session; the browser gets its cookie through a one-use ticket that the server exchanges
for the cookie (HttpOnly, set by the server, never by page script). Every rerun of a page asks whether its
session is still alive: a password change, a deactivation or "Keluar" ends the sessions, and with them
every tab and every copy of the cookie, at their next interaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, select, update

from . import auth, schema

s, u = schema.sessions, schema.users


def start(conn: Connection, secret: str, username: str, address: str, now: datetime) -> tuple[int, str]:
    """A new session and the one-use ticket that hands its cookie to the browser."""
    ticket = auth.new_secret()
    session_id = conn.execute(insert(s).values(
        username=username, ticket_digest=auth.digest(secret, ticket),
        ticket_expires_at=now + timedelta(seconds=auth.TICKET_SECONDS), address=address[:64] or None,
        created_at=now, expires_at=now + timedelta(seconds=auth.SESSION_SECONDS)).returning(s.c.id)).scalar_one()
    return session_id, ticket


def redeem(conn: Connection, secret: str, ticket: str, now: datetime) -> str | None:
    """The cookie value for a ticket, once; None for a used, expired or unknown ticket."""
    session_id = conn.execute(select(s.c.id).where(
        s.c.ticket_digest == auth.digest(secret, ticket), s.c.ticket_expires_at >= now, s.c.ended_at.is_(None),
        s.c.expires_at > now)).scalar()
    if session_id is None:
        return None
    token = auth.new_secret()
    conn.execute(update(s).where(s.c.id == session_id).values(token_digest=auth.digest(secret, token),
                                                              ticket_digest=None, ticket_expires_at=None))
    return token


def by_cookie(conn: Connection, secret: str, token: str, now: datetime) -> int | None:
    """The live session a cookie belongs to."""
    return conn.execute(select(s.c.id).where(s.c.token_digest == auth.digest(secret, token), s.c.ended_at.is_(None),
                                             s.c.expires_at > now)).scalar()


def user_of(conn: Connection, session_id: int, now: datetime) -> dict[str, Any] | None:
    """The user row of a live session whose user is still active."""
    row = conn.execute(select(u).join(s, s.c.username == u.c.username).where(
        s.c.id == session_id, s.c.ended_at.is_(None), s.c.expires_at > now, u.c.active.is_(True))).mappings().first()
    return dict(row) if row else None


def end(conn: Connection, session_id: int, why: str, now: datetime) -> None:
    conn.execute(update(s).where(s.c.id == session_id, s.c.ended_at.is_(None)).values(ended_at=now, ended_why=why))


def end_user(conn: Connection, username: str, why: str, now: datetime) -> int:
    """End every session of a user; how many were alive."""
    return conn.execute(update(s).where(s.c.username == username, s.c.ended_at.is_(None))
                        .values(ended_at=now, ended_why=why)).rowcount
