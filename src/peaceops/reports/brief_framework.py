"""The benchmarks-and-indicators part of the brief, from the results framework's status.

``framework_part`` lays out plain rows; ``gather_framework`` fills them from
``peaceops.framework`` (``framework_status(ws, as_of)``), which applies the status rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from peaceops.reports.brief_model import (
    BriefSection,
    BriefTable,
    Consideration,
    MissingSection,
    SectionPart,
    sentence,
)

__all__ = ["BenchmarkRow", "IndicatorRow", "framework_part", "missing_framework"]

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
                "No results framework in the workspace: run 'peaceops framework import "
                "FILE.yaml' (and 'peaceops framework observe FILE.csv' for observations).",
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
