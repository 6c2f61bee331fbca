"""The context's typed views: what the CLI's ``--format json`` and the web API both return,
each shaped by one ``to_dict()``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from peaceops.events.analysis import ContextSummary, summary
from peaceops.grades import Grade
from peaceops.workspace import Workspace

__all__ = ["SummaryView", "context_summary"]


@dataclass(frozen=True)
class SummaryView:
    """Headline figures of a date range with the grade of the data they come from."""

    grade: Grade  # "real" or "synthetic"
    summary: ContextSummary

    def to_dict(self) -> dict[str, Any]:
        """``peaceops context summary --format json`` and ``/api/context/summary``."""
        return {"grade": self.grade, **self.summary.as_dict()}


def context_summary(
    ws: Workspace, start: date | None = None, end: date | None = None
) -> SummaryView:
    """Totals, date range, fatalities by region group and the top admin1 areas, graded."""
    grade: Grade = "synthetic" if ws.config.synthetic else "real"
    return SummaryView(grade, summary(ws, start, end))
