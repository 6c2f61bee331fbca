"""A solved plan as the dashboard and its API show it: the result, its headline, the phase
labels, the scenarios side by side and, for tasks supporting a state force, that force's
record (computed above this package, by the actor registry), shaped by one ``to_dict()``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from peaceops.planning.headline import PlanHeadline, plan_headline_of
from peaceops.planning.result import PlanResult
from peaceops.planning.scenarios import ScenarioComparison

__all__ = ["PlanView", "TaskRecord"]


class TaskRecord(Protocol):
    """A task's supporting record (``peaceops.actors.support.TaskForceRecord``)."""

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class PlanView:
    result: PlanResult
    comparison: ScenarioComparison | None = None
    task_records: tuple[TaskRecord, ...] = ()

    @property
    def headline(self) -> PlanHeadline:
        return plan_headline_of(self.result)

    @property
    def phase_labels(self) -> tuple[str, ...]:
        plan = self.result.plan
        return tuple(plan.phase_label(p) for p in range(1, plan.phases + 1))

    def to_dict(self) -> dict[str, Any]:
        """The solved plan (``PlanResult.to_dict``) with ``phase_labels``, ``headline``,
        ``scenarios`` (None without any) and ``state_force_records``."""
        data = self.result.to_dict()
        data["phase_labels"] = list(self.phase_labels)
        data["headline"] = self.headline.to_dict()
        data["scenarios"] = self.comparison.to_dict() if self.comparison is not None else None
        data["state_force_records"] = [r.to_dict() for r in self.task_records]
        return data
