"""Hand-made ACLED-like events with associated actors, for the actor tests."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from context_fixtures import Event, event


def acled(
    day: date,
    actor1: str,
    actor2: str | None = None,
    *,
    assoc1: str | None = None,
    assoc2: str | None = None,
    admin1: str = "Mopti",
    fatalities: int = 0,
    **extra: Any,
) -> Event:
    """One event as ACLED writes it: actors in their columns, associated actors in ``raw``."""
    raw = {"assoc_actor_1": assoc1 or "", "assoc_actor_2": assoc2 or ""}
    return event(
        day,
        admin1=admin1,
        fatalities=fatalities,
        actor1=actor1,
        actor2=actor2,
        raw=json.dumps(raw),
        **extra,
    )
