"""Plan reports in Markdown: sequence, reasons, capacity mismatch, scenarios."""

from __future__ import annotations

import json
from pathlib import Path

from peaceops.errors import NotFoundError
from peaceops.events.facts import event_years
from peaceops.planning.alignment import AlignmentResult
from peaceops.planning.analysis import fmt
from peaceops.planning.result import PlanResult
from peaceops.planning.scenarios import ScenarioComparison
from peaceops.workspace import Workspace

__all__ = [
    "alignment_markdown",
    "comparison_markdown",
    "plan_markdown",
    "state_forces_markdown",
    "write_markdown",
    "write_plan_report",
]


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def plan_markdown(result: PlanResult) -> str:
    plan = result.plan
    gap = "" if result.status == "optimal" else f", gap {result.gap:.2%}"
    lines = [
        f"# Plan: {plan.name}",
        "",
        *(
            [
                "**ILLUSTRATIVE**: an example plan shipped with peaceops; its tasks, demands "
                "and capacities show how the planner works, not a real plan.",
                "",
            ]
            if plan.illustrative
            else []
        ),
        f"Solver status: **{result.status}**{gap}; total value {result.objective:,.1f} "
        f"over {plan.phases} phases ({result.seconds:.2f} s).",
        "",
    ]
    scheduled = [t for t in result.tasks if t.start_phase is not None]
    left = [t for t in result.tasks if t.start_phase is None]
    deferred = [t for t in result.tasks if t.state == "deferred"]
    lines.append(
        f"{len(scheduled)} of {len(result.tasks)} tasks scheduled, {len(deferred)} deferred "
        f"beyond their earliest phase, {len(left)} left out."
    )
    lines += ["", "## Sequence", "", "| Task | Weight | Earliest | Start | End | State |"]
    lines.append("|---|---:|---:|---:|---:|---|")
    for t in sorted(result.tasks, key=lambda t: (t.start_phase or 99, -t.weight)):
        lines.append(
            f"| {_cell(t.name)} (`{t.id}`) | {fmt(t.weight)} | {t.earliest_phase or '–'} | "
            f"{plan.phase_label(t.start_phase) if t.start_phase else '–'} | "
            f"{plan.phase_label(t.end_phase) if t.end_phase else '–'} | {t.state} |"
        )
    explained = [t for t in result.tasks if t.reasons and t.state != "on time"]
    if explained:
        lines += ["", "## Deferred and left-out tasks", ""]
        for t in explained:
            lines.append(f"- **{_cell(t.name)}** (`{t.id}`, {t.state}):")
            lines += [f"  - {_cell(r)}" for r in t.reasons]
    lines += [
        "",
        "## Capacity: demand against capacity per resource and phase",
        "",
        "'Needed' is the capacity that would let every schedulable task in "
        f"(minimum-capacity solve: {result.needed_status}).",
        "",
        "| Resource | Phase | Planned demand | Capacity | Needed | Shortfall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for c in result.capacity:
        if c.demand or c.shortfall:
            lines.append(
                f"| {c.resource} | {c.phase} | {fmt(c.demand)} | {fmt(c.capacity)} | "
                f"{fmt(c.needed)} | {fmt(c.shortfall) if c.shortfall else '–'} |"
            )
    if plan.notes or plan.sources:
        lines += ["", "## Notes and sources", ""]
        lines += [f"- {_cell(n)}" for n in plan.notes]
        lines += [f"- Source: {_cell(s)}" for s in plan.sources]
    return "\n".join(lines) + "\n"


def comparison_markdown(comparison: ScenarioComparison) -> str:
    data = comparison.to_dict()
    lines = [f"# Scenarios: {comparison.base.plan.name}", ""]
    lines += [
        "| Scenario | Status | Total value | Scheduled | Left out |",
        "|---|---|---:|---:|---|",
    ]
    base = data["base"]
    lines.append(
        f"| base | {base['status']} | {base['objective']:,.1f} | {base['scheduled']} | "
        f"{', '.join(base['left_out']) or '–'} |"
    )
    for s in data["scenarios"]:
        lines.append(
            f"| {_cell(s['name'])} | {s['status']} | {s['objective']:,.1f} | {s['scheduled']} | "
            f"{', '.join(s['left_out']) or '–'} |"
        )
    for s in data["scenarios"]:
        lines += ["", f"## {s['name']}", ""]
        if s["description"]:
            lines += [_cell(s["description"]), ""]
        lines.append("Changes: " + "; ".join(s["changes"]))
        lines.append("")
        lines += [f"- {_cell(x)}" for x in s["what_changed"]]
    return "\n".join(lines) + "\n"


def state_forces_markdown(ws: Workspace, result: PlanResult) -> str:
    """For each task that supports a state force: that force's civilian-targeting record over
    the last 12 months of data (human-rights due diligence before support). Empty when no
    task supports one; a note when the workspace has no events."""
    from peaceops.actors.support import plan_task_records

    tasks = [(t.id, t.name) for t in result.plan.tasks]
    try:
        records = plan_task_records(ws, tasks)
    except NotFoundError:
        records = None
    lines = ["", "## Support to state forces: their record against civilians", ""]
    if records is None:
        return "\n".join([*lines, "No conflict events in the workspace: no record to show.", ""])
    if not records:
        return ""
    lines += [
        "Civilian-targeting events with the supported force as perpetrator, last 12 months of "
        "data (actor registry and the workspace's events; see docs/actors.md)."
        + (
            " The tasks are illustrative; the records come from the events."
            if result.plan.illustrative
            else ""
        ),
        "",
        "| Task | Force | Period | Events | Civilian fatalities | Share of all |",
        "|---|---|---|---:|---:|---:|",
    ]
    for r in records:
        rec = r.record
        period = f"{rec.start} to {rec.end}" + (" (partial)" if rec.partial else "")
        lines.append(
            f"| {_cell(r.task_name)} (`{r.task_id}`) | {_cell(r.force)} | {period} | "
            f"{rec.events:,} | {rec.fatalities:,} | {rec.share:.0%} |"
        )
    return "\n".join([*lines, ""])


def write_markdown(text: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def alignment_markdown(result: AlignmentResult) -> str:
    lines = [
        f"# {result.mission} {result.year}: deployment against threat",
        "",
        "| Region group | Troops | Troop share | Civilian fatalities | Fatality share | "
        "Difference |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in result.rows:
        d = r.difference
        lines.append(
            f"| {r.region} | {fmt(r.troops)} | {r.troop_share:.1%} | "
            f"{r.civilian_fatalities if r.civilian_fatalities is not None else '–'} | "
            f"{f'{r.fatality_share:.1%}' if r.fatality_share is not None else '–'} | "
            f"{f'{d:+.1%}' if d is not None else '–'} |"
        )
    lines.append("")
    lines += [f"- {_cell(n)}" for n in result.notes]
    lines += [f"- Source: {_cell(s)}" for s in result.sources]
    return "\n".join(lines) + "\n"


def write_plan_report(ws: Workspace, out_dir: Path, time_limit: float = 10.0) -> list[Path]:
    """The workspace's plan as Markdown and JSON with its phase chart, the scenarios, and
    deployment against threat for the plan's mission (when deployments are available)."""
    from peaceops.planning.plan_solve import solve_plan
    from peaceops.planning.scenarios import compare_scenarios
    from peaceops.planning.store import current_plan
    from peaceops.reports.plan_charts import phase_chart, write_alignment_charts
    from peaceops.reports.render import save_chart
    from peaceops.strategy.plan_link import follow_strategy

    plan = current_plan(ws)
    if plan is None:
        raise NotFoundError("no plan in this workspace", missing="a plan", remedy="plan.save")
    plan = follow_strategy(ws, plan)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = solve_plan(plan, time_limit)
    parts = [plan_markdown(result)]
    forces = state_forces_markdown(ws, result)
    if forces:
        parts.append(forces)
    outputs = [save_chart(phase_chart(result), out_dir / "plan_phases.svg")]
    if plan.scenarios:
        parts.append(comparison_markdown(compare_scenarios(plan, time_limit)))
    align = _latest_alignment(ws, plan.mission)
    if align is not None:
        parts.append(alignment_markdown(align))
        outputs += write_alignment_charts(
            ws, align, out_dir / "plan_alignment.svg", out_dir / "plan_alignment_map.svg"
        )
    md = out_dir / "plan.md"
    md.write_text("\n".join(parts), encoding="utf-8")
    js = out_dir / "plan.json"
    data = result.to_dict()
    data["grade"] = "illustrative" if plan.illustrative else "real"
    js.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return [md, js, *outputs]


def _latest_alignment(ws: Workspace, mission: str) -> AlignmentResult | None:
    """Alignment for the mission's latest year with both deployments and events, if any."""
    from peaceops.planning.alignment import alignment
    from peaceops.planning.deployments import load_deployments

    if not mission:
        return None
    try:
        table, _ = load_deployments(ws)
    except NotFoundError:
        return None
    years = table.years(mission)
    if not years:
        return None
    events_years = event_years(ws)  # none: the alignment still shows troop shares
    both = [y for y in years if y in events_years]
    return alignment(ws, mission, (both or years)[-1])
