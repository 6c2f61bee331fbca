"""The capacity that would let every schedulable task into the plan (a min-capacity solve).

Every task that conditions, dependencies and the horizon allow must be scheduled; extra
capacity per resource and phase is a decision variable, and the total extra (each resource
measured against its own largest capacity, so troops and budget weigh alike) is minimised.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.sat.python import cp_model

from peaceops.planning.analysis import StaticFacts, analyse
from peaceops.planning.model import Plan
from peaceops.planning.solver import add_precedences, build_scales

__all__ = ["NeededCapacity", "demand_at_earliest", "needed_capacity"]


@dataclass(frozen=True)
class NeededCapacity:
    """resource -> capacity needed in each phase (index phase - 1), and how sure we are.

    ``needed`` is the capacity that would let every schedulable task in (at least today's);
    ``demand`` is what those tasks ask for in each phase, in the schedule that needs the least
    extra capacity: the tasks' demand, which the capacity table's "needed" column shows.
    """

    needed: dict[str, list[float]]
    status: str  # optimal | feasible | infeasible
    tasks: tuple[str, ...]  # the tasks it schedules (all not blocked by conditions/horizon)
    demand: dict[str, list[float]] | None = None


def demand_at_earliest(plan: Plan, facts: StaticFacts | None = None) -> dict[str, list[float]]:
    """Demand per resource and phase if every task not blocked started at its earliest phase
    (the tasks' demand without solving; capacity is not considered)."""
    facts = facts or analyse(plan)
    out = {r: [0.0] * plan.phases for r in plan.resources}
    for task in plan.tasks:
        f = facts.tasks[task.id]
        capacity_only = f.blocked and all(b.startswith("never fits") for b in f.blocked)
        if (f.blocked and not capacity_only) or f.earliest is None:
            continue
        for r in plan.resources:
            for k in range(task.duration):
                p = f.earliest + k
                if p <= plan.phases:
                    out[r][p - 1] += task.demand_in(r, k)
    return out


def needed_capacity(
    plan: Plan, time_limit: float = 5.0, facts: StaticFacts | None = None
) -> NeededCapacity:
    facts = facts or analyse(plan)
    by_id = {t.id: t for t in plan.tasks}
    scales = build_scales(plan)
    model = cp_model.CpModel()
    # Tasks blocked only because they never fit capacity are included: more capacity is
    # exactly what they need. Conditions, unschedulable dependencies and horizon still hold.
    include: list[str] = []
    windows: dict[str, range] = {}
    for tid in facts.order:
        f = facts.tasks[tid]
        capacity_only = f.blocked and all(b.startswith("never fits") for b in f.blocked)
        if f.blocked and not capacity_only:
            continue
        if any(d not in windows for d in by_id[tid].depends_on):
            continue
        earliest = f.condition_phase or 1
        for d in by_id[tid].depends_on:
            earliest = max(earliest, windows[d].start + by_id[d].duration)
        if earliest > f.latest:
            continue
        windows[tid] = range(earliest, f.latest + 1)
        include.append(tid)
    x = {tid: {s: model.new_bool_var(f"x_{tid}_{s}") for s in windows[tid]} for tid in include}
    for tid in include:
        model.add_exactly_one(x[tid].values())
    add_precedences(model, x, by_id)
    extras: dict[tuple[str, int], cp_model.IntVar] = {}
    objective = []
    for r in plan.resources:
        scale = scales[r]
        total_demand = sum(
            math.ceil(v * scale) for tid in include for v in by_id[tid].demand.get(r, ())
        )
        norm = max(max(plan.capacity[r]) * scale, 1.0)
        weight = max(1, round(1_000_000 / norm))
        for p in range(1, plan.phases + 1):
            terms = []
            for tid in include:
                task = by_id[tid]
                for s, var in x[tid].items():
                    if s <= p < s + task.duration:
                        q = round(task.demand_in(r, p - s) * scale)
                        if q:
                            terms.append(q * var)
            cap = math.floor(plan.capacity[r][p - 1] * scale + 1e-9)
            extra = model.new_int_var(0, max(total_demand, 0), f"extra_{r}_{p}")
            extras[(r, p)] = extra
            if terms:
                model.add(sum(terms) <= cap + extra)
            else:
                model.add(extra == 0)
            objective.append(weight * extra)
    # Many schedules need the same least extra capacity, and which one a solver finds first
    # decides the phase a shortfall lands in. Ties go to the schedule whose tasks start
    # earliest (a lexicographic second objective), found by one seeded worker, so one plan
    # gives one answer on every run.
    lateness = [(s - windows[tid].start) * var for tid in include for s, var in x[tid].items()]
    tie_range = 1 + sum(len(windows[tid]) - 1 for tid in include)
    primary = sum(objective) if objective else 0
    model.minimize(tie_range * primary + sum(lateness))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, float(time_limit))
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 1
    code = solver.solve(model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return NeededCapacity(
            {r: list(plan.capacity[r]) for r in plan.resources},
            "infeasible",
            tuple(include),
            demand_at_earliest(plan, facts),
        )
    needed = {
        r: [
            plan.capacity[r][p - 1] + solver.value(extras[(r, p)]) / scales[r]
            for p in range(1, plan.phases + 1)
        ]
        for r in plan.resources
    }
    demand = {r: [0.0] * plan.phases for r in plan.resources}
    for tid in include:
        task = by_id[tid]
        start = next(s for s, var in x[tid].items() if solver.value(var))
        for r in plan.resources:
            for k in range(task.duration):
                if start + k <= plan.phases:
                    demand[r][start + k - 1] += task.demand_in(r, k)
    status = "optimal" if code == cp_model.OPTIMAL else "feasible"
    return NeededCapacity(needed, status, tuple(include), demand)
