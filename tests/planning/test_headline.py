"""The solved plan's headline: tasks counted by state."""

from __future__ import annotations

from peaceops.planning import parse_plan, solve_plan
from peaceops.planning.headline import plan_headline_of

from .plan_fixtures import two_tasks_one_slot


def test_headline_counts_tasks_by_state() -> None:
    doc = two_tasks_one_slot()
    doc["mission"] = "MINUSMA"
    # a third task needing more troops than there are can never start: left out
    doc["tasks"].append({"id": "huge", "weight": 1, "duration": 1, "demand": {"troops": 1200}})
    result = solve_plan(parse_plan(doc), time_limit=5)
    assert [t.state for t in result.tasks] == ["on time", "deferred", "left out"]
    head = plan_headline_of(result)
    assert (head.name, head.mission, head.status) == ("two tasks", "MINUSMA", "optimal")
    assert (head.tasks, head.scheduled, head.deferred) == (3, 2, 2)
    assert head.states == {"on time": 1, "deferred": 1, "left out": 1}
    assert head.to_dict() == {
        "name": "two tasks",
        "mission": "MINUSMA",
        "status": "optimal",
        "tasks": 3,
        "scheduled": 2,
        "deferred": 2,
        "states": {"on time": 1, "deferred": 1, "left out": 1},
        "grade": "real",  # a plan not marked as the example
    }
    doc["illustrative"] = True
    example = plan_headline_of(solve_plan(parse_plan(doc), time_limit=5))
    assert example.grade == example.to_dict()["grade"] == "illustrative"


def test_headline_of_a_plan_all_on_time() -> None:
    doc = two_tasks_one_slot()
    doc["resources"]["troops"]["capacity"] = 2000
    head = plan_headline_of(solve_plan(parse_plan(doc), time_limit=5))
    assert (head.tasks, head.scheduled, head.deferred) == (2, 2, 0)
    assert head.states == {"on time": 2}


class _Record:
    def to_dict(self) -> dict[str, str]:
        return {"task_id": "big", "force": "FAMa"}


def test_plan_view_shapes_the_solved_plan_once() -> None:
    from peaceops.planning.view import PlanView

    result = solve_plan(parse_plan(two_tasks_one_slot()), time_limit=5)
    view = PlanView(result, None, (_Record(),))
    data = view.to_dict()
    # the solved plan's own document, then what the page and the API add to it
    assert list(data)[: len(result.to_dict())] == list(result.to_dict())
    assert data["phase_labels"] == ["Phase 1", "Phase 2", "Phase 3"]
    assert data["headline"] == plan_headline_of(result).to_dict()
    assert data["headline"]["deferred"] == 1
    assert data["scenarios"] is None
    assert data["state_force_records"] == [{"task_id": "big", "force": "FAMa"}]
