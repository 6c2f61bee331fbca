"""CLI commands: agreement (import, export, observe, show, status, history, report)."""

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

__all__ = [
    "export_command",
    "history_command",
    "import_command",
    "observe_command",
    "register",
    "report_command",
    "show_command",
    "status_command",
]


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def import_command(
    file: Annotated[Path, typer.Argument(help="Agreement as .yaml or .xlsx.")],
    user: UserOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Import (or update) the agreement; earlier versions and all status entries are kept."""
    from peaceops.agreement import read_agreement, save_agreement

    ws = open_workspace(workspace)
    a = read_agreement(file)
    version, changed = save_agreement(ws, a, user, source=file.name)
    what = f"version {version}" if changed else f"unchanged, still version {version}"
    console.print(
        f"Imported agreement '{a.id}' ({what}): {len(a.parts)} parts, {len(a.chapters)} "
        f"chapters, {len(a.provisions)} provisions."
    )
    if a.illustrative:
        console.print("Marked illustrative: " + a.note, highlight=False)


def export_command(
    out: Annotated[Path, typer.Option("--out", help="Write to this .yaml or .xlsx file.")],
    as_of: AsOfOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Write the agreement (as it is, or as it was on --as-of) to YAML or Excel."""
    from peaceops.agreement import write_agreement
    from peaceops.agreement.store import require_agreement

    ws = open_workspace(workspace)
    a = require_agreement(ws, parse_date(as_of, "as-of"))
    path = write_agreement(a, out)
    console.print(f"Wrote {path}")


def observe_command(
    file: Annotated[
        Path, typer.Argument(help="CSV with columns provision,date,level,source,note.")
    ],
    user: UserOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Record status entries (level 0-3); one bad row refuses the whole file."""
    from peaceops.agreement import read_status_entries, record_entries
    from peaceops.agreement.store import require_agreement

    ws = open_workspace(workspace)
    a = require_agreement(ws)
    rows = read_status_entries(file, a)
    n = record_entries(ws, rows, user, source_file=file.name)
    ids = sorted({r.provision_id for r in rows})
    skipped = len(rows) - n
    again = f"; {skipped} already recorded, skipped" if skipped else ""
    console.print(f"Recorded {n} status entries for {len(ids)} provisions{again}.", highlight=False)


def show_command(
    as_of: AsOfOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Print the agreement: parties, signatures, parts, chapters and provisions."""
    from peaceops.agreement.store import require_agreement

    ws = open_workspace(workspace)
    a = require_agreement(ws, parse_date(as_of, "as-of"))
    label = " (illustrative)" if a.illustrative else ""
    console.print(f"[bold]{a.name}[/bold]{label}", highlight=False)
    for s in a.signatures:
        console.print(f"  signed by {s.party}, {s.date} {s.place}", highlight=False)
    if a.mediators:
        console.print(f"  mediation: {', '.join(a.mediators)}", highlight=False)
    for part in a.parts:
        console.print(f"{part.id}  {part.number}: {part.name}", highlight=False)
        for ch in (c for c in a.chapters if c.part_id == part.id):
            console.print(f"  {ch.number}: {ch.name}", highlight=False)
            for p in (p for p in a.provisions if p.chapter_id == ch.id):
                due = a.due(p)
                when = f", due {due}" if due else ""
                console.print(f"    {p.id} ({p.article}){when}: {p.summary}", highlight=False)


def status_command(
    as_of: AsOfOption = None,
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Implementation by part and overall, overdue and unassessed provisions."""
    from peaceops.agreement import agreement_status
    from peaceops.reports.brief_grades import agreement_grade

    ws = open_workspace(workspace)
    day = parse_date(as_of, "as-of")
    st = agreement_status(ws, day)
    grade = agreement_grade(ws, day)[0]
    data = st.to_dict()
    if fmt is TableFormat.json:
        emit_json(data, grade=grade)
        return
    if fmt is TableFormat.csv:
        emit_records(
            data["provisions"],
            fmt,
            grade=grade,
            columns=[
                "id",
                "part",
                "article",
                "level",
                "status",
                "date",
                "deadline",
                "overdue",
                "source",
            ],
        )
        return
    label = f" ({st.label})" if st.label else ""
    rows = [
        {
            "part": p.number or "all",
            "name": p.name,
            "provisions": p.provisions,
            "assessed": p.assessed,
            "score": _pct(p.score),
            "of assessed": _pct(p.score_assessed),
        }
        for p in (*st.parts, st.overall)
    ]
    emit_records(
        rows,
        fmt,
        title=f"{st.short_name or st.name}: implementation as of {st.as_of}{label}",
        grade=grade,
    )
    if st.overdue:
        emit_records(
            [
                {"id": s.id, "article": s.article, "due": s.deadline, "status": s.word}
                for s in st.overdue
            ],
            fmt,
            title=f"Overdue provisions{label}",
            grade=grade,
        )
    ch = st.change
    if ch.since is not None:
        console.print(
            f"Since the last renewal ({ch.resolution or ch.since}, {ch.since}): overall "
            f"{_pct(ch.overall_before)} -> {_pct(ch.overall_after)}; "
            f"{len(ch.moved)} provision(s) changed level{label}.",
            highlight=False,
        )
    word = {True: "stalled", False: "not stalled", None: "unknown"}[st.stall.stalled]
    console.print(f"Implementation {word}: {st.stall.reason}.", highlight=False)
    console.print(
        f"Unassessed: {st.overall.provisions - st.overall.assessed} of "
        f"{st.overall.provisions} provisions (no sourced status recorded).",
        highlight=False,
    )


def history_command(
    as_of: AsOfOption = None,
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Every change to the agreement and its status entries: who and when."""
    from peaceops.agreement import changes
    from peaceops.reports.brief_grades import agreement_grade

    ws = open_workspace(workspace)
    day = parse_date(as_of, "as-of")
    emit_history(
        changes(ws, day),
        fmt,
        title="Agreement history",
        empty="No agreement changes recorded yet.",
        grade=agreement_grade(ws, day)[0],
    )


def report_command(
    out: Annotated[Path, typer.Option("--out", help="Directory to write the report to.")],
    as_of: AsOfOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Write the implementation report (Markdown, HTML, JSON and charts) to --out."""
    from peaceops.reports.agreement_report import write_agreement_report

    ws = open_workspace(workspace)
    for p in write_agreement_report(ws, out, parse_date(as_of, "as-of")):
        console.print(f"Wrote {p}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    group = typer.Typer(
        no_args_is_help=True,
        help="Peace-agreement implementation tracker: provisions, status over time, scores.",
    )
    app.add_typer(group, name="agreement")
    for name, command in (
        ("import", import_command),
        ("export", export_command),
        ("observe", observe_command),
        ("show", show_command),
        ("status", status_command),
        ("history", history_command),
        ("report", report_command),
    ):
        group.command(name)(command)
