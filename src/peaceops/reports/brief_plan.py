"""The plan part of the brief: sequence, deferred tasks with their reasons, capacity mismatch.

``plan_part`` lays out plain rows; ``gather_plan`` fills them from ``peaceops.planning`` (the
solver, its explanations and the minimum-capacity problem decide; the brief only reports).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from peaceops.reports.brief_model import (
    BriefFigure,
    BriefSection,
    BriefTable,
    Consideration,
    MissingSection,
    SectionPart,
)

__all__ = ["CapacityRow", "PlanTaskRow", "missing_plan", "plan_part"]


@dataclass(frozen=True)
class PlanTaskRow:
    id: str
    name: str
    start_phase: int | None  # None: left out of the plan
    end_phase: int | None
    earliest_phase: int | None  # the earliest its dependencies would allow
    reasons: tuple[str, ...]  # binding reasons, in words, when deferred or left out


@dataclass(frozen=True)
class CapacityRow:
    """Demand of all tasks against capacity for one resource in one phase."""

    resource: str
    phase: int
    demand: float  # of the chosen schedule
    capacity: float
    needed: float  # capacity that would schedule every task (minimum-capacity problem)


def missing_plan() -> SectionPart:
    return SectionPart(
        None,
        (
            MissingSection(
                "plan",
                "Plan",
                "No plan in the workspace: load one with 'peaceops plan solve FILE' "
                "(a plan file in YAML).",
            ),
        ),
    )


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def plan_part(
    name: str,
    status: str,
    phases: int,
    tasks: Sequence[PlanTaskRow],
    capacity: Sequence[CapacityRow],
    source: str,
    figure: BriefFigure | None = None,
) -> SectionPart:
    """The section and its considerations from the solved plan's rows."""
    if not tasks:
        return missing_plan()
    scheduled = [t for t in tasks if t.start_phase is not None]
    deferred = [
        t
        for t in scheduled
        if t.earliest_phase is not None
        and t.start_phase is not None
        and t.start_phase > t.earliest_phase
    ]
    left_out = [t for t in tasks if t.start_phase is None]
    paragraphs = [
        f"Plan '{name}' ({status} solution): {len(scheduled)} of {len(tasks)} tasks scheduled "
        f"over {phases} phases; {len(deferred)} deferred beyond their earliest phase, "
        f"{len(left_out)} left out."
    ]
    tables = [
        BriefTable(
            caption="Sequence: tasks by start phase",
            columns=("Phase", "Tasks starting"),
            rows=tuple(
                (
                    str(phase),
                    ", ".join(t.name for t in scheduled if t.start_phase == phase),
                )
                for phase in range(1, phases + 1)
                if any(t.start_phase == phase for t in scheduled)
            ),
        )
    ]
    if deferred or left_out:
        tables.append(
            BriefTable(
                caption="Deferred and left-out tasks, with the binding reason",
                columns=("Task", "Earliest", "Planned", "Reason"),
                rows=tuple(
                    (
                        t.name,
                        str(t.earliest_phase) if t.earliest_phase is not None else "–",
                        str(t.start_phase) if t.start_phase is not None else "left out",
                        "; ".join(t.reasons) or "lower value than the tasks chosen",
                    )
                    for t in [*deferred, *left_out]
                ),
            )
        )
    short = [c for c in capacity if c.needed > c.capacity]
    if capacity:
        tables.append(
            BriefTable(
                caption="Capacity mismatch: demand against capacity per resource and phase",
                columns=(
                    "Resource",
                    "Phase",
                    "Planned demand",
                    "Capacity",
                    "Needed for all",
                    "Shortfall",
                ),
                rows=tuple(
                    (
                        c.resource,
                        str(c.phase),
                        _num(c.demand),
                        _num(c.capacity),
                        _num(c.needed),
                        _num(c.needed - c.capacity) if c.needed > c.capacity else "–",
                    )
                    for c in sorted(capacity, key=lambda c: (c.resource, c.phase))
                    if c.needed > c.capacity or c.demand > 0
                ),
                note="'Needed for all': the capacity that would let every task be scheduled.",
            )
        )
    considerations: list[Consideration] = []
    if short:
        worst: dict[str, CapacityRow] = {}
        for c in short:
            if c.resource not in worst or (
                c.needed - c.capacity > worst[c.resource].needed - worst[c.resource].capacity
            ):
                worst[c.resource] = c
        parts = [
            f"{r}: {_num(c.needed - c.capacity)} short in phase {c.phase} "
            f"({_num(c.capacity)} available, {_num(c.needed)} needed)"
            for r, c in worst.items()
        ]
        considerations.append(
            Consideration(
                text="Capacity shortfalls to carry out every task: " + "; ".join(parts) + ".",
                figure=", ".join(f"{r} −{_num(c.needed - c.capacity)}" for r, c in worst.items()),
                source=source,
                section="plan",
            )
        )
    if deferred or left_out:
        first = next(iter([*left_out, *deferred]))
        reason = "; ".join(first.reasons) or "lower value than the tasks chosen"
        considerations.append(
            Consideration(
                text=(
                    f"{len(deferred)} tasks deferred and {len(left_out)} left out of the plan; "
                    f"e.g. {first.name}: {reason}."
                ),
                figure=f"{len(deferred)} deferred, {len(left_out)} left out",
                source=source,
                section="plan",
            )
        )
    section = BriefSection(
        key="plan",
        title="Plan",
        paragraphs=tuple(paragraphs),
        figures=(figure,) if figure is not None else (),
        tables=tuple(tables),
    )
    return SectionPart(section, (), tuple(considerations))
