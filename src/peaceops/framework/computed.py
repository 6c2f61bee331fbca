"""Values of computed indicators, from the event store through the context-analysis API.

One value a period (the indicator's frequency), from the period holding the baseline date to
the last complete period of the event data (and not after the as-of date): a period the event
data covers only partly would understate counts, so it is left out.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from peaceops.errors import NotFoundError
from peaceops.framework.model import ComputedSpec, Indicator
from peaceops.geo.names import fold_name
from peaceops.workspace import Workspace

__all__ = ["PeriodValue", "computed_values", "period_end", "period_of"]


@dataclass(frozen=True)
class PeriodValue:
    period: str  # "2019", "2019-Q2", "2019-05"
    end: date  # the last day of the period: the date the value stands for
    value: float


def period_end(label: str) -> date:
    """The last day of a period label ``2019``, ``2019-Q2`` or ``2019-05``."""
    year = int(label[:4])
    if len(label) == 4:
        return date(year, 12, 31)
    month = int(label[6]) * 3 if label[5] == "Q" else int(label[5:7])
    return date(year, month, calendar.monthrange(year, month)[1])


def period_of(frequency: str, day: date) -> str:
    if frequency == "year":
        return f"{day.year:04d}"
    if frequency == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}-{day.month:02d}"


def _period_start(label: str) -> date:
    year = int(label[:4])
    if len(label) == 4:
        return date(year, 1, 1)
    if label[5] == "Q":
        return date(year, (int(label[6]) - 1) * 3 + 1, 1)
    return date(year, int(label[5:7]), 1)


def _window(ws: Workspace, ind: Indicator, as_of: date | None) -> tuple[date, date] | None:
    from peaceops.events.analysis import event_range

    span = event_range(ws)
    if span is None:
        return None
    last = span[1] if as_of is None else min(span[1], as_of)
    # Step back to the last period that ends within the data.
    label = period_of(ind.frequency, last)
    if period_end(label) > last:
        last = _period_start(label).replace(day=1)
        last = date.fromordinal(last.toordinal() - 1)
    first = _period_start(period_of(ind.frequency, ind.baseline_date))
    if last < first:
        return None
    return first, last


def _event_values(
    ws: Workspace, ind: Indicator, spec: ComputedSpec, first: date, last: date
) -> list[PeriodValue]:
    from peaceops.events.analysis import series

    regions = [spec.admin1] if spec.admin1 else ([spec.region_group] if spec.region_group else None)
    civilian = spec.metric.startswith("civilian_")
    frame = series(
        ws,
        by=ind.frequency,
        civilian=civilian,
        start=first,
        end=last,
        event_types=list(spec.event_types) or None,
        regions=regions,
    )
    column = "events" if spec.metric.endswith("events") else "fatalities"
    return [
        PeriodValue(str(p), period_end(str(p)), float(v))
        for p, v in zip(frame["period"].to_list(), frame[column].to_list(), strict=True)
        if period_end(str(p)) <= last
    ]


def _alert_values(
    ws: Workspace, ind: Indicator, spec: ComputedSpec, first: date, last: date
) -> list[PeriodValue]:
    from peaceops.events.alerts import alerts
    from peaceops.events.analysis import period_labels

    wanted = fold_name(ws.config.canonical_admin1(spec.admin1) or spec.admin1)
    months: dict[str, set[str]] = defaultdict(set)
    for alert in alerts(ws, start=first, end=last):
        if fold_name(alert.area_name) == wanted or alert.area_pcode == spec.admin1:
            day = date(int(alert.month[:4]), int(alert.month[5:7]), 1)
            months[period_of(ind.frequency, day)].add(alert.month)
    return [
        PeriodValue(p, period_end(p), float(len(months.get(p, ()))))
        for p in period_labels(ind.frequency, first, last)
        if period_end(p) <= last
    ]


def computed_values(ws: Workspace, ind: Indicator, as_of: date | None = None) -> list[PeriodValue]:
    """The indicator's values by period; empty when the workspace has no (usable) events."""
    spec = ind.computed
    if spec is None:
        return []
    try:
        window = _window(ws, ind, as_of)
        if window is None:
            return []
        first, last = window
        if spec.metric == "alert_months":
            return _alert_values(ws, ind, spec, first, last)
        return _event_values(ws, ind, spec, first, last)
    except NotFoundError:
        return []
