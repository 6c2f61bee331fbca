"""The plan part of the brief: sequence, deferred tasks with their reasons, capacity mismatch.

``plan_part`` lays out plain rows; ``gather_plan`` fills them from ``peaceops.planning`` (the
solver, its explanations and the minimum-capacity problem decide; the brief only reports).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from peaceops.errors import InputError, NotFoundError
from peaceops.numbers import count_noun, format_number
from peaceops.planning.model import Plan
from peaceops.planning.plan_solve import solve_plan
from peaceops.planning.result import PlanResult
from peaceops.planning.store import current_plan, list_plans
from peaceops.reports.brief_charts import figure_from_chart
from peaceops.reports.brief_grades import plan_grade
from peaceops.reports.brief_model import (
    BriefFigure,
    BriefSection,
    BriefTable,
    Consideration,
    MissingSection,
    SectionPart,
)
from peaceops.reports.plan_charts import phase_chart
from peaceops.strategy.plan_link import follow_strategy
from peaceops.workspace import Workspace

__all__ = [
    "PLAN_TIME_LIMIT",
    "CapacityRow",
    "PlanTaskRow",
    "gather_plan",
    "missing_plan",
    "plan_part",
    "plan_part_from_result",
]

# Seconds the solver may spend on the brief's plan (each of the schedule and the
# minimum-capacity problem).
PLAN_TIME_LIMIT = 10.0


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


def missing_plan(as_of: date | None = None) -> SectionPart:
    when = f" saved by {as_of.isoformat()}" if as_of else ""
    return SectionPart(
        None,
        (
            MissingSection(
                "plan",
                "Plan",
                f"No plan{when} in the workspace (a plan file in YAML).",
                remedy="plan.save",
            ),
        ),
    )


def _num(value: float) -> str:
    return format_number(float(value), 1)


def plan_part(
    name: str,
    status: str,
    phases: int,
    tasks: Sequence[PlanTaskRow],
    capacity: Sequence[CapacityRow],
    source: str,
    figure: BriefFigure | None = None,
    phase_labels: Sequence[str] = (),
    capacity_notes: Sequence[str] = (),
) -> SectionPart:
    """The section and its considerations from the solved plan's rows.

    ``capacity_notes`` say which strength the capacity rests on (and warn when a capacity is
    above the authorised ceiling); they follow the first paragraph.
    """

    def phase_name(phase: int) -> str:
        if 1 <= phase <= len(phase_labels) and phase_labels[phase - 1] != str(phase):
            return f"{phase} ({phase_labels[phase - 1]})"
        return str(phase)

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
        f"{len(left_out)} left out.",
        *capacity_notes,
    ]
    tables = [
        BriefTable(
            caption="Sequence: tasks by start phase",
            columns=("Phase", "Tasks starting"),
            rows=tuple(
                (
                    phase_name(phase),
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
        tables.append(_mismatch_table(capacity, phases))
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
    tight = _tightest(capacity)
    if tight is not None and not short:
        considerations.append(
            Consideration(
                text=(
                    f"Capacity suffices for every schedulable task, but {tight.resource} is "
                    f"{100 * tight.demand / tight.capacity:.0f}% used in phase {tight.phase} "
                    f"({_num(tight.demand)} of {_num(tight.capacity)})."
                ),
                figure=f"{100 * tight.demand / tight.capacity:.0f}%",
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
                    f"{count_noun(len(deferred), 'task')} deferred and {len(left_out)} "
                    f"left out of the plan; e.g. {first.name}: {reason}."
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


# Use at or above this share of capacity is worth a key consideration.
TIGHT_SHARE = 0.9


def _tightest(capacity: Sequence[CapacityRow]) -> CapacityRow | None:
    used = [c for c in capacity if c.capacity > 0 and c.demand / c.capacity >= TIGHT_SHARE]
    return max(used, key=lambda c: (c.demand / c.capacity, -c.phase), default=None)


def _mismatch_table(capacity: Sequence[CapacityRow], phases: int) -> BriefTable:
    """Resources as rows, phases as columns: 'demand / capacity', and the need when short."""
    cells: dict[str, dict[int, str]] = {}
    for c in capacity:
        text = f"{_num(c.demand)} / {_num(c.capacity)}"
        if c.needed > c.capacity:
            text += f" (short {_num(c.needed - c.capacity)})"
        cells.setdefault(c.resource, {})[c.phase] = text
    return BriefTable(
        caption="Capacity: planned demand / capacity per resource and phase",
        columns=("Resource", *(str(p) for p in range(1, phases + 1))),
        rows=tuple(
            (resource, *(by_phase.get(p, "–") for p in range(1, phases + 1)))
            for resource, by_phase in cells.items()
        ),
        note=(
            "'short N': N more would let every task be scheduled (the plan's minimum-capacity "
            "problem); no mark means capacity suffices."
        ),
    )


def plan_part_from_result(result: PlanResult, chart: bool = True) -> SectionPart:
    """The plan section from a solved plan (``peaceops.planning.solve_plan``), with the
    planner's phase chart unless ``chart`` is False."""
    plan = result.plan
    figure = (
        figure_from_chart(
            "plan",
            f"{plan.name}: sequence of tasks",
            phase_chart(result),
            "Bars: each task from its start to its end phase; deferred tasks in amber, "
            "left-out tasks as grey marks.",
        )
        if chart
        else None
    )
    tasks = [
        PlanTaskRow(
            id=t.id,
            name=t.name,
            start_phase=t.start_phase,
            end_phase=t.end_phase,
            earliest_phase=t.earliest_phase,
            reasons=t.reasons,
        )
        for t in result.tasks
    ]
    capacity = [
        CapacityRow(c.resource, c.phase, c.demand, c.capacity, c.needed) for c in result.capacity
    ]
    name = plan.name + (f", scenario '{result.scenario}'" if result.scenario else "")
    source = f"plan '{plan.name}'" + (f" ({'; '.join(plan.sources)})" if plan.sources else "")
    labels = [plan.phase_label(p) for p in range(1, plan.phases + 1)]
    strength = [n for n in plan.notes if n.startswith(("Troop capacity", "Warning"))]
    return plan_part(
        name,
        result.status,
        plan.phases,
        tasks,
        capacity,
        source,
        figure,
        phase_labels=labels,
        capacity_notes=strength,
    )


def gather_plan(
    ws: Workspace, mission: str | None, as_of: date | None, *, charts: bool = True
) -> SectionPart:
    """The plan saved in the workspace (by ``as_of`` when given), solved now.

    The latest saved plan for ``mission`` is used, else the latest saved plan.
    """
    # A plan looks forward from when it is drawn up: the latest saved plan is the one in force,
    # whatever date the brief is cut at.
    saved = [p["name"] for p in list_plans(ws)]
    plans = [current_plan(ws, name) for name in saved]
    usable = [p for p in plans if p is not None]
    if not usable:
        return missing_plan(as_of)
    wanted = (mission or "").strip().upper()
    matching = [p for p in usable if wanted and p.mission.strip().upper() == wanted]
    plan = follow_strategy(ws, (matching or usable)[-1], as_of)
    part = plan_part_from_result(solve_plan(plan, PLAN_TIME_LIMIT), chart=charts)
    records = state_force_table(ws, plan, as_of)
    if records is not None and part.section is not None:
        part = replace(part, section=replace(part.section, tables=(*part.section.tables, records)))
    grade, labels = plan_grade(plan.illustrative, plan.name)
    return replace(part, grade=grade, labels=labels)


def state_force_table(ws: Workspace, plan: Plan, as_of: date | None) -> BriefTable | None:
    """For each task that supports a state force, that force's civilian-targeting record over
    the 12 months of data up to ``as_of`` (the due diligence human-rights policy asks for
    before support); None when no task supports one or there are no events."""
    from peaceops.actors.support import plan_task_records

    try:
        records = plan_task_records(ws, [(t.id, t.name) for t in plan.tasks], as_of)
    except (NotFoundError, InputError):
        return None
    if not records:
        return None
    return BriefTable(
        caption="Support to state forces: each supported force's record against civilians",
        columns=("Task", "Force", "Period", "Events", "Civilian fatalities", "Share of all"),
        rows=tuple(
            (
                r.task_name,
                r.force,
                f"{r.record.start} to {r.record.end}" + (" (partial)" if r.record.partial else ""),
                f"{r.record.events:,}",
                f"{r.record.fatalities:,}",
                f"{r.record.share:.0%}",
            )
            for r in records
        ),
        note=(
            "Civilian-targeting events with the supported force named as perpetrator (actor "
            "registry and the workspace's events); share of all civilian-targeting fatalities "
            "in the period."
            + (
                " The tasks are illustrative; the records come from the events."
                if plan.illustrative
                else ""
            )
        ),
    )
