"""The actor fields of every event, for the actor registry to map (``peaceops.actors``).

ACLED names up to four actors per event: ``actor1`` and ``actor2`` (stored in their own
columns) and the associated actors ``assoc_actor_1`` and ``assoc_actor_2`` (kept in the raw
source row; several names separated by ``;``). UCDP names two sides, stored as actor1/actor2.
"""

from __future__ import annotations

import polars as pl

from peaceops.events.query import events_connection
from peaceops.workspace import Workspace

__all__ = ["ACTOR_ROLES", "event_actor_fields"]

# role -> side of the event (1: the actor that acted, 2: the one acted upon)
ACTOR_ROLES: dict[str, int] = {
    "actor1": 1,
    "assoc_actor_1": 1,
    "actor2": 2,
    "assoc_actor_2": 2,
}


def event_actor_fields(ws: Workspace) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The events (one row each) and their actor names (one row per event, role and name).

    Events: ``event_key, source, event_date, year, month, admin1, event_type, sub_event_type,
    fatalities, civilian_targeting, civilian_fatalities, actor1, actor2, notes``; ``admin1``
    is the placed admin1 name, else the source's.
    Names: ``event_key, role, side, name`` with associated actors split on ``;`` and trimmed.
    """
    con = events_connection(ws)
    try:
        events_table = con.sql(
            "SELECT event_key, source, event_date, year::INTEGER AS year, "
            "month(event_date)::INTEGER AS month, a1::VARCHAR AS admin1, event_type, "
            "sub_event_type, fatalities::BIGINT AS fatalities, civilian_targeting, "
            "civilian_fatalities::BIGINT AS civilian_fatalities, actor1, actor2, notes "
            "FROM events"
        ).to_arrow_table()
        names_table = con.sql(
            "WITH fields AS (SELECT event_key, actor1, actor2, "
            "CASE WHEN raw IS NULL OR raw = '' THEN NULL "
            "ELSE json_extract_string(raw, '$.assoc_actor_1') END AS assoc_actor_1, "
            "CASE WHEN raw IS NULL OR raw = '' THEN NULL "
            "ELSE json_extract_string(raw, '$.assoc_actor_2') END AS assoc_actor_2 "
            "FROM events), "
            "long AS (UNPIVOT fields ON actor1, assoc_actor_1, actor2, assoc_actor_2 "
            "INTO NAME role VALUE names) "
            "SELECT event_key, role, trim(unnest(string_split(names, ';'))) AS name FROM long "
            "WHERE names IS NOT NULL AND trim(names) <> ''"
        ).to_arrow_table()
    finally:
        con.close()
    events = pl.DataFrame(pl.from_arrow(events_table))
    names = pl.DataFrame(pl.from_arrow(names_table))
    names = names.filter(pl.col("name") != "").with_columns(
        pl.col("role").replace_strict(ACTOR_ROLES, return_dtype=pl.Int8).alias("side")
    )
    return events, names
