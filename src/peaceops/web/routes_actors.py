"""Actors: the registry with each actor's record, a page per actor, the political timeline.

Every page is also JSON (``/api/actors``, ``/api/actors/{name}``), shaped by the same function.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse

from peaceops.actors.overview import ActorsOverview, ActorTotals
from peaceops.errors import InputError, NotFoundError
from peaceops.web.common import api_json, cached, get_ws, render, state_key
from peaceops.web.downloads import PageDownloads, events_grade
from peaceops.web.figures import Figure, Table, figure
from peaceops.web.remedies import missing
from peaceops.workspace import Workspace

if TYPE_CHECKING:
    from peaceops.actors.profiles import ActorProfile

__all__ = ["actor_data", "actors_data", "downloads", "router"]

router = APIRouter()


def _overview(ws: Workspace) -> ActorsOverview:
    from peaceops.actors.overview import actors_overview

    return cached(("actors", state_key(ws)), lambda: actors_overview(ws))


def _url(actor: ActorTotals) -> str:
    return "/actors/" + quote(actor.label, safe="")


def actors_data(ws: Workspace) -> ActorsOverview:
    """The registry's actors with their events and fatalities, coverage, attacks on the
    mission, perpetrators of civilian-targeting fatalities per year and the timeline; its
    ``to_dict(_url)`` (each actor with the address of its page) is the page's and
    ``/api/actors``'s document."""
    return _overview(ws)


def _document(ws: Workspace) -> dict[str, Any]:  # the view's to_dict(), kept per data version
    return cached(("actors-data", state_key(ws)), lambda: actors_data(ws).to_dict(_url))


def actor_data(ws: Workspace, name: str) -> ActorProfile:
    """One actor's page view: registry entry, per year as actor and as target, regions,
    counterparts, civilian targeting and the data names mapped to it. Its ``to_dict()`` is
    the page's data and ``/api/actors/NAME`` (and ``actors show NAME -f json``)."""
    from peaceops.actors.profiles import actor_profile

    return cached(("actor", state_key(ws), name), lambda: actor_profile(ws, name))


def _actors_figures(ws: Workspace, d: dict[str, Any]) -> list[Figure]:
    from peaceops.reports.actor_charts import (
        actor_chart_context,
        peacekeepers_chart,
        perpetrators_chart,
    )

    key = state_key(ws)
    overview = _overview(ws)  # the charts draw the frames the page's tables show
    return [
        figure(
            "perpetrators",
            "Civilian fatalities from direct targeting by perpetrator type",
            key,
            lambda: perpetrators_chart(overview.perpetrators, actor_chart_context(ws)),
            ("year", "perpetrator type", "events", "civilian fatalities", "share"),
            [
                (r["period"], r["actor_type"], r["events"], r["fatalities"], round(r["share"], 3))
                for r in d["perpetrators"]
            ],
            "Stacked bars per year, one colour per perpetrator type.",
        ),
        figure(
            "peacekeepers",
            "Events targeting the UN mission per year",
            key,
            lambda: peacekeepers_chart(overview.peacekeepers, actor_chart_context(ws)),
            ("year", "events", "fatalities"),
            [(r["period"], r["events"], r["fatalities"]) for r in d["peacekeepers"]],
            "Bars of events per year whose target is the mission as the actor registry defines it.",
        ),
    ]


def _actor_figure(ws: Workspace, d: dict[str, Any]) -> Figure:
    import altair as alt

    from peaceops.reports.render import with_sources

    label = d["actor"]["short"] or d["actor"]["name"]
    years = _year_labels(ws)  # a year the events cover in part: "2020 (Jan–Oct, partial)"
    rows = [{**r, "year": years(r["year"])} for r in d["by_year"]]
    partial = [r["year"] for r in rows if str(r["year"]).endswith("partial)")]

    def chart() -> Any:
        long = [
            {"year": r["year"], "side": side, "events": r[f"events_{key}"]}
            for r in rows
            for side, key in (("as actor", "as_actor"), ("as target", "as_target"))
        ]
        bars = (
            alt.Chart({"values": long})
            .mark_bar()
            .encode(
                x=alt.X(
                    "year:O",
                    title=None,
                    sort=[r["year"] for r in rows],
                    axis=alt.Axis(labelAngle=-45, labelLimit=180),
                ),
                xOffset="side:N",
                y=alt.Y("events:Q", title="events"),
                color=alt.Color(
                    "side:N",
                    title=None,
                    scale=alt.Scale(domain=["as actor", "as target"], range=["#4c6a92", "#e0a030"]),
                ),
                tooltip=["year:O", "side:N", "events:Q"],
            )
            .properties(width=560, height=220)
        )
        title = f"{label}: events per year as actor and as target"
        if ws.config.synthetic:
            title = "SYNTHETIC DATA: " + title
        return with_sources(bars, [r.cite() for r in ws.datasets("events")], title)

    return figure(
        "actor-years",
        f"{label}: events per year as actor and as target",
        (state_key(ws), d["actor"]["name"]),
        chart,
        (
            "year",
            "events as actor",
            "fatalities as actor",
            "events as target",
            "fatalities as target",
        ),
        [
            (
                r["year"],
                r["events_as_actor"],
                r["fatalities_as_actor"],
                r["events_as_target"],
                r["fatalities_as_target"],
            )
            for r in rows
        ],
        "Two bars per year: events where the actor acted (side 1) and where it was the target "
        "(side 2).",
        note=f"{', '.join(partial)}: the data covers only part of the year." if partial else "",
    )


def _year_labels(ws: Workspace) -> Any:
    """Year -> its label, marking a year the events cover only in part."""
    from peaceops.events.analysis import event_range
    from peaceops.reports.partial import partial_year_label

    try:
        span = event_range(ws)
    except NotFoundError:
        span = None

    def label(year: Any) -> Any:
        if span is None or not str(year).isdigit():
            return year
        return partial_year_label(int(year), span[0], span[1])

    return label


def _actors_tables(d: dict[str, Any]) -> list[Table]:
    return [
        Table.of(
            "actors",
            "Actors",
            ("actor", "name", "type", "member of", "signatory", "events as actor",
             "fatalities as actor", "events as target", "fatalities as target"),
            [
                (a["label"], a["name"], a["type"], ", ".join(a["member_of"]),
                 f"{a['signatory']['coalition']} since {a['signatory']['since']}"
                 if a["signatory"] else "",
                 a["events_as_actor"], a["fatalities_as_actor"], a["events_as_target"],
                 a["fatalities_as_target"])
                for a in d["actors"]
            ],
        ),
        Table.of(
            "timeline",
            "Political timeline",
            ("date", "origin", "kind", "what", "source"),
            [(t["date"], t["origin"], t["kind"], t["title"], t["source"]) for t in d["timeline"]],
        ),
    ]  # fmt: skip


def _actor_tables(d: dict[str, Any]) -> list[Table]:
    return [
        Table.of(
            "civilian",
            "Civilian targeting by this actor",
            ("year", "events", "civilian fatalities"),
            [(r["year"], r["events"], r["civilian_fatalities"]) for r in d["civilian_targeting"]],
        ),
        Table.of(
            "regions",
            "Regions",
            ("region group", "admin1", "events", "fatalities"),
            [(r["region"], r["admin1"], r["events"], r["fatalities"]) for r in d["regions"]],
        ),
        Table.of(
            "counterparts",
            "Main counterparts",
            ("counterpart", "direction", "events", "fatalities"),
            [
                (r["counterpart"], r["direction"], r["events"], r["fatalities"])
                for r in d["counterparts"]
            ],
        ),
        Table.of(
            "names",
            "Names in the data",
            ("name", "events"),
            [(n["name"], n["events"]) for n in d["names_in_data"]],
        ),
    ]


def downloads(ws: Workspace, page: str, params: dict[str, str | None]) -> PageDownloads:
    """The actors page's charts and tables, or (``page`` "actor", ``?name=``) one actor's."""
    sources = [r.cite() for r in ws.datasets("events")]
    grades = (events_grade(ws),)
    if page == "actor":
        name = (params.get("name") or "").strip()
        if not name:
            raise InputError("name the actor with ?name=", field="name")
        d = actor_data(ws, name).to_dict()
        return PageDownloads([_actor_figure(ws, d)], _actor_tables(d), grades, sources)
    d = _document(ws)
    return PageDownloads(_actors_figures(ws, d), _actors_tables(d), grades, sources)


@router.get("/actors", response_class=HTMLResponse, include_in_schema=False)
def actors_page(request: Request, ws: Workspace = Depends(get_ws)) -> HTMLResponse:
    try:
        d = _document(ws)
    except NotFoundError as exc:
        return render(
            request,
            "actors.html",
            title="Actors",
            api_url="/api/actors",
            d=None,
            missing=[missing(exc, "conflict events")],
        )
    return render(
        request,
        "actors.html",
        title="Actors",
        api_url="/api/actors",
        d=d,
        figures=_actors_figures(ws, d),
    )


@router.get("/actors/{name:path}", response_class=HTMLResponse, include_in_schema=False)
def actor_page(request: Request, name: str, ws: Workspace = Depends(get_ws)) -> HTMLResponse:
    d = actor_data(ws, name).to_dict()  # NotFoundError -> the app's 404 page
    label = d["actor"]["short"] or d["actor"]["name"]
    return render(
        request,
        "actor.html",
        title=label,
        api_url="/api/actors/" + quote(label, safe=""),
        d=d,
        chart=_actor_figure(ws, d),
        qs="name=" + quote(label, safe=""),
    )


@router.get("/api/actors", tags=["actors"], summary="Actors, coverage, attacks on the mission")
def actors_api(ws: Workspace = Depends(get_ws)) -> JSONResponse:
    from peaceops.grades import graded

    grade = events_grade(ws)
    d = graded(_document(ws), grade)
    if "coverage" in d:
        d["coverage"] = graded(d["coverage"], grade)
    return api_json(d)


@router.get("/api/actors/{name:path}", tags=["actors"], summary="One actor's record")
def actor_api(name: str, ws: Workspace = Depends(get_ws)) -> JSONResponse:
    from peaceops.grades import graded

    return api_json(graded(actor_data(ws, name).to_dict(), events_grade(ws)))
