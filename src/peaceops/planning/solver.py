"""Choose start phases with OR-Tools CP-SAT: maximise weighted value, earlier worth more.

Model: one boolean per task and feasible start phase (time-indexed). A task starts at most
once; a dependant may start only after its dependency has finished (and only if the
dependency is scheduled); per resource and phase, the demand of running tasks stays within
capacity. A task started in phase ``s`` is worth ``weight x (phases - s + 1)``.
"""

from __future__ import annotations

import heapq
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from peaceops.planning.analysis import StaticFacts, analyse
from peaceops.planning.model import Plan, PlanTask

__all__ = [
    "Schedule",
    "add_precedences",
    "build_scales",
    "greedy_schedule",
    "polish",
    "schedule_value",
    "solve_schedule",
    "task_value",
    "usage",
]

_WEIGHT_SCALE = 100


@dataclass(frozen=True)
class Schedule:
    """The solver's raw answer: start phase per task id (None: left out)."""

    starts: Mapping[str, int | None]
    status: str  # optimal | feasible | infeasible
    objective: float
    bound: float
    gap: float  # relative distance to the best bound (0 when optimal)
    seconds: float


def task_value(plan: Plan, task: PlanTask, start: int) -> float:
    return task.weight * (plan.phases - start + 1)


def schedule_value(plan: Plan, starts: Mapping[str, int | None]) -> float:
    return sum(task_value(plan, t, s) for t in plan.tasks if (s := starts.get(t.id)) is not None)


def build_scales(plan: Plan) -> dict[str, int]:
    """Integer scale per resource (CP-SAT needs integer coefficients)."""
    scales = {}
    for r in plan.resources:
        values = list(plan.capacity[r]) + [v for t in plan.tasks for v in t.demand.get(r, ())]
        scales[r] = 1 if all(float(v).is_integer() for v in values) else 100
    return scales


def greedy_schedule(plan: Plan, facts: StaticFacts | None = None) -> dict[str, int | None]:
    """Baseline: by weight per unit of relative demand, each task at its first fitting start."""
    facts = facts or analyse(plan)
    remaining = {r: list(plan.capacity[r]) for r in plan.resources}
    by_id = {t.id: t for t in plan.tasks}

    def density(t: PlanTask) -> float:
        load = sum(
            sum(t.demand.get(r, ())) / max(max(plan.capacity[r]), 1e-9) for r in plan.resources
        )
        return t.weight / (load + 1e-6)

    starts: dict[str, int | None] = {t.id: None for t in plan.tasks}
    # place in order of density, but a task only once its dependencies were considered
    waiting = {tid: sum(1 for d in by_id[tid].depends_on) for tid in facts.schedulable()}
    dependants: dict[str, list[str]] = {}
    for tid in waiting:
        for d in by_id[tid].depends_on:
            dependants.setdefault(d, []).append(tid)
    ready = [(-density(by_id[t]), i, t) for i, t in enumerate(waiting) if waiting[t] == 0]
    heapq.heapify(ready)
    while ready:
        _, _, tid = heapq.heappop(ready)
        task = by_id[tid]
        for nxt in dependants.get(tid, []):
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                heapq.heappush(ready, (-density(by_id[nxt]), len(waiting) + len(ready), nxt))
        if any(starts[d] is None for d in task.depends_on):
            continue
        min_start = max(
            [facts.tasks[tid].earliest or 1]
            + [(starts[d] or 0) + by_id[d].duration for d in task.depends_on]
        )
        for s in facts.tasks[tid].starts:
            if s < min_start:
                continue
            if all(
                task.demand_in(r, k) <= remaining[r][s + k - 1] + 1e-9
                for r in plan.resources
                for k in range(task.duration)
            ):
                for r in plan.resources:
                    for k in range(task.duration):
                        remaining[r][s + k - 1] -= task.demand_in(r, k)
                starts[tid] = s
                break
    return starts


def solve_schedule(
    plan: Plan,
    time_limit: float = 10.0,
    *,
    facts: StaticFacts | None = None,
    fixed: Mapping[str, int | None] | None = None,
    hint: Mapping[str, int | None] | None = None,
    workers: int | None = None,
    prefer: Mapping[str, int | None] | None = None,
) -> Schedule:
    """Solve the plan. ``fixed`` forces tasks to a start (or out, with None); ``prefer``
    breaks ties between optimal plans in favour of these starts."""
    t0 = time.perf_counter()
    facts = facts or analyse(plan)
    by_id = {t.id: t for t in plan.tasks}
    scales = build_scales(plan)
    model = cp_model.CpModel()
    x: dict[str, dict[int, cp_model.IntVar]] = {}
    for tid in facts.schedulable():
        x[tid] = {s: model.new_bool_var(f"x_{tid}_{s}") for s in facts.tasks[tid].starts}
        if x[tid]:
            model.add_at_most_one(x[tid].values())
    fixed = fixed or {}
    for tid, s in fixed.items():
        if tid not in x:
            if s is not None:
                return Schedule({}, "infeasible", 0.0, 0.0, 0.0, time.perf_counter() - t0)
            continue
        for s2, var in x[tid].items():
            model.add(var == (1 if s2 == s else 0))
        if s is not None and s not in x[tid]:
            return Schedule({}, "infeasible", 0.0, 0.0, 0.0, time.perf_counter() - t0)
    add_precedences(model, x, by_id)
    for r in plan.resources:
        scale = scales[r]
        for p in range(1, plan.phases + 1):
            terms = []
            for tid, starts in x.items():
                task = by_id[tid]
                for s, var in starts.items():
                    if s <= p < s + task.duration:
                        q = round(task.demand_in(r, p - s) * scale)
                        if q:
                            terms.append(q * var)
            cap = math.floor(plan.capacity[r][p - 1] * scale + 1e-9)
            if terms:
                model.add(sum(terms) <= cap)
    objective = [
        round(task_value(plan, by_id[tid], s) * _WEIGHT_SCALE) * var
        for tid, starts in x.items()
        for s, var in starts.items()
    ]
    model.maximize(sum(objective) if objective else 0)
    # No hint by default: measured on 300-task plans, completing a greedy hint costs CP-SAT
    # seconds of its budget and ends in worse plans than its own search.
    if hint is not None:
        for tid, starts in x.items():
            for s, var in starts.items():
                model.add_hint(var, 1 if hint.get(tid) == s else 0)
    solver = cp_model.CpSolver()
    # the time limit covers building the model and the greedy hint too
    solver.parameters.max_time_in_seconds = max(
        0.05, float(time_limit) - (time.perf_counter() - t0)
    )
    n_vars = sum(len(v) for v in x.values())
    if workers is None:
        # One seeded worker: the same plan gives the same schedule on every run (a portfolio
        # of workers races, and among equally good plans the winner changes from run to run).
        # Measured on 300-task plans (bench/bench_plan.py): one worker with the full LP
        # relaxation also finds far better plans in 10 s than a 2-worker portfolio on 2 cores.
        workers = 1
    solver.parameters.num_workers = workers
    if n_vars > 500:
        solver.parameters.linearization_level = 2
    solver.parameters.random_seed = 1
    code = solver.solve(model)
    seconds = time.perf_counter() - t0
    if code == cp_model.INFEASIBLE or code == cp_model.MODEL_INVALID:
        return Schedule({}, "infeasible", 0.0, 0.0, 0.0, seconds)
    if code == cp_model.UNKNOWN:
        # no solution within the time limit: fall back on the greedy plan, honestly labelled
        starts_g = polish(
            plan, facts, dict(hint) if hint is not None else greedy_schedule(plan, facts)
        )
        value = schedule_value(plan, starts_g)
        return Schedule(starts_g, "feasible", value, math.inf, math.inf, seconds)
    result: dict[str, int | None] = {t.id: None for t in plan.tasks}
    for tid, starts in x.items():
        for s, var in starts.items():
            if solver.value(var):
                result[tid] = s
    obj = solver.objective_value / _WEIGHT_SCALE
    if code != cp_model.OPTIMAL:
        result = polish(plan, facts, result)
        obj = schedule_value(plan, result)
    if prefer is not None and code == cp_model.OPTIMAL:
        # Among the equally good plans, keep as many tasks as possible where ``prefer`` has
        # them, so that a scenario shows what it changes rather than an arbitrary tie-break.
        kept = _closest_optimum(model, solver, x, objective, prefer, t0, time_limit)
        if kept is not None:
            result = {t.id: kept.get(t.id) for t in plan.tasks}
    bound = solver.best_objective_bound / _WEIGHT_SCALE
    status = "optimal" if code == cp_model.OPTIMAL else "feasible"
    gap = 0.0 if status == "optimal" else (bound - obj) / max(abs(bound), 1e-9)
    return Schedule(result, status, obj, bound, max(gap, 0.0), seconds)


def _closest_optimum(
    model: cp_model.CpModel,
    solver: cp_model.CpSolver,
    x: dict[str, dict[int, cp_model.IntVar]],
    objective: list[Any],
    prefer: Mapping[str, int | None],
    t0: float,
    time_limit: float,
) -> dict[str, int | None] | None:
    left = float(time_limit) - (time.perf_counter() - t0)
    if left < 0.2 or not objective:
        return None
    model.add(sum(objective) >= round(solver.objective_value))
    same = [var for tid, starts in x.items() for s, var in starts.items() if prefer.get(tid) == s]
    # a task left out in both plans also counts as unchanged
    out_both = [
        1 - sum(starts.values()) for tid, starts in x.items() if prefer.get(tid) is None and starts
    ]
    model.clear_hints()  # type: ignore[no-untyped-call]
    for starts in x.values():
        for var in starts.values():
            model.add_hint(var, solver.value(var))
    model.maximize(sum(same) + sum(out_both))
    second = cp_model.CpSolver()
    second.parameters.max_time_in_seconds = left
    second.parameters.num_workers = solver.parameters.num_workers
    second.parameters.random_seed = 1
    code = second.solve(model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {
        tid: next((s for s, var in starts.items() if second.value(var)), None)
        for tid, starts in x.items()
    }


def polish(
    plan: Plan, facts: StaticFacts, starts: Mapping[str, int | None]
) -> dict[str, int | None]:
    """Local improvement of a plan that is not proven optimal: move tasks to earlier starts
    and add left-out tasks wherever they fit beside the others, until nothing moves.

    Every move raises the value, so the result is never worse than the input, and no task
    is left where it could start earlier with the capacity left (which the reasons check).
    """
    by_id = {t.id: t for t in plan.tasks}
    out = dict(starts)
    used = usage(plan, out)

    def fits(task: PlanTask, s: int, own: int | None) -> bool:
        for r in plan.resources:
            for k in range(task.duration):
                p = s + k - 1
                mine = (
                    task.demand_in(r, p - own + 1)
                    if own is not None and own <= p + 1 < own + task.duration
                    else 0.0
                )
                if used[r][p] - mine + task.demand_in(r, k) > plan.capacity[r][p] + 1e-9:
                    return False
        return True

    def shift(task: PlanTask, s: int | None, sign: float) -> None:
        if s is None:
            return
        for r in plan.resources:
            for k in range(task.duration):
                used[r][s + k - 1] += sign * task.demand_in(r, k)

    order = sorted(facts.schedulable(), key=lambda t: -by_id[t].weight)
    changed = True
    while changed:
        changed = False
        for tid in order:
            task = by_id[tid]
            if any(out.get(d) is None for d in task.depends_on):
                continue
            ready = max([1] + [(out[d] or 0) + by_id[d].duration for d in task.depends_on])
            current = out.get(tid)
            for s in facts.tasks[tid].starts:
                if current is not None and s >= current:
                    break
                if s >= ready and fits(task, s, current):
                    shift(task, current, -1.0)
                    shift(task, s, 1.0)
                    out[tid] = s
                    changed = True
                    break
    return out


def add_precedences(
    model: cp_model.CpModel,
    x: Mapping[str, Mapping[int, cp_model.IntVar]],
    by_id: Mapping[str, PlanTask],
) -> None:
    """Dependants start only after their dependencies have finished.

    Stated on "started by phase p" literals (``by[t][s]`` = the task starts in ``s`` or
    earlier): if B has started by ``s``, A has started by ``s - duration(A)``. Each is a
    two-literal clause, which propagates well and gives a tighter linear relaxation than
    bounding each start of B separately.
    """
    by: dict[str, dict[int, cp_model.IntVar]] = {}
    for tid, starts in x.items():
        if not any(d in x for d in by_id[tid].depends_on) and not any(
            tid in by_id[o].depends_on for o in x
        ):
            continue
        acc: list[cp_model.IntVar] = []
        by[tid] = {}
        for s in sorted(starts):
            acc.append(starts[s])
            lit = model.new_bool_var(f"by_{tid}_{s}")
            model.add(lit == sum(acc))
            by[tid][s] = lit
    for tid, starts in x.items():
        for d in by_id[tid].depends_on:
            dur = by_id[d].duration
            for s in starts:
                earlier = [s2 for s2 in by[d] if s2 + dur <= s]
                if earlier:
                    model.add_implication(by[tid][s], by[d][max(earlier)])
                else:
                    model.add(by[tid][s] == 0)


def usage(
    plan: Plan, starts: Mapping[str, int | None], exclude: Sequence[str] = ()
) -> dict[str, list[float]]:
    """Demand per resource and phase (index phase - 1) of the scheduled tasks."""
    out = {r: [0.0] * plan.phases for r in plan.resources}
    for t in plan.tasks:
        s = starts.get(t.id)
        if s is None or t.id in exclude:
            continue
        for r in plan.resources:
            for k in range(t.duration):
                if s + k - 1 < plan.phases:
                    out[r][s + k - 1] += t.demand_in(r, k)
    return out
