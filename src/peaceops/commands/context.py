"""CLI commands: context (series, charts, report) and alerts (early warning, backtest)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from peaceops.commands.common import (
    FromOption,
    TableFormat,
    ToOption,
    WorkspaceOption,
    console,
    emit_items,
    emit_json,
    emit_records,
    err_console,
    open_workspace,
    parse_date,
)
from peaceops.errors import InputError
from peaceops.grades import Grade

__all__ = [
    "alerts_command",
    "backtest_command",
    "chart_command",
    "export_command",
    "register",
    "report_command",
    "series_command",
    "summary_command",
]


MetricOption = Annotated[str, typer.Option("--metric", help="Count events or fatalities.")]
CivilianAlertOption = Annotated[
    bool, typer.Option("--civilian", help="Only civilian-targeting events.")
]
LevelOption = Annotated[int, typer.Option("--level", help="Admin level of the areas: 1 or 2.")]
ThresholdOption = Annotated[
    float, typer.Option("--threshold", help="Tail probability below which an alert fires.")
]
MinimumOption = Annotated[int, typer.Option("--min", help="Minimum count for an alert.")]
OnlyOption = Annotated[
    str,
    typer.Option(
        "--only",
        help="all, political-violence (battles, explosions, violence against "
        "civilians) or demonstrations (protests, riots).",
    ),
]


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Use the events as stored in the workspace on this date (YYYY-MM-DD)."
    ),
]


def _grade(ws: Any) -> Grade:
    """The grade of figures computed from the workspace's events."""
    from peaceops.reports.brief_grades import events_grade

    return events_grade(ws)[0]


def _open(workspace: Path, as_of: str | None) -> Any:
    """The workspace, or a read-only view of it holding the events as stored on ``as_of``."""
    from peaceops.events.versions import events_as_of

    ws = open_workspace(workspace)
    day = parse_date(as_of, "as-of")
    if day is None:
        return ws
    view = events_as_of(ws, day)
    if view.note:
        err_console.print(f"Note: {view.note}", markup=False)
    return view.workspace


def _rule(
    metric: str, civilian: bool, level: int, threshold: float, minimum: int, only: str = "all"
) -> Any:
    from peaceops.events.alerts import AlertRule

    return AlertRule(
        metric=metric,  # type: ignore[arg-type]  # AlertRule checks it
        civilian=civilian,
        level=level,
        threshold=threshold,
        min_count=minimum,
        event_class=only.replace("-", " "),  # type: ignore[arg-type]  # AlertRule checks it
    )


def export_command(
    out: Annotated[Path, typer.Option("--out", help="The file to write.")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="xlsx (every table and a sources sheet), geojson, gpkg or geoparquet.",
        ),
    ] = "xlsx",
    layer: Annotated[
        str,
        typer.Option(
            "--layer", help="admin1, admin2 or events (GeoJSON and GeoParquet hold one layer)."
        ),
    ] = "admin1",
    start: FromOption = None,
    end: ToOption = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Export the context for Excel or QGIS: one workbook, or area totals with boundaries and
    events as points."""
    from peaceops.reports.context_export import GEO_FORMATS, export_geo, export_workbook

    ws = open_workspace(workspace)
    first, last = parse_date(start, "from"), parse_date(end, "to", end=True)
    if fmt == "xlsx":
        paths = [export_workbook(ws, out, first, last)]
    elif fmt in GEO_FORMATS:
        paths = export_geo(ws, out, fmt, layer=layer, start=first, end=last)
    else:
        raise InputError(
            f"--format: use xlsx, {', '.join(GEO_FORMATS)} (not {fmt!r})", field="format"
        )
    for path in paths:
        console.print(f"Wrote {path}", markup=False)


def _period_inside_data(ws: Any, first: date | None, last: date | None) -> None:
    """Refuse a period that lies wholly outside the events, naming their range (as the web
    does), rather than print an empty table that reads as "nothing happened"."""
    from peaceops.events.analysis import event_range

    span = event_range(ws)
    if span is None:
        return
    if first is not None and first > span[1]:
        raise InputError(
            f"{first} is after the last event; the events run from {span[0]} to {span[1]}",
            field="from",
        )
    if last is not None and last < span[0]:
        raise InputError(
            f"{last} is before the first event; the events run from {span[0]} to {span[1]}",
            field="to",
        )


def series_command(
    by: Annotated[str, typer.Option("--by", help="year, quarter or month.")] = "year",
    group: Annotated[
        str | None,
        typer.Option("--group", help="region, admin1, admin2, event_type, actor, country or dyad."),
    ] = None,
    civilian: Annotated[
        bool,
        typer.Option("--civilian", help="Civilian-targeting events only; civilian fatalities."),
    ] = False,
    start: FromOption = None,
    end: ToOption = None,
    event_type: Annotated[
        list[str] | None, typer.Option("--event-type", help="Keep only this event type.")
    ] = None,
    region: Annotated[
        list[str] | None,
        typer.Option("--region", help="Keep only this region group, admin1 area or country."),
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = (
        TableFormat.table
    ),
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write the table to FILE.csv, .parquet or .xlsx."),
    ] = None,
    as_of: AsOfOption = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Events and fatalities per year, quarter or month, optionally per group."""
    from peaceops.events.analysis import series
    from peaceops.events.export import export_table
    from peaceops.reports.partial import mark_partial

    ws = _open(workspace, as_of)
    _period_inside_data(ws, parse_date(start, "from"), parse_date(end, "to", end=True))
    if group == "dyad":
        from peaceops.actors.analysis import dyads

        df = dyads(
            ws,
            by=by,
            civilian=civilian,
            start=parse_date(start, "from"),
            end=parse_date(end, "to", end=True),
            event_types=event_type or None,
            regions=region or None,
        )
    else:
        df = series(
            ws,
            by=by,
            group=group or None,
            civilian=civilian,
            start=parse_date(start, "from"),
            end=parse_date(end, "to", end=True),
            event_types=event_type or None,
            regions=region or None,
        )
    df = mark_partial(ws, df, parse_date(start, "from"), parse_date(end, "to", end=True))
    if out is not None:
        export_table(df, out, label="synthetic" if ws.config.synthetic else "")
        console.print(f"Wrote {out} ({df.height} rows)", markup=False)
        return
    records = df.to_dicts()
    if fmt is TableFormat.table and not records:
        console.print("No events match these filters.")
        return
    if fmt is TableFormat.table:
        for r in records:
            if "share" in r:
                r["share"] = f"{r['share']:.1%}"
    what = "civilian-targeting events" if civilian else "events"
    emit_records(
        records,
        fmt,
        title=f"{what.capitalize()} and fatalities per {by}",
        grade=_grade(ws),
        columns=df.columns,
    )


def chart_command(
    kind: Annotated[
        str,
        typer.Argument(
            help="fatalities, civilian, regions, map, perpetrators, peacekeepers or timeline"
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="FILE.svg, FILE.png or FILE.json")],
    start: FromOption = None,
    end: ToOption = None,
    level: Annotated[int, typer.Option("--level", help="Map admin level: 1 or 2.")] = 1,
    as_of: AsOfOption = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Draw one context chart, citing its sources under the title."""
    from peaceops.reports.context_charts import context_chart
    from peaceops.reports.render import save_chart

    if out.suffix.lower() not in (".svg", ".png", ".json"):
        raise InputError(f"{out.name}: charts are written as .svg, .png or .json")
    ws = _open(workspace, as_of)
    chart = context_chart(
        ws, kind, parse_date(start, "from"), parse_date(end, "to", end=True), level
    )
    save_chart(chart, out)
    console.print(f"Wrote {out}", markup=False)


def report_command(
    out: Annotated[Path, typer.Option("--out", help="Directory to write the report to.")],
    start: FromOption = None,
    end: ToOption = None,
    as_of: AsOfOption = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Write the main context tables (CSV, Excel), a summary and the four charts."""
    from peaceops.reports.context_charts import write_context_report

    ws = _open(workspace, as_of)
    paths = write_context_report(
        ws, out, parse_date(start, "from"), parse_date(end, "to", end=True)
    )
    console.print(f"Wrote {len(paths)} files to {out}", markup=False)
    for p in paths:
        console.print(f"  {p.name}", markup=False)


def summary_command(
    start: FromOption = None,
    end: ToOption = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, csv or json.")] = (
        TableFormat.table
    ),
    as_of: AsOfOption = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Headline figures: totals, date range, fatalities by region group, top areas and, with
    several countries, by country."""
    from peaceops.events.views import context_summary

    ws = _open(workspace, as_of)
    view = context_summary(ws, parse_date(start, "from"), parse_date(end, "to", end=True))
    s = view.summary
    if fmt is TableFormat.json:
        emit_json(view.to_dict(), grade=view.grade)
        return
    if fmt is TableFormat.csv:
        figures = {k: v for k, v in s.as_dict().items() if not isinstance(v, (list, dict))}
        items = [("grade", view.grade), *figures.items()]
        items += [(f"fatalities, region group: {r}", f) for r, f in s.regions]
        items += [(f"fatalities, admin1: {a}", f) for a, f in s.top_admin1]
        items += [(f"fatalities, country: {c}", f) for c, _e, f in s.countries]
        emit_items(items, fmt, grade=view.grade)
        return
    console.print(
        ("SYNTHETIC DATA: " if ws.config.synthetic else "")
        + f"{s.events:,} events, {s.fatalities:,} fatalities from {s.first_date} to "
        f"{s.last_date}; civilian targeting: {s.civilian_events:,} events, "
        f"{s.civilian_fatalities:,} civilian fatalities",
        markup=False,
    )
    emit_records(
        [{"region group": r, "fatalities": f} for r, f in s.regions],
        TableFormat(fmt.value),
        grade=view.grade,
    )
    emit_records([{"admin1": a, "fatalities": f} for a, f in s.top_admin1], fmt, grade=view.grade)
    if s.countries:
        emit_records(
            [{"country": c, "events": e, "fatalities": f} for c, e, f in s.countries],
            fmt,
            grade=view.grade,
        )


def alerts_command(
    ctx: typer.Context,
    start: FromOption = None,
    end: ToOption = None,
    metric: MetricOption = "events",
    civilian: CivilianAlertOption = False,
    level: LevelOption = 1,
    threshold: ThresholdOption = 0.01,
    minimum: MinimumOption = 5,
    only: OnlyOption = "all",
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, csv or json.")] = (
        TableFormat.table
    ),
    as_of: AsOfOption = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """List alerts: months where an area's count is far above its 12-month baseline."""
    if ctx.invoked_subcommand is not None:
        return
    from peaceops.events.alerts import alerts

    ws = _open(workspace, as_of)
    rule = _rule(metric, civilian, level, threshold, minimum, only)
    found = alerts(ws, rule, parse_date(start, "from"), parse_date(end, "to", end=True))
    grade = _grade(ws)
    if fmt is TableFormat.table:
        # One line per alert: the reason already carries every figure (and the grade).
        mark = "" if grade == "real" else f"[{grade}] "
        console.print(f"{mark}{len(found)} alerts ({rule.what}, level {rule.level})", markup=False)
        for a in found:
            console.print(f"{mark}{a.month}  {a.area_pcode:<8} {a.reason}", markup=False)
            console.print(f"{mark}{'':17}{a.summary}", markup=False)
        return
    emit_records([a.as_dict() for a in found], fmt, grade=grade)


def backtest_command(
    metric: MetricOption = "events",
    civilian: CivilianAlertOption = False,
    level: LevelOption = 1,
    threshold: ThresholdOption = 0.01,
    minimum: MinimumOption = 5,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, csv or json.")] = (
        TableFormat.table
    ),
    as_of: AsOfOption = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Precision and recall of the alert rule against a naive rule, over the history."""
    from peaceops.events.backtest import backtest

    ws = _open(workspace, as_of)
    result = backtest(ws, _rule(metric, civilian, level, threshold, minimum))
    grade = _grade(ws)
    if fmt is TableFormat.json:
        emit_json(result.as_dict(), grade=grade)
        return

    def pct(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.0%}"

    rows = [
        {
            "rule": s.name,
            "alerts": s.alerts,
            "followed by higher quarter": s.hits,
            "precision": pct(s.precision),
            "recall": pct(s.recall),
        }
        for s in (result.alert_rule, result.naive_rule)
    ]
    emit_records(
        rows, TableFormat.csv if fmt is TableFormat.csv else TableFormat.table, grade=grade
    )
    if fmt is TableFormat.table:
        console.print(
            f"{result.area_months:,} area-months judged, {result.higher_quarters:,} followed "
            f"by a higher-violence quarter (base rate {pct(result.base_rate)}).",
            markup=False,
        )
        console.print(result.definition.capitalize() + ".", markup=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    context = typer.Typer(
        no_args_is_help=True, help="Context analysis: event series, charts and reports."
    )
    app.add_typer(context, name="context")
    context.command("export")(export_command)
    context.command("series")(series_command)
    context.command("chart")(chart_command)
    context.command("report")(report_command)
    context.command("summary")(summary_command)

    alerts_app = typer.Typer(
        help="Early warning: area-months with unusually much violence.",
        invoke_without_command=True,
    )
    app.add_typer(alerts_app, name="alerts")

    alerts_app.callback()(alerts_command)
    alerts_app.command("backtest")(backtest_command)
