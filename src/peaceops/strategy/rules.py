"""Compute an assumption's status from data, and combine it with people's judgements.

The pure rules (``status_from_*``, ``combine``) sit beside ``compute_rule``, which reads the
workspace: the framework's indicator statuses, the agreement tracker's provision levels, or
conflict-event counts over the last complete quarter. A rule whose data is missing gives
"unknown" and says why, never a guess.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from peaceops.errors import NotFoundError
from peaceops.strategy.model import ASSUMPTION_STATUSES, AssumptionRule
from peaceops.workspace import Workspace

__all__ = [
    "COMBINE_RULE",
    "Computed",
    "combine",
    "compute_rule",
    "last_complete_quarter",
    "status_from_count",
    "status_from_indicator",
    "status_from_level",
    "worse",
]

COMBINE_RULE = (
    "An assumption takes the latest status a person recorded for it on or before the date, "
    "with its source. When a rule also computes a status from data (a framework indicator, an "
    "agreement provision's level or a count of conflict events in the last complete quarter), "
    "the worse of the two is shown, so a judgement that is out of date cannot hide a warning "
    "from the data, nor can the data clear a warning a person gave. Unknown counts only when "
    "neither says anything."
)
_RANK = {s: n for n, s in enumerate(ASSUMPTION_STATUSES)}  # holds < at risk < fails < unknown
_FROM_INDICATOR = {"on track": "holds", "at risk": "at risk", "off track": "fails"}


@dataclass(frozen=True)
class Computed:
    """A status computed from data, the reason in words and what the figure rests on."""

    status: str
    basis: str
    source: str = ""


def worse(a: str, b: str) -> str:
    """The worse of two statuses; unknown only when both are unknown."""
    if a == "unknown":
        return b
    if b == "unknown":
        return a
    return a if _RANK[a] >= _RANK[b] else b


def combine(judged: str | None, computed: str | None) -> str:
    return worse(judged or "unknown", computed or "unknown")


def status_from_indicator(indicator_status: str) -> str:
    return _FROM_INDICATOR.get(indicator_status, "unknown")


def status_from_level(level: int | None, needed: int) -> str:
    if level is None:
        return "unknown"
    if level >= needed:
        return "holds"
    return "at risk" if level == needed - 1 else "fails"


def status_from_count(value: float, at_risk: float, fails: float) -> str:
    """Holds up to ``at_risk``; at risk up to ``fails``; fails above it."""
    if value <= at_risk:
        return "holds"
    return "at risk" if value <= fails else "fails"


def last_complete_quarter(last_day: date) -> tuple[str, date, date]:
    """The last quarter wholly on or before ``last_day``: its label, first and last day."""
    q = (last_day.month - 1) // 3
    end_month = q * 3 + 3
    year = last_day.year
    if last_day < date(year, end_month, calendar.monthrange(year, end_month)[1]):
        q -= 1
        if q < 0:
            q, year = 3, year - 1
    first = date(year, q * 3 + 1, 1)
    end_month = q * 3 + 3
    return f"{year}-Q{q + 1}", first, date(year, end_month, calendar.monthrange(year, end_month)[1])


def _indicator(ws: Workspace, rule: AssumptionRule, fw_status: Callable[[], Any]) -> Computed:
    try:
        st = fw_status()
    except NotFoundError:
        return Computed("unknown", "no results framework in the workspace")
    ind = next((i for i in st.indicators if i.id == rule.target), None)
    if ind is None:
        return Computed("unknown", f"indicator {rule.target} is not in the framework")
    when = ind.latest_period or (ind.latest_date.isoformat() if ind.latest_date else "")
    # "no recent data" is something an indicator has, the other statuses something it is
    verb = "has" if ind.status.startswith("no ") else "is"
    basis = f"indicator {ind.id} {verb} {ind.status}" + (f" ({when})" if when else "")
    return Computed(status_from_indicator(ind.status), basis, ind.source)


def _provision(ws: Workspace, rule: AssumptionRule, as_of: date | None) -> Computed:
    from peaceops.agreement.status import agreement_status

    needed = rule.level if rule.level is not None else 3
    try:
        st = agreement_status(ws, as_of)
    except NotFoundError:
        return Computed("unknown", "no peace agreement in the workspace")
    state = next((p for p in st.provisions if p.id == rule.target), None)
    if state is None:
        return Computed("unknown", f"provision {rule.target} is not in the agreement")
    if state.level is None:
        return Computed("unknown", f"provision {rule.target} has no recorded level")
    basis = (
        f"provision {rule.target} at level {state.level} ({state.word}) on {state.date}, "
        f"needs {needed}"
    )
    return Computed(status_from_level(state.level, needed), basis, state.source or "")


def _event_count(ws: Workspace, rule: AssumptionRule, first: date, last: date) -> float:
    """Events or fatalities between two dates under the rule's filters."""
    regions = [rule.admin1] if rule.admin1 else ([rule.region_group] if rule.region_group else None)
    column = "events" if rule.metric == "events" else "fatalities"
    if rule.category:
        from peaceops.actors.analysis import agreement_violence

        frame = agreement_violence(
            ws, by="quarter", group=None, start=first, end=last, regions=regions
        )
        rows = frame.filter(frame["category"] == rule.category)
        return float(rows[column].sum())
    from peaceops.events.analysis import series

    frame = series(
        ws,
        by="quarter",
        start=first,
        end=last,
        event_types=list(rule.event_types) or None,
        regions=regions,
    )
    return float(frame[column].sum())


def _events(ws: Workspace, rule: AssumptionRule, as_of: date | None) -> Computed:
    from peaceops.events.analysis import event_range

    try:
        span = event_range(ws)
    except NotFoundError:
        span = None
    if span is None:
        return Computed("unknown", "no conflict events in the workspace")
    last_day = span[1] if as_of is None else min(span[1], as_of)
    label, first, last = last_complete_quarter(last_day)
    # Event data rarely has an event on the first day: a quarter counts as covered when the
    # data start within its first month.
    if (span[0] - first).days > 31:
        return Computed("unknown", f"the event data do not cover {label}")
    try:
        value = _event_count(ws, rule, first, last)
    except NotFoundError as exc:
        return Computed("unknown", str(exc))
    assert rule.at_risk is not None and rule.fails is not None
    where = rule.admin1 or rule.region_group or "all regions"
    what = rule.category or (", ".join(rule.event_types) if rule.event_types else "all events")
    basis = (
        f"{value:,.0f} {rule.metric} in {label} ({what}, {where}); holds up to "
        f"{rule.at_risk:,g}, fails above {rule.fails:,g}"
    )
    sources = ws.datasets("events")
    return Computed(
        status_from_count(value, rule.at_risk, rule.fails),
        basis,
        sources[-1].cite() if sources else "event data",
    )


def compute_rule(
    ws: Workspace, rule: AssumptionRule, as_of: date | None, fw_status: Callable[[], Any]
) -> Computed:
    """The status ``rule`` gives on ``as_of`` (``fw_status`` returns the framework status)."""
    if rule.kind == "indicator":
        return _indicator(ws, rule, fw_status)
    if rule.kind == "provision":
        return _provision(ws, rule, as_of)
    return _events(ws, rule, as_of)
