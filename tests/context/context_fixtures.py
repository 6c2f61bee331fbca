"""Hand-made event tables for the context-analysis tests, published into a workspace."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from peaceops.events.geography import import_boundaries
from peaceops.events.importer import import_events
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


def load_real_mali(root: Path, shared: Path) -> Workspace:
    """A workspace holding the real Mali ACLED export placed on the OCHA admin1/admin2 areas."""
    ws = Workspace.create(root, country="MLI")
    admin = shared / "mali_admin_ocha_codab"
    import_boundaries(ws, admin / "mli_adm1_regions.geojson", 1)
    import_boundaries(ws, admin / "mli_adm2_cercles.geojson", 2)
    import_events(ws, shared / "acled_mali_smose94" / "Processed_Acled_Mali.csv")
    return ws
