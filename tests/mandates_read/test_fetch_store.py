"""Fetching by symbol from a local document server, the workspace store, and the CLI."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.demo.mandate_texts import MODERN_RENEWALS, modern_resolution_text
from peaceops.errors import InputError, NotFoundError, OfflineError
from peaceops.mandates.fetch import fetch_resolution, undocs_url
from peaceops.mandates.reader import read_text
from peaceops.mandates.serialize import (
    resolution_from_dict,
    resolution_json_schema,
    resolution_to_dict,
)
from peaceops.mandates.store import (
    delete_resolution,
    list_resolutions,
    load_resolution,
    normalise_symbol,
    save_resolution,
)
from peaceops.workspace import Workspace

runner = CliRunner()


class _Server:
    def __init__(self, documents: dict[str, bytes]) -> None:
        self.documents = documents
        self.requests: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlparse(self.path)
                query = parse_qs(url.query)
                outer.requests.append(self.path)
                body = outer.documents.get(query.get("s", [""])[0])
                if url.path != "/api/symbol/access" or query.get("l") != ["en"] or body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/symbol/access"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(modern_pdf: bytes, blank_pdf: bytes) -> Iterator[_Server]:
    srv = _Server({"S/RES/9103(2020)": modern_pdf, "S/RES/9999(2020)": blank_pdf})
    yield srv
    srv.stop()


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/symbol/access"


def test_symbols_and_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    assert normalise_symbol("s/res/2531(2020)") == "S/RES/2531 (2020)"
    assert normalise_symbol(" S/RES/2531 (2020) ") == "S/RES/2531 (2020)"
    with pytest.raises(InputError, match="not a resolution symbol"):
        normalise_symbol("A/RES/75/1")
    monkeypatch.delenv("PEACEOPS_UNDOCS_URL", raising=False)
    assert undocs_url("S/RES/2531 (2020)") == (
        "https://documents.un.org/api/symbol/access?s=S/RES/2531(2020)&l=en&t=pdf"
    )
    monkeypatch.setenv("PEACEOPS_UNDOCS_URL", "http://mirror.example/x")
    assert undocs_url("S/RES/2531 (2020)").startswith("http://mirror.example/x?s=")


def test_fetch_parse_store_then_cache_works_offline(workspace: Workspace, server: _Server) -> None:
    got = fetch_resolution(workspace, "S/RES/9103 (2020)", base_url=server.base)
    assert not got.from_cache and got.path.is_file()
    assert got.resolution.symbol == "S/RES/9103 (2020)"
    assert got.resolution.missions == ("MINUSMA",)
    assert len(server.requests) == 1
    stored = load_resolution(workspace, "9103 (2020)")
    assert [p.id for p in stored.operative] == [p.id for p in got.resolution.operative]
    record = workspace.datasets("resolution")[-1]
    assert record.source == got.url and len(record.sha256) == 64
    assert "S/RES/9103 (2020)" in record.citation
    server.stop()
    again = fetch_resolution(workspace, "S/RES/9103(2020)", base_url=server.base, retries=0)
    assert again.from_cache
    assert again.resolution.operative == got.resolution.operative


def test_fetch_errors(workspace: Workspace, server: _Server) -> None:
    with pytest.raises(NotFoundError, match="HTTP 404"):
        fetch_resolution(workspace, "S/RES/1 (1946)", base_url=server.base, retries=0)
    with pytest.raises(InputError, match="no text layer"):
        fetch_resolution(workspace, "S/RES/9999 (2020)", base_url=server.base, retries=0)
    with pytest.raises(OfflineError, match="cannot fetch"):
        fetch_resolution(
            workspace, "S/RES/2 (1946)", base_url=_closed_port_url(), retries=0, timeout=2
        )
    assert list_resolutions(workspace) == []


def test_store_orders_by_date_filters_by_mission_and_replaces(workspace: Workspace) -> None:
    for key in reversed(MODERN_RENEWALS):
        save_resolution(workspace, read_text(modern_resolution_text(key), f"{key}.txt"))
    other = read_text(
        "Resolution 9000 (2017)\nof 1 March 2017\n\nThe Security Council,\n\n"
        "Recalling its resolutions,\n\n1. Decides to extend the mandate of UNIFIL;\n",
        "unifil.txt",
    )
    save_resolution(workspace, other)
    symbols = [r.symbol for r in list_resolutions(workspace)]
    assert symbols == [
        "S/RES/9000 (2017)",
        "S/RES/9101 (2018)",
        "S/RES/9102 (2019)",
        "S/RES/9103 (2020)",
    ]
    assert [r.number for r in list_resolutions(workspace, "minusma")] == [9101, 9102, 9103]
    assert [r.symbol for r in list_resolutions(workspace, "UNIFIL")] == ["S/RES/9000 (2017)"]
    save_resolution(workspace, other)
    assert len(list_resolutions(workspace)) == 4
    loaded = load_resolution(workspace, "S/RES/9102 (2019)")
    original = read_text(modern_resolution_text("minusma-like-2019"), "minusma-like-2019.txt")
    assert loaded == original
    with pytest.raises(NotFoundError, match="not in this workspace"):
        load_resolution(workspace, "S/RES/4 (1946)")
    assert delete_resolution(workspace, "S/RES/9000 (2017)")
    assert not delete_resolution(workspace, "S/RES/9000 (2017)")
    assert list_resolutions(workspace, "UNIFIL") == []


def test_json_export_matches_schema_and_round_trips() -> None:
    res = read_text(modern_resolution_text("minusma-like-2020"), "r.txt")
    data = json.loads(json.dumps(resolution_to_dict(res)))
    schema = resolution_json_schema()
    assert set(schema["required"]) <= set(data)
    para_required = schema["properties"]["operative"]["items"]["required"]
    assert all(set(para_required) <= set(p) for p in data["operative"])
    tiers = set(schema["properties"]["operative"]["items"]["properties"]["tier"]["enum"])
    assert {p["tier"] for p in data["operative"]} <= tiers
    assert data["tasks"] and set(data["tasks"][0]) >= {"task", "modality", "paragraphs", "evidence"}
    assert resolution_from_dict(data) == res


def test_cli_read_save_list_and_symbol(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "r2019.txt"
    path.write_text(modern_resolution_text("minusma-like-2019"))
    ws = str(workspace.root)
    result = runner.invoke(app, ["mandates", "read", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["symbol"] == "S/RES/9102 (2019)" and data["date"] == "2019-06-27"
    assert [p["id"] for p in data["operative"]][:6] == ["1", "2", "3", "4", "4a", "4a(i)"]
    result = runner.invoke(app, ["mandates", "read", str(path), "--save", "-w", ws])
    assert result.exit_code == 0 and "Saved S/RES/9102 (2019)" in result.output
    result = runner.invoke(app, ["mandates", "list", "-w", ws, "--format", "json"])
    assert json.loads(result.output)[0]["symbol"] == "S/RES/9102 (2019)"
    result = runner.invoke(app, ["mandates", "read", "S/RES/9102 (2019)", "-w", ws])
    assert result.exit_code == 0 and "Missions: MINUSMA" in result.output
    result = runner.invoke(
        app, ["mandates", "read", "S/RES/9102 (2019)", "-w", ws, "--format", "json"]
    )
    tiers = {p["id"]: p["tier"] for p in json.loads(result.output)["operative"]}
    assert tiers["3"] == "strategic_priority_second" and tiers["4b(i)"] == "priority_task"
    result = runner.invoke(app, ["mandates", "read", "S/RES/5 (1946)", "-w", ws])
    assert result.exit_code == 1 and "not in this workspace" in result.output


def test_cli_fetch_uses_env_url(
    workspace: Workspace, server: _Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEACEOPS_UNDOCS_URL", server.base)
    result = runner.invoke(
        app, ["mandates", "fetch", "S/RES/9103 (2020)", "-w", str(workspace.root)]
    )
    assert result.exit_code == 0, result.output
    assert "S/RES/9103 (2020): 8 operative paragraphs, missions MINUSMA" in result.output
    result = runner.invoke(app, ["mandates", "fetch", "S/RES/3 (1946)", "-w", str(workspace.root)])
    assert result.exit_code == 1 and "HTTP 404" in result.output


def test_cli_check_reports_failures_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(modern_resolution_text("minusma-like-2018"))
    (tmp_path / "gap.txt").write_text(
        "Resolution 9001 (2001)\n\nThe Security Council,\n\nNoting the report,\n\n"
        "1. Decides to act;\n\n2. Requests a report;\n\n4. Decides to remain seized;\n\n"
        "5. Urges the parties;\n"
    )
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["mandates", "check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["total"], data["ok"]) == (3, 1)
    reasons = {f["source"]: f["reason"] for f in data["failures"]}
    assert "paragraph(s) [3] not found" in reasons["gap.txt"]
    assert "empty" in reasons["empty.txt"]


def test_cli_examples_write_readable_labelled_texts(tmp_path: Path) -> None:
    result = runner.invoke(app, ["mandates", "examples", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "not official documents" in result.output
    files = sorted(tmp_path.glob("*.txt"))
    assert [f.stem for f in files] == list(MODERN_RENEWALS)
    for f in files:
        text = f.read_text()
        assert "not an official United Nations document" in text
        assert read_text(text, f.name).missions == ("MINUSMA",)


def test_cli_read_names_a_project_written_text_on_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "r2020.txt"
    path.write_text(modern_resolution_text("minusma-like-2020"))
    result = runner.invoke(app, ["mandates", "read", str(path)])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("S/RES/9103 (2020) (ILLUSTRATIVE - not an official United Nations")
    # The text gives its (fictional) adoption date but no invented meeting number.
    assert "adopted 29 June 2020" in first and "meeting" not in first
    data = json.loads(runner.invoke(app, ["mandates", "read", str(path), "-f", "json"]).output)
    assert data["meeting"] is None and data["heading"].endswith("United Nations document)")
