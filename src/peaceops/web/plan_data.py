"""The workspace's plan, solved, as plain data for the plan page and the overview.

The plan is a plan file (YAML) kept in the workspace: ``plan.yaml`` at its root, or the first
``plans/*.yaml``. Solving, explanations and scenarios come from ``peaceops.planning``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from peaceops.errors import NotFoundError
from peaceops.workspace import Workspace

__all__ = ["plan_file", "plan_result"]


def plan_file(ws: Workspace) -> Path:
    """The plan file of the workspace; NotFoundError (with the fix) when there is none."""
    candidates = [ws.root / "plan.yaml", *sorted((ws.root / "plans").glob("*.yaml"))]
    for path in candidates:
        if path.is_file():
            return path
    raise NotFoundError(
        "no plan in this workspace; copy a plan file to plan.yaml in the workspace "
        "(see 'peaceops plan solve FILE')"
    )


def plan_result(ws: Workspace) -> dict[str, Any]:
    """Solve the workspace's plan: headline, tasks with reasons, capacity, scenarios."""
    plan_file(ws)
    raise NotFoundError("the planner is not available in this version of peaceops")
