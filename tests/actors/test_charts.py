"""Actor charts: sources cited, partial years marked, milestones drawn on the context charts."""

from __future__ import annotations

import json
from datetime import date

from actor_fixtures import acled

from peaceops.actors.timeline import add_milestone
from peaceops.reports.context_charts import context_chart, write_context_report

FAMA = "Military Forces of Mali (2013-2020)"
VAC = {"event_type": "Violence against civilians", "civilian": True}


def _ws(with_events):
    return with_events(
        [
            acled(date(2019, 2, 1), FAMA, "Civilians (Mali)", fatalities=3, **VAC),
            acled(date(2020, 6, 1), "Dan Na Ambassagou", "Civilians (Mali)", fatalities=4, **VAC),
        ]
    )


def test_perpetrators_chart_cites_sources_and_marks_the_partial_year(with_events):
    ws = _ws(with_events)
    chart = context_chart(ws, "perpetrators").to_dict()
    spec = json.dumps(chart)
    assert "2020 partial: data to 2020-06-01" in spec
    cited = " ".join(chart["title"]["subtitle"])  # the citation, wrapped over lines
    assert "fixture.csv" in cited and "actor registry: shipped registry" in cited
    assert "community militia" in spec and "state forces" in spec


def test_milestones_band_on_context_charts_and_timeline(with_events, tmp_path):
    ws = _ws(with_events)
    before = json.dumps(context_chart(ws, "fatalities").to_dict())
    assert "coup" not in before
    add_milestone(ws, date(2020, 8, 18), "coup", "Military coup", "a public source")
    band = json.dumps(context_chart(ws, "fatalities").to_dict())
    assert '"milestones": "coup"' in band and '"period": "2020"' in band
    timeline = json.dumps(context_chart(ws, "timeline").to_dict())
    assert "Military coup" in timeline and "a public source" in timeline
    names = {p.name for p in write_context_report(ws, tmp_path / "out")}
    assert {"perpetrators_per_year.csv", "peacekeepers_per_year.csv", "timeline.csv"} <= names
    assert {"perpetrators.svg", "timeline.png"} <= names
