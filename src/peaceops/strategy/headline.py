"""The strategy's headline figures for the overview: assumption statuses and gaps."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from peaceops.strategy.model import EXAMPLE_LABEL
from peaceops.strategy.status import strategy_status
from peaceops.workspace import Workspace

__all__ = ["StrategyHeadline", "strategy_headline"]


@dataclass(frozen=True)
class StrategyHeadline:
    name: str
    mission: str
    as_of: date
    label: str
    objectives: int
    assumptions: dict[str, int] = field(default_factory=dict)  # status -> how many
    at_risk_or_failing: tuple[str, ...] = ()
    gaps: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "mission": self.mission,
            "as_of": self.as_of,
            "label": self.label,
            "objectives": self.objectives,
            "assumptions": dict(self.assumptions),
            "at_risk_or_failing": list(self.at_risk_or_failing),
            "gaps": self.gaps,
        }


def strategy_headline(ws: Workspace) -> StrategyHeadline:
    """How many assumptions hold, are at risk, fail or are unknown, and the gaps."""
    st = strategy_status(ws)
    return StrategyHeadline(
        name=st.name,
        mission=st.mission,
        as_of=st.as_of,
        label=EXAMPLE_LABEL if st.example else "",
        objectives=sum(len(p.objectives) for p in st.priorities),
        assumptions=dict(Counter(a.status for a in st.assumptions)),
        at_risk_or_failing=tuple(a.id for a in st.assumptions if a.status in ("at risk", "fails")),
        gaps=len(st.gaps),
    )
