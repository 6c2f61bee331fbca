"""The context's headline figures for the overview: totals and recent early-warning alerts."""

from __future__ import annotations

from datetime import date
from typing import Any

from peaceops.events.alerts import alerts
from peaceops.events.analysis import summary
from peaceops.workspace import Workspace

__all__ = ["RECENT_MONTHS", "context_headline"]

RECENT_MONTHS = 3


def context_headline(ws: Workspace) -> dict[str, Any]:
    """Totals and the early-warning alerts of the last three months of data."""
    data = summary(ws).as_dict()
    last = data["last_date"]
    if last is not None:
        months = last.year * 12 + last.month - 1 - (RECENT_MONTHS - 1)
        first = date(months // 12, months % 12 + 1, 1)
        found = sorted(alerts(ws, start=first, end=last), key=lambda a: a.month, reverse=True)
        data["recent_alerts"] = {
            "from": first,
            "to": last,
            "alerts": [a.as_dict() for a in found],
        }
    return data
