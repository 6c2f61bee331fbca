"""The FastAPI application: pages, JSON API, static files and error pages."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from datetime import date
from pathlib import Path

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import make_url
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from peaceops import registry
from peaceops.errors import InputError, NotFoundError, PeaceopsError
from peaceops.web.api_docs import add_api_docs, field_errors, use_400_in_openapi
from peaceops.web.common import HERE, render
from peaceops.web.page_cache import PageCache, server_version
from peaceops.web.remedies import missing
from peaceops.web.security import MAX_BODY_BYTES, install_security
from peaceops.workspace import Workspace
from peaceops.wslock import BusyError

__all__ = ["create_app"]

log = logging.getLogger("peaceops.web")

_TITLES = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    500: "Server error",
    503: "Busy",
}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _error(
    request: Request, status: int, message: str, exc: PeaceopsError | None = None
) -> Response:
    fix = missing(exc) if exc is not None and exc.remedy else None
    if _wants_json(request):
        body: dict[str, object] = {"detail": message, "status": status}
        if exc is not None:
            body.update({k: v for k, v in exc.to_dict().items() if k != "message" and v})
        if fix is not None and fix.command:
            body["command"] = fix.command
        return JSONResponse(body, status_code=status)
    return render(
        request,
        "error.html",
        title=_TITLES.get(status, "Error"),
        status_code=status,
        status=status,
        message=message,
        missing=[fix] if fix is not None else [],
    )


# Packages whose modules the pages import lazily: imported once, in one thread, before any
# request or the warm-up runs, so no request can meet a module that another thread is still
# importing.
_PRELOAD = ("events", "framework", "mandates", "planning", "reports", "web")


def preload() -> None:
    """Import every module the pages use (once; later calls cost nothing)."""
    import importlib
    import pkgutil

    for name in _PRELOAD:
        package = importlib.import_module(f"peaceops.{name}")
        for info in pkgutil.walk_packages(package.__path__, f"peaceops.{name}."):
            try:
                importlib.import_module(info.name)
            except Exception:  # an optional part; its page says what is missing when asked
                log.debug("preload of %s failed", info.name, exc_info=True)


class _WorkspaceInfo:
    """Puts the workspace's name on every request, and holds requests while the server is
    still importing its pages."""

    def __init__(self, app: ASGIApp, info: dict[str, object], ready: threading.Event) -> None:
        self.app = app
        self.info = info
        self.ready = ready

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            if not self.ready.is_set():
                await anyio.to_thread.run_sync(self.ready.wait, 300)
            scope.setdefault("state", {})["workspace_info"] = self.info
        await self.app(scope, receive, send)


def allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """Every method some route answers at this path (HEAD wherever GET is)."""
    from starlette.routing import Match

    found: set[str] = set()
    for route in app.router.routes:
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            match, _ = route.matches({**request.scope, "method": method})
            if match == Match.FULL:
                found.add(method)
    if "GET" in found:
        found.add("HEAD")
    order = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
    return [m for m in order if m in found]


_RETRY_AFTER_S = 5


def _retry_later(request: Request, message: str) -> Response:
    """503 with Retry-After: a writer holds the workspace; the request may simply be retried."""
    response = _error(request, 503, f"{message} Please try again in a few seconds.")
    response.headers["Retry-After"] = str(_RETRY_AFTER_S)
    return response


def _warm(root: Path) -> None:
    """Prepare the overview, the default context page and the brief once, so the first visitor
    does not wait for the chart renderer to start, the charts to be drawn and the brief to be
    gathered. Each part stops on its own problem (missing data): the page will say why."""
    from peaceops.web.routes_brief import brief_data
    from peaceops.web.routes_context import context_data, parse_filters
    from peaceops.web.routes_overview import overview_data

    def context(ws: Workspace) -> None:
        context_data(ws, parse_filters(None, None, None, None, None))

    for part in (overview_data, context, brief_data):
        _warm_part(root, part)


def _warm_part(root: Path, part: Callable[[Workspace], object]) -> None:
    try:
        with Workspace.open(root) as ws:
            part(ws)
    except Exception:  # a page that cannot be prepared says why when it is asked for
        log.debug("warm-up stopped", exc_info=True)


@contextmanager
def _database_held_open(path: str | None) -> Iterator[None]:
    """Keep one idle connection to the SQLite database open while the server runs.

    Each request opens its own connections (no pool: see ``workspace``); when the last one
    closes, SQLite checkpoints and removes the write-ahead log, and the next one makes it
    again, which cost most of a short request. An idle connection holds no transaction, so
    it blocks no writer and no checkpoint. (Restoring the database file is done with the
    server stopped, see docs/server.md.)
    """
    if not path or not Path(path).is_file():
        yield
        return
    try:
        conn = sqlite3.connect(path, check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        log.debug("could not hold %s open", path, exc_info=True)
        yield
        return
    try:
        yield
    finally:
        conn.close()


def create_app(
    workspace_dir: Path | str,
    *,
    warm: bool = False,
    auth: bool | None = None,
    hosts: Sequence[str] | None = None,
    max_body: int = MAX_BODY_BYTES,
    events_as_of: date | None = None,
) -> FastAPI:
    """The dashboard for the workspace at ``workspace_dir`` (opened to check it exists).

    ``warm=True`` prepares the main pages in a background thread when the server starts.
    ``auth`` requires sign-in (default: ``auth`` in the workspace's peaceops.yaml).
    ``hosts``: the host names served (default: loopback names, see ``security.trusted_hosts``);
    ``max_body``: the largest request body accepted, in bytes.
    ``events_as_of``: every page shows the events as stored in the workspace on that date.
    """
    root = Path(workspace_dir).resolve()
    ws = Workspace.open(root)  # fails early, with a clear message, if it is not a workspace
    info: dict[str, object] = {
        "name": ws.config.name or root.name,
        "country": ws.config.country_label or ws.config.country,
        "synthetic": bool(ws.config.synthetic),
    }
    config = ws.config
    on_server = not ws.database_url.startswith("sqlite")  # records in a database server
    sqlite_file = make_url(ws.database_url).database
    ws.close()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if warm:
            # Imports first, in one thread; requests that arrive meanwhile wait for them (the
            # server already accepts connections), then the main pages are prepared.
            ready.clear()
            warmed.clear()

            def start() -> None:
                try:
                    preload()
                finally:
                    ready.set()
                try:
                    _warm(root)
                finally:
                    warmed.set()

            threading.Thread(target=start, daemon=True).start()
        with _database_held_open(None if on_server else sqlite_file):
            yield

    app = FastAPI(
        lifespan=lifespan,
        title="peaceops dashboard API",
        version="1",
        description=(
            "JSON views of a peaceops workspace: conflict-event context, Security Council "
            "mandates, results framework and plan. Every HTML page links to its JSON."
        ),
        docs_url=None,
        redoc_url=None,
    )
    use_400_in_openapi(app)
    app.state.workspace_dir = root
    app.state.events_as_of = events_as_of
    if events_as_of is not None:
        from peaceops.events.versions import events_as_of as view_as_of

        with Workspace.open(root) as check:  # a pruned date fails now, with one line
            info["events_as_of"] = view_as_of(check, events_as_of).note
    from peaceops.web.auth import install_auth, install_auth_gate, install_db_errors

    install_db_errors(app)
    signed_in = config.auth if auth is None else auth
    if signed_in:
        install_auth(app, root, config)  # inside the compression layer: it edits pages
    # Pages with inline SVG charts compress about tenfold: it matters on slow connections.
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=6)
    # Outside compression: a page asked again before the data changes is sent as it was.
    # Records in a database server: the version comes from there (a stamp of a file is not one).
    app.add_middleware(
        PageCache,
        root=root,
        version=server_version(root) if on_server else None,
        blocking=on_server,
    )
    if signed_in:
        install_auth_gate(app, root, config)  # outside the page cache: nothing is sent unsigned

    ready = threading.Event()  # the page modules are imported
    ready.set()
    warmed = threading.Event()  # the start-up preparation of the main pages is done
    warmed.set()

    app.add_middleware(_WorkspaceInfo, info=info, ready=ready)

    install_security(app, hosts=hosts, max_body=max_body)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail) if exc.detail else _TITLES.get(exc.status_code, "Error")
        if exc.status_code == 404 and message == "Not Found":
            message = f"There is no page at {request.url.path}."
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(app, request))
            message = f"{request.method} is not allowed here; use {headers['Allow']}."
        response = _error(request, exc.status_code, message)
        response.headers.update(headers)
        return response

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return _error(request, 404, str(exc), exc)

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> Response:
        return _error(request, 400, str(exc), exc)

    @app.exception_handler(RequestValidationError)
    async def bad_query(request: Request, exc: RequestValidationError) -> Response:
        errors = field_errors(exc.errors())
        message = "; ".join(f"{k}: {v}" for k, v in errors.items()) or "invalid request"
        if _wants_json(request):
            return JSONResponse(
                {"detail": message, "status": 400, "errors": errors}, status_code=400
            )
        return _error(request, 400, message)

    @app.exception_handler(PeaceopsError)
    async def other_error(request: Request, exc: PeaceopsError) -> Response:
        return _error(request, 400, str(exc), exc)

    @app.exception_handler(BusyError)
    async def busy(request: Request, exc: BusyError) -> Response:
        return _retry_later(request, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return _error(request, 500, f"Something went wrong ({type(exc).__name__}).")

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    for feature in registry.features():
        for ref in feature.routers:
            app.include_router(registry.resolve(ref))

    add_api_docs(app)

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/healthz", include_in_schema=False, response_class=HTMLResponse)
    async def health() -> str:
        return "ok" if warmed.is_set() else "ok (preparing the main pages)"

    return app
