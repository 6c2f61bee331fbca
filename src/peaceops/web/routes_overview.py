"""Overview: what the workspace holds, headline figures and where each part stands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse

from peaceops.errors import NotFoundError
from peaceops.web.common import api_json, cached, get_ws, render, state_key
from peaceops.web.remedies import missing
from peaceops.workspace import Workspace

if TYPE_CHECKING:
    from peaceops.reports.overview import Overview

__all__ = ["overview_data", "router"]

router = APIRouter()


def overview_data(ws: Workspace) -> Overview:
    """Headline figures per part (computed once per data version)."""
    from peaceops.reports.overview import overview

    return cached(("overview", state_key(ws)), lambda: overview(ws))


def _describe(exc: NotFoundError, what: str) -> dict[str, str]:
    """A part without data: what is missing and the command or link that adds it."""
    return missing(exc, what).as_dict()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def overview_page(request: Request, ws: Workspace = Depends(get_ws)) -> HTMLResponse:
    d = overview_data(ws).to_dict(_describe)  # the document /api/overview answers
    return render(request, "overview.html", title="Overview", api_url="/api/overview", d=d)


@router.get("/api/overview", tags=["overview"], summary="Headline figures of every part")
def overview_api(ws: Workspace = Depends(get_ws)) -> JSONResponse:
    return api_json(overview_data(ws).to_dict(_describe))
