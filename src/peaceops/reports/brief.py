"""The mandate-renewal brief: gather once (``build_brief``), write HTML, PDF and DOCX.

``build_brief`` reads the workspace (events, mandates, results framework, plan, provenance) up to
an optional cut-off date and returns a frozen ``BriefData``. Sections whose data is missing are
left out and listed with the command that adds the data. ``write_brief`` writes
``brief.html``, ``brief.pdf`` and ``brief.docx`` from that one model.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from peaceops.errors import InputError
from peaceops.provenance import now_utc
from peaceops.reports.brief_considerations import context_considerations
from peaceops.reports.brief_context import gather_context
from peaceops.reports.brief_crosscheck import added_tasks_without_outcome
from peaceops.reports.brief_framework import gather_framework
from peaceops.reports.brief_mandate import gather_mandate
from peaceops.reports.brief_model import (
    BriefData,
    BriefSection,
    Consideration,
    MissingSection,
)
from peaceops.reports.brief_plan import gather_plan
from peaceops.reports.brief_sources import attributions_for, data_as_of, source_entries
from peaceops.workspace import Workspace

__all__ = ["BriefData", "build_brief", "write_brief", "write_brief_data"]

SECTION_ORDER = ("context", "mandate", "framework", "plan")


def _default_mission(ws: Workspace) -> str | None:
    return ws.config.missions[0] if ws.config.missions else None


def build_brief(
    ws: Workspace,
    mission: str | None = None,
    as_of: date | None = None,
    *,
    charts: bool = True,
) -> BriefData:
    """Gather everything the brief says from the workspace, up to ``as_of`` when given.

    ``charts=False`` leaves the charts out (faster, for callers that only need the text and
    tables, such as a JSON summary).
    """
    mission = mission.strip().upper() if mission and mission.strip() else _default_mission(ws)
    sections: list[BriefSection] = []
    missing: list[MissingSection] = []
    considerations: list[Consideration] = []
    extra_sources: list[str] = []

    context, context_missing, facts = gather_context(ws, as_of, charts=charts)
    missing.extend(context_missing)
    if context is not None:
        sections.append(context)
    if facts is not None:
        considerations.extend(context_considerations(facts))

    parts = (
        gather_mandate(ws, mission, as_of),
        gather_framework(ws, mission, as_of),
        gather_plan(ws, mission, as_of, chart=charts),
    )
    gap = added_tasks_without_outcome(ws, mission, as_of)
    for part in parts:
        missing.extend(part.missing)
        considerations.extend(part.considerations)
        if part is parts[0] and gap is not None:  # right after the mandate's own
            considerations.append(gap)
        extra_sources.extend(part.sources)
        if part.section is not None:
            sections.append(part.section)

    sections.sort(key=lambda s: SECTION_ORDER.index(s.key) if s.key in SECTION_ORDER else 99)
    entries = source_entries(ws)
    country = ws.config.country_name or ws.config.country
    title = f"{mission} mandate renewal brief" if mission else f"{country} mandate renewal brief"
    return BriefData(
        title=title,
        mission=mission,
        country=country,
        as_of=as_of,
        generated=now_utc(),
        synthetic=ws.config.synthetic,
        data_as_of=data_as_of(ws, entries, as_of),
        considerations=tuple(considerations),
        sections=tuple(sections),
        missing=tuple(missing),
        sources=entries,
        attributions=attributions_for([e.source for e in entries] + extra_sources, entries),
    )


def write_brief(
    ws: Workspace,
    out_dir: Path,
    mission: str | None = None,
    as_of: date | None = None,
) -> list[Path]:
    """Write ``brief.html``, ``brief.pdf`` and ``brief.docx`` into ``out_dir``; return the paths."""
    return write_brief_data(build_brief(ws, mission=mission, as_of=as_of), out_dir)


def write_brief_data(data: BriefData, out_dir: Path) -> list[Path]:
    """Write an already gathered brief in the three formats."""
    from peaceops.reports.brief_docx import write_docx
    from peaceops.reports.brief_html import write_html
    from peaceops.reports.brief_pdf import write_pdf

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out} is a file; give a directory for the brief")
    try:
        out.mkdir(parents=True, exist_ok=True)
        return [
            write_html(data, out / "brief.html"),
            write_pdf(data, out / "brief.pdf"),
            write_docx(data, out / "brief.docx"),
        ]
    except OSError as exc:
        raise InputError(f"cannot write the brief to {out}: {exc.strerror or exc}") from None
