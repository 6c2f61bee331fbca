"""The actor pages of the dashboard: every page also JSON, unknown actors 404, no 500."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

from peaceops.actors.timeline import add_milestone
from peaceops.demo.fixtures import build_small_workspace
from peaceops.web.app import create_app
from peaceops.workspace import Workspace


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("actors-web") / "ws"
    build_small_workspace(root)
    with Workspace.open(root) as ws:
        add_milestone(ws, date(2019, 8, 18), "coup", "Military coup", "test source")
    with TestClient(create_app(root)) as c:
        yield c


def test_actors_page_and_its_json_agree(client: TestClient) -> None:
    page = client.get("/actors")
    assert page.status_code == 200
    assert 'href="/actors"' in page.text  # in the navigation
    assert 'type="application/json"' in page.text and "/api/actors" in page.text
    assert "Synthetic data." in page.text
    data = client.get("/api/actors").json()
    cov = data["coverage"]
    assert 0 < cov["fatalities_share"] <= 1
    # the synthetic generator dates JNIM and French forces before they existed: listed
    assert {u["name"] for u in cov["unmapped_names"]} <= {
        "JNIM: Group for Support of Islam and Muslims",
        "Military Forces of France",
    }
    fama = next(a for a in data["actors"] if a["label"] == "FAMa")
    assert fama["events_as_actor"] > 0
    assert f">{fama['label']}</a>" in page.text
    assert any(
        t["origin"] == "milestone" and t["title"] == "Military coup" for t in data["timeline"]
    )
    assert "Military coup" in page.text
    assert [r["period"] for r in data["peacekeepers"]] == sorted(
        r["period"] for r in data["peacekeepers"]
    )


def test_actor_page_shows_both_sides(client: TestClient) -> None:
    page = client.get("/actors/FAMa")
    assert page.status_code == 200
    assert "as actor and as target" in page.text and "<svg" in page.text
    data = client.get("/api/actors/FAMa").json()
    assert data["actor"]["type"] == "state forces"
    assert sum(r["events_as_actor"] + r["events_as_target"] for r in data["by_year"]) > 0
    # a name with spaces and punctuation, URL-encoded, finds its actor too
    civ = client.get("/api/actors/Unidentified%20armed%20group")
    assert civ.status_code == 200 and civ.json()["actor"]["type"] == "unidentified"


def test_unknown_actor_is_404_not_500(client: TestClient) -> None:
    page = client.get("/actors/No%20such%20group")
    assert page.status_code == 404 and "Traceback" not in page.text
    api = client.get("/api/actors/No%20such%20group")
    assert api.status_code == 404 and "no actor" in api.json()["detail"]


def test_actors_page_without_events_says_what_to_run(tmp_path: Path) -> None:
    Workspace.create(tmp_path / "empty", country="MLI").close()
    with TestClient(create_app(tmp_path / "empty")) as c:
        page = c.get("/actors")
        assert page.status_code == 200 and 'class="missing"' in page.text
        assert c.get("/api/actors").status_code == 404


def test_plan_page_shows_supported_forces_record(client: TestClient) -> None:
    page = client.get("/plan")
    assert page.status_code == 200
    assert "Support to state forces: their record against civilians" in page.text
    records = client.get("/api/plan").json()["state_force_records"]
    army = [r for r in records if r["task_id"] == "army-redeployment"]
    assert army and army[0]["force"] == "Malian Armed Forces"
    assert {"from", "to", "events", "fatalities", "share", "partial"} <= set(army[0])


def test_context_charts_shade_the_milestone_year(client: TestClient) -> None:
    page = client.get("/context?by=year")
    assert page.status_code == 200
    # the band's label is drawn in the fatalities chart's SVG
    fig = page.text.split('id="fig-fatalities"', 1)[1].split("</figure>", 1)[0]
    assert "milestones: coup" in fig
