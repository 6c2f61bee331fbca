"""Fetching conflict events from the ACLED and UCDP GED APIs into the workspace.

A fetch downloads every page of the answer first, writes the rows to a CSV in the source's own
export format (``cache/fetch/``) and hands that file to :func:`import_events`, so fetched events
go through the same validation, quarantine, merge, placement and provenance as a file the user
downloaded by hand, and a page that fails mid-way leaves the stored events untouched.

Resuming
    After a successful import the date of the newest fetched event is kept per source and
    country (``store/fetch-state.json``); the next fetch without ``--from`` asks from that day
    (inclusive: the source may have added events to it since; re-fetched ones are unchanged).
    Pages of an interrupted fetch are kept in ``cache/fetch/`` and reused when the same fetch
    is run again, so it goes on from the page that failed.

The network is reached only through a :class:`peaceops.net.Fetcher`; credentials are never
written to messages (:func:`peaceops.net.shown_url`).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from peaceops.config import country_profile, parse_country_codes
from peaceops.errors import InputError, OfflineError
from peaceops.events.importer import ImportReport, import_events
from peaceops.net import Fetcher, shown_url
from peaceops.progress import OnProgress
from peaceops.progress import report as report_progress
from peaceops.workspace import Workspace

__all__ = [
    "ACLED_URL",
    "GW_CODES",
    "UCDP_URL",
    "UCDP_VERSION",
    "CountryFetch",
    "FetchReport",
    "acled_credentials",
    "api_headers",
    "fetch_countries",
    "fetch_events",
    "fetch_state",
]

ACLED_URL = "https://api.acleddata.com/acled/read"
UCDP_URL = "https://ucdpapi.pcr.uu.se/api/gedevents"
UCDP_VERSION = "25.1"
ACLED_PAGE_SIZE = 5000
UCDP_PAGE_SIZE = 1000
STATE_FILE = "fetch-state.json"

# UCDP identifies countries by their Gleditsch-Ward number, not ISO codes.
GW_CODES = {
    "MLI": 432, "BFA": 439, "NER": 436, "MRT": 435, "TCD": 483, "NGA": 475, "CAF": 482,
    "COD": 490, "SSD": 626, "SDN": 625, "SOM": 520, "LBY": 620, "LBN": 660, "CYP": 352,
}  # fmt: skip

# ACLED names countries in English; a profile's name is used, these where it differs.
_ACLED_NAMES = {"COD": "Democratic Republic of Congo", "CAF": "Central African Republic"}


@dataclass(frozen=True)
class FetchReport:
    """What a fetch did: the query, the pages, and the import of the rows it got."""

    source: str
    country: str
    from_date: str | None
    to_date: str | None
    pages: int
    pages_reused: int
    rows: int
    file: str | None
    imported: ImportReport | None
    countries: list[dict[str, Any]] = field(default_factory=list)  # one a country fetched

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["imported"] = self.imported.to_dict() if self.imported else None
        return out


def acled_credentials(ws: Workspace, env: Mapping[str, str] | None = None) -> tuple[str, str]:
    """ACLED key and e-mail from ``ACLED_API_KEY``/``ACLED_EMAIL`` or ``peaceops.yaml``."""
    env = os.environ if env is None else env
    key = env.get("ACLED_API_KEY") or ws.config.acled_key
    email = env.get("ACLED_EMAIL") or ws.config.acled_email
    if not key or not email:
        lacking = " and ".join(
            n for n, v in (("an API key", key), ("the account's e-mail", email)) if not v
        )
        raise InputError(
            f"ACLED needs {lacking}: set ACLED_API_KEY and ACLED_EMAIL in the environment, "
            "or acled_key and acled_email in peaceops.yaml",
            missing="ACLED API key",
            field="acled_key",
        )
    return key, email


def api_headers(ws: Workspace, source: str, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """Headers a source's API wants: UCDP's access token (``UCDP_ACCESS_TOKEN`` or
    ``ucdp_token`` in ``peaceops.yaml``) when one is set."""
    env = os.environ if env is None else env
    if source.strip().lower() == "ucdp":
        token = env.get("UCDP_ACCESS_TOKEN") or ws.config.ucdp_token
        if token:
            return {"x-ucdp-access-token": token}
    return {}


def fetch_state(ws: Workspace) -> dict[str, dict[str, Any]]:
    """Last successful fetch per ``SOURCE:ISO3``: ``last_date``, ``fetched_at``, ``rows``."""
    path = ws.store_dir / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return {}  # an unreadable state only means the next fetch starts from the beginning
    return data if isinstance(data, dict) else {}


def _save_state(ws: Workspace, key: str, entry: dict[str, Any]) -> None:
    state = fetch_state(ws)
    state[key] = entry
    path = ws.store_dir / STATE_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2, sort_keys=True), encoding="utf-8")
    tmp.replace(path)


def _get_json(fetcher: Fetcher, url: str) -> Any:
    result = fetcher.fetch(url)
    try:
        return json.loads(result.content)
    except ValueError:
        raise OfflineError(
            f"{shown_url(url)}: the answer is not JSON; the API may be down or moved"
        ) from None


def _pages(
    folder: Path,
    fetcher: Fetcher,
    url_of: Callable[[int], str],
    rows_of: Callable[[Any, str], list[dict[str, Any]]],
    more: Callable[[Any, int, int], bool],
    first: int,
) -> Iterator[tuple[list[dict[str, Any]], bool]]:
    """Each page's rows and whether it came from an earlier, interrupted run."""
    folder.mkdir(parents=True, exist_ok=True)
    page = first
    while True:
        saved = folder / f"page-{page:05d}.json"
        reused = saved.is_file()
        if reused:
            body = json.loads(saved.read_text(encoding="utf-8"))
        else:
            url = url_of(page)
            body = _get_json(fetcher, url)
            rows_of(body, url)  # refuse an error answer before keeping it
            tmp = saved.with_suffix(".part")
            tmp.write_text(json.dumps(body), encoding="utf-8")
            tmp.replace(saved)
        rows = rows_of(body, "")
        yield rows, reused
        if not more(body, page, len(rows)):
            return
        page += 1


def _acled_rows(body: Any, url: str) -> list[dict[str, Any]]:
    if isinstance(body, dict) and body.get("success") is not False:
        data = body.get("data")
        if isinstance(data, list):
            return [r for r in data if isinstance(r, dict)]
    detail = ""
    if isinstance(body, dict):
        err = body.get("error") or body.get("message")
        detail = f": {err.get('message', err) if isinstance(err, dict) else err}" if err else ""
    raise OfflineError(f"ACLED refused the request{detail} ({shown_url(url)})")


def _ucdp_rows(body: Any, url: str) -> list[dict[str, Any]]:
    if isinstance(body, dict) and isinstance(body.get("Result"), list):
        return [r for r in body["Result"] if isinstance(r, dict)]
    raise OfflineError(f"UCDP answered without a Result list ({shown_url(url)})")


def _newest_date(rows: list[dict[str, Any]], today: date) -> str | None:
    """The latest well-formed event date not after today (a bad row must not skip ahead)."""
    newest: date | None = None
    for row in rows:
        text = str(row.get("event_date") or row.get("date_start") or "")[:10]
        try:
            day = date.fromisoformat(text)
        except ValueError:
            continue
        if day <= today and (newest is None or day > newest):
            newest = day
    return newest.isoformat() if newest else None


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    tmp.replace(path)


@dataclass(frozen=True)
class CountryFetch:
    """The pages fetched for one country: its query, dates and rows (not yet imported)."""

    country: str
    from_date: str | None
    to_date: str | None
    pages: int
    pages_reused: int
    rows: int
    query: str = field(repr=False, default="")
    state_key: str = field(repr=False, default="")
    fetched: tuple[dict[str, Any], ...] = field(repr=False, default=())

    def to_dict(self) -> dict[str, Any]:
        keys = ("country", "from_date", "to_date", "pages", "pages_reused", "rows")
        return {k: getattr(self, k) for k in keys}


def fetch_countries(ws: Workspace, country: str | Sequence[str] | None) -> list[str]:
    """The countries a fetch asks for: those named (``"MLI,BFA"`` or a list of codes, each
    once) or else every country of the workspace."""
    text = country if isinstance(country, str) or country is None else ",".join(country)
    codes = parse_country_codes(text) or list(ws.config.country_codes)
    if not codes:
        raise InputError(
            "no country given and the workspace has none; name one (ISO3 code)", field="country"
        )
    return codes


def fetch_events(
    ws: Workspace,
    source: str,
    fetcher: Fetcher,
    *,
    country: str | Sequence[str] | None = None,
    from_date: date | None = None,
    to_date: date | None = None,
    base_url: str | None = None,
    version: str = UCDP_VERSION,
    page_size: int | None = None,
    env: Mapping[str, str] | None = None,
    today: date | None = None,
    command: str = "",
    on_progress: OnProgress | None = None,
) -> FetchReport:
    """Fetch ``source`` (acled or ucdp) events of each country and import them all at once.

    ``country`` is one code, several (``"MLI,BFA"`` or a list) or None: every country of the
    workspace. Without ``from_date`` each country's fetch goes on from the last one of this
    source and country (or asks for everything the first time). Every page of every country
    is fetched before anything is imported, as one version; a country's pages are kept until
    then, so an interrupted fetch goes on where it stopped. ``command`` is the command line
    recorded with the import's version; ``on_progress`` hears of each page and of the
    import's stages.
    """
    src = source.strip().lower()
    if src not in ("acled", "ucdp"):
        raise InputError(f"unknown source {source!r} (use acled or ucdp)", field="source")
    if from_date and to_date and from_date > to_date:
        raise InputError(f"first date {from_date} is after last date {to_date}", field="from")
    codes = fetch_countries(ws, country)
    stamp = today or datetime.now(UTC).date()
    parts: list[CountryFetch] = []
    for iso3 in codes:
        parts.append(
            _fetch_country(
                ws, src, fetcher, iso3, from_date, to_date, base_url, version, page_size, env,
                stamp, on_progress, f"{iso3}: " if len(codes) > 1 else "",
            )
        )  # fmt: skip
    rows = [row for part in parts for row in part.fetched]
    out_file: Path | None = None
    report: ImportReport | None = None
    if rows:
        name = parts[0].query if len(parts) == 1 else f"{src}-{'-'.join(codes)}-{stamp}"
        out_file = ws.cache_dir / "fetch" / f"{name}.csv"
        _write_csv(out_file, rows)
        report = import_events(
            ws,
            out_file,
            src,
            accessed=stamp,
            version=f"GED {version} (API)" if src == "ucdp" else None,
            command=command,
            on_progress=on_progress,
        )
    for part in parts:
        shutil.rmtree(ws.cache_dir / "fetch" / part.query, ignore_errors=True)
        newest = _newest_date(list(part.fetched), stamp)
        if newest:
            entry = {"last_date": newest, "fetched_at": stamp.isoformat(), "rows": part.rows}
            _save_state(ws, part.state_key, entry)
    starts = [p.from_date for p in parts]
    return FetchReport(
        source=src,
        country=",".join(codes),
        from_date=None if None in starts else min(s for s in starts if s is not None),
        to_date=parts[0].to_date,
        pages=sum(p.pages for p in parts),
        pages_reused=sum(p.pages_reused for p in parts),
        rows=len(rows),
        file=str(out_file) if out_file else None,
        imported=report,
        countries=[p.to_dict() for p in parts],
    )


def _fetch_country(
    ws: Workspace,
    src: str,
    fetcher: Fetcher,
    iso3: str,
    from_date: date | None,
    to_date: date | None,
    base_url: str | None,
    version: str,
    page_size: int | None,
    env: Mapping[str, str] | None,
    stamp: date,
    on_progress: OnProgress | None,
    label: str,
) -> CountryFetch:
    """Every page of one country (kept in its query's folder until the import)."""
    key = f"{src}:{iso3}"
    if from_date is None:
        last = fetch_state(ws).get(key, {}).get("last_date")
        from_date = date.fromisoformat(last) if isinstance(last, str) else None
        if from_date and to_date and from_date > to_date:
            raise InputError(f"first date {from_date} is after last date {to_date}", field="from")

    if src == "acled":
        api_key, email = acled_credentials(ws, env)
        name = _ACLED_NAMES.get(iso3) or (
            ws.config.country_name if iso3 == ws.config.country else ""
        )
        name = name or _country_name(ws, iso3)
        size = page_size or ACLED_PAGE_SIZE
        end = to_date or stamp
        params: dict[str, str | int] = {"key": api_key, "email": email, "country": name}
        if from_date:
            params |= {"event_date": f"{from_date}|{end}", "event_date_where": "BETWEEN"}
        base = base_url or ACLED_URL

        def url_of(page: int) -> str:
            return f"{base}?{urlencode({**params, 'limit': size, 'page': page}, safe='|')}"

        def more(body: Any, page: int, n: int) -> bool:
            return n >= size

        rows_of, first_page, label_to = _acled_rows, 1, str(end)
    else:
        gw = GW_CODES.get(iso3)
        if gw is None:
            known = ", ".join(sorted(GW_CODES))
            raise InputError(
                f"no UCDP country number known for {iso3} (known: {known})", field="country"
            )
        size = page_size or UCDP_PAGE_SIZE
        uparams: dict[str, str | int] = {"Country": gw}
        if from_date:
            uparams["StartDate"] = from_date.isoformat()
        if to_date:
            uparams["EndDate"] = to_date.isoformat()
        base = f"{(base_url or UCDP_URL).rstrip('/')}/{version}"

        def url_of(page: int) -> str:
            return f"{base}?{urlencode({'pagesize': size, 'page': page, **uparams})}"

        def more(body: Any, page: int, n: int) -> bool:
            total = body.get("TotalPages") if isinstance(body, dict) else None
            if isinstance(total, int):
                return page + 1 < total
            return bool(body.get("NextPageUrl")) and n > 0

        rows_of, first_page, label_to = _ucdp_rows, 0, str(to_date) if to_date else ""

    query = f"{src}-{iso3}-{from_date or 'all'}-to-{label_to or 'latest'}"
    if src == "ucdp":
        query += f"-ged{version}"
    folder = ws.cache_dir / "fetch" / query
    rows: list[dict[str, Any]] = []
    pages = reused = 0
    for page_rows, was_saved in _pages(folder, fetcher, url_of, rows_of, more, first_page):
        rows.extend(page_rows)
        pages += 1
        reused += int(was_saved)
        report_progress(
            on_progress, f"{label}fetched page {pages} ({len(rows):,} events)", pages, 0
        )
    return CountryFetch(
        country=iso3,
        from_date=from_date.isoformat() if from_date else None,
        to_date=label_to or None,
        pages=pages,
        pages_reused=reused,
        rows=len(rows),
        query=query,
        state_key=key,
        fetched=tuple(rows),
    )


def _country_name(ws: Workspace, iso3: str) -> str:
    entry = next((e for e in ws.config.country_entries() if e.iso3 == iso3), None)
    return entry.name if entry is not None else country_profile(iso3).name
