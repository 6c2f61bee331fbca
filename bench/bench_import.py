"""Importing a large ACLED-format export, against pandas read_csv + to_parquet of the same file.

Generates a synthetic export (default 1,000,000 events), then times, in this run:

* baseline: ``pandas.read_csv`` + ``DataFrame.to_parquet`` (no validation, no mapping);
* peaceops: ``import_events`` into a fresh workspace without boundaries (validation, mapping,
  quarantine, merge, versions, provenance, atomic publish; placement from the source's names);
* peaceops: the same with admin1 + admin2 boundaries loaded (point-in-polygon placement);
  the OCHA boundaries from the shared data when present, else the synthetic regions;
* peaceops: the same file again into that workspace (everything unchanged).

Each import runs in a process of its own and reports its wall time and its CPU time (all
threads). The machine is shared, so wall times drift with other people's work: ``--repeat``
runs several rounds (the baseline again in each) and prints medians; the ratio of an import
to the baseline is taken within its round.

Target (the speed guard): the slowest import at most 3.6x the baseline of the same run (an
import took 3.3x the baseline when the guard was set; it may not get more than 10% slower).

``--against SRC`` also imports the same file with the peaceops code in SRC (the ``src``
folder of another checkout, e.g. a git worktree of an earlier commit), interleaved with this
one round by round, so that both meet the same machine load.

Usage: .venv/bin/python bench/bench_import.py [--rows N] [--repeat R] [--against SRC]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from peaceops.demo.events import CODAB_DIR, synthetic_regions
from peaceops.demo.synthetic import write_acled_csv
from peaceops.shared_data import shared_data_dir

TARGET_RATIO = 3.6  # slowest import / pandas baseline, same run
SRC = Path(__file__).resolve().parents[1] / "src"

# Run in a child process with the tree under test first on PYTHONPATH: one import into a new
# workspace (after loading the boundary layers given), then, for "again", the same file again.
_CHILD = """
import json, sys, time
from pathlib import Path
from peaceops.events.importer import import_events
from peaceops.workspace import Workspace
try:
    from peaceops.events.geography import import_boundaries
except ImportError:  # where older trees kept it
    from peaceops.events.boundaries import import_boundaries

root, csv, mode, *layers = sys.argv[1:]
ws = Workspace.create(Path(root), country="MLI")
for level, layer in enumerate(layers, 1):
    import_boundaries(ws, Path(layer), level)

def timed():
    cpu, wall = time.process_time(), time.perf_counter()
    r = import_events(ws, Path(csv))
    return {"seconds": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
            "accepted": r.accepted, "unchanged": r.unchanged, "point": r.placed_point,
            "name": r.placed_name, "source": r.placed_source, "unplaced": r.unplaced}

out = {"first": timed()}
if mode == "again":
    out["again"] = timed()
print(json.dumps(out))
"""

STEPS = ("plain", "bounds", "again")


def _baseline(path: Path, out: Path) -> tuple[float, float]:
    import pandas as pd

    cpu, wall = time.process_time(), time.perf_counter()
    frame = pd.read_csv(path)
    frame.to_parquet(out)
    seconds = time.perf_counter() - wall
    out.unlink()
    return seconds, time.process_time() - cpu


def _child(src: Path, root: Path, csv: Path, mode: str, layers: list[Path]) -> dict[str, dict]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    args = [sys.executable, "-c", _CHILD, str(root), str(csv), mode, *map(str, layers)]
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"import with {src} failed:\n{done.stderr[-3000:]}")
    result: dict[str, dict] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _round(
    trees: list[Path], csv: Path, work: Path, layers: list[Path]
) -> dict[Path, dict[str, dict]]:
    """One import of each step by each tree (each tree: plain, then bounds + again)."""
    out: dict[Path, dict[str, dict]] = {}
    for i, src in enumerate(trees):
        plain = _child(src, work / f"plain{i}", csv, "first", [])
        bounds = _child(src, work / f"bounds{i}", csv, "again", layers)
        out[src] = {"plain": plain["first"], "bounds": bounds["first"], "again": bounds["again"]}
    return out


def _how(r: dict) -> str:
    return (
        f"accepted {r['accepted']:,}, point {r['point']:,}, name {r['name']:,}, "
        f"source {r['source']:,}, unplaced {r['unplaced']:,}, unchanged {r['unchanged']:,}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="rounds (medians are printed)")
    parser.add_argument("--against", type=Path, help="src folder of other peaceops code")
    args = parser.parse_args()
    trees = [SRC] + ([args.against.resolve()] if args.against else [])
    with tempfile.TemporaryDirectory(prefix="peaceops-bench-import-") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        f = write_acled_csv(root / "synthetic_acled.csv", args.rows, args.seed)
        size = f.path.stat().st_size / 1e6
        print(
            f"generated {f.rows:,} synthetic events ({size:,.0f} MB) "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        shared = shared_data_dir()
        if shared is not None and (shared / CODAB_DIR).is_dir():
            layers = [
                shared / CODAB_DIR / "mli_adm1_regions.geojson",
                shared / CODAB_DIR / "mli_adm2_cercles.geojson",
            ]
            label = "OCHA admin1 + admin2"
        else:
            layers = [synthetic_regions(root / "regions.geojson")]
            label = "synthetic admin1"
        if args.against:
            print(f"against: the peaceops code in {trees[1]}")
        names = {"plain": "no boundaries", "bounds": label, "again": "same file again"}

        bases: list[tuple[float, float]] = []
        runs: dict[Path, dict[str, list[dict]]] = {t: {s: [] for s in STEPS} for t in trees}
        for n in range(args.repeat):
            bases.append(_baseline(f.path, root / "pandas.parquet"))
            print(f"round {n + 1}: baseline pandas read_csv + to_parquet {bases[-1][0]:.2f} s")
            work = root / f"round{n}"
            order = trees if n % 2 == 0 else trees[::-1]  # interleaved: neither always first
            for src, steps in _round(order, f.path, work, layers).items():
                who = "this tree" if src == SRC else "against"
                for step in STEPS:
                    r = steps[step]
                    r["ratio"] = r["seconds"] / bases[-1][0]
                    runs[src][step].append(r)
                    print(
                        f"  {who:9s} {names[step]:22s} {r['seconds']:7.2f} s "
                        f"({r['ratio']:.1f}x baseline; cpu {r['cpu']:.1f} s; {_how(r)})"
                    )

        med = statistics.median
        print(f"\nmedians of {args.repeat} round(s); ratio = import / baseline of its round")
        print(
            f"baseline pandas read_csv + to_parquet  {med(b[0] for b in bases):7.2f} s"
            f"  (cpu {med(b[1] for b in bases):.1f} s)"
        )
        worst: dict[Path, float] = {}
        for src in trees:
            who = "peaceops " if src == SRC else "against  "
            for step in STEPS:
                rs = runs[src][step]
                ratio = med(r["ratio"] for r in rs)
                worst[src] = max(worst.get(src, 0.0), ratio)
                print(
                    f"{who}import, {names[step]:22s} {med(r['seconds'] for r in rs):7.2f} s"
                    f"  {ratio:4.1f}x baseline  (cpu {med(r['cpu'] for r in rs):.1f} s)"
                )
        mine = worst[SRC]
        print(
            f"target: slowest import <= {TARGET_RATIO}x baseline -> "
            f"{'met' if mine <= TARGET_RATIO else 'NOT met'} ({mine:.2f}x)"
        )
        if args.against:
            other = worst[trees[1]]
            verdict = "met" if mine <= 1.1 * other else "NOT met"
            print(
                f"against {trees[1]}: slowest import {other:.2f}x baseline; this tree's is "
                f"{mine / other:.2f} times that (<= 1.10 -> {verdict})"
            )


if __name__ == "__main__":
    main()
