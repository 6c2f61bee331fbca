"""Filters of the context analysis: periods, date ranges, event types, actor, regions and
countries as SQL, and the mapping of the events' admin1 names to canonical names and region
groups."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import polars as pl

from peaceops.config import WorkspaceConfig
from peaceops.events.query import events_connection
from peaceops.geo.names import fold_name
from peaceops.workspace import Workspace

__all__ = [
    "OTHER_GROUP",
    "PERIOD_SQL",
    "PERIOD_SQL_MONTHLY",
    "UNKNOWN",
    "Admin1Mapper",
    "a1_names",
    "clamp_to_data",
    "country_a1",
    "period_expr",
    "region_matcher",
    "where_sql",
    "whole_months",
]

OTHER_GROUP = "other"
UNKNOWN = "unknown"


# -- periods: SQL of the (year, sub-period) keys over events or monthly totals, and labels --

PERIOD_SQL = {
    "year": ("year", "0"),
    "quarter": ("year", "quarter(event_date)"),
    "month": ("year", "month(event_date)"),
}
PERIOD_SQL_MONTHLY = {
    "year": ("year", "0"),
    "quarter": ("year", "(month + 2) // 3"),
    "month": ("year", "month"),
}


def period_expr(by: str) -> pl.Expr:
    """Vectorised ``period_label`` over integer columns ``y`` and ``s``."""
    year = pl.col("y").cast(pl.String).str.zfill(4)
    if by == "year":
        return year
    if by == "quarter":
        return pl.concat_str([year, pl.lit("-Q"), pl.col("s").cast(pl.String)])
    return pl.concat_str([year, pl.lit("-"), pl.col("s").cast(pl.String).str.zfill(2)])


# -- filters ----------------------------------------------------------------------------------


def whole_months(start: date | None, end: date | None) -> bool:
    """True when the range starts on a first and ends on a last day of a month (or is open)."""
    if start is not None and start.day != 1:
        return False
    return end is None or (end + timedelta(days=1)).day == 1


def where_sql(
    *,
    civilian: bool,
    start: date | None,
    end: date | None,
    event_types: Sequence[str] | None,
    monthly: bool = False,
    actor: str | None = None,
    a1_names: Sequence[str] | None = None,
) -> tuple[str, list[Any]]:
    """WHERE clause over ``events`` (or over ``event_months`` when ``monthly``; it has no
    actor names, so ``actor`` needs ``events``)."""
    clauses: list[str] = []
    params: list[Any] = []
    if actor:
        clauses.append(
            "(contains(lower(coalesce(actor1, '')), ?) OR contains(lower(coalesce(actor2, '')), ?))"
        )
        params.extend([actor.casefold()] * 2)
    if a1_names is not None:
        if not a1_names:
            clauses.append("false")
        else:
            clauses.append(f"a1 IN ({', '.join('?' for _ in a1_names)})")
            params.extend(a1_names)
    if civilian:
        clauses.append("civilian_targeting")
    if start is not None:
        clauses.append("year * 100 + month >= ?" if monthly else "event_date >= ?")
        params.append(start.year * 100 + start.month if monthly else start)
    if end is not None:
        clauses.append("year * 100 + month <= ?" if monthly else "event_date <= ?")
        params.append(end.year * 100 + end.month if monthly else end)
    if event_types:
        marks = ", ".join("?" for _ in event_types)
        clauses.append(f"lower(event_type) IN ({marks})")
        params.extend(t.casefold() for t in event_types)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


# -- admin1 and region group mapping --------------------------------------------------------


class Admin1Mapper:
    """Canonical admin1 names and region groups for the handful of distinct names in the data."""

    def __init__(self, config: WorkspaceConfig) -> None:
        self._config = config
        self._groups = config.region_group_map()
        self._cache: dict[str | None, tuple[str, str]] = {}

    def admin1(self, name: str | None) -> str:
        return self._lookup(name)[0]

    def region(self, name: str | None) -> str:
        return self._lookup(name)[1]

    def _lookup(self, name: str | None) -> tuple[str, str]:
        hit = self._cache.get(name)
        if hit is None:
            canonical = self._config.canonical_admin1(name) if name else None
            if not canonical:
                hit = (UNKNOWN, UNKNOWN)
            else:
                hit = (canonical, self._groups.get(fold_name(canonical), OTHER_GROUP))
            self._cache[name] = hit
        return hit


def region_matcher(ws: Workspace, regions: Sequence[str]) -> set[str]:
    """Folded names an event's admin1 or region group must match to be kept."""
    return {fold_name(r) for r in regions if r.strip()}


def country_a1(ws: Workspace, con: Any, regions: Sequence[str] | None) -> set[str]:
    """The raw ``a1`` values of the events in the workspace's countries that ``regions`` name
    (by ISO3 code or name: a region filter may be a whole country)."""
    wanted = region_matcher(ws, regions or ())
    codes = [
        e.iso3
        for e in ws.config.country_entries()
        if fold_name(e.iso3) in wanted or fold_name(e.name) in wanted
    ]
    if not codes:
        return set()
    marks = ", ".join("?" for _ in codes)
    sql = f"SELECT DISTINCT a1 FROM event_months WHERE iso3 IN ({marks}) AND a1 IS NOT NULL"
    return {r[0] for r in con.execute(sql, codes).fetchall()}


def a1_names(ws: Workspace, con: Any, regions: Sequence[str] | None) -> list[str] | None:
    """The raw ``a1`` values of the events in the given region groups, admin1 areas or
    countries."""
    if not regions:
        return None
    wanted = region_matcher(ws, regions)
    mapper = Admin1Mapper(ws.config)
    names = [r[0] for r in con.execute("SELECT DISTINCT a1 FROM event_months").fetchall()]
    in_country = country_a1(ws, con, regions)
    return [
        n
        for n in names
        if n is not None
        and (
            fold_name(mapper.admin1(n)) in wanted
            or fold_name(mapper.region(n)) in wanted
            or n in in_country
        )
    ]


def clamp_to_data(
    ws: Workspace, start: date | None, end: date | None
) -> tuple[date | None, date | None]:
    """``start``/``end`` kept within the years the events span, so that no filter value
    (year 1, year 9999) makes a series of millions of empty periods. Whole years are kept,
    so a series over the data's years still shows its empty periods."""
    if start is None and end is None:
        return start, end
    con = events_connection(ws)
    try:
        row = con.execute("SELECT min(year), max(year) FROM event_months").fetchone()
    finally:
        con.close()
    if row is None or row[0] is None:
        return start, end
    first, last = date(int(row[0]), 1, 1), date(int(row[1]), 12, 31)
    if start is not None:
        start = min(max(start, first), date(min(last.year + 1, 9999), 1, 1))
    if end is not None:
        end = max(min(end, last), date(max(first.year - 1, 1), 12, 31))
    return start, end
