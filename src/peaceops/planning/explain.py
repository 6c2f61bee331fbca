"""Why a task waits, is deferred or is left out: found by probing, not guessed.

The cheap probe keeps every other task where the solver put it and checks each earlier start
of the task against the capacity left, naming the resource, phase and shortfall that stop it.
The re-solving probe (``probe_task``) forces the task in, or lifts a blocking precondition,
and solves again to measure what that would change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from peaceops.planning.analysis import StaticFacts, fmt
from peaceops.planning.model import Condition, ConditionStatus, Plan, PlanTask
from peaceops.planning.solver import solve_schedule, usage

__all__ = ["Probe", "probe_task", "shortfalls", "task_reasons"]


@dataclass(frozen=True)
class Shortfall:
    resource: str
    phase: int
    short: float
    capacity: float
    used: float
    need: float
    users: tuple[str, ...]  # the tasks taking most of it

    def words(self) -> str:
        users = f" ({', '.join(self.users)})" if self.users else ""
        return (
            f"{self.resource}: {fmt(self.short)} short in phase {self.phase} (capacity "
            f"{fmt(self.capacity)}, {fmt(self.used)} taken by other tasks{users}, "
            f"task needs {fmt(self.need)})"
        )


def shortfalls(
    plan: Plan,
    starts: Mapping[str, int | None],
    task: PlanTask,
    start: int,
    used_all: Mapping[str, list[float]] | None = None,
) -> list[Shortfall]:
    """What stops ``task`` from starting at ``start`` with every other task kept in place.

    ``used_all`` is the usage of the whole schedule (``usage(plan, starts)``), when known.
    """
    if used_all is None:
        used = usage(plan, starts, exclude=(task.id,))
    else:
        used = {r: list(v) for r, v in used_all.items()}
        own = starts.get(task.id)
        if own is not None:
            for r in plan.resources:
                for k in range(task.duration):
                    if own + k - 1 < plan.phases:
                        used[r][own + k - 1] -= task.demand_in(r, k)
    out = []
    for r in plan.resources:
        for k in range(task.duration):
            p = start + k
            need = task.demand_in(r, k)
            cap = plan.capacity[r][p - 1]
            if need and used[r][p - 1] + need > cap + 1e-9:
                users = sorted(
                    (
                        (o.demand_in(r, p - s), o.id)
                        for o in plan.tasks
                        if o.id != task.id
                        and (s := starts.get(o.id)) is not None
                        and s <= p < s + o.duration
                        and o.demand_in(r, p - s) > 0
                    ),
                    reverse=True,
                )
                out.append(
                    Shortfall(
                        r,
                        p,
                        used[r][p - 1] + need - cap,
                        cap,
                        used[r][p - 1],
                        need,
                        tuple(u for _, u in users[:3]),
                    )
                )
    return out


def _waits_for_conditions(plan: Plan, task: PlanTask) -> list[str]:
    out = []
    first = 1
    for c in task.preconditions:
        e = plan.conditions[c].earliest_phase(plan.unknown_conditions)
        if e is not None:
            first = max(first, e)
    if first > 1:
        for c in task.preconditions:
            cond = plan.conditions[c]
            if cond.earliest_phase(plan.unknown_conditions) == first:
                evidence = f"; {cond.evidence}" if cond.evidence else ""
                out.append(
                    f"cannot start before phase {first}: precondition {cond.label} is expected "
                    f"to hold from phase {first} (status: {cond.status.value}){evidence}"
                )
    return out


def task_reasons(
    plan: Plan,
    facts: StaticFacts,
    starts: Mapping[str, int | None],
    task: PlanTask,
    used_all: Mapping[str, list[float]] | None = None,
) -> tuple[str, ...]:
    """The binding reasons for the task's place in the schedule (empty: starts on time)."""
    f = facts.tasks[task.id]
    if f.blocked:
        return f.blocked
    by_id = {t.id: t for t in plan.tasks}
    earliest = f.earliest or 1
    reasons = _waits_for_conditions(plan, task) if f.condition_phase == earliest else []
    for d in task.depends_on:
        d_first = facts.tasks[d].starts[0] if facts.tasks[d].starts else None
        if d_first is not None and d_first + by_id[d].duration == earliest > 1:
            reasons.append(
                f"cannot start before phase {earliest}: depends on '{d}', which "
                f"finishes in phase {earliest - 1} at the earliest"
            )
    start = starts.get(task.id)
    if start is not None and start <= earliest:
        return tuple(reasons)
    missing = [d for d in task.depends_on if starts.get(d) is None]
    if missing:
        return (
            *reasons,
            *(f"depends on '{d}', which is left out of the plan" for d in missing),
        )
    ready = earliest
    for d in task.depends_on:
        s_d = starts[d]
        assert s_d is not None
        end = s_d + by_id[d].duration
        if end > earliest and (start is None or end >= ready):
            reasons.append(f"waits for '{d}', which runs until phase {end - 1}")
        ready = max(ready, end)
    candidates = [s for s in f.starts if s >= ready and (start is None or s < start)]
    found: list[tuple[float, int, list[Shortfall]]] = []
    for s in candidates:
        sf = shortfalls(plan, starts, task, s, used_all)
        if not sf:
            reasons.append(
                f"could start in phase {s} with the capacity left (the solution is not "
                "proven optimal)"
            )
            return tuple(reasons)
        # rounded so that float noise never decides between two equally close phases;
        # equal ones go to the earlier phase
        rel = round(sum(x.short / max(x.capacity, 1e-9) for x in sf), 9)
        found.append((rel, s, sf))
    if not found:
        return tuple(reasons)
    if start is not None:
        # deferred: what blocks the earliest start it could otherwise have
        _, s, sf = found[0]
        reasons.append(f"to start in phase {s}: " + "; ".join(x.words() for x in sf[:3]))
    else:
        _, s, sf = min(found)
        reasons.append(
            f"no start fits beside the tasks chosen; closest is phase {s}: "
            + "; ".join(x.words() for x in sf[:3])
        )
    return tuple(reasons)


@dataclass(frozen=True)
class Probe:
    """The outcome of re-solving with one thing changed."""

    description: str
    objective_before: float
    objective_after: float | None  # None: impossible
    start_after: int | None
    moved: tuple[str, ...]  # other tasks whose start changed

    def words(self) -> str:
        if self.objective_after is None:
            return f"{self.description}: impossible"
        delta = self.objective_after - self.objective_before
        where = (
            f"it would start in phase {self.start_after}"
            if self.start_after is not None
            else "it would still be left out"
        )
        moved = f"; {len(self.moved)} other tasks move ({', '.join(self.moved[:5])})"
        return (
            f"{self.description}: {where}, total value {fmt(self.objective_before)} -> "
            f"{fmt(self.objective_after)} ({delta:+,.1f})" + (moved if self.moved else "")
        )


def probe_task(
    plan: Plan,
    facts: StaticFacts,
    starts: Mapping[str, int | None],
    objective: float,
    task: PlanTask,
    time_limit: float = 2.0,
) -> list[Probe]:
    """Re-solve with the task forced to its earliest feasible start, and with each blocking
    precondition lifted, and report what changes."""
    out: list[Probe] = []
    f = facts.tasks[task.id]
    start = starts.get(task.id)
    if not f.blocked and f.starts and (start is None or start > f.starts[0]):
        target = f.starts[0]
        sched = solve_schedule(plan, time_limit, facts=facts, fixed={task.id: target})
        after = sched.objective if sched.status != "infeasible" else None
        moved = tuple(t for t, s in sched.starts.items() if t != task.id and s != starts.get(t))
        out.append(Probe(f"forcing it to start in phase {target}", objective, after, target, moved))
    for c in task.preconditions:
        cond = plan.conditions[c]
        e = cond.earliest_phase(plan.unknown_conditions)
        if e is not None and e <= 1:
            continue
        met = replace(plan, conditions={**plan.conditions, c: _as_met(cond)})
        sched = solve_schedule(met, time_limit)
        moved = tuple(t for t, s in sched.starts.items() if t != task.id and s != starts.get(t))
        out.append(
            Probe(
                f"if '{c}' held from phase 1",
                objective,
                sched.objective if sched.status != "infeasible" else None,
                sched.starts.get(task.id),
                moved,
            )
        )
    return out


def _as_met(cond: Condition) -> Condition:
    return replace(cond, status=ConditionStatus.MET, expected_phase=1)
