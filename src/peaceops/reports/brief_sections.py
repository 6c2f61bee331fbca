"""The mandate, results-framework and plan parts of the brief.

Each gatherer returns a ``SectionPart``: the section (or None), what is missing with the command
that adds it, key considerations drawn from it, and the sources it relied on.
"""

from __future__ import annotations

from datetime import date

from peaceops.errors import NotFoundError
from peaceops.framework.status import framework_status
from peaceops.reports.brief_framework import (
    BenchmarkRow,
    IndicatorRow,
    framework_part,
    missing_framework,
)
from peaceops.reports.brief_mandate import gather_mandate, task_names
from peaceops.reports.brief_model import SectionPart, sentence
from peaceops.reports.brief_plan import gather_plan
from peaceops.workspace import Workspace

__all__ = ["SectionPart", "gather_framework", "gather_mandate", "gather_plan"]


def _number(value: float, unit: str = "") -> str:
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    return f"{text} {unit}".strip() if unit and unit not in ("count", "number") else text


def gather_framework(ws: Workspace, mission: str | None, as_of: date | None) -> SectionPart:
    """Benchmarks and indicators with their status, from the framework's own status rules."""
    try:
        status = framework_status(ws, as_of)
    except NotFoundError:
        return missing_framework()
    areas = {a.id: a.name for a in status.areas}
    indicators = [
        IndicatorRow(
            id=i.id,
            name=i.name,
            area=areas.get(i.area_id, i.area_id),
            latest=(
                f"{_number(i.latest, i.unit)} ({i.latest_period or i.latest_date})"
                if i.latest is not None
                else "–"
            ),
            target=f"{_number(i.target, i.unit)} by {i.target_date.isoformat()}",
            status=i.status,
            trend=i.trend_text or i.trend,
            source=i.source,
        )
        for i in status.indicators
    ]
    benchmarks = [
        BenchmarkRow(
            id=b.id,
            name=b.name,
            target_date=b.target_date.isoformat(),
            status=b.status,
            evidence=b.evidence,
            assessed=(
                f"{b.assessed_on.isoformat()} by {b.assessed_by}"
                if b.assessed_on is not None
                else ("from its indicators" if b.basis == "indicators" else "")
            ),
        )
        for b in status.benchmarks
    ]
    source = f"results framework '{status.name}' ({status.mission}), status as of {status.as_of}"
    note = sentence("Sources: " + "; ".join(status.sources)) if status.sources else ""
    gaps = status.coverage
    names = task_names()
    outcomes = {o.id: o.name for o in status.outcomes}
    inds = {i.id: i.name for i in status.indicators}
    coverage = [
        f"{label}: {', '.join(items)}."
        for label, items in (
            (
                "Mandate tasks with no outcome",
                [names.get(t, t) for t in gaps.tasks_without_outcome],
            ),
            (
                "Outcomes with no indicator",
                [outcomes.get(o, o) for o in gaps.outcomes_without_indicator],
            ),
            (
                "Indicators with no recent data",
                [inds.get(i, i) for i in gaps.indicators_without_data],
            ),
        )
        if items
    ]
    return framework_part(indicators, benchmarks, status.as_of, source, note, coverage)
