"""Small facts about the stored events, for other packages (they never query the table).

Each function answers from the current events file; without events it answers empty.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from peaceops.events.query import events_connection
from peaceops.events.schema import EVENTS_SLOT
from peaceops.workspace import Workspace

__all__ = ["event_types_and_admin1", "event_years", "latest_event_by_source"]


def _rows(ws: Workspace, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    if ws.current_file(EVENTS_SLOT) is None:
        return []
    con = events_connection(ws)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def latest_event_by_source(ws: Workspace, as_of: date | None = None) -> dict[str, date]:
    """The latest event date each source contributed (up to ``as_of``), keyed by source name."""
    sql = "SELECT source, max(event_date) FROM events"
    params: list[Any] = []
    if as_of is not None:
        sql += " WHERE event_date <= ?"
        params.append(as_of)
    return {str(src): last for src, last in _rows(ws, sql + " GROUP BY source", params)}


def event_years(ws: Workspace) -> set[int]:
    """The calendar years that have events."""
    rows = _rows(ws, "SELECT DISTINCT year(event_date) FROM events")
    return {int(r[0]) for r in rows if r[0] is not None}


def event_types_and_admin1(ws: Workspace) -> tuple[list[str], list[str]]:
    """The event types and the admin1 names (placed, else the source's) found in the events."""
    types = [r[0] for r in _rows(ws, "SELECT DISTINCT event_type FROM event_months")]
    names = [r[0] for r in _rows(ws, "SELECT DISTINCT a1 FROM event_months")]
    return types, names
