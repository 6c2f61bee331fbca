"""The context page's data and figures for one set of checked filters, computed once per data
version and filters (every figure follows every filter: period, region, event type, actor).

Partial periods (a year or quarter the data or the chosen period covers only in part) are
marked with ``*`` on the charts and named under them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from peaceops.errors import NotFoundError
from peaceops.reports.context_page import ContextView, context_page_view
from peaceops.web.common import cached, state_key
from peaceops.web.figures import Figure, bar_chart, figure, map_figure_chart, stacked_chart
from peaceops.web.filters import ContextFilters, FilterOptions
from peaceops.web.remedies import Missing
from peaceops.web.remedies import missing as missing_from_error
from peaceops.workspace import Workspace

__all__ = ["DOWNLOAD_EVENTS", "context_view", "document", "narrowing"]

DOWNLOAD_EVENTS = 10_000


def _milestones(
    recorded: Sequence[Any], rows: list[dict[str, Any]], by: str, partial: dict[str, str]
) -> Any:
    """The band of recorded political milestones behind a period chart (None without any)."""
    from peaceops.reports.actor_charts import band_of

    periods = list(dict.fromkeys(str(r["period"]) for r in rows))
    labels = {p: p + ("*" if p in partial else "") for p in periods}
    return band_of(recorded, periods, by, labels=labels, height=240)


def narrowing(f: ContextFilters) -> dict[str, Any]:  # keyword arguments, not a document
    """The filters that narrow the events, as keyword arguments of the analysis functions."""
    return {
        "event_types": [f.event_type] if f.event_type else None,
        "regions": [f.region] if f.region else None,
        "actor": f.actor or None,
    }


def _selection_words(f: ContextFilters) -> str:
    parts = [p for p in (f.region, f.event_type) if p]
    if f.actor:
        parts.append(f"actor contains {f.actor!r}")
    return ", ".join(parts)


def context_view(
    ws: Workspace, f: ContextFilters, options: FilterOptions
) -> tuple[ContextView, list[Figure], list[Missing]]:
    """(the typed view, figures, missing parts) for checked filters; cached."""
    key = (state_key(ws), f.key())
    return cached(("context-view", key), lambda: _compute(ws, f, options, key))


def document(view: ContextView, f: ContextFilters) -> dict[str, Any]:
    """The page's and ``/api/context``'s document: the view with the filters as typed (and
    the notes on them), which are not part of the cached view."""
    return view.to_dict(f.as_dict(), f.errors, f.notes)


def _compute(
    ws: Workspace, f: ContextFilters, options: FilterOptions, key: Any
) -> tuple[ContextView, list[Figure], list[Missing]]:
    from peaceops.actors.timeline import milestones
    from peaceops.reports import context_charts as cc

    view = context_page_view(
        ws,
        data_first=options.first,
        data_last=options.last,
        by=f.by,
        start=f.start,
        end=f.end,
        event_type=f.event_type,
        region=f.region,
        actor=f.actor,
    )
    rows, civ, reg = view.series, view.civilian_series, view.region_series
    partial, first, last = view.partial, view.first, view.last
    if view.empty:
        return view, [], []
    sources = cc.chart_sources(ws)
    recorded = milestones(ws)
    synthetic = bool(ws.config.synthetic)
    what = _selection_words(f)
    suffix = f": {what}" if what else ""
    span = f" ({first} to {last})"
    mark = "SYNTHETIC DATA: " if synthetic else ""
    note = (
        "* partial period: " + "; ".join(f"{k} covers {v}" for k, v in partial.items())
        if partial
        else ""
    )
    figures: list[Figure] = []
    title = f"Fatalities per {f.by}{suffix}"
    figures.append(
        figure(
            "fatalities",
            title,
            key,
            lambda: bar_chart(
                rows,
                mark + title + span,
                "fatalities",
                cc.BAR_COLOR,
                sources,
                partial,
                _milestones(recorded, rows, f.by, partial),
            ),
            ("period", "events", "fatalities", "partial"),
            [
                (r["period"], r["events"], r["fatalities"], partial.get(r["period"], ""))
                for r in rows
            ],
            f"Bar chart of fatalities per {f.by}{suffix}.",
            note,
        )
    )
    title = f"Civilian fatalities from direct targeting per {f.by}{suffix}"
    figures.append(
        figure(
            "civilian",
            title,
            key,
            lambda: bar_chart(
                civ,
                mark + title + span,
                "civilian fatalities",
                cc.CIVILIAN_COLOR,
                sources,
                partial,
                _milestones(recorded, civ, f.by, partial),
            ),
            ("period", "events", "civilian fatalities", "partial"),
            [
                (r["period"], r["events"], r["fatalities"], partial.get(r["period"], ""))
                for r in civ
            ],
            "Bar chart of civilian fatalities in events that targeted civilians.",
            note,
        )
    )
    colors = cc.region_colors(list(ws.config.region_groups))
    title = f"Fatalities per {f.by} by region group{suffix}"
    figures.append(
        figure(
            "regions",
            title,
            key,
            lambda: stacked_chart(
                reg,
                mark + title + span,
                colors,
                sources,
                partial,
                _milestones(recorded, reg, f.by, partial),
            ),
            ("period", "region group", "events", "fatalities", "share"),
            [
                (r["period"], r["region"], r["events"], r["fatalities"], f"{r['share']:.0%}")
                for r in reg
            ],
            "Stacked bar chart of fatalities, one fixed colour per region group.",
            note,
        )
    )
    missing: list[Missing] = []
    try:
        figures.append(_map_figure(ws, f, key, sources, mark, span, suffix))
    except NotFoundError as exc:
        missing.append(missing_from_error(exc, "admin boundaries"))
    return view, figures, missing


def _map_figure(
    ws: Workspace,
    f: ContextFilters,
    key: Any,
    sources: list[str],
    mark: str,
    span: str,
    suffix: str,
) -> Figure:
    from peaceops.events.analysis import area_totals
    from peaceops.reports import context_charts as cc

    features = cached(
        ("boundaries", state_key(ws), f.level), lambda: cc.boundary_features(ws, f.level)
    )
    narrow = narrowing(f)
    areas = area_totals(ws, f.level, start=f.start, end=f.end, **narrow)
    unit = "region (admin1)" if f.level == 1 else "cercle (admin2)"
    title = f"Map of fatalities by {unit}{suffix}"
    base = {k: v for k, v in f.raw.items() if v and k not in ("region", "level", "by")}
    if f.by != "year":
        base["by"] = f.by

    def link(name: str) -> str:
        target = name if f.level == 1 else (ws.config.canonical_admin1(name) or name)
        return "/context?" + urlencode({**base, "region": target}) + "#events"

    boundary_cites = cc.boundary_sources(ws, f.level)
    return figure(
        "map",
        title,
        key,
        lambda: map_figure_chart(
            features,
            areas,
            mark + title + span,
            sources + boundary_cites,
            link if f.level == 1 else None,
        ),
        ("area", "P-code", "events", "fatalities"),
        [(a.name, a.pcode, a.events, a.fatalities) for a in areas],
        f"Choropleth map shading each {unit} by its fatalities"
        + ("; each region links to its own page with its events." if f.level == 1 else "."),
    )
