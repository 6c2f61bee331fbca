"""The actor commands, with the interfaces the documentation promises."""

from __future__ import annotations

import json
from datetime import date

import pytest
from actor_fixtures import acled
from typer.testing import CliRunner

from peaceops.cli import app

FAMA = "Military Forces of Mali (2013-2020)"
MINUSMA = (
    "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-)"
)
VAC = {"event_type": "Violence against civilians", "civilian": True}


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def ws(with_events):
    return with_events(
        [
            acled(date(2020, 2, 1), FAMA, "Civilians (Mali)", fatalities=30, **VAC),
            acled(date(2020, 3, 1), "Dan Na Ambassagou", "Civilians (Mali)", fatalities=10, **VAC),
            acled(
                date(2020, 5, 1),
                "JNIM: Group for Support of Islam and Muslims",
                MINUSMA,
                fatalities=2,
                admin1="Gao",
            ),
            acled(date(2020, 5, 2), "Strange New Name", None, admin1="Gao"),
        ]
    )


def test_coverage_json(ws):
    r = run("actors", "coverage", "--format", "json", "-w", str(ws.root))
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["events_share"] == 0.75 and data["fatalities_share"] == 1.0
    assert data["unmapped_names"] == [{"name": "Strange New Name", "events": 1, "fatalities": 0}]


def test_perpetrators_json_records(ws):
    r = run(
        "context", "perpetrators", "--civilian", "--from", "2020-01-01", "--to", "2020-12-31",
        "--group", "region", "--format", "json", "-w", str(ws.root),
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    records = json.loads(r.output)
    assert set(records[0]) == {"group", "actor_type", "events", "fatalities", "share"}
    state = next(x for x in records if x["actor_type"] == "state forces")
    assert (state["group"], state["fatalities"], state["share"]) == ("centre", 30, 0.75)


def test_peacekeepers_json_and_dyad_series(ws):
    r = run("context", "peacekeepers", "--by", "year", "--format", "json", "-w", str(ws.root))
    assert r.exit_code == 0, r.output
    # The fixture's events run from 2020-02-01 to 2020-05-02: 2020 is marked partial.
    assert json.loads(r.output) == [
        {"period": "2020", "events": 1, "fatalities": 2, "partial": "2020-02-01 to 2020-05-02"}
    ]
    r = run("context", "series", "--group", "dyad", "--format", "json", "-w", str(ws.root))
    dyads = {x["dyad"] for x in json.loads(r.output)}
    assert {"JNIM – MINUSMA", "Civilians – FAMa", "Strange New Name – (none)"} <= dyads


def test_list_show_unmapped(ws):
    r = run("actors", "list", "--type", "jihadist group", "--format", "csv", "-w", str(ws.root))
    assert r.exit_code == 0 and "JNIM,jihadist group" in r.output
    r = run("actors", "show", "FAMa", "--format", "json", "-w", str(ws.root))
    assert json.loads(r.output)["actor"]["name"] == "Malian Armed Forces"
    r = run("actors", "unmapped", "--format", "json", "-w", str(ws.root))
    assert [x["name"] for x in json.loads(r.output)] == ["Strange New Name"]
    r = run("actors", "show", "Nobody", "-w", str(ws.root))
    assert r.exit_code == 1 and "no actor 'Nobody'" in r.output and "Traceback" not in r.output


def test_timeline_add_list_and_bad_input(ws):
    r = run("timeline", "add", "2020-08-18", "Coup", "--kind", "coup", "--source", "a report",
            "-w", str(ws.root))  # fmt: skip
    assert r.exit_code == 0, r.output
    r = run("timeline", "list", "--milestones-only", "--format", "json", "-w", str(ws.root))
    assert json.loads(r.output) == [
        {"date": "2020-08-18", "origin": "milestone", "kind": "coup", "title": "Coup",
         "source": "a report"}
    ]  # fmt: skip
    for args in (
        ("2020-08-18", "Coup", "--kind", "putsch", "--source", "s"),
        ("2020-08-18", "Coup", "--kind", "coup"),
        ("18/08/2020", "Coup", "--kind", "coup", "--source", "s"),
    ):
        r = run("timeline", "add", *args, "-w", str(ws.root))
        assert r.exit_code == 1 and r.output.count("\n") == 1 and "Error:" in r.output
    r = run("timeline", "list", "--milestones-only", "--format", "json", "-w", str(ws.root))
    assert len(json.loads(r.output)) == 1  # nothing stored by the refused ones


def test_bad_registry_is_one_line_and_stores_nothing(ws, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - {name: X, type: rebels, source: s}\n")
    r = run("actors", "import", str(bad), "-w", str(ws.root))
    assert r.exit_code == 1
    assert r.output.strip() == (
        "Error: bad.yaml: actor 'X': unknown type 'rebels' (use one of: state forces, "
        "signatory armed group, other armed group, jihadist group, community militia, "
        "international force, foreign state forces, international organisation, political "
        "actor, civilians, protesters/rioters, unidentified)"
    )
    assert not (ws.root / "actors.yaml").exists()
