"""What a solved plan returns: per-task outcomes, capacity use and the solver's status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peaceops.grades import Grade, grade_label
from peaceops.planning.model import Plan

__all__ = ["PlanResult", "ResourcePhase", "TaskOutcome"]


@dataclass(frozen=True)
class TaskOutcome:
    """One task in the solved plan."""

    id: str
    name: str
    region: str | None
    weight: float
    duration: int
    start_phase: int | None  # None: left out
    earliest_phase: int | None  # earliest start conditions and dependencies allow
    value: float
    reasons: tuple[str, ...]  # why it waits, is deferred or is left out, in words and numbers

    @property
    def end_phase(self) -> int | None:
        return None if self.start_phase is None else self.start_phase + self.duration - 1

    @property
    def state(self) -> str:
        if self.start_phase is None:
            return "left out"
        if self.earliest_phase is not None and self.start_phase > self.earliest_phase:
            return "deferred"
        return "on time"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "region": self.region,
            "weight": self.weight,
            "duration": self.duration,
            "start_phase": self.start_phase,
            "end_phase": self.end_phase,
            "earliest_phase": self.earliest_phase,
            "state": self.state,
            "value": self.value,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class ResourcePhase:
    """Demand of the chosen schedule against capacity, and what scheduling all would need."""

    resource: str
    phase: int
    demand: float
    capacity: float
    needed: float  # the demand of every schedulable task in this phase (see solve_plan)

    @property
    def shortfall(self) -> float:
        return max(self.needed - self.capacity, 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "resource": self.resource,
            "phase": self.phase,
            "demand": self.demand,
            "capacity": self.capacity,
            "needed": self.needed,
            "shortfall": self.shortfall,
        }


@dataclass(frozen=True)
class PlanResult:
    plan: Plan
    status: str  # optimal | feasible | infeasible
    objective: float
    bound: float
    gap: float
    seconds: float
    tasks: tuple[TaskOutcome, ...]
    capacity: tuple[ResourcePhase, ...]
    needed_status: str  # status of the minimum-capacity solve
    scenario: str | None = None

    def task(self, task_id: str) -> TaskOutcome | None:
        return next((t for t in self.tasks if t.id == task_id), None)

    @property
    def grade(self) -> Grade:
        """``illustrative`` for the example plan shipped with peaceops (its tasks, weights,
        capacities and conditions are the project's own), else ``real``."""
        return "illustrative" if self.plan.illustrative else "real"

    @property
    def starts(self) -> dict[str, int | None]:
        return {t.id: t.start_phase for t in self.tasks}

    def to_dict(self) -> dict[str, Any]:
        return {
            "plan": self.plan.name,
            "mission": self.plan.mission,
            "grade": self.grade,
            "label": grade_label(self.grade),
            "scenario": self.scenario,
            "phases": self.plan.phases,
            "status": self.status,
            "objective": round(self.objective, 4),
            "bound": round(self.bound, 4) if self.bound != float("inf") else None,
            "gap": round(self.gap, 6) if self.gap != float("inf") else None,
            "seconds": round(self.seconds, 3),
            "tasks": [t.to_dict() for t in self.tasks],
            "capacity": [c.to_dict() for c in self.capacity],
            "needed_status": self.needed_status,
            "sources": list(self.plan.sources),
            "notes": list(self.plan.notes),
        }
