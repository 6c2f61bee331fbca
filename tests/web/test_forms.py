"""The framework forms: observations and assessments, saved or explained, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from peaceops.framework.store import assessments, observations
from peaceops.workspace import Workspace


@pytest.fixture
def fresh(tmp_path: Path, small_ws: Path):  # type: ignore[no-untyped-def]
    """A client on its own copy of the small workspace: these tests write to it."""
    import shutil
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient

    from peaceops.web.app import create_app

    shutil.copytree(small_ws, tmp_path / "ws")
    with TestClient(create_app(tmp_path / "ws")) as c:
        yield c, tmp_path / "ws"


def _observations(root: Path) -> list[tuple[str, float]]:
    with Workspace.open(root) as ws:
        return [(o.indicator_id, o.value) for o in observations(ws)]


def test_observation_is_saved_and_shown(fresh) -> None:  # type: ignore[no-untyped-def]
    client, root = fresh
    before = _observations(root)
    form = {
        "indicator_id": "I2",
        "value": "23",
        "date": "2019-06-30",
        "source": "Mission reporting",
        "note": "Mopti and Segou",
        "entered_by": "Analyst A",
    }
    r = client.post("/framework/observe", data=form, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/framework?saved=")
    assert _observations(root) == [*before, ("I2", 23.0)]
    page = client.get(r.headers["location"]).text
    assert "Observation saved: I2 = 23 on 2019-06-30." in page
    status = client.get("/api/framework/status").json()
    i2 = next(i for i in status["indicators"] if i["id"] == "I2")
    assert i2["latest"] == 23.0
    history = client.get("/api/framework/history").json()
    assert history[0]["action"] == "observe" and history[0]["who"] == "Analyst A"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"value": "twenty"}, "value", "is not a number"),
        ({"value": ""}, "value", "Enter the value."),
        ({"date": "30/06/2019"}, "date", "is not a date"),
        ({"date": "2999-01-01"}, "date", "in the future"),
        ({"source": "  "}, "source", "where the value comes from"),
        ({"indicator_id": ""}, "indicator_id", "Choose an indicator."),
        ({"indicator_id": "I1"}, "indicator_id", "computed from the event data"),
        ({"indicator_id": "I9"}, "indicator_id", "unknown indicator"),
    ],
)
def test_observation_errors_are_next_to_the_field(client, small_ws, change, field, message) -> None:  # type: ignore[no-untyped-def]
    root = small_ws  # nothing is written: the shared workspace stays as it was
    before = _observations(root)
    form = {
        "indicator_id": "I2",
        "value": "23",
        "date": "2019-06-30",
        "source": "Mission reporting",
        "note": "kept note",
        "entered_by": "Analyst B",
        **change,
    }
    r = client.post("/framework/observe", data=form)
    assert r.status_code == 400
    page = r.text
    error = page.split(f'id="err-{field}"', 1)
    assert len(error) == 2, f"no error next to {field}"
    assert message in error[1].split("</p>", 1)[0]
    # Everything typed is still there.
    assert "kept note" in page and 'value="Analyst B"' in page
    if field != "value":
        assert 'value="23"' in page
    assert _observations(root) == before


def test_assessment_is_saved_and_errors_keep_the_input(fresh) -> None:  # type: ignore[no-untyped-def]
    client, root = fresh
    bad = client.post(
        "/framework/assess",
        data={"benchmark_id": "B1", "status": "", "evidence": "Network in 25 of 108 communes"},
    )
    assert bad.status_code == 400
    assert 'id="err-status"' in bad.text
    assert "Network in 25 of 108 communes" in bad.text
    assert '<option value="B1" selected>' in bad.text
    ok = client.post(
        "/framework/assess",
        data={
            "benchmark_id": "B1",
            "status": "partly",
            "evidence": "Network in 25 of 108 communes",
            "date": "2019-07-01",
            "assessed_by": "Analyst C",
        },
        follow_redirects=False,
    )
    assert ok.status_code == 303
    with Workspace.open(root) as ws:
        saved = assessments(ws)
    assert [(a.benchmark_id, a.status, a.assessed_by) for a in saved] == [
        ("B1", "partly", "Analyst C")
    ]
    b1 = client.get("/api/framework/status").json()["benchmarks"][0]
    assert b1["status"] == "partly met" and b1["basis"] == "assessment"


def test_json_api_records_and_validates(fresh) -> None:  # type: ignore[no-untyped-def]
    client, root = fresh
    r = client.post(
        "/api/framework/observations",
        json={"indicator_id": "I2", "value": 30, "date": "2019-09-30", "source": "Survey"},
    )
    assert r.status_code == 201 and r.json()["saved"] is True
    assert ("I2", 30.0) in _observations(root)
    r = client.post(
        "/api/framework/observations",
        json={"indicator_id": "I1", "value": 3, "date": "2019-09-30", "source": "x"},
    )
    assert r.status_code == 400 and "computed" in r.json()["errors"]["indicator_id"]
    r = client.post("/api/framework/observations", json={"indicator_id": "I2", "value": "many"})
    assert r.status_code == 400 and "value" in r.json()["detail"]
    r = client.post(
        "/api/framework/assessments",
        json={"benchmark_id": "B9", "status": "met", "evidence": "e"},
    )
    assert r.status_code == 400 and "unknown benchmark" in r.json()["errors"]["benchmark_id"]
