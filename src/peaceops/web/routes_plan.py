"""Plan: phases of the solved plan, explanations of deferred tasks, and scenarios."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse

from peaceops.errors import NotFoundError
from peaceops.web.common import api_json, get_ws, render, state_key
from peaceops.web.downloads import PageDownloads, data_label, events_grade
from peaceops.web.figures import Figure, Table, figure
from peaceops.web.plan_data import plan_result, plan_versions, solved
from peaceops.web.remedies import missing
from peaceops.workspace import Workspace

__all__ = ["downloads", "router"]

router = APIRouter()


def _labeller(d: dict[str, Any]) -> Any:
    labels = d["phase_labels"]

    def label(phase: int | None) -> str:
        return labels[phase - 1] if phase else "left out"

    return label


def _chart(ws: Workspace, d: dict[str, Any]) -> Figure:
    from peaceops.reports.plan_charts import phase_chart

    result, _ = solved(ws)
    label = _labeller(d)
    return figure(
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


def _tables(d: dict[str, Any], events_label: str = "") -> list[Table]:
    """The page's tables, as the page shows them (``events_label``: the state forces' record,
    read from the events)."""
    label = _labeller(d)
    tables = [
        Table.of(
            "tasks",
            "Tasks and explanations",
            ("task", "id", "region", "weight", "start", "end", "state", "why"),
            [
                (
                    t["name"],
                    t["id"],
                    t["region"] or "",
                    t["weight"],
                    label(t["start_phase"]),
                    label(t["end_phase"]) if t["end_phase"] else "",
                    t["state"],
                    " | ".join(t["reasons"]),
                )
                for t in d["tasks"]
            ],
        ),
        Table.of(
            "capacity",
            "Demand against capacity",
            ("resource", "phase", "demand", "capacity", "needed", "shortfall"),
            [
                (
                    c["resource"],
                    label(c["phase"]),
                    c["demand"],
                    c["capacity"],
                    c["needed"],
                    c["shortfall"],
                )
                for c in d["capacity"]
                if c["shortfall"] > 0 or c["demand"] > 0
            ],
        ),
    ]
    if d["state_force_records"]:
        tables.append(
            Table.of(
                "state-forces",
                "Support to state forces: their record against civilians",
                (
                    "task",
                    "id",
                    "force",
                    "from",
                    "to",
                    "partial",
                    "events",
                    "civilian fatalities",
                    "share of all",
                ),
                [
                    (
                        r["task_name"],
                        r["task_id"],
                        r["force"],
                        r["from"],
                        r["to"],
                        "partial" if r["partial"] else "",
                        r["events"],
                        r["fatalities"],
                        round(r["share"], 3),
                    )
                    for r in d["state_force_records"]
                ],
                [events_label] * len(d["state_force_records"]),
            )
        )
    if d.get("history"):
        tables.append(
            Table.of(
                "versions",
                "Saved versions",
                ("version", "saved (UTC)", "by", "file", "sha256", "tasks"),
                [
                    (
                        v["version"],
                        v["at"].strftime("%Y-%m-%d %H:%M"),
                        v["who"],
                        v["file"],
                        v["sha256"],
                        v["tasks"],
                    )
                    for v in d["history"]
                ],
            )
        )
    if d["scenarios"]:
        sc = d["scenarios"]
        base = sc["base"]
        tables.append(
            Table.of(
                "scenarios",
                "Scenarios",
                ("scenario", "changes", "solver", "scheduled", "value", "what changed"),
                [("Base plan", "", base["status"], base["scheduled"], base["objective"], "")]
                + [
                    (
                        s["name"],
                        "; ".join(s["changes"]),
                        s["status"],
                        s["scheduled"],
                        s["objective"],
                        " | ".join(s["what_changed"]) or "nothing",
                    )
                    for s in sc["scenarios"]
                ],
            )
        )
    return tables


def downloads(ws: Workspace, params: dict[str, str | None]) -> PageDownloads:
    """The plan page's chart and tables (NotFoundError without a plan)."""
    from peaceops.reports.brief_grades import plan_grade

    d = plan_result(ws).to_dict()
    result, _ = solved(ws)
    grade = plan_grade(result.plan.illustrative, result.plan.name)[0]
    # The state forces' record reads the events as well as the plan.
    with_events = data_label([grade, events_grade(ws)])
    tables = _tables(d, with_events)
    sources = [*result.plan.sources, "peaceops plan solver (OR-Tools CP-SAT)"]
    if d["state_force_records"]:
        sources += [r.cite() for r in ws.datasets("events")]
    return PageDownloads([_chart(ws, d)], tables, [grade], sources)


@router.get("/plan", response_class=HTMLResponse, include_in_schema=False)
def plan_page(request: Request, ws: Workspace = Depends(get_ws)) -> HTMLResponse:
    try:
        d = plan_result(ws).to_dict()
    except NotFoundError as exc:
        return render(
            request,
            "plan.html",
            title="Plan",
            api_url="/api/plan",
            d=None,
            missing=[missing(exc, "a plan")],
        )
    return render(
        request,
        "plan.html",
        title="Plan",
        api_url="/api/plan",
        d=d,
        chart=_chart(ws, d),
        label=_labeller(d),
    )


@router.get("/api/plan", tags=["plan"], summary="The solved plan, explanations and scenarios")
def plan_api(ws: Workspace = Depends(get_ws)) -> JSONResponse:
    return api_json(plan_result(ws).to_dict())


@router.get(
    "/api/plan/history", tags=["plan"], summary="Every saved version of the plans, newest first"
)
def plan_history_api(ws: Workspace = Depends(get_ws)) -> JSONResponse:
    """Each version: plan name, version number, when (``at``), who, file, SHA-256, tasks;
    a version of an example plan says so (``data_label``)."""
    from peaceops.grades import graded_rows
    from peaceops.reports.brief_grades import saved_plan_grade

    rows = plan_versions(ws)
    grades = {p: saved_plan_grade(ws, p)[0] for p in {str(r["plan"]) for r in rows}}
    return api_json(graded_rows(rows, [grades[str(r["plan"])] for r in rows]))
