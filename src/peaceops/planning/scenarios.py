"""What-if scenarios: apply a named variation to the plan, solve it, say what changed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from peaceops.errors import InputError
from peaceops.planning.model import Change, ConditionStatus, Plan, Scenario
from peaceops.planning.plan_solve import solve_plan
from peaceops.planning.result import PlanResult

__all__ = ["ScenarioComparison", "apply_scenario", "compare_scenarios"]


def _apply(plan: Plan, ch: Change) -> Plan:
    if ch.kind == "capacity":
        assert ch.resource is not None
        old = plan.capacity[ch.resource]
        first = ch.from_phase or 1
        new = []
        for i, v in enumerate(old, start=1):
            if i < first:
                new.append(v)
            elif ch.delta is not None:
                new.append(max(v + ch.delta, 0.0))
            elif ch.factor is not None:
                new.append(v * ch.factor)
            else:
                new.append(float(ch.value or 0.0))
        return replace(plan, capacity={**plan.capacity, ch.resource: tuple(new)})
    if ch.kind == "condition":
        assert ch.condition is not None
        cond = plan.conditions[ch.condition]
        status = ch.status or cond.status
        phase = ch.expected_phase if ch.expected_phase is not None else cond.expected_phase
        if ch.slip is not None:
            if cond.status is ConditionStatus.MET and ch.status is None:
                status, phase = ConditionStatus.EXPECTED, 1
            if phase is not None:
                phase = max(1, phase + ch.slip)
        if status is ConditionStatus.EXPECTED and phase is None:
            raise InputError(f"condition '{cond.name}': 'expected' needs a phase")
        new_cond = replace(cond, status=status, expected_phase=phase)
        return replace(plan, conditions={**plan.conditions, cond.name: new_cond})
    if ch.kind == "weight":
        tasks = tuple(
            replace(t, weight=_new_weight(t.weight, ch)) if t.id == ch.task else t
            for t in plan.tasks
        )
        return replace(plan, tasks=tasks)
    return plan


def _new_weight(old: float, ch: Change) -> float:
    if ch.factor is not None:
        return old * ch.factor
    return float(ch.value if ch.value is not None else old)


def apply_scenario(plan: Plan, scenario: Scenario) -> Plan:
    """The plan with every change of the scenario applied, in order."""
    out = plan
    for ch in scenario.changes:
        if ch.kind == "remove" and out.task(ch.task or "") is not None:
            removed = {c.task for c in scenario.changes if c.kind == "remove"}
            dependants = [
                t.id for t in out.tasks if ch.task in t.depends_on and t.id not in removed
            ]
            if dependants:
                raise InputError(
                    f"scenario '{scenario.name}': cannot remove '{ch.task}': "
                    f"{', '.join(dependants)} depend on it (remove them too)"
                )
            out = replace(out, tasks=tuple(t for t in out.tasks if t.id != ch.task))
            out = replace(
                out,
                tasks=tuple(
                    replace(t, depends_on=tuple(d for d in t.depends_on if d != ch.task))
                    for t in out.tasks
                ),
            )
            continue
        out = _apply(out, ch)
    return replace(out, name=f"{plan.name} [{scenario.name}]", scenarios=())


@dataclass(frozen=True)
class ScenarioComparison:
    """The base plan and each scenario, solved, with the differences in words."""

    base: PlanResult
    scenarios: tuple[tuple[Scenario, PlanResult, tuple[str, ...]], ...]

    def table(self) -> list[dict[str, Any]]:
        """One row per task: start phase in the base plan and in each scenario."""
        names = [sc.name for sc, _, _ in self.scenarios]
        rows = []
        for t in self.base.tasks:
            row: dict[str, Any] = {"task": t.id, "base": t.start_phase}
            for name, (_, res, _) in zip(names, self.scenarios, strict=True):
                other = res.task(t.id)
                row[name] = other.start_phase if other is not None else "removed"
            rows.append(row)
        return rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": _summary(self.base),
            "scenarios": [
                {
                    "name": sc.name,
                    "description": sc.description,
                    "changes": [c.describe() for c in sc.changes],
                    **_summary(res),
                    "what_changed": list(diff),
                }
                for sc, res, diff in self.scenarios
            ],
            "tasks": self.table(),
        }


def _summary(res: PlanResult) -> dict[str, Any]:
    return {
        "status": res.status,
        "objective": round(res.objective, 4),
        "gap": round(res.gap, 6) if res.gap != float("inf") else None,
        "scheduled": sum(t.start_phase is not None for t in res.tasks),
        "left_out": [t.id for t in res.tasks if t.start_phase is None],
    }


def _differences(base: PlanResult, other: PlanResult) -> tuple[str, ...]:
    out = []
    for t in base.tasks:
        o = other.task(t.id)
        if o is None:
            out.append(f"{t.id}: removed")
        elif t.start_phase != o.start_phase:
            if t.start_phase is None:
                out.append(f"{t.id}: now scheduled in phase {o.start_phase} (was left out)")
            elif o.start_phase is None:
                out.append(f"{t.id}: now left out (was phase {t.start_phase})")
            else:
                word = "earlier" if o.start_phase < t.start_phase else "later"
                out.append(f"{t.id}: phase {t.start_phase} -> {o.start_phase} ({word})")
    delta = other.objective - base.objective
    out.append(f"total value {base.objective:,.1f} -> {other.objective:,.1f} ({delta:+,.1f})")
    return tuple(out)


def compare_scenarios(
    plan: Plan, time_limit: float = 10.0, names: list[str] | None = None
) -> ScenarioComparison:
    """Solve the base plan and every scenario (or the ``names`` given) side by side."""
    chosen = list(plan.scenarios)
    if names:
        known = {s.name for s in plan.scenarios}
        unknown = [n for n in names if n not in known]
        if unknown:
            raise InputError(
                f"unknown scenario(s) {', '.join(unknown)} (plan has: "
                f"{', '.join(sorted(known)) or 'none'})"
            )
        chosen = [s for s in plan.scenarios if s.name in names]
    base = solve_plan(plan, time_limit, with_needed=False)
    results = []
    for sc in chosen:
        res = solve_plan(
            apply_scenario(plan, sc),
            time_limit,
            with_needed=False,
            scenario=sc.name,
            prefer=base.starts,
        )
        results.append((sc, res, _differences(base, res)))
    return ScenarioComparison(base, tuple(results))
