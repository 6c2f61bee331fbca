"""The political timeline: ACLED "Strategic developments" plus milestones users record.

Milestones (coups, agreements, elections, mandate renewals...) live in the workspace database
in the table ``timeline_milestones``, append-only: a milestone is never edited or deleted; a
correction is a new milestone whose ``supersedes`` names the one it replaces, and listings
show only milestones nobody superseded. Each carries its source.

Strategic developments are read from the events: ACLED's non-violent but politically
significant events (agreements, changes to a group or its activity, bases established,
non-violent transfers of territory, arrests and others). Looting and "disrupted weapons use"
are strategic developments in ACLED's scheme too, but they describe violence prevented or
property taken rather than a political turn, so the timeline leaves them out.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import polars as pl
from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    inspect,
    select,
)

from peaceops.actors.mapping import actor_frames
from peaceops.errors import InputError, NotFoundError
from peaceops.workspace import Workspace

__all__ = [
    "MILESTONE_KINDS",
    "STRATEGIC_SUB_TYPES",
    "Milestone",
    "add_milestone",
    "metadata",
    "milestones",
    "timeline",
]

MILESTONE_KINDS = (
    "coup",
    "agreement",
    "election",
    "mandate renewal",
    "government",
    "transition",
    "other",
)

STRATEGIC_SUB_TYPES = (
    "Agreement",
    "Change to group/activity",
    "Headquarters or base established",
    "Non-violent transfer of territory",
    "Arrests",
    "Other",
)

metadata = MetaData()

milestones_table = Table(
    "timeline_milestones",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("date", Date, nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("title", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("supersedes", Integer, nullable=True),
    Column("recorded_by", String(200), nullable=False),
    Column("recorded_at", DateTime, nullable=False),
)


@dataclass(frozen=True)
class Milestone:
    """A political milestone a user recorded, with its source."""

    id: int
    date: date
    kind: str
    title: str
    source: str
    recorded_by: str
    recorded_at: datetime
    supersedes: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "kind": self.kind,
            "title": self.title,
            "source": self.source,
            "supersedes": self.supersedes,
            "recorded_by": self.recorded_by,
            "recorded_at": self.recorded_at.isoformat(timespec="seconds"),
        }


def _user(user: str | None) -> str:
    if user and user.strip():
        return user.strip()
    env = os.environ.get("USER") or os.environ.get("USERNAME")
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def add_milestone(
    ws: Workspace,
    day: date,
    kind: str,
    title: str,
    source: str,
    *,
    supersedes: int | None = None,
    user: str | None = None,
) -> Milestone:
    """Record a milestone (one transaction). Refuses an unknown kind or an empty title/source."""
    kind = kind.strip().casefold()
    if kind not in MILESTONE_KINDS:
        raise InputError(
            f"unknown milestone kind {kind!r} (use one of: {', '.join(MILESTONE_KINDS)})"
        )
    if not title.strip():
        raise InputError("a milestone needs a title")
    if not source.strip():
        raise InputError("a milestone needs a source (a document, report or article)")
    ws.ensure_tables(metadata)
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    who = _user(user)
    with ws.transaction() as conn:
        if supersedes is not None:
            found = conn.execute(
                select(milestones_table.c.id).where(milestones_table.c.id == supersedes)
            ).first()
            if found is None:
                raise NotFoundError(f"no milestone with id {supersedes} to supersede")
        result = conn.execute(
            insert(milestones_table).values(
                date=day,
                kind=kind,
                title=title.strip(),
                source=source.strip(),
                supersedes=supersedes,
                recorded_by=who,
                recorded_at=now,
            )
        )
        new_id = int(result.inserted_primary_key[0])  # type: ignore[index]
    return Milestone(new_id, day, kind, title.strip(), source.strip(), who, now, supersedes)


def milestones(ws: Workspace, include_superseded: bool = False) -> list[Milestone]:
    """Recorded milestones by date (those superseded by a later record left out by default)."""
    with ws.engine.connect() as conn:
        if not inspect(conn).has_table(milestones_table.name):
            return []  # nothing recorded yet; reading creates no table
        rows = conn.execute(
            select(milestones_table).order_by(milestones_table.c.date, milestones_table.c.id)
        ).all()
    out = [
        Milestone(
            id=r.id,
            date=r.date,
            kind=r.kind,
            title=r.title,
            source=r.source,
            recorded_by=r.recorded_by,
            recorded_at=r.recorded_at,
            supersedes=r.supersedes,
        )
        for r in rows
    ]
    if include_superseded:
        return out
    replaced = {m.supersedes for m in out if m.supersedes is not None}
    return [m for m in out if m.id not in replaced]


def timeline(
    ws: Workspace,
    start: date | None = None,
    end: date | None = None,
    strategic: bool = True,
) -> pl.DataFrame:
    """Milestones and strategic developments in one table, by date.

    Columns: ``date, origin`` (``milestone`` or ``ACLED``), ``kind`` (milestone kind or ACLED
    sub-event type), ``title`` (milestone title, or the event's admin1, first actor and the
    start of ACLED's note), ``source`` (the milestone's source or the event key).
    """
    rows: list[dict[str, Any]] = [
        {
            "date": m.date,
            "origin": "milestone",
            "kind": m.kind,
            "title": m.title,
            "source": m.source,
        }
        for m in milestones(ws)
        if (start is None or m.date >= start) and (end is None or m.date <= end)
    ]
    schema = {
        "date": pl.Date,
        "origin": pl.String,
        "kind": pl.String,
        "title": pl.String,
        "source": pl.String,
    }
    frame = pl.DataFrame(rows, schema=schema)
    if strategic and ws.current_file("events") is not None:
        ev = actor_frames(ws).events.filter(
            (pl.col("event_type") == "Strategic developments")
            & pl.col("sub_event_type").is_in(list(STRATEGIC_SUB_TYPES))
        )
        if start is not None:
            ev = ev.filter(pl.col("event_date") >= start)
        if end is not None:
            ev = ev.filter(pl.col("event_date") <= end)
        note = pl.col("notes").fill_null("").str.slice(0, 160)
        acled = ev.select(
            pl.col("event_date").alias("date"),
            pl.lit("ACLED").alias("origin"),
            pl.col("sub_event_type").alias("kind"),
            pl.concat_str(
                [pl.col("admin1").fill_null("?"), pl.lit(": "), note], ignore_nulls=True
            ).alias("title"),
            pl.col("event_key").alias("source"),
        )
        frame = pl.concat([frame, acled.cast(schema)])  # type: ignore[arg-type]
    return frame.sort("date", "origin", descending=[False, True])
