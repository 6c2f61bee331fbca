"""The stored event table as a data frame, for analysts who go on in polars or pandas.

``events_frame(ws).to_pandas()`` gives a pandas DataFrame; pandas is not a dependency of
peaceops itself (install ``peaceops[pandas]`` or pandas on its own).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from peaceops.errors import InputError
from peaceops.events.query import events_connection
from peaceops.events.schema import EVENT_COLUMNS
from peaceops.period import DateLike, as_day
from peaceops.workspace import Workspace

__all__ = ["DEFAULT_COLUMNS", "events_frame"]

# Every stored column but ``raw`` (the source row as JSON: as large as the rest together).
DEFAULT_COLUMNS: tuple[str, ...] = tuple(c for c in EVENT_COLUMNS if c != "raw")


def events_frame(
    ws: Workspace,
    start: DateLike | None = None,
    end: DateLike | None = None,
    *,
    columns: Sequence[str] | None = None,
) -> pl.DataFrame:
    """The workspace's events between ``start`` and ``end`` (inclusive), oldest first.

    ``start`` and ``end`` are dates or ISO strings (``"2019"``, ``"2019-06"``,
    ``"2019-06-30"``; a year or month as ``end`` means its last day). ``columns`` picks stored
    columns (default: all but ``raw``); an unknown name is an ``InputError`` naming it. Raises
    ``NotFoundError`` when no events have been imported.
    """
    first = as_day(start, field="start")
    last = as_day(end, end=True, field="end")
    if first is not None and last is not None and first > last:
        raise InputError(f"the start date {first} is after the end date {last}", field="start")
    wanted = tuple(columns) if columns is not None else DEFAULT_COLUMNS
    unknown = [c for c in wanted if c not in EVENT_COLUMNS]
    if unknown or not wanted:
        raise InputError(
            f"unknown event column(s): {', '.join(unknown) or '(none given)'}; "
            f"stored columns: {', '.join(EVENT_COLUMNS)}",
            field="columns",
        )
    where: list[str] = []
    params: list[object] = []
    if first is not None:
        where.append("event_date >= ?")
        params.append(first)
    if last is not None:
        where.append("event_date <= ?")
        params.append(last)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    select = ", ".join(f'"{c}"' for c in wanted)
    con = events_connection(ws)
    try:
        table = con.sql(
            f"SELECT {select} FROM events{clause} ORDER BY event_date, event_key", params=params
        ).to_arrow_table()
    finally:
        con.close()
    return pl.DataFrame(table)
