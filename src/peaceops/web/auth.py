"""Sign-in for a team server: sessions, API tokens, roles, CSRF and a login rate limit.

``install_auth(app, root, config)`` adds one ASGI layer, ``AuthGate``, and the ``/login`` and
``/logout`` routes. With it every page and API call needs either

- a **session**: signed in at ``/login``; the cookie holds a random id (only its SHA-256 is
  stored, in ``web_sessions``), is ``HttpOnly``, ``SameSite=Strict``, ``Secure`` when the
  request came over HTTPS (directly or through a TLS-terminating proxy), and expires after
  ``session_hours``; ``/logout`` ends it at once; or
- an **API token**: ``Authorization: Bearer po_...`` (``peaceops users token NAME``).

Without credentials an API call gets 401 and a page a redirect to ``/login``. Reading needs
the viewer role; a change (POST, PUT, PATCH, DELETE) needs analyst, and admin for imports and
user management (``require()`` adds rules). A refused request is 403 and reaches no route, so
it changes nothing.

CSRF: a state-changing request made with a session must carry the session's token, as the form
field ``csrf_token`` or the header ``X-CSRF-Token``. The gate adds that hidden field to every
``<form method="post">`` of the pages it serves to a signed-in user, so feature forms need no
change. (Bearer-token requests carry no cookie, so they cannot be forged by another site.)

The acting user of each request is set for the audit trail (``peaceops.audit``): every change
made through the web is recorded under the signed-in name, with ``via = web``.
"""

from __future__ import annotations

import html
import json
import logging
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peaceops import audit
from peaceops.auth import (
    Role,
    Session,
    User,
    authenticate,
    create_session,
    session_user,
    user_for_token,
)
from peaceops.auth import end_session as end_session_
from peaceops.config import WorkspaceConfig
from peaceops.web.common import render, templates
from peaceops.workspace import Workspace

__all__ = [
    "COOKIE",
    "AuthGate",
    "CsrfFields",
    "LoginLimiter",
    "database_unavailable",
    "install_auth",
    "install_auth_gate",
    "install_db_errors",
    "require",
    "required_role",
]

log = logging.getLogger("peaceops.web.auth")

COOKIE = "peaceops_session"
LOGIN_COOKIE = "peaceops_login"  # double-submit token of the sign-in form (no session yet)
PUBLIC_PREFIXES = ("/login", "/static/", "/healthz", "/favicon.ico")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_FORM_BYTES = 1024 * 1024

# (prefix, role) rules for state-changing requests, most specific first; see ``require``.
_RULES: list[tuple[str, Role]] = [
    ("/admin", Role.admin),
    ("/api/admin", Role.admin),
    ("/api/users", Role.admin),
]


def require(prefix: str, role: Role) -> None:
    """State-changing requests under ``prefix`` need ``role`` (a feature's admin route)."""
    _RULES.insert(0, (prefix, role))


def required_role(method: str, path: str) -> Role:
    """The role a request needs: viewer to read; analyst to change, admin for imports and
    user management (any path with an ``import`` segment, and the ``require`` rules)."""
    if method.upper() in SAFE_METHODS:
        return Role.viewer
    for prefix, role in _RULES:
        if path == prefix or path.startswith(prefix.rstrip("/") + "/"):
            return role
    if "import" in path.strip("/").split("/"):
        return Role.admin
    return Role.analyst


@dataclass
class LoginLimiter:
    """Failed sign-ins allowed per client address and per account name (moving window, in
    this process's memory: with several processes each counts its own)."""

    rate: str = "5/minute"

    def __post_init__(self) -> None:
        self._items: list[RateLimitItem] = parse_many(self.rate)
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def _keys(self, client: str, name: str) -> list[str]:
        return [f"ip:{client}", f"user:{name.strip().lower()}"]

    def wait_seconds(self, client: str, name: str) -> int:
        """0 when another attempt is allowed, else the seconds until one is."""
        wait = 0
        for key in self._keys(client, name):
            for item in self._items:
                if not self._limiter.test(item, key):
                    stats = self._limiter.get_window_stats(item, key)
                    wait = max(wait, int(stats.reset_time - time.time()) + 1)
        return wait

    def failed(self, client: str, name: str) -> None:
        for key in self._keys(client, name):
            for item in self._items:
                self._limiter.hit(item, key)


def _is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/") or path == "/openapi.json"


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def _is_https(scope: Scope) -> bool:
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
    if _is_api(path):
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


def database_unavailable_message() -> str:
    return "The database is not reachable at the moment; nothing was changed. Try again shortly."


_FORM_TAG = re.compile(r"<form\b[^>]*\bmethod\s*=\s*[\"']?post\b[^>]*>", re.IGNORECASE)


def _with_csrf_fields(page: str, token: str) -> str:
    field = f'<input type="hidden" name="csrf_token" value="{html.escape(token)}">'
    return _FORM_TAG.sub(lambda m: m.group(0) + field, page)


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
        except (OperationalError, DBAPIError):
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
            receive, ok = await self._check_csrf(scope, receive, session)
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
        if _is_api(path):
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

    async def _check_csrf(
        self, scope: Scope, receive: Receive, session: Session
    ) -> tuple[Receive, bool]:
        sent = Headers(scope=scope).get("x-csrf-token")
        if sent is not None:
            return receive, secrets.compare_digest(sent, session.csrf)
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = bool(message.get("more_body", False))
            if len(body) > MAX_FORM_BYTES:
                return receive, False
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        token = _form_token(Headers(scope=scope).get("content-type", ""), body)
        return replay, token is not None and secrets.compare_digest(token, session.csrf)


def _form_token(content_type: str, body: bytes) -> str | None:
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        values = parse_qs(body.decode("utf-8", "replace")).get("csrf_token")
        return values[0] if values else None
    if kind == "multipart/form-data":
        match = re.search(rb'name="csrf_token"\r\n\r\n([^\r\n]*)\r\n', body)
        return match.group(1).decode("ascii", "replace") if match else None
    return None


class CsrfFields:
    """Adds the session's CSRF field to the POST forms of pages (inside the compression
    layer, so it sees them uncompressed; the gate, outside every cache, put the token in the
    request's state)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = scope.get("state", {}).get("csrf") if scope["type"] == "http" else None
        if token and str(scope.get("method", "GET")).upper() in SAFE_METHODS:
            await self.app(scope, receive, _csrf_injector(send, token))
            return
        await self.app(scope, receive, send)


def _csrf_injector(send: Send, token: str) -> Send:
    """Wrap ``send`` so HTML pages get the CSRF field in each POST form."""
    start: Message | None = None
    chunks: list[bytes] = []

    async def wrapped(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            kind = Headers(raw=message.get("headers", [])).get("content-type", "")
            encoded = Headers(raw=message.get("headers", [])).get("content-encoding")
            if kind.startswith("text/html") and not encoded:
                start = message
                return
            await send(message)
            return
        if message["type"] == "http.response.body" and start is not None:
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            page = b"".join(chunks).decode("utf-8", "replace")
            data = _with_csrf_fields(page, token).encode("utf-8")
            headers = MutableHeaders(raw=list(start.get("headers", [])))
            headers["content-length"] = str(len(data))
            await send({**start, "headers": headers.raw})
            await send({"type": "http.response.body", "body": data})
            return
        await send(message)

    return wrapped


# -- routes -----------------------------------------------------------------------------------


def _safe_next(target: str | None) -> str:
    """Only a path on this site (no scheme, no host, no '//') may follow a sign-in."""
    text = (target or "/").strip()
    parts = urlsplit(text)
    if parts.scheme or parts.netloc or not text.startswith("/") or text.startswith("//"):
        return "/"
    if text.startswith("/login") or text.startswith("/logout"):
        return "/"
    return text


def _login_page(
    request: Request,
    *,
    name: str = "",
    error: str = "",
    status: int = 200,
    next_url: str = "/",
    notice: str = "",
) -> Response:
    token = secrets.token_urlsafe(24)
    response = render(
        request,
        "login.html",
        title="Sign in",
        name=name,
        error=error,
        notice=notice,
        next_url=_safe_next(next_url),
        login_token=token,
        status_code=status,
    )
    response.set_cookie(
        LOGIN_COOKIE,
        token,
        max_age=3600,
        httponly=True,
        samesite="strict",
        secure=_is_https(request.scope),
        path="/login",
    )
    response.headers["cache-control"] = "no-store"
    return response


def install_auth(app: FastAPI, root: Path, config: WorkspaceConfig) -> None:
    """The sign-in routes and the CSRF field layer. Call it before the compression layer is
    added (the field layer edits pages), and ``install_auth_gate`` after every cache layer."""
    limiter = LoginLimiter(config.login_rate)
    app.state.login_limiter = limiter
    templates.env.globals.setdefault("signed_in_user", _signed_in_user)

    @app.get("/login", include_in_schema=False)
    def login_form(request: Request, next: str = "/", expired: str = "") -> Response:
        notice = "Your session has ended; sign in again." if expired else ""
        return _login_page(request, next_url=next, notice=notice)

    @app.post("/login", include_in_schema=False)
    def login(
        request: Request,
        name: str = Form(""),
        password: str = Form(""),
        login_token: str = Form(""),
        next_url: str = Form("/", alias="next"),
    ) -> Response:
        ws: Workspace = request.state.auth_ws
        hours: float = request.state.session_hours
        cookie_token = request.cookies.get(LOGIN_COOKIE, "")
        if not cookie_token or not secrets.compare_digest(cookie_token, login_token or ""):
            return _login_page(
                request,
                name=name,
                error="The sign-in form was out of date; please try again.",
                status=403,
                next_url=next_url,
            )
        client = _client(request.scope)
        wait = limiter.wait_seconds(client, name)
        if wait:
            return _login_page(
                request,
                name=name,
                error=f"Too many failed sign-in attempts. Wait {wait} seconds, then try again.",
                status=429,
                next_url=next_url,
            )
        if not name.strip() or not password:
            return _login_page(
                request,
                name=name,
                error="Enter your user name and password.",
                status=400,
                next_url=next_url,
            )
        user = authenticate(ws, name, password)
        if user is None:
            limiter.failed(client, name)
            log.info("failed sign-in for a user name from %s", client)
            return _login_page(
                request,
                name=name,
                error="The user name or password is not right (or the account is disabled).",
                status=401,
                next_url=next_url,
            )
        sid, _session = create_session_as(ws, user, hours)
        response = RedirectResponse(_safe_next(next_url), status_code=303)
        response.set_cookie(
            COOKIE,
            sid,
            max_age=int(hours * 3600),
            httponly=True,
            samesite="strict",
            secure=_is_https(request.scope),
            path="/",
        )
        response.delete_cookie(LOGIN_COOKIE, path="/login")
        return response

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request) -> Response:
        sid = request.cookies.get(COOKIE, "")
        if sid:
            end_session_(request.state.auth_ws, sid)
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    @app.get("/api/me", tags=["auth"], summary="The signed-in user, role and CSRF token")
    def me(request: Request) -> dict[str, str]:
        """``csrf_token`` (sessions only) goes in the ``X-CSRF-Token`` header of changes."""
        user: User = request.state.user
        out = {"name": user.name, "role": user.role.value}
        if request.state.csrf:
            out["csrf_token"] = request.state.csrf
        return out

    app.add_middleware(CsrfFields)


def install_auth_gate(app: FastAPI, root: Path, config: WorkspaceConfig) -> None:
    """Require sign-in on every request: add it after (outside) every layer that can answer
    by itself, such as a page cache, so no answer is given before the gate."""
    app.add_middleware(AuthGate, root=root, config=config)


def create_session_as(ws: Workspace, user: User, hours: float) -> tuple[str, Session]:
    with audit.acting_as(user.name, audit.VIA_WEB, user.role.value):
        return create_session(ws, user, hours)


def _signed_in_user(request: Request) -> User | None:
    return getattr(request.state, "user", None)


def install_db_errors(app: FastAPI) -> None:
    """Answer 503 (not 500) when the database cannot be reached: the request changed nothing,
    since every change is one transaction."""

    async def unavailable(request: Request, exc: Exception) -> Response:
        log.warning("database unreachable on %s: %s", request.url.path, type(exc).__name__)
        return database_unavailable(request)

    app.add_exception_handler(OperationalError, unavailable)
    app.add_exception_handler(DBAPIError, unavailable)


def database_unavailable(request: Request) -> Response:
    message = database_unavailable_message()
    if _is_api(request.url.path):
        return Response(
            json.dumps({"detail": message, "status": 503}),
            status_code=503,
            media_type="application/json",
            headers={"retry-after": "5"},
        )
    return HTMLResponse(
        render(request, "error.html", title="Unavailable", status=503, message=message).body,
        status_code=503,
        headers={"retry-after": "5"},
    )
