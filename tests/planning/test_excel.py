"""Plans kept in Excel workbooks load like YAML plans and fail the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from peaceops.errors import InputError
from peaceops.planning import load_plan, solve_plan


def _workbook(path: Path, tasks_extra: list[list[object]] | None = None) -> Path:
    wb = Workbook()
    settings = wb.active
    settings.title = "Settings"
    settings.append(["key", "value"])
    settings.append(["name", "sheet plan"])
    settings.append(["phases", 3])
    settings.append(["phase_labels", "Q1, Q2, Q3"])
    res = wb.create_sheet("resources")
    res.append(["resource", "capacity", "1", "2", "3"])
    res.append(["troops", 1000, None, None, None])
    res.append(["air", None, 2, 2, 4])
    cond = wb.create_sheet("conditions")
    cond.append(["name", "status", "phase"])
    cond.append(["ceasefire holds", "expected", 2.0])
    tasks = wb.create_sheet("tasks")
    tasks.append(
        ["id", "name", "weight", "duration", "depends_on", "preconditions", "troops", "air"]
    )
    tasks.append(["big", "Big task", 5, 2, None, None, 600, "1;2"])
    tasks.append(["small", "Small task", 2, 1, None, None, 600, None])
    tasks.append(["watch", "Watch", 1, 1, "big", "ceasefire holds", None, 4])
    for row in tasks_extra or []:
        tasks.append(row)
    sc = wb.create_sheet("scenarios")
    sc.append(["scenario", "change", "target", "delta", "slip"])
    sc.append(["more troops", "capacity", "troops", 200, None])
    sc.append(["slip", "condition", "ceasefire holds", None, 1])
    wb.save(path)
    return path


def test_workbook_plan(tmp_path: Path) -> None:
    plan = load_plan(_workbook(tmp_path / "plan.xlsx"))
    assert plan.name == "sheet plan" and plan.phase_labels == ("Q1", "Q2", "Q3")
    assert plan.capacity["air"] == (2.0, 2.0, 4.0)
    assert plan.task("big").demand["air"] == (1.0, 2.0)  # type: ignore[union-attr]
    assert plan.conditions["ceasefire holds"].expected_phase == 2
    assert [s.name for s in plan.scenarios] == ["more troops", "slip"]
    result = solve_plan(plan, 5)
    # big (1, 2) then small (3); watch needs big finished and 4 helicopters: phase 3 only
    assert result.starts == {"big": 1, "small": 3, "watch": 3}


def test_workbook_errors_name_items(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "bad.xlsx", [["odd", "Odd", 1, 1, "ghost", "peace", None, None]])
    with pytest.raises(InputError) as err:
        load_plan(path)
    assert "task odd: depends on unknown task(s) ghost" in str(err.value)
    assert "unknown condition(s) 'peace'" in str(err.value)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(InputError, match="not a readable Excel workbook"):
        load_plan(broken)
