"""Row validation as SQL: the first reason an event row is set aside, NULL when it passes.

The checks run inside the mapping's single scan of the file (``source_mapping``), so a million
rows are checked without a Python loop.
"""

from __future__ import annotations

from datetime import date, timedelta

from peaceops.sqltext import sql_literal

__all__ = [
    "BBOX_MARGIN",
    "DUPLICATE_REASON",
    "FIRST_DATE",
    "MAX_FATALITIES",
    "checks_sql",
    "country_ok_sql",
    "date_sql",
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
    bbox: tuple[float, float, float, float] | None,
) -> str:
    """A CASE giving the first reason a row is set aside, NULL when it passes."""
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
    if bbox is not None:
        x0, y0, x1, y1 = bbox
        m = BBOX_MARGIN
        whens.append(
            (
                f"{lon} NOT BETWEEN {x0 - m} AND {x1 + m} "
                f"OR {lat} NOT BETWEEN {y0 - m} AND {y1 + m}",
                "coordinates far outside the country",
            )
        )
    whens.append((f"NOT ({country_ok})", "event in another country"))
    body = " ".join(f"WHEN {cond} THEN {sql_literal(reason)}" for cond, reason in whens)
    return f"CASE {body} ELSE NULL END"


def country_ok_sql(country: str, iso3: str | None, ws_country: str, ws_country_name: str) -> str:
    if not ws_country:
        return "true"
    tests = [f"{country} IS NULL"]
    if ws_country_name:
        tests.append(f"lower({country}) = {sql_literal(ws_country_name.lower())}")
    tests.append(f"upper({country}) = {sql_literal(ws_country.upper())}")
    if iso3 is not None:
        tests.append(f"upper({iso3}) = {sql_literal(ws_country.upper())}")
    return " OR ".join(f"({t})" for t in tests)
