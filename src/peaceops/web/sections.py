"""Headline figures of each part of the workspace, from the feature packages' public API.

Each function raises ``NotFoundError`` (with the command that adds the data) when its part of
the workspace is empty; the overview shows that message instead of the figures.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from peaceops.errors import NotFoundError
from peaceops.web.common import Missing, missing_from
from peaceops.workspace import Workspace

__all__ = [
    "FIX_COMMANDS",
    "context_headline",
    "framework_headline",
    "mandates_headline",
    "missing_for",
    "plan_headline",
]

# The command that adds each part's data, shown when a feature gives none in its message.
FIX_COMMANDS = {
    "context": "peaceops events import FILE",
    "alerts": "peaceops events import FILE",
    "map": "peaceops boundaries import FILE --level 1",
    "mandates": "peaceops mandates read FILE --save",
    "framework": "peaceops framework import FILE.yaml",
    "plan": "peaceops plan save FILE",
    "brief": "peaceops events import FILE",
}

_WHAT = {
    "context": "conflict events",
    "alerts": "conflict events",
    "map": "admin boundaries",
    "mandates": "Security Council resolutions",
    "framework": "a results framework",
    "plan": "a plan",
    "brief": "data for the brief",
}


def missing_for(key: str, exc: Exception) -> Missing:
    return missing_from(_WHAT.get(key, key), exc, FIX_COMMANDS.get(key, ""))


RECENT_MONTHS = 3


def context_headline(ws: Workspace) -> dict[str, Any]:
    """Totals and the early-warning alerts of the last three months of data."""
    from peaceops.events.alerts import alerts
    from peaceops.events.analysis import summary

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


def mandates_headline(ws: Workspace) -> dict[str, Any]:
    from peaceops.mandates.store import list_resolutions

    found = list_resolutions(ws)
    if not found:
        raise NotFoundError(
            "no resolutions in this workspace yet; "
            "read one with 'peaceops mandates read FILE --save'"
        )
    latest = found[-1]
    return {
        "resolutions": len(found),
        "missions": sorted({m for r in found for m in r.missions}),
        "latest": {
            "symbol": latest.symbol,
            "number": latest.number,
            "date": latest.date,
            "operative_paragraphs": len(latest.operative),
            "tasks": len(latest.tasks),
        },
    }


def framework_headline(ws: Workspace) -> dict[str, Any]:
    from peaceops.framework.status import framework_status

    st = framework_status(ws)
    return {
        "name": st.name,
        "mission": st.mission,
        "as_of": st.as_of,
        "overall": st.overall.status,
        "indicators": dict(Counter(i.status for i in st.indicators)),
        "benchmarks": dict(Counter(b.status for b in st.benchmarks)),
    }


def plan_headline(ws: Workspace) -> dict[str, Any]:
    from peaceops.web.plan_data import plan_result

    return plan_result(ws)["headline"]  # type: ignore[no-any-return]
