"""The context part of the brief: event series, charts, regional comparison, alerts.

Figures come from the context-analysis API (``peaceops.events.analysis.series``) over the
workspace's ``events`` slot, limited to events up to the brief's cut-off date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from peaceops.events import alerts as early_warning
from peaceops.events import analysis
from peaceops.events.schema import EVENTS_SLOT
from peaceops.period import add_months, month_start
from peaceops.reports.brief_charts import figure_from_chart
from peaceops.reports.brief_model import (
    BriefFigure,
    BriefSection,
    BriefTable,
    MissingSection,
    sentence,
)
from peaceops.workspace import Workspace

__all__ = [
    "ALERT_MONTHS",
    "ContextFacts",
    "RegionChange",
    "gather_context",
    "month_windows",
    "window_label",
]

# Alerts in this many months up to the end of the data are "recent".
ALERT_MONTHS = 6


@dataclass(frozen=True)
class RegionChange:
    """A measure in one region group over the last 12 months against the 12 before."""

    region: str
    recent: int
    previous: int

    @property
    def change_pct(self) -> float | None:
        if self.previous == 0:
            return None
        return 100.0 * (self.recent - self.previous) / self.previous


@dataclass(frozen=True)
class ContextFacts:
    """Plain figures the key considerations are drawn from."""

    first_date: date
    last_date: date
    events: int
    fatalities: int
    recent_label: str  # "2019-01 to 2019-12"
    previous_label: str
    civilian_by_region: tuple[RegionChange, ...]
    fatalities_by_region: tuple[RegionChange, ...]
    source_label: str
    alerts: tuple[early_warning.Alert, ...] = ()
    alerts_label: str = ""  # "2019-06 to 2019-11"


def month_windows(end: date) -> tuple[tuple[date, date], tuple[date, date]]:
    """The 12 calendar months ending with ``end``'s month, and the 12 months before them.

    Each window is (first day, last day). Whole months keep the comparison like-for-like.
    """
    recent_start = add_months(month_start(end), -11)
    recent_end = add_months(month_start(end), 1) - timedelta(days=1)
    previous_start = add_months(recent_start, -12)
    previous_end = recent_start - timedelta(days=1)
    return (recent_start, recent_end), (previous_start, previous_end)


def window_label(window: tuple[date, date]) -> str:
    a, b = window
    return f"{a:%Y-%m} to {b:%Y-%m}"


def _series_rows(
    ws: Workspace,
    *,
    by: str,
    group: str | None,
    civilian: bool,
    start: date | None,
    end: date | None,
) -> list[dict[str, Any]]:
    df = analysis.series(ws, by=by, group=group, civilian=civilian, start=start, end=end)
    rows: list[dict[str, Any]] = df.to_dicts()
    return rows


def events_source_label(ws: Workspace) -> str:
    """Short citation of the event datasets: source, file and access date."""
    records = ws.datasets("events")
    if not records:
        return "workspace event store"
    seen: list[str] = []
    for r in records:
        text = f"{r.source} ({r.file_name}, accessed {r.accessed.isoformat()})"
        if text not in seen:
            seen.append(text)
    return "; ".join(seen[-3:])


def _region_changes(
    ws: Workspace, civilian: bool, windows: tuple[tuple[date, date], tuple[date, date]]
) -> tuple[RegionChange, ...]:
    (r0, r1), (p0, _) = windows
    # One monthly series over both windows (they are consecutive), split at the recent one.
    rows = _series_rows(ws, by="month", group="region", civilian=civilian, start=p0, end=r1)
    first_recent = f"{r0:%Y-%m}"
    totals: dict[str, list[int]] = {}
    for row in rows:
        region = str(row.get("region") or "other")
        slot = 0 if str(row["period"]) >= first_recent else 1
        totals.setdefault(region, [0, 0])[slot] += int(row["fatalities"])
    order = [*ws.config.region_groups, *sorted(set(totals) - set(ws.config.region_groups))]
    return tuple(RegionChange(g, totals[g][0], totals[g][1]) for g in order if g in totals)


def _recent_alerts(
    ws: Workspace, last: date, as_of: date | None
) -> tuple[tuple[early_warning.Alert, ...], str]:
    """Alerts of the default rule in the last ALERT_MONTHS months of data up to the cut-off.

    A cut-off inside a month stops at the month before: that month's count would include
    events after the cut-off.
    """
    end_month = month_start(last)
    if as_of is not None and add_months(month_start(as_of), 1) - timedelta(days=1) != as_of:
        end_month = min(end_month, add_months(month_start(as_of), -1))
    start = add_months(end_month, -(ALERT_MONTHS - 1))
    end = add_months(end_month, 1) - timedelta(days=1)
    found = early_warning.alerts(ws, start=start, end=end)
    return tuple(found), f"{start:%Y-%m} to {end:%Y-%m}"


def _alerts_table(found: tuple[early_warning.Alert, ...], label: str) -> BriefTable:
    return BriefTable(
        caption=f"Early-warning alerts, {label}",
        columns=("Month", "Area", "Value", "12-month mean", "Reason"),
        rows=tuple(
            (a.month, a.area_name, f"{a.value:,} {a.metric}", f"{a.baseline:.1f}", a.reason)
            for a in found
        ),
        note=(
            "An alert fires when an area's monthly count is at least the minimum and improbably "
            "high against its mean over the 12 months before (tail probability below the "
            "threshold); see the context documentation."
        ),
    )


def _change_text(change: RegionChange) -> str:
    pct = change.change_pct
    if pct is None:
        return "new" if change.recent else "none"
    return f"{pct:+.0f}%"


def gather_context(
    ws: Workspace, as_of: date | None, *, charts: bool = True
) -> tuple[BriefSection | None, list[MissingSection], ContextFacts | None]:
    """The context section, what is missing from it, and the facts behind it."""
    has_events = ws.current_file(EVENTS_SLOT) is not None
    summary = analysis.summary(ws, end=as_of, breakdowns=False) if has_events else None
    if summary is None or summary.events == 0 or summary.first_date is None:
        cut = f" up to {as_of.isoformat()}" if as_of else ""
        return (
            None,
            [
                MissingSection(
                    "context",
                    "Context",
                    f"No conflict events{cut}: add an ACLED or UCDP export.",
                    remedy="events.import",
                )
            ],
            None,
        )
    first, last = summary.first_date, summary.last_date or summary.first_date
    n_events, n_fatalities = summary.events, summary.fatalities
    source = events_source_label(ws)
    windows = month_windows(last)
    civ = _region_changes(ws, True, windows)
    fat = _region_changes(ws, False, windows)
    recent_alerts, alerts_label = _recent_alerts(ws, last, as_of)
    facts = ContextFacts(
        first_date=first,
        last_date=last,
        events=n_events,
        fatalities=n_fatalities,
        recent_label=window_label(windows[0]),
        previous_label=window_label(windows[1]),
        civilian_by_region=civ,
        fatalities_by_region=fat,
        source_label=source,
        alerts=recent_alerts,
        alerts_label=alerts_label,
    )
    figures, figure_missing = _figures(ws, as_of, windows[0]) if charts else ([], [])
    table = BriefTable(
        caption=(
            f"Fatalities by region group, {facts.recent_label} against {facts.previous_label}"
        ),
        columns=(
            "Region group",
            "Civilian fatalities (recent)",
            "Civilian fatalities (previous)",
            "Change",
            "All fatalities (recent)",
            "All fatalities (previous)",
            "Change",
        ),
        rows=tuple(
            (
                c.region,
                f"{c.recent:,}",
                f"{c.previous:,}",
                _change_text(c),
                f"{f.recent:,}",
                f"{f.previous:,}",
                _change_text(f),
            )
            for c, f in _paired(civ, fat)
        ),
        note=sentence(f"Source: {source}"),
    )
    intro = (
        f"{n_events:,} events with {n_fatalities:,} reported fatalities between "
        f"{first.isoformat()} and {last.isoformat()} (source: {source})."
    )
    tables = [table]
    paragraphs = [intro]
    if recent_alerts:
        tables.append(_alerts_table(recent_alerts, alerts_label))
    else:
        paragraphs.append(f"No early-warning alerts in {alerts_label}.")
    section = BriefSection(
        key="context",
        title="Context",
        paragraphs=tuple(paragraphs),
        figures=tuple(figures),
        tables=tuple(tables),
    )
    return section, figure_missing, facts


def _figures(
    ws: Workspace, as_of: date | None, recent: tuple[date, date]
) -> tuple[list[BriefFigure], list[MissingSection]]:
    """The context charts up to the cut-off; the map of the last 12 months."""
    from peaceops.reports import context_charts as charts

    cx = charts.chart_context(ws, end=as_of)
    yearly = analysis.series(ws, by="year", end=as_of)
    civilian = analysis.series(ws, by="year", civilian=True, end=as_of)
    regions = analysis.series(ws, by="year", group="region", end=as_of)
    figures = [
        figure_from_chart(
            "fatalities",
            "Fatalities per year",
            charts.fatalities_chart(yearly, cx, end=as_of),
            "Bars: reported fatalities per year.",
        ),
        figure_from_chart(
            "civilian",
            "Civilian fatalities from direct targeting per year",
            charts.civilian_chart(civilian, cx, end=as_of),
            "Bars: civilian fatalities in events that targeted civilians, per year.",
        ),
        figure_from_chart(
            "regions",
            "Fatalities per year by region group",
            charts.regions_chart(regions, cx, end=as_of),
            "Stacked bars: fatalities per year in each region group.",
        ),
    ]
    if ws.current_file("boundaries/1") is None:
        return figures, [
            MissingSection(
                "context.map",
                "Map",
                "No admin1 boundaries in the workspace.",
                remedy="boundaries.import.admin1",
            )
        ]
    map_end = min(recent[1], as_of or recent[1])
    figures.append(
        figure_from_chart(
            "map",
            f"Fatalities by region, {window_label(recent)}",
            charts.map_chart(
                charts.boundary_features(ws, 1),
                analysis.area_totals(ws, 1, start=recent[0], end=map_end),
                cx,
                charts.boundary_sources(ws, 1),
                level=1,
                start=recent[0],
                end=map_end,
            ),
            f"Map: fatalities per first-level administrative area, {window_label(recent)}.",
        )
    )
    return figures, []


def _paired(
    civ: tuple[RegionChange, ...], fat: tuple[RegionChange, ...]
) -> list[tuple[RegionChange, RegionChange]]:
    by_region = {c.region: c for c in civ}
    return [(by_region.get(f.region, RegionChange(f.region, 0, 0)), f) for f in fat]
