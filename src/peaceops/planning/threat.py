"""Threat weighting: raise the weight of tasks in regions where civilians are hit hardest.

The regional share comes from the event analysis: civilian fatalities in the last four
quarters up to ``end``, by region group. A task's weight becomes
``weight x (1 + factor x share of its region)``; tasks without a region group keep theirs.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from peaceops.errors import InputError, NotFoundError
from peaceops.period import quarter_start
from peaceops.planning.model import Plan
from peaceops.workspace import Workspace

__all__ = ["apply_threat_weights", "threat_shares"]


def threat_shares(ws: Workspace, end: date | None = None) -> tuple[dict[str, float], str]:
    """Share of civilian fatalities per region group over the four quarters ending with the
    quarter of ``end`` (default: the latest event), and the period in words."""
    from peaceops.events.analysis import event_range, series

    if end is None:
        try:
            span = event_range(ws)
        except NotFoundError:
            span = None
        if span is None:
            raise NotFoundError(
                "no events in the workspace to weight by",
                missing="conflict events",
                remedy="events.import",
            )
        end = span[1]
    assert end is not None
    first = quarter_start(end)
    for _ in range(3):
        first = quarter_start(first - timedelta(days=1))
    df = series(ws, by="quarter", group="region", civilian=True, start=first, end=end)
    totals: dict[str, int] = {}
    for r in df.iter_rows(named=True):
        if r["region"]:
            totals[str(r["region"])] = totals.get(str(r["region"]), 0) + int(r["fatalities"])
    grand = sum(totals.values())
    shares = {k: (v / grand if grand else 0.0) for k, v in totals.items()}
    return shares, f"{first.isoformat()} to {end.isoformat()}"


def apply_threat_weights(plan: Plan, shares: dict[str, float], factor: float = 1.0) -> Plan:
    """The plan with weights raised by each task's regional share of civilian fatalities."""
    if factor < 0:
        raise InputError("the threat factor cannot be negative")
    tasks = tuple(
        replace(t, weight=round(t.weight * (1 + factor * shares[t.region]), 2))
        if t.region in shares
        else t
        for t in plan.tasks
    )
    note = "Weights raised by regional civilian-fatality shares: " + ", ".join(
        f"{k} {v:.0%}" for k, v in sorted(shares.items())
    )
    return replace(plan, tasks=tasks, notes=(*plan.notes, note))
