"""CLI commands: brief (the mandate-renewal brief as HTML, PDF and DOCX)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from peaceops.commands.common import WorkspaceOption, console, open_workspace, parse_date

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""

    @app.command("brief")
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

        ws = open_workspace(workspace)
        data = build_brief(ws, mission=mission, as_of=parse_date(as_of, "as-of"))
        paths = write_brief_data(data, out)
        sections = ", ".join(s.title for s in data.sections) or "none"
        console.print(f"Sections: {sections}")
        for m in data.missing:
            console.print(f"Left out: {m.title}: {m.message}", markup=False)
        for path in paths:
            console.print(f"Wrote {path}", markup=False)
