"""Date filters are clamped to the years the events span: no value builds millions of empty
periods or crashes (real Mali events, 1997-2020)."""

from __future__ import annotations

import json
import time
import warnings
from datetime import date
from pathlib import Path

import pytest
from acled_files import ACLED
from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.events.analysis import series
from peaceops.events.filters import clamp_to_data
from peaceops.events.importer import import_events
from peaceops.workspace import Workspace

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def mali(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Workspace:
    ws = Workspace.create(tmp_path_factory.mktemp("range") / "ws", country="MLI")
    import_events(ws, shared_data / ACLED)
    return ws


def test_extreme_dates_are_clamped_to_the_data_years(mali: Workspace) -> None:
    assert clamp_to_data(mali, date(1, 1, 1), date.max) == (date(1997, 1, 1), date(2020, 12, 31))
    assert clamp_to_data(mali, date(2019, 5, 1), None) == (date(2019, 5, 1), None)
    whole = series(mali, by="month", start=date(1, 1, 1), end=date.max)
    assert whole.height == (2020 - 1997 + 1) * 12
    assert whole.get_column("events").sum() == 4318
    # a period after the data: no periods, no error
    assert series(mali, by="month", start=date(2050, 1, 1), end=date(2090, 12, 31)).height == 0


def test_cli_and_web_take_the_widest_dates(mali: Workspace) -> None:
    out = CliRunner().invoke(
        app,
        ["context", "series", "--by", "month", "--from", "0001", "--to", "9999-12",
         "--format", "json", "-w", str(mali.root)],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    assert len(json.loads(out.stdout)) == 24 * 12
    bad = CliRunner().invoke(
        app, ["context", "series", "--to", "10000-01-01", "-w", str(mali.root)]
    )
    assert bad.exit_code == 1 and len(bad.output.strip().splitlines()) == 1

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient

    from peaceops.web.app import create_app

    with TestClient(create_app(mali.root)) as client:
        started = time.monotonic()
        # the web refuses implausible dates beside the field or clamps them; never 500
        for url in (
            "/api/context/series?by=month&from=0001-01-01&to=9999-12-31",
            "/api/context/series?by=month&from=1990-01-01&to=2090-12-31",
            "/context?by=month&from=0001&to=9999-12",
            "/context?to=10000-01-01",
            "/api/context?from=1000&to=9999",
        ):
            assert client.get(url).status_code in (200, 400), url
        wide = client.get("/api/context/series?by=year&from=0001-01-01&to=9999-12-31")
        assert wide.status_code == 200
        assert time.monotonic() - started < 60


def test_cli_names_the_data_range_for_a_period_outside_it(mali: Workspace) -> None:
    after = CliRunner().invoke(app, ["context", "series", "--from", "2021", "-w", str(mali.root)])
    assert after.exit_code == 1
    assert after.output.strip() == (
        "Error: --from: 2021-01-01 is after the last event; the events run from 1997-01-06 "
        "to 2020-10-31"
    )
    before = CliRunner().invoke(
        app, ["context", "series", "--to", "1990", "-f", "json", "-w", str(mali.root)]
    )
    assert before.exit_code == 1 and "the events run from 1997-01-06 to 2020-10-31" in before.output
    # a period that overlaps the data is still answered
    inside = CliRunner().invoke(app, ["context", "series", "--from", "2020", "-w", str(mali.root)])
    assert inside.exit_code == 0 and "2020" in inside.output
