"""Load the shipped MINUSMA example strategy, its cited assumption statuses and consultations.

The history is dated as an analyst would have recorded it: the strategy when the 2019 mandate
was adopted, each judgement when the report it cites came out, each (illustrative)
consultation a day after it took place. Entries are recorded as user ``example`` so they are
never mistaken for real records.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from peaceops.examples import example_path
from peaceops.strategy.io import read_strategy
from peaceops.strategy.model import AssumptionEntry, Consultation
from peaceops.strategy.records_io import read_assumption_entries, read_consultations
from peaceops.strategy.store import (
    add_assumption_entries,
    add_consultations,
    known_links,
    save_strategy,
)
from peaceops.workspace import Workspace

__all__ = [
    "EXAMPLE_ASSUMPTIONS",
    "EXAMPLE_CONSULTATIONS",
    "EXAMPLE_STRATEGY",
    "ExampleSummary",
    "load_example",
]

EXAMPLE_STRATEGY = "minusma_strategy.yaml"
EXAMPLE_ASSUMPTIONS = "minusma_assumptions.csv"
EXAMPLE_CONSULTATIONS = "minusma_consultations.csv"
EXAMPLE_USER = "example"


@dataclass(frozen=True)
class ExampleSummary:
    strategy: str
    objectives: int
    assumptions: int
    judgements: int
    stakeholders: int
    consultations: int


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)


def load_example(ws: Workspace) -> ExampleSummary:
    """Import the example strategy (links checked against what ``ws`` holds) and its records."""
    st = read_strategy(example_path(EXAMPLE_STRATEGY), known_links(ws))
    save_strategy(ws, st, EXAMPLE_USER, at=_moment(date(2019, 7, 1)), source=EXAMPLE_STRATEGY)
    entries = read_assumption_entries(example_path(EXAMPLE_ASSUMPTIONS), st)
    talks = read_consultations(example_path(EXAMPLE_CONSULTATIONS), st)
    # Record in the order an analyst would have: oldest first, so every version builds on the
    # one before it and "as of" any date shows what was known then.
    by_day: dict[date, list[AssumptionEntry]] = defaultdict(list)
    for e in entries:
        by_day[e.date].append(e)
    by_talk: dict[date, list[Consultation]] = defaultdict(list)
    for c in talks:
        by_talk[c.date + timedelta(days=1)].append(c)
    for day in sorted({*by_day, *by_talk}):
        if day in by_day:
            add_assumption_entries(
                ws, by_day[day], EXAMPLE_USER, at=_moment(day), source_file=EXAMPLE_ASSUMPTIONS
            )
        if day in by_talk:
            add_consultations(
                ws, by_talk[day], EXAMPLE_USER, at=_moment(day), source_file=EXAMPLE_CONSULTATIONS
            )
    return ExampleSummary(
        strategy=st.id,
        objectives=len(st.objectives),
        assumptions=len(st.assumptions),
        judgements=len(entries),
        stakeholders=len(st.stakeholders),
        consultations=len(talks),
    )
