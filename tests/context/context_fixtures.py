"""Hand-made event tables for the context-analysis tests, published into a workspace."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio

from peaceops.events.schema import EVENT_SCHEMA, EVENTS_SLOT
from peaceops.provenance import DatasetRecord
from peaceops.workspace import Workspace

# Placed admin1 names and P-codes of Mali, as the importer writes them.
PCODES = {"Mopti": "ML05", "Segou": "ML04", "Gao": "ML07", "Kidal": "ML08", "Kayes": "ML01"}

Event = dict[str, Any]


def event(day: date, admin1: str | None = "Mopti", fatalities: int = 0, **extra: Any) -> Event:
    """One event row with sensible defaults for every required column."""
    civ = bool(extra.pop("civilian", False))
    row: Event = {
        "source": "acled",
        "event_date": day,
        "year": day.year,
        "event_type": extra.pop("event_type", "Battles"),
        "actor1_category": extra.pop("actor1_category", "State forces"),
        "fatalities": fatalities,
        "civilian_targeting": civ,
        "civilian_fatalities": extra.pop("civilian_fatalities", fatalities if civ else 0),
        "admin1": admin1,
        "admin1_name": extra.pop("admin1_name", admin1),
        "admin1_pcode": extra.pop("admin1_pcode", PCODES.get(admin1 or "")),
        "placement": "point" if admin1 else "unplaced",
    }
    row.update(extra)
    return row


def events_table(rows: Sequence[Event]) -> pa.Table:
    cols: dict[str, list[Any]] = {name: [] for name in EVENT_SCHEMA.names}
    for i, r in enumerate(rows):
        full = {"event_key": f"acled:T{i}", "source_id": f"T{i}", **r}
        for name in cols:
            cols[name].append(full.get(name))
    return pa.table(cols, schema=EVENT_SCHEMA)


def publish_events(ws: Workspace, rows: Sequence[Event], source: str = "ACLED") -> None:
    staged = ws.staging_file(EVENTS_SLOT)
    pq.write_table(events_table(rows), staged)
    record = DatasetRecord(
        kind="events",
        source=source,
        file_name="fixture.csv",
        sha256="0" * 64,
        accessed=date(2024, 1, 1),
        rows_read=len(rows),
        rows_accepted=len(rows),
    )
    ws.publish(EVENTS_SLOT, staged, [record])


def publish_acled_csv(ws: Workspace, csv_path: Path) -> int:
    """A minimal stand-in for the importer: ACLED export -> event table placed by admin1 name.

    Civilian targeting follows the importer's documented rule for exports without a
    ``civilian_targeting`` column: violence against civilians, plus explosions/remote violence
    whose second actor is civilians (inter2 = 7).
    """
    df = pl.read_csv(csv_path, infer_schema_length=0)
    pcode_of = {name: pcode for pcode, name in ws.config.admin1.items()}
    rows: list[Event] = []
    for r in df.iter_rows(named=True):
        day = date.fromisoformat(r["event_date"])
        fat = int(r["fatalities"] or 0)
        civ = r["event_type"] == "Violence against civilians" or (
            r["event_type"] == "Explosions/Remote violence" and r["inter2"] == "7"
        )
        canonical = ws.config.canonical_admin1(r["admin1"])
        rows.append(
            {
                "source": "acled",
                "source_id": r["event_id_cnty"],
                "event_date": day,
                "year": day.year,
                "event_type": r["event_type"],
                "actor1_category": r["inter1"],
                "fatalities": fat,
                "civilian_targeting": civ,
                "civilian_fatalities": fat if civ else 0,
                "admin1": r["admin1"],
                "admin1_name": canonical,
                "admin1_pcode": pcode_of.get(canonical or ""),
                "admin2": r["admin2"],
                "latitude": float(r["latitude"]),
                "longitude": float(r["longitude"]),
                "placement": "name",
            }
        )
    publish_events(ws, rows)
    return len(rows)


def publish_boundaries(ws: Workspace, path: Path, level: int) -> int:
    """Slot ``boundaries/<level>``: pcode, name, geometry (WKB), as the importer keeps it."""
    _meta, table = pyogrio.read_arrow(path)
    pcode = table.column(f"admin{level}Pcod").to_pylist()
    name = table.column(f"admin{level}Name").to_pylist()
    geom_name = "wkb_geometry" if "wkb_geometry" in table.column_names else "geometry"
    out = pa.table({"pcode": pcode, "name": name, "geometry": table.column(geom_name)})
    staged = ws.staging_file(f"boundaries/{level}")
    pq.write_table(out, staged)
    record = DatasetRecord(
        kind="boundaries",
        source="OCHA COD-AB",
        file_name=path.name,
        sha256="0" * 64,
        accessed=date(2024, 1, 1),
        rows_read=len(pcode),
        rows_accepted=len(pcode),
    )
    ws.publish(f"boundaries/{level}", staged, [record])
    return len(pcode)


def load_real_mali(root: Path, shared: Path) -> Workspace:
    """A workspace holding the real Mali ACLED export and the OCHA admin1 boundaries."""
    ws = Workspace.create(root, country="MLI")
    publish_acled_csv(ws, shared / "acled_mali_smose94" / "Processed_Acled_Mali.csv")
    publish_boundaries(ws, shared / "mali_admin_ocha_codab" / "mli_adm1_regions.geojson", 1)
    return ws
