"""Deployment against threat: each region group's share of troops against its share of
civilian fatalities, for one mission and year.

Deployment locations are placed in admin1 regions in this order (``placement`` says which):

``point``/``name``
    The events feature's placement: point in the admin1/admin2 polygons imported into the
    workspace, else the location name in the boundaries or the gazetteer.
``known``
    A short list of deployment sites whose region we know (Mali: e.g. Tessalit -> Kidal,
    Gossi -> Tombouctou), used when no boundaries are loaded.
``contains``
    The location name contains an admin1 name ("Mopti/Sevare" -> Mopti).
``nearest``
    The admin1 whose capital is nearest (a lat-lon approximation; sites near a regional
    border may land in the neighbouring region).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from peaceops.errors import InputError, NotFoundError
from peaceops.geo.names import fold_name
from peaceops.planning.deployments import load_deployments
from peaceops.planning.geopko import Deployment, DeploymentTable
from peaceops.workspace import Workspace

__all__ = ["AlignmentResult", "AlignmentRow", "PlacedLocation", "alignment", "place_locations"]

# Regional capitals (lat, lon): the fallback for sites no other method places.
_CAPITALS: dict[str, dict[str, tuple[float, float]]] = {
    "MLI": {
        "Kayes": (14.45, -11.44),
        "Koulikoro": (12.86, -7.56),
        "Sikasso": (11.32, -5.67),
        "Segou": (13.43, -6.26),
        "Mopti": (14.49, -4.19),
        "Tombouctou": (16.77, -3.01),
        "Gao": (16.27, -0.04),
        "Kidal": (18.44, 1.41),
        "Bamako": (12.65, -8.00),
        "Menaka": (15.92, 2.40),
        "Taoudenit": (22.68, -3.98),
    }
}
# Deployment sites whose admin1 region is known (folded names).
_KNOWN_SITES: dict[str, dict[str, str]] = {
    "MLI": {
        "tessalit": "Kidal",
        "aguelhok": "Kidal",
        "anefis": "Kidal",
        "ansongo": "Gao",
        "bourem": "Gao",
        "gossi": "Tombouctou",
        "lere": "Tombouctou",
        "ber": "Tombouctou",
        "goundam": "Tombouctou",
        "timbuktu": "Tombouctou",
        "douentza": "Mopti",
        "sevare": "Mopti",
        "boni": "Mopti",
        "dyabali": "Segou",
        "diabaly": "Segou",
    }
}


@dataclass(frozen=True)
class PlacedLocation:
    location: str
    latitude: float
    longitude: float
    troops: float
    admin1: str | None
    region: str | None  # region group
    placement: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "location": self.location,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "troops": self.troops,
            "admin1": self.admin1,
            "region": self.region or "unplaced",
            "placement": self.placement,
        }


@dataclass(frozen=True)
class AlignmentRow:
    region: str
    troops: float
    troop_share: float
    civilian_fatalities: int | None
    fatality_share: float | None

    @property
    def difference(self) -> float | None:
        """Troop share minus fatality share (negative: fewer troops than the threat share)."""
        if self.fatality_share is None:
            return None
        return self.troop_share - self.fatality_share

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "troops": self.troops,
            "troop_share": round(self.troop_share, 4),
            "civilian_fatalities": self.civilian_fatalities,
            "fatality_share": (
                round(self.fatality_share, 4) if self.fatality_share is not None else None
            ),
            "difference": round(d, 4) if (d := self.difference) is not None else None,
        }


@dataclass(frozen=True)
class AlignmentResult:
    mission: str
    year: int
    rows: tuple[AlignmentRow, ...]
    locations: tuple[PlacedLocation, ...]
    sources: tuple[str, ...]
    notes: tuple[str, ...]
    strength: float | None = None  # the troop strength the shares are scaled to
    strength_basis: str = ""  # how that strength is known (ceiling with citation, or source)

    def to_dict(self) -> dict[str, Any]:
        return {
            "mission": self.mission,
            "year": self.year,
            "strength": self.strength,
            "strength_basis": self.strength_basis,
            "regions": [r.to_dict() for r in self.rows],
            "locations": [loc.to_dict() for loc in self.locations],
            "sources": list(self.sources),
            "notes": list(self.notes),
        }


def _nearest(capitals: dict[str, tuple[float, float]], lat: float, lon: float) -> str | None:
    best, dist = None, math.inf
    for name, (clat, clon) in capitals.items():
        d = (lat - clat) ** 2 + ((lon - clon) * math.cos(math.radians(lat))) ** 2
        if d < dist:
            best, dist = name, d
    return best


def place_locations(ws: Workspace, deployments: list[Deployment]) -> list[PlacedLocation]:
    """Admin1 region and region group of each deployment location (see module doc)."""
    cfg = ws.config
    admin1: list[str | None] = [None] * len(deployments)
    how = ["unplaced"] * len(deployments)
    try:
        from peaceops.geo.placement import Placer

        placer = Placer.for_workspace(ws)
        if placer.has_boundaries or placer.gazetteer is not None:
            lat = np.array([d.latitude for d in deployments], dtype=np.float64)
            lon = np.array([d.longitude for d in deployments], dtype=np.float64)
            placed = placer.place(
                lat,
                lon,
                [None] * len(deployments),
                [None] * len(deployments),
                [d.location for d in deployments],
            )
            for i, (name, h) in enumerate(zip(placed.admin1_name, placed.placement, strict=True)):
                if name and h in ("point", "name"):
                    admin1[i], how[i] = cfg.canonical_admin1(name), h
    except ImportError:  # the events feature is optional here
        pass
    known = _KNOWN_SITES.get(cfg.country, {})
    capitals = _CAPITALS.get(cfg.country, {})
    admin_names = {fold_name(n): n for n in cfg.admin1.values()}
    out = []
    for i, d in enumerate(deployments):
        if admin1[i] is None:
            words = fold_name(d.location).split()
            hit = next((known[w] for w in words if w in known), None)
            if hit is not None:
                admin1[i], how[i] = hit, "known"
            else:
                contained = next((admin_names[w] for w in words if w in admin_names), None)
                if contained is not None:
                    admin1[i], how[i] = contained, "contains"
                elif capitals:
                    admin1[i], how[i] = _nearest(capitals, d.latitude, d.longitude), "nearest"
        out.append(
            PlacedLocation(
                d.location,
                d.latitude,
                d.longitude,
                d.troops,
                admin1[i],
                cfg.region_group_of(admin1[i]),
                how[i],
            )
        )
    return out


def _strength(
    ws: Workspace, mission: str, year: int, strength: float | None, source: str | None
) -> tuple[float | None, str, str | None]:
    """(troop strength, how it is known, warning) for scaling Geo-PKO shares."""
    from peaceops.mandates.facts import ceiling_in_force
    from peaceops.mandates.store import list_resolutions

    force = ceiling_in_force(mission, year, list_resolutions(ws, mission))
    ceiling = force.ceiling.military if force is not None else None
    if strength is None:
        if force is None or ceiling is None:
            return None, "", None
        return float(ceiling), f"authorised ceiling ({force.citation()})", None
    if strength <= 0:
        raise InputError(f"strength {strength:g} must be a positive number of troops")
    if not (source or "").strip():
        raise InputError(
            "a deployed strength needs its source (where the figure comes from)",
            field="strength_source",
        )
    warning = None
    if ceiling is not None and strength > ceiling:
        warning = (
            f"Warning: the stated strength of {strength:,.0f} troops is above the authorised "
            f"ceiling of {ceiling:,} ({force.citation() if force else ''})."
        )
    return float(strength), f"deployed figure from {str(source).strip()}", warning


def alignment(
    ws: Workspace,
    mission: str,
    year: int,
    deployments_csv: Path | None = None,
    *,
    strength: float | None = None,
    strength_source: str | None = None,
    loaded: tuple[DeploymentTable, str] | None = None,
) -> AlignmentResult:
    """Troop shares (Geo-PKO) against civilian-fatality shares (events) by region group.

    Geo-PKO gives where troops are, not how many: its location estimates are used as shares
    and scaled to a stated strength, the authorised ceiling in force in ``year`` (mission facts
    file, or a stored text's ceiling) or ``strength`` with its ``strength_source``. Without
    either, troops stay Geo-PKO's estimates and a note says they are not a count.

    Deployments come from ``deployments_csv`` (a Geo-PKO FrontMap file) or, when None, from
    the workspace (``peaceops plan import-deployments``). Civilian fatalities come from the
    events in the workspace for the same calendar year; without events the fatality columns
    are None and a note says so. ``loaded`` is the result of ``load_deployments`` when the
    caller has already read them.
    """
    table, dep_source = loaded or load_deployments(ws, deployments_csv)
    deps = table.for_mission(mission, year)
    if not deps:
        years = table.years(mission)
        hint = f"; years with data: {years[0]}-{years[-1]}" if years else ""
        raise NotFoundError(f"no {mission} deployments in {year} in {table.file_name}{hint}")
    stated, basis, warning = _strength(ws, mission, year, strength, strength_source)
    estimate = sum(d.troops for d in deps) or 1.0
    placed = place_locations(ws, deps)
    if stated is not None:
        scale = stated / estimate
        placed = [replace(p, troops=float(round(p.troops * scale))) for p in placed]
        first = (
            f"Troops: Geo-PKO location estimates (summing to {estimate:,.0f}) used as shares "
            f"of a strength of {stated:,.0f}: {basis}."
        )
    else:
        first = (
            f"Troops: Geo-PKO yearly average per location (unit-size estimates from UN "
            f"deployment maps, summing to {estimate:,.0f}); no authorised ceiling is known for "
            f"{mission} in {year} and no strength was given, so these are estimates, not a count."
        )
    troops: dict[str, float] = {}
    for p in placed:
        key = p.region or "unplaced"
        troops[key] = troops.get(key, 0.0) + p.troops
    total = sum(troops.values()) or 1.0
    notes = [
        first,
        *([warning] if warning else []),
        "Placement of locations: "
        + ", ".join(
            f"{h} {sum(p.placement == h for p in placed)}"
            for h in dict.fromkeys(p.placement for p in placed)
        ),
    ]
    sources = [dep_source]
    fatalities: dict[str, int] | None = None
    try:
        from peaceops.events.analysis import series

        df = series(
            ws,
            by="year",
            group="region",
            civilian=True,
            start=date(year, 1, 1),
            end=date(year, 12, 31),
        )
        fatalities = {}
        for row in df.iter_rows(named=True):
            key = str(row["region"]) if row["region"] else "unplaced"
            fatalities[key] = fatalities.get(key, 0) + int(row["fatalities"])
        sources += [d.cite() for d in ws.datasets("events")][-1:]
        notes.append(f"Civilian fatalities: events targeting civilians in {year}.")
    except (NotFoundError, ImportError):
        notes.append("No events in the workspace: civilian fatality shares are not shown.")
    except InputError as exc:
        notes.append(f"Civilian fatalities not available: {exc}")
    regions = list(ws.config.region_groups) + sorted(
        k for k in set(troops) | set(fatalities or {}) if k not in ws.config.region_groups
    )
    fat_total = sum((fatalities or {}).values())
    rows = []
    for r in regions:
        if r not in troops and not (fatalities or {}).get(r):
            continue
        f = (fatalities or {}).get(r, 0) if fatalities is not None else None
        rows.append(
            AlignmentRow(
                r,
                troops.get(r, 0.0),
                troops.get(r, 0.0) / total,
                f,
                (f / fat_total if fat_total else 0.0) if f is not None else None,
            )
        )
    return AlignmentResult(
        mission,
        year,
        tuple(rows),
        tuple(placed),
        tuple(dict.fromkeys(sources)),
        tuple(notes),
        stated,
        basis,
    )
