"""Query speed: yearly fatalities by region group over N events (default 1,000,000).

Builds a temporary workspace whose ``events`` slot holds N synthetic events (canonical event
table, Mali admin1 names, heavy-tailed fatalities), then times, in the same run:

* peaceops: ``series(ws, by="year", group="region")`` end to end (aggregates in DuckDB, maps
  region groups, fills empty periods, computes shares); the first call after an import loads
  computes monthly totals and keeps them in the workspace cache (printed separately, as is
  the first call of a later process, which reads them); also with a range cut inside a month
  (aggregates every event from the Parquet file);
* baseline: pandas ``read_parquet`` of the same file + map admin1 -> region group + groupby;
* baseline: the same with polars.

Prints the median and the 10th/90th percentiles of each (target: peaceops median < 50 ms).

    .venv/bin/python bench/bench_query.py [--rows 1000000] [--repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from peaceops.events import query
from peaceops.events.analysis import series
from peaceops.events.schema import EVENT_SCHEMA, EVENTS_SLOT
from peaceops.geo.names import fold_name
from peaceops.provenance import DatasetRecord
from peaceops.workspace import Workspace

__all__ = ["build_workspace", "main"]

ADMIN1 = [
    ("ML01", "Kayes", 0.04),
    ("ML02", "Koulikoro", 0.05),
    ("ML03", "Sikasso", 0.03),
    ("ML04", "Segou", 0.12),
    ("ML05", "Mopti", 0.36),
    ("ML06", "Tombouctou", 0.12),
    ("ML07", "Gao", 0.16),
    ("ML08", "Kidal", 0.08),
    ("ML09", "Bamako", 0.04),
]
EVENT_TYPES = [
    "Battles",
    "Violence against civilians",
    "Explosions/Remote violence",
    "Protests",
    "Riots",
    "Strategic developments",
]


def synthetic_events(rows: int, seed: int = 7) -> pa.Table:
    """N events in the canonical schema, 1997-2023, Mali admin1 areas, heavy-tailed deaths."""
    rng = np.random.default_rng(seed)
    first = date(1997, 1, 1).toordinal()
    last = date(2023, 12, 31).toordinal()
    # more events in later years, as in the real record
    days = first + ((last - first) * np.sqrt(rng.random(rows))).astype(np.int64)
    epoch = date(1970, 1, 1).toordinal()
    dates = pa.array(days - epoch, type=pa.int32()).cast(pa.date32())
    years = np.array([date.fromordinal(int(d)).year for d in range(first, last + 1)])[days - first]
    probs = np.array([p for _, _, p in ADMIN1])
    area = rng.choice(len(ADMIN1), size=rows, p=probs / probs.sum())
    etype = rng.choice(len(EVENT_TYPES), size=rows, p=[0.35, 0.3, 0.15, 0.1, 0.05, 0.05])
    fatalities = np.minimum(rng.pareto(1.6, rows).astype(np.int64), 500).astype(np.int32)
    civ = etype == 1
    names = np.array([n for _, n, _ in ADMIN1], dtype=object)[area]
    pcodes = np.array([p for p, _, _ in ADMIN1], dtype=object)[area]
    ids = np.arange(rows).astype(str)
    cols = {
        "event_key": pa.array(np.char.add("acled:B", ids)),
        "source": pa.array(np.full(rows, "acled")),
        "source_id": pa.array(np.char.add("B", ids)),
        "event_date": dates,
        "year": pa.array(years.astype(np.int16)),
        "event_type": pa.array(np.array(EVENT_TYPES, dtype=object)[etype]),
        "fatalities": pa.array(fatalities),
        "civilian_targeting": pa.array(civ),
        "civilian_fatalities": pa.array(np.where(civ, fatalities, 0).astype(np.int32)),
        "admin1": pa.array(names),
        "admin1_name": pa.array(names),
        "admin1_pcode": pa.array(pcodes),
        "placement": pa.array(np.full(rows, "point")),
    }
    arrays = [cols[f.name] if f.name in cols else pa.nulls(rows, type=f.type) for f in EVENT_SCHEMA]
    return pa.Table.from_arrays(arrays, schema=EVENT_SCHEMA)


def build_workspace(root: Path, rows: int) -> Workspace:
    ws = Workspace.create(root, country="MLI")
    staged = ws.staging_file(EVENTS_SLOT)
    pq.write_table(synthetic_events(rows), staged)
    record = DatasetRecord(
        kind="events",
        source="synthetic (bench)",
        file_name="bench.parquet",
        sha256="0" * 64,
        accessed=date.today(),
        rows_read=rows,
        rows_accepted=rows,
    )
    ws.publish(EVENTS_SLOT, staged, [record])
    return ws


def _time(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm up (imports, file cache)
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _report(name: str, ms: list[float]) -> float:
    med = statistics.median(ms)
    q = statistics.quantiles(ms, n=10)
    print(f"  {name:<44} median {med:8.1f} ms   p10 {q[0]:8.1f}   p90 {q[-1]:8.1f}")
    return med


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)

    import pandas as pd
    import polars as pl

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        ws = build_workspace(Path(tmp) / "ws", args.rows)
        path = ws.current_file(EVENTS_SLOT)
        assert path is not None
        print(f"{args.rows:,} synthetic events written in {time.perf_counter() - t0:.1f} s")
        groups = ws.config.region_group_map()

        def peaceops_series() -> object:
            return series(ws, by="year", group="region")

        def peaceops_series_daily() -> object:
            # a range that does not start on the first of a month takes the per-event path
            return series(ws, by="year", group="region", start=date(1997, 1, 2))

        def pandas_baseline() -> object:
            df = pd.read_parquet(path, columns=["year", "admin1_name", "admin1", "fatalities"])
            a1 = df["admin1_name"].fillna(df["admin1"]).fillna("")
            df["region"] = a1.map(lambda n: groups.get(fold_name(n), "other"))
            return df.groupby(["year", "region"])["fatalities"].sum()

        def polars_baseline() -> object:
            df = pl.read_parquet(path, columns=["year", "admin1_name", "admin1", "fatalities"])
            a1 = df.select(pl.coalesce("admin1_name", "admin1").fill_null("").alias("a1"))
            names = a1.get_column("a1").unique().to_list()
            mapping = {n: groups.get(fold_name(n), "other") for n in names}
            return (
                df.with_columns(a1.get_column("a1").replace_strict(mapping).alias("region"))
                .group_by("year", "region")
                .agg(pl.col("fatalities").sum())
            )

        # the three agree on the figures
        t0 = time.perf_counter()
        ours = peaceops_series()
        cold_ms = (time.perf_counter() - t0) * 1000
        print(f"first query after import (computes and caches monthly totals): {cold_ms:.0f} ms")
        # a later process finds the monthly totals in the workspace cache folder
        query._cache.clear()
        t0 = time.perf_counter()
        peaceops_series()
        warm_ms = (time.perf_counter() - t0) * 1000
        print(f"first query in a later process (reads the cached totals): {warm_ms:.0f} ms")
        assert isinstance(ours, pl.DataFrame)
        check = pandas_baseline()
        assert int(ours.get_column("fatalities").sum()) == int(check.sum())  # type: ignore[attr-defined]

        print(f"Yearly fatalities by region group, {args.repeat} runs each:")
        ours_ms = _report(
            "peaceops series(by=year, group=region)", _time(peaceops_series, args.repeat)
        )
        _report("peaceops, range cut inside a month", _time(peaceops_series_daily, args.repeat))
        pd_ms = _report(
            "baseline: pandas read_parquet + groupby", _time(pandas_baseline, args.repeat)
        )
        pl_ms = _report(
            "baseline: polars read_parquet + group_by", _time(polars_baseline, args.repeat)
        )
        print(
            f"peaceops is {pd_ms / ours_ms:.1f}x faster than pandas, "
            f"{pl_ms / ours_ms:.1f}x faster than polars; target median < 50 ms: "
            f"{'met' if ours_ms < 50 else 'NOT met'}"
        )
        ws.close()


if __name__ == "__main__":
    main()
