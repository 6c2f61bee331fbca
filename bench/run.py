"""Run every benchmark in this folder and print its figures.

Each ``bench_*.py`` script measures one thing against a baseline measured in the same run and
prints its own figures; this runner runs them one after another (never in parallel, so they do
not compete for the two cores) and ends with a one-line-per-script summary.

Usage: .venv/bin/python bench/run.py [NAME ...]   e.g. ``bench/run.py import query``
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Order: cheap and independent first, the 1,000,000-row import last.
ORDER = ["classify", "mandates_read", "plan", "query", "spatial", "import"]


def scripts(selected: list[str]) -> list[Path]:
    found = {p.stem.removeprefix("bench_"): p for p in sorted(HERE.glob("bench_*.py"))}
    names = selected or [n for n in ORDER if n in found] + sorted(set(found) - set(ORDER))
    unknown = [n for n in names if n not in found]
    if unknown:
        sys.exit(f"unknown benchmark(s): {', '.join(unknown)}; have: {', '.join(sorted(found))}")
    return [found[n] for n in names]


def main() -> None:
    summary: list[tuple[str, int, float]] = []
    for script in scripts(sys.argv[1:]):
        print(f"\n=== {script.name} ===", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, str(script)])
        summary.append((script.name, rc, time.perf_counter() - t0))
    print("\n=== summary ===")
    for name, rc, seconds in summary:
        print(f"{name:28s} {'ok' if rc == 0 else f'FAILED ({rc})':10s} {seconds:7.1f} s wall")
    if any(rc for _, rc, _ in summary):
        sys.exit(1)


if __name__ == "__main__":
    main()
