"""Context: conflict-event charts, map, events, alerts and series, filtered by period, region,
event type and actor (every figure follows every filter)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from peaceops.errors import NotFoundError
from peaceops.period import parse_day
from peaceops.reports.context_page import ContextView
from peaceops.web.common import api_json, cached, get_ws, render, state_key
from peaceops.web.context_view import context_view, document
from peaceops.web.filters import (
    ContextFilters,
    FilterOptions,
    check_filters,
    filter_options,
    parse_filters,
)
from peaceops.web.remedies import missing as missing_from_error
from peaceops.workspace import Workspace

__all__ = ["ContextFilters", "context_data", "options_for", "parse_filters", "router"]

router = APIRouter()

_DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD; clamped to the first and last event"


def options_for(ws: Workspace) -> FilterOptions:
    """The filter choices of this workspace (cached per data version); NotFoundError without
    events."""
    found = cached(("filter-options", state_key(ws)), lambda: filter_options(ws))
    if found is None:
        raise NotFoundError(
            "no events in this workspace yet", missing="conflict events", remedy="events.import"
        )
    return found


def context_data(ws: Workspace, f: ContextFilters) -> ContextView:
    """The page's view for filters as parsed (checked here against the data)."""
    options = options_for(ws)
    return context_view(ws, check_filters(f, options), options)[0]


def _query_string(f: ContextFilters) -> str:
    defaults = {"by": "year", "level": "1"}
    shown = {k: v for k, v in f.raw.items() if v and defaults.get(k) != v}
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
    actor: str | None = None,
) -> HTMLResponse:
    f = parse_filters(start, end, by, region, event_type, level, actor)
    qs = _query_string(f)
    api_url = "/api/context" + (f"?{qs}" if qs else "")
    try:
        options = options_for(ws)
    except NotFoundError as exc:
        return render(
            request,
            "context.html",
            title="Context",
            api_url=api_url,
            f=f,
            d=None,
            missing=[missing_from_error(exc, "conflict events")],
        )
    f = check_filters(f, options)
    view, figures, missing = context_view(ws, f, options)
    d = document(view, f)
    return render(
        request,
        "context.html",
        title="Context",
        api_url=api_url,
        f=f,
        d=d,
        qs=qs,
        options=options.as_dict(),
        figures=figures,
        missing=missing,
        status_code=400 if f.errors else 200,
    )


@router.get(
    "/api/context", tags=["context"], summary="Summary, series, events and alerts, filtered"
)
def context_api(
    ws: Workspace = Depends(get_ws),
    start: str | None = Query(None, alias="from", description=_DATE_HELP),
    end: str | None = Query(None, alias="to", description=_DATE_HELP),
    by: str = Query("year", description="year, quarter or month"),
    region: str | None = Query(None, description="a region group or admin1 name of the data"),
    event_type: str | None = Query(None, description="an event type of the data, e.g. Battles"),
    actor: str | None = Query(None, description="text in the first or second actor's name"),
) -> JSONResponse:
    f = check_filters(
        parse_filters(start, end, by, region, event_type, None, actor), options_for(ws)
    )
    if f.errors:
        return api_json({"detail": "invalid filters", "status": 400, "errors": f.errors}, 400)
    return api_json(document(context_view(ws, f, options_for(ws))[0], f))


@router.get("/api/context/summary", tags=["context"], summary="Totals, region groups and top areas")
def summary_api(
    ws: Workspace = Depends(get_ws),
    start: str | None = Query(None, alias="from", description=_DATE_HELP),
    end: str | None = Query(None, alias="to", description=_DATE_HELP),
) -> JSONResponse:
    """The same document as ``peaceops context summary --format json``."""
    from peaceops.events.views import context_summary

    first, last = parse_day(start, field="from"), parse_day(end, end=True, field="to")
    from peaceops.grades import graded

    def shape() -> Any:
        view = context_summary(ws, first, last)
        return graded(view.to_dict(), view.grade)

    key = ("summary-api", state_key(ws), first, last)
    return api_json(cached(key, shape))


def _checked(
    ws: Workspace,
    start: str | None,
    end: str | None,
    by: str | None = None,
    region: str | None = None,
    event_type: str | None = None,
    level: str | None = None,
    actor: str | None = None,
) -> ContextFilters | JSONResponse:
    f = check_filters(
        parse_filters(start, end, by, region, event_type, level, actor), options_for(ws)
    )
    if f.errors:
        return api_json({"detail": "invalid filters", "status": 400, "errors": f.errors}, 400)
    return f


@router.get("/api/context/series", tags=["context"], summary="Events and fatalities per period")
def series_api(
    ws: Workspace = Depends(get_ws),
    by: str = Query("year", description="year, quarter or month"),
    group: str | None = Query(None, description="region, admin1, admin2, event_type or actor"),
    civilian: bool = Query(False, description="civilian-targeting events only"),
    start: str | None = Query(None, alias="from", description=_DATE_HELP),
    end: str | None = Query(None, alias="to", description=_DATE_HELP),
    region: str | None = None,
    event_type: str | None = None,
    actor: str | None = None,
) -> JSONResponse:
    from peaceops.events.analysis import GROUPS, series

    f = _checked(ws, start, end, by, region, event_type, None, actor)
    if isinstance(f, JSONResponse):
        return f
    if group and group not in GROUPS:
        return api_json(
            {
                "detail": "invalid filters",
                "status": 400,
                "errors": {"group": f"Choose one of: {', '.join(GROUPS)}."},
            },
            400,
        )
    from peaceops.grades import graded
    from peaceops.reports.partial import mark_partial
    from peaceops.web.downloads import events_grade

    key = ("series-api", state_key(ws), f.key(), group, civilian)
    return api_json(
        cached(
            key,
            lambda: graded(
                series(
                    ws,
                    by=f.by,
                    group=group or None,
                    civilian=civilian,
                    start=f.start,
                    end=f.end,
                    event_types=[f.event_type] if f.event_type else None,
                    regions=[f.region] if f.region else None,
                    actor=f.actor or None,
                )
                .pipe(lambda df: mark_partial(ws, df, f.start, f.end))
                .to_dicts(),
                events_grade(ws),
            ),
        )
    )


@router.get("/api/alerts", tags=["context"], summary="Early-warning alerts per area and month")
def alerts_api(
    ws: Workspace = Depends(get_ws),
    start: str | None = Query(None, alias="from", description=_DATE_HELP),
    end: str | None = Query(None, alias="to", description=_DATE_HELP),
    metric: str = Query("events", description="events or fatalities"),
    civilian: bool = False,
    level: int = Query(1, description="admin level, 1 or 2"),
) -> JSONResponse:
    from peaceops.events.alerts import AlertRule, alerts

    f = _checked(ws, start, end)
    if isinstance(f, JSONResponse):
        return f
    errors = {}
    if metric not in ("events", "fatalities"):
        errors["metric"] = "Choose events or fatalities."
    if level not in (1, 2):
        errors["level"] = "Choose 1 or 2."
    if errors:
        return api_json({"detail": "invalid filters", "status": 400, "errors": errors}, 400)
    rule = AlertRule(metric=metric, civilian=civilian, level=level)  # type: ignore[arg-type]
    key = ("alerts-api", state_key(ws), f.key(), metric, civilian, level)
    found = cached(key, lambda: [a.as_dict() for a in alerts(ws, rule, start=f.start, end=f.end)])
    return api_json(found)


@router.get("/api/context/areas", tags=["context"], summary="Totals per admin area (for maps)")
def areas_api(
    ws: Workspace = Depends(get_ws),
    level: int = Query(1, description="admin level, 1 or 2"),
    civilian: bool = False,
    start: str | None = Query(None, alias="from", description=_DATE_HELP),
    end: str | None = Query(None, alias="to", description=_DATE_HELP),
    region: str | None = None,
    event_type: str | None = None,
    actor: str | None = None,
) -> JSONResponse:
    from peaceops.events.analysis import area_totals

    f = _checked(ws, start, end, None, region, event_type, None, actor)
    if isinstance(f, JSONResponse):
        return f
    if level not in (1, 2):
        return api_json(
            {"detail": "invalid filters", "status": 400, "errors": {"level": "Choose 1 or 2."}},
            400,
        )
    key = ("areas-api", state_key(ws), f.key(), level, civilian)
    found = cached(
        key,
        lambda: [
            a.__dict__
            for a in area_totals(
                ws,
                level,
                civilian=civilian,
                start=f.start,
                end=f.end,
                event_types=[f.event_type] if f.event_type else None,
                regions=[f.region] if f.region else None,
                actor=f.actor or None,
            )
        ],
    )
    return api_json(found)
