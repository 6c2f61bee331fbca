"""The events table prepared for queries: one in-memory DuckDB connection per events file.

Event files are immutable (an import publishes a new file), so the monthly totals that most
series aggregate are computed once per file, kept in the workspace cache folder for later
processes and in memory for later queries.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

import duckdb

from peaceops.errors import NotFoundError
from peaceops.events.schema import EVENTS_SLOT
from peaceops.sqltext import sql_literal
from peaceops.workspace import Workspace

__all__ = ["events_connection"]

# Bump when the layout of the monthly-totals file changes, so old cache files are ignored.
_MONTHS_VERSION = "v2"


def events_connection(ws: Workspace) -> duckdb.DuckDBPyConnection:
    """A DuckDB cursor with a view ``events`` and a table ``event_months`` (monthly totals).

    ``events`` is the workspace's current events file plus the grouping keys ``a1`` (placed
    admin1 name, else the source's) and ``a2`` (likewise for admin2). ``event_months`` holds
    events, fatalities and civilian fatalities per month, ``a1``, ``a2``, country (``iso3``),
    event type, actor category and civilian flag: series over whole months aggregate it
    instead of every event.
    Event files are immutable (an import publishes a new file), so the monthly totals are
    computed once per file, kept in the workspace cache folder for later processes and in
    the workspace's cache (``Workspace.cached``) for later queries. The caller closes the
    cursor.
    """
    path = ws.current_file(EVENTS_SLOT)
    if path is None:
        raise NotFoundError(
            "no events in this workspace yet", missing="conflict events", remedy="events.import"
        )
    return ws.duckdb(f"events:{path.name}", lambda con: _prepare(con, path, ws.cache_dir))


def _prepare(con: duckdb.DuckDBPyConnection, path: Path, cache_dir: Path) -> None:
    con.execute(
        "CREATE VIEW events AS SELECT *, coalesce(admin1_name, admin1) AS a1, "
        f"coalesce(admin2_name, admin2) AS a2 FROM read_parquet({sql_literal(str(path))})"
    )
    months = cache_dir / f"event_months-{_MONTHS_VERSION}-{path.stem}.parquet"
    if months.is_file():
        try:
            con.execute(
                "CREATE TABLE event_months AS SELECT * FROM "
                f"read_parquet({sql_literal(str(months))})"
            )
            return
        except duckdb.Error:
            pass  # unreadable (removed or half-written by another process): recompute
    con.execute(
        "CREATE OR REPLACE TABLE event_months AS SELECT year::INTEGER AS year, "
        "month(event_date)::INTEGER AS month, a1, a2, iso3, event_type, actor1_category, "
        "civilian_targeting, count(*) AS n, sum(fatalities)::BIGINT AS fatalities, "
        "sum(civilian_fatalities)::BIGINT AS civilian_fatalities FROM events GROUP BY ALL"
    )
    with contextlib.suppress(OSError, duckdb.Error):
        _save_months(con, months)


def _save_months(con: duckdb.DuckDBPyConnection, target: Path) -> None:
    """Keep the monthly totals for later processes (atomically); drop those of older files."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.stem}-{uuid.uuid4().hex}.parquet")
    try:
        con.execute(f"COPY event_months TO {sql_literal(str(tmp))} (FORMAT parquet)")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    for old in target.parent.glob("event_months-*.parquet"):
        if old != target:
            old.unlink(missing_ok=True)
