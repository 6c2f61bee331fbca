"""Domain types for Security Council resolutions and the tasks they give a mission.

Small, frozen and free of I/O: readers build them, classifiers annotate them, diff and history
compare them, and ``to_dict`` gives the documented JSON form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

__all__ = ["Modality", "Paragraph", "Resolution", "TaskMention", "Tier"]


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "modality": self.modality.value,
            "paragraphs": list(self.paragraphs),
            "evidence": self.evidence,
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
        }
