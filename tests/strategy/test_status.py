"""Where the strategy stands: gaps, judged and computed assumption statuses, as-of, renewals."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

from st_fixtures import publish_events, small, write_yaml

from peaceops.examples import example_path
from peaceops.strategy import read_strategy, save_strategy, strategy_status
from peaceops.strategy.status import status_from


def test_gaps_and_judged_statuses_as_of(small_yaml: Path):
    st = read_strategy(small_yaml)
    s = status_from(st, date(2019, 12, 31), {})
    assert [(g.kind, g.id) for g in s.gaps] == [
        ("task without objective", "ElectAssist"),
        ("objective without indicator", "O2"),
        ("objective without task", "O3"),
        ("objective without indicator", "O3"),
    ]
    a1 = s.assumptions[0]
    assert (a1.status, a1.source, a1.judged_on) == ("holds", "report X, p. 3", date(2019, 9, 1))
    # Unknown at the 2019 renewal, holds now: a change since the renewal.
    assert (a1.previous, a1.changed) == ("unknown", True)
    later = status_from(st, date(2020, 6, 30), {}).assumptions[0]
    assert (later.status, later.source) == ("at risk", "report Y, s. 2")
    # The renewal of 2020-06-29 already knew "at risk": no change since.
    assert (later.previous, later.changed) == ("at risk", False)
    o2 = next(o for o in s.priorities[0].objectives if o.id == "O2")
    assert [a.id for a in o2.assumptions] == ["A1", "A2"]
    # For an objective, an unknown assumption (A2) weighs more than one that holds.
    assert o2.worst == "unknown"
    assert s.priorities[0].objectives[0].consultations == 1


def test_objective_indicators_through_framework_outcomes(small_yaml: Path):
    st = read_strategy(small_yaml)
    s = status_from(st, date(2020, 1, 1), {}, outcome_indicators={"OUT": ("I7",)})
    assert "O2" in {g.id for g in s.gaps}  # O2 has no outcome link: still a gap
    data = small()
    data["priorities"][0]["objectives"][1]["outcomes"] = ["OUT"]
    st2 = read_strategy(write_yaml(Path(str(small_yaml.parent)), data, "o.yaml"))
    s2 = status_from(st2, date(2020, 1, 1), {}, outcome_indicators={"OUT": ("I7",)})
    o2 = s2.priorities[0].objectives[1]
    assert o2.indicators == ("I7",)
    assert "O2" not in {g.id for g in s2.gaps}


def _with_events_rule(tmp_path: Path, at_risk: int, fails: int, region: str = "centre") -> Path:
    data = small()
    data["assumptions"][1]["rule"] = {
        "kind": "events",
        "metric": "fatalities",
        "region_group": region,
        "at_risk": at_risk,
        "fails": fails,
    }
    return write_yaml(tmp_path, data, "rule.yaml")


def test_events_rule_counts_the_last_complete_quarter(workspace, tmp_path: Path):
    publish_events(
        workspace,
        [
            {"event_date": date(2020, 7, 3), "admin1": "Mopti", "fatalities": 7},
            {"event_date": date(2020, 9, 30), "admin1": "Segou", "fatalities": 5},
            {"event_date": date(2020, 8, 1), "admin1": "Gao", "fatalities": 40},  # north
            {"event_date": date(2020, 10, 20), "admin1": "Mopti", "fatalities": 90},  # partial Q4
        ],
    )
    adopted = datetime(2019, 7, 1, tzinfo=UTC)
    save_strategy(workspace, read_strategy(_with_events_rule(tmp_path, 10, 20)), "t", at=adopted)
    a2 = strategy_status(workspace).assumptions[1]
    assert (a2.computed, a2.status, a2.rule) == ("at risk", "at risk", "events")
    assert a2.basis.startswith("12 fatalities in 2020-Q3 (all events, centre)")
    # As of the end of August only Q2 is complete: no events then.
    early = strategy_status(workspace, date(2020, 8, 31)).assumptions[1]
    assert early.computed == "unknown" and "do not cover 2020-Q2" in early.basis


def test_judged_fails_beats_computed_holds(workspace, tmp_path: Path):
    days = (date(2020, 7, 2), date(2020, 8, 1), date(2020, 9, 30))
    publish_events(workspace, [{"event_date": d, "admin1": "Mopti"} for d in days])
    data = small()
    data["assumptions"][1]["rule"] = {
        "kind": "events",
        "metric": "events",
        "region_group": "centre",
        "at_risk": 5,
        "fails": 9,
    }
    data["assumptions"][1]["history"] = [
        {"date": "2020-09-01", "status": "fails", "source": "field report"}
    ]
    adopted = datetime(2019, 7, 1, tzinfo=UTC)
    save_strategy(workspace, read_strategy(write_yaml(tmp_path, data)), "t", at=adopted)
    a2 = strategy_status(workspace, date(2020, 10, 15)).assumptions[1]
    assert (a2.judged, a2.computed, a2.status) == ("fails", "holds", "fails")


def test_events_rule_over_the_real_acled_export(workspace, tmp_path: Path, shared_data: Path):
    from peaceops.events.importer import import_events

    path = shared_data / "acled_mali_smose94" / "Processed_Acled_Mali.csv"
    import_events(workspace, path)
    save_strategy(workspace, read_strategy(_with_events_rule(tmp_path, 100, 300)), "t")
    a2 = strategy_status(workspace).assumptions[1]
    # Independent count: the file's own admin1 column, 2020-Q3 (the export ends 2020-10-31).
    with path.open(encoding="utf-8") as fh:
        expected = sum(
            int(r["fatalities"])
            for r in csv.DictReader(fh)
            if "2020-07-01" <= r["event_date"] <= "2020-09-30" and r["admin1"] in ("Mopti", "Segou")
        )
    assert expected > 0
    assert a2.basis.startswith(f"{expected:,} fatalities in 2020-Q3")
    want = "holds" if expected <= 100 else ("at risk" if expected <= 300 else "fails")
    assert a2.computed == want


def test_provision_and_indicator_rules_on_the_examples(workspace):
    from peaceops.demo import agreement as agreement_demo
    from peaceops.demo import framework as framework_demo
    from peaceops.demo import strategy as strategy_demo

    agreement_demo.load_example(workspace)
    framework_demo.load_example(workspace)
    summary = strategy_demo.load_example(workspace)
    assert (summary.judgements, summary.consultations) == (6, 4)
    st = strategy_status(workspace)
    by_id = {a.id: a for a in st.assumptions}
    # AX1-interim-authorities is at level 2 in the example tracker: the rule needs 2.
    assert by_id["AS8"].computed == "holds"
    assert by_id["AS8"].basis.startswith("provision AX1-interim-authorities at level 2")
    # T3-18-cantonment has no recorded level: unknown, and no judgement either.
    assert (by_id["AS7"].computed, by_id["AS7"].status) == ("unknown", "unknown")
    # AS1's computed part follows the framework's I-AGR status.
    assert by_id["AS1"].basis.startswith(("indicator I-AGR is ", "indicator I-AGR has no "))
    assert " is no " not in by_id["AS1"].basis
    assert by_id["AS1"].judged == "fails" and by_id["AS1"].status == "fails"
    # Before the reports were out, nothing was judged.
    early = {a.id: a for a in strategy_status(workspace, date(2019, 12, 31)).assumptions}
    assert all(a.judged == "" for a in early.values())
    assert example_path("minusma_strategy.yaml").is_file()
