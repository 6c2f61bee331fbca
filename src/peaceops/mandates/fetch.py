"""Download a resolution's English PDF from the UN Official Document System, by symbol.

The request goes through :class:`peaceops.net.HttpFetcher` (timeout, retries, on-disk cache in
the workspace), so a second fetch of the same symbol works offline. The base URL can be pointed
elsewhere (a mirror, or a local test server) with ``PEACEOPS_UNDOCS_URL`` or a parameter.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

from peaceops.mandates.model import Resolution
from peaceops.mandates.reader import read_bytes
from peaceops.mandates.store import RESOLUTION_KIND, normalise_symbol, save_resolution
from peaceops.net import Fetcher, HttpFetcher
from peaceops.provenance import DatasetRecord
from peaceops.workspace import Workspace

__all__ = [
    "DEFAULT_UNDOCS_URL",
    "FetchedResolution",
    "cached_resolution_file",
    "fetch_resolution",
    "undocs_url",
]

DEFAULT_UNDOCS_URL = "https://documents.un.org/api/symbol/access"
ODS_CITATION = "United Nations Official Document System (documents.un.org)"


@dataclass(frozen=True)
class FetchedResolution:
    """A fetched and parsed resolution, where its PDF was kept and whether it came from cache."""

    resolution: Resolution
    url: str
    path: Path
    from_cache: bool
    record: DatasetRecord | None


def undocs_url(symbol: str, base_url: str | None = None) -> str:
    """The document-system URL of a resolution's English PDF."""
    base = base_url or os.environ.get("PEACEOPS_UNDOCS_URL") or DEFAULT_UNDOCS_URL
    compact = normalise_symbol(symbol).replace(" ", "")
    return f"{base}?s={quote(compact, safe='/()')}&l=en&t=pdf"


def cached_resolution_file(ws: Workspace, symbol: str) -> Path:
    """Where the fetched PDF of ``symbol`` is kept in the workspace."""
    name = re.sub(r"[^A-Za-z0-9]+", "_", normalise_symbol(symbol)).strip("_")
    return ws.cache_dir / "resolutions" / f"{name}.pdf"


def fetch_resolution(
    ws: Workspace,
    symbol: str,
    *,
    base_url: str | None = None,
    fetcher: Fetcher | None = None,
    save: bool = True,
    timeout: float = 20.0,
    retries: int = 2,
) -> FetchedResolution:
    """Download (or take from the cache), parse and optionally store one resolution."""
    wanted = normalise_symbol(symbol)
    url = undocs_url(wanted, base_url)
    client = fetcher or HttpFetcher(ws.cache_dir / "http", timeout=timeout, retries=retries)
    result = client.fetch(url)
    path = cached_resolution_file(ws, wanted)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(result.content)
    tmp.replace(path)
    res = read_bytes(result.content, wanted)
    res = _with_source(res, url, wanted)
    record = None
    if save:
        from peaceops.provenance import file_sha256

        when = f", adopted {res.date:%d %B %Y}" if res.date else ""
        record = save_resolution(
            ws,
            res,
            provenance=DatasetRecord(
                kind=RESOLUTION_KIND,
                source=url,
                file_name=path.name,
                sha256=file_sha256(path),
                accessed=date.today(),
                citation=f"United Nations Security Council, {res.symbol}{when}; {ODS_CITATION}",
                rows_read=len(res.operative),
                rows_accepted=len(res.operative),
                details={"from_cache": result.from_cache},
            ),
        )
    return FetchedResolution(res, url, path, result.from_cache, record)


def _with_source(res: Resolution, url: str, wanted: str) -> Resolution:
    from dataclasses import replace

    m = re.match(r"S/RES/(\d+) \((\d{4})\)", wanted)
    if res.number is None and m:  # no heading in the text layer: trust the symbol asked for
        return replace(res, source=url, symbol=wanted, number=int(m[1]), year=int(m[2]))
    return replace(res, source=url)
