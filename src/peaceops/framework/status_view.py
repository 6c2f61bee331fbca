"""The framework's status on a date as typed views: indicators, roll-ups, benchmarks and
coverage, each with the one ``as_dict``/``to_dict`` that the CLI, the API, the report and the
brief read. ``peaceops.framework.status`` computes them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from peaceops.framework.rules import Point, StatusRule
from peaceops.grades import Grade, grade_label

__all__ = ["BenchmarkStatus", "Coverage", "FrameworkStatus", "IndicatorStatus", "RollUp"]


@dataclass(frozen=True)
class IndicatorStatus:
    id: str
    name: str
    outcome_id: str
    area_id: str
    priority_id: str
    unit: str
    direction: str
    frequency: str
    baseline: float
    baseline_date: date
    target: float
    target_date: date
    latest: float | None
    latest_date: date | None
    latest_period: str
    expected: float | None
    status: str
    reason: str
    target_met: bool
    trend: str  # improving | worsening | flat | not enough data
    slope: float | None
    trend_text: str
    computed: bool
    source: str
    points: tuple[Point, ...] = ()
    # What the values come from: "event data", "agreement tracker" (or "agreement tracker
    # example" for the one shipped with peaceops) or "observations".
    origin: str = ""
    # ``illustrative`` when the framework, the agreement tracker or the observations are an
    # example shipped with peaceops; ``synthetic`` when the events are generated.
    grade: Grade = "real"

    @property
    def origin_text(self) -> str:
        """Where the figures come from, with their grade, in words for one line."""
        what = {
            "event data": "computed from event data",
            "agreement tracker": "computed from the agreement tracker",
            "agreement tracker example": "computed from the agreement tracker example",
            "observations": "observations entered with a source",
        }.get(self.origin, self.origin)
        if self.grade == "real":
            return what
        return f"{self.grade}: {what}"


@dataclass(frozen=True)
class RollUp:
    level: str  # outcome | area | priority | framework
    id: str
    name: str
    parent_id: str
    owner: str
    status: str
    counts: dict[str, int] = field(default_factory=dict)
    indicator_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class BenchmarkStatus:
    id: str
    name: str
    condition: str
    target_date: date
    status: str  # met | partly met | not met | not assessed
    basis: str  # assessment | indicators | ""
    evidence: str
    assessed_by: str
    assessed_on: date | None
    indicator_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coverage:
    tasks_without_outcome: tuple[str, ...]
    outcomes_without_indicator: tuple[str, ...]
    indicators_without_data: tuple[str, ...]  # no value in the last N periods


@dataclass(frozen=True)
class FrameworkStatus:
    framework_id: str
    name: str
    mission: str
    resolution: str
    as_of: date
    indicators: tuple[IndicatorStatus, ...]
    outcomes: tuple[RollUp, ...]
    areas: tuple[RollUp, ...]
    priorities: tuple[RollUp, ...]
    overall: RollUp
    benchmarks: tuple[BenchmarkStatus, ...]
    coverage: Coverage
    sources: tuple[str, ...]
    rule: StatusRule = field(default_factory=StatusRule)
    grade: Grade = "real"
    # Why the grade is not ``real``, in words (the example framework, the example tracker...).
    grade_reasons: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The words printed beside the status's figures (empty for real data)."""
        return grade_label(self.grade)

    def to_dict(self) -> dict[str, Any]:
        """The status as one JSON document: the CLI's ``--format json`` and the web API's."""
        indicators = [
            {
                "id": i.id,
                "name": i.name,
                "outcome": i.outcome_id,
                "area": i.area_id,
                "priority": i.priority_id,
                "unit": i.unit,
                "latest": i.latest,
                "latest_date": i.latest_date,
                "latest_period": i.latest_period,
                "baseline": i.baseline,
                "target": i.target,
                "target_date": i.target_date,
                "direction": i.direction,
                "expected": i.expected,
                "status": i.status,
                "reason": i.reason,
                "trend": i.trend,
                "slope": i.slope,
                "computed": i.computed,
                "origin": i.origin,
                "origin_text": i.origin_text,
                "grade": i.grade,
                "source": i.source,
            }
            for i in self.indicators
        ]

        def roll(r: Any) -> dict[str, Any]:
            return {
                "id": r.id,
                "name": r.name,
                "parent": r.parent_id,
                "owner": r.owner,
                "status": r.status,
                "counts": r.counts,
            }

        return {
            "framework": self.framework_id,
            "name": self.name,
            "mission": self.mission,
            "resolution": self.resolution,
            "as_of": self.as_of,
            "grade": self.grade,
            "label": self.label,
            "grade_reasons": list(self.grade_reasons),
            "indicators": indicators,
            "rollups": {
                "overall": roll(self.overall),
                "priorities": [roll(r) for r in self.priorities],
                "areas": [roll(r) for r in self.areas],
                "outcomes": [roll(r) for r in self.outcomes],
            },
            "benchmarks": [
                {
                    "id": b.id,
                    "name": b.name,
                    "target_date": b.target_date,
                    "status": b.status,
                    "basis": b.basis,
                    "evidence": b.evidence,
                    "assessed_by": b.assessed_by,
                    "assessed_on": b.assessed_on,
                }
                for b in self.benchmarks
            ],
            "coverage": {
                "tasks_without_outcome": list(self.coverage.tasks_without_outcome),
                "outcomes_without_indicator": list(self.coverage.outcomes_without_indicator),
                "indicators_without_data": list(self.coverage.indicators_without_data),
            },
            "sources": list(self.sources),
        }

    def as_dict(self, points: bool = False) -> dict[str, Any]:
        """Plain JSON-ready data (dates stay ``date``; the CLI's encoder writes ISO text)."""
        data = asdict(self)
        data["label"] = self.label
        for ind, st in zip(data["indicators"], self.indicators, strict=True):
            ind["origin_text"] = st.origin_text
            if not points:
                ind.pop("points", None)
        return data
