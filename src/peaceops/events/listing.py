"""The latest events of a selection, one by one (the context page's event table, downloads)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from peaceops.events.filters import Admin1Mapper, a1_names, where_sql
from peaceops.events.query import events_connection
from peaceops.period import DateLike, as_day
from peaceops.workspace import Workspace

__all__ = ["event_list"]


def event_list(
    ws: Workspace,
    start: DateLike | None = None,
    end: DateLike | None = None,
    event_types: Sequence[str] | None = None,
    regions: Sequence[str] | None = None,
    actor: str | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """The latest events of a selection (newest first, at most ``limit``), for reading them
    one by one: date, type, actors, place, fatalities and the source's id."""
    start = as_day(start, field="start")
    end = as_day(end, end=True, field="end")
    con = events_connection(ws)
    try:
        where, params = where_sql(
            civilian=False,
            start=start,
            end=end,
            event_types=event_types,
            actor=actor,
            a1_names=a1_names(ws, con, regions),
        )
        sql = (
            "SELECT event_date, event_type, sub_event_type, actor1, actor2, a1, a2, location, "
            f"fatalities, civilian_targeting, source, source_id FROM events{where} "
            "ORDER BY event_date DESC, source_id LIMIT ?"
        )
        rows = con.execute(sql, [*params, max(0, int(limit))]).fetchall()
    finally:
        con.close()
    mapper = Admin1Mapper(ws.config)
    keys = (
        "date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "admin2",
        "location", "fatalities", "civilian_targeting", "source", "source_id",
    )  # fmt: skip
    out = []
    for row in rows:
        item = dict(zip(keys, row, strict=True))
        item["admin1"] = mapper.admin1(item["admin1"]) if item["admin1"] else ""
        out.append(item)
    return out
