"""The page cache: a change is shown on the next page (from the web or from elsewhere), a page
kept for one user is never sent to another, and many requests for one page make it once.

With PEACEOPS_TEST_DATABASE_URL set the records live in PostgreSQL and the cache asks the
server for the data version; without it, the SQLite file's stamp is the version."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import anyio
import httpx
import pytest
from fastapi.testclient import TestClient
from starlette.types import Receive, Scope, Send

from peaceops import audit
from peaceops.auth import set_role
from peaceops.framework.store import record_observation
from peaceops.web.app import create_app
from peaceops.web.page_cache import PageCache, server_version
from peaceops.workspace import Workspace

PASSWORD = "correct horse battery"


def _observation(value: float, day: date) -> dict[str, str]:
    return {
        "indicator_id": "I-ADM",
        "value": str(value),
        "date": day.isoformat(),
        "source": "Mission reporting (test)",
    }


def _latest(client: TestClient) -> tuple[float, str]:
    r = client.get("/api/framework/status")
    assert r.status_code == 200
    (adm,) = [i for i in r.json()["indicators"] if i["id"] == "I-ADM"]
    return adm["latest"], adm["latest_date"]


def _history(client: TestClient) -> list[dict[str, object]]:
    r = client.get("/api/framework/history")
    assert r.status_code == 200
    return list(r.json())


@pytest.fixture
def open_client(team_ws: Path) -> Iterator[TestClient]:
    with TestClient(create_app(team_ws)) as c:
        yield c


def test_an_observation_saved_through_the_web_is_on_the_next_page(
    open_client: TestClient,
) -> None:
    yesterday = date.today() - timedelta(days=1)
    for _ in range(2):  # the second answers come from the cache
        before = _history(open_client)
        assert _latest(open_client) != (43.5, yesterday.isoformat())
    r = open_client.post("/api/framework/observations", json=_observation(43.5, yesterday))
    assert r.status_code == 201, r.text
    assert _latest(open_client) == (43.5, yesterday.isoformat())
    after = _history(open_client)
    assert len(after) == len(before) + 1 and after[0]["action"] == "observe"
    # through the form, replacing that day's value: the page it leads to is made anew
    r = open_client.post(
        "/framework/observe",
        data={**_observation(44.5, yesterday), "replace": "true"},
        follow_redirects=True,
    )
    assert r.status_code == 200 and "Observation saved" in r.text
    assert _latest(open_client) == (44.5, yesterday.isoformat())
    assert len(_history(open_client)) == len(after) + 1


def test_a_change_made_outside_the_server_is_on_the_next_page(
    team_ws: Path, open_client: TestClient
) -> None:
    day = date.today() - timedelta(days=2)
    for _ in range(2):
        assert _latest(open_client) != (12.0, day.isoformat())
    # as the CLI or another server process would: straight into the workspace
    with Workspace.open(team_ws) as ws, audit.acting_as("someone"):
        record_observation(ws, "I-ADM", 12, day, "Mission reporting (test)")
    assert _latest(open_client) == (12.0, day.isoformat())


def _signed_in(app: object, name: str) -> tuple[TestClient, str]:
    client = TestClient(app, follow_redirects=False)  # type: ignore[arg-type]
    page = client.get("/login")
    token = re.search(r'name="login_token" value="([^"]+)"', page.text)
    assert token is not None
    r = client.post(
        "/login", data={"name": name, "password": PASSWORD, "login_token": token[1], "next": "/"}
    )
    assert r.status_code == 303, r.text
    return client, str(client.get("/api/me").json()["csrf_token"])


def test_a_page_kept_for_one_user_never_reaches_another(team_ws: Path) -> None:
    app = create_app(team_ws, auth=True)
    ana, ana_csrf = _signed_in(app, "ana")
    adam, adam_csrf = _signed_in(app, "adam")
    assert ana_csrf != adam_csrf
    for _ in range(3):  # interleaved, so each could meet the other's kept page
        a = ana.get("/framework")
        b = adam.get("/framework")
        assert a.status_code == b.status_code == 200
        assert "ana (analyst)" in a.text and "adam" not in a.text
        assert ana_csrf in a.text and adam_csrf not in a.text
        assert "adam (admin)" in b.text and "ana (analyst)" not in b.text
        assert adam_csrf in b.text and ana_csrf not in b.text
        assert ana.get("/api/me").json()["name"] == "ana"
        assert adam.get("/api/me").json()["name"] == "adam"
    # a new role shows at once, though it changes no data
    with Workspace.open(team_ws) as ws:
        set_role(ws, "ana", "viewer")
    assert "ana (viewer)" in ana.get("/framework").text
    # signed out: the kept page is not sent
    ana.cookies.clear()
    assert ana.get("/framework").status_code == 303


def test_many_requests_for_one_page_make_it_once(tmp_path: Path) -> None:
    Workspace.create(tmp_path / "ws", country="MLI").close()
    made: list[str] = []

    async def slow_page(scope: Scope, receive: Receive, send: Send) -> None:
        made.append(str(scope["path"]))
        await anyio.sleep(0.2)
        body = b'{"page": "made"}'
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": body})

    # the version as the transactions count it (in SQLite or PostgreSQL), asked in a thread
    root = tmp_path / "ws"
    cache = PageCache(slow_page, root=root, version=server_version(root), blocking=True)

    async def main() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=cache)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            answers: list[httpx.Response] = []

            async def ask() -> None:
                answers.append(await client.get("/api/x"))

            async with anyio.create_task_group() as tg:
                for _ in range(10):
                    tg.start_soon(ask)
            answers.append(await client.get("/api/x"))
            # a change of the data version is a new page
            with Workspace.open(tmp_path / "ws") as ws, ws.transaction():
                pass
            answers.append(await client.get("/api/x"))
            return answers

    answers = anyio.run(main)
    assert [r.status_code for r in answers] == [200] * 12
    assert {r.json()["page"] for r in answers} == {"made"}
    assert made == ["/api/x", "/api/x"]
