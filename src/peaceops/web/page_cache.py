"""Whole responses kept per data version: a page asked again before the data changes is sent
as it was, without rendering or compressing it again.

The data version of an embedded workspace is the modification stamp of its database (every
change, including publishing a new data file, is a database write), of its journal and of its
configuration file; reading them costs three ``stat`` calls. A workspace whose records live in
a database server (``database_url``, or ``$PEACEOPS_DATABASE_URL``) asks that server for the
version every data-writing transaction bumps (``Workspace.data_version``), in a worker thread;
when the server cannot be reached the request goes on uncached (and answers 503 there).

Kept: GET answers with status 200, an HTML or JSON body and no ``Set-Cookie``; the key holds
the path, the query string, whether the client takes gzip, the request's cookies and
``Authorization`` header (pages of a signed-in user are that user's: their forms carry the
session's CSRF token), the user's role, the host, today's date (forms default to it) and the
data version.

Requests that arrive while the same page is being made wait for it instead of making it
again: after a change, twenty clients asking for one page cost one rendering, not twenty.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date
from pathlib import Path
from typing import Any

import anyio
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peaceops.config import CONFIG_FILE

__all__ = ["PageCache", "data_stamp", "server_version"]

_SKIP_PREFIXES = ("/static/", "/download/", "/healthz", "/brief/document.", "/login", "/logout")
_KEPT_TYPES = (b"text/html", b"application/json")
# how long a request waits for another one making the same page before making it itself
_FOLLOW_TIMEOUT_S = 10.0


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


def data_stamp(root: Path) -> tuple[tuple[int, int], ...]:
    """Changes whenever an embedded workspace's data or configuration changes."""
    db = root / "peaceops.db"
    return (_stamp(db), _stamp(db.with_name("peaceops.db-journal")),
            _stamp(db.with_name("peaceops.db-wal")), _stamp(root / CONFIG_FILE))  # fmt: skip


def server_version(root: Path) -> Callable[[], Hashable]:
    """The data version of a workspace whose records live in a database server (one shared
    ``Workspace``, so one connection pool, per page cache)."""
    from peaceops.workspace import Workspace

    shared: list[Workspace] = []
    lock = threading.Lock()

    def version() -> Hashable:
        with lock:
            if not shared:
                shared.append(Workspace.open(root))
        return shared[0].data_version()

    return version


class PageCache:
    """ASGI middleware keeping whole GET responses per data version (least recently used).

    ``version``: a function giving the data version (default: ``data_stamp`` of ``root``);
    ``blocking``: it waits on a database server, so it runs in a worker thread.
    """

    def __init__(
        self,
        app: ASGIApp,
        root: Path,
        size: int = 200,
        enabled: bool = True,
        version: Callable[[], Hashable] | None = None,
        blocking: bool = False,
    ) -> None:
        self.app = app
        self.root = Path(root)
        self.size = size
        self.enabled = enabled
        self.version = version or (lambda: data_stamp(self.root))
        self.blocking = blocking
        self._items: OrderedDict[Any, tuple[Message, bytes]] = OrderedDict()
        self._making: dict[Any, anyio.Event] = {}
        self._lock = threading.Lock()

    async def _version(self) -> Hashable | None:
        if not self.blocking:
            return self.version()
        try:
            return await anyio.to_thread.run_sync(self.version)
        except Exception:  # the database is down: the request itself says so (503)
            return None

    def _key(self, scope: Scope, version: Hashable) -> tuple[Any, ...]:
        headers = Headers(scope=scope)
        user = scope.get("state", {}).get("user")
        return (
            str(scope.get("path", "")),
            scope.get("query_string", b""),
            "gzip" in headers.get("accept-encoding", ""),
            headers.get("cookie", ""),
            headers.get("authorization", ""),
            (user.name, user.role.value) if user is not None else None,
            headers.get("host", ""),
            date.today(),
            version,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if (
            not self.enabled
            or scope["type"] != "http"
            or scope["method"] != "GET"
            or path.startswith(_SKIP_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        version = await self._version()
        if version is None:
            await self.app(scope, receive, send)
            return
        key = self._key(scope, version)
        waiting: anyio.Event | None = None
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            elif key in self._making:
                waiting = self._making[key]
            else:
                self._making[key] = anyio.Event()
        if waiting is not None:  # another request is making this page: wait for it
            with anyio.move_on_after(_FOLLOW_TIMEOUT_S):
                await waiting.wait()
            with self._lock:
                hit = self._items.get(key)
            if hit is None:  # it was not kept (an error, a cookie set): make our own
                await self.app(scope, receive, send)
                return
        if hit is not None:
            start, body = hit
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        try:
            await self._make(key, scope, receive, send)
        finally:
            with self._lock:
                done = self._making.pop(key, None)
            if done is not None:
                done.set()

    async def _make(self, key: Any, scope: Scope, receive: Receive, send: Send) -> None:
        parts: list[bytes] = []
        start_message: Message = {}
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start_message, keep
            if message["type"] == "http.response.start":
                start_message = message
                raw = dict(message.get("headers", []))
                kind = raw.get(b"content-type", b"")
                keep = (
                    message["status"] == 200
                    and b"set-cookie" not in raw
                    and kind.startswith(_KEPT_TYPES)
                )
            elif message["type"] == "http.response.body" and keep:
                parts.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        if keep and start_message:
            with self._lock:
                self._items[key] = (start_message, b"".join(parts))
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
