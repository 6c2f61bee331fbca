"""Checks across the parts of a plan: references, dependency cycles, scenario targets."""

from __future__ import annotations

from collections.abc import Sequence

from peaceops.errors import InputError
from peaceops.planning.model import Plan, PlanTask

__all__ = ["cross_check", "find_cycle", "validate_plan"]


def find_cycle(tasks: Sequence[PlanTask]) -> list[str] | None:
    """A dependency cycle as a list of task ids (first id repeated at the end), or None."""
    deps = {t.id: [d for d in t.depends_on] for t in tasks}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for d in deps.get(node, []):
            if d not in deps:
                continue
            if state.get(d) == 1:
                return [*path[path.index(d) :], d]
            if d not in state:
                found = visit(d)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for t in tasks:
        if t.id not in state:
            found = visit(t.id)
            if found:
                return found
    return None


def validate_plan(plan: Plan, source: str = "plan") -> None:
    """Cross-checks: references, cycles, scenario targets. Raises one InputError naming all."""
    problems = cross_check(plan)
    if problems:
        raise InputError(f"{source}: invalid plan: " + "; ".join(problems))


def cross_check(plan: Plan) -> list[str]:
    """Problems between the parts of a plan (references, cycles, scenario targets)."""
    problems: list[str] = []
    ids = {t.id for t in plan.tasks}
    for t in plan.tasks:
        unknown_deps = [d for d in t.depends_on if d not in ids]
        if unknown_deps:
            problems.append(f"task {t.id}: depends on unknown task(s) {', '.join(unknown_deps)}")
        if t.id in t.depends_on:
            problems.append(f"task {t.id}: depends on itself")
        unknown_conds = [c for c in t.preconditions if c not in plan.conditions]
        if unknown_conds:
            problems.append(
                f"task {t.id}: unknown condition(s) "
                + ", ".join(f"'{c}'" for c in unknown_conds)
                + (
                    f" (known: {', '.join(repr(c) for c in plan.conditions)})"
                    if plan.conditions
                    else ""
                )
            )
        if t.duration > plan.phases:
            problems.append(
                f"task {t.id}: duration {t.duration} is longer than the {plan.phases} phases"
            )
    cycle = find_cycle(plan.tasks)
    if cycle:
        problems.append("dependency cycle: " + " -> ".join(cycle))
    for sc in plan.scenarios:
        removed = {ch.task for ch in sc.changes if ch.kind == "remove"}
        for t in plan.tasks:
            kept_on = [d for d in t.depends_on if d in removed]
            if kept_on and t.id not in removed:
                problems.append(
                    f"scenario '{sc.name}': removes {', '.join(kept_on)}, which {t.id} "
                    "depends on (remove it too)"
                )
        for ch in sc.changes:
            where = f"scenario '{sc.name}'"
            if ch.kind == "capacity" and ch.resource not in plan.capacity:
                problems.append(f"{where}: unknown resource '{ch.resource}'")
            if ch.kind == "condition" and ch.condition not in plan.conditions:
                problems.append(f"{where}: unknown condition '{ch.condition}'")
            if ch.kind in ("weight", "remove") and ch.task not in ids:
                problems.append(f"{where}: unknown task '{ch.task}'")
            if ch.from_phase is not None and ch.from_phase > plan.phases:
                problems.append(f"{where}: from_phase {ch.from_phase} beyond {plan.phases}")
    return problems
