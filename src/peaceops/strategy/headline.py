"""The strategy's headline figures for the overview: assumption statuses and gaps."""

from __future__ import annotations

from collections import Counter
from typing import Any

from peaceops.strategy.model import EXAMPLE_LABEL
from peaceops.strategy.status import strategy_status
from peaceops.workspace import Workspace

__all__ = ["strategy_headline"]


def strategy_headline(ws: Workspace) -> dict[str, Any]:
    """How many assumptions hold, are at risk, fail or are unknown, and the gaps."""
    st = strategy_status(ws)
    return {
        "name": st.name,
        "mission": st.mission,
        "as_of": st.as_of,
        "label": EXAMPLE_LABEL if st.example else "",
        "objectives": sum(len(p.objectives) for p in st.priorities),
        "assumptions": dict(Counter(a.status for a in st.assumptions)),
        "at_risk_or_failing": [a.id for a in st.assumptions if a.status in ("at risk", "fails")],
        "gaps": len(st.gaps),
    }
