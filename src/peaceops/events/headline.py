"""The context's headline figures for the overview: totals and recent early-warning alerts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from peaceops.events.alerts import Alert, alerts
from peaceops.events.analysis import ContextSummary, summary
from peaceops.workspace import Workspace

__all__ = ["RECENT_MONTHS", "ContextHeadline", "context_headline"]

RECENT_MONTHS = 3


@dataclass(frozen=True)
class ContextHeadline:
    """The summary of all events and the alerts of the last ``RECENT_MONTHS`` months of data
    (``recent`` None without events)."""

    summary: ContextSummary
    recent: tuple[date, date] | None = None
    recent_alerts: tuple[Alert, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = self.summary.as_dict()
        if self.recent is not None:
            data["recent_alerts"] = {
                "from": self.recent[0],
                "to": self.recent[1],
                "alerts": [a.as_dict() for a in self.recent_alerts],
            }
        return data


def context_headline(ws: Workspace) -> ContextHeadline:
    """Totals and the early-warning alerts of the last three months of data."""
    head = summary(ws)
    last = head.last_date
    if last is None:
        return ContextHeadline(head)
    months = last.year * 12 + last.month - 1 - (RECENT_MONTHS - 1)
    first = date(months // 12, months % 12 + 1, 1)
    found = sorted(alerts(ws, start=first, end=last), key=lambda a: a.month, reverse=True)
    return ContextHeadline(head, (first, last), tuple(found))
