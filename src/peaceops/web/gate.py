"""The sign-in gate: one ASGI layer that signs every request in, checks its role and CSRF
token, and sets the acting user for the audit trail.

A request is signed in by a **session** cookie (a random id, only its SHA-256 stored) or an
**API token** (``Authorization: Bearer po_...``). Without credentials an API call gets 401 and
a page a redirect to ``/login``; a role too low for the request gets 403 before any route runs,
so it changes nothing (``peaceops.web.access`` says which role a request needs). Every change
made through the web is recorded under the signed-in name, with ``via = web``.
"""

from __future__ import annotations

import html
import json
import logging
from pathlib import Path
from urllib.parse import quote

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from peaceops import audit
from peaceops.auth import Session, session_user, user_for_token
from peaceops.config import WorkspaceConfig
from peaceops.web.access import SAFE_METHODS, required_role
from peaceops.web.csrf import check_csrf
from peaceops.workspace import Workspace

__all__ = [
    "COOKIE",
    "PUBLIC_PREFIXES",
    "AuthGate",
    "client_address",
    "database_unavailable_message",
    "is_api",
    "is_https",
]

log = logging.getLogger("peaceops.web.auth")

COOKIE = "peaceops_session"
PUBLIC_PREFIXES = ("/login", "/static/", "/healthz", "/favicon.ico")


def is_api(path: str) -> bool:
    """Whether ``path`` answers JSON (its refusals too)."""
    return path == "/api" or path.startswith("/api/") or path == "/openapi.json"


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def is_https(scope: Scope) -> bool:
    """Whether the request came over HTTPS, directly or through a TLS-terminating proxy."""
    if scope.get("scheme") == "https":
        return True
    forwarded = Headers(scope=scope).get("x-forwarded-proto", "")
    return forwarded.split(",")[0].strip().lower() == "https"


def _cookie(scope: Scope, name: str) -> str:
    raw = Headers(scope=scope).get("cookie", "")
    for part in raw.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


def database_unavailable_message() -> str:
    return "The database is not reachable at the moment; nothing was changed. Try again shortly."


async def _send_simple(
    send: Send,
    status: int,
    body: str,
    content_type: str,
    extra: list[tuple[bytes, bytes]] | None = None,
) -> None:
    data = body.encode("utf-8")
    headers = [
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(data)).encode()),
        (b"cache-control", b"no-store"),
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


async def _refuse(
    scope: Scope, send: Send, status: int, message: str, extra: list[tuple[bytes, bytes]] | None
) -> None:
    path = str(scope.get("path", ""))
    if is_api(path):
        body = json.dumps({"detail": message, "status": status})
        await _send_simple(send, status, body, "application/json", extra)
        return
    title = {401: "Sign in", 403: "Not allowed", 503: "Unavailable"}.get(status, "Error")
    page = (
        '<!doctype html><html lang="en"><meta charset="utf-8">'
        f'<title>{title} · peaceops</title><link rel="stylesheet" href="/static/peaceops.css">'
        f'<main id="main"><h1>{title}</h1><p>{html.escape(message)}</p>'
        '<p><a href="/">Back to the overview</a></p></main></html>'
    )
    await _send_simple(send, status, page, "text/html; charset=utf-8", extra)


class AuthGate:
    """The ASGI layer that signs requests in, checks roles and CSRF, and sets the actor."""

    def __init__(self, app: ASGIApp, root: Path, config: WorkspaceConfig) -> None:
        self.app = app
        self.root = root
        self.session_hours = config.session_hours
        self._ws: Workspace | None = None

    @property
    def ws(self) -> Workspace:
        # one workspace (one connection pool) for every sign-in lookup of this process
        if self._ws is None:
            self._ws = Workspace.open(self.root)
        return self._ws

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        method = str(scope.get("method", "GET")).upper()
        if path.startswith(PUBLIC_PREFIXES) or path == "/login":
            scope.setdefault("state", {})["auth_ws"] = self.ws
            scope["state"]["session_hours"] = self.session_hours
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        authz = headers.get("authorization", "")
        session: Session | None = None
        try:
            if authz:
                kind, _, secret = authz.partition(" ")
                if kind.lower() != "bearer" or not secret.strip():
                    await _refuse(scope, send, 401, "Use 'Authorization: Bearer TOKEN'.", None)
                    return
                user = await run_in_threadpool(user_for_token, self.ws, secret.strip())
                if user is None:
                    await _refuse(
                        scope,
                        send,
                        401,
                        "This API token is unknown, revoked, or its account is disabled.",
                        [(b"www-authenticate", b'Bearer error="invalid_token"')],
                    )
                    return
            else:
                sid = _cookie(scope, COOKIE)
                session = await run_in_threadpool(session_user, self.ws, sid) if sid else None
                if session is None:
                    await self._ask_to_sign_in(scope, send, expired=bool(sid))
                    return
                user = session.user
        except (OperationalError, DBAPIError, PoolTimeoutError):
            log.warning("database unreachable while signing a request in")
            await _refuse(
                scope, send, 503, database_unavailable_message(), [(b"retry-after", b"5")]
            )
            return
        needed = required_role(method, path)
        if not user.role.allows(needed):
            await _refuse(
                scope,
                send,
                403,
                f"{user.name} is {user.role.value}; this needs the {needed.value} role. "
                "Nothing was changed.",
                None,
            )
            return
        if session is not None and method not in SAFE_METHODS:
            receive, ok = await check_csrf(scope, receive, session.csrf)
            if not ok:
                await _refuse(
                    scope,
                    send,
                    403,
                    "The form's security token is missing or out of date (CSRF check). "
                    "Reload the page and send it again. Nothing was changed.",
                    None,
                )
                return
        state = scope.setdefault("state", {})
        state["user"] = user
        state["csrf"] = session.csrf if session else ""
        state["auth_ws"] = self.ws
        token = audit.set_actor(audit.Actor(user.name, audit.VIA_WEB, user.role.value))
        try:
            await self.app(scope, receive, send)
        finally:
            audit.reset_actor(token)

    async def _ask_to_sign_in(self, scope: Scope, send: Send, *, expired: bool) -> None:
        path = str(scope.get("path", "/"))
        clear = [(b"set-cookie", f"{COOKIE}=; Max-Age=0; Path=/; HttpOnly".encode())]
        if is_api(path):
            await _refuse(
                scope,
                send,
                401,
                "Sign in first: send 'Authorization: Bearer TOKEN' (peaceops users token NAME).",
                [(b"www-authenticate", b"Bearer"), *(clear if expired else [])],
            )
            return
        query = scope.get("query_string", b"").decode("latin-1")
        target = path + (f"?{query}" if query else "")
        where = "/login?next=" + quote(target, safe="") + ("&expired=1" if expired else "")
        await _send_simple(
            send,
            303,
            "",
            "text/plain",
            [(b"location", where.encode()), *(clear if expired else [])],
        )
