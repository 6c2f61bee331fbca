"""Synthetic ACLED-format events for Mali, Burkina Faso and Niger in one export, as ACLED gives
a regional download; for tests and benchmarks of multi-country workspaces.

Mali's events come from ``synthetic.generate_events``; those of Burkina Faso and Niger are
drawn the same way and moved to made-up places in a few of their regions (coordinates around
each region's centre, ACLED's spelling of the names, with accents on some rows as other
sources write them). Nothing here is real.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

from peaceops.demo.synthetic import ACLED_COLUMNS, generate_events

__all__ = ["SAHEL_COUNTRIES", "generate_sahel_events", "write_sahel_acled_csv"]

# ISO3: (name, ISO numeric code, {admin1 as ACLED writes it: (lon, lat, spread, other spelling)})
SAHEL_COUNTRIES: dict[str, tuple[str, int, dict[str, tuple[float, float, float, str]]]] = {
    "BFA": ("Burkina Faso", 854, {
        "Sahel": (-0.3, 14.0, 0.35, "Sahel"),
        "Nord": (-2.4, 13.5, 0.25, "Nord"),
        "Centre-Nord": (-1.1, 13.2, 0.25, "Centre Nord"),
        "Est": (0.8, 12.0, 0.4, "Est"),
        "Boucle du Mouhoun": (-3.6, 12.3, 0.3, "Boucle du Mouhoun"),
        "Plateau-Central": (-1.0, 12.6, 0.15, "Plateau Central"),
        "Centre": (-1.53, 12.37, 0.04, "Centre"),
    }),
    "NER": ("Niger", 562, {
        "Tillaberi": (1.5, 14.2, 0.4, "Tillabéri"),
        "Tahoua": (5.3, 15.0, 0.5, "Tahoua"),
        "Diffa": (12.6, 13.3, 0.35, "Diffa"),
        "Maradi": (7.1, 13.5, 0.25, "Maradi"),
        "Niamey": (2.11, 13.51, 0.03, "Niamey"),
    }),
}  # fmt: skip


def _move(df: pl.DataFrame, iso3: str, seed: int) -> pl.DataFrame:
    """Mali-like events moved to ``iso3``'s regions (new ids, country, places)."""
    name, numeric, regions = SAHEL_COUNTRIES[iso3]
    rng = np.random.default_rng(seed)
    n = df.height
    names = list(regions)
    idx = rng.integers(0, len(names), n)
    centre = np.array([regions[r][:3] for r in names])[idx]
    lon = np.round(centre[:, 0] + rng.normal(0, 1, n) * centre[:, 2], 4)
    lat = np.round(centre[:, 1] + rng.normal(0, 1, n) * centre[:, 2] * 0.7, 4)
    # one row in five spells its region as other sources do (accents, no hyphen)
    other = rng.random(n) < 0.2
    spelled = [regions[r][3] if o else r for r, o in zip(np.array(names)[idx], other, strict=True)]
    return df.with_columns(
        event_id_cnty=pl.lit(iso3) + pl.col("event_id_cnty").str.slice(3),
        iso=pl.lit(numeric, dtype=pl.Int64),
        country=pl.lit(name),
        admin1=pl.Series(spelled, dtype=pl.String),
        admin2=pl.lit(None, dtype=pl.String),
        location=pl.Series([f"Place {i % 40}" for i in range(n)], dtype=pl.String),
        latitude=pl.Series(lat),
        longitude=pl.Series(lon),
    )


def generate_sahel_events(
    rows: int, seed: int = 1, *, outside: int = 0, first_year: int = 2012, last_year: int = 2023
) -> pl.DataFrame:
    """``rows`` events in each of Mali, Burkina Faso and Niger (ids MLI.., BFA.., NER..), and
    ``outside`` events in Chad, which a Sahel workspace must set aside."""
    years = {"first_year": first_year, "last_year": last_year}
    parts = [generate_events(rows, seed, **years)]
    for k, iso3 in enumerate(SAHEL_COUNTRIES, start=1):
        parts.append(_move(generate_events(rows, seed + k, **years), iso3, seed + 10 * k))
    if outside:
        chad = generate_events(outside, seed + 99, **years).with_columns(
            event_id_cnty=pl.lit("TCD") + pl.col("event_id_cnty").str.slice(3),
            iso=pl.lit(148, dtype=pl.Int64),
            country=pl.lit("Chad"),
            admin1=pl.lit("Lac"),
            latitude=pl.lit(13.4, dtype=pl.Float64),
            longitude=pl.lit(14.3, dtype=pl.Float64),
        )
        parts.append(chad)
    return pl.concat(parts).sort("event_date", "event_id_cnty").select(ACLED_COLUMNS)


def write_sahel_acled_csv(
    path: Path | str, rows: int, seed: int = 1, *, outside: int = 0
) -> pl.DataFrame:
    """Write ``generate_sahel_events`` as an ACLED export and return the frame written."""
    df = generate_sahel_events(rows, seed, outside=outside)
    df.write_csv(Path(path))
    return df
