"""Read a plan file (YAML) into a validated ``Plan``.

Every problem in the file is collected and reported together in one ``InputError`` that
names the items (task ids, condition names, resources), so a planner can fix a file in one
go. Nothing is dropped silently: a file either loads completely or not at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from peaceops.errors import InputError
from peaceops.planning.checks import cross_check, find_cycle, validate_plan
from peaceops.planning.model import (
    Condition,
    ConditionStatus,
    Plan,
    PlanTask,
    UnknownPolicy,
)
from peaceops.planning.parse_values import Problems, names, number, series, whole
from peaceops.planning.scenario_parse import parse_scenarios

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


def _flag(value: Any, problems: Problems) -> bool:
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "1", "false", "no", "0"):
        return text in ("true", "yes", "1")
    problems.add(f"illustrative: use true or false, not {value!r}")
    return False


def parse_plan(data: Any, source: str = "plan", deployments_csv: Path | None = None) -> Plan:
    """Validate a plan given as plain data (the parsed YAML)."""
    if not isinstance(data, Mapping):
        raise InputError(f"{source}: a plan file must be a mapping with 'phases', 'tasks', ...")
    problems = Problems()
    name = str(data.get("name") or Path(source).stem)
    phases = whole(data.get("phases"), "phases", problems)
    if phases is None:
        raise InputError(f"{source}: invalid plan: " + "; ".join(problems.items))
    labels = names(data.get("phase_labels"), "phase_labels", problems)
    if labels and len(labels) != phases:
        problems.add(f"phase_labels: {len(labels)} labels for {phases} phases")
    try:
        policy = UnknownPolicy(str(data.get("unknown_conditions", "block")))
    except ValueError:
        problems.add("unknown_conditions: use 'block' or 'assume_met'")
        policy = UnknownPolicy.BLOCK
    sources = list(names(data.get("sources"), "sources", problems))
    notes = list(names(data.get("notes"), "notes", problems))

    capacity = _parse_resources(data.get("resources"), phases, problems, deployments_csv)
    for _resource, (_, note, citation) in capacity.items():
        if note:
            notes.append(note)
        if citation and citation not in sources:
            sources.append(citation)
    from peaceops.planning.ceiling_check import ceiling_warnings

    notes.extend(
        ceiling_warnings(data.get("resources"), {r: c[0] for r, c in capacity.items()}, phases)
    )
    conditions = _parse_conditions(data.get("conditions"), problems)
    weights = dict(DEFAULT_TIER_WEIGHTS)
    raw_weights = data.get("tier_weights") or {}
    if isinstance(raw_weights, Mapping):
        for k, v in raw_weights.items():
            n = number(v, f"tier_weights.{k}", problems)
            if n is not None:
                weights[str(k)] = n
    tasks = _parse_tasks(data.get("tasks"), set(capacity), weights, problems)
    scenarios = parse_scenarios(data.get("scenarios"), problems)
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
        illustrative=_flag(data.get("illustrative"), problems),
        conditions_as_of=_day(data.get("conditions_as_of"), "conditions_as_of", problems),
    )
    problems.items.extend(cross_check(plan))
    if problems.items:
        raise InputError(f"{source}: invalid plan: " + "; ".join(problems.items))
    return plan


def _parse_resources(
    raw: Any, phases: int, problems: Problems, deployments_csv: Path | None
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
            cap = series(spec["capacity"], phases, f"{where}.capacity", problems)
        elif geo is not None:
            problems.add(
                f"{where}: capacity comes from Geo-PKO deployments: give the FrontMap "
                "table of deployments or a fallback 'capacity'"
            )
        else:
            problems.add(f"{where}: no capacity given")
        if cap is not None:
            out[rname] = (cap, note, citation)
        elif rname not in out:
            # keep the name known so tasks referring to it do not add a second problem
            out[rname] = ((0.0,) * phases, "", "")
    return out


def _day(value: Any, where: str, problems: Problems) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        problems.add(f"{where}: {value!r} is not a date (YYYY-MM-DD)")
        return None


def _parse_conditions(raw: Any, problems: Problems) -> dict[str, Condition]:
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
        assumption = str(spec.get("assumption") or "").strip()
        provision = str(spec.get("provision") or "").strip() or None
        # A condition following a strategy assumption or resting on an agreement provision
        # may leave its status out: until it is checked, nothing is known.
        default = "unknown" if (assumption or provision) else ""
        try:
            status = ConditionStatus(str(spec.get("status", default)).strip().lower())
        except ValueError:
            problems.add(
                f"{where}: status {spec.get('status')!r} is not one of met, expected, "
                "unmet, unknown"
            )
            continue
        phase = None
        if spec.get("phase") is not None:
            phase = whole(spec.get("phase"), f"{where}.phase", problems)
        if status is ConditionStatus.EXPECTED and phase is None:
            problems.add(f"{where}: status 'expected' needs the expected 'phase'")
            continue
        min_level = 2
        if spec.get("level") is not None:
            if not provision:
                problems.add(f"{where}: 'level' goes with a 'provision' of the agreement")
            level = whole(spec.get("level"), f"{where}.level", problems, minimum=0)
            if level is not None and not 0 <= level <= 3:
                problems.add(f"{where}: level {level} is outside the scale 0-3")
            elif level is not None:
                min_level = level
        out[cname] = Condition(
            cname,
            status,
            phase,
            str(spec.get("note") or ""),
            assumption,
            provision=provision,
            min_level=min_level,
        )
    return out


def _parse_tasks(
    raw: Any, resources: set[str], weights: Mapping[str, float], problems: Problems
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
        duration = whole(item.get("duration", 1), f"{where}.duration", problems) or 1
        tier = str(item["tier"]) if item.get("tier") is not None else None
        if item.get("weight") is not None:
            weight = number(item["weight"], f"{where}.weight", problems) or 0.0
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
            values = series(value, duration, f"{where}.demand.{r}", problems)
            if values is not None:
                demand[r] = values
        tasks.append(
            PlanTask(
                id=tid,
                name=str(item.get("name") or tid),
                weight=weight,
                duration=duration,
                region=str(item["region"]) if item.get("region") is not None else None,
                depends_on=names(item.get("depends_on"), f"{where}.depends_on", problems),
                preconditions=names(item.get("preconditions"), f"{where}.preconditions", problems),
                demand=demand,
                tier=tier,
                paragraphs=names(item.get("paragraphs"), f"{where}.paragraphs", problems),
            )
        )
    return tuple(tasks)
