"""The admins' user page (/admin/users): list, add, change a role, disable, issue and revoke
tokens; CSRF-protected, admins only, every change audited, bad input refused beside the field."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from peaceops import audit
from peaceops.auth import get_user, list_tokens, list_users
from peaceops.web.app import create_app
from peaceops.workspace import Workspace

PASSWORD = "correct horse battery"


@pytest.fixture
def client(team_ws: Path) -> Iterator[TestClient]:
    with TestClient(create_app(team_ws, auth=True), follow_redirects=False) as c:
        yield c


def _sign_in(client: TestClient, name: str) -> str:
    """Sign ``name`` in; returns the CSRF token of the session."""
    page = client.get("/login")
    found = re.search(r'name="login_token" value="([^"]+)"', page.text)
    assert found is not None
    r = client.post(
        "/login", data={"name": name, "password": PASSWORD, "login_token": found[1], "next": "/"}
    )
    assert r.status_code == 303, r.text
    token = client.get("/api/me").json()["csrf_token"]
    assert isinstance(token, str)
    return token


def _accounts(root: Path) -> list[tuple[str, str, bool]]:
    with Workspace.open(root) as ws:
        return [(u.name, u.role.value, u.disabled) for u in list_users(ws)]


def _trail(root: Path) -> list[tuple[str, str, str, str]]:
    with Workspace.open(root) as ws:
        return [(e.user, e.via, e.action, e.object) for e in audit.entries(ws.engine)]


def _changes(root: Path) -> list[tuple[str, str, str, str]]:
    """The audit rows of account changes (not sign-ins)."""
    return [t for t in _trail(root) if t[2] not in ("user.login", "user.logout")]


def test_admin_lists_adds_changes_role_disables_and_enables(
    team_ws: Path, client: TestClient
) -> None:
    csrf = _sign_in(client, "adam")
    page = client.get("/admin/users")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    for name in ("adam", "ana", "vera"):
        assert f'<th scope="row">{name}</th>' in page.text
    assert 'name="csrf_token"' in page.text  # every form of the page carries the token
    assert '<a href="/admin/users">Users</a>' in page.text  # in the header, for admins
    ids = re.findall(r'\bid="([^"]+)"', page.text)
    assert len(ids) == len(set(ids))
    controls = re.findall(
        r'<(?:input|select)\b(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', page.text
    )
    labelled = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', page.text))
    assert controls and set(controls) <= labelled  # every visible control has its label
    data = client.get("/api/admin/users").json()
    assert [(u["name"], u["role"], len(u["tokens"])) for u in data["users"]] == [
        ("adam", "admin", 1),
        ("ana", "analyst", 1),
        ("vera", "viewer", 1),
    ]
    assert "token_hash" not in str(data) and "password" not in str(data)
    before = len(_changes(team_ws))

    r = client.post(
        "/admin/users/add",
        data={
            "name": "zoe",
            "role": "analyst",
            "password": "a long enough one",
            "csrf_token": csrf,
        },
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/admin/users?saved=")
    assert "Added zoe (analyst" in client.get(r.headers["location"]).text
    r = client.post("/admin/users/role", data={"name": "zoe", "role": "viewer", "csrf_token": csrf})
    assert r.status_code == 303
    r = client.post("/admin/users/disable", data={"name": "zoe", "csrf_token": csrf})
    assert r.status_code == 303
    assert ("zoe", "viewer", True) in _accounts(team_ws)
    r = client.post("/admin/users/enable", data={"name": "zoe", "csrf_token": csrf})
    assert r.status_code == 303
    assert ("zoe", "viewer", False) in _accounts(team_ws)
    # each change is in the audit trail, under the admin's name, from the web
    assert _changes(team_ws)[before:] == [
        ("adam", "web", "user.add", "user:zoe"),
        ("adam", "web", "user.set-role", "user:zoe"),
        ("adam", "web", "user.disable", "user:zoe"),
        ("adam", "web", "user.enable", "user:zoe"),
    ]


def test_a_token_is_shown_once_works_and_can_be_revoked(team_ws: Path, client: TestClient) -> None:
    csrf = _sign_in(client, "adam")
    r = client.post(
        "/admin/users/token", data={"name": "vera", "label": "report robot", "csrf_token": csrf}
    )
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    found = re.search(r'<code class="secret">(po_[^<]+)</code>', r.text)
    assert found is not None and "cannot be shown again" in r.text
    secret = found[1]
    assert 'name="csrf_token"' in r.text  # the page answering the form keeps working forms
    # the token signs in as vera; it appears nowhere afterwards, only its label and id
    other = TestClient(client.app)
    assert (
        other.get("/api/me", headers={"Authorization": f"Bearer {secret}"}).json()["name"] == "vera"
    )
    again = client.get("/admin/users").text
    assert secret not in again and "report robot" in again
    with Workspace.open(team_ws) as ws:
        new = [t for t in list_tokens(ws) if t.label == "report robot"]
    assert len(new) == 1
    r = client.post(
        "/admin/users/revoke-token",
        data={"name": "vera", "token_id": str(new[0].id), "csrf_token": csrf},
    )
    assert r.status_code == 303
    assert other.get("/api/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    # vera's first token (made by the fixture) still works: only the one was revoked
    first = (team_ws / "token-vera").read_text()
    assert other.get("/api/me", headers={"Authorization": f"Bearer {first}"}).status_code == 200
    trail = _changes(team_ws)[-2:]
    assert trail == [
        ("adam", "web", "user.token", "user:vera"),
        ("adam", "web", "user.revoke-token", "user:vera"),
    ]
    assert secret not in str(_trail(team_ws))


@pytest.mark.parametrize("who", ["ana", "vera"])
def test_analysts_and_viewers_get_403_and_change_nothing(
    team_ws: Path, client: TestClient, who: str
) -> None:
    csrf = _sign_in(client, who)
    assert client.get("/admin/users").status_code == 403
    assert client.get("/api/admin/users").status_code == 403
    assert '<a href="/admin/users">' not in client.get("/framework").text
    accounts, trail = _accounts(team_ws), _changes(team_ws)
    attempts = [
        ("/admin/users/add", {"name": "mallory", "role": "admin", "password": "x" * 12}),
        ("/admin/users/role", {"name": who, "role": "admin"}),
        ("/admin/users/disable", {"name": "adam"}),
        ("/admin/users/token", {"name": who, "label": "mine"}),
        ("/admin/users/revoke-token", {"name": "adam"}),
    ]
    for path, form in attempts:
        r = client.post(path, data={**form, "csrf_token": csrf})
        assert r.status_code == 403 and "admin role" in r.text, path
        assert "po_" not in r.text
    token = {"Authorization": f"Bearer {(team_ws / f'token-{who}').read_text()}"}
    r = TestClient(client.app).post("/admin/users/add", data=attempts[0][1], headers=token)
    assert r.status_code == 403
    assert _accounts(team_ws) == accounts and _changes(team_ws) == trail


def test_without_the_csrf_token_nothing_changes(team_ws: Path, client: TestClient) -> None:
    _sign_in(client, "adam")
    accounts, trail = _accounts(team_ws), _changes(team_ws)
    for token in (None, "forged"):
        form = {"name": "zoe", "role": "viewer", "password": "a long enough one"}
        if token:
            form["csrf_token"] = token
        r = client.post("/admin/users/add", data=form)
        assert r.status_code == 403 and "CSRF" in r.text
        r = client.post(
            "/admin/users/disable", data={"name": "ana", **({"csrf_token": token} if token else {})}
        )
        assert r.status_code == 403
    assert _accounts(team_ws) == accounts and _changes(team_ws) == trail


def test_bad_input_is_refused_beside_the_field_keeping_what_was_typed(
    team_ws: Path, client: TestClient
) -> None:
    csrf = _sign_in(client, "adam")
    accounts, trail = _accounts(team_ws), _changes(team_ws)

    def add(name: str, role: str, password: str) -> str:
        r = client.post(
            "/admin/users/add",
            data={"name": name, "role": role, "password": password, "csrf_token": csrf},
        )
        assert r.status_code == 400, r.text
        assert 'name="csrf_token"' in r.text  # corrected, it can be sent again
        assert password not in r.text or not password
        return r.text

    page = add("bad name!", "viewer", "a long enough one")
    assert re.search(r'id="err-add--name">user name &#39;bad name!&#39;: use 1-100 letters', page)
    assert (
        'value="bad name!"' in page
        and 'aria-invalid="true" aria-describedby="err-add--name"' in page
    )
    assert '<option value="viewer" selected>' in page
    page = add("zoe", "", "a long enough one")
    assert 'id="err-add--role">Choose a role.' in page and 'value="zoe"' in page
    page = add("zoe", "boss", "a long enough one")
    assert "unknown role &#39;boss&#39;" in page
    page = add("zoe", "viewer", "short")
    assert re.search(r'id="err-add--password">the password must have at least \d+ characters', page)
    assert 'value="zoe"' in page
    page = add("ana", "viewer", "a long enough one")
    assert "a user named &#39;ana&#39; already exists" in page

    r = client.post("/admin/users/role", data={"name": "ana", "role": "boss", "csrf_token": csrf})
    assert r.status_code == 400 and 'id="err-role-ana-role">unknown role' in r.text
    assert '<option value="boss"' not in r.text
    r = client.post(
        "/admin/users/token", data={"name": "ana", "label": "x" * 201, "csrf_token": csrf}
    )
    assert (
        r.status_code == 400 and 'id="err-token-ana-label">a token label has at most 200' in r.text
    )
    assert 'value="' + "x" * 201 + '"' in r.text
    r = client.post("/admin/users/disable", data={"name": "nobody", "csrf_token": csrf})
    assert r.status_code == 404 and "no user named &#39;nobody&#39;" in r.text
    r = client.post(
        "/admin/users/revoke-token", data={"name": "ana", "token_id": "999", "csrf_token": csrf}
    )
    assert r.status_code == 404 and "ana has no active token with id 999" in r.text
    # an admin cannot lock themselves out from the page
    for path in ("/admin/users/disable", "/admin/users/role"):
        r = client.post(path, data={"name": "adam", "role": "viewer", "csrf_token": csrf})
        assert r.status_code == 400 and "your own account" in r.text
    assert _accounts(team_ws) == accounts and _changes(team_ws) == trail
    with Workspace.open(team_ws) as ws:
        assert get_user(ws, "adam").role.value == "admin"


def test_the_page_exists_only_on_a_server_with_sign_in(team_ws: Path) -> None:
    with TestClient(create_app(team_ws)) as c:
        assert c.get("/admin/users").status_code == 404
        assert c.post("/admin/users/add", data={"name": "x", "role": "admin"}).status_code in (
            404,
            405,
        )
    assert ("x", "admin", False) not in _accounts(team_ws)
