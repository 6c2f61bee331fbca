"""Point-in-polygon: 1,000,000 points to the 701 communes of the OCHA Mali boundaries.

Times ``peaceops.geo.placement.locate_points`` (sorted sweep + prepared ``contains_xy``)
against the straightforward shapely 2 approach measured in the same run: an STRtree query
of point geometries with the ``intersects`` predicate (creating the points included).
Target: under 5 s for 1,000,000 points.

Usage: .venv/bin/python bench/bench_spatial.py [--rows N]
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
import shapely

from peaceops.geo.boundaries import read_boundary_file
from peaceops.geo.placement import locate_points
from peaceops.shared_data import shared_data_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    shared = shared_data_dir()
    if shared is None:
        sys.exit("needs ../shared/data/mali_admin_ocha_codab (set PEACEOPS_SHARED_DATA)")
    table = read_boundary_file(shared / "mali_admin_ocha_codab" / "mli_adm3_communes.geojson", 3)
    geoms = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
    rng = np.random.default_rng(1)
    # points where events are: inside the country's box, most of them inside Mali
    x = rng.uniform(-12.2, 4.2, args.rows)
    y = rng.uniform(10.2, 25.0, args.rows)
    print(f"{args.rows:,} points, {len(geoms)} communes")

    t0 = time.perf_counter()
    ours = locate_points(geoms, x, y)
    t_ours = time.perf_counter() - t0

    t0 = time.perf_counter()
    tree = shapely.STRtree(geoms)
    point_idx, poly_idx = tree.query(shapely.points(x, y), predicate="intersects")
    base = np.full(args.rows, -1)
    base[point_idx[::-1]] = poly_idx[::-1]  # first polygon wins, as in locate_points
    t_base = time.perf_counter() - t0

    inside = int((ours >= 0).sum())
    agree = bool((ours == base).all()) or int((ours != base).sum())
    print(f"baseline  STRtree query (intersects)   {t_base:6.2f} s")
    print(
        f"peaceops  locate_points                {t_ours:6.2f} s  "
        f"({t_base / t_ours:.1f}x baseline; {inside:,} inside a commune; "
        f"same answer: {agree})"
    )
    print(f"target: < 5 s for 1,000,000 points -> {'met' if t_ours < 5 else 'NOT met'}")


if __name__ == "__main__":
    main()
