"""Framework: status, history, and forms to enter an observation and assess a benchmark."""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from peaceops.errors import InputError, NotFoundError
from peaceops.period import parse_day
from peaceops.records.history import newest_first
from peaceops.web.common import (
    FormState,
    api_json,
    cached,
    cached_json,
    get_ws,
    record_page,
    state_key,
)
from peaceops.web.figures import Figure, figure
from peaceops.workspace import Workspace

if TYPE_CHECKING:
    from peaceops.framework.page import FrameworkPage

__all__ = [
    "AssessmentIn",
    "ObservationIn",
    "check_assessment",
    "check_observation",
    "framework_data",
    "framework_figures",
    "router",
]

router = APIRouter()

STATUS_CHOICES = (("met", "Met"), ("partly", "Partly met"), ("not", "Not met"))
HISTORY_SHOWN = 50
# Longest text accepted per form field (characters); longer input is refused with a message.
FIELD_LIMITS = {
    "indicator_id": 64,
    "benchmark_id": 64,
    "value": 40,
    "date": 10,
    "status": 10,
    "source": 300,
    "note": 2000,
    "evidence": 2000,
    "entered_by": 100,
    "assessed_by": 100,
    "replace": 5,
}


def _too_long(values: dict[str, str]) -> dict[str, str]:
    return {
        k: f"At most {FIELD_LIMITS[k]:,} characters (this has {len(v):,})."
        for k, v in values.items()
        if k in FIELD_LIMITS and len(v) > FIELD_LIMITS[k]
    }


class ObservationIn(BaseModel):
    indicator_id: str = Field(description="an observation-based indicator id", max_length=64)
    value: float = Field(description="a number: percent 0-100, counts and amounts 0 or more")
    date: dt.date = Field(
        description="the day the value refers to: not in the future, not "
        "before the framework's first baseline"
    )
    source: str = Field(description="who published or measured the value", max_length=300)
    note: str = Field("", max_length=2000)
    entered_by: str = Field(
        "", description="your name (default: the server's user)", max_length=100
    )
    replace: bool = Field(False, description="replace the value already recorded for that date")


class AssessmentIn(BaseModel):
    benchmark_id: str = Field(max_length=64)
    status: str = Field(description="met, partly or not", max_length=10)
    evidence: str = Field(max_length=2000)
    assessed_by: str = Field("", max_length=100)
    date: dt.date | None = Field(None, description="not in the future")


def framework_data(ws: Workspace, as_of: date | None = None) -> FrameworkPage:
    """Status on ``as_of`` (or the latest data), the change log, and the form choices
    (computed once per data version and date)."""
    from peaceops.framework.page import framework_page

    return cached(("framework-data", state_key(ws), as_of), lambda: framework_page(ws, as_of))


def framework_figures(ws: Workspace, as_of: date | None) -> list[Figure]:
    """One chart per indicator (with its table), as of a date (once per data version)."""
    return cached(("framework-figures", state_key(ws), as_of), lambda: _figures(ws, as_of))


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


def _existing(ws: Workspace, indicator: str, day: date) -> Any:
    from peaceops.framework.store import observations

    same = [o for o in observations(ws) if o.indicator_id == indicator and o.date == day]
    return same[-1] if same else None


def check_observation(ws: Workspace, values: dict[str, str]) -> FormState:
    """Validate and record an observation; the returned errors are empty when it was saved.

    A second value for the same indicator and date is refused unless ``replace`` is set; then
    it is recorded as a replacement, and the change log says which value it replaced."""
    from peaceops.framework.checks import check_day, check_value, parse_value
    from peaceops.framework.store import load_framework, record_observation

    errors = _too_long(values)
    if errors:
        return FormState(values, errors)
    fw = load_framework(ws)
    indicator = values.get("indicator_id", "").strip()
    unit = ""
    if not indicator:
        errors["indicator_id"] = "Choose an indicator."
    elif fw is not None:
        ind = fw.indicator(indicator)
        if ind is not None:
            unit = ind.unit
    number: float | None = None
    try:
        number = parse_value(values.get("value", ""))
        check_value(number, unit)
    except InputError as exc:
        errors["value"] = str(exc)
    day: date | None = None
    raw_date = values.get("date", "").strip()
    if not raw_date:
        errors["date"] = "Enter the date the value refers to (YYYY-MM-DD)."
    else:
        try:
            day = date.fromisoformat(raw_date)
            if fw is not None:
                check_day(day, fw)
        except ValueError:
            errors["date"] = f"{raw_date!r} is not a date: use YYYY-MM-DD."
        except InputError as exc:
            errors["date"] = str(exc)
    if not values.get("source", "").strip():
        errors["source"] = "Say where the value comes from (who published or measured it)."
    replace = values.get("replace", "").strip().lower() in ("1", "true", "on", "yes")
    if not errors and day is not None and indicator:
        old = _existing(ws, indicator, day)
        if old is not None and not replace:
            errors["date"] = (
                f"{indicator} already has a value for {day}: {old.value:g} "
                f"(source: {old.source[:80]}). Tick 'replace' to record this one instead; "
                "the change log keeps both."
            )
    if not errors:
        assert number is not None and day is not None
        note = values.get("note", "")
        old = _existing(ws, indicator, day) if replace else None
        if old is not None:
            replaced = f"replaces {old.value:g} (source: {old.source[:80]})"
            note = f"{note} [{replaced}]".strip()
        try:
            record_observation(
                ws,
                indicator,
                number,
                day,
                values["source"],
                note,
                values.get("entered_by") or None,
            )
        except (InputError, NotFoundError) as exc:
            errors[exc.field if exc.field in values else "form"] = str(exc)
    return FormState(values, errors)


def check_assessment(ws: Workspace, values: dict[str, str]) -> FormState:
    """Validate and record a benchmark assessment; errors are empty when it was saved."""
    from peaceops.framework.store import assess_benchmark

    errors = _too_long(values)
    if errors:
        return FormState(values, errors)
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
        if day is not None and day > date.today():
            errors["date"] = f"{day} is in the future: an assessment is made on or before today."
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
    return record_page(
        request,
        template="framework.html",
        title="Results framework",
        api="/api/framework/status",
        as_of_raw=as_of_raw,
        load=lambda as_of: framework_data(ws, as_of).to_dict(),
        lacking="a results framework",
        context=lambda _d, as_of: {
            "figures": framework_figures(ws, as_of),
            "obs": observation or FormState({"date": date.today().isoformat()}),
            "ass": assessment or FormState(),
            "status_choices": STATUS_CHOICES,
            "saved": saved,
            "today": date.today(),
            "history_shown": HISTORY_SHOWN,
        },
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
    replace: str = Form(""),
) -> Response:
    values = {
        "indicator_id": indicator_id,
        "value": value,
        "date": day,
        "source": source,
        "note": note,
        "entered_by": entered_by,
        "replace": replace,
    }
    state = check_observation(ws, values)
    if state.errors:
        return _page(request, ws, observation=state, status_code=400)
    saved = f"Observation saved: {indicator_id} = {value} on {day}."
    return RedirectResponse(f"/framework?{urlencode({'saved': saved})}#observe", status_code=303)


@router.get("/framework/observe", include_in_schema=False)
@router.get("/framework/assess", include_in_schema=False)
def form_address(request: Request) -> Response:
    """The address a form posts to, reloaded or opened: the form on the framework page."""
    anchor = "observe" if request.url.path.endswith("observe") else "assess"
    return RedirectResponse(f"/framework#{anchor}", status_code=303)


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


@router.get(
    "/api/framework", tags=["framework"], summary="The framework page: status, history, choices"
)
def page_api(
    ws: Workspace = Depends(get_ws),
    as_of: str | None = Query(None, description="YYYY-MM-DD: the framework as it was then"),
) -> JSONResponse:
    """The document the ``/framework`` page shows (its ``to_dict()``), labelled."""
    from peaceops.grades import graded
    from peaceops.reports.brief_grades import framework_grade

    day = parse_day(as_of, end=True)
    return api_json(graded(framework_data(ws, day).to_dict(), framework_grade(ws, day)[0]))


@router.get("/api/framework/status", tags=["framework"], summary="Indicators, roll-ups, benchmarks")
def status_api(
    ws: Workspace = Depends(get_ws),
    as_of: str | None = Query(None, description="YYYY-MM-DD: the status as it was then"),
) -> Response:
    from peaceops.framework.status import framework_status
    from peaceops.grades import graded
    from peaceops.reports.brief_grades import framework_grade

    day = parse_day(as_of, end=True)
    key = ("framework-status-json", state_key(ws), day)  # once per data version and date
    return cached_json(
        key, lambda: graded(framework_status(ws, day).to_dict(), framework_grade(ws, day)[0])
    )


@router.get("/api/framework/history", tags=["framework"], summary="The change log, newest first")
def history_api(
    ws: Workspace = Depends(get_ws), as_of: str | None = Query(None, description="YYYY-MM-DD")
) -> Response:
    from peaceops.framework.store import changes
    from peaceops.grades import graded
    from peaceops.reports.brief_grades import framework_grade

    day = parse_day(as_of, end=True)
    key = ("framework-history-json", state_key(ws), day)
    return cached_json(
        key, lambda: graded(newest_first(changes(ws, day)), framework_grade(ws, day)[0])
    )


def _api_result(state: FormState) -> JSONResponse:
    if state.errors:
        return api_json({"detail": "invalid input", "status": 400, "errors": state.errors}, 400)
    return api_json({"saved": True, **state.values}, 201)


@router.post(
    "/api/framework/observations",
    tags=["framework"],
    summary="Record an observation of an indicator",
    status_code=201,
)
def observe_api(body: ObservationIn, ws: Workspace = Depends(get_ws)) -> JSONResponse:
    values = {k: str(v) for k, v in body.model_dump().items()}
    values["replace"] = "true" if body.replace else ""
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
