"""The dashboard while a writer works: readers keep answering (WAL); a request that must
write while another connection holds the database gets 503 with Retry-After, never 500; and
``serve --as-of`` shows the events as stored on a date."""

from __future__ import annotations

import shutil
import sqlite3
import warnings
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import update

from peaceops import workspace as workspace_module
from peaceops.events.importer import import_events
from peaceops.events.versions import versions_table
from peaceops.web.app import create_app
from peaceops.workspace import Workspace

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient


@pytest.fixture
def own(tmp_path: Path, small_ws: Path) -> Iterator[tuple[TestClient, Path]]:
    shutil.copytree(small_ws, tmp_path / "ws")
    with TestClient(create_app(tmp_path / "ws")) as c:
        yield c, tmp_path / "ws"


def _hold_write(root: Path) -> sqlite3.Connection:
    """Another process-like connection in the middle of a write transaction."""
    con = sqlite3.connect(root / "peaceops.db", isolation_level=None, timeout=0.1)
    con.execute("BEGIN IMMEDIATE")
    con.execute("CREATE TABLE busy_probe (x INTEGER)")
    return con


_FORM = {
    "indicator_id": "I2",
    "value": "23",
    "date": "2019-06-30",
    "source": "Mission reporting",
    "note": "",
    "entered_by": "Analyst A",
}


def test_pages_answer_while_a_writer_holds_the_database(own) -> None:  # type: ignore[no-untyped-def]
    client, root = own
    writer = _hold_write(root)
    try:
        for path in ("/", "/api/overview", "/framework", "/api/framework/status", "/context"):
            assert client.get(path).status_code == 200, path
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_write_that_cannot_get_the_database_gets_503(  # type: ignore[no-untyped-def]
    own, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, root = own
    monkeypatch.setattr(workspace_module, "BUSY_TIMEOUT_MS", 200)
    writer = _hold_write(root)
    try:
        r = client.post("/framework/observe", data=_FORM, follow_redirects=False)
        assert r.status_code == 503
        assert r.headers["retry-after"] == "5"
        assert "nothing was changed" in r.text and "Try again" in r.text
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    r = client.post("/framework/observe", data=_FORM, follow_redirects=False)
    assert r.status_code == 303


def test_serve_as_of_shows_the_events_stored_then(tmp_path: Path, shared_data: Path) -> None:
    import csv

    src = shared_data / "acled_mali_smose94" / "Processed_Acled_Mali.csv"
    with src.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows, fields = list(reader), list(reader.fieldnames or [])
    ws = Workspace.create(tmp_path / "ws", country="MLI")
    early = [r for r in rows if r["year"] < "2016"]
    for name, part in (("early.csv", early), ("all.csv", rows)):
        with (tmp_path / name).open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=fields)
            w.writeheader()
            w.writerows(part)
        import_events(ws, tmp_path / name)
    with ws.transaction() as conn:
        conn.execute(
            update(versions_table)
            .where(versions_table.c.id == 1)
            .values(created_at=datetime.combine(date(2026, 1, 10), time(9)))
        )
    with TestClient(create_app(ws.root, events_as_of=date(2026, 1, 31))) as c:
        then = c.get("/api/overview").json()["context"]
        page = c.get("/").text
    with TestClient(create_app(ws.root)) as c:
        now = c.get("/api/overview").json()["context"]
    assert now["events"] == len(rows)
    assert then["events"] == len(early)
    assert "Events as of a date." in page and "version 1" in page
