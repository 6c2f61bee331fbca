"""Web sessions: started at sign-in (only the SHA-256 of the id stored, with the CSRF token
and expiry), looked up per request, ended at sign-out.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select

from peaceops import audit
from peaceops.auth.passwords import hash_secret, new_secret
from peaceops.auth.roles import Role
from peaceops.auth.store import User, metadata, users, utc_now, web_sessions
from peaceops.workspace import Workspace

__all__ = ["Session", "create_session", "end_session", "session_user"]


@dataclass(frozen=True)
class Session:
    """A signed-in browser: its user, CSRF token and expiry."""

    user: User
    csrf: str
    expires_at: datetime


def create_session(ws: Workspace, user: User, hours: float) -> tuple[str, Session]:
    """Start a web session: returns the session id (for the cookie only) and the session."""
    ws.ensure_tables(metadata)
    sid = new_secret()
    now = utc_now()
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
    if row is None or row.disabled or row.expires_at <= utc_now():
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
