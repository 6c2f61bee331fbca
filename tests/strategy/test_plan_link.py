"""Plan preconditions that follow strategy assumptions, so sequencing follows the strategy."""

from __future__ import annotations

from pathlib import Path

from st_fixtures import small, write_yaml

from peaceops.planning.assumptions import follow_assumptions, uses_assumptions
from peaceops.planning.loader import parse_plan
from peaceops.planning.model import ConditionStatus
from peaceops.planning.plan_solve import solve_plan
from peaceops.strategy import read_strategy, save_strategy
from peaceops.strategy.plan_link import assumption_statuses, follow_strategy

PLAN = {
    "name": "p",
    "mission": "TESTMIS",
    "phases": 4,
    "unknown_conditions": "block",
    "resources": {"troops": {"capacity": 100}},
    "conditions": {
        "ceasefire holds": {"assumption": "A1", "phase": 3},
        "funds": {"assumption": "A2"},
        "fixed": {"status": "met"},
    },
    "tasks": [
        {"id": "monitor", "weight": 3, "preconditions": ["ceasefire holds"]},
        {"id": "ddr", "weight": 2, "preconditions": ["funds"]},
        {"id": "other", "weight": 1, "preconditions": ["fixed"]},
    ],
}


def test_status_mapping():
    plan = parse_plan(PLAN)
    assert uses_assumptions(plan)
    # Without the strategy, bound conditions are unknown.
    assert plan.conditions["ceasefire holds"].status is ConditionStatus.UNKNOWN
    got = follow_assumptions(plan, {"A1": "holds", "A2": "fails"}).conditions
    assert got["ceasefire holds"].status is ConditionStatus.MET
    assert got["funds"].status is ConditionStatus.UNMET
    assert got["fixed"].status is ConditionStatus.MET
    at_risk = follow_assumptions(plan, {"A1": "at risk", "A2": "at risk"}).conditions
    assert at_risk["ceasefire holds"].status is ConditionStatus.EXPECTED  # phase 3 given
    assert at_risk["ceasefire holds"].expected_phase == 3
    assert at_risk["funds"].status is ConditionStatus.UNKNOWN  # no phase: cannot say when
    missing = follow_assumptions(plan, {}).conditions["funds"]
    assert missing.status is ConditionStatus.UNKNOWN and "not found" in missing.note


def test_sequencing_follows_the_workspace_strategy(workspace, tmp_path: Path):
    data = small()  # A1 holds from 2019-09 and is at risk from 2020-03; A2 has no judgement
    save_strategy(workspace, read_strategy(write_yaml(tmp_path, data)), "t")
    statuses = assumption_statuses(workspace)
    assert statuses == {"A1": "at risk", "A2": "unknown"}
    plan = follow_strategy(workspace, parse_plan(PLAN))
    result = solve_plan(plan, 5.0, with_needed=False)
    by_id = {t.id: t for t in result.tasks}
    # A1 at risk: the monitoring waits for phase 3, and says which assumption it follows.
    assert by_id["monitor"].start_phase == 3
    assert any("strategy assumption A1" in r for r in by_id["monitor"].reasons)
    # A2 unknown and the plan blocks unknown conditions: DDR is left out, with the reason.
    assert by_id["ddr"].start_phase is None
    assert any(
        "'funds' (strategy assumption A2) has unknown status" in r for r in by_id["ddr"].reasons
    )
    assert by_id["other"].start_phase == 1


def test_no_strategy_leaves_the_plan_alone(workspace):
    plan = parse_plan({**PLAN, "conditions": {"fixed": "met"}, "tasks": PLAN["tasks"][2:]})
    assert follow_strategy(workspace, plan) is plan
