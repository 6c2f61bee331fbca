"""Password and token hashing.

Passwords are hashed with Argon2id (argon2-cffi; OWASP's recommended parameters). API tokens and
session ids are long random strings, so one SHA-256 is enough to store them: the stored hash
cannot be turned back into a usable credential, and it can be looked up directly.
"""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "hash_password",
    "hash_secret",
    "needs_rehash",
    "new_secret",
    "verify_password",
]

MIN_PASSWORD_LENGTH = 10
# OWASP's Argon2id setting (m=19 MiB, t=2, p=1): a few tens of milliseconds per sign-in on a
# server core, so that 20 colleagues signing in at 9:00 do not queue behind one another.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# A hash of nothing, checked when the user is unknown so a wrong name costs as long as a
# wrong password (no user enumeration by timing).
_DUMMY = _hasher.hash("peaceops: no such user")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """True when ``password`` matches ``stored``; always spends the same effort."""
    try:
        return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)


def new_secret(prefix: str = "") -> str:
    """A fresh random credential (256 bits), e.g. ``po_...`` for API tokens."""
    return prefix + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()
