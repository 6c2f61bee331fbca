"""Importing a large ACLED-format export, against pandas read_csv + to_parquet of the same file.

Generates a synthetic export (default 1,000,000 events), then times, in this run:

* baseline: ``pandas.read_csv`` + ``DataFrame.to_parquet`` (no validation, no mapping);
* peaceops: ``import_events`` into a fresh workspace without boundaries (validation, mapping,
  quarantine, merge, provenance, atomic publish; placement from the source's names);
* peaceops: the same with admin1 + admin2 boundaries loaded (point-in-polygon placement);
  the OCHA boundaries from the shared data when present, else the synthetic regions.

Targets: at least 3x faster than the baseline and under 20 s for 1,000,000 events.

Usage: .venv/bin/python bench/bench_import.py [--rows N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from peaceops.demo.events import CODAB_DIR, synthetic_regions
from peaceops.demo.synthetic import write_acled_csv
from peaceops.events.geography import import_boundaries
from peaceops.events.importer import import_events
from peaceops.shared_data import shared_data_dir
from peaceops.workspace import Workspace


def _baseline(path: Path, out: Path) -> float:
    import pandas as pd

    t0 = time.perf_counter()
    frame = pd.read_csv(path)
    frame.to_parquet(out)
    return time.perf_counter() - t0


def _import(ws: Workspace, path: Path) -> tuple[float, str]:
    t0 = time.perf_counter()
    report = import_events(ws, path)
    seconds = time.perf_counter() - t0
    how = (
        f"accepted {report.accepted:,}, point {report.placed_point:,}, "
        f"name {report.placed_name:,}, source {report.placed_source:,}, "
        f"unplaced {report.unplaced:,}"
    )
    return seconds, how


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="peaceops-bench-import-") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        f = write_acled_csv(root / "synthetic_acled.csv", args.rows, args.seed)
        size = f.path.stat().st_size / 1e6
        print(
            f"generated {f.rows:,} synthetic events ({size:,.0f} MB) "
            f"in {time.perf_counter() - t0:.1f} s"
        )

        base = _baseline(f.path, root / "pandas.parquet")
        print(f"baseline  pandas read_csv + to_parquet        {base:7.2f} s")

        plain = Workspace.create(root / "ws_plain", country="MLI")
        t_plain, how = _import(plain, f.path)
        print(
            f"peaceops  import, no boundaries               {t_plain:7.2f} s  "
            f"({base / t_plain:.1f}x baseline; {how})"
        )

        placed = Workspace.create(root / "ws_bounds", country="MLI")
        shared = shared_data_dir()
        if shared is not None and (shared / CODAB_DIR).is_dir():
            import_boundaries(placed, shared / CODAB_DIR / "mli_adm1_regions.geojson", 1)
            import_boundaries(placed, shared / CODAB_DIR / "mli_adm2_cercles.geojson", 2)
            label = "OCHA admin1 + admin2"
        else:
            import_boundaries(placed, synthetic_regions(root / "regions.geojson"), 1)
            label = "synthetic admin1"
        t_bounds, how = _import(placed, f.path)
        print(
            f"peaceops  import, {label:27s} {t_bounds:7.2f} s  "
            f"({base / t_bounds:.1f}x baseline; {how})"
        )

        t0 = time.perf_counter()
        again = import_events(placed, f.path)
        t_again = time.perf_counter() - t0
        print(
            f"peaceops  same file again (all unchanged)     {t_again:7.2f} s  "
            f"(unchanged {again.unchanged:,})"
        )
        worst = max(t_plain, t_bounds)
        met = base / worst >= 3 and worst < 20
        print(
            f"target: >= 3x faster than baseline and < 20 s -> {'met' if met else 'NOT met'} "
            f"(slowest import {base / worst:.1f}x baseline, {worst:.1f} s)"
        )


if __name__ == "__main__":
    main()
