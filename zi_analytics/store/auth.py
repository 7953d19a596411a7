"""Passwords (Argon2id) and signed session tokens for server mode; no outside identity provider.

A token is `username.expiry.signature`, signed with the cookie secret and the user's password hash,
so changing a password or the secret ends every session of that user.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()
SESSION_SECONDS = 12 * 3600
MIN_PASSWORD = 10
LOCK_AFTER = 5  # failures of a name from one address before that address is refused for the name
ADDRESS_LOCK_AFTER = 20  # failures from one address, any names, before the address is refused
LOCK_MINUTES = 15
SLOW_SECONDS = 2.0  # the wait of each attempt on a name that failed LOCK_AFTER times from anywhere


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """A hash to check an unknown name's password against: it costs what a known name's check costs."""
    return _HASHER.hash(secrets.token_hex(16))


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> str | None:
    """Why a new password is too weak, in Indonesian, or None."""
    if len(password) < MIN_PASSWORD:
        return f"kata sandi minimal {MIN_PASSWORD} karakter"
    if password.isalpha() or password.isdigit():
        return "kata sandi harus memuat huruf dan angka atau tanda baca"
    return None


def _signature(secret: str, username: str, expiry: int, password_hash: str) -> str:
    message = f"{username}\n{expiry}\n{password_hash}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def make_token(secret: str, username: str, password_hash: str, now: float | None = None) -> str:
    expiry = int((now if now is not None else time.time()) + SESSION_SECONDS)
    name = base64.urlsafe_b64encode(username.encode()).decode().rstrip("=")
    return f"{name}.{expiry}.{_signature(secret, username, expiry, password_hash)}"


def token_username(token: str) -> str | None:
    """The user a token claims to be (not yet verified)."""
    if not isinstance(token, str):
        return None
    try:
        name = token.split(".")[0]
        return base64.urlsafe_b64decode(name + "=" * (-len(name) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None


def verify_token(secret: str, token: str, password_hash: str, now: float | None = None) -> bool:
    username = token_username(token)
    parts = token.split(".") if username is not None else []
    if len(parts) != 3 or username is None or not parts[1].isdigit() or not secret:
        return False
    expiry = int(parts[1])
    if expiry < (now if now is not None else time.time()):
        return False
    return hmac.compare_digest(parts[2], _signature(secret, username, expiry, password_hash))
