"""The one interface peaceops uses to reach the network, and a fake of it for tests.

Only explicit fetch commands call this. ``HttpFetcher`` has timeouts, retries with backoff and
an on-disk cache; ``FakeFetcher`` serves canned answers so code that fetches can be tested
without a network (tests that want real HTTP serve fixtures from a local server instead).
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from peaceops.errors import NotFoundError, OfflineError

__all__ = ["FakeFetcher", "FetchResult", "Fetcher", "HttpFetcher", "shown_url"]

# Query parameters that carry credentials: never printed, never written to an error message.
SECRET_PARAMS = frozenset(("key", "email", "token", "access_token", "api_key"))


def shown_url(url: str) -> str:
    """``url`` with credential parameters (ACLED's key and e-mail...) masked, for messages."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    query = [(k, "***" if k.lower() in SECRET_PARAMS else v) for k, v in parse_qsl(parts.query)]
    return urlunsplit(parts._replace(query=urlencode(query, safe="*|:")))


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header given in seconds (HTTP dates are rare from APIs)."""
    if not value:
        return None
    try:
        return max(0.0, float(value.strip()))
    except ValueError:
        return None


@dataclass(frozen=True)
class FetchResult:
    url: str
    content: bytes
    content_type: str = ""
    from_cache: bool = False


class Fetcher(Protocol):
    def fetch(self, url: str) -> FetchResult: ...


class HttpFetcher:
    """GET with a timeout, a few retries on network errors, 5xx and 429, and a cache on disk.

    A 429 (rate limited) answer is retried after the server's ``Retry-After`` when it gives
    one, but never waiting more than ``max_wait`` seconds; a longer wait is refused at once
    with a line saying when to try again.
    """

    def __init__(
        self,
        cache_dir: Path | None = None,
        *,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 0.5,
        user_agent: str = "peaceops (+https://github.com/peaceops)",
        transport: httpx.BaseTransport | None = None,
        max_wait: float = 60.0,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.cache_dir = cache_dir
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        # extra headers (an API's access token) are sent with every request, never shown
        self.headers = {"User-Agent": user_agent, **(headers or {})}
        self.transport = transport
        self.max_wait = max_wait

    def _cache_paths(self, url: str) -> tuple[Path, Path] | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(url.encode()).hexdigest()[:32]
        return self.cache_dir / f"{key}.bin", self.cache_dir / f"{key}.json"

    def fetch(self, url: str) -> FetchResult:
        paths = self._cache_paths(url)
        if paths and paths[0].is_file() and paths[1].is_file():
            meta = json.loads(paths[1].read_text())
            return FetchResult(url, paths[0].read_bytes(), meta.get("content_type", ""), True)
        last_error = ""
        shown = shown_url(url)
        wait: float | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * (2 ** (attempt - 1)) if wait is None else wait)
            wait = None
            try:
                with httpx.Client(
                    timeout=self.timeout,
                    follow_redirects=True,
                    headers=self.headers,
                    transport=self.transport,
                ) as client:
                    resp = client.get(url)
            except httpx.TimeoutException:
                last_error = f"timed out after {self.timeout:g} s"
                continue
            except httpx.TransportError as exc:
                last_error = str(exc) or type(exc).__name__
                continue
            if resp.status_code == 404:
                raise NotFoundError(f"{shown}: not found (HTTP 404)")
            if resp.status_code == 429:
                wait = _retry_after(resp.headers.get("retry-after"))
                if wait is not None and wait > self.max_wait:
                    raise OfflineError(
                        f"{shown}: rate limited (HTTP 429); the server asks to wait "
                        f"{wait:g} s, try again later"
                    )
                last_error = "HTTP 429, rate limited"
                continue
            if resp.status_code >= 500:
                last_error = f"HTTP {resp.status_code}"
                continue
            if resp.status_code >= 400:
                raise OfflineError(f"{shown}: refused (HTTP {resp.status_code})")
            result = FetchResult(str(resp.url), resp.content, resp.headers.get("content-type", ""))
            if paths:
                paths[0].parent.mkdir(parents=True, exist_ok=True)
                tmp = paths[0].with_suffix(".part")
                tmp.write_bytes(resp.content)
                tmp.replace(paths[0])
                paths[1].write_text(json.dumps({"url": url, "content_type": result.content_type}))
            return result
        raise OfflineError(
            f"cannot fetch {shown} after {self.retries + 1} attempts ({last_error}); "
            "check the network connection or try again later"
        )


@dataclass
class FakeFetcher:
    """Serves canned answers by URL; unknown URLs behave like an unreachable network."""

    routes: dict[str, bytes | Exception] = field(default_factory=dict)
    content_type: str = "application/octet-stream"
    requests: list[str] = field(default_factory=list)

    def fetch(self, url: str) -> FetchResult:
        self.requests.append(url)
        answer = self.routes.get(url)
        if answer is None:
            raise OfflineError(f"cannot fetch {url}: network unreachable (fake)")
        if isinstance(answer, Exception):
            raise answer
        return FetchResult(url, answer, self.content_type)
