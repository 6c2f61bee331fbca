"""CLI commands: db (the records database: migrations and status)."""

from __future__ import annotations

from typing import Annotated

import typer

from peaceops.commands.common import (
    TableFormat,
    WorkspaceOption,
    console,
    emit_items,
    emit_json,
    open_workspace,
)

__all__ = ["register", "status_command", "upgrade_command"]


def upgrade_command(
    revision: Annotated[
        str, typer.Option("--revision", help="Target revision (default: the newest).")
    ] = "head",
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Bring the database to the current schema (safe to run again; keeps every record)."""
    from peaceops.db import upgrade

    report = upgrade(open_workspace(workspace), revision)
    was = report.before or "no revision (new, or made by a release before migrations)"
    console.print(f"Database {report.database}", highlight=False)
    console.print(f"Revision: {was} -> {report.after}", highlight=False)
    made = ", ".join(report.created) if report.created else "none"
    console.print(f"Tables created: {made}", highlight=False)


def status_command(
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, csv or json.")] = (
        TableFormat.table
    ),
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Where the records live, their revision, and whether the schema is up to date."""
    from peaceops.db import HEAD, current_revision, schema_differences

    ws = open_workspace(workspace)
    diffs = schema_differences(ws)
    data: dict[str, object] = {
        "database": ws.engine.url.render_as_string(hide_password=True),
        "revision": current_revision(ws),
        "newest": HEAD,
        "up_to_date": not diffs and current_revision(ws) == HEAD,
        "differences": diffs,
    }
    if fmt is TableFormat.json:
        emit_json(data)
        return
    if fmt is TableFormat.csv:
        items = [(k, v) for k, v in data.items() if k != "differences"]
        emit_items(items + [("differs", d) for d in diffs], fmt)
        return
    for key, value in data.items():
        if key != "differences":
            console.print(f"{key}: {value}", highlight=False)
    for d in diffs:
        console.print(f"  differs: {d}", highlight=False)
    if not data["up_to_date"]:
        console.print("Run 'peaceops db upgrade'.")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    group = typer.Typer(
        no_args_is_help=True,
        help="The records database (SQLite or PostgreSQL): migrations and status.",
    )
    app.add_typer(group, name="db")

    group.command("upgrade")(upgrade_command)
    group.command("status")(status_command)
