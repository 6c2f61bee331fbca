"""User accounts, API tokens and web sessions in the workspace database.

Tables (SQLAlchemy Core; SQLite or PostgreSQL):

- ``users``: name, role, Argon2 password hash, disabled flag.
- ``api_tokens``: SHA-256 of each token (the token itself is shown once and never stored),
  a label, when it was made and when it was revoked.
- ``web_sessions``: SHA-256 of each session id, its user, expiry and CSRF token.

Every change to an account is written to the audit trail in the same transaction; no
password, token or session id is ever written there or to a log.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

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
    hash_secret,
    new_secret,
    verify_password,
)
from peaceops.auth.roles import Role, parse_role
from peaceops.errors import InputError, NotFoundError
from peaceops.workspace import Workspace

__all__ = [
    "TOKEN_PREFIX",
    "Session",
    "Token",
    "User",
    "add_user",
    "authenticate",
    "create_session",
    "create_token",
    "disable_user",
    "enable_user",
    "end_session",
    "get_user",
    "list_tokens",
    "list_users",
    "metadata",
    "revoke_tokens",
    "session_user",
    "set_password",
    "set_role",
    "user_for_token",
]

TOKEN_PREFIX = "po_"
MAX_PASSWORD_LENGTH = 1024
MAX_LABEL_LENGTH = 200  # the api_tokens.label column

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


@dataclass(frozen=True)
class Token:
    """An API token's record (the token itself is never stored)."""

    id: int
    user: str
    label: str
    created_at: datetime
    revoked_at: datetime | None

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "user": self.user,
            "label": self.label,
            "created_at": self.created_at.isoformat() + "Z",
            "revoked_at": self.revoked_at.isoformat() + "Z" if self.revoked_at else None,
        }


@dataclass(frozen=True)
class Session:
    """A signed-in browser: its user, CSRF token and expiry."""

    user: User
    csrf: str
    expires_at: datetime


def _now() -> datetime:
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


def _row_user(conn: Connection, name: str) -> User:
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
    now = _now()
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
        return _row_user(conn, clean)


def get_user(ws: Workspace, name: str) -> User:
    ws.ensure_tables(metadata)
    with ws.engine.connect() as conn:
        return _row_user(conn, name)


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
        user = _row_user(conn, name)
        conn.execute(
            update(users)
            .where(users.c.id == user.id)
            .values(role=the_role.value, updated_at=_now())
        )
        audit.record(
            conn,
            None,
            "user.set-role",
            f"user:{user.name}",
            before={"role": user.role.value},
            after={"role": the_role.value},
        )
        return _row_user(conn, user.name)


def _set_disabled(ws: Workspace, name: str, disabled: bool) -> User:
    ws.ensure_tables(metadata)
    with ws.transaction(changes_data=False) as conn:
        user = _row_user(conn, name)
        conn.execute(
            update(users).where(users.c.id == user.id).values(disabled=disabled, updated_at=_now())
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
        return _row_user(conn, user.name)


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
        user = _row_user(conn, name)
        conn.execute(
            update(users)
            .where(users.c.id == user.id)
            .values(password_hash=digest, updated_at=_now())
        )
        conn.execute(delete(web_sessions).where(web_sessions.c.user_id == user.id))
        audit.record(conn, None, "user.set-password", f"user:{user.name}")
        return user


def create_token(ws: Workspace, name: str, label: str = "") -> tuple[int, str]:
    """A new API token for ``name``: returns its id and the token (shown once, stored hashed)."""
    ws.ensure_tables(metadata)
    if len(label.strip()) > MAX_LABEL_LENGTH:
        raise InputError(
            f"a token label has at most {MAX_LABEL_LENGTH} characters ({len(label.strip())} given)",
            field="label",
        )
    secret = new_secret(TOKEN_PREFIX)
    with ws.transaction(changes_data=False) as conn:
        user = _row_user(conn, name)
        result = conn.execute(
            insert(api_tokens).values(
                user_id=user.id,
                token_hash=hash_secret(secret),
                label=label.strip(),
                created_at=_now(),
            )
        )
        pk = result.inserted_primary_key
        token_id = int(pk[0]) if pk else 0
        audit.record(
            conn,
            None,
            "user.token",
            f"user:{user.name}",
            after={"token_id": token_id, "label": label.strip()},
        )
    return token_id, secret


def list_tokens(ws: Workspace, active_only: bool = True) -> list[Token]:
    """API tokens (by default only those not revoked), by user name then age."""
    ws.ensure_tables(metadata)
    t = api_tokens
    query = (
        select(t.c.id, users.c.name, t.c.label, t.c.created_at, t.c.revoked_at)
        .join(users, users.c.id == t.c.user_id)
        .order_by(users.c.name, t.c.id)
    )
    if active_only:
        query = query.where(t.c.revoked_at.is_(None))
    with ws.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [Token(int(r[0]), str(r[1]), str(r[2]), r[3], r[4]) for r in rows]


def revoke_tokens(ws: Workspace, name: str, token_id: int | None = None) -> int:
    """Revoke one token of ``name`` (by id) or all of them; returns how many were revoked."""
    ws.ensure_tables(metadata)
    with ws.transaction(changes_data=False) as conn:
        user = _row_user(conn, name)
        query = update(api_tokens).where(
            api_tokens.c.user_id == user.id, api_tokens.c.revoked_at.is_(None)
        )
        if token_id is not None:
            query = query.where(api_tokens.c.id == token_id)
        count = int(conn.execute(query.values(revoked_at=_now())).rowcount or 0)
        if token_id is not None and count == 0:
            raise NotFoundError(f"{user.name} has no active token with id {token_id}")
        audit.record(
            conn,
            None,
            "user.revoke-token",
            f"user:{user.name}",
            after={"revoked": count, **({"token_id": token_id} if token_id else {})},
        )
    return count


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


def user_for_token(ws: Workspace, secret: str) -> User | None:
    """The enabled account holding this unrevoked API token, or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    ws.ensure_tables(metadata)
    query = (
        select(users)
        .join(api_tokens, api_tokens.c.user_id == users.c.id)
        .where(api_tokens.c.token_hash == hash_secret(secret), api_tokens.c.revoked_at.is_(None))
    )
    with ws.engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None or row.disabled:
        return None
    return User(row.id, row.name, Role(row.role), False, row.created_at)


def create_session(ws: Workspace, user: User, hours: float) -> tuple[str, Session]:
    """Start a web session: returns the session id (for the cookie only) and the session."""
    ws.ensure_tables(metadata)
    sid = new_secret()
    now = _now()
    expires = now + timedelta(hours=hours)
    csrf = secrets.token_urlsafe(24)
    with ws.transaction(changes_data=False) as conn:
        conn.execute(delete(web_sessions).where(web_sessions.c.expires_at < now))
        conn.execute(
            insert(web_sessions).values(
                id_hash=hash_secret(sid),
                user_id=user.id,
                csrf=csrf,
                created_at=now,
                expires_at=expires,
            )
        )
        audit.record(conn, user.name, "user.login", f"user:{user.name}")
    return sid, Session(user, csrf, expires)


def session_user(ws: Workspace, sid: str) -> Session | None:
    """The live session with this id (not expired, account enabled), or None."""
    if not sid:
        return None
    ws.ensure_tables(metadata)
    query = (
        select(users, web_sessions.c.csrf, web_sessions.c.expires_at)
        .join(web_sessions, web_sessions.c.user_id == users.c.id)
        .where(web_sessions.c.id_hash == hash_secret(sid))
    )
    with ws.engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None or row.disabled or row.expires_at <= _now():
        return None
    user = User(row.id, row.name, Role(row.role), False, row.created_at)
    return Session(user, str(row.csrf), row.expires_at)


def end_session(ws: Workspace, sid: str) -> None:
    """Sign out: the session id stops working at once."""
    ws.ensure_tables(metadata)
    with ws.transaction(changes_data=False) as conn:
        result = conn.execute(
            delete(web_sessions).where(web_sessions.c.id_hash == hash_secret(sid))
        )
        if result.rowcount:
            audit.record(conn, None, "user.logout", "session")
