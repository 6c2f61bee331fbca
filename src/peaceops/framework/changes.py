"""What changed between two versions of a framework, in words for the change log."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from peaceops.framework.model import Framework

__all__ = ["describe_changes"]


def _entities(fw: Framework) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for kind, items in (
        ("priority", fw.priorities),
        ("area", fw.areas),
        ("outcome", fw.outcomes),
        ("indicator", fw.indicators),
        ("benchmark", fw.benchmarks),
    ):
        for item in items:
            out[f"{kind} {item.id}"] = asdict(item)
    for link in fw.task_links:
        out[f"task link {link.task}->{link.outcome_id}"] = asdict(link)
    return out


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def describe_changes(old: Framework | None, new: Framework, limit: int = 12) -> str:
    """E.g. ``added indicator I7; changed indicator I1 (target_value 50.0 -> 80.0)``."""
    if old is None:
        return "first version"
    before, after = _entities(old), _entities(new)
    parts: list[str] = []
    for key in after:
        if key not in before:
            parts.append(f"added {key}")
        elif before[key] != after[key]:
            fields = [
                f"{f} {_short(before[key][f])} -> {_short(v)}"
                for f, v in after[key].items()
                if before[key].get(f) != v
            ]
            parts.append(f"changed {key} ({'; '.join(fields)})")
    parts.extend(f"removed {key}" for key in before if key not in after)
    head = [
        f"{name} {_short(getattr(old, name))} -> {_short(getattr(new, name))}"
        for name in ("id", "name", "mission", "resolution", "mandate_tasks")
        if getattr(old, name) != getattr(new, name)
    ]
    parts = head + parts
    if not parts:
        return "no changes"
    more = f"; and {len(parts) - limit} more" if len(parts) > limit else ""
    return "; ".join(parts[:limit]) + more
