"""Context charts (fatalities, civilian targeting, region groups, choropleth map) and the report.

Every chart cites the provenance records of the data it draws (events, and boundaries for the
map) under its title, via ``reports.render.with_sources``. Charts are Altair objects: save them
with ``reports.render.save_chart(chart, path)`` as .svg, .png or .json.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import altair as alt
import polars as pl
import shapely

from peaceops.actors.timeline import Milestone
from peaceops.errors import InputError
from peaceops.events import alerts as alerts_mod
from peaceops.events.analysis import AreaTotals, area_totals, series, summary
from peaceops.events.export import export_table
from peaceops.reports.map_frame import boundary_features, padded_extent
from peaceops.reports.partial import covered_range, partial_year_label, with_partial_column
from peaceops.reports.render import save_chart, with_sources
from peaceops.workspace import Workspace

__all__ = [
    "CHART_KINDS",
    "ChartContext",
    "boundary_features",
    "boundary_sources",
    "chart_context",
    "chart_sources",
    "civilian_chart",
    "context_chart",
    "fatalities_chart",
    "map_chart",
    "region_colors",
    "regions_chart",
    "write_context_report",
]

CHART_KINDS = (
    "fatalities",
    "civilian",
    "regions",
    "map",
    "perpetrators",
    "peacekeepers",
    "timeline",
)

BAR_COLOR = "#4c6a92"
CIVILIAN_COLOR = "#b5443b"
REGION_COLORS = ["#b5443b", "#e0a030", "#4c6a92", "#7a7a7a", "#b8b8b8"]
# Colours of "other" (an admin1 in no group) and "unknown" (no admin1), on every chart.
_SPARE_COLORS = {"other": "#7a7a7a", "unknown": "#b8b8b8"}
_MORE_COLORS = ["#5b8c5a", "#8e6bb0", "#3d9aa8", "#a0522d"]


def region_colors(groups: Sequence[str]) -> dict[str, str]:
    """One fixed colour per configured region group (in configuration order), and greys for
    "other" and "unknown": the same group has the same colour on every chart, page and year."""
    palette = [c for c in REGION_COLORS if c not in _SPARE_COLORS.values()] + _MORE_COLORS
    colors = {g: palette[i % len(palette)] for i, g in enumerate(groups)}
    for name, color in _SPARE_COLORS.items():
        colors.setdefault(name, color)
    return colors


WIDTH = 560
HEIGHT = 260


def chart_sources(ws: Workspace, kinds: Sequence[str] = ("events",)) -> list[str]:
    """One citation per source of the given kinds: its latest import (the data in use)."""
    cites: list[str] = []
    for kind in kinds:
        seen: dict[str, str] = {}
        for record in ws.datasets(kind):
            seen[record.source] = record.cite()
        cites.extend(seen.values())
    return cites


@dataclass(frozen=True)
class ChartContext:
    """What the context charts need from the workspace besides their data, read once:
    citations, the synthetic mark, the days the events cover within the charts' range, the
    configured region groups (their colours) and the recorded milestones (the band)."""

    sources: tuple[str, ...]
    synthetic: bool
    covered: tuple[date, date] | None
    region_groups: tuple[str, ...]
    milestones: tuple[Milestone, ...] = ()


def chart_context(
    ws: Workspace, start: date | None = None, end: date | None = None
) -> ChartContext:
    """The ``ChartContext`` of the workspace's events, for charts over ``start``..``end``."""
    from peaceops.actors.timeline import milestones

    covered = covered_range(ws, start, end)
    return ChartContext(
        sources=tuple(chart_sources(ws)),
        synthetic=bool(ws.config.synthetic),
        covered=covered,
        region_groups=tuple(ws.config.region_groups),
        milestones=tuple(milestones(ws)),
    )


def _title(cx: ChartContext, text: str) -> str:
    """The chart title; charts of a synthetic workspace say so, so they are never mistaken."""
    return f"SYNTHETIC DATA: {text}" if cx.synthetic else text


def _range_note(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return ""
    a = start.isoformat() if start else "first event"
    b = end.isoformat() if end else "last event"
    return f" ({a} to {b})"


def _period_axis(cx: ChartContext, df: pl.DataFrame, by: str = "year") -> Any:
    """The x axis of a per-period chart; a partial year's label names its months.

    The labels change on the axis only, so layers keyed on the plain year (the milestone
    band) still line up.
    """
    expr = None
    if by == "year" and cx.covered is not None and "period" in df.columns:
        first, last = cx.covered
        marked = {
            str(p): partial_year_label(int(p), first, last)
            for p in df.get_column("period").cast(pl.Utf8).unique().to_list()
            if p is not None and str(p).isdigit()
        }
        changed = {k: v for k, v in marked.items() if k != v}
        if changed:
            expr = " : ".join(
                [
                    f"datum.value == {json.dumps(k)} ? {json.dumps(v, ensure_ascii=False)}"
                    for k, v in changed.items()
                ]
                + ["datum.value"]
            )
    if expr is None:
        return alt.Axis(labelAngle=-45)
    return alt.Axis(labelAngle=-45, labelExpr=expr)


def _yearly_bars(df: pl.DataFrame, color: str, y_title: str, axis: Any = None) -> Any:
    data = df.select("period", "fatalities", "events").to_dicts()
    base = alt.Chart({"values": data})
    bars = base.mark_bar(color=color).encode(
        x=alt.X("period:O", title=None, axis=axis or alt.Axis(labelAngle=-45)),
        y=alt.Y("fatalities:Q", title=y_title),
        tooltip=[
            alt.Tooltip("period:O", title="year"),
            alt.Tooltip("fatalities:Q", format=","),
            alt.Tooltip("events:Q", format=","),
        ],
    )
    labels = base.mark_text(dy=-5, fontSize=8, color="#333").encode(
        x="period:O", y="fatalities:Q", text=alt.Text("fatalities:Q", format=",")
    )
    return (bars + labels).properties(width=WIDTH, height=HEIGHT)


def _with_band(cx: ChartContext, chart: Any, df: pl.DataFrame, by: str = "year") -> Any:
    """The chart over a band marking the periods with recorded political milestones."""
    from peaceops.reports.actor_charts import band_of

    band = band_of(cx.milestones, df.get_column("period").unique().to_list(), by)
    return chart if band is None else alt.layer(band, chart)


def fatalities_chart(
    df: pl.DataFrame, cx: ChartContext, start: date | None = None, end: date | None = None
) -> Any:
    """Fatalities per year (``series(by="year")`` over ``start``..``end``), over a band on
    years with recorded milestones."""
    chart = _with_band(cx, _yearly_bars(df, BAR_COLOR, "fatalities", _period_axis(cx, df)), df)
    title = _title(cx, "Fatalities per year" + _range_note(start, end))
    return with_sources(chart, list(cx.sources), title)


def civilian_chart(
    df: pl.DataFrame, cx: ChartContext, start: date | None = None, end: date | None = None
) -> Any:
    """Civilian fatalities from direct targeting per year (``series(by="year",
    civilian=True)``)."""
    axis = _period_axis(cx, df)
    chart = _with_band(cx, _yearly_bars(df, CIVILIAN_COLOR, "civilian fatalities", axis), df)
    title = _title(
        cx, "Civilian fatalities from direct targeting per year" + _range_note(start, end)
    )
    return with_sources(chart, list(cx.sources), title)


def regions_chart(
    df: pl.DataFrame,
    cx: ChartContext,
    start: date | None = None,
    end: date | None = None,
    by: str = "year",
    civilian: bool = False,
) -> Any:
    """Fatalities per period stacked by region group (``series(group="region")``; configured
    groups first)."""
    order = list(dict.fromkeys(df.get_column("region").to_list()))
    colors = region_colors(list(cx.region_groups))
    data = df.to_dicts()
    chart = (
        alt.Chart({"values": data})
        .mark_bar()
        .encode(
            x=alt.X("period:O", title=None, axis=_period_axis(cx, df, by)),
            y=alt.Y(
                "fatalities:Q",
                title="civilian fatalities" if civilian else "fatalities",
                stack="zero",
            ),
            color=alt.Color(
                "region:N",
                title="region group",
                sort=order,
                scale=alt.Scale(domain=order, range=[colors.get(g, "#999") for g in order]),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                "period:O",
                "region:N",
                alt.Tooltip("fatalities:Q", format=","),
                alt.Tooltip("share:Q", format=".0%"),
            ],
        )
        .transform_calculate(order=f"indexof({json.dumps(order)}, datum.region)")
        .properties(width=WIDTH, height=HEIGHT)
    )
    chart = _with_band(cx, chart, df, by)
    what = "Civilian fatalities" if civilian else "Fatalities"
    title = _title(cx, f"{what} per {by} by region group" + _range_note(start, end))
    return with_sources(chart, list(cx.sources), title)


# -- map ------------------------------------------------------------------------------------


def map_chart(
    features: Sequence[dict[str, Any]],
    areas: Sequence[AreaTotals],
    cx: ChartContext,
    boundary_cites: Sequence[str] = (),
    level: int = 1,
    start: date | None = None,
    end: date | None = None,
    civilian: bool = False,
) -> Any:
    """Choropleth of fatalities per admin1 or admin2 area over the chosen period: the
    ``boundary_features`` of ``level`` shaded by their ``area_totals``."""
    if level not in (1, 2):
        raise InputError(f"the admin level must be 1 or 2, not {level}", field="level")
    features = copy.deepcopy(list(features))  # the caller's (maybe cached) shapes stay as they are
    totals = {a.pcode: a for a in areas}
    for f in features:
        t = totals.get(f["properties"]["pcode"])
        f["properties"]["fatalities"] = t.fatalities if t else 0
        f["properties"]["events"] = t.events if t else 0
    labels = []
    if level == 1:
        for f in features:
            point = shapely.geometry.shape(f["geometry"]).representative_point()
            labels.append(
                {
                    "lon": point.x,
                    "lat": point.y,
                    "label": f"{f['properties']['name']} {f['properties']['fatalities']:,}",
                }
            )
    what = "civilian fatalities" if civilian else "fatalities"
    shapes = (
        alt.Chart({"values": features, "format": {"type": "json"}})
        .mark_geoshape(stroke="white", strokeWidth=0.6)
        .encode(
            color=alt.Color(
                "properties.fatalities:Q",
                title=[what, "(symmetric log scale)"],  # two lines: the legend is narrow
                scale=alt.Scale(scheme="orangered", type="symlog"),
            ),
            tooltip=[
                alt.Tooltip("properties.name:N", title="area"),
                alt.Tooltip("properties.pcode:N", title="P-code"),
                alt.Tooltip("properties.fatalities:Q", title=what, format=","),
                alt.Tooltip("properties.events:Q", title="events", format=","),
            ],
        )
    )
    layers: Any = shapes
    if labels:
        text = (
            alt.Chart({"values": labels})
            .mark_text(fontSize=9, fontWeight="bold", color="#111")
            .encode(longitude="lon:Q", latitude="lat:Q", text="label:N")
        )
        layers = shapes + text
    chart = layers.project(type="mercator", fit=padded_extent(features))
    chart = chart.properties(width=WIDTH, height=int(WIDTH * 0.85))
    admin = "region (admin1)" if level == 1 else "cercle/district (admin2)"
    title = _title(
        cx, f"{what.capitalize()} by {admin}" + (_range_note(start, end) or ", all years")
    )
    return with_sources(chart, [*cx.sources, *boundary_cites], title)


def boundary_sources(ws: Workspace, level: int) -> list[str]:
    """The citations of the boundary imports the layer of ``level`` is made of (one a country
    part)."""
    from peaceops.geo.boundaries import boundary_records

    chosen = boundary_records(ws, level)
    if not chosen:  # records of an old import that did not name its level
        chosen = ws.datasets("boundaries")[-1:]
    return [r.cite() for r in chosen]


def context_chart(
    ws: Workspace,
    kind: str,
    start: date | None = None,
    end: date | None = None,
    level: int = 1,
) -> Any:
    """One context chart by name (``CHART_KINDS``): fatalities, civilian, regions, map, and
    from the actor analyses perpetrators, peacekeepers and the political timeline. Reads its
    data once and draws it."""
    if kind in ("fatalities", "civilian", "regions", "map"):
        cx = chart_context(ws, start, end)
        if kind == "fatalities":
            return fatalities_chart(series(ws, by="year", start=start, end=end), cx, start, end)
        if kind == "civilian":
            df = series(ws, by="year", civilian=True, start=start, end=end)
            return civilian_chart(df, cx, start, end)
        if kind == "regions":
            df = series(ws, by="year", group="region", start=start, end=end)
            return regions_chart(df, cx, start, end)
        return _map(ws, cx, level, start, end)
    if kind in ("perpetrators", "peacekeepers", "timeline"):
        from peaceops.reports import actor_charts

        if kind == "timeline":
            return actor_charts.timeline_chart(ws, start, end)
        from peaceops.actors.analysis import peacekeeper_attacks, perpetrators

        acx = actor_charts.actor_chart_context(ws)
        if kind == "perpetrators":
            df = perpetrators(ws, start=start, end=end, group=None, by="year")
            return actor_charts.perpetrators_chart(df, acx, end)
        df = peacekeeper_attacks(ws, by="year", start=start, end=end)
        return actor_charts.peacekeepers_chart(df, acx, end)
    raise InputError(f"unknown chart {kind!r} (use one of: {', '.join(CHART_KINDS)})")


def _map(ws: Workspace, cx: ChartContext, level: int, start: date | None, end: date | None) -> Any:
    if level not in (1, 2):
        raise InputError(f"the admin level must be 1 or 2, not {level}", field="level")
    features = boundary_features(ws, level)
    areas = area_totals(ws, level, start=start, end=end)
    return map_chart(features, areas, cx, boundary_sources(ws, level), level, start, end)


# -- report ---------------------------------------------------------------------------------


def _actor_tables(ws: Workspace, start: date | None, end: date | None) -> dict[str, pl.DataFrame]:
    """The actor analyses of the report: perpetrators of civilian-targeting fatalities, attacks
    on the mission, violence and the peace agreement, dyads, and the political timeline."""
    from peaceops.actors.analysis import agreement_violence, dyads, peacekeeper_attacks
    from peaceops.actors.analysis import perpetrators as perps
    from peaceops.actors.timeline import timeline

    return {
        "perpetrators_per_year": perps(ws, start=start, end=end, group="region", by="year"),
        "peacekeepers_per_year": peacekeeper_attacks(ws, by="year", start=start, end=end),
        "agreement_per_year": agreement_violence(ws, by="year", start=start, end=end),
        "dyads_per_year": dyads(ws, by="year", start=start, end=end),
        "timeline": timeline(ws, start, end),
    }


def write_context_report(
    ws: Workspace, out_dir: Path, start: date | None = None, end: date | None = None
) -> list[Path]:
    """Write the main context tables (CSV and Excel) and the four charts (SVG and PNG).

    The map is left out when no admin1 boundaries are loaded. Returns the files written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    tables = {
        "fatalities_per_year": series(ws, by="year", start=start, end=end),
        "civilian_per_year": series(ws, by="year", civilian=True, start=start, end=end),
        "regions_per_year": series(ws, by="year", group="region", start=start, end=end),
        "regions_per_quarter": series(ws, by="quarter", group="region", start=start, end=end),
        "admin1_per_year": series(ws, by="year", group="admin1", start=start, end=end),
        "event_types_per_year": series(ws, by="year", group="event_type", start=start, end=end),
        **_actor_tables(ws, start, end),
    }
    found = alerts_mod.alerts(ws, start=start, end=end)
    tables["alerts"] = pl.DataFrame(
        [a.as_dict() for a in found],
        schema={
            "area_pcode": pl.String,
            "area_name": pl.String,
            "level": pl.Int64,
            "month": pl.String,
            "metric": pl.String,
            "value": pl.Int64,
            "baseline": pl.Float64,
            "p_value": pl.Float64,
            "threshold": pl.Float64,
            "min_count": pl.Int64,
            "reason": pl.String,
            "summary": pl.String,
        },
    )
    # Tables of generated events say so on every row.
    label = "synthetic" if ws.config.synthetic else ""
    span = covered_range(ws, start, end)  # periods covered in part carry a "partial" column
    for name, df in tables.items():
        df = with_partial_column(df, *span) if span else df
        written.append(export_table(df, out_dir / f"{name}.csv", label=label))
        written.append(export_table(df, out_dir / f"{name}.xlsx", sheet=name, label=label))
    head = summary(ws, start, end, region_series=tables["regions_per_year"])
    summary_path = out_dir / "summary.json"
    summary_path.write_text(
        json.dumps(head.as_dict(), indent=2, default=str, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    written.append(summary_path)
    # The charts draw the tables above: each piece of data is read once.
    cx = chart_context(ws, start, end)
    charts = {
        "fatalities": fatalities_chart(tables["fatalities_per_year"], cx, start, end),
        "civilian": civilian_chart(tables["civilian_per_year"], cx, start, end),
        "regions": regions_chart(tables["regions_per_year"], cx, start, end),
    }
    if ws.current_file("boundaries/1") is not None:
        charts["map"] = _map(ws, cx, 1, start, end)
    from peaceops.reports import actor_charts

    acx = actor_charts.actor_chart_context(ws)
    charts["peacekeepers"] = actor_charts.peacekeepers_chart(
        tables["peacekeepers_per_year"], acx, end
    )
    charts["timeline"] = actor_charts.political_timeline_chart(
        series(ws, by="month", start=start, end=end), tables["timeline"], acx
    )
    for kind in CHART_KINDS:
        if kind == "map" and kind not in charts:
            continue  # no admin1 boundaries
        chart = charts[kind] if kind in charts else context_chart(ws, kind, start, end)
        for suffix in (".svg", ".png"):
            written.append(save_chart(chart, out_dir / f"{kind}{suffix}"))
    return written
