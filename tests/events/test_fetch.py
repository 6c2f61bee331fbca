"""``events fetch`` against a local HTTP server that answers like the ACLED and UCDP APIs.

The pages are written here: ACLED rows come from the project's synthetic generator, UCDP rows
are a handful written from the GED codebook's column names. Nothing is copied from real data.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.demo.synthetic import generate_events
from peaceops.demo.synthetic_sahel import generate_sahel_events
from peaceops.errors import InputError, OfflineError
from peaceops.events.fetch import api_headers, fetch_events, fetch_state
from peaceops.events.info import events_info
from peaceops.events.versions import history
from peaceops.net import HttpFetcher, shown_url
from peaceops.workspace import Workspace

ENV = {"ACLED_API_KEY": "k-secret-123", "ACLED_EMAIL": "analyst@example.org"}
TODAY = date(2024, 12, 31)


def _acled_rows(n: int, seed: int) -> list[dict[str, str]]:
    """Synthetic ACLED events of 2024 as the API gives them (every value a string)."""
    frame = generate_events(n, seed, first_year=2024, last_year=2024)
    return [{k: "" if v is None else str(v) for k, v in r.items()} for r in frame.to_dicts()]


UCDP_ROWS: list[dict[str, Any]] = [
    {"id": 9001, "type_of_violence": 1, "side_a": "Government of Mali", "side_b": "JNIM",
     "adm_1": "Mopti region", "adm_2": "Douentza cercle", "latitude": 15.03, "longitude": -2.03,
     "where_coordinates": "Boni village", "country": "Mali", "date_start": "2024-02-03T00:00:00",
     "date_end": "2024-02-03T00:00:00", "deaths_civilians": 1, "best": 6, "low": 5, "high": 8},
    {"id": 9002, "type_of_violence": 2, "side_a": "MSA", "side_b": "IS Sahel",
     "adm_1": "Menaka region", "adm_2": None, "latitude": 15.9, "longitude": 2.4,
     "where_coordinates": "Inekar", "country": "Mali", "date_start": "2024-03-10T00:00:00",
     "date_end": "2024-03-11T00:00:00", "deaths_civilians": 0, "best": 11, "low": 9, "high": 15},
    {"id": 9003, "type_of_violence": 3, "side_a": "IS Sahel", "side_b": "Civilians",
     "adm_1": "Gao region", "adm_2": "Ansongo cercle", "latitude": 15.66, "longitude": 0.5,
     "where_coordinates": "Ansongo town", "country": "Mali", "date_start": "2024-04-21T00:00:00",
     "date_end": "2024-04-21T00:00:00", "deaths_civilians": 4, "best": 4, "low": 4, "high": 4},
]  # fmt: skip


@dataclass
class Api:
    """What the local server answers; tests change it between fetches."""

    acled: list[dict[str, str]] = field(default_factory=list)
    ucdp: list[dict[str, Any]] = field(default_factory=list)
    fail_pages: set[int] = field(default_factory=set)  # answer 500 for these pages
    limit_once: set[int] = field(default_factory=set)  # answer 429 once for these pages
    requests: list[dict[str, str]] = field(default_factory=list)
    tokens: list[str | None] = field(default_factory=list)  # UCDP access token of each request

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        self.requests.append({"path": path, **query})
        page = int(query.get("page", "0"))
        if page in self.limit_once:
            self.limit_once.discard(page)
            return 429, {"Retry-After": "0"}, b'{"message": "too many requests"}'
        if page in self.fail_pages:
            return 500, {}, b"internal error"
        if path == "/acled/read":
            if query.get("key") != ENV["ACLED_API_KEY"]:
                return 200, {}, json.dumps({"success": False, "error": "bad key"}).encode()
            rows = [
                r
                for r in self.acled
                if _in_range(r["event_date"], query.get("event_date"))
                and r.get("country", query["country"]) == query["country"]
            ]
            size = int(query["limit"])
            chunk = rows[(page - 1) * size : page * size]
            return (
                200,
                {},
                json.dumps({"success": True, "count": len(chunk), "data": chunk}).encode(),
            )
        if path.startswith("/ucdp/"):
            start = query.get("StartDate", "0000-00-00")
            rows = [r for r in self.ucdp if r["date_start"][:10] >= start]
            size = int(query["pagesize"])
            pages = max(1, -(-len(rows) // size))
            paged = {
                "TotalCount": len(rows),
                "TotalPages": pages,
                "PreviousPageUrl": "",
                "NextPageUrl": "next" if page + 1 < pages else "",
                "Result": rows[page * size : (page + 1) * size],
            }
            return 200, {}, json.dumps(paged).encode()
        return 404, {}, b"not found"


def _in_range(day: str, between: str | None) -> bool:
    if not between:
        return True
    first, last = between.split("|")
    return first <= day[:10] <= last


@pytest.fixture
def api() -> Iterator[tuple[Api, str]]:
    state = Api()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            state.tokens.append(self.headers.get("x-ucdp-access-token"))
            status, headers, body = state.answer(parts.path, query)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _fetcher() -> HttpFetcher:
    return HttpFetcher(None, timeout=5, retries=2, backoff=0)


def _acled(ws: Workspace, base: str, **kw: Any) -> Any:
    return fetch_events(
        ws, "acled", _fetcher(), base_url=f"{base}/acled/read", env=ENV, today=TODAY, **kw
    )


def test_acled_pages_are_all_fetched_then_imported(
    workspace: Workspace, api: tuple[Api, str]
) -> None:
    state, base = api
    state.acled = _acled_rows(25, seed=3)
    heard: list[tuple[str, int, int]] = []
    report = _acled(workspace, base, page_size=10, on_progress=lambda *a: heard.append(a))
    assert (report.pages, report.rows) == (3, 25)
    # each page as it comes (how many is not known beforehand), then the import's stages
    assert heard[:3] == [
        (f"fetched page {n} ({r} events)", n, 0) for n, r in ((1, 10), (2, 20), (3, 25))
    ]
    assert heard[-1] == ("imported", 4, 4)
    assert [r["page"] for r in state.requests] == ["1", "2", "3"]
    first = state.requests[0]
    assert first["country"] == "Mali" and first["email"] == ENV["ACLED_EMAIL"]
    assert "event_date" not in first  # the first fetch asks for everything
    assert report.imported is not None
    assert (report.imported.accepted, report.imported.inserted) == (25, 25)
    info = events_info(workspace)
    assert info["events"] == 25 and info["by_source"] == {"acled": 25}
    dataset = workspace.datasets("events")[-1]
    assert dataset.source == "ACLED" and dataset.file_name.startswith("acled-MLI-all")
    assert dataset.accessed == TODAY and dataset.rows_accepted == 25
    # the credentials stay out of what is stored
    assert ENV["ACLED_API_KEY"] not in json.dumps(report.to_dict())
    # an exact multiple of the page size ends on an empty page
    state.requests.clear()
    again = _acled(workspace, base, page_size=5, from_date=date(2024, 1, 1))
    assert again.pages == 6 and again.imported is not None
    assert again.imported.unchanged == 25 and again.imported.inserted == 0


def test_rate_limit_answer_is_waited_out(workspace: Workspace, api: tuple[Api, str]) -> None:
    state, base = api
    state.acled = _acled_rows(12, seed=4)
    state.limit_once = {2}
    report = _acled(workspace, base, page_size=10)
    assert [r["page"] for r in state.requests] == ["1", "2", "2"]
    assert report.rows == 12 and events_info(workspace)["events"] == 12


def test_rate_limit_longer_than_allowed_is_refused_at_once(api: tuple[Api, str]) -> None:
    state, base = api
    state.limit_once = {1}
    original = state.answer

    def slow(path: str, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        status, headers, body = original(path, query)
        return status, ({"Retry-After": "3600"} if status == 429 else headers), body

    state.answer = slow  # type: ignore[method-assign]
    with pytest.raises(OfflineError, match="wait 3600 s"):
        HttpFetcher(None, retries=3, max_wait=5).fetch(f"{base}/acled/read?page=1&limit=1")
    assert len(state.requests) == 1


def test_failed_page_stores_nothing_and_the_rerun_goes_on_from_it(
    workspace: Workspace, api: tuple[Api, str]
) -> None:
    state, base = api
    state.acled = _acled_rows(30, seed=5)
    _acled(workspace, base, page_size=10, to_date=date(2024, 6, 30))
    before = events_info(workspace)
    datasets = len(workspace.datasets("events"))
    state_before = fetch_state(workspace)
    state.requests.clear()
    state.fail_pages = {2}
    with pytest.raises(OfflineError) as err:
        _acled(workspace, base, page_size=10, from_date=date(2024, 1, 1))
    assert "HTTP 500" in str(err.value) and ENV["ACLED_API_KEY"] not in str(err.value)
    assert events_info(workspace) == before
    assert len(workspace.datasets("events")) == datasets
    assert fetch_state(workspace) == state_before
    assert [r["page"] for r in state.requests] == ["1", "2", "2", "2"]
    # the server recovers: page 1 is not asked again
    state.fail_pages.clear()
    state.requests.clear()
    report = _acled(workspace, base, page_size=10, from_date=date(2024, 1, 1))
    assert [r["page"] for r in state.requests] == ["2", "3", "4"]
    assert (report.pages, report.pages_reused, report.rows) == (4, 1, 30)
    assert events_info(workspace)["events"] == 30
    assert not any((workspace.cache_dir / "fetch").glob("*/page-*.json"))


def test_next_fetch_asks_from_the_last_date(workspace: Workspace, api: tuple[Api, str]) -> None:
    state, base = api
    rows = _acled_rows(20, seed=6)
    state.acled = [r for r in rows if r["event_date"] <= "2024-08-31"]
    first = _acled(workspace, base, page_size=50)
    last = max(r["event_date"] for r in state.acled)
    assert fetch_state(workspace)["acled:MLI"]["last_date"] == last
    state.acled = rows  # the source has published later events since
    state.requests.clear()
    second = _acled(workspace, base, page_size=50)
    assert state.requests[0]["event_date"] == f"{last}|{TODAY}"
    assert second.from_date == last
    assert second.imported is not None
    assert second.imported.inserted == len(rows) - first.rows
    assert events_info(workspace)["events"] == len(rows)


def test_ucdp_pages_and_resume(workspace: Workspace, api: tuple[Api, str]) -> None:
    state, base = api
    state.ucdp = UCDP_ROWS[:2]
    report = fetch_events(
        workspace, "ucdp", _fetcher(), base_url=f"{base}/ucdp", page_size=1, today=TODAY
    )
    assert [(r["path"], r["page"]) for r in state.requests] == [
        ("/ucdp/25.1", "0"),
        ("/ucdp/25.1", "1"),
    ]
    assert state.requests[0]["Country"] == "432" and "StartDate" not in state.requests[0]
    assert report.imported is not None and report.imported.accepted == 2
    assert workspace.datasets("events")[-1].version == "GED 25.1 (API)"
    state.ucdp = UCDP_ROWS
    state.requests.clear()
    fetch_events(workspace, "ucdp", _fetcher(), base_url=f"{base}/ucdp", page_size=5)
    assert state.requests[0]["StartDate"] == "2024-03-10"
    info = events_info(workspace)
    assert info["by_source"] == {"ucdp": 3}
    assert state.tokens == [None, None, None]


def test_ucdp_access_token_is_sent(workspace: Workspace, api: tuple[Api, str]) -> None:
    state, base = api
    state.ucdp = UCDP_ROWS[:1]
    assert api_headers(workspace, "ucdp", {}) == {}
    assert api_headers(workspace, "acled", {"UCDP_ACCESS_TOKEN": "t"}) == {}
    headers = api_headers(workspace, "ucdp", {"UCDP_ACCESS_TOKEN": "t-42"})
    fetcher = HttpFetcher(None, retries=0, headers=headers)
    fetch_events(workspace, "ucdp", fetcher, base_url=f"{base}/ucdp", today=TODAY)
    assert state.tokens == ["t-42"]


def test_offline_is_one_line(workspace: Workspace, tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on: connection refused
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(OfflineError) as err:
        _acled(workspace, f"http://127.0.0.1:{port}")
    message = str(err.value)
    assert "cannot fetch" in message and "\n" not in message
    assert ENV["ACLED_API_KEY"] not in message and "key=***" in message
    assert events_info(workspace)["events"] == 0


def test_missing_acled_key(workspace: Workspace, api: tuple[Api, str]) -> None:
    state, base = api
    with pytest.raises(InputError, match="ACLED_API_KEY") as err:
        fetch_events(workspace, "acled", _fetcher(), base_url=base, env={})
    assert "an API key and the account's e-mail" in str(err.value)
    assert state.requests == []  # refused before reaching the network
    # the workspace's peaceops.yaml may hold them instead
    workspace.save_config(
        workspace.config.model_copy(update={"acled_key": "k-secret-123", "acled_email": "a@b.c"})
    )
    state.acled = _acled_rows(3, seed=7)
    report = fetch_events(workspace, "acled", _fetcher(), base_url=f"{base}/acled/read", env={})
    assert report.rows == 3 and state.requests[0]["email"] == "a@b.c"


def test_cli_fetch(tmp_path: Path, api: tuple[Api, str], monkeypatch: pytest.MonkeyPatch) -> None:
    state, base = api
    state.acled = _acled_rows(8, seed=8)
    runner = CliRunner()
    ws = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(ws), "--country", "MLI"]).exit_code == 0
    args = [
        "events",
        "fetch",
        "--source",
        "acled",
        "--api-url",
        f"{base}/acled/read",
        "-w",
        str(ws),
    ]
    monkeypatch.delenv("ACLED_API_KEY", raising=False)
    monkeypatch.delenv("ACLED_EMAIL", raising=False)
    missing = runner.invoke(app, args)
    assert missing.exit_code == 1 and len(missing.stderr.strip().splitlines()) == 1
    assert "ACLED_API_KEY" in missing.stderr and "Traceback" not in missing.output
    for k, v in ENV.items():
        monkeypatch.setenv(k, v)
    done = runner.invoke(app, [*args, "--format", "json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert data["rows"] == 8 and data["imported"]["inserted"] == 8
    last = max(r["event_date"] for r in state.acled)
    table = runner.invoke(app, args)  # goes on from the last event's day
    assert table.exit_code == 0
    assert f"Fetched 1 acled events for MLI from {last}: 1 page(s)" in table.stdout
    assert "unchanged       │     1" in table.stdout
    as_csv = runner.invoke(app, [*args, "-f", "csv"])  # the same figures, as one CSV table
    assert as_csv.exit_code == 0, as_csv.output
    items = dict(csv.reader(io.StringIO(as_csv.stdout)))
    assert items["item"] == "value" and items["rows"] == "1" and items["unchanged"] == "1"
    state.fail_pages = {1}
    failed = runner.invoke(app, [*args, "--from", "2024-01-01"])
    assert failed.exit_code == 1 and len(failed.stderr.strip().splitlines()) == 1
    assert "k-secret-123" not in failed.stderr


def _sahel_rows(per_country: dict[str, int]) -> list[dict[str, str]]:
    """Synthetic ACLED rows of Mali, Burkina Faso and Niger, as many a country as asked."""
    frame = generate_sahel_events(max(per_country.values()), 4)
    rows = [{k: "" if v is None else str(v) for k, v in r.items()} for r in frame.to_dicts()]
    out: list[dict[str, str]] = []
    for name, n in per_country.items():
        out += [r for r in rows if r["country"] == name][:n]
    return out


def test_every_country_of_the_workspace_in_one_version(
    tmp_path: Path, api: tuple[Api, str]
) -> None:
    state, base = api
    ws = Workspace.create(tmp_path / "sahel", country="MLI,BFA,NER")
    counts = {"Mali": 12, "Burkina Faso": 7, "Niger": 3}
    state.acled = _sahel_rows(counts)
    versions = len(history(ws))
    report = _acled(ws, base, page_size=10)
    asked = [(r["country"], r["page"]) for r in state.requests]
    assert asked == [("Mali", "1"), ("Mali", "2"), ("Burkina Faso", "1"), ("Niger", "1")]
    assert (report.country, report.rows, report.pages) == ("MLI,BFA,NER", 22, 4)
    assert [(c["country"], c["rows"], c["pages"]) for c in report.countries] == [
        ("MLI", 12, 2),
        ("BFA", 7, 1),
        ("NER", 3, 1),
    ]
    assert report.imported is not None and report.imported.inserted == 22
    assert len(history(ws)) == versions + 1  # one import, one version
    assert events_info(ws)["events"] == 22
    state_now = fetch_state(ws)
    for iso3, name in (("MLI", "Mali"), ("BFA", "Burkina Faso"), ("NER", "Niger")):
        newest = max(r["event_date"] for r in state.acled if r["country"] == name)
        assert state_now[f"acled:{iso3}"]["last_date"] == newest
    # named countries only, repeated or comma-separated
    state.requests.clear()
    _acled(ws, base, page_size=10, country=["NER", "bfa"])
    assert [r["country"] for r in state.requests] == ["Niger", "Burkina Faso"]
    state.requests.clear()
    _acled(ws, base, page_size=10, country="BFA,NER,BFA")
    assert [r["country"] for r in state.requests] == ["Burkina Faso", "Niger"]


def test_an_interrupted_fetch_of_several_countries_goes_on_per_country(
    tmp_path: Path, api: tuple[Api, str]
) -> None:
    state, base = api
    ws = Workspace.create(tmp_path / "sahel", country="MLI,BFA,NER")
    state.acled = _sahel_rows({"Mali": 5, "Burkina Faso": 4, "Niger": 15})
    state.fail_pages = {2}  # only Niger has a second page
    with pytest.raises(OfflineError):
        _acled(ws, base, page_size=10)
    assert events_info(ws)["events"] == 0 and fetch_state(ws) == {}
    state.fail_pages.clear()
    state.requests.clear()
    report = _acled(ws, base, page_size=10)
    # Mali's and Burkina's pages and Niger's first page were kept
    assert [(r["country"], r["page"]) for r in state.requests] == [("Niger", "2")]
    assert [(c["country"], c["pages_reused"]) for c in report.countries] == [
        ("MLI", 1),
        ("BFA", 1),
        ("NER", 1),
    ]
    assert events_info(ws)["events"] == 24


def test_cli_fetch_several_countries(
    tmp_path: Path, api: tuple[Api, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    state, base = api
    state.acled = _sahel_rows({"Mali": 2, "Burkina Faso": 3, "Niger": 4})
    for k, v in ENV.items():
        monkeypatch.setenv(k, v)
    runner = CliRunner()
    ws = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(ws), "--country", "MLI,BFA,NER"]).exit_code == 0
    args = ["events", "fetch", "--source", "acled", "--api-url", f"{base}/acled/read"]
    two = ["--country", "BFA", "--country", "NER"]
    done = runner.invoke(app, [*args, *two, "-w", str(ws), "-f", "json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)  # one object
    assert (data["country"], data["rows"], data["imported"]["inserted"]) == ("BFA,NER", 7, 7)
    assert [(c["country"], c["rows"]) for c in data["countries"]] == [("BFA", 3), ("NER", 4)]
    table = runner.invoke(app, [*args, "-w", str(ws)])
    assert table.exit_code == 0, table.output
    assert "Fetched 2 acled events for MLI from the start: 1 page(s)" in table.stdout
    newest = max(r["event_date"] for r in state.acled if r["country"] == "Niger")
    assert f"acled events for NER from {newest}: 1 page(s)" in table.stdout
    bad = runner.invoke(app, [*args, "--country", "ML", "-w", str(ws)])
    assert bad.exit_code != 0 and "Traceback" not in bad.output


def test_credentials_are_masked_in_shown_urls() -> None:
    url = "https://api.example.org/read?key=abc&email=a%40b.c&country=Mali&page=2"
    shown = shown_url(url)
    assert "abc" not in shown and "a%40b.c" not in shown and "a@b.c" not in shown
    assert "country=Mali" in shown and "page=2" in shown
