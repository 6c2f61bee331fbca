"""The peace-agreement part of the brief: implementation by part, overdue provisions, the change
since the last renewal, and a key consideration when implementation has stalled.

A workspace without an agreement gets no section and no "missing" note: not every mission
supports a peace agreement.
"""

from __future__ import annotations

from datetime import date

from peaceops.agreement.status import implementation_summary
from peaceops.errors import NotFoundError
from peaceops.reports.brief_model import (
    BriefSection,
    BriefTable,
    Consideration,
    MissingSection,
    SectionPart,
)
from peaceops.workspace import Workspace

__all__ = ["gather_agreement"]


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def gather_agreement(
    ws: Workspace, mission: str | None, as_of: date | None, *, charts: bool = True
) -> SectionPart:
    """The agreement section (no chart: ``charts`` is accepted like every gatherer's)."""
    try:
        s = implementation_summary(ws, as_of, known=False)  # the brief reads valid time
    except NotFoundError:
        return SectionPart(
            None,
            (
                MissingSection(
                    "agreement",
                    "Peace agreement",
                    "No peace agreement tracked in the workspace.",
                    remedy="agreement.import",
                ),
            ),
        )
    label = f" ({s.label})" if s.label else ""
    source = f"peaceops agreement tracker{label}: {s.agreement}, status as of {s.as_of}"
    ch = s.change
    paragraphs = [
        f"{s.agreement}: {_pct(s.overall)} of full implementation{label} as of {s.as_of} "
        f"(sum of provision levels on the Peace Accords Matrix scale over 3 x provisions; "
        f"{s.assessed} of {s.provisions} provisions have a sourced status, the others count 0).",
    ]
    if ch.since is not None:
        paragraphs.append(
            f"Since the last renewal ({ch.resolution or 'renewal'}, {ch.since}): "
            f"{_pct(ch.overall_before)} to {_pct(ch.overall_after)}; "
            f"{len(ch.moved)} provision(s) changed level."
        )
    word = {True: "stalled", False: "not stalled", None: "of unknown pace"}[s.stalled]
    paragraphs.append(f"Implementation {word}: {s.stall_reason}.")
    before = {pid: b for pid, b, _ in ch.parts}
    tables = [
        BriefTable(
            caption=f"Implementation by part{label}",
            columns=("Part", "Provisions", "Assessed", "Score", "Since last renewal"),
            rows=tuple(
                (name, str(n), str(assessed), _pct(score), _pct(before.get(pid)))
                for pid, name, score, assessed, n in s.parts
            ),
            note="Sources: the status entries of the tracker, each citing its document: "
            + "; ".join(s.sources),
        )
    ]
    if s.overdue:
        tables.append(
            BriefTable(
                caption=f"Overdue provisions{label}",
                columns=("Provision", "Article", "Due", "Status"),
                rows=tuple(
                    (pid, article, due.isoformat() if due else "–", word)
                    for pid, article, due, word in s.overdue
                ),
            )
        )
    considerations = []
    if s.stalled:
        considerations.append(
            Consideration(
                text=(
                    f"Implementation of the {s.agreement} has stalled{label}: {s.stall_reason}; "
                    f"{_pct(s.overall)} of full implementation ({s.assessed} of {s.provisions} "
                    f"provisions assessed), {len(s.overdue)} provision(s) overdue."
                ),
                figure=_pct(s.overall),
                source=source,
                section="agreement",
                grade="illustrative" if s.label else "real",
                sources=(source, *s.sources),
            )
        )
    section = BriefSection(
        key="agreement",
        title="Peace agreement",
        paragraphs=tuple(paragraphs),
        tables=tuple(tables),
    )
    return SectionPart(
        section,
        (),
        tuple(considerations),
        sources=(source,),
        grade="illustrative" if s.label else "real",
        labels=(f"illustrative: the example agreement tracker '{s.agreement}'",) if s.label else (),
    )
