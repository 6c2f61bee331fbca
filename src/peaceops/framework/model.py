"""The results framework: priorities > areas > outcomes > indicators, benchmarks, task links.

Plain frozen types without I/O. ``build_framework`` turns flat rows (one list a level, each row
tagged with where it came from: a YAML entry or a workbook sheet and row) into a validated
``Framework``; every problem is reported with that location.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from peaceops.mandates.taxonomy import is_task
from peaceops.records.rows import Row, RowChecker, split_list

__all__ = [
    "BENCHMARK_STATUSES",
    "DIRECTIONS",
    "FREQUENCIES",
    "METRICS",
    "Area",
    "Assessment",
    "Benchmark",
    "ComputedSpec",
    "Framework",
    "Indicator",
    "Observation",
    "Outcome",
    "Priority",
    "TaskLink",
    "build_framework",
]

Direction = Literal["up", "down"]
Frequency = Literal["month", "quarter", "year"]
DIRECTIONS: tuple[str, ...] = ("up", "down")
FREQUENCIES: tuple[str, ...] = ("month", "quarter", "year")
METRICS: tuple[str, ...] = (
    "events",
    "fatalities",
    "civilian_events",
    "civilian_fatalities",
    "alert_months",
    "agreement_level",
)
# Person assessments of a benchmark: short word -> the word reports print.
BENCHMARK_STATUSES: dict[str, str] = {"met": "met", "partly": "partly met", "not": "not met"}


@dataclass(frozen=True)
class ComputedSpec:
    """An indicator computed from the event store, one value a period (the indicator frequency).

    ``metric``: events, fatalities, civilian_events, civilian_fatalities (events targeting
    civilians and their fatalities) or alert_months (months with an early-warning alert in the
    ``admin1`` area). ``region_group`` and ``admin1`` restrict the events to a region group or an
    admin-1 area; ``event_types`` to those event types.

    ``agreement_level`` is computed from the peace-agreement tracker instead: the implementation
    score (in percent) of the agreement ``part`` (a part id; empty: the whole agreement) at the
    end of each period, from the status entries recorded in the workspace.
    """

    metric: str
    region_group: str = ""
    admin1: str = ""
    event_types: tuple[str, ...] = ()
    part: str = ""


@dataclass(frozen=True)
class Indicator:
    id: str
    outcome_id: str
    name: str
    unit: str
    baseline_value: float
    baseline_date: date
    target_value: float
    target_date: date
    direction: Direction
    frequency: Frequency
    source: str
    definition: str = ""
    computed: ComputedSpec | None = None

    @property
    def good_is_up(self) -> bool:
        return self.direction == "up"


@dataclass(frozen=True)
class Outcome:
    id: str
    area_id: str
    name: str


@dataclass(frozen=True)
class Area:
    id: str
    priority_id: str
    name: str
    owner: str


@dataclass(frozen=True)
class Priority:
    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Benchmark:
    """A condition the Council expects by a date; assessed by people or from its indicators."""

    id: str
    name: str
    condition: str
    target_date: date
    indicator_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaskLink:
    """A mandate task (PEMA code such as ``CivProtect``, or a paragraph id) serving an outcome."""

    task: str
    outcome_id: str
    resolution: str = ""


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    mission: str
    resolution: str = ""
    mandate_tasks: tuple[str, ...] = ()
    priorities: tuple[Priority, ...] = ()
    areas: tuple[Area, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    benchmarks: tuple[Benchmark, ...] = ()
    task_links: tuple[TaskLink, ...] = ()
    # True for the example shipped with peaceops: its figures are labelled illustrative.
    illustrative: bool = False

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def benchmark(self, benchmark_id: str) -> Benchmark | None:
        return next((b for b in self.benchmarks if b.id == benchmark_id), None)


@dataclass(frozen=True)
class Observation:
    indicator_id: str
    value: float
    date: date
    source: str = ""
    note: str = ""
    entered_by: str = ""


@dataclass(frozen=True)
class Assessment:
    benchmark_id: str
    status: str  # met | partly | not
    evidence: str
    assessed_by: str
    date: date


# -- validation -------------------------------------------------------------------------------


def _computed(c: RowChecker, row: Row) -> ComputedSpec | None:
    metric = c.text(row, "metric", required=False)
    region = c.text(row, "region_group", required=False)
    admin1 = c.text(row, "admin1", required=False)
    types = split_list(row.values.get("event_types"))
    part = c.text(row, "part", required=False)
    if not metric:
        if region or admin1 or types or part:
            c.fail(row, "'metric' is missing (region_group/admin1/event_types/part need a metric)")
        return None
    if metric not in METRICS:
        c.fail(row, f"'metric' is {metric!r}; use one of {', '.join(METRICS)}")
    if metric == "alert_months" and not admin1:
        c.fail(row, "metric alert_months needs an 'admin1' area")
    if metric == "agreement_level" and (region or admin1 or types):
        c.fail(row, "metric agreement_level takes a 'part', not region_group/admin1/event_types")
    if part and metric != "agreement_level":
        c.fail(row, "'part' (an agreement part) goes only with metric agreement_level")
    return ComputedSpec(
        metric=metric, region_group=region, admin1=admin1, event_types=types, part=part
    )


def build_framework(
    head: Row,
    priorities: Sequence[Row],
    areas: Sequence[Row],
    outcomes: Sequence[Row],
    indicators: Sequence[Row],
    benchmarks: Sequence[Row],
    task_links: Sequence[Row],
) -> Framework:
    """Validate flat rows into a Framework; one InputError listing every problem otherwise."""
    c = RowChecker()
    fid = c.text(head, "id")
    name = c.text(head, "name")
    mission = c.text(head, "mission")
    resolution = c.text(head, "resolution", required=False)
    mandate_tasks = split_list(head.values.get("mandate_tasks"))
    illustrative = c.flag(head, "illustrative")

    seen: set[str] = set()
    pris: list[Priority] = []
    for r in priorities:
        p = Priority(c.text(r, "id"), c.text(r, "name"), c.text(r, "description", False))
        c.unique(r, seen, p.id, "priority")
        pris.append(p)
    pri_ids = {p.id for p in pris}

    seen = set()
    ars: list[Area] = []
    for r in areas:
        a = Area(c.text(r, "id"), c.text(r, "priority"), c.text(r, "name"), c.text(r, "owner"))
        c.unique(r, seen, a.id, "area")
        if a.priority_id and a.priority_id not in pri_ids:
            c.fail(r, f"unknown priority {a.priority_id!r}")
        ars.append(a)
    area_ids = {a.id for a in ars}

    seen = set()
    outs: list[Outcome] = []
    for r in outcomes:
        o = Outcome(c.text(r, "id"), c.text(r, "area"), c.text(r, "name"))
        c.unique(r, seen, o.id, "outcome")
        if o.area_id and o.area_id not in area_ids:
            c.fail(r, f"unknown area {o.area_id!r}")
        outs.append(o)
    outcome_ids = {o.id for o in outs}

    seen = set()
    inds: list[Indicator] = []
    for r in indicators:
        ind = Indicator(
            id=c.text(r, "id"),
            outcome_id=c.text(r, "outcome"),
            name=c.text(r, "name"),
            unit=c.text(r, "unit"),
            baseline_value=c.number(r, "baseline_value"),
            baseline_date=c.day(r, "baseline_date"),
            target_value=c.number(r, "target_value"),
            target_date=c.day(r, "target_date"),
            direction=c.choice(r, "direction", DIRECTIONS),  # type: ignore[arg-type]
            frequency=c.choice(r, "frequency", FREQUENCIES),  # type: ignore[arg-type]
            source=c.text(r, "source"),
            definition=c.text(r, "definition", required=False),
            computed=_computed(c, r),
        )
        c.unique(r, seen, ind.id, "indicator")
        if ind.outcome_id and ind.outcome_id not in outcome_ids:
            c.fail(r, f"unknown outcome {ind.outcome_id!r}")
        dated = date.min not in (ind.baseline_date, ind.target_date)
        if dated and ind.target_date <= ind.baseline_date:
            c.fail(r, "'target_date' must be after 'baseline_date'")
        inds.append(ind)
    indicator_ids = {i.id for i in inds}

    seen = set()
    bens: list[Benchmark] = []
    for r in benchmarks:
        b = Benchmark(
            id=c.text(r, "id"),
            name=c.text(r, "name"),
            condition=c.text(r, "condition"),
            target_date=c.day(r, "target_date"),
            indicator_ids=split_list(r.values.get("indicators")),
        )
        c.unique(r, seen, b.id, "benchmark")
        for iid in b.indicator_ids:
            if iid not in indicator_ids:
                c.fail(r, f"unknown indicator {iid!r}")
        bens.append(b)

    for task in mandate_tasks:
        if not is_task(task):
            c.fail(head, f"mandate task {task!r} is neither a PEMA task code nor a paragraph id")
    links: list[TaskLink] = []
    for r in task_links:
        link = TaskLink(
            task=c.text(r, "task"),
            outcome_id=c.text(r, "outcome"),
            resolution=c.text(r, "resolution", required=False),
        )
        if link.outcome_id and link.outcome_id not in outcome_ids:
            c.fail(r, f"unknown outcome {link.outcome_id!r}")
        if link.task and not is_task(link.task):
            c.fail(r, f"task {link.task!r} is neither a PEMA task code nor a paragraph id")
        links.append(link)

    c.raise_problems("framework")
    return Framework(
        id=fid,
        name=name,
        mission=mission,
        resolution=resolution,
        mandate_tasks=mandate_tasks,
        priorities=tuple(pris),
        areas=tuple(ars),
        outcomes=tuple(outs),
        indicators=tuple(inds),
        benchmarks=tuple(bens),
        task_links=tuple(links),
        illustrative=illustrative,
    )
