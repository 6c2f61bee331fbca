"""The canonical event table: one row per event, whatever the source (ACLED, UCDP GED).

Stored as Parquet in the workspace slot ``events`` and queried with DuckDB (view ``events``).
Source-specific fields are mapped onto shared columns; the source's own row is kept in ``raw``
(JSON) so nothing the source said is lost.
"""

from __future__ import annotations

import pyarrow as pa

__all__ = [
    "ACTOR_CATEGORIES",
    "ACTOR_CATEGORY_TEXTS",
    "EVENTS_SLOT",
    "EVENT_COLUMNS",
    "EVENT_SCHEMA",
    "PLACEMENTS",
]

EVENTS_SLOT = "events"

EVENT_SCHEMA = pa.schema(
    [
        # identity and provenance
        pa.field("event_key", pa.string(), nullable=False),  # "<source>:<source_id>", unique
        pa.field("source", pa.string(), nullable=False),  # "acled" | "ucdp"
        pa.field("source_id", pa.string(), nullable=False),  # event_id_cnty (ACLED), id (UCDP)
        pa.field("source_version", pa.string()),  # ACLED timestamp, UCDP version
        pa.field("dataset_id", pa.int64()),  # provenance record of the import that wrote it
        pa.field("row_hash", pa.string()),  # hash of the source fields: detects revisions
        # when
        pa.field("event_date", pa.date32(), nullable=False),
        pa.field("year", pa.int16(), nullable=False),
        # what
        pa.field("event_type", pa.string()),  # ACLED event_type; UCDP violence type name
        pa.field("sub_event_type", pa.string()),
        pa.field("actor1", pa.string()),
        pa.field("actor2", pa.string()),
        pa.field("actor1_category", pa.string()),  # one of ACTOR_CATEGORIES
        pa.field("actor2_category", pa.string()),
        pa.field("fatalities", pa.int32(), nullable=False),  # ACLED fatalities; UCDP best
        pa.field("fatalities_low", pa.int32()),  # UCDP low
        pa.field("fatalities_high", pa.int32()),  # UCDP high
        pa.field("civilian_targeting", pa.bool_(), nullable=False),
        pa.field("civilian_fatalities", pa.int32(), nullable=False),
        # where, as the source said it
        pa.field("country", pa.string()),
        pa.field("iso3", pa.string()),
        pa.field("admin1", pa.string()),
        pa.field("admin2", pa.string()),
        pa.field("admin3", pa.string()),
        pa.field("location", pa.string()),
        pa.field("latitude", pa.float64()),
        pa.field("longitude", pa.float64()),
        pa.field("geo_precision", pa.int8()),
        # where, as peaceops placed it against the workspace's boundaries
        pa.field("admin1_pcode", pa.string()),
        pa.field("admin1_name", pa.string()),
        pa.field("admin2_pcode", pa.string()),
        pa.field("admin2_name", pa.string()),
        pa.field("placement", pa.string(), nullable=False),  # one of PLACEMENTS
        # text
        pa.field("notes", pa.string()),
        pa.field("raw", pa.string()),  # the source row as JSON
    ]
)

EVENT_COLUMNS = tuple(EVENT_SCHEMA.names)

# ACLED inter codes 1-8 and the categories UCDP sides are mapped onto.
ACTOR_CATEGORIES = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}

# ACLED's text actor types across vintages (current exports write "Rebel group", older ones and
# the codebook's tables "Rebel groups"; "Communal militia" and "Ethnic militia" preceded
# "Identity militia"), lower-cased, onto the one vocabulary of ACTOR_CATEGORIES.
ACTOR_CATEGORY_TEXTS = {
    "state forces": "State forces",
    "state force": "State forces",
    "rebel groups": "Rebel groups",
    "rebel group": "Rebel groups",
    "political militias": "Political militias",
    "political militia": "Political militias",
    "identity militias": "Identity militias",
    "identity militia": "Identity militias",
    "communal militias": "Identity militias",
    "communal militia": "Identity militias",
    "ethnic militias": "Identity militias",
    "ethnic militia": "Identity militias",
    "rioters": "Rioters",
    "rioter": "Rioters",
    "protesters": "Protesters",
    "protester": "Protesters",
    "civilians": "Civilians",
    "civilian": "Civilians",
    "external/other forces": "External/Other forces",
    "external/other force": "External/Other forces",
    "other forces": "External/Other forces",
    "external forces": "External/Other forces",
}

# point: inside a boundary polygon; name: matched by admin/location name (no usable
# coordinates, or a point outside every polygon); source: boundaries not loaded yet, the
# source's own admin1 name is used; unplaced: none of these worked.
PLACEMENTS = ("point", "name", "source", "unplaced")
