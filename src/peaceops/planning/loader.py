"""Read a plan file (YAML) into a validated ``Plan``.

Every problem in the file is collected and reported together in one ``InputError`` that
names the items (task ids, condition names, resources), so a planner can fix a file in one
go. Nothing is dropped silently: a file either loads completely or not at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from peaceops.errors import InputError
from peaceops.planning.model import (
    Change,
    Condition,
    ConditionStatus,
    Plan,
    PlanTask,
    Scenario,
    UnknownPolicy,
)

__all__ = [
    "DEFAULT_TIER_WEIGHTS",
    "cross_check",
    "find_cycle",
    "load_plan",
    "parse_plan",
    "validate_plan",
]

# Strategic weight from the priority tier of the mandate paragraph carrying the task.
DEFAULT_TIER_WEIGHTS: dict[str, float] = {
    "strategic_priority_primary": 10.0,
    "strategic_priority_second": 8.0,
    "priority_task": 5.0,
    "other_task": 3.0,
    "none": 2.0,
}


def load_plan(path: Path | str, deployments_csv: Path | None = None) -> Plan:
    """Read and validate a plan file.

    Args:
        path: a YAML plan file, or an Excel workbook (see ``peaceops.planning.excel``).
        deployments_csv: a Geo-PKO ``FrontMap`` CSV; when given, resources with a ``geopko``
            block take their capacity from the deployment data.

    Raises:
        InputError: the file is missing, not YAML, or invalid (every problem named).
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"plan file {p} not found")
    if p.suffix.lower() == ".xlsx":
        from peaceops.planning.excel import read_plan_workbook

        return parse_plan(read_plan_workbook(p), source=p.name, deployments_csv=deployments_csv)
    if p.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(f"{p.name}: a plan file must be YAML (.yaml, .yml) or Excel (.xlsx)")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"{p.name}: not valid YAML: {_first_line(str(exc))}") from None
    return parse_plan(data, source=p.name, deployments_csv=deployments_csv)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, message: str) -> None:
        self.items.append(message)


def _num(value: Any, where: str, problems: _Problems) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.add(f"{where}: {value!r} is not a number")
        return None
    return float(value)


def _int(value: Any, where: str, problems: _Problems, minimum: int = 1) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        problems.add(f"{where}: {value!r} is not a whole number")
        return None
    if value < minimum:
        problems.add(f"{where}: {value} is below {minimum}")
        return None
    return value


def _str_list(value: Any, where: str, problems: _Problems) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        return tuple(str(v) for v in value)
    problems.add(f"{where}: expected a list of names")
    return ()


def _series(value: Any, length: int, where: str, problems: _Problems) -> tuple[float, ...] | None:
    """A number (same in every slot) or a list of exactly ``length`` non-negative numbers."""
    if isinstance(value, list):
        if len(value) != length:
            problems.add(f"{where}: {len(value)} values given, {length} expected")
            return None
        nums = [_num(v, where, problems) for v in value]
        if any(n is None for n in nums):
            return None
        out = tuple(n for n in nums if n is not None)
    else:
        n = _num(value, where, problems)
        if n is None:
            return None
        out = (n,) * length
    if any(v < 0 for v in out):
        problems.add(f"{where}: negative value {min(out):g}")
        return None
    return out


def parse_plan(data: Any, source: str = "plan", deployments_csv: Path | None = None) -> Plan:
    """Validate a plan given as plain data (the parsed YAML)."""
    if not isinstance(data, Mapping):
        raise InputError(f"{source}: a plan file must be a mapping with 'phases', 'tasks', ...")
    problems = _Problems()
    name = str(data.get("name") or Path(source).stem)
    phases = _int(data.get("phases"), "phases", problems)
    if phases is None:
        raise InputError(f"{source}: invalid plan: " + "; ".join(problems.items))
    labels = _str_list(data.get("phase_labels"), "phase_labels", problems)
    if labels and len(labels) != phases:
        problems.add(f"phase_labels: {len(labels)} labels for {phases} phases")
    try:
        policy = UnknownPolicy(str(data.get("unknown_conditions", "block")))
    except ValueError:
        problems.add("unknown_conditions: use 'block' or 'assume_met'")
        policy = UnknownPolicy.BLOCK
    sources = list(_str_list(data.get("sources"), "sources", problems))
    notes = list(_str_list(data.get("notes"), "notes", problems))

    capacity = _parse_resources(data.get("resources"), phases, problems, deployments_csv)
    for _resource, (_, note, citation) in capacity.items():
        if note:
            notes.append(note)
        if citation and citation not in sources:
            sources.append(citation)
    conditions = _parse_conditions(data.get("conditions"), problems)
    weights = dict(DEFAULT_TIER_WEIGHTS)
    raw_weights = data.get("tier_weights") or {}
    if isinstance(raw_weights, Mapping):
        for k, v in raw_weights.items():
            n = _num(v, f"tier_weights.{k}", problems)
            if n is not None:
                weights[str(k)] = n
    tasks = _parse_tasks(data.get("tasks"), set(capacity), weights, problems)
    scenarios = _parse_scenarios(data.get("scenarios"), problems)
    plan = Plan(
        name=name,
        mission=str(data.get("mission") or ""),
        phases=phases,
        phase_labels=labels,
        resources=tuple(capacity),
        capacity={r: c[0] for r, c in capacity.items()},
        conditions=conditions,
        tasks=tasks,
        unknown_conditions=policy,
        scenarios=scenarios,
        sources=tuple(sources),
        notes=tuple(notes),
    )
    problems.items.extend(cross_check(plan))
    if problems.items:
        raise InputError(f"{source}: invalid plan: " + "; ".join(problems.items))
    return plan


def _parse_resources(
    raw: Any, phases: int, problems: _Problems, deployments_csv: Path | None
) -> dict[str, tuple[tuple[float, ...], str, str]]:
    """resource -> (capacity per phase, derivation note, citation)."""
    out: dict[str, tuple[tuple[float, ...], str, str]] = {}
    if not isinstance(raw, Mapping) or not raw:
        problems.add("resources: give at least one resource with its capacity")
        return out
    for name, spec in raw.items():
        rname = str(name)
        where = f"resources.{rname}"
        if not isinstance(spec, Mapping):
            spec = {"capacity": spec}
        note, citation = "", ""
        cap: tuple[float, ...] | None = None
        geo = spec.get("geopko")
        if geo is not None and deployments_csv is not None:
            from peaceops.planning.geopko import GEOPKO_CITATION, capacity_from_geopko

            try:
                cap, note = capacity_from_geopko(geo, phases, deployments_csv)
                citation = GEOPKO_CITATION
            except InputError as exc:
                problems.add(f"{where}.geopko: {exc}")
                continue
        elif "capacity" in spec:
            cap = _series(spec["capacity"], phases, f"{where}.capacity", problems)
        elif geo is not None:
            problems.add(
                f"{where}: capacity comes from Geo-PKO deployments: pass the FrontMap table "
                "(--deployments FILE) or give a fallback 'capacity'"
            )
        else:
            problems.add(f"{where}: no capacity given")
        if cap is not None:
            out[rname] = (cap, note, citation)
        elif rname not in out:
            # keep the name known so tasks referring to it do not add a second problem
            out[rname] = ((0.0,) * phases, "", "")
    return out


def _parse_conditions(raw: Any, problems: _Problems) -> dict[str, Condition]:
    out: dict[str, Condition] = {}
    if raw is None:
        return out
    if not isinstance(raw, Mapping):
        problems.add("conditions: expected a mapping of condition name -> status")
        return out
    for name, spec in raw.items():
        cname = str(name)
        where = f"conditions.{cname}"
        if isinstance(spec, str):
            spec = {"status": spec}
        if not isinstance(spec, Mapping):
            problems.add(f"{where}: expected 'status' and optionally 'phase'")
            continue
        try:
            status = ConditionStatus(str(spec.get("status", "")).strip().lower())
        except ValueError:
            problems.add(
                f"{where}: status {spec.get('status')!r} is not one of met, expected, "
                "unmet, unknown"
            )
            continue
        phase = None
        if spec.get("phase") is not None:
            phase = _int(spec.get("phase"), f"{where}.phase", problems)
        if status is ConditionStatus.EXPECTED and phase is None:
            problems.add(f"{where}: status 'expected' needs the expected 'phase'")
            continue
        out[cname] = Condition(cname, status, phase, str(spec.get("note") or ""))
    return out


def _parse_tasks(
    raw: Any, resources: set[str], weights: Mapping[str, float], problems: _Problems
) -> tuple[PlanTask, ...]:
    if not isinstance(raw, list) or not raw:
        problems.add("tasks: give a list of tasks")
        return ()
    tasks: list[PlanTask] = []
    seen: set[str] = set()
    for i, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping) or not item.get("id"):
            problems.add(f"tasks[{i}]: a task needs at least an 'id'")
            continue
        tid = str(item["id"])
        where = f"task {tid}"
        if tid in seen:
            problems.add(f"{where}: duplicate id")
            continue
        seen.add(tid)
        duration = _int(item.get("duration", 1), f"{where}.duration", problems) or 1
        tier = str(item["tier"]) if item.get("tier") is not None else None
        if item.get("weight") is not None:
            weight = _num(item["weight"], f"{where}.weight", problems) or 0.0
        elif tier is not None:
            if tier not in weights:
                problems.add(f"{where}: unknown tier {tier!r} (known: {', '.join(weights)})")
            weight = weights.get(tier, 0.0)
        else:
            weight = weights["none"]
        if weight < 0:
            problems.add(f"{where}: negative weight {weight:g}")
        demand: dict[str, tuple[float, ...]] = {}
        raw_demand = item.get("demand") or {}
        if not isinstance(raw_demand, Mapping):
            problems.add(f"{where}.demand: expected resource -> amount")
            raw_demand = {}
        for rname, value in raw_demand.items():
            r = str(rname)
            if r not in resources:
                problems.add(f"{where}: demand for unknown resource '{r}'")
                continue
            series = _series(value, duration, f"{where}.demand.{r}", problems)
            if series is not None:
                demand[r] = series
        tasks.append(
            PlanTask(
                id=tid,
                name=str(item.get("name") or tid),
                weight=weight,
                duration=duration,
                region=str(item["region"]) if item.get("region") is not None else None,
                depends_on=_str_list(item.get("depends_on"), f"{where}.depends_on", problems),
                preconditions=_str_list(
                    item.get("preconditions"), f"{where}.preconditions", problems
                ),
                demand=demand,
                tier=tier,
                paragraphs=_str_list(item.get("paragraphs"), f"{where}.paragraphs", problems),
            )
        )
    return tuple(tasks)


def _parse_scenarios(raw: Any, problems: _Problems) -> tuple[Scenario, ...]:
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
            change = _parse_change(ch, f"scenario '{sname}' change {j}", problems)
            if change is not None:
                changes.append(change)
        out.append(Scenario(sname, str(item.get("description") or ""), tuple(changes)))
    return tuple(out)


def _opt_num(spec: Mapping[str, Any], key: str, where: str, problems: _Problems) -> float | None:
    return _num(spec[key], f"{where}.{key}", problems) if spec.get(key) is not None else None


def _parse_change(spec: Any, where: str, problems: _Problems) -> Change | None:
    if not isinstance(spec, Mapping):
        problems.add(f"{where}: expected a mapping")
        return None
    if "capacity" in spec:
        delta = _opt_num(spec, "delta", where, problems)
        factor = _opt_num(spec, "factor", where, problems)
        value = _opt_num(spec, "value", where, problems)
        if sum(x is not None for x in (delta, factor, value)) != 1:
            problems.add(f"{where}: give exactly one of delta, factor, value")
            return None
        if (value is not None and value < 0) or (factor is not None and factor < 0):
            problems.add(f"{where}: negative capacity")
            return None
        from_phase = (
            _int(spec["from_phase"], f"{where}.from_phase", problems)
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
            _int(spec["phase"], f"{where}.phase", problems)
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
        factor = _opt_num(spec, "factor", where, problems)
        value = _opt_num(spec, "value", where, problems)
        if (factor is None) == (value is None):
            problems.add(f"{where}: give exactly one of factor, value")
            return None
        return Change("weight", task=str(spec["weight"]), factor=factor, value=value)
    if "remove" in spec:
        return Change("remove", task=str(spec["remove"]))
    problems.add(f"{where}: unknown change (use capacity, condition, weight or remove)")
    return None


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
