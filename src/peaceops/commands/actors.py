"""CLI commands: the actor registry (``actors``), actor analyses under ``context``, and the
political timeline (``timeline``). Thin wrappers around ``peaceops.actors``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from peaceops.commands.common import (
    FromOption,
    TableFormat,
    ToOption,
    ViewFormat,
    WorkspaceOption,
    console,
    emit_items,
    emit_json,
    emit_records,
    open_workspace,
    parse_date,
)
from peaceops.errors import InputError
from peaceops.grades import Grade
from peaceops.workspace import Workspace

__all__ = [
    "actors_coverage_command",
    "actors_import_command",
    "actors_list_command",
    "actors_show_command",
    "actors_unmapped_command",
    "context_agreement_command",
    "context_peacekeepers_command",
    "context_perpetrators_command",
    "context_state_forces_command",
    "register",
    "register_context",
    "timeline_add_command",
    "timeline_chart_command",
    "timeline_list_command",
]

FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="table, csv or json.")]
RegionOption = Annotated[
    list[str] | None,
    typer.Option("--region", help="Keep only this region group or admin1 area (repeatable)."),
]


def _pct(records: list[dict[str, object]], fmt: TableFormat, key: str = "share") -> None:
    if fmt is TableFormat.table:
        for r in records:
            value = r.get(key)
            if isinstance(value, float):
                r[key] = f"{value:.1%}"


# -- actors ------------------------------------------------------------------------------------


def _grade(ws: Workspace) -> Grade:
    """The grade of figures computed from the workspace's events."""
    from peaceops.reports.brief_grades import events_grade

    return events_grade(ws)[0]


def actors_list_command(
    type_: Annotated[str | None, typer.Option("--type", help="Only actors of this type.")] = None,
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """List the canonical actors of the workspace's registry."""
    from peaceops.actors.registry import workspace_registry

    registry = workspace_registry(open_workspace(workspace))
    rows = []
    for a in registry.actors:
        if type_ and a.type != type_:
            continue
        umbrella = ", ".join(m.name for m in a.memberships)
        rows.append(
            {
                "actor": a.label,
                "type": a.type,
                "member of": umbrella,
                "signatory since": (
                    f"{a.signatory.since} ({a.signatory.coalition})" if a.signatory else ""
                ),
                "aliases": len(a.aliases),
            }
        )
    if fmt is TableFormat.json:
        emit_json([a.to_dict() for a in registry.actors if not type_ or a.type == type_])
        return
    emit_records(rows, fmt, title=f"{len(rows)} actors ({', '.join(registry.origin)})")


def actors_show_command(
    name: Annotated[str, typer.Argument(help="Canonical name or short name, e.g. FAMa.")],
    fmt: Annotated[ViewFormat, typer.Option("--format", "-f", help="table or json.")] = (
        ViewFormat.table
    ),
    workspace: WorkspaceOption = Path("."),
) -> None:
    """One actor: its registry entry, events and fatalities per year, regions, counterparts."""
    from peaceops.actors.profiles import actor_profile

    ws = open_workspace(workspace)
    profile = actor_profile(ws, name)
    grade = _grade(ws)
    if fmt is ViewFormat.json:
        emit_json(profile.to_dict(), grade=grade)
        return
    a = profile.actor
    console.print(f"{a.name}" + (f" ({a.short})" if a.short else "") + f": {a.type}", markup=False)
    if a.start or a.end:
        console.print(f"  exists: {a.start or '…'} to {a.end or '…'}", markup=False)
    for m in a.memberships:
        console.print(
            f"  member of {m.name} from {m.start or '…'} to {m.end or '…'} [{m.source}]",
            markup=False,
        )
    if a.signatory:
        console.print(
            f"  signatory of the 2015 agreement through {a.signatory.coalition} since "
            f"{a.signatory.since} [{a.signatory.source}]",
            markup=False,
        )
    if a.note:
        console.print(f"  {a.note}", markup=False)
    console.print(f"  source: {a.source}", markup=False)
    emit_records(
        profile.by_year.to_dicts(),
        fmt,
        title="Per year (as actor: side 1; as target: side 2)",
        grade=grade,
    )
    emit_records(profile.regions.to_dicts(), fmt, title="Regions", grade=grade)
    emit_records(profile.counterparts.to_dicts(), fmt, title="Main counterparts", grade=grade)
    emit_records(
        [{"name": n, "events": e} for n, e in profile.names],
        fmt,
        title="Names in the data",
        grade=grade,
    )


def actors_unmapped_command(
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Actor names in the events that the registry does not map, most frequent first."""
    from peaceops.actors.profiles import unmapped_names

    ws = open_workspace(workspace)
    df = unmapped_names(ws)
    if fmt is TableFormat.table and df.height == 0:
        console.print("Every actor name in the events maps to a canonical actor.")
        return
    emit_records(
        df.to_dicts(),
        fmt,
        title=f"{df.height} unmapped names",
        grade=_grade(ws),
        columns=df.columns,
    )


def actors_coverage_command(
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, csv or json.")] = (
        TableFormat.table
    ),
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Share of events and fatalities whose actors all map to canonical actors."""
    from peaceops.actors.profiles import coverage

    ws = open_workspace(workspace)
    cov = coverage(ws)
    grade = _grade(ws)
    if fmt is TableFormat.json:
        emit_json(cov.to_dict(), grade=grade)
        return
    if fmt is TableFormat.csv:
        emit_items(
            [
                ("events", cov.events),
                ("mapped events", cov.mapped_events),
                ("events share", cov.events_share),
                ("fatalities", cov.fatalities),
                ("mapped fatalities", cov.mapped_fatalities),
                ("fatalities share", cov.fatalities_share),
            ],
            fmt,
            grade=grade,
        )
        return
    mark = "" if grade == "real" else f"[{grade}] "
    console.print(
        f"{mark}Mapped: {cov.mapped_events:,} of {cov.events:,} events ({cov.events_share:.2%}), "
        f"{cov.mapped_fatalities:,} of {cov.fatalities:,} fatalities ({cov.fatalities_share:.2%})",
        markup=False,
    )
    if cov.unmapped:
        emit_records(
            [{"name": n, "events": e, "fatalities": f} for n, e, f in cov.unmapped],
            fmt,
            title="Unmapped names",
            grade=grade,
        )


def actors_import_command(
    file: Annotated[Path, typer.Argument(help="Registry file (YAML) to add to the shipped one.")],
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Validate a registry file and make it the workspace's actors.yaml (nothing is written
    when it is refused)."""
    from peaceops.actors.registry import import_registry

    if not file.is_file():
        raise InputError(f"{file}: no such file")
    registry = import_registry(open_workspace(workspace), file)
    console.print(
        f"Actor registry: {len(registry.actors)} actors ({', '.join(registry.origin)})",
        markup=False,
    )


# -- context analyses ----------------------------------------------------------------------------


def context_perpetrators_command(
    civilian: Annotated[
        bool,
        typer.Option(
            "--civilian/--all-events",
            help="Civilian-targeting events and civilian fatalities (default), or all events.",
        ),
    ] = True,
    start: FromOption = None,
    end: ToOption = None,
    group: Annotated[str, typer.Option("--group", help="region, admin1 or none.")] = "region",
    by: Annotated[str | None, typer.Option("--by", help="Also per year, quarter or month.")] = None,
    level: Annotated[
        str, typer.Option("--level", help="type (actor types) or actor (named actors).")
    ] = "type",
    region: RegionOption = None,
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Who the perpetrators are: events and fatalities by actor type (or named actor)."""
    from peaceops.actors.analysis import perpetrators
    from peaceops.reports.partial import mark_partial

    ws = open_workspace(workspace)
    first, last = parse_date(start, "from"), parse_date(end, "to", end=True)
    df = perpetrators(
        ws,
        civilian=civilian,
        start=first,
        end=last,
        group=None if group == "none" else group,
        by=by,
        level=level,  # type: ignore[arg-type]  # perpetrators checks it
        regions=region or None,
    )
    df = mark_partial(ws, df, first, last)
    records = df.to_dicts()
    _pct(records, fmt)
    what = "civilian-targeting fatalities" if civilian else "fatalities"
    emit_records(
        records, fmt, title=f"Perpetrators of {what}", grade=_grade(ws), columns=df.columns
    )


def context_peacekeepers_command(
    by: Annotated[str, typer.Option("--by", help="year, quarter or month.")] = "year",
    start: FromOption = None,
    end: ToOption = None,
    region: RegionOption = None,
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Attacks on the UN mission (as the actor registry defines it) per period."""
    from peaceops.actors.analysis import peacekeeper_attacks
    from peaceops.reports.partial import mark_partial

    ws = open_workspace(workspace)
    first, last = parse_date(start, "from"), parse_date(end, "to", end=True)
    df = peacekeeper_attacks(ws, by=by, start=first, end=last, regions=region or None)
    df = mark_partial(ws, df, first, last)
    emit_records(
        df.to_dicts(),
        fmt,
        title=f"Events targeting the UN mission per {by}",
        grade=_grade(ws),
        columns=df.columns,
    )


def context_agreement_command(
    by: Annotated[str, typer.Option("--by", help="year, quarter or month.")] = "year",
    group: Annotated[str, typer.Option("--group", help="region, admin1 or none.")] = "region",
    start: FromOption = None,
    end: ToOption = None,
    region: RegionOption = None,
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Political violence between parties to the peace agreement, by groups outside it, and
    community violence."""
    from peaceops.actors.analysis import agreement_violence

    ws = open_workspace(workspace)
    df = agreement_violence(
        ws,
        by=by,
        group=None if group == "none" else group,
        start=parse_date(start, "from"),
        end=parse_date(end, "to", end=True),
        regions=region or None,
    )
    emit_records(
        df.to_dicts(),
        fmt,
        title=f"Political violence and the agreement per {by}",
        grade=_grade(ws),
        columns=df.columns,
    )


def context_state_forces_command(
    actor: Annotated[
        str | None, typer.Option("--actor", help="One state force (e.g. FAMa); default all.")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="End of the 12 months (default: last event).")
    ] = None,
    months: Annotated[int, typer.Option("--months", help="Length of the period.")] = 12,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, csv or json.")] = (
        TableFormat.table
    ),
    workspace: WorkspaceOption = Path("."),
) -> None:
    """A state force's civilian-targeting record over the last 12 months."""
    from peaceops.actors.profiles import state_force_record

    ws = open_workspace(workspace)
    rec = state_force_record(ws, actor, parse_date(as_of, "as-of"), months)
    grade = _grade(ws)
    if fmt is TableFormat.json:
        emit_json(rec.to_dict(), grade=grade)
        return
    if fmt is TableFormat.table:
        mark = "" if grade == "real" else f"[{grade}] "
        console.print(mark + rec.sentence, markup=False)
    emit_records(
        [{"region": r, "events": e, "fatalities": f} for r, e, f in rec.by_region],
        fmt,
        grade=grade,
    )


# -- timeline ----------------------------------------------------------------------------------


def timeline_add_command(
    day: Annotated[str, typer.Argument(help="Date of the milestone (YYYY-MM-DD).")],
    title: Annotated[str, typer.Argument(help="What happened, in a few words.")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="coup, agreement, election, mandate renewal, government, transition or other.",
        ),
    ] = "other",
    source: Annotated[
        str, typer.Option("--source", help="Where this is documented (required).")
    ] = "",
    supersedes: Annotated[
        int | None, typer.Option("--supersedes", help="Id of a milestone this one corrects.")
    ] = None,
    user: Annotated[str | None, typer.Option("--user", help="Who records it.")] = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Record a political milestone (append-only; a correction supersedes an earlier one)."""
    from peaceops.actors.timeline import add_milestone

    try:
        when = date.fromisoformat(day.strip())
    except ValueError:
        raise InputError(f"DATE: {day!r} is not a date (use YYYY-MM-DD)", field="day") from None
    m = add_milestone(
        open_workspace(workspace), when, kind, title, source, supersedes=supersedes, user=user
    )
    console.print(
        f"Recorded milestone {m.id}: {m.date} {m.kind}: {m.title} [{m.source}]", markup=False
    )


def timeline_list_command(
    start: FromOption = None,
    end: ToOption = None,
    milestones_only: Annotated[
        bool, typer.Option("--milestones-only", help="Leave out ACLED strategic developments.")
    ] = False,
    fmt: FormatOption = TableFormat.table,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """The political timeline: recorded milestones and ACLED strategic developments."""
    from peaceops.actors.timeline import timeline

    ws = open_workspace(workspace)
    df = timeline(
        ws,
        parse_date(start, "from"),
        parse_date(end, "to", end=True),
        strategic=not milestones_only,
    )
    if fmt is TableFormat.table and df.height == 0:
        console.print("Nothing on the timeline for these dates.")
        return
    # ACLED strategic developments carry the events' grade; recorded milestones are real.
    events = _grade(ws)
    rows = df.to_dicts()
    emit_records(
        rows,
        fmt,
        title=f"Political timeline ({df.height} entries)",
        grade=[events if r["origin"] == "ACLED" else "real" for r in rows],
        columns=df.columns,
    )


def timeline_chart_command(
    out: Annotated[Path, typer.Option("--out", help="FILE.svg, FILE.png or FILE.json")],
    start: FromOption = None,
    end: ToOption = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Draw the political timeline over monthly fatalities."""
    from peaceops.reports.actor_charts import timeline_chart as build
    from peaceops.reports.render import save_chart

    if out.suffix.lower() not in (".svg", ".png", ".json"):
        raise InputError(f"{out.name}: charts are written as .svg, .png or .json")
    chart = build(
        open_workspace(workspace), parse_date(start, "from"), parse_date(end, "to", end=True)
    )
    save_chart(chart, out)
    console.print(f"Wrote {out}", markup=False)


def register_context(context: typer.Typer) -> None:
    """Add the actor analyses to the ``context`` group."""
    context.command("perpetrators")(context_perpetrators_command)
    context.command("peacekeepers")(context_peacekeepers_command)
    context.command("agreement")(context_agreement_command)
    context.command("state-forces")(context_state_forces_command)


def register(app: typer.Typer) -> None:
    """Add the ``actors`` and ``timeline`` groups, and the actor analyses to ``context``."""
    for group in app.registered_groups:
        if group.name == "context" and group.typer_instance is not None:
            register_context(group.typer_instance)
            break
    else:  # the context feature is registered first; without it, a group of our own
        context = typer.Typer(no_args_is_help=True, help="Context analysis.")
        app.add_typer(context, name="context")
        register_context(context)
    actors = typer.Typer(
        no_args_is_help=True, help="The actor registry: canonical actors and coverage."
    )
    app.add_typer(actors, name="actors")
    actors.command("list")(actors_list_command)
    actors.command("show")(actors_show_command)
    actors.command("unmapped")(actors_unmapped_command)
    actors.command("coverage")(actors_coverage_command)
    actors.command("import")(actors_import_command)
    timeline = typer.Typer(
        no_args_is_help=True, help="The political timeline: milestones and strategic developments."
    )
    app.add_typer(timeline, name="timeline")
    timeline.command("add")(timeline_add_command)
    timeline.command("list")(timeline_list_command)
    timeline.command("chart")(timeline_chart_command)
