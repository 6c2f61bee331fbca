"""Bench: CP-SAT plan for 300 tasks, 12 phases, 5 resources, against a greedy baseline.

Generates random but realistic plans (tiered weights, durations of 1-4 phases, a third of
tasks with a dependency, a quarter with a precondition, demand summing to about 1.6 x
capacity so that choices matter), solves each with a 10 s limit and prints the value, the
proven bound, the gap and the time, and the greedy baseline's value on the same plan.

Run: .venv/bin/python bench/bench_plan.py [--seeds 3] [--tasks 300] [--time-limit 10] [--typed]
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Any

from peaceops.planning import parse_plan
from peaceops.planning.analysis import analyse
from peaceops.planning.solver import greedy_schedule, schedule_value, solve_schedule

RESOURCES = {
    "troops": (9000, [200, 400, 600, 800, 1200, 1500]),
    "police": (1500, [50, 100, 150, 250, 400]),
    "air_assets": (30, [1, 2, 3, 4, 6]),
    "civilian_staff": (500, [5, 10, 20, 30, 50]),
    "budget": (60, [1, 2, 3, 5, 8]),
}
KINDS = {
    "military": ["troops", "air_assets"],
    "police": ["police", "budget"],
    "civilian": ["civilian_staff", "budget"],
}
TIERS = [
    "strategic_priority_primary",
    "strategic_priority_second",
    "priority_task",
    "other_task",
]


def generate(
    seed: int, n_tasks: int = 300, phases: int = 12, typed: bool = False
) -> dict[str, Any]:
    rng = random.Random(seed)
    conditions = {
        f"condition {i}": {"status": "expected", "phase": rng.randint(1, phases // 2)}
        for i in range(6)
    }
    conditions["condition met"] = {"status": "met"}
    tasks = []
    for i in range(n_tasks):
        duration = rng.choice([1, 2, 2, 3, 3, 4])
        demand = {}
        if typed:
            # tasks of a kind draw on that kind's resources (plus a little staff and budget)
            kind = rng.choices(list(KINDS), weights=[3, 2, 4])[0]
            for r in KINDS[kind]:
                demand[r] = rng.choice(RESOURCES[r][1])
            if kind != "civilian" and rng.random() < 0.4:
                demand["civilian_staff"] = rng.choice(RESOURCES["civilian_staff"][1][:2])
        else:
            for r, (_, sizes) in RESOURCES.items():
                if rng.random() < 0.55:
                    demand[r] = rng.choice(sizes)
        task: dict[str, Any] = {
            "id": f"task-{i:03d}",
            "tier": rng.choices(TIERS, weights=[1, 2, 5, 8])[0],
            "duration": duration,
            "demand": demand,
        }
        if i > 10 and rng.random() < 0.33:
            task["depends_on"] = [f"task-{rng.randrange(max(0, i - 40), i):03d}"]
        if rng.random() < 0.25:
            task["preconditions"] = [rng.choice(list(conditions))]
        tasks.append(task)
    # scale capacity so that total demand is about 1.6 x total capacity over the horizon
    resources = {}
    for r, (base, _) in RESOURCES.items():
        total = sum(t["demand"].get(r, 0) * t["duration"] for t in tasks)
        cap = max(base, round(total / phases / 1.6))
        resources[r] = {"capacity": [cap] * phases}
    return {
        "name": f"bench {seed}",
        "phases": phases,
        "resources": resources,
        "conditions": conditions,
        "tasks": tasks,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--tasks", type=int, default=300)
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument(
        "--typed", action="store_true", help="tasks draw on their kind's resources only"
    )
    args = ap.parse_args()
    print(
        f"{'seed':>4} {'greedy':>9} {'cp-sat':>9} {'bound':>9} {'gap':>7} "
        f"{'status':>8} {'time s':>7} {'vs greedy':>9}"
    )
    for seed in range(args.seeds):
        plan = parse_plan(generate(seed, n_tasks=args.tasks, typed=args.typed))
        facts = analyse(plan)
        t0 = time.perf_counter()
        greedy = greedy_schedule(plan, facts)
        greedy_s = time.perf_counter() - t0
        gv = schedule_value(plan, greedy)
        sched = solve_schedule(plan, args.time_limit, facts=facts)
        check = schedule_value(plan, sched.starts)
        assert abs(check - sched.objective) < 1e-6, (check, sched.objective)
        print(
            f"{seed:>4} {gv:>9,.0f} {sched.objective:>9,.0f} {sched.bound:>9,.0f} "
            f"{sched.gap:>7.3%} {sched.status:>8} {sched.seconds:>7.2f} "
            f"{(sched.objective / gv - 1) if gv else 0:>+9.1%}"
        )
        print(
            f"     greedy took {greedy_s:.3f} s; scheduled "
            f"{sum(s is not None for s in sched.starts.values())}/{len(plan.tasks)} tasks "
            f"(greedy {sum(s is not None for s in greedy.values())})"
        )


if __name__ == "__main__":
    main()
