"""CLI commands: events (import, info) and boundaries (import, gazetteer)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from peaceops.commands.common import (
    TableFormat,
    WorkspaceOption,
    console,
    emit_json,
    emit_records,
    open_workspace,
    parse_date,
)

__all__ = ["register"]

FormatOption = Annotated[
    TableFormat, typer.Option("--format", help="table or json.", case_sensitive=False)
]
AccessedOption = Annotated[
    str | None,
    typer.Option("--accessed", help="Date you obtained the file (default: today)."),
]

_REPORT_KEYS = (
    "read",
    "accepted",
    "rejected",
    "inserted",
    "updated",
    "deleted",
    "unchanged",
    "quarantine_file",
    "placed_point",
    "placed_name",
    "placed_source",
    "unplaced",
)


def _print_report(title: str, report: dict[str, Any], fmt: TableFormat) -> None:
    if fmt is TableFormat.json:
        emit_json(report)
        return
    rows = [{"item": k, "value": report[k]} for k in _REPORT_KEYS if k in report]
    emit_records(rows, TableFormat.table, title=title)
    reasons = report.get("rejected_reasons") or {}
    if reasons:
        emit_records(
            [{"reason": r, "rows": n} for r, n in sorted(reasons.items(), key=lambda x: -x[1])],
            TableFormat.table,
            title="Rows set aside",
        )


def _print_placement(counts: dict[str, int]) -> None:
    if counts:
        parts = ", ".join(f"{k} {v:,}" for k, v in counts.items())
        console.print(f"Events placed again: {parts}", markup=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    events = typer.Typer(no_args_is_help=True, help="Conflict events: import ACLED / UCDP GED.")
    app.add_typer(events, name="events")
    boundaries = typer.Typer(
        no_args_is_help=True, help="Administrative boundaries and gazetteer for placing events."
    )
    app.add_typer(boundaries, name="boundaries")

    @events.command("import")
    def import_command(
        file: Annotated[Path, typer.Argument(help="ACLED or UCDP GED CSV export.")],
        source: Annotated[
            str | None,
            typer.Option("--source", help="acled or ucdp (default: detected from the header)."),
        ] = None,
        version: Annotated[
            str | None, typer.Option("--version", help="Source version, e.g. GED 24.1.")
        ] = None,
        accessed: AccessedOption = None,
        fmt: FormatOption = TableFormat.table,
        workspace: WorkspaceOption = Path("."),
    ) -> None:
        """Import an event export: validate, set bad rows aside, merge, place, record provenance."""
        from peaceops.events.importer import import_events

        ws = open_workspace(workspace)
        report = import_events(
            ws, file, source, accessed=parse_date(accessed, "accessed"), version=version
        )
        _print_report(f"Imported {report.file} ({report.source})", report.to_dict(), fmt)

    @events.command("info")
    def info_command(
        fmt: FormatOption = TableFormat.table,
        workspace: WorkspaceOption = Path("."),
    ) -> None:
        """Events in the workspace: counts, date range, placement and provenance."""
        from peaceops.events.info import events_info

        info = events_info(open_workspace(workspace))
        if fmt is TableFormat.json:
            emit_json(info)
            return
        console.print(
            f"{info['events']:,} events, {info['fatalities']:,} fatalities, "
            f"{info['first_date'] or '-'} to {info['last_date'] or '-'}",
            markup=False,
        )
        console.print(
            "By source: " + (", ".join(f"{k} {v:,}" for k, v in info["by_source"].items()) or "-"),
            markup=False,
        )
        console.print(
            "Placement: " + (", ".join(f"{k} {v:,}" for k, v in info["placement"].items()) or "-"),
            markup=False,
        )
        levels = ", ".join(str(level) for level in info["boundaries"]) or "none"
        gaz = "yes" if info["gazetteer"] else "no"
        console.print(f"Boundary levels: {levels}; gazetteer: {gaz}", markup=False)
        if info["datasets"]:
            emit_records(
                [
                    {
                        "id": d["id"],
                        "kind": d["kind"],
                        "rows": d["rows_accepted"],
                        "rejected": d["rows_rejected"],
                        "source": d["citation"],
                    }
                    for d in info["datasets"]
                ],
                TableFormat.table,
                title="Datasets",
            )

    @boundaries.command("import")
    def boundaries_import(
        file: Annotated[Path, typer.Argument(help="GeoJSON, Shapefile (.shp) or GeoPackage.")],
        level: Annotated[int, typer.Option("--level", help="Admin level: 1, 2 or 3.")],
        layer: Annotated[
            str | None, typer.Option("--layer", help="Layer of a multi-layer GeoPackage.")
        ] = None,
        source: Annotated[
            str | None, typer.Option("--source", help="Publisher, for citations.")
        ] = None,
        accessed: AccessedOption = None,
        fmt: FormatOption = TableFormat.table,
        workspace: WorkspaceOption = Path("."),
    ) -> None:
        """Store a boundary level and place every event again."""
        from peaceops.events.geography import import_boundaries

        ws = open_workspace(workspace)
        report = import_boundaries(
            ws,
            file,
            level,
            layer=layer,
            source=source or "",
            accessed=parse_date(accessed, "accessed"),
        )
        if fmt is TableFormat.json:
            emit_json(report)
            return
        console.print(
            f"Stored {report['features']:,} admin{level} areas from {report['file']}",
            markup=False,
        )
        _print_placement(report["placement"])

    @boundaries.command("gazetteer")
    def gazetteer_import(
        file: Annotated[Path, typer.Argument(help="Settlements CSV (OCHA format).")],
        accessed: AccessedOption = None,
        fmt: FormatOption = TableFormat.table,
        workspace: WorkspaceOption = Path("."),
    ) -> None:
        """Store a gazetteer of place names for placing events without coordinates."""
        from peaceops.events.geography import import_gazetteer

        ws = open_workspace(workspace)
        report = import_gazetteer(ws, file, accessed=parse_date(accessed, "accessed"))
        if fmt is TableFormat.json:
            emit_json(report)
            return
        console.print(
            f"Stored {report['places']:,} places ({report['names']:,} distinct names)",
            markup=False,
        )
        _print_placement(report["placement"])
