"""What the workspace holds: event counts, date range, placement and the datasets behind them."""

from __future__ import annotations

from typing import Any

from peaceops.events.schema import EVENTS_SLOT
from peaceops.workspace import Workspace

__all__ = ["events_info"]


def events_info(ws: Workspace) -> dict[str, Any]:
    """Counts per source and placement, date range, boundary levels and provenance records."""
    info: dict[str, Any] = {
        "events": 0,
        "first_date": None,
        "last_date": None,
        "fatalities": 0,
        "by_source": {},
        "placement": {},
        "boundaries": sorted(int(s.split("/")[1]) for s in ws.slots("boundaries/")),
        "gazetteer": ws.current_file("gazetteer") is not None,
        "datasets": [
            {
                "id": d.id,
                "kind": d.kind,
                "citation": d.cite(),
                "rows_read": d.rows_read,
                "rows_accepted": d.rows_accepted,
                "rows_rejected": d.rows_rejected,
                "imported_at": d.imported_at,
            }
            for d in ws.datasets()
            if d.kind in ("events", "boundaries", "gazetteer")
        ],
    }
    if ws.current_file(EVENTS_SLOT) is None:
        return info
    con = ws.duckdb()
    try:
        row = con.execute(
            "SELECT count(*), min(event_date), max(event_date), coalesce(sum(fatalities), 0) "
            "FROM events"
        ).fetchone()
        assert row is not None
        info.update(events=int(row[0]), first_date=row[1], last_date=row[2], fatalities=int(row[3]))
        info["by_source"] = dict(
            con.execute("SELECT source, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall()
        )
        info["placement"] = dict(
            con.execute("SELECT placement, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall()
        )
    finally:
        con.close()
    return info
