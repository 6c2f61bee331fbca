"""Mapping ACLED and UCDP GED exports onto the canonical event table, with row validation.

Each source is a SQL ``SELECT`` over the text table ``src`` (see ``csvfile.load_csv``) giving the
canonical columns plus ``_row`` (file order) and ``_reason`` (why the row is set aside, NULL when
it is accepted). Validation happens in the same pass, so a million rows are checked in one scan.

Civilian targeting
    ACLED: the ``civilian_targeting`` column when the export has it (value "Civilian
    targeting"); older exports lack it, so there an event targets civilians when its type is
    "Violence against civilians", or when it is "Explosions/Remote violence" and the second
    actor's inter code is 7 (civilians). Civilian fatalities are the event's fatalities when it
    targets civilians, else 0.
    UCDP GED: one-sided violence (``type_of_violence`` 3) targets civilians; civilian fatalities
    are ``deaths_civilians`` (for every violence type, since state-based and non-state fighting
    also kill civilians).

Actor categories
    ACLED inter codes 1-8 of older exports and the text types of newer ones ("Rebel group",
    "Rebel groups", "Communal militia"...) map to one vocabulary (``ACTOR_CATEGORIES``, through
    ``ACTOR_CATEGORY_TEXTS``); a text outside it is kept as given.
    UCDP: a side named "Government of ..." is State forces, "Civilians" is Civilians; otherwise
    the non-government side of state-based and one-sided violence is Rebel groups and the sides
    of non-state violence are Political militias.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from peaceops.config import CountryEntry
from peaceops.csvfile import INDEX_COLUMN
from peaceops.errors import InputError
from peaceops.events.row_checks import (
    checks_sql,
    country_of_sql,
    country_ok_sql,
    date_sql,
    inside_sql,
)
from peaceops.events.schema import ACTOR_CATEGORIES, ACTOR_CATEGORY_TEXTS
from peaceops.events.sources import (
    ACLED_KNOWN,
    ACLED_VERBATIM,
    UCDP_KNOWN,
    UCDP_VERBATIM,
    raw_fields,
)
from peaceops.sqltext import sql_identifier, sql_literal

__all__ = ["mapping_sql", "raw_json_sql"]

_TRIMMED = frozenset(
    ("event_id_cnty", "id", "event_date", "date_start", "latitude", "longitude", "fatalities",
     "best", "low", "high", "deaths_civilians", "type_of_violence", "country", "iso3",
     "admin1", "admin2", "admin3", "adm_1", "adm_2", "location", "where_coordinates",
     "civilian_targeting", "inter1", "inter2", "event_type")
)  # fmt: skip


class _Cols:
    def __init__(
        self, columns: Sequence[str], from_: str, ordered: bool, known: Sequence[str] = ()
    ) -> None:
        self.known = tuple(known)
        self.names = set(columns)
        self.columns = list(columns)
        self.from_ = from_
        self.ordered = ordered
        # file order is only known when reading from a materialised table
        self.row = "rowid" if ordered else "CAST(NULL AS BIGINT)"

    def __call__(self, name: str) -> str:
        """Text of a column, NULL for empty values or when the file lacks it.

        Ids, dates, numbers and place names are trimmed (they are matched and checked);
        other text is kept as written, which saves copying every string.
        """
        if name not in self.names:
            return "CAST(NULL AS VARCHAR)"
        if name in _TRIMMED:
            return sql_identifier(f"_t_{name}")  # trimmed once in _base
        return f"nullif({sql_identifier(name)}, '')"

    def trimmed(self) -> str:
        """The trimmed copies of the matched fields, for the innermost SELECT."""
        parts = [
            f"nullif(trim({sql_identifier(n)}), '') AS {sql_identifier(f'_t_{n}')}"
            for n in self.columns
            if n in _TRIMMED
        ]
        return ", ".join(parts) or "NULL AS _t_none"

    def long_text(self, name: str) -> str:
        """A long free-text column (notes): kept as written, only empty values become NULL."""
        if name in self.names:
            return f"nullif({sql_identifier(name)}, '')"
        return "CAST(NULL AS VARCHAR)"

    def raw_columns(self, verbatim: frozenset[str]) -> str:
        """``raw`` left empty plus the fields it is made of, passed through as ``_raw<i>``.

        Building the JSON inside the CSV scan is several times slower than building it from
        the scan's Arrow result, so ``raw_json_sql`` does it in a second step.
        """
        fields = raw_fields(self.columns, verbatim)
        passed = "".join(f", {sql_identifier(c)} AS _raw{i}" for i, c in enumerate(fields))
        return "CAST(NULL AS VARCHAR) AS raw" + passed

    def row_hash(self) -> str:
        """A hash of the source's documented fields the file has, in the documented order
        (so neither column order nor added columns change it), to detect revised events."""
        fields = [c for c in self.known if c in self.names]
        if not fields:  # pragma: no cover - required columns are always known
            fields = [c for c in self.columns if c != INDEX_COLUMN]
        return f"CAST(hash({', '.join(sql_identifier(c) for c in fields)}) AS VARCHAR)"


def _category_sql(inter: str) -> str:
    """Numeric inter codes (older exports) and text types (newer ones) onto one vocabulary."""
    codes = " ".join(
        f"WHEN {code} THEN {sql_literal(label)}" for code, label in ACTOR_CATEGORIES.items()
    )
    texts = " ".join(
        f"WHEN {sql_literal(t)} THEN {sql_literal(label)}"
        for t, label in ACTOR_CATEGORY_TEXTS.items()
    )
    return (
        f"CASE try_cast({inter} AS INTEGER) {codes} "
        f"ELSE CASE lower(trim({inter})) {texts} ELSE {inter} END END"
    )


# placement columns are filled in after validation (see placement.py)
_PLACEHOLDERS = (
    "CAST(NULL AS VARCHAR) AS admin1_pcode, CAST(NULL AS VARCHAR) AS admin1_name, "
    "CAST(NULL AS VARCHAR) AS admin2_pcode, CAST(NULL AS VARCHAR) AS admin2_name, "
    "'unplaced' AS placement,"
)


def _base(c: _Cols, date: str, lat: str, lon: str) -> str:
    """The source with its date and coordinates parsed once (checks use them repeatedly)."""
    inner = f"(SELECT *, {c.row} AS _row, {c.trimmed()} FROM {c.from_}) AS trimmed"
    return (
        f"(SELECT *, {date} AS _date, try_cast({lat} AS DOUBLE) AS _lat, "
        f"try_cast({lon} AS DOUBLE) AS _lon FROM {inner}) AS base"
    )


def _acled_sql(c: _Cols, countries: Sequence[CountryEntry], today: date) -> str:
    from_ = _base(c, date_sql(c("event_date")), c("latitude"), c("longitude"))
    row, date, lat, lon = "_row", "_date", "_lat", "_lon"
    fat = c("fatalities")
    if "civilian_targeting" in c.names:
        civilian = f"coalesce(lower({c('civilian_targeting')}) LIKE 'civilian%', false)"
    else:
        civilian = (
            f"coalesce({c('event_type')} = 'Violence against civilians' OR "
            f"({c('event_type')} = 'Explosions/Remote violence' AND "
            f"(try_cast({c('inter2')} AS INTEGER) = 7 "
            f"OR lower(trim({c('inter2')})) = 'civilians')), false)"
        )
    country_of = country_of_sql(c("country"), c("iso3") if "iso3" in c.names else None, countries)
    checks = checks_sql(
        ordered=c.ordered,
        source_id=c("event_id_cnty"),
        date=date,
        today=today,
        # ACLED codebook: fatalities is always a number, 0 when none or no reliable report
        fatalities=[(fat, "fatalities", True)],
        lat=lat,
        lon=lon,
        lat_text=c("latitude"),
        lon_text=c("longitude"),
        country_ok=country_ok_sql(c("country"), country_of, countries),
        inside=inside_sql(lat, lon, countries, country_of),
    )
    fat_int = f"coalesce(try_cast({fat} AS INTEGER), 0)"
    return f"""
        SELECT {row} AS _row, {checks} AS _reason,
            'acled:' || {c("event_id_cnty")} AS event_key,
            'acled' AS source,
            {c("event_id_cnty")} AS source_id,
            {c("timestamp")} AS source_version,
            CAST(NULL AS BIGINT) AS dataset_id,
            {c.row_hash()} AS row_hash,
            {date} AS event_date,
            CAST(year({date}) AS SMALLINT) AS year,
            {c("event_type")} AS event_type,
            {c("sub_event_type")} AS sub_event_type,
            {c("actor1")} AS actor1,
            {c("actor2")} AS actor2,
            {_category_sql(c("inter1"))} AS actor1_category,
            {_category_sql(c("inter2"))} AS actor2_category,
            CAST({fat_int} AS INTEGER) AS fatalities,
            CAST(NULL AS INTEGER) AS fatalities_low,
            CAST(NULL AS INTEGER) AS fatalities_high,
            {civilian} AS civilian_targeting,
            CAST(CASE WHEN {civilian} THEN {fat_int} ELSE 0 END AS INTEGER)
                AS civilian_fatalities,
            {c("country")} AS country,
            coalesce({c("iso3")}, {country_of}, {_only(countries)}) AS iso3,
            {c("admin1")} AS admin1,
            {c("admin2")} AS admin2,
            {c("admin3")} AS admin3,
            {c("location")} AS location,
            {lat} AS latitude,
            {lon} AS longitude,
            CAST(try_cast({c("geo_precision")} AS INTEGER) AS TINYINT) AS geo_precision,
            {_PLACEHOLDERS}
            {c.long_text("notes")} AS notes,
            {c.raw_columns(ACLED_VERBATIM)}
        FROM {from_}
    """


_UCDP_TYPES = {1: "State-based violence", 2: "Non-state violence", 3: "One-sided violence"}


def _ucdp_category(side: str, vtype: str) -> str:
    return (
        f"CASE WHEN {side} IS NULL THEN NULL "
        f"WHEN lower({side}) LIKE 'government of%' THEN 'State forces' "
        f"WHEN lower({side}) = 'civilians' THEN 'Civilians' "
        f"WHEN {vtype} = 2 THEN 'Political militias' ELSE 'Rebel groups' END"
    )


def _strip_admin_suffix(expr: str) -> str:
    # GED writes "Mopti region", "Djenné cercle": keep the name itself for matching.
    return (
        f"nullif(trim(regexp_replace({expr}, "
        "'\\s+(region|province|cercle|district|county|prefecture|state|municipality|"
        "commune|department|governorate)$', '', 'i')), '')"
    )


def _ucdp_sql(c: _Cols, countries: Sequence[CountryEntry], today: date) -> str:
    from_ = _base(c, date_sql(f"left({c('date_start')}, 10)"), c("latitude"), c("longitude"))
    row, date, lat, lon = "_row", "_date", "_lat", "_lon"
    vtype = f"try_cast({c('type_of_violence')} AS INTEGER)"
    type_name = " ".join(f"WHEN {k} THEN {sql_literal(v)}" for k, v in _UCDP_TYPES.items())
    # GED writes "Yemen (North Yemen)": the name before the brackets
    country = f"regexp_replace({c('country')}, '\\s*\\(.*\\)$', '')"
    country_of = country_of_sql(country, None, countries)
    checks = checks_sql(
        ordered=c.ordered,
        source_id=c("id"),
        date=date,
        today=today,
        # UCDP GED codebook: best, low, high and the deaths_* counts are always integers
        fatalities=[
            (c("best"), "best", True),
            (c("low"), "low", "low" in c.names),
            (c("high"), "high", "high" in c.names),
            (c("deaths_civilians"), "deaths_civilians", "deaths_civilians" in c.names),
        ],
        lat=lat,
        lon=lon,
        lat_text=c("latitude"),
        lon_text=c("longitude"),
        country_ok=country_ok_sql(country, country_of, countries),
        inside=inside_sql(lat, lon, countries, country_of),
    )
    checks = checks.replace(
        "CASE WHEN",
        f"CASE WHEN {vtype} IS NULL OR {vtype} NOT IN (1, 2, 3) "
        "THEN 'type_of_violence is not 1, 2 or 3' WHEN",
        1,
    )
    adm1 = c("adm_1")
    return f"""
        SELECT {row} AS _row, {checks} AS _reason,
            'ucdp:' || {c("id")} AS event_key,
            'ucdp' AS source,
            {c("id")} AS source_id,
            {c("version") if "version" in c.names else "CAST(NULL AS VARCHAR)"} AS source_version,
            CAST(NULL AS BIGINT) AS dataset_id,
            {c.row_hash()} AS row_hash,
            {date} AS event_date,
            CAST(year({date}) AS SMALLINT) AS year,
            CASE {vtype} {type_name} END AS event_type,
            CAST(NULL AS VARCHAR) AS sub_event_type,
            {c("side_a")} AS actor1,
            {c("side_b")} AS actor2,
            {_ucdp_category(c("side_a"), vtype)} AS actor1_category,
            {_ucdp_category(c("side_b"), vtype)} AS actor2_category,
            CAST(coalesce(try_cast({c("best")} AS INTEGER), 0) AS INTEGER) AS fatalities,
            CAST(try_cast({c("low")} AS INTEGER) AS INTEGER) AS fatalities_low,
            CAST(try_cast({c("high")} AS INTEGER) AS INTEGER) AS fatalities_high,
            coalesce({vtype} = 3, false) AS civilian_targeting,
            CAST(coalesce(try_cast({c("deaths_civilians")} AS INTEGER), 0) AS INTEGER)
                AS civilian_fatalities,
            {c("country")} AS country,
            coalesce({country_of}, {_only(countries)}) AS iso3,
            {_strip_admin_suffix(adm1)} AS admin1,
            {_strip_admin_suffix(c("adm_2"))} AS admin2,
            CAST(NULL AS VARCHAR) AS admin3,
            {c("where_coordinates")} AS location,
            {lat} AS latitude,
            {lon} AS longitude,
            CAST(try_cast({c("where_prec")} AS INTEGER) AS TINYINT) AS geo_precision,
            {_PLACEHOLDERS}
            {c.long_text("where_description")} AS notes,
            {c.raw_columns(UCDP_VERBATIM)}
        FROM {from_}
    """


def _only(countries: Sequence[CountryEntry]) -> str:
    """The one country of a one-country workspace, for rows that name none."""
    if len(countries) == 1:
        return sql_literal(countries[0].iso3.upper())
    return "CAST(NULL AS VARCHAR)"


def raw_json_sql(source: str, columns: Sequence[str], table: str) -> tuple[str, list[str]]:
    """A SELECT of the ``raw`` JSON object from a mapping result ``table`` (built from its
    ``_raw<i>`` pass-through columns), and the names of those columns."""
    verbatim = ACLED_VERBATIM if source == "acled" else UCDP_VERBATIM
    fields = raw_fields(columns, verbatim)
    passed = [f"_raw{i}" for i in range(len(fields))]
    if not fields:
        return f"SELECT '{{}}' AS raw FROM {table}", passed
    pairs = ", ".join(f"{sql_identifier(c)} := {p}" for c, p in zip(fields, passed, strict=True))
    return f"SELECT to_json(struct_pack({pairs})) AS raw FROM {table}", passed


def mapping_sql(
    source: str,
    columns: Sequence[str],
    *,
    countries: Sequence[CountryEntry] = (),
    from_: str = "src",
    ordered: bool = True,
    today: date | None = None,
) -> str:
    """The SELECT mapping ``from_`` (a table or ``read_csv`` expression) of ``source``.

    ``ordered``: ``from_`` is a table in file order, so ``_row`` is its ``rowid`` and of two
    rows with the same id the later is rejected; otherwise ``_row`` is NULL and repeated ids
    are not checked (the caller does it). ``today`` is the import date (dates more than a
    day after it are set aside). ``countries``: the workspace's countries; rows of another
    country are set aside, and ``iso3`` is the row's country among them.
    """
    day = today or date.today()
    if source == "acled":
        cols = _Cols(columns, from_, ordered, ACLED_KNOWN)
        return _acled_sql(cols, countries, day)
    if source == "ucdp":
        cols = _Cols(columns, from_, ordered, UCDP_KNOWN)
        return _ucdp_sql(cols, countries, day)
    raise InputError(f"unknown source {source!r} (use acled or ucdp)")
