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
    # Of ``resolutions``: official ones (read texts and PEMA-coded mandates), how many of
    # those are known from PEMA's coding only, and the project-written illustrative texts.
    official: int = 0
    coded: int = 0
    illustrative: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "resolutions": self.resolutions,
            "official": self.official,
            "coded": self.coded,
            "illustrative": self.illustrative,
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
    written = sum(r.illustrative for r in found)
    return MandatesHeadline(
        resolutions=len(found),
        official=len(found) - written,
        coded=sum(r.coded and not r.illustrative for r in found),
        illustrative=written,
        missions=tuple(sorted({m for r in found for m in r.missions})),
        latest=resolution_row(split_illustrative(found)[0][-1]),
    )
