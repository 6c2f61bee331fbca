"""Context: conflict-event charts, map, alerts and series, filtered by period, region, type."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from peaceops.errors import InputError, NotFoundError
from peaceops.web.common import api_json, get_ws, parse_day, render, state_key
from peaceops.web.figures import Figure, figure, filtered_chart
from peaceops.web.remedies import Missing, missing
from peaceops.workspace import Workspace

__all__ = ["ContextFilters", "context_data", "context_figures", "parse_filters", "router"]

router = APIRouter()

PERIODS = ("year", "quarter", "month")
MAX_ALERTS = 60


@dataclass(frozen=True)
class ContextFilters:
    """The page's GET form: what was entered (kept as typed), what it means, what is wrong."""

    raw: dict[str, str]
    start: date | None = None
    end: date | None = None
    by: str = "year"
    region: str = ""
    event_type: str = ""
    level: int = 1  # admin level of the map
    errors: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.start,
            "to": self.end,
            "by": self.by,
            "region": self.region or None,
            "event_type": self.event_type or None,
        }


def parse_filters(
    start: str | None,
    end: str | None,
    by: str | None,
    region: str | None,
    event_type: str | None,
    level: str | None = None,
) -> ContextFilters:
    raw = {
        "from": start or "",
        "to": end or "",
        "by": by or "year",
        "region": region or "",
        "event_type": event_type or "",
        "level": level or "1",
    }
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for key, is_end in (("from", False), ("to", True)):
        try:
            values[key] = parse_day(raw[key], end=is_end)
        except InputError as exc:
            errors[key] = str(exc)
            values[key] = None
    if values["from"] and values["to"] and values["from"] > values["to"]:
        errors["to"] = "The end of the period is before its start."
        values["to"] = None
    period = raw["by"]
    if period not in PERIODS:
        errors["by"] = f"Choose one of: {', '.join(PERIODS)}."
        period = "year"
    map_level = 1
    if raw["level"] in ("1", "2"):
        map_level = int(raw["level"])
    else:
        errors["level"] = "Choose 1 (regions) or 2 (cercles)."
    return ContextFilters(
        raw=raw,
        level=map_level,
        start=values["from"],
        end=values["to"],
        by=period,
        region=raw["region"].strip(),
        event_type=raw["event_type"].strip(),
        errors=errors,
    )


def _records(df: Any) -> list[dict[str, Any]]:
    return list(df.to_dicts())


def context_data(ws: Workspace, f: ContextFilters) -> dict[str, Any]:
    """Summary, the filtered series and the alerts for the period (NotFoundError: no events)."""
    from peaceops.events.alerts import alerts
    from peaceops.events.analysis import event_range, series, summary

    span = event_range(ws)
    if span is None:
        raise NotFoundError(
            "no events in this workspace yet", missing="conflict events", remedy="events.import"
        )
    types = [f.event_type] if f.event_type else None
    regions = [f.region] if f.region else None
    rows = _records(
        series(ws, by=f.by, start=f.start, end=f.end, event_types=types, regions=regions)
    )
    civilian = _records(
        series(
            ws, by=f.by, civilian=True, start=f.start, end=f.end, event_types=types, regions=regions
        )
    )
    by_region = _records(series(ws, by=f.by, group="region", start=f.start, end=f.end))
    # Alerts for the chosen period; without one, the last twelve months of data.
    last = f.end or span[1]
    first = f.start or date(last.year - 1, last.month, 1)
    found = alerts(ws, start=first, end=last)
    if f.region:
        wanted = f.region.casefold()
        found = [
            a
            for a in found
            if a.area_name.casefold() == wanted or ws.config.region_group_of(a.area_name) == wanted
        ]
    found = sorted(found, key=lambda a: (a.month, -a.p_value), reverse=True)
    return {
        "filters": f.as_dict(),
        "errors": f.errors,
        "range": {"first": span[0], "last": span[1]},
        "summary": summary(ws, f.start, f.end).as_dict(),
        "series": rows,
        "civilian_series": civilian,
        "region_series": by_region,
        "alerts_period": {"from": first, "to": last},
        "alerts": [a.as_dict() for a in found[:MAX_ALERTS]],
        "alerts_total": len(found),
    }


def _options(ws: Workspace) -> dict[str, list[Any]]:
    from peaceops.events.analysis import breakdown

    types = sorted(str(t) for t in breakdown(ws, "event_type").get_column("event_type") if t)
    return {
        "levels": [n for n in (1, 2) if ws.current_file(f"boundaries/{n}") is not None],
        "regions": list(ws.config.region_groups),
        "admin1": sorted(ws.config.admin1.values()),
        "event_types": types,
    }


def context_figures(
    ws: Workspace, f: ContextFilters, d: dict[str, Any]
) -> tuple[list[Figure], list[Missing]]:
    from peaceops.reports import context_charts as cc

    key = (state_key(ws), f.start, f.end, f.by, f.region, f.event_type, f.level)
    out: list[Figure] = []
    absent: list[Missing] = []
    yearly = d["series"] if f.by == "year" and not (f.region or f.event_type) else None
    if f.region or f.event_type:
        what = ", ".join(x for x in (f.region, f.event_type) if x)
        title = f"Fatalities per {f.by}: {what}"
        out.append(
            figure(
                "filtered",
                title,
                key,
                lambda: filtered_chart(d["series"], title, cc.chart_sources(ws)),
                ("period", "events", "fatalities"),
                [(r["period"], r["events"], r["fatalities"]) for r in d["series"]],
                f"Bar chart of fatalities per {f.by} for {what}.",
            )
        )
    yearly_rows = yearly or _records(_series_year(ws, f, civilian=False))
    out.append(
        figure(
            "fatalities",
            "Fatalities per year",
            key,
            lambda: cc.fatalities_chart(ws, f.start, f.end),
            ("year", "events", "fatalities"),
            [(r["period"], r["events"], r["fatalities"]) for r in yearly_rows],
            "Bar chart of fatalities per year, all events.",
        )
    )
    civ_rows = _records(_series_year(ws, f, civilian=True))
    out.append(
        figure(
            "civilian",
            "Civilian fatalities from direct targeting per year",
            key,
            lambda: cc.civilian_chart(ws, f.start, f.end),
            ("year", "events", "civilian fatalities"),
            [(r["period"], r["events"], r["fatalities"]) for r in civ_rows],
            "Bar chart of civilian fatalities in events that targeted civilians, per year.",
        )
    )
    reg_rows = _records(_series_year(ws, f, civilian=False, group="region"))
    out.append(
        figure(
            "regions",
            "Fatalities per year by region group",
            key,
            lambda: cc.regions_chart(ws, f.start, f.end),
            ("year", "region group", "events", "fatalities", "share"),
            [
                (r["period"], r["region"], r["events"], r["fatalities"], f"{r['share']:.0%}")
                for r in reg_rows
            ],
            "Stacked bar chart of fatalities per year, one colour per region group.",
        )
    )
    try:
        from peaceops.events.analysis import area_totals

        areas = area_totals(ws, f.level, start=f.start, end=f.end)
        cc.boundary_features(ws, f.level)  # raises NotFoundError without boundaries
        unit = "region (admin1)" if f.level == 1 else "cercle (admin2)"
        out.append(
            figure(
                "map",
                f"Map of fatalities by {unit}",
                key,
                lambda: cc.map_chart(ws, f.level, f.start, f.end),
                ("area", "P-code", "events", "fatalities"),
                [(a.name, a.pcode, a.events, a.fatalities) for a in areas],
                f"Choropleth map shading each {unit} by its fatalities.",
            )
        )
    except NotFoundError as exc:
        absent.append(missing(exc, "admin boundaries"))
    return out, absent


def _series_year(ws: Workspace, f: ContextFilters, civilian: bool, group: str | None = None) -> Any:
    from peaceops.events.analysis import series

    return series(ws, by="year", group=group, civilian=civilian, start=f.start, end=f.end)


def _query_string(f: ContextFilters) -> str:
    from urllib.parse import urlencode

    defaults = {"by": "year", "level": "1"}
    shown = {k: v for k, v in f.raw.items() if v and defaults.get(k) != v and k != "level"}
    return urlencode(shown)


@router.get("/context", response_class=HTMLResponse, include_in_schema=False)
def context_page(
    request: Request,
    ws: Workspace = Depends(get_ws),
    start: str | None = Query(None, alias="from"),
    end: str | None = Query(None, alias="to"),
    by: str | None = None,
    region: str | None = None,
    event_type: str | None = None,
    level: str | None = None,
) -> HTMLResponse:
    f = parse_filters(start, end, by, region, event_type, level)
    qs = _query_string(f)
    api_url = "/api/context" + (f"?{qs}" if qs else "")
    try:
        d = context_data(ws, f)
    except NotFoundError as exc:
        return render(
            request,
            "context.html",
            title="Context",
            api_url=api_url,
            f=f,
            d=None,
            missing=[missing(exc, "conflict events")],
        )
    figures, absent = context_figures(ws, f, d)
    return render(
        request,
        "context.html",
        title="Context",
        api_url=api_url,
        f=f,
        d=d,
        options=_options(ws),
        figures=figures,
        missing=absent,
    )


@router.get("/api/context", tags=["context"], summary="Summary, series and alerts, filtered")
def context_api(
    ws: Workspace = Depends(get_ws),
    start: str | None = Query(None, alias="from", description="YYYY, YYYY-MM or YYYY-MM-DD"),
    end: str | None = Query(None, alias="to", description="YYYY, YYYY-MM or YYYY-MM-DD"),
    by: str = Query("year", description="year, quarter or month"),
    region: str | None = Query(None, description="a region group or admin1 name"),
    event_type: str | None = Query(None, description="an event type, e.g. Battles"),
) -> JSONResponse:
    f = parse_filters(start, end, by, region, event_type)
    if f.errors:
        return api_json({"detail": "invalid filters", "errors": f.errors}, 400)
    return api_json(context_data(ws, f))


@router.get("/api/context/series", tags=["context"], summary="Events and fatalities per period")
def series_api(
    ws: Workspace = Depends(get_ws),
    by: str = Query("year", description="year, quarter or month"),
    group: str | None = Query(None, description="region, admin1, admin2, event_type or actor"),
    civilian: bool = Query(False, description="civilian-targeting events only"),
    start: str | None = Query(None, alias="from"),
    end: str | None = Query(None, alias="to"),
    region: str | None = None,
    event_type: str | None = None,
) -> JSONResponse:
    from peaceops.events.analysis import series

    df = series(
        ws,
        by=by,
        group=group or None,
        civilian=civilian,
        start=parse_day(start),
        end=parse_day(end, end=True),
        event_types=[event_type] if event_type else None,
        regions=[region] if region else None,
    )
    return api_json(_records(df))


@router.get("/api/alerts", tags=["context"], summary="Early-warning alerts per area and month")
def alerts_api(
    ws: Workspace = Depends(get_ws),
    start: str | None = Query(None, alias="from"),
    end: str | None = Query(None, alias="to"),
    metric: str = Query("events", description="events or fatalities"),
    civilian: bool = False,
    level: int = Query(1, description="admin level, 1 or 2"),
) -> JSONResponse:
    from peaceops.events.alerts import AlertRule, alerts

    rule = AlertRule(metric=metric, civilian=civilian, level=level)  # type: ignore[arg-type]
    found = alerts(ws, rule, start=parse_day(start), end=parse_day(end, end=True))
    return api_json([a.as_dict() for a in found])


@router.get("/api/context/areas", tags=["context"], summary="Totals per admin area (for maps)")
def areas_api(
    ws: Workspace = Depends(get_ws),
    level: int = Query(1, description="admin level, 1 or 2"),
    civilian: bool = False,
    start: str | None = Query(None, alias="from"),
    end: str | None = Query(None, alias="to"),
) -> JSONResponse:
    from peaceops.events.analysis import area_totals

    found = area_totals(
        ws, level, civilian=civilian, start=parse_day(start), end=parse_day(end, end=True)
    )
    return api_json([a.__dict__ for a in found])
