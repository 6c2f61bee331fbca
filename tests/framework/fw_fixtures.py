"""Event tables and small frameworks written for the framework tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from peaceops.events.schema import EVENT_SCHEMA, EVENTS_SLOT
from peaceops.provenance import DatasetRecord
from peaceops.workspace import Workspace

PCODES = {"Mopti": "ML05", "Segou": "ML04", "Gao": "ML07", "Kidal": "ML08", "Kayes": "ML01"}


def event(day: date, admin1: str, fatalities: int = 0, **extra: Any) -> dict[str, Any]:
    civ = bool(extra.pop("civilian", False))
    return {
        "source": "acled",
        "event_date": day,
        "year": day.year,
        "event_type": extra.pop("event_type", "Battles"),
        "actor1_category": "State forces",
        "fatalities": fatalities,
        "civilian_targeting": civ,
        "civilian_fatalities": fatalities if civ else 0,
        "admin1": admin1,
        "admin1_name": admin1,
        "admin1_pcode": PCODES.get(admin1),
        "placement": "name",
        **extra,
    }


def publish_events(ws: Workspace, rows: Sequence[dict[str, Any]]) -> None:
    cols: dict[str, list[Any]] = {name: [] for name in EVENT_SCHEMA.names}
    for i, r in enumerate(rows):
        full = {"event_key": f"acled:F{i}", "source_id": f"F{i}", **r}
        for name in cols:
            cols[name].append(full.get(name))
    staged = ws.staging_file(EVENTS_SLOT)
    pq.write_table(pa.table(cols, schema=EVENT_SCHEMA), staged)
    record = DatasetRecord(
        kind="events",
        source="ACLED",
        file_name="test-events.csv",
        sha256="0" * 64,
        accessed=date(2024, 1, 1),
        rows_read=len(rows),
        rows_accepted=len(rows),
    )
    ws.publish(EVENTS_SLOT, staged, [record])


def small_framework(**indicator: Any) -> dict[str, Any]:
    """A one-indicator framework in the nested (YAML) form; fields of the indicator overridable."""
    ind: dict[str, Any] = {
        "id": "I1",
        "name": "Schools reopened",
        "definition": "Schools open in the centre.",
        "unit": "schools",
        "baseline": {"value": 10, "date": date(2019, 1, 1)},
        "target": {"value": 50, "date": date(2020, 12, 31)},
        "direction": "up",
        "frequency": "quarter",
        "source": "Education cluster",
    }
    ind.update(indicator)
    return {
        "framework": {"id": "fw", "name": "Test framework", "mission": "MINUSMA"},
        "priorities": [
            {
                "id": "P1",
                "name": "Centre",
                "areas": [
                    {
                        "id": "A1",
                        "name": "Services",
                        "owner": "Civil Affairs",
                        "outcomes": [{"id": "O1", "name": "Services back", "indicators": [ind]}],
                    }
                ],
            }
        ],
        "benchmarks": [
            {
                "id": "B1",
                "name": "Schools",
                "condition": "50 schools open",
                "target_date": date(2020, 12, 31),
                "indicators": ["I1"],
            }
        ],
        "task_links": [{"task": "StateAuthority", "outcome": "O1"}],
    }
