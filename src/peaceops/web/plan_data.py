"""The workspace's plan, solved, as plain data for the plan page and the overview.

The plan is a plan file (YAML, the format of ``peaceops plan solve``) kept in the workspace:
``plan.yaml`` at its root, or the first ``plans/*.yaml``. Solving, explanations and scenarios
come from ``peaceops.planning``; results are kept until the plan file or the data change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from peaceops.errors import NotFoundError
from peaceops.web.common import cached, state_key
from peaceops.workspace import Workspace

__all__ = ["PLAN_FILE", "TIME_LIMIT", "plan_file", "plan_result", "solved"]

PLAN_FILE = "plan.yaml"
TIME_LIMIT = 5.0  # seconds per CP-SAT solve: the page must answer quickly


def plan_file(ws: Workspace) -> Path:
    """The plan file of the workspace; NotFoundError (with the fix) when there is none."""
    candidates = [ws.root / PLAN_FILE, *sorted((ws.root / "plans").glob("*.yaml"))]
    for path in candidates:
        if path.is_file():
            return path
    raise NotFoundError(
        f"no plan in this workspace; write one (see 'peaceops plan solve FILE') and copy it to "
        f"{ws.root / PLAN_FILE}"
    )


def solved(ws: Workspace) -> tuple[Any, Any]:
    """(PlanResult, ScenarioComparison) of the workspace's plan, cached per file and data."""
    from peaceops.planning import compare_scenarios, load_plan, solve_plan

    path = plan_file(ws)
    key = ("plan", state_key(ws), str(path), path.stat().st_mtime_ns)

    def solve() -> tuple[Any, Any]:
        plan = load_plan(path)
        result = solve_plan(plan, TIME_LIMIT)
        comparison = compare_scenarios(plan, TIME_LIMIT) if plan.scenarios else None
        return result, comparison

    return cached(key, solve)


def plan_result(ws: Workspace) -> dict[str, Any]:
    """Solve the workspace's plan: headline, tasks with reasons, capacity, scenarios."""
    result, comparison = solved(ws)
    plan = result.plan
    data: dict[str, Any] = result.to_dict()
    states: dict[str, int] = {}
    for t in result.tasks:
        states[t.state] = states.get(t.state, 0) + 1
    data["phase_labels"] = [plan.phase_label(p) for p in range(1, plan.phases + 1)]
    data["headline"] = {
        "name": plan.name,
        "mission": plan.mission,
        "status": result.status,
        "tasks": len(result.tasks),
        "scheduled": sum(t.start_phase is not None for t in result.tasks),
        "deferred": states.get("deferred", 0) + states.get("left out", 0),
        "states": states,
    }
    data["scenarios"] = comparison.to_dict() if comparison is not None else None
    data["file"] = plan_file(ws).name
    return data
