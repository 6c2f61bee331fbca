"""Deployment against threat: troop shares (Geo-PKO) against civilian-fatality shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from peaceops.errors import InputError, NotFoundError
from peaceops.web.common import api_json, cached, get_ws, render, state_key
from peaceops.web.downloads import PageDownloads, events_grade
from peaceops.web.figures import Figure, Table, figure
from peaceops.web.remedies import missing
from peaceops.workspace import Workspace

if TYPE_CHECKING:
    from peaceops.planning.alignment import AlignmentResult
    from peaceops.reports.alignment_page import AlignmentPage

__all__ = ["alignment_data", "downloads", "router"]

router = APIRouter()


def _choices(ws: Workspace, mission: str) -> list[int]:
    from peaceops.planning.deployments import load_deployments

    table, _ = load_deployments(ws)
    return list(table.years(mission))


def alignment_data(ws: Workspace, mission: str, year: int) -> AlignmentPage:
    """The page's view: its ``to_dict()`` is the page's data and ``/api/plan/alignment``."""
    from peaceops.reports.alignment_page import AlignmentPage

    return AlignmentPage(cached_alignment(ws, mission, year), tuple(_choices(ws, mission)))


def cached_alignment(ws: Workspace, mission: str, year: int) -> AlignmentResult:
    from peaceops.planning.alignment import alignment

    return cached(("alignment", state_key(ws), mission, year), lambda: alignment(ws, mission, year))


def _default_mission(ws: Workspace) -> str:
    return ws.config.missions[0] if ws.config.missions else ""


def _default_year(ws: Workspace, years: list[int]) -> int:
    """The latest deployment year that the event data also covers (else the latest)."""
    if not years:
        return 0
    from peaceops.events.analysis import event_range

    try:
        span = event_range(ws)
    except NotFoundError:
        span = None
    if span is not None:
        covered = [y for y in years if span[0].year <= y <= span[1].year]
        if covered:
            return covered[-1]
    return years[-1]


def _parse(ws: Workspace, mission: str | None, year: str | None) -> tuple[str, int, dict[str, str]]:
    errors: dict[str, str] = {}
    name = (mission or _default_mission(ws)).strip().upper()
    years = _choices(ws, name) if name else []
    if not name:
        errors["mission"] = "Enter a mission, e.g. MINUSMA."
    elif not years:
        errors["mission"] = f"No deployments of {name} in this workspace."
    chosen = _default_year(ws, years)
    if year:
        try:
            chosen = int(year)
        except ValueError:
            errors["year"] = f"{year!r} is not a year."
        else:
            if years and chosen not in years:
                errors["year"] = f"No {name} deployments in {chosen}: {years[0]}-{years[-1]}."
    return name, chosen, errors


def _year_label(ws: Workspace, year: int) -> str:
    """The year as charts name it: "2020 (Jan–Oct, partial)" when the events cover part."""
    from peaceops.reports.plan_charts import alignment_year_label

    return cached(("alignment-year", state_key(ws), year), lambda: alignment_year_label(ws, year))


def _figures(ws: Workspace, mission: str, year: int) -> list[Figure]:
    from peaceops.reports.plan_charts import alignment_charts

    label = _year_label(ws, year)
    result = cached_alignment(ws, mission, year)
    key = (state_key(ws), mission, year)
    charts = cached(("alignment-charts", *key), lambda: alignment_charts(ws, result))
    rows = [r.to_dict() for r in result.rows]
    return [
        figure(
            "alignment",
            f"{mission} {label}: share of troops against share of civilian fatalities",
            key,
            lambda: charts[0],
            ("region group", "troops", "troop share", "civilian fatalities", "fatality share"),
            [
                (
                    r["region"],
                    r["troops"],
                    f"{r['troop_share']:.0%}",
                    r["civilian_fatalities"],
                    "" if r["fatality_share"] is None else f"{r['fatality_share']:.0%}",
                )
                for r in rows
            ],
            "Bars comparing each region group's share of deployed troops with its share of "
            "civilian fatalities.",
        ),
        figure(
            "deployments",
            f"{mission} {label}: troops by location",
            key,
            lambda: charts[1],
            ("location", "region group", "troops"),
            [(loc.location, loc.region or "unplaced", loc.troops) for loc in result.locations],
            "Map of deployment locations sized by troops, over the admin1 boundaries.",
        ),
    ]


def _regions_table(d: dict[str, Any], year: str) -> Table:
    return Table.of(
        "regions",
        f"{d['mission']} {year}: troops and civilian fatalities by region group",
        ("region group", "troops", "share of troops", "civilian fatalities",
         "share of civilian fatalities", "difference (points)"),
        [
            (r["region"], r["troops"], round(r["troop_share"], 3), r["civilian_fatalities"],
             None if r["fatality_share"] is None else round(r["fatality_share"], 3),
             None if r["difference"] is None else round(r["difference"] * 100))
            for r in d["regions"]
        ],
    )  # fmt: skip


def downloads(ws: Workspace, params: dict[str, str | None]) -> PageDownloads:
    """The page's charts and table for ``?mission=&year=`` (as the page reads them)."""
    name, chosen, errors = _parse(ws, params.get("mission"), params.get("year"))
    if errors:
        raise InputError("; ".join(errors.values()))
    d = alignment_data(ws, name, chosen).to_dict()
    return PageDownloads(
        _figures(ws, name, chosen),
        [_regions_table(d, _year_label(ws, chosen))],
        (events_grade(ws),),
        d["sources"],
    )


@router.get("/plan/alignment", response_class=HTMLResponse, include_in_schema=False)
def alignment_page(
    request: Request,
    ws: Workspace = Depends(get_ws),
    mission: str | None = None,
    year: str | None = None,
) -> HTMLResponse:
    title = "Deployment against threat"
    try:
        name, chosen, errors = _parse(ws, mission, year)
    except NotFoundError as exc:
        fix = missing(exc, "deployments")
        return render(
            request,
            "alignment.html",
            title=title,
            api_url="/api/plan/alignment",
            d=None,
            missing=[fix],
        )
    values = {"mission": mission if mission is not None else name, "year": year or str(chosen)}
    if errors:
        return render(
            request,
            "alignment.html",
            title=title,
            d=None,
            missing=[],
            values=values,
            errors=errors,
            status_code=400,
        )
    return render(
        request,
        "alignment.html",
        title=title,
        api_url=f"/api/plan/alignment?mission={name}&year={chosen}",
        d=alignment_data(ws, name, chosen).to_dict(),
        figures=_figures(ws, name, chosen),
        values=values,
        errors={},
        qs=urlencode({"mission": name, "year": chosen}),
        year_label=_year_label(ws, chosen),
    )


@router.get(
    "/api/plan/alignment",
    tags=["plan"],
    summary="Troop shares against civilian-fatality shares by region group",
)
def alignment_api(
    ws: Workspace = Depends(get_ws),
    mission: str | None = Query(None, description="mission acronym (default: the first one)"),
    year: str | None = Query(None, description="year (default: the latest with deployments)"),
) -> JSONResponse:
    name, chosen, errors = _parse(ws, mission, year)
    if errors:
        raise InputError("; ".join(errors.values()))
    return api_json(alignment_data(ws, name, chosen).to_dict())
