"""The context page's data as one typed view: summary, series, partial periods, alerts and
events for one set of filters, shaped by one ``to_dict()`` that both the page and
``/api/context`` use. The web adds the filters as typed (and its notes and errors) and draws
the figures from the view's frames.

Partial periods (a year or quarter the data or the chosen period covers only in part) are
named with the days covered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from peaceops.events import analysis
from peaceops.events.alerts import Alert, alerts, alerts_in_region
from peaceops.events.analysis import ContextSummary
from peaceops.events.listing import event_list
from peaceops.reports.partial import coverage_start
from peaceops.workspace import Workspace

__all__ = ["MAX_ALERTS", "MAX_EVENTS", "ContextView", "context_page_view", "partial_periods"]

MAX_ALERTS = 60
MAX_EVENTS = 30  # on the page; the download reads more


def _period_bounds(by: str, label: str) -> tuple[date, date]:
    year = int(label[:4])
    if by == "year":
        return date(year, 1, 1), date(year, 12, 31)
    if by == "quarter":
        q = int(label[-1])
        first = date(year, 3 * q - 2, 1)
    else:
        first = date(year, int(label[5:7]), 1)
    months = 3 if by == "quarter" else 1
    m = first.month - 1 + months
    nxt = date(first.year + m // 12, m % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def partial_periods(by: str, labels: list[str], first: date, last: date) -> dict[str, str]:
    """Periods only partly covered by [first, last]: label -> the days covered."""
    out: dict[str, str] = {}
    for label in labels:
        try:
            a, b = _period_bounds(by, label)
        except (ValueError, IndexError):
            continue
        lo, hi = max(a, first), min(b, last)
        if (lo, hi) != (a, b) and lo <= hi:
            out[label] = f"{lo} to {hi}"
    return out


@dataclass(frozen=True)
class ContextView:
    """The conflict-event context for one period, grouping and narrowing."""

    data_first: date  # the events' first and last day
    data_last: date
    first: date  # the period shown
    last: date
    summary: ContextSummary
    partial: dict[str, str]  # period label -> the days covered
    series: list[dict[str, Any]]  # events and fatalities per period
    civilian_series: list[dict[str, Any]]  # the same, civilian-targeting events only
    region_series: list[dict[str, Any]]  # per period and region group
    alerts_first: date
    alerts_last: date
    alerts_narrowed: bool  # the events are narrowed by type or actor, the alerts are not
    alerts: tuple[Alert, ...]  # newest month first, then the strongest
    events: list[dict[str, Any]]  # the first MAX_EVENTS events (only when narrowed)

    @property
    def empty(self) -> bool:
        return bool(self.summary.events == 0)

    def to_dict(
        self, filters: dict[str, Any], errors: dict[str, str], notes: dict[str, str]
    ) -> dict[str, Any]:
        """The document, with the filters as typed and checked (given by the caller)."""
        return {
            "filters": filters,
            "errors": errors,
            "notes": notes,
            "range": {"first": self.data_first, "last": self.data_last},
            "period": {"from": self.first, "to": self.last},
            "summary": self.summary.as_dict(),
            "empty": self.empty,
            "partial_periods": self.partial,
            "series": self.series,
            "civilian_series": self.civilian_series,
            "region_series": self.region_series,
            "alerts_period": {"from": self.alerts_first, "to": self.alerts_last},
            "alerts_cover": "all event types and actors" if self.alerts_narrowed else "",
            "alerts": [a.as_dict() for a in self.alerts[:MAX_ALERTS]],
            "alerts_total": len(self.alerts),
            "events": self.events,
            "events_shown": MAX_EVENTS,
        }


def context_page_view(
    ws: Workspace,
    *,
    data_first: date,
    data_last: date,
    by: str,
    start: date | None,
    end: date | None,
    event_type: str | None,
    region: str | None,
    actor: str | None,
) -> ContextView:
    """The view for checked filters; one query per piece of data (the summary's regions are
    the region series' totals)."""
    narrow: dict[str, Any] = {
        "event_types": [event_type] if event_type else None,
        "regions": [region] if region else None,
        "actor": actor or None,
    }
    # the data's start is its first event's month: a first event on 6 January is no gap
    first = start or coverage_start(data_first)
    last = end or data_last
    reg_frame = analysis.series(ws, by=by, group="region", start=start, end=end, **narrow)
    head = analysis.summary(ws, start, end, **narrow, region_series=reg_frame)
    rows = analysis.series(ws, by=by, start=start, end=end, **narrow).to_dicts()
    civ = analysis.series(ws, by=by, civilian=True, start=start, end=end, **narrow).to_dicts()
    partial = partial_periods(by, [r["period"] for r in rows], first, last)
    # Alerts for the chosen period; without one, the last twelve months of data.
    a_last = end or data_last
    a_first = start or date(a_last.year - 1, a_last.month, 1)
    found = alerts(ws, start=a_first, end=a_last)
    if region:
        found = alerts_in_region(found, ws.config, region)
    found = sorted(found, key=lambda a: (a.month, -a.p_value), reverse=True)
    narrowed = bool(region or event_type or actor)
    events = event_list(ws, start, end, limit=MAX_EVENTS, **narrow) if narrowed else []
    return ContextView(
        data_first=data_first,
        data_last=data_last,
        first=first,
        last=last,
        summary=head,
        partial=partial,
        series=rows,
        civilian_series=civ,
        region_series=reg_frame.to_dicts(),
        alerts_first=a_first,
        alerts_last=a_last,
        alerts_narrowed=bool(event_type or actor),
        alerts=tuple(found),
        events=events,
    )
