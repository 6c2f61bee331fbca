"""The shapes of a map and its frame: the whole country inside it, with a margin.

Fitted to the shapes alone, a country whose border runs along a meridian or a parallel (Mali
at 4.24° E and 25° N) touches the edge of the plot, and its straight border reads as if the
map had been cut there. The projection is fitted to the shapes' bounding box widened by a
margin, so every border stands clear of the frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import shapely
from shapely.geometry import box, mapping, shape

from peaceops.geo.boundaries import stored_boundaries
from peaceops.workspace import Workspace

__all__ = ["MARGIN", "boundary_features", "padded_extent"]

MARGIN = 0.05  # of the larger side of the bounding box, on every side
# Simplification tolerance (degrees) per admin level: keeps the map SVG small while the
# shapes stay recognisable at report size.
_SIMPLIFY = {1: 0.02, 2: 0.01, 3: 0.005}


def boundary_features(ws: Workspace, level: int = 1) -> list[dict[str, Any]]:
    """GeoJSON features (pcode, name) of the boundaries slot at ``level``, simplified."""
    stored = stored_boundaries(ws, level)
    geoms = shapely.from_wkb(list(stored.wkb))
    simple = shapely.simplify(geoms, _SIMPLIFY.get(level, 0.01), preserve_topology=True)
    # Vega (d3-geo) reads rings with spherical winding: exterior rings clockwise. GeoJSON files
    # usually wind them the other way, which d3 draws as "the whole globe minus the shape".
    simple = shapely.orient_polygons(simple, exterior_cw=True)
    return [
        {
            "type": "Feature",
            "geometry": mapping(g),
            "properties": {"pcode": p, "name": n},
        }
        for p, n, g in zip(stored.pcodes, stored.names, simple, strict=True)
        if g is not None and not g.is_empty
    ]


def padded_extent(features: Sequence[dict[str, Any]], margin: float = MARGIN) -> dict[str, Any]:
    """A GeoJSON Feature (a projection's ``fit``) covering ``features`` plus ``margin``."""
    shapes = [shape(f["geometry"]) for f in features]
    x0, y0, x1, y1 = shapely.total_bounds(shapes)
    pad = margin * max(x1 - x0, y1 - y0)
    frame = box(x0 - pad, max(y0 - pad, -85.0), x1 + pad, min(y1 + pad, 85.0))
    # Edges cut into short steps so the spherical box follows the parallels; exterior ring
    # clockwise, as Vega's spherical geometry reads it.
    frame = shapely.orient_polygons(shapely.segmentize(frame, 0.5), exterior_cw=True)
    return {"type": "Feature", "geometry": mapping(frame), "properties": {}}
