"""CLI commands: plan (solve, explain, compare, alignment, import-deployments, save, history,
report, draft)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from peaceops.commands.common import (
    TableFormat,
    UserOption,
    WorkspaceOption,
    console,
    emit_json,
    emit_records,
    open_workspace,
)

__all__ = [
    "alignment_command",
    "compare_command",
    "draft_command",
    "explain_command",
    "history_command",
    "import_deployments_command",
    "register",
    "report_command",
    "save_command",
    "solve_command",
]


class PlanFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ExplainFormat(StrEnum):
    """Explanations are text, not a table: no CSV."""

    table = "table"
    json = "json"
    markdown = "markdown"


FileArg = Annotated[Path, typer.Argument(help="Plan file (YAML).", show_default=False)]
TimeLimit = Annotated[
    float, typer.Option("--time-limit", help="Seconds allowed to each CP-SAT solve.")
]
Deployments = Annotated[
    Path | None,
    typer.Option(
        "--deployments",
        help="Geo-PKO FrontMap CSV: resources with a 'geopko' block take capacity from it.",
    ),
]
FormatOpt = Annotated[PlanFormat, typer.Option("--format", "-f", help="Output format.")]
ExplainFormatOpt = Annotated[ExplainFormat, typer.Option("--format", "-f", help="Output format.")]


def _load(file: Path, deployments: Path | None, workspace: Path | None = None) -> Any:
    """The plan file, its agreement-based preconditions checked against the workspace's
    tracker when there is a workspace (else they say they were not checked)."""
    from peaceops.errors import WorkspaceError
    from peaceops.planning import load_plan
    from peaceops.planning.evidence import apply_agreement_evidence

    plan = load_plan(file, deployments)
    if not any(c.provision for c in plan.conditions.values()):
        return plan
    try:
        ws = open_workspace(workspace)
    except WorkspaceError:
        return apply_agreement_evidence(plan, None)
    try:
        return apply_agreement_evidence(plan, ws)
    finally:
        ws.close()


def _follow_strategy(plan: Any, workspace: Path) -> Any:
    """Preconditions bound to strategy assumptions take their status from the workspace."""
    from peaceops.planning.assumptions import uses_assumptions

    if not uses_assumptions(plan):
        return plan
    from peaceops.strategy.plan_link import follow_strategy

    return follow_strategy(open_workspace(workspace), plan)


def solve_command(
    file: FileArg,
    fmt: FormatOpt = PlanFormat.table,
    time_limit: TimeLimit = 10.0,
    deployments: Deployments = None,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Write the phase chart (.svg/.png).")
    ] = None,
    threat_factor: Annotated[
        float | None,
        typer.Option(
            "--threat-factor",
            help="Raise task weights by F x their region's share of civilian fatalities "
            "in the last four quarters (events in the workspace).",
        ),
    ] = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Choose start phases (CP-SAT), with reasons for every deferred or left-out task."""
    from peaceops.planning import solve_plan
    from peaceops.reports.plan_report import plan_markdown

    plan = _follow_strategy(_load(file, deployments, workspace), workspace)
    if threat_factor is not None:
        from peaceops.planning.threat import apply_threat_weights, threat_shares

        shares, _ = threat_shares(open_workspace(workspace))
        plan = apply_threat_weights(plan, shares, threat_factor)
    from peaceops.reports.brief_grades import combine, events_grade, plan_grade

    graded = plan_grade(plan.illustrative, plan.name)
    if threat_factor is not None:
        graded = combine(graded, events_grade(open_workspace(workspace)))
    grade = graded[0]
    result = solve_plan(plan, time_limit)
    if chart is not None:
        from peaceops.reports.plan_charts import phase_chart
        from peaceops.reports.render import save_chart

        save_chart(phase_chart(result), chart)
    if fmt is PlanFormat.json:
        emit_json(result.to_dict(), grade=grade)
        return
    if fmt is PlanFormat.markdown:
        typer.echo(plan_markdown(result))
        return
    tasks = [
        {
            "task": t.id,
            "weight": t.weight,
            "earliest": t.earliest_phase,
            "start": t.start_phase,
            "end": t.end_phase,
            "state": t.state,
        }
        for t in result.tasks
    ]
    if fmt is PlanFormat.csv:
        emit_records(tasks, fmt, grade=grade)
        return
    gap = "" if result.status == "optimal" else f", gap {result.gap:.2%}"
    marked = "" if grade == "real" else f" ({grade})"
    console.print(
        f"Plan '{plan.name}': {result.status}{gap}, total value {result.objective:,.1f}{marked} "
        f"({result.seconds:.2f} s)"
    )
    emit_records(tasks, "table", title="Tasks", grade=grade)
    for t in result.tasks:
        if t.state != "on time":
            console.print(f"[bold]{t.id}[/bold] ({t.state}):", highlight=False)
            for reason in t.reasons:
                console.print(f"  - {reason}", highlight=False)
    short = [c for c in result.capacity if c.shortfall > 0]
    if short:
        emit_records(
            [c.to_dict() for c in short],
            "table",
            title="Capacity needed to schedule all",
            grade=grade,
        )
    for note in result.plan.notes:
        if note.startswith(("Troop capacity", "Warning")):
            console.print(note, highlight=False)
    if chart is not None:
        console.print(f"Phase chart written to {chart}")


def explain_command(
    file: FileArg,
    task: Annotated[
        str | None, typer.Argument(help="Task id (default: every deferred or left-out task).")
    ] = None,
    fmt: ExplainFormatOpt = ExplainFormat.table,
    time_limit: TimeLimit = 10.0,
    deployments: Deployments = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Why tasks are deferred or left out, checked by re-solving with each cause lifted;
    preconditions resting on agreement provisions cite the recorded evidence."""
    from peaceops.planning.explain_cmd import explain_plan

    plan = _follow_strategy(_load(file, deployments, workspace), workspace)
    explanations = explain_plan(plan, task, time_limit)
    if fmt is ExplainFormat.json:
        emit_json([e.to_dict() for e in explanations])
        return
    if not explanations:
        console.print("Every task starts at its earliest phase: nothing to explain.")
    for e in explanations:
        typer.echo(e.text())
        typer.echo("")


def compare_command(
    file: FileArg,
    scenario: Annotated[
        list[str] | None, typer.Option("--scenario", "-s", help="Only these scenarios.")
    ] = None,
    fmt: FormatOpt = PlanFormat.table,
    time_limit: TimeLimit = 10.0,
    deployments: Deployments = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Solve the what-if scenarios in the plan file side by side with the base plan."""
    from peaceops.planning import compare_scenarios
    from peaceops.reports.brief_grades import plan_grade
    from peaceops.reports.plan_report import comparison_markdown

    plan = _load(file, deployments, workspace)
    grade = plan_grade(plan.illustrative, plan.name)[0]
    comparison = compare_scenarios(plan, time_limit, scenario or None)
    if fmt is PlanFormat.json:
        emit_json(comparison.to_dict(), grade=grade)
        return
    if fmt is PlanFormat.markdown:
        typer.echo(comparison_markdown(comparison))
        return
    data = comparison.to_dict()
    rows = [{"scenario": "base", **{k: v for k, v in data["base"].items()}}]
    rows += [{"scenario": s["name"], **{k: s[k] for k in data["base"]}} for s in data["scenarios"]]
    for r in rows:
        r["left_out"] = ", ".join(r["left_out"])
    if fmt is PlanFormat.csv:
        emit_records(rows, fmt, grade=grade)
        return
    emit_records(rows, "table", title="Scenarios", grade=grade)
    emit_records(comparison.table(), "table", title="Start phase by scenario", grade=grade)
    for s in data["scenarios"]:
        console.print(f"[bold]{s['name']}[/bold] ({'; '.join(s['changes'])}):")
        for line in s["what_changed"]:
            console.print(f"  - {line}")


def alignment_command(
    mission: Annotated[str, typer.Option("--mission", "-m", help="Mission, e.g. MINUSMA.")],
    year: Annotated[int, typer.Option("--year", "-y", help="Calendar year.")],
    deployments: Deployments = None,
    fmt: FormatOpt = PlanFormat.table,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Write the shares chart (.svg/.png).")
    ] = None,
    map_file: Annotated[
        Path | None, typer.Option("--map", help="Write the deployment map (.svg/.png).")
    ] = None,
    strength: Annotated[
        float | None,
        typer.Option(
            "--strength", help="Deployed troops to scale Geo-PKO shares to (default: ceiling)."
        ),
    ] = None,
    strength_source: Annotated[
        str | None,
        typer.Option("--strength-source", help="Where the --strength figure comes from."),
    ] = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Troop shares against civilian-fatality shares by region group.

    Deployments from Geo-PKO (where troops are), scaled to the authorised ceiling or a
    deployed strength you give; civilian fatalities from the events in the workspace.
    """
    from peaceops.planning.alignment import alignment
    from peaceops.reports.brief_grades import events_grade
    from peaceops.reports.plan_report import alignment_markdown

    ws = open_workspace(workspace)
    result = alignment(
        ws, mission, year, deployments, strength=strength, strength_source=strength_source
    )
    grade = events_grade(ws)[0]  # the civilian fatalities; Geo-PKO deployments are published
    if chart is not None or map_file is not None:
        from peaceops.reports.plan_charts import write_alignment_charts

        write_alignment_charts(ws, result, chart, map_file)
    if fmt is PlanFormat.json:
        emit_json(result.to_dict(), grade=grade)
        return
    if fmt is PlanFormat.markdown:
        typer.echo(alignment_markdown(result))
        return
    if fmt is PlanFormat.csv:
        emit_records([r.to_dict() for r in result.rows], fmt, grade=grade)
        return
    emit_records(
        [r.to_dict() for r in result.rows],
        "table",
        grade=grade,
        title=f"{mission} {year}: troops against civilian fatalities by region group",
    )
    for note in result.notes:
        console.print(f"- {note}", highlight=False)
    for source in result.sources:
        console.print(f"Source: {source}", highlight=False)


def import_deployments_command(
    file: Annotated[Path, typer.Argument(help="Geo-PKO FrontMap CSV.", show_default=False)],
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Import Geo-PKO deployments (troops by mission, year, location) with provenance."""
    from peaceops.planning.deployments import import_deployments

    ws = open_workspace(workspace)
    summary = import_deployments(ws, file)
    console.print("Imported deployments: " + ", ".join(f"{k} {v:,}" for k, v in summary.items()))


def save_command(
    file: FileArg,
    deployments: Deployments = None,
    user: UserOption = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Validate a plan file and save it in the workspace (for reports, brief and web)."""
    from peaceops.planning.store import save_plan

    ws = open_workspace(workspace)
    plan = save_plan(ws, file, deployments, user)
    console.print(
        f"Saved plan '{plan.name}': {len(plan.tasks)} tasks, {plan.phases} phases, "
        f"{len(plan.scenarios)} scenarios",
        highlight=False,
    )


def history_command(
    name: Annotated[
        str | None, typer.Option("--plan", help="Only this plan's versions (by name).")
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, csv or json.")] = (
        TableFormat.table
    ),
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Every saved version of the plans: when, who, which file."""
    from peaceops.planning.store import plan_history
    from peaceops.reports.brief_grades import saved_plan_grade

    ws = open_workspace(workspace)
    rows = [v.as_dict() for v in plan_history(ws, name)]
    grades = {p: saved_plan_grade(ws, p)[0] for p in {str(r["plan"]) for r in rows}}
    if fmt is TableFormat.table:
        if not rows:
            console.print("No plan saved yet.")
            return
        for row in rows:  # enough of the hash to tell versions apart on a screen
            row["sha256"] = str(row["sha256"])[:12]
    emit_records(rows, fmt, title="Plan history", grade=[grades[str(r["plan"])] for r in rows])


def report_command(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Folder (default: output/plan).")
    ] = None,
    time_limit: TimeLimit = 10.0,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Write the saved plan's report: Markdown, JSON, phase chart, scenarios, alignment."""
    from peaceops.reports.plan_report import write_plan_report

    ws = open_workspace(workspace)
    paths = write_plan_report(ws, out or ws.output_dir / "plan", time_limit)
    for p in paths:
        console.print(f"Wrote {p}", highlight=False)


def draft_command(
    symbol: Annotated[str, typer.Argument(help="A resolution saved in the workspace.")],
    phases: Annotated[int, typer.Option("--phases", help="Number of phases.")] = 6,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the YAML here (default: stdout).")
    ] = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Draft a plan file from a saved, classified resolution.

    One task per mandated task, weighted by its priority tier; fill in durations, demand
    and capacity.
    """
    import yaml

    from peaceops.mandates.store import load_resolution
    from peaceops.planning.from_mandate import draft_plan

    res = load_resolution(open_workspace(workspace), symbol)
    text = yaml.safe_dump(draft_plan(res, phases), sort_keys=False, allow_unicode=True)
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"Wrote {out} ({len(res.tasks)} tasks)", highlight=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    group = typer.Typer(
        help="Prioritise and sequence mandated tasks against capacity.", no_args_is_help=True
    )
    app.add_typer(group, name="plan")
    group.command("alignment")(alignment_command)
    group.command("import-deployments")(import_deployments_command)
    group.command("save")(save_command)
    group.command("history")(history_command)
    group.command("report")(report_command)
    group.command("draft")(draft_command)
    group.command("solve")(solve_command)
    group.command("explain")(explain_command)
    group.command("compare")(compare_command)
