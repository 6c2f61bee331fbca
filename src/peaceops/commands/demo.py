"""CLI commands: demo."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from peaceops.commands.common import console, progress_shown
from peaceops.demo import DemoResult, build_demo, run_main_job

__all__ = ["demo_command", "register"]


def _print_steps(title: str, result: DemoResult) -> None:
    table = Table(title=title, title_justify="left", show_edge=False)
    table.add_column("step")
    table.add_column("result", overflow="fold")
    table.add_column("s", justify="right")
    for step in result.steps:
        table.add_row(step.name, step.summary, f"{step.seconds:.1f}")
    console.print(table)


def _print_context(ws_root: Path, years: int = 10) -> None:
    """The headline table: fatalities per year by region group, civilian targeting alongside."""
    from peaceops.events.analysis import event_range, series
    from peaceops.reports.partial import partial_year_label
    from peaceops.workspace import Workspace

    with Workspace.open(ws_root) as ws:
        frame = series(ws, by="year", group="region")
        civ = series(ws, by="year", civilian=True)
        span = event_range(ws)
        synthetic = ws.config.synthetic
    if frame.is_empty() or span is None:
        return
    wide = frame.pivot(on="region", index="period", values="fatalities").fill_null(0)
    wide = wide.sort("period").tail(years)
    civ_by_year = dict(zip(civ["period"].to_list(), civ["fatalities"].to_list(), strict=True))
    groups = [c for c in wide.columns if c != "period"]
    table = Table(
        title=("SYNTHETIC DATA: " if synthetic else "")
        + f"Fatalities per year by region group, last {years} years "
        "(civilian: killed in direct targeting; a partial year shows its months)",
        title_justify="left",
        show_edge=False,
    )
    table.add_column("year")
    for g in groups:
        table.add_column(g, justify="right")
    table.add_column("total", justify="right")
    table.add_column("civilian", justify="right")
    for row in wide.iter_rows(named=True):
        values = [int(row[g]) for g in groups]
        table.add_row(
            partial_year_label(int(row["period"]), *span),
            *(f"{v:,}" for v in values),
            f"{sum(values):,}",
            f"{int(civ_by_year.get(row['period'], 0)):,}",
        )
    console.print(table)


def demo_command(
    directory: Annotated[
        Path, typer.Argument(help="Directory for the demo workspace (rebuilt if it is one).")
    ] = Path("demo-workspace"),
    synthetic: Annotated[
        bool,
        typer.Option(
            "--synthetic", help="Use the generated synthetic scenario even if real data is found."
        ),
    ] = False,
) -> None:
    """Build a demo workspace (real data when found, else a labelled synthetic scenario) and
    write the context analysis, framework report, plan and brief."""
    with progress_shown() as on_progress:
        ws, built = build_demo(
            directory, synthetic=True if synthetic else None, on_progress=on_progress
        )
    if built.data == "synthetic":
        console.print(
            "[bold yellow]SYNTHETIC SCENARIO[/]: ../shared/data was not found (or --synthetic was "
            "given); every figure below is generated, not real."
        )
    else:
        console.print("Using the published data in ../shared/data (ACLED, OCHA, Geo-PKO).")
    _print_steps(f"Workspace {built.root}", built)
    with progress_shown() as on_progress:
        job = run_main_job(ws, on_progress=on_progress)
    ws.close()
    _print_context(built.root)
    _print_steps("Main job", job)
    if job.considerations:
        console.print(
            "[bold]Key considerations[/] (from the brief, graded by their inputs: REAL, "
            "ILLUSTRATIVE or SYNTHETIC; each cites its source there)"
        )
        for i, text in enumerate(job.considerations, 1):
            console.print(f"{i}. {text}", markup=False)
    console.print(f"Open {built.root / 'output' / 'brief' / 'brief.html'} or run:")
    console.print(f"  peaceops serve --workspace {built.root}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("demo")(demo_command)
