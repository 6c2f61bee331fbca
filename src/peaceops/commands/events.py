"""CLI commands: events (import, info, history, undo, restore) and boundaries (import,
gazetteer)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from peaceops.commands.common import (
    TableFormat,
    WorkspaceOption,
    console,
    emit_items,
    emit_json,
    emit_records,
    open_workspace,
    parse_date,
    progress_shown,
)
from peaceops.grades import Grade
from peaceops.workspace import Workspace

__all__ = [
    "boundaries_import_command",
    "fetch_command",
    "gazetteer_command",
    "history_command",
    "import_command",
    "info_command",
    "register",
    "restore_command",
    "undo_command",
]

FormatOption = Annotated[
    TableFormat,
    typer.Option("--format", "-f", help="table, csv or json.", case_sensitive=False),
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


def _report_items(report: dict[str, Any]) -> list[tuple[str, Any]]:
    """The import report as named figures; each reason rows were set aside for is one more."""
    items = [(k, report[k]) for k in _REPORT_KEYS if k in report]
    reasons = report.get("rejected_reasons") or {}
    items += [(f"rejected: {r}", n) for r, n in sorted(reasons.items(), key=lambda x: -x[1])]
    return items


def _print_report(title: str, report: dict[str, Any], fmt: TableFormat) -> None:
    if fmt is TableFormat.json:
        emit_json(report)
        return
    if fmt is TableFormat.csv:
        emit_items(_report_items(report), fmt)
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


def _stored_items(report: dict[str, Any], *keys: str) -> list[tuple[str, Any]]:
    items = [(k, report[k]) for k in ("file", "level", *keys) if k in report]
    return items + [(f"placed again: {k}", v) for k, v in report["placement"].items()]


def _command_line() -> str:
    import sys

    return " ".join(["peaceops", *sys.argv[1:]])


def _history_row(v: Any) -> dict[str, Any]:
    c = v.counts
    what = v.file_name
    if v.action in ("undo", "restore"):
        what = f"version {v.target}"
    scope = ", ".join(
        f"{k}={'|'.join(x) if isinstance(x, list) else x}" for k, x in v.scope.items()
    )
    changes = ""
    if c:
        changes = (
            f"+{c.get('inserted', 0):,} ~{c.get('updated', 0):,} -{c.get('deleted', 0):,} "
            f"={c.get('unchanged', 0):,} !{c.get('rejected', 0):,}"
        )
    return {
        "id": v.id,
        "time (UTC)": v.created_at.strftime("%Y-%m-%d %H:%M"),
        "action": v.action + (" (undone)" if v.undone_by else ""),
        "what": what + (f" [{v.source}]" if v.source else ""),
        "scope": scope,
        "+new ~upd -del =same !rej": changes,
        "events": v.events if v.kept else f"{v.events:,} (pruned)",
    }


def fetch_command(
    source: Annotated[str, typer.Option("--source", help="acled or ucdp.")],
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country",
            help="ISO3 code(s), repeated or MLI,BFA (default: every country of the workspace).",
        ),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from", help="First event date, YYYY-MM-DD (default: where the last fetch ended)."
        ),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Last event date (default: the latest).")
    ] = None,
    ged_version: Annotated[
        str, typer.Option("--ged-version", help="UCDP GED version of the API.")
    ] = "25.1",
    base_url: Annotated[
        str | None,
        typer.Option("--api-url", help="API address (default: the source's public API)."),
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds per request.")] = 60.0,
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Fetch events from the ACLED or UCDP API and import them like a file (resumable).

    Every country of the workspace unless --country names some; all are imported as one
    version."""
    from peaceops.events.fetch import api_headers, fetch_events
    from peaceops.net import HttpFetcher

    ws = open_workspace(workspace)
    fetcher = HttpFetcher(None, timeout=timeout, headers=api_headers(ws, source))
    with progress_shown(fmt) as on_progress:
        report = fetch_events(
            ws,
            source,
            fetcher,
            country=country,
            from_date=parse_date(from_, "from"),
            to_date=parse_date(to, "to"),
            base_url=base_url,
            version=ged_version,
            command=_command_line(),
            on_progress=on_progress,
        )
    if fmt is TableFormat.json:
        emit_json(report.to_dict())
        return
    if fmt is TableFormat.csv:
        skip = ("imported", "countries")
        fetched = [(k, v) for k, v in report.to_dict().items() if k not in skip]
        imported = report.imported.to_dict() if report.imported else {}
        emit_items(fetched + _report_items(imported), fmt)
        return
    for part in report.countries:
        since = f"from {part['from_date']}" if part["from_date"] else "from the start"
        reused = ""
        if part["pages_reused"]:
            reused = f" ({part['pages_reused']} kept from an interrupted fetch)"
        console.print(
            f"Fetched {part['rows']:,} {report.source} events for {part['country']} {since}: "
            f"{part['pages']} page(s){reused}",
            markup=False,
        )
    if report.imported is None:
        console.print("Nothing new to import.", markup=False)
        return
    _print_report(f"Imported {report.imported.file}", report.imported.to_dict(), fmt)


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
    sync: Annotated[
        bool,
        typer.Option(
            "--sync",
            help="Also delete stored events inside --scope that the export no longer has.",
        ),
    ] = False,
    scope: Annotated[
        list[str] | None,
        typer.Option(
            "--scope",
            help="What the export covers, KEY=VALUE (country, admin1, event_type, source); "
            "repeat for more.",
        ),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="Sync: first event date the export covers.")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Sync: last event date the export covers.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would change; write nothing.")
    ] = False,
    yes: Annotated[
        bool,
        typer.Option("--yes", help="Let a sync delete more than the configured share."),
    ] = False,
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Import an event export: validate, set bad rows aside, merge (never delete unless
    --sync with --scope), place, record a version."""
    from peaceops.errors import InputError
    from peaceops.events.importer import import_events
    from peaceops.events.sync import parse_scope

    first, last = parse_date(start, "from"), parse_date(end, "to")
    if not sync and (scope or first or last):
        raise InputError("--scope, --from and --to only apply with --sync")
    ws = open_workspace(workspace)
    sync_scope = None
    if sync:
        from peaceops.csvfile import sniff
        from peaceops.events.sources import detect_source

        src = (source or detect_source(sniff(file).columns)).lower()
        sync_scope = parse_scope(scope or [], first, last, src)
    with progress_shown(fmt) as on_progress:
        report = import_events(
            ws,
            file,
            source,
            accessed=parse_date(accessed, "accessed"),
            version=version,
            sync=sync_scope,
            dry_run=dry_run,
            yes=yes,
            command=_command_line(),
            on_progress=on_progress,
        )
    verb = "Dry run, nothing written" if report.dry_run else "Imported"
    _print_report(f"{verb}: {report.file} ({report.source})", report.to_dict(), fmt)


def _grade(ws: Workspace) -> Grade:
    """The grade of the workspace's events (``synthetic`` for generated ones)."""
    from peaceops.reports.brief_grades import events_grade

    return events_grade(ws)[0]


def history_command(
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Versions of the event store, newest first (imports, syncs, undo, restore)."""
    from peaceops.events.versions import history

    ws = open_workspace(workspace)
    versions = history(ws)
    grade = _grade(ws)
    if fmt is TableFormat.json:
        emit_json({"versions": [v.as_dict() for v in versions]}, grade=grade)
        return
    if not versions:
        console.print("No versions yet: import events with 'peaceops events import FILE'")
        return
    emit_records([_history_row(v) for v in versions], fmt, title="Versions", grade=grade)


def undo_command(workspace: WorkspaceOption = Path(".")) -> None:
    """Revert the most recent import that changed events (recorded as a new version)."""
    from peaceops.events.versions import undo

    v = undo(open_workspace(workspace), command=_command_line())
    console.print(
        f"Undid version {v.target}: {v.events:,} events stored (version {v.id})",
        markup=False,
    )


def restore_command(
    version: Annotated[int, typer.Argument(help="Version id (see 'events history').")],
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Return the events to a kept version (recorded as a new version)."""
    from peaceops.events.versions import restore

    v = restore(open_workspace(workspace), version, command=_command_line())
    console.print(
        f"Restored version {v.target}: {v.events:,} events stored (version {v.id})",
        markup=False,
    )


def info_command(
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Events in the workspace: counts, date range, placement and provenance."""
    from peaceops.events.info import events_info

    ws = open_workspace(workspace)
    info = events_info(ws)
    grade = _grade(ws)
    if fmt is TableFormat.json:
        emit_json(info, grade=grade)
        return
    if fmt is TableFormat.csv:
        emit_items(_info_items(info), fmt, grade=grade)
        return
    mark = "" if grade == "real" else f"[{grade}] "
    console.print(
        f"{mark}{info['events']:,} events, {info['fatalities']:,} fatalities, "
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
            grade=grade,
        )


def _info_items(info: dict[str, Any]) -> list[tuple[str, Any]]:
    items = [(k, info[k]) for k in ("events", "fatalities", "first_date", "last_date")]
    items += [(f"source: {k}", v) for k, v in info["by_source"].items()]
    items += [(f"placement: {k}", v) for k, v in info["placement"].items()]
    items.append(("boundary levels", " ".join(str(level) for level in info["boundaries"])))
    items.append(("gazetteer", bool(info["gazetteer"])))
    items += [(f"dataset {d['id']}: {d['kind']}", d["citation"]) for d in info["datasets"]]
    return items


def boundaries_import_command(
    file: Annotated[Path, typer.Argument(help="GeoJSON, Shapefile (.shp) or GeoPackage.")],
    level: Annotated[int, typer.Option("--level", help="Admin level: 1, 2 or 3.")],
    layer: Annotated[
        str | None, typer.Option("--layer", help="Layer of a multi-layer GeoPackage.")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Publisher, for citations.")
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            "--country", help="The file's country (ISO3), when its ADM0/P-codes do not tell."
        ),
    ] = None,
    accessed: AccessedOption = None,
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Store a boundary file as its countries' part of the level and place every event again.

    The other countries' areas of the level are kept."""
    from peaceops.events.geography import import_boundaries

    ws = open_workspace(workspace)
    report = import_boundaries(
        ws,
        file,
        level,
        layer=layer,
        source=source or "",
        accessed=parse_date(accessed, "accessed"),
        country=country,
    )
    if fmt is TableFormat.json:
        emit_json(report)
        return
    countries = " ".join(report["countries"])
    if fmt is TableFormat.csv:
        items = _stored_items(report, "features", "layer_features", "unchanged")
        emit_items([*items[:3], ("countries", countries), *items[3:]], fmt)
        return
    if report["unchanged"]:
        console.print(
            f"Unchanged: admin{level} of {countries} already holds {report['file']}",
            markup=False,
        )
        return
    console.print(
        f"Stored {report['features']:,} admin{level} areas of {countries} from "
        f"{report['file']} (the level now has {report['layer_features']:,})",
        markup=False,
    )
    _print_placement(report["placement"])


def gazetteer_command(
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
    if fmt is TableFormat.csv:
        emit_items(_stored_items(report, "places", "names"), fmt)
        return
    console.print(
        f"Stored {report['places']:,} places ({report['names']:,} distinct names)",
        markup=False,
    )
    _print_placement(report["placement"])


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    events = typer.Typer(no_args_is_help=True, help="Conflict events: import ACLED / UCDP GED.")
    app.add_typer(events, name="events")
    boundaries = typer.Typer(
        no_args_is_help=True, help="Administrative boundaries and gazetteer for placing events."
    )
    app.add_typer(boundaries, name="boundaries")
    events.command("fetch")(fetch_command)
    events.command("import")(import_command)
    events.command("history")(history_command)
    events.command("undo")(undo_command)
    events.command("restore")(restore_command)
    events.command("info")(info_command)
    boundaries.command("import")(boundaries_import_command)
    boundaries.command("gazetteer")(gazetteer_command)
