"""A solved plan's headline: its status and how many tasks are scheduled, deferred or left out
(the overview's figures, the plan page's summary line and the API's ``headline``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from peaceops.grades import Grade
from peaceops.planning.result import PlanResult

__all__ = ["PlanHeadline", "plan_headline_of"]


@dataclass(frozen=True)
class PlanHeadline:
    name: str
    mission: str
    status: str  # optimal | feasible | infeasible
    tasks: int
    scheduled: int  # tasks with a start phase (on time or deferred)
    deferred: int  # deferred or left out: every task not starting when it could
    states: dict[str, int] = field(default_factory=dict)  # on time | deferred | left out -> n
    grade: Grade = "real"  # illustrative for the example plan

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "mission": self.mission,
            "status": self.status,
            "tasks": self.tasks,
            "scheduled": self.scheduled,
            "deferred": self.deferred,
            "states": dict(self.states),
            "grade": self.grade,
        }


def plan_headline_of(result: PlanResult) -> PlanHeadline:
    """Count the solved plan's tasks by state (states in the order the tasks first show them)."""
    states = Counter(t.state for t in result.tasks)
    return PlanHeadline(
        name=result.plan.name,
        mission=result.plan.mission,
        status=result.status,
        tasks=len(result.tasks),
        scheduled=sum(t.start_phase is not None for t in result.tasks),
        deferred=states["deferred"] + states["left out"],
        states=dict(states),
        grade=result.grade,
    )
