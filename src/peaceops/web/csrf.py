"""CSRF protection of signed-in sessions: the check on changes and the hidden form field.

A state-changing request made with a session must carry the session's token, as the form
field ``csrf_token`` or the header ``X-CSRF-Token``. ``CsrfFields`` adds that hidden field to
every ``<form method="post">`` of the pages served to a signed-in user, so feature forms need
no change. (Bearer-token requests carry no cookie, so another site cannot forge them.)
"""

from __future__ import annotations

import html
import re
import secrets
from urllib.parse import parse_qs

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["MAX_FORM_BYTES", "CsrfFields", "check_csrf", "with_csrf_fields"]

MAX_FORM_BYTES = 1024 * 1024

_FORM_TAG = re.compile(r"<form\b[^>]*\bmethod\s*=\s*[\"']?post\b[^>]*>", re.IGNORECASE)


def with_csrf_fields(page: str, token: str) -> str:
    """``page`` with the hidden ``csrf_token`` field at the start of each POST form."""
    field = f'<input type="hidden" name="csrf_token" value="{html.escape(token)}">'
    return _FORM_TAG.sub(lambda m: m.group(0) + field, page)


async def check_csrf(scope: Scope, receive: Receive, expected: str) -> tuple[Receive, bool]:
    """Whether the request carries ``expected`` (header, or form field of its body), and a
    ``receive`` that replays the body read to find it, for the route."""
    sent = Headers(scope=scope).get("x-csrf-token")
    if sent is not None:
        return receive, secrets.compare_digest(sent, expected)
    body = b""
    more = True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = bool(message.get("more_body", False))
        if len(body) > MAX_FORM_BYTES:
            return receive, False
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    token = _form_token(Headers(scope=scope).get("content-type", ""), body)
    return replay, token is not None and secrets.compare_digest(token, expected)


def _form_token(content_type: str, body: bytes) -> str | None:
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        values = parse_qs(body.decode("utf-8", "replace")).get("csrf_token")
        return values[0] if values else None
    if kind == "multipart/form-data":
        match = re.search(rb'name="csrf_token"\r\n\r\n([^\r\n]*)\r\n', body)
        return match.group(1).decode("ascii", "replace") if match else None
    return None


class CsrfFields:
    """Adds the session's CSRF field to the POST forms of pages (inside the compression
    layer, so it sees them uncompressed; the gate, outside every cache, put the token in the
    request's state). Pages answering a POST get it too: a form sent back with a message
    beside a field can be corrected and sent again."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = scope.get("state", {}).get("csrf") if scope["type"] == "http" else None
        if token:
            await self.app(scope, receive, _csrf_injector(send, token))
            return
        await self.app(scope, receive, send)


def _csrf_injector(send: Send, token: str) -> Send:
    """Wrap ``send`` so HTML pages get the CSRF field in each POST form."""
    start: Message | None = None
    chunks: list[bytes] = []

    async def wrapped(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            kind = Headers(raw=message.get("headers", [])).get("content-type", "")
            encoded = Headers(raw=message.get("headers", [])).get("content-encoding")
            if kind.startswith("text/html") and not encoded:
                start = message
                return
            await send(message)
            return
        if message["type"] == "http.response.body" and start is not None:
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            page = b"".join(chunks).decode("utf-8", "replace")
            data = with_csrf_fields(page, token).encode("utf-8")
            headers = MutableHeaders(raw=list(start.get("headers", [])))
            headers["content-length"] = str(len(data))
            await send({**start, "headers": headers.raw})
            await send({"type": "http.response.body", "body": data})
            return
        await send(message)

    return wrapped
