"""Where the data starts: a first event a few days into January leaves the year whole; a first
event later in the year marks it partial (the web's "*" note, CSV column and chart context)."""

from __future__ import annotations

import warnings
from datetime import date

from context_fixtures import event, publish_events

from peaceops.events.analysis import series
from peaceops.reports.context_charts import chart_context
from peaceops.reports.partial import mark_partial
from peaceops.web.app import create_app
from peaceops.workspace import Workspace

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient


def _partial(ws: Workspace) -> dict[str, str]:
    df = mark_partial(ws, series(ws, by="year"))
    return {str(r["period"]): r["partial"] for r in df.to_dicts()}


def test_first_event_on_6_january_leaves_the_year_whole(workspace: Workspace) -> None:
    publish_events(
        workspace,
        [event(date(1997, 1, 6)), event(date(1998, 7, 1)), event(date(1999, 10, 31))],
    )
    assert _partial(workspace) == {"1997": "", "1998": "", "1999": "1999-01-01 to 1999-10-31"}
    assert chart_context(workspace).covered == (date(1997, 1, 1), date(1999, 10, 31))
    with TestClient(create_app(workspace.root)) as client:
        page = client.get("/context").text
        assert "1999 covers 1999-01-01 to 1999-10-31" in page
        assert "1997 covers" not in page


def test_first_event_in_march_marks_the_year_partial_from_march(workspace: Workspace) -> None:
    publish_events(workspace, [event(date(1997, 3, 20)), event(date(1998, 12, 31))])
    assert _partial(workspace) == {"1997": "1997-03-01 to 1997-12-31", "1998": ""}
