"""A mission's sequence of resolutions with length and task metrics per resolution."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from peaceops.mandates.model import Resolution, Tier

__all__ = ["HistoryRow", "mandate_history"]

_PRIORITY_TIERS = (Tier.STRATEGIC_PRIMARY, Tier.STRATEGIC_SECOND, Tier.PRIORITY)


@dataclass(frozen=True)
class HistoryRow:
    """Metrics of one resolution in a mission's sequence."""

    symbol: str
    year: int | None
    words: int
    operative_paragraphs: int
    tasks: int
    priority_tasks: int
    tasks_added: tuple[str, ...]
    tasks_dropped: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "year": self.year,
            "words": self.words,
            "operative_paragraphs": self.operative_paragraphs,
            "tasks": self.tasks,
            "priority_tasks": self.priority_tasks,
            "tasks_added": list(self.tasks_added),
            "tasks_dropped": list(self.tasks_dropped),
        }


def _priority_tasks(res: Resolution) -> set[str]:
    tiers = {p.id: p.tier for p in res.operative}
    return {
        t.task for t in res.tasks if any(tiers.get(pid) in _PRIORITY_TIERS for pid in t.paragraphs)
    }


def mandate_history(resolutions: Sequence[Resolution]) -> tuple[HistoryRow, ...]:
    """Metrics per (classified) resolution, ordered by number, with changes versus the previous."""
    ordered = sorted(resolutions, key=lambda r: (r.number or 0, r.symbol))
    rows: list[HistoryRow] = []
    previous: set[str] | None = None
    for res in ordered:
        tasks = {t.task for t in res.tasks}
        rows.append(
            HistoryRow(
                symbol=res.symbol,
                year=res.year,
                words=res.word_count(),
                operative_paragraphs=sum(1 for p in res.operative if p.parent is None),
                tasks=len(tasks),
                priority_tasks=len(_priority_tasks(res)),
                tasks_added=tuple(sorted(tasks - previous)) if previous is not None else (),
                tasks_dropped=tuple(sorted(previous - tasks)) if previous is not None else (),
            )
        )
        previous = tasks
    return tuple(rows)
