"""CLI commands: ``peaceops mandates read|fetch|check|list`` (reading resolutions)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from peaceops.commands.common import (
    WorkspaceOption,
    console,
    emit_json,
    emit_records,
    open_workspace,
)
from peaceops.errors import InputError, NotFoundError
from peaceops.mandates.check import check_directory
from peaceops.mandates.model import CODED_LABEL, ILLUSTRATIVE_LABEL, Resolution
from peaceops.mandates.reader import add_tasks, read_file, read_text
from peaceops.mandates.serialize import resolution_to_dict
from peaceops.numbers import count_noun

__all__ = [
    "add_commands",
    "check_command",
    "examples_command",
    "fetch_command",
    "list_command",
    "read_command",
]

# The columns of `mandates list`, named so an empty list still prints its CSV header.
RESOLUTION_COLUMNS = ("symbol", "source", "date", "missions", "operative", "paragraphs", "tasks")


def _resolve(target: str, workspace: Path | None, tasks: bool) -> tuple[Resolution, bool]:
    """A resolution from a file path, else from the workspace store or fetched-PDF cache.

    Returns the resolution and whether it came from the workspace store.
    """
    path = Path(target)
    if path.is_file():
        return read_file(path, classify=tasks), False
    if path.suffix.lower() in (".txt", ".pdf", ".html", ".htm") or "/" in target.replace(
        "S/RES/", ""
    ):
        raise InputError(f"resolution file not found: {target}")
    from peaceops.mandates.fetch import cached_resolution_file
    from peaceops.mandates.store import load_resolution

    ws = open_workspace(workspace)
    try:
        res = load_resolution(ws, target)
        return (add_tasks(res) if tasks and not res.tasks else res), True
    except NotFoundError:
        cached = cached_resolution_file(ws, target) if "(" in target else None
        if cached is None or not cached.is_file():
            raise
        return read_file(cached, classify=tasks), False


def _print_resolution(res: Resolution) -> None:
    when = f", adopted {res.date:%d %B %Y}" if res.date else ""
    meeting = f" at meeting {res.shown_meeting}" if res.shown_meeting else ""
    console.print(f"[bold]{escape(res.heading)}[/bold]{when}{meeting}")
    console.print(f"Missions: {', '.join(res.missions) or 'none detected'}")
    console.print(
        f"{len(res.preamble)} preambular paragraphs, "
        f"{sum(p.parent is None for p in res.operative)} operative paragraphs "
        f"({len(res.operative)} counting sub-paragraphs), {count_noun(res.task_count, 'task')} "
        f"({count_noun(len(res.tasks), 'task mention')})"
    )
    table = Table(show_lines=False)
    for col in ("id", "verb", "tier", "text"):
        table.add_column(col, overflow="fold")
    for p in res.operative:
        text = p.text if len(p.text) <= 90 else p.text[:87] + "..."
        tier = "" if p.tier.value == "none" else p.tier.value
        table.add_row(p.id, p.verb, tier, text)
    console.print(table)
    if res.tasks:
        tasks = Table(title="Tasks")
        for col in ("task", "modality", "paragraphs", "evidence"):
            tasks.add_column(col, overflow="fold")
        for t in res.tasks:
            tasks.add_row(t.task, t.modality.value, ", ".join(t.paragraphs), t.evidence)
        console.print(tasks)
    for w in res.warnings:
        console.print(f"[yellow]warning:[/yellow] {w}")
    _print_references(res)
    if res.ceiling is not None:
        c = res.ceiling
        parts = [
            f"{v:,} {k}"
            for k, v in (("military", c.military), ("police", c.police), ("observers", c.observers))
            if v is not None
        ]
        console.print(f"Authorised ceiling: {', '.join(parts)} ({c.cite()})")


def _print_references(res: Resolution) -> None:
    from peaceops.mandates.references import document_symbols, task_list_warning

    if not res.incorporated_by_reference:
        return
    refs = Table(title="Mandate set by reference to other documents")
    for col in ("operative", "document", "symbol", "date", "paragraphs cited"):
        refs.add_column(col, overflow="fold")
    for r in res.incorporated_by_reference:
        refs.add_row(
            r.operative, r.description, r.symbol or "", r.date or "", ", ".join(r.paragraphs)
        )
    console.print(refs)
    console.print(f"[yellow]warning:[/yellow] {task_list_warning(res)}")
    if document_symbols(res):
        console.print(f"Fetch it with `peaceops mandates fetch '{res.symbol}' --references`")


def read_command(
    target: Annotated[
        str, typer.Argument(help="A resolution file (.txt, .pdf, .html) or a SYMBOL")
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table|json")] = "table",
    save: Annotated[
        bool, typer.Option("--save", help="Store the parsed resolution in the workspace")
    ] = False,
    tasks: Annotated[
        bool, typer.Option("--tasks/--no-tasks", help="Classify mandate tasks")
    ] = True,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Read a resolution: header, preamble, operative paragraphs, tiers, missions, tasks."""
    if fmt not in ("table", "json"):
        raise InputError(f"--format must be table or json, not {fmt!r}")
    res, stored = _resolve(target, workspace, tasks)
    if save and not stored:
        from peaceops.mandates.store import save_resolution
        from peaceops.provenance import DatasetRecord, file_sha256

        path = Path(target)
        record = None
        if path.is_file():
            from datetime import date

            record = DatasetRecord(
                kind="resolution",
                source=str(path.resolve()),
                file_name=path.name,
                sha256=file_sha256(path),
                accessed=date.today(),
                citation=f"United Nations Security Council, resolution {res.symbol}",
                rows_read=len(res.operative),
                rows_accepted=len(res.operative),
            )
        save_resolution(open_workspace(workspace), res, provenance=record)
    if fmt == "json":
        emit_json(resolution_to_dict(res))
    else:
        _print_resolution(res)
        if save and not stored:
            console.print(f"Saved {res.symbol} in the workspace.")


def fetch_command(
    symbol: Annotated[str, typer.Argument(help="e.g. 'S/RES/2531 (2020)'")],
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            envvar="PEACEOPS_UNDOCS_URL",
            help="Document-system endpoint (default: documents.un.org)",
        ),
    ] = None,
    save: Annotated[bool, typer.Option("--save/--no-save", help="Store it")] = True,
    references: Annotated[
        bool,
        typer.Option(
            "--references",
            help="Also fetch the documents it sets the mandate by reference to",
        ),
    ] = False,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Download a resolution's English PDF from the UN document system and read it."""
    from peaceops.mandates.fetch import fetch_document, fetch_resolution
    from peaceops.mandates.references import document_symbols

    ws = open_workspace(workspace)
    got = fetch_resolution(ws, symbol, base_url=base_url, save=save)
    res = got.resolution
    origin = "cache" if got.from_cache else got.url
    console.print(
        f"{res.symbol}: {sum(p.parent is None for p in res.operative)} operative paragraphs, "
        f"missions {', '.join(res.missions) or 'none'} (from {origin})"
    )
    console.print(f"PDF kept at {got.path}" + ("; saved in the workspace" if save else ""))
    _print_references(res)
    docs = document_symbols(res)
    for doc in docs if references else ():
        fetched = fetch_document(ws, doc, base_url=base_url)
        scan = "" if fetched.pages_text else " (no text layer: a scanned image)"
        console.print(f"{doc}: PDF kept at {fetched.path}{scan}")


def check_command(
    directory: Annotated[Path, typer.Argument(help="Directory of resolution texts")],
    pattern: Annotated[str, typer.Option("--pattern", help="File name pattern")] = "*.txt",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table|csv|json")] = "table",
) -> None:
    """Segment every text in DIR and list those that do not segment cleanly, with why."""
    if fmt not in ("table", "csv", "json"):
        raise InputError(f"--format must be table, csv or json, not {fmt!r}")
    report = check_directory(directory, pattern, partial(read_text, classify=False))
    if fmt == "json":
        emit_json(report.to_dict())
        return
    if fmt == "csv":
        failures = [{"file": r.source, "reason": r.reason} for r in report.failures]
        emit_records(failures, fmt, columns=["file", "reason"])
        return
    console.print(f"{report.ok} of {report.total} texts segment cleanly ({report.share_ok():.1%})")
    if report.failures:
        emit_records(
            [{"file": r.source, "reason": r.reason} for r in report.failures],
            "table",
            title="Texts that did not segment cleanly",
        )


def examples_command(
    directory: Annotated[Path, typer.Argument(help="Directory to write the files to")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="txt|html")] = "txt",
) -> None:
    """Write the project's illustrative (not official) modern-structure resolutions."""
    from peaceops.demo.mandate_texts import (
        MODERN_RENEWALS,
        modern_resolution_html,
        modern_resolution_text,
    )

    if fmt not in ("txt", "html"):
        raise InputError(f"--format must be txt or html, not {fmt!r}")
    directory.mkdir(parents=True, exist_ok=True)
    for key in MODERN_RENEWALS:
        text = modern_resolution_text(key) if fmt == "txt" else modern_resolution_html(key)
        path = directory / f"{key}.{fmt}"
        path.write_text(text, encoding="utf-8")
        console.print(f"Wrote {path}")
    console.print("These are illustrative texts written for peaceops, not official documents.")


def list_command(
    mission: Annotated[
        str | None, typer.Option("--mission", "-m", help="Only this mission (acronym)")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table|csv|json")] = "table",
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Resolutions stored in the workspace, oldest first."""
    from peaceops.mandates.store import list_resolutions
    from peaceops.reports.brief_grades import resolution_grade

    found = list_resolutions(open_workspace(workspace), mission)
    grades = [resolution_grade(r) for r in found]
    rows = [
        {
            "symbol": r.symbol,
            "source": (
                ILLUSTRATIVE_LABEL if r.illustrative else CODED_LABEL if r.coded else "text"
            ),
            "date": r.date.isoformat() if r.date else "",
            "missions": ", ".join(r.missions),
            "operative": "n/a" if r.coded else sum(p.parent is None for p in r.operative),
            "paragraphs": "n/a" if r.coded else len(r.operative),
            "tasks": len({t.task for t in r.tasks}),
        }
        for r in found
    ]
    if not rows and fmt == "table":
        console.print("No resolutions stored" + (f" for {mission}." if mission else "."))
        return
    if fmt == "json":
        from peaceops.mandates.listing import resolution_rows

        listed = [r.to_dict() for r in resolution_rows(open_workspace(workspace), mission)]
        emit_records(listed, fmt, grade=grades)
        return
    emit_records(
        rows,
        fmt,
        title="Resolutions in the workspace",
        columns=RESOLUTION_COLUMNS,
        grade=grades,
    )


def add_commands(group: typer.Typer) -> None:
    """Add this module's commands to the ``mandates`` group."""

    group.command("read")(read_command)
    group.command("fetch")(fetch_command)
    group.command("check")(check_command)
    group.command("examples")(examples_command)
    group.command("list")(list_command)
