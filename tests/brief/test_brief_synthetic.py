"""The brief on a synthetic ACLED export imported with the events importer.

The 12-month figures are recomputed here straight from the generated CSV, so the check runs
through the importer, the context analysis and the brief independently of all three.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import polars as pl

from peaceops.demo.synthetic import write_acled_csv
from peaceops.events.importer import import_events
from peaceops.reports.brief import build_brief
from peaceops.reports.brief_context import month_windows
from peaceops.workspace import Workspace


def test_brief_figures_match_the_generated_file(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws", country="MLI", synthetic=True)
    csv = tmp_path / "synthetic_acled.csv"
    write_acled_csv(csv, 3000, seed=11, first_year=2016, last_year=2019)
    import_events(ws, csv)
    brief = build_brief(ws, charts=False)
    assert brief.synthetic
    df = pl.read_csv(csv, infer_schema_length=0).with_columns(
        pl.col("event_date").str.to_date(), pl.col("fatalities").cast(pl.Int64)
    )
    last = df["event_date"].max()
    assert isinstance(last, date)
    (r0, r1), (p0, p1) = month_windows(last)
    civilian = df.filter(pl.col("civilian_targeting") == "Civilian targeting")
    recent = civilian.filter(pl.col("event_date").is_between(r0, r1))["fatalities"].sum()
    previous = civilian.filter(pl.col("event_date").is_between(p0, p1))["fatalities"].sum()
    civ = brief.considerations[0].text
    assert civ.startswith(
        f"Civilian fatalities from direct targeting beside all reported fatalities, "
        f"{r0:%Y-%m} to {r1:%Y-%m} against {p0:%Y-%m} to {p1:%Y-%m}:"
    )
    values = re.findall(r": civilian ([\d,]+) → ([\d,]+)", civ)
    assert sum(int(b.replace(",", "")) for _, b in values) == recent
    assert sum(int(a.replace(",", "")) for a, _ in values) == previous
    totals = re.findall(r"all fatalities ([\d,]+) → ([\d,]+)", civ)
    all_recent = df.filter(pl.col("event_date").is_between(r0, r1))["fatalities"].sum()
    assert sum(int(b.replace(",", "")) for _, b in totals) == all_recent
    assert brief.considerations[0].grade == "synthetic"
