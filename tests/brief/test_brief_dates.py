"""A brief asked for a date after today is today's brief, and says so beside the field."""

from __future__ import annotations

import sys
import warnings
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.events.analysis import event_range
from peaceops.reports.brief_dates import brief_date
from peaceops.web.app import create_app
from peaceops.workspace import Workspace

sys.path.insert(0, str(Path(__file__).parent))
from brief_fixtures import publish_events

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient


def test_a_future_date_is_held_to_today_and_names_the_events_range(workspace: Workspace) -> None:
    publish_events(workspace)
    span = event_range(workspace)
    assert span is not None
    today = date(2026, 12, 2)
    assert brief_date(workspace, date(2020, 6, 30), today).day == date(2020, 6, 30)
    assert brief_date(workspace, None, today).note == ""
    held = brief_date(workspace, date(2030, 12, 31), today)
    assert held.day is None
    assert held.note == (
        "2030-12-31 is after today: the brief shows the data as it stands today; "
        f"the events run from {span[0]} to {span[1]}."
    )


def test_page_and_cli_say_so_beside_the_field(workspace: Workspace, tmp_path: Path) -> None:
    publish_events(workspace)
    span = event_range(workspace)
    assert span is not None
    with TestClient(create_app(workspace.root)) as client:
        page = client.get("/brief?as_of=2999")
        assert page.status_code == 200
        assert '<p class="field-note" id="note-as_of">2999-12-31 is after today' in page.text
        assert f"the events run from {span[0]} to {span[1]}" in page.text
        assert "as of 2999" not in page.text
        assert 'value="2999"' in page.text  # what was typed is kept
    out = CliRunner().invoke(
        app,
        ["brief", "--out", str(tmp_path / "b"), "--as-of", "2999", "-w", str(workspace.root)],
    )
    assert out.exit_code == 0, out.output
    assert "Note: --as-of: 2999-12-31 is after today" in out.output
