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

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl
import shapely

from peaceops.config import WorkspaceConfig
from peaceops.geo.boundaries import BoundaryLayer, load_boundaries
from peaceops.geo.gazetteer import Gazetteer, load_gazetteer
from peaceops.geo.names import fold_name
from peaceops.workspace import Workspace

__all__ = ["Placement", "Placer", "locate_points"]


def _gather(values: list[str | None], idx: npt.NDArray[np.int64]) -> pl.Series:
    """``values[idx]`` as a text Series, null where ``idx`` is -1."""
    table = pl.Series([*values, None], dtype=pl.String)
    return table.gather(np.where(idx < 0, len(values), idx))


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
    """Placement columns for a batch of events (polars Series, one value per event)."""

    admin1_pcode: pl.Series
    admin1_name: pl.Series
    admin2_pcode: pl.Series
    admin2_name: pl.Series
    placement: pl.Series
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
        admin1: Any,
        admin2: Any,
        location: Any,
    ) -> Placement:
        """Place events given their coordinates (NaN when missing) and source names
        (sequences, Arrow arrays or polars Series of text)."""
        n = len(lat)
        a1_idx = np.full(n, -1, dtype=np.int64)
        a2_idx = np.full(n, -1, dtype=np.int64)
        a1_codes: list[str | None] = []
        if self.level2 is not None:
            a2_idx = locate_points(self.level2.geometries, lon, lat)
            # the admin1 of each admin2 polygon, as an index into a1_codes
            a1_codes = sorted({p for p in self.level2.admin1_pcodes if p}, key=str)
            pos = {p: i for i, p in enumerate(a1_codes)}
            parent = np.array(
                [pos.get(p, -1) if p else -1 for p in self.level2.admin1_pcodes] + [-1]
            )
            a1_idx = parent[a2_idx]
        if self.level1 is not None:
            extra = [p for p in self.level1.pcodes if p not in set(a1_codes)]
            a1_codes = [*a1_codes, *extra]
            pos = {p: i for i, p in enumerate(a1_codes)}
            need = np.nonzero(a1_idx < 0)[0]
            if need.size:
                idx1 = locate_points(self.level1.geometries, lon[need], lat[need])
                own = np.array([pos[p] for p in self.level1.pcodes] + [-1])
                a1_idx[need] = own[idx1]
        hit = (a1_idx >= 0) | (a2_idx >= 0)
        a2_codes: list[str | None] = list(self.level2.pcodes) if self.level2 else []
        frame = pl.DataFrame(
            {
                "a1p": _gather(a1_codes, a1_idx),
                "a2p": _gather(a2_codes, a2_idx),
                # (gathered from two values: a numpy array of strings is slow to convert)
                "how": _gather(["point", "unplaced"], np.where(hit, 0, 1)),
                "a1": pl.Series(admin1, dtype=pl.String),
                "a2": pl.Series(admin2, dtype=pl.String),
                "loc": pl.Series(location, dtype=pl.String),
            }
        ).with_row_index("i")
        a1_names = {p: self._admin1_name(p) for p in a1_codes}
        frame = frame.with_columns(
            a1n=pl.col("a1p").replace_strict(a1_names, default=None, return_dtype=pl.String)
        )
        rest = frame.filter(pl.col("how") == "unplaced")
        if rest.height:
            # name fallback, computed once per distinct name combination; admin2 and location
            # only matter when admin2 boundaries or a gazetteer can use them
            on = ["a1"]
            if self.level2 is not None:
                on.append("a2")
            if self.gazetteer is not None:
                on.append("loc")
            keys = rest.select(on).unique(maintain_order=True)
            results = [
                self._by_name(row["a1"], row.get("a2"), row.get("loc"))
                for row in keys.iter_rows(named=True)
            ]
            solved = keys.with_columns(
                pl.Series("a1p", [r[0] for r in results], dtype=pl.String),
                pl.Series("a2p", [r[1] for r in results], dtype=pl.String),
                pl.Series("how", [r[2] for r in results], dtype=pl.String),
                pl.Series("a1n", [r[3] for r in results], dtype=pl.String),
            )
            rest = rest.select("i", *on).join(solved, on=on, how="left", nulls_equal=True)
            frame = frame.update(rest.select("i", "a1p", "a2p", "how", "a1n"), on="i")
            # update() skips nulls: rows the fallback left without codes keep their nulls
        a2_names = {p: self._a2[p][0] for p in a2_codes if p is not None}
        frame = frame.with_columns(
            a2n=pl.col("a2p").replace_strict(a2_names, default=None, return_dtype=pl.String)
        )
        how = frame.get_column("how")
        counts = {p: int((how == p).sum()) for p in ("point", "name", "source", "unplaced")}
        return Placement(
            frame.get_column("a1p"),
            frame.get_column("a1n"),
            frame.get_column("a2p"),
            frame.get_column("a2n"),
            how,
            counts,
        )

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
