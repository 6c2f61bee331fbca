"""Plans follow the strategy: preconditions bound to assumptions take their current status."""

from __future__ import annotations

from datetime import date

from peaceops.planning.assumptions import follow_assumptions, uses_assumptions
from peaceops.planning.model import Plan
from peaceops.strategy.status import strategy_status
from peaceops.strategy.store import load_strategy
from peaceops.workspace import Workspace

__all__ = ["assumption_statuses", "follow_strategy"]


def assumption_statuses(ws: Workspace, as_of: date | None = None) -> dict[str, str]:
    """Each assumption's status (judged and computed combined); empty without a strategy."""
    if load_strategy(ws, as_of) is None:
        return {}
    return {a.id: a.status for a in strategy_status(ws, as_of).assumptions}


def follow_strategy(ws: Workspace, plan: Plan, as_of: date | None = None) -> Plan:
    """``plan`` with its assumption-bound preconditions set from the workspace's strategy."""
    if not uses_assumptions(plan):
        return plan
    return follow_assumptions(plan, assumption_statuses(ws, as_of))
