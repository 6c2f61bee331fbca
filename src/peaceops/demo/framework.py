"""Load the shipped MINUSMA example framework, its illustrative observations and assessments.

The example's history is dated as a planning team would have recorded it (framework adopted
in July 2019, observations two weeks after each quarter, a benchmark assessment in July 2020),
so reports "as of" a past date show what was known then. Entries are recorded as user
``example`` so they are never mistaken for real records.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from peaceops.examples import example_path
from peaceops.framework.io import read_framework
from peaceops.framework.model import Observation
from peaceops.framework.observations_io import read_observations
from peaceops.framework.store import assess_benchmark, record_observations, save_framework
from peaceops.workspace import Workspace

__all__ = ["EXAMPLE_FRAMEWORK", "EXAMPLE_OBSERVATIONS", "ExampleSummary", "load_example"]

EXAMPLE_FRAMEWORK = "minusma_framework.yaml"
EXAMPLE_OBSERVATIONS = "minusma_observations.csv"
EXAMPLE_USER = "example"


@dataclass(frozen=True)
class ExampleSummary:
    framework: str
    indicators: int
    computed: int
    observations: int
    benchmarks: int
    assessments: int


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def load_example(ws: Workspace) -> ExampleSummary:
    """Import the example framework and its illustrative observations into ``ws``."""
    fw = read_framework(example_path(EXAMPLE_FRAMEWORK))
    adopted = date(2019, 7, 1)
    save_framework(ws, fw, EXAMPLE_USER, at=_moment(adopted), source=EXAMPLE_FRAMEWORK)
    rows = read_observations(example_path(EXAMPLE_OBSERVATIONS), fw)
    by_day: dict[date, list[Observation]] = defaultdict(list)
    for obs in rows:
        by_day[obs.date].append(obs)
    for day in sorted(by_day):
        record_observations(
            ws,
            by_day[day],
            EXAMPLE_USER,
            # Values from before the adoption were entered with the framework.
            at=_moment(max(day + timedelta(days=15), adopted)) + timedelta(minutes=30),
            source_file=EXAMPLE_OBSERVATIONS,
        )
    assess_benchmark(
        ws,
        "B2",
        "partly",
        "Illustrative example: first reconstituted units deployed to Kidal and Gao; "
        "deployment to Tombouctou pending.",
        EXAMPLE_USER,
        date(2020, 7, 15),
        at=_moment(date(2020, 7, 15)),
    )
    return ExampleSummary(
        framework=fw.id,
        indicators=len(fw.indicators),
        computed=sum(1 for i in fw.indicators if i.computed is not None),
        observations=len(rows),
        benchmarks=len(fw.benchmarks),
        assessments=1,
    )
