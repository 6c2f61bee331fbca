"""Plan charts: the phase chart (Gantt-like), deployment-against-threat bars and map."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import altair as alt

from peaceops.errors import PeaceopsError
from peaceops.planning.alignment import AlignmentResult
from peaceops.planning.result import PlanResult
from peaceops.reports.render import save_chart, with_sources
from peaceops.workspace import Workspace

__all__ = [
    "alignment_chart",
    "alignment_charts",
    "alignment_map",
    "alignment_year_label",
    "phase_chart",
    "write_alignment_charts",
]

_STATE_COLOURS = {"on time": "#2b8cbe", "deferred": "#f0a202", "left out": "#b0b0b0"}


def phase_chart(result: PlanResult) -> Any:
    """One bar per task from its start to its end phase; left-out tasks shown as grey
    markers at their earliest phase (or phase 1); deferred tasks in amber."""
    plan = result.plan
    rows = []
    for i, t in enumerate(result.tasks):
        start = t.start_phase if t.start_phase is not None else (t.earliest_phase or 1)
        end = (t.end_phase if t.end_phase is not None else start) + 1
        rows.append(
            {
                "order": i,
                "task": f"{t.name} ({t.id})" if t.name != t.id else t.id,
                "start": start,
                "end": min(end, plan.phases + 1) if t.start_phase is not None else start + 0.25,
                "state": t.state,
                "reason": "; ".join(t.reasons)[:200],
            }
        )
    data = {"values": rows}
    colours = alt.Scale(domain=list(_STATE_COLOURS), range=list(_STATE_COLOURS.values()))
    labels = {p: plan.phase_label(p) for p in range(1, plan.phases + 1)}
    label_expr = " : ".join(f"datum.value == {p} ? '{labels[p]}'" for p in labels) + " : ''"
    chart = (
        alt.Chart(data)
        .mark_bar(cornerRadius=2)
        .encode(
            y=alt.Y(
                "task:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelLimit=320)
            ),
            x=alt.X(
                "start:Q",
                title="Phase",
                scale=alt.Scale(domain=[1, plan.phases + 1]),
                axis=alt.Axis(values=list(labels), labelExpr=label_expr, labelAngle=0),
            ),
            x2="end:Q",
            color=alt.Color("state:N", scale=colours, title=None),
            tooltip=["task:N", "start:Q", "state:N", "reason:N"],
        )
        .properties(width=560, height=max(120, 18 * len(rows)))
    )
    status = result.status + ("" if result.status == "optimal" else f", gap {result.gap:.1%}")
    title = f"{plan.name}: sequence of tasks ({status})"
    if plan.illustrative:
        title = f"ILLUSTRATIVE (example plan shipped with peaceops): {title}"
    sources = [*plan.sources, "peaceops plan solver (OR-Tools CP-SAT)"]
    return with_sources(chart, sources, title)


def alignment_chart(rows: Sequence[Mapping[str, Any]], title: str, sources: Sequence[str]) -> Any:
    """Each region group's share of deployed troops next to its share of civilian fatalities."""
    values = []
    for r in rows:
        values.append({"region": r["region"], "measure": "troops", "share": r["troop_share"]})
        values.append(
            {
                "region": r["region"],
                "measure": "civilian fatalities",
                "share": r["fatality_share"],
            }
        )
    chart = (
        alt.Chart({"values": values})
        .mark_bar()
        .encode(
            x=alt.X("share:Q", title="Share", axis=alt.Axis(format="%")),
            y=alt.Y("measure:N", title=None),
            row=alt.Row("region:N", title=None),
            color=alt.Color(
                "measure:N",
                scale=alt.Scale(
                    domain=["troops", "civilian fatalities"], range=["#2b8cbe", "#d7301f"]
                ),
                title=None,
            ),
        )
        .properties(width=420, height=50)
    )
    return with_sources(chart, sources, title)


def alignment_map(
    locations: Sequence[Mapping[str, Any]],
    title: str,
    sources: Sequence[str],
    boundaries: Any | None = None,
    colors: Mapping[str, str] | None = None,
) -> Any:
    """Deployment locations as circles sized by troops, coloured by region group (in
    ``colors``, the groups' fixed colours, when given), over the admin1 boundaries when given
    (a GeoJSON FeatureCollection mapping)."""
    groups = list(dict.fromkeys(str(x.get("region") or "unplaced") for x in locations))
    scale = (
        alt.Scale(domain=groups, range=[colors.get(g, "#999999") for g in groups])
        if colors is not None
        else alt.Undefined
    )
    locations = [{**x, "region": x.get("region") or "unplaced"} for x in locations]
    points = (
        alt.Chart({"values": list(locations)})
        .mark_circle(opacity=0.7, stroke="#333", strokeWidth=0.5)
        .encode(
            longitude="longitude:Q",
            latitude="latitude:Q",
            size=alt.Size("troops:Q", title="Troops", scale=alt.Scale(range=[20, 1200])),
            color=alt.Color("region:N", title="Region group", scale=scale),
            tooltip=["location:N", "admin1:N", "region:N", "troops:Q"],
        )
    )
    layers: list[Any] = []
    if boundaries is not None:
        layers.append(
            alt.Chart({"values": boundaries["features"], "format": {"type": "json"}}).mark_geoshape(
                fill="#f2f2f2", stroke="#999", strokeWidth=0.5
            )
        )
    layers.append(points)
    chart = alt.layer(*layers).project("equirectangular").properties(width=520, height=440)
    return with_sources(chart, sources, title)


def _alignment_sources(result: AlignmentResult) -> list[str]:
    return list(result.sources)


def alignment_year_label(ws: Workspace, year: int) -> str:
    """``"2019"``, or ``"2020 (Jan–Oct, partial)"`` when the events cover the year in part
    (its civilian fatalities are then a part-year's)."""
    from peaceops.events.analysis import event_range
    from peaceops.reports.partial import partial_year_label

    try:
        span = event_range(ws)
    except PeaceopsError:
        span = None
    return str(year) if span is None else partial_year_label(year, span[0], span[1])


def alignment_charts(ws: Workspace, result: AlignmentResult) -> tuple[Any, Any]:
    """The shares chart and the deployment map for an alignment result."""
    year = alignment_year_label(ws, result.year)
    title = f"{result.mission} {year}: share of troops against share of civilian fatalities"
    bars = alignment_chart(
        [r.to_dict() for r in result.rows if r.fatality_share is not None]
        or [{**r.to_dict(), "fatality_share": 0.0} for r in result.rows],
        title,
        _alignment_sources(result),
    )
    boundaries = None
    sources = _alignment_sources(result)
    try:
        from peaceops.reports.context_charts import boundary_features, boundary_sources

        features = boundary_features(ws, 1)
        boundaries = {"type": "FeatureCollection", "features": features}
        sources += boundary_sources(ws, 1)
    except PeaceopsError:
        boundaries = None
    from peaceops.reports.context_charts import region_colors

    locations = [loc.to_dict() for loc in result.locations]
    deployment_map = alignment_map(
        locations,
        f"{result.mission} {year}: troops by location and region group",
        sources,
        boundaries,
        region_colors(list(ws.config.region_groups)),
    )
    return bars, deployment_map


def write_alignment_charts(
    ws: Workspace, result: AlignmentResult, chart: Path | None, map_file: Path | None
) -> list[Path]:
    bars, deployment_map = alignment_charts(ws, result)
    out = []
    if chart is not None:
        out.append(save_chart(bars, chart))
    if map_file is not None:
        out.append(save_chart(deployment_map, map_file))
    return out
