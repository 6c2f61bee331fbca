"""The workspace's plan, solved, as plain data for the plan page and the overview.

The plan is the one saved in the workspace (the most recently saved one). Solving, explanations
and scenarios come from ``peaceops.planning``; results are kept until the workspace's data change.
"""

from __future__ import annotations

from typing import Any

from peaceops.errors import NotFoundError
from peaceops.planning.headline import PlanHeadline, plan_headline_of
from peaceops.planning.page import PlanPage, versions_newest_first
from peaceops.planning.view import PlanView, TaskRecord
from peaceops.web.common import cached, state_key
from peaceops.workspace import Workspace

__all__ = [
    "TIME_LIMIT",
    "plan_headline",
    "plan_result",
    "plan_versions",
    "plan_view",
    "solved",
]

TIME_LIMIT = 5.0  # seconds per CP-SAT solve: the page must answer quickly


def solved(ws: Workspace) -> tuple[Any, Any]:
    """(PlanResult, ScenarioComparison or None) of the workspace's plan, cached per data."""
    from peaceops.planning import compare_scenarios, solve_plan
    from peaceops.planning.store import current_plan
    from peaceops.strategy.plan_link import follow_strategy

    def solve() -> tuple[Any, Any]:
        plan = current_plan(ws)
        if plan is None:
            raise NotFoundError("no plan in this workspace", missing="a plan", remedy="plan.save")
        plan = follow_strategy(ws, plan)
        result = solve_plan(plan, TIME_LIMIT)
        comparison = compare_scenarios(plan, TIME_LIMIT) if plan.scenarios else None
        return result, comparison

    return cached(("plan", state_key(ws)), solve)


def plan_view(ws: Workspace) -> PlanView:
    """The workspace's plan solved, with its scenarios and the state-force records of its
    tasks (cached per data)."""
    result, comparison = solved(ws)
    return PlanView(result, comparison, _state_force_records(ws, result))


def plan_result(ws: Workspace) -> PlanPage:
    """The workspace's plan solved, with the saved versions of it: its ``to_dict()`` is the
    page's and ``/api/plan``'s document."""
    view = plan_view(ws)
    return PlanPage(view, versions_newest_first(ws, view.result.plan.name))


def plan_versions(ws: Workspace) -> list[dict[str, Any]]:
    """The saved versions of every plan, newest first."""
    return [v.as_dict() for v in versions_newest_first(ws)]


def _state_force_records(ws: Workspace, result: Any) -> tuple[TaskRecord, ...]:
    """Each task supporting a state force, with that force's civilian-targeting record over
    the last 12 months of events (none without events)."""
    from peaceops.actors.support import plan_task_records

    try:
        return tuple(plan_task_records(ws, [(t.id, t.name) for t in result.plan.tasks]))
    except NotFoundError:
        return ()


def plan_headline(ws: Workspace) -> PlanHeadline:
    """The plan's headline for the overview: status, tasks scheduled and deferred."""
    result, _ = solved(ws)
    return plan_headline_of(result)
