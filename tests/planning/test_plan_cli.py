"""The plan commands: JSON contract, explanations, scenarios, errors, workspace reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.workspace import Workspace

from .plan_fixtures import two_tasks_one_slot
from .test_alignment import _fixture_csv


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def _plan_file(tmp_path: Path, data: dict[str, Any] | None = None) -> Path:
    data = data or two_tasks_one_slot()
    data.setdefault(
        "scenarios", [{"name": "more", "changes": [{"capacity": "troops", "delta": 200}]}]
    )
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_solve_json_contract(tmp_path: Path) -> None:
    result = run(
        "plan", "solve", str(_plan_file(tmp_path)), "--format", "json", "--time-limit", "5"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["status"] == "optimal" and data["gap"] == 0 and data["objective"] == 17
    tasks = {t["id"]: t for t in data["tasks"]}
    assert tasks["big"]["start_phase"] == 1 and tasks["big"]["reasons"] == []
    assert tasks["small"]["start_phase"] == 3
    assert "troops: 200 short in phase 1" in tasks["small"]["reasons"][0]


def test_solve_table_markdown_and_chart(tmp_path: Path) -> None:
    plan = _plan_file(tmp_path)
    svg = tmp_path / "phases.svg"
    result = run("plan", "solve", str(plan), "--chart", str(svg))
    assert result.exit_code == 0, result.output
    assert "optimal" in result.output and "small (deferred)" in result.output
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<svg")
    md = run("plan", "solve", str(plan), "--format", "markdown")
    assert "| Resource | Phase |" in md.output and "## Deferred and left-out tasks" in md.output


def test_explain_probes_by_resolving(tmp_path: Path) -> None:
    result = run("plan", "explain", str(_plan_file(tmp_path)), "small", "--format", "json")
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.output)
    (probe,) = entry["probes"]
    # forcing small into phase 1 pushes big to phase 2: 2 x 3 + 5 x 2 = 16 instead of 17
    assert probe["change"] == "forcing it to start in phase 1"
    assert probe["objective_after"] == 16 and probe["moved"] == ["big"]
    text = run("plan", "explain", str(_plan_file(tmp_path)))
    assert "small" in text.output and "17 -> 16" in text.output
    bad = run("plan", "explain", str(_plan_file(tmp_path)), "nope")
    assert bad.exit_code == 1 and "no task 'nope'" in bad.output


def test_compare(tmp_path: Path) -> None:
    result = run("plan", "compare", str(_plan_file(tmp_path)), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    (sc,) = data["scenarios"]
    assert sc["name"] == "more" and sc["objective"] == 21  # both in phase 1: 15 + 6
    assert "small: phase 3 -> 1 (earlier)" in sc["what_changed"]
    unknown = run("plan", "compare", str(_plan_file(tmp_path)), "-s", "less")
    assert unknown.exit_code == 1 and "unknown scenario(s) less" in unknown.output


def test_invalid_file_one_line_error(tmp_path: Path) -> None:
    data = two_tasks_one_slot()
    data["tasks"][0]["depends_on"] = ["small"]
    data["tasks"][1]["depends_on"] = ["big"]
    result = run("plan", "solve", str(_plan_file(tmp_path, data)))
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "dependency cycle" in result.output
    assert "Traceback" not in result.output


def test_workspace_save_report_and_alignment(workspace: Workspace, tmp_path: Path) -> None:
    w = ["-w", str(workspace.root)]
    data = two_tasks_one_slot()
    data["mission"] = "MINUSMA"
    assert run("plan", "save", str(_plan_file(tmp_path, data)), *w).exit_code == 0
    imported = run("plan", "import-deployments", str(_fixture_csv(tmp_path)), *w)
    assert imported.exit_code == 0 and "location-years 5" in imported.output
    out = tmp_path / "report"
    result = run("plan", "report", "--out", str(out), *w)
    assert result.exit_code == 0, result.output
    md = (out / "plan.md").read_text(encoding="utf-8")
    assert "# Plan: two tasks" in md and "# Scenarios" in md and "deployment against threat" in md
    assert (out / "plan_phases.svg").exists() and (out / "plan_alignment_map.svg").exists()
    al = run("plan", "alignment", "--mission", "MINUSMA", "--year", "2019", "-f", "json", *w)
    assert al.exit_code == 0, al.output
    # Geo-PKO's 800 of 1,000 as a share of the 2019 ceiling of 13,289 (rounded per location)
    assert json.loads(al.output)["regions"][0] == {
        "region": "north",
        "troops": 10631.0,
        "troop_share": 0.8,
        "civilian_fatalities": None,
        "fatality_share": None,
        "difference": None,
    }
    assert json.loads(al.output)["strength"] == 13289
    stated = run(
        "plan",
        "alignment",
        "--mission",
        "MINUSMA",
        "--year",
        "2019",
        "-f",
        "json",
        "--strength",
        "10000",
        "--strength-source",
        "a figure for this test",
        *w,
    )
    assert stated.exit_code == 0, stated.output
    data = json.loads(stated.output)
    assert data["regions"][0]["troops"] == 8000.0
    assert data["strength_basis"] == "deployed figure from a figure for this test"
    missing = run(
        "plan", "alignment", "--mission", "MINUSMA", "--year", "2019", "--strength", "10000", *w
    )
    assert missing.exit_code == 1 and "needs its source" in missing.output


def test_solve_table_labels_an_example_plan_on_its_summary_line(tmp_path: Path) -> None:
    plain = run("plan", "solve", str(_plan_file(tmp_path)), "--time-limit", "5")
    assert plain.exit_code == 0 and "illustrative" not in plain.output
    data = two_tasks_one_slot()
    data["illustrative"] = True
    result = run("plan", "solve", str(_plan_file(tmp_path, data)), "--time-limit", "5")
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("Plan 'two tasks': optimal, total value 17.0 (illustrative)")
