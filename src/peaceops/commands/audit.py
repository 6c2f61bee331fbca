"""CLI command: audit (who changed what, when, from the CLI or the web)."""

from __future__ import annotations

from dataclasses import fields
from typing import Annotated

import typer

from peaceops.commands.common import (
    TableFormat,
    WorkspaceOption,
    emit_records,
    open_workspace,
    parse_date,
)

__all__ = ["audit_command", "register"]


def audit_command(
    user: Annotated[str | None, typer.Option("--user", help="Only this user's changes.")] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="From this date on (YYYY-MM-DD, YYYY-MM or YYYY)."),
    ] = None,
    action: Annotated[
        str | None,
        typer.Option(
            "--action", help="Only this action (e.g. plan.import) or prefix (framework.)."
        ),
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = (
        TableFormat.table
    ),
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """List the audit trail: every change with time, user, action, object, before, after."""
    from peaceops import audit

    ws = open_workspace(workspace)
    rows = audit.entries(ws.engine, user=user, since=parse_date(since, "since"), action=action)
    records = [r.as_dict() for r in rows]
    if fmt is TableFormat.table:
        for r in records:
            r["time"] = r["time"][:19].replace("T", " ")
        emit_records(
            records,
            fmt,
            title=f"Audit trail: {len(records)} change(s)",
            columns=["time", "user", "via", "action", "object"],
        )
    else:
        # every field of an entry, as a header even when nothing was changed
        columns = [f.name for f in fields(audit.AuditEntry)]
        emit_records(records, fmt, columns=columns)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("audit")(audit_command)
