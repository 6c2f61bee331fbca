"""CLI commands: strategy (import, export, show, status, assume, consult, stakeholders,
history, report)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

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
from peaceops.strategy.model import EXAMPLE_LABEL

__all__ = [
    "assume_command",
    "consult_command",
    "export_command",
    "history_command",
    "import_command",
    "register",
    "report_command",
    "show_command",
    "stakeholders_command",
    "status_command",
    "status_json",
]

LABEL = EXAMPLE_LABEL


def status_json(status: Any) -> dict[str, Any]:
    """The JSON document of ``peaceops strategy status --format json``."""
    return status.to_dict()  # type: ignore[no-any-return]


def import_command(
    file: Annotated[Path, typer.Argument(help="Strategy as .yaml or .xlsx.")],
    user: UserOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Import (or replace) the strategy; earlier versions stay in the history."""
    from peaceops.strategy import known_links, read_strategy, save_strategy

    ws = open_workspace(workspace)
    st = read_strategy(file, known_links(ws))
    saved = save_strategy(ws, st, user, source=file.name)
    if saved.version is None:
        console.print(f"Strategy '{st.id}' is unchanged: nothing stored.")
        return
    console.print(
        f"Imported strategy '{st.id}' (version {saved.version}): {len(st.priorities)} "
        f"priorities, {len(st.objectives)} objectives, {len(st.assumptions)} assumptions, "
        f"{len(st.stakeholders)} stakeholders, {len(st.consultations)} consultations."
    )


def export_command(
    out: Annotated[Path, typer.Option("--out", help="Write to this .yaml or .xlsx file.")],
    as_of: AsOfOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Write the strategy (as it is, or as recorded on --as-of) to YAML or Excel."""
    from peaceops.strategy import write_strategy
    from peaceops.strategy.store import require_strategy

    ws = open_workspace(workspace)
    st = require_strategy(ws, parse_date(as_of, "as-of"))
    console.print(f"Wrote {write_strategy(st, out)}")


def show_command(
    as_of: AsOfOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Print the strategy tree: priorities, objectives and their theory of change and links."""
    from peaceops.strategy.store import require_strategy

    ws = open_workspace(workspace)
    st = require_strategy(ws, parse_date(as_of, "as-of"))
    if st.example:
        console.print(f"[bold red]{LABEL}[/bold red]")
    console.print(f"[bold]{st.name}[/bold] ({st.mission}, {st.period_start} to {st.period_end})")
    console.print(f"End state: {st.end_state}")
    for p in st.priorities:
        origin = ", ".join(x for x in (p.resolution, p.paragraph, "; ".join(p.pema)) if x)
        console.print(f"{p.id}  {p.name}  [dim]({origin})[/dim]")
        for o in st.objectives_of(p.id):
            console.print(f"  {o.id}  {o.name}")
            console.print(f"      [dim]{o.theory_of_change}[/dim]")
            console.print(
                f"      tasks: {', '.join(o.tasks) or '-'}; outcomes: "
                f"{', '.join(o.outcomes) or '-'}; indicators: {', '.join(o.indicators) or '-'}; "
                f"provisions: {', '.join(o.provisions) or '-'}"
            )
            for a in st.assumptions_of(o.id):
                console.print(f"      assumes {a.id}: {a.text}")


def status_command(
    as_of: AsOfOption = None,
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Objectives with their tasks, indicators and assumption statuses, and the gaps."""
    from peaceops.reports.brief_grades import strategy_grade
    from peaceops.strategy import strategy_status

    ws = open_workspace(workspace)
    day = parse_date(as_of, "as-of")
    st = strategy_status(ws, day)
    grade = strategy_grade(ws, day)[0]
    data = status_json(st)
    if fmt is TableFormat.json:
        emit_json(data, grade=grade)
        return
    rows = [
        {
            "assumption": a.id,
            "status": a.status,
            "judged": f"{a.judged} ({a.judged_on})" if a.judged else "-",
            "computed": f"{a.computed}: {a.basis}" if a.rule else "-",
            "objectives": ", ".join(a.objectives),
        }
        for a in st.assumptions
    ]
    if fmt is TableFormat.csv:
        texts = {a.id: a.text for a in st.assumptions}
        emit_records([{**r, "text": texts[r["assumption"]]} for r in rows], fmt, grade=grade)
        return
    if st.example:
        console.print(f"[bold red]{LABEL}[/bold red]")
    objectives = [
        {
            "priority": p.id,
            "objective": o.id,
            "tasks": ", ".join(o.tasks) or "-",
            "indicators": ", ".join(o.indicators) or "-",
            "worst assumption": o.worst or "-",
        }
        for p in st.priorities
        for o in p.objectives
    ]
    emit_records(objectives, fmt, title=f"{st.name}: objectives as of {st.as_of}", grade=grade)
    emit_records(rows, fmt, title="Assumptions", grade=grade)
    console.print("Gaps: " + ("; ".join(g.text for g in st.gaps) or "none") + ".")


def _read_and_store(kind: str, file: Path, user: str | None, workspace: Path | None) -> None:
    from peaceops.strategy import (
        add_assumption_entries,
        add_consultations,
        read_assumption_entries,
        read_consultations,
    )
    from peaceops.strategy.store import require_strategy

    ws = open_workspace(workspace)
    st = require_strategy(ws)
    if kind == "assume":
        entries = read_assumption_entries(file, st)
        saved = add_assumption_entries(ws, entries, user, source_file=file.name)
        what, total = "assumption status(es)", len(entries)
    else:
        talks = read_consultations(file, st)
        saved = add_consultations(ws, talks, user, source_file=file.name)
        what, total = "consultation(s)", len(talks)
    if saved.version is None:
        console.print(f"All {total} {what} in {file.name} are already recorded: nothing stored.")
        return
    skipped = total - saved.added
    extra = f" ({skipped} already recorded)" if skipped else ""
    console.print(f"Recorded {saved.added} {what}{extra} as version {saved.version}.")


def assume_command(
    file: Annotated[Path, typer.Argument(help="CSV/XLSX: assumption, date, status, source, note.")],
    user: UserOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Record assumption statuses (holds, at risk, fails, unknown) with their sources."""
    _read_and_store("assume", file, user, workspace)


def consult_command(
    file: Annotated[
        Path,
        typer.Argument(help="CSV/XLSX: date, stakeholders, objectives, format, points, source."),
    ],
    user: UserOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Record consultations: who, when, in what format, the main points, the source."""
    _read_and_store("consult", file, user, workspace)


def stakeholders_command(
    as_of: AsOfOption = None,
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """The stakeholder matrix (influence x stance) with changes since the last renewal."""
    from peaceops.reports.brief_grades import strategy_grade
    from peaceops.strategy.stakeholders import stakeholder_matrix

    ws = open_workspace(workspace)
    day = parse_date(as_of, "as-of")
    m = stakeholder_matrix(ws, day)
    grade = strategy_grade(ws, day, computed=False)[0]
    if fmt is TableFormat.json:
        emit_json({"label": LABEL, **m.as_dict()} if m.example else m.as_dict(), grade=grade)
        return
    rows = [
        {
            "id": r.id,
            "influence": r.influence or "-",
            "stance": r.stance or "-",
            "interest": r.interest or "-",
            "levers": ", ".join(r.levers),
            "since renewal": r.change or "-",
            "consulted": r.consultations,
        }
        for r in m.rows
    ]
    if fmt is TableFormat.csv:
        names = {r.id: r.name for r in m.rows}
        rows = [{**row, "name": names[str(row["id"])]} for row in rows]
    renewal = f" (last renewal {m.last_renewal})" if m.last_renewal else ""
    if m.example and fmt is TableFormat.table:
        console.print(f"[bold red]{LABEL}[/bold red]")
    emit_records(rows, fmt, title=f"Stakeholders as of {m.as_of}{renewal}", grade=grade)


def history_command(
    as_of: AsOfOption = None,
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Every change to the strategy: who, when, what."""
    from peaceops.reports.brief_grades import strategy_grade
    from peaceops.strategy import changes

    ws = open_workspace(workspace)
    day = parse_date(as_of, "as-of")
    emit_history(
        changes(ws, day),
        fmt,
        title="Strategy history",
        empty="No strategy changes recorded yet.",
        grade=strategy_grade(ws, day, computed=False)[0],
    )


def report_command(
    out: Annotated[Path, typer.Option("--out", help="Directory to write the report to.")],
    as_of: AsOfOption = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Write the strategy report (map and matrix as SVG/PNG, Markdown, HTML, JSON) to --out."""
    from peaceops.reports.strategy_report import write_strategy_report

    ws = open_workspace(workspace)
    for p in write_strategy_report(ws, out, parse_date(as_of, "as-of")):
        console.print(f"Wrote {p}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    group = typer.Typer(
        no_args_is_help=True,
        help="Political strategy: priorities, objectives, assumptions, stakeholders.",
    )
    app.add_typer(group, name="strategy")
    for name, command in (
        ("import", import_command),
        ("export", export_command),
        ("show", show_command),
        ("status", status_command),
        ("assume", assume_command),
        ("consult", consult_command),
        ("stakeholders", stakeholders_command),
        ("history", history_command),
        ("report", report_command),
    ):
        group.command(name)(command)
