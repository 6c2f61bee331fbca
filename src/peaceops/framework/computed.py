"""Values of computed indicators: from the event store through the context-analysis API, or
from the peace-agreement tracker (metric ``agreement_level``).

One value a period (the indicator's frequency), from the period holding the baseline date to
the last complete period of the event data (and not after the as-of date): a period the event
data covers only partly would understate counts, so it is left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from peaceops.errors import InputError, NotFoundError
from peaceops.framework.model import ComputedSpec, Indicator
from peaceops.geo.names import fold_name
from peaceops.period import Period, periods
from peaceops.workspace import Workspace

__all__ = ["PeriodValue", "computed_values"]


@dataclass(frozen=True)
class PeriodValue:
    period: str  # "2019", "2019-Q2", "2019-05"
    end: date  # the last day of the period: the date the value stands for
    value: float


def _window(ws: Workspace, ind: Indicator, as_of: date | None) -> tuple[date, date] | None:
    from peaceops.events.analysis import event_range

    span = event_range(ws)
    if span is None:
        return None
    last = span[1] if as_of is None else min(span[1], as_of)
    # Step back to the last period that ends within the data.
    period = Period.of(ind.frequency, last)
    if period.end > last:
        last = period.start - timedelta(days=1)
    first = Period.of(ind.frequency, ind.baseline_date).start
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
        PeriodValue(str(p), Period.parse(str(p)).end, float(v))
        for p, v in zip(frame["period"].to_list(), frame[column].to_list(), strict=True)
        if Period.parse(str(p)).end <= last
    ]


def _alert_values(
    ws: Workspace, ind: Indicator, spec: ComputedSpec, first: date, last: date
) -> list[PeriodValue]:
    from peaceops.events.alerts import alerts

    wanted = fold_name(ws.config.canonical_admin1(spec.admin1) or spec.admin1)
    months: dict[str, set[str]] = defaultdict(set)
    for alert in alerts(ws, start=first, end=last):
        if fold_name(alert.area_name) == wanted or alert.area_pcode == spec.admin1:
            day = Period.parse(alert.month).start
            months[Period.of(ind.frequency, day).label].add(alert.month)
    return [
        PeriodValue(p.label, p.end, float(len(months.get(p.label, ()))))
        for p in periods(ind.frequency, first, last)
        if p.end <= last
    ]


def _agreement_values(
    ws: Workspace, ind: Indicator, spec: ComputedSpec, as_of: date | None, until: date | None
) -> list[PeriodValue]:
    """The implementation score (percent) of an agreement part at each period end, from the
    baseline period to the period holding the latest status entry dated by ``until``.

    A level holds until a later entry changes it, so any period end has a value; the series
    stops at the latest entry, so an indicator whose tracker is not kept up goes stale.
    """
    from peaceops.agreement.scoring import part_scores, provision_states
    from peaceops.agreement.store import load_agreement, status_entries

    agreement = load_agreement(ws, as_of)
    if agreement is None:
        return []
    if spec.part and agreement.part(spec.part) is None:
        known = ", ".join(p.id for p in agreement.parts)
        raise InputError(
            f"indicator {ind.id}: agreement '{agreement.id}' has no part {spec.part!r} "
            f"(parts: {known})"
        )
    # Valid time, as the framework reads its observations: entries by their date.
    entries = status_entries(ws, until, agreement_id=agreement.id, known=False)
    if not entries:
        return []
    base = Period.of(ind.frequency, ind.baseline_date)
    # Up to the period of the latest entry (later values would only repeat it, and the status
    # rule should see when the tracker was last updated), but at least the baseline period.
    last = max(max(e.date for e in entries), base.end)
    out: list[PeriodValue] = []
    limit = until or date.today()
    for period in periods(ind.frequency, base.start, last):
        if period.end > limit:
            break
        parts, overall = part_scores(agreement, provision_states(agreement, entries, period.end))
        score = next((p for p in parts if p.id == spec.part), overall).score
        if score is not None:
            out.append(PeriodValue(period.label, period.end, round(100.0 * score, 1)))
    return out


def computed_values(
    ws: Workspace, ind: Indicator, as_of: date | None = None, *, until: date | None = None
) -> list[PeriodValue]:
    """The indicator's values by period; empty when the workspace has no (usable) data.

    ``until`` (default ``as_of``) is the last date of the values: an agreement indicator reads
    the status entries dated by then, and the agreement definition in force on ``as_of``.
    """
    spec = ind.computed
    if spec is None:
        return []
    if spec.metric == "agreement_level":
        return _agreement_values(ws, ind, spec, as_of, until or as_of)
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
