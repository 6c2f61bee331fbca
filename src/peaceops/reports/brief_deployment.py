"""The deployment-against-threat part of the brief: where the troops are against where
civilians are killed, by region group, for the latest year both data sets cover.

Troop shares come from the Geo-PKO deployment table in the workspace, civilian-fatality shares
from the events (``peaceops.planning.alignment``). A year the events cover only in part is
named with its months. A region group whose share of troops is far below its share of
civilian fatalities gives a key consideration.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from peaceops.errors import InputError, NotFoundError
from peaceops.planning.geopko import DeploymentTable
from peaceops.reports.brief_grades import events_grade
from peaceops.reports.brief_model import (
    BriefSection,
    BriefTable,
    Consideration,
    MissingSection,
    SectionPart,
    sentence,
)
from peaceops.reports.partial import partial_year_label
from peaceops.workspace import Workspace

__all__ = ["MISMATCH_POINTS", "gather_deployment"]

# A gap of this many percentage points between a group's troop share and its share of
# civilian fatalities is worth a key consideration.
MISMATCH_POINTS = 20.0

_TITLE = "Deployment against threat"


def _missing(message: str, remedy: str = "") -> SectionPart:
    return SectionPart(None, (MissingSection("deployment", _TITLE, message, remedy=remedy),))


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{100 * share:.1f}%"


def _year(
    ws: Workspace, table: DeploymentTable, mission: str, as_of: date | None
) -> tuple[int, date, date] | None:
    """The latest deployment year the events cover (up to ``as_of``), with the events' span."""
    from peaceops.events.analysis import event_range

    years = table.years(mission)
    span = event_range(ws)
    if not years or span is None:
        return None
    first, last = span
    if as_of is not None:
        last = min(last, as_of)
    covered = [y for y in years if first.year <= y <= last.year]
    return (covered[-1], first, last) if covered else None


def gather_deployment(
    ws: Workspace, mission: str | None, as_of: date | None, *, charts: bool = True
) -> SectionPart:
    """Troop shares against civilian-fatality shares by region group (see the module doc).

    Graded by the events it reads (Geo-PKO is published data); ``charts`` is unused: the
    section is a table.
    """
    part = _deployment_part(ws, mission, as_of)
    grade, labels = events_grade(ws)
    return replace(part, grade=grade, labels=labels if part.section is not None else ())


def _deployment_part(ws: Workspace, mission: str | None, as_of: date | None) -> SectionPart:
    if not mission:
        return _missing("No mission named for the brief, and none in the workspace settings.")
    from peaceops.planning.alignment import alignment
    from peaceops.planning.deployments import load_deployments

    try:
        loaded = load_deployments(ws)
        found = _year(ws, loaded[0], mission, as_of)
    except NotFoundError:
        return _missing(
            "No deployment data in the workspace (a Geo-PKO FrontMap table).",
            remedy="plan.deployments",
        )
    if found is None:
        return _missing(
            f"No year with both {mission} deployments and conflict events in the workspace."
        )
    year, first, last = found
    try:
        result = alignment(ws, mission, year, loaded=loaded)
    except (NotFoundError, InputError) as exc:
        return _missing(str(exc))
    label = partial_year_label(year, first, last)
    rows = tuple(
        (
            r.region,
            f"{r.troops:,.0f}",
            _pct(r.troop_share),
            "–" if r.civilian_fatalities is None else f"{r.civilian_fatalities:,}",
            _pct(r.fatality_share),
            "–" if r.difference is None else f"{100 * r.difference:+.1f}",
        )
        for r in result.rows
    )
    table = BriefTable(
        caption=f"Troops against civilian fatalities by region group, {mission}, {label}",
        columns=(
            "Region group",
            "Troops (Geo-PKO share of the strength)"
            if result.strength
            else "Troops (Geo-PKO estimate)",
            "Share of troops",
            "Civilian fatalities",
            "Share of civilian fatalities",
            "Difference (points)",
        ),
        rows=rows,
        note=sentence("Sources: " + "; ".join(result.sources)) + " " + " ".join(result.notes),
    )
    strength = (
        f"Troop numbers are Geo-PKO's shares scaled to a strength of {result.strength:,.0f}: "
        f"the {result.strength_basis}."
        if result.strength
        else "Geo-PKO's location estimates add up to more troops than the mission had, and no "
        "authorised ceiling or stated strength is known for this year: read the shares, not "
        "the counts."
    )
    paragraphs = [
        f"Where {mission}'s troops were in {label} against where civilians were killed in "
        "direct targeting that year. Geo-PKO estimates where troops were from deployment "
        f"maps. {strength}"
    ]
    considerations: list[Consideration] = []
    gaps = [
        r
        for r in result.rows
        if r.difference is not None and r.fatality_share is not None and r.region != "unplaced"
    ]
    if gaps:
        worst = min(gaps, key=lambda r: r.difference or 0.0)
        if worst.difference is not None and -100 * worst.difference >= MISMATCH_POINTS:
            considerations.append(
                Consideration(
                    text=(
                        f"In {label} the {worst.region} had {_pct(worst.troop_share)} of "
                        f"{mission}'s troops but {_pct(worst.fatality_share)} of civilian "
                        "fatalities from direct targeting: deployment lags the threat to "
                        "civilians there."
                    ),
                    figure=f"{_pct(worst.troop_share)} of troops, "
                    f"{_pct(worst.fatality_share)} of civilian fatalities",
                    source="; ".join(result.sources),
                    section="deployment",
                    sources=result.sources,
                )
            )
    section = BriefSection(
        key="deployment", title=_TITLE, paragraphs=tuple(paragraphs), tables=(table,)
    )
    return SectionPart(section, (), tuple(considerations), ("Geo-PKO",))
