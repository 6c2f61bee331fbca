"""Read Geo-PKO deployment tables (``FrontMap``): troops by mission, year and location.

Geo-PKO codes one row per location per source map; a year has several maps, and the
column ``ave.no.troops`` already holds the location's average over that year's maps. A
location-year therefore counts once, with that average (falling back to the mean of
``NoTroops`` over its maps when the average is missing).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peaceops.errors import InputError

__all__ = [
    "GEOPKO_CITATION",
    "Deployment",
    "DeploymentTable",
    "RejectedRow",
    "capacity_from_geopko",
    "read_frontmap",
]

GEOPKO_CITATION = (
    "Geo-PKO v2.3: Cil, D., Fjelde, H., Hultman, L. & Nilsson, D. (2020). Mapping blue "
    "helmets: Introducing the Geocoded Peacekeeping Operations (Geo-PKO) dataset. Journal of "
    "Peace Research 57(2), 360-370"
)

_REQUIRED = ("mission", "year", "location", "latitude", "longitude", "NoTroops")


@dataclass(frozen=True)
class Deployment:
    """Average troops at one location in one year."""

    mission: str
    year: int
    location: str
    latitude: float
    longitude: float
    troops: float
    maps: int  # number of source maps the year's rows came from


@dataclass(frozen=True)
class RejectedRow:
    line: int
    reason: str


@dataclass(frozen=True)
class DeploymentTable:
    deployments: tuple[Deployment, ...]
    rows_read: int
    rejected: tuple[RejectedRow, ...]
    file_name: str

    def for_mission(self, mission: str, year: int | None = None) -> list[Deployment]:
        key = mission.strip().casefold()
        return [
            d
            for d in self.deployments
            if d.mission.casefold() == key and (year is None or d.year == year)
        ]

    def years(self, mission: str) -> list[int]:
        return sorted({d.year for d in self.for_mission(mission)})


def _float(value: str) -> float | None:
    v = value.strip()
    if v in ("", "NA", "NaN", "nan"):
        return None
    try:
        return float(v)
    except ValueError:
        return None


def read_frontmap(path: Path) -> DeploymentTable:
    """Read a Geo-PKO FrontMap CSV, setting aside invalid rows with their line number.

    Raises:
        InputError: the file is missing, unreadable or lacks the Geo-PKO columns.
    """
    if not path.is_file():
        raise InputError(f"deployments file {path} not found")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="latin-1")
    reader = csv.DictReader(io.StringIO(text))
    fields = reader.fieldnames or []
    missing = [c for c in _REQUIRED if c not in fields]
    if missing:
        raise InputError(
            f"{path.name}: not a Geo-PKO FrontMap table (missing columns: {', '.join(missing)})"
        )
    rejected: list[RejectedRow] = []
    groups: dict[tuple[str, int, str], dict[str, Any]] = {}
    rows = 0
    for line, row in enumerate(reader, start=2):
        rows += 1
        mission = (row.get("mission") or "").strip()
        location = (row.get("location") or "").strip()
        year_v = _float(row.get("year") or "")
        lat = _float(row.get("latitude") or "")
        lon = _float(row.get("longitude") or "")
        troops = _float(row.get("NoTroops") or "")
        avg = _float(row.get("ave.no.troops") or "")
        reason = None
        if not mission or not location:
            reason = "mission or location missing"
        elif year_v is None or not 1945 <= year_v <= 2100:
            reason = f"year {row.get('year')!r} invalid"
        elif lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            reason = f"coordinates {row.get('latitude')!r}, {row.get('longitude')!r} invalid"
        elif troops is None and avg is None:
            reason = "no troop number"
        elif (troops is not None and troops < 0) or (avg is not None and avg < 0):
            reason = "negative troop number"
        if reason is not None:
            rejected.append(RejectedRow(line, reason))
            continue
        assert year_v is not None and lat is not None and lon is not None
        key = (mission, int(year_v), location)
        g = groups.setdefault(key, {"lat": lat, "lon": lon, "troops": [], "avg": []})
        if troops is not None:
            g["troops"].append(troops)
        if avg is not None:
            g["avg"].append(avg)
    deployments = []
    for (mission, year, location), g in groups.items():
        if g["avg"]:
            value = max(set(g["avg"]), key=g["avg"].count)  # the year's coded average
        else:
            value = sum(g["troops"]) / len(g["troops"])
        deployments.append(
            Deployment(mission, year, location, g["lat"], g["lon"], value, max(len(g["troops"]), 1))
        )
    deployments.sort(key=lambda d: (d.mission, d.year, d.location))
    return DeploymentTable(tuple(deployments), rows, tuple(rejected), path.name)


def _strength(spec: Mapping[str, Any], mission: str, year: int) -> tuple[float, str, str | None]:
    """The troop strength for ``year``: (figure, how it is known, warning or None)."""
    from peaceops.mandates.facts import ceiling_in_force

    force = ceiling_in_force(mission, year)
    ceiling = force.ceiling.military if force is not None else None
    stated = spec.get("strength", "ceiling")
    if stated == "ceiling":
        if force is None or ceiling is None:
            raise InputError(
                f"no authorised ceiling known for {mission} in {year}: give 'strength' (a "
                "deployed figure) and 'strength_source' (where the figure comes from)"
            )
        return float(ceiling), f"authorised ceiling, {force.citation()}", None
    if isinstance(stated, bool) or not isinstance(stated, (int, float)) or stated <= 0:
        raise InputError(f"strength {stated!r} must be 'ceiling' or a number of troops")
    source = str(spec.get("strength_source") or "").strip()
    if not source:
        raise InputError(
            f"strength {stated:,} needs 'strength_source': where the deployed figure comes from"
        )
    warning = None
    if ceiling is not None and stated > ceiling:
        warning = (
            f"Warning: the stated strength of {stated:,.0f} troops is above the authorised "
            f"ceiling of {ceiling:,} in {year} ({force.citation() if force else ''})"
        )
    return float(stated), f"deployed figure from {source}", warning


def capacity_from_geopko(
    spec: Any, phases: int, deployments_csv: Path
) -> tuple[tuple[float, ...], str]:
    """Troop capacity per phase from a plan's ``geopko`` block, and a note saying how.

    Geo-PKO says where troops are, not how many: its location estimates add up to more than
    a mission ever had. Capacity therefore rests on a stated strength per year: the
    authorised ceiling in force (``strength: ceiling``, the default, from the mission facts
    file) or a deployed figure the planner gives with its source (``strength: 11500``,
    ``strength_source: "..."``). The block names ``mission`` and ``year`` (or ``years``: one
    per phase, the last one repeated) and optionally ``fraction`` (share of the strength
    available for the tasks planned, e.g. 0.8 when a fifth guards camps). The Geo-PKO table
    must cover the years (its shares place the troops on the alignment page). Capacity is
    rounded down to 10 troops. A stated strength above the ceiling gives a warning note.
    """
    if not isinstance(spec, Mapping) or not spec.get("mission"):
        raise InputError("give 'mission' and 'year' (or 'years')")
    mission = str(spec["mission"])
    years_raw = spec.get("years") or ([spec["year"]] if spec.get("year") is not None else [])
    if not years_raw or not all(isinstance(y, int) for y in years_raw):
        raise InputError("give 'year' or 'years' as whole numbers")
    fraction = spec.get("fraction", 1.0)
    if not isinstance(fraction, (int, float)) or not 0 <= fraction <= 1:
        raise InputError(f"fraction {fraction!r} must be between 0 and 1")
    table = read_frontmap(deployments_csv)
    estimates: dict[int, float] = {}
    strength: dict[int, tuple[float, str, str | None]] = {}
    for y in years_raw:
        deps = table.for_mission(mission, y)
        if not deps:
            known = table.years(mission)
            raise InputError(
                f"no {mission} deployments in {y} in {deployments_csv.name}"
                + (f" (years: {known[0]}-{known[-1]})" if known else "")
            )
        estimates[y] = sum(d.troops for d in deps)
        strength[y] = _strength(spec, mission, y)
    years = [int(y) for y in years_raw]
    values = []
    for phase in range(phases):
        y = years[min(phase, len(years) - 1)]
        values.append(float(int(strength[y][0] * float(fraction)) // 10 * 10))
    span = "; ".join(f"{y}: {strength[y][0]:,.0f} ({strength[y][1]})" for y in dict.fromkeys(years))
    sums = ", ".join(f"{y}: {estimates[y]:,.0f}" for y in dict.fromkeys(years))
    note = (
        f"Troop capacity: {mission} strength {span} x {float(fraction):g} available for the "
        f"planned tasks. Geo-PKO location estimates (summing to {sums}) give where troops "
        "are, not how many."
    )
    warnings = list(dict.fromkeys(w for _, _, w in strength.values() if w))
    return tuple(values), " ".join([note, *warnings])
