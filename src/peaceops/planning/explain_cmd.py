"""Explanations for a whole plan: the solve's reasons plus re-solving probes per task."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peaceops.errors import InputError
from peaceops.planning.analysis import analyse
from peaceops.planning.evidence import evidence_lines
from peaceops.planning.explain import Probe, probe_task
from peaceops.planning.model import Plan
from peaceops.planning.plan_solve import solve_plan
from peaceops.planning.result import TaskOutcome

__all__ = ["TaskExplanation", "explain_plan"]


@dataclass(frozen=True)
class TaskExplanation:
    outcome: TaskOutcome
    probes: tuple[Probe, ...]
    # What the task's preconditions rest on (agreement provisions at a level, with sources).
    evidence: tuple[str, ...] = ()

    def text(self) -> str:
        t = self.outcome
        where = (
            f"starts in phase {t.start_phase} (earliest possible {t.earliest_phase})"
            if t.start_phase is not None
            else "left out of the plan"
        )
        lines = [f"{t.id} ({t.name}): {where}"]
        lines += [f"  - {r}" for r in t.reasons] or ["  - no binding reason"]
        lines += [f"  * {p.words()}" for p in self.probes]
        lines += [f"  evidence: {e}" for e in self.evidence]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.outcome.to_dict(),
            "probes": [
                {
                    "change": p.description,
                    "objective_before": p.objective_before,
                    "objective_after": p.objective_after,
                    "start_phase_after": p.start_after,
                    "moved": list(p.moved),
                }
                for p in self.probes
            ],
            "evidence": list(self.evidence),
        }


def explain_plan(
    plan: Plan, task_id: str | None = None, time_limit: float = 10.0, max_probes: int = 30
) -> list[TaskExplanation]:
    """Explain one task, or every task that is deferred, waits or is left out, or whose
    preconditions rest on agreement evidence (so the evidence is cited)."""
    if task_id is not None and plan.task(task_id) is None:
        raise InputError(
            f"no task '{task_id}' in plan '{plan.name}' (tasks: "
            + ", ".join(t.id for t in plan.tasks[:20])
            + ("..." if len(plan.tasks) > 20 else "")
            + ")"
        )
    result = solve_plan(plan, time_limit, with_needed=False)
    facts = analyse(plan)
    starts = result.starts
    with_evidence = {t.id for t in plan.tasks if evidence_lines(plan, t.preconditions)}
    chosen = [
        t
        for t in result.tasks
        if t.id == task_id or (task_id is None and (t.state != "on time" or t.id in with_evidence))
    ]
    out = []
    probe_limit = min(2.0, time_limit)
    for i, outcome in enumerate(chosen):
        task = plan.task(outcome.id)
        assert task is not None
        probes: list[Probe] = []
        if i < max_probes:
            probes = probe_task(plan, facts, starts, result.objective, task, probe_limit)
        said = " ".join(outcome.reasons)  # evidence a reason already cites is not repeated
        unsaid = tuple(c for c in task.preconditions if plan.conditions[c].evidence not in said)
        cited = evidence_lines(plan, unsaid)
        out.append(TaskExplanation(outcome, tuple(probes), cited))
    return out
