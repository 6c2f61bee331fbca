"""Shared pieces of the web layer: templates, the workspace per request, JSON, caching."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from peaceops import registry
from peaceops.config import CONFIG_FILE
from peaceops.datacache import DataCache
from peaceops.errors import InputError, NotFoundError
from peaceops.numbers import format_number
from peaceops.period import parse_day
from peaceops.web.remedies import missing
from peaceops.workspace import Workspace

__all__ = [
    "NAV",
    "FormState",
    "api_json",
    "as_of_param",
    "cached",
    "cached_json",
    "get_ws",
    "prefix_svg_ids",
    "record_page",
    "render",
    "state_key",
    "templates",
]

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))


templates.env.globals["num"] = format_number

T = TypeVar("T")


@dataclass(frozen=True)
class FormState:
    """What was typed into a form and what is wrong with it, field by field."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def record_page(
    request: Request,
    *,
    template: str,
    title: str,
    api: str,
    as_of_raw: str | None,
    load: Callable[[date | None], T],
    lacking: str,
    context: Callable[[T, date | None], dict[str, Any]],
    status_code: int = 200,
) -> HTMLResponse:
    """A record-keeping feature's page as of the ``as_of`` parameter: the data ``load`` gives
    and the ``context`` made from it, or, when the workspace has none, what is ``lacking``
    and how to add it. Its JSON is at ``api`` (with the same ``as_of``)."""
    as_of, as_of_error = as_of_param(as_of_raw)
    shown = {"as_of_raw": as_of_raw or "", "as_of_error": as_of_error}
    try:
        d = load(as_of)
    except NotFoundError as exc:
        return render(
            request,
            template,
            title=title,
            api_url=api,
            d=None,
            missing=[missing(exc, lacking)],
            status_code=status_code,
            **shown,
        )
    qs = f"?as_of={as_of.isoformat()}" if as_of else ""
    return render(
        request,
        template,
        title=title,
        api_url=f"{api}{qs}",
        d=d,
        status_code=status_code,
        **shown,
        **context(d, as_of),
    )


def as_of_param(raw: str | None) -> tuple[date | None, str]:
    """The page's ``as_of`` (a day, a month's or a year's last day) and the error shown beside
    the field when it is not a date (then the page shows today's state)."""
    try:
        return parse_day(raw, end=True), ""
    except InputError as exc:
        return None, str(exc)


def _nav() -> tuple[tuple[str, str], ...]:
    """(path, label) of the main navigation: the features' entries, the home page first."""
    entries = [entry for f in registry.features() for entry in f.nav]
    return tuple(sorted(entries, key=lambda e: e[0] != "/"))


NAV: tuple[tuple[str, str], ...] = _nav()


_open_lock = threading.Lock()


def get_ws(request: Request) -> Iterator[Workspace]:
    """The app's workspace, shared by its requests (opening one costs a configuration parse,
    a database engine and a schema check). Every read goes to the database and the current
    data files, so each request sees the latest data; a changed configuration file opens the
    workspace anew."""
    state = request.app.state
    root = state.workspace_dir
    stamp = _stamp(Path(root) / CONFIG_FILE)
    with _open_lock:
        shared = getattr(state, "shared_ws", None)
        if shared is None or shared[0] != stamp:
            # The one it replaces is left to requests still using it (engines close when
            # collected).
            shared = (stamp, Workspace.open(root))
            state.shared_ws = shared
    day = getattr(state, "events_as_of", None)
    if day is None:
        yield shared[1]
    else:  # serve --as-of DATE: a read-only view holding the events as stored on that date
        from peaceops.events.versions import events_as_of

        yield events_as_of(shared[1], day).workspace


def _stamp(path: Path) -> tuple[int, int]:
    if not path.exists():
        return (0, 0)
    st = path.stat()
    return (st.st_mtime_ns, st.st_size)


def api_json(data: Any, status_code: int = 200) -> JSONResponse:
    return JSONResponse(jsonable_encoder(data), status_code=status_code)


def cached_json(key: Any, make: Callable[[], Any]) -> Response:
    """A JSON answer whose encoded body is kept under ``key`` (which must hold ``state_key``):
    asked again before the data changes, it costs no encoding."""
    body = cached(("json-body", key), lambda: JSONResponse(jsonable_encoder(make())).body)
    return Response(body, media_type="application/json")


def render(
    request: Request,
    template: str,
    *,
    title: str,
    api_url: str | None = None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """Render a page of the dashboard with the shared layout."""
    ctx = {
        "title": title,
        "api_url": api_url,
        "nav": NAV,
        "path": request.url.path,
        "workspace": getattr(request.state, "workspace_info", None),
        **context,
    }
    return templates.TemplateResponse(request, template, ctx, status_code=status_code)


def state_key(ws: Workspace) -> tuple[Any, ...]:
    """Changes whenever the workspace's data changes: its directory and data version (bumped by
    every publish and save, in whatever database the workspace uses), and the events version
    an as-of view holds."""
    pins = tuple(sorted((slot, str(path)) for slot, path in ws.pins.items()))
    return (str(ws.root.resolve()), ws.data_version(), pins)


# Rendered charts and gathered pages, keyed on ``state_key`` (so a new data version is a miss).
_cache = DataCache(256)


def cached(key: Any, make: Callable[[], T]) -> T:
    return _cache.get_or_make(None, key, make)


_SVG_ID = re.compile(r'\bid="([^"]+)"')


def prefix_svg_ids(svg: str, prefix: str) -> str:
    """Make the ids inside an SVG unique on a page holding several charts (clip paths etc.)."""
    ids = set(_SVG_ID.findall(svg))
    if not ids:
        return svg
    for ident in sorted(ids, key=len, reverse=True):
        svg = svg.replace(f'id="{ident}"', f'id="{prefix}-{ident}"')
        svg = svg.replace(f"url(#{ident})", f"url(#{prefix}-{ident})")
        svg = svg.replace(f'href="#{ident}"', f'href="#{prefix}-{ident}"')
    return svg
