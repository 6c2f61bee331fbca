"""Domain types for Security Council resolutions and the tasks they give a mission.

Small, frozen and free of I/O: readers build them, classifiers annotate them, diff and history
compare them, and ``to_dict`` gives the documented JSON form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

__all__ = [
    "CODED_LABEL",
    "ILLUSTRATIVE_HEADING",
    "ILLUSTRATIVE_LABEL",
    "Ceiling",
    "Coding",
    "DocumentReference",
    "Modality",
    "Paragraph",
    "Resolution",
    "TaskMention",
    "Tier",
]

ILLUSTRATIVE_LABEL = "illustrative, not an official text"
# How the first line or heading that shows a project-written text names it.
ILLUSTRATIVE_HEADING = "ILLUSTRATIVE - not an official United Nations document"
CODED_LABEL = "coded by PEMA"


class Tier(StrEnum):
    """Priority tier of an operative paragraph in a modern mandate."""

    STRATEGIC_PRIMARY = "strategic_priority_primary"
    STRATEGIC_SECOND = "strategic_priority_second"
    PRIORITY = "priority_task"
    OTHER = "other_task"
    NONE = "none"  # not inside a tiered mandate section


class Modality(StrEnum):
    """How the mission is asked to act on a task (PEMA's four modalities)."""

    MONITOR = "Monitor"
    ASSIST = "Assist"
    SECURITY = "Security"
    ENCOURAGED = "Encouraged"


@dataclass(frozen=True)
class Paragraph:
    """One operative paragraph or sub-paragraph.

    ``id`` is in the form experts cite: ``16``, ``16c``, ``16c(i)``. ``verb`` is the
    operative verb phrase that opens a top-level paragraph (``Decides``, ``Calls upon``...);
    sub-paragraphs inherit their parent's verb. ``text`` is repaired (lines joined,
    hyphenation undone, footnote numbers dropped).
    """

    id: str
    text: str
    verb: str = ""
    tier: Tier = Tier.NONE
    parent: str | None = None
    heading: str = ""  # the nearest section heading above it, if any

    @property
    def number(self) -> int | None:
        digits = ""
        for ch in self.id:
            if not ch.isdigit():
                break
            digits += ch
        return int(digits) if digits else None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "verb": self.verb, "text": self.text, "tier": self.tier.value}


@dataclass(frozen=True)
class TaskMention:
    """A mandate task found in a resolution, with the paragraphs and phrase that carry it."""

    task: str  # PEMA task code, e.g. "CivProtect"
    modality: Modality
    paragraphs: tuple[str, ...]
    evidence: str  # the phrase that triggered it
    # Paragraphs of other documents the task is coded from ("S/2013/189 para 26"), for coded
    # mandates whose expert coding cites a report of the Secretary-General.
    elsewhere: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "task": self.task,
            "modality": self.modality.value,
            "paragraphs": list(self.paragraphs),
            "evidence": self.evidence,
        }
        if self.elsewhere:
            out["elsewhere"] = list(self.elsewhere)
        return out


@dataclass(frozen=True)
class Coding:
    """Where a coded mandate's tasks come from: an expert dataset row, not a text."""

    source: str  # "PEMA"
    citation: str
    file_name: str
    line: int  # line of the row in the file
    renewal: bool | None = None
    complete_adjustment: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "citation": self.citation,
            "file_name": self.file_name,
            "line": self.line,
            "renewal": self.renewal,
            "complete_adjustment": self.complete_adjustment,
        }


@dataclass(frozen=True)
class DocumentReference:
    """A document an operative paragraph takes (part of) the mandate from, by reference.

    ``symbol`` is the document's symbol when the text gives one (``S/2013/189``); ``date`` the
    date the text gives for it ("26 March 2013"); ``paragraphs`` the paragraph ids, chapters or
    annexes it cites; ``operative`` the operative paragraph that refers to it.
    """

    description: str
    operative: str
    phrase: str
    symbol: str | None = None
    date: str | None = None
    paragraphs: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "symbol": self.symbol,
            "date": self.date,
            "paragraphs": list(self.paragraphs),
            "operative_paragraph": self.operative,
            "phrase": self.phrase,
        }


@dataclass(frozen=True)
class Ceiling:
    """An authorised ceiling of uniformed personnel, with where it is set.

    ``None`` means the source does not set that category. ``paragraph`` is the operative
    paragraph (or ``None`` when not known); ``note`` says how sure the figure is.
    """

    symbol: str
    military: int | None
    police: int | None
    observers: int | None = None
    paragraph: str | None = None
    wording: str = ""
    source: str = ""  # "text" (read from the resolution) or the facts file's citation
    note: str = ""

    @property
    def total(self) -> int | None:
        parts = [v for v in (self.military, self.police, self.observers) if v is not None]
        return sum(parts) if parts else None

    def cite(self) -> str:
        where = f", paragraph {self.paragraph}" if self.paragraph else ""
        return f"{self.symbol}{where}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "military": self.military,
            "police": self.police,
            "observers": self.observers,
            "paragraph": self.paragraph,
            "wording": self.wording,
            "source": self.source,
            "note": self.note,
        }


@dataclass(frozen=True)
class Resolution:
    """A parsed resolution."""

    symbol: str  # "S/RES/2531 (2020)"
    number: int | None
    year: int | None
    date: date | None = None
    meeting: str | None = None
    title: str = ""
    missions: tuple[str, ...] = ()
    preamble: tuple[str, ...] = ()
    operative: tuple[Paragraph, ...] = ()
    tasks: tuple[TaskMention, ...] = ()
    source: str = ""  # file name, URL or symbol it was read from
    warnings: tuple[str, ...] = field(default=())
    coding: Coding | None = None  # set for a coded mandate (no text)
    incorporated_by_reference: tuple[DocumentReference, ...] = ()
    ceiling: Ceiling | None = None

    @property
    def coded(self) -> bool:
        """A mandate known from expert coding only: tasks and paragraph ids, no text."""
        return self.coding is not None

    @property
    def illustrative(self) -> bool:
        """A project-written text (its symbol does not exist)."""
        return any("not an official" in w for w in self.warnings)

    @property
    def label(self) -> str:
        """The symbol with what it is, on one line: how lists and reports name it."""
        if self.illustrative:
            return f"{self.symbol} ({ILLUSTRATIVE_LABEL})"
        if self.coded:
            return f"{self.symbol} ({CODED_LABEL})"
        return self.symbol

    @property
    def heading(self) -> str:
        """The symbol as a page heading or a first line shows it: a project-written text
        says in full that it is not an official document."""
        if self.illustrative:
            return f"{self.symbol} ({ILLUSTRATIVE_HEADING})"
        return self.label

    @property
    def shown_meeting(self) -> str | None:
        """The meeting number to show: none for a project-written text (no meeting adopted
        it, whatever number its text gives)."""
        return None if self.illustrative else self.meeting

    @property
    def task_count(self) -> int:
        """The distinct mandated tasks: how every list, page and message counts a resolution's
        tasks (one task named in three paragraphs is one task, three mentions)."""
        return len({t.task for t in self.tasks})

    def paragraph(self, pid: str) -> Paragraph | None:
        return next((p for p in self.operative if p.id == pid), None)

    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.preamble) + sum(
            len(p.text.split()) for p in self.operative
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "number": self.number,
            "year": self.year,
            "date": self.date.isoformat() if self.date else None,
            "meeting": self.meeting,
            "missions": list(self.missions),
            "preamble": list(self.preamble),
            "operative": [p.to_dict() for p in self.operative],
            "tasks": [t.to_dict() for t in self.tasks],
            "source": self.source,
            "warnings": list(self.warnings),
            "kind": "illustrative" if self.illustrative else "coded" if self.coded else "text",
            "label": self.label,
            "heading": self.heading,
            "coding": self.coding.to_dict() if self.coding else None,
            "incorporated_by_reference": [r.to_dict() for r in self.incorporated_by_reference],
            "ceiling": self.ceiling.to_dict() if self.ceiling else None,
        }
