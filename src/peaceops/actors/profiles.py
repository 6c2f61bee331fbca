"""Registry coverage, one actor's record, and a state force's civilian-targeting record.

``coverage`` says how much of the data the registry maps (so users know what to add);
``actor_profile`` is what an actor page shows; ``state_force_record`` is the human-rights due
diligence figure shown beside every plan task that supports a state force.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import polars as pl

from peaceops.actors.analysis import filtered_events
from peaceops.actors.mapping import actor_frames
from peaceops.actors.model import STATE_FORCES, Actor
from peaceops.errors import InputError, NotFoundError
from peaceops.workspace import Workspace

__all__ = [
    "ActorProfile",
    "Coverage",
    "StateForceRecord",
    "actor_profile",
    "coverage",
    "find_actor",
    "state_force_record",
    "unmapped_names",
]


@dataclass(frozen=True)
class Coverage:
    """How much of the events the registry maps to canonical actors.

    An event counts as mapped when every name it carries (actor1, actor2 and the associated
    actors) maps to a canonical actor; "unidentified" is a canonical actor.
    """

    events: int
    mapped_events: int
    fatalities: int
    mapped_fatalities: int
    unmapped: tuple[tuple[str, int, int], ...]  # (name, events, fatalities), most events first

    @property
    def events_share(self) -> float:
        return self.mapped_events / self.events if self.events else 0.0

    @property
    def fatalities_share(self) -> float:
        return self.mapped_fatalities / self.fatalities if self.fatalities else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "events": self.events,
            "mapped_events": self.mapped_events,
            "events_share": round(self.events_share, 4),
            "fatalities": self.fatalities,
            "mapped_fatalities": self.mapped_fatalities,
            "fatalities_share": round(self.fatalities_share, 4),
            "unmapped_names": [
                {"name": n, "events": e, "fatalities": f} for n, e, f in self.unmapped
            ],
        }


def unmapped_names(ws: Workspace) -> pl.DataFrame:
    """Names the registry does not map: ``name, roles, events, fatalities, first, last``."""
    frames = actor_frames(ws)
    missing = frames.names.filter(pl.col("actor").is_null())
    ev = frames.events.select("event_key", "event_date", "fatalities")
    joined = missing.join(ev, on="event_key", how="left")
    return (
        joined.group_by("name")
        .agg(
            pl.col("role").unique().sort().str.join(", ").alias("roles"),
            pl.col("event_key").n_unique().cast(pl.Int64).alias("events"),
            pl.col("fatalities").sum().cast(pl.Int64),
            pl.col("event_date").min().alias("first"),
            pl.col("event_date").max().alias("last"),
        )
        .sort(["events", "fatalities", "name"], descending=[True, True, False])
    )


def coverage(ws: Workspace) -> Coverage:
    """Shares of events and fatalities mapped, and the unmapped names with their counts."""
    ev = actor_frames(ws).events
    mapped = ev.filter(pl.col("mapped"))
    names = unmapped_names(ws)
    return Coverage(
        events=ev.height,
        mapped_events=mapped.height,
        fatalities=int(ev.get_column("fatalities").sum() or 0),
        mapped_fatalities=int(mapped.get_column("fatalities").sum() or 0),
        unmapped=tuple(
            (str(n), int(e), int(f))
            for n, e, f in names.select("name", "events", "fatalities").iter_rows()
        ),
    )


def find_actor(ws: Workspace, name: str) -> Actor:
    """The registry actor with this name or short name; NotFoundError naming close ones."""
    registry = actor_frames(ws).registry
    actor = registry.get(name)
    if actor is not None:
        return actor
    needle = name.casefold()
    close = [
        a.label
        for a in registry.actors
        if needle in a.name.casefold() or needle in a.label.casefold()
    ]
    hint = f" (did you mean: {', '.join(close[:5])}?)" if close else ""
    raise NotFoundError(f"no actor {name!r} in the actor registry{hint}")


@dataclass(frozen=True)
class ActorProfile:
    """What the data say about one canonical actor."""

    actor: Actor
    by_year: (
        pl.DataFrame
    )  # year, events_as_actor, fatalities_as_actor, events_as_target, fatalities_as_target
    regions: pl.DataFrame  # region, admin1, events, fatalities (either side)
    counterparts: (
        pl.DataFrame
    )  # counterpart, direction (acted against/targeted by), events, fatalities
    civilian: pl.DataFrame  # year, events, civilian_fatalities (as perpetrator)
    names: tuple[tuple[str, int], ...]  # data names mapped to it, with events

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor.to_dict(),
            "by_year": self.by_year.to_dicts(),
            "regions": self.regions.to_dicts(),
            "counterparts": self.counterparts.to_dicts(),
            "civilian_targeting": self.civilian.to_dicts(),
            "names_in_data": [{"name": n, "events": e} for n, e in self.names],
        }


def actor_profile(ws: Workspace, name: str) -> ActorProfile:
    """Events and fatalities of one actor per year as perpetrator (side 1) and as target (side 2),
    its regions, its main counterparts and the data names mapped to it."""
    actor = find_actor(ws, name)
    frames = actor_frames(ws)
    mine = frames.names.filter(pl.col("actor") == actor.name)
    ev = frames.events
    side1 = mine.filter(pl.col("side") == 1).select("event_key").unique()
    side2 = mine.filter(pl.col("side") == 2).select("event_key").unique()
    e1 = ev.join(side1, on="event_key", how="semi")
    e2 = ev.join(side2, on="event_key", how="semi")

    def per_year(frame: pl.DataFrame, suffix: str) -> pl.DataFrame:
        return frame.group_by("year").agg(
            pl.len().cast(pl.Int64).alias(f"events_{suffix}"),
            pl.col("fatalities").sum().cast(pl.Int64).alias(f"fatalities_{suffix}"),
        )

    years = sorted(set(e1.get_column("year").to_list()) | set(e2.get_column("year").to_list()))
    by_year = (
        pl.DataFrame({"year": years}, schema={"year": pl.Int32})
        .join(
            per_year(e1, "as_actor").with_columns(pl.col("year").cast(pl.Int32)),
            on="year",
            how="left",
        )
        .join(
            per_year(e2, "as_target").with_columns(pl.col("year").cast(pl.Int32)),
            on="year",
            how="left",
        )
        .fill_null(0)
        .sort("year")
    )
    both = pl.concat([side1, side2]).unique()
    eb = ev.join(both, on="event_key", how="semi")
    regions = (
        eb.group_by("region", "admin1")
        .agg(pl.len().cast(pl.Int64).alias("events"), pl.col("fatalities").sum().cast(pl.Int64))
        # ties in name order: the same actor gives the same table on every run
        .sort(["fatalities", "events", "region", "admin1"], descending=[True, True, False, False])
    )
    labels = {a.name: a.label for a in frames.registry.actors}
    other1 = e1.select(
        pl.col("actor2_canonical")
        .fill_null(pl.col("actor2"))
        .fill_null("(none)")
        .alias("counterpart"),
        pl.lit("acted against").alias("direction"),
        "fatalities",
    )
    other2 = e2.select(
        pl.col("actor1_canonical")
        .fill_null(pl.col("actor1"))
        .fill_null("(none)")
        .alias("counterpart"),
        pl.lit("targeted by").alias("direction"),
        "fatalities",
    )
    counterparts = (
        pl.concat([other1, other2])
        .with_columns(pl.col("counterpart").replace(labels))
        .group_by("counterpart", "direction")
        .agg(pl.len().cast(pl.Int64).alias("events"), pl.col("fatalities").sum().cast(pl.Int64))
        .sort(
            ["events", "fatalities", "counterpart", "direction"],
            descending=[True, True, False, False],
        )
        .head(15)
    )
    civ = (
        e1.filter(pl.col("civilian_targeting") & (pl.col("actor1_canonical") == actor.name))
        .group_by("year")
        .agg(
            pl.len().cast(pl.Int64).alias("events"),
            pl.col("civilian_fatalities").sum().cast(pl.Int64),
        )
        .sort("year")
    )
    names = (
        mine.group_by("name")
        .agg(pl.col("event_key").n_unique().alias("n"))
        .sort("n", descending=True)
    )
    return ActorProfile(
        actor=actor,
        by_year=by_year.with_columns(pl.col("year").cast(pl.String)),
        regions=regions,
        counterparts=counterparts,
        civilian=civ.with_columns(pl.col("year").cast(pl.String)),
        names=tuple((str(n), int(c)) for n, c in names.iter_rows()),
    )


@dataclass(frozen=True)
class StateForceRecord:
    """A state force's civilian-targeting record over the 12 months up to a date."""

    actors: tuple[str, ...]  # canonical names counted
    start: date
    end: date
    events: int  # civilian-targeting events with the force as perpetrator
    fatalities: int  # their civilian fatalities
    all_fatalities: int  # all civilian-targeting fatalities in the same period
    by_region: tuple[tuple[str, int, int], ...]  # (region group, events, fatalities)
    partial: bool  # the data end before ``end``: the period is not fully covered

    @property
    def share(self) -> float:
        return self.fatalities / self.all_fatalities if self.all_fatalities else 0.0

    @property
    def sentence(self) -> str:
        who = ", ".join(self.actors)
        text = (
            f"{who}: {self.events} civilian-targeting events, {self.fatalities} civilian "
            f"fatalities from {self.start} to {self.end} ({self.share:.0%} of all "
            f"civilian-targeting fatalities)"
        )
        return text + (" (partial period: the data end earlier)" if self.partial else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "actors": list(self.actors),
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "events": self.events,
            "fatalities": self.fatalities,
            "all_fatalities": self.all_fatalities,
            "share": round(self.share, 4),
            "by_region": [
                {"region": r, "events": e, "fatalities": f} for r, e, f in self.by_region
            ],
            "partial": self.partial,
            "text": self.sentence,
        }


def state_force_record(
    ws: Workspace, actor: str | None = None, as_of: date | None = None, months: int = 12
) -> StateForceRecord:
    """Civilian-targeting events and fatalities with a state force as perpetrator.

    ``actor`` names a canonical actor of type ``state forces`` (e.g. ``FAMa``); None counts
    every state force of the registry. The period is the ``months`` months up to ``as_of``
    (default: the last event date).
    """
    if months < 1:
        raise InputError(f"months must be at least 1, not {months}")
    frames = actor_frames(ws)
    if actor is not None:
        found = find_actor(ws, actor)
        if found.type != STATE_FORCES:
            raise InputError(f"{found.name} is a {found.type}, not state forces")
        wanted: tuple[str, ...] = (found.name,)
    else:
        wanted = tuple(a.name for a in frames.registry.of_type(STATE_FORCES))
    latest = frames.events.get_column("event_date").max() if frames.events.height else None
    last_event = latest if isinstance(latest, date) else None
    end = as_of or last_event or date.today()
    y, m = end.year, end.month - months
    while m < 1:
        y, m = y - 1, m + 12
    start = date(y, m, min(end.day, calendar.monthrange(y, m)[1])) + timedelta(days=1)
    ev = filtered_events(ws, civilian=True, start=start, end=end)
    own = ev.filter(pl.col("actor1_canonical").is_in(list(wanted)))
    regions = (
        own.group_by("region")
        .agg(pl.len().cast(pl.Int64).alias("events"), pl.col("fatalities").sum().cast(pl.Int64))
        .sort("fatalities", descending=True)
    )
    return StateForceRecord(
        actors=wanted,
        start=start,
        end=end,
        events=own.height,
        fatalities=int(own.get_column("fatalities").sum() or 0),
        all_fatalities=int(ev.get_column("fatalities").sum() or 0),
        by_region=tuple((str(r), int(e), int(f)) for r, e, f in regions.iter_rows()),
        partial=bool(last_event is not None and last_event < end),
    )
