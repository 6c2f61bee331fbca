"""Prioritisation and sequencing: which mandated tasks first, which later, which not at all.

Public entry points: ``load_plan`` (YAML plan file -> ``Plan``), ``solve_plan`` (CP-SAT schedule
with reasons and the capacity mismatch), ``compare_scenarios`` (what-ifs side by side) and
``alignment`` (deployed troops against civilian fatalities by region group, in
``peaceops.planning.alignment``).
"""

from __future__ import annotations

from peaceops.planning.loader import load_plan, parse_plan
from peaceops.planning.model import Condition, ConditionStatus, Plan, PlanTask, Scenario
from peaceops.planning.plan_solve import solve_plan
from peaceops.planning.result import PlanResult, ResourcePhase, TaskOutcome
from peaceops.planning.scenarios import ScenarioComparison, compare_scenarios

__all__ = [
    "Condition",
    "ConditionStatus",
    "Plan",
    "PlanResult",
    "PlanTask",
    "ResourcePhase",
    "Scenario",
    "ScenarioComparison",
    "TaskOutcome",
    "compare_scenarios",
    "load_plan",
    "parse_plan",
    "solve_plan",
]
