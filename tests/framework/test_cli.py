"""The framework commands end to end, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.examples import example_path

runner = CliRunner()


def run(ws, *args: str):
    return runner.invoke(app, ["framework", *args, "-w", str(ws.root)])


def test_import_observe_assess_status_history_report(workspace, tmp_path: Path):
    r = run(workspace, "import", str(example_path("minusma_framework.yaml")), "--user", "lead")
    assert r.exit_code == 0, r.output
    assert "7 indicators, 3 benchmarks" in r.output
    r = run(workspace, "observe", str(example_path("minusma_observations.csv")), "--user", "m")
    assert r.exit_code == 0, r.output
    assert "Recorded 14 observations for 2 indicators" in r.output
    r = run(workspace, "assess", "B2", "--status", "partly", "--evidence", "Two of three regions")
    assert r.exit_code == 0, r.output

    r = run(workspace, "status", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert {"id", "latest", "status", "trend"} <= set(data["indicators"][0])
    by_id = {i["id"]: i for i in data["indicators"]}
    assert by_id["I-DDR"]["latest"] == 2500
    assert by_id["I-DDR"]["status"] == "on track"
    # No events in this workspace: computed indicators have no data.
    assert by_id["I-CIVC"]["status"] == "no recent data"
    assert by_id["I-CIVC"]["latest"] is None
    assert set(data["rollups"]) == {"overall", "priorities", "areas", "outcomes"}
    # The example framework's table says "illustrative" on its title line too.
    table = run(workspace, "status")
    assert table.exit_code == 0, table.output
    title = next(ln for ln in table.output.splitlines() if "indicators as of" in ln)
    assert title.strip().endswith("(illustrative)")
    assert [p["id"] for p in data["rollups"]["priorities"]] == ["P1", "P2"]
    assert data["coverage"]["outcomes_without_indicator"] == ["O5"]
    b2 = next(b for b in data["benchmarks"] if b["id"] == "B2")
    assert (b2["status"], b2["basis"]) == ("partly met", "assessment")

    r = run(workspace, "history", "--format", "json")
    log = json.loads(r.output)
    oldest = log[::-1]  # the log is newest first, as the API answers it
    assert [(c["who"], c["action"]) for c in oldest][:2] == [("lead", "import"), ("m", "observe")]
    assert oldest[2]["action"] == "assess"

    r = run(workspace, "report", "--out", str(tmp_path / "rep"))
    assert r.exit_code == 0, r.output
    md = (tmp_path / "rep" / "framework-report.md").read_text()
    assert "| B2 Reconstituted forces deployed in the north |" in md
    assert "**partly met**" in md
    assert "![I-DDR](charts/I-DDR.svg)" in md
    assert "## Sources" in md
    html = (tmp_path / "rep" / "framework-report.html").read_text()
    assert html.count("<svg") == 7
    svg = (tmp_path / "rep" / "charts" / "I-DDR.svg").read_text()
    assert "Source:" in svg


def test_export_and_reimport(workspace, tmp_path: Path):
    run(workspace, "import", str(example_path("minusma_framework.yaml")))
    out = tmp_path / "fw.xlsx"
    r = run(workspace, "export", "--out", str(out))
    assert r.exit_code == 0, r.output
    r = run(workspace, "import", str(out))
    assert r.exit_code == 0, r.output
    r = run(workspace, "show")
    assert "I-CIVC" in r.output and "computed: civilian_fatalities" in r.output


def test_errors_are_one_line(workspace, tmp_path: Path):
    r = run(workspace, "status")
    assert r.exit_code == 1
    assert r.output.startswith("Error: no results framework")
    run(workspace, "import", str(example_path("minusma_framework.yaml")))
    r = run(workspace, "assess", "B1", "--status", "maybe", "--evidence", "x")
    assert r.exit_code == 1
    assert "Error: status 'maybe': use met, partly or not" in r.output
    bad = tmp_path / "obs.csv"
    bad.write_text("indicator,date,value\nI-ADM,2020-01-01,3\n")
    r = run(workspace, "observe", str(bad))
    assert r.exit_code == 1
    assert "missing column(s) source" in r.output


def test_status_json_is_the_same_from_the_cli_and_the_api(tmp_path: Path) -> None:
    """One shape, ``FrameworkStatus.to_dict``, for ``framework status --format json`` and
    ``/api/framework/status``."""
    import json

    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from peaceops.cli import app
    from peaceops.demo.framework import load_example
    from peaceops.web.app import create_app
    from peaceops.workspace import Workspace

    ws = Workspace.create(tmp_path / "ws", country="MLI")
    load_example(ws)
    out = CliRunner().invoke(app, ["framework", "status", "--format", "json", "-w", str(ws.root)])
    assert out.exit_code == 0, out.output
    with TestClient(create_app(ws.root)) as client:
        api = client.get("/api/framework/status").json()
    cli = json.loads(out.output)
    assert cli == api
    assert {"framework", "rollups", "indicators", "benchmarks", "coverage"} <= set(cli)
