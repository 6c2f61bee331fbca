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
        a1p = np.full(n, None, dtype=object)
        a2p = np.full(n, None, dtype=object)
        hit = np.zeros(n, dtype=bool)
        if self.level2 is not None:
            idx2 = locate_points(self.level2.geometries, lon, lat)
            a2p = np.array((*self.level2.pcodes, None), dtype=object)[idx2]
            a1p = np.array((*self.level2.admin1_pcodes, None), dtype=object)[idx2]
            hit = idx2 >= 0
        if self.level1 is not None:
            # admin1 from its own polygons where admin2 gave none or had no parent code
            need = np.nonzero(a1p == None)[0]  # noqa: E711  (elementwise on an object array)
            if need.size:
                idx1 = locate_points(self.level1.geometries, lon[need], lat[need])
                found = idx1 >= 0
                pcs = np.array((*self.level1.pcodes, None), dtype=object)[idx1]
                a1p[need[found]] = pcs[found]
                hit[need[found]] = True
        how = np.where(hit, "point", "unplaced").astype(object)
        a1n = np.full(n, None, dtype=object)
        a1n[hit] = self._lookup(a1p[hit], self._admin1_name)
        # name fallback for the rest, computed once per distinct (admin1, admin2, location)
        rest = np.nonzero(~hit)[0]
        if rest.size:
            keys = list(
                zip(
                    np.asarray(admin1, dtype=object)[rest].tolist(),
                    np.asarray(admin2, dtype=object)[rest].tolist(),
                    np.asarray(location, dtype=object)[rest].tolist(),
                    strict=True,
                )
            )
            distinct = list(dict.fromkeys(keys))
            code = {k: i for i, k in enumerate(distinct)}
            inverse = np.fromiter((code[k] for k in keys), dtype=np.int64, count=len(keys))
            results = [self._by_name(*k) for k in distinct]
            for col, values in enumerate((a1p, a2p, how, a1n)):
                values[rest] = np.array([r[col] for r in results], dtype=object)[inverse]
        a2n = self._lookup(a2p, lambda p: self._a2.get(p, (None, None))[0] if p else None)
        counts = {p: int((how == p).sum()) for p in ("point", "name", "source", "unplaced")}
        return Placement(a1p.tolist(), a1n.tolist(), a2p.tolist(), list(a2n), how.tolist(), counts)

    @staticmethod
    def _lookup(
        codes: npt.NDArray[Any], fn: Callable[[str | None], str | None]
    ) -> npt.NDArray[Any]:
        """``fn`` applied to each code, evaluated once per distinct code."""
        if codes.size == 0:
            return np.array([], dtype=object)
        table = {c: fn(c) for c in dict.fromkeys(codes.tolist())}
        return np.array([table[c] for c in codes.tolist()], dtype=object)

    def _by_name(
        self, admin1: str | None, admin2: str | None, location: str | None
    ) -> tuple[str | None, str | None, str, str | None]:
        """(admin1 P-code, admin2 P-code, placement, admin1 name) from the names alone."""
        a1_canon = self.config.canonical_admin1(admin1)
        a1_key = fold_name(a1_canon) if a1_canon else None
        want_a1 = self._pcode_of_admin1.get(a1_key) if a1_key else None
        if self.level2 is not None and admin2:
            cands = self._a2_by_name.get(fold_name(admin2), [])
            if len(cands) > 1 and want_a1:
                cands = [i for i in cands if self.level2.admin1_pcodes[i] == want_a1]
            if len(cands) == 1:
                i = cands[0]
                a1 = self.level2.admin1_pcodes[i]
                return a1, self.level2.pcodes[i], "name", self._admin1_name(a1)
        if self.gazetteer is not None and location:
            hit = self.gazetteer.lookup(location, want_a1)
            if hit is not None:
                a1, a2 = hit
                if self.level2 is None:
                    a2 = None
                return a1, a2, "name", self._admin1_name(a1)
        if self.level1 is not None and a1_key:
            i1 = self._a1_by_name.get(a1_key)
            if i1 is None and admin1:
                i1 = self._a1_by_name.get(fold_name(admin1))
            if i1 is not None:
                return (
                    self.level1.pcodes[i1],
                    None,
                    "name",
                    self._admin1_name(self.level1.pcodes[i1]),
                )
        if a1_canon:
            return want_a1, None, "source", a1_canon
        return None, None, "unplaced", None
