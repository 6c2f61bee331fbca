"""Preconditions that follow the political strategy's assumptions.

A plan's condition may name a strategy assumption (``assumption: AS2``) instead of, or besides,
a fixed status. ``follow_assumptions`` sets each such condition from the assumption's current
status, so sequencing follows the strategy:

- holds -> met;
- at risk -> expected from the condition's ``phase`` when one is given, else unknown;
- fails -> unmet (expected from ``phase`` when one is given, else never);
- unknown, or an assumption the strategy does not have -> unknown (the plan's
  ``unknown_conditions`` policy decides).

The statuses come from the strategy (``peaceops.strategy.plan_link``); this module stays pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from peaceops.planning.model import Condition, ConditionStatus, Plan

__all__ = ["follow_assumptions", "uses_assumptions"]


def uses_assumptions(plan: Plan) -> bool:
    """True when any condition of ``plan`` follows a strategy assumption."""
    return any(c.assumption for c in plan.conditions.values())


def _follow(cond: Condition, status: str | None) -> Condition:
    phase = cond.expected_phase
    if status is None:
        return replace(
            cond,
            status=ConditionStatus.UNKNOWN,
            note=f"strategy assumption {cond.assumption} not found in the workspace's strategy",
        )
    note = f"follows strategy assumption {cond.assumption}: {status}"
    if status == "holds":
        return replace(cond, status=ConditionStatus.MET, note=note)
    if status == "at risk":
        if phase is not None:
            return replace(cond, status=ConditionStatus.EXPECTED, note=note)
        return replace(cond, status=ConditionStatus.UNKNOWN, note=note)
    if status == "fails":
        return replace(cond, status=ConditionStatus.UNMET, note=note)
    return replace(cond, status=ConditionStatus.UNKNOWN, note=note)


def follow_assumptions(plan: Plan, statuses: Mapping[str, str]) -> Plan:
    """``plan`` with every assumption-bound condition set from ``statuses`` (id -> status)."""
    if not uses_assumptions(plan):
        return plan
    conditions = {
        name: _follow(c, statuses.get(c.assumption)) if c.assumption else c
        for name, c in plan.conditions.items()
    }
    return replace(plan, conditions=conditions)
