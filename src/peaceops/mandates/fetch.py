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
    "FetchedDocument",
    "FetchedResolution",
    "cached_resolution_file",
    "document_url",
    "fetch_document",
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


_DOCUMENT = re.compile(r"^S/(?:\d{4}/\d{1,4}|\d{4,5})(?:/Add\.\d+)?$")


@dataclass(frozen=True)
class FetchedDocument:
    """A fetched document (a report or letter a mandate refers to) and where it was kept."""

    symbol: str
    url: str
    path: Path
    from_cache: bool
    pages_text: int  # characters of text in the PDF's text layer (0: a scan)


def document_url(symbol: str, base_url: str | None = None) -> str:
    """The document-system URL of a document's English PDF (``S/2013/189``)."""
    base = base_url or os.environ.get("PEACEOPS_UNDOCS_URL") or DEFAULT_UNDOCS_URL
    return f"{base}?s={quote(symbol, safe='/()')}&l=en&t=pdf"


def fetch_document(
    ws: Workspace,
    symbol: str,
    *,
    base_url: str | None = None,
    fetcher: Fetcher | None = None,
    timeout: float = 20.0,
    retries: int = 2,
) -> FetchedDocument:
    """Download (or take from the cache) a document a resolution refers to, keep its PDF in
    the workspace cache and record where it came from.

    Raises:
        InputError: ``symbol`` is not a document symbol (S/2013/189, S/25913).
    """
    from peaceops.errors import InputError
    from peaceops.mandates.reader import extract_text
    from peaceops.provenance import file_sha256

    wanted = re.sub(r"\s+", "", symbol)
    if not _DOCUMENT.match(wanted):
        raise InputError(f"{symbol!r} is not a document symbol (expected e.g. S/2013/189)")
    url = document_url(wanted, base_url)
    client = fetcher or HttpFetcher(ws.cache_dir / "http", timeout=timeout, retries=retries)
    result = client.fetch(url)
    try:
        text, _ = extract_text(result.content, wanted)
    except InputError:
        text = ""
    name = re.sub(r"[^A-Za-z0-9]+", "_", wanted).strip("_")
    path = ws.cache_dir / "documents" / f"{name}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(result.content)
    tmp.replace(path)
    ws.record_dataset(
        DatasetRecord(
            kind="document",
            source=url,
            file_name=path.name,
            sha256=file_sha256(path),
            accessed=date.today(),
            citation=f"United Nations, document {wanted}; {ODS_CITATION}",
            details={"from_cache": result.from_cache, "symbol": wanted},
        )
    )
    return FetchedDocument(wanted, url, path, result.from_cache, len(text.strip()))
