"""A peace agreement as a tracker: parts > chapters > provisions, phases, renewals, status entries.

Plain frozen types without I/O. ``build_agreement`` turns flat rows (each tagged with where it
came from: a YAML entry or a workbook sheet and row) into a validated ``Agreement``; every
problem is reported with that location, all at once.

Status entries use the Peace Accords Matrix scale of the Kroc Institute: 0 not started,
1 minimal, 2 intermediate, 3 complete.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from peaceops.mandates.taxonomy import task_code_set
from peaceops.records.rows import Row, RowChecker, split_list

__all__ = [
    "LEVELS",
    "MAX_LEVEL",
    "Agreement",
    "Chapter",
    "Part",
    "Phase",
    "Provision",
    "Renewal",
    "Signature",
    "StatusEntry",
    "build_agreement",
]

MAX_LEVEL = 3
# Peace Accords Matrix implementation scale: level -> word.
LEVELS: dict[int, str] = {0: "not started", 1: "minimal", 2: "intermediate", 3: "complete"}


@dataclass(frozen=True)
class Signature:
    """Who signed, when and where."""

    party: str
    date: date
    place: str = ""


@dataclass(frozen=True)
class Phase:
    """A period the agreement names (e.g. the interim period), giving provisions a deadline."""

    id: str
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class Renewal:
    """A mandate renewal of the mission supporting the agreement: 'since the last renewal'."""

    date: date
    resolution: str = ""


@dataclass(frozen=True)
class Part:
    """A title (part) of the agreement, e.g. 'Title III: Defence and security'."""

    id: str
    number: str
    name: str


@dataclass(frozen=True)
class Chapter:
    id: str
    part_id: str
    number: str
    name: str


@dataclass(frozen=True)
class Provision:
    """One commitment to track.

    ``summary`` is written by whoever keeps the tracker (never the agreement's own words).
    ``deadline`` is explicit, or the end of the named ``phase``; ``tasks`` are PEMA task codes
    of the mandate that support it; ``indicators`` ids of results-framework indicators.
    """

    id: str
    part_id: str
    chapter_id: str
    article: str
    summary: str
    responsible: tuple[str, ...] = ()
    deadline: date | None = None
    phase: str = ""
    tasks: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True)
class Agreement:
    id: str
    name: str
    short_name: str = ""
    country: str = ""
    mission: str = ""
    note: str = ""  # e.g. "illustrative: the project's reading of the public text"
    parties: tuple[str, ...] = ()
    mediators: tuple[str, ...] = ()
    signatures: tuple[Signature, ...] = ()
    phases: tuple[Phase, ...] = ()
    renewals: tuple[Renewal, ...] = ()
    parts: tuple[Part, ...] = ()
    chapters: tuple[Chapter, ...] = ()
    provisions: tuple[Provision, ...] = ()

    @property
    def illustrative(self) -> bool:
        """True when the agreement says it is an example or the project's own reading."""
        text = self.note.lower()
        return "illustrative" in text or "example" in text

    def provision(self, provision_id: str) -> Provision | None:
        return next((p for p in self.provisions if p.id == provision_id), None)

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)

    def phase(self, phase_id: str) -> Phase | None:
        return next((p for p in self.phases if p.id == phase_id), None)

    def provisions_of(self, part_id: str) -> tuple[Provision, ...]:
        return tuple(p for p in self.provisions if p.part_id == part_id)

    def due(self, provision: Provision) -> date | None:
        """The provision's deadline: its own, else the end of its phase, else None."""
        if provision.deadline is not None:
            return provision.deadline
        phase = self.phase(provision.phase) if provision.phase else None
        return phase.end if phase is not None else None

    def last_renewal(self, on: date) -> Renewal | None:
        """The latest renewal strictly before ``on``."""
        before = [r for r in self.renewals if r.date < on]
        return max(before, key=lambda r: r.date) if before else None


@dataclass(frozen=True)
class StatusEntry:
    """A recorded level of a provision on a date, with the source it rests on."""

    provision_id: str
    date: date
    level: int
    source: str
    note: str = ""
    entered_by: str = ""

    @property
    def word(self) -> str:
        return LEVELS.get(self.level, "?")


# -- validation -------------------------------------------------------------------------------


def _items(raw: Any) -> tuple[str, ...]:
    """A list from a YAML list or a semicolon separated cell (names may hold commas)."""
    return split_list(raw, ";")


def build_agreement(
    head: Row,
    signatures: Sequence[Row],
    phases: Sequence[Row],
    renewals: Sequence[Row],
    parts: Sequence[Row],
    chapters: Sequence[Row],
    provisions: Sequence[Row],
) -> Agreement:
    """Validate flat rows into an Agreement; one InputError listing every problem otherwise."""
    c = RowChecker()
    aid = c.ident(head, "id", set(), "agreement")
    name = c.text(head, "name")

    sigs: list[Signature] = []
    for r in signatures:
        day = c.optional_day(r, "date", required=True)
        sigs.append(Signature(c.text(r, "party"), day or date.min, c.text(r, "place", False)))

    seen: set[str] = set()
    phs: list[Phase] = []
    for r in phases:
        pid = c.ident(r, "id", seen, "phase")
        start, end = (
            c.optional_day(r, "start", required=True),
            c.optional_day(r, "end", required=True),
        )
        if start and end and end < start:
            c.fail(r, "'end' is before 'start'")
        phs.append(Phase(pid, c.text(r, "name"), start or date.min, end or date.min))
    phase_ids = {p.id for p in phs}

    rens: list[Renewal] = []
    for r in renewals:
        day = c.optional_day(r, "date", required=True)
        rens.append(Renewal(day or date.min, c.text(r, "resolution", False)))

    seen = set()
    pts: list[Part] = []
    for r in parts:
        pts.append(Part(c.ident(r, "id", seen, "part"), c.text(r, "number"), c.text(r, "name")))
    part_ids = {p.id for p in pts}

    seen = set()
    chs: list[Chapter] = []
    for r in chapters:
        ch = Chapter(
            c.ident(r, "id", seen, "chapter"),
            c.text(r, "part"),
            c.text(r, "number"),
            c.text(r, "name"),
        )
        if ch.part_id and ch.part_id not in part_ids:
            c.fail(r, f"unknown part {ch.part_id!r}")
        chs.append(ch)
    chapter_part = {ch.id: ch.part_id for ch in chs}

    codes = task_code_set()
    seen = set()
    provs: list[Provision] = []
    for r in provisions:
        pid = c.ident(r, "id", seen, "provision")
        chapter = c.text(r, "chapter")
        part = chapter_part.get(chapter, "")
        if chapter and chapter not in chapter_part:
            c.fail(r, f"unknown chapter {chapter!r}")
        phase = c.text(r, "phase", False)
        if phase and phase not in phase_ids:
            c.fail(r, f"unknown phase {phase!r} (phases: {', '.join(sorted(phase_ids)) or 'none'})")
        tasks = _items(r.values.get("tasks"))
        for task in tasks:
            if task not in codes:
                c.fail(r, f"task {task!r} is not a PEMA task code (see the PEMA taxonomy)")
        provs.append(
            Provision(
                id=pid,
                part_id=part,
                chapter_id=chapter,
                article=c.text(r, "article"),
                summary=c.text(r, "summary"),
                responsible=_items(r.values.get("responsible")),
                deadline=c.optional_day(r, "deadline"),
                phase=phase,
                tasks=tasks,
                indicators=_items(r.values.get("indicators")),
            )
        )
    if not provs and not c.errors:
        c.fail(head, "the agreement has no provisions")

    c.raise_problems("agreement")
    return Agreement(
        id=aid,
        name=name,
        short_name=c.text(head, "short_name", False),
        country=c.text(head, "country", False),
        mission=c.text(head, "mission", False),
        note=c.text(head, "note", False),
        parties=_items(head.values.get("parties")),
        mediators=_items(head.values.get("mediators")),
        signatures=tuple(sigs),
        phases=tuple(phs),
        renewals=tuple(sorted(rens, key=lambda x: x.date)),
        parts=tuple(pts),
        chapters=tuple(chs),
        provisions=tuple(provs),
    )
