"""One plan, one answer: solving the example plan again gives the same schedule and table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from peaceops.demo.agreement import load_example
from peaceops.planning.evidence import apply_agreement_evidence
from peaceops.planning.loader import load_plan
from peaceops.planning.plan_solve import solve_plan
from peaceops.workspace import Workspace

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "src" / "peaceops" / "examples" / "minusma_plan.yaml"
)


def _solved(ws: Workspace) -> dict[str, Any]:
    plan = apply_agreement_evidence(load_plan(EXAMPLE), ws)
    data = solve_plan(plan).to_dict()
    data.pop("seconds", None)  # wall time, the one field allowed to differ
    return data


def test_example_plan_solves_the_same_every_time(workspace: Workspace) -> None:
    # With the example agreement's evidence the capacity solve has many equally good
    # schedules; a multi-worker race used to pick a different one (and so different
    # "needed" figures, and short phases) from one solve to the next.
    load_example(workspace)
    first = _solved(workspace)
    assert first["capacity"], "a capacity table to compare"
    for _ in range(15):
        assert _solved(workspace) == first
