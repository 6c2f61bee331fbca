"""Plan files: every problem named, nothing dropped silently."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from peaceops.errors import InputError
from peaceops.planning import load_plan, parse_plan

from .plan_fixtures import two_tasks_one_slot


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_loads_a_file(tmp_path: Path) -> None:
    plan = load_plan(_write(tmp_path, two_tasks_one_slot()))
    assert [t.id for t in plan.tasks] == ["big", "small"]
    assert plan.capacity["troops"] == (1000.0, 1000.0, 1000.0)
    assert plan.task("big").demand["troops"] == (600.0, 600.0)  # type: ignore[union-attr]


def test_dependency_cycle_names_the_tasks() -> None:
    data = {
        "phases": 4,
        "resources": {"troops": {"capacity": 10}},
        "tasks": [
            {"id": "a", "depends_on": ["c"]},
            {"id": "b", "depends_on": ["a"]},
            {"id": "c", "depends_on": ["b"]},
            {"id": "d"},
        ],
    }
    with pytest.raises(InputError) as err:
        parse_plan(data)
    msg = str(err.value)
    assert "dependency cycle" in msg
    assert all(t in msg for t in ("a", "b", "c")) and "d ->" not in msg


def test_unknown_condition_and_resource_and_negative_capacity_all_reported() -> None:
    data = {
        "phases": 2,
        "resources": {"troops": {"capacity": [100, -5]}},
        "conditions": {"ceasefire holds": "met"},
        "tasks": [
            {"id": "x", "preconditions": ["cease-fire holds"], "demand": {"helicopters": 2}},
            {"id": "y", "depends_on": ["nope"]},
        ],
    }
    with pytest.raises(InputError) as err:
        parse_plan(data)
    msg = str(err.value)
    assert "resources.troops.capacity: negative value -5" in msg
    assert "unknown resource 'helicopters'" in msg
    assert "unknown condition(s) 'cease-fire holds'" in msg
    assert "task y: depends on unknown task(s) nope" in msg


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        ({"phases": 0}, "phases: 0 is below 1"),
        ({"tasks": [{"id": "a"}, {"id": "a"}]}, "task a: duplicate id"),
        ({"tasks": [{"id": "a", "duration": 9}]}, "duration 9 is longer than the 3 phases"),
        ({"tasks": [{"id": "a", "tier": "urgent"}]}, "unknown tier 'urgent'"),
        (
            {"tasks": [{"id": "a", "demand": {"troops": [1, 2]}, "duration": 1}]},
            "2 values given, 1 expected",
        ),
        ({"conditions": {"c": {"status": "likely"}}}, "status 'likely' is not one of"),
        ({"conditions": {"c": {"status": "expected"}}}, "needs the expected 'phase'"),
        (
            {"scenarios": [{"name": "s", "changes": [{"capacity": "boats", "delta": 1}]}]},
            "scenario 's': unknown resource 'boats'",
        ),
    ],
)
def test_invalid_items(patch: dict[str, Any], expected: str) -> None:
    with pytest.raises(InputError, match="invalid plan") as err:
        parse_plan({**two_tasks_one_slot(), **patch})
    assert expected in str(err.value)


def test_not_yaml_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("tasks: [unclosed", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        load_plan(bad)
    with pytest.raises(InputError, match="not found"):
        load_plan(tmp_path / "missing.yaml")


def test_weight_from_tier_and_editable() -> None:
    data = two_tasks_one_slot()
    data["tasks"] = [
        {"id": "a", "tier": "strategic_priority_primary"},
        {"id": "b", "tier": "other_task", "weight": 7},
        {"id": "c", "tier": "priority_task"},
    ]
    data["tier_weights"] = {"priority_task": 6}
    plan = parse_plan(data)
    assert [t.weight for t in plan.tasks] == [10.0, 7.0, 6.0]


def test_geopko_capacity_needs_the_table() -> None:
    data = two_tasks_one_slot()
    data["resources"] = {"troops": {"geopko": {"mission": "MINUSMA", "year": 2019}}}
    with pytest.raises(InputError, match="give the FrontMap table"):
        parse_plan(data)


def test_scenario_removing_a_dependency_is_refused() -> None:
    data = two_tasks_one_slot()
    data["tasks"][1]["depends_on"] = ["big"]
    data["scenarios"] = [{"name": "cut", "changes": [{"remove": "big"}]}]
    with pytest.raises(InputError, match="scenario 'cut': removes big, which small depends on"):
        parse_plan(data)
    data["scenarios"][0]["changes"].append({"remove": "small"})
    assert len(parse_plan(data).scenarios[0].changes) == 2


def test_capacity_above_the_ceiling_is_a_warning() -> None:
    from peaceops.planning.loader import parse_plan

    data = {
        "phases": 2,
        "resources": {
            "troops": {
                "capacity": [14000, 9000],
                "geopko": {"mission": "MINUSMA", "years": [2019, 2020]},
            },
            "police": {"capacity": 2500},
        },
        "tasks": [{"id": "a", "demand": {"troops": 100}}],
    }
    plan = parse_plan(data)  # no deployments table: the fixed capacities are used
    warnings = [n for n in plan.notes if n.startswith("Warning")]
    assert len(warnings) == 2
    assert "troops capacity 14,000 is above the authorised ceiling of 13,289" in warnings[0]
    assert "in 1 phase(s), first phase 1" in warnings[0]
    assert "police capacity 2,500 is above the authorised ceiling of 1,920" in warnings[1]
