"""The brief's "as of" date held against the data: a date after today is today's brief."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peaceops.workspace import Workspace

__all__ = ["BriefDate", "brief_date"]


@dataclass(frozen=True)
class BriefDate:
    """The date the brief is built for (None: as things stand now) and the note that says
    why it differs from the date asked for (empty when it does not)."""

    day: date | None
    note: str = ""


def brief_date(ws: Workspace, asked: date | None, today: date | None = None) -> BriefDate:
    """Hold ``asked`` against today and the events' range.

    Nothing is recorded after today, so a later date gives the same brief as today's; it is
    built as today's (not titled with a date no data reaches), and the note names the events'
    range so that a reader sees where the figures stop.
    """
    from peaceops.events.analysis import event_range

    today = today or date.today()
    if asked is None or asked <= today:
        return BriefDate(asked)
    span = event_range(ws)
    data = f"; the events run from {span[0]} to {span[1]}" if span is not None else ""
    return BriefDate(
        None, f"{asked} is after today: the brief shows the data as it stands today{data}."
    )
