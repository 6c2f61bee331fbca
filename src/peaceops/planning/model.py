"""Domain types of a plan: tasks, preconditions, resources, capacity and what-if scenarios.

Phases are numbered from 1. A task occupies ``duration`` consecutive phases from its start
phase and must finish within the plan's horizon. Demand is given per phase of the task (a
task may need more troops in its first phase than in its last).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

__all__ = [
    "Change",
    "Condition",
    "ConditionStatus",
    "Plan",
    "PlanTask",
    "Scenario",
    "UnknownPolicy",
]


class ConditionStatus(StrEnum):
    """Where a precondition stands today."""

    MET = "met"  # holds now: no constraint
    EXPECTED = "expected"  # expected to hold from ``expected_phase``
    UNMET = "unmet"  # does not hold; with an expected phase it behaves like EXPECTED
    UNKNOWN = "unknown"  # nobody knows: the plan's ``unknown_conditions`` policy decides


class UnknownPolicy(StrEnum):
    """How a plan treats preconditions of unknown status."""

    BLOCK = "block"  # tasks needing it are left out (and say so)
    ASSUME_MET = "assume_met"  # treated as met (optimistic; the result says so)


@dataclass(frozen=True)
class Condition:
    """A named precondition such as "ceasefire holds"."""

    name: str
    status: ConditionStatus
    expected_phase: int | None = None
    note: str = ""
    assumption: str = ""  # id of a strategy assumption whose status this condition follows

    @property
    def label(self) -> str:
        """The name as reasons print it, with the assumption it follows."""
        if not self.assumption:
            return f"'{self.name}'"
        return f"'{self.name}' (strategy assumption {self.assumption})"

    # Evidence from the peace-agreement tracker: the condition holds when ``provision`` is at
    # ``min_level`` or more (Peace Accords Matrix scale). ``evidence`` says what was found and
    # where (set when the plan is checked against a workspace; empty before).
    provision: str | None = None
    min_level: int = 2
    evidence: str = ""

    def earliest_phase(self, policy: UnknownPolicy) -> int | None:
        """The first phase a task needing this condition may start in; None: never."""
        if self.status is ConditionStatus.MET:
            return 1
        if self.status is ConditionStatus.UNKNOWN:
            if policy is UnknownPolicy.ASSUME_MET:
                return 1
            return None
        return self.expected_phase


@dataclass(frozen=True)
class PlanTask:
    """One mandated task to sequence."""

    id: str
    name: str
    weight: float
    duration: int = 1
    region: str | None = None
    depends_on: tuple[str, ...] = ()
    preconditions: tuple[str, ...] = ()
    # resource -> demand in each phase of the task (length == duration)
    demand: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    tier: str | None = None
    paragraphs: tuple[str, ...] = ()

    def demand_in(self, resource: str, offset: int) -> float:
        """Demand for ``resource`` in the task's ``offset``-th phase (0-based)."""
        values = self.demand.get(resource)
        if not values or offset < 0 or offset >= len(values):
            return 0.0
        return values[offset]


@dataclass(frozen=True)
class Change:
    """One variation a scenario applies to the base plan.

    ``kind`` is one of ``capacity`` (``resource``, ``delta`` or ``factor`` or ``value``,
    optionally only from phase ``from_phase``), ``condition`` (``condition`` with ``slip``
    phases, or a new ``status``/``expected_phase``), ``weight`` (``task`` with ``value`` or
    ``factor``) and ``remove`` (``task``).
    """

    kind: str
    resource: str | None = None
    condition: str | None = None
    task: str | None = None
    delta: float | None = None
    factor: float | None = None
    value: float | None = None
    from_phase: int | None = None
    slip: int | None = None
    status: ConditionStatus | None = None
    expected_phase: int | None = None

    def describe(self) -> str:
        if self.kind == "capacity":
            when = f" from phase {self.from_phase}" if self.from_phase else ""
            if self.delta is not None:
                return f"{self.resource} {self.delta:+,g}{when}"
            if self.factor is not None:
                return f"{self.resource} x{self.factor:g}{when}"
            return f"{self.resource} set to {self.value:,g}{when}"
        if self.kind == "condition":
            if self.slip is not None:
                return f"'{self.condition}' slips {self.slip:+d} phases"
            parts = []
            if self.status is not None:
                parts.append(f"status {self.status.value}")
            if self.expected_phase is not None:
                parts.append(f"expected in phase {self.expected_phase}")
            return f"'{self.condition}': " + ", ".join(parts)
        if self.kind == "weight":
            if self.factor is not None:
                return f"weight of {self.task} x{self.factor:g}"
            return f"weight of {self.task} set to {self.value:g}"
        return f"{self.task} removed"


@dataclass(frozen=True)
class Scenario:
    """A named what-if variation of the plan."""

    name: str
    description: str = ""
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class Plan:
    """A complete planning problem."""

    name: str
    phases: int
    resources: tuple[str, ...]
    # resource -> capacity in each phase (length == phases)
    capacity: Mapping[str, tuple[float, ...]]
    conditions: Mapping[str, Condition]
    tasks: tuple[PlanTask, ...]
    mission: str = ""
    phase_labels: tuple[str, ...] = ()
    unknown_conditions: UnknownPolicy = UnknownPolicy.BLOCK
    scenarios: tuple[Scenario, ...] = ()
    sources: tuple[str, ...] = ()  # citations of the data behind weights and capacity
    notes: tuple[str, ...] = ()  # how capacity/weights were derived, in words
    # True for the example shipped with peaceops: its figures are labelled illustrative.
    illustrative: bool = False
    # The date the conditions are judged on when they rest on agreement evidence (the planning
    # date); None: the latest recorded evidence.
    conditions_as_of: date | None = None

    def task(self, task_id: str) -> PlanTask | None:
        return next((t for t in self.tasks if t.id == task_id), None)

    def phase_label(self, phase: int) -> str:
        if 1 <= phase <= len(self.phase_labels):
            return self.phase_labels[phase - 1]
        return f"Phase {phase}"
