"""Request safety for the dashboard: trusted hosts, cross-site request refusal, body limit, HEAD.

One function, ``install_security(app, ...)``, adds the layers; each is also usable alone (a
login layer can reuse ``is_cross_site`` and ``CrossSiteGuard`` as they are).

- **Trusted hosts** (Starlette's ``TrustedHostMiddleware``): a request whose ``Host`` header is
  not the bound host or a loopback name is refused with 400. This stops DNS rebinding, where a
  page on another site resolves its own name to 127.0.0.1 and reads the dashboard.
- **Cross-site requests** (``CrossSiteGuard``): a request that changes something (POST, PUT,
  PATCH, DELETE) is refused with 403 when the browser says it comes from another site. The rule
  is the one modern browsers make possible without tokens (and the one Go's
  ``net/http.CrossOriginProtection`` uses): ``Sec-Fetch-Site`` other than ``same-origin`` or
  ``none`` is cross-site; without it, an ``Origin`` whose host and port differ from ``Host``
  is cross-site; a request with neither header is not from a browser (curl, scripts) and passes.
  Browsers send one of the two on every cross-site form post, so no form needs a token.
- **Body limit** (Starlette's ``RequestBodyLimitMiddleware``): a request body over
  ``max_body`` bytes is refused with 413 before it is read into memory.
- **HEAD** answers like GET without the body (FastAPI routes declare GET only).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "LOOPBACK_HOSTS",
    "MAX_BODY_BYTES",
    "CrossSiteGuard",
    "HeadAsGet",
    "install_security",
    "is_cross_site",
    "trusted_hosts",
]

# Names a browser on this machine uses for a server bound to loopback; "testserver" is the
# host name of Starlette's in-process test client.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]", "testserver")
MAX_BODY_BYTES = 256 * 1024  # forms and JSON bodies are a few KB; the field limits add to 40 KB
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def trusted_hosts(bound_host: str | None = None, extra: Sequence[str] = ()) -> list[str]:
    """The host names served: the bound host (unless it is a wildcard), loopback, ``extra``."""
    hosts = list(LOOPBACK_HOSTS)
    if bound_host and bound_host not in ("0.0.0.0", "::", ""):
        hosts.append(bound_host)
    hosts.extend(h for h in extra if h)
    return list(dict.fromkeys(h.lower() for h in hosts))


def is_cross_site(method: str, headers: Headers) -> bool:
    """True when a state-changing request comes from a page of another site (see module doc)."""
    if method.upper() not in UNSAFE_METHODS:
        return False
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site.lower() not in ("same-origin", "none")
    origin = headers.get("origin")
    if origin is None:
        return False  # not a browser: nothing to forge
    if origin == "null":
        return True  # sandboxed frames, data: URLs, some redirects
    netloc = urlsplit(origin).netloc.lower()
    return netloc != (headers.get("host") or "").lower()


class CrossSiteGuard:
    """Refuse state-changing requests sent by another site's page (403, HTML or JSON)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_cross_site(scope["method"], Headers(scope=scope)):
            await self.app(scope, receive, send)
            return
        message = (
            "Refused: this request was sent from a page of another site. Forms of the "
            "dashboard can only be sent from its own pages."
        )
        if str(scope.get("path", "")).startswith("/api"):
            body = json.dumps({"detail": message, "status": 403}).encode()
            kind = b"application/json"
        else:
            body = (
                '<!doctype html><html lang="en"><meta charset="utf-8">'
                f"<title>Refused · peaceops</title><h1>Refused</h1><p>{message}</p></html>"
            ).encode()
            kind = b"text/html; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 403,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})


class HeadAsGet:
    """Answer HEAD as the GET of the same URL, with its headers and without its body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


def install_security(
    app: Starlette,
    *,
    hosts: Sequence[str] | None = None,
    max_body: int = MAX_BODY_BYTES,
) -> None:
    """Add the layers to ``app`` (outermost first): body limit, trusted hosts, cross-site
    guard, HEAD. Call it after the app's other middleware, so these run first.

    ``hosts`` defaults to ``trusted_hosts()``; pass ``["*"]`` to serve any host name (behind a
    proxy that checks it).
    """
    app.add_middleware(HeadAsGet)
    app.add_middleware(CrossSiteGuard)
    app.add_middleware(
        TrustedHostMiddleware,
        allowed_hosts=list(hosts) if hosts else trusted_hosts(),
        www_redirect=False,
    )
    app.add_middleware(RequestBodyLimitMiddleware, max_body_size=max_body)
