"""Whole responses kept per data version: a page asked again before the data changes is sent
as it was, without rendering or compressing it again.

The data version of an embedded workspace is the modification stamp of its database (every
change, including publishing a new data file, is a database write), of its journal and of its
configuration file; reading them costs three ``stat`` calls. A workspace whose records live in
a database server (``database_url``) has no such stamp, so its pages are not kept here (the
figures behind them still are, in ``common.cached``).

Kept: GET answers with status 200, an HTML or JSON body and no ``Set-Cookie``; the key holds
the path, the query string, whether the client takes gzip, the request's cookies (pages of a
signed-in user are that user's) and today's date (forms default to it).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from pathlib import Path
from typing import Any

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peaceops.config import CONFIG_FILE

__all__ = ["PageCache", "data_stamp"]

_SKIP_PREFIXES = ("/static/", "/download/", "/healthz", "/brief/document.")
_KEPT_TYPES = (b"text/html", b"application/json")


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


class PageCache:
    """ASGI middleware keeping whole GET responses per data version (least recently used)."""

    def __init__(self, app: ASGIApp, root: Path, size: int = 200, enabled: bool = True) -> None:
        self.app = app
        self.root = Path(root)
        self.size = size
        self.enabled = enabled
        self._items: OrderedDict[Any, tuple[Message, bytes]] = OrderedDict()
        self._lock = threading.Lock()

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
        headers = Headers(scope=scope)
        key = (
            path,
            scope.get("query_string", b""),
            "gzip" in headers.get("accept-encoding", ""),
            headers.get("cookie", ""),
            headers.get("authorization", ""),
            headers.get("host", ""),
            date.today(),
            data_stamp(self.root),
        )
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
        if hit is not None:
            start, body = hit
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
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
