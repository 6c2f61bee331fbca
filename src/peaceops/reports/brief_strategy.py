"""The brief's "political strategy" section, from ``peaceops.strategy.brief``.

Objectives with the worst status of their assumptions, the assumptions at risk or failing (each a
key consideration, graded like the others), the gaps, stakeholder changes since the renewal, and
the strategy map.
"""

from __future__ import annotations

from datetime import date

from peaceops.errors import NotFoundError
from peaceops.reports.brief_model import (
    BriefFigure,
    BriefSection,
    BriefTable,
    Consideration,
    MissingSection,
    SectionPart,
    sentence,
)
from peaceops.workspace import Workspace

__all__ = ["gather_strategy"]

TITLE = "Political strategy"


def _missing() -> SectionPart:
    return SectionPart(
        None,
        (
            MissingSection(
                "strategy",
                TITLE,
                "No political strategy in the workspace (priorities, objectives, assumptions).",
                remedy="strategy.import",
            ),
        ),
    )


def gather_strategy(
    ws: Workspace, mission: str | None, as_of: date | None, *, charts: bool = True
) -> SectionPart:
    """The section and its key considerations; a missing section without a strategy."""
    from peaceops.strategy.brief import strategy_brief

    try:
        b = strategy_brief(ws, as_of)
    except NotFoundError:
        return _missing()
    figures: tuple[BriefFigure, ...] = ()
    if charts:
        from peaceops.reports.strategy_map import map_png, map_svg
        from peaceops.reports.strategy_report import strategy_document

        doc = strategy_document(ws, as_of)
        sources = [doc["source"], *dict.fromkeys(a.source for a in b.at_risk if a.source)]
        svg = map_svg(doc, sources)
        figures = (
            BriefFigure(
                key="strategy-map",
                title="Strategy map: priorities, objectives, tasks, indicators, assumptions",
                svg=svg,
                png=map_png(svg),
                sources=tuple(sources),
                alt=(
                    "Strategic priorities linked to their objectives, each objective to the "
                    "mandate tasks and indicators that serve it; assumptions coloured by status."
                ),
            ),
        )
    tag = " (illustrative)" if b.label else ""
    tables = [
        BriefTable(
            caption=f"Objectives and the worst status of their assumptions{tag}",
            columns=("priority", "objective", "tasks", "indicators", "worst assumption"),
            rows=b.objectives,
        )
    ]
    if b.at_risk:
        tables.append(
            BriefTable(
                caption=f"Assumptions at risk or failing{tag}",
                columns=("assumption", "status", "objectives", "source"),
                rows=tuple(
                    (f"{a.id} {a.text}", a.status, ", ".join(a.objectives), a.source or a.basis)
                    for a in b.at_risk
                ),
            )
        )
    if b.stakeholder_changes:
        tables.append(
            BriefTable(
                caption=f"Stakeholders: changes since the last renewal{tag}",
                columns=("stakeholder", "change"),
                rows=b.stakeholder_changes,
            )
        )
    paragraphs = tuple(sentence(p) for p in b.paragraphs)
    if b.label:
        paragraphs = (b.label + ".", *paragraphs)
    considerations = tuple(
        Consideration(
            text=c.text,
            figure=c.figure,
            source=c.source,
            section="strategy",
            grade=c.grade,
        )
        for c in b.considerations
    )
    labels = (
        ("illustrative: the example political strategy (the project's reading)",) if b.label else ()
    )
    return SectionPart(
        BriefSection("strategy", TITLE, paragraphs, figures, tuple(tables)),
        considerations=considerations,
        sources=b.sources,
        grade=b.grade,
        labels=labels,
    )
