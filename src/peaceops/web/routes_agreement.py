"""Agreement: implementation by part, provisions, history, and a form to record a status entry.

The page and its JSON (``/api/agreement``; ``/api/agreement/status`` is its status part) are
shaped by one view (``peaceops.agreement.page.AgreementPage``); the form and the JSON API
validate with the same rule as ``peaceops agreement observe``
(``peaceops.agreement.observations_io.check_entry``).
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from peaceops.errors import InputError, NotFoundError
from peaceops.grades import Grade
from peaceops.period import parse_day
from peaceops.records.history import newest_first
from peaceops.web.common import (
    FormState,
    api_json,
    get_ws,
    record_page,
    state_key,
)
from peaceops.web.downloads import PageDownloads
from peaceops.web.figures import Figure, Table, figure
from peaceops.workspace import Workspace

if TYPE_CHECKING:
    from peaceops.agreement.page import AgreementPage

__all__ = [
    "EntryIn",
    "agreement_data",
    "check_status_entry",
    "downloads",
    "router",
]

router = APIRouter()

HISTORY_SHOWN = 50
_FIELDS = ("provision", "date", "level", "source", "note", "entered_by")


class EntryIn(BaseModel):
    provision: str = Field(description="a provision id of the agreement")
    date: dt.date = Field(description="the date the level refers to (not in the future)")
    level: int = Field(description="0 not started, 1 minimal, 2 intermediate, 3 complete")
    source: str = Field(description="document and page, paragraph or section")
    note: str = ""
    entered_by: str = Field("", description="your name (default: the acting user)")


def agreement_data(ws: Workspace, as_of: date | None = None) -> AgreementPage:
    """Status on ``as_of`` (default today), the change log and the form's choices: the
    page's view, whose ``to_dict()`` the page and ``/api/agreement`` use."""
    from peaceops.agreement.page import agreement_page

    return agreement_page(ws, as_of)


def _figures(ws: Workspace, as_of: date | None) -> list[Figure]:
    from peaceops.agreement.status import agreement_status, series
    from peaceops.reports.agreement_charts import implementation_chart, status_matrix_chart
    from peaceops.reports.agreement_report import chart_sources

    st = agreement_status(ws, as_of)
    points = series(ws, st.as_of)
    sources = chart_sources(st)
    key = (state_key(ws), as_of)
    names = {p.id: p.name for p in st.parts}
    label = f" ({st.label})" if st.label else ""
    return [
        figure(
            "agr-time",
            f"Implementation over time, by part{label}",
            key,
            lambda: implementation_chart(st, points, sources),
            ("date", "part", "score", "assessed"),
            [
                (d, names.get(pid, "whole agreement"), None if s is None else round(s, 4), n)
                for d, pid, s, n in points
            ],
            "Step lines of the implementation score (sum of levels over 3 x provisions) of each "
            "part and of the whole agreement at every quarter end.",
        ),
        figure(
            "agr-matrix",
            f"Provisions by status on {st.as_of}{label}",
            key,
            lambda: status_matrix_chart(st, sources),
            ("provision", "article", "status", "since", "source"),
            [(s.id, s.article, s.word, s.date, s.source) for s in st.provisions],
            "One row a provision, filled in the column of its status; unassessed in grey.",
        ),
    ]


def _tables(d: dict[str, Any]) -> list[Table]:
    st = d["status"]
    whole = st["overall_detail"]
    return [
        Table.of(
            "parts",
            "Implementation by part",
            ("part", "provisions", "assessed", "score", "score over assessed"),
            [
                (f"{p['number']}: {p['name']}", p["provisions"], p["assessed"], p["score"],
                 p["score_assessed"])
                for p in st["pillars"]
            ]
            + [("Whole agreement", whole["provisions"], whole["assessed"], st["overall"],
                whole["score_assessed"])],
        ),
        Table.of(
            "overdue",
            "Overdue provisions",
            ("provision", "summary", "article", "due", "status"),
            [(o["id"], o["summary"], o["article"], o["deadline"], o["status"])
             for o in st["overdue"]],
        ),
        Table.of(
            "provisions",
            "Provisions",
            ("provision", "summary", "article", "status", "overdue", "since", "source", "note"),
            [
                (p["id"], p["summary"], p["article"], p["status"],
                 "overdue" if p["overdue"] else "", p["date"], p["source"], p["note"])
                for p in st["provisions"]
            ],
        ),
        Table.of(
            "history",
            "Change log",
            ("when (UTC)", "who", "action", "what", "details"),
            [(c["at"].strftime("%Y-%m-%d %H:%M"), c["who"], c["action"], c["target"],
              c["details"]) for c in d["history"]],
        ),
    ]  # fmt: skip


def downloads(ws: Workspace, params: dict[str, str | None]) -> PageDownloads:
    """The page's charts and tables, as of ``?as_of=`` (default today)."""
    from peaceops.reports.agreement_report import chart_sources

    as_of = parse_day(params.get("as_of"), end=True)
    view = agreement_data(ws, as_of)
    st = view.status
    grade: Grade = "illustrative" if st.label else "real"
    return PageDownloads(_figures(ws, as_of), _tables(view.to_dict()), (grade,), chart_sources(st))


def check_status_entry(ws: Workspace, values: dict[str, str]) -> FormState:
    """Validate and record one status entry; the returned errors are empty when it was saved."""
    from peaceops.agreement.observations_io import check_entry
    from peaceops.agreement.store import record_entries, require_agreement

    try:
        a = require_agreement(ws)
    except NotFoundError as exc:
        return FormState(values, {"form": str(exc)})
    entry, problems = check_entry(a, values)
    errors: dict[str, str] = {}
    for p in problems:
        errors.setdefault(p.field, p.message)
    if entry is not None and not errors:
        try:
            record_entries(ws, [entry], values.get("entered_by") or None)
        except (InputError, NotFoundError) as exc:
            errors[exc.field if exc.field in values else "form"] = str(exc)
    return FormState(values, errors)


def _page(
    request: Request,
    ws: Workspace,
    as_of_raw: str | None = None,
    entry: FormState | None = None,
    saved: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return record_page(
        request,
        template="agreement.html",
        title="Peace agreement",
        api="/api/agreement/status",
        as_of_raw=as_of_raw,
        load=lambda as_of: agreement_data(ws, as_of).to_dict(),
        lacking="a peace agreement",
        context=lambda _d, as_of: {
            "figures": _figures(ws, as_of),
            "entry": entry or FormState({"date": date.today().isoformat()}),
            "qs": f"as_of={as_of.isoformat()}" if as_of else "",
            "saved": saved,
            "history_shown": HISTORY_SHOWN,
        },
        status_code=status_code,
    )


@router.get("/agreement", response_class=HTMLResponse, include_in_schema=False)
def agreement_page(
    request: Request,
    ws: Workspace = Depends(get_ws),
    as_of: str | None = None,
    saved: str | None = None,
) -> HTMLResponse:
    return _page(request, ws, as_of, saved=saved)


@router.post("/agreement/observe", include_in_schema=False)
def observe_form(
    request: Request,
    ws: Workspace = Depends(get_ws),
    provision: str = Form(""),
    day: str = Form("", alias="date"),
    level: str = Form(""),
    source: str = Form(""),
    note: str = Form(""),
    entered_by: str = Form(""),
) -> Response:
    values = dict(zip(_FIELDS, (provision, day, level, source, note, entered_by), strict=True))
    state = check_status_entry(ws, values)
    if state.errors:
        return _page(request, ws, entry=state, status_code=400)
    saved = f"Status entry saved: {provision} at level {level} on {day}."
    return RedirectResponse(f"/agreement?{urlencode({'saved': saved})}#observe", status_code=303)


@router.get(
    "/api/agreement/status",
    tags=["agreement"],
    summary="Implementation by part and overall, overdue provisions, change since renewal",
)
def status_api(
    ws: Workspace = Depends(get_ws),
    as_of: str | None = Query(None, description="YYYY-MM-DD: the status as it was then"),
) -> JSONResponse:
    from peaceops.grades import graded
    from peaceops.reports.brief_grades import agreement_grade

    day = parse_day(as_of, end=True)
    return api_json(graded(agreement_data(ws, day).status.to_dict(), agreement_grade(ws, day)[0]))


@router.get(
    "/api/agreement", tags=["agreement"], summary="The agreement page: status, history, choices"
)
def page_api(
    ws: Workspace = Depends(get_ws),
    as_of: str | None = Query(None, description="YYYY-MM-DD: the agreement as it was then"),
) -> JSONResponse:
    """The document the ``/agreement`` page shows (its ``to_dict()``), labelled."""
    from peaceops.grades import graded
    from peaceops.reports.brief_grades import agreement_grade

    day = parse_day(as_of, end=True)
    return api_json(graded(agreement_data(ws, day).to_dict(), agreement_grade(ws, day)[0]))


@router.get("/api/agreement/history", tags=["agreement"], summary="The change log, newest first")
def history_api(
    ws: Workspace = Depends(get_ws), as_of: str | None = Query(None, description="YYYY-MM-DD")
) -> JSONResponse:
    from peaceops.agreement.store import changes
    from peaceops.grades import graded
    from peaceops.reports.brief_grades import agreement_grade

    day = parse_day(as_of, end=True)
    return api_json(graded(newest_first(changes(ws, day)), agreement_grade(ws, day)[0]))


@router.post(
    "/api/agreement/observations",
    tags=["agreement"],
    summary="Record a status entry of a provision",
    status_code=201,
)
def observe_api(body: EntryIn, ws: Workspace = Depends(get_ws)) -> JSONResponse:
    values = {k: str(v) for k, v in body.model_dump().items()}
    state = check_status_entry(ws, values)
    if state.errors:
        return api_json({"detail": "invalid input", "errors": state.errors}, 400)
    return api_json({"saved": True, **state.values}, 201)
