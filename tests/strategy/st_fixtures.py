"""A small strategy written for the tests, and helpers to vary it."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

SMALL: dict[str, Any] = {
    "strategy": {
        "id": "s1",
        "mission": "TESTMIS",
        "name": "Test strategy",
        "period": {"start": "2019-07-01", "end": "2020-06-30"},
        "end_state": "A settlement holds without the mission.",
        "source": "written for the tests",
        "mandate_tasks": ["PeaceProcess", "CivProtect", "ElectAssist"],
        "renewals": ["2019-06-28", "2020-06-29"],
    },
    "priorities": [
        {
            "id": "P1",
            "name": "Support the agreement",
            "resolution": "S/RES/1 (2019)",
            "paragraph": "20",
            "objectives": [
                {
                    "id": "O1",
                    "name": "Reforms adopted",
                    "theory_of_change": "If talks go on, then reforms pass, because of pressure.",
                    "tasks": ["PeaceProcess", "28(a)"],
                    "indicators": ["I1"],
                },
                {
                    "id": "O2",
                    "name": "Civilians safer",
                    "theory_of_change": "If patrols deter, then attacks fall, because risk rises.",
                    "tasks": ["CivProtect"],
                },
                {
                    "id": "O3",
                    "name": "Buy-in",
                    "theory_of_change": "If people are heard, then they back it, because voice.",
                },
            ],
        }
    ],
    "assumptions": [
        {
            "id": "A1",
            "text": "Parties keep the ceasefire",
            "objectives": ["O1", "O2"],
            "history": [
                {"date": "2019-09-01", "status": "holds", "source": "report X, p. 3"},
                {"date": "2020-03-01", "status": "at risk", "source": "report Y, s. 2"},
            ],
        },
        {"id": "A2", "text": "Donors fund it", "objectives": ["O2"]},
    ],
    "stakeholders": [
        {
            "id": "GOV",
            "name": "Government",
            "kind": "government",
            "levers": ["good offices", "pressure"],
            "objectives": ["O1"],
            "positions": [
                {
                    "date": "2019-06-01",
                    "interest": "high",
                    "influence": "high",
                    "stance": "ambivalent",
                    "source": "report X",
                },
                {
                    "date": "2020-08-01",
                    "interest": "high",
                    "influence": "high",
                    "stance": "supportive",
                    "source": "report Z",
                },
            ],
        },
        {"id": "CSO", "name": "Civil society", "kind": "civil society"},
    ],
    "consultations": [
        {
            "date": "2019-10-02",
            "stakeholders": ["GOV"],
            "objectives": ["O1"],
            "format": "meeting",
            "points": "Calendar of reforms.",
            "source": "mission notes",
        }
    ],
}


def small() -> dict[str, Any]:
    return copy.deepcopy(SMALL)


def write_yaml(tmp_path: Path, data: dict[str, Any], name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def publish_events(ws: Any, rows: list[dict[str, Any]]) -> None:
    """Publish hand-written events (dicts of event fields) as the workspace's event data."""
    from datetime import date as _date

    import pyarrow as pa
    import pyarrow.parquet as pq

    from peaceops.events.schema import EVENT_SCHEMA, EVENTS_SLOT
    from peaceops.provenance import DatasetRecord

    cols: dict[str, list[Any]] = {name: [] for name in EVENT_SCHEMA.names}
    for i, r in enumerate(rows):
        day = r["event_date"]
        full = {
            "event_key": f"acled:S{i}",
            "source_id": f"S{i}",
            "source": "acled",
            "year": day.year,
            "event_type": "Battles",
            "civilian_targeting": False,
            "civilian_fatalities": 0,
            "fatalities": 0,
            "admin1_name": r["admin1"],
            "placement": "name",
            **r,
        }
        for name in cols:
            cols[name].append(full.get(name))
    staged = ws.staging_file(EVENTS_SLOT)
    pq.write_table(pa.table(cols, schema=EVENT_SCHEMA), staged)
    record = DatasetRecord(
        kind="events",
        source="ACLED",
        file_name="strategy-test-events.csv",
        sha256="1" * 64,
        accessed=_date(2024, 1, 1),
        rows_read=len(rows),
        rows_accepted=len(rows),
    )
    ws.publish(EVENTS_SLOT, staged, [record])
