"""The context page's filters: read as typed, checked, and clamped to the data's range.

``parse_filters`` reads the query string (no workspace needed: formats and choices);
``check_filters`` then holds them against the workspace: the period is clamped to the first
and last event (with a note saying so), a period wholly outside the data is an error, and a
region, event type or actor that is not in the data is an error. A filter in error is left
out, so the page still shows something; pages answer 400 when there is any error.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from peaceops.errors import InputError
from peaceops.geo.names import fold_name
from peaceops.period import KINDS, parse_day
from peaceops.workspace import Workspace

__all__ = [
    "MAX_ACTOR_LENGTH",
    "PERIODS",
    "ContextFilters",
    "FilterOptions",
    "check_filters",
    "filter_options",
    "parse_filters",
]

PERIODS = KINDS
MAX_ACTOR_LENGTH = 100
# More monthly periods than this make a chart no one can read and a page of megabytes.
MAX_PERIODS = 120


@dataclass(frozen=True)
class ContextFilters:
    """The page's GET form: what was entered (kept as typed), what it means, what is wrong."""

    raw: dict[str, str]
    start: date | None = None
    end: date | None = None
    by: str = "year"
    region: str = ""
    event_type: str = ""
    actor: str = ""
    level: int = 1  # admin level of the map
    errors: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def narrowed(self) -> bool:
        """True when a region, event type or actor narrows the events (not only the period)."""
        return bool(self.region or self.event_type or self.actor)

    def as_dict(self) -> dict[str, Any]:  # this typed view's one JSON shaper
        return {
            "from": self.start,
            "to": self.end,
            "by": self.by,
            "region": self.region or None,
            "event_type": self.event_type or None,
            "actor": self.actor or None,
        }

    def key(self) -> tuple[Any, ...]:
        """What the figures depend on (for caches)."""
        return (self.start, self.end, self.by, self.region, self.event_type, self.actor, self.level)


def parse_filters(
    start: str | None,
    end: str | None,
    by: str | None,
    region: str | None,
    event_type: str | None,
    level: str | None = None,
    actor: str | None = None,
) -> ContextFilters:
    """Formats and choices only; see ``check_filters`` for the workspace's data."""
    raw = {
        "from": (start or "")[:40],
        "to": (end or "")[:40],
        "by": (by or "year")[:20],
        "region": (region or "")[:200],
        "event_type": (event_type or "")[:200],
        "actor": (actor or "")[: MAX_ACTOR_LENGTH + 1],
        "level": (level or "1")[:5],
    }
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for key, is_end in (("from", False), ("to", True)):
        try:
            values[key] = parse_day(raw[key], end=is_end)
        except InputError as exc:
            errors[key] = str(exc)
            values[key] = None
    if values["from"] and values["to"] and values["from"] > values["to"]:
        errors["to"] = "The end of the period is before its start."
        values["to"] = None
    period = raw["by"]
    if period not in PERIODS:
        errors["by"] = f"Choose one of: {', '.join(PERIODS)}."
        period = "year"
    map_level = 1
    if raw["level"] in ("1", "2"):
        map_level = int(raw["level"])
    else:
        errors["level"] = "Choose 1 (regions) or 2 (cercles)."
    actor_text = raw["actor"].strip()
    if len(actor_text) > MAX_ACTOR_LENGTH:
        errors["actor"] = f"At most {MAX_ACTOR_LENGTH} characters."
        actor_text = ""
    return ContextFilters(
        raw=raw,
        level=map_level,
        start=values["from"],
        end=values["to"],
        by=period,
        region=raw["region"].strip(),
        event_type=raw["event_type"].strip(),
        actor=actor_text,
        errors=errors,
    )


@dataclass(frozen=True)
class FilterOptions:
    """The choices the data allows: region groups, admin1 areas, event types, map levels and,
    in a workspace of several countries, the countries."""

    first: date
    last: date
    regions: tuple[str, ...]
    admin1: tuple[str, ...]
    event_types: tuple[str, ...]
    levels: tuple[int, ...]
    countries: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:  # this typed view's one JSON shaper
        return {
            "first": self.first,
            "last": self.last,
            "regions": list(self.regions),
            "admin1": list(self.admin1),
            "event_types": list(self.event_types),
            "levels": list(self.levels),
            "countries": list(self.countries),
        }


def filter_options(ws: Workspace) -> FilterOptions | None:
    """What the filters may choose from in this workspace (None without events).

    Admin1 areas are those of the loaded level-1 boundaries when there are some (so an area
    the boundaries lack is never offered), else the admin1 names found in the events.
    """
    from peaceops.events.analysis import event_range
    from peaceops.events.facts import event_types_and_admin1

    span = event_range(ws)
    if span is None:
        return None
    types, names = event_types_and_admin1(ws)
    boundary_names = _boundary_names(ws)
    if boundary_names is not None:
        admin1 = sorted(boundary_names)
    else:
        admin1 = sorted({c for n in names if n and (c := ws.config.canonical_admin1(n) or n)})
    groups = [g for g in ws.config.region_groups]
    levels = tuple(n for n in (1, 2) if ws.current_file(f"boundaries/{n}") is not None)
    return FilterOptions(
        first=span[0],
        last=span[1],
        regions=tuple(groups),
        admin1=tuple(admin1),
        event_types=tuple(sorted(str(t) for t in types if t)),
        levels=levels,
        countries=tuple(e.name for e in ws.config.country_entries())
        if ws.config.several_countries
        else (),
    )


def _boundary_names(ws: Workspace) -> set[str] | None:
    path = ws.current_file("boundaries/1")
    if path is None:
        return None
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path, columns=["name"])
    except Exception:  # an older layout without "name": fall back to the events' names
        return None
    return {str(n) for n in table.column("name").to_pylist() if n}


def check_filters(f: ContextFilters, options: FilterOptions) -> ContextFilters:
    """Hold the filters against the data: clamp the period, refuse unknown choices."""
    errors = dict(f.errors)
    notes: dict[str, str] = {}
    start, end = f.start, f.end
    if start is not None and start > options.last:
        errors["from"] = f"{f.raw['from']} is after the last event ({options.last})."
        start = None
    elif start is not None and start < options.first:
        notes["from"] = f"The data starts on {options.first}: the period starts there."
        start = None
    if end is not None and end < options.first:
        errors["to"] = f"{f.raw['to']} is before the first event ({options.first})."
        end = None
    elif end is not None and end > options.last:
        notes["to"] = f"The data ends on {options.last}: the period ends there."
        end = None
    if start is not None and end is not None and start > end:
        errors["to"] = "The end of the period is before its start."
        end = None
    by = f.by
    first, last = start or options.first, end or options.last
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if by == "month" and months > MAX_PERIODS:
        errors["by"] = (
            f"{months} months are too many to show one by one (at most {MAX_PERIODS}): "
            "choose a shorter period, or quarters or years."
        )
        by = "year"
    region = f.region
    if region:
        known = {fold_name(r): r for r in (*options.regions, *options.admin1, *options.countries)}
        match = known.get(fold_name(region))
        if match is None:
            errors["region"] = (
                f"{region!r} is not a region group or an admin1 area of this workspace."
            )
            region = ""
        else:
            region = match
    event_type = f.event_type
    if event_type:
        types = {t.casefold(): t for t in options.event_types}
        match = types.get(event_type.casefold())
        if match is None:
            errors["event_type"] = (
                f"{event_type!r} is not an event type in the data "
                f"(types: {', '.join(options.event_types)})."
            )
            event_type = ""
        else:
            event_type = match
    level = f.level  # a level without boundaries: the map says which command adds them
    return replace(
        f,
        start=start,
        end=end,
        by=by,
        region=region,
        event_type=event_type,
        level=level,
        errors=errors,
        notes=notes,
    )
