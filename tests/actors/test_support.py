"""Plan tasks that support a state force carry that force's civilian-targeting record."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from actor_fixtures import acled

from peaceops.actors.registry import RegistryError, load_registry, parse_registry
from peaceops.actors.support import plan_task_records, supported_forces
from peaceops.planning.store import save_plan
from peaceops.reports.plan_report import write_plan_report

FAMA = "Military Forces of Mali (2013-2020)"
VAC = {"event_type": "Violence against civilians", "civilian": True}


def test_tasks_are_matched_on_whole_words_of_the_registry_terms():
    reg = load_registry(country="MLI")
    labels = lambda name: [a.label for a in supported_forces(reg, name)]  # noqa: E731
    assert labels("Support redeployment of reconstituted army units") == ["FAMa"]
    assert labels("Train and mentor Malian police and gendarmerie") == [
        "Malian police and gendarmerie"
    ]
    assert labels("Support the mixed units in Gao") == ["MOC"]
    assert labels("Protect civilians in the centre (patrols, early warning)") == []
    assert labels("Armylike words do not count") == []


def test_only_state_forces_have_support_terms():
    doc = {
        "actors": [
            {"name": "X", "type": "jihadist group", "source": "t", "support_terms": ["army"]}
        ]
    }
    with pytest.raises(RegistryError, match="only state forces"):
        parse_registry(doc, "mine.yaml")


@pytest.fixture
def ws(with_events):
    d = date
    return with_events(
        [
            acled(d(2019, 3, 1), FAMA, "Civilians (Mali)", fatalities=40, **VAC),  # > 12 months
            acled(d(2020, 2, 1), FAMA, "Civilians (Mali)", fatalities=30, **VAC),
            acled(d(2020, 3, 1), "Dan Na Ambassagou", "Civilians (Mali)", fatalities=10, **VAC),
            acled(
                d(2020, 6, 30), "JNIM: Group for Support of Islam and Muslims", FAMA, fatalities=5
            ),
        ]
    )


def test_records_of_supported_forces_over_the_last_twelve_months(ws):
    tasks = [
        ("army", "Support redeployment of reconstituted army units"),
        ("poc", "Protect civilians in the centre"),
        ("ssr", "Security sector reform advice"),
    ]
    records = plan_task_records(ws, tasks)
    got = [(r.task_id, r.force, r.record.events, r.record.fatalities) for r in records]
    assert got == [
        ("army", "Malian Armed Forces", 1, 30),
        ("ssr", "Malian Armed Forces", 1, 30),
        ("ssr", "Malian police, gendarmerie and guards", 0, 0),
    ]
    rec = records[0].record
    assert (rec.start, rec.end) == (date(2019, 7, 1), date(2020, 6, 30))
    assert rec.share == pytest.approx(30 / 40)


def test_plan_report_shows_the_record(ws, tmp_path: Path):
    example = resources.files("peaceops.examples") / "minusma_plan.yaml"
    with resources.as_file(example) as path:
        save_plan(ws, path)
    write_plan_report(ws, tmp_path / "out", time_limit=2.0)
    md = (tmp_path / "out" / "plan.md").read_text()
    section = md.split("## Support to state forces: their record against civilians", 1)[1]
    assert "| Support redeployment of reconstituted army units (`army-redeployment`) | " in section
    assert "Malian Armed Forces | 2019-07-01 to 2020-06-30 | 1 | 30 | 75% |" in section
    assert "The tasks are illustrative" in section
