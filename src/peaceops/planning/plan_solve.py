"""Solve a plan end to end: schedule, reasons per task, and the capacity mismatch table."""

from __future__ import annotations

from collections.abc import Mapping

from peaceops.planning.analysis import analyse
from peaceops.planning.capacity import demand_at_earliest, needed_capacity
from peaceops.planning.explain import task_reasons
from peaceops.planning.model import Plan
from peaceops.planning.result import PlanResult, ResourcePhase, TaskOutcome
from peaceops.planning.solver import solve_schedule, task_value, usage

__all__ = ["solve_plan"]


def solve_plan(
    plan: Plan,
    time_limit: float = 10.0,
    *,
    with_needed: bool = True,
    scenario: str | None = None,
    prefer: Mapping[str, int | None] | None = None,
) -> PlanResult:
    """Choose start phases, explain every deferred or left-out task, and compare demand with
    capacity (including the capacity that would let every task in).

    ``time_limit`` bounds each CP-SAT solve (the schedule, then the minimum-capacity problem).
    """
    facts = analyse(plan)
    sched = solve_schedule(plan, time_limit, facts=facts, prefer=prefer)
    starts = dict(sched.starts) if sched.starts else {t.id: None for t in plan.tasks}
    used = usage(plan, starts)
    outcomes = []
    for task in plan.tasks:
        s = starts.get(task.id)
        f = facts.tasks[task.id]
        outcomes.append(
            TaskOutcome(
                id=task.id,
                name=task.name,
                region=task.region,
                weight=task.weight,
                duration=task.duration,
                start_phase=s,
                earliest_phase=None if f.blocked else f.earliest,
                value=task_value(plan, task, s) if s is not None else 0.0,
                reasons=task_reasons(plan, facts, starts, task, used),
            )
        )
    # "needed" is the tasks' demand: what every schedulable task asks for in each phase, in
    # the schedule needing the least extra capacity (or each at its earliest phase, unsolved).
    if with_needed:
        need = needed_capacity(plan, time_limit, facts)
        needed = need.demand or demand_at_earliest(plan, facts)
        needed_status = need.status
    else:
        needed = demand_at_earliest(plan, facts)
        needed_status = "earliest starts"
    rows = tuple(
        ResourcePhase(r, p, used[r][p - 1], plan.capacity[r][p - 1], max(needed[r][p - 1], 0.0))
        for r in plan.resources
        for p in range(1, plan.phases + 1)
    )
    return PlanResult(
        plan=plan,
        status=sched.status,
        objective=sched.objective,
        bound=sched.bound,
        gap=sched.gap,
        seconds=sched.seconds,
        tasks=tuple(outcomes),
        capacity=rows,
        needed_status=needed_status,
        scenario=scenario,
    )
