"""Plan tasks from a parsed mandate: one task per mandated task and modality, weighted by
the priority tier of the paragraphs that carry it. Duration, demand, dependencies and
preconditions are left for the planner to fill in (they are not in the text)."""

from __future__ import annotations

from typing import Any

from peaceops.mandates.model import Resolution, Tier
from peaceops.planning.loader import DEFAULT_TIER_WEIGHTS

__all__ = ["draft_plan", "tasks_from_resolution"]

_TIER_ORDER = [
    Tier.STRATEGIC_PRIMARY,
    Tier.STRATEGIC_SECOND,
    Tier.PRIORITY,
    Tier.OTHER,
    Tier.NONE,
]


def _task_names() -> dict[str, str]:
    try:
        from peaceops.mandates.taxonomy import load_taxonomy

        return {t.code: t.name for t in load_taxonomy()}
    except (ImportError, OSError):
        return {}


def tasks_from_resolution(res: Resolution) -> list[dict[str, Any]]:
    """Plan-file task entries (plain data, as in YAML) for the tasks found in ``res``.

    A task's tier is the highest tier among the paragraphs that carry it, and its weight
    follows from the tier (editable in the plan file).
    """
    names = _task_names()
    tiers = {p.id: p.tier for p in res.operative}
    out: list[dict[str, Any]] = []
    for mention in res.tasks:
        found = [tiers.get(pid, Tier.NONE) for pid in mention.paragraphs]
        tier = min(found, key=_TIER_ORDER.index) if found else Tier.NONE
        out.append(
            {
                "id": f"{mention.task}-{mention.modality.value}".lower(),
                "name": f"{names.get(mention.task, mention.task)} ({mention.modality.value})",
                "tier": tier.value,
                "weight": DEFAULT_TIER_WEIGHTS[tier.value],
                "duration": 1,
                "paragraphs": list(mention.paragraphs),
                "demand": {},
            }
        )
    return out


def _draft_notes(res: Resolution, mission: str) -> list[str]:
    notes = [
        f"Tasks drafted from {res.label}; set durations, demand, dependencies and "
        "preconditions, and the capacity of each resource."
    ]
    if res.coded:
        notes.append(
            f"{res.symbol} is coded by PEMA: tasks, modalities and paragraph ids from expert "
            "coding, no text and no priority tiers (every task gets the weight of tier 'none')."
        )
    from peaceops.mandates.facts import ceiling_in_force

    force = None
    if res.ceiling is not None:
        from peaceops.mandates.facts import CeilingInForce

        force = CeilingInForce(res.ceiling, res.date)
    elif mission and (res.date or res.year):
        force = ceiling_in_force(mission, res.date or res.year or 0)
    if force is not None:
        notes.append(
            f"Authorised ceiling: {force.describe()}; troops and police for the tasks are a "
            "share of it (a capacity above it is a warning)."
        )
    return notes


def draft_plan(res: Resolution, phases: int = 6) -> dict[str, Any]:
    """A plan skeleton (plain data) to complete: tasks from the mandate, empty capacities."""
    mission = res.missions[0] if res.missions else ""
    return {
        "name": f"{mission or res.symbol} plan from {res.symbol}".strip(),
        "mission": mission,
        "phases": phases,
        "notes": _draft_notes(res, mission),
        "resources": {
            "troops": {"capacity": 0},
            "police": {"capacity": 0},
            "air_assets": {"capacity": 0},
            "civilian_staff": {"capacity": 0},
            "budget": {"capacity": 0},
        },
        "conditions": {},
        "tasks": tasks_from_resolution(res),
    }
