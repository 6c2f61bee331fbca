"""One shape per view: the CLI's ``--format json`` and the web API answer the same document
for the same thing (each view's ``to_dict()``), on the small synthetic workspace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peaceops.cli import app

runner = CliRunner()


def _cli(small_ws: Path, *args: str) -> object:
    result = runner.invoke(app, [*args, "--format", "json", "-w", str(small_ws)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize(
    ("cli", "api"),
    [
        (("context", "summary"), "/api/context/summary"),
        (("context", "summary", "--from", "2019-03", "--to", "2020-06"),
         "/api/context/summary?from=2019-03&to=2020-06"),
        (("agreement", "status"), "/api/agreement/status"),
        (("agreement", "status", "--as-of", "2021-07-31"),
         "/api/agreement/status?as_of=2021-07-31"),
        (("strategy", "status"), "/api/strategy/status"),
        (("strategy", "status", "--as-of", "2020-12-31"),
         "/api/strategy/status?as_of=2020-12-31"),
        (("framework", "status"), "/api/framework/status"),
        (("mandates", "list"), "/api/mandates/list"),
        (("mandates", "list", "--mission", "MINUSMA"), "/api/mandates/list?mission=MINUSMA"),
        (("actors", "show", "FAMa"), "/api/actors/FAMa"),
        (("context", "series", "--by", "quarter", "--group", "region"),
         "/api/context/series?by=quarter&group=region"),
        (("plan", "history"), "/api/plan/history"),
        (("framework", "history"), "/api/framework/history"),
        (("agreement", "history"), "/api/agreement/history"),
        (("strategy", "history"), "/api/strategy/history"),
    ],
)  # fmt: skip
def test_cli_and_api_json_are_equal(client, small_ws: Path, cli, api) -> None:  # type: ignore[no-untyped-def]
    from_cli = _cli(small_ws, *cli)
    r = client.get(api)
    assert r.status_code == 200, r.text
    assert from_cli == r.json()
    assert from_cli  # a document with content, not an empty answer on both sides


def test_the_views_say_what_they_are(client, small_ws: Path) -> None:  # type: ignore[no-untyped-def]
    summary = client.get("/api/context/summary").json()
    assert summary["grade"] == "synthetic" and summary["events"] > 0
    assert {r["region"] for r in summary["regions"]} >= {"north", "centre"}
    rows = client.get("/api/mandates/list").json()
    assert len(rows) == 3 and all(r["missions"] == ["MINUSMA"] for r in rows)
    listing = client.get("/api/mandates").json()["resolutions"]
    # the page's list holds the same rows, with the link to each resolution's page
    assert [{k: v for k, v in r.items() if k != "url"} for r in listing] == rows
    assert client.get("/api/mandates/list?mission=UNMISS").json() == []
    status = client.get("/api/strategy/status").json()
    assert status["label"] and status["priorities"][0]["objectives"]
    r = client.get("/api/context/summary?from=2019-99")
    assert r.status_code == 400 and r.json()["field"] == "from"


def test_actor_coverage_is_the_same_in_the_cli_and_the_actors_api(client, small_ws: Path) -> None:  # type: ignore[no-untyped-def]
    assert _cli(small_ws, "actors", "coverage") == client.get("/api/actors").json()["coverage"]
