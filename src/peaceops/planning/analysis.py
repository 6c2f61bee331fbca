"""What a plan allows before any optimisation: earliest starts, blocked tasks, fitting starts.

These facts come straight from the plan (conditions, dependencies, the horizon and each task's
demand against capacity on its own); the solver only chooses among what is left.
"""

from __future__ import annotations

from dataclasses import dataclass

from peaceops.numbers import format_number
from peaceops.planning.model import Condition, ConditionStatus, Plan, PlanTask, UnknownPolicy

__all__ = ["StaticFacts", "TaskFacts", "analyse", "fmt", "topological_order"]


def fmt(value: float) -> str:
    """A number as people read it: 1,200 or 2.5."""
    return format_number(float(value), trim=True)


@dataclass(frozen=True)
class TaskFacts:
    """Static facts about one task."""

    id: str
    condition_phase: int | None  # earliest start its preconditions allow; None: never
    earliest: int | None  # also counting dependencies (chain of earliest finishes)
    latest: int  # last start that still finishes within the horizon
    starts: tuple[int, ...]  # starts in [earliest, latest] where it fits capacity on its own
    blocked: tuple[str, ...]  # why it can never be scheduled (empty when it can)


@dataclass(frozen=True)
class StaticFacts:
    tasks: dict[str, TaskFacts]
    order: tuple[str, ...]  # dependencies before dependants

    def schedulable(self) -> list[str]:
        return [t for t in self.order if not self.tasks[t].blocked]


def topological_order(plan: Plan) -> list[str]:
    """Task ids with every dependency before its dependants (the plan has no cycles)."""
    by_id = {t.id: t for t in plan.tasks}
    done: set[str] = set()
    order: list[str] = []

    def visit(tid: str) -> None:
        if tid in done:
            return
        done.add(tid)
        for d in by_id[tid].depends_on:
            if d in by_id:
                visit(d)
        order.append(tid)

    for t in plan.tasks:
        visit(t.id)
    return order


def _condition_reason(cond: Condition, policy: UnknownPolicy, phases: int) -> str | None:
    """Why a condition keeps a task out of the plan entirely (citing its evidence), or None."""
    reason = _condition_reason_words(cond, policy, phases)
    if reason is not None and cond.evidence:
        return f"{reason}; {cond.evidence}"
    return reason


def _condition_reason_words(cond: Condition, policy: UnknownPolicy, phases: int) -> str | None:
    if cond.status is ConditionStatus.UNKNOWN and policy is UnknownPolicy.BLOCK:
        return (
            f"precondition {cond.label} has unknown status (the plan treats unknown "
            "conditions as not met)"
        )
    if cond.status is ConditionStatus.UNMET and cond.expected_phase is None:
        return f"precondition {cond.label} is not met and no phase is expected for it"
    first = cond.earliest_phase(policy)
    if first is not None and first > phases:
        return f"precondition {cond.label} is expected only in phase {first}, after phase {phases}"
    return None


def fits_alone(plan: Plan, task: PlanTask, start: int) -> list[str]:
    """Shortfalls (in words) if ``task`` started at ``start`` with all capacity to itself."""
    out = []
    for r in plan.resources:
        for k in range(task.duration):
            need = task.demand_in(r, k)
            cap = plan.capacity[r][start + k - 1]
            if need > cap:
                out.append(f"{r}: needs {fmt(need)} in phase {start + k}, capacity {fmt(cap)}")
    return out


def analyse(plan: Plan) -> StaticFacts:
    by_id = {t.id: t for t in plan.tasks}
    order = topological_order(plan)
    facts: dict[str, TaskFacts] = {}
    for tid in order:
        task = by_id[tid]
        blocked: list[str] = []
        cond_phase: int | None = 1
        for cname in task.preconditions:
            cond = plan.conditions[cname]
            reason = _condition_reason(cond, plan.unknown_conditions, plan.phases)
            if reason:
                blocked.append(reason)
                cond_phase = None
                continue
            first = cond.earliest_phase(plan.unknown_conditions)
            if cond_phase is not None and first is not None:
                cond_phase = max(cond_phase, first)
        earliest = cond_phase
        for d in task.depends_on:
            df = facts[d]
            if df.blocked or df.earliest is None:
                blocked.append(f"depends on '{d}', which cannot be scheduled")
                earliest = None
            elif earliest is not None:
                earliest = max(earliest, df.starts[0] + by_id[d].duration)
        latest = plan.phases - task.duration + 1
        starts: tuple[int, ...] = ()
        if not blocked and earliest is not None:
            if earliest > latest:
                blocked.append(
                    f"cannot finish within {plan.phases} phases: earliest start {earliest}, "
                    f"duration {task.duration}"
                )
            else:
                candidates = range(earliest, latest + 1)
                starts = tuple(s for s in candidates if not fits_alone(plan, task, s))
                if not starts:
                    shortfalls = fits_alone(plan, task, earliest)
                    blocked.append(
                        "never fits: demand above capacity at every possible start ("
                        + "; ".join(shortfalls[:3])
                        + ")"
                    )
        facts[tid] = TaskFacts(tid, cond_phase, earliest, latest, starts, tuple(blocked))
    return StaticFacts(facts, tuple(order))
