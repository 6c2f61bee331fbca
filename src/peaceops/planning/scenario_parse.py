"""Scenarios in plan data: named lists of changes (capacity, condition, weight, remove)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from peaceops.planning.model import Change, ConditionStatus, Scenario
from peaceops.planning.parse_values import Problems, number, whole

__all__ = ["parse_change", "parse_scenarios"]


def parse_scenarios(raw: Any, problems: Problems) -> tuple[Scenario, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.add("scenarios: expected a list")
        return ()
    out: list[Scenario] = []
    for i, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping) or not item.get("name"):
            problems.add(f"scenarios[{i}]: a scenario needs a 'name'")
            continue
        sname = str(item["name"])
        changes: list[Change] = []
        for j, ch in enumerate(item.get("changes") or [], start=1):
            change = parse_change(ch, f"scenario '{sname}' change {j}", problems)
            if change is not None:
                changes.append(change)
        out.append(Scenario(sname, str(item.get("description") or ""), tuple(changes)))
    return tuple(out)


def _opt_number(spec: Mapping[str, Any], key: str, where: str, problems: Problems) -> float | None:
    return number(spec[key], f"{where}.{key}", problems) if spec.get(key) is not None else None


def parse_change(spec: Any, where: str, problems: Problems) -> Change | None:
    if not isinstance(spec, Mapping):
        problems.add(f"{where}: expected a mapping")
        return None
    if "capacity" in spec:
        delta = _opt_number(spec, "delta", where, problems)
        factor = _opt_number(spec, "factor", where, problems)
        value = _opt_number(spec, "value", where, problems)
        if sum(x is not None for x in (delta, factor, value)) != 1:
            problems.add(f"{where}: give exactly one of delta, factor, value")
            return None
        if (value is not None and value < 0) or (factor is not None and factor < 0):
            problems.add(f"{where}: negative capacity")
            return None
        from_phase = (
            whole(spec["from_phase"], f"{where}.from_phase", problems)
            if spec.get("from_phase") is not None
            else None
        )
        return Change(
            "capacity",
            resource=str(spec["capacity"]),
            delta=delta,
            factor=factor,
            value=value,
            from_phase=from_phase,
        )
    if "condition" in spec:
        slip = spec.get("slip")
        if slip is not None and (isinstance(slip, bool) or not isinstance(slip, int)):
            problems.add(f"{where}: slip must be a whole number of phases")
            return None
        status = None
        if spec.get("status") is not None:
            try:
                status = ConditionStatus(str(spec["status"]))
            except ValueError:
                problems.add(f"{where}: unknown status {spec['status']!r}")
                return None
        phase = (
            whole(spec["phase"], f"{where}.phase", problems)
            if spec.get("phase") is not None
            else None
        )
        if slip is None and status is None and phase is None:
            problems.add(f"{where}: give slip, status or phase")
            return None
        return Change(
            "condition",
            condition=str(spec["condition"]),
            slip=slip,
            status=status,
            expected_phase=phase,
        )
    if "weight" in spec:
        factor = _opt_number(spec, "factor", where, problems)
        value = _opt_number(spec, "value", where, problems)
        if (factor is None) == (value is None):
            problems.add(f"{where}: give exactly one of factor, value")
            return None
        return Change("weight", task=str(spec["weight"]), factor=factor, value=value)
    if "remove" in spec:
        return Change("remove", task=str(spec["remove"]))
    problems.add(f"{where}: unknown change (use capacity, condition, weight or remove)")
    return None
