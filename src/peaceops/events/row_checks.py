"""Row validation as SQL: the first reason an event row is set aside, NULL when it passes.

The checks run inside the mapping's single scan of the file (``source_mapping``), so a million
rows are checked without a Python loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from peaceops.config import CountryEntry
from peaceops.sqltext import sql_literal

__all__ = [
    "BBOX_MARGIN",
    "DUPLICATE_REASON",
    "FIRST_DATE",
    "MAX_FATALITIES",
    "checks_sql",
    "country_of_sql",
    "country_ok_sql",
    "date_sql",
    "inside_sql",
]

DUPLICATE_REASON = "duplicate event id (an earlier row has it)"

# Validation bounds
MAX_FATALITIES = 100_000
FIRST_DATE = date(1989, 1, 1)  # UCDP GED starts in 1989, ACLED later

# Margin around the country's bounding box before a point counts as "far outside" (degrees,
# about 110 km): border events are often geocoded just across the line.
BBOX_MARGIN = 1.0


def date_sql(text: str) -> str:
    formats = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%Y/%m/%d")
    tries = ", ".join(f"try_strptime({text}, {sql_literal(f)})" for f in formats)
    return f"CAST(coalesce({tries}) AS DATE)"


def checks_sql(
    *,
    ordered: bool,
    source_id: str,
    date: str,
    today: date,
    fatalities: list[tuple[str, str, bool]],
    lat: str,
    lon: str,
    lat_text: str,
    lon_text: str,
    country_ok: str,
    inside: str | None,
) -> str:
    """A CASE giving the first reason a row is set aside, NULL when it passes.

    ``country_ok`` and ``inside`` (None: no box to check) come from ``country_ok_sql`` and
    ``inside_sql``."""
    whens = [(f"{source_id} IS NULL", "missing event id")]
    if ordered:
        # (an unordered scan cannot tell which copy came first: the importer checks for
        # repeated ids afterwards and, if there are any, maps the file again in order)
        whens.append(
            (
                f"count(*) OVER (PARTITION BY {source_id} ORDER BY _row "
                "ROWS UNBOUNDED PRECEDING) > 1",
                DUPLICATE_REASON,
            )
        )
    latest = today + timedelta(days=1)
    whens += [
        (f"{date} IS NULL", "bad or missing date"),
        (f"{date} < DATE '{FIRST_DATE.isoformat()}'", f"date before {FIRST_DATE.isoformat()}"),
        (f"{date} > DATE '{latest.isoformat()}'", "date more than 1 day after the import date"),
    ]
    for expr, label, required in fatalities:
        if required:
            whens.append((f"{expr} IS NULL", f"{label} is empty"))
        whens += [
            (
                # whole numbers only ("3" or "3.0"): a cast alone would round "2.5" to 3
                f"{expr} IS NOT NULL AND NOT regexp_full_match({expr}, '[0-9]+(\\.0*)?')",
                f"{label} is not a whole number >= 0",
            ),
            (
                f"try_cast({expr} AS DOUBLE) > {MAX_FATALITIES}",
                f"{label} above {MAX_FATALITIES:,}",
            ),
        ]
    whens += [
        (f"{lat_text} IS NOT NULL AND {lat} IS NULL", "latitude is not a number"),
        (f"{lon_text} IS NOT NULL AND {lon} IS NULL", "longitude is not a number"),
        (f"({lat_text} IS NULL) <> ({lon_text} IS NULL)", "only one of latitude/longitude"),
        (f"{lat} NOT BETWEEN -90 AND 90", "latitude outside -90..90"),
        (f"{lon} NOT BETWEEN -180 AND 180", "longitude outside -180..180"),
    ]
    if inside is not None:
        whens.append((f"NOT ({inside})", "coordinates far outside the country"))
    whens.append((f"NOT ({country_ok})", "event in another country"))
    body = " ".join(f"WHEN {cond} THEN {sql_literal(reason)}" for cond, reason in whens)
    return f"CASE {body} ELSE NULL END"


def country_of_sql(country: str, iso3: str | None, countries: Sequence[CountryEntry]) -> str:
    """The ISO3 code of the workspace's country a row names (by ISO3 column, name or code in
    the country column), NULL when it names none of them."""
    if not countries:
        return "CAST(NULL AS VARCHAR)"
    whens = []
    for entry in countries:
        code = sql_literal(entry.iso3.upper())
        tests = [
            f"upper({country}) = {code}",
            f"lower({country}) = {sql_literal(entry.name.lower())}",
        ]
        if iso3 is not None:
            tests.insert(0, f"upper({iso3}) = {code}")
        whens.append(f"WHEN {' OR '.join(tests)} THEN {code}")
    return f"(CASE {' '.join(whens)} END)"


def country_ok_sql(country: str, country_of: str, countries: Sequence[CountryEntry]) -> str:
    """True when a row is in one of the workspace's countries (or says no country)."""
    if not countries:
        return "true"
    return f"{country} IS NULL OR {country_of} IS NOT NULL"


def _box(lat: str, lon: str, bbox: tuple[float, float, float, float] | None) -> str:
    if bbox is None:
        return "true"
    x0, y0, x1, y1 = bbox
    m = BBOX_MARGIN
    return f"({lon} BETWEEN {x0 - m} AND {x1 + m} AND {lat} BETWEEN {y0 - m} AND {y1 + m})"


def inside_sql(
    lat: str, lon: str, countries: Sequence[CountryEntry], country_of: str
) -> str | None:
    """True when a point is within its country's bounding box (plus ``BBOX_MARGIN``); for a
    row naming none of several countries, within the box around all of them. None when no
    country has a box."""
    boxes = [e.bbox for e in countries]
    if not any(b is not None for b in boxes):
        return None
    if len(countries) == 1:
        return _box(lat, lon, boxes[0])
    known = [b for b in boxes if b is not None]
    around = (
        min(b[0] for b in known),
        min(b[1] for b in known),
        max(b[2] for b in known),
        max(b[3] for b in known),
    )
    whens = " ".join(
        f"WHEN {sql_literal(e.iso3.upper())} THEN {_box(lat, lon, e.bbox)}" for e in countries
    )
    return f"CASE {country_of} {whens} ELSE {_box(lat, lon, around)} END"
