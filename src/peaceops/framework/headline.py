"""The results framework's headline figures for the overview: overall status and counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from peaceops.framework.status import framework_status
from peaceops.workspace import Workspace

__all__ = ["FrameworkHeadline", "framework_headline"]


@dataclass(frozen=True)
class FrameworkHeadline:
    name: str
    mission: str
    as_of: date
    overall: str
    indicators: dict[str, int] = field(default_factory=dict)  # status -> how many
    benchmarks: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "mission": self.mission,
            "as_of": self.as_of,
            "overall": self.overall,
            "indicators": dict(self.indicators),
            "benchmarks": dict(self.benchmarks),
        }


def framework_headline(ws: Workspace) -> FrameworkHeadline:
    """The framework's overall status and how many indicators and benchmarks stand where."""
    st = framework_status(ws)
    return FrameworkHeadline(
        name=st.name,
        mission=st.mission,
        as_of=st.as_of,
        overall=st.overall.status,
        indicators=dict(Counter(i.status for i in st.indicators)),
        benchmarks=dict(Counter(b.status for b in st.benchmarks)),
    )
