"""The actor registry at a glance: every actor with its events and fatalities as actor and as
target, the registry's coverage, attacks on the mission, perpetrators of civilian-targeting
fatalities per year and the political timeline (the dashboard's actors page and its JSON)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl

from peaceops.actors.analysis import peacekeeper_attacks, perpetrators
from peaceops.actors.mapping import actor_frames
from peaceops.actors.profiles import Coverage, coverage
from peaceops.actors.timeline import timeline
from peaceops.workspace import Workspace

__all__ = ["ActorTotals", "ActorsOverview", "actors_overview"]


@dataclass(frozen=True)
class ActorTotals:
    """One registry actor with its events and fatalities on each side."""

    name: str
    label: str
    type: str
    member_of: tuple[str, ...]
    signatory: dict[str, Any] | None
    events_as_actor: int
    fatalities_as_actor: int
    events_as_target: int
    fatalities_as_target: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "type": self.type,
            "member_of": list(self.member_of),
            "signatory": self.signatory,
            "events_as_actor": self.events_as_actor,
            "fatalities_as_actor": self.fatalities_as_actor,
            "events_as_target": self.events_as_target,
            "fatalities_as_target": self.fatalities_as_target,
        }


@dataclass(frozen=True)
class ActorsOverview:
    registry: tuple[str, ...]  # where the registry comes from
    coverage: Coverage
    actors: tuple[ActorTotals, ...]  # most events first
    peacekeepers: pl.DataFrame  # peacekeeper_attacks(by="year")
    perpetrators: pl.DataFrame  # perpetrators(group=None, by="year")
    timeline: pl.DataFrame
    sources: tuple[str, ...]

    def to_dict(self, url_of: Callable[[ActorTotals], str] | None = None) -> dict[str, Any]:
        """The overview; with ``url_of``, each actor carries the address of its page."""
        return {
            "registry": list(self.registry),
            "coverage": self.coverage.to_dict(),
            "actors": [
                {**a.to_dict(), "url": url_of(a)} if url_of else a.to_dict() for a in self.actors
            ],
            "peacekeepers": self.peacekeepers.to_dicts(),
            "perpetrators": self.perpetrators.to_dicts(),
            "timeline": self.timeline.to_dicts(),
            "sources": list(self.sources),
        }


def actors_overview(ws: Workspace) -> ActorsOverview:
    """The overview of the workspace's actors (NotFoundError without events)."""
    frames = actor_frames(ws)
    sides = (
        frames.names.filter(pl.col("actor").is_not_null())
        .select("event_key", "actor", "side")
        .unique()
        .join(frames.events.select("event_key", "fatalities"), on="event_key")
    )
    totals = {
        (a, s): (int(n), int(f))
        for a, s, n, f in sides.group_by("actor", "side")
        .agg(pl.len(), pl.col("fatalities").sum())
        .iter_rows()
    }
    actors: list[ActorTotals] = []
    for a in frames.registry.actors:
        n1, f1 = totals.get((a.name, 1), (0, 0))
        n2, f2 = totals.get((a.name, 2), (0, 0))
        actors.append(
            ActorTotals(
                name=a.name,
                label=a.label,
                type=a.type,
                member_of=tuple(m.name for m in a.memberships),
                signatory=a.signatory.to_dict() if a.signatory else None,
                events_as_actor=n1,
                fatalities_as_actor=f1,
                events_as_target=n2,
                fatalities_as_target=f2,
            )
        )
    actors.sort(key=lambda r: (-(r.events_as_actor + r.events_as_target), r.label))
    return ActorsOverview(
        registry=tuple(frames.registry.origin),
        coverage=coverage(ws),
        actors=tuple(actors),
        peacekeepers=peacekeeper_attacks(ws, by="year"),
        perpetrators=perpetrators(ws, group=None, by="year"),
        timeline=timeline(ws),
        sources=tuple(r.cite() for r in ws.datasets("events")),
    )
