"""CLI command: ``peaceops mandates import-pema`` (expert-coded mandates as a mandate source)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from peaceops.commands.common import (
    WorkspaceOption,
    console,
    emit_json,
    emit_records,
    open_workspace,
)
from peaceops.errors import InputError

__all__ = ["add_commands", "import_pema_command"]


def import_pema_command(
    file: Annotated[Path, typer.Argument(help="A PEMA CSV (e.g. PEMA_raw_v2.csv)")],
    mission: Annotated[
        str | None, typer.Option("--mission", "-m", help="Only this mission's rows")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table|json")] = "table",
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Store each PEMA row as a coded mandate: tasks, modalities and paragraph ids."""
    from peaceops.mandates.pema import import_pema

    if fmt not in ("table", "json"):
        raise InputError(f"--format must be table or json, not {fmt!r}")
    ws = open_workspace(workspace)
    result = import_pema(ws, file, mission)
    read, done = result.read, result.stored
    if fmt == "json":
        emit_json(
            {
                "file": read.file_name,
                "rows_read": read.rows_read,
                "stored": list(done.stored) if done else [],
                "unchanged": list(done.unchanged) if done else [],
                "kept_text": list(done.kept_text) if done else [],
                "rejected": [r.to_dict() for r in read.rejected],
            }
        )
        return
    scope = f" for {mission.upper()}" if mission else ""
    console.print(
        f"{read.file_name}: {len(read.mandates)} coded mandate(s){scope} read, "
        f"{len(read.rejected)} row(s) set aside"
    )
    if done is not None:
        if done.stored:
            shown = ", ".join(done.stored[:8]) + (" ..." if len(done.stored) > 8 else "")
            console.print(f"Stored {len(done.stored)}: {shown}")
        if done.unchanged:
            console.print(f"Already stored as coded, unchanged: {len(done.unchanged)}")
        for symbol in done.kept_text:
            console.print(f"{symbol}: a read text is stored; kept it (its coding was not stored)")
    if read.rejected:
        emit_records(
            [r.to_dict() for r in read.rejected],
            "table",
            title="Rows set aside (nothing of them was stored)",
        )
    if not read.mandates:
        raise InputError(f"{read.file_name}: no valid row{scope}; nothing stored")


def add_commands(group: typer.Typer) -> None:
    """Add this module's commands to the ``mandates`` group."""

    group.command("import-pema")(import_pema_command)
