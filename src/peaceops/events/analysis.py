"""Context analysis over the workspace's event table: series, breakdowns and a summary.

Everything here reads the ``events`` slot through DuckDB and returns polars DataFrames (or
small frozen dataclasses), so the CLI, the web app, the brief and computed indicators all use
the same figures.

``series`` is the main entry point::

    series(ws, by="year", group="region", civilian=True, start=date(2012, 1, 1))

Rules that shape every figure:

* **Periods** are strings: ``"2019"``, ``"2019-Q2"``, ``"2019-05"``. Every period between the
  start and the end appears, with zeros when nothing happened (continuous series). Without
  ``start``/``end`` the range is the first to the last event in the workspace.
* **Region groups** come from the workspace configuration (``region_groups``), applied to the
  admin1 name peaceops placed the event in (``admin1_name``), falling back to the source's own
  admin1 name canonicalised with the configured aliases. An event whose admin1 is in no group
  counts as ``"other"``; one with no admin1 at all as ``"unknown"``.
* **Civilian targeting** (``civilian=True``) keeps only the events the importer flagged as
  targeting civilians and counts their ``civilian_fatalities`` as the fatalities.
* **Share** (grouped series only) is the group's share of the period's fatalities (0 to 1;
  0 when the period has no fatalities).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, cast

import polars as pl

from peaceops.errors import InputError
from peaceops.events.filters import (
    PERIOD_SQL,
    PERIOD_SQL_MONTHLY,
    UNKNOWN,
    Admin1Mapper,
    a1_names,
    clamp_to_data,
    country_a1,
    period_expr,
    region_matcher,
    where_sql,
    whole_months,
)
from peaceops.events.query import events_connection
from peaceops.geo.names import fold_name
from peaceops.period import KINDS, DateLike, PeriodKind, as_day, periods
from peaceops.workspace import Workspace

__all__ = [
    "GROUPS",
    "PERIODS",
    "AreaTotals",
    "ContextSummary",
    "Grouping",
    "area_totals",
    "breakdown",
    "breakdown_of",
    "event_range",
    "events_connection",
    "series",
    "summary",
]

Grouping = Literal["region", "admin1", "admin2", "event_type", "actor", "country"]

PERIODS: tuple[str, ...] = KINDS
GROUPS: tuple[str, ...] = ("region", "admin1", "admin2", "event_type", "actor", "country")


# SQL expression of the raw grouping key per grouping; region/admin1 are mapped in Python
# afterwards (a handful of distinct names), which keeps the scan a single GROUP BY.
_GROUP_SQL = {
    "region": "a1",
    "admin1": "a1",
    "admin2": "a2",
    "event_type": "event_type",
    "actor": "actor1_category",
    "country": "iso3",  # shown as the country's name
}


def _check_by(by: str) -> None:
    if by not in PERIODS:
        raise InputError(f"unknown period {by!r} (use one of: {', '.join(PERIODS)})")


def _check_group(group: str | None) -> None:
    if group is not None and group not in GROUPS:
        raise InputError(f"unknown grouping {group!r} (use one of: {', '.join(GROUPS)})")


def event_range(ws: Workspace) -> tuple[date, date] | None:
    """First and last event date in the workspace, or None when there are no events."""
    con = events_connection(ws)
    try:
        row = con.execute("SELECT min(event_date), max(event_date) FROM events").fetchone()
    finally:
        con.close()
    if row is None or row[0] is None:
        return None
    return row[0], row[1]


# -- series ---------------------------------------------------------------------------------


def series(
    ws: Workspace,
    by: str = "year",
    group: str | None = None,
    civilian: bool = False,
    start: DateLike | None = None,
    end: DateLike | None = None,
    event_types: Sequence[str] | None = None,
    regions: Sequence[str] | None = None,
    actor: str | None = None,
) -> pl.DataFrame:
    """Events and fatalities per period, optionally per group, as a continuous series.

    Args:
        by: ``"year"``, ``"quarter"`` or ``"month"``.
        group: None, ``"region"`` (region groups; column ``region``), ``"admin1"``,
            ``"admin2"``, ``"event_type"``, ``"actor"`` (the primary actor's category) or
            ``"country"`` (the country's name, for a workspace of several countries).
        civilian: only civilian-targeting events; fatalities are ``civilian_fatalities``.
        start, end: inclusive date bounds; they also fix the first and last period shown.
        event_types: keep only these event types (case-insensitive).
        regions: keep only events whose region group, admin1 name or country (ISO3 code or
            name) is one of these (accent- and case-insensitive), e.g. ``["centre"]``,
            ``["Mopti", "Gao"]`` or ``["BFA"]``.
        actor: keep only events whose first or second actor's name contains this text
            (case-insensitive).

    Returns:
        A DataFrame sorted by period (then group) with columns ``period`` (str), the group
        column when grouped, ``events`` (int), ``fatalities`` (int) and, when grouped,
        ``share`` (float, the group's share of the period's fatalities).

    Raises:
        InputError: an unknown ``by`` or ``group``.
        NotFoundError: no events have been imported into the workspace.
    """
    start = as_day(start, field="start")
    end = as_day(end, end=True, field="end")
    _check_by(by)
    _check_group(group)
    if start is not None and end is not None and start > end:
        raise InputError(f"the start date {start} is after the end date {end}")
    start, end = clamp_to_data(ws, start, end)
    group_col = group if group is not None else None
    value = "civilian_fatalities" if civilian else "fatalities"
    monthly = whole_months(start, end) and not actor
    table, count = ("event_months", "sum(n)") if monthly else ("events", "count(*)")
    year_sql, sub_sql = (PERIOD_SQL_MONTHLY if monthly else PERIOD_SQL)[by]
    where, params = where_sql(
        civilian=civilian,
        start=start,
        end=end,
        event_types=event_types,
        monthly=monthly,
        actor=actor,
    )
    keys = [f"{year_sql} AS y", f"{sub_sql} AS s"]
    need_admin1 = bool(regions) or group in ("region", "admin1")
    if need_admin1:
        keys.append("a1::VARCHAR AS a1")
    if group is not None and group not in ("region", "admin1"):
        keys.append(f"{_GROUP_SQL[group]}::VARCHAR AS g")
    key_names = [k.rsplit(" AS ", 1)[1] for k in keys]
    sql = (
        f"SELECT {', '.join(keys)}, {count}::BIGINT AS events, "
        f"coalesce(sum({value}), 0)::BIGINT AS fatalities FROM {table}{where} "
        f"GROUP BY {', '.join(key_names)}"
    )
    con = events_connection(ws)
    try:
        rows = con.execute(sql, params).fetchall()
        in_country = country_a1(ws, con, regions)
        if start is None or end is None:
            row = con.execute("SELECT min(event_date), max(event_date) FROM events").fetchone()
            data_first, data_last = (row[0], row[1]) if row else (None, None)
        else:
            data_first, data_last = start, end
    finally:
        con.close()

    schema: dict[str, Any] = {n: (pl.String if n in ("a1", "g") else pl.Int64) for n in key_names}
    schema.update(events=pl.Int64, fatalities=pl.Int64)
    agg = pl.DataFrame(rows, schema=schema, orient="row")

    first = start if start is not None else data_first
    last = end if end is not None else data_last
    kind = cast(PeriodKind, by)  # checked above
    spans = periods(kind, first, last) if first is not None and last is not None else []
    labels = [p.label for p in spans]

    agg = agg.with_columns(period_expr(by).alias("period"))

    mapper = Admin1Mapper(ws.config)
    if need_admin1:
        names = agg.get_column("a1").unique().to_list()
        a1_map = {n: mapper.admin1(n) for n in names}
        rg_map = {n: mapper.region(n) for n in names}
        agg = agg.with_columns(
            pl.col("a1").replace_strict(a1_map, return_dtype=pl.String).alias("_admin1"),
            pl.col("a1").replace_strict(rg_map, return_dtype=pl.String).alias("_region"),
        )
        if regions:
            wanted = region_matcher(ws, regions)
            keep_names = {
                n
                for n in names
                if fold_name(a1_map[n]) in wanted
                or fold_name(rg_map[n]) in wanted
                or n in in_country
            }
            agg = agg.filter(pl.col("a1").is_in(list(keep_names)))
    if group == "region":
        agg = agg.with_columns(pl.col("_region").alias("g"))
    elif group == "admin1":
        agg = agg.with_columns(pl.col("_admin1").alias("g"))
    elif group is not None:
        agg = agg.with_columns(pl.col("g").fill_null(UNKNOWN).cast(pl.String))
    if group == "country":
        names_of = {e.iso3: e.name for e in ws.config.country_entries()}
        agg = agg.with_columns(pl.col("g").replace(names_of))

    if group is None:
        out = agg.group_by("period").agg(pl.col("events").sum(), pl.col("fatalities").sum())
        frame = pl.DataFrame({"period": labels}, schema={"period": pl.String})
        extra = out.filter(~pl.col("period").is_in(labels)).select("period")
        frame = pl.concat([frame, extra]) if extra.height else frame
        result = frame.join(out, on="period", how="left").with_columns(
            pl.col("events").fill_null(0).cast(pl.Int64),
            pl.col("fatalities").fill_null(0).cast(pl.Int64),
        )
        return result.sort("period")

    name = "region" if group == "region" else str(group_col)
    out = agg.group_by("period", "g").agg(pl.col("events").sum(), pl.col("fatalities").sum())
    groups = sorted(set(out.get_column("g").to_list()))
    if group in ("region", "country") and not regions:
        configured = (
            list(ws.config.region_groups)
            if group == "region"
            else [e.name for e in ws.config.country_entries()]
        )
        groups = configured + [g for g in groups if g not in configured]
    all_periods = sorted(set(labels) | set(out.get_column("period").to_list()))
    grid = pl.DataFrame({"period": all_periods}, schema={"period": pl.String}).join(
        pl.DataFrame({"g": groups}, schema={"g": pl.String}), how="cross"
    )
    result = (
        grid.join(out, on=["period", "g"], how="left")
        .with_columns(
            pl.col("events").fill_null(0).cast(pl.Int64),
            pl.col("fatalities").fill_null(0).cast(pl.Int64),
        )
        .with_columns(pl.col("fatalities").sum().over("period").alias("_total"))
        .with_columns(
            pl.when(pl.col("_total") > 0)
            .then(pl.col("fatalities") / pl.col("_total"))
            .otherwise(0.0)
            .cast(pl.Float64)
            .alias("share")
        )
        .drop("_total")
        .rename({"g": name})
    )
    order = {g: i for i, g in enumerate(groups)}
    return (
        result.with_columns(
            pl.col(name).replace_strict(order, return_dtype=pl.Int64).alias("_order")
        )
        .sort("period", "_order")
        .drop("_order")
        .select("period", name, "events", "fatalities", "share")
    )


def breakdown(
    ws: Workspace,
    group: str = "region",
    civilian: bool = False,
    start: DateLike | None = None,
    end: DateLike | None = None,
    event_types: Sequence[str] | None = None,
    regions: Sequence[str] | None = None,
    actor: str | None = None,
) -> pl.DataFrame:
    """Totals per group over the whole range: ``<group>, events, fatalities, share``.

    Sorted by fatalities, largest first. Same rules as ``series``.
    """
    start = as_day(start, field="start")
    end = as_day(end, end=True, field="end")
    _check_group(group)
    per = series(
        ws,
        by="year",
        group=group,
        civilian=civilian,
        start=start,
        end=end,
        event_types=event_types,
        regions=regions,
        actor=actor,
    )
    return breakdown_of(per, "region" if group == "region" else group)


def breakdown_of(per: pl.DataFrame, name: str) -> pl.DataFrame:
    """The ``breakdown`` of a series grouped by ``name`` (any period): its totals per group,
    largest first. A caller holding the grouped series needs no second query."""
    totals = per.group_by(name).agg(pl.col("events").sum(), pl.col("fatalities").sum())
    total = int(totals.get_column("fatalities").sum() or 0)
    return totals.with_columns(
        (pl.col("fatalities") / total if total else pl.lit(0.0)).cast(pl.Float64).alias("share")
    ).sort(["fatalities", name], descending=[True, False])


# -- areas (maps) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaTotals:
    """Events and fatalities in one placed admin area over a period."""

    pcode: str
    name: str
    events: int
    fatalities: int


def area_totals(
    ws: Workspace,
    level: int = 1,
    civilian: bool = False,
    start: DateLike | None = None,
    end: DateLike | None = None,
    event_types: Sequence[str] | None = None,
    regions: Sequence[str] | None = None,
    actor: str | None = None,
) -> list[AreaTotals]:
    """Totals per placed admin area (P-code) at level 1 or 2; unplaced events are left out.

    ``event_types``, ``regions`` and ``actor`` narrow the events as in ``series``."""
    start = as_day(start, field="start")
    end = as_day(end, end=True, field="end")
    if level not in (1, 2):
        raise InputError(f"the admin level must be 1 or 2, not {level}", field="level")
    value = "civilian_fatalities" if civilian else "fatalities"
    con = events_connection(ws)
    try:
        where, params = where_sql(
            civilian=civilian,
            start=start,
            end=end,
            event_types=event_types,
            actor=actor,
            a1_names=a1_names(ws, con, regions),
        )
        cond = f"admin{level}_pcode IS NOT NULL"
        where = f"{where} AND {cond}" if where else f" WHERE {cond}"
        sql = (
            f"SELECT admin{level}_pcode, any_value(admin{level}_name), count(*), "
            f"coalesce(sum({value}), 0)::BIGINT FROM events{where} GROUP BY 1 ORDER BY 4 DESC, 1"
        )
        rows = con.execute(sql, params).fetchall()
    finally:
        con.close()
    return [AreaTotals(str(p), str(n or p), int(e), int(f)) for p, n, e, f in rows]


# -- summary --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContextSummary:
    """Headline figures for a date range."""

    first_date: date | None
    last_date: date | None
    events: int
    fatalities: int
    civilian_events: int
    civilian_fatalities: int
    regions: tuple[tuple[str, int], ...]  # (region group, fatalities), largest first
    top_admin1: tuple[tuple[str, int], ...]  # (admin1, fatalities), largest first, up to 5
    # (country, events, fatalities) in a workspace of several countries, largest first
    countries: tuple[tuple[str, int, int], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "first_date": self.first_date,
            "last_date": self.last_date,
            "events": self.events,
            "fatalities": self.fatalities,
            "civilian_events": self.civilian_events,
            "civilian_fatalities": self.civilian_fatalities,
            "regions": [{"region": r, "fatalities": f} for r, f in self.regions],
            "top_admin1": [{"admin1": a, "fatalities": f} for a, f in self.top_admin1],
            "countries": [
                {"country": c, "events": e, "fatalities": f} for c, e, f in self.countries
            ],
        }


def summary(
    ws: Workspace,
    start: DateLike | None = None,
    end: DateLike | None = None,
    event_types: Sequence[str] | None = None,
    regions: Sequence[str] | None = None,
    actor: str | None = None,
    *,
    breakdowns: bool = True,
    region_series: pl.DataFrame | None = None,
) -> ContextSummary:
    """Totals, date range and the regions and admin1 areas (and countries) with most fatalities.

    ``event_types``, ``regions`` and ``actor`` narrow the events as in ``series``. Without
    ``breakdowns`` the regions and admin1 areas are left empty (two queries fewer);
    ``region_series`` is the same selection's ``series(group="region")`` when the caller has
    it: the regions are its totals."""
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
            "SELECT min(event_date), max(event_date), count(*), coalesce(sum(fatalities), 0), "
            "count(*) FILTER (WHERE civilian_targeting), "
            "coalesce(sum(civilian_fatalities) FILTER (WHERE civilian_targeting), 0) "
            f"FROM events{where}"
        )
        row = con.execute(sql, params).fetchone()
    finally:
        con.close()
    assert row is not None
    narrow: dict[str, Any] = {"event_types": event_types, "regions": regions, "actor": actor}
    if not breakdowns:
        empty = pl.DataFrame(
            schema={"region": pl.String, "admin1": pl.String, "fatalities": pl.Int64}
        )
        by_region = admin1 = empty
    else:
        by_region = (
            breakdown_of(region_series, "region")
            if region_series is not None
            else breakdown(ws, "region", start=start, end=end, **narrow)
        )
        admin1 = breakdown(ws, "admin1", start=start, end=end, **narrow)
    several = breakdowns and ws.config.several_countries
    by_country = breakdown(ws, "country", start=start, end=end, **narrow) if several else None
    return ContextSummary(
        first_date=row[0],
        last_date=row[1],
        events=int(row[2]),
        fatalities=int(row[3]),
        civilian_events=int(row[4]),
        civilian_fatalities=int(row[5]),
        regions=tuple(
            (str(r), int(f)) for r, f in by_region.select("region", "fatalities").iter_rows()
        ),
        top_admin1=tuple(
            (str(a), int(f)) for a, f in admin1.select("admin1", "fatalities").head(5).iter_rows()
        ),
        countries=()
        if by_country is None
        else tuple(
            (str(c), int(e), int(f))
            for c, e, f in by_country.select("country", "events", "fatalities").iter_rows()
        ),
    )
