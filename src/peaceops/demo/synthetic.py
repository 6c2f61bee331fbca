"""A generator of realistic, clearly synthetic ACLED-format CSV files for a Mali-like country.

Used by the tests, the benchmarks and the demo when the real data is absent. Nothing here is
real: dates, places, actors and fatalities are drawn from simple distributions chosen to look
like an ACLED export (event types with their sub-types, actors with inter codes, admin names,
coordinates inside the country, fatalities with a heavy tail, notes). The same seed gives the
same file.

The writer can also produce the quirks users' files have (byte-order mark, Latin-1,
semicolons, CRLF line ends) and bad rows that the importer must set aside; ``SyntheticFile``
says which lines are bad and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

__all__ = ["ACLED_COLUMNS", "REGIONS", "SyntheticFile", "generate_events", "write_acled_csv"]

# Current ACLED export columns.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

# admin1 name: (lon, lat, spread in degrees, group, admin2 names, places)
REGIONS: dict[str, tuple[float, float, float, str, tuple[str, ...], tuple[str, ...]]] = {
    "Kayes": (-10.6, 14.2, 0.5, "south", ("Kayes", "Bafoulabe", "Kita", "Nioro"),
              ("Kayes", "Kita", "Nioro du Sahel", "Diéma")),
    "Koulikoro": (-7.4, 13.4, 0.5, "south", ("Koulikoro", "Kati", "Banamba", "Nara"),
                  ("Koulikoro", "Kati", "Banamba", "Nara")),
    "Sikasso": (-6.2, 11.6, 0.4, "south", ("Sikasso", "Bougouni", "Koutiala"),
                ("Sikasso", "Bougouni", "Koutiala", "Kadiolo")),
    "Bamako": (-7.99, 12.63, 0.03, "south", ("Bamako",), ("Bamako", "Kalaban Coura")),
    "Segou": (-5.7, 13.9, 0.45, "centre", ("Segou", "Niono", "Macina", "San"),
              ("Ségou", "Niono", "Macina", "Diabaly", "Dogofry")),
    "Mopti": (-3.6, 14.5, 0.45, "centre",
              ("Mopti", "Bandiagara", "Bankass", "Djenne", "Douentza", "Koro", "Tenenkou"),
              ("Mopti", "Sévaré", "Djenné", "Bandiagara", "Douentza", "Boni", "Ogossagou")),
    "Tombouctou": (-3.0, 16.6, 0.5, "north", ("Tombouctou", "Dire", "Goundam", "Niafunke"),
                   ("Tombouctou", "Goundam", "Léré", "Bér", "Niafunké")),
    "Gao": (-0.3, 16.2, 0.4, "north", ("Gao", "Ansongo", "Bourem"),
            ("Gao", "Ansongo", "Bourem", "Tessit")),
    "Kidal": (1.3, 19.2, 0.5, "north", ("Kidal", "Tessalit", "Abeibara"),
              ("Kidal", "Aguelhok", "Tessalit", "Anéfis")),
    "Menaka": (2.4, 15.9, 0.35, "north", ("Menaka", "Anderamboukane"),
               ("Ménaka", "Anderamboukane", "Inékar")),
}  # fmt: skip

# event type: (disorder type, sub-event types, actor1 pool, actor2 pool, fatality scale)
_TYPES: dict[str, tuple[str, tuple[str, ...], tuple[int, ...], tuple[int, ...], float]] = {
    "Battles": ("Political violence",
                ("Armed clash", "Government regains territory",
                 "Non-state actor overtakes territory"), (0, 1, 2, 3, 4, 9), (0, 1, 2, 3, 4, 9),
                6.0),
    "Violence against civilians": ("Political violence",
                                   ("Attack", "Abduction/forced disappearance",
                                    "Sexual violence"), (0, 1, 2, 3, 4), (7,), 4.0),
    "Explosions/Remote violence": ("Political violence",
                                   ("Remote explosive/landmine/IED",
                                    "Shelling/artillery/missile attack", "Air/drone strike"),
                                   (0, 1, 2, 10), (0, 7, 9, 10), 3.0),
    "Riots": ("Demonstrations", ("Violent demonstration", "Mob violence"), (5,), (7, 0), 0.3),
    "Protests": ("Demonstrations", ("Peaceful protest", "Protest with intervention"), (6,),
                 (-1,), 0.0),
    "Strategic developments": ("Strategic developments",
                               ("Looting/property destruction", "Arrests", "Other"),
                               (0, 1, 2, 4), (-1, 7), 0.0),
}  # fmt: skip
_TYPE_WEIGHTS = (0.33, 0.27, 0.14, 0.04, 0.10, 0.12)

# actor name, inter code
_ACTORS: tuple[tuple[str, int], ...] = (
    ("Military Forces of Mali", 1),
    ("JNIM: Group for Support of Islam and Muslims", 2),
    ("Islamic State (Sahel)", 2),
    ("GATIA: Imghad Tuareg and Allies Self-Defense Group", 3),
    ("Dan Na Ambassagou", 4),
    ("Rioters (Mali)", 5),
    ("Protesters (Mali)", 6),
    ("Civilians (Mali)", 7),
    ("Unidentified Armed Group (Mali)", 3),
    ("MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali", 8),
    ("Military Forces of France", 8),
)

_GROUP_SHARE = {  # share of events per region group, drifting from north to centre
    "north": (0.75, 0.30),
    "centre": (0.15, 0.55),
    "south": (0.10, 0.15),
}


@dataclass(frozen=True)
class SyntheticFile:
    """A generated file, its number of data rows and the lines that must be set aside."""

    path: Path
    rows: int
    bad_lines: dict[int, str] = field(default_factory=dict)


def _region_probs(years: np.ndarray, first: int, last: int) -> tuple[list[str], np.ndarray]:
    names = list(REGIONS)
    t = (years - first) / max(1, last - first)
    cols = []
    for name in names:
        group = REGIONS[name][3]
        members = sum(1 for r in REGIONS.values() if r[3] == group)
        a, b = _GROUP_SHARE[group]
        cols.append((a + (b - a) * t) / members)
    probs = np.stack(cols, axis=1)
    return names, probs / probs.sum(axis=1, keepdims=True)


def _pick_within(
    rng: np.random.Generator, group_idx: np.ndarray, options: list[tuple[str, ...]]
) -> tuple[np.ndarray, list[str]]:
    """A random option of each row's group, as an index into the flattened option list."""
    flat = [o for opts in options for o in opts]
    starts = np.cumsum([0] + [len(o) for o in options])[:-1]
    sizes = np.array([len(o) for o in options])
    idx = starts[group_idx] + rng.integers(0, 1 << 30, group_idx.size) % sizes[group_idx]
    return idx, flat


def generate_events(
    rows: int, seed: int = 1, *, first_year: int = 2012, last_year: int = 2023
) -> pl.DataFrame:
    """``rows`` synthetic events in ACLED's current export columns, sorted by date."""
    rng = np.random.default_rng(seed)
    start = date(first_year, 1, 1).toordinal()
    end = date(last_year, 12, 31).toordinal()
    # more events in later years: the density grows with time
    days = np.sort(start + ((end - start) * rng.random(rows) ** (1 / 1.6)).astype(np.int64))
    epoch = date(1970, 1, 1).toordinal()
    event_date = (days - epoch).astype("datetime64[D]")
    years = event_date.astype("datetime64[Y]").astype(np.int64) + 1970

    names, probs = _region_probs(years, first_year, last_year)
    cum = probs.cumsum(axis=1)
    region_idx = (rng.random((rows, 1)) > cum).sum(axis=1).clip(0, len(names) - 1)
    lon0 = np.array([REGIONS[n][0] for n in names])[region_idx]
    lat0 = np.array([REGIONS[n][1] for n in names])[region_idx]
    spread = np.array([REGIONS[n][2] for n in names])[region_idx]
    lon = np.round(lon0 + rng.normal(0, 1, rows) * spread, 4)
    lat = np.round(lat0 + rng.normal(0, 1, rows) * spread * 0.7, 4)
    admin2_idx = _pick_within(rng, region_idx, [REGIONS[n][4] for n in names])
    place_idx = _pick_within(rng, region_idx, [REGIONS[n][5] for n in names])

    type_names = list(_TYPES)
    type_idx = rng.choice(len(type_names), size=rows, p=_TYPE_WEIGHTS)
    subs_all = [s for t in type_names for s in _TYPES[t][1]]
    sub_idx = np.zeros(rows, dtype=np.int64)
    a1 = np.zeros(rows, dtype=np.int64)
    a2 = np.zeros(rows, dtype=np.int64)
    fat = np.zeros(rows, dtype=np.int64)
    offset = 0
    for t, name in enumerate(type_names):
        _dis, subs, pool1, pool2, scale = _TYPES[name]
        sel = np.nonzero(type_idx == t)[0]
        sub_idx[sel] = offset + rng.integers(0, len(subs), sel.size)
        offset += len(subs)
        a1[sel] = np.array(pool1)[rng.integers(0, len(pool1), sel.size)]
        a2[sel] = np.array(pool2)[rng.integers(0, len(pool2), sel.size)]
        if scale > 0:
            # heavy tail: most events kill few, a handful kill dozens
            fat[sel] = np.floor(rng.pareto(1.6, sel.size) * scale * rng.random(sel.size))
    fat = fat.clip(0, 400)
    actor_inter = np.array([a[1] for a in _ACTORS] + [0])
    inter1 = actor_inter[a1]
    inter2 = actor_inter[a2]
    civ = (inter2 == 7) & np.isin(type_idx, [1, 2])
    interaction = np.where(
        inter2 > 0, np.minimum(inter1, inter2) * 10 + np.maximum(inter1, inter2), inter1 * 10
    )
    ids = np.arange(1, rows + 1)

    def lookup(values: Sequence[str | None], idx: np.ndarray) -> pl.Series:
        return pl.Series(values, dtype=pl.String).gather(pl.Series(idx.astype(np.int64)))

    actor_names: list[str | None] = [a[0] for a in _ACTORS] + [None]
    a2 = np.where(a2 < 0, len(_ACTORS), a2)
    df = pl.DataFrame(
        {
            "event_id_cnty": pl.Series(ids).cast(pl.String),
            "event_date": pl.Series(event_date).cast(pl.Date).dt.strftime("%Y-%m-%d"),
            "year": years,
            "time_precision": rng.choice([1, 1, 1, 2, 3], rows),
            "disorder_type": lookup([_TYPES[t][0] for t in type_names], type_idx),
            "event_type": lookup(type_names, type_idx),
            "sub_event_type": lookup(subs_all, sub_idx),
            "actor1": lookup(actor_names, a1),
            "assoc_actor_1": lookup([None, "Dozo Communal Militia"], rng.random(rows) < 0.1),
            "inter1": inter1,
            "actor2": lookup(actor_names, a2),
            "assoc_actor_2": lookup(
                [None, "Fulani Ethnic Group (Mali)"], civ & (rng.random(rows) < 0.3)
            ),
            "inter2": pl.Series(inter2).replace(0, None),
            "interaction": interaction,
            "civilian_targeting": lookup([None, "Civilian targeting"], civ),
            "iso": np.full(rows, 466),
            "region": pl.repeat("Western Africa", rows, eager=True),
            "country": pl.repeat("Mali", rows, eager=True),
            "admin1": lookup(names, region_idx),
            "admin2": lookup(admin2_idx[1], admin2_idx[0]),
            "admin3": pl.repeat(None, rows, dtype=pl.String, eager=True),
            "location": lookup(place_idx[1], place_idx[0]),
            "latitude": lat,
            "longitude": lon,
            "geo_precision": rng.choice([1, 1, 2, 3], rows),
            "source": lookup(
                ["Le Republicain", "AFP", "MENASTREAM", "Studio Tamani"],
                rng.integers(0, 4, rows),
            ),
            "source_scale": lookup(
                ["National", "International", "New media"], rng.integers(0, 3, rows)
            ),
            "fatalities": fat,
            "tags": pl.repeat(None, rows, dtype=pl.String, eager=True),
            "timestamp": np.full(rows, 1_700_000_000) + (ids % 997),
        }
    ).with_columns(event_id_cnty="MLI" + pl.col("event_id_cnty"))
    df = df.with_columns(
        notes=pl.format(
            "SYNTHETIC. On {}, {} ({}) and {} clashed near {} ({}, {}). {} fatalities.",
            "event_date",
            "actor1",
            "sub_event_type",
            "actor2",
            "location",
            "admin2",
            "admin1",
            "fatalities",
        )
    )
    return df.select(ACLED_COLUMNS)


def _bad_rows(header: list[str]) -> list[tuple[dict[str, str], str]]:
    base = {
        "event_id_cnty": "MLIBAD1", "event_date": "2020-05-01", "year": "2020",
        "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Mali", "inter1": "1", "country": "Mali",
        "admin1": "Mopti", "latitude": "14.5", "longitude": "-4.2", "fatalities": "2",
        "notes": "SYNTHETIC bad row", "timestamp": "1700000000",
    }  # fmt: skip
    cases = [
        ({"event_id_cnty": "MLIBAD1", "event_date": "2020-13-45"}, "bad or missing date"),
        ({"event_id_cnty": "MLIBAD2", "latitude": "95.0"}, "latitude outside -90..90"),
        ({"event_id_cnty": "MLIBAD3", "fatalities": "many"}, "fatalities is not"),
        ({"event_id_cnty": ""}, "missing event id"),
        ({"event_id_cnty": "MLIBAD5", "latitude": "48.85", "longitude": "2.35"}, "far outside"),
    ]
    out = []
    for change, reason in cases:
        row = {k: "" for k in header}
        row.update({k: v for k, v in base.items() if k in row})
        row.update(change)
        out.append((row, reason))
    return out


def write_acled_csv(
    path: Path | str,
    rows: int,
    seed: int = 1,
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    crlf: bool = False,
    bad_rows: bool = False,
    truncate_last: bool = False,
    legacy: bool = False,
    first_year: int = 2012,
    last_year: int = 2023,
) -> SyntheticFile:
    """Write a synthetic ACLED export.

    ``encoding`` is ``utf-8``, ``utf-8-sig`` (with BOM) or ``latin-1``. ``legacy`` writes an
    older export: no ``civilian_targeting``/``disorder_type`` and an unnamed pandas index as
    first column. ``bad_rows`` mixes in five invalid rows; ``truncate_last`` cuts the last
    line in the middle of its notes.
    """
    out = Path(path)
    df = generate_events(rows, seed, first_year=first_year, last_year=last_year)
    if legacy:
        df = df.drop("civilian_targeting", "disorder_type", "tags")
        df = df.with_row_index("").with_columns(pl.col("").cast(pl.Int64))
    bad: dict[int, str] = {}
    if bad_rows:
        header = df.columns
        extra = _bad_rows(header)
        step = max(1, df.height // (len(extra) + 1))
        parts = []
        pos = 0
        for i, (row, _reason) in enumerate(extra):
            cut = min(df.height, step * (i + 1))
            parts.append(df.slice(pos, cut - pos).cast(pl.String))
            parts.append(pl.DataFrame({k: [row[k]] for k in header}).cast(pl.String))
            pos = cut
        parts.append(df.slice(pos).cast(pl.String))
        df = pl.concat(parts)
        # header is line 1, so data row i (0-based) is on line i + 2
        ids = df.get_column("event_id_cnty").to_list()
        for row, reason in extra:
            want = row["event_id_cnty"] or None
            line = next(i + 2 for i, v in enumerate(ids) if (v or None) == want)
            bad[line] = reason
    eol = "\r\n" if crlf else "\n"
    n = df.height
    df.write_csv(out, separator=delimiter, line_terminator=eol, quote_style="necessary")
    if truncate_last or encoding != "utf-8":
        data = out.read_bytes()
        if truncate_last:
            body = data[: -len(eol)]
            last_start = body.rfind(eol.encode()) + len(eol)
            data = data[: last_start + (len(body) - last_start) * 2 // 3]
            bad[n + 1] = "malformed line"
        if encoding == "latin-1":
            data = data.decode("utf-8").encode("latin-1", errors="replace")
        elif encoding == "utf-8-sig":
            data = b"\xef\xbb\xbf" + data
        out.write_bytes(data)
    return SyntheticFile(out, n, bad)
