"""The plan section from the example MINUSMA plan, solved by the planner."""

from __future__ import annotations

from datetime import date

from peaceops.examples import example_path
from peaceops.planning.loader import load_plan, parse_plan
from peaceops.planning.plan_solve import solve_plan
from peaceops.planning.store import save_plan
from peaceops.reports.brief_plan import gather_plan, plan_part_from_result
from peaceops.workspace import Workspace


def test_plan_section_from_the_solved_example() -> None:
    result = solve_plan(load_plan(example_path("minusma_plan.yaml")), time_limit=5)
    part = plan_part_from_result(result)
    assert part.section is not None
    scheduled = [t for t in result.tasks if t.start_phase is not None]
    assert part.section.paragraphs[0].startswith(
        f"Plan '{result.plan.name}' ({result.status} solution): {len(scheduled)} of "
        f"{len(result.tasks)} tasks scheduled over {result.plan.phases} phases"
    )
    sequence, deferred, capacity = part.section.tables
    by_phase = {row[0].split(" ")[0]: row[1] for row in sequence.rows}
    for task in scheduled:
        assert task.name in by_phase[str(task.start_phase)]
    assert sequence.rows[0][0] == f"1 ({result.plan.phase_label(1)})"
    waiting = {row[0]: row for row in deferred.rows}
    for task in result.tasks:
        if task.state == "left out":
            assert waiting[task.name][2] == "left out"
            assert waiting[task.name][3] == "; ".join(task.reasons)
        elif task.state == "deferred":
            assert waiting[task.name][1:3] == (str(task.earliest_phase), str(task.start_phase))
    assert len(waiting) == sum(1 for t in result.tasks if t.state != "on time")
    assert [row[0] for row in capacity.rows] == list(result.plan.resources)
    assert len(capacity.columns) == result.plan.phases + 1
    assert [f.key for f in part.section.figures] == ["plan"]
    assert part.section.figures[0].svg.lstrip().startswith("<svg")
    assert plan_part_from_result(result, chart=False).section.figures == ()  # type: ignore[union-attr]


def test_plan_section_from_the_plan_saved_in_the_workspace(workspace: Workspace) -> None:
    assert gather_plan(workspace, "MINUSMA", None).missing[0].remedy == "plan.save"
    save_plan(workspace, example_path("minusma_plan.yaml"))
    part = gather_plan(workspace, "MINUSMA", None)
    assert part.section is not None
    assert part.section.paragraphs[0].startswith("Plan 'MINUSMA sequencing")
    # The example is marked illustrative, so the part (and its considerations) is too.
    assert part.grade == "illustrative"
    assert any("example plan" in label for label in part.labels)
    # As-of is valid time: a plan saved today for 2019-2023 is the plan in force in 2019.
    earlier = gather_plan(workspace, "MINUSMA", date(2019, 12, 31))
    assert earlier.section is not None


def test_one_deferred_task_is_worded_in_the_singular() -> None:
    # two tasks that cannot run side by side: the smaller one waits a phase
    plan = parse_plan(
        {
            "name": "two tasks",
            "phases": 3,
            "resources": {"troops": {"capacity": 1000}},
            "tasks": [
                {"id": "big", "weight": 5, "duration": 2, "demand": {"troops": 600}},
                {"id": "small", "weight": 2, "duration": 1, "demand": {"troops": 600}},
            ],
        }
    )
    part = plan_part_from_result(solve_plan(plan, time_limit=5))
    texts = [c.text for c in part.considerations]
    assert any(t.startswith("1 task deferred and 0 left out of the plan; ") for t in texts), texts
