"""Brief: the mandate-renewal brief of ``peaceops.reports.brief``, summarised and embedded."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from peaceops.period import parse_day
from peaceops.web import remedies
from peaceops.web.common import api_json, as_of_param, cached, get_ws, render, state_key
from peaceops.workspace import Workspace

if TYPE_CHECKING:
    from peaceops.reports.brief_model import BriefData
    from peaceops.reports.brief_page import BriefPage

__all__ = ["brief_data", "router"]

router = APIRouter()


def _build(ws: Workspace, as_of: date | None) -> BriefData:
    from peaceops.reports.brief import build_brief

    return cached(
        ("brief", state_key(ws), as_of), lambda: _with_commands(build_brief(ws, as_of=as_of))
    )


def _with_commands(data: BriefData) -> BriefData:
    """The brief with each left-out section's message followed by the command that adds it."""
    from dataclasses import replace

    missing = []
    for m in data.missing:
        command = remedies.COMMANDS.get(m.remedy, "")
        message = f"{m.message.rstrip('.')}; run '{command}'" if command else m.message
        missing.append(replace(m, message=message))
    return replace(data, missing=tuple(missing))


def brief_data(ws: Workspace, as_of: date | None = None) -> BriefPage:
    """The brief's page view: its ``to_dict()`` is the page's data and ``/api/brief``."""
    from peaceops.reports.brief_page import BriefPage

    return BriefPage(_build(ws, as_of))


@router.get("/brief", response_class=HTMLResponse, include_in_schema=False)
def brief_page(
    request: Request, ws: Workspace = Depends(get_ws), as_of: str | None = None
) -> HTMLResponse:
    from peaceops.reports.brief_dates import brief_date

    day, error = as_of_param(as_of)
    held = brief_date(ws, day)
    day = held.day
    qs = f"?as_of={day.isoformat()}" if day else ""
    return render(
        request,
        "brief.html",
        title="Mandate-renewal brief",
        api_url=f"/api/brief{qs}",
        d=brief_data(ws, day).to_dict(),
        as_of_raw=as_of or "",
        as_of_error=error,
        as_of_note=held.note,
        document_url=f"/brief/document{qs}",
        status_code=400 if error else 200,
    )


@router.get("/brief/document", response_class=HTMLResponse, include_in_schema=False)
def brief_document(ws: Workspace = Depends(get_ws), as_of: str | None = None) -> HTMLResponse:
    from peaceops.reports.brief_dates import brief_date
    from peaceops.reports.brief_html import render_html

    day = brief_date(ws, parse_day(as_of, end=True)).day
    b = _build(ws, day)
    return HTMLResponse(cached(("brief-html", state_key(ws), day), lambda: render_html(b)))


@router.get("/api/brief", tags=["brief"], summary="The brief's considerations, sections, sources")
def brief_api(
    ws: Workspace = Depends(get_ws),
    as_of: str | None = Query(None, description="YYYY-MM-DD: only data up to that date"),
) -> JSONResponse:
    from peaceops.reports.brief_dates import brief_date

    return api_json(brief_data(ws, brief_date(ws, parse_day(as_of, end=True)).day).to_dict())
