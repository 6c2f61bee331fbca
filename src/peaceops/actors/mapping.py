"""Resolving the actor names of the events to canonical actors of the registry.

For one name on one date the candidates are tried in this order, and the first whose period
holds the date wins: aliases written with a period suffix (matching that exact name), exact
aliases (period suffixes ignored), then patterns in registry order. The registry guarantees
that no alias names two actors on the same day, so the result does not depend on file order
except between patterns.

``actor_frames`` gives the events with their mapped actors, computed once per events file and
registry content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import polars as pl

from peaceops.actors.model import Actor, Registry, fold_actor_name
from peaceops.actors.registry import registry_digest, workspace_registry
from peaceops.events.actor_fields import event_actor_fields
from peaceops.events.schema import EVENTS_SLOT
from peaceops.geo.names import fold_name
from peaceops.workspace import Workspace

__all__ = ["ActorFrames", "NameResolver", "actor_frames"]

Window = tuple[date | None, date | None]


class NameResolver:
    """Finds the canonical actor a data source's name stands for on a given date."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        Entry = tuple[Actor, Window, str]
        self._with_period: dict[str, list[Entry]] = {}
        self._exact: dict[str, list[Entry]] = {}
        self._patterns: list[tuple[re.Pattern[str], Actor, Window, str]] = []
        for actor in registry.actors:
            for alias in actor.aliases:
                window = actor.window_of(alias)
                if alias.pattern:
                    rx = re.compile(alias.text, re.IGNORECASE)
                    self._patterns.append((rx, actor, window, alias.source))
                elif alias.exact_with_period:
                    entry = (actor, window, alias.source)
                    self._with_period.setdefault(alias.key, []).append(entry)
                else:
                    self._exact.setdefault(alias.key, []).append((actor, window, alias.source))

    def candidates(self, name: str, source: str = "") -> list[tuple[Actor, Window]]:
        """Every (actor, period) the name may stand for in events of ``source``, in order of
        precedence: aliases limited to that source first within each kind."""
        folded = fold_actor_name(name)
        found = [
            *self._with_period.get(fold_actor_name(name, keep_period=True), []),
            *self._exact.get(folded, []),
            *((a, w, s) for rx, a, w, s in self._patterns if rx.fullmatch(folded)),
        ]
        own = [(a, w) for a, w, s in found if s and s == source]
        generic = [(a, w) for a, w, s in found if not s]
        return own + generic

    def resolve(self, name: str, day: date, source: str = "") -> Actor | None:
        return _first_on(self.candidates(name, source), day)


def _first_on(candidates: list[tuple[Actor, Window]], day: date) -> Actor | None:
    """The first candidate whose period holds ``day``."""
    for actor, (start, end) in candidates:
        if (start is None or start <= day) and (end is None or day <= end):
            return actor
    return None


@dataclass(frozen=True)
class ActorFrames:
    """Events with their mapped actors.

    ``events``: one row per event: ``event_key, event_date, year, month, admin1, region,
    event_type, sub_event_type, fatalities, civilian_targeting, civilian_fatalities, actor1,
    actor2, notes, actor1_canonical, actor1_type, actor2_canonical, actor2_type, mapped``
    (``mapped``: every name of the event maps to a canonical actor).

    ``names``: one row per event, role and name: ``event_key, role, side, name, actor,
    actor_type, umbrella, signatory, un_mission`` (``actor`` null when the name is unmapped;
    ``umbrella`` the coalition or umbrella on the event's date; ``signatory`` whether the actor
    was party to the peace agreement on that date).
    """

    registry: Registry
    events: pl.DataFrame
    names: pl.DataFrame


def actor_frames(ws: Workspace, registry: Registry | None = None) -> ActorFrames:
    """The workspace's events with their actors mapped through ``registry`` (default: the
    workspace's), kept in the workspace's cache (dropped when its data version changes)."""
    registry = registry or workspace_registry(ws)
    path = ws.current_file(EVENTS_SLOT)
    key = (
        "actor-frames",
        str(path.resolve()) if path else "",
        registry.country,
        registry_digest(registry),
    )
    return ws.cached(key, lambda: _build(ws, registry))


def _region_columns(ws: Workspace, events: pl.DataFrame) -> pl.DataFrame:
    groups = ws.config.region_group_map()
    a1_map: dict[str | None, str] = {}
    rg_map: dict[str | None, str] = {}
    for name in events.get_column("admin1").unique().to_list():
        canonical = ws.config.canonical_admin1(name) if name else None
        a1_map[name] = canonical or "unknown"
        rg_map[name] = groups.get(fold_name(canonical), "other") if canonical else "unknown"
    return events.with_columns(
        pl.col("admin1").replace_strict(a1_map, return_dtype=pl.String).alias("admin1"),
        pl.col("admin1").replace_strict(rg_map, return_dtype=pl.String).alias("region"),
    )


def _build(ws: Workspace, registry: Registry) -> ActorFrames:
    events, names = event_actor_fields(ws)
    events = _region_columns(ws, events)
    resolver = NameResolver(registry)
    dated = names.join(
        events.select("event_key", "event_date", "source"), on="event_key", how="left"
    )
    # Resolve each distinct (name, source) once and each distinct (name, source, date) once:
    # a million events carry a few hundred names on a few thousand days, and folding a name
    # costs far more than a dictionary lookup.
    keys = dated.select("name", "event_date", pl.col("source").fill_null("")).unique()
    cands_by_name: dict[tuple[str, str], list[tuple[Actor, Window]]] = {}
    rows: list[tuple[str | None, str | None, str | None, bool, bool]] = []
    for name, day, source in keys.iter_rows():
        cands = cands_by_name.get((name, source))
        if cands is None:
            cands = cands_by_name[(name, source)] = resolver.candidates(name, source)
        actor = _first_on(cands, day)
        rows.append(
            (actor.name, actor.type, actor.umbrella(day), actor.is_signatory(day),
             bool(actor.un_mission))
            if actor is not None
            else (None, None, None, False, False)
        )  # fmt: skip
    resolved = keys.with_columns(
        pl.DataFrame(
            rows,
            schema={
                "actor": pl.String,
                "actor_type": pl.String,
                "umbrella": pl.String,
                "signatory": pl.Boolean,
                "un_mission": pl.Boolean,
            },
            orient="row",
        )
    )
    names = (
        dated.with_columns(pl.col("source").fill_null(""))
        .join(
            resolved,
            on=["name", "event_date", "source"],
            how="left",
            maintain_order="left",
            nulls_equal=True,
        )
        .drop("event_date", "source")
    )
    primary = names.filter(pl.col("role").is_in(["actor1", "actor2"])).select(
        "event_key", "role", "actor", "actor_type"
    )
    a1 = primary.filter(pl.col("role") == "actor1").select(
        "event_key",
        pl.col("actor").alias("actor1_canonical"),
        pl.col("actor_type").alias("actor1_type"),
    )
    a2 = primary.filter(pl.col("role") == "actor2").select(
        "event_key",
        pl.col("actor").alias("actor2_canonical"),
        pl.col("actor_type").alias("actor2_type"),
    )
    unmapped = names.filter(pl.col("actor").is_null()).select("event_key").unique()
    events = (
        events.join(a1, on="event_key", how="left")
        .join(a2, on="event_key", how="left")
        .join(unmapped.with_columns(pl.lit(False).alias("mapped")), on="event_key", how="left")
        .with_columns(pl.col("mapped").fill_null(True))
    )
    return ActorFrames(registry=registry, events=events, names=names)
