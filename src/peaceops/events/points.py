"""Placed events as points, for GIS exports (GeoJSON, GeoPackage, GeoParquet)."""

from __future__ import annotations

import polars as pl

from peaceops.events.query import events_connection
from peaceops.period import DateLike, as_day
from peaceops.workspace import Workspace

__all__ = ["POINT_COLUMNS", "event_points"]

POINT_COLUMNS = (
    "event_key",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "fatalities",
    "civilian_targeting",
    "civilian_fatalities",
    "location",
    "admin1_pcode",
    "admin1_name",
    "admin2_pcode",
    "admin2_name",
    "placement",
    "latitude",
    "longitude",
)


def event_points(
    ws: Workspace, start: DateLike | None = None, end: DateLike | None = None
) -> pl.DataFrame:
    """Events with coordinates between ``start`` and ``end`` (inclusive), oldest first."""
    start = as_day(start, field="start")
    end = as_day(end, end=True, field="end")
    where = ["latitude IS NOT NULL", "longitude IS NOT NULL"]
    params: list[object] = []
    if start is not None:
        where.append("event_date >= ?")
        params.append(start)
    if end is not None:
        where.append("event_date <= ?")
        params.append(end)
    con = events_connection(ws)
    try:
        rows = con.execute(
            f"SELECT {', '.join(POINT_COLUMNS)} FROM events WHERE {' AND '.join(where)} "
            "ORDER BY event_date, event_key",
            params,
        ).fetchall()
    finally:
        con.close()
    return pl.DataFrame(rows, schema=list(POINT_COLUMNS), orient="row")
