"""The results framework's headline figures for the overview: overall status and counts."""

from __future__ import annotations

from collections import Counter
from typing import Any

from peaceops.framework.status import framework_status
from peaceops.workspace import Workspace

__all__ = ["framework_headline"]


def framework_headline(ws: Workspace) -> dict[str, Any]:
    """The framework's overall status and how many indicators and benchmarks stand where."""
    st = framework_status(ws)
    return {
        "name": st.name,
        "mission": st.mission,
        "as_of": st.as_of,
        "overall": st.overall.status,
        "indicators": dict(Counter(i.status for i in st.indicators)),
        "benchmarks": dict(Counter(b.status for b in st.benchmarks)),
    }
