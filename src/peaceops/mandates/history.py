"""A mission's sequence of resolutions with length and task metrics per resolution.

Read texts and coded mandates (PEMA) mix freely: a coded mandate has tasks but no text, so
its words and paragraph counts are None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from peaceops.grades import Grade
from peaceops.mandates.model import Resolution, Tier

__all__ = ["HistoryRow", "mandate_history", "split_illustrative"]

_PRIORITY_TIERS = (Tier.STRATEGIC_PRIMARY, Tier.STRATEGIC_SECOND, Tier.PRIORITY)


@dataclass(frozen=True)
class HistoryRow:
    """Metrics of one resolution in a mission's sequence."""

    symbol: str
    year: int | None
    words: int | None  # None for a coded mandate (no text)
    operative_paragraphs: int | None  # None for a coded mandate
    tasks: int
    priority_tasks: int
    tasks_added: tuple[str, ...]
    tasks_dropped: tuple[str, ...]
    kind: str = "text"  # "text", "coded" (expert coding, no text) or "illustrative"
    label: str = ""  # the symbol with what it is ("coded by PEMA", "illustrative, ...")

    @property
    def grade(self) -> Grade:
        """``illustrative`` for a project-written text; a published or coded one is real."""
        return "illustrative" if self.kind == "illustrative" else "real"

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
            "kind": self.kind,
            "label": self.label or self.symbol,
        }


def _priority_tasks(res: Resolution) -> set[str]:
    tiers = {p.id: p.tier for p in res.operative}
    return {
        t.task for t in res.tasks if any(tiers.get(pid) in _PRIORITY_TIERS for pid in t.paragraphs)
    }


def _kind(res: Resolution) -> str:
    return "illustrative" if res.illustrative else "coded" if res.coded else "text"


def split_illustrative(
    resolutions: Sequence[Resolution],
) -> tuple[list[Resolution], list[Resolution]]:
    """The real resolutions (read texts and coded mandates) and the illustrative ones.

    A sequence that mixes real mandates with project-written texts would present a fiction
    as the mandate's history: when a mission has any real mandate, the illustrative texts
    are left out of its sequence (and the caller says so); when it has none, they stay.
    """
    real = [r for r in resolutions if not r.illustrative]
    fake = [r for r in resolutions if r.illustrative]
    return (real, fake) if real else (fake, [])


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
                words=None if res.coded else res.word_count(),
                operative_paragraphs=(
                    None if res.coded else sum(1 for p in res.operative if p.parent is None)
                ),
                tasks=len(tasks),
                priority_tasks=len(_priority_tasks(res)),
                tasks_added=tuple(sorted(tasks - previous)) if previous is not None else (),
                tasks_dropped=tuple(sorted(previous - tasks)) if previous is not None else (),
                kind=_kind(res),
                label=res.label,
            )
        )
        previous = tasks
    return tuple(rows)
