"""Capacity above the authorised ceiling: a plan whose troops or police exceed what the Council
authorised in a phase's year gets a warning note (the plan still loads: the planner decides)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["ceiling_warnings", "phase_years"]

_CATEGORY = {"troops": "military", "military": "military", "police": "police"}


def phase_years(resources: Any, phases: int) -> tuple[str, list[int]] | None:
    """The mission and the year of each phase, from a resource's ``geopko`` block."""
    if not isinstance(resources, Mapping):
        return None
    for spec in resources.values():
        geo = spec.get("geopko") if isinstance(spec, Mapping) else None
        if not isinstance(geo, Mapping) or not geo.get("mission"):
            continue
        years = geo.get("years") or ([geo["year"]] if geo.get("year") is not None else [])
        if years and all(isinstance(y, int) for y in years):
            return str(geo["mission"]), [years[min(p, len(years) - 1)] for p in range(phases)]
    return None


def ceiling_warnings(
    resources: Any, capacity: Mapping[str, tuple[float, ...]], phases: int
) -> list[str]:
    """One warning per resource whose capacity is above the ceiling in some phase."""
    from peaceops.mandates.facts import ceiling_in_force

    found = phase_years(resources, phases)
    if found is None:
        return []
    mission, years = found
    out = []
    for name, values in capacity.items():
        category = _CATEGORY.get(name.lower())
        if category is None:
            continue
        over = []
        for phase, (value, year) in enumerate(zip(values, years, strict=False), start=1):
            force = ceiling_in_force(mission, year)
            limit = getattr(force.ceiling, category) if force is not None else None
            if limit is not None and value > limit:
                over.append((phase, value, limit, force))
        if over:
            phase, value, limit, force = over[0]
            where = force.citation() if force is not None else ""
            out.append(
                f"Warning: {name} capacity {value:,.0f} is above the authorised ceiling of "
                f"{limit:,} ({where}) in {len(over)} phase(s), first phase {phase}"
            )
    return out
