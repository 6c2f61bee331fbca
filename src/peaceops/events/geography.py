"""Importing geography into a workspace with events: store the layer, then place every event again.

The layers themselves (reading, storing, loading, placing) live in ``peaceops.geo``; re-placing
the stored events is the events package's work.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from peaceops.events.placing import replace_all
from peaceops.geo.boundaries import store_boundaries
from peaceops.geo.gazetteer import store_gazetteer
from peaceops.workspace import Workspace

__all__ = ["import_boundaries", "import_gazetteer"]


def import_boundaries(
    ws: Workspace,
    path: Path,
    level: int,
    *,
    layer: str | None = None,
    source: str = "",
    accessed: date | None = None,
    country: str | None = None,
) -> dict[str, Any]:
    """Store a boundary file as its countries' part of ``boundaries/<level>`` and re-place
    every event (events of the other countries land where they were: their polygons are kept).

    Returns a report: level, features, countries, layer_features, file, layer, unchanged and
    the placement counts of the events (empty when the layer was unchanged).
    """
    with ws.writing():  # one writer: the layer and the re-placed events together
        report = store_boundaries(
            ws, path, level, layer=layer, source=source, accessed=accessed, country=country
        )
        if report["unchanged"]:
            return {**report, "placement": {}}
        return {**report, "placement": replace_all(ws)}


def import_gazetteer(ws: Workspace, path: Path, accessed: date | None = None) -> dict[str, Any]:
    """Store a settlements CSV as the workspace gazetteer and re-place every event."""
    with ws.writing():
        report = store_gazetteer(ws, path, accessed)
        return {**report, "placement": replace_all(ws)}
