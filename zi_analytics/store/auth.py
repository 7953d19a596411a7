"""Passwords (Argon2id) and the secrets of server-side sessions; no outside identity provider."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()
SESSION_SECONDS = 12 * 3600  # a session ends this long after its login, whatever happens
TICKET_SECONDS = 60  # to hand a new session's cookie to the browser
MIN_PASSWORD = 10
LOCK_AFTER = 5  # failures of a name from one address before that address is refused for the name
ADDRESS_LOCK_AFTER = 20  # failures from one address, any names, before the address is refused
LOCK_MINUTES = 15
SLOW_SECONDS = 2.0  # between password checks of a name that failed LOCK_AFTER times from anywhere


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


def new_secret() -> str:
    """A random value for a session cookie or a one-use ticket."""
    return secrets.token_urlsafe(32)


def digest(secret: str, value: str) -> str:
    """What the database keeps of a cookie or ticket: without the cookie secret it leads back to neither."""
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()


def address_key(address: str | None) -> str:
    """What failed logins are counted by: the address, or for IPv6 its /64 (one household or office holds a
    whole /64 and could otherwise change address at every guess)."""
    text = (address or "").strip()
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return text[:64]
    return str(ipaddress.ip_network(f"{ip}/64", strict=False)) if ip.version == 6 else str(ip)
