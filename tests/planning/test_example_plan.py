"""The shipped MINUSMA example plan and the demo loader."""

from __future__ import annotations

from pathlib import Path

from peaceops.demo.planning import example_plan_path, load_example
from peaceops.planning import load_plan, solve_plan
from peaceops.planning.store import current_plan
from peaceops.workspace import Workspace


def test_example_without_deployments() -> None:
    plan = load_plan(example_plan_path())
    assert 15 <= len(plan.tasks) <= 25 and 6 <= plan.phases <= 8
    assert plan.capacity["troops"] == (7500.0,) * plan.phases  # the file's fallback
    assert {"ceasefire holds", "cantonment sites ready"} <= set(plan.conditions)
    result = solve_plan(plan, time_limit=5)
    assert result.status == "optimal"
    left_out = [t for t in result.tasks if t.start_phase is None]
    # the election support needs a calendar of unknown status: left out, and it says why
    assert any(t.id == "elections-support" and "unknown status" in t.reasons[0] for t in left_out)
    assert all(t.reasons for t in result.tasks if t.state != "on time")


def test_demo_loader_uses_geopko(workspace: Workspace, shared_data: Path) -> None:
    summary = load_example(workspace, shared_data)
    assert summary["troop capacity"].startswith("authorised ceiling")
    assert summary["status"] == "optimal"
    plan = current_plan(workspace)
    assert plan is not None and plan.mission == "MINUSMA"
    # 2019: the authorised ceiling of 13,289 military personnel x 0.35, rounded down to tens
    # (Geo-PKO's location estimates sum to 19,730: they place troops, they do not count them)
    assert plan.capacity["troops"][0] == 4650
    note = next(n for n in plan.notes if n.startswith("Troop capacity"))
    assert "13,289 (authorised ceiling, S/RES/2480 (2019)" in note and "19,730" in note
    assert not any(n.startswith("Warning") for n in plan.notes)
    assert any("Cil, D., Fjelde" in s for s in plan.sources)
    assert workspace.datasets("deployments")


def test_demo_without_shared_data_and_report(workspace: Workspace, tmp_path: Path) -> None:
    from peaceops.reports.plan_report import write_plan_report

    summary = load_example(workspace, None)
    assert summary["troop capacity"] == "plan file"
    paths = write_plan_report(workspace, tmp_path / "plan", time_limit=5)
    names = sorted(p.name for p in paths)
    # no deployments in the workspace: no alignment files, and the report says nothing of it
    assert names == ["plan.json", "plan.md", "plan_phases.svg"]
    md = (tmp_path / "plan" / "plan.md").read_text(encoding="utf-8")
    assert "elections-support" in md and "# Scenarios" in md
