"""API tokens: made for an account (shown once, only the SHA-256 stored), listed, revoked,
and the account a token signs in.

Every change is written to the audit trail in the same transaction; never the token itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update

from peaceops import audit
from peaceops.auth.passwords import hash_secret, new_secret
from peaceops.auth.roles import Role
from peaceops.auth.store import User, api_tokens, metadata, user_by_name, users, utc_now
from peaceops.errors import InputError, NotFoundError
from peaceops.workspace import Workspace

__all__ = [
    "MAX_LABEL_LENGTH",
    "TOKEN_PREFIX",
    "Token",
    "create_token",
    "list_tokens",
    "revoke_tokens",
    "user_for_token",
]

TOKEN_PREFIX = "po_"
MAX_LABEL_LENGTH = 200  # the api_tokens.label column


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
        user = user_by_name(conn, name)
        result = conn.execute(
            insert(api_tokens).values(
                user_id=user.id,
                token_hash=hash_secret(secret),
                label=label.strip(),
                created_at=utc_now(),
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
        user = user_by_name(conn, name)
        query = update(api_tokens).where(
            api_tokens.c.user_id == user.id, api_tokens.c.revoked_at.is_(None)
        )
        if token_id is not None:
            query = query.where(api_tokens.c.id == token_id)
        count = int(conn.execute(query.values(revoked_at=utc_now())).rowcount or 0)
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
