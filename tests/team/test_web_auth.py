"""Sign-in, roles, CSRF, tokens and the login rate limit of ``peaceops serve --auth``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from peaceops import audit
from peaceops.auth import disable_user, revoke_tokens
from peaceops.framework.store import observations
from peaceops.web.app import create_app
from peaceops.workspace import Workspace

PASSWORD = "correct horse battery"
OBSERVATION = {
    "indicator_id": "I-ADM",
    "value": "41",
    "date": "2020-06-30",
    "source": "Mission reporting (test)",
    "entered_by": "someone else",
}


@pytest.fixture
def app_client(team_ws: Path) -> Iterator[TestClient]:
    with TestClient(create_app(team_ws, auth=True), follow_redirects=False) as c:
        yield c


def _token(root: Path, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {(root / f'token-{name}').read_text()}"}


def _sign_in(client: TestClient, name: str, password: str = PASSWORD) -> str:
    page = client.get("/login")
    token = re.search(r'name="login_token" value="([^"]+)"', page.text)
    assert token is not None
    r = client.post(
        "/login",
        data={"name": name, "password": password, "login_token": token[1], "next": "/framework"},
    )
    return r


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found is not None, "no CSRF field in the page's forms"
    return found[1]


def _count(root: Path) -> int:
    with Workspace.open(root) as ws:
        return len(observations(ws))


def test_no_credentials_401_for_api_redirect_for_pages(app_client: TestClient) -> None:
    r = app_client.get("/api/framework/status")
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    assert "Bearer" in r.json()["detail"]
    r = app_client.get("/framework?as_of=2020-01-01")
    assert r.status_code == 303
    assert r.headers["location"] == "/login?next=%2Fframework%3Fas_of%3D2020-01-01"
    assert app_client.get("/static/peaceops.css").status_code == 200
    assert app_client.get("/login").status_code == 200


def test_bad_and_revoked_tokens_are_401(team_ws: Path, app_client: TestClient) -> None:
    assert app_client.get("/api/me", headers={"Authorization": "Bearer po_x"}).status_code == 401
    assert app_client.get("/api/me", headers={"Authorization": "Basic abc"}).status_code == 401
    r = app_client.get("/api/me", headers=_token(team_ws, "vera"))
    assert r.status_code == 200 and r.json() == {"name": "vera", "role": "viewer"}  # no CSRF
    with Workspace.open(team_ws) as ws:
        revoke_tokens(ws, "vera")
    assert app_client.get("/api/me", headers=_token(team_ws, "vera")).status_code == 401


def test_roles_viewer_reads_analyst_writes_forbidden_changes_nothing(
    team_ws: Path, app_client: TestClient
) -> None:
    body = {k: v for k, v in OBSERVATION.items() if k != "entered_by"}
    before = _count(team_ws)
    r = app_client.get("/api/framework/status", headers=_token(team_ws, "vera"))
    assert r.status_code == 200
    r = app_client.post("/api/framework/observations", json=body, headers=_token(team_ws, "vera"))
    assert r.status_code == 403 and "analyst" in r.json()["detail"]
    assert _count(team_ws) == before
    r = app_client.post("/api/framework/observations", json=body, headers=_token(team_ws, "ana"))
    assert r.status_code == 201, r.text
    assert _count(team_ws) == before + 1
    with Workspace.open(team_ws) as ws:
        last = audit.entries(ws.engine)[-1]
    assert (last.user, last.via, last.action) == ("ana", "web", "framework.observe")
    # imports need admin, whatever the route is
    r = app_client.post("/api/framework/import", json={}, headers=_token(team_ws, "ana"))
    assert r.status_code == 403 and "admin" in r.json()["detail"]


def test_session_sign_in_form_with_csrf_and_logout(team_ws: Path, app_client: TestClient) -> None:
    r = _sign_in(app_client, "ana")
    assert r.status_code == 303 and r.headers["location"] == "/framework"
    cookie = r.headers["set-cookie"]
    assert "peaceops_session=" in cookie and "HttpOnly" in cookie
    assert "SameSite=strict" in cookie or "samesite=strict" in cookie.lower()
    assert "Max-Age=28800" in cookie  # 8 hours, the default session length
    page = app_client.get("/framework")
    assert page.status_code == 200 and "ana (analyst)" in page.text
    token = _csrf(page.text)
    assert app_client.get("/api/me").json()["csrf_token"] == token
    # without the token: refused, nothing written
    before = _count(team_ws)
    r = app_client.post("/framework/observe", data=OBSERVATION)
    assert r.status_code == 403 and "CSRF" in r.text
    r = app_client.post("/framework/observe", data={**OBSERVATION, "csrf_token": "forged"})
    assert r.status_code == 403
    assert _count(team_ws) == before
    r = app_client.post("/framework/observe", data={**OBSERVATION, "csrf_token": token})
    assert r.status_code == 303, r.text
    with Workspace.open(team_ws) as ws:
        obs = observations(ws)
        last = audit.entries(ws.engine)[-1]
    assert len(obs) == before + 1
    # the form's "your name" cannot make the change appear to come from someone else
    assert obs[-1].entered_by == "ana" and last.user == "ana" and last.via == "web"
    # JSON calls with the session send the token as a header
    r = app_client.post(
        "/api/framework/observations",
        json={**{k: v for k, v in OBSERVATION.items() if k != "entered_by"}, "date": "2020-07-31"},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 201, r.text
    r = app_client.post("/logout", data={"csrf_token": token})
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert app_client.get("/framework").status_code == 303


def test_old_session_cookie_stops_working_after_logout_and_disable(
    team_ws: Path, app_client: TestClient
) -> None:
    _sign_in(app_client, "vera")
    sid = app_client.cookies.get("peaceops_session")
    assert sid and app_client.get("/api/me").status_code == 200
    with Workspace.open(team_ws) as ws:
        disable_user(ws, "vera")
    r = app_client.get("/framework")
    assert r.status_code == 303 and "expired=1" in r.headers["location"]
    assert _sign_in(app_client, "vera").status_code == 401  # disabled: no sign-in


def test_viewer_session_cannot_post_forms(team_ws: Path, app_client: TestClient) -> None:
    _sign_in(app_client, "vera")
    token = _csrf(app_client.get("/framework").text)  # the sign-out form carries one
    before = _count(team_ws)
    r = app_client.post("/framework/observe", data={**OBSERVATION, "csrf_token": token})
    assert r.status_code == 403 and "viewer" in r.text
    assert _count(team_ws) == before


def test_wrong_password_and_rate_limit(app_client: TestClient) -> None:
    r = _sign_in(app_client, "ana", "wrong password!")
    assert r.status_code == 401 and "not right" in r.text
    assert 'value="ana"' in r.text  # what was typed is kept
    for _ in range(4):
        _sign_in(app_client, "ana", "wrong password!")
    r = _sign_in(app_client, "ana")  # even the right password waits now
    assert r.status_code == 429 and re.search(r"Wait \d+ seconds", r.text)
    assert "peaceops_session" not in r.headers.get("set-cookie", "")


def test_login_form_refuses_a_forged_post_and_foreign_next(app_client: TestClient) -> None:
    r = app_client.post("/login", data={"name": "ana", "password": PASSWORD, "login_token": "x"})
    assert r.status_code == 403
    page = app_client.get("/login?next=https://evil.example/")
    assert 'name="next" value="/"' in page.text


def test_without_auth_nothing_changes(team_ws: Path) -> None:
    with TestClient(create_app(team_ws)) as c:
        assert c.get("/api/framework/status").status_code == 200
        assert c.get("/login").status_code == 404


def test_a_page_kept_for_one_client_is_never_sent_to_another(
    team_ws: Path, app_client: TestClient
) -> None:
    for _ in range(2):  # the second answer may come from the page cache
        r = app_client.get("/api/framework/status", headers=_token(team_ws, "vera"))
        assert r.status_code == 200
    assert app_client.get("/api/framework/status").status_code == 401
    r = app_client.get("/api/framework/status", headers={"Authorization": "Bearer po_nope"})
    assert r.status_code == 401
    _sign_in(app_client, "ana")
    page = app_client.get("/framework")
    assert "ana (analyst)" in page.text
    app_client.cookies.clear()
    assert app_client.get("/framework").status_code == 303


def test_a_form_sent_back_with_a_message_can_be_sent_again(
    team_ws: Path, app_client: TestClient
) -> None:
    _sign_in(app_client, "ana")
    token = _csrf(app_client.get("/framework").text)
    before = _count(team_ws)
    bad = {**OBSERVATION, "value": "many", "csrf_token": token}
    r = app_client.post("/framework/observe", data=bad)
    assert r.status_code == 400 and 'value="many"' in r.text
    again = _csrf(r.text)  # the page answering the POST carries the session's token too
    assert again == token
    r = app_client.post("/framework/observe", data={**bad, "value": "41", "csrf_token": again})
    assert r.status_code == 303, r.text
    assert _count(team_ws) == before + 1
