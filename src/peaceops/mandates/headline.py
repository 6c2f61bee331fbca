"""The mandates' headline figures for the overview: resolutions stored and the latest one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peaceops.errors import NotFoundError
from peaceops.mandates.history import split_illustrative
from peaceops.mandates.listing import ResolutionRow, resolution_row
from peaceops.mandates.store import list_resolutions
from peaceops.workspace import Workspace

__all__ = ["MandatesHeadline", "mandates_headline"]


@dataclass(frozen=True)
class MandatesHeadline:
    resolutions: int
    missions: tuple[str, ...]
    latest: ResolutionRow  # the latest real mandate when there is one

    def to_dict(self) -> dict[str, Any]:
        return {
            "resolutions": self.resolutions,
            "missions": list(self.missions),
            "latest": {
                "symbol": self.latest.symbol,
                "label": self.latest.label,
                "number": self.latest.number,
                "date": self.latest.date,
                "operative_paragraphs": self.latest.operative_paragraphs,
                "tasks": self.latest.tasks,
            },
        }


def mandates_headline(ws: Workspace) -> MandatesHeadline:
    """How many resolutions, for which missions, and the latest one's size."""
    found = list_resolutions(ws)
    if not found:
        raise NotFoundError(
            "no resolutions in this workspace yet",
            missing="Security Council resolutions",
            remedy="mandates.read",
        )
    return MandatesHeadline(
        resolutions=len(found),
        missions=tuple(sorted({m for r in found for m in r.missions})),
        latest=resolution_row(split_illustrative(found)[0][-1]),
    )
