"""The strategy page and its JSON, in-process."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

from peaceops.demo.strategy import load_example
from peaceops.web.app import create_app
from peaceops.workspace import Workspace


@pytest.fixture
def client(workspace: Workspace) -> Iterator[TestClient]:
    load_example(workspace)
    with TestClient(create_app(workspace.root)) as c:
        yield c


def test_page_map_and_json_agree(client: TestClient) -> None:
    page = client.get("/strategy")
    assert page.status_code == 200
    html = page.text
    assert "ILLUSTRATIVE example" in html
    assert 'id="strategy-map"' in html and "<svg" in html and 'data-objective="OB4"' in html
    assert "/static/strategy.js" in html
    assert 'href="/api/strategy"' in html or "/api/strategy" in html
    data = client.get("/api/strategy").json()
    assert [p["id"] for p in data["priorities"]] == ["SP1", "SP2"]
    assert data["label"].startswith("ILLUSTRATIVE")
    as1 = data["assumptions"][0]
    assert (as1["id"], as1["status"]) == ("AS1", "fails")
    assert as1["status"] in html
    assert data["consultations"]["stakeholders"]["REL"][0]["format"] == "workshop"
    svg = client.get("/strategy/map.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and "OB5" in svg.text
    assert client.get("/static/strategy.js").status_code == 200
    log = client.get("/api/strategy/history").json()
    assert [c["action"] for c in log][-1] == "import"


def test_bad_date_is_shown_beside_the_field(client: TestClient) -> None:
    r = client.get("/strategy?as_of=2020-13-45")
    assert r.status_code == 200
    assert 'aria-invalid="true"' in r.text and "2020-13-45" in r.text
    assert client.get("/api/strategy?as_of=nonsense").status_code == 400


def test_as_of_before_any_strategy_says_what_is_missing(client: TestClient) -> None:
    r = client.get("/strategy?as_of=2018-01-01")
    assert r.status_code == 200 and "no political strategy recorded on or before" in r.text
    assert "peaceops strategy import FILE.yaml" in r.text
    assert client.get("/api/strategy?as_of=2018-01-01").status_code == 404


def test_empty_workspace(tmp_path: Path) -> None:
    Workspace.create(tmp_path / "e", country="MLI").close()
    with TestClient(create_app(tmp_path / "e")) as c:
        r = c.get("/strategy")
        assert r.status_code == 200 and "peaceops strategy import FILE.yaml" in r.text
        home = c.get("/")
        assert home.status_code == 200


def test_overview_words_assumption_counts_in_singular_or_plural(client: TestClient) -> None:
    html = client.get("/").text
    counts = re.findall(r"<li>(\d+) (assumptions?) (hold|holds|fail|fails|[a-z ]+)</li>", html)
    assert counts, html
    assert "assumption(s)" not in html
    for n, noun, verb in counts:
        if n == "1":
            assert noun == "assumption" and verb not in ("hold", "fail")
        else:
            assert noun == "assumptions" and verb not in ("holds", "fails")
