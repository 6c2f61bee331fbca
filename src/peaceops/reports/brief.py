"""The mandate-renewal brief: gather once (``build_brief``), write HTML, PDF and DOCX.

``build_brief`` reads the workspace (events, mandates, results framework, plan, provenance) up to
an optional cut-off date and returns a frozen ``BriefData``; each registered feature
(``peaceops.registry``) with a ``brief`` gatherer gives one section. Sections whose data is missing
are left out and listed with the remedy that adds the data. ``write_brief`` writes
``brief.html``, ``brief.pdf``, ``brief.docx`` and ``brief.json`` from that one model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from peaceops import registry
from peaceops.errors import InputError
from peaceops.events.versions import events_as_of
from peaceops.grades import GRADES, Grade, weakest
from peaceops.period import DateLike, as_day
from peaceops.progress import OnProgress
from peaceops.progress import report as report_progress
from peaceops.provenance import now_utc
from peaceops.reports import brief_grades
from peaceops.reports.brief_crosscheck import added_tasks_without_outcome
from peaceops.reports.brief_model import (
    BriefData,
    BriefSection,
    Consideration,
    MissingSection,
    SectionPart,
)
from peaceops.reports.brief_sources import attributions_for, data_as_of, source_entries
from peaceops.workspace import Workspace

__all__ = ["BriefData", "build_brief", "write_brief", "write_brief_data"]

SECTION_ORDER = (
    "context",
    "actors",
    "timeline",
    "deployment",
    "mandate",
    "agreement",
    "strategy",
    "framework",
    "plan",
)


def _default_mission(ws: Workspace) -> str | None:
    return ws.config.missions[0] if ws.config.missions else None


def build_brief(
    ws: Workspace,
    mission: str | None = None,
    as_of: DateLike | None = None,
    *,
    charts: bool = True,
    on_progress: OnProgress | None = None,
) -> BriefData:
    """Gather everything the brief says from the workspace, up to ``as_of`` when given.

    ``charts=False`` leaves the charts out (faster, for callers that only need the text and
    tables, such as a JSON summary). ``on_progress`` hears of each feature's section.
    """
    as_of = as_day(as_of, end=True, field="as-of")
    # the events as stored on ``as_of`` (or now, when there were none yet: said in data_as_of)
    events_view = events_as_of(ws, as_of, before_first="current")
    ws = events_view.workspace
    mission = mission.strip().upper() if mission and mission.strip() else _default_mission(ws)
    sections: list[BriefSection] = []
    missing: list[MissingSection] = []
    considerations: list[Consideration] = []
    extra_sources: list[str] = []
    labels: list[str] = []

    gatherers = registry.callables("brief")
    parts: list[tuple[str, SectionPart]] = []
    for i, (feature, gather) in enumerate(gatherers):
        report_progress(on_progress, f"brief: {feature.title}", i, len(gatherers))
        parts.append((feature.key, gather(ws, mission, as_of, charts=charts)))
    report_progress(on_progress, "brief: gathered", len(gatherers), len(gatherers))
    grades = {key: part.grade for key, part in parts}
    gap = added_tasks_without_outcome(ws, mission, as_of)
    for key, part in parts:
        missing.extend(part.missing)
        considerations.extend(_graded(part.considerations, (part.grade, part.labels)))
        if key == "mandates" and gap is not None:  # right after the mandate's own
            both = brief_grades.combine((part.grade, ()), (grades.get("framework", "real"), ()))
            considerations.extend(_graded([gap], both))
        extra_sources.extend(part.sources)
        if part.section is not None:
            sections.append(part.section)
            labels.extend(x for x in part.labels if x not in labels)

    # Real findings first; within a grade, the order the sections give them.
    considerations.sort(key=lambda c: GRADES.index(c.grade))
    sections.sort(key=lambda s: SECTION_ORDER.index(s.key) if s.key in SECTION_ORDER else 99)
    entries = source_entries(ws)
    country = ws.config.country_label or ws.config.country
    title = f"{mission} mandate renewal brief" if mission else f"{country} mandate renewal brief"
    return BriefData(
        title=title,
        mission=mission,
        country=country,
        as_of=as_of,
        generated=now_utc(),
        synthetic=ws.config.synthetic,
        data_as_of=data_as_of(ws, entries, as_of)
        + ((("Event store", events_view.note),) if events_view.note else ()),
        considerations=tuple(considerations),
        sections=tuple(sections),
        missing=tuple(missing),
        sources=entries,
        attributions=attributions_for([e.source for e in entries] + extra_sources, entries),
        input_labels=tuple(x for x in labels if not x.startswith("synthetic")),
    )


def _graded(
    found: Sequence[Consideration], grade: tuple[Grade, tuple[str, ...]]
) -> list[Consideration]:
    """``found`` graded no better than the inputs of the part they come from."""
    return [replace(c, grade=weakest([c.grade, grade[0]])) for c in found]


def write_brief(
    ws: Workspace,
    out_dir: Path,
    mission: str | None = None,
    as_of: DateLike | None = None,
) -> list[Path]:
    """Write ``brief.html``, ``.pdf``, ``.docx`` and ``.json`` into ``out_dir``; return paths."""
    as_of = as_day(as_of, end=True, field="as-of")
    return write_brief_data(build_brief(ws, mission=mission, as_of=as_of), out_dir)


def write_brief_data(
    data: BriefData, out_dir: Path, on_progress: OnProgress | None = None
) -> list[Path]:
    """Write an already gathered brief in the three formats (and its JSON);
    ``on_progress`` hears of each file."""
    from peaceops.reports.brief_docx import write_docx
    from peaceops.reports.brief_html import write_html
    from peaceops.reports.brief_json import write_json
    from peaceops.reports.brief_pdf import write_pdf

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file; give a directory for the brief", field="out")
    try:
        out.mkdir(parents=True, exist_ok=True)
        writers = (
            (write_html, "brief.html"),
            (write_pdf, "brief.pdf"),
            (write_docx, "brief.docx"),
            (write_json, "brief.json"),
        )
        paths = []
        for i, (write, name) in enumerate(writers):
            report_progress(on_progress, f"writing {name}", i, len(writers))
            paths.append(write(data, out / name))
        report_progress(on_progress, "brief written", len(writers), len(writers))
        return paths
    except OSError as exc:
        raise InputError(f"cannot write the brief to {out}: {exc.strerror or exc}") from None
