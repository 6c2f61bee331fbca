"""What-if scenarios change the plan as described and report what moved."""

from __future__ import annotations

from peaceops.planning import compare_scenarios, parse_plan
from peaceops.planning.scenarios import apply_scenario

from .plan_fixtures import two_tasks_one_slot


def _plan_with_scenarios() -> dict:  # type: ignore[type-arg]
    data = two_tasks_one_slot()
    data["conditions"] = {"ceasefire holds": {"status": "expected", "phase": 1}}
    data["tasks"].append({"id": "monitor", "weight": 1, "preconditions": ["ceasefire holds"]})
    data["scenarios"] = [
        {"name": "more troops", "changes": [{"capacity": "troops", "delta": 200}]},
        {"name": "slip", "changes": [{"condition": "ceasefire holds", "slip": 2}]},
        {"name": "small first", "changes": [{"weight": "small", "value": 20}]},
        {"name": "withdrawal", "changes": [{"capacity": "troops", "value": 500, "from_phase": 2}]},
    ]
    return data


def test_scenarios_side_by_side() -> None:
    plan = parse_plan(_plan_with_scenarios())
    cmp = compare_scenarios(plan, time_limit=5)
    assert cmp.base.starts == {"big": 1, "small": 3, "monitor": 1}
    by_name = {sc.name: (res, diff) for sc, res, diff in cmp.scenarios}
    # 1,200 troops fit both at once: small moves from phase 3 to phase 1
    res, diff = by_name["more troops"]
    assert res.starts["small"] == 1
    assert "small: phase 3 -> 1 (earlier)" in diff
    # the ceasefire expected two phases later: monitoring starts in phase 3
    res, diff = by_name["slip"]
    assert res.starts["monitor"] == 3
    assert "monitor: phase 1 -> 3 (later)" in diff
    res, _ = by_name["small first"]
    assert res.starts["small"] == 1 and res.starts["big"] == 2
    # 500 troops from phase 2: big (600 for two phases) cannot run at all any more
    res, diff = by_name["withdrawal"]
    assert res.starts["big"] is None
    assert any(d.startswith("big: now left out") for d in diff)
    table = cmp.table()
    assert table[0] == {
        "task": "big",
        "base": 1,
        "more troops": 1,
        "slip": 1,
        "small first": 2,
        "withdrawal": None,
    }


def test_apply_scenario_does_not_touch_base() -> None:
    plan = parse_plan(_plan_with_scenarios())
    changed = apply_scenario(plan, plan.scenarios[0])
    assert changed.capacity["troops"] == (1200.0,) * 3
    assert plan.capacity["troops"] == (1000.0,) * 3
