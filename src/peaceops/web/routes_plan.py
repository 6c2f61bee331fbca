"""Plan: phases of the solved plan, explanations of deferred tasks, and scenarios."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse

from peaceops.errors import NotFoundError
from peaceops.web.common import api_json, get_ws, render, state_key
from peaceops.web.figures import figure
from peaceops.web.plan_data import plan_result, plan_versions, solved
from peaceops.web.remedies import missing
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
            missing=[missing(exc, "a plan")],
        )
    from peaceops.reports.plan_charts import phase_chart

    result, _ = solved(ws)
    labels = d["phase_labels"]

    def label(phase: int | None) -> str:
        return labels[phase - 1] if phase else "left out"

    chart = figure(
        "phases",
        "Sequence of tasks by phase",
        (state_key(ws), d["plan"], d["objective"]),
        lambda: phase_chart(result),
        ("task", "state", "start", "end"),
        [
            (t["name"], t["state"], label(t["start_phase"]), label(t["end_phase"]))
            for t in d["tasks"]
        ],
        "Gantt-like bars, one per task, from its start to its end phase; deferred tasks in "
        "amber, left-out tasks as grey marks.",
    )
    return render(
        request, "plan.html", title="Plan", api_url="/api/plan", d=d, chart=chart, label=label
    )


@router.get("/api/plan", tags=["plan"], summary="The solved plan, explanations and scenarios")
def plan_api(ws: Workspace = Depends(get_ws)) -> JSONResponse:
    return api_json(plan_result(ws))


@router.get(
    "/api/plan/history", tags=["plan"], summary="Every saved version of the plans, newest first"
)
def plan_history_api(ws: Workspace = Depends(get_ws)) -> JSONResponse:
    """Each version: plan name, version number, when (``at``), who, file, SHA-256, tasks."""
    return api_json(plan_versions(ws))
