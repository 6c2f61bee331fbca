"""Who fights whom, who harms civilians, attacks on the mission: analyses over mapped actors.

Every function takes a workspace, reads the events with their canonical actors
(``mapping.actor_frames``) and returns a polars DataFrame (or a small frozen record), so the
CLI, the web, the plan report and the brief show the same figures.

Rules shared by every function:

* **Side 1 and side 2.** ACLED's ``actor1`` (with ``assoc_actor_1``) acted; ``actor2`` (with
  ``assoc_actor_2``) was acted upon. In civilian-targeting events the perpetrator is
  ``actor1``'s canonical actor.
* **Periods, dates and regions** follow the context analysis (``peaceops.events.analysis``):
  labels ``2019``, ``2019-Q2``, ``2019-05``; every period between start and end appears;
  inclusive dates; region groups from the workspace configuration.
* **Civilian targeting** keeps the events the importer flagged as targeting civilians and counts
  their civilian fatalities.
* A name the registry does not know is ``unmapped`` (see ``coverage``); ACLED's "Unidentified
  Armed Group" maps to the explicit actor type ``unidentified``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

import polars as pl

from peaceops.actors.mapping import actor_frames
from peaceops.actors.model import STATE_FORCES
from peaceops.errors import InputError
from peaceops.events.analysis import PERIODS
from peaceops.geo.names import fold_name
from peaceops.period import DateLike, as_day, periods
from peaceops.workspace import Workspace

__all__ = [
    "AGREEMENT_CATEGORIES",
    "POLITICAL_VIOLENCE_TYPES",
    "UNMAPPED",
    "agreement_violence",
    "dyads",
    "filtered_events",
    "peacekeeper_attacks",
    "perpetrators",
    "with_period",
]

UNMAPPED = "unmapped"

# ACLED event types of political violence (demonstrations and strategic developments are not).
POLITICAL_VIOLENCE_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")

AGREEMENT_CATEGORIES = (
    "between parties to the agreement",
    "groups outside the agreement",
    "community violence",
    "other",
)

PerpetratorLevel = Literal["type", "actor"]


def with_period(frame: pl.DataFrame, by: str) -> pl.DataFrame:
    """Add the ``period`` label column (``2019``, ``2019-Q2``, ``2019-05``)."""
    if by not in PERIODS:
        raise InputError(f"unknown period {by!r} (use one of: {', '.join(PERIODS)})")
    year = pl.col("year").cast(pl.String).str.zfill(4)
    if by == "year":
        label = year
    elif by == "quarter":
        q = ((pl.col("month") - 1) // 3 + 1).cast(pl.String)
        label = pl.concat_str([year, pl.lit("-Q"), q])
    else:
        label = pl.concat_str([year, pl.lit("-"), pl.col("month").cast(pl.String).str.zfill(2)])
    return frame.with_columns(label.alias("period"))


def filtered_events(
    ws: Workspace,
    *,
    civilian: bool = False,
    start: DateLike | None = None,
    end: DateLike | None = None,
    regions: Sequence[str] | None = None,
    event_types: Sequence[str] | None = None,
) -> pl.DataFrame:
    """The mapped events within the filters (see ``mapping.ActorFrames.events``).

    With ``civilian`` only civilian-targeting events are kept and ``fatalities`` holds their
    civilian fatalities.
    """
    start = as_day(start, field="start")
    end = as_day(end, end=True, field="end")
    if start is not None and end is not None and start > end:
        raise InputError(f"the start date {start} is after the end date {end}")
    ev = actor_frames(ws).events
    if civilian:
        ev = ev.filter(pl.col("civilian_targeting")).with_columns(
            pl.col("civilian_fatalities").alias("fatalities")
        )
    if start is not None:
        ev = ev.filter(pl.col("event_date") >= start)
    if end is not None:
        ev = ev.filter(pl.col("event_date") <= end)
    if regions:
        wanted = {fold_name(r) for r in regions if r.strip()}
        names = set(ev.get_column("admin1").unique().to_list()) | set(
            ev.get_column("region").unique().to_list()
        )
        keep = [n for n in names if n and fold_name(n) in wanted]
        ev = ev.filter(pl.col("admin1").is_in(keep) | pl.col("region").is_in(keep))
    if event_types:
        folded = [t.casefold() for t in event_types]
        ev = ev.filter(pl.col("event_type").str.to_lowercase().is_in(folded))
    return ev


def _period_grid(
    ws: Workspace, by: str, frame: pl.DataFrame, start: date | None, end: date | None
) -> list[str]:
    if start is None or end is None:
        all_events = actor_frames(ws).events
        if all_events.height == 0:
            return []
        first = start or all_events.get_column("event_date").min()
        last = end or all_events.get_column("event_date").max()
    else:
        first, last = start, end
    labels = [p.label for p in periods(by, first, last)]  # type: ignore[arg-type]
    seen = set(frame.get_column("period").to_list()) if "period" in frame.columns else set()
    return sorted(set(labels) | seen)


# -- perpetrators ------------------------------------------------------------------------------


def perpetrators(
    ws: Workspace,
    *,
    civilian: bool = True,
    start: DateLike | None = None,
    end: DateLike | None = None,
    group: str | None = "region",
    by: str | None = None,
    level: PerpetratorLevel = "type",
    regions: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Events and fatalities by perpetrator (side 1), per region group (and period).

    Args:
        civilian: only civilian-targeting events and their civilian fatalities (default).
        group: ``"region"`` (region groups), ``"admin1"`` or None (one group ``all``).
        by: None for the whole range, else ``"year"``, ``"quarter"`` or ``"month"``.
        level: ``"type"`` (actor types: ``state forces``, ``jihadist group``...) or ``"actor"``
            (named canonical actors, with their type).

    Returns:
        Columns ``[period,] group, actor_type, [actor,] events, fatalities, share``; ``share`` is
        the fatalities' share of the group's (and period's) total, 0 when that total is 0.
        Unmapped perpetrators count as ``unmapped``. Sorted by period, group, fatalities (desc).
    """
    start = as_day(start, field="start")
    end = as_day(end, end=True, field="end")
    if group not in ("region", "admin1", None):
        raise InputError(f"unknown grouping {group!r} (use region or admin1)")
    if level not in ("type", "actor"):
        raise InputError(f"unknown level {level!r} (use type or actor)")
    ev = filtered_events(ws, civilian=civilian, start=start, end=end, regions=regions)
    ev = ev.with_columns(
        pl.col("actor1_type").fill_null(UNMAPPED).alias("actor_type"),
        pl.col("actor1_canonical").fill_null(pl.col("actor1")).fill_null(UNMAPPED).alias("actor"),
        (pl.col(group) if group else pl.lit("all")).alias("group"),
    )
    keys = ["group", "actor_type"] + (["actor"] if level == "actor" else [])
    if by is not None:
        ev = with_period(ev, by)
        keys = ["period", *keys]
    out = ev.group_by(keys).agg(
        pl.len().cast(pl.Int64).alias("events"), pl.col("fatalities").sum().cast(pl.Int64)
    )
    totals = ["period", "group"] if by is not None else ["group"]
    out = out.with_columns(pl.col("fatalities").sum().over(totals).alias("_total")).with_columns(
        pl.when(pl.col("_total") > 0)
        .then(pl.col("fatalities") / pl.col("_total"))
        .otherwise(0.0)
        .alias("share")
    )
    order = list(ws.config.region_groups) if group == "region" else []
    rank = {g: i for i, g in enumerate(order)}
    out = out.with_columns(
        pl.col("group").replace_strict(rank, default=len(rank), return_dtype=pl.Int64).alias("_g")
    )
    sort_keys = (["period"] if by is not None else []) + ["_g", "group", "fatalities", "events"]
    descending = [False] * (len(sort_keys) - 2) + [True, True]
    # ties in the order of the other keys (type, then actor): the same table on every run
    sort_keys += [k for k in keys if k not in sort_keys]
    descending += [False] * (len(sort_keys) - len(descending))
    return (
        out.sort(sort_keys, descending=descending)
        .drop("_total", "_g")
        .select(*keys, "events", "fatalities", "share")
    )


# -- attacks on the mission ----------------------------------------------------------------------


def peacekeeper_attacks(
    ws: Workspace,
    *,
    by: str = "year",
    start: DateLike | None = None,
    end: DateLike | None = None,
    regions: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Events whose target is the UN mission as the registry defines it (``un_mission``).

    The target is ``actor2`` or one of its associated actors; other UN bodies (agencies, a
    mutiny of mission personnel) are not the mission. Returns ``period, events, fatalities``
    as a continuous series (fatalities of every kind in those events, as ACLED counts them).
    """
    start = as_day(start, field="start")
    end = as_day(end, end=True, field="end")
    frames = actor_frames(ws)
    targets = (
        frames.names.filter((pl.col("side") == 2) & pl.col("un_mission"))
        .select("event_key")
        .unique()
    )
    ev = filtered_events(ws, start=start, end=end, regions=regions)
    ev = with_period(ev.join(targets, on="event_key", how="semi"), by)
    out = ev.group_by("period").agg(
        pl.len().cast(pl.Int64).alias("events"), pl.col("fatalities").sum().cast(pl.Int64)
    )
    grid = pl.DataFrame(
        {"period": _period_grid(ws, by, out, start, end)}, schema={"period": pl.String}
    )
    return (
        grid.join(out, on="period", how="left")
        .with_columns(pl.col("events").fill_null(0), pl.col("fatalities").fill_null(0))
        .sort("period")
    )


# -- dyads ---------------------------------------------------------------------------------------


def _label_map(ws: Workspace) -> dict[str, str]:
    return {a.name: a.label for a in actor_frames(ws).registry.actors}


def dyads(
    ws: Workspace,
    *,
    by: str = "year",
    start: DateLike | None = None,
    end: DateLike | None = None,
    regions: Sequence[str] | None = None,
    civilian: bool = False,
    event_types: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Who fights whom: events and fatalities per period and dyad.

    A dyad is the pair of canonical actors of ``actor1`` and ``actor2`` written
    ``A – B`` with the two labels (short names) in alphabetical order, so JNIM attacking the army
    and the army attacking JNIM are one dyad; an event without ``actor2`` is ``A – (none)``.
    Returns ``period, dyad, events, fatalities, share`` (share of the period's fatalities),
    sorted by period then fatalities (largest first); only dyads with events appear.
    """
    start = as_day(start, field="start")
    end = as_day(end, end=True, field="end")
    ev = filtered_events(
        ws, start=start, end=end, regions=regions, civilian=civilian, event_types=event_types
    )
    labels = _label_map(ws)
    a = (
        pl.col("actor1_canonical")
        .replace_strict(labels, default=None, return_dtype=pl.String)
        .fill_null(pl.col("actor1"))
        .fill_null(UNMAPPED)
    )
    b = (
        pl.col("actor2_canonical")
        .replace_strict(labels, default=None, return_dtype=pl.String)
        .fill_null(pl.col("actor2"))
        .fill_null("(none)")
    )
    ev = with_period(ev, by).with_columns(a.alias("_a"), b.alias("_b"))
    ev = ev.with_columns(
        pl.when(pl.col("_a") <= pl.col("_b"))
        .then(pl.concat_str([pl.col("_a"), pl.lit(" – "), pl.col("_b")]))
        .otherwise(pl.concat_str([pl.col("_b"), pl.lit(" – "), pl.col("_a")]))
        .alias("dyad")
    )
    ev = ev.with_columns(
        pl.when(pl.col("_b") == "(none)")
        .then(pl.concat_str([pl.col("_a"), pl.lit(" – (none)")]))
        .otherwise(pl.col("dyad"))
        .alias("dyad")
    )
    out = ev.group_by("period", "dyad").agg(
        pl.len().cast(pl.Int64).alias("events"), pl.col("fatalities").sum().cast(pl.Int64)
    )
    out = out.with_columns(pl.col("fatalities").sum().over("period").alias("_t")).with_columns(
        pl.when(pl.col("_t") > 0)
        .then(pl.col("fatalities") / pl.col("_t"))
        .otherwise(0.0)
        .alias("share")
    )
    return out.drop("_t").sort(
        ["period", "fatalities", "events", "dyad"], descending=[False, True, True, False]
    )


def _side_flags(ws: Workspace) -> pl.DataFrame:
    """Per event and side: party to the agreement, outside it, community militia."""
    names = actor_frames(ws).names.filter(pl.col("role").is_in(["actor1", "actor2"]))
    party = pl.col("signatory") | (
        (pl.col("actor_type") == STATE_FORCES) & (pl.col("actor").is_not_null())
    )
    return names.group_by("event_key", "side").agg(
        party.all().alias("party"),
        pl.col("signatory").any().alias("signatory"),
        pl.col("actor_type").is_in(["jihadist group", "other armed group"]).any().alias("outside"),
        (pl.col("actor_type") == "community militia").any().alias("community"),
    )


def agreement_violence(
    ws: Workspace,
    *,
    by: str = "year",
    group: str | None = "region",
    start: DateLike | None = None,
    end: DateLike | None = None,
    regions: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Political violence split by its relation to the 2015 peace agreement.

    Categories (the first that applies), over battles, explosions/remote violence and violence
    against civilians:

    * ``between parties to the agreement``: both sides are parties on the event's date (a
      signatory armed group after its coalition signed, or the state's forces) and at least one
      side is a signatory armed group: the ceasefire violations;
    * ``groups outside the agreement``: a side is a jihadist group or another armed group that
      did not sign;
    * ``community violence``: a side is a community militia;
    * ``other``: the rest (state or international forces against civilians, unidentified
      attackers, unmapped names).

    Returns ``period, group, category, events, fatalities`` for every period, group and
    category (zeros included).
    """
    start = as_day(start, field="start")
    end = as_day(end, end=True, field="end")
    if group not in ("region", "admin1", None):
        raise InputError(f"unknown grouping {group!r} (use region or admin1)")
    ev = filtered_events(
        ws, start=start, end=end, regions=regions, event_types=POLITICAL_VIOLENCE_TYPES
    )
    flags = _side_flags(ws)
    s1 = flags.filter(pl.col("side") == 1).drop("side")
    s2 = (
        flags.filter(pl.col("side") == 2)
        .drop("side")
        .rename({c: f"{c}_2" for c in ("party", "signatory", "outside", "community")})
    )
    ev = ev.join(s1, on="event_key", how="left").join(s2, on="event_key", how="left")
    f = {c: pl.col(c).fill_null(False) for c in ("party", "signatory", "outside", "community")}
    g = {
        c: pl.col(f"{c}_2").fill_null(False) for c in ("party", "signatory", "outside", "community")
    }
    category = (
        pl.when(f["party"] & g["party"] & (f["signatory"] | g["signatory"]))
        .then(pl.lit(AGREEMENT_CATEGORIES[0]))
        .when(f["outside"] | g["outside"])
        .then(pl.lit(AGREEMENT_CATEGORIES[1]))
        .when(f["community"] | g["community"])
        .then(pl.lit(AGREEMENT_CATEGORIES[2]))
        .otherwise(pl.lit(AGREEMENT_CATEGORIES[3]))
    )
    ev = with_period(ev, by).with_columns(
        category.alias("category"), (pl.col(group) if group else pl.lit("all")).alias("group")
    )
    out = ev.group_by("period", "group", "category").agg(
        pl.len().cast(pl.Int64).alias("events"), pl.col("fatalities").sum().cast(pl.Int64)
    )
    periods = _period_grid(ws, by, out, start, end)
    groups = list(ws.config.region_groups) if group == "region" and not regions else []
    groups += sorted(set(out.get_column("group").to_list()) - set(groups))
    grid = (
        pl.DataFrame({"period": periods}, schema={"period": pl.String})
        .join(pl.DataFrame({"group": groups}, schema={"group": pl.String}), how="cross")
        .join(pl.DataFrame({"category": list(AGREEMENT_CATEGORIES)}), how="cross")
    )
    rank_g = {x: i for i, x in enumerate(groups)}
    rank_c = {x: i for i, x in enumerate(AGREEMENT_CATEGORIES)}
    return (
        grid.join(out, on=["period", "group", "category"], how="left")
        .with_columns(pl.col("events").fill_null(0), pl.col("fatalities").fill_null(0))
        .with_columns(
            pl.col("group").replace_strict(rank_g, return_dtype=pl.Int64).alias("_g"),
            pl.col("category").replace_strict(rank_c, return_dtype=pl.Int64).alias("_c"),
        )
        .sort("period", "_g", "_c")
        .drop("_g", "_c")
    )
