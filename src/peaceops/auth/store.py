"""User accounts in the workspace database, and the tables of accounts, tokens and sessions.

Tables (SQLAlchemy Core; SQLite or PostgreSQL):

- ``users``: name, role, Argon2 password hash, disabled flag.
- ``api_tokens``: SHA-256 of each token (the token itself is shown once and never stored),
  a label, when it was made and when it was revoked.
- ``web_sessions``: SHA-256 of each session id, its user, expiry and CSRF token.

Tokens are made and checked in ``peaceops.auth.tokens``, sessions in ``peaceops.auth.sessions``.
Every change to an account is written to the audit trail in the same transaction; no
password, token or session id is ever written there or to a log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    func,
    insert,
    select,
    update,
)

from peaceops import audit
from peaceops.auth.passwords import (
    MIN_PASSWORD_LENGTH,
    hash_password,
    verify_password,
)
from peaceops.auth.roles import Role, parse_role
from peaceops.errors import InputError, NotFoundError
from peaceops.workspace import Workspace

__all__ = [
    "MAX_PASSWORD_LENGTH",
    "User",
    "add_user",
    "api_tokens",
    "authenticate",
    "disable_user",
    "enable_user",
    "get_user",
    "list_users",
    "metadata",
    "set_password",
    "set_role",
    "user_by_name",
    "users",
    "utc_now",
    "web_sessions",
]

MAX_PASSWORD_LENGTH = 1024

metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(200), nullable=True),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("label", String(200), nullable=False, default=""),
    Column("created_at", DateTime, nullable=False),
    Column("revoked_at", DateTime, nullable=True),
)
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False, index=True),
)

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")


@dataclass(frozen=True)
class User:
    """An account (never carries its password hash out of this module)."""

    id: int
    name: str
    role: Role
    disabled: bool
    created_at: datetime
    tokens: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "role": self.role.value,
            "disabled": self.disabled,
            "created_at": self.created_at.isoformat() + "Z",
            "active_tokens": self.tokens,
        }


def utc_now() -> datetime:
    """Now in UTC, naive, to the second (as the tables store it)."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _check_name(name: str) -> str:
    clean = (name or "").strip()
    if not _NAME.match(clean):
        raise InputError(
            f"user name {name!r}: use 1-100 letters, digits, '.', '_', '@' or '-', "
            "starting with a letter or digit",
            field="name",
        )
    return clean


def _check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise InputError(
            f"the password must have at least {MIN_PASSWORD_LENGTH} characters", field="password"
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InputError(
            f"the password must have at most {MAX_PASSWORD_LENGTH:,} characters", field="password"
        )
    return password


def _role(text: str | Role) -> Role:
    if isinstance(text, Role):
        return text
    try:
        return parse_role(text)
    except ValueError as exc:
        raise InputError(str(exc), field="role") from None


def user_by_name(conn: Connection, name: str) -> User:
    """The account ``name`` (NotFoundError naming it when there is none)."""
    row = conn.execute(select(users).where(users.c.name == name)).mappings().first()
    if row is None:
        raise NotFoundError(f"no user named {name!r}", missing="the account", remedy="users.list")
    return User(row["id"], row["name"], Role(row["role"]), bool(row["disabled"]), row["created_at"])


def add_user(ws: Workspace, name: str, role: str | Role, password: str | None) -> User:
    """Create an account; ``password=None`` makes a token-only account (no web sign-in)."""
    ws.ensure_tables(metadata)
    clean = _check_name(name)
    the_role = _role(role)
    digest = hash_password(_check_password(password)) if password is not None else None
    now = utc_now()
    with ws.transaction(changes_data=False) as conn:
        if conn.execute(select(users.c.id).where(users.c.name == clean)).first():
            raise InputError(f"a user named {clean!r} already exists", field="name")
        conn.execute(
            insert(users).values(
                name=clean,
                role=the_role.value,
                password_hash=digest,
                disabled=False,
                created_at=now,
                updated_at=now,
            )
        )
        audit.record(
            conn,
            None,
            "user.add",
            f"user:{clean}",
            after={"role": the_role.value, "password": digest is not None},
        )
        return user_by_name(conn, clean)


def get_user(ws: Workspace, name: str) -> User:
    ws.ensure_tables(metadata)
    with ws.engine.connect() as conn:
        return user_by_name(conn, name)


def list_users(ws: Workspace) -> list[User]:
    """Every account, by name, with its number of active tokens."""
    ws.ensure_tables(metadata)
    active = (
        select(api_tokens.c.user_id, func.count().label("n"))
        .where(api_tokens.c.revoked_at.is_(None))
        .group_by(api_tokens.c.user_id)
        .subquery()
    )
    query = (
        select(users, func.coalesce(active.c.n, 0).label("tokens"))
        .outerjoin(active, active.c.user_id == users.c.id)
        .order_by(users.c.name)
    )
    with ws.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        User(
            r["id"],
            r["name"],
            Role(r["role"]),
            bool(r["disabled"]),
            r["created_at"],
            int(r["tokens"]),
        )
        for r in rows
    ]


def set_role(ws: Workspace, name: str, role: str | Role) -> User:
    ws.ensure_tables(metadata)
    the_role = _role(role)
    with ws.transaction(changes_data=False) as conn:
        user = user_by_name(conn, name)
        conn.execute(
            update(users)
            .where(users.c.id == user.id)
            .values(role=the_role.value, updated_at=utc_now())
        )
        audit.record(
            conn,
            None,
            "user.set-role",
            f"user:{user.name}",
            before={"role": user.role.value},
            after={"role": the_role.value},
        )
        return user_by_name(conn, user.name)


def _set_disabled(ws: Workspace, name: str, disabled: bool) -> User:
    ws.ensure_tables(metadata)
    with ws.transaction(changes_data=False) as conn:
        user = user_by_name(conn, name)
        conn.execute(
            update(users)
            .where(users.c.id == user.id)
            .values(disabled=disabled, updated_at=utc_now())
        )
        if disabled:  # signed-in browsers are signed out at once
            conn.execute(delete(web_sessions).where(web_sessions.c.user_id == user.id))
        audit.record(
            conn,
            None,
            "user.disable" if disabled else "user.enable",
            f"user:{user.name}",
            before={"disabled": user.disabled},
            after={"disabled": disabled},
        )
        return user_by_name(conn, user.name)


def disable_user(ws: Workspace, name: str) -> User:
    """Stop an account: no sign-in, its sessions end, its tokens are refused (kept, revocable)."""
    return _set_disabled(ws, name, True)


def enable_user(ws: Workspace, name: str) -> User:
    return _set_disabled(ws, name, False)


def set_password(ws: Workspace, name: str, password: str) -> User:
    """Replace a password; every session of the account ends."""
    ws.ensure_tables(metadata)
    digest = hash_password(_check_password(password))
    with ws.transaction(changes_data=False) as conn:
        user = user_by_name(conn, name)
        conn.execute(
            update(users)
            .where(users.c.id == user.id)
            .values(password_hash=digest, updated_at=utc_now())
        )
        conn.execute(delete(web_sessions).where(web_sessions.c.user_id == user.id))
        audit.record(conn, None, "user.set-password", f"user:{user.name}")
        return user


def authenticate(ws: Workspace, name: str, password: str) -> User | None:
    """The enabled account with this name and password, or None (same effort either way)."""
    ws.ensure_tables(metadata)
    with ws.engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.name == (name or "").strip())).first()
    stored = None if row is None else row.password_hash
    ok = verify_password(stored, password or "")
    if not ok or row is None or row.disabled:
        return None
    return User(row.id, row.name, Role(row.role), bool(row.disabled), row.created_at)
