"""The list of stored resolutions as one typed row each: what ``peaceops mandates list
--format json``, ``/api/mandates/list`` and the mandates page show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from peaceops.mandates.model import Resolution
from peaceops.mandates.store import list_resolutions
from peaceops.workspace import Workspace

__all__ = ["ResolutionRow", "resolution_row", "resolution_rows"]


@dataclass(frozen=True)
class ResolutionRow:
    symbol: str
    label: str
    kind: str  # illustrative | coded | text
    number: int | None
    year: int | None
    date: date | None
    missions: tuple[str, ...]
    operative_paragraphs: int | None  # numbered paragraphs (None for a coded resolution)
    tasks: int  # distinct mandated tasks
    words: int | None  # None for a coded resolution
    ceiling: dict[str, Any] | None
    incorporated_by_reference: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "label": self.label,
            "kind": self.kind,
            "number": self.number,
            "year": self.year,
            "date": self.date,
            "missions": list(self.missions),
            "operative_paragraphs": self.operative_paragraphs,
            "tasks": self.tasks,
            "words": self.words,
            "ceiling": self.ceiling,
            "incorporated_by_reference": self.incorporated_by_reference,
        }


def resolution_row(r: Resolution) -> ResolutionRow:
    return ResolutionRow(
        symbol=r.symbol,
        label=r.label,
        kind="illustrative" if r.illustrative else "coded" if r.coded else "text",
        number=r.number,
        year=r.year,
        date=r.date,
        missions=tuple(r.missions),
        # numbered paragraphs, as in the history and the diff (sub-paragraphs inside)
        operative_paragraphs=None if r.coded else sum(1 for p in r.operative if p.parent is None),
        tasks=r.task_count,
        words=None if r.coded else r.word_count(),
        ceiling=r.ceiling.to_dict() if r.ceiling else None,
        incorporated_by_reference=len(r.incorporated_by_reference),
    )


def resolution_rows(ws: Workspace, mission: str | None = None) -> tuple[ResolutionRow, ...]:
    """The stored resolutions, oldest first, optionally of one mission."""
    return tuple(resolution_row(r) for r in list_resolutions(ws, mission))
