"""The event sources peaceops reads (ACLED, UCDP GED): their columns and how to recognise them.

``source_mapping`` maps a file of either source onto the canonical event table; ``row_checks``
holds the validation rules it applies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from peaceops.csvfile import INDEX_COLUMN
from peaceops.errors import InputError

__all__ = [
    "ACLED_KNOWN",
    "ACLED_REQUIRED",
    "ACLED_VERBATIM",
    "SOURCES",
    "UCDP_KNOWN",
    "UCDP_REQUIRED",
    "UCDP_VERBATIM",
    "SourceSpec",
    "check_columns",
    "detect_source",
    "raw_fields",
]

ACLED_REQUIRED = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "actor1",
    "country",
    "admin1",
    "latitude",
    "longitude",
    "fatalities",
)
# Fields stored verbatim in their own canonical column, so not repeated in ``raw``.
ACLED_VERBATIM = frozenset(
    ("event_id_cnty", "event_type", "sub_event_type", "actor1", "actor2", "country",
     "admin1", "admin2", "admin3", "location", "notes")
)  # fmt: skip
UCDP_VERBATIM = frozenset(
    ("id", "side_a", "side_b", "country", "where_coordinates", "where_description")
)
UCDP_REQUIRED = (
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "date_start",
    "country",
    "adm_1",
    "latitude",
    "longitude",
    "best",
)

# The columns each source documents. The row hash covers these (those the file has), in this
# order, so that column order and columns a user added do not make an event look revised.
ACLED_KNOWN = (
    "event_id_cnty", "event_id_no_cnty", "data_id", "iso", "event_date", "year",
    "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
    "tags", "timestamp", "iso3", "population_1km", "population_2km", "population_5km",
    "population_best",
)  # fmt: skip
UCDP_KNOWN = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence",
    "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id",
    "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id",
    "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates",
    "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "best", "high", "low", "gwnoa", "gwnob",
)  # fmt: skip


@dataclass(frozen=True)
class SourceSpec:
    name: str  # "acled" | "ucdp"
    label: str  # publisher name for provenance
    required: tuple[str, ...]
    citation: str


SOURCES = {
    "acled": SourceSpec(
        "acled",
        "ACLED",
        ACLED_REQUIRED,
        "Armed Conflict Location & Event Data Project (ACLED); www.acleddata.com.",
    ),
    "ucdp": SourceSpec(
        "ucdp",
        "UCDP GED",
        UCDP_REQUIRED,
        "Uppsala Conflict Data Program Georeferenced Event Dataset (UCDP GED); ucdp.uu.se.",
    ),
}


def detect_source(columns: Sequence[str]) -> str:
    """``acled`` or ``ucdp`` from the header, or InputError when it is neither."""
    names = {c.casefold() for c in columns}
    if "event_id_cnty" in names or {"event_type", "inter1"} <= names:
        return "acled"
    if {"type_of_violence", "side_a"} <= names or {"date_start", "deaths_civilians"} <= names:
        return "ucdp"
    raise InputError(
        "cannot tell the source of this file from its columns (expected an ACLED export with "
        "event_id_cnty or a UCDP GED file with type_of_violence); name it: acled or ucdp",
        field="source",
    )


def check_columns(source: str, columns: Sequence[str], file_name: str) -> None:
    missing = [c for c in SOURCES[source].required if c not in set(columns)]
    if missing:
        raise InputError(
            f"{file_name}: missing required {SOURCES[source].label} column(s): "
            + ", ".join(missing)
        )


def raw_fields(columns: Sequence[str], verbatim: frozenset[str]) -> list[str]:
    """The source fields that have no verbatim canonical column (they make up ``raw``)."""
    # The pandas index some exports carry renumbers on every export: not part of the row.
    return [c for c in columns if c != INDEX_COLUMN and c not in verbatim]
