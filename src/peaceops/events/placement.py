"""Placing events in the workspace's administrative areas.

Order of attempts, per event (the ``placement`` column says which one worked):

``point``
    The event's coordinates fall inside a boundary polygon (admin2 when loaded, and admin1).
``name``
    No usable coordinates, or a point outside every polygon: the source's admin2 name, then
    the location name in the gazetteer, then the source's admin1 name are matched against the
    boundary names (accent-, case- and punctuation-insensitive).
``source``
    Nothing matched (or no boundaries are loaded): the source's own admin1 name, mapped to the
    workspace's canonical spelling, with the P-code the country profile gives it.
``unplaced``
    The event has no admin1 name either.

Point-in-polygon is vectorised: points are sorted by longitude once, each polygon takes the
slice within its bounding box and tests it with ``shapely.contains_xy`` on a prepared
geometry. No point objects are created, so a million points take about a second.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely

from peaceops.config import WorkspaceConfig, fold_name
from peaceops.events.boundaries import BoundaryLayer, load_boundaries
from peaceops.events.gazetteer import Gazetteer, load_gazetteer
from peaceops.workspace import Workspace

__all__ = ["Placement", "Placer", "locate_points"]


def locate_points(
    geometries: Any, x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]
) -> npt.NDArray[np.int64]:
    """Index of the polygon containing each point (-1 when none; NaN coordinates give -1)."""
    n = len(x)
    out = np.full(n, -1, dtype=np.int64)
    if n == 0 or len(geometries) == 0:
        return out
    ok = np.nonzero(~(np.isnan(x) | np.isnan(y)))[0]
    order = ok[np.argsort(x[ok], kind="stable")]
    xs = x[order]
    shapely.prepare(geometries)
    bounds = shapely.bounds(geometries)
    for i, geom in enumerate(geometries):
        x0, y0, x1, y1 = bounds[i]
        lo = int(np.searchsorted(xs, x0, side="left"))
        hi = int(np.searchsorted(xs, x1, side="right"))
        cand = order[lo:hi]
        if cand.size == 0:
            continue
        yc = y[cand]
        cand = cand[(yc >= y0) & (yc <= y1)]
        cand = cand[out[cand] < 0]  # first polygon wins on shared edges
        if cand.size == 0:
            continue
        inside = shapely.contains_xy(geom, x[cand], y[cand])
        out[cand[inside]] = i
    return out


@dataclass
class Placement:
    """Placement columns for a batch of events."""

    admin1_pcode: list[str | None]
    admin1_name: list[str | None]
    admin2_pcode: list[str | None]
    admin2_name: list[str | None]
    placement: list[str]
    counts: dict[str, int] = field(default_factory=dict)


class Placer:
    """Everything needed to place events: boundary layers, gazetteer, config."""

    def __init__(
        self,
        config: WorkspaceConfig,
        level1: BoundaryLayer | None,
        level2: BoundaryLayer | None,
        gazetteer: Gazetteer | None,
    ) -> None:
        self.config = config
        self.level1 = level1
        self.level2 = level2
        self.gazetteer = gazetteer
        self._a1_names: dict[str, str | None] = {}
        self._pcode_of_admin1 = {fold_name(v): k for k, v in config.admin1.items()}
        if level1 is not None:
            for p, n in zip(level1.pcodes, level1.names, strict=True):
                self._a1_names[p] = n
        self._a2: dict[str, tuple[str | None, str | None]] = {}
        self._a2_by_name: dict[str, list[int]] = {}
        if level2 is not None:
            for i, (p, n, parent) in enumerate(
                zip(level2.pcodes, level2.names, level2.admin1_pcodes, strict=True)
            ):
                self._a2[p] = (n, parent)
                if n:
                    self._a2_by_name.setdefault(fold_name(n), []).append(i)
        self._a1_by_name: dict[str, int] = {}
        if level1 is not None:
            for i, n in enumerate(level1.names):
                if n:
                    self._a1_by_name[fold_name(n)] = i

    @classmethod
    def for_workspace(cls, ws: Workspace) -> Placer:
        return cls(ws.config, load_boundaries(ws, 1), load_boundaries(ws, 2), load_gazetteer(ws))

    @property
    def has_boundaries(self) -> bool:
        return self.level1 is not None or self.level2 is not None

    def _admin1_name(self, pcode: str | None) -> str | None:
        if pcode is None:
            return None
        if pcode in self._a1_names:
            return self._a1_names[pcode]
        return self.config.admin1.get(pcode)

    def place(
        self,
        lat: npt.NDArray[np.float64],
        lon: npt.NDArray[np.float64],
        admin1: Sequence[str | None],
        admin2: Sequence[str | None],
        location: Sequence[str | None],
    ) -> Placement:
        n = len(lat)
        a1p: list[str | None] = [None] * n
        a2p: list[str | None] = [None] * n
        how: list[str] = ["unplaced"] * n
        if self.level2 is not None:
            idx2 = locate_points(self.level2.geometries, lon, lat)
            pc2 = np.array((*self.level2.pcodes, None), dtype=object)[idx2]
            par = np.array((*self.level2.admin1_pcodes, None), dtype=object)[idx2]
            a2p = list(pc2)
            a1p = list(par)
            hit = idx2 >= 0
        else:
            hit = np.zeros(n, dtype=bool)
        if self.level1 is not None:
            # admin1 by its own polygons where admin2 gave none or had no parent code
            need = np.nonzero(np.array([p is None for p in a1p], dtype=bool))[0]
            if need.size:
                idx1 = locate_points(self.level1.geometries, lon[need], lat[need])
                pcs = np.array((*self.level1.pcodes, None), dtype=object)[idx1]
                for j, k in enumerate(need):
                    if idx1[j] >= 0:
                        a1p[k] = pcs[j]
                        hit[k] = True
        for k in np.nonzero(hit)[0]:
            how[k] = "point"
        # name fallback for the rest, memoised on the distinct name triples
        memo: dict[tuple[Any, Any, Any], tuple[str | None, str | None, str]] = {}
        for m in np.nonzero(~hit)[0].tolist():
            key = (admin1[m], admin2[m], location[m])
            if key not in memo:
                memo[key] = self._by_name(*key)
            a1p[m], a2p[m], how[m] = memo[key]
        a1n = self._names(a1p, admin1, how)
        a2n = [self._a2.get(p, (None, None))[0] if p else None for p in a2p]
        counts = {p: 0 for p in ("point", "name", "source", "unplaced")}
        for h in how:
            counts[h] += 1
        return Placement(a1p, a1n, a2p, a2n, how, counts)

    def _names(
        self, pcodes: list[str | None], admin1: Sequence[str | None], how: list[str]
    ) -> list[str | None]:
        cache: dict[str | None, str | None] = {}
        out: list[str | None] = []
        canon: Callable[[str | None], str | None] = self.config.canonical_admin1
        for p, src, h in zip(pcodes, admin1, how, strict=True):
            if h == "source":
                out.append(canon(src))
                continue
            if p not in cache:
                cache[p] = self._admin1_name(p)
            out.append(cache[p])
        return out

    def _by_name(
        self, admin1: str | None, admin2: str | None, location: str | None
    ) -> tuple[str | None, str | None, str]:
        a1_canon = self.config.canonical_admin1(admin1)
        a1_key = fold_name(a1_canon) if a1_canon else None
        want_a1 = self._pcode_of_admin1.get(a1_key) if a1_key else None
        if self.level2 is not None and admin2:
            cands = self._a2_by_name.get(fold_name(admin2), [])
            if len(cands) > 1 and want_a1:
                cands = [i for i in cands if self.level2.admin1_pcodes[i] == want_a1]
            if len(cands) == 1:
                i = cands[0]
                return self.level2.admin1_pcodes[i], self.level2.pcodes[i], "name"
        if self.gazetteer is not None and location:
            hit = self.gazetteer.lookup(location, want_a1)
            if hit is not None:
                a1, a2 = hit
                if self.level2 is None:
                    a2 = None
                return a1, a2, "name"
        if self.level1 is not None and a1_key:
            i1 = self._a1_by_name.get(a1_key)
            if i1 is None and admin1:
                i1 = self._a1_by_name.get(fold_name(admin1))
            if i1 is not None:
                return self.level1.pcodes[i1], None, "name"
        if a1_canon:
            return want_a1, None, "source"
        return None, None, "unplaced"
