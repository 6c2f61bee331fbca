"""CLI commands: brief (the mandate-renewal brief as HTML, PDF and DOCX)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from peaceops.commands import remedies
from peaceops.commands.common import (
    WorkspaceOption,
    console,
    open_workspace,
    parse_date,
    progress_shown,
)

if TYPE_CHECKING:
    from peaceops.reports.brief_model import BriefData

__all__ = ["brief_command", "register", "with_commands"]


def with_commands(data: BriefData) -> BriefData:
    """The brief with each left-out section's message ending in the command that adds it."""
    missing = tuple(
        replace(m, message=remedies.with_hint(m.message, m.remedy)) for m in data.missing
    )
    return replace(data, missing=missing)


def brief_command(
    out: Annotated[Path, typer.Option("--out", help="Directory to write the brief to")],
    mission: Annotated[
        str | None, typer.Option("--mission", help="Mission (default: the workspace's first)")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Use only data up to this date (YYYY-MM-DD)"),
    ] = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Write the mandate-renewal brief: brief.html, brief.pdf and brief.docx."""
    from peaceops.reports.brief import build_brief, write_brief_data
    from peaceops.reports.brief_dates import brief_date

    ws = open_workspace(workspace)
    held = brief_date(ws, parse_date(as_of, "as-of", end=True))
    if held.note:
        console.print(f"Note: --as-of: {held.note}", markup=False)
    day = held.day
    with progress_shown() as on_progress:
        data = with_commands(build_brief(ws, mission=mission, as_of=day, on_progress=on_progress))
        paths = write_brief_data(data, out, on_progress)
    sections = ", ".join(s.title for s in data.sections) or "none"
    console.print(f"Sections: {sections}")
    for m in data.missing:
        console.print(f"Left out: {m.title}: {m.message}", markup=False)
    for path in paths:
        console.print(f"Wrote {path}", markup=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("brief")(brief_command)
