"""The actor registry and analyses on the real ACLED export for Mali (see the shared data README).

Expected figures are computed here independently from the CSV with the standard library, not
taken from the code under test.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date

import pytest
from context_fixtures import load_real_mali

from peaceops.actors.analysis import agreement_violence, peacekeeper_attacks, perpetrators
from peaceops.actors.profiles import coverage, state_force_record

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def mali(tmp_path_factory, shared_data):
    return load_real_mali(tmp_path_factory.mktemp("mali") / "ws", shared_data)


@pytest.fixture(scope="module")
def rows(shared_data):
    path = shared_data / "acled_mali_smose94" / "Processed_Acled_Mali.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _targets_civilians(r: dict) -> bool:
    # this export has no civilian_targeting column: ACLED's older rule
    return r["event_type"] == "Violence against civilians" or (
        r["event_type"] == "Explosions/Remote violence" and r["inter2"] == "7"
    )


def test_registry_maps_at_least_95_percent_of_fatalities(mali, rows):
    cov = coverage(mali)
    assert cov.events == len(rows)
    assert cov.fatalities == sum(int(r["fatalities"]) for r in rows)
    assert cov.fatalities_share >= 0.95
    assert cov.events_share >= 0.95
    # what is left is listed with counts, so users can extend the registry
    assert sum(f for _n, _e, f in cov.unmapped) >= cov.fatalities - cov.mapped_fatalities


def _state_share(rows, year: str) -> float:
    total = state = 0
    for r in rows:
        if r["year"] != year or r["admin1"] not in ("Mopti", "Segou") or not _targets_civilians(r):
            continue
        total += int(r["fatalities"])
        if r["actor1"].startswith(("Military Forces of Mali", "Police Forces of Mali")):
            state += int(r["fatalities"])
    return state / total


def test_state_forces_share_of_civilian_targeting_in_the_centre(mali, rows):
    expected = {"2019": _state_share(rows, "2019"), "2020": _state_share(rows, "2020")}
    assert 0.08 < expected["2019"] < 0.12  # about 10%
    assert 0.33 < expected["2020"] < 0.39  # about 36%
    df = perpetrators(
        mali,
        start=date(2019, 1, 1),
        end=date(2020, 12, 31),
        by="year",
        group=None,
        regions=["Mopti", "Segou"],
    )
    got = {r["period"]: r["share"] for r in df.to_dicts() if r["actor_type"] == "state forces"}
    for year, share in expected.items():
        # placement by coordinates moves a few events across the Mopti/Segou border
        assert got[year] == pytest.approx(share, abs=0.02)


def test_attacks_on_minusma_match_an_independent_count(mali, rows):
    per_year: Counter[str] = Counter()
    for r in rows:
        names = [r["actor2"], *r["assoc_actor_2"].split(";")]
        if any(n.strip().startswith("MINUSMA:") for n in names):
            per_year[r["year"]] += 1
    df = peacekeeper_attacks(mali, by="year", start=date(2013, 1, 1))
    got = {r["period"]: r["events"] for r in df.to_dicts()}
    assert got == {str(y): per_year.get(str(y), 0) for y in range(2013, 2021)}
    assert sum(got.values()) > 200


def test_northern_violence_comes_from_groups_outside_the_agreement(mali):
    df = agreement_violence(mali, by="year", group="region", start=date(2018, 1, 1))
    north = [r for r in df.to_dicts() if r["group"] == "north"]
    parties = sum(r["fatalities"] for r in north if r["category"].startswith("between"))
    outside = sum(r["fatalities"] for r in north if r["category"] == "groups outside the agreement")
    assert outside > 10 * parties


def test_state_force_record_of_the_last_twelve_months(mali):
    rec = state_force_record(mali, "FAMa")
    assert rec.end == date(2020, 10, 31) and rec.start == date(2019, 11, 1)
    assert not rec.partial
    assert rec.fatalities > 100 and 0 < rec.share < 1


def test_bamako_july_2020_alert_is_protests_and_riots(mali):
    from peaceops.events.alerts import AlertRule, alerts

    found = {a.area_name: a for a in alerts(mali, AlertRule(), date(2020, 7, 1), date(2020, 7, 31))}
    bamako = found["Bamako"]
    assert bamako.events == 11
    assert bamako.event_mix == (("protests and riots", 11),)
    assert bamako.summary.startswith("Bamako, 2020-07: 11 events, 11 protests and riots")
    assert {a for a, _n in bamako.main_actors} == {"Rioters (Mali)", "Protesters (Mali)"}
    # limited to political violence, Bamako's July is not an alert; to demonstrations it is
    violence = alerts(
        mali, AlertRule(event_class="political violence"), date(2020, 7, 1), date(2020, 7, 31)
    )
    assert "Bamako" not in {a.area_name for a in violence}
    assert {a.area_name for a in violence} >= {"Gao"}
    demos = alerts(
        mali, AlertRule(event_class="demonstrations"), date(2020, 7, 1), date(2020, 7, 31)
    )
    assert [a.area_name for a in demos] == ["Bamako"]
    assert all(
        t in ("battles", "violence against civilians", "explosions/remote violence")
        for a in violence
        for t, _n in a.event_mix
    )
