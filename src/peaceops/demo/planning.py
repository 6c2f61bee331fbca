"""The demo's plan: the shipped MINUSMA example, with troop capacity from the authorised ceiling
(the mission facts file) when the published Geo-PKO deployment tables are at hand (they place
the troops; they do not count them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from peaceops.planning.deployments import import_deployments
from peaceops.planning.plan_solve import solve_plan
from peaceops.planning.store import save_plan
from peaceops.workspace import Workspace

__all__ = ["EXAMPLE_PLAN", "example_plan_path", "load_example"]

EXAMPLE_PLAN = "minusma_plan.yaml"


def example_plan_path() -> Path:
    from peaceops.examples import example_path

    return example_path(EXAMPLE_PLAN)


def load_example(ws: Workspace, shared_dir: Path | None) -> dict[str, Any]:
    """Save the example plan in the workspace (importing Geo-PKO deployments when
    ``shared_dir`` holds them) and solve it once. Returns a short summary."""
    frontmap = None
    if shared_dir is not None:
        candidate = shared_dir / "geopko_deployments" / "FrontMap_v.2.3.csv"
        if candidate.is_file():
            frontmap = candidate
            import_deployments(ws, frontmap)
    plan = save_plan(ws, example_plan_path(), frontmap)
    result = solve_plan(plan, time_limit=5.0, with_needed=False)
    return {
        "plan": plan.name,
        "tasks": len(plan.tasks),
        "scheduled": sum(t.start_phase is not None for t in result.tasks),
        "status": result.status,
        "troop capacity": (
            "authorised ceiling (Geo-PKO for where troops are)"
            if frontmap is not None
            else "plan file"
        ),
    }
