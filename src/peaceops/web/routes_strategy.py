"""Strategy: the map (priorities, objectives, tasks, indicators, assumptions), gaps,
stakeholders and consultations; every page also JSON."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from peaceops.period import parse_day
from peaceops.records.history import newest_first
from peaceops.web.common import (
    api_json,
    cached,
    get_ws,
    record_page,
    state_key,
)
from peaceops.workspace import Workspace

if TYPE_CHECKING:
    from peaceops.strategy.document import StrategyDocument

__all__ = ["router", "strategy_data"]

router = APIRouter()


def strategy_data(ws: Workspace, as_of: date | None = None) -> StrategyDocument:
    """The page's view: status, stakeholder matrix and consultations; its ``to_dict()`` is
    the page's data, ``/api/strategy`` and the report's JSON."""
    from peaceops.strategy.document import strategy_document

    return strategy_document(ws, as_of)


def _svgs(ws: Workspace, doc: dict[str, Any]) -> tuple[str, str]:
    from peaceops.reports.strategy_map import map_svg
    from peaceops.reports.strategy_matrix import matrix_svg

    sources = [
        doc["source"],
        *dict.fromkeys(a["source"] for a in doc["assumptions"] if a["source"]),
    ]
    held = [r["source"] for r in doc["stakeholders"]["rows"] if r["source"]]
    title = f"{doc['name']}: stakeholders as of {doc['as_of']}"

    def make() -> tuple[str, str]:
        return (
            map_svg(doc, sources),
            matrix_svg(doc["stakeholders"], title, list(dict.fromkeys([doc["source"], *held]))),
        )

    return cached(("strategy-svg", state_key(ws), doc["as_of"]), make)


@router.get("/strategy", response_class=HTMLResponse, include_in_schema=False)
def strategy_page(
    request: Request, ws: Workspace = Depends(get_ws), as_of: str | None = None
) -> HTMLResponse:
    return record_page(
        request,
        template="strategy.html",
        title="Political strategy",
        api="/api/strategy",
        as_of_raw=as_of,
        load=lambda day: strategy_data(ws, day).to_dict(),
        lacking="a political strategy",
        context=lambda doc, _day: dict(zip(("map_svg", "matrix_svg"), _svgs(ws, doc), strict=True)),
    )


@router.get("/strategy/map.svg", include_in_schema=False)
def strategy_map(ws: Workspace = Depends(get_ws), as_of: str | None = None) -> Response:
    doc = strategy_data(ws, parse_day(as_of, end=True)).to_dict()
    return Response(_svgs(ws, doc)[0], media_type="image/svg+xml")


@router.get("/api/strategy", tags=["strategy"], summary="Priorities, objectives, assumptions, gaps")
def strategy_api(
    ws: Workspace = Depends(get_ws),
    as_of: str | None = Query(None, description="YYYY-MM-DD: the strategy as recorded then"),
) -> JSONResponse:
    return api_json(strategy_data(ws, parse_day(as_of, end=True)).to_dict())


@router.get(
    "/api/strategy/status", tags=["strategy"], summary="Objectives, assumption statuses and gaps"
)
def strategy_status_api(
    ws: Workspace = Depends(get_ws),
    as_of: str | None = Query(None, description="YYYY-MM-DD: the status as it was then"),
) -> JSONResponse:
    """The same document as ``peaceops strategy status --format json``."""
    from peaceops.grades import graded
    from peaceops.reports.brief_grades import strategy_grade
    from peaceops.strategy import strategy_status

    day = parse_day(as_of, end=True)
    return api_json(graded(strategy_status(ws, day).to_dict(), strategy_grade(ws, day)[0]))


@router.get("/api/strategy/history", tags=["strategy"], summary="The change log, newest first")
def strategy_history_api(
    ws: Workspace = Depends(get_ws), as_of: str | None = Query(None, description="YYYY-MM-DD")
) -> JSONResponse:
    from peaceops.grades import graded
    from peaceops.reports.brief_grades import strategy_grade
    from peaceops.strategy.store import changes

    day = parse_day(as_of, end=True)
    grade = strategy_grade(ws, day, computed=False)[0]
    return api_json(graded(newest_first(changes(ws, day)), grade))
