"""Charts of the actor analyses and of the political timeline.

``milestone_band`` is the layer the context charts draw behind their bars: a shaded band on
every period that holds a recorded milestone, labelled with the milestone's kind, so a reader
sees the coup or the agreement next to the violence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import altair as alt
import polars as pl

from peaceops.actors.timeline import Milestone, milestones, timeline
from peaceops.events.analysis import series
from peaceops.reports.render import with_sources
from peaceops.workspace import Workspace

__all__ = [
    "TYPE_COLORS",
    "ActorChartContext",
    "actor_chart_context",
    "band_of",
    "milestone_band",
    "peacekeepers_chart",
    "perpetrators_chart",
    "political_timeline_chart",
    "timeline_chart",
]

WIDTH = 560
HEIGHT = 260
BAND_COLOR = "#f2e6c9"

TYPE_COLORS = {
    "state forces": "#4c6a92",
    "jihadist group": "#222222",
    "community militia": "#b5443b",
    "signatory armed group": "#e0a030",
    "other armed group": "#a36b2b",
    "international force": "#5b9bd5",
    "foreign state forces": "#8fb0d6",
    "unidentified": "#b8b8b8",
    "unmapped": "#e8e8e8",
}


@dataclass(frozen=True)
class ActorChartContext:
    """What the actor charts need from the workspace besides their data, read once: the
    citations (events and the actor registry), the synthetic mark and the last event's date
    (a partial last year is named)."""

    sources: tuple[str, ...]
    synthetic: bool
    last_date: date | None


def actor_chart_context(ws: Workspace) -> ActorChartContext:
    from peaceops.actors.mapping import actor_frames

    events = actor_frames(ws).events
    last = events.get_column("event_date").max() if events.height else None
    return ActorChartContext(
        sources=tuple(_sources(ws)),
        synthetic=bool(ws.config.synthetic),
        last_date=last if isinstance(last, date) else None,
    )


def _sources(ws: Workspace) -> list[str]:
    seen: dict[str, str] = {}
    for record in ws.datasets("events"):
        seen[record.source] = record.cite()
    return [*seen.values(), "actor registry: " + "; ".join(_registry_origin(ws))]


def _registry_origin(ws: Workspace) -> tuple[str, ...]:
    from peaceops.actors.registry import workspace_registry

    return workspace_registry(ws).origin


def _title(cx: ActorChartContext, text: str) -> str:
    return f"SYNTHETIC DATA: {text}" if cx.synthetic else text


def _partial_note(cx: ActorChartContext, end: date | None) -> str:
    """`` (2020 partial: data to 2020-10-31)`` when the last year shown is not complete."""
    last = cx.last_date
    if last is None:
        return ""
    if end is not None and end < last:
        last = end
    if (last.month, last.day) == (12, 31):
        return ""
    return f" ({last.year} partial: data to {last.isoformat()})"


def _period_of(day: date, by: str) -> str:
    if by == "year":
        return f"{day.year:04d}"
    if by == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}-{day.month:02d}"


def milestone_band(
    ws: Workspace,
    periods: list[str],
    by: str = "year",
    labels: dict[str, str] | None = None,
    height: int = HEIGHT,
) -> Any | None:
    """``band_of`` the workspace's recorded milestones."""
    return band_of(milestones(ws), periods, by, labels, height)


def band_of(
    recorded: Sequence[Milestone],
    periods: list[str],
    by: str = "year",
    labels: dict[str, str] | None = None,
    height: int = HEIGHT,
) -> Any | None:
    """A layer shading the periods (of ``periods``) that hold one of the ``recorded``
    milestones, or None.

    The layer's x field is ``period``, or ``label`` when ``labels`` maps periods to the axis
    labels a chart uses (the dashboard marks partial periods ``2020*``).
    """
    wanted = set(periods)
    rows: dict[str, list[str]] = {}
    for m in recorded:
        period = _period_of(m.date, by)
        if period in wanted:
            rows.setdefault(period, []).append(m.kind)
    if not rows:
        return None
    field = "label" if labels is not None else "period"
    data = [
        {
            field: (labels or {}).get(p, p),
            "milestones": ", ".join(dict.fromkeys(kinds)),
        }
        for p, kinds in rows.items()
    ]
    base = alt.Chart({"values": data})
    band = base.mark_bar(color=BAND_COLOR, opacity=0.8).encode(
        x=alt.X(f"{field}:O"),
        y=alt.value(0),
        y2=alt.value(height),
        tooltip=[alt.Tooltip(f"{field}:O", title="period"), alt.Tooltip("milestones:N")],
    )
    text = base.mark_text(
        angle=270, align="right", baseline="middle", fontSize=8, color="#7a5c1e"
    ).encode(x=alt.X(f"{field}:O"), y=alt.value(4), text="milestones:N")
    return band + text


def timeline_chart(ws: Workspace, start: date | None = None, end: date | None = None) -> Any:
    """Monthly fatalities with recorded milestones (rules) and strategic developments (ticks)."""
    months = series(ws, by="month", start=start, end=end)
    return political_timeline_chart(months, timeline(ws, start, end), actor_chart_context(ws))


def political_timeline_chart(
    months: pl.DataFrame, entries: pl.DataFrame, cx: ActorChartContext
) -> Any:
    """The timeline chart of ``series(by="month")`` and ``timeline(ws)`` frames."""
    df = months
    data = df.with_columns((pl.col("period") + "-15").alias("day")).to_dicts()
    bars = (
        alt.Chart({"values": data})
        .mark_bar(color="#9aa9bf")
        .encode(
            x=alt.X("day:T", title=None),
            y=alt.Y("fatalities:Q", title="fatalities per month"),
            tooltip=["period:N", alt.Tooltip("fatalities:Q", format=","), "events:Q"],
        )
    )
    tl = entries.with_columns(pl.col("date").cast(pl.String))
    layers: list[Any] = [bars]
    marks = tl.filter(pl.col("origin") == "milestone").to_dicts()
    if marks:
        rule = (
            alt.Chart({"values": marks})
            .mark_rule(color="#b5443b", strokeWidth=1.5)
            .encode(x="date:T", tooltip=["date:N", "kind:N", "title:N", "source:N"])
        )
        label = (
            alt.Chart({"values": marks})
            .mark_text(angle=270, align="right", dx=-4, dy=-3, fontSize=8, color="#b5443b")
            .encode(x="date:T", y=alt.value(4), text="title:N")
        )
        layers += [rule, label]
    acled = tl.filter(pl.col("origin") == "ACLED").to_dicts()
    if acled:
        ticks = (
            alt.Chart({"values": acled})
            .mark_tick(color="#444", thickness=1, size=8)
            .encode(x="date:T", y=alt.value(HEIGHT + 8), tooltip=["date:N", "kind:N", "title:N"])
        )
        layers.append(ticks)
    chart = alt.layer(*layers).properties(width=WIDTH, height=HEIGHT)
    title = _title(
        cx,
        "Political timeline: recorded milestones (red) and ACLED strategic developments "
        "(ticks) over monthly fatalities",
    )
    return with_sources(chart, [*cx.sources, "milestones recorded in the workspace"], title)


def perpetrators_chart(
    df: pl.DataFrame,
    cx: ActorChartContext,
    end: date | None = None,
    regions: list[str] | None = None,
) -> Any:
    """Civilian-targeting fatalities per year stacked by perpetrator type: the frame of
    ``perpetrators(ws, group=None, by="year")`` (over ``regions`` when given)."""
    order = [t for t in TYPE_COLORS if t in set(df.get_column("actor_type").to_list())]
    order += sorted(set(df.get_column("actor_type").to_list()) - set(order))
    colors = [TYPE_COLORS.get(t, "#999999") for t in order]
    chart = (
        alt.Chart({"values": df.to_dicts()})
        .mark_bar()
        .encode(
            x=alt.X("period:O", title=None, axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("fatalities:Q", title="civilian fatalities", stack="zero"),
            color=alt.Color(
                "actor_type:N",
                title="perpetrator",
                sort=order,
                scale=alt.Scale(domain=order, range=colors),
            ),
            tooltip=[
                "period:O",
                "actor_type:N",
                "fatalities:Q",
                alt.Tooltip("share:Q", format=".0%"),
            ],
        )
        .properties(width=WIDTH, height=HEIGHT)
    )
    where = f" in {', '.join(regions)}" if regions else ""
    title = _title(
        cx,
        f"Civilian fatalities from direct targeting by perpetrator type{where}"
        + _partial_note(cx, end),
    )
    return with_sources(chart, list(cx.sources), title)


def peacekeepers_chart(df: pl.DataFrame, cx: ActorChartContext, end: date | None = None) -> Any:
    """Events targeting the UN mission and their fatalities per year: the frame of
    ``peacekeeper_attacks(ws, by="year")``."""
    base = alt.Chart({"values": df.to_dicts()})
    bars = base.mark_bar(color="#5b9bd5").encode(
        x=alt.X("period:O", title=None, axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("events:Q", title="events targeting the mission"),
        tooltip=["period:O", "events:Q", "fatalities:Q"],
    )
    labels = base.mark_text(dy=-5, fontSize=8).encode(x="period:O", y="events:Q", text="events:Q")
    chart = (bars + labels).properties(width=WIDTH, height=HEIGHT)
    title = "Events targeting the UN mission per year" + _partial_note(cx, end)
    return with_sources(chart, list(cx.sources), _title(cx, title))
