"""Overview: what the workspace holds, headline figures and where each part stands."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse

from peaceops import registry
from peaceops.errors import NotFoundError
from peaceops.web.common import api_json, cached, get_ws, render, state_key
from peaceops.web.remedies import missing
from peaceops.workspace import Workspace

__all__ = ["overview_data", "router"]

router = APIRouter()


def overview_data(ws: Workspace) -> dict[str, Any]:
    """Headline figures per part; a part without data says which command adds it."""
    return cached(("overview", state_key(ws)), lambda: _gather(ws))


def _gather(ws: Workspace) -> dict[str, Any]:
    data: dict[str, Any] = {
        "workspace": {
            "name": ws.config.name,
            "country": ws.config.country_label or ws.config.country,
            "synthetic": bool(ws.config.synthetic),
            "missions": list(ws.config.missions),
            "region_groups": {k: list(v) for k, v in ws.config.region_groups.items()},
        },
        "missing": [],
    }
    for feature, headline in registry.callables("headline"):
        key = feature.overview_name
        try:
            data[key] = headline(ws).to_dict()
        except NotFoundError as exc:
            data[key] = None
            data["missing"].append(missing(exc, feature.title.lower()).as_dict())
    data["datasets"] = [
        {
            "kind": r.kind,
            "source": r.source,
            "file_name": r.file_name,
            "accessed": r.accessed,
            "rows_accepted": r.rows_accepted,
            "citation": r.cite(),
        }
        for r in ws.datasets()
    ]
    return data


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def overview_page(request: Request, ws: Workspace = Depends(get_ws)) -> HTMLResponse:
    return render(
        request, "overview.html", title="Overview", api_url="/api/overview", d=overview_data(ws)
    )


@router.get("/api/overview", tags=["overview"], summary="Headline figures of every part")
def overview_api(ws: Workspace = Depends(get_ws)) -> JSONResponse:
    return api_json(overview_data(ws))
