"""Actor analyses on hand-made events: perpetrators, attacks on the mission, dyads, the
agreement split, a state force's record and the coverage report."""

from __future__ import annotations

from datetime import date

import pytest
from actor_fixtures import acled

from peaceops.actors.analysis import agreement_violence, dyads, peacekeeper_attacks, perpetrators
from peaceops.actors.profiles import actor_profile, coverage, state_force_record
from peaceops.errors import InputError, NotFoundError

FAMA = "Military Forces of Mali (2013-2020)"
JNIM = "JNIM: Group for Support of Islam and Muslims"
CIV = "Civilians (Mali)"
MINUSMA = (
    "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-)"
)
VAC = {"event_type": "Violence against civilians", "civilian": True}


@pytest.fixture
def ws(with_events):
    d = date
    return with_events(
        [
            # centre, 2020: the army kills 30 civilians, a militia 60, JNIM 10
            acled(
                d(2020, 2, 1), FAMA, CIV, fatalities=30, assoc2="Fulani Ethnic Group (Mali)", **VAC
            ),
            acled(d(2020, 3, 1), "Dan Na Ambassagou", CIV, fatalities=60, **VAC),
            acled(d(2020, 4, 1), JNIM, CIV, fatalities=10, admin1="Segou", **VAC),
            # north, 2020: JNIM attacks MINUSMA (5 killed); ISGS attacks the army
            acled(d(2020, 5, 1), JNIM, MINUSMA, fatalities=5, admin1="Gao"),
            acled(
                d(2020, 6, 1), FAMA, "Islamic State (Greater Sahara)", fatalities=12, admin1="Gao"
            ),
            # a UN agency targeted, and peacekeepers named only as associated actor
            acled(
                d(2019, 5, 1),
                "Unidentified Armed Group (Mali)",
                "UN: United Nations",
                admin1="Kidal",
            ),
            acled(
                d(2019, 6, 1),
                "Unidentified Armed Group (Mali)",
                "Military Forces of France (2017-)",
                assoc2=MINUSMA,
                fatalities=2,
                admin1="Kidal",
            ),
            # signatories fight each other (2016) and before signing (2014)
            acled(
                d(2016, 7, 1),
                "GATIA: Imghad Tuareg and Allies Self-Defense Group",
                "CMA: Coordination of Movements of the Azawad",
                fatalities=20,
                admin1="Kidal",
            ),
            acled(
                d(2014, 7, 1),
                "MAA: Arab Movement of the Azawad (Platform)",
                "MNLA: National Movement for the Liberation of Azawad",
                fatalities=8,
                admin1="Gao",
            ),
            # a name nobody knows
            acled(d(2020, 7, 1), "Brand New Front", CIV, fatalities=3, **VAC),
            # a protest (not political violence)
            acled(d(2020, 7, 2), "Protesters (Mali)", None, admin1="Bamako", event_type="Protests"),
        ]
    )


def _rows(df):
    return df.to_dicts()


def test_perpetrators_by_type_and_share(ws):
    df = perpetrators(ws, start=date(2020, 1, 1), end=date(2020, 12, 31), group="region")
    rows = {(r["group"], r["actor_type"]): r for r in _rows(df)}
    centre_total = 30 + 60 + 10 + 3
    assert rows[("centre", "state forces")]["fatalities"] == 30
    assert rows[("centre", "state forces")]["share"] == pytest.approx(30 / centre_total)
    assert rows[("centre", "community militia")]["fatalities"] == 60
    assert rows[("centre", "jihadist group")]["events"] == 1
    assert rows[("centre", "unmapped")]["fatalities"] == 3
    # sorted by group order then fatalities
    first = next(r for r in _rows(df) if r["group"] == "centre")
    assert first["actor_type"] == "community militia"
    named = perpetrators(ws, start=date(2020, 1, 1), group=None, level="actor")
    assert {"Malian Armed Forces", "Dan Na Ambassagou"} <= set(named.get_column("actor"))


def test_perpetrators_refuses_bad_grouping(ws):
    with pytest.raises(InputError, match="unknown grouping"):
        perpetrators(ws, group="dyad")


def test_attacks_on_the_mission_use_the_registry(ws):
    df = peacekeeper_attacks(ws, by="year", start=date(2019, 1, 1), end=date(2020, 12, 31))
    assert _rows(df) == [
        # 2019: only the associated-actor event; the UN agency is not the mission
        {"period": "2019", "events": 1, "fatalities": 2},
        {"period": "2020", "events": 1, "fatalities": 5},
    ]


def test_dyads_are_undirected_pairs(ws):
    df = dyads(ws, by="year", start=date(2020, 1, 1), end=date(2020, 12, 31))
    rows = {r["dyad"]: r for r in _rows(df)}
    assert rows["FAMa – ISGS"]["fatalities"] == 12
    assert rows["JNIM – MINUSMA"]["events"] == 1
    assert "Protesters – (none)" in rows


def test_agreement_split(ws):
    df = agreement_violence(ws, by="year", group="region", start=date(2014, 1, 1))
    rows = {(r["period"], r["group"], r["category"]): r["fatalities"] for r in _rows(df)}
    assert rows[("2016", "north", "between parties to the agreement")] == 20
    # the MAA and the MNLA had not signed yet in 2014
    assert rows[("2014", "north", "between parties to the agreement")] == 0
    assert rows[("2020", "north", "groups outside the agreement")] == 5 + 12
    assert rows[("2020", "centre", "community violence")] == 60
    # the protest is not political violence
    assert sum(v for (p, g, _c), v in rows.items() if g == "south") == 0


def test_state_force_record_last_twelve_months(ws):
    rec = state_force_record(ws, "FAMa", as_of=date(2020, 12, 31))
    assert (rec.start, rec.end) == (date(2020, 1, 1), date(2020, 12, 31))
    assert (rec.events, rec.fatalities) == (1, 30)
    assert rec.all_fatalities == 103
    assert rec.partial  # the data end in July
    assert "FAMa" not in rec.sentence or "Malian Armed Forces" in rec.sentence
    with pytest.raises(InputError, match="not state forces"):
        state_force_record(ws, "JNIM")
    with pytest.raises(NotFoundError, match="no actor"):
        state_force_record(ws, "Nobody at all")


def test_coverage_counts_every_name(ws):
    cov = coverage(ws)
    assert cov.events == 11 and cov.mapped_events == 10
    assert cov.unmapped == (("Brand New Front", 1, 3),)
    assert cov.to_dict()["fatalities_share"] == pytest.approx(round(1 - 3 / 150, 4))


def test_actor_profile_sides(ws):
    p = actor_profile(ws, "FAMa")
    by_year = {r["year"]: r for r in p.by_year.to_dicts()}
    assert by_year["2020"]["events_as_actor"] == 2
    assert p.civilian.to_dicts() == [{"year": "2020", "events": 1, "civilian_fatalities": 30}]


def test_alert_rule_refuses_an_unknown_event_class():
    from peaceops.events.alerts import AlertRule

    with pytest.raises(InputError, match="unknown event class 'riots'"):
        AlertRule(event_class="riots")  # type: ignore[arg-type]


def test_aliases_limited_to_a_source(with_events):
    from peaceops.actors.mapping import actor_frames

    ws = with_events(
        [
            # UCDP's government side is its armed forces; ACLED's "Government of Mali" is not
            acled(date(2019, 3, 2), "Government of Mali", "JNIM", source="ucdp", fatalities=9),
            acled(date(2019, 3, 3), "Government of Mali (2013-2020)", "Protesters (Mali)"),
        ]
    )
    ev = {r["event_key"]: r for r in actor_frames(ws).events.to_dicts()}
    assert ev["acled:T0"]["actor1_type"] == "state forces"
    assert ev["acled:T0"]["actor2_canonical"] == "Group for Support of Islam and Muslims"
    assert ev["acled:T1"]["actor1_type"] == "political actor"
