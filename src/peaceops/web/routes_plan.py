"""Plan: phases of the solved plan, explanations of deferred tasks, and scenarios."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse

from peaceops.errors import NotFoundError
from peaceops.web.common import api_json, get_ws, render
from peaceops.web.plan_data import plan_result
from peaceops.web.sections import missing_for
from peaceops.workspace import Workspace

__all__ = ["router"]

router = APIRouter()


@router.get("/plan", response_class=HTMLResponse, include_in_schema=False)
def plan_page(request: Request, ws: Workspace = Depends(get_ws)) -> HTMLResponse:
    try:
        d = plan_result(ws)
    except NotFoundError as exc:
        return render(
            request,
            "plan.html",
            title="Plan",
            api_url="/api/plan",
            d=None,
            missing=[missing_for("plan", exc)],
        )
    return render(request, "plan.html", title="Plan", api_url="/api/plan", d=d)


@router.get("/api/plan", tags=["plan"], summary="The solved plan, explanations and scenarios")
def plan_api(ws: Workspace = Depends(get_ws)) -> JSONResponse:
    return api_json(plan_result(ws))
