"""The tracker's links: framework indicators computed from it, plan preconditions resting on it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from ag_fixtures import write_csv
from typer.testing import CliRunner

from peaceops.agreement import read_agreement, read_status_entries, record_entries, save_agreement
from peaceops.cli import app
from peaceops.demo.agreement import load_example as load_agreement_example
from peaceops.errors import InputError
from peaceops.examples import example_path
from peaceops.framework.computed import computed_values
from peaceops.framework.io import framework_from_dict
from peaceops.planning import load_plan
from peaceops.planning.evidence import (
    ProvisionEvidence,
    apply_agreement_evidence,
    resolve_conditions,
)
from peaceops.planning.explain_cmd import explain_plan
from peaceops.planning.loader import parse_plan
from peaceops.planning.model import ConditionStatus
from peaceops.planning.store import current_plan, save_plan

# -- framework indicators computed from the tracker -------------------------------------------


def _framework(spec: dict[str, object]) -> dict[str, object]:
    return {
        "framework": {"id": "f", "name": "F", "mission": "M"},
        "priorities": [
            {
                "id": "P",
                "name": "p",
                "areas": [
                    {
                        "id": "A",
                        "name": "a",
                        "owner": "o",
                        "outcomes": [
                            {
                                "id": "O",
                                "name": "o",
                                "indicators": [
                                    {
                                        "id": "I",
                                        "name": "Security title implemented",
                                        "unit": "percent",
                                        "baseline": {"value": 0, "date": "2016-03-31"},
                                        "target": {"value": 50, "date": "2017-12-31"},
                                        "direction": "up",
                                        "frequency": "quarter",
                                        "source": "tracker",
                                        "computed": spec,
                                    }
                                ],
                            }
                        ],
                    }
                ],
            }
        ],
    }


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"metric": "events", "part": "P2"}, "'part' (an agreement part) goes only with"),
        (
            {"metric": "agreement_level", "region_group": "north"},
            "agreement_level takes a 'part'",
        ),
    ],
)
def test_framework_refuses_a_misused_part(spec, message):
    with pytest.raises(InputError) as err:
        framework_from_dict(_framework(spec))
    assert message in str(err.value)


def test_indicator_values_are_the_part_score_each_quarter(workspace, small_yaml, tmp_path):
    save_agreement(workspace, read_agreement(small_yaml))
    a = read_agreement(small_yaml)
    entries = read_status_entries(
        write_csv(
            tmp_path / "s.csv",
            ["s-ddr,2016-05-01,1,R1,", "s-patrols,2016-08-15,3,R2,", "s-ddr,2016-11-01,2,R3,"],
        ),
        a,
    )
    record_entries(workspace, entries)
    ind = framework_from_dict(_framework({"metric": "agreement_level", "part": "P2"})).indicators[0]
    values = [(v.period, v.value) for v in computed_values(workspace, ind)]
    # Security has 2 provisions (max 6): Q1 nothing, Q2 ddr 1, Q3 +patrols 3, Q4 ddr 2.
    assert values == [
        ("2016-Q1", 0.0),
        ("2016-Q2", round(100 / 6, 1)),
        ("2016-Q3", round(400 / 6, 1)),
        ("2016-Q4", round(500 / 6, 1)),
    ]
    overall = framework_from_dict(_framework({"metric": "agreement_level"})).indicators[0]
    assert computed_values(workspace, overall)[-1].value == round(500 / 12, 1)
    wrong = framework_from_dict(_framework({"metric": "agreement_level", "part": "P9"}))
    with pytest.raises(InputError, match="has no part 'P9'"):
        computed_values(workspace, wrong.indicators[0])


def test_without_an_agreement_the_indicator_has_no_data(workspace):
    ind = framework_from_dict(_framework({"metric": "agreement_level"})).indicators[0]
    assert computed_values(workspace, ind) == []


# -- plan preconditions resting on recorded evidence ------------------------------------------

PLAN = {
    "name": "p",
    "phases": 4,
    "resources": {"troops": {"capacity": 100}},
    "conditions": {
        "authorities installed": {"status": "expected", "phase": 3, "provision": "AX1", "level": 2},
        "ceasefire": {"status": "met", "provision": "CF", "level": 2},
        "patrols": {"provision": "MOC", "level": 3},
    },
    "tasks": [
        {"id": "admin", "preconditions": ["authorities installed"], "demand": {"troops": 10}},
        {"id": "monitor", "preconditions": ["ceasefire"], "demand": {"troops": 10}},
        {"id": "patrol", "preconditions": ["patrols"], "demand": {"troops": 10}},
    ],
}


def test_conditions_follow_the_recorded_level():
    plan = parse_plan(PLAN)
    assert plan.conditions["patrols"].status is ConditionStatus.UNKNOWN  # no status written
    found = {
        "AX1": ProvisionEvidence("AX1", "Annex 1", 2, date(2017, 5, 2), "Report, section 2"),
        "CF": ProvisionEvidence("CF", "Annex 2", 1, date(2018, 1, 1), "Report B"),
        "MOC": ProvisionEvidence("MOC", "Annex 2"),
    }
    out = resolve_conditions(plan, found, "the tracker").conditions
    assert out["authorities installed"].status is ConditionStatus.MET
    assert "level 2 (intermediate) on 2017-05-02; source: Report, section 2" in (
        out["authorities installed"].evidence
    )
    # The file said met, the record says level 1: not met (no expected phase to fall back on).
    assert out["ceasefire"].status is ConditionStatus.UNMET
    assert out["ceasefire"].evidence.startswith("not met: provision CF (Annex 2) at level 1")
    # Never assessed: the file's status stands, but it is not "met" on the file's word.
    assert out["patrols"].status is ConditionStatus.UNKNOWN
    assert "no recorded status" in out["patrols"].evidence
    with pytest.raises(InputError, match="condition 'ceasefire': provision 'CF' is not in"):
        resolve_conditions(plan, {k: v for k, v in found.items() if k != "CF"}, "the tracker")


def test_level_must_be_on_the_scale_and_go_with_a_provision():
    bad = {**PLAN, "conditions": {"x": {"status": "met", "level": 2}}, "tasks": [{"id": "t"}]}
    with pytest.raises(InputError, match="'level' goes with a 'provision'"):
        parse_plan(bad)
    bad = {**PLAN, "conditions": {"x": {"provision": "A", "level": 5}}, "tasks": [{"id": "t"}]}
    with pytest.raises(InputError, match="level 5 is outside the scale 0-3"):
        parse_plan(bad)


def test_example_plan_rests_on_the_example_agreement(workspace):
    plan = load_plan(example_path("minusma_plan.yaml"))
    unchecked = apply_agreement_evidence(plan, workspace)  # no agreement yet
    assert "not checked: no peace agreement" in (
        unchecked.conditions["interim authorities in place"].evidence
    )
    assert unchecked.conditions["interim authorities in place"].status is ConditionStatus.EXPECTED
    load_agreement_example(workspace)
    checked = apply_agreement_evidence(plan, workspace)
    interim = checked.conditions["interim authorities in place"]
    # As of the plan's conditions date (2019-06-30) the 2017 entry was recorded: met.
    assert interim.status is ConditionStatus.MET
    assert "Applying the HIPPO Recommendations to Mali" in interim.evidence
    # The redeployment entry is dated 2020-12-31: unknown in June 2019, the forecast stands.
    army = checked.conditions["reconstituted army units deployed"]
    assert (army.status, army.expected_phase) == (ConditionStatus.EXPECTED, 5)
    assert "no recorded status" in army.evidence
    # Judged on a later date, the redeployment is evidenced too.
    later = apply_agreement_evidence(plan, workspace, date(2021, 12, 31))
    assert later.conditions["reconstituted army units deployed"].status is ConditionStatus.MET

    explained = {e.outcome.id: e for e in explain_plan(checked, time_limit=2)}
    admin = explained["interim-administration"]
    assert admin.outcome.start_phase == 1  # no longer waits for phase 3
    assert any("met: provision AX1-interim-authorities" in line for line in admin.evidence)
    assert "evidence: precondition 'interim authorities in place' met" in admin.text()

    save_plan(workspace, example_path("minusma_plan.yaml"))
    stored = current_plan(workspace)
    assert stored is not None
    assert stored.conditions["interim authorities in place"].status is ConditionStatus.MET


def test_plan_explain_command_cites_the_evidence(workspace):
    load_agreement_example(workspace)
    r = CliRunner().invoke(
        app,
        [
            "plan",
            "explain",
            str(example_path("minusma_plan.yaml")),
            "interim-administration",
            "--time-limit",
            "2",
            "-w",
            str(workspace.root),
        ],
    )
    assert r.exit_code == 0, r.output
    assert "starts in phase 1" in r.output
    assert "at level 2 (intermediate) on 2017-05-02" in r.output


def test_plan_file_round_trips_condition_date(tmp_path: Path):
    data = yaml.safe_load(example_path("minusma_plan.yaml").read_text())
    assert parse_plan(data).conditions_as_of == date(2019, 6, 30)
