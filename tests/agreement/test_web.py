"""The agreement page, its JSON and its form, in-process on a real workspace database."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from peaceops.agreement import status_entries
from peaceops.demo.agreement import load_example
from peaceops.web.app import create_app
from peaceops.workspace import Workspace

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    root = tmp_path / "ws"
    with Workspace.create(root, country="MLI") as ws:
        load_example(ws)
    with TestClient(create_app(root)) as c:
        yield c, root


def _count(root: Path) -> int:
    with Workspace.open(root) as ws:
        return len(status_entries(ws))


def test_page_and_json_say_the_same(client) -> None:  # type: ignore[no-untyped-def]
    c, _ = client
    page = c.get("/agreement?as_of=2021-07-31")
    assert page.status_code == 200
    html = page.text
    assert "Implementation by part (illustrative)" in html
    assert "no sourced status recorded" in html
    assert html.count("<svg") >= 2
    assert 'href="/api/agreement/status?as_of=2021-07-31"' in html
    data = c.get("/api/agreement/status?as_of=2021-07-31").json()
    assert data["label"] == "illustrative"
    assert [p["id"] for p in data["pillars"]] == ["T2", "T3", "T4", "T5", "T6"]
    assert data["stalled"]["stalled"] is True
    assert f"{round(data['overall'] * 100)}%" in html
    # the page's whole document: that status, the change log and the form's choices
    doc = c.get("/api/agreement?as_of=2021-07-31").json()
    assert doc["data_label"] == data["data_label"] == "illustrative"
    assert doc["status"]["overall"] == data["overall"]
    assert [p["id"] for p in doc["status"]["pillars"]] == [p["id"] for p in data["pillars"]]
    assert doc["history"] == c.get("/api/agreement/history").json()
    assert {p["id"] for p in doc["provisions"]} >= {p["id"] for p in data["overdue"]}
    assert [lv["word"] for lv in doc["levels"]][::3] == ["not started", "complete"]
    for p in doc["provisions"][:3]:
        assert f'<option value="{p["id"]}"' in html
    nav = c.get("/").text
    assert 'href="/agreement"' in nav
    assert "of full implementation (illustrative)" in nav


def test_form_saves_a_valid_entry(client) -> None:  # type: ignore[no-untyped-def]
    c, root = client
    before = _count(root)
    form = {
        "provision": "T4-38-donor-conference",
        "date": "2015-10-22",
        "level": "3",
        "source": "Conference communique, para. 1",
        "note": "",
        "entered_by": "Analyst A",
    }
    r = c.post("/agreement/observe", data=form, follow_redirects=False)
    assert r.status_code == 303
    assert _count(root) == before + 1
    page = c.get(r.headers["location"]).text
    assert "Status entry saved: T4-38-donor-conference at level 3" in page
    assert "Analyst A" in page  # in the history


CASES = [
    ({"provision": "T9-none"}, "provision", "unknown provision"),
    ({"level": "7"}, "level", "outside the scale"),
    ({"date": "2999-01-01"}, "date", "is in the future"),
    ({"source": " "}, "source", "is missing (document and page or paragraph)"),
]


def test_form_and_api_refuse_bad_input_beside_the_field(client) -> None:  # type: ignore[no-untyped-def]
    c, root = client
    before = _count(root)
    good = {"provision": "T3-18-ddr", "date": "2019-01-01", "level": "1", "source": "R, p. 2"}
    for change, field, message in CASES:
        r = c.post("/agreement/observe", data={**good, **change})
        assert r.status_code == 400
        assert f'id="err-{field}"' in r.text and message in r.text, field
        if field != "source":  # what was typed in the other fields is kept
            assert 'value="R, p. 2"' in r.text
        body = {**good, **change}
        if field != "level":  # a level of 7 is refused by the API's schema already
            api = c.post("/api/agreement/observations", json={**body, "level": 1})
            assert api.status_code == 400 and field in api.json()["errors"], field
    assert _count(root) == before


def test_without_an_agreement_the_page_says_what_to_run(tmp_path: Path) -> None:
    Workspace.create(tmp_path / "empty", country="MLI").close()
    with TestClient(create_app(tmp_path / "empty")) as c:
        r = c.get("/agreement")
        assert r.status_code == 200
        assert "peaceops agreement import FILE.yaml" in r.text
        assert c.get("/api/agreement/status").status_code == 404
        bad = c.post("/agreement/observe", data={"provision": "x"})
        assert bad.status_code == 400 and "no peace agreement" in bad.text
