"""User management for administrators: list accounts, add one, change a role, disable or
enable, issue and revoke API tokens (``/admin/users``, and ``/api/admin/users`` as JSON).

Mounted only on a server with sign-in (``serve --auth``); the gate lets only admins read or
change anything under ``/admin`` (403 otherwise, before any route runs), and every change goes
through ``peaceops.auth``, which writes it to the audit trail under the signed-in admin's name.
A form refused for bad input comes back with the message beside the field and what was typed
(never the password). A new token is shown once, on the answer to the form that made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from peaceops.auth import (
    User,
    add_user,
    create_token,
    disable_user,
    enable_user,
    revoke_tokens,
    set_role,
)
from peaceops.auth.accounts import Accounts, accounts
from peaceops.errors import InputError, NotFoundError
from peaceops.web.common import api_json, get_ws, render
from peaceops.workspace import Workspace

__all__ = ["router", "users_data"]

router = APIRouter()

PAGE = "/admin/users"
MAX_SAVED = 300  # longest notice taken from the address


@dataclass(frozen=True)
class UserForm:
    """One form of the page as sent: which one (``add``, or an action on the account
    ``name``), what was typed, and what is wrong with it, field by field."""

    action: str
    name: str = ""
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def users_data(ws: Workspace) -> Accounts:
    """Every account with its active tokens (never a secret), and the roles: the view whose
    ``to_dict()`` the page and ``/api/admin/users`` use."""
    return accounts(ws)


def _page(
    request: Request,
    ws: Workspace,
    *,
    form: UserForm | None = None,
    saved: str = "",
    new_token: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    response = render(
        request,
        "users.html",
        title="Users",
        api_url="/api/admin/users",
        d=users_data(ws).to_dict(),
        form=form or UserForm("none"),
        saved=saved[:MAX_SAVED],
        new_token=new_token,
        status_code=status_code,
    )
    response.headers["cache-control"] = "no-store"
    return response


def _done(message: str) -> Response:
    return RedirectResponse(f"{PAGE}?{urlencode({'saved': message})}", status_code=303)


def _me(request: Request) -> User | None:
    return getattr(request.state, "user", None)


def _refused(
    request: Request, ws: Workspace, action: str, name: str, values: dict[str, str], exc: Exception
) -> HTMLResponse:
    key = getattr(exc, "field", None) or "form"
    if key not in values:
        key = "form"
    form = UserForm(action, name, values, {key: str(exc)})
    status = 404 if isinstance(exc, NotFoundError) else 400
    return _page(request, ws, form=form, status_code=status)


def _not_yourself(request: Request, name: str, what: str) -> None:
    me = _me(request)
    if me is not None and me.name == name:
        raise InputError(
            f"you cannot {what} your own account here (another admin can, or use the CLI)",
            field="form",
        )


@router.get(PAGE, response_class=HTMLResponse, include_in_schema=False)
def users_page(request: Request, ws: Workspace = Depends(get_ws), saved: str = "") -> Response:
    return _page(request, ws, saved=saved)


@router.get(
    "/api/admin/users", tags=["auth"], summary="Accounts, roles and active API tokens (admins)"
)
def users_api(ws: Workspace = Depends(get_ws)) -> JSONResponse:
    """Each account: name, role, disabled, created, active tokens (id, label, created)."""
    return api_json(users_data(ws).to_dict())


@router.post(f"{PAGE}/add", include_in_schema=False)
def add_form(
    request: Request,
    ws: Workspace = Depends(get_ws),
    name: str = Form(""),
    role: str = Form(""),
    password: str = Form(""),
) -> Response:
    values = {"name": name, "role": role, "password": ""}  # a password is never sent back
    try:
        if not name.strip():
            raise InputError("Enter a user name.", field="name")
        if not role:
            raise InputError("Choose a role.", field="role")
        user = add_user(ws, name, role, password or None)
    except (InputError, NotFoundError) as exc:
        return _refused(request, ws, "add", "", values, exc)
    how = "a password and tokens" if password else "API tokens only"
    return _done(f"Added {user.name} ({user.role.value}; signs in with {how}).")


@router.post(f"{PAGE}/role", include_in_schema=False)
def role_form(
    request: Request,
    ws: Workspace = Depends(get_ws),
    name: str = Form(""),
    role: str = Form(""),
) -> Response:
    values = {"role": role}
    try:
        _not_yourself(request, name, "change the role of")
        user = set_role(ws, name, role)
    except (InputError, NotFoundError) as exc:
        return _refused(request, ws, "role", name, values, exc)
    return _done(f"{user.name} is now {user.role.value}.")


@router.post(f"{PAGE}/disable", include_in_schema=False)
def disable_form(
    request: Request, ws: Workspace = Depends(get_ws), name: str = Form("")
) -> Response:
    try:
        _not_yourself(request, name, "disable")
        user = disable_user(ws, name)
    except (InputError, NotFoundError) as exc:
        return _refused(request, ws, "disable", name, {}, exc)
    return _done(f"{user.name} is disabled: no sign-in, their sessions ended, tokens refused.")


@router.post(f"{PAGE}/enable", include_in_schema=False)
def enable_form(
    request: Request, ws: Workspace = Depends(get_ws), name: str = Form("")
) -> Response:
    try:
        user = enable_user(ws, name)
    except (InputError, NotFoundError) as exc:
        return _refused(request, ws, "enable", name, {}, exc)
    return _done(f"{user.name} is enabled ({user.role.value}).")


@router.post(f"{PAGE}/token", include_in_schema=False)
def token_form(
    request: Request,
    ws: Workspace = Depends(get_ws),
    name: str = Form(""),
    label: str = Form(""),
) -> Response:
    values = {"label": label}
    try:
        token_id, secret = create_token(ws, name, label)
    except (InputError, NotFoundError) as exc:
        return _refused(request, ws, "token", name, values, exc)
    shown = {"id": token_id, "user": name.strip(), "label": label.strip(), "token": secret}
    return _page(request, ws, new_token=shown)


@router.post(f"{PAGE}/revoke-token", include_in_schema=False)
def revoke_form(
    request: Request,
    ws: Workspace = Depends(get_ws),
    name: str = Form(""),
    token_id: str = Form(""),
) -> Response:
    try:
        one = int(token_id) if token_id.strip() else None
    except ValueError:
        one = -1  # no token has this id: refused below, naming the account
    try:
        count = revoke_tokens(ws, name, one)
    except (InputError, NotFoundError) as exc:
        return _refused(request, ws, "revoke-token", name, {}, exc)
    which = f"token {one}" if one is not None else f"{count} token(s)"
    return _done(f"Revoked {which} of {name}.")
