"""Key considerations: short statements generated from the gathered figures, each with its source.

Each rule looks at one kind of figure and says something only when the data supports it; the
statement names the figure and the period so a reader can check it in the section below.
"""

from __future__ import annotations

from datetime import date

from peaceops.reports.brief_context import ContextFacts, RegionChange, gather_context
from peaceops.reports.brief_grades import events_grade
from peaceops.reports.brief_model import Consideration, SectionPart
from peaceops.workspace import Workspace

__all__ = ["context_considerations", "context_part"]

# Changes smaller than this (in per cent) are reported as "about the same".
STABLE_PCT = 10.0


def _direction(change: RegionChange) -> str:
    pct = change.change_pct
    if pct is None:
        return "appeared" if change.recent else "none recorded"
    if abs(pct) < STABLE_PCT:
        return f"about the same, {pct:+.0f}%"
    return f"{'rose' if pct > 0 else 'fell'} {abs(pct):.0f}%"


def context_considerations(facts: ContextFacts) -> list[Consideration]:
    """Statements on civilian fatalities by region group and where violence concentrates."""
    out: list[Consideration] = []
    civ = [c for c in facts.civilian_by_region if c.recent or c.previous]
    if civ:
        # A fall in civilian deaths means little if all violence rose: say both, side by side.
        all_by_region = {f.region: f for f in facts.fatalities_by_region}
        biggest = max(civ, key=lambda c: abs(c.recent - c.previous))
        parts = []
        for c in civ:
            total = all_by_region.get(c.region)
            text = f"{c.region}: civilian {c.previous:,} → {c.recent:,} ({_direction(c)})"
            if total is not None:
                text += (
                    f", all fatalities {total.previous:,} → {total.recent:,} ({_direction(total)})"
                )
            parts.append(text)
        out.append(
            Consideration(
                text=(
                    f"Civilian fatalities from direct targeting beside all reported fatalities, "
                    f"{facts.recent_label} against {facts.previous_label}: "
                    + "; ".join(parts)
                    + f". The largest change in civilian fatalities is in the {biggest.region}."
                ),
                figure=f"{biggest.region}: {biggest.previous:,} → {biggest.recent:,}",
                source=facts.source_label,
                section="context",
            )
        )
    fat = [f for f in facts.fatalities_by_region if f.recent]
    total_recent = sum(f.recent for f in fat)
    if fat and total_recent:
        top = max(fat, key=lambda f: f.recent)
        share = 100.0 * top.recent / total_recent
        out.append(
            Consideration(
                text=(
                    f"The {top.region} accounts for {share:.0f}% of all reported fatalities in "
                    f"{facts.recent_label} ({top.recent:,} of {total_recent:,})."
                ),
                figure=f"{share:.0f}%",
                source=facts.source_label,
                section="context",
            )
        )
    if facts.alerts:
        areas = sorted({a.area_name for a in facts.alerts})
        strongest = min(facts.alerts, key=lambda a: a.p_value)
        out.append(
            Consideration(
                text=(
                    f"{len(facts.alerts)} early-warning alert{'s' if len(facts.alerts) > 1 else ''}"
                    f" in {facts.alerts_label} ({', '.join(areas)}); strongest: "
                    f"{strongest.reason}."
                ),
                figure=f"{len(facts.alerts)} alerts",
                source=facts.source_label,
                section="context",
            )
        )
    return out


def context_part(
    ws: Workspace, mission: str | None, as_of: date | None, *, charts: bool = True
) -> SectionPart:
    """The context section with its key considerations (the brief's gatherer for events).

    The section covers the workspace's country whatever the mission.
    """
    section, missing, facts = gather_context(ws, as_of, charts=charts)
    considerations = context_considerations(facts) if facts is not None else []
    grade, labels = events_grade(ws)
    return SectionPart(section, tuple(missing), tuple(considerations), grade=grade, labels=labels)
