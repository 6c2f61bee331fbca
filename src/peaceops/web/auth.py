"""Sign-in for a team server: the ``/login`` and ``/logout`` routes and how it is installed.

``install_auth(app, root, config)`` adds the sign-in routes and the CSRF field layer;
``install_auth_gate`` the gate that every other request passes. The parts, one module each:

- ``peaceops.web.gate``: ``AuthGate`` signs a request in (session cookie or API token), checks
  its role and CSRF token, and sets the acting user for the audit trail;
- ``peaceops.web.access``: which role a request needs (``require`` adds rules);
- ``peaceops.web.csrf``: the CSRF check and the hidden field added to pages' forms;
- ``peaceops.web.login_limit``: the rate limit on failed sign-ins.

The session cookie holds a random id (only its SHA-256 is stored, in ``web_sessions``), is
``HttpOnly``, ``SameSite=Strict``, ``Secure`` when the request came over HTTPS (directly or
through a TLS-terminating proxy), and expires after ``session_hours``; ``/logout`` ends it.
"""

from __future__ import annotations

import json
import logging
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from peaceops import audit
from peaceops.auth import Session, User, authenticate, create_session
from peaceops.auth import end_session as end_session_
from peaceops.config import WorkspaceConfig
from peaceops.web.access import require, required_role
from peaceops.web.common import render, templates
from peaceops.web.csrf import CsrfFields
from peaceops.web.gate import (
    COOKIE,
    AuthGate,
    client_address,
    database_unavailable_message,
    is_api,
    is_https,
)
from peaceops.web.login_limit import LoginLimiter
from peaceops.web.routes_users import router as users_router
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

LOGIN_COOKIE = "peaceops_login"  # double-submit token of the sign-in form (no session yet)


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
        secure=is_https(request.scope),
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
        client = client_address(request.scope)
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
            secure=is_https(request.scope),
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

    app.include_router(users_router)  # only with sign-in: the gate keeps it to admins
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
    app.add_exception_handler(PoolTimeoutError, unavailable)  # no free pooled connection


def database_unavailable(request: Request) -> Response:
    message = database_unavailable_message()
    if is_api(request.url.path):
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
