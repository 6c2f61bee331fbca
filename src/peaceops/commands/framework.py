"""CLI commands: framework (import, export, observe, assess, show, status, history, report)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from peaceops.commands.common import (
    AsOfOption,
    FormatOption,
    TableFormat,
    UserOption,
    WorkspaceOption,
    console,
    emit_history,
    emit_json,
    emit_records,
    open_workspace,
    parse_date,
)
from peaceops.numbers import format_number

__all__ = [
    "assess_command",
    "export_command",
    "history_command",
    "import_command",
    "observe_command",
    "register",
    "report_command",
    "show_command",
    "status_command",
]


def _fmt(value: float | None) -> str:
    return format_number(None if value is None else float(value), missing="–")


def import_command(
    file: Annotated[Path, typer.Argument(help="Framework as .yaml or .xlsx.")],
    user: UserOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Import (or replace) the framework; the previous definition stays in the history."""
    from peaceops.framework import read_framework, save_framework

    ws = open_workspace(workspace)
    fw = read_framework(file)
    version = save_framework(ws, fw, user, source=file.name)
    console.print(
        f"Imported framework '{fw.id}' (version {version}): {len(fw.priorities)} priorities, "
        f"{len(fw.areas)} areas, {len(fw.outcomes)} outcomes, {len(fw.indicators)} "
        f"indicators, {len(fw.benchmarks)} benchmarks, {len(fw.task_links)} task links."
    )


def export_command(
    out: Annotated[Path, typer.Option("--out", help="Write to this .yaml or .xlsx file.")],
    as_of: AsOfOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Write the framework (as it is, or as it was on --as-of) to YAML or Excel."""
    from peaceops.framework import require_framework, write_framework

    ws = open_workspace(workspace)
    fw = require_framework(ws, parse_date(as_of, "as-of", end=True))
    path = write_framework(fw, out)
    console.print(f"Wrote {path}")


def observe_command(
    file: Annotated[Path, typer.Argument(help="Observations as .csv or .xlsx.")],
    user: UserOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Record indicator observations (columns indicator, date, value, source, note)."""
    from peaceops.framework import read_observations, record_observations, require_framework

    ws = open_workspace(workspace)
    fw = require_framework(ws)
    rows = read_observations(file, fw)
    n = record_observations(ws, rows, user, source_file=file.name)
    ids = sorted({r.indicator_id for r in rows})
    console.print(f"Recorded {n} observations for {len(ids)} indicators ({', '.join(ids)}).")


def assess_command(
    benchmark: Annotated[str, typer.Argument(help="Benchmark id.")],
    status: Annotated[str, typer.Option("--status", help="met, partly or not.")],
    evidence: Annotated[str, typer.Option("--evidence", help="What the judgement rests on.")],
    on: Annotated[
        str | None, typer.Option("--date", help="Date of the assessment (default: today).")
    ] = None,
    user: UserOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Record a person's assessment of a benchmark."""
    from peaceops.framework import assess_benchmark

    ws = open_workspace(workspace)
    a = assess_benchmark(ws, benchmark, status, evidence, user, parse_date(on, "date"))
    console.print(f"Benchmark {a.benchmark_id}: {status} on {a.date} by {a.assessed_by}.")


def show_command(
    as_of: AsOfOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Print the framework tree: priorities, areas, outcomes, indicators, benchmarks."""
    from peaceops.framework import require_framework

    ws = open_workspace(workspace)
    fw = require_framework(ws, parse_date(as_of, "as-of", end=True))
    console.print(f"[bold]{fw.name}[/bold] ({fw.mission}, {fw.resolution or 'no resolution'})")
    for p in fw.priorities:
        console.print(f"{p.id}  {p.name}")
        for a in (a for a in fw.areas if a.priority_id == p.id):
            console.print(f"  {a.id}  {a.name}  [dim](owner: {a.owner})[/dim]")
            for o in (o for o in fw.outcomes if o.area_id == a.id):
                console.print(f"    {o.id}  {o.name}")
                for i in (i for i in fw.indicators if i.outcome_id == o.id):
                    how = f"computed: {i.computed.metric}" if i.computed else "observed"
                    console.print(
                        f"      {i.id}  {i.name}: {_fmt(i.baseline_value)} "
                        f"({i.baseline_date}) -> {_fmt(i.target_value)} ({i.target_date}), "
                        f"{i.direction} is good, per {i.frequency}, {how}"
                    )
    for b in fw.benchmarks:
        linked = f" [indicators: {', '.join(b.indicator_ids)}]" if b.indicator_ids else ""
        console.print(f"{b.id}  {b.name} by {b.target_date}{linked}")
    for t in fw.task_links:
        console.print(f"task {t.task} ({t.resolution or '-'}) -> {t.outcome_id}")


def status_command(
    as_of: AsOfOption = None,
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Status of every indicator, the roll-ups, benchmarks and coverage."""
    from peaceops.framework import framework_status
    from peaceops.reports.brief_grades import framework_grade

    ws = open_workspace(workspace)
    day = parse_date(as_of, "as-of", end=True)
    st = framework_status(ws, day)
    grade = framework_grade(ws, day)[0]
    data = st.to_dict()
    if fmt is TableFormat.json:
        emit_json(data, grade=grade)
        return
    if fmt is TableFormat.csv:
        emit_records(data["indicators"], fmt, grade=grade)
        return
    rows = [
        {
            "id": i["id"],
            "latest": f"{_fmt(i['latest'])} ({i['latest_period'] or '–'})",
            "target": f"{_fmt(i['target'])} by {i['target_date']}",
            "status": i["status"],
            "trend": next(x.trend_text for x in st.indicators if x.id == i["id"]),
            "indicator": i["name"],
        }
        for i in data["indicators"]
    ]
    marked = "" if grade == "real" else f" ({grade})"
    emit_records(rows, fmt, title=f"{st.name}: indicators as of {st.as_of}{marked}", grade=grade)
    rolls = [
        {"level": r.level, "id": r.id, "status": r.status, "name": r.name}
        for r in (st.overall, *st.priorities, *st.areas, *st.outcomes)
    ]
    emit_records(rolls, fmt, title="Roll-ups", grade=grade)
    if st.benchmarks:
        emit_records(
            [
                {"id": b.id, "status": b.status, "basis": b.basis or "–", "name": b.name}
                for b in st.benchmarks
            ],
            fmt,
            title="Benchmarks",
            grade=grade,
        )
    cov = st.coverage
    console.print(
        "Coverage: tasks with no outcome: "
        f"{', '.join(cov.tasks_without_outcome) or 'none'}; outcomes with no indicator: "
        f"{', '.join(cov.outcomes_without_indicator) or 'none'}; indicators with no recent "
        f"data: {', '.join(cov.indicators_without_data) or 'none'}."
    )


def history_command(
    as_of: AsOfOption = None,
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Every change to the framework, its observations and assessments: who and when."""
    from peaceops.framework import changes
    from peaceops.reports.brief_grades import framework_grade

    ws = open_workspace(workspace)
    day = parse_date(as_of, "as-of", end=True)
    emit_history(
        changes(ws, day),
        fmt,
        title="Framework history",
        empty="No framework changes recorded yet.",
        grade=framework_grade(ws, day)[0],
    )


def report_command(
    out: Annotated[Path, typer.Option("--out", help="Directory to write the report to.")],
    as_of: AsOfOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Write the progress report (Markdown and HTML, with charts) to --out."""
    from peaceops.reports.framework_report import write_framework_report

    ws = open_workspace(workspace)
    paths = write_framework_report(ws, out, parse_date(as_of, "as-of", end=True))
    for p in paths:
        console.print(f"Wrote {p}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    group = typer.Typer(
        no_args_is_help=True,
        help="Results framework: priorities, outcomes, indicators, benchmarks and progress.",
    )
    app.add_typer(group, name="framework")
    for name, command in (
        ("import", import_command),
        ("export", export_command),
        ("observe", observe_command),
        ("assess", assess_command),
        ("show", show_command),
        ("status", status_command),
        ("history", history_command),
        ("report", report_command),
    ):
        group.command(name)(command)
