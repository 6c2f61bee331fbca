"""Load the shipped example: the 2015 Mali agreement and its sourced status entries.

The history is dated as a tracker keeper would have recorded it: the agreement on the day the
last party signed, each status entry some weeks after the date it describes (when the report
stating it was out), so reports "as of" a past date show what was known then. Entries are
recorded as user ``example`` so they are never mistaken for a person's records.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from peaceops.agreement.io import read_agreement
from peaceops.agreement.model import StatusEntry
from peaceops.agreement.observations_io import read_status_entries
from peaceops.agreement.store import record_entries, save_agreement
from peaceops.examples import example_path
from peaceops.workspace import Workspace

__all__ = ["EXAMPLE_AGREEMENT", "EXAMPLE_STATUS", "ExampleSummary", "load_example"]

EXAMPLE_AGREEMENT = "mali_agreement_2015.yaml"
EXAMPLE_STATUS = "mali_agreement_status.csv"
EXAMPLE_USER = "example"
RECORDED_AFTER = timedelta(days=60)


@dataclass(frozen=True)
class ExampleSummary:
    agreement: str
    parts: int
    provisions: int
    status_entries: int
    assessed: int
    label: str = "illustrative"


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def load_example(ws: Workspace) -> ExampleSummary:
    """Import the example agreement and its status entries into ``ws`` (again: no change)."""
    a = read_agreement(example_path(EXAMPLE_AGREEMENT))
    signed = max((s.date for s in a.signatures), default=date(2015, 6, 20))
    save_agreement(ws, a, EXAMPLE_USER, at=_moment(signed), source=EXAMPLE_AGREEMENT)
    entries = read_status_entries(example_path(EXAMPLE_STATUS), a)
    by_day: dict[date, list[StatusEntry]] = defaultdict(list)
    for e in entries:
        by_day[e.date].append(e)
    for day in sorted(by_day):
        record_entries(
            ws,
            by_day[day],
            EXAMPLE_USER,
            at=_moment(max(day, signed) + RECORDED_AFTER),
            source_file=EXAMPLE_STATUS,
        )
    return ExampleSummary(
        agreement=a.id,
        parts=len(a.parts),
        provisions=len(a.provisions),
        status_entries=len(entries),
        assessed=len({e.provision_id for e in entries}),
    )
