"""The benchmarks-and-indicators part of the brief, from the results framework's status.

``framework_part`` lays out plain rows; ``gather_framework`` fills them from
``peaceops.framework`` (``framework_status(ws, as_of)``), which applies the status rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from peaceops.errors import NotFoundError
from peaceops.framework.status import framework_status
from peaceops.numbers import format_number
from peaceops.reports.brief_grades import framework_grade
from peaceops.reports.brief_mandate import task_names
from peaceops.reports.brief_model import (
    BriefSection,
    BriefTable,
    Consideration,
    MissingSection,
    SectionPart,
    sentence,
)
from peaceops.workspace import Workspace

__all__ = [
    "BenchmarkRow",
    "IndicatorRow",
    "framework_part",
    "gather_framework",
    "missing_framework",
]

STATUS_ORDER = ("off track", "at risk", "on track", "no recent data")


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator's status as the brief prints it (values already formatted)."""

    id: str
    name: str
    area: str
    latest: str  # "412 (2019-Q4)" or "–"
    target: str  # "150 by 2020-12-31"
    status: str  # one of STATUS_ORDER
    trend: str  # "worsening (+35 a quarter)"
    source: str


@dataclass(frozen=True)
class BenchmarkRow:
    id: str
    name: str
    target_date: str
    status: str  # "met", "partly met", "not met", "not assessed"
    evidence: str
    assessed: str  # "2019-12-15 by jdoe" or ""


def missing_framework() -> SectionPart:
    return SectionPart(
        None,
        (
            MissingSection(
                "framework",
                "Benchmarks and indicators",
                "No results framework in the workspace (nor observations of its indicators).",
                remedy="framework.import",
            ),
        ),
    )


def framework_part(
    indicators: Sequence[IndicatorRow],
    benchmarks: Sequence[BenchmarkRow],
    as_of: date | None,
    source: str,
    sources_note: str = "",
    coverage: Sequence[str] = (),
) -> SectionPart:
    """The section and its considerations from indicator and benchmark rows."""
    if not indicators and not benchmarks:
        return missing_framework()
    counts = Counter(i.status for i in indicators)
    when = f" as of {as_of.isoformat()}" if as_of else ""
    summary = ", ".join(f"{counts[s]} {s}" for s in STATUS_ORDER if counts[s])
    paragraphs = [f"{len(indicators)} indicators{when}: {summary or 'none assessed'}."]
    paragraphs.extend(coverage)
    tables: list[BriefTable] = []
    if benchmarks:
        bcounts = Counter(b.status for b in benchmarks)
        paragraphs.append(
            f"{len(benchmarks)} benchmarks: "
            + ", ".join(f"{n} {s}" for s, n in sorted(bcounts.items()))
            + "."
        )
        tables.append(
            BriefTable(
                caption="Benchmarks",
                columns=("Benchmark", "Target date", "Status", "Evidence", "Assessed"),
                rows=tuple(
                    (b.name, b.target_date, b.status, b.evidence or "–", b.assessed or "–")
                    for b in benchmarks
                ),
            )
        )
    if indicators:
        ordered = sorted(
            indicators,
            key=lambda i: (
                STATUS_ORDER.index(i.status) if i.status in STATUS_ORDER else 9,
                i.area,
                i.id,
            ),
        )
        tables.append(
            BriefTable(
                caption="Indicators by status",
                columns=("Indicator", "Area", "Latest", "Target", "Status", "Trend"),
                rows=tuple(
                    (f"{i.name} ({i.id})", i.area, i.latest, i.target, i.status, i.trend)
                    for i in ordered
                ),
                note=sources_note or sentence(f"Source: {source}"),
            )
        )
    considerations: list[Consideration] = []
    off = [i for i in indicators if i.status == "off track"]
    if off:
        listed = "; ".join(f"{i.name}: {i.latest} against {i.target}" for i in off[:4])
        more = f" and {len(off) - 4} more" if len(off) > 4 else ""
        considerations.append(
            Consideration(
                text=f"{len(off)} of {len(indicators)} indicators are off track: {listed}{more}.",
                figure=f"{len(off)} off track",
                source=source,
                section="framework",
            )
        )
    unmet = [b for b in benchmarks if b.status == "not met"]
    if unmet:
        considerations.append(
            Consideration(
                text=(
                    f"{len(unmet)} of {len(benchmarks)} benchmarks not met: "
                    + "; ".join(f"{b.name} (target {b.target_date})" for b in unmet[:4])
                    + "."
                ),
                figure=f"{len(unmet)} not met",
                source=source,
                section="framework",
            )
        )
    section = BriefSection(
        key="framework",
        title="Benchmarks and indicators",
        paragraphs=tuple(paragraphs),
        tables=tuple(tables),
    )
    return SectionPart(section, (), tuple(considerations))


def _number(value: float, unit: str = "") -> str:
    return format_number(float(value), trim=True, unit=unit.strip())


def gather_framework(
    ws: Workspace, mission: str | None, as_of: date | None, *, charts: bool = True
) -> SectionPart:
    """Benchmarks and indicators with their status, from the framework's own status rules.

    (The section has no chart; ``charts`` is accepted like every section's gatherer.)
    """
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
    part = framework_part(indicators, benchmarks, status.as_of, source, note, coverage)
    grade, labels = framework_grade(ws, as_of)
    return replace(part, grade=grade, labels=labels)
