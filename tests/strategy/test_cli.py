"""The strategy commands end to end, through the CLI, and the report files."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.examples import example_path

runner = CliRunner()


def run(ws, *args: str):
    return runner.invoke(app, ["strategy", *args, "-w", str(ws.root)])


def test_import_assume_consult_status_json(workspace):
    r = run(workspace, "import", str(example_path("minusma_strategy.yaml")), "--user", "lead")
    assert r.exit_code == 0, r.output
    assert "2 priorities, 5 objectives, 8 assumptions" in r.output
    r = run(workspace, "import", str(example_path("minusma_strategy.yaml")))
    assert "unchanged: nothing stored" in r.output
    r = run(workspace, "assume", str(example_path("minusma_assumptions.csv")))
    assert r.exit_code == 0 and "Recorded 6 assumption status(es)" in r.output
    r = run(workspace, "consult", str(example_path("minusma_consultations.csv")))
    assert r.exit_code == 0 and "Recorded 4 consultation(s)" in r.output

    r = run(workspace, "status", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["label"].startswith("ILLUSTRATIVE")
    assert [p["id"] for p in data["priorities"]] == ["SP1", "SP2"]
    ob1 = data["priorities"][0]["objectives"][0]
    assert {"id", "name", "tasks", "indicators", "assumptions"} <= set(ob1)
    assert ob1["tasks"] == ["PeaceProcess", "StateAuthority"]
    as1 = ob1["assumptions"][0]
    assert {"id", "status", "source"} <= set(as1)
    assert (as1["id"], as1["status"]) == ("AS1", "fails")
    assert "UNU-CPR" in as1["source"] and "section III" in as1["source"]
    # An assumption no report speaks to and no data computes stays unknown.
    as7 = next(
        a for o in data["priorities"][0]["objectives"] for a in o["assumptions"] if a["id"] == "AS7"
    )
    assert as7["status"] == "unknown"
    kinds = {(g["kind"], g["id"]) for g in data["gaps"]}
    assert ("task without objective", "HumanRelief") in kinds
    assert ("objective without indicator", "OB3") in kinds

    r = run(workspace, "stakeholders", "--format", "json")
    rows = {x["id"]: x for x in json.loads(r.output)["rows"]}
    assert rows["TRA"]["change"] == "new since the renewal"
    assert rows["GOV"]["change"] == "no change"
    assert rows["REL"]["consultations"] == 1

    r = run(workspace, "history", "--format", "json")
    log = json.loads(r.output)
    assert [c["action"] for c in log] == ["consult", "assume", "import"]  # newest first
    assert log[-1]["who"] == "lead"


def test_bad_files_give_one_line_and_store_nothing(workspace, tmp_path: Path):
    run(workspace, "import", str(example_path("minusma_strategy.yaml")))
    bad = tmp_path / "bad.csv"
    bad.write_text("assumption,date,status,source,note\nAS1,2020-01-01,probably,a report,\n")
    r = run(workspace, "assume", str(bad))
    assert r.exit_code != 0
    assert "bad.csv row 2: status 'probably' is not one of" in r.output
    assert "Traceback" not in r.output
    nodate = tmp_path / "c.csv"
    nodate.write_text("date,stakeholders,objectives,format,points,source\n,GOV,,call,x,y\n")
    r = run(workspace, "consult", str(nodate))
    assert r.exit_code != 0 and "c.csv row 2: 'date' is missing" in r.output
    log = json.loads(run(workspace, "history", "--format", "json").output)
    assert [c["action"] for c in log] == ["import"]


def test_export_round_trip_and_report(workspace, tmp_path: Path):
    run(workspace, "import", str(example_path("minusma_strategy.yaml")))
    run(workspace, "assume", str(example_path("minusma_assumptions.csv")))
    out = tmp_path / "s.xlsx"
    assert run(workspace, "export", "--out", str(out)).exit_code == 0
    r = run(workspace, "import", str(out))
    assert "unchanged: nothing stored" in r.output, r.output
    r = run(workspace, "report", "--out", str(tmp_path / "rep"))
    assert r.exit_code == 0, r.output
    rep = tmp_path / "rep"
    svg = (rep / "strategy-map.svg").read_text()
    assert svg.startswith("<svg") and "ILLUSTRATIVE" in svg
    assert 'data-objective="OB1"' in svg and "HumanRelief" in svg
    assert (rep / "strategy-map.png").read_bytes()[:4] == b"\x89PNG"
    assert (rep / "stakeholders.png").read_bytes()[:4] == b"\x89PNG"
    doc = json.loads((rep / "strategy.json").read_text())
    assert doc["label"].startswith("ILLUSTRATIVE") and doc["stakeholders"]["rows"]
    md = (rep / "strategy-report.md").read_text()
    assert md.count("ILLUSTRATIVE") >= 2 and "Theory of change:" in md


def test_no_strategy_is_one_clear_line(workspace):
    r = run(workspace, "status")
    assert r.exit_code != 0
    assert "no political strategy" in r.output and "Traceback" not in r.output
