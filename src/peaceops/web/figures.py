"""Charts as inline SVG figures with a table alternative, rendered once per data state.

Every chart has native tooltips (an SVG ``<title>`` per mark, from the mark's description, so
they work without script) and, where a mark has a link (map areas), the link stays on the
page. Sources and titles are cut to a fixed length, so no text typed by someone can make a
chart grow.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from peaceops.reports.render import chart_svg
from peaceops.web.common import cached, prefix_svg_ids

__all__ = [
    "MAX_CHART_TEXT",
    "Figure",
    "Table",
    "bar_chart",
    "figure",
    "filtered_chart",
    "map_figure_chart",
    "short",
    "stacked_chart",
    "svg_for_page",
]

MAX_CHART_TEXT = 160  # characters of a title shown on a chart
WIDTH = 560
HEIGHT = 240


@dataclass(frozen=True)
class Figure:
    """An inline SVG chart, its accessible description and the table it was drawn from."""

    key: str  # id on the page
    title: str
    svg: Markup
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    description: str = ""
    note: str = ""  # e.g. which periods are partial
    make_chart: Callable[[], Any] | None = None  # the Altair chart, for PNG downloads


@dataclass(frozen=True)
class Table:
    """A table shown on a page, as its CSV and XLSX downloads write it."""

    key: str  # name in the download address: /download/{page}/{key}.csv
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    # "illustrative"/"synthetic"/"" per row, when rows differ (else the page's label)
    row_labels: tuple[str, ...] | None = None

    @classmethod
    def of(
        cls,
        key: str,
        title: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        row_labels: Sequence[str] | None = None,
    ) -> Table:
        labels = None if row_labels is None else tuple(row_labels)
        return cls(key, title, tuple(columns), tuple(tuple(r) for r in rows), labels)


def short(text: str, limit: int = MAX_CHART_TEXT) -> str:
    """``text`` on one line, cut to ``limit`` characters (with an ellipsis)."""
    one = " ".join(str(text).split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


_MARK = re.compile(r'<path aria-label="([^"]*)"([^>]*?)/>')
_VEGA_BASE = 'xlink:href="https://vega.github.io/vega-datasets/'


def svg_for_page(svg: str) -> str:
    """An SVG from the renderer made fit for a page: no XML prolog, a tooltip per mark, links
    relative to the dashboard (the renderer prefixes its own base URL)."""
    start = svg.find("<svg")
    svg = svg[start:] if start > 0 else svg
    svg = svg.replace(_VEGA_BASE, 'xlink:href="')
    return _MARK.sub(lambda m: f'<path aria-label="{m[1]}"{m[2]}><title>{m[1]}</title></path>', svg)


def figure(
    key: str,
    title: str,
    cache_key: Any,
    make_chart: Callable[[], Any],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    description: str = "",
    note: str = "",
) -> Figure:
    """Render ``make_chart()`` to SVG (cached on ``cache_key``) as a page figure."""

    def draw() -> str:
        return svg_for_page(chart_svg(make_chart()))

    raw = cached(("svg", key, cache_key), draw)
    digest = hashlib.sha1(repr(cache_key).encode()).hexdigest()[:6]
    svg = prefix_svg_ids(raw, f"{key}-{digest}")
    return Figure(
        key=key,
        title=title,
        svg=Markup(svg),  # produced by Vega from our own data, not user HTML
        columns=tuple(columns),
        rows=tuple(tuple(r) for r in rows),
        description=description,
        note=note,
        make_chart=make_chart,
    )


def _with_sources(chart: Any, sources: Sequence[str], title: str) -> Any:
    from peaceops.reports.render import with_sources

    # A citation is wrapped over lines, never cut (``with_sources`` bounds its length).
    return with_sources(chart, list(sources), short(title))


def _marked(
    records: Sequence[Mapping[str, Any]], partial: Mapping[str, str]
) -> list[dict[str, Any]]:
    out = []
    for r in records:
        row = dict(r)
        label = str(row["period"])
        row["label"] = label + ("*" if label in partial else "")
        row["partial"] = label in partial
        out.append(row)
    return out


def bar_chart(
    records: Sequence[Mapping[str, Any]],
    title: str,
    y_title: str,
    color: str,
    sources: Sequence[str],
    partial: Mapping[str, str] | None = None,
    band: Any = None,
) -> Any:
    """Bars of fatalities per period; partial periods are paler and marked ``*``; ``band``
    (a layer on the same ``label`` axis, e.g. periods with political milestones) behind."""
    import altair as alt

    data = _marked(records, partial or {})
    order = [r["label"] for r in data]
    base = alt.Chart({"values": data}).transform_calculate(
        tip="datum.label + ': ' + format(datum.fatalities, ',') + ' "
        + y_title
        + ", ' + format(datum.events, ',') + ' events' + (datum.partial ? ' (partial period)' : '')"
    )
    bars = base.mark_bar(color=color).encode(
        x=alt.X("label:O", title=None, sort=order, axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("fatalities:Q", title=y_title),
        opacity=alt.condition("datum.partial", alt.value(0.45), alt.value(1.0)),
        description="tip:N",
    )
    chart = bars
    if len(data) <= 24:
        labels = base.mark_text(dy=-5, fontSize=8, color="#333").encode(
            x=alt.X("label:O", sort=order),
            y="fatalities:Q",
            text=alt.Text("fatalities:Q", format=","),
        )
        chart = bars + labels
    chart = chart.properties(width=WIDTH, height=HEIGHT)
    if band is not None:
        chart = alt.layer(band, chart)
    return _with_sources(chart, sources, title)


def stacked_chart(
    records: Sequence[Mapping[str, Any]],
    title: str,
    colors: Mapping[str, str],
    sources: Sequence[str],
    partial: Mapping[str, str] | None = None,
    band: Any = None,
) -> Any:
    """Fatalities per period stacked by region group, each group in its fixed colour (over
    ``band`` when given)."""
    import json

    import altair as alt

    data = _marked(records, partial or {})
    order = [r["label"] for r in data]
    groups = list(dict.fromkeys(r["region"] for r in data))
    periods = list(dict.fromkeys(order))
    chart = (
        alt.Chart({"values": data})
        .transform_calculate(
            order=f"indexof({json.dumps(groups)}, datum.region)",
            tip="datum.label + ', ' + datum.region + ': ' + format(datum.fatalities, ',') + "
            "' fatalities (' + format(datum.share, '.0%') + ')'",
        )
        .mark_bar()
        .encode(
            x=alt.X("label:O", title=None, sort=periods, axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("fatalities:Q", title="fatalities", stack="zero"),
            color=alt.Color(
                "region:N",
                title="region group",
                sort=groups,
                scale=alt.Scale(domain=groups, range=[colors.get(g, "#999") for g in groups]),
            ),
            order=alt.Order("order:Q"),
            opacity=alt.condition("datum.partial", alt.value(0.45), alt.value(1.0)),
            description="tip:N",
        )
        .properties(width=WIDTH, height=HEIGHT)
    )
    if band is not None:
        chart = alt.layer(band, chart)
    return _with_sources(chart, sources, title)


def map_figure_chart(
    features: Sequence[Mapping[str, Any]],
    areas: Sequence[Any],
    title: str,
    sources: Sequence[str],
    link: Callable[[str], str] | None = None,
) -> Any:
    """Choropleth of fatalities per area; with ``link``, each area links to its page."""
    import altair as alt

    totals = {a.pcode: a for a in areas}
    shaped = []
    for feat in features:
        props = dict(feat["properties"])
        t = totals.get(props["pcode"])
        props["fatalities"] = t.fatalities if t else 0
        props["events"] = t.events if t else 0
        props["tip"] = (
            f"{props['name']}: {props['fatalities']:,} fatalities, {props['events']:,} events"
        )
        if link is not None:
            props["href"] = link(str(props["name"]))
        shaped.append({"type": "Feature", "geometry": feat["geometry"], "properties": props})
    encoding: dict[str, Any] = {
        "color": alt.Color(
            "properties.fatalities:Q",
            title="fatalities",
            scale=alt.Scale(scheme="orangered", type="symlog"),
        ),
        "description": alt.Description("properties.tip:N"),
    }
    if link is not None:
        encoding["href"] = alt.Href("properties.href:N")
    shapes = (
        alt.Chart({"values": shaped, "format": {"type": "json"}})
        .mark_geoshape(stroke="white", strokeWidth=0.6, cursor="pointer" if link else "default")
        .encode(**encoding)
    )
    chart = shapes.project(type="mercator").properties(width=WIDTH, height=int(WIDTH * 0.85))
    return _with_sources(chart, sources, title)


def filtered_chart(records: Sequence[dict[str, Any]], title: str, sources: Sequence[str]) -> Any:
    """Bars of fatalities per period for a filtered series (kept for other pages)."""
    return bar_chart(records, title, "fatalities", "#4c6a92", sources)
