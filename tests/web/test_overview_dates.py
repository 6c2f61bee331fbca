"""The overview's cards each say which date their figures are for, and why."""

from __future__ import annotations

import csv
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from peaceops.demo.agreement import EXAMPLE_STATUS
from peaceops.demo.agreement import load_example as load_agreement
from peaceops.demo.framework import load_example as load_framework
from peaceops.demo.strategy import load_example as load_strategy
from peaceops.examples import example_path
from peaceops.web.app import create_app
from peaceops.workspace import Workspace

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    ws = Workspace.create(tmp_path / "ws", country="MLI")
    load_agreement(ws)
    load_framework(ws)
    load_strategy(ws)
    ws.close()
    with TestClient(create_app(tmp_path / "ws")) as c:
        yield c


def test_each_card_names_its_date_and_why(client: TestClient) -> None:
    html = client.get("/").text
    today = date.today().isoformat()
    with example_path(EXAMPLE_STATUS).open(encoding="utf-8") as fh:
        latest = max(date.fromisoformat(r["date"]) for r in csv.DictReader(fh))
    assert (
        f"as of {today} (today: each provision at its latest status entry, the latest dated "
        f"{latest})" in html
    )
    assert "(the date of its latest data):" in html
    assert f"as of {today} (today: each assumption at its latest judgement)" in html
    data = client.get("/api/overview").json()
    assert data["agreement"]["latest_entry"] == latest.isoformat()
