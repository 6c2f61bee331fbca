"""Small plans written for the tests, as plain data (what a YAML file would hold)."""

from __future__ import annotations

import random
from typing import Any

__all__ = ["random_plan", "two_tasks_one_slot"]


def two_tasks_one_slot() -> dict[str, Any]:
    """Two tasks that each need 600 of 1,000 troops: only one can run at a time."""
    return {
        "name": "two tasks",
        "phases": 3,
        "resources": {"troops": {"capacity": 1000}},
        "tasks": [
            {"id": "big", "weight": 5, "duration": 2, "demand": {"troops": 600}},
            {"id": "small", "weight": 2, "duration": 1, "demand": {"troops": 600}},
        ],
    }


def random_plan(seed: int, n_tasks: int = 5, phases: int = 4) -> dict[str, Any]:
    rng = random.Random(seed)
    conditions = {
        "ceasefire holds": {"status": "expected", "phase": rng.randint(1, phases)},
        "sites ready": {"status": rng.choice(["met", "unmet", "unknown"])},
    }
    tasks = []
    for i in range(n_tasks):
        task: dict[str, Any] = {
            "id": f"t{i}",
            "weight": rng.randint(1, 9),
            "duration": rng.randint(1, 2),
        }
        task["demand"] = {
            "troops": [rng.randint(0, 6) * 100 for _ in range(task["duration"])],
            "air": rng.randint(0, 3),
        }
        if i and rng.random() < 0.35:
            task["depends_on"] = [f"t{rng.randrange(i)}"]
        if rng.random() < 0.3:
            task["preconditions"] = [rng.choice(list(conditions))]
        tasks.append(task)
    return {
        "name": f"random {seed}",
        "phases": phases,
        "resources": {
            "troops": {"capacity": [rng.randint(5, 10) * 100 for _ in range(phases)]},
            "air": {"capacity": rng.randint(2, 4)},
        },
        "conditions": conditions,
        "tasks": tasks,
    }
