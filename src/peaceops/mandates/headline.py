"""The mandates' headline figures for the overview: resolutions stored and the latest one."""

from __future__ import annotations

from typing import Any

from peaceops.errors import NotFoundError
from peaceops.mandates.history import split_illustrative
from peaceops.mandates.store import list_resolutions
from peaceops.workspace import Workspace

__all__ = ["mandates_headline"]


def mandates_headline(ws: Workspace) -> dict[str, Any]:
    """How many resolutions, for which missions, and the latest one's size."""
    found = list_resolutions(ws)
    if not found:
        raise NotFoundError(
            "no resolutions in this workspace yet",
            missing="Security Council resolutions",
            remedy="mandates.read",
        )
    latest = split_illustrative(found)[0][-1]  # a real mandate when there is one
    return {
        "resolutions": len(found),
        "missions": sorted({m for r in found for m in r.missions}),
        "latest": {
            "symbol": latest.symbol,
            "label": latest.label,
            "number": latest.number,
            "date": latest.date,
            "operative_paragraphs": (
                None if latest.coded else sum(1 for p in latest.operative if p.parent is None)
            ),
            "tasks": len({t.task for t in latest.tasks}),
        },
    }
