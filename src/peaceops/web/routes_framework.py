"""Framework: status, history, and forms to enter an observation and assess a benchmark."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from peaceops.errors import InputError, NotFoundError
from peaceops.web.common import api_json, get_ws, parse_day, render, state_key
from peaceops.web.figures import Figure, figure
from peaceops.web.remedies import missing
from peaceops.workspace import Workspace

__all__ = [
    "AssessmentIn",
    "FormState",
    "ObservationIn",
    "check_assessment",
    "check_observation",
    "framework_data",
    "router",
]

router = APIRouter()

STATUS_CHOICES = (("met", "Met"), ("partly", "Partly met"), ("not", "Not met"))
HISTORY_SHOWN = 50


@dataclass(frozen=True)
class FormState:
    """What was typed into a form and what is wrong with it, field by field."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


class ObservationIn(BaseModel):
    indicator_id: str = Field(description="an observation-based indicator id")
    value: float
    date: dt.date
    source: str = Field(description="who published or measured the value")
    note: str = ""
    entered_by: str = Field("", description="your name (default: the server's user)")


class AssessmentIn(BaseModel):
    benchmark_id: str
    status: str = Field(description="met, partly or not")
    evidence: str
    assessed_by: str = ""
    date: dt.date | None = None


def framework_data(ws: Workspace, as_of: date | None = None) -> dict[str, Any]:
    """Status on ``as_of`` (or the latest data), the change log, and the form choices."""
    from peaceops.framework.status import framework_status
    from peaceops.framework.store import changes, load_framework

    st = framework_status(ws, as_of)
    fw = load_framework(ws, as_of)
    assert fw is not None
    log = changes(ws, as_of)
    return {
        "status": st.as_dict(),
        "history": [c.__dict__ for c in reversed(log)],
        "observable": [
            {"id": i.id, "name": i.name, "unit": i.unit}
            for i in fw.indicators
            if i.computed is None
        ],
        "benchmarks": [{"id": b.id, "name": b.name} for b in fw.benchmarks],
    }


def _figures(ws: Workspace, as_of: date | None) -> list[Figure]:
    from peaceops.framework.status import framework_status
    from peaceops.reports.framework_charts import indicator_chart

    st = framework_status(ws, as_of)
    key = (state_key(ws), as_of)
    out = []
    for ind in st.indicators:

        def chart(ind: Any = ind) -> Any:
            return indicator_chart(ind, st.sources)

        out.append(
            figure(
                f"ind-{ind.id}",
                f"{ind.id}: {ind.name}",
                key,
                chart,
                ("period", "date", "value"),
                [(p.period or "", p.date, p.value) for p in ind.points],
                f"Line of the indicator's values against its target of {ind.target:g} "
                f"by {ind.target_date}.",
            )
        )
    return out


def check_observation(ws: Workspace, values: dict[str, str]) -> FormState:
    """Validate and record an observation; the returned errors are empty when it was saved."""
    from peaceops.framework.store import record_observation

    errors: dict[str, str] = {}
    indicator = values.get("indicator_id", "").strip()
    if not indicator:
        errors["indicator_id"] = "Choose an indicator."
    number: float | None = None
    raw_value = values.get("value", "").strip().replace(",", "")
    if not raw_value:
        errors["value"] = "Enter the value."
    else:
        try:
            number = float(raw_value)
            if not math.isfinite(number):
                raise ValueError
        except ValueError:
            errors["value"] = f"{values.get('value')!r} is not a number."
    day: date | None = None
    raw_date = values.get("date", "").strip()
    if not raw_date:
        errors["date"] = "Enter the date the value refers to (YYYY-MM-DD)."
    else:
        try:
            day = date.fromisoformat(raw_date)
        except ValueError:
            errors["date"] = f"{raw_date!r} is not a date: use YYYY-MM-DD."
    if day is not None and day > date.today():
        errors["date"] = "The date is in the future."
    if not values.get("source", "").strip():
        errors["source"] = "Say where the value comes from (who published or measured it)."
    if not errors:
        assert number is not None and day is not None
        try:
            record_observation(
                ws,
                indicator,
                number,
                day,
                values["source"],
                values.get("note", ""),
                values.get("entered_by") or None,
            )
        except (InputError, NotFoundError) as exc:
            errors[exc.field if exc.field in values else "form"] = str(exc)
    return FormState(values, errors)


def check_assessment(ws: Workspace, values: dict[str, str]) -> FormState:
    """Validate and record a benchmark assessment; errors are empty when it was saved."""
    from peaceops.framework.store import assess_benchmark

    errors: dict[str, str] = {}
    if not values.get("benchmark_id", "").strip():
        errors["benchmark_id"] = "Choose a benchmark."
    if values.get("status", "") not in {k for k, _ in STATUS_CHOICES}:
        errors["status"] = "Choose met, partly met or not met."
    if not values.get("evidence", "").strip():
        errors["evidence"] = "Give the evidence the judgement rests on."
    day: date | None = None
    raw_date = values.get("date", "").strip()
    if raw_date:
        try:
            day = date.fromisoformat(raw_date)
        except ValueError:
            errors["date"] = f"{raw_date!r} is not a date: use YYYY-MM-DD."
    if not errors:
        try:
            assess_benchmark(
                ws,
                values["benchmark_id"].strip(),
                values["status"],
                values["evidence"],
                values.get("assessed_by") or None,
                day,
            )
        except (InputError, NotFoundError) as exc:
            errors[exc.field if exc.field in values else "form"] = str(exc)
    return FormState(values, errors)


def _page(
    request: Request,
    ws: Workspace,
    as_of_raw: str | None = None,
    observation: FormState | None = None,
    assessment: FormState | None = None,
    saved: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    as_of_error = ""
    try:
        as_of = parse_day(as_of_raw, end=True)
    except InputError as exc:
        as_of, as_of_error = None, str(exc)
    qs = f"?as_of={as_of.isoformat()}" if as_of else ""
    try:
        d = framework_data(ws, as_of)
    except NotFoundError as exc:
        return render(
            request,
            "framework.html",
            title="Results framework",
            api_url="/api/framework/status",
            d=None,
            missing=[missing(exc, "a results framework")],
        )
    return render(
        request,
        "framework.html",
        title="Results framework",
        api_url=f"/api/framework/status{qs}",
        d=d,
        figures=_figures(ws, as_of),
        as_of_raw=as_of_raw or "",
        as_of_error=as_of_error,
        obs=observation or FormState({"date": date.today().isoformat()}),
        ass=assessment or FormState(),
        status_choices=STATUS_CHOICES,
        saved=saved,
        history_shown=HISTORY_SHOWN,
        status_code=status_code,
    )


@router.get("/framework", response_class=HTMLResponse, include_in_schema=False)
def framework_page(
    request: Request,
    ws: Workspace = Depends(get_ws),
    as_of: str | None = None,
    saved: str | None = None,
) -> HTMLResponse:
    return _page(request, ws, as_of, saved=saved)


@router.post("/framework/observe", include_in_schema=False)
def observe_form(
    request: Request,
    ws: Workspace = Depends(get_ws),
    indicator_id: str = Form(""),
    value: str = Form(""),
    day: str = Form("", alias="date"),
    source: str = Form(""),
    note: str = Form(""),
    entered_by: str = Form(""),
) -> Response:
    values = {
        "indicator_id": indicator_id,
        "value": value,
        "date": day,
        "source": source,
        "note": note,
        "entered_by": entered_by,
    }
    state = check_observation(ws, values)
    if state.errors:
        return _page(request, ws, observation=state, status_code=400)
    saved = f"Observation saved: {indicator_id} = {value} on {day}."
    return RedirectResponse(f"/framework?{urlencode({'saved': saved})}#observe", status_code=303)


@router.post("/framework/assess", include_in_schema=False)
def assess_form(
    request: Request,
    ws: Workspace = Depends(get_ws),
    benchmark_id: str = Form(""),
    status: str = Form(""),
    evidence: str = Form(""),
    day: str = Form("", alias="date"),
    assessed_by: str = Form(""),
) -> Response:
    values = {
        "benchmark_id": benchmark_id,
        "status": status,
        "evidence": evidence,
        "date": day,
        "assessed_by": assessed_by,
    }
    state = check_assessment(ws, values)
    if state.errors:
        return _page(request, ws, assessment=state, status_code=400)
    saved = f"Assessment saved: {benchmark_id} {dict(STATUS_CHOICES)[status].lower()}."
    return RedirectResponse(f"/framework?{urlencode({'saved': saved})}#assess", status_code=303)


@router.get("/api/framework/status", tags=["framework"], summary="Indicators, roll-ups, benchmarks")
def status_api(
    ws: Workspace = Depends(get_ws),
    as_of: str | None = Query(None, description="YYYY-MM-DD: the status as it was then"),
) -> JSONResponse:
    from peaceops.framework.status import framework_status

    return api_json(framework_status(ws, parse_day(as_of, end=True)).as_dict())


@router.get("/api/framework/history", tags=["framework"], summary="The change log, newest first")
def history_api(
    ws: Workspace = Depends(get_ws), as_of: str | None = Query(None, description="YYYY-MM-DD")
) -> JSONResponse:
    from peaceops.framework.store import changes

    return api_json([c.__dict__ for c in reversed(changes(ws, parse_day(as_of, end=True)))])


def _api_result(state: FormState) -> JSONResponse:
    if state.errors:
        return api_json({"detail": "invalid input", "errors": state.errors}, 400)
    return api_json({"saved": True, **state.values}, 201)


@router.post(
    "/api/framework/observations",
    tags=["framework"],
    summary="Record an observation of an indicator",
    status_code=201,
)
def observe_api(body: ObservationIn, ws: Workspace = Depends(get_ws)) -> JSONResponse:
    values = {k: str(v) for k, v in body.model_dump().items()}
    return _api_result(check_observation(ws, values))


@router.post(
    "/api/framework/assessments",
    tags=["framework"],
    summary="Record an assessment of a benchmark",
    status_code=201,
)
def assess_api(body: AssessmentIn, ws: Workspace = Depends(get_ws)) -> JSONResponse:
    values = {k: ("" if v is None else str(v)) for k, v in body.model_dump().items()}
    return _api_result(check_assessment(ws, values))
