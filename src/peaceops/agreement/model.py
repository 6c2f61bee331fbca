"""A peace agreement as a tracker: parts > chapters > provisions, phases, renewals, status entries.

Plain frozen types without I/O. ``build_agreement`` turns flat rows (each tagged with where it
came from: a YAML entry or a workbook sheet and row) into a validated ``Agreement``; every
problem is reported with that location, all at once.

Status entries use the Peace Accords Matrix scale of the Kroc Institute: 0 not started,
1 minimal, 2 intermediate, 3 complete.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from peaceops.errors import InputError

__all__ = [
    "LEVELS",
    "MAX_LEVEL",
    "Agreement",
    "Chapter",
    "Part",
    "Phase",
    "Provision",
    "Renewal",
    "Row",
    "Signature",
    "StatusEntry",
    "build_agreement",
    "parse_iso_date",
    "split_list",
]

MAX_LEVEL = 3
# Peace Accords Matrix implementation scale: level -> word.
LEVELS: dict[int, str] = {0: "not started", 1: "minimal", 2: "intermediate", 3: "complete"}
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")


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


@dataclass(frozen=True)
class Row:
    """One input row with the place it came from (for error messages)."""

    where: str
    values: Mapping[str, Any] = field(default_factory=dict)


# -- validation -------------------------------------------------------------------------------


def parse_iso_date(value: Any, what: str) -> date:
    """A date from a date/datetime, or text 'YYYY-MM-DD'; InputError otherwise."""
    if isinstance(value, date):
        return value if type(value) is date else value.date()  # type: ignore[attr-defined]
    text = "" if value is None else str(value).strip()
    if not text:
        raise InputError(f"{what} is missing")
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{what}: {text!r} is not a date (YYYY-MM-DD)") from None


def split_list(raw: Any) -> tuple[str, ...]:
    """A list from a YAML list or a semicolon separated cell (names may hold commas)."""
    if raw is None:
        return ()
    if isinstance(raw, (list, tuple)):
        return tuple(str(v).strip() for v in raw if str(v).strip())
    return tuple(p.strip() for p in str(raw).split(";") if p.strip())


class _Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, row: Row, reason: str) -> None:
        self.errors.append(f"{row.where}: {reason}")

    def text(self, row: Row, key: str, required: bool = True) -> str:
        raw = row.values.get(key)
        text = "" if raw is None else str(raw).strip()
        if required and not text:
            self.fail(row, f"'{key}' is missing")
        return text

    def ident(self, row: Row, key: str, seen: set[str], kind: str) -> str:
        value = self.text(row, key)
        if value and not _ID.fullmatch(value):
            self.fail(row, f"{kind} id {value!r}: use letters, digits, '.', '-' or '_'")
        if value and value in seen:
            self.fail(row, f"duplicate {kind} id {value!r}")
        seen.add(value)
        return value

    def day(self, row: Row, key: str, required: bool = True) -> date | None:
        raw = row.values.get(key)
        if not required and (raw is None or str(raw).strip() == ""):
            return None
        try:
            return parse_iso_date(raw, f"'{key}'")
        except InputError as exc:
            self.fail(row, str(exc))
            return None


def _task_codes() -> frozenset[str]:
    from peaceops.mandates.taxonomy import task_codes

    return frozenset(task_codes())


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
    c = _Checker()
    aid = c.ident(head, "id", set(), "agreement")
    name = c.text(head, "name")

    sigs: list[Signature] = []
    for r in signatures:
        day = c.day(r, "date")
        sigs.append(Signature(c.text(r, "party"), day or date.min, c.text(r, "place", False)))

    seen: set[str] = set()
    phs: list[Phase] = []
    for r in phases:
        pid = c.ident(r, "id", seen, "phase")
        start, end = c.day(r, "start"), c.day(r, "end")
        if start and end and end < start:
            c.fail(r, "'end' is before 'start'")
        phs.append(Phase(pid, c.text(r, "name"), start or date.min, end or date.min))
    phase_ids = {p.id for p in phs}

    rens: list[Renewal] = []
    for r in renewals:
        day = c.day(r, "date")
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

    codes = _task_codes()
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
        tasks = split_list(r.values.get("tasks"))
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
                responsible=split_list(r.values.get("responsible")),
                deadline=c.day(r, "deadline", required=False),
                phase=phase,
                tasks=tasks,
                indicators=split_list(r.values.get("indicators")),
            )
        )
    if not provs and not c.errors:
        c.fail(head, "the agreement has no provisions")

    if c.errors:
        shown = c.errors[:20]
        more = f" (and {len(c.errors) - 20} more)" if len(c.errors) > 20 else ""
        raise InputError(
            f"the agreement has {len(c.errors)} problem(s): " + "; ".join(shown) + more
        )
    return Agreement(
        id=aid,
        name=name,
        short_name=c.text(head, "short_name", False),
        country=c.text(head, "country", False),
        mission=c.text(head, "mission", False),
        note=c.text(head, "note", False),
        parties=split_list(head.values.get("parties")),
        mediators=split_list(head.values.get("mediators")),
        signatures=tuple(sigs),
        phases=tuple(phs),
        renewals=tuple(sorted(rens, key=lambda x: x.date)),
        parts=tuple(pts),
        chapters=tuple(chs),
        provisions=tuple(provs),
    )
