"""Small, honest event fixtures for brief tests, written straight to the workspace's event slot.

The numbers are chosen so the expected figures can be worked out by hand: see ``EXPECTED``.
"""

from __future__ import annotations

import json
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq

from peaceops.events.schema import EVENT_SCHEMA
from peaceops.provenance import DatasetRecord
from peaceops.workspace import Workspace

__all__ = ["EXPECTED", "publish_boundaries", "publish_events"]

PCODES = {"Mopti": "ML05", "Gao": "ML07", "Kidal": "ML08", "Bamako": "ML09"}
# Rough boxes (lon_min, lat_min, lon_max, lat_max), enough to draw a recognisable map.
BOXES = {
    "ML05": (-5.5, 13.5, -1.5, 16.0),
    "ML07": (-1.5, 14.5, 3.0, 18.0),
    "ML08": (-0.5, 18.0, 4.2, 20.5),
    "ML09": (-8.1, 12.5, -7.8, 12.8),
}

# (date, admin1, fatalities, civilian targeting)
_PLAN: list[tuple[date, str, int, bool]] = []
for year, centre_civ, north_civ, north_other in (
    (2016, 2, 5, 10),
    (2017, 4, 5, 12),
    (2018, 10, 6, 20),
    (2019, 30, 3, 8),
):
    for month in (2, 5, 8, 11):
        _PLAN.append((date(year, month, 10), "Mopti", centre_civ, True))
        _PLAN.append((date(year, month, 12), "Gao", north_civ, True))
        _PLAN.append((date(year, month, 14), "Kidal", north_other, False))
    _PLAN.append((date(year, 6, 1), "Bamako", 1, False))
# A burst of eight threats against civilians without fatalities: an early-warning alert for
# Mopti in 2019-10 (8 events against a 12-month mean of 0.33, floored at 0.5).
for day in range(1, 9):
    _PLAN.append((date(2019, 10, day), "Mopti", 0, True))

# Worked out from _PLAN: four events a year per area (months 2, 5, 8, 11).
EXPECTED = {
    "events": len(_PLAN),
    "fatalities_2019": 4 * (30 + 3 + 8) + 1,
    "centre_civilian_2019": 120,
    "centre_civilian_2018": 40,
    "north_civilian_2019": 12,
    "north_civilian_2018": 24,
}


def publish_events(ws: Workspace, source: str = "ACLED") -> None:
    rows = []
    for i, (day, admin1, fatalities, civilian) in enumerate(_PLAN):
        rows.append(
            {
                "event_key": f"acled:MLI{i}",
                "source": source.casefold(),
                "source_id": f"MLI{i}",
                "source_version": "fixture",
                "dataset_id": None,
                "row_hash": str(i),
                "event_date": day,
                "year": day.year,
                "event_type": "Violence against civilians" if civilian else "Battles",
                "sub_event_type": None,
                "actor1": "Unidentified armed group",
                "actor2": "Civilians" if civilian else "Military Forces",
                "actor1_category": "Political militias",
                "actor2_category": "Civilians" if civilian else "State forces",
                "fatalities": fatalities,
                "fatalities_low": None,
                "fatalities_high": None,
                "civilian_targeting": civilian,
                "civilian_fatalities": fatalities if civilian else 0,
                "country": "Mali",
                "iso3": "MLI",
                "admin1": admin1,
                "admin2": None,
                "admin3": None,
                "location": admin1,
                "latitude": None,
                "longitude": None,
                "geo_precision": None,
                "admin1_pcode": PCODES[admin1],
                "admin1_name": admin1,
                "admin2_pcode": None,
                "admin2_name": None,
                "placement": "name",
                "notes": "fixture event",
                "raw": json.dumps({"i": i}),
            }
        )
    table = pa.Table.from_pylist(rows, schema=EVENT_SCHEMA)
    staged = ws.staging_file("events")
    pq.write_table(table, staged)
    record = DatasetRecord(
        kind="events",
        source=source,
        file_name="fixture_events.csv",
        sha256="ab" * 32,
        accessed=date(2020, 1, 15),
        rows_read=len(rows),
        rows_accepted=len(rows),
    )
    ws.publish("events", staged, [record])


def publish_boundaries(ws: Workspace) -> None:
    """An admin1 boundary slot of four boxes, the shape the events importer writes."""
    import shapely

    names = {v: k for k, v in PCODES.items()}
    table = pa.table(
        {
            "pcode": list(BOXES),
            "name": [names[p] for p in BOXES],
            "geometry": [shapely.to_wkb(shapely.box(*b)) for b in BOXES.values()],
        }
    )
    staged = ws.staging_file("boundaries/1")
    pq.write_table(table, staged)
    record = DatasetRecord(
        kind="boundaries",
        source="OCHA COD-AB",
        file_name="fixture_admin1.geojson",
        sha256="cd" * 32,
        accessed=date(2020, 1, 16),
    )
    ws.publish("boundaries/1", staged, [record])
